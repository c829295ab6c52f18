"""The audit log: every moderation and staff action, by pseudonymous reference, never editable."""

import pytest
from django.core.exceptions import PermissionDenied

from community import audit
from community.models import AuditEntry, AuditReference
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_an_entry_names_members_only_by_their_reference(moderator, answer):
    entry = audit.audit(moderator, "moderation.hide", answer, "Insults", count=2, by=moderator)

    assert entry.actor_ref == AuditReference.objects.get(member=moderator).reference
    assert entry.subject_ref == AuditReference.objects.get(member=answer.author).reference
    assert entry.target_id == answer.pk
    assert entry.details == {"count": 2, "by": {"member": entry.actor_ref}}
    stored = str(AuditEntry.objects.values().get(pk=entry.pk))
    assert moderator.display_name not in stored
    assert moderator.email not in stored


def test_a_member_target_is_kept_by_reference_not_by_id(moderator, member):
    entry = audit.audit(moderator, "protections.suspend", member, "Spam")

    assert entry.target_id is None
    assert entry.subject_ref == audit.reference_for(member)
    assert entry.target_label == f"member {entry.subject_ref}"


def test_a_member_keeps_one_reference(member):
    assert audit.reference_for(member) == audit.reference_for(member)
    assert AuditReference.objects.filter(member=member).count() == 1


def test_the_site_itself_acts_without_a_reference(answer):
    entry = audit.audit(None, "moderation.hold", answer, "Many links")

    assert entry.actor_ref == ""


def test_entries_cannot_be_changed_or_deleted(moderator, answer):
    entry = audit.audit(moderator, "moderation.hide", answer, "Insults")

    entry.reason = "Something else"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="changed")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == "Insults"


def test_forgetting_a_member_breaks_the_link_for_good(moderator, member):
    entry = audit.audit(moderator, "protections.suspend", member, "Spam")

    audit.forget(member)

    assert audit.member_for_reference(entry.subject_ref) is None
    assert audit.member_for_reference(entry.actor_ref) == moderator
    assert AuditEntry.objects.filter(pk=entry.pk, subject_ref=entry.subject_ref).exists()
    assert audit.reference_for(member) != entry.subject_ref


def test_deleting_an_account_keeps_its_entries_anonymous(moderator):
    member = MemberFactory()
    entry = audit.audit(moderator, "protections.suspend", member, "Spam")

    member.delete()

    assert audit.member_for_reference(entry.subject_ref) is None
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_other_parts_register_a_readable_label_for_their_actions():
    audit.register_action("exports.backlog", "Exported the backlog")

    assert audit.action_label("exports.backlog") == "Exported the backlog"
    assert audit.action_label("unknown.action") == "unknown.action"
