"""What the site tells its operators: one log line per request, with a request id.

In production every log record is one JSON object on one line (`JsonFormatter`), so that a log
collector can search by field. Each request gets an id, taken from the proxy's X-Request-ID
when the site sits behind trusted proxies or generated here, returned in the response header
and attached to every record logged while the request runs, errors and their traces included.
A member appears in the logs only as a keyed hash of their id: never their id, name or e-mail.
"""

import contextvars
import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.functional import empty

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy's request id may look like: UUIDs, hex, AWS trace ids ("Root=1-…"), and the like.
# Anything else is replaced, so that a forged header cannot break a log line or a response.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:=+/-]{0,127}$")
# URL arguments that are credentials (unsubscribe, password reset, e-mail confirmation links):
# their values never reach the logs.
SECRET_URL_ARGUMENTS = ("token", "key", "uidb36", "uidb64")
# Load balancers ask for /health/ every few seconds; only its failures are worth a line.
QUIET_PATHS = ("/health/",)

request_logger = logging.getLogger("community.requests")

_request_id = contextvars.ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being handled in this thread or task, if any."""
    return _request_id.get()


def request_id_from(request) -> str:
    """The proxy's X-Request-ID when a trusted proxy is in front and it looks sane, else a new one.

    Without a trusted proxy (TRUSTED_PROXY_COUNT = 0) the header comes straight from the client
    and is ignored.
    """
    if settings.TRUSTED_PROXY_COUNT:
        incoming = request.headers.get(REQUEST_ID_HEADER, "").strip()
        if VALID_REQUEST_ID.match(incoming):
            return incoming
    return uuid.uuid4().hex


def member_hash(member_id) -> str | None:
    """A stable pseudonym for a member in the logs: an HMAC of their id keyed by SECRET_KEY.

    The same member always gets the same hash, so their requests can be followed, but the hash
    cannot be turned back into the id without the secret key.
    """
    if member_id is None:
        return None
    return salted_hmac(
        "community.observability.member", str(member_id), algorithm="sha256"
    ).hexdigest()[:16]


def _signed_in_member_id(request):
    """The signed-in member's id, read only if the request already loaded the user.

    Loading it here would cost queries on pages that never needed to know who is signed in.
    """
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


def _loggable_path(request) -> str:
    """The path without its query string, and with credentials in the URL blanked out."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name in SECRET_URL_ARGUMENTS:
            value = match.kwargs.get(name)
            if value:
                path = path.replace(str(value), "[redacted]")
    return path


class RequestLogMiddleware:
    """Gives each request an id and writes one line about it once it is answered.

    It comes first in MIDDLEWARE, so that the duration covers the whole stack and the id is
    known to everything that logs while the request runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request)
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            self.log(request, response, started)
            return response
        finally:
            _request_id.reset(token)

    def log(self, request, response, started):
        if response.status_code < 400 and request.path.startswith(QUIET_PATHS):
            return
        match = getattr(request, "resolver_match", None)
        request_logger.info(
            "%s %s %s",
            request.method,
            _loggable_path(request),
            response.status_code,
            extra={
                "method": request.method,
                "path": _loggable_path(request),
                "view": match.view_name if match is not None else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "member": member_hash(_signed_in_member_id(request)),
            },
        )


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record, so that an error can be matched with its request.

    Django logs 4xx and 5xx responses once the middleware has returned; those records carry
    the request itself, which carries its id.
    """

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id() or getattr(
                getattr(record, "request", None), "request_id", None
            )
        return True


# Attributes every LogRecord has; anything else on a record was passed in `extra`.
_STANDARD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys() | {"message", "asctime"}
)
# Extras that must not be written out: Django's HttpRequest (its repr carries the query
# string) and the server's socket.
_UNSAFE_EXTRAS = frozenset({"request", "server_time"})


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras, trace."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRIBUTES and name not in _UNSAFE_EXTRAS:
                entry[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, default=str, ensure_ascii=False)
