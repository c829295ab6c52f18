"""Reporting content or members: one service for every kind of thing that can be reported."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from community import permissions
from community.models import Report
from community.moderation import kinds
from community.moderation import permissions as moderation_permissions
from community.moderation.services import report_received
from community.protections.rules import guard_action


def has_reported(member, target) -> bool:
    if not permissions.is_member(member):
        return False
    return Report.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, reporter=member
    ).exists()


def report_create(reporter, target, *, reason: str, text: str = "") -> Report:
    """Record `reporter`'s report of `target`; a member reports the same thing only once."""
    guard_action(reporter, "report")
    if not permissions.can_write(reporter):
        raise PermissionDenied("Verify your e-mail address before reporting.")
    if getattr(target, "author_id", None) == reporter.pk or target == reporter:
        raise PermissionDenied("Members cannot report themselves or what they wrote.")
    if reason not in Report.MEMBER_REASONS:
        raise ValidationError(_("Please choose a reason."), code="reason")
    try:
        with transaction.atomic():
            report = Report.objects.create(
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                reporter=reporter,
                reason=reason,
                text=text.strip(),
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already reported this."), code="duplicate") from error
    # The target enters the moderation queue, and is held when enough trusted members report it.
    report_received(report)
    return report


def removal_request_create(author, target, *, text: str) -> Report:
    """The author of `target` asks the moderators to remove it, where they may no longer delete
    it themselves (the app's permission says when: a question others answered). It is a report
    with its own reason: the target enters the moderation queue, where a moderator deletes it or
    not, and is never held because of it. Asked once."""
    guard_action(author, "report")
    if not permissions.can_write(author):
        raise PermissionDenied("Verify your e-mail address before asking for a removal.")
    if getattr(target, "author_id", None) != author.pk:
        raise PermissionDenied("Only its author asks for the removal of what they wrote.")
    text = text.strip()
    if not text:
        raise ValidationError(
            {"text": _("Please tell the moderators why it should be removed.")}, code="required"
        )
    try:
        with transaction.atomic():
            report = Report.objects.create(
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                reporter=author,
                reason=Report.Reason.AUTHOR_REQUEST,
                text=text,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("You have already asked the moderators to remove it."), code="duplicate"
        ) from error
    report_received(report)
    return report


def still_readable(reporter, target) -> bool:
    """Whether `reporter` may still read `target` now that they reported it: the report that
    reaches the site's threshold holds it, and held content is its author's and moderators'."""
    if not kinds.is_moderated(target) or kinds.is_member(target):
        return True
    state = (
        type(target)
        ._base_manager.filter(pk=target.pk)
        .values_list("moderation_state", flat=True)
        .first()
    )
    if state is not None:
        target.moderation_state = state
    return moderation_permissions.can_see(reporter, target)


def readable_place(reporter, target) -> str:
    """Where a reporter who may no longer read `target` reads on, whatever its kind: what it
    belongs to (its kind's `parent_field`: the question of an answer, the idea of a comment, the
    product of a review) while they may read that, else where they would go from there, else
    the first list of its kind (`list_urls`), else the home page. Addresses are in the reader's
    language."""
    kind = kinds.kind_of(target)
    parent = getattr(target, kind.parent_field, None) if kind.parent_field else None
    if parent is not None and not getattr(parent, "is_deleted", False):
        if not kinds.is_moderated(parent):
            address = _address_of(parent)
            if address:
                return address
        elif moderation_permissions.can_see(reporter, parent):
            return _address_of(parent)
        else:
            return readable_place(reporter, parent)
    if kind.list_urls:
        return reverse(kind.list_urls[0])
    return reverse("wagtail_serve", args=[""])


def _address_of(thing) -> str:
    if hasattr(thing, "get_absolute_url"):
        return thing.get_absolute_url()
    # A Wagtail page (a review's product): its translation in the reader's language.
    page = getattr(thing, "localized", thing)
    return page.get_url() or ""
