"""The statuses' colours as a small stylesheet.

The site's Content Security Policy allows no inline styles, so a status's colour cannot sit in
a style attribute. This stylesheet gives each status's class two custom properties, the colour
and a text colour readable on it; ideas.css uses them for badges and roadmap columns. Its
address carries a version that changes when a status changes, so browsers keep it for long.
"""

import hashlib

from django.core.cache import cache
from django.urls import reverse

from ideas.models import Status

CACHE_KEY = "ideas:status-stylesheet-version"
CACHE_SECONDS = 300


def stylesheet_css() -> str:
    rules = [
        f".{status.css_class} {{ --status-colour: {status.colour}; "
        f"--status-text: {status.text_colour}; }}"
        for status in Status.objects.order_by("pk")
    ]
    return "\n".join(rules) + "\n"


class StatusStylesheet:
    def __init__(self, version: str):
        self.version = version

    @property
    def url(self) -> str:
        return f"{reverse('ideas:status_styles')}?v={self.version}"

    def css(self) -> str:
        return stylesheet_css()


def status_stylesheet() -> StatusStylesheet:
    version = cache.get(CACHE_KEY)
    if version is None:
        version = hashlib.sha256(stylesheet_css().encode()).hexdigest()[:12]
        cache.set(CACHE_KEY, version, CACHE_SECONDS)
    return StatusStylesheet(version)


def forget_version(**kwargs) -> None:
    """A status changed: the next page links the new colours."""
    cache.delete(CACHE_KEY)
