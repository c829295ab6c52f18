"""Orders and members: an order makes its buyer a verified owner once their address is verified,
its invitations say why they will not be sent, orders leave after the retention period, and
they are the member's data (in the download, erased with the account)."""

from datetime import date, timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.utils import timezone

from community.account_deletion.services import deletion_request
from community.erasure import Choice
from reviews import invitations
from reviews.models import (
    Invitation,
    InvitationOptOut,
    Order,
    OrderLine,
    OrderReceipt,
    Ownership,
    ProductInvitationPolicy,
    ReviewInvitationSettings,
)
from reviews.orders import OrderRefused, order_receive, orders_claim, orders_expire
from tests.community.member_data.helpers import section_json, zip_of
from tests.factories import (
    MemberFactory,
    OrderSourceFactory,
    ReviewFactory,
    order_of,
    product_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(db):
    return OrderSourceFactory(name="Web shop", slug="web-shop")


@pytest.fixture
def espresso(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso Duo")


@pytest.fixture
def grinder(site_pages):
    return product_page(site_pages.catalogue["en"], "Burr Mill")


def receive(source, reference="A-1", *, email="noah@example.com", products=("espresso-duo",)):
    return order_receive(
        source,
        {
            "reference": reference,
            "email": email,
            "products": list(products),
            "purchased_on": "2026-03-02",
        },
        channel=Order.Channel.WEBHOOK,
    )


# Matching the buyer


def test_an_unverified_address_earns_nothing_until_the_member_verifies_it(
    client, source, espresso, grinder
):
    noah = MemberFactory(email="noah@example.com", display_name="Noah Petit", verified=False)
    order = receive(source, products=("espresso-duo", "burr-mill"))
    assert order.member is None
    assert not Ownership.objects.exists()

    address = EmailAddress.objects.get(user=noah)
    confirmed = client.post(f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/")

    assert confirmed.status_code == 302
    order.refresh_from_db()
    assert order.member == noah
    assert set(
        Ownership.objects.filter(member=noah, source=Ownership.Source.ORDER).values_list(
            "product", "order"
        )
    ) == {(espresso.pk, order.pk), (grinder.pk, order.pk)}


def test_claiming_again_changes_nothing(source, espresso):
    noah = MemberFactory(email="noah@example.com")
    order = order_of([espresso], email="noah@example.com", source=source)

    assert orders_claim(noah) == 1
    assert orders_claim(noah) == 0

    assert Ownership.objects.get(member=noah).order == order


def test_a_second_address_verified_claims_the_orders_sent_to_it(source, espresso):
    noah = MemberFactory(email="noah@example.com")
    receive(source, email="Noah.Work@Example.com")
    assert not Ownership.objects.exists()
    EmailAddress.objects.create(user=noah, email="noah.work@example.com", verified=True)

    orders_claim(noah)

    assert Order.objects.get().member == noah
    assert Ownership.objects.filter(member=noah, product=espresso).exists()


def test_an_order_to_someone_elses_address_is_never_claimed(source, espresso):
    MemberFactory(email="noah@example.com", verified=False)
    other = MemberFactory(email="olga@example.com")
    receive(source)

    assert orders_claim(other) == 0
    assert Order.objects.get().member is None


# Invitations scheduled with the order


def test_invitations_that_will_not_be_sent_say_why(source, espresso, grinder, site_pages):
    camille = MemberFactory(email="camille@example.com")
    ReviewFactory(author=camille, product=espresso)
    teapot = product_page(site_pages.catalogue["en"], "Teapot")
    ProductInvitationPolicy.objects.create(product=teapot, invitations_on=False)

    receive(source, email="camille@example.com", products=("espresso-duo", "burr-mill", "teapot"))
    receive(source, "A-2", email="camille@example.com", products=("burr-mill",))
    InvitationOptOut.objects.create(address_hash=invitations.address_hash("OLGA@example.com"))
    receive(source, "A-3", email="olga@example.com", products=("burr-mill",))

    reasons = {
        (invitation.order.reference, invitation.product.slug): invitation.skipped_because
        for invitation in Invitation.objects.select_related("order", "product")
    }
    assert reasons == {
        ("A-1", "espresso-duo"): "the customer has reviewed this product already",
        ("A-1", "burr-mill"): "",
        ("A-1", "teapot"): "invitations are off for this product",
        ("A-2", "burr-mill"): "the customer was invited for this product already",
        ("A-3", "burr-mill"): "the customer asked for no invitations",
    }


def test_a_product_with_its_own_delay_is_due_after_it(source, espresso):
    ProductInvitationPolicy.objects.create(product=espresso, invite_after_days=30)

    receive(source)

    due = Invitation.objects.get().due_at
    assert timezone.localtime(due).date() == date(2026, 3, 2) + timedelta(days=30)


def test_an_inactive_source_is_refused(source, espresso):
    source.is_active = False
    source.save()

    with pytest.raises(OrderRefused) as refused:
        receive(source)

    assert refused.value.code == "unknown_source"
    assert not Order.objects.exists()


# Retention


def test_orders_leave_after_the_retention_period_and_their_ownerships_stay(source, espresso):
    settings = ReviewInvitationSettings.load()
    settings.keep_orders_days = 30
    settings.save()
    noah = MemberFactory(email="noah@example.com")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        old = receive(source, "OLD")
        OrderReceipt.objects.create(source=source, signature="sha256=old")
    with time_machine.travel(start + timedelta(days=25), tick=False):
        recent = receive(source, "RECENT", email="olga@example.com")
    later = start + timedelta(days=30, minutes=1)
    OrderReceipt.objects.create(source=source, signature="sha256=new", received_at=later)

    with time_machine.travel(later, tick=False):
        deleted = orders_expire(timezone.now())

    assert deleted == 1
    assert list(Order.objects.all()) == [recent]
    assert not OrderLine.objects.filter(order_id=old.pk).exists()
    assert not Invitation.objects.filter(order_id=old.pk).exists()
    ownership = Ownership.objects.get(member=noah)
    assert ownership.order is None and ownership.source == Ownership.Source.ORDER
    assert list(OrderReceipt.objects.values_list("signature", flat=True)) == ["sha256=new"]


# Personal data


@pytest.fixture
def buyer(source, espresso, grinder):
    """A member with an order matched to them, one sent to their second (verified) address
    before they verified it, and one sent to an address they have not verified; and someone
    else's order."""
    noah = MemberFactory(email="noah@example.com", display_name="Noah Petit")
    EmailAddress.objects.create(user=noah, email="noah.work@example.com", verified=True)
    EmailAddress.objects.create(user=noah, email="noah.old@example.com", verified=False)
    order_of([espresso], email="noah@example.com", source=source, reference="MATCHED", member=noah)
    order_of([grinder], email="noah.work@example.com", source=source, reference="WAITING")
    order_of([grinder], email="noah.old@example.com", source=source, reference="NOT-HIS")
    order_of([grinder], email="olga@example.com", source=source, reference="OLGAS")
    for order in Order.objects.all():
        invitations.schedule(order)
    return noah


def test_the_download_holds_the_members_orders_and_invitations_and_no_one_elses(buyer):
    archive = zip_of(buyer)

    orders = section_json(archive, "orders")
    assert sorted(item["reference"] for item in orders["items"]) == ["MATCHED", "WAITING"]
    matched = next(item for item in orders["items"] if item["reference"] == "MATCHED")
    assert matched["shop"] == "Web shop"
    assert matched["products"] == ["Espresso Duo"]
    assert matched["email"] == "noah@example.com"
    invited = section_json(archive, "review_invitations")["items"]
    assert sorted((item["order_reference"], item["product"]) for item in invited) == [
        ("MATCHED", "Espresso Duo"),
        ("WAITING", "Burr Mill"),
    ]
    assert {item["status"] for item in invited} == {"scheduled"}


def test_the_my_data_page_counts_the_orders(client, buyer):
    client.force_login(buyer)

    page = client.get("/accounts/data/").content.decode()

    assert 'data-testid="count-orders">2<' in page
    assert 'data-testid="count-review_invitations">2<' in page


@pytest.mark.parametrize("choice", [Choice.ANONYMISE, Choice.REMOVE])
def test_deleting_the_account_erases_the_orders_but_keeps_the_opt_out(
    buyer, choice, django_capture_on_commit_callbacks
):
    InvitationOptOut.objects.create(address_hash=invitations.address_hash("noah@example.com"))

    with django_capture_on_commit_callbacks(execute=True):
        deletion_request(buyer, choice=choice)

    assert sorted(Order.objects.values_list("reference", flat=True)) == ["NOT-HIS", "OLGAS"]
    assert Invitation.objects.count() == 2
    assert invitations.is_opted_out("noah@example.com")
