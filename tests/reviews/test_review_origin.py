"""What readers see of how a review came about: the "verified owner" badge with where it came
from and the purchase month, the invited reviews compared with the unprompted ones, the filter
between them, the guidelines' section on how reviews are collected, and the staff's marking and
removal of badges, logged with who did it and why."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import Locale

from community.audit import reference_for
from community.demo import DemoContext, DemoSeedResult
from community.models import AuditEntry, ModerationState, ProductStats
from community.products import refresh_product_stats
from community.site_setup import translate_page
from reviews import services
from reviews.demo_orders import seed_buyer_reviews
from reviews.guidelines import add_review_rules
from reviews.models import Invitation, Ownership, Review, ReviewOrigin
from tests.community.conftest import commits_as_in_production  # noqa: F401 - a fixture, below
from tests.factories import (
    MemberFactory,
    OwnershipFactory,
    ReviewFactory,
    order_of,
    product_page,
    verified_owner,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

PATH = "/products/espresso-one/"
OWNERSHIP = "/admin/ownership/"
INVITED, UNPROMPTED = ReviewOrigin.INVITED, ReviewOrigin.UNPROMPTED


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def french_product(product):
    return translate_page(product, Locale.objects.get(language_code="fr"), {"title": "Expresso Un"})


def badges(elements, response):
    """The badges of the reviews on the page but "Written in …" (the French page shows it on
    reviews in English)."""
    shown = [text for _attrs, text in elements(response.content, "span", class_="badge")]
    return [text for text in shown if not text.startswith(("Written in", "Langue"))]


def comparison_rows(elements, response):
    """Each row of the invited/unprompted table as its text, or [] when there is none."""
    html = response.content.decode()
    start = html.find('<table class="rating-origins__table">')
    if start < 0:
        return []
    table = html[start : html.index("</table>", start)]
    return [text for _attrs, text in elements(table, "tr")]


def reviews_with_ratings(product, origin, ratings):
    for rating in ratings:
        ReviewFactory(product=product, origin=origin, rating=rating)


# The badge says where it came from


@pytest.mark.parametrize(
    ("source", "purchased_on", "origin", "english", "french"),
    [
        (
            Ownership.Source.ORDER,
            date(2026, 3, 14),
            INVITED,
            "Verified owner · bought in March 2026, invited by the shop",
            "Propriétaire vérifié · acheté en mars 2026, sur invitation de la boutique",
        ),
        (
            Ownership.Source.IMPORT,
            date(2025, 12, 2),
            UNPROMPTED,
            "Verified owner · bought in December 2025, wrote unprompted",
            "Propriétaire vérifié · acheté en décembre 2025, avis spontané",
        ),
        (
            Ownership.Source.ORDER,
            None,
            INVITED,
            "Verified owner · invited by the shop",
            "Propriétaire vérifié · sur invitation de la boutique",
        ),
        (
            Ownership.Source.IMPORT,
            None,
            UNPROMPTED,
            "Verified owner · wrote unprompted",
            "Propriétaire vérifié · avis spontané",
        ),
        (
            Ownership.Source.STAFF,
            date(2026, 3, 14),
            UNPROMPTED,
            "Verified owner · confirmed by staff",
            "Propriétaire vérifié · confirmé par l’équipe",
        ),
        (
            Ownership.Source.STAFF,
            None,
            INVITED,
            "Verified owner · confirmed by staff, invited by the shop",
            "Propriétaire vérifié · confirmé par l’équipe, sur invitation de la boutique",
        ),
    ],
)
def test_the_badge_says_where_it_came_from_in_both_languages(
    client, elements, product, french_product, source, purchased_on, origin, english, french
):
    review = ReviewFactory(product=product, origin=origin)
    verified_owner(review.author, product, source=source, purchased_on=purchased_on)

    assert badges(elements, client.get(PATH)) == [english]
    assert badges(elements, client.get(french_product.url)) == [french]


def test_an_invited_review_says_so_even_without_the_owners_consent_to_the_badge(
    client, elements, product
):
    invited = ReviewFactory(product=product, origin=INVITED, helpful_count=2)
    OwnershipFactory(member=invited.author, product=product, source=Ownership.Source.ORDER)
    unprompted = ReviewFactory(product=product, origin=UNPROMPTED, helpful_count=1)
    OwnershipFactory(member=unprompted.author, product=product)

    response = client.get(PATH)

    assert badges(elements, response) == ["Invited by the shop to review"]
    assert not elements(response.content, "span", class_="badge--owner")


def test_the_members_review_list_shows_where_the_badge_came_from(client, site_pages, product):
    review = ReviewFactory(product=product, origin=INVITED)
    verified_owner(
        review.author, product, source=Ownership.Source.ORDER, purchased_on=date(2026, 3, 1)
    )
    not_shown = ReviewFactory(
        product=product_page(site_pages.catalogue["en"], "Milk Frother"),
        author=review.author,
        origin=INVITED,
    )

    html = client.get(review.author.get_absolute_url()).content.decode()

    assert "Verified owner · bought in March 2026, invited by the shop" in html
    assert html.count("Invited by the shop to review") == 1
    assert not_shown.title in html


# Invited and unprompted reviews compared


def test_the_comparison_shows_once_there_are_ten_of_each_with_their_figures(
    client, elements, product
):
    reviews_with_ratings(product, UNPROMPTED, [5, 5, 5, 5, 5, 5, 4, 4, 4, 4])
    reviews_with_ratings(product, INVITED, [5, 5, 4, 4, 4, 3, 3, 2, 1])

    nine = client.get(PATH)

    assert comparison_rows(elements, nine) == []
    assert "compared here once there are 10 of each" in nine.content.decode()

    ReviewFactory(product=product, origin=INVITED, rating=1)
    ten = client.get(PATH)

    assert comparison_rows(elements, ten) == [
        "Invited Unprompted",
        "Average 3.2 out of 5 4.6 out of 5",
        "Reviews 10 10",
        "5 stars 20% (2 reviews) 60% (6 reviews)",
        "4 stars 30% (3 reviews) 40% (4 reviews)",
        "3 stars 20% (2 reviews) 0% (0 reviews)",
        "2 stars 10% (1 review) 0% (0 reviews)",
        "1 star 20% (2 reviews) 0% (0 reviews)",
    ]
    html = ten.content.decode()
    assert "Invited: written by buyers the shop invited after their order." in html
    assert "compared here once" not in html


def test_the_comparison_counts_published_reviews_only_and_reads_in_french(
    client, elements, product, french_product
):
    reviews_with_ratings(product, UNPROMPTED, [4] * 10)
    reviews_with_ratings(product, INVITED, [3] * 10)
    hidden = Review.objects.filter(origin=INVITED).first()
    Review.objects.filter(pk=hidden.pk).update(moderation_state=ModerationState.HIDDEN)
    refresh_product_stats([product.pk])

    assert comparison_rows(elements, client.get(PATH)) == []

    ReviewFactory(product=product, origin=INVITED, rating=5)
    rows = comparison_rows(elements, client.get(french_product.url))

    assert rows[:3] == ["Sollicités Spontanés", "Moyenne 3,2 sur 5 4,0 sur 5", "Avis 10 10"]


def test_a_product_without_invited_reviews_shows_nothing_about_them(client, product):
    reviews_with_ratings(product, UNPROMPTED, [5, 4])

    html = client.get(PATH).content.decode()

    assert "compared here once" not in html
    assert 'name="origin"' not in html
    assert "rating-origins" not in html


# Filters


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Invited owner", "Invited", "Unprompted owner", "Unprompted"}),
        ("?origin=invited", {"Invited owner", "Invited"}),
        ("?origin=unprompted", {"Unprompted owner", "Unprompted"}),
        ("?origin=nonsense", {"Invited owner", "Invited", "Unprompted owner", "Unprompted"}),
        ("?verified=1", {"Invited owner", "Unprompted owner"}),
        ("?verified=1&origin=invited", {"Invited owner"}),
    ],
)
def test_readers_filter_to_invited_unprompted_or_verified_reviews(
    client, elements, product, query, expected
):
    for title, origin, owner in (
        ("Invited owner", INVITED, True),
        ("Invited", INVITED, False),
        ("Unprompted owner", UNPROMPTED, True),
        ("Unprompted", UNPROMPTED, False),
    ):
        review = ReviewFactory(product=product, origin=origin, title=title)
        if owner:
            verified_owner(review.author, product, source=Ownership.Source.ORDER)

    response = client.get(PATH + query)

    titles = {text for _attrs, text in elements(response.content, "h4", class_="review__title")}
    assert titles == expected
    assert elements(response.content, "select", name="origin")
    assert elements(response.content, "input", name="verified")


def test_the_filtered_count_comes_from_the_stored_counts_and_excludes_the_readers_own(
    client, elements, product, member
):
    reviews_with_ratings(product, INVITED, [5, 4, 3])
    ReviewFactory(product=product, origin=UNPROMPTED)
    ReviewFactory(product=product, author=member, origin=INVITED, title="Mine")
    client.force_login(member)

    response = client.get(PATH + "?origin=invited")

    status = elements(response.content, "p", class_="review-results")[0][1]
    assert status.startswith("Showing 1–3 of 3 reviews matching your filters.")


# The page cache


def visit(path):
    """A new visitor, with no cookie at all, reads `path`."""
    response = Client().get(path)
    assert response.status_code == 200
    return response


@pytest.mark.usefixtures("commits_as_in_production")
def test_visitors_are_served_each_filter_and_what_changed_at_once(
    settings, elements, product, staff
):
    """The page cache's generations change when a transaction commits, as in production."""
    settings.PAGE_CACHE_SECONDS = 60
    reviews_with_ratings(product, UNPROMPTED, [4] * 10)
    reviews_with_ratings(product, INVITED, [3] * 9)
    owner = ReviewFactory(product=product, origin=UNPROMPTED, title="Owner's review")
    verified_owner(owner.author, product)
    assert visit(PATH)["X-Page-Cache"] == "miss"
    assert visit(PATH)["X-Page-Cache"] == "hit"

    invited_only = visit(PATH + "?origin=invited")

    assert invited_only["X-Page-Cache"] == "miss"
    titles = [text for _attrs, text in elements(invited_only.content, "h4")]
    assert len(titles) == 9
    assert "Owner's review" not in titles

    ReviewFactory(product=product, origin=INVITED, rating=5)
    services.ownership_set(staff, owner.author, product, owned=False, reason="Refunded.")
    after = visit(PATH)

    assert after["X-Page-Cache"] == "miss"
    assert comparison_rows(elements, after)[1] == "Average 3.2 out of 5 4.0 out of 5"
    assert not elements(after.content, "span", class_="badge--owner")


# Queries


def add_reviews(product, count):
    """Reviews of each origin, by owners of each source (who consented to the badge) and by
    members who own nothing."""
    sources = [Ownership.Source.ORDER, Ownership.Source.IMPORT, Ownership.Source.STAFF, None]
    for number in range(count):
        review = ReviewFactory(product=product, origin=(INVITED, UNPROMPTED)[number % 2])
        source = sources[number % len(sources)]
        if source:
            verified_owner(
                review.author, product, source=source, purchased_on=date(2026, 1 + number % 12, 1)
            )


@pytest.mark.parametrize("query", ["", "?origin=invited", "?verified=1"])
def test_the_product_page_costs_the_same_with_5_reviews_as_with_25(client, product, query):
    add_reviews(product, 5)
    few = queries_for(client.get, PATH + query)

    add_reviews(product, 20)
    many = queries_for(client.get, PATH + query)

    assert many == few


def test_the_origin_filter_costs_no_more_than_the_star_filter(client, product):
    add_reviews(product, 22)

    assert queries_for(client.get, PATH + "?origin=invited") == queries_for(
        client.get, PATH + "?rating=4"
    )


# The guidelines say how reviews are collected


def test_the_guidelines_say_in_both_languages_that_no_review_is_chosen(client, site_pages):
    added = add_review_rules(site_pages.guidelines)
    again = add_review_rules(site_pages.guidelines)

    english = client.get("/guidelines/").content.decode()
    french = client.get("/fr/guidelines/").content.decode()

    assert (added, again) == (2, 0)
    assert '<h2 id="how-reviews-are-collected">How reviews are collected</h2>' in english
    assert "whatever its stars" in english
    assert "16 CFR Part 465" in english
    assert (
        '<h2 id="comment-les-avis-sont-recueillis">Comment les avis sont recueillis</h2>' in french
    )
    assert "quelle que soit sa note" in french
    assert "16 CFR Part 465" in french


def test_the_reviews_section_links_to_how_reviews_are_collected(
    client, elements, product, french_product
):
    english = elements(client.get(PATH).content, "a", href="/guidelines/#how-reviews-are-collected")
    french = elements(
        client.get(french_product.url).content,
        "a",
        href="/fr/guidelines/#comment-les-avis-sont-recueillis",
    )

    assert [text for _attrs, text in english] == ["how reviews are collected"]
    assert [text for _attrs, text in french] == ["comment les avis sont recueillis"]


def test_the_demo_compares_invited_and_unprompted_reviews_of_one_product(site_pages):
    product = product_page(site_pages.catalogue["en"], "Aurora Espresso")
    locales = {code: Locale.objects.get(language_code=code) for code in ("en", "fr")}
    context = DemoContext(pages=site_pages, locales=locales, result=DemoSeedResult())

    seed_buyer_reviews(context)
    seed_buyer_reviews(context)
    refresh_product_stats([product.pk])

    summaries = ProductStats.objects.get(product=product).origin_summaries()
    assert (summaries["invited"]["count"], summaries["unprompted"]["count"]) == (10, 7)
    assert context.result.created == {"invited reviews": 10, "reviews": 7}
    invited = Review.objects.filter(product=product, origin=INVITED)
    assert Invitation.objects.filter(review__in=invited, status="reviewed").count() == 10
    assert Ownership.objects.filter(product=product, source=Ownership.Source.ORDER).count() == 10


# Staff marking and removing badges


def test_staff_marking_an_owner_is_audited_with_its_author(staff, member, product):
    services.ownership_set(staff, member, product, owned=True, purchased_on=date(2026, 2, 3))
    services.ownership_set(staff, member, product, owned=True)

    entry = AuditEntry.objects.get(action="reviews.ownership_marked")
    assert entry.actor_ref == reference_for(staff)
    assert entry.subject_ref == reference_for(member)
    assert entry.details["purchased_on"] == "2026-02-03"


def test_removing_a_badge_without_a_reason_is_refused_and_keeps_it(staff, member, product):
    OwnershipFactory(member=member, product=product)

    with pytest.raises(ValidationError, match="Please say why the badge is removed"):
        services.ownership_set(staff, member, product, owned=False, reason="   ")

    assert Ownership.objects.filter(member=member, product=product).exists()
    assert not AuditEntry.objects.filter(action="reviews.ownership_removed").exists()


def test_the_admin_asks_why_a_badge_is_removed_and_keeps_it_without_an_answer(
    login, staff, product
):
    ownership = OwnershipFactory(product=product)
    client = login(staff)

    page = client.get(f"{OWNERSHIP}delete/{ownership.pk}/")
    refused = client.post(f"{OWNERSHIP}delete/{ownership.pk}/", {"reason": "  "})

    assert page.status_code == 200
    assert "Why is the badge removed?" in page.content.decode()
    assert "Imported from sales records" in page.content.decode()
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()
    assert Ownership.objects.filter(pk=ownership.pk).exists()


def test_the_admin_removes_a_badge_with_its_reason_in_the_audit_log(login, staff, product):
    ownership = OwnershipFactory(product=product, source=Ownership.Source.ORDER)
    owner = ownership.member

    response = login(staff).post(
        f"{OWNERSHIP}delete/{ownership.pk}/", {"reason": "The order was refunded."}
    )

    assert response.status_code == 302
    assert not Ownership.objects.filter(pk=ownership.pk).exists()
    entry = AuditEntry.objects.get(action="reviews.ownership_removed")
    assert (entry.actor_ref, entry.subject_ref) == (reference_for(staff), reference_for(owner))
    assert entry.reason == "The order was refunded."
    assert entry.details["source"] == "order"


@pytest.mark.parametrize(
    "role", ["visitor", "unverified_member", "member", "moderator", "product_team_member"]
)
def test_only_staff_remove_a_badge(request, login, product, role):
    ownership = OwnershipFactory(product=product)

    response = login(request.getfixturevalue(role)).post(
        f"{OWNERSHIP}delete/{ownership.pk}/", {"reason": "Not an owner."}
    )

    assert response.status_code in (302, 403)
    assert Ownership.objects.filter(pk=ownership.pk).exists()
    assert not AuditEntry.objects.filter(action="reviews.ownership_removed").exists()


def test_the_ownership_list_says_where_each_record_came_from_and_who_recorded_it(
    login, staff, product
):
    marked = MemberFactory(display_name="Olga Owner")
    services.ownership_set(staff, marked, product, owned=True)
    buyer = MemberFactory(display_name="Bram Buyer", email="bram@example.com")
    order = order_of([product], email=buyer.email, reference="ORD-4242", member=buyer)
    OwnershipFactory(member=buyer, product=product, source=Ownership.Source.ORDER, order=order)

    html = login(staff).get(OWNERSHIP).content.decode()

    for shown in ("Marked by staff", "Amélie", "Order sent by the shop", "Shop, order ORD-4242"):
        assert shown in html
