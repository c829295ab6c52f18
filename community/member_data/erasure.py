"""Erasing what "my data" keeps about a member when they delete their account: their
preference and consent history, their privacy choices and weekly summary state, and their
downloads (files included)."""

from django.db import transaction

from community import erasure
from community.member_data.exports import export_storage
from community.member_data.models import DataExport
from community.models import PreferenceChange, PrivacyChoices


def erase_member_data(member, choice) -> int:
    """Remove the member's downloads (after the commit, their files), their preference history
    and their choices; whatever the choice for their writing, none of this is kept. Safe to run
    twice. Returns how many rows went."""
    names = list(
        DataExport.objects.filter(member=member)
        .exclude(file_name="")
        .values_list("file_name", flat=True)
    )
    removed = DataExport.objects.filter(member=member).delete()[0]
    removed += PreferenceChange.objects.filter(member=member).delete()[0]
    removed += PrivacyChoices.objects.filter(member=member).delete()[0]

    def delete_files():
        storage = export_storage()
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return removed


def register_erasers() -> None:
    """Register with `community.erasure` (the account deletion)."""
    erasure.register("member_data", erase_member_data, order=50)
