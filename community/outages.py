"""When a service the site relies on stops answering: the cache is done without, the database
is waited for.

**Redis.** Pages never need the cache to be right, only to be quick, so a cache that does not
answer is treated as a cache that has nothing (`OutageTolerantRedisCache`, the backend set
when REDIS_URL is): a read misses, a write is dropped, and the page is rendered as it would be
on a cold cache. The page cache stands aside while the cache is down (`cache_down`), sessions
are in the database, and `/health/` reports the site as degraded. After a failure, Redis is
asked again only once every RETRY_SECONDS, so that a page does not wait for a connection
timeout on each of its cache calls; the log says the cache is unreachable once a minute, not
once a request. When Redis answers again, `cache_recovered` is sent: what was written while it
was down did not renew the page cache's and the site structure's generations, and their
receivers renew them.

The counters of the rate limits cannot simply miss: a missing counter lets everyone through
(ours), or a lock that cannot be taken refuses everyone (allauth's). Their keys
(RATE_LIMIT_COUNTERS) are counted in the process's own memory while Redis is down, so
sign-in stays limited: per app process rather than across the site (each process allows the
limit, so the site allows it once per process), with no write on the database for each attempt
and nothing to clean up afterwards.

**The database.** Nothing can be shown without it: a request that finds it unreachable
(Django's `OperationalError` or `InterfaceError`, wherever it is raised) is answered with the
site's 503 page and `Retry-After` (`server_error`, the site's `handler500`), rendered without a
query.
"""

import logging
import sys
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError
from django.dispatch import Signal
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext
from django.views import defaults
from redis import exceptions as redis_errors

logger = logging.getLogger(__name__)

# --- The cache -------------------------------------------------------------------------------

# How long, after a failure, the cache is not asked at all (each call misses at once).
RETRY_SECONDS = 5
# At most one warning in this many seconds while the cache stays unreachable.
WARN_EVERY_SECONDS = 60
# How long a connection to Redis, and an answer on it, may take before the cache is down.
SOCKET_TIMEOUT_SECONDS = 1
# The keys kept in the process's memory while Redis is down, by prefix: the rate-limit counters
# of allauth (sign-in, sign-up, password resets) and of the protections (`protections.ratelimits`).
RATE_LIMIT_COUNTERS = ("allauth:rl:", "protections:")
# The most counters a process keeps in its own memory while Redis is down.
LOCAL_MAX_ENTRIES = 50_000

# Redis not answering, something else answering in its place, or Redis refusing to serve (a
# replica after a failover, memory full, permissions): the cache is down. Other errors are bugs.
UNAVAILABLE_ERRORS = (
    redis_errors.ConnectionError,
    redis_errors.TimeoutError,
    redis_errors.InvalidResponse,
    redis_errors.ReadOnlyError,
    redis_errors.OutOfMemoryError,
    redis_errors.NoPermissionError,
)

# Sent (with `name`, the cache's address, and `seconds`, how long it was down) when a cache that
# was unreachable answers again.
cache_recovered = Signal()


class CacheOutage:
    """What one process knows of a cache server's outage, shared by the cache's instances of
    every thread: since when it has failed, when to try it again, when it was last logged."""

    def __init__(self, name):
        self.name = name
        self.since = None
        self.retry_at = 0.0
        self.warned_at = None
        self.failures = 0
        self._lock = threading.Lock()

    def skipped(self) -> bool:
        """Whether a call should not even try the cache (it failed less than RETRY_SECONDS
        ago)."""
        return self.since is not None and time.time() < self.retry_at

    def failed(self, error) -> None:
        now = time.time()
        with self._lock:
            if self.since is None:
                self.since = now
            self.retry_at = now + RETRY_SECONDS
            self.failures += 1
            if self.warned_at is not None and now - self.warned_at < WARN_EVERY_SECONDS:
                return
            self.warned_at, failures, self.failures = now, self.failures, 0
            down_for = round(now - self.since)
        logger.warning(
            "The cache at %s is unreachable: pages are served without it.",
            self.name,
            extra={
                "cache": self.name,
                "error": str(error),
                "failed_calls": failures,
                "down_seconds": down_for,
            },
        )

    def answered(self) -> None:
        if self.since is None:
            return
        with self._lock:
            if self.since is None:
                return
            down_for = round(time.time() - self.since)
            self.since, self.warned_at, self.failures = None, None, 0
        logger.info(
            "The cache at %s answers again after %s seconds.",
            self.name,
            down_for,
            extra={"cache": self.name, "down_seconds": down_for},
        )
        for receiver, error in cache_recovered.send_robust(
            sender=CacheOutage, name=self.name, seconds=down_for
        ):
            if isinstance(error, Exception):
                logger.error("%r failed after the cache recovered.", receiver, exc_info=error)


_outages: dict[str, CacheOutage] = {}
_outages_lock = threading.Lock()


def _outage_of(servers) -> CacheOutage:
    """The process's one record for these servers (Django makes a cache instance per thread)."""
    name = ", ".join(_address(server) for server in servers)
    with _outages_lock:
        return _outages.setdefault(name, CacheOutage(name))


def _address(server) -> str:
    """host:port/db of a Redis URL (the socket's path for unix://), without its password."""
    parts = urlsplit(server)
    if parts.hostname is None:
        return parts.path
    return f"{parts.hostname}:{parts.port or 6379}{parts.path}"


_MISSING = object()


class OutageTolerantRedisCache(RedisCache):
    """Django's Redis cache, for which Redis not answering is a cache with nothing in it.

    OPTIONS are Django's (passed to redis-py's connection pool: `socket_connect_timeout` and
    `socket_timeout` default to SOCKET_TIMEOUT_SECONDS here), and `KEPT_LOCALLY_WHILE_DOWN`:
    prefixes of the keys kept in the process's memory while Redis is down, rather than missed
    (RATE_LIMIT_COUNTERS unless it says otherwise).
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.kept_locally = tuple(options.pop("KEPT_LOCALLY_WHILE_DOWN", RATE_LIMIT_COUNTERS))
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(server, {**params, "OPTIONS": options})
        self.outage = _outage_of(self._servers)
        # Keys made as this cache makes them (KEY_PREFIX, VERSION, KEY_FUNCTION, TIMEOUT).
        self.local = LocMemCache(
            f"community.outages:{self.outage.name}",
            {**params, "OPTIONS": {"MAX_ENTRIES": LOCAL_MAX_ENTRIES}},
        )

    def _is_local(self, key) -> bool:
        return bool(self.kept_locally) and str(key).startswith(self.kept_locally)

    def _call(self, remote, down):
        """`remote()` on Redis; `down()` when Redis is known to be down or fails to answer."""
        if self.outage.skipped():
            return down()
        try:
            result = remote()
        except UNAVAILABLE_ERRORS as error:
            self.outage.failed(error)
            return down()
        self.outage.answered()
        return result

    def _keyed(self, name, key, missed, *args):
        """The call `name` on one key: on Redis, or, while it is down, on the process's memory
        for a key kept locally, otherwise `missed`."""
        remote = getattr(super(), name)

        def down():
            return getattr(self.local, name)(key, *args) if self._is_local(key) else missed

        return self._call(lambda: remote(key, *args), down)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._keyed("add", key, False, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._keyed("get", key, default, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._keyed("set", key, None, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._keyed("touch", key, False, timeout, version)

    def delete(self, key, version=None):
        return self._keyed("delete", key, False, version)

    def has_key(self, key, version=None):
        return self._keyed("has_key", key, False, version)

    def incr(self, key, delta=1, version=None):
        """As for a key that is not there (ValueError) while Redis is down."""
        count = self._keyed("incr", key, _MISSING, delta, version)
        if count is _MISSING:
            raise ValueError(f"Key '{key}' not found.")
        return count

    def get_many(self, keys, version=None):
        keys = list(keys)
        remote = super().get_many
        return self._call(
            lambda: remote(keys, version),
            lambda: self.local.get_many([key for key in keys if self._is_local(key)], version),
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """The keys that could not be stored, as Django's backends say."""
        remote = super().set_many

        def down():
            local = {key: value for key, value in data.items() if self._is_local(key)}
            self.local.set_many(local, timeout, version)
            return [key for key in data if key not in local]

        return self._call(lambda: remote(data, timeout, version), down)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        remote = super().delete_many
        return self._call(
            lambda: remote(keys, version),
            lambda: self.local.delete_many([key for key in keys if self._is_local(key)], version),
        )

    def clear(self):
        self.local.clear()
        remote = super().clear
        return self._call(remote, lambda: False)


def cache_unreachable_since(alias=DEFAULT_CACHE_ALIAS) -> float | None:
    """When the cache `alias` stopped answering (a timestamp); None while it answers, and for
    a backend that cannot tell (local memory never stops)."""
    outage = getattr(caches[alias], "outage", None)
    return None if outage is None else outage.since


def cache_down(alias=DEFAULT_CACHE_ALIAS) -> bool:
    return cache_unreachable_since(alias) is not None


# --- The database ----------------------------------------------------------------------------

# How long a visitor is asked to wait before trying again while the database does not answer.
RETRY_AFTER_SECONDS = 30
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def server_error(request):
    """The site's handler500: the 503 page when the error is the database not answering,
    Django's 500 page otherwise. Django calls it while it handles the error, which is so in
    `sys.exc_info()`, whichever middleware or view raised it."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request):
    """The 503 page (JSON for the API and fetch requests), in the language of the address,
    with Retry-After.

    Rendered without the request, so that no context processor runs: nothing reads the
    database, the page tree or the cache."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
    with translation.override(language):
        if request.path_info.startswith("/api/") or "json" in request.headers.get("Accept", ""):
            # In the API's shape (`community.api.exceptions`).
            error = {
                "status": 503,
                "code": "unavailable",
                "message": gettext(
                    "The community is unavailable for a moment. Please try again in a minute."
                ),
            }
            return JsonResponse({"error": error}, status=503, headers=headers)
        content = loader.render_to_string(
            "503.html",
            {
                "site_name": settings.WAGTAIL_SITE_NAME,
                "home_url": "/" if language == settings.LANGUAGE_CODE else f"/{language}/",
                "path": request.get_full_path() if request.method == "GET" else request.path,
            },
        )
    return HttpResponse(content, status=503, headers=headers)
