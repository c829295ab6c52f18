"""Deleting an account erases what "my data" keeps: downloads (files too), choices, history."""

import pytest

from community import erasure
from community.member_data import exports, preferences
from community.member_data.erasure import erase_member_data
from community.member_data.models import DataExport
from community.models import PreferenceChange, PrivacyChoices
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_eraser_is_registered_with_the_account_deletion():
    assert "member_data" in {eraser.key for eraser in erasure.erasers()}


@pytest.mark.parametrize("choice", list(erasure.Choice))
def test_erasing_removes_downloads_files_choices_and_history_of_that_member_only(
    member, choice, django_capture_on_commit_callbacks
):
    other = MemberFactory()
    for someone in (member, other):
        preferences.choices_update(someone, show_on_voter_lists=True, digest="missed")
        with django_capture_on_commit_callbacks(execute=True):
            exports.export_request(someone)
    file_name = DataExport.objects.get(member=member).file_name
    assert exports.export_storage().exists(file_name)

    with django_capture_on_commit_callbacks(execute=True):
        erase_member_data(member, choice)
        erase_member_data(member, choice)  # safe to run twice

    assert not DataExport.objects.filter(member=member).exists()
    assert not PrivacyChoices.objects.filter(member=member).exists()
    assert not PreferenceChange.objects.filter(member=member).exists()
    assert not exports.export_storage().exists(file_name)
    assert DataExport.objects.filter(member=other).count() == 1
    assert PrivacyChoices.objects.filter(member=other).exists()
