"""A buyer invited by the shop, in a real browser: the order arrives on the signed webhook, the
invitation e-mail is read from the outbox, the buyer follows its link, joins and writes a 2-star
review, and the product page shows it as a verified owner's, with invited and unprompted reviews
compared. axe checks the pages on the way."""

import json
import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from community import products
from community.models import CommunitySettings
from community.webhooks import sign
from reviews.invitations import send_due
from reviews.models import Invitation, Review, ReviewOrigin
from tests.browser.axe import assert_no_serious_violations
from tests.factories import OrderSourceFactory, ReviewFactory, product_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BUYER = "jo.buyer@example.com"


@pytest.fixture
def kettle(site_pages):
    """A product with 9 invited and 10 unprompted reviews: the buyer's makes 10 of each."""
    product = product_page(site_pages.catalogue["en"], "Aurora kettle")
    for origin, count, rating in ((ReviewOrigin.INVITED, 9, 4), (ReviewOrigin.UNPROMPTED, 10, 5)):
        for _ in range(count):
            ReviewFactory(product=product, origin=origin, rating=rating)
    products.refresh_product_stats([product.pk])
    return product


def _order_arrives(page, source, product):
    """The shop posts the order to its webhook, signed as docs/orders.md says."""
    delivered = timezone.localdate() - timedelta(days=20)
    body = json.dumps(
        {
            "reference": "SHOP-1001",
            "email": BUYER,
            "products": [product.slug],
            "purchased_on": (delivered - timedelta(days=2)).isoformat(),
            "delivered_on": delivered.isoformat(),
            "language": "en",
        }
    ).encode()
    timestamp = int(time.time())
    response = page.request.post(
        f"/reviews/orders/{source.slug}/",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Community-Timestamp": str(timestamp),
            "X-Community-Signature": sign(source.secret, timestamp, body),
        },
    )
    assert response.status == 201, response.text()


def _invitation_link():
    """The sweep sends the invitation that is due; its link, from the e-mail in the outbox."""
    mail.outbox.clear()
    assert send_due()["sent"] == 1
    (message,) = mail.outbox
    assert message.to == [BUYER]
    assert "List-Unsubscribe" in message.extra_headers
    return re.search(r"https?://\S+/reviews/invited/\S+/", message.body).group(0)


def _write_two_stars(page):
    stars = page.get_by_role("group", name=re.compile(r"your rating", re.I))
    stars.get_by_role("radio", name=re.compile(r"^1 star\b")).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(stars.get_by_role("radio", name=re.compile(r"^2 stars\b"))).to_be_checked()
    page.get_by_role("textbox", name="Title", exact=True).fill("Loud and slow")
    page.get_by_role("textbox", name="Your review", exact=True).fill(
        "It takes five minutes to boil and whistles through the whole kitchen."
    )


def test_an_invited_buyer_joins_writes_two_stars_and_the_product_page_compares(page, kettle):
    source = OrderSourceFactory(name="Kettle shop")
    _order_arrives(page, source, kettle)
    page.goto(_invitation_link())

    expect(page.get_by_text(re.compile(r"You bought Aurora kettle in"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"No reward is offered for reviews"))).to_be_visible()
    expect(page.get_by_text("Your review is published as soon as you send it.")).to_be_visible()
    assert_no_serious_violations(page)

    _write_two_stars(page)
    page.get_by_role("textbox", name="How should we call you?").fill("Jo Buyer")
    page.get_by_label("I accept the community guidelines").check()
    page.get_by_label(re.compile(r"Show on my review that I bought it")).check()
    page.get_by_role("button", name=re.compile(r"publish|send", re.I)).click()

    review = page.locator("article.review", has_text="Loud and slow")
    expect(review).to_be_visible()
    expect(review.get_by_text("Verified owner")).to_be_visible()
    expect(review.get_by_text(re.compile(r"bought in .+, invited by the shop"))).to_be_visible()
    comparison = page.get_by_role("table", name="Invited and unprompted reviews compared")
    expect(comparison).to_be_visible()
    # 9 invited reviews of 4 stars and the buyer's 2: 3.8; the unprompted ones all gave 5.
    expect(comparison.locator("tr.rating-origins__average")).to_contain_text("3.8")
    expect(comparison.locator("tr.rating-origins__average")).to_contain_text("5.0")
    assert_no_serious_violations(page)

    written = Review.objects.get(title="Loud and slow")
    assert (written.rating, written.origin, written.is_published) == (2, "invited", True)
    assert Invitation.objects.get(review=written).status == Invitation.Status.REVIEWED

    # The link was for one review: following it again says so.
    page.goto(_link_of_the_sent_invitation())
    expect(page.get_by_text(re.compile(r"used already"))).to_be_visible()


def _link_of_the_sent_invitation():
    (message,) = mail.outbox
    return re.search(r"https?://\S+/reviews/invited/\S+/", message.body).group(0)


def test_an_invited_buyer_is_told_their_review_waits_when_new_members_are_held(page, kettle):
    settings = CommunitySettings.load()
    settings.hold_new_members_posts = True
    settings.save()
    source = OrderSourceFactory(name="Kettle shop")
    _order_arrives(page, source, kettle)
    page.goto(_invitation_link())

    notice = page.get_by_text(re.compile(r"Your review will wait for a moderator"))
    expect(notice).to_be_visible()
    _write_two_stars(page)
    page.get_by_role("textbox", name="How should we call you?").fill("Jo Buyer")
    page.get_by_label("I accept the community guidelines").check()
    page.get_by_role("button", name=re.compile(r"publish|send", re.I)).click()

    expect(page.get_by_text(re.compile(r"waiting for a moderator", re.I)).first).to_be_visible()
    written = Review.objects.get(title="Loud and slow")
    assert written.origin == "invited" and written.is_held
