"""Deleting an account: closing it at once, then erasing it in the background.

`deletion_request` is what the member's confirmation does: the account is deactivated and its
password made unusable (every session of it stops working, no log-in is possible), a record
of the deletion is kept and the erasure task is enqueued after the commit, with nothing but
the record's number: neither the task row nor its arguments ever hold the e-mail address.

`deletion_run` (the task) runs every eraser (`community.erasure`), then deletes the account
row, which frees the e-mail address for a new sign-up, and sends the confirmation to the
address it read from the row just before: the address is held in memory only, never written
anywhere. A run interrupted half way can run again (`deletions_resume`): erasers only ever
see what is left.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from community import audit, erasure
from community.account_deletion import erasers  # noqa: F401 - registers the erasers
from community.account_deletion.permissions import can_delete_account
from community.models import AccountDeletion

logger = logging.getLogger(__name__)

audit.register_action("account.deletion_requested", _("Account deletion requested"))
audit.register_action("account.deleted", _("Account deleted"))
# A deletion still running after this long is taken for interrupted by `deletions_resume`.
STALE_AFTER = timezone.timedelta(hours=1)


def deletion_request(member, *, choice, by=None) -> AccountDeletion:
    """Close `member`'s account now and erase it in the background.

    Without `by`, the member asks themselves: the caller has checked the password (or the
    e-mailed confirmation) and signs the request's session out. With `by`, a site admin
    deletes the account from the admin (staff accounts are closed that way); the admin has
    checked that they may.
    """
    # The task module imports these services to run them; the task is looked up when enqueued.
    from community.account_deletion.tasks import erase_account

    choice = erasure.Choice(choice)
    if by is None and not can_delete_account(member):
        raise PermissionDenied("This account cannot be deleted by its owner.")
    with transaction.atomic():
        locked = get_user_model().objects.select_for_update().get(pk=member.pk)
        locked.is_active = False
        locked.set_unusable_password()
        locked.save(update_fields=["is_active", "password"])
        deletion, _created = AccountDeletion.objects.get_or_create(
            member=locked, defaults={"choice": choice.value}
        )
        audit.audit(by, "account.deletion_requested", deletion, choice=choice.value)
        deletion_id = deletion.pk
        transaction.on_commit(lambda: erase_account.enqueue(deletion_id=deletion_id))
    member.is_active = False
    return deletion


def _record(deletion, **fields) -> None:
    AccountDeletion.objects.filter(pk=deletion.pk).update(**fields)
    for name, value in fields.items():
        setattr(deletion, name, value)


def deletion_run(deletion_id: int) -> AccountDeletion | None:
    """Erase the account of a deletion: every eraser, then the account row, then the e-mail."""
    deletion = AccountDeletion.objects.filter(pk=deletion_id).first()
    if deletion is None or deletion.is_completed:
        return deletion
    member = deletion.member
    if member is None:
        # The row went some other way (a site admin deleted it): nothing is left to erase.
        _record(deletion, status=AccountDeletion.Status.COMPLETED, completed_at=timezone.now())
        return deletion
    _record(
        deletion,
        status=AccountDeletion.Status.RUNNING,
        started_at=deletion.started_at or timezone.now(),
        attempts=deletion.attempts + 1,
        error="",
    )
    counts = dict(deletion.counts)

    def step(eraser, handled):
        counts[eraser.key] = counts.get(eraser.key, 0) + (
            handled if isinstance(handled, int) else 0
        )
        _record(deletion, step=eraser.key, counts=counts)

    try:
        erasure.erase_member(member, deletion.choice, on_step=step)
        address, language = member.email, member.preferred_language
        with transaction.atomic():
            get_user_model().objects.filter(pk=member.pk).delete()
            _record(
                deletion,
                member=None,
                status=AccountDeletion.Status.COMPLETED,
                step="",
                completed_at=timezone.now(),
            )
            audit.audit(None, "account.deleted", deletion, choice=deletion.choice, rows=counts)
    except Exception as error:
        _record(deletion, status=AccountDeletion.Status.FAILED, error=type(error).__name__)
        raise
    _send_confirmation(address, language, deletion)
    return deletion


def _send_confirmation(address: str, language: str, deletion) -> None:
    """The last message to the address, which the site no longer holds once it is sent."""
    with translation.override(language):
        context = {
            "deletion": deletion,
            "removed": deletion.choice == AccountDeletion.Choice.REMOVE,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.SITE_URL + "/",
            "language": language,
        }
        subject = render_to_string("community/account_deletion/email/deleted_subject.txt", context)
        text = render_to_string("community/account_deletion/email/deleted.txt", context)
        html = render_to_string("community/account_deletion/email/deleted.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[address],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:  # noqa: BLE001 - the account is gone either way; say so without the address
        logger.exception("The confirmation of account deletion #%s could not be sent", deletion.pk)


def deletions_resume(*, now=None) -> list[int]:
    """Enqueue again the deletions that failed or stopped half way (the worker was stopped):
    the erasers pick up what is left. Returns the numbers of the deletions enqueued."""
    # The task module imports these services to run them; the task is looked up when enqueued.
    from community.account_deletion.tasks import erase_account

    now = now or timezone.now()
    waiting = AccountDeletion.objects.filter(member__isnull=False).exclude(
        status=AccountDeletion.Status.COMPLETED
    )
    stale = waiting.filter(
        status__in=[AccountDeletion.Status.PENDING, AccountDeletion.Status.RUNNING],
        requested_at__lt=now - STALE_AFTER,
    )
    ids = list(
        (waiting.filter(status=AccountDeletion.Status.FAILED) | stale).values_list("pk", flat=True)
    )
    for deletion_id in ids:
        erase_account.enqueue(deletion_id=deletion_id)
    return ids
