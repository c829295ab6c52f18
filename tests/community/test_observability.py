"""Every request has an id and one log line; production writes each record as one JSON line."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from community import notifications
from community.observability import (
    REQUEST_ID_HEADER,
    JsonFormatter,
    RequestIdFilter,
    member_hash,
)

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]


def fails(request):
    raise ValueError("the grinder jammed")


def answers(request):
    return HttpResponse("ok")


def unavailable(request):
    return HttpResponse("come back later", status=503)


# The addresses of the tests that need a view of their own (see `pytest.mark.urls`).
urlpatterns = [
    path("fails/", fails),
    path("answers/", answers),
    path("unavailable/", unavailable),
]


@pytest.fixture
def log_lines():
    """The lines the production handler writes, parsed: JSON formatter and request id filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    requests_logger = logging.getLogger("community.requests")
    previous_level = requests_logger.level
    requests_logger.setLevel(logging.INFO)
    root.addHandler(handler)
    lines = []

    def read():
        lines[:] = [json.loads(line) for line in stream.getvalue().splitlines()]
        return lines

    yield read
    root.removeHandler(handler)
    requests_logger.setLevel(previous_level)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "community.requests"]


def test_each_response_carries_a_new_request_id(client):
    first = client.get("/health/")
    second = client.get("/health/")

    assert len(first[REQUEST_ID_HEADER]) == 32
    assert first[REQUEST_ID_HEADER] != second[REQUEST_ID_HEADER]


def test_the_proxys_request_id_is_kept_behind_a_trusted_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    response = client.get("/health/", HTTP_X_REQUEST_ID="Root=1-67891233-abcdef012345678912345678")

    assert response[REQUEST_ID_HEADER] == "Root=1-67891233-abcdef012345678912345678"


@pytest.mark.parametrize(
    "forged",
    ["two words", "line\nbreak", "x" * 200, "<script>", ""],
    ids=["space", "newline", "too-long", "markup", "empty"],
)
def test_a_malformed_request_id_is_replaced(client, settings, forged):
    settings.TRUSTED_PROXY_COUNT = 1

    response = client.get("/health/", HTTP_X_REQUEST_ID=forged)

    assert response[REQUEST_ID_HEADER] != forged
    assert len(response[REQUEST_ID_HEADER]) == 32


def test_a_clients_request_id_is_ignored_without_a_trusted_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0

    response = client.get("/health/", HTTP_X_REQUEST_ID="chosen-by-the-client")

    assert response[REQUEST_ID_HEADER] != "chosen-by-the-client"


@pytest.mark.urls(__name__)
def test_one_line_per_request_with_method_path_status_duration_and_request_id(client, log_lines):
    response = client.get("/answers/?email=camille@example.com")

    [line] = request_lines(log_lines())
    assert line["method"] == "GET"
    assert line["path"] == "/answers/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == response[REQUEST_ID_HEADER]
    assert line["member"] is None
    assert line["level"] == "INFO"
    assert "camille@example.com" not in json.dumps(line)


def test_a_signed_in_member_is_logged_as_a_keyed_hash_only(client, member, log_lines):
    client.force_login(member)

    client.get(f"/members/{member.handle}/")

    [line] = request_lines(log_lines())
    assert line["status"] == 200
    assert line["member"] == member_hash(member.pk)
    written = json.dumps(line)
    assert member.email not in written
    assert f'"member": {member.pk}' not in written
    assert str(member.pk) != line["member"]


def test_the_member_hash_is_keyed_by_the_secret_key(settings):
    first = member_hash(42)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 50

    assert member_hash(42) != first
    assert len(first) == 16
    assert member_hash(None) is None


def test_credentials_in_the_address_never_reach_the_log(client, member, log_lines):
    token = notifications.unsubscribe_token(member, "welcome")

    client.get(f"/unsubscribe/{token}/")

    [line] = request_lines(log_lines())
    assert token not in json.dumps(line)
    assert line["path"] == "/unsubscribe/[redacted]/"


def test_successful_health_checks_stay_out_of_the_log(client, log_lines):
    client.get("/health/")

    assert request_lines(log_lines()) == []


@pytest.mark.urls(__name__)
def test_an_error_is_logged_with_its_trace_and_the_request_id(log_lines):
    client = Client(raise_request_exception=False)

    response = client.get("/fails/")

    assert response.status_code == 500
    lines = log_lines()
    [error] = [line for line in lines if line["logger"] == "django.request"]
    assert error["level"] == "ERROR"
    assert error["request_id"] == response[REQUEST_ID_HEADER]
    assert "Traceback" in error["exception"]
    assert "ValueError: the grinder jammed" in error["exception"]
    assert "request" not in error
    [line] = request_lines(lines)
    assert line["status"] == 500
    assert line["request_id"] == response[REQUEST_ID_HEADER]


@pytest.mark.urls(__name__)
def test_djangos_line_about_an_error_response_carries_the_request_id(client, log_lines):
    """Django logs error responses after the middleware has returned, from the request."""
    response = client.get("/unavailable/")

    [line] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert line["status_code"] == 503
    assert line["request_id"] == response[REQUEST_ID_HEADER]


def test_the_json_formatter_writes_one_line_per_record_with_the_extras():
    try:
        raise RuntimeError("first line\nsecond line")
    except RuntimeError:
        record = logging.getLogger("demo").makeRecord(
            "demo",
            logging.ERROR,
            __file__,
            1,
            "went %s",
            ("wrong",),
            sys.exc_info(),
            extra={"status": 503, "path": "/x/"},
        )

    written = JsonFormatter().format(record)

    assert "\n" not in written
    entry = json.loads(written)
    assert entry["message"] == "went wrong"
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "demo"
    assert entry["status"] == 503 and entry["path"] == "/x/"
    assert entry["time"].endswith("+00:00")
    assert "RuntimeError: first line\nsecond line" in entry["exception"]


def test_production_writes_json_lines_with_the_request_id(tmp_path):
    """The production settings themselves: a failing health check, logged as JSON."""
    environment = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="community.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        SECRET_KEY="production-like-secret-" + "k" * 50,
        ALLOWED_HOSTS="example.com",
        PYTHONDONTWRITEBYTECODE="1",
    )
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "response = Client().get('/health/', secure=True, HTTP_HOST='example.com');"
        "print(response.status_code, response['X-Request-ID'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    status, request_id = result.stdout.split()
    assert status == "503"  # the empty database has no task table yet
    # Python's warnings (a missing static folder here) are not log records, hence the filter.
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    [request_line] = [line for line in lines if line["logger"] == "community.requests"]
    assert request_line["status"] == 503
    assert request_line["request_id"] == request_id
    [failure] = [line for line in lines if line["logger"] == "community.operations"]
    assert "Traceback" in failure["exception"]
    assert {line["request_id"] for line in lines} == {request_id}
