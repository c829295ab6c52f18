"""Orders and invited reviews stay single when the same thing arrives twice at the same moment:
a shop's webhook retried while the first request is still being handled, and a buyer's review
sent twice (a double click, two tabs). PostgreSQL only: SQLite lets one writer in at a time."""

import json
import time

import pytest

from community.webhooks import sign
from reviews import invitations
from reviews.invited_reviews import invited_review_create
from reviews.models import Invitation, Order, OrderLine, Review
from reviews.orders import OrderRefused, order_receive_signed
from tests.conftest import postgres_only
from tests.factories import OrderSourceFactory, order_of, product_page
from tests.reviews.test_concurrency import at_once

pytestmark = [
    postgres_only,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


def refused_or_stored(action):
    """The action's order or review, or the code of its refusal: a refusal is an answer too."""

    def run():
        try:
            return action()
        except OrderRefused as refusal:
            return refusal.code
        except invitations.InvalidInvitation:
            return "used"

    return run


def test_the_same_order_sent_twice_at_once_is_stored_once(product):
    source = OrderSourceFactory(name="Shop")
    body = json.dumps(
        {
            "reference": "SHOP-7",
            "email": "buyer@example.com",
            "products": [product.slug],
            "purchased_on": "2026-11-02",
        }
    ).encode()
    timestamp = int(time.time())
    signature = sign(source.secret, timestamp, body)

    def send():
        return order_receive_signed(
            source, body=body, timestamp=str(timestamp), signature=signature
        )

    results = at_once([refused_or_stored(send), refused_or_stored(send)])

    assert sorted(map(type, results), key=str) == sorted([Order, str], key=str)
    assert "replayed" in results or "duplicate_reference" in results
    assert (Order.objects.count(), OrderLine.objects.count(), Invitation.objects.count()) == (
        1,
        1,
        1,
    )


def test_an_invited_review_sent_twice_at_once_is_written_once(product):
    order = order_of([product])
    invitations.schedule(order)
    invitation = order.invitations.get()
    invitations.send_due(invitation.due_at)
    invitation.refresh_from_db()
    token = invitations.make_token(invitation)
    data = {"rating": 2, "title": "Loud", "text": "Loud in the morning.", "pros": "", "cons": ""}

    def send():
        return invited_review_create(None, token, data=data, display_name="Jo Buyer").review

    results = at_once([refused_or_stored(send), refused_or_stored(send)])

    assert sorted(map(type, results), key=str) == sorted([Review, str], key=str)
    assert "used" in results
    assert Review.objects.filter(product=product).count() == 1
    assert Invitation.objects.get().status == Invitation.Status.REVIEWED
