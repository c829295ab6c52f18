"""Whole pages for visitors and members, kept in the cache until any content changes.

A visitor (no session, no messages, no Authorization header) who asks for a public page gets the
copy that the previous visitor's request rendered, without the view running: the page costs
two cache reads instead of a dozen queries. Signed-in members have copies of their own (below).

Invalidation is by **generation**, per scope of content (`community.page_scopes`): a page
says which content kinds it shows (`shows(request, "idea", …)`; a page that does not say depends
on everything), and is stored with the generations those scopes had before its view ran. Every
write of a row replaces the generation of the row's scope once its transaction commits (model
signals, the querysets' own `update()` and bulk writes, Wagtail's publishing), which makes every
page that shows that scope unreachable at once, and leaves the others: a page is never served
after a committed write that could change it. A stored page is also fresh for
PAGE_CACHE_SECONDS only, which keeps relative dates ("5 minutes ago") fresh. When that time is
up, one request renders the page again while the others are still served the copy it replaces,
for as long as that render takes (up to REFILL_SECONDS); and after a change, the first request
for a page renders it while the others wait for that render rather than rendering it too. A
popular page never has every request of one moment render it at once, and a page whose content
has changed is never served, stale or not.

Visitors' pages carry no POST form, and so no CSRF token and no cookie (the language switcher
is a pair of links): a shared cache in front of the site may keep them too
(`community.cache_headers`). A page that does carry a token (members' pages, with their forms)
has it taken out of the copy before it is stored, and each reader who is served the copy gets a
token of their own (and the cookie that goes with it), never another reader's. While a page is
rendered to be stored, the templates' token (`csrf_token`, from the context processor `csrf`
below) is a placeholder of that render's own, which shows where the token goes; the reader who
rendered the page gets their own token there. A token put in a page by Python (`get_token`)
rather than by its templates would stay in the copy: pages take theirs from the templates'
context.

Signed-in members share pages too, when nothing on the page is theirs. A view that shows
members the same page opts in with `share_with_members(request, <kind>=ids)`, naming the
threads on the page that a member can have a stake in (questions, ideas, products…). The first
ordinary member with no stake in any of them (see `shares_pages`) renders the page; it is stored
with its personal parts — the account menu with the unread count, the messages — cut out, and
every other ordinary member with no stake in those threads is served that copy with their own
parts put back (and CSRF tokens of their own). A member who wrote, voted, reported or followed
anything in those threads, staff, moderators, the product team, unverified and suspended members
get a page of their own. Each kind of thread has one stake check (`register_stake`), written
beside the selectors that show the member's state: a member's stake is one query. A list whose
only personal state is a mark on some items (the "You voted" of idea cards) shares its copy
with everyone instead: each mark is cut out too and filled for each member from one query
(`register_mark`). Served copies are the same page, byte for byte but for CSRF tokens, that
the view renders for that member.

With the local-memory cache each process keeps its own pages and generations, so a write served
by one process would not reach the others: the page cache is meant for a shared cache (Redis,
with REDIS_URL), and PAGE_CACHE_SECONDS defaults to 0 without one. While Redis is down
(`community.outages`), and whenever the cache cannot be read, each page is rendered by its view,
as with the page cache off.
"""

import hashlib
import logging
import re
import secrets
import time
from contextlib import contextmanager
from functools import partial, reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, Q
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.context import make_context
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.cache import get_max_age, has_vary_header
from django.utils.functional import SimpleLazyObject

from community import outages, page_scopes, permissions, site_cache
from community.compiled import CompiledQuery
from community.models import Member

logger = logging.getLogger(__name__)

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

# Where a page's CSRF token stood: replaced by a fresh token for each visitor served the copy.
CSRF_PLACEHOLDER = b"<page-cache:csrf-token>"

# How long a stale page may still be served to others while one request renders it again; a
# render that takes longer (or fails) lets the next request try.
REFILL_SECONDS = 10
# How long a page is kept after it stops being fresh, to be served while it is rendered again.
STALE_SECONDS = 60
# How often a request waiting for another's render of a page looks whether it is stored.
WAIT_STEP = 0.02


def enabled():
    """On, unless PAGE_CACHE_SECONDS is 0 or the cache is down (pages are then rendered for
    each request, `community.outages`)."""
    return settings.PAGE_CACHE_SECONDS > 0 and not outages.cache_down()


# --- What a page shows -----------------------------------------------------------------------


def shows(request, *kinds):
    """Say that the page being rendered shows these content kinds (keys of the registry) and
    nothing else that changes, but for what every page shows (`page_scopes.SITE`): it is kept
    until a write to one of them. A page that never says it depends on everything. Parts of a
    page (inclusion tags) may add theirs."""
    unknown = set(kinds) - set(page_scopes.every_scope())
    if unknown:
        raise ValueError(f"No such content kind: {', '.join(sorted(unknown))}.")
    shown = getattr(request, "page_cache_shows", None)
    if shown is None:
        shown = request.page_cache_shows = {page_scopes.SITE}
    shown.update(kinds)


def scopes_shown(request) -> tuple[str, ...]:
    shown = getattr(request, "page_cache_shows", None)
    return page_scopes.every_scope() if shown is None else tuple(sorted(shown))


def up_to_date(entry, generations=None) -> bool:
    """Whether none of what the stored page shows has been written since it was rendered
    (`generations`: those of now, read with the page; otherwise they are read)."""
    rendered_under = entry.get("generations") or {}
    if generations is None:
        generations = page_scopes.generations(rendered_under)
    return (
        bool(rendered_under)
        and generations is not None
        and all(generations.get(scope) == token for scope, token in rendered_under.items())
    )


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


def page_key(request, audience="visitor"):
    address = (
        f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        f"|{translation.get_language()}"
    )
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:{audience}:{digest}"


@contextmanager
def rendering_to_store(request):
    """While the view renders a page that may be stored, the templates' CSRF token is a
    placeholder of this render's own (given as bytes): as long as a token and of the same
    letters, so that any escaping leaves it as it is and the page keeps its length."""
    placeholder = secrets.token_hex(32)
    request.page_cache_csrf_placeholder = placeholder
    try:
        yield placeholder.encode()
    finally:
        del request.page_cache_csrf_placeholder


def csrf_token(request):
    """The CSRF token the templates put in a page: `get_token`'s, or the placeholder while the
    page is rendered to be stored (`get_token` still runs: the reader gets the CSRF cookie, and
    the page is known to carry a token)."""
    token = get_token(request)
    return getattr(request, "page_cache_csrf_placeholder", None) or token


def csrf(request):
    """The templates' CSRF token: a context processor in place of Django's own
    (`django.template.context_processors.csrf`, which always runs first, and is overridden)."""
    return {"csrf_token": SimpleLazyObject(partial(csrf_token, request))}


def with_csrf_token(request, response, placeholder):
    """The reader who rendered the page gets their own CSRF token where the placeholder stands."""
    if not response.streaming and placeholder in response.content:
        response.content = response.content.replace(placeholder, get_token(request).encode())


def entry_for(request, response, placeholder, content=None):
    content = response.content if content is None else content
    uses_csrf = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    if uses_csrf:
        content = content.replace(placeholder, CSRF_PLACEHOLDER)
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
    response[HEADER] = "hit" if is_fresh(entry) else "stale"
    return response


class PageCacheMiddleware:
    """Serves visitors and members with no stake the cached copy of public pages.

    Sits below the session, locale, CSRF, authentication and first-visit language middleware, so
    that the language is known, the first-visit redirect still happens and the CSRF cookie of a
    served copy is set as for any page; only the view is skipped.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or request.method not in SAFE_METHODS:
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and shares_pages(request.user):
            return self.serve_member(request)
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        entry, before = current_copy(key)
        if before is None:
            return self.get_response(request)
        copy, claimed = copy_or_claim(key, entry)
        if copy is not None:
            return response_from(request, copy)
        with rendering_to_store(request) as placeholder:
            response = self.get_response(request)
        if request.method == "GET" and cacheable_response(request, response):
            store_page(
                key, entry_for(request, response, placeholder), rendered_under(request, before)
            )
        with_csrf_token(request, response, placeholder)
        if claimed:
            release_refill(key)
        response[HEADER] = "miss"
        return response

    def serve_member(self, request):
        """An ordinary member's page: the copy shared by members with no stake in it, when
        they have none either; otherwise, and to fill the copy, the view's own render."""
        if not _public_address(request):
            return self.get_response(request)
        key = page_key(request, audience="member")
        entry, before = current_copy(key)
        if before is None:
            return self.get_response(request)
        if entry is not None and has_stake(request.user, entry["threads"]):
            return self.get_response(request)
        copy, claimed = copy_or_claim(key, entry)
        if copy is not None:
            if copy is entry or not has_stake(request.user, copy["threads"]):
                return member_response_from(request, copy)
            return self.get_response(request)
        with rendering_to_store(request) as placeholder:
            response = self.get_response(request)
        threads = getattr(request, "member_share", None)
        if (
            threads is not None
            and request.method == "GET"
            and cacheable_response(request, response)
            and not has_stake(request.user, threads)
        ):
            entry = member_entry_for(request, response, threads, placeholder)
            store_page(key, entry, rendered_under(request, before))
            response[HEADER] = "miss"
        with_csrf_token(request, response, placeholder)
        if claimed:
            release_refill(key)
        return response


def copy_or_claim(key, entry):
    """What a request for the page stored under `key` (as `entry`, None if nothing is) does:
    (the copy to serve, None) or (None, whether this request claimed the render).

    A fresh copy is served. A page that is stale or missing is rendered by one request at a
    time: the first to ask claims the render; while it runs, the others are served the stale
    copy, or, with none, wait for the render to be stored (REFILL_SECONDS at most; if it ends
    without storing a page, each renders it)."""
    if entry is not None and is_fresh(entry):
        return entry, False
    if claims_refill(key):
        return None, True
    return (entry if entry is not None else awaited_page(key)), False


def awaited_page(key):
    """The page another request is rendering, once stored; None if that render ends without
    storing it or runs out of time. Counted in steps rather than read from a clock, which a
    frozen test clock would stop."""
    refill = _refill_key(key)
    for _step in range(int(REFILL_SECONDS / WAIT_STEP)):
        time.sleep(WAIT_STEP)
        try:
            found = cache.get_many([key, refill])
        except Exception:
            logger.warning("The page cache could not read a page.", exc_info=True)
            return None
        if key in found:
            return found[key] if up_to_date(found[key]) else None
        if refill not in found:
            return None
    return None


def current_copy(key):
    """(the page stored under `key`, fresh or stale, if nothing it shows was written since it
    was rendered, else None; the generations of every scope now, None when the cache cannot
    be read), in one read of the cache. The generations are read before the view runs, as a
    page rendered now must be stored under them."""
    scopes = page_scopes.every_scope()
    keys = page_scopes.generation_keys(scopes)
    try:
        found = cache.get_many([key, *keys.values()])
    except Exception:
        logger.warning("The page cache could not read a page.", exc_info=True)
        return None, None
    generations = page_scopes.generations(scopes, known=found)
    entry = found.get(key)
    if entry is None or not up_to_date(entry, generations):
        return None, generations
    return entry, generations


def is_fresh(entry):
    return time.time() < entry.get("fresh_until", 0)


def _refill_key(key):
    return f"{key}:refill"


def claims_refill(key):
    """Whether this request is the one that renders a stale page again (True for the first to
    ask; the others are served the stale copy meanwhile)."""
    try:
        return cache.add(_refill_key(key), 1, timeout=REFILL_SECONDS)
    except Exception:
        logger.warning("The page cache could not claim a refill.", exc_info=True)
        return True


def release_refill(key):
    """Let the next request render the page again (this one could not store it)."""
    try:
        cache.delete(_refill_key(key))
    except Exception:
        logger.warning("The page cache could not release a refill.", exc_info=True)


def rendered_under(request, generations) -> dict:
    """{scope: generation} of the scopes the page shows, among `generations` (read before its
    view ran)."""
    return {scope: generations[scope] for scope in scopes_shown(request)}


def store_page(key, entry, generations):
    """Store a page, fresh for PAGE_CACHE_SECONDS and kept STALE_SECONDS longer, under the
    generations of the scopes it shows (`rendered_under`)."""
    entry["generations"] = generations
    entry["fresh_until"] = time.time() + settings.PAGE_CACHE_SECONDS
    try:
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS + STALE_SECONDS)
    except Exception:
        logger.warning("The page cache could not store a page.", exc_info=True)


# --- Members: one copy for every member with no stake in the page ------------------------------

# The parts of a page that are the member's own, rendered for each request into a shared copy.
# In the templates: {% personal "includes/account_menu.html" %} (community_tags).
PERSONAL_PARTS = ("includes/account_menu.html", "includes/messages.html")
_PERSONAL_PART = re.compile(rb"<!--personal:([\w/.-]+)-->.*?<!--/personal-->", re.DOTALL)
_PERSONAL_HOLE = re.compile(rb"<!--personal:([\w/.-]+)-->")

_PERSONAL_MARK = re.compile(rb"<!--mark:(\w+):(\d+)-->.*?<!--/mark-->", re.DOTALL)
_MARK_HOLE = re.compile(rb"<!--mark:(\w+):(\d+)-->")

_stake_checks = {}
_mark_kinds = {}


def register_stake(kind, rows_of):
    """Name a kind of thread a page can show, with `rows_of(member, ids)`: the querysets of the
    rows that give `member` a stake in those threads (what they wrote, voted, reported,
    followed…). A member with a row in any of them is not served a shared copy."""
    _stake_checks[kind] = rows_of


def register_mark(kind, values_of, template_name):
    """Name a member's mark on the items of a list (the vote on an idea card…), so that a list
    shared by members can show each of them their own marks: `values_of(member, ids)` gives
    {id: value} for the items the member marked, and `template_name` renders `value` (None for
    the others). In templates: {% personal_mark kind item.pk value %} (community_tags)."""
    _mark_kinds[kind] = (values_of, template_name)


def personal_mark(request, kind, item_id, value):
    """A member's mark on one item: rendered, and marked so that a shared copy of the page has
    it cut out and rendered again for each member who is served the copy."""
    html = render_to_string(_mark_kinds[kind][1], {"value": value})
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return html
    return f"<!--mark:{kind}:{int(item_id)}-->{html}<!--/mark-->"


def _fill_marks(request, content):
    """Each mark of the copy, as the member who is served it made it: one query per kind."""
    holes = {}
    for kind, item_id in _MARK_HOLE.findall(content):
        holes.setdefault(kind.decode(), set()).add(int(item_id))
    if not holes:
        return content
    values, rendered = {}, {}
    for kind, ids in holes.items():
        values_of, _template_name = _mark_kinds[kind]
        values[kind] = values_of(request.user, sorted(ids))

    def fill(match):
        kind = match.group(1).decode()
        value = values[kind].get(int(match.group(2)))
        if (kind, value) not in rendered:
            template_name = _mark_kinds[kind][1]
            rendered[kind, value] = render_to_string(template_name, {"value": value}).encode()
        return match.group() + rendered[kind, value] + b"<!--/mark-->"

    return _MARK_HOLE.sub(fill, content)


def share_with_members(request, **threads):
    """Say that this page is the same for every ordinary member with no stake in `threads`
    (kind → ids of what the page shows). Parts of a page (inclusion tags) add their own threads;
    a page whose view never calls this is rendered for each member."""
    if getattr(request, "member_share", None) is None:
        request.member_share = {}
    note_threads(request, **threads)


def share_page_with_members(request, page, **threads):
    """`share_with_members` for a Wagtail page, unless a view restriction applies to it (a
    member let in by a password or a group must not open the page to the others)."""
    if site_cache.no_view_restriction_applies(page):
        share_with_members(request, **threads)


def note_threads(request, **threads):
    """A part of the page (an inclusion tag) shows a member's state in these threads: a page
    shared with members (`share_with_members`) is shared only with those with no stake in them
    either. On a page that is not shared, nothing to do."""
    unknown = set(threads) - set(_stake_checks)
    if unknown:
        raise ValueError(f"No stake check for {', '.join(sorted(unknown))}.")
    shared = getattr(request, "member_share", None)
    if shared is None:
        return
    for kind, ids in threads.items():
        shared.setdefault(kind, set()).update(ids)


def shares_pages(user) -> bool:
    """Members who may be served a copy shared with others: signed in, verified, not
    suspended, with no role and no permission of their own (staff, moderators, the product
    team, admins and anyone granted a permission may see more). The permissions come with the
    member (`selectors.member_for_request`): no query."""
    return bool(
        user is not None
        and permissions.can_write(user)
        and not user.is_superuser
        and not user.role_names
        and not user.get_all_permissions()
        and permissions.active_staff_card(user) is None
    )


def has_stake(member, threads) -> bool:
    """Whether `member` has a row in any of the threads (kind → ids): one query, built once
    for each set of kinds and numbers of ids."""
    kinds = tuple(sorted(kind for kind, ids in threads.items() if ids))
    if not kinds:
        return False
    query = _stake_queries.get(kinds)
    if query is None:
        query = _stake_queries[kinds] = CompiledQuery(partial(_stake_query, kinds))
    ids = {kind: sorted(threads[kind]) for kind in kinds}
    return query.exists(Member, member=member.pk, **ids)


_stake_queries = {}


def _stake_query(kinds, member, **ids):
    conditions = [
        Q(Exists(rows)) for kind in kinds for rows in _stake_checks[kind](member, ids[kind])
    ]
    return Member.objects.filter(pk=member).filter(reduce(or_, conditions)).values("pk")[:1]


def _public_address(request):
    return not _unprefixed_path(request.path_info).startswith(EXCLUDED_PREFIXES)


def member_entry_for(request, response, threads, placeholder):
    """The member's page as every member with no stake sees it: personal parts cut out to
    their names, CSRF tokens out."""
    content = _PERSONAL_PART.sub(rb"<!--personal:\1-->", response.content)
    content = _PERSONAL_MARK.sub(rb"<!--mark:\1:\2-->", content)
    entry = entry_for(request, response, placeholder, content)
    entry["threads"] = {kind: sorted(ids) for kind, ids in threads.items()}
    return entry


def member_response_from(request, entry):
    response = response_from(request, entry)
    names = {name.decode() for name in _PERSONAL_HOLE.findall(response.content)}
    parts = _personal_parts(request, sorted(names.intersection(PERSONAL_PARTS)))

    def fill(match):
        part = parts.get(match.group(1).decode())
        return b"" if part is None else match.group() + part + b"<!--/personal-->"

    response.content = _fill_marks(request, _PERSONAL_HOLE.sub(fill, response.content))
    return response


def _personal_parts(request, names):
    """The member's own parts of a page, by name, rendered in one context: the context
    processors run once for them all, as they do once for the page the view renders."""
    if not names:
        return {}
    templates = [get_template(name).template for name in names]
    context = make_context({}, request, autoescape=templates[0].engine.autoescape)
    with context.bind_template(templates[0]):
        return {
            name: template.render(context).encode()
            for name, template in zip(names, templates, strict=True)
        }
