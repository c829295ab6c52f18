"""The deletion pages: who may delete, the password or e-mailed confirmation, bad input, and
what the member sees and can do afterwards."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.models import AccountDeletion
from community.protections.suspensions import suspend_for
from tests.factories import DEFAULT_PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/delete/"


def post_deletion(client, capture, **data):
    fields = {"choice": "anonymise", "password": DEFAULT_PASSWORD, "understood": "on"} | data
    with capture(execute=True):
        return client.post(URL, fields)


def exists(member) -> bool:
    return get_user_model().objects.filter(pk=member.pk).exists()


@pytest.fixture
def suspended_member(db, moderator):
    member = MemberFactory(display_name="Sid Suspended")
    suspend_for(moderator, member, days=7, reason="Repeated insults in answers.")
    return member


@pytest.mark.parametrize("role", ["member", "unverified_member", "suspended_member"])
def test_members_verified_or_not_suspended_or_not_can_delete_their_account(
    role, request, login, django_capture_on_commit_callbacks
):
    member = request.getfixturevalue(role)
    client = login(member)
    page = client.get(URL)
    assert page.status_code == 200
    assert b'name="password"' in page.content
    response = post_deletion(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("account_deletion:done")
    assert not exists(member)
    assert AccountDeletion.objects.get().status == AccountDeletion.Status.COMPLETED


def test_visitors_are_sent_to_log_in(client, member, django_capture_on_commit_callbacks):
    assert reverse("account_login") in client.get(URL).url
    response = post_deletion(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert exists(member)


@pytest.mark.parametrize("role", ["staff", "moderator", "product_team_member"])
def test_staff_accounts_are_closed_by_a_site_admin_not_from_this_page(
    role, request, login, django_capture_on_commit_callbacks
):
    member = request.getfixturevalue(role)
    client = login(member)
    page = client.get(URL)
    assert b"A site admin closes staff accounts" in page.content
    assert b'name="password"' not in page.content
    post_deletion(client, django_capture_on_commit_callbacks)
    member.refresh_from_db()
    assert member.is_active and not AccountDeletion.objects.exists()


def test_a_wrong_password_deletes_nothing_and_keeps_the_choice(
    member, login, django_capture_on_commit_callbacks
):
    client = login(member)
    response = post_deletion(
        client, django_capture_on_commit_callbacks, password="not my password", choice="remove"
    )
    assert response.status_code == 400
    assert "That is not your password. Nothing was deleted" in response.content.decode()
    assert re.search(rb'value="remove"[^>]*checked', response.content)
    member.refresh_from_db()
    assert member.is_active and not AccountDeletion.objects.exists()
    assert client.get(URL).status_code == 200, "still signed in"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"choice": ""}, "Choose what happens to what you wrote."),
        ({"choice": "everything"}, "Select a valid choice."),
        ({"understood": ""}, "Tick this box to confirm"),
        ({"password": ""}, "Type your password to confirm"),
    ],
)
def test_an_incomplete_confirmation_says_what_is_missing(
    member, login, data, message, django_capture_on_commit_callbacks
):
    response = post_deletion(login(member), django_capture_on_commit_callbacks, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert exists(member) and not AccountDeletion.objects.exists()


def test_the_account_is_closed_and_signed_out_at_once_before_the_erasure_runs(member, login):
    other_device = Client()
    other_device.force_login(member)
    client = login(member)
    # The erasure waits for the commit (here: never), as a busy worker would make it wait.
    response = client.post(
        URL, {"choice": "remove", "password": DEFAULT_PASSWORD, "understood": "on"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active and not member.has_usable_password()
    assert AccountDeletion.objects.get().status == AccountDeletion.Status.PENDING
    for device in (client, other_device):
        assert reverse("account_login") in device.get(URL).url
    assert not Client().login(email=member.email, password=DEFAULT_PASSWORD)
    # The address is still taken until the erasure completes.
    assert get_user_model().objects.filter(email=member.email).exists()


def test_the_address_is_free_for_a_new_account_once_the_deletion_completes(
    member, login, django_capture_on_commit_callbacks
):
    email = member.email
    post_deletion(login(member), django_capture_on_commit_callbacks)
    signup = Client().post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "another-long-password-2",
            "password2": "another-long-password-2",
            "display_name": "Back Again",
            "accept_guidelines": "on",
        },
    )
    assert signup.status_code in (200, 302)
    assert get_user_model().objects.filter(email=email).exists(), signup.content.decode()[:2000]


def test_the_done_page_is_shown_signed_out(member, login, django_capture_on_commit_callbacks):
    client = login(member)
    response = post_deletion(client, django_capture_on_commit_callbacks)
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Your account is being deleted" in page.content.decode()
    assert member.display_name not in page.content.decode()


def test_the_profile_page_and_my_data_page_link_to_the_deletion(member, login):
    client = login(member)
    for address in (reverse("profile_edit"), reverse("member_data:overview")):
        assert f'href="{URL}"' in client.get(address).content.decode()


# --- Accounts without a password (signed up through another service) ---------------------


@pytest.fixture
def passwordless(db):
    member = MemberFactory(display_name="Oidc Olivia")
    member.set_unusable_password()
    member.save()
    return member


def test_an_account_without_password_confirms_from_an_emailed_link(
    passwordless, login, mail_link, django_capture_on_commit_callbacks
):
    client = login(passwordless)
    page = client.get(URL)
    assert b'name="password"' not in page.content
    assert b"Send me the link" in page.content
    mail.outbox.clear()
    client.post(reverse("account_deletion:send_link"))
    assert mail.outbox[-1].to == [passwordless.email]
    link = mail_link("/accounts/delete/confirm/", to=passwordless.email)
    form = client.get(link)
    assert form.status_code == 200 and b'name="choice"' in form.content
    assert b'name="password"' not in form.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"choice": "remove", "understood": "on"})
    assert response.url == reverse("account_deletion:done")
    assert not exists(passwordless)


def test_an_emailed_link_works_only_for_its_account_and_only_for_a_while(
    passwordless, login, mail_link, time_machine
):
    client = login(passwordless)
    client.post(reverse("account_deletion:send_link"))
    link = mail_link("/accounts/delete/confirm/", to=passwordless.email)
    someone_else = MemberFactory()
    someone_else.set_unusable_password()
    someone_else.save()
    other = Client()
    other.force_login(someone_else)
    assert other.get(link).url == URL
    assert other.post(link, {"choice": "remove", "understood": "on"}).url == URL
    time_machine.move_to(timezone.now() + timezone.timedelta(days=4))
    assert client.get(link).url == URL
    assert exists(passwordless) and exists(someone_else)
    assert not AccountDeletion.objects.exists()


def test_wrong_passwords_are_limited_like_a_reauthentication(
    member, login, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_RATE_LIMITS = {"reauthenticate": "2/m/user"}
    client = login(member)
    for _attempt in range(2):
        response = post_deletion(client, django_capture_on_commit_callbacks, password="guess")
        assert "That is not your password." in response.content.decode()
    response = post_deletion(client, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Too many wrong passwords." in response.content.decode()
    assert exists(member) and not AccountDeletion.objects.exists()


def test_the_page_costs_the_same_queries_whatever_the_member_wrote(member, login, site_pages):
    from community.questions import services as questions
    from tests.factories import TopicFactory

    client = login(member)
    client.get(URL)
    topic = TopicFactory()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    few = count()
    for number in range(12):
        questions.question_ask(
            member, title=f"Question number {number} about descaling", body="Body.", topic=topic
        )
    assert count() == few


def test_the_other_sessions_of_the_account_are_removed(
    member, login, django_capture_on_commit_callbacks
):
    from django.contrib.sessions.models import Session

    other_device = Client()
    other_device.force_login(member)
    owner = str(member.pk)
    assert any(s.get_decoded().get("_auth_user_id") == owner for s in Session.objects.all())
    post_deletion(login(member), django_capture_on_commit_callbacks)
    assert not any(s.get_decoded().get("_auth_user_id") == owner for s in Session.objects.all())
