"""Whole pages for visitors, kept in the cache until any content changes.

A visitor (no session, no messages, no Authorization header) who asks for a public page gets the
copy that the previous visitor's request rendered, without the view running: the page costs
two cache reads instead of a dozen queries. Signed-in members always get a fresh page.

Invalidation is by **content generation**: every cached page is stored under the generation read
before its view ran, and any change to content replaces the generation, which makes every cached
page unreachable at once. Simple, and always correct: a page is never served after a write that
could change it has committed. Changes are noticed by

- every SQL statement that writes to a content table, on any connection (an execute wrapper),
  which sees what model signals see and also `QuerySet.update()`, bulk operations and raw SQL,
  in requests, background tasks, management commands and shells alike;
- the end of every request with an unsafe method, the end of every background task (for content
  kept outside the database, such as a search index) and Wagtail's publish and unpublish;

each bump waiting for its transaction to commit. Writes to bookkeeping tables (sessions, task
results, notifications, audit entries, image renditions…) change nothing a visitor sees and
leave the generation alone. The cache entries also expire after PAGE_CACHE_SECONDS, which keeps
relative dates ("5 minutes ago") fresh and bounds what any unseen change could cost.

The pages carry the language switcher's form, and so a CSRF token: it is taken out of the copy
before it is stored, and each visitor who is served the copy gets a token of their own (and the
cookie that goes with it), never another visitor's.

With the local-memory cache each process keeps its own pages and generation, so a write served
by one process would not reach the others: the page cache is meant for a shared cache (Redis,
with REDIS_URL), and PAGE_CACHE_SECONDS defaults to 0 without one.
"""

import hashlib
import logging
import re
import secrets
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import CSRF_SECRET_LENGTH, _unmask_cipher_token, get_token
from django.utils import translation
from django.utils.cache import get_max_age, has_vary_header

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
SAFE_METHODS = ("GET", "HEAD")

# Addresses (after the language prefix) that are never cached: the admin, accounts, the API,
# staff and private pages, files, and personal links.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/accounts/",
    "/staff/",
    "/conversations/",
    "/appeals/",
    "/unsubscribe/",
    "/ideas/mine/",
    "/ideas/export/",
    "/questions/inbox/",
    "/i18n/",
    "/health/",
    "/static/",
    "/media/",
    "/documents/",
    "/_util/",
)

# Tables whose rows no visitor ever sees: writing them leaves cached pages as they are.
BOOKKEEPING_TABLES = (
    "django_session",
    "django_admin_log",
    "django_cache",
    "django_tasks_database_",
    "account_emailconfirmation",
    "mfa_",
    "socialaccount_socialtoken",
    "community_apitoken",
    "community_auditentry",
    "community_auditreference",
    "community_dataexport",
    "community_digestschedule",
    "community_notification",
    "community_preferencechange",
    "community_webhookdelivery",
    "ideas_exportjob",
    "wagtailadmin_editingsession",
    "wagtailcore_modellogentry",
    "wagtailcore_pagelogentry",
    "wagtailcore_pagesubscription",
    "wagtailcore_referenceindex",
    "wagtailembeds_embed",
    "wagtailimages_rendition",
    "wagtailusers_userprofile",
)

_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE", "MERGE", "WITH", "COPY")
_WRITTEN_TABLE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO
    |TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO|COPY)\s+[`"\[]?(\w+)""",
    re.IGNORECASE | re.VERBOSE,
)
_DATA_CHANGE = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)

# Where a page's CSRF token stood: replaced by a fresh token for each visitor served the copy.
CSRF_PLACEHOLDER = b"<page-cache:csrf-token>"
_CSRF_TOKEN = re.compile(
    rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % (2 * CSRF_SECRET_LENGTH)
)

_state = threading.local()


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


# --- The generation --------------------------------------------------------------------------


def current_generation():
    """The generation pages are stored under now, or None when the cache cannot be read.

    A new generation is a random token rather than a counter, so that a generation lost from the
    cache (evicted, or a Redis restart) is replaced by one no stored page was ever filed under.
    """
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
            generation = cache.get(GENERATION_KEY)
        return generation
    except Exception:
        logger.warning("The page cache could not read the content generation.", exc_info=True)
        return None


def bump_generation():
    """Make every cached page stale at once."""
    _state.bumping = True
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:
        logger.warning("The page cache could not bump the content generation.", exc_info=True)
    finally:
        _state.bumping = False


def content_changed(using=DEFAULT_DB_ALIAS):
    """Bump the generation once the current transaction on `using` commits (at once outside one).

    One bump per transaction is enough, however many writes it holds: a bump already waiting in
    this transaction (and not in a savepoint rolled back since) covers this change too.
    """
    if not enabled() or getattr(_state, "bumping", False):
        return
    connection = connections[using]
    if connection.in_atomic_block:
        if any(func is bump_generation for _sids, func, _robust in connection.run_on_commit):
            return
        connection.on_commit(bump_generation, robust=True)
    else:
        bump_generation()


def writes_content(sql):
    """Whether an SQL statement may change what a visitor sees (when unsure, it may)."""
    if not isinstance(sql, str):
        return True
    verb = sql.lstrip()[:8].upper()
    if not verb.startswith(_WRITE_VERBS):
        return False
    if verb.startswith("WITH"):
        return bool(_DATA_CHANGE.search(sql))
    match = _WRITTEN_TABLE.match(sql)
    return match is None or not match.group(1).lower().startswith(BOOKKEEPING_TABLES)


def _notice_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if enabled() and writes_content(sql):
        content_changed(context["connection"].alias)
    return result


def _watch_connection(sender, connection, **kwargs):
    # First in the list: `connection.execute_wrapper()` blocks pop the last one when they end.
    if _notice_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _notice_writes)


def _on_signal(sender=None, **kwargs):
    content_changed()


def install():
    """Watch every database connection and the signals of writes made elsewhere (called once,
    from the community app's `ready()`)."""
    from django_tasks.signals import task_finished
    from wagtail.signals import page_published, page_unpublished

    connection_created.connect(_watch_connection, dispatch_uid="page_cache_watch_connection")
    for connection in connections.all(initialized_only=True):
        _watch_connection(None, connection)
    page_published.connect(_on_signal, dispatch_uid="page_cache_page_published")
    page_unpublished.connect(_on_signal, dispatch_uid="page_cache_page_unpublished")
    task_finished.connect(_on_signal, dispatch_uid="page_cache_task_finished")


# --- Requests --------------------------------------------------------------------------------


def _unprefixed_path(path):
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def cacheable_request(request):
    """A visitor's safe request for a public page, carrying nothing of their own."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "Authorization" not in request.headers
        and "json" not in request.headers.get("Accept", "")
        and not _unprefixed_path(request.path_info).startswith(EXCLUDED_PREFIXES)
    )


def cacheable_response(request, response):
    """A complete 200 page, the same for every visitor: it sets no cookie of its own, starts no
    session and queues no message, and does not ask caches to keep it private (as Django's own
    UpdateCacheMiddleware decides)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if getattr(getattr(request, "_messages", None), "added_new", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    return get_max_age(response) != 0 and not has_vary_header(response, "*")


def page_key(request, generation):
    address = (
        f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        f"|{translation.get_language()}"
    )
    return f"page-cache:page:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def _without_csrf_tokens(request, content):
    """The page with each CSRF token of this request replaced by the placeholder."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content

    def replace(match):
        token = match.group().decode()
        return CSRF_PLACEHOLDER if _unmask_cipher_token(token) == secret else match.group()

    return _CSRF_TOKEN.sub(replace, content)


def entry_for(request, response):
    content = response.content
    uses_csrf = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    if uses_csrf:
        content = _without_csrf_tokens(request, content)
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in ("content-length", HEADER.lower())
    ]
    return {"content": content, "headers": headers, "csrf": uses_csrf}


def response_from(request, entry):
    content = entry["content"]
    if entry["csrf"]:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in entry["headers"]:
        response[name] = value
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serves visitors the cached copy of public pages, and notes the end of every write request.

    Sits below the session, locale, CSRF, authentication and first-visit language middleware, so
    that the language is known, the first-visit redirect still happens and the CSRF cookie of a
    served copy is set as for any page; only the view is skipped.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            # Services update counters with QuerySet.update(), and a write may touch what the
            # database does not hold: any completed write request makes the cached pages stale.
            content_changed()
            return response
        if not enabled() or not cacheable_request(request):
            return self.get_response(request)
        generation = current_generation()
        if generation is None:
            return self.get_response(request)
        key = page_key(request, generation)
        try:
            entry = cache.get(key)
        except Exception:
            logger.warning("The page cache could not read a page.", exc_info=True)
            entry = None
        if entry is not None:
            return response_from(request, entry)
        response = self.get_response(request)
        if request.method == "GET" and cacheable_response(request, response):
            try:
                cache.set(key, entry_for(request, response), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("The page cache could not store a page.", exc_info=True)
        response[HEADER] = "miss"
        return response
