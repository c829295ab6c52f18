"""The addresses each feature adds to the site's pages, in every language.

A feature registers its URL module under a prefix from its `AppConfig.ready()`
(`register("reviews/", "reviews.urls", order=10)`); the site's URLconf (`community/urls.py`)
puts them, in `order`, among its language-prefixed pages, before Wagtail's page tree. So a new
app brings its pages without an edit to the site's URLs.
"""

from dataclasses import dataclass

from django.urls import include, path


@dataclass(frozen=True)
class PageUrls:
    prefix: str
    module: str
    order: int = 100


_registered: dict[str, PageUrls] = {}


def register(prefix: str, module: str, *, order: int = 100) -> PageUrls:
    entry = PageUrls(prefix, module, order)
    _registered[module] = entry
    return entry


def patterns() -> list:
    """`path(prefix, include(module))` for every registered module, by `order`."""
    entries = sorted(_registered.values(), key=lambda entry: (entry.order, entry.module))
    return [path(entry.prefix, include(entry.module)) for entry in entries]
