"""The ground floor's eraser: what the community's core keeps about a member, erased when they
delete their account, whatever they chose for their writing.

Erasers run in `order` (`community.erasure`), each registered by the app that owns the data,
beside its models:

1. votes (10–13): every vote the member gave goes, and the count it moved goes down by exactly
   that vote, whatever the choice: a vote is a personal choice, not writing others read
   (`ideas.personal_data`, `community.questions.personal_data`, `reviews.personal_data`);
2. writing (20–70): replies and answers, questions, comments, ideas, reviews, then what the
   member signed in others' threads (decisions, merges, staff responses). ANONYMISE keeps each
   piece and clears its author ("former member" on the page); REMOVE deletes it, except where
   others wrote under it: then it stays as a tombstone, "deleted by its author", with neither
   title nor text (`community.erasure.tombstone_fields`). Among them (50), the private data of
   features: conversations and staff notes (`community.conversations.erasure`), downloads and
   preferences (`community.member_data.erasure`);
3. the rest of the account (200): here, the ground floor's: notifications, preferences,
   follows, blocks, reports made (the outcome stays, the reporter and their words go),
   appeals' text, the avatar file, the sessions, mentions in others' writing (no longer
   linked), others' notifications that name them, the admin's history, the audit log's
   reference and the trust cache; then each app's (ownership records, backlog exports and
   what merges remember of the member).

The account row is deleted after every eraser, by `community.account_deletion.services`.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.models import Revision as WagtailRevision

from community import audit, erasure, trust
from community.markdown import render_markdown
from community.models import (
    Appeal,
    Block,
    Follow,
    Notification,
    NotificationPreference,
    QueueItem,
    Report,
)

DATABASE_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


def _scrub_params(value, name: str, replacement: str):
    if isinstance(value, str):
        return value.replace(name, replacement) if name and name in value else value
    if isinstance(value, dict):
        return {key: _scrub_params(item, name, replacement) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_params(item, name, replacement) for item in value]
    return value


def _scrub_notifications(member) -> int:
    """Others' notifications that the member caused name them: they now say "a former
    member", in the language of whoever reads them."""
    names = [name for name in {member.display_name, member.get_full_name()} if name]

    def handle(ids):
        for notification in Notification.objects.filter(pk__in=ids).select_related("recipient"):
            with translation.override(notification.recipient.preferred_language):
                replacement = gettext("a former member")
            params = notification.params
            for name in names:
                params = _scrub_params(params, name, replacement)
            notification.params = params
            notification.actor = None
            notification.save(update_fields=["params", "actor"])

    return erasure.in_batches(lambda: Notification.objects.filter(actor=member), handle)


def _unlink_mentions(member) -> int:
    """Others' writing keeps its "@handle", but the link to the member's page goes: the
    member is inactive, so rendering the text again leaves the handle as plain text, and a
    later member who takes the handle is not linked either until the text is edited."""
    marker = f"/members/{member.handle}/"
    changed = 0
    for model in apps.get_models():
        field_names = {field.name for field in model._meta.concrete_fields}
        for source, rendered in (("body", "body_html"), ("note", "note_html")):
            if source not in field_names or rendered not in field_names:
                continue
            rows = model._default_manager.filter(**{f"{rendered}__contains": marker})
            for obj in rows.only("pk", source, rendered).iterator(chunk_size=erasure.BATCH_SIZE):
                setattr(obj, rendered, render_markdown(getattr(obj, source)))
                model._default_manager.filter(pk=obj.pk).update(
                    **{rendered: getattr(obj, rendered)}
                )
                changed += 1
    return changed


def _delete_sessions(member) -> int:
    """The member's other sessions (the one that asked was ended at once). They no longer
    sign anyone in (the account is inactive, its password unusable); this removes them from
    the database sessions are kept in. Sessions kept only in a cache or a cookie expire."""
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return 0
    key = str(member.pk)
    expired = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(
        chunk_size=erasure.BATCH_SIZE
    ):
        try:
            data = session.get_decoded()
        except Exception:  # noqa: BLE001 - a session that cannot be read is nobody's
            continue
        if data.get("_auth_user_id") == key:
            expired.append(session.pk)
    # Through the engine, so that a cached copy (cached_db, with Redis) goes too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in expired:
        store(session_key=session_key).delete()
    return len(expired)


def _forget_admin_history(member) -> int:
    """The admin's history: entries about the account go, entries the member made stay
    unsigned; earlier versions of the account (if it was ever edited as a snippet) go."""
    member_type = erasure.content_type(get_user_model())
    about = {"content_type": member_type, "object_id": str(member.pk)}
    erased = ModelLogEntry.objects.filter(**about).delete()[0]
    erased += ModelLogEntry.objects.filter(user_id=member.pk).update(user=None)
    erased += PageLogEntry.objects.filter(user_id=member.pk).update(user=None)
    erased += WagtailRevision.objects.filter(
        base_content_type=member_type, object_id=str(member.pk)
    ).delete()[0]
    erased += WagtailRevision.objects.filter(user_id=member.pk).update(user=None)
    erased += LogEntry.objects.filter(content_type=member_type, object_id=str(member.pk)).delete()[
        0
    ]
    return erased


def erase_account_data(member, choice):
    """Everything else the ground floor keeps about the member, whatever they chose."""
    member_type = erasure.content_type(get_user_model())
    erased = Notification.objects.filter(recipient=member).delete()[0]
    erased += _scrub_notifications(member)
    erased += NotificationPreference.objects.filter(member=member).delete()[0]
    erased += Follow.objects.filter(member=member).delete()[0]
    erased += Block.objects.filter(Q(blocker=member) | Q(blocked=member)).delete()[0]
    # Reports made: the outcome stays for moderation's records, the reporter and their words go.
    erased += Report.objects.filter(reporter=member).update(reporter=None, text="")
    # Reports and queue items about the account itself concern nobody any more.
    erased += Report.objects.filter(content_type=member_type, object_id=member.pk).delete()[0]
    erased += QueueItem.objects.filter(content_type=member_type, object_id=member.pk).delete()[0]
    erased += Appeal.objects.filter(appellant=member).update(appellant=None, text="")
    erased += _unlink_mentions(member)
    erased += _forget_admin_history(member)
    erased += _delete_sessions(member)
    if member.avatar:
        storage, name = member.avatar.storage, member.avatar.name
        transaction.on_commit(lambda: storage.delete(name))
        type(member).objects.filter(pk=member.pk).update(avatar="", bio="")
        member.avatar = ""
        erased += 1
    audit.forget(member)
    trust.forget(member)
    return erased


erasure.register("account", erase_account_data, order=200)
