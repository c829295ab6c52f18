"""How the site writes a date, the same way everywhere and in each language.

Something that happened in the last week reads as a relative time ("3 hours ago", "il y a 3
heures"); anything older, or still to come, reads as its date. The full date and time are always
a hover away (the `title` of the `<time>` element the `when` template tag writes), and exports
and files meant to be kept write the full date, which never goes stale.

Relative text goes stale, and pages are kept in the page cache (`community/page_cache.py`) and
left open in tabs: the server writes it as it is at render time, and `static/js/dates.js` writes
it again from the element's `datetime` as soon as the page is shown, and each minute after, with
the same thresholds and the browser's `Intl.RelativeTimeFormat`, whose wording the French and
English texts here follow. Without JavaScript, a cached page is at most `PAGE_CACHE_SECONDS`
old.
"""

from datetime import datetime, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

# Younger than this reads as a relative time; older reads as its date.
RELATIVE_FOR = timedelta(days=7)
# The full date on hover and in exports: "Monday 7 December 2026, 20:27".
FULL_DATETIME_FORMAT = "l j F Y, H:i"
FULL_DATE_FORMAT = "l j F Y"

# What the date reads as, besides the relative time of the default.
STYLES = {"date": "DATE_FORMAT", "datetime": "DATETIME_FORMAT", "month": "YEAR_MONTH_FORMAT"}


def _local(value):
    """A datetime in the site's time zone; a date as it is."""
    if isinstance(value, datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


def full(value) -> str:
    """The full date (and time, for a moment), in the active language: for hovers and exports."""
    if not value:
        return ""
    value = _local(value)
    if isinstance(value, datetime):
        return formats.date_format(value, FULL_DATETIME_FORMAT)
    return formats.date_format(value, FULL_DATE_FORMAT)


def machine(value) -> str:
    """The value of a `<time>` element's `datetime` attribute (ISO 8601, with the offset)."""
    value = _local(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def relative(value, now=None) -> str:
    """ "3 hours ago" for a moment in the last week, "" for any other (older, or to come)."""
    if not isinstance(value, datetime):
        return ""
    now = now or timezone.now()
    age = now - value
    if age < timedelta(0) or age >= RELATIVE_FOR:
        return ""
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return gettext("just now")
    if minutes < 60:
        return ngettext("%(count)s minute ago", "%(count)s minutes ago", minutes) % {
            "count": minutes
        }
    hours = minutes // 60
    if hours < 24:
        return ngettext("%(count)s hour ago", "%(count)s hours ago", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)s day ago", "%(count)s days ago", days) % {"count": days}


def text(value, style="relative", now=None) -> str:
    """What a date reads as on the page: relative when recent (the default style), else its
    date; or always the date ("date"), the date and time ("datetime"), the month ("month")."""
    if not value:
        return ""
    if style == "relative":
        recent = relative(value, now)
        if recent:
            return recent
        style = "date"
    if style not in STYLES:
        raise ValueError(f"Unknown date style {style!r}: relative, {', '.join(STYLES)}.")
    if style == "datetime" and not isinstance(value, datetime):
        style = "date"
    return formats.date_format(_local(value), STYLES[style])
