"""Staff, moderators and the product team must set up two-factor sign-in; members need not."""

import pytest

from community.roles import Role
from tests.factories import (
    DEFAULT_PASSWORD,
    MemberFactory,
    StaffCardFactory,
    totp_authenticator,
)

pytestmark = pytest.mark.django_db

SETUP_URL = "/accounts/2fa/totp/activate/?required=1"


def staff_without_totp():
    return StaffCardFactory(real_name="Léa Roux").member


def moderator_without_totp():
    return MemberFactory(roles=[Role.MODERATOR])


def product_team_without_totp():
    return MemberFactory(roles=[Role.PRODUCT_TEAM])


def site_admin_without_totp():
    return MemberFactory(roles=[Role.SITE_ADMIN])


def superuser_without_totp():
    return MemberFactory(is_superuser=True, is_staff=True)


WITHOUT_TOTP = [
    staff_without_totp,
    moderator_without_totp,
    product_team_without_totp,
    site_admin_without_totp,
    superuser_without_totp,
]


@pytest.mark.parametrize("make", WITHOUT_TOTP, ids=lambda make: make.__name__)
@pytest.mark.parametrize("path", ["/", "/products/", "/accounts/profile/"])
def test_roles_without_totp_are_sent_to_the_two_factor_setup(client, site_pages, make, path):
    client.force_login(make())

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == SETUP_URL


@pytest.mark.parametrize("make", WITHOUT_TOTP, ids=lambda make: make.__name__)
def test_french_pages_send_staff_to_the_french_two_factor_setup(client, site_pages, make):
    client.force_login(make())

    response = client.get("/fr/")

    assert response.status_code == 302
    assert response["Location"] == f"/fr{SETUP_URL}"


def test_an_ordinary_member_is_not_asked_for_two_factor(client, site_pages, member):
    client.force_login(member)

    response = client.get("/")

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["staff", "moderator", "product_team_member"])
def test_roles_with_totp_are_not_redirected(client, site_pages, request, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get("/")

    assert response.status_code == 200


def test_staff_who_sign_in_can_confirm_their_password_and_reach_the_setup_page(client, site_pages):
    """The set-up page asks for the password again; that page must not send them back."""
    staff = staff_without_totp()
    client.post("/accounts/login/", {"login": staff.email, "password": DEFAULT_PASSWORD})

    asked = client.get("/", follow=True)

    assert asked.status_code == 200
    reauthenticate_url = asked.redirect_chain[-1][0]
    assert reauthenticate_url.startswith("/accounts/reauthenticate/")
    assert b'name="password"' in asked.content

    setup = client.post(reauthenticate_url, {"password": DEFAULT_PASSWORD}, follow=True)

    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0] == SETUP_URL
    assert b'name="code"' in setup.content


def test_unverified_staff_can_follow_their_verification_link_before_setting_up(
    client, site_pages, mail_link
):
    staff = MemberFactory(roles=[Role.STAFF], verified=False)
    client.force_login(staff)
    client.post("/accounts/email/", {"action_send": "", "email": staff.email})
    link = mail_link("/accounts/confirm-email/", to=staff.email)

    confirm_page = client.get(link)

    assert confirm_page.status_code == 200
    client.post(link)
    assert staff.emailaddress_set.get().verified


def test_staff_without_totp_can_still_sign_out(client, site_pages):
    client.force_login(staff_without_totp())

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_health_stays_open_to_staff_without_totp(client, site_pages):
    client.force_login(staff_without_totp())

    assert client.get("/health/").status_code == 200


def test_setting_up_totp_lifts_the_redirect(client, site_pages):
    staff = staff_without_totp()
    client.force_login(staff)
    assert client.get("/").status_code == 302

    totp_authenticator(staff)

    assert client.get("/").status_code == 200


def test_the_admin_log_in_page_sends_staff_to_the_log_in_that_asks_for_the_second_factor(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
