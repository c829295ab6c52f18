"""A helper service that stops is not a site that stops.

Redis unreachable (the cache backend of production, `community.outages.OutageTolerantRedisCache`,
pointed at a closed port): pages, sign-in and its limits work, `/health/` says the site is
degraded and names the cache, and the log says so once a minute. The database unreachable (the
default connection pointed at a closed port on PostgreSQL, at a file in a missing folder on
SQLite): visitors get the site's 503 page with Retry-After.
"""

import logging
import os
import socket
import socketserver
import tempfile
import threading
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.cache import cache, caches
from django.db import connections
from django.test import Client
from redis.exceptions import ConnectionError as RedisConnectionError

from community import outages
from community.models import CommunitySettings
from community.questions.services import question_ask
from community.settings import base
from tests.factories import (
    DEFAULT_PASSWORD,
    MemberFactory,
    QuestionFactory,
    TopicFactory,
    api_token,
)

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache(settings, location):
    """The cache as production sets it up with REDIS_URL, on `location`, with a record of its
    outages of its own (the process keeps one per address)."""
    settings.CACHES = {
        "default": {"BACKEND": "community.outages.OutageTolerantRedisCache", "LOCATION": location}
    }
    caches["default"].local.clear()
    return caches["default"]


@pytest.fixture
def fresh_outage_records(monkeypatch):
    monkeypatch.setattr(outages, "_outages", {})


@pytest.fixture
def redis_unreachable(settings, page_cache_on, fresh_outage_records):
    """Production's cache and page cache, with Redis stopped: nothing listens on its port."""
    return redis_cache(settings, f"redis://127.0.0.1:{closed_port()}/0")


@pytest.fixture
def live_redis(settings, page_cache_on, fresh_outage_records):
    """Production's cache and page cache on a running Redis (REDIS_URL, or database 15 of a
    local one)."""
    address = urlsplit(REDIS_URL)
    try:
        socket.create_connection((address.hostname, address.port or 6379), timeout=1).close()
    except OSError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    backend = redis_cache(settings, REDIS_URL)
    backend.clear()
    yield backend
    backend.clear()


def visit(path, client=None):
    response = (client or Client()).get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def failed_log_in(client, email):
    return client.post("/accounts/login/", {"login": email, "password": "not-the-password"})


def outage_warnings(caplog):
    return [
        record
        for record in caplog.records
        if record.name == "community.outages" and "unreachable" in record.getMessage()
    ]


# --- Redis unreachable ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/fr/", "/questions/", "/fr/questions/", "/accounts/login/"])
def test_pages_answer_while_redis_is_unreachable(redis_unreachable, site_pages, path):
    QuestionFactory(title="Why does the grinder stall?")

    first = visit(path)
    second = visit(path)

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    if "questions" in path:
        assert "Why does the grinder stall?" in second.content.decode()


@pytest.fixture
def not_redis():
    """Something that is not Redis listening where Redis should be (a proxy, a web server)."""

    class Answer(socketserver.BaseRequestHandler):
        def handle(self):
            self.request.recv(1024)
            self.request.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.server_address[1]}/0"
    server.shutdown()
    server.server_close()


def test_pages_answer_when_something_else_answers_in_place_of_redis(
    settings, page_cache_on, fresh_outage_records, not_redis, site_pages
):
    backend = redis_cache(settings, not_redis)

    response = visit("/questions/")

    assert "X-Page-Cache" not in response
    assert backend.outage.since is not None


def test_a_question_page_answers_while_redis_is_unreachable(redis_unreachable, site_pages):
    question = QuestionFactory(title="Why does the grinder stall?")

    response = visit(question.get_absolute_url())

    assert "Why does the grinder stall?" in response.content.decode()


def test_a_member_signs_in_and_writes_while_redis_is_unreachable(redis_unreachable, site_pages):
    member = MemberFactory(display_name="Camille Martin")
    client = Client()

    signed_in = client.post(
        "/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert "Camille Martin" in visit("/", client).content.decode()

    asked = client.post(
        "/questions/ask/",
        {
            "title": "Can I descale with vinegar?",
            "place": f"topic:{TopicFactory().slug}",
            "body": "The manual says nothing about it.",
        },
    )
    assert asked.status_code == 302
    response = visit(asked["Location"], client)
    assert "Can I descale with vinegar?" in response.content.decode()
    assert "Camille Martin" in response.content.decode()


def test_failed_sign_ins_stay_limited_per_account_while_redis_is_unreachable(
    redis_unreachable, site_pages, settings
):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS  # 5 failures in 5 minutes
    member = MemberFactory()
    client = Client()
    for _attempt in range(5):
        assert "Too many failed attempts" not in failed_log_in(client, member.email).text

    refused = client.post("/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD})

    assert "Too many failed attempts to log in" in refused.text
    assert "_auth_user_id" not in client.session
    assert caches["default"].outage.since is not None


def test_sign_ins_stay_limited_per_network_address_while_redis_is_unreachable(
    redis_unreachable, site_pages, settings
):
    settings.PROTECTIONS_FLOOD_LIMITS = True
    site_settings = CommunitySettings.load()
    site_settings.logins_per_hour_per_ip = 2
    site_settings.save()
    client = Client()
    for member in MemberFactory.create_batch(2):
        failed_log_in(client, member.email)

    refused = client.post(
        "/accounts/login/", {"login": MemberFactory().email, "password": DEFAULT_PASSWORD}
    )

    assert "Too many failed log-in attempts came from your network" in refused.text
    assert "_auth_user_id" not in client.session


def test_health_says_degraded_and_names_the_cache_while_redis_is_unreachable(
    redis_unreachable, client
):
    with time_machine.travel(datetime(2026, 5, 4, 9, 12, 3, tzinfo=UTC), tick=False):
        response = client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["cache"], body["database"]) == ("degraded", "unavailable", "ok")
    assert body["down"] == ["cache"]
    assert body["details"]["cache"] == {
        "backend": "OutageTolerantRedisCache",
        "unreachable_since": "2026-05-04T09:12:03+00:00",
    }


def test_health_is_ok_on_a_running_redis(live_redis, client):
    response = client.get("/health/")

    assert response.json()["status"] == "ok"
    assert response.json()["details"]["cache"] == {"backend": "OutageTolerantRedisCache"}


def test_the_log_says_the_cache_is_unreachable_once_a_minute(redis_unreachable, site_pages, caplog):
    caplog.set_level(logging.WARNING, logger="community.outages")
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=UTC), tick=False) as clock:
        for path in ("/", "/questions/", "/"):
            visit(path)
        assert len(outage_warnings(caplog)) == 1

        for _retry in range(5):
            clock.shift(timedelta(seconds=outages.RETRY_SECONDS + 1))
            visit("/questions/")
        assert len(outage_warnings(caplog)) == 1

        clock.shift(timedelta(seconds=outages.WARN_EVERY_SECONDS))
        visit("/")

    first, second = outage_warnings(caplog)
    assert first.cache == second.cache == redis_unreachable.outage.name
    assert second.down_seconds == 5 * (outages.RETRY_SECONDS + 1) + outages.WARN_EVERY_SECONDS
    assert second.failed_calls == 6  # one a request: the calls after it skip Redis


def test_redis_is_not_asked_again_for_a_few_seconds_after_it_failed(redis_unreachable):
    with mock.patch.object(
        type(redis_unreachable._cache),
        "get",
        autospec=True,
        side_effect=RedisConnectionError("refused"),
    ) as redis_get:
        cache.get("a")
        cache.get("b")
        assert redis_get.call_count == 1
        with time_machine.travel(outages.RETRY_SECONDS + 1 + redis_unreachable.outage.since):
            cache.get("c")
    assert redis_get.call_count == 2


def test_pages_stored_before_an_outage_do_not_hide_what_was_written_during_it(
    live_redis, site_pages, commits_as_in_production
):
    asker, topic = MemberFactory(), TopicFactory()
    assert visit("/questions/")["X-Page-Cache"] == "miss"
    assert visit("/questions/")["X-Page-Cache"] == "hit"

    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        with mock.patch.object(
            type(live_redis._cache), "get_client", side_effect=RedisConnectionError("refused")
        ):
            question_ask(
                asker,
                title="Asked while Redis was down",
                body="Is my question kept?",
                topic=topic,
            )
            assert "Asked while Redis was down" in visit("/questions/").text
        clock.shift(timedelta(seconds=outages.RETRY_SECONDS + 1))
        response = visit("/questions/")

    assert live_redis.outage.since is None
    assert response["X-Page-Cache"] == "miss"
    assert "Asked while Redis was down" in response.text


# --- The database unreachable -----------------------------------------------------------------


@contextmanager
def database_stopped():
    """The default connection replaced by one to a database that does not answer; the test's
    own connection (and its transaction) is put back afterwards."""
    original = connections["default"]
    settings_dict = {**original.settings_dict}
    if original.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        missing_folder = Path(tempfile.gettempdir()) / f"missing-{uuid.uuid4().hex}"
        settings_dict["NAME"] = str(missing_folder / "community.sqlite3")
    unreachable = original.__class__(settings_dict, alias="default")
    connections["default"] = unreachable
    try:
        yield
    finally:
        unreachable.close()
        connections["default"] = original


@pytest.fixture
def database_unreachable():
    with database_stopped():
        yield


@pytest.mark.parametrize(
    ("path", "language", "title"),
    [
        ("/", "en", "The community is unavailable for a moment"),
        ("/questions/", "en", "The community is unavailable for a moment"),
        ("/fr/questions/", "fr", "La communauté est indisponible pour un moment"),
    ],
)
def test_visitors_get_the_503_page_while_the_database_is_unreachable(
    site_pages, database_unreachable, path, language, title
):
    response = Client(raise_request_exception=False).get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == str(outages.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{title}</h1>" in page
    assert "/static/css/site.css" in page
    assert f'href="{path}"' in page


def test_a_signed_in_member_gets_the_503_page_while_the_database_is_unreachable(site_pages, member):
    client = Client(raise_request_exception=False)
    client.force_login(member)

    with database_stopped():
        response = client.post("/accounts/logout/")

    assert response.status_code == 503
    assert response["Retry-After"] == str(outages.RETRY_AFTER_SECONDS)


def test_the_api_answers_503_in_json_while_the_database_is_unreachable(db):
    _stored, token = api_token()

    with database_stopped():
        response = Client(raise_request_exception=False).get(
            "/api/v1/ideas/", HTTP_AUTHORIZATION=f"Bearer {token}"
        )

    assert response.status_code == 503
    assert response["Retry-After"] == str(outages.RETRY_AFTER_SECONDS)
    assert response.json()["error"] == {
        "status": 503,
        "code": "unavailable",
        "message": "The community is unavailable for a moment. Please try again in a minute.",
    }


def test_other_errors_still_get_the_500_page(site_pages):
    with mock.patch("community.views.operations.health_report", side_effect=ValueError("bug")):
        response = Client(raise_request_exception=False).get("/health/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "Retry-After" not in response
