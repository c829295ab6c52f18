"""The audit log: one call records every moderation and staff action, from any part of the site.

    from community.audit import audit

    audit(moderator, "moderation.hide", answer, reason="Insults another member", report_count=2)

Entries name nobody: members appear by a pseudonymous reference (`AuditReference`), which the
admin resolves to a name while the account exists and which `forget(member)` erases when the
member's data is erased. Entries are never edited nor deleted.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models.moderation import AuditEntry, AuditReference

# What each action is called in the admin. Parts of the site add theirs with `register_action`;
# an action nobody registered still shows, by its key.
ACTION_LABELS = {
    "moderation.publish": _("Published content"),
    "moderation.hide": _("Hid content"),
    "moderation.edit": _("Edited content"),
    "moderation.delete": _("Deleted content"),
    "moderation.hold": _("Held content"),
    "moderation.claim": _("Claimed an item in the queue"),
    "moderation.release": _("Released an item in the queue"),
    "moderation.report_dismiss": _("Dismissed reports"),
    "moderation.appeal": _("Appealed a decision"),
    "moderation.appeal_upheld": _("Upheld an appeal"),
    "moderation.appeal_rejected": _("Rejected an appeal"),
}


def register_action(key: str, label) -> None:
    """Give an action its readable name in the audit log ("protections.suspend")."""
    ACTION_LABELS[key] = label


def action_label(key: str):
    return ACTION_LABELS.get(key, key)


def reference_for(member) -> str:
    """The member's pseudonymous reference in the audit log, created on first use."""
    if member is None or member.pk is None:
        return ""
    reference, _created = AuditReference.objects.get_or_create(member=member)
    return reference.reference


def member_for_reference(reference: str):
    """The member a reference stands for, or None when it was forgotten (or is empty)."""
    if not reference:
        return None
    return (
        get_user_model()
        .objects.filter(audit_reference__reference=reference)
        .select_related("staff_card")
        .first()
    )


def forget(member) -> None:
    """Break the link between a member and their audit entries, for good (data erasure)."""
    AuditReference.objects.filter(member=member).delete()


def _is_member(value) -> bool:
    return isinstance(value, get_user_model())


def _plain(value):
    """A JSON-safe version of a detail value; members become their reference."""
    if _is_member(value):
        return {"member": reference_for(value)}
    if isinstance(value, models.Model):
        return {"type": value._meta.label_lower, "id": value.pk}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, default=str))


def _target_label(target) -> str:
    if target is None:
        return ""
    if _is_member(target):
        return f"member {reference_for(target)}"
    return f"{target._meta.verbose_name} #{target.pk}"


def audit(actor, action: str, target=None, reason: str = "", *, subject=None, **details):
    """Record that `actor` (None: the site itself) did `action` to `target`, and why.

    `subject` is the member the action concerns; by default the target itself when it is a
    member, or the target's author. `details` are extra facts (counts, previous values); any
    member among them is stored as their reference, never by name or e-mail address.
    """
    if subject is None:
        subject = target if _is_member(target) else getattr(target, "author", None)
    is_content = target is not None and not _is_member(target)
    return AuditEntry.objects.create(
        actor_ref=reference_for(actor if getattr(actor, "pk", None) else None),
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if is_content else None,
        target_label=_target_label(target)[:200],
        subject_ref=reference_for(subject),
        reason=(reason or "").strip(),
        details=_plain(details),
    )
