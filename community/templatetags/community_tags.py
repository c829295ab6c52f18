"""Template pieces shared by every app: bylines, avatars and the language twins of a page."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from community import dates, page_cache, seo, site_cache
from community.i18n import current_language
from community.markdown import render_markdown
from community.page_cache import PERSONAL_PARTS
from community.permissions import is_staff_member

register = template.Library()


@register.inclusion_tag("includes/byline.html", takes_context=True)
def byline(context, content, *, show_date=True, history_url="", absolute_date=False):
    """Who wrote `content` (any AuthoredContent), as whom, and when.

    Staff writing shows the staff card it was written with: real name, photo, role title as it
    was then, and team. Member writing shows the display name and avatar, linked to the
    member's public page. With `history_url`, the "edited" mark links to the earlier versions.
    With `absolute_date`, the date is written as its date and made relative in the browser, so
    that the byline reads the same whenever it is rendered (it can be kept in the cache).
    """
    card = content.author_card if content.is_staff_writing else None
    return {
        "author": content.author,
        "card": card,
        "role_title": content.author_role_title,
        "date": content.created_at if show_date else None,
        "date_style": "absolute" if absolute_date else "relative",
        "edited_at": content.edited_at,
        "history_url": history_url,
        "member_file_url": _member_file_url(context.get("user"), content, card),
    }


def _member_file_url(viewer, content, card) -> str:
    """For staff reading member writing: the member page for staff (never for staff writing)."""
    if card is not None or content.author is None or not is_staff_member(viewer):
        return ""
    return reverse("conversations:member_file", args=[content.author.handle])


@register.simple_tag
def when(value, style="relative", css=""):
    """A date as the site writes it everywhere (`community/dates.py`): `{% when review.created_at
    %}` gives `<time datetime="…" title="Monday 7 December 2026, 20:27">3 hours ago</time>`.

    `style` "date", "datetime" or "month" always writes the date (for sentences such as "on
    {{ date }}", and for deadlines); `css` is the element's class. A relative time carries its
    date for `static/js/dates.js`, which keeps it true on cached pages and open tabs. "absolute"
    writes the date whatever its age, for `dates.js` to make relative: HTML that does not
    change with the time it is rendered at.
    """
    if not value:
        return ""
    absolute = style == "absolute"
    shown = dates.text(value, "date" if absolute else style)
    recent = absolute or (style == "relative" and dates.relative(value))
    return format_html(
        '<time{} datetime="{}" title="{}"{}>{}</time>',
        format_html(' class="{}"', css) if css else "",
        dates.machine(value),
        dates.full(value),
        format_html(' data-relative data-date="{}"', dates.text(value, "date")) if recent else "",
        shown,
    )


@register.inclusion_tag("includes/avatar.html")
def avatar(member, size=48, card=None):
    """A member's avatar, a staff card's photo, or generated initials on a colour."""
    image_url = ""
    if card is not None and card.photo:
        image_url = card.photo.url
    elif member is not None and member.avatar:
        image_url = member.avatar.url
    return {"member": member, "card": card, "size": size, "image_url": image_url}


@register.inclusion_tag("includes/staff_card.html")
def staff_card(card):
    return {"card": card}


@register.simple_tag(takes_context=True)
def language_twins(context):
    """The current page in each site language: [(code, name, url, is_current)].

    Wagtail pages use their live translations (their slugs may differ), remembered with the
    site's structure (`community.site_cache`); other pages swap the language prefix of their
    address. Worked out once per request, as the page head and the language switcher both need
    it.
    """
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_language_twins", None)
    if cached is not None:
        return cached
    page = context.get("page")
    current = current_language()
    page_urls = None
    if page is not None and hasattr(page, "get_translations"):
        page_urls = site_cache.page_translation_urls(page, request)
    twins = []
    for code, name in settings.LANGUAGES:
        if page_urls is not None:
            if code not in page_urls and code != current:
                continue
            url = page_urls.get(code, request.get_full_path())
        else:
            url = translate_url(request.get_full_path(), code)
        twins.append((code, name, url, code == current))
    request._language_twins = twins
    return twins


@register.filter
def is_within(path, section_url):
    """Whether `path` is the section at `section_url` or below it, for aria-current."""
    return bool(section_url) and (
        path == section_url or path.startswith(section_url.rstrip("/") + "/")
    )


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Editorial pages marked "show in menus" under the home page of the current language,
    remembered with the site's structure (`community.site_cache`)."""
    return site_cache.menu_pages(context.get("request"), Locale.get_active())


@register.filter
def markdown(text):
    """Markdown rendered and sanitised on the fly, for the few places that cannot store the HTML
    (earlier versions in an edit history). Lists use the `body_html` saved with the content."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 in render_markdown


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context):
    """The canonical address and the link preview (OpenGraph, Twitter card) of this page.

    A view sets `preview` (a `community.seo.Preview`) and, where the page is a copy of another,
    `canonical`; a Wagtail page gives its own; other pages fall back on the site's card.
    """
    request = context.get("request")
    if request is None:
        return {}
    site_name = context.get("site_name", settings.WAGTAIL_SITE_NAME)
    preview = context.get("preview")
    page = context.get("page")
    if preview is None and page is not None and hasattr(page, "seo_title"):
        preview = seo.page_preview(page, request)
    if preview is None:
        preview = seo.Preview(title=site_name)
    language = current_language()
    return {
        "canonical": seo.absolute_url(context.get("canonical") or "") or seo.canonical_url(request),
        "preview": preview.with_defaults(site_name),
        "site_name": site_name,
        "locale": seo.OPENGRAPH_LOCALES.get(language, language),
        "alternate_locales": [
            seo.OPENGRAPH_LOCALES.get(code, code)
            for code, _name in settings.LANGUAGES
            if code != language
        ],
    }


@register.simple_tag
def absolute(url):
    """`url` on the site's public origin (SITE_URL), for addresses read outside the site."""
    return seo.absolute_url(url)


@register.simple_tag(takes_context=True)
def personal(context, template_name):
    """A part of the page that is the member's own (the account menu, the messages), marked
    so that a copy of the page shared with other members can have it cut out and rendered
    again for each of them (community/page_cache.py)."""
    if template_name not in PERSONAL_PARTS:
        raise template.TemplateSyntaxError(f"{template_name} is not a personal part.")
    content = context.template.engine.get_template(template_name).render(context)
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return content
    return mark_safe(f"<!--personal:{template_name}-->{content}<!--/personal-->")


@register.simple_tag(takes_context=True)
def personal_mark(context, kind, item_id, value):
    """A member's mark on an item of a list (`page_cache.register_mark`): {% personal_mark
    "idea_vote" idea.pk idea.viewer_importance %}."""
    return mark_safe(page_cache.personal_mark(context.get("request"), kind, item_id, value))
