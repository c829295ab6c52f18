"""Orders and review invitations in the Wagtail admin: the order sources site admins set up
(with their secret and a new one on demand), the orders and invitations staff read, the
products' own invitation delays, and the monthly invitation figures with their chart and CSV."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from community.models import ModerationState
from reviews import invitations
from reviews.models import (
    Invitation,
    InvitationTally,
    OrderSource,
    ProductInvitationPolicy,
    ReviewInvitationSettings,
    ReviewOrigin,
)
from tests.factories import OrderSourceFactory, ReviewFactory, order_of, product_page, site_admin
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
FIGURES = "/admin/invitation-figures/"
FIGURES_CSV = "/admin/invitation-figures/figures.csv"
SOURCES = "/admin/order-sources/"
ORDERS = "/admin/orders/"
INVITATIONS = "/admin/review-invitations/"
DELAYS = "/admin/invitation-delays/"


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def other_product(site_pages):
    return product_page(site_pages.catalogue["en"], "Milk Frother")


@pytest.fixture
def admin(db):
    return site_admin(display_name="Sita Admin")


@pytest.fixture
def june_2025():
    """The figures are read on 15 June 2025: the last 6 months are January to June."""
    with time_machine.travel(datetime(2025, 6, 15, 10, tzinfo=PARIS), tick=False):
        yield


def outcome(response, role) -> str:
    """What a role got from an admin page: the page, sent to log in, or refused (the admin
    sends members without access to its log-in page)."""
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(("/accounts/login/", "/admin/login/")):
        return "log in" if role == "visitor" else "refused"
    if response.status_code == 403 or (response.status_code == 302 and location == "/admin/"):
        return "refused"
    return "page" if response.status_code == 200 else str(response.status_code)


def who(request, role):
    return None if role == "visitor" else request.getfixturevalue(role)


def tally(product, month, *, orders, sent, reminders, opened, written):
    return InvitationTally.objects.create(
        product=product,
        month=month,
        orders_received=orders,
        invitations_sent=sent,
        reminders_sent=reminders,
        links_opened=opened,
        reviews_written=written,
    )


def review_at(moment, product, rating, origin, **fields):
    with time_machine.travel(moment, tick=False):
        return ReviewFactory(product=product, rating=rating, origin=origin, **fields)


def may(day, hour=12, minute=0):
    return datetime(2025, 5, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def figures_data(june_2025, product, other_product):
    """May has figures for both products; June for one; November 2024 is 7 months back."""
    tally(product, date(2025, 5, 1), orders=10, sent=8, reminders=3, opened=5, written=4)
    tally(product, date(2025, 6, 1), orders=2, sent=4, reminders=0, opened=1, written=1)
    tally(other_product, date(2025, 5, 1), orders=6, sent=2, reminders=1, opened=2, written=2)
    tally(product, date(2024, 11, 1), orders=7, sent=7, reminders=2, opened=3, written=3)
    invited, unprompted = ReviewOrigin.INVITED, ReviewOrigin.UNPROMPTED
    review_at(may(3), product, 5, invited)
    review_at(may(9), product, 4, invited)
    # The last minutes of May in Paris are still May, though already June in UTC... and the
    # reverse: 00:30 on 1 June in Paris is 31 May in UTC, and counts in June.
    review_at(may(31, 23, 30), product, 2, unprompted)
    review_at(datetime(2025, 6, 1, 0, 30, tzinfo=PARIS), product, 3, unprompted)
    review_at(may(12), product, 1, invited, moderation_state=ModerationState.HIDDEN)
    review_at(may(20), other_product, 4, unprompted)


def month_rows(response, elements):
    """The figures table's rows by their month ("2025-05", or "total"), as people read them."""
    return {
        attrs["data-month"]: text
        for attrs, text in elements(response.content, "tr")
        if "data-month" in attrs
    }


# The figures page


def test_the_figures_add_up_every_product_month_by_month(login, staff, figures_data, elements):
    response = login(staff).get(FIGURES)

    assert response.status_code == 200
    rows = month_rows(response, elements)
    assert list(rows) == [
        "2025-01",
        "2025-02",
        "2025-03",
        "2025-04",
        "2025-05",
        "2025-06",
        "total",
    ]
    # Orders, invitations, reminders, links followed, reviews written, response rate, average
    # stars of invited and unprompted reviews (how many): the hidden review is left out.
    assert rows["2025-05"] == "May 2025 16 10 4 7 6 60.0% 4.5 (2) 3.0 (2)"
    assert rows["2025-06"] == "June 2025 2 4 0 1 1 25.0% — 3.0 (1)"
    assert rows["2025-01"] == "January 2025 0 0 0 0 0 — — —"
    assert rows["total"] == "The whole period 18 14 4 8 7 50.0% 4.5 (2) 3.0 (3)"
    summary = {
        attrs["data-figure"]: text
        for attrs, text in elements(response.content, "dd")
        if "data-figure" in attrs
    }
    assert summary == {
        "orders": "18",
        "sent": "14",
        "written": "7",
        "rate": "50.0%",
        "invited-stars": "4.5",
        "unprompted-stars": "3.0",
    }


def test_the_product_filter_keeps_one_products_figures(
    login, staff, product, figures_data, elements
):
    response = login(staff).get(FIGURES, {"product": product.pk})

    rows = month_rows(response, elements)
    assert rows["2025-05"] == "May 2025 10 8 3 5 4 50.0% 4.5 (2) 2.0 (1)"
    assert rows["total"] == "The whole period 12 12 3 6 5 41.7% 4.5 (2) 2.5 (2)"


def test_twelve_months_reach_back_to_last_july(login, staff, figures_data, elements):
    response = login(staff).get(FIGURES, {"period": "12"})

    rows = month_rows(response, elements)
    assert len(rows) == 13
    assert next(iter(rows)) == "2024-07"
    assert rows["2024-11"] == "November 2024 7 7 2 3 3 42.9% — —"
    assert rows["total"].startswith("The whole period 25 21 6 11 10 47.6%")


def test_the_chart_has_a_title_a_description_and_the_same_figures(
    login, staff, figures_data, elements
):
    response = login(staff).get(FIGURES)

    html = response.content.decode()
    (svg,) = elements(html, "svg", class_="chart")
    assert svg[0]["role"] == "img"
    titles = [text for _attrs, text in elements(html, "title")]
    assert "Invitations sent and reviews written, per month" in titles
    assert "May · Invitations sent: 10" in titles
    assert "May · Reviews written: 6" in titles
    labels = [text for _attrs, text in elements(html, "text", class_="chart__label")]
    assert labels == ["Jan. 2025", "Feb.", "March", "April", "May", "June"]
    assert elements(html, "desc")[0][1].startswith("For each month, the invitations sent")
    assert 'href="/static/css/admin-charts.css"' in html


def test_the_figures_read_in_french_for_staff_whose_admin_is_in_french(
    login, staff, figures_data, elements
):
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "fr"
    profile.save()

    response = login(staff).get(FIGURES)

    html = response.content.decode()
    assert "Indicateurs des invitations" in html
    assert "Taux de réponse" in html
    may_row = month_rows(response, elements)["2025-05"]
    assert may_row == "mai 2025 16 10 4 7 6 60,0 % 4,5 (2) 3,0 (2)"
    labels = [text for _attrs, text in elements(html, "text", class_="chart__label")]
    assert labels[0] == "jan. 2025"


def test_the_csv_has_a_header_and_one_row_per_month(login, staff, figures_data):
    response = login(staff).get(FIGURES_CSV, {"period": "6"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "invitation-figures-all-2025-01-2025-06.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "month",
        "orders_received",
        "invitations_sent",
        "reminders_sent",
        "links_followed",
        "reviews_written",
        "response_rate_percent",
        "invited_reviews",
        "invited_average_stars",
        "unprompted_reviews",
        "unprompted_average_stars",
    ]
    assert [row[0] for row in rows[1:]] == [f"2025-0{month}" for month in range(1, 7)]
    assert rows[5] == ["2025-05", "16", "10", "4", "7", "6", "60.0", "2", "4.5", "2", "3.0"]
    assert rows[1] == ["2025-01", "0", "0", "0", "0", "0", "", "0", "", "0", ""]


def test_the_page_links_to_the_csv_of_what_it_shows(login, staff, product, figures_data):
    response = login(staff).get(FIGURES, {"period": "12", "product": product.pk})

    csv_url = f"{FIGURES_CSV}?period=12&amp;product={product.pk}"
    assert csv_url in response.content.decode()
    rows = list(
        csv.reader(io.StringIO(login(staff).get(csv_url.replace("&amp;", "&")).content.decode()))
    )
    assert rows[5] == ["2024-11", "7", "7", "2", "3", "3", "42.9", "0", "", "0", ""]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "24"}, "Choose the last 6 or 12 months."),
        ({"product": "999999"}, "This product is not in the catalogue: choose one."),
        ({"product": "espresso"}, "This product is not in the catalogue: choose one."),
    ],
)
def test_a_bad_period_or_product_is_explained_next_to_the_field(
    login, staff, june_2025, query, message, elements
):
    client = login(staff)

    response = client.get(FIGURES, query)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not elements(response.content, "svg", class_="chart")
    csv_response = client.get(FIGURES_CSV, query)
    assert csv_response.status_code == 400
    assert csv_response.content.decode() == message


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", "log in"),
        ("unverified_member", "refused"),
        ("member", "refused"),
        ("moderator", "refused"),
        ("staff", "page"),
        ("product_team_member", "page"),
        ("admin", "page"),
    ],
)
def test_the_figures_are_for_staff_the_product_team_and_site_admins(
    request, login, june_2025, role, expected
):
    client = login(who(request, role))

    assert outcome(client.get(FIGURES), role) == expected
    assert outcome(client.get(FIGURES_CSV), role) == expected


def test_the_figures_are_in_the_reviews_menu_of_the_product_team(login, product_team_member):
    html = login(product_team_member).get("/admin/").content.decode()

    assert FIGURES in html
    assert ORDERS not in html
    assert SOURCES not in html


def test_the_figures_cost_the_same_for_12_months_of_3_products_as_for_6_of_one(
    login, staff, june_2025, product, other_product, site_pages
):
    client = login(staff)
    tally(product, date(2025, 5, 1), orders=1, sent=1, reminders=0, opened=0, written=0)
    small = queries_for(client.get, FIGURES, {"period": "6"})

    third = product_page(site_pages.catalogue["en"], "Burr Mill")
    for month in (date(2024, 8, 1), date(2025, 1, 1), date(2025, 6, 1)):
        for each in (other_product, third):
            tally(each, month, orders=3, sent=2, reminders=1, opened=1, written=1)
    review_at(datetime(2024, 9, 2, 12, tzinfo=PARIS), third, 5, ReviewOrigin.INVITED)
    review_at(may(2), other_product, 3, ReviewOrigin.UNPROMPTED)
    large = queries_for(client.get, FIGURES, {"period": "12"})

    assert large == small


# Order sources


def test_a_site_admin_adds_a_source_and_reads_its_secret_and_address(
    login, admin, elements, settings
):
    client = login(admin)

    response = client.post(f"{SOURCES}new/", {"name": "Web shop", "slug": "web-shop"})

    source = OrderSource.objects.get(slug="web-shop")
    assert response.status_code == 302
    assert response["Location"] == f"{SOURCES}edit/{source.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert len(source.secret) >= 40
    assert elements(page, "code", data_secret="")[0][1] == source.secret
    assert elements(page, "code", data_webhook_url="")[0][1] == (
        settings.SITE_URL + reverse("reviews:orders_webhook", args=["web-shop"])
    )
    assert "X-Community-Signature" in page
    assert "X-Community-Timestamp" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "Other", "slug": "shop"}, "slug", "Order source with this Slug already exists."),
        ({"name": "Other", "slug": "not a slug"}, "slug", "Enter a valid “slug”"),
        ({"name": "", "slug": "other"}, "name", "This field is required."),
    ],
)
def test_a_source_with_a_bad_name_or_slug_is_refused_and_what_was_typed_stays(
    login, admin, data, field, message
):
    OrderSourceFactory(name="Shop")

    response = login(admin).post(f"{SOURCES}new/", data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert message in " ".join(response.context["form"].errors[field])
    assert list(OrderSource.objects.values_list("slug", flat=True)) == ["shop"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", "log in"),
        ("member", "refused"),
        ("moderator", "refused"),
        ("staff", "refused"),
        ("product_team_member", "refused"),
        ("admin", "page"),
    ],
)
def test_order_sources_are_for_site_admins_only(request, login, role, expected):
    source = OrderSourceFactory(name="Shop")
    client = login(who(request, role))

    assert outcome(client.get(SOURCES), role) == expected
    assert outcome(client.get(f"{SOURCES}edit/{source.pk}/"), role) == expected
    secret = source.secret
    client.post(f"{SOURCES}new-secret/{source.pk}/")
    source.refresh_from_db()
    assert (source.secret != secret) == (expected == "page")


def test_a_new_secret_needs_the_confirmation_and_replaces_the_old_one(login, admin):
    source = OrderSourceFactory(name="Shop")
    client = login(admin)
    url = f"{SOURCES}new-secret/{source.pk}/"

    confirmation = client.get(url)
    source.refresh_from_db()
    assert confirmation.status_code == 200
    assert source.secret == "a-shop-signing-secret"
    assert "orders signed with the old one are refused" in confirmation.content.decode()

    response = client.post(url)

    source.refresh_from_db()
    assert response["Location"] == f"{SOURCES}edit/{source.pk}/"
    assert source.secret != "a-shop-signing-secret"
    assert len(source.secret) >= 40
    entry = ModelLogEntry.objects.get(action="reviews.order_source_new_secret")
    assert (entry.object_id, entry.user_id) == (str(source.pk), admin.pk)


def test_a_source_without_orders_is_deleted(login, admin):
    source = OrderSourceFactory(name="Old till")

    response = login(admin).post(f"{SOURCES}delete/{source.pk}/")

    assert response.status_code == 302
    assert not OrderSource.objects.exists()


def test_a_source_whose_orders_are_kept_is_not_deleted_and_the_admin_is_told_why(
    login, admin, product
):
    source = OrderSourceFactory(name="Shop")
    order_of([product], source=source)
    client = login(admin)

    response = client.post(f"{SOURCES}delete/{source.pk}/", follow=True)

    assert OrderSource.objects.filter(pk=source.pk).exists()
    assert source.orders.count() == 1
    assert "make it inactive instead" in response.content.decode()
    assert not ModelLogEntry.objects.filter(action="wagtail.delete").exists()


# Orders


def _orders(product, other_product, member, count=1):
    shop = OrderSourceFactory(name="Shop")
    till = OrderSourceFactory(name="Till")
    orders = [
        order_of(
            [product, other_product], email="olga@example.com", reference="A-100", source=shop
        ),
        order_of(
            [other_product], email=member.email, reference="B-200", source=till, member=member
        ),
    ]
    orders += [
        order_of([product], email=f"buyer{number}@example.com", source=shop)
        for number in range(count - 1)
    ]
    for order in orders:
        invitations.schedule(order)
    return orders


def test_the_order_list_shows_orders_without_any_email_address(
    login, staff, product, other_product, member, elements
):
    _orders(product, other_product, member)

    response = login(staff).get(ORDERS)

    html = response.content.decode()
    assert response.status_code == 200
    assert "@" not in html.split('<table class="listing')[1].split("</table>")[0]
    assert "olga@example.com" not in html
    assert member.email not in html
    rows = [text for _attrs, text in elements(html, "tr")]
    assert any(
        row.startswith("A-100") and "Shop" in row and "Espresso One, Milk Frother" in row
        for row in rows
    )
    assert any(row.startswith("B-200") and row.endswith("Yes") for row in rows)
    assert any(row.startswith("A-100") and row.endswith("No") for row in rows)
    assert elements(html, "a", href="/admin/order-import/")[0][1] == "Import from CSV"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "A-1"}, {"A-100"}),
        ({"q": "olga@example.com"}, set()),
        ("source", {"B-200"}),
        ("product", {"A-100"}),
    ],
)
def test_the_order_list_filters_by_source_and_product_and_searches_references(
    login, staff, product, other_product, member, elements, query, expected
):
    _orders(product, other_product, member)
    if query == "source":
        query = {"source": OrderSource.objects.get(slug="till").pk}
    elif query == "product":
        query = {"product": product.pk}

    response = login(staff).get(ORDERS, query)

    shown = {
        text
        for attrs, text in elements(response.content, "a")
        if attrs.get("href", "").startswith(f"{ORDERS}inspect/") and text != "Inspect"
    }
    assert shown == expected


def test_an_orders_page_shows_the_address_and_each_products_invitation(
    login, staff, product, other_product, member, elements
):
    order = _orders(product, other_product, member)[0]
    order.invitations.filter(product=other_product).update(
        status=Invitation.Status.SENT, sent_at=datetime(2025, 5, 2, 10, tzinfo=PARIS)
    )

    response = login(staff).get(f"{ORDERS}inspect/{order.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    fields = {
        label: value
        for (_dt, label), (_dd, value) in zip(
            elements(html, "dt"), elements(html, "dd"), strict=True
        )
    }
    assert fields["Customer's e-mail address"] == "olga@example.com"
    assert fields["Source"] == "Shop"
    assert fields["Delivered on"] == "—"
    assert fields["Member"] == "—"
    lines = {
        attrs["data-line"]: text for attrs, text in elements(html, "tr") if "data-line" in attrs
    }
    assert lines["espresso-one"].startswith("Espresso One Scheduled")
    assert lines["milk-frother"].startswith("Milk Frother Sent")
    assert "2 May 2025, 10:00" in lines["milk-frother"]


def test_the_order_list_costs_the_same_with_3_orders_as_with_12(
    login, staff, product, other_product, member
):
    client = login(staff)
    _orders(product, other_product, member, count=3)
    with_three = queries_for(client.get, ORDERS)

    for number in range(9):
        invitations.schedule(order_of([product, other_product], email=f"late{number}@example.com"))
    with_twelve = queries_for(client.get, ORDERS)

    assert with_twelve == with_three


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", "log in"),
        ("member", "refused"),
        ("moderator", "refused"),
        ("product_team_member", "refused"),
        ("staff", "page"),
        ("admin", "page"),
    ],
)
def test_orders_and_invitations_are_for_staff_and_site_admins(
    request, login, product, role, expected
):
    order = order_of([product], email="olga@example.com")
    (invitation,) = invitations.schedule(order)
    client = login(who(request, role))

    assert outcome(client.get(ORDERS), role) == expected
    assert outcome(client.get(f"{ORDERS}inspect/{order.pk}/"), role) == expected
    assert outcome(client.get(INVITATIONS), role) == expected
    assert outcome(client.get(f"{INVITATIONS}inspect/{invitation.pk}/"), role) == expected


# Review invitations


def test_the_invitation_list_shows_each_step_and_filters_by_status_and_product(
    login, staff, product, other_product, member, elements
):
    _orders(product, other_product, member)
    Invitation.objects.filter(product=product).update(
        status=Invitation.Status.SKIPPED, skipped_because="the customer asked for no invitations"
    )
    client = login(staff)

    response = client.get(INVITATIONS)

    html = response.content.decode()
    headings = [text for _attrs, text in elements(html.split('<table class="listing')[1], "th")]
    assert headings[:9] == [
        "Product",
        "Order",
        "Status",
        "Due",
        "Sent",
        "Reminded",
        "Link followed",
        "Reviewed",
        "Not sent because",
    ]
    assert "the customer asked for no invitations" in html
    assert "@" not in html.split('<table class="listing')[1].split("</table>")[0]

    def listed(query):
        response = client.get(INVITATIONS, query)
        return sorted(
            text
            for attrs, text in elements(response.content, "a")
            if attrs.get("href", "").startswith(f"{INVITATIONS}inspect/") and text != "Inspect"
        )

    assert listed({"status": "skipped"}) == ["Espresso One"]
    assert listed({"product": other_product.pk}) == ["Milk Frother", "Milk Frother"]


def test_the_invitation_list_costs_the_same_with_3_invitations_as_with_12(
    login, staff, product, other_product, member
):
    client = login(staff)
    _orders(product, other_product, member)
    with_three = queries_for(client.get, INVITATIONS)

    for number in range(9):
        invitations.schedule(order_of([product], email=f"late{number}@example.com"))
    with_twelve = queries_for(client.get, INVITATIONS)

    assert with_twelve == with_three


# Invitation delays


def test_staff_set_a_products_own_delay_and_are_told_what_it_means(login, staff, product):
    client = login(staff)

    response = client.post(
        f"{DELAYS}new/",
        {"product": product.pk, "invitations_on": "on", "invite_after_days": "30"},
        follow=True,
    )

    policy = ProductInvitationPolicy.objects.get()
    assert (policy.product, policy.invitations_on, policy.invite_after_days) == (product, True, 30)
    assert "Buyers of “Espresso One” are invited 30 days after delivery." in (
        response.content.decode()
    )
    assert invitations.invitation_delay(product) == 30

    response = client.post(f"{DELAYS}edit/{product.pk}/", {"invite_after_days": "30"}, follow=True)

    assert "are no longer invited to review it" in response.content.decode()
    assert invitations.invitation_delay(product) is None


def test_removing_a_delay_says_the_sites_delay_applies_again(login, staff, product):
    ProductInvitationPolicy.objects.create(product=product, invite_after_days=30)
    settings = ReviewInvitationSettings.load()
    settings.invite_after_days = 10
    settings.save()
    client = login(staff)

    confirmation = client.get(f"{DELAYS}delete/{product.pk}/")

    assert "invited after the site&#x27;s delay: 10 days after delivery" in (
        confirmation.content.decode()
    )
    response = client.post(f"{DELAYS}delete/{product.pk}/", follow=True)

    assert "“Espresso One” follows the site&#x27;s invitation delay again." in (
        response.content.decode()
    )
    assert invitations.invitation_delay(product) == 10


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"invite_after_days": "400"}, "Choose a delay of at most 365 days."),
        ({"invite_after_days": "-1"}, "greater than or equal to 0"),
        ({"invite_after_days": "soon"}, "Enter a whole number."),
        ({"invite_after_days": "20", "taken": True}, "already exists"),
    ],
)
def test_a_bad_delay_is_refused_and_nothing_changes(login, staff, product, data, message):
    if data.pop("taken", False):
        ProductInvitationPolicy.objects.create(product=product, invite_after_days=7)
    before = list(ProductInvitationPolicy.objects.values_list("invite_after_days", flat=True))

    response = login(staff).post(f"{DELAYS}new/", {"product": product.pk, **data})

    assert response.status_code == 200
    assert message in response.content.decode()
    after = list(ProductInvitationPolicy.objects.values_list("invite_after_days", flat=True))
    assert after == before


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", "log in"),
        ("member", "refused"),
        ("moderator", "refused"),
        ("product_team_member", "refused"),
        ("staff", "page"),
        ("admin", "page"),
    ],
)
def test_invitation_delays_are_set_by_staff_and_site_admins(
    request, login, product, role, expected
):
    client = login(who(request, role))

    assert outcome(client.get(DELAYS), role) == expected
    client.post(f"{DELAYS}new/", {"product": product.pk, "invite_after_days": "21"})
    assert ProductInvitationPolicy.objects.exists() == (expected == "page")


# The site's invitation settings


def test_a_site_admin_changes_the_invitation_settings_and_staff_cannot(login, admin, staff):
    menu_url = reverse("wagtailsettings:edit", args=["reviews", "reviewinvitationsettings"])
    url = f"{menu_url}{ReviewInvitationSettings.load().pk}/"
    assert outcome(login(staff).get(url), "staff") == "refused"

    client = login(admin)
    assert menu_url in client.get("/admin/").content.decode()
    response = client.post(
        url,
        {
            "invitations_on": "on",
            "invite_after_days": "21",
            "remind_after_days": "0",
            "link_valid_days": "60",
            "keep_orders_days": "180",
        },
    )

    assert response.status_code == 302
    settings = ReviewInvitationSettings.load()
    assert (settings.invite_after_days, settings.remind_after_days) == (21, 0)
    assert settings.keep_orders_days == 180
