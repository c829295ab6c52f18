"""The sitemap: every public page of the site, in both languages, for search engines.

One index (`/sitemap.xml`) names a section per kind of page (the kinds bring their own,
`community.content_kinds`); each section is paginated by
Django's sitemap framework, so a large community still gets files search engines accept. What is
public is asked of the models (`objects.public()`; for Wagtail pages, live and outside every
restricted section, `site_cache.public`): held, hidden, deleted and merged content never
appears. Addresses are on `SITE_URL`, the canonical origin.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from community import site_cache
from community.content_kinds import registry


class OnSiteUrl:
    """Addresses on the configured public origin rather than the host a request came in by."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PageSitemap(OnSiteUrl, WagtailSitemap):
    """The editorial pages and product pages of every language: Wagtail's sitemap lists only the
    default site's tree, and each language has its own tree beside it."""

    def items(self):
        root = self.get_wagtail_site().root_page
        in_a_language_tree = Q()
        for home in root.get_translations(inclusive=True).only("path"):
            in_a_language_tree |= Q(path__startswith=home.path)
        pages = site_cache.public(Page.objects.filter(in_a_language_tree).live())
        return pages.order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        origin = settings.SITE_URL
        for url in urls:
            # Wagtail builds the address from its Site record; keep the path on our origin.
            parts = urlsplit(url["location"])
            url["location"] = origin + parts.path
        return urls


class InEveryLanguage(OnSiteUrl, Sitemap):
    """Community pages answer in each site language (English unprefixed, French under /fr/);
    each address is listed with its twins as hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class ListSitemap(InEveryLanguage):
    """The lists people start from, as each kind names them (questions, ideas, the
    changelog)."""

    changefreq = "daily"

    def items(self):
        return [name for kind in registry for name in kind.list_urls]

    def location(self, item):
        return reverse(item)


def sitemaps() -> dict:
    """{section: Sitemap} for the index: the pages, the lists, then each kind's sections."""
    sections = {"pages": PageSitemap, "lists": ListSitemap}
    for kind in registry:
        sections.update(kind.sitemaps)
    return sections
