"""/health/ tells load balancers and monitoring which parts of the site answer."""

import http.server
import os
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

pytestmark = pytest.mark.django_db

PARTS = ("database", "cache", "search", "tasks")


def task_result(*, status=TaskResultStatus.READY, enqueued_minutes_ago=0, run_after=None, **fields):
    """A row of django_tasks_db's queue, as the database backend writes it."""
    result = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="community.tasks.send_notification_email",
        backend_name="default",
        run_after=run_after or get_date_max(),
        **fields,
    )
    DBTaskResult.objects.filter(pk=result.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=enqueued_minutes_ago)
    )
    return result


def test_health_answers_200_with_every_part_ok(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert {key: body[key] for key in ("status", *PARTS)} == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "search": "ok",
        "tasks": "ok",
    }
    assert "down" not in body
    assert body["details"]["search"] == {"engine": "database"}
    assert body["details"]["tasks"]["waiting"] == 0


def test_health_is_never_cached(client):
    response = client.get("/health/")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_answers_503_naming_the_database_when_it_is_unreachable(client):
    with mock.patch("community.operations.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "unavailable"
    assert "database" in body["down"]
    assert body["cache"] == "ok"


def test_health_says_degraded_naming_the_cache_when_it_is_unreachable(client):
    """Pages work without the cache: a load balancer must keep the app server in."""
    with mock.patch("community.operations.cache.set", side_effect=ConnectionError("refused")):
        response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["down"] == ["cache"]
    assert response.json()["cache"] == "unavailable"


def test_health_finds_a_cache_that_loses_what_it_is_given(client):
    with mock.patch("community.operations.cache.get", return_value=None):
        response = client.get("/health/")

    assert response.json()["status"] == "degraded"
    assert response.json()["down"] == ["cache"]


def test_health_answers_503_when_the_database_is_down_with_the_cache(client):
    with (
        mock.patch("community.operations.connection.cursor", side_effect=DatabaseError("down")),
        mock.patch("community.operations.cache.get", return_value=None),
    ):
        response = client.get("/health/?checks=database,cache")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["down"] == ["database", "cache"]


def test_health_counts_waiting_tasks_and_recent_failures_without_alarm(client):
    task_result(enqueued_minutes_ago=1)
    task_result(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now() - timedelta(hours=2),
        traceback="ValueError: boom",
        exception_class_path="builtins.ValueError",
    )
    task_result(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now() - timedelta(days=3),
        traceback="ValueError: old",
        exception_class_path="builtins.ValueError",
    )

    response = client.get("/health/")

    assert response.status_code == 200
    tasks = response.json()["details"]["tasks"]
    assert tasks["waiting"] == 1
    assert tasks["late"] == 0
    assert tasks["failed_last_24h"] == 1


def test_health_answers_503_naming_the_tasks_when_one_waits_too_long(client):
    task_result(enqueued_minutes_ago=30)

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["tasks"]
    assert body["tasks"] == "late"
    assert body["details"]["tasks"]["late"] == 1


def test_health_ignores_a_task_planned_for_later(client):
    task_result(enqueued_minutes_ago=30, run_after=timezone.now() + timedelta(hours=1))

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["details"]["tasks"]["waiting"] == 0


def test_health_can_run_only_the_checks_a_load_balancer_needs(client):
    task_result(enqueued_minutes_ago=30)

    response = client.get("/health/?checks=database,cache")

    assert response.status_code == 200
    assert set(response.json()) == {"status", "database", "cache", "details"}


def test_health_refuses_a_check_it_does_not_know(client):
    response = client.get("/health/?checks=database,databse")

    assert response.status_code == 400
    assert response.json()["unknown_checks"] == ["databse"]


class _FakeElasticsearch(http.server.BaseHTTPRequestHandler):
    """Answers the client's ping (HEAD /) the way an Elasticsearch node does."""

    def do_HEAD(self):
        self.server.requests.append((self.command, self.path))
        self.send_response(200)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/json")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def elasticsearch_node():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeElasticsearch)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_health_pings_elasticsearch_when_it_is_the_search_engine(
    client, settings, elasticsearch_node
):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{elasticsearch_node.server_address[1]}"

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["details"]["search"] == {"engine": "elasticsearch"}
    assert elasticsearch_node.requests == [("HEAD", "/")]


def test_health_answers_503_naming_the_search_engine_when_elasticsearch_is_down(client, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["down"] == ["search"]
    assert response.json()["search"] == "unavailable"


def test_health_needs_no_site_pages_nor_a_language_prefix(client):
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200


def test_health_only_answers_get(client):
    assert client.post("/health/").status_code == 405


def test_production_answers_health_checks_over_plain_http_without_redirecting(tmp_path):
    """Load balancers check app servers over HTTP; every other address goes to HTTPS."""
    environment = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="community.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        SECRET_KEY="production-like-secret-" + "k" * 50,
        ALLOWED_HOSTS="example.com",
    )
    script = (
        "import django; django.setup();"
        "from django.http import HttpResponse;"
        "from django.middleware.security import SecurityMiddleware;"
        "from django.test import RequestFactory;"
        "middleware = SecurityMiddleware(lambda request: HttpResponse());"
        "factory = RequestFactory(HTTP_HOST='example.com');"
        "print(middleware(factory.get('/health/')).status_code,"
        " middleware(factory.get('/products/')).status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301"]
