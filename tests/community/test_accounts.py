"""Accounts: sign-up with e-mail verification, log-in, password reset and e-mail change."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from community import permissions
from community.models import Member
from tests.factories import DEFAULT_PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-password-2"


def signup_data(**overrides):
    data = {
        "display_name": "Zoé Bernard",
        "email": "zoe@example.com",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
        "accept_guidelines": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def fresh(member):
    """The member as the database holds it now, without cached properties."""
    return Member.objects.get(pk=member.pk)


def test_signup_sends_a_verification_link_that_verifies_the_member(client, site_pages, mail_link):
    response = client.post("/accounts/signup/", signup_data())

    assert response.status_code == 302
    member = Member.objects.get(email="zoe@example.com")
    assert not permissions.can_write(member)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zoe@example.com"]
    link = mail_link("/accounts/confirm-email/")

    client.logout()
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert b'method="post"' in confirm_page.content
    assert not EmailAddress.objects.get(email="zoe@example.com").verified

    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="zoe@example.com").verified
    assert permissions.can_write(fresh(member))


def test_a_verified_member_logs_in_with_email_and_password(client, site_pages, mail_link):
    client.post("/accounts/signup/", signup_data())
    client.post(mail_link("/accounts/confirm-email/"))
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": "zoe@example.com", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    home = client.get("/")
    assert home.wsgi_request.user.email == "zoe@example.com"
    assert "Zoé Bernard" in home.content.decode()
    assert "verify your e-mail address" not in home.content.decode()


def test_signup_records_the_display_name_and_the_accepted_guidelines_version(client, site_pages):
    guidelines = site_pages.guidelines["en"]
    guidelines.version = "2025-3"
    guidelines.save_revision().publish()

    client.post("/accounts/signup/", signup_data())

    member = Member.objects.get(email="zoe@example.com")
    assert member.display_name == "Zoé Bernard"
    assert member.guidelines_version == "2025-3"
    assert member.guidelines_accepted_at is not None


def test_signup_makes_the_public_handle_from_the_name_not_the_private_email(client, site_pages):
    client.post("/accounts/signup/", signup_data(email="jean.dupont.1987@example.com"))

    member = Member.objects.get(email="jean.dupont.1987@example.com")
    assert member.handle == "zoe-bernard"
    assert "dupont" not in member.get_absolute_url()
    assert client.get("/members/zoe-bernard/").status_code == 200


def test_signup_never_gives_a_reserved_handle(client, site_pages):
    client.post("/accounts/signup/", signup_data(display_name="Admin"))

    member = Member.objects.get(email="zoe@example.com")
    assert member.display_name == "Admin"
    assert member.handle != "admin"
    assert member.handle.startswith("admin-")


def test_signup_without_accepting_the_guidelines_fails_and_keeps_what_was_typed(
    client, site_pages, elements
):
    response = client.post("/accounts/signup/", signup_data(accept_guidelines=None))

    assert response.status_code == 200
    assert not Member.objects.filter(email="zoe@example.com").exists()
    assert mail.outbox == []
    form = response.context["form"]
    assert form.errors["accept_guidelines"] == ["Please accept the community guidelines to join."]
    page = response.content.decode()
    assert "Please accept the community guidelines to join." in page
    assert elements(page, "input", name="display_name")[0][0]["value"] == "Zoé Bernard"
    assert elements(page, "input", name="email")[0][0]["value"] == "zoe@example.com"


def test_signup_asks_how_we_should_call_the_member(client, site_pages):
    response = client.get("/accounts/signup/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "How should we call you?" in page
    assert 'name="display_name"' in page
    assert 'name="accept_guidelines"' in page


def test_signup_with_a_one_letter_name_is_refused_with_a_reason(client, site_pages):
    response = client.post("/accounts/signup/", signup_data(display_name=" Z "))

    assert response.status_code == 200
    assert "at least two characters" in response.content.decode()
    assert not Member.objects.filter(email="zoe@example.com").exists()


def test_signup_in_french_records_french_and_sends_a_french_link(client, site_pages, mail_link):
    client.post("/fr/accounts/signup/", signup_data())

    member = Member.objects.get(email="zoe@example.com")
    assert member.preferred_language == "fr"
    assert mail_link("/confirm-email/").startswith("/fr/accounts/confirm-email/")


def test_an_unverified_member_can_log_in_and_is_told_to_verify_with_a_resend_link(
    client, site_pages, unverified_member, elements
):
    response = client.post(
        "/accounts/login/", {"login": unverified_member.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302

    home = client.get("/")

    page = home.content.decode()
    assert home.wsgi_request.user == unverified_member
    assert "you need to verify your e-mail address before you write or vote" in page
    links = [text for _attrs, text in elements(page, "a", href="/accounts/email/")]
    assert "Resend the verification link" in links
    assert not permissions.can_write(unverified_member)


def test_the_resend_link_sends_a_new_verification_email(
    client, site_pages, unverified_member, mail_link
):
    client.force_login(unverified_member)
    email_page = client.get("/accounts/email/")
    assert "Resend the verification link" in email_page.content.decode()

    client.post("/accounts/email/", {"action_send": "", "email": unverified_member.email})

    assert mail.outbox[-1].to == [unverified_member.email]
    client.post(mail_link("/accounts/confirm-email/"))
    assert permissions.can_write(fresh(unverified_member))


def test_a_verified_member_sees_no_verification_notice(client, site_pages, member):
    client.force_login(member)

    page = client.get("/").content.decode()

    assert "verify your e-mail address" not in page
    assert permissions.can_write(member)


def test_a_wrong_password_does_not_log_in(client, site_pages, member):
    response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_through_the_emailed_link(client, site_pages, member, mail_link):
    client.post("/accounts/password/reset/", {"email": member.email})

    assert mail.outbox[-1].to == [member.email]
    key_link = mail_link("/accounts/password/reset/key/")
    set_password_page = client.get(key_link, follow=True)
    assert set_password_page.status_code == 200
    form_url = set_password_page.redirect_chain[-1][0]

    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert fresh(member).check_password(NEW_PASSWORD)
    client.logout()
    assert client.login(email=member.email, password=NEW_PASSWORD)
    assert not client.login(email=member.email, password=DEFAULT_PASSWORD)


def test_a_password_reset_link_cannot_be_used_twice(client, site_pages, member, mail_link):
    client.post("/accounts/password/reset/", {"email": member.email})
    key_link = mail_link("/accounts/password/reset/key/")
    form_url = client.get(key_link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    second = client.get(key_link, follow=True)
    again = second.redirect_chain[-1][0] if second.redirect_chain else key_link
    client.post(again, {"password1": "a-third-password-3", "password2": "a-third-password-3"})

    assert second.context["token_fail"] is True
    assert 'name="password1"' not in second.content.decode()
    assert fresh(member).check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_address_changes_nobody(client, site_pages, member):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert all(member.email not in message.to for message in mail.outbox)


def test_email_change_takes_effect_once_the_new_address_is_verified(
    client, site_pages, member, mail_link
):
    old_email = member.email
    client.force_login(member)

    response = client.post("/accounts/email/", {"action_add": "", "email": "camille@example.org"})

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["camille@example.org"]
    assert fresh(member).email == old_email

    client.post(mail_link("/accounts/confirm-email/", to="camille@example.org"))

    changed = fresh(member)
    assert changed.email == "camille@example.org"
    assert EmailAddress.objects.filter(user=member, verified=True).get().email == (
        "camille@example.org"
    )
    assert permissions.can_write(changed)
    assert client.login(email="camille@example.org", password=DEFAULT_PASSWORD)


def test_email_change_to_another_members_address_never_moves_it(
    client, site_pages, member, mail_link
):
    other = MemberFactory(email="taken@example.com")
    client.force_login(member)
    client.post("/accounts/email/", {"action_add": "", "email": other.email})

    client.post(mail_link("/accounts/confirm-email/", to=other.email))

    assert fresh(member).email != other.email
    assert fresh(other).email == other.email
    verified_owners = EmailAddress.objects.filter(email=other.email, verified=True)
    assert list(verified_owners.values_list("user", flat=True)) == [other.pk]


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_account_pages_use_the_site_layout_in_both_languages(client, site_pages, path, elements):
    english = client.get(path)
    french = client.get(f"/fr{path}")

    assert english.status_code == french.status_code == 200
    for response, language in ((english, "en"), (french, "fr")):
        assert elements(response.content, "html")[0][0]["lang"] == language
        assert elements(response.content, "link", rel="stylesheet", href="/static/css/site.css")
        assert elements(response.content, "footer")
