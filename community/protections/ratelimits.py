"""Counters of what a member or a network address did in a period, kept in the cache.

The cache is local memory on one machine and Redis (`REDIS_URL`) when several app servers share
the load, so every server counts against the same limit (while Redis is down, each process counts
in its own memory: `community.outages`). Each counter is a fixed window (this hour, this day):
simple, exact under concurrency (`incr` is atomic in Redis and locked in local memory), and it
can say when the person may try again.

The client's network address comes from the request being served (`ProtectionsMiddleware`
records it), so services that never see the request can still count per address.
"""

import contextvars
import math
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.cache import cache

_client_ip = contextvars.ContextVar("community_client_ip", default=None)


@contextmanager
def serving(ip: str | None):
    """Mark the code inside as serving a person at network address `ip`."""
    token = _client_ip.set(ip or "")
    try:
        yield
    finally:
        _client_ip.reset(token)


def current_ip() -> str | None:
    """The network address of the person being served, "" when unknown, None outside a request."""
    return _client_ip.get()


def client_ip(request) -> str:
    """The request's client address, after `TrustedProxyMiddleware` read X-Forwarded-For."""
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@dataclass(frozen=True)
class Window:
    """`limit` actions per `period` seconds."""

    limit: int
    period: int


def _key(action: str, scope: str, ident, window_start: int) -> str:
    return f"protections:{action}:{scope}:{ident}:{window_start}"


def hit(action: str, scope: str, ident, window: Window, *, now: float | None = None) -> int:
    """Count one more `action` by `ident`; returns 0 when within the limit, otherwise the number
    of seconds until the window ends and the person may try again."""
    if window.limit <= 0 or ident in (None, ""):
        return 0
    now = time.time() if now is None else now
    window_start = int(now // window.period) * window.period
    key = _key(action, scope, ident, window_start)
    cache.add(key, 0, timeout=window.period + 60)
    try:
        count = cache.incr(key)
    except ValueError:
        # The counter expired between add and incr: this is the window's first action.
        cache.set(key, 1, timeout=window.period + 60)
        count = 1
    if count <= window.limit:
        return 0
    return max(1, math.ceil(window_start + window.period - now))


def wait(action: str, scope: str, ident, window: Window, *, now: float | None = None) -> int:
    """Like `hit` without counting: seconds to wait when the limit is already reached, else 0."""
    if window.limit <= 0 or ident in (None, ""):
        return 0
    now = time.time() if now is None else now
    window_start = int(now // window.period) * window.period
    if (cache.get(_key(action, scope, ident, window_start)) or 0) < window.limit:
        return 0
    return max(1, math.ceil(window_start + window.period - now))
