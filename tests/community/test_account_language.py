"""A member's language is part of their account, and the account pages and e-mails speak with
the site's voice: logging in, out, signing up and confirming an address keep the member in their
language; account e-mails name the community and link to its public address."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Member
from tests.factories import (
    DEFAULT_PASSWORD,
    TOTP_SECRET,
    MemberFactory,
    StaffCardFactory,
    totp_authenticator,
)

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def lang_of(response):
    return re.search(r'<html[^>]*\blang="([^"]+)"', response.content.decode()).group(1)


def shown_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def log_in(client, member, path="/accounts/login/"):
    return client.post(path, {"login": member.email, "password": DEFAULT_PASSWORD})


def authenticator_code():
    """The code the authenticator app shows now, with a second or more left to use it."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 2:
        time.sleep(2)
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // period))


@pytest.fixture
def french_member(db):
    return MemberFactory(display_name="Zoé Bernard", preferred_language="fr")


# --- Logging in and out ----------------------------------------------------------------------


def test_a_french_member_logging_in_from_an_english_page_lands_on_the_french_home(
    client, site_pages, french_member
):
    client.cookies[COOKIE] = "en"

    response = log_in(client, french_member)

    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    assert response.cookies[COOKIE].value == "fr"
    home = client.get(response["Location"])
    assert lang_of(home) == "fr"
    assert shown_messages(home) == ["Bonjour Zoé Bernard, vous voici connecté à votre compte."]


def test_an_english_member_logging_in_from_a_french_page_lands_on_the_english_home(
    client, site_pages, member
):
    response = log_in(client, member, "/fr/accounts/login/")

    assert response["Location"] == "/"
    assert response.cookies[COOKIE].value == "en"
    assert shown_messages(client.get("/")) == ["Hello Camille Martin, you are logged in."]


def test_logging_in_goes_to_the_twin_of_the_next_page_in_the_members_language(
    client, site_pages, french_member
):
    response = client.post(
        "/accounts/login/?next=/products/",
        {"login": french_member.email, "password": DEFAULT_PASSWORD},
    )

    assert response["Location"] == "/fr/products/"


def test_a_next_page_on_another_site_is_never_followed(client, site_pages, french_member):
    response = client.post(
        "/accounts/login/?next=https://elsewhere.example/",
        {"login": french_member.email, "password": DEFAULT_PASSWORD},
    )

    assert response["Location"] == "/fr/"


def test_french_staff_land_in_french_after_their_second_factor(client, site_pages):
    card = StaffCardFactory(member__preferred_language="fr")
    totp_authenticator(card.member)

    first = log_in(client, card.member)
    assert first["Location"] == "/accounts/2fa/authenticate/"

    second = client.post(first["Location"], {"code": authenticator_code()})

    assert second["Location"] == "/fr/"
    assert shown_messages(client.get("/fr/"))[0].startswith("Bonjour")


def test_a_wrong_password_is_refused_in_the_sites_words_in_each_language(
    client, site_pages, member
):
    english = client.post("/accounts/login/", {"login": member.email, "password": "nope"})
    french = client.post("/fr/accounts/login/", {"login": member.email, "password": "nope"})

    assert "This e-mail address and password do not match." in english.content.decode()
    assert "Cette adresse e-mail et ce mot de passe ne correspondent pas." in (
        french.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_logging_out_keeps_the_member_in_their_language(client, site_pages, french_member):
    client.force_login(french_member)

    response = client.post("/accounts/logout/")

    assert response["Location"] == "/fr/"
    home = client.get("/fr/")
    assert shown_messages(home) == ["Vous voici déconnecté. À bientôt\u202f!"]
    assert not home.wsgi_request.user.is_authenticated


# --- Choosing a language --------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["unverified_member", "member", "staff", "moderator", "product_team_member"]
)
def test_following_the_switchers_link_saves_a_signed_in_members_language(
    client, site_pages, request, role
):
    someone = request.getfixturevalue(role)
    client.force_login(someone)

    response = client.get("/i18n/setlang/?language=fr&next=/fr/products/")

    assert response["Location"] == "/fr/products/"
    assert response.cookies[COOKIE].value == "fr"
    assert Member.objects.get(pk=someone.pk).preferred_language == "fr"


def test_a_form_posted_to_the_switcher_saves_a_signed_in_members_language_too(
    client, site_pages, member
):
    client.force_login(member)

    client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/products/"})

    assert Member.objects.get(pk=member.pk).preferred_language == "fr"


def test_the_language_switcher_ignores_a_language_the_site_does_not_have(
    client, site_pages, member
):
    client.force_login(member)

    response = client.get("/i18n/setlang/?language=xx&next=/")

    assert response["Location"] == "/"
    assert COOKIE not in response.cookies
    assert Member.objects.get(pk=member.pk).preferred_language == "en"


def test_the_language_switcher_keeps_visitors_choice_in_the_cookie_only(client, site_pages):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/i18n/setlang/?language=fr&next=/fr/")

    assert [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")] == []
    assert response["Location"] == "/fr/"
    assert response.cookies[COOKIE].value == "fr"
    assert "private" in response["Cache-Control"]


def test_saving_the_profile_in_another_language_switches_the_site_to_it(client, site_pages, member):
    client.force_login(member)

    response = client.post(
        "/accounts/profile/",
        {
            "display_name": member.display_name,
            "handle": member.handle,
            "bio": "",
            "preferred_language": "fr",
        },
    )

    assert response["Location"] == "/fr/members/camille-martin/"
    assert response.cookies[COOKIE].value == "fr"
    assert shown_messages(client.get(response["Location"])) == ["Votre profil a été enregistré."]


# --- Signing up and confirming ---------------------------------------------------------------


def sign_up_in_french(client):
    client.post(
        "/fr/accounts/signup/",
        {
            "display_name": "Zoé Bernard",
            "email": "zoe@example.com",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
            "accept_guidelines": "on",
        },
    )


def test_signing_up_in_french_sends_a_french_link_and_confirming_it_lands_in_french(
    client, site_pages, mail_link
):
    sign_up_in_french(client)
    assert mail.outbox[-1].subject == "Bienvenue sur Community\u00a0: vérifiez votre adresse e-mail"
    link = mail_link("/confirm-email/")
    assert link.startswith("/fr/accounts/confirm-email/")
    client.cookies[COOKIE] = "en"

    response = client.post(link)

    assert response["Location"] == "/fr/"
    assert shown_messages(client.get("/fr/"))[-1] == (
        "Votre adresse e-mail zoe@example.com est vérifiée."
    )


def test_confirming_in_another_browser_asks_to_log_in_in_the_members_language(
    client, site_pages, mail_link
):
    sign_up_in_french(client)
    link = mail_link("/confirm-email/")
    client.logout()

    response = client.post(link)

    assert response["Location"] == "/fr/accounts/login/"
    log_in(client, Member.objects.get(email="zoe@example.com"))
    assert "Votre adresse e-mail zoe@example.com est vérifiée." in shown_messages(
        client.get("/fr/")
    )


# --- Account e-mails -------------------------------------------------------------------------


@pytest.fixture
def public_site(settings):
    """The site served at one address (SITE_URL) and named (SITE_NAME), while the request that
    sends an e-mail comes in through another host."""
    settings.SITE_URL = "https://community.example.com"
    settings.WAGTAIL_SITE_NAME = "Brew Club"
    settings.ALLOWED_HOSTS = ["testserver", "internal", "community.example.com"]


def test_account_emails_name_the_community_and_link_to_its_public_address(
    client, site_pages, public_site, french_member
):
    client.post(
        "/accounts/password/reset/", {"email": french_member.email}, HTTP_HOST="internal:8000"
    )

    sent = mail.outbox[-1]
    assert sent.subject == "Réinitialisez votre mot de passe Brew Club"
    assert sent.body.startswith("Bonjour Zoé Bernard,")
    assert "L’équipe Brew Club" in sent.body
    assert "https://community.example.com/fr/accounts/password/reset/key/" in sent.body
    assert "internal" not in sent.body
    assert "testserver" not in sent.body


def test_a_reset_for_an_unknown_address_answers_in_the_page_language(
    client, site_pages, public_site
):
    client.post("/fr/accounts/password/reset/", {"email": "nobody@example.com"})

    sent = mail.outbox[-1]
    assert sent.to == ["nobody@example.com"]
    assert sent.subject == "Aucun compte Brew Club n’utilise cette adresse"
    assert "https://community.example.com/fr/accounts/signup/" in sent.body


# --- The account pages' words ------------------------------------------------------------------

ACCOUNT_PAGES = [
    # (path, signed in, English heading and button, French heading and button)
    ("/accounts/login/", False, ("Log in", "Log in"), ("Se connecter", "Se connecter")),
    ("/accounts/signup/", False, ("Sign up", "Sign up"), ("S’inscrire", "S’inscrire")),
    (
        "/accounts/password/reset/",
        False,
        ("Reset your password", "Send me the link"),
        ("Réinitialiser votre mot de passe", "M’envoyer le lien"),
    ),
    ("/accounts/logout/", True, ("Log out", "Log out"), ("Se déconnecter", "Se déconnecter")),
    (
        "/accounts/password/change/",
        True,
        ("Change your password", "Save my new password"),
        ("Changer votre mot de passe", "Enregistrer mon nouveau mot de passe"),
    ),
    (
        "/accounts/email/",
        True,
        ("E-mail address", "Change my e-mail address"),
        ("Adresse e-mail", "Changer mon adresse e-mail"),
    ),
]

# allauth's own words, which the site does not use.
NOT_OUR_WORDS = re.compile(
    r"Sign In|Sign Up|Sign Out|Signup|Email Address|Remember Me|Password \(again\)"
)


@pytest.mark.parametrize(("path", "signed_in", "english", "french"), ACCOUNT_PAGES)
def test_account_pages_use_the_sites_words_in_both_languages(
    client, site_pages, member, elements, path, signed_in, english, french
):
    if signed_in:
        client.force_login(member)

    for prefix, (heading, button) in (("", english), ("/fr", french)):
        page = client.get(prefix + path).content.decode()
        assert [text for _attrs, text in elements(page, "h1")] == [heading]
        assert button in [text.strip() for _attrs, text in elements(page, "button")]
        assert not NOT_OUR_WORDS.search(page)


def test_the_login_form_labels_its_fields_in_sentence_case(client, site_pages, elements):
    page = client.get("/accounts/login/").content.decode()

    labels = [" ".join(text.split()) for _attrs, text in elements(page, "label")]
    assert labels[-3:] == ["E-mail address *", "Password *", "Stay logged in on this device"]


def test_the_account_menu_offers_log_out_and_two_factor_authentication(
    client, site_pages, member, elements
):
    client.force_login(member)

    for path, words in (
        ("/", ["Log out", "Two-factor authentication"]),
        ("/fr/", ["Se déconnecter", "Authentification à deux facteurs"]),
    ):
        page = client.get(path).content.decode()
        menu = [
            " ".join(text.split()) for tag in ("a", "button") for _a, text in elements(page, tag)
        ]
        assert all(word in menu for word in words)


def test_staff_sent_to_set_up_two_factor_are_told_why_in_their_language(client, site_pages):
    card = StaffCardFactory()
    log_in(client, card.member, "/fr/accounts/login/")
    asked = client.get("/fr/", follow=True)
    assert asked.redirect_chain[-1][0].startswith("/fr/accounts/reauthenticate/")

    setup = client.post(asked.redirect_chain[-1][0], {"password": DEFAULT_PASSWORD}, follow=True)

    assert "Votre rôle dans la communauté demande l’authentification à deux facteurs" in (
        setup.content.decode()
    )
