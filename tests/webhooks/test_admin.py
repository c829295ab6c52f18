"""Webhooks in the Wagtail admin: site admins register them with their events and secret, send
a test delivery, read the last deliveries with status code, duration and error, and send one
again; nobody else sees them."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Webhook, WebhookDelivery
from ideas.webhooks import IDEA_CREATED, IDEA_STATUS_CHANGED
from tests.factories import MemberFactory, proposed_idea, site_admin

pytestmark = pytest.mark.django_db

WEBHOOKS = "/admin/webhooks/"
DELIVERIES = "/admin/webhook-deliveries/"


@pytest.fixture
def admin_member(db):
    return site_admin(display_name="Sam Siteadmin")


def test_a_site_admin_registers_a_webhook_for_chosen_events(login, admin_member, receiver):
    response = login(admin_member).post(
        f"{WEBHOOKS}new/",
        {
            "name": "Product channel",
            "url": receiver.url,
            "events": [IDEA_CREATED, IDEA_STATUS_CHANGED],
            "secret": "a-secret-long-enough-to-sign",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    hook = Webhook.objects.get()
    assert hook.events == ["idea.created", "idea.status_changed"]
    assert hook.secret == "a-secret-long-enough-to-sign"
    assert hook.is_active


def test_a_new_webhook_gets_a_secret_made_for_it(login, admin_member):
    form = login(admin_member).get(f"{WEBHOOKS}new/").content.decode()

    secret = form.split('name="secret"')[1].split('value="')[1].split('"')[0]
    assert len(secret) == 64


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "ftp://example.com/hook", "Give an address that starts with https://."),
        ("url", "not an address", "Enter a valid URL."),
        ("secret", "short", "at least 16 characters"),
        ("events", [], "Choose at least one event to send."),
    ],
)
def test_a_webhook_that_is_not_valid_is_refused_with_its_reason(
    login, admin_member, field, value, message
):
    data = {
        "name": "Product channel",
        "url": "https://example.com/hook",
        "events": [IDEA_CREATED],
        "secret": "a-secret-long-enough-to-sign",
        field: value,
    }

    response = login(admin_member).post(f"{WEBHOOKS}new/", data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Webhook.objects.exists()


def test_the_webhook_page_lists_the_last_deliveries(
    login, admin_member, make_receiver, hook_for, django_capture_on_commit_callbacks
):
    down = make_receiver([502])
    hook = hook_for(down)
    with django_capture_on_commit_callbacks(execute=True):
        proposed_idea(MemberFactory(), title="An idea", body="Text.")
    delivery = WebhookDelivery.objects.get()

    page = login(admin_member).get(f"{WEBHOOKS}edit/{hook.pk}/").content.decode()

    assert "Last deliveries" in page
    assert f"{DELIVERIES}inspect/{delivery.pk}/" in page
    assert "<td>502</td>" in page
    assert f"<td>{delivery.duration_ms}</td>" in page
    assert "HTTP 502" in page
    assert "Failed, will be tried again" in page
    listing = login(admin_member).get(WEBHOOKS).content.decode()
    assert "Failed, will be tried again" in listing


def test_a_site_admin_sends_a_test_delivery(
    login, admin_member, receiver, hook_for, django_capture_on_commit_callbacks
):
    hook = hook_for(receiver)
    client = login(admin_member)

    assert client.get(f"{WEBHOOKS}ping/{hook.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{WEBHOOKS}ping/{hook.pk}/")

    assert response.status_code == 302
    assert json.loads(receiver.received[0][1])["event"] == "ping"
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SUCCEEDED


def test_a_site_admin_sends_a_delivery_again(
    login, admin_member, make_receiver, hook_for, django_capture_on_commit_callbacks
):
    flaky = make_receiver([500, 200])
    hook = hook_for(flaky)
    with django_capture_on_commit_callbacks(execute=True):
        proposed_idea(MemberFactory(), title="An idea", body="Text.")
    first = WebhookDelivery.objects.get()
    client = login(admin_member)

    listing = client.get(DELIVERIES).content.decode()
    assert f"{DELIVERIES}resend/{first.pk}/" in listing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{DELIVERIES}resend/{first.pk}/")

    again = WebhookDelivery.objects.exclude(pk=first.pk).get()
    assert (again.webhook, again.body) == (hook, first.body)
    assert again.status == WebhookDelivery.Status.SUCCEEDED
    inspect = client.get(f"{DELIVERIES}inspect/{again.pk}/").content.decode()
    assert "Delivered" in inspect


@pytest.mark.parametrize("role", ["staff", "moderator", "product_team_member"])
def test_only_site_admins_manage_webhooks(request, login, role, receiver, hook_for):
    hook = hook_for(receiver)
    client = login(request.getfixturevalue(role))

    for response in (
        client.get(WEBHOOKS),
        client.get(f"{WEBHOOKS}edit/{hook.pk}/"),
        client.post(f"{WEBHOOKS}ping/{hook.pk}/"),
        client.get(DELIVERIES),
        client.post(
            f"{WEBHOOKS}new/",
            {"name": "Mine", "url": "https://example.com/", "events": ["idea.created"]},
        ),
    ):
        assert response.status_code in (302, 403)
    assert Webhook.objects.count() == 1
    assert receiver.received == []


def test_the_delivery_list_costs_the_same_with_3_and_with_20(
    login, admin_member, receiver, hook_for
):
    hook = hook_for(receiver)
    client = login(admin_member)

    def queries():
        client.get(DELIVERIES)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DELIVERIES).status_code == 200
        return len(captured)

    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(webhook=hook, event="idea.created", body="{}") for _ in range(3)
    )
    small = queries()
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(webhook=hook, event="idea.created", body="{}") for _ in range(17)
    )
    assert queries() == small
