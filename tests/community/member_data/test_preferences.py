"""Preferences and consents: they save, each change goes to the history with its date, the
defaults keep the member private, and bad input loses nothing."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail

from community import notifications
from community.member_data import preferences
from community.member_data.notifications import DATA_EXPORT_READY
from community.models import Digest, PreferenceChange, PrivacyChoices
from community.notifications import WELCOME, unsubscribe_token

pytestmark = pytest.mark.django_db

PATH = "/accounts/preferences/"


def form_data(**overrides):
    """What the page posts with nothing changed from the defaults (check boxes as browsers do)."""
    data = {}
    for kind in notifications.registry:
        if kind.in_site_default:
            data[f"{kind.key}__in_site"] = "on"
        if kind.email_default:
            data[f"{kind.key}__email"] = "on"
    data["digest"] = Digest.OFF
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_defaults_keep_the_member_private(client, member):
    client.force_login(member)

    page = client.get(PATH).content.decode()

    choices = preferences.choices_for(member)
    assert (choices.show_owner_badge, choices.show_on_voter_lists, choices.digest) == (
        False,
        False,
        Digest.OFF,
    )
    assert (
        'name="show_owner_badge"' in page
        and "checked" not in page.split('name="show_owner_badge"')[1].split(">")[0]
    )
    assert "You have not changed anything yet" in page


def test_each_choice_is_explained_in_a_sentence(client, member):
    client.force_login(member)

    page = client.get(PATH).content.decode()

    assert "tells readers you bought the product" in page
    assert "counted among “others”" in page
    assert "one e-mail listing the unread notifications you do not get by e-mail" in page
    assert "No separate e-mails" in page


def test_saving_consents_and_the_summary_records_each_change_with_its_date(client, member):
    client.force_login(member)
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

    with time_machine.travel(moment, tick=False):
        response = client.post(
            PATH, form_data(show_owner_badge="on", show_on_voter_lists="on", digest="missed")
        )

    assert response.status_code == 302
    choices = PrivacyChoices.objects.get(member=member)
    assert (choices.show_owner_badge, choices.show_on_voter_lists, choices.digest) == (
        True,
        True,
        "missed",
    )
    history = {
        (change.setting, change.old_value, change.new_value, change.changed_at)
        for change in PreferenceChange.objects.filter(member=member)
    }
    assert history == {
        ("consent:owner_badge", "off", "on", moment),
        ("consent:voter_lists", "off", "on", moment),
        ("digest", "off", "missed", moment),
    }


def test_withdrawing_a_consent_is_recorded_too_and_shown_on_the_page(client, member):
    client.force_login(member)
    client.post(PATH, form_data(show_owner_badge="on"))

    client.post(PATH, form_data())

    changes = list(
        PreferenceChange.objects.filter(member=member, setting="consent:owner_badge")
        .order_by("changed_at", "pk")
        .values_list("old_value", "new_value")
    )
    assert changes == [("off", "on"), ("on", "off")]
    page = client.get(PATH).content.decode()
    assert "Shown as a verified owner" in page
    assert "History of my choices" in page


def test_saving_without_changes_records_nothing(client, member):
    client.force_login(member)

    client.post(PATH, form_data())

    assert not PreferenceChange.objects.filter(member=member).exists()


def test_a_notification_choice_is_recorded_per_channel(client, member):
    client.force_login(member)

    client.post(PATH, form_data(welcome__in_site=None))

    assert notifications.preference_for(member, WELCOME) == (False, False)
    assert list(
        PreferenceChange.objects.filter(member=member).values_list(
            "setting", "old_value", "new_value"
        )
    ) == [("notification:welcome:in_site", "on", "off")]


def test_unsubscribing_from_an_email_link_goes_to_the_history(client, member):
    client.post(f"/unsubscribe/{unsubscribe_token(member, DATA_EXPORT_READY.key)}/")

    assert notifications.preference_for(member, DATA_EXPORT_READY) == (True, False)
    assert list(
        PreferenceChange.objects.filter(member=member).values_list(
            "setting", "old_value", "new_value"
        )
    ) == [("notification:data_export_ready:email", "on", "off")]


def test_the_old_address_of_notification_preferences_shows_the_same_page(client, member):
    client.force_login(member)

    response = client.get("/accounts/notifications/preferences/")

    assert response.status_code == 200
    assert "Weekly summary by e-mail" in response.content.decode()


def test_a_bad_summary_choice_is_refused_and_keeps_what_was_ticked(client, member):
    client.force_login(member)

    response = client.post(PATH, form_data(digest="hourly", show_on_voter_lists="on"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page
    ticked = page.split('name="show_on_voter_lists"')[1].split(">")[0]
    assert "checked" in ticked
    assert not PrivacyChoices.objects.filter(member=member).exists()
    assert not PreferenceChange.objects.exists()


def test_a_post_without_the_summary_field_keeps_the_current_choice(client, member):
    preferences.choices_update(member, digest=Digest.ONLY)
    client.force_login(member)

    client.post(PATH, form_data(digest=None))

    assert preferences.choices_for(member).digest == Digest.ONLY


@pytest.mark.parametrize(
    "who", ["unverified_member", "member", "staff", "moderator", "suspended_member"]
)
def test_every_signed_in_member_changes_their_own_preferences_only(client, request, who):
    someone = request.getfixturevalue(who)
    other = request.getfixturevalue("other_member")
    client.force_login(someone)

    response = client.post(PATH, form_data(show_on_voter_lists="on"))

    assert response.status_code == 302
    assert preferences.choices_for(someone).show_on_voter_lists is True
    assert preferences.choices_for(other).show_on_voter_lists is False


def test_a_visitor_changes_nothing(client):
    response = client.post(PATH, form_data(show_on_voter_lists="on"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not PrivacyChoices.objects.exists()


def test_the_summary_can_be_stopped_from_its_email_without_signing_in(client, member):
    from community.member_data.digest import unsubscribe_token as digest_token

    preferences.choices_update(member, digest=Digest.MISSED)
    path = f"/accounts/preferences/summary/stop/{digest_token(member)}/"

    assert "Stop the weekly summary" in client.get(path).content.decode()
    assert preferences.choices_for(member).digest == Digest.MISSED
    response = client.post(path)

    assert response.status_code == 200
    assert preferences.choices_for(member).digest == Digest.OFF
    assert PreferenceChange.objects.filter(
        member=member, setting="digest", new_value="off"
    ).exists()


def test_a_tampered_summary_link_is_refused(client, member):
    response = client.post("/accounts/preferences/summary/stop/not-a-token/")

    assert response.status_code == 403
    assert not mail.outbox
