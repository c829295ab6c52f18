"""The shops' signed webhook: a good order is stored once with its invitations, and every bad
request is refused with a clear JSON error and leaves nothing stored."""

import json
import time
from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from community.webhooks import sign
from reviews.models import Invitation, Order, OrderLine, OrderReceipt, Ownership
from tests.factories import MemberFactory, OrderSourceFactory, product_page

pytestmark = pytest.mark.django_db

SECRET = "a-shop-signing-secret"
URL = "/reviews/orders/web-shop/"
# A moment every test starts from, so that "5 minutes" and the invitation's due date are exact.
NOW = datetime(2026, 3, 20, 9, 0, tzinfo=timezone.get_fixed_timezone(0))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def source(db):
    return OrderSourceFactory(name="Web shop", slug="web-shop", secret=SECRET)


@pytest.fixture
def espresso(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso Duo")


@pytest.fixture
def grinder(site_pages):
    return product_page(site_pages.catalogue["en"], "Burr Mill")


def an_order(**fields):
    return {
        "reference": "A-10021",
        "email": "Camille@Example.com",
        "products": ["espresso-duo", "burr-mill"],
        "purchased_on": "2026-03-02",
        "delivered_on": "2026-03-05",
        "language": "fr-CA",
    } | fields


@pytest.fixture
def send(client, source, espresso, grinder):
    """POST `data` (or the raw `body`) signed as the shop would, with `secret` at `timestamp`."""

    def post(data=None, *, body=None, secret=SECRET, timestamp=None, signature=None, sender=None):
        body = body if body is not None else json.dumps(data or an_order()).encode()
        timestamp = int(time.time()) if timestamp is None else timestamp
        headers = {
            "X-Community-Timestamp": str(timestamp),
            "X-Community-Signature": signature or sign(secret, timestamp, body),
        }
        return (sender or client).post(
            URL, data=body, content_type="application/json", headers=headers
        )

    return post


def stored() -> dict:
    return {
        "orders": Order.objects.count(),
        "lines": OrderLine.objects.count(),
        "invitations": Invitation.objects.count(),
        "receipts": OrderReceipt.objects.count(),
        "ownerships": Ownership.objects.count(),
    }


NOTHING = {"orders": 0, "lines": 0, "invitations": 0, "receipts": 0, "ownerships": 0}


def test_a_good_order_is_stored_once_with_an_invitation_per_product(send, espresso, grinder):
    response = send()

    assert response.status_code == 201
    body = response.json()["order"]
    order = Order.objects.get()
    assert body["reference"] == "A-10021"
    assert body["id"] == order.pk
    # 14 days after delivery, at 10 in the morning (the site's time zone).
    due = timezone.make_aware(datetime(2026, 3, 19, 10, 0))
    invitations = [
        (invitation["product"], datetime.fromisoformat(invitation["due_at"]), invitation["status"])
        for invitation in body["invitations"]
    ]
    assert invitations == [
        ("espresso-duo", due, "scheduled"),
        ("burr-mill", due, "scheduled"),
    ]
    assert order.email == "camille@example.com", "kept in lower case, to match as typed"
    assert order.language == "fr", "French from its tag"
    assert order.channel == Order.Channel.WEBHOOK
    assert order.member is None
    assert {line.product for line in order.lines.all()} == {espresso, grinder}
    assert stored() == NOTHING | {"orders": 1, "lines": 2, "invitations": 2, "receipts": 1}


def test_a_verified_members_order_makes_them_the_owner_of_each_product(send, espresso, grinder):
    camille = MemberFactory(email="camille@example.com", display_name="Camille Martin")

    send()

    order = Order.objects.get()
    assert order.member == camille
    ownerships = Ownership.objects.filter(member=camille).order_by("product__title")
    assert [(o.product, o.source, o.order, str(o.purchased_on)) for o in ownerships] == [
        (grinder, Ownership.Source.ORDER, order, "2026-03-02"),
        (espresso, Ownership.Source.ORDER, order, "2026-03-02"),
    ]


def test_an_ownership_the_member_had_already_is_kept_as_it_was(send, espresso, staff):
    camille = MemberFactory(email="camille@example.com")
    kept = Ownership.objects.create(
        member=camille, product=espresso, source=Ownership.Source.STAFF, recorded_by=staff
    )

    send()

    kept.refresh_from_db()
    assert kept.source == Ownership.Source.STAFF and kept.order is None
    assert Ownership.objects.filter(member=camille).count() == 2


@pytest.mark.parametrize(
    ("change", "status", "code", "says"),
    [
        ({"secret": "another-shops-secret"}, 401, "bad_signature", "signature does not match"),
        ({"timestamp": int(NOW.timestamp()) - 301}, 401, "stale_timestamp", "5 minutes"),
        ({"timestamp": int(NOW.timestamp()) + 301}, 401, "stale_timestamp", "5 minutes"),
        ({"signature": "sha256=" + "0" * 64}, 401, "bad_signature", "signature does not match"),
        ({"body": b"{'reference': 'A-1'"}, 400, "malformed", "not valid JSON"),
        ({"body": b"[1, 2, 3]"}, 400, "malformed", "must be a JSON object"),
        ({"body": b"\xff\xfe\x00 not text"}, 400, "malformed", "not valid JSON"),
    ],
    ids=[
        "wrong-secret",
        "old-timestamp",
        "future-timestamp",
        "forged-signature",
        "broken-json",
        "not-an-object",
        "not-text",
    ],
)
def test_a_bad_request_is_refused_with_a_clear_json_error_and_nothing_stored(
    send, change, status, code, says
):
    response = send(**change)

    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert says in error["message"]
    assert stored() == NOTHING


def test_an_unsigned_request_is_refused_and_says_which_headers_to_send(client, source):
    response = client.post(URL, data=json.dumps(an_order()), content_type="application/json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "missing_signature"
    assert "X-Community-Signature" in response.json()["error"]["message"]
    assert response["WWW-Authenticate"]
    assert stored() == NOTHING


def test_a_replayed_request_is_refused_and_the_order_is_stored_once(send):
    body = json.dumps(an_order()).encode()
    timestamp = int(time.time())
    assert send(body=body, timestamp=timestamp).status_code == 201

    replayed = send(body=body, timestamp=timestamp)

    assert replayed.status_code == 409
    assert replayed.json()["error"]["code"] == "replayed"
    assert stored() == NOTHING | {"orders": 1, "lines": 2, "invitations": 2, "receipts": 1}


def test_the_same_reference_sent_again_is_refused_as_a_duplicate(send):
    send()

    again = send(an_order(email="someone.else@example.com"), timestamp=int(time.time()) - 1)

    assert again.status_code == 409
    assert again.json()["error"]["code"] == "duplicate_reference"
    assert "A-10021" in again.json()["error"]["message"]
    assert stored() == NOTHING | {"orders": 1, "lines": 2, "invitations": 2, "receipts": 1}


def test_the_same_reference_from_another_shop_is_another_order(send, client, espresso):
    send()
    OrderSourceFactory(name="Market place", slug="market-place", secret="market-secret")
    body = json.dumps(an_order(products=["espresso-duo"])).encode()
    timestamp = int(time.time())

    response = client.post(
        "/reviews/orders/market-place/",
        data=body,
        content_type="application/json",
        headers={
            "X-Community-Timestamp": str(timestamp),
            "X-Community-Signature": sign("market-secret", timestamp, body),
        },
    )

    assert response.status_code == 201
    assert Order.objects.filter(reference="A-10021").count() == 2


def test_an_unknown_product_is_refused_by_its_slug_and_nothing_stored(send):
    response = send(an_order(products=["espresso-duo", "teapot"]))

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unknown_product"
    assert error["message"] == "No product has the slug “teapot”."
    assert stored() == NOTHING


def test_invalid_fields_are_each_named_with_what_is_wrong(send):
    response = send(
        an_order(
            reference="",
            email="camille-at-example",
            products=[],
            purchased_on="02/03/2026",
            language="de",
        )
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_field"
    assert error["fields"] == {
        "reference": "The order reference is missing.",
        "email": "“camille-at-example” is not a valid e-mail address.",
        "products": "The order names no product: give a list of product slugs.",
        "purchased_on": "The purchase date must be a date written YYYY-MM-DD.",
        "language": "The language must be one of: en, fr.",
    }
    assert stored() == NOTHING


def test_a_delivery_before_the_purchase_is_refused(send):
    response = send(an_order(delivered_on="2026-03-01"))

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "delivered_on": "The delivery date is before the purchase date."
    }
    assert stored() == NOTHING


def test_the_errors_are_in_english_whatever_the_language_asked_for(send, client):
    response = client.post(
        URL, data=b"{}", content_type="application/json", headers={"Accept-Language": "fr"}
    )

    assert response.json()["error"]["message"].startswith("The request is not signed")


def test_an_unknown_or_inactive_source_is_not_found(send, client, source):
    source.is_active = False
    source.save()

    inactive = send()
    unknown = client.post("/reviews/orders/nobody/", data=b"{}", content_type="application/json")

    assert inactive.status_code == unknown.status_code == 404
    assert inactive.json()["error"]["code"] == unknown.json()["error"]["code"] == "unknown_source"
    assert stored() == NOTHING


def test_a_body_larger_than_64_kb_is_refused_unread(send):
    response = send(body=json.dumps(an_order(padding="x" * 70_000)).encode())

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert stored() == NOTHING


def test_only_post_is_answered(client, source):
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize(
    "role",
    ["visitor", "unverified_member", "member", "staff", "moderator", "product_team_member"],
)
def test_whoever_is_signed_in_only_the_shops_signature_counts(request, login, send, role):
    sender = login(request.getfixturevalue(role))

    unsigned = sender.post(URL, data=json.dumps(an_order()), content_type="application/json")
    assert unsigned.status_code == 401
    assert stored() == NOTHING

    signed = send(sender=sender)
    assert signed.status_code == 201
    assert Order.objects.get().member is None, "the order is the shop's, not the sender's"
