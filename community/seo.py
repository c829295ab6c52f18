"""What search engines and link previews read about a page, in one place.

Every address handed to them is built on `SITE_URL`, the site's one public origin, so that a page
reached through another host name, or with sorting and tracking parameters, still names one
canonical address. A page's preview (OpenGraph and Twitter card) comes from a `Preview` its view
puts in the context, or from the Wagtail page being served, or from the site's defaults.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from community import names

# JSON inside <script> must not close the element or open a comment: escape <, > and & as
# json_script does (the result is still the same JSON).
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# Query parameters that name a different page of the same content. Every other one (sorting,
# filters, a highlighted review, tracking) is left out of the canonical address.
CANONICAL_PARAMETERS = ("page",)

# The picture shown when a page has none of its own: the site's card, 1200×630 as previews want.
DEFAULT_IMAGE = "img/share-card.png"

# The territory OpenGraph names with each site language (og:locale).
OPENGRAPH_LOCALES = {"en": "en_GB", "fr": "fr_FR"}


def json_ld(data) -> str:
    """schema.org data as JSON that is safe inside a <script type="application/ld+json">."""
    return mark_safe(  # noqa: S308 - <, > and & are escaped for a script element
        json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    )


def absolute_url(url: str) -> str:
    """`url` on the site's public origin; addresses already absolute are kept."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + ("" if url.startswith("/") else "/") + url


def canonical_url(request, path: str | None = None) -> str:
    """The one address of what `request` shows: its path (or `path`), keeping only the page
    number of a list beyond its first page."""
    kept = []
    for name in CANONICAL_PARAMETERS:
        value = request.GET.get(name, "")
        if value.isdigit() and int(value) > 1:
            kept.append((name, value))
    query = f"?{urlencode(kept)}" if kept else ""
    return absolute_url(path or request.path) + query


@dataclass(frozen=True)
class Preview:
    """How a page looks when someone shares it: title, summary and picture (absolute URL)."""

    title: str
    description: str = ""
    image: str = ""
    image_alt: str = ""
    kind: str = "website"

    def with_defaults(self, site_name: str) -> "Preview":
        if self.image:
            return self
        return Preview(
            title=self.title,
            description=self.description,
            image=absolute_url(static(DEFAULT_IMAGE)),
            image_alt=site_name,
            kind=self.kind,
        )


def page_preview(page, request) -> Preview:
    """The preview of a Wagtail page: its SEO title, its search description (or a product's
    tagline) and its own picture when it has one (a product's main image)."""
    description = page.search_description or getattr(page, "tagline", "") or ""
    image, image_alt = "", ""
    main_image = getattr(page, "main_image", None)
    if main_image is not None:
        # The rendition the product page shows, so that sharing creates no new file.
        image = absolute_url(main_image.get_rendition("fill-960x640").url)
        image_alt = page.title
    return Preview(
        title=page.seo_title or page.title,
        description=description,
        image=image,
        image_alt=image_alt,
        kind="product" if image else "website",
    )


def excerpt(text: str, limit: int = 200) -> str:
    """A one-line summary of plain text for a preview, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def person(content) -> dict:
    """schema.org Person for who wrote `content`: a member of staff by the name on their staff
    card and their role, a member by their display name, a deleted account as a former member."""
    card = names.writer_card(content)
    if card is not None:
        return {"@type": "Person", "name": card.real_name, "jobTitle": card.role_title}
    if content.author is None:
        return {"@type": "Person", "name": gettext("Former member")}
    return {
        "@type": "Person",
        "name": content.author.display_name,
        "url": absolute_url(content.author.get_absolute_url()),
    }
