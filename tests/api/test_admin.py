"""API tokens in the Wagtail admin: site admins create them (the token is shown once and stored
hashed) and revoke them; nobody else sees them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import ApiToken
from community.models.api import token_hash
from tests.factories import api_token, site_admin

pytestmark = pytest.mark.django_db

TOKENS = "/admin/api-tokens/"


@pytest.fixture
def admin_member(db):
    return site_admin(display_name="Sam Siteadmin")


def test_a_site_admin_creates_a_token_and_sees_it_once(login, admin_member, client):
    client = login(admin_member)

    response = client.post(
        f"{TOKENS}new/", {"name": "Roadmap sync (Jira)", "rate_per_minute": "60"}
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    secret = re.search(r'value="(cmt_[a-z0-9]{10}_[\w-]+)"', html).group(1)
    token = ApiToken.objects.get()
    assert (token.name, token.rate_per_minute, token.created_by) == (
        "Roadmap sync (Jira)",
        60,
        admin_member,
    )
    assert token.token_hash == token_hash(secret) and secret not in token.token_hash
    assert "curl -H" in html and "/api/v1/ideas/" in html

    assert secret not in client.get(TOKENS).content.decode()
    assert secret not in client.get(f"{TOKENS}edit/{token.pk}/").content.decode()
    api = client.get("/api/v1/tags/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code == 200


def test_a_token_needs_a_name_and_a_sensible_rate(login, admin_member):
    response = login(admin_member).post(f"{TOKENS}new/", {"name": "", "rate_per_minute": "0"})

    assert response.status_code == 200
    assert ApiToken.objects.count() == 0
    assert "This field is required." in response.content.decode()


def test_a_site_admin_revokes_a_token(login, admin_member, client):
    token, secret = api_token(admin_member, name="Old sync")
    client = login(admin_member)

    confirm = client.get(f"{TOKENS}revoke/{token.pk}/")
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    response = client.post(f"{TOKENS}revoke/{token.pk}/")

    assert response.status_code == 302 and response["Location"] == TOKENS
    token.refresh_from_db()
    assert token.is_revoked and token.revoked_by == admin_member
    assert client.get("/api/v1/tags/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    listing = client.get(TOKENS).content.decode()
    assert "Revoked" in listing and f"{TOKENS}revoke/{token.pk}/" not in listing


def test_tokens_are_revoked_not_deleted(login, admin_member):
    token, _secret = api_token(admin_member)

    response = login(admin_member).post(f"{TOKENS}delete/{token.pk}/")

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("role", ["staff", "moderator", "product_team_member"])
def test_only_site_admins_manage_tokens(request, login, role, admin_member):
    token, _secret = api_token(admin_member)
    client = login(request.getfixturevalue(role))

    for response in (
        client.get(TOKENS),
        client.get(f"{TOKENS}new/"),
        client.post(f"{TOKENS}new/", {"name": "Mine", "rate_per_minute": "60"}),
        client.post(f"{TOKENS}revoke/{token.pk}/"),
    ):
        assert response.status_code in (302, 403)
    assert ApiToken.objects.count() == 1
    assert not ApiToken.objects.get().is_revoked
    assert TOKENS not in client.get("/admin/").content.decode()


def test_the_token_list_costs_the_same_with_3_and_with_20_tokens(login, admin_member):
    client = login(admin_member)
    for _ in range(3):
        api_token(admin_member)

    def queries():
        client.get(TOKENS)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(TOKENS).status_code == 200
        return len(captured)

    small = queries()
    for _ in range(17):
        api_token(admin_member)
    assert queries() == small
