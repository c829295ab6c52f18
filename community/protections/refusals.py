"""The one kind of error the protections raise, and how long waits are said."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class Refused(ValidationError):
    """A write, vote, report or log-in refused by a protection, with a message that tells the
    person what to do.

    It is a `ValidationError`, so views that show a service's errors next to the form
    (`community.views.add_errors`) show it there and keep what was typed; views that do not
    catch it are answered by `ProtectionsMiddleware` (429 for fetch requests, the message on the
    page otherwise). `retry_after` is the wait in seconds, when there is one; `reason` says why
    without the time, for the notice that counts the time down (`is_wait`).
    """

    def __init__(
        self,
        message,
        *,
        code: str,
        retry_after: int | None = None,
        status: int = 429,
        reason: str = "",
    ):
        super().__init__(message, code=code)
        self.retry_after = retry_after
        self.status = status
        self.reason = reason

    @property
    def is_wait(self) -> bool:
        """A post refused only for now: the same text can be sent once the time is up, so the
        form shows a notice with the time left (`protections/wait_notice.html`), not an error."""
        return bool(self.retry_after) and self.code in WAIT_CODES


# Refusals of writing that time alone lifts: the new member's pause between posts and daily
# posts, and the hourly limit on writing.
WAIT_CODES = frozenset({"too_soon", "too_many_posts_today", "write_rate"})


def wait_text(seconds: int) -> str:
    """A wait said the way a person says it: "40 seconds", "3 minutes", "2 hours"."""
    seconds = max(1, int(seconds))
    if seconds < 60:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    minutes = -(-seconds // 60)
    if minutes < 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = -(-minutes // 60)
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def ago_text(seconds: int) -> str:
    """How long ago something happened, rounded down: "a moment ago", "3 minutes ago"."""
    seconds = int(seconds)
    if seconds < 10:
        return _("a moment ago")
    if seconds < 60:
        text = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    elif seconds < 3600:
        minutes = seconds // 60
        text = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    else:
        hours = seconds // 3600
        text = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    return _("%(duration)s ago") % {"duration": text}
