"""Sign-in options beyond e-mail and password: the brand's customer accounts, and rate limits."""

import pytest
from django.core.cache import cache

from tests.factories import DEFAULT_PASSWORD

CUSTOMER_ACCOUNT_PROVIDER = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "customer-account",
                "name": "Brand customer account",
                "client_id": "community",
                "secret": "not-a-real-secret",
                "settings": {"server_url": "https://accounts.brand.example"},
            }
        ],
        "OAUTH_PKCE_ENABLED": True,
    }
}


@pytest.mark.django_db
def test_log_in_page_offers_the_customer_account_when_openid_connect_is_configured(
    client, settings, site_pages
):
    settings.SOCIALACCOUNT_PROVIDERS = CUSTOMER_ACCOUNT_PROVIDER
    page = client.get("/accounts/login/").content.decode()
    assert "Brand customer account" in page
    assert "/accounts/oidc/customer-account/login/" in page


@pytest.mark.django_db
def test_log_in_page_offers_no_customer_account_when_it_is_not_configured(
    client, settings, site_pages
):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = client.get("/accounts/login/").content.decode()
    assert "/accounts/oidc/" not in page


@pytest.mark.django_db
def test_repeated_failed_log_ins_are_rate_limited(client, settings, member, site_pages):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/key"}
    cache.clear()
    for _attempt in range(3):
        response = client.post(
            "/accounts/login/", {"login": member.email, "password": "wrong-password"}
        )
        assert response.status_code == 200
    blocked = client.post("/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD})
    assert (
        blocked.status_code == 429
        or "Too many failed attempts to log in" in blocked.content.decode()
    )
    assert "_auth_user_id" not in client.session
