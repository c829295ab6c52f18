"""Reporting content or members: one service for every kind of thing that can be reported."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community import permissions
from community.models import Report
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
    if reason not in Report.Reason.values:
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
