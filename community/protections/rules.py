"""The rules every write, vote, report and log-in passes, called at the top of each service.

    guard_write(member, kind="answer", text=body)   # before a review, question, answer, ...
    guard_action(member, "vote")                     # before a vote or a report

Each rule that refuses raises `Refused` with a message that says what to do. The rules:

- a suspended member writes, votes and reports nothing (always, wherever the service is called);
- the rest protect the site from people, so they apply while a request is served (services
  called by `seed_demo` or from the shell are the operators' own work):
  - new members (not yet trusted, see `community.trust`) put at most `new_member_max_links`
    links in a post, write at most `new_member_max_posts_per_day` posts a day and wait
    `min_seconds_between_posts` between two posts;
  - nobody posts the same text twice within `duplicate_window_minutes`;
  - writes, votes and reports are counted per member and per network address, and refused
    beyond the site's limits (`CommunitySettings`);
- staff, moderators and site admins are not slowed down by any of them.

The time-based limits and the duplicate check can be switched off for a whole deployment with
`PROTECTIONS_FLOOD_LIMITS = False` (the test settings do, so that tests may write quickly;
the tests of the protections switch them on).
"""

import math
import re
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community import permissions, trust
from community.content_kinds import registry
from community.protections import ratelimits
from community.protections.ratelimits import Window
from community.protections.refusals import Refused, ago_text, wait_text
from community.protections.suspensions import refuse_if_suspended

HOUR = 3600
DAY = 24 * HOUR

# A reply is a post of its parent's kind (an answer to an answer, a comment on a comment); an
# edit changes a post already written.
REPLY = "reply"
EDIT = "edit"
ACTIONS = frozenset({"write", "vote", "report", "login"})

# Texts shorter than this ("Thank you!") may be posted twice.
DUPLICATE_MIN_LENGTH = 20

# Links in Markdown or bare: [text](https://…), <https://…>, https://…, www.….
LINK_PATTERN = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]]+")


def is_post(kind: str) -> bool:
    """Whether writing `kind` creates a post: a registered kind of writing, or a reply."""
    if kind == REPLY:
        return True
    content_kind = registry.get(kind)
    return content_kind is not None and content_kind.is_writing


def is_known_write(kind: str) -> bool:
    """A post, an edit, or other writing a kind declares (`ContentKind.other_writing`, such
    as a staff response on a review)."""
    return (
        is_post(kind)
        or kind == EDIT
        or any(kind in content_kind.other_writing for content_kind in registry)
    )


def flood_limits_on() -> bool:
    return getattr(settings, "PROTECTIONS_FLOOD_LIMITS", True)


def _settings():
    return apps.get_model("community", "CommunitySettings").load()


def _serving(request) -> str | None:
    """The client's address when a request is served, None for the operators' own work."""
    if request is not None:
        return ratelimits.client_ip(request)
    return ratelimits.current_ip()


def count_links(text: str) -> int:
    return len(LINK_PATTERN.findall(text or ""))


def _normalised(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def recent_posts(member, since):
    """(created_at, text) of everything `member` posted since `since`, newest first, whatever
    its state: held, hidden and deleted posts count as much as published ones."""
    querysets = []
    for kind in registry.writing():
        querysets.append(
            kind.model._base_manager.filter(author_id=member.pk, created_at__gte=since)
            .order_by()
            .values_list("created_at", kind.text_field)
        )
    first, *others = querysets
    return list(first.union(*others, all=True).order_by("-created_at"))


def _contributions_to_trust(member) -> int:
    return trust.contributions_needed(member)


def _refuse_links(member, text: str, limits) -> None:
    links = count_links(text)
    if links <= limits.new_member_max_links:
        return
    message = ngettext(
        "New members can include at most %(max)d link per post, and this one has %(links)d. ",
        "New members can include at most %(max)d links per post, and this one has %(links)d. ",
        limits.new_member_max_links,
    ) % {"max": limits.new_member_max_links, "links": links}
    message += ngettext(
        "Remove a link, or wait until %(count)d more of your contributions is published.",
        "Remove a link, or wait until %(count)d more of your contributions are published.",
        _contributions_to_trust(member),
    ) % {"count": _contributions_to_trust(member)}
    raise Refused(message, code="too_many_links")


def _refuse_duplicate(posts, text: str, now, limits) -> None:
    wanted = _normalised(text)
    if len(wanted) < DUPLICATE_MIN_LENGTH:
        return
    since = now - timedelta(minutes=limits.duplicate_window_minutes)
    for created_at, earlier in posts:
        if created_at >= since and _normalised(earlier) == wanted:
            raise Refused(
                _(
                    "You posted this same text %(ago)s. Change it, or find your earlier post "
                    "instead of posting it twice."
                )
                % {"ago": ago_text((now - created_at).total_seconds())},
                code="duplicate_text",
            )


def _refuse_too_soon(member, posts, now, limits) -> None:
    if not posts or not limits.min_seconds_between_posts:
        return
    waited = (now - posts[0][0]).total_seconds()
    if waited >= limits.min_seconds_between_posts:
        return
    # Rounded up: the time said (and counted down on the page) is never shorter than the wait.
    wait = math.ceil(limits.min_seconds_between_posts - waited) or 1
    count = _contributions_to_trust(member)
    raise Refused(
        ngettext(
            "You can post again in %(wait)s. New members wait a little between posts, until "
            "%(count)d more of your contributions is published.",
            "You can post again in %(wait)s. New members wait a little between posts, until "
            "%(count)d more of your contributions are published.",
            count,
        )
        % {"wait": wait_text(wait), "count": count},
        code="too_soon",
        retry_after=wait,
        reason=ngettext(
            "New members wait a little between posts, until %(count)d more of your "
            "contributions is published.",
            "New members wait a little between posts, until %(count)d more of your "
            "contributions are published.",
            count,
        )
        % {"count": count},
    )


def _refuse_too_many_today(member, posts, now, limits) -> None:
    maximum = limits.new_member_max_posts_per_day
    today = [created_at for created_at, _text in posts if created_at >= now - timedelta(days=1)]
    if not maximum or len(today) < maximum:
        return
    # The oldest of the day's posts leaves the 24-hour window first.
    wait = math.ceil((today[maximum - 1] + timedelta(days=1) - now).total_seconds()) or 1
    count = _contributions_to_trust(member)
    raise Refused(
        ngettext(
            "New members can write %(max)d post a day. You can post again in %(wait)s; the "
            "limit goes once %(count)d more of your contributions is published.",
            "New members can write %(max)d posts a day. You can post again in %(wait)s; the "
            "limit goes once %(count)d more of your contributions are published.",
            maximum,
        )
        % {"max": maximum, "wait": wait_text(wait), "count": count},
        code="too_many_posts_today",
        retry_after=wait,
        reason=" ".join(
            (
                ngettext(
                    "New members can write %(max)d post a day.",
                    "New members can write %(max)d posts a day.",
                    maximum,
                )
                % {"max": maximum},
                ngettext(
                    "The limit goes once %(count)d more of your contributions is published.",
                    "The limit goes once %(count)d more of your contributions are published.",
                    count,
                )
                % {"count": count},
            )
        ),
    )


def guard_write(member, *, kind: str, text: str = "", request=None) -> None:
    """Refuse (raise `Refused`) a post or an edit that a protection does not allow.

    `kind` is what is written: the key of a kind of writing ("review", "question", …),
    "reply", or a change such as "edit" or "staff_response"; `text` is its text, for links and
    duplicates. Posts count against the flood limits and the duplicate check. Called at the top
    of the write service, before its permission check, so that a suspended member hears that
    they are suspended rather than anything else.
    """
    if not is_known_write(kind):
        raise ValueError(f"Unknown kind of writing: {kind!r}")
    if not permissions.is_member(member):
        return
    refuse_if_suspended(member)
    ip = _serving(request)
    if ip is None or trust.has_trusted_role(member):
        return
    limits = _settings()
    trusted = trust.is_trusted(member)
    if not trusted:
        _refuse_links(member, text, limits)
    if flood_limits_on():
        if is_post(kind):
            now = timezone.now()
            window = timedelta(minutes=limits.duplicate_window_minutes)
            since = now - (window if trusted else max(window, timedelta(days=1)))
            posts = recent_posts(member, since)
            _refuse_duplicate(posts, text, now, limits)
            if not trusted:
                _refuse_too_soon(member, posts, now, limits)
                _refuse_too_many_today(member, posts, now, limits)
        _count(member, "write", ip, limits)


def _windows(action: str, limits) -> tuple[Window, Window]:
    """(per member, per network address) for `action`."""
    if action == "write":
        return (
            Window(limits.writes_per_hour_per_member, HOUR),
            Window(limits.writes_per_hour_per_ip, HOUR),
        )
    if action == "vote":
        return (
            Window(limits.votes_per_hour_per_member, HOUR),
            Window(limits.votes_per_hour_per_ip, HOUR),
        )
    if action == "report":
        return (
            Window(limits.reports_per_day_per_member, DAY),
            Window(limits.reports_per_day_per_ip, DAY),
        )
    return Window(0, HOUR), Window(limits.logins_per_hour_per_ip, HOUR)


def _message(action: str, wait: int, *, per_address: bool) -> str:
    values = {"wait": wait_text(wait)}
    if action == "write":
        if per_address:
            return (
                _(
                    "A great many posts came from your network in the last hour. You can post "
                    "again in %(wait)s. What you wrote is kept in the form."
                )
                % values
            )
        return (
            _(
                "You have written a great deal in the last hour. You can post again in %(wait)s. "
                "What you wrote is kept in the form."
            )
            % values
        )
    if action == "vote":
        return _("You have voted many times in a short while. You can vote again in %(wait)s.") % (
            values
        )
    if action == "report":
        return (
            _(
                "You have sent many reports today: thank you. Moderators are working through them; "
                "you can report again in %(wait)s."
            )
            % values
        )
    return (
        _(
            "Too many failed log-in attempts came from your network. Try again in %(wait)s, or "
            "reset your password if you have forgotten it."
        )
        % values
    )


def _reason(action: str, *, per_address: bool) -> str:
    """Why writing waits, without the time (the form's notice counts it down)."""
    if action != "write":
        return ""
    if per_address:
        return _("A great many posts came from your network in the last hour.")
    return _("You have written a great deal in the last hour.")


def _count(member, action: str, ip: str, limits) -> None:
    per_member, per_address = _windows(action, limits)
    if member is not None:
        wait = ratelimits.hit(action, "member", member.pk, per_member)
        if wait:
            raise Refused(
                _message(action, wait, per_address=False),
                code=f"{action}_rate",
                retry_after=wait,
                reason=_reason(action, per_address=False),
            )
    wait = ratelimits.hit(action, "ip", ip, per_address)
    if wait:
        raise Refused(
            _message(action, wait, per_address=True),
            code=f"{action}_rate",
            retry_after=wait,
            reason=_reason(action, per_address=True),
        )


def guard_action(member_or_ip, action: str, *, request=None) -> None:
    """Refuse (raise `Refused`) a vote, a report or a log-in beyond the rate limits, and any
    vote or report by a suspended member.

    `member_or_ip` is the member acting, or the network address when nobody is signed in
    (log-in attempts). Log-ins are refused once the address has failed too often this hour
    (`login_failed` counts the failures), so that an office behind one address is not locked
    out by its own successful log-ins.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown action: {action!r}")
    member = None if isinstance(member_or_ip, str) else member_or_ip
    if not permissions.is_member(member):
        member = None
    if member is not None and action != "login":
        refuse_if_suspended(member)
    ip = member_or_ip if isinstance(member_or_ip, str) else _serving(request)
    if ip is None or not flood_limits_on():
        return
    if member is not None and trust.has_trusted_role(member):
        return
    if action == "login":
        _per_member, per_address = _windows(action, _settings())
        wait = ratelimits.wait(action, "ip", ip, per_address)
        if wait:
            raise Refused(
                _message(action, wait, per_address=True), code="login_rate", retry_after=wait
            )
        return
    _count(member, action, ip, _settings())


def login_failed(request) -> None:
    """Count a failed log-in against the client's network address."""
    ip = ratelimits.client_ip(request)
    if not flood_limits_on() or not ip:
        return
    _per_member, per_address = _windows("login", _settings())
    ratelimits.hit("login", "ip", ip, per_address)
