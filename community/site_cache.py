"""The site's structure as every page shows it, read once and shared between requests.

Every page needs the same few facts about the page tree before it does its own work: which
Wagtail site answers the host, the locales, the menu, which sections are restricted, and the
language twins of the page. They change only when an editor publishes, moves or deletes a page,
restricts a section, or edits a site or a locale, so each process keeps them in memory.

The processes agree through one *generation* token in the Django cache (Redis in production):
every write that can change the structure replaces the token (at once, and again when its
transaction commits, so that nobody keeps what they read before the commit), and a request reads
the token once, when it starts (`serving`). Values remembered under an older token are dropped.
Outside a request (shell, tasks) nothing is remembered: every read goes to the database.
"""

import copy
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, LocaleManager, Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from community import outages
from community.models import HomePage

GENERATION_KEY = "community:site-structure:generation"

# Fields of a page whose change can alter the menu, the routes, the twins or the restrictions.
STRUCTURE_FIELDS = frozenset(
    {
        "title",
        "slug",
        "url_path",
        "live",
        "show_in_menus",
        "path",
        "depth",
        "locale",
        "locale_id",
        "translation_key",
        "alias_of",
        "alias_of_id",
        "content_type",
        "content_type_id",
    }
)

_generation: ContextVar[str | None] = ContextVar("community_site_structure", default=None)
# (generation, {key: value}) for this process, replaced whole so that threads never pair one
# generation with another's values.
_memo = (None, {})


def _read_generation() -> str | None:
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            generation = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, generation, timeout=None):
                generation = cache.get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - without the cache, pages read the database
        return None
    return generation


@contextmanager
def serving():
    """Remember the site's structure for the length of one request."""
    token = _generation.set(_read_generation())
    try:
        yield
    finally:
        _generation.reset(token)


def _values():
    """This process's values for the request's generation, or None outside a request."""
    global _memo
    generation = _generation.get()
    if generation is None:
        return None
    memo_generation, values = _memo
    if memo_generation != generation:
        values = {}
        _memo = (generation, values)
    return values


def remember(key, compute):
    """`compute()`, computed once per generation in this process (every time outside a
    request). Callers hand out copies of anything a request could change."""
    values = _values()
    if values is None:
        return compute()
    try:
        return values[key]
    except KeyError:
        value = values[key] = compute()
        return value


def structure_changed(**kwargs):
    """Forget the structure everywhere: now, and again once the write is committed."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _cache_recovered(**kwargs):
    """Redis answers again: what was written while it was down did not replace the generation,
    and the structure other processes remembered from before the outage may be stale."""
    _new_generation()


def forget_in_this_process():
    """Drop what this process remembers (tests whose tables were emptied under it)."""
    global _memo
    _memo = (None, {})


def _new_generation():
    global _memo
    generation = uuid.uuid4().hex
    try:
        cache.set(GENERATION_KEY, generation, timeout=None)
    except Exception:  # noqa: BLE001 - without the cache, nothing was remembered elsewhere
        generation = None
    _memo = (None, {})
    if _generation.get() is not None:
        # The rest of this request reads what it has just written.
        _generation.set(generation)


def _page_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or STRUCTURE_FIELDS.intersection(update_fields):
        structure_changed()


# --- Sites and locales ----------------------------------------------------------------------


def site_for_request(request):
    """The Wagtail site for the request's host, with its root page, as Wagtail finds it."""
    try:
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
    except Exception:  # noqa: BLE001 - let Wagtail decide, as it always did
        return Site._find_for_request(request)

    def load():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    return copy.deepcopy(remember(("site", hostname, port), load))


def _locales():
    return {locale.language_code: locale for locale in Locale.objects.all()}


def locale_for_language(language_code):
    """The Locale of a language code (as `Locale.objects.get_for_language` answers)."""
    code = get_supported_content_language_variant(language_code)
    locale = remember(("locales",), _locales).get(code)
    if locale is None:
        raise Locale.DoesNotExist(f"No locale for the language {code!r}.")
    return copy.copy(locale)


def locale_by_id(locale_id):
    for locale in remember(("locales",), _locales).values():
        if locale.pk == locale_id:
            return copy.copy(locale)
    return None


def _get_for_language(manager, language_code):
    if _generation.get() is None or manager.model._meta.label != "wagtailcore.Locale":
        return _original_get_for_language(manager, language_code)
    return locale_for_language(language_code)


_original_get_for_language = None


# --- View restrictions ----------------------------------------------------------------------


def _restrictions():
    return {
        "restricted": list(
            PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()
        ),
        "aliases": list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
    }


def restricted_sections():
    """[(path, depth)] of the pages with a view restriction (each restricts its subtree)."""
    return remember(("restrictions",), _restrictions)["restricted"]


def public(pages):
    """`pages.public()` (pages outside every restricted section), without asking the database
    for the restrictions on every request."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return pages.exclude(q) if q else pages


def no_view_restriction_applies(page) -> bool:
    """Whether certainly no view restriction applies to `page`: none on it or above it, and no
    alias on the way (Wagtail checks an alias's source instead, so it is left to Wagtail)."""
    if page.alias_of_id is not None:
        return False
    known = remember(("restrictions",), _restrictions)
    return not any(page.path.startswith(path) for path, _depth in known["restricted"]) and (
        not any(page.path.startswith(path) for path in known["aliases"])
    )


def _no_restrictions():
    return PageViewRestriction.objects.none()


def before_serve_page(page, request, serve_args, serve_kwargs):
    """Wagtail's view-restriction check reads the page's ancestors and their restrictions on
    every request; answer it from memory when no restriction can apply. Also give the page its
    locale, which most pages read."""
    if _generation.get() is None:
        return
    if no_view_restriction_applies(page):
        page.get_view_restrictions = _no_restrictions
    if "locale" not in page._state.fields_cache:
        locale = locale_by_id(page.locale_id)
        if locale is not None:
            page.locale = locale


# --- The menu and the language twins --------------------------------------------------------


def _site_id(request):
    site = Site.find_for_request(request)
    return site.pk if site is not None else None


def menu_pages(request, locale):
    """[(title, url)] of the live, public pages marked "show in menus" under the home page of
    `locale`."""
    site_id = _site_id(request)

    def load():
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            return []
        pages = public(home.get_children().live().in_menu()).order_by("path")
        return [(page.title, page.get_url(request=request)) for page in pages]

    return list(remember(("menu", site_id, locale.pk), load))


def page_translation_urls(page, request):
    """{language code: url} of the live translations of `page` (itself included)."""
    site_id = _site_id(request)

    def load():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return {twin.locale.language_code: twin.get_url(request=request) for twin in translations}

    return dict(remember(("twins", site_id, str(page.translation_key)), load))


def url_in_language(request, url: str, language: str) -> str:
    """`url`, an address on this site, as its twin in `language`: a Wagtail page's translation
    (its slug may differ), else the same address under the other language's prefix. Addresses
    on another host, and those that no language resolves, are kept as they are."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return url
    current = translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    if current == language:
        return url
    with translation.override(current):
        try:
            match = resolve(unquote(parts.path))
        except Resolver404:
            return url
        page = _page_at(request, match.args[0]) if match.url_name == "wagtail_serve" else None
        twin = page_translation_urls(page, request).get(language) if page is not None else None
        if twin:
            return urlunsplit(("", "", twin, parts.query, parts.fragment))
        return translate_url(url, language)


def public_request() -> HttpRequest:
    """A request for the site's public address (`SITE_URL`), for work done outside any request
    (e-mails sent by tasks) that must find pages as a visitor at that address would."""
    origin = urlsplit(settings.SITE_URL)
    request = HttpRequest()
    request.META["HTTP_HOST"] = origin.netloc
    request.META["SERVER_NAME"] = origin.hostname or ""
    request.META["SERVER_PORT"] = str(origin.port or (443 if origin.scheme == "https" else 80))
    request.META["wsgi.url_scheme"] = origin.scheme or "http"
    request.path = request.path_info = "/"
    return request


def _page_at(request, path: str):
    """The Wagtail page served at `path` (below the language prefix) in the active language."""
    site = site_for_request(request)
    if site is None:
        return None
    try:
        return site.root_page.localized.specific.route(
            request, [part for part in path.split("/") if part]
        ).page
    except Http404:
        return None


# --- Wiring ---------------------------------------------------------------------------------


def install():
    """Connect the invalidation, serve Wagtail's locale look-ups from memory, and skip the
    view-restriction queries where none apply. Called once, when the app is ready."""
    global _original_get_for_language

    if _original_get_for_language is None:
        _original_get_for_language = LocaleManager.get_for_language
        LocaleManager.get_for_language = _get_for_language
        hooks.register("before_serve_page", before_serve_page)

    uid = "community_site_structure"
    outages.cache_recovered.connect(_cache_recovered, dispatch_uid=f"{uid}_cache_recovered")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(structure_changed, dispatch_uid=f"{uid}_{id(signal)}")
    for model in get_page_models():
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"{uid}_save_{model._meta}")
        post_delete.connect(
            structure_changed, sender=model, dispatch_uid=f"{uid}_del_{model._meta}"
        )
    for model in (PageViewRestriction, Site, Locale):
        post_save.connect(structure_changed, sender=model, dispatch_uid=f"{uid}_save_{model._meta}")
        post_delete.connect(
            structure_changed, sender=model, dispatch_uid=f"{uid}_del_{model._meta}"
        )
