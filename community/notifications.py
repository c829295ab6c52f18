"""Notifications: the one place that tells a member something happened.

Each app registers the kinds it sends (`registry.register(NotificationKind(...))`) and calls
`notify(...)`. This module records the in-site notification and, after the transaction commits,
enqueues the e-mail as a background task, each according to the member's preferences. E-mails
go out in the member's language, as plain text and HTML, with an unsubscribe link that works
without signing in and the one-click unsubscribe headers of RFC 8058.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from community.i18n import translated
from community.models import Digest, Notification, NotificationPreference, PrivacyChoices
from community.preference_history import record_notification_change
from community.protections.blocks import has_blocked
from community.seo import absolute_url

UNSUBSCRIBE_SALT = "community.notifications.unsubscribe"


@dataclass(frozen=True)
class NotificationKind:
    """A kind of notification: its label in the preferences, its message and its defaults.

    `message` is a lazy translatable string with %(name)s placeholders filled from the
    notification's params, so it reads in the language of whoever reads it. Names that staff
    type in each language (a status, a role title, a reason) go in the params in each language,
    made by `community.i18n.in_each_language`, and are read in the reader's. A message that
    counts is an `ngettext_lazy` whose number is the name of its count parameter ("rows"), so
    that it reads "1 row" and "2 rows" in each language. A kind that is
    not `summarised` (what a member asked for themselves, such as their data download) is
    e-mailed at once even to members whose weekly summary replaces separate e-mails.
    """

    key: str
    label: Promise
    message: Promise
    in_site_default: bool = True
    email_default: bool = True
    summarised: bool = True


class NotificationRegistry:
    def __init__(self):
        self._kinds: dict[str, NotificationKind] = {}

    def register(self, kind: NotificationKind) -> NotificationKind:
        self._kinds[kind.key] = kind
        return kind

    def get(self, key: str) -> NotificationKind:
        return self._kinds[key]

    def __contains__(self, key):
        return key in self._kinds

    def __iter__(self):
        return iter(self._kinds.values())

    def sent_at_once(self) -> frozenset:
        """The keys of the kinds the weekly summary never holds back."""
        return frozenset(kind.key for kind in self._kinds.values() if not kind.summarised)

    def message(self, key: str, params: dict) -> str:
        """The notification's text in the active language, with its parameters; those stored
        in each language (`community.i18n.in_each_language`) are read in that language too."""
        kind = self._kinds.get(key)
        if kind is None:
            return str(_("Notification"))
        try:
            return str(kind.message % {name: translated(value) for name, value in params.items()})
        except (KeyError, TypeError, ValueError):
            return str(kind.label)


registry = NotificationRegistry()

WELCOME = registry.register(
    NotificationKind(
        key="welcome",
        label=_("Welcome, once your e-mail address is verified"),
        message=_("Welcome, %(name)s! Your address is verified: you can now write and vote."),
        in_site_default=True,
        email_default=False,
    )
)


class Mute:
    """A switch that keeps one part of the site from telling anyone anything while a block of
    code runs (`with mute.on():`): the demo content is seeded this way, so that loading it
    sends no e-mails about things that did not happen. Each part has its own switch."""

    def __init__(self, name: str):
        self._muted = contextvars.ContextVar(name, default=False)

    def is_on(self) -> bool:
        return self._muted.get()

    @contextmanager
    def on(self):
        token = self._muted.set(True)
        try:
            yield
        finally:
            self._muted.reset(token)


def _chosen(preference, kind: NotificationKind) -> tuple[bool, bool]:
    """(in_site, email): the member's saved `preference` (a `NotificationPreference` or None)
    for `kind`, or the kind's defaults when they never chose."""
    if preference is None:
        return kind.in_site_default, kind.email_default
    return preference.in_site, preference.email


def preference_for(member, kind: NotificationKind) -> tuple[bool, bool]:
    """(in_site, email) for this member and kind: their choice, or the kind's defaults."""
    preference = NotificationPreference.objects.filter(member=member, kind=kind.key).first()
    return _chosen(preference, kind)


def preferences_table(member) -> list[dict]:
    """Every registered kind with the member's current choice, for the preferences page."""
    chosen = {p.kind: p for p in NotificationPreference.objects.filter(member=member)}
    rows = []
    for kind in registry:
        in_site, email = _chosen(chosen.get(kind.key), kind)
        rows.append({"kind": kind, "in_site": in_site, "email": email})
    return rows


def set_preference(member, key: str, *, in_site: bool, email: bool) -> NotificationPreference:
    """Save the member's choice for one kind; each change goes to their preference history."""
    kind = registry.get(key)
    before = preference_for(member, kind)
    preference, _created = NotificationPreference.objects.update_or_create(
        member=member, kind=key, defaults={"in_site": in_site, "email": email}
    )
    record_notification_change(member, key, before, (in_site, email))
    return preference


def notify(recipient, key: str, *, params=None, url="", actor=None) -> Notification | None:
    """Tell `recipient` that something happened, in the site and/or by e-mail.

    Returns the in-site notification, or None when the member turned that off. Nobody is told
    about their own action, nor about what a member they blocked did (mentions included), and
    inactive accounts are not written to.
    """
    kind = registry.get(key)
    if not recipient.is_active or (actor is not None and actor.pk == recipient.pk):
        return None
    if actor is not None and has_blocked(recipient, actor):
        return None
    params = params or {}
    in_site, email = preference_for(recipient, kind)
    notification = None
    if in_site:
        notification = Notification.objects.create(
            recipient=recipient, kind=key, params=params, url=url, actor=actor
        )
    if email and recipient.email:
        # community.tasks imports this module to send e-mail; the task is looked up when enqueued.
        from community.tasks import send_notification_email

        transaction.on_commit(
            lambda: send_notification_email.enqueue(
                recipient_id=recipient.pk, kind=key, params=params, url=url
            )
        )
    return notification


def unsubscribe_token(member, key: str) -> str:
    return signing.dumps({"m": member.pk, "k": key}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(member id, kind) from a token; raises signing.BadSignature when it was tampered with."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return data["m"], data["k"]


def unsubscribe_url(member, key: str) -> str:
    with translation.override(member.preferred_language):
        path = reverse("notification_unsubscribe", kwargs={"token": unsubscribe_token(member, key)})
    return absolute_url(path)


def replaced_by_summary(member, kind: NotificationKind) -> bool:
    """Whether the member's weekly summary replaces the e-mail of this kind."""
    if not kind.summarised:
        return False
    return PrivacyChoices.objects.filter(member=member, digest=Digest.ONLY).exists()


def list_email(*, to, template: str, context: dict, unsubscribe: str, connection=None):
    """An e-mail the site sends on its own (a notification, the summary, a review invitation),
    ready to send: its subject, text and HTML rendered in the active language from
    `<template>_subject.txt`, `<template>.txt` and `<template>.html`, with the one-click
    unsubscribe headers (RFC 8058) and `Auto-Submitted`, so that mail servers never answer it."""
    subject = render_to_string(f"{template}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{template}.txt", context),
        to=[to],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
