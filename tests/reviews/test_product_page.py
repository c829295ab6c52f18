"""The reviews section of a product page: published reviews only, the summary, the sorts and
filters, the structured data for search engines, both languages, and a fixed number of queries
whatever the number of reviews."""

import json
from urllib.parse import urljoin, urlsplit

import pytest
from wagtail.models import Locale

from community.models import ModerationState
from community.site_setup import translate_page
from reviews import services
from reviews.models import Review
from tests.factories import (
    MemberFactory,
    ReviewFactory,
    StaffCardFactory,
    product_page,
    review_photo,
    verified_owner,
    wagtail_image,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

PATH = "/products/espresso-one/"


@pytest.fixture
def product(site_pages):
    return product_page(
        site_pages.catalogue["en"],
        "Espresso One",
        tagline="Small, quiet, hot",
        images=[wagtail_image("Espresso One front")],
    )


@pytest.fixture
def french_product(product):
    return translate_page(product, Locale.objects.get(language_code="fr"), {"title": "Expresso Un"})


def review_titles(elements, response):
    return [text for _attrs, text in elements(response.content, "h4", class_="review__title")]


def reviews_shown(elements, response):
    """The text of each review article on the page, by its title."""
    return {
        attrs["id"]: text for attrs, text in elements(response.content, "article", class_="review")
    }


def structured_data(elements, response):
    scripts = elements(response.content, "script", type="application/ld+json")
    assert len(scripts) <= 1
    return json.loads(scripts[0][1]) if scripts else None


def test_the_page_shows_published_reviews_only(client, elements, product):
    ReviewFactory(product=product, title="Shown review")
    ReviewFactory(product=product, title="Held review", moderation_state=ModerationState.HELD)
    ReviewFactory(product=product, title="Hidden review", moderation_state=ModerationState.HIDDEN)

    response = client.get(PATH)

    assert response.status_code == 200
    assert review_titles(elements, response) == ["Shown review"]
    assert "Held review" not in response.content.decode()
    assert "Hidden review" not in response.content.decode()


def test_the_author_sees_their_own_held_review_marked_as_waiting(client, elements, product, member):
    ReviewFactory(
        product=product, author=member, title="Mine", moderation_state=ModerationState.HELD
    )
    ReviewFactory(product=product, title="Someone else's")
    client.force_login(member)

    response = client.get(PATH)

    assert review_titles(elements, response) == ["Mine", "Someone else's"]
    assert "Waiting for a moderator." in response.content.decode()


def test_the_summary_shows_the_average_the_count_and_the_distribution(client, elements, product):
    for rating in (5, 4, 4):
        ReviewFactory(product=product, rating=rating)
    ReviewFactory(product=product, rating=1, moderation_state=ModerationState.HELD)

    response = client.get(PATH)

    assert elements(response.content, "span", class_="rating-overview__number")[0][1] == "4.3"
    assert elements(response.content, "p", class_="rating-overview__count")[0][1] == (
        "Based on 3 reviews"
    )
    assert elements(response.content, "span", class_="product-rating__count")[0][1] == "3 reviews"
    percents = [
        text for _a, text in elements(response.content, "span", class_="rating-bars__percent")
    ]
    assert percents == ["33%", "67%", "0%", "0%", "0%"]


def test_a_product_without_reviews_invites_the_first_one(client, elements, product):
    response = client.get(PATH)

    page = response.content.decode()
    assert "No reviews yet." in page
    assert "Log in to write a review" in page
    assert structured_data(elements, response) is None


def test_the_structured_data_is_json_with_the_same_rating_as_the_page(client, elements, product):
    for rating, title in [(5, "Five"), (4, "Four"), (4, "Also four"), (3, "Three")]:
        ReviewFactory(product=product, rating=rating, title=title)
    ReviewFactory(
        product=product, rating=1, title="Held one", moderation_state=ModerationState.HELD
    )
    ReviewFactory(
        product=product, rating=1, title="Hidden one", moderation_state=ModerationState.HIDDEN
    )

    response = client.get(PATH)

    data = structured_data(elements, response)
    assert (data["@context"], data["@type"], data["name"]) == (
        "https://schema.org",
        "Product",
        "Espresso One",
    )
    assert data["aggregateRating"]["@type"] == "AggregateRating"
    assert data["aggregateRating"]["ratingValue"] == 4.0
    assert data["aggregateRating"]["reviewCount"] == 4
    page_number = elements(response.content, "span", class_="rating-overview__number")[0][1]
    assert float(page_number) == data["aggregateRating"]["ratingValue"]
    assert {review["name"] for review in data["review"]} == {"Five", "Four", "Also four", "Three"}
    assert all(review["@type"] == "Review" for review in data["review"])
    assert {review["name"]: review["reviewRating"]["ratingValue"] for review in data["review"]}[
        "Five"
    ] == 5
    assert data["url"] == f"http://testserver{PATH}"


def test_the_structured_data_stays_valid_with_markup_in_a_review(client, elements, product):
    ReviewFactory(
        product=product, title='</script><script>alert("x")</script>', text="Fish & <chips>"
    )

    response = client.get(PATH)

    assert "<script>alert" not in response.content.decode()
    data = structured_data(elements, response)
    assert data["review"][0]["name"] == '</script><script>alert("x")</script>'
    assert data["review"][0]["reviewBody"] == "Fish & <chips>"


def test_there_is_no_structured_data_when_no_review_is_published(client, elements, product):
    ReviewFactory(product=product, moderation_state=ModerationState.HELD)

    assert structured_data(elements, client.get(PATH)) is None


def test_the_french_page_shows_the_products_reviews(client, elements, product, french_product):
    ReviewFactory(product=product, title="Written in English", rating=5)
    ReviewFactory(product=product, title="Écrit en français", rating=3, language="fr")

    response = client.get(french_product.url)

    assert response.status_code == 200
    assert set(review_titles(elements, response)) == {"Written in English", "Écrit en français"}
    data = structured_data(elements, response)
    assert data["name"] == "Expresso Un"
    assert (data["aggregateRating"]["ratingValue"], data["aggregateRating"]["reviewCount"]) == (
        4.0,
        2,
    )


def test_a_review_written_from_the_french_page_shows_on_both_pages(
    client, elements, product, french_product, member
):
    client.force_login(member)
    client.post(
        f"/reviews/write/{french_product.pk}/",
        {"rating": "5", "title": "Très bien", "text": "Silencieuse."},
    )
    client.logout()

    assert review_titles(elements, client.get(PATH)) == ["Très bien"]
    assert review_titles(elements, client.get(french_product.url)) == ["Très bien"]


@pytest.fixture
def three_reviews(product):
    best = ReviewFactory(product=product, title="Five stars", rating=5, helpful_count=1)
    worst = ReviewFactory(product=product, title="One star", rating=1, helpful_count=7)
    middle = ReviewFactory(product=product, title="Three stars", rating=3, language="fr")
    return best, worst, middle


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["One star", "Five stars", "Three stars"]),
        ("?sort=newest", ["Three stars", "One star", "Five stars"]),
        ("?sort=highest", ["Five stars", "Three stars", "One star"]),
        ("?sort=lowest", ["One star", "Three stars", "Five stars"]),
        ("?rating=5", ["Five stars"]),
        ("?rating=2", []),
        ("?photos=1", ["Three stars"]),
        ("?verified=1", ["One star"]),
        ("?language=fr", ["Three stars"]),
        ("?sort=lowest&rating=nonsense", ["One star", "Three stars", "Five stars"]),
    ],
)
def test_the_list_sorts_and_filters_from_the_query(
    client, elements, three_reviews, query, expected
):
    best, worst, middle = three_reviews
    review_photo(middle, size=(64, 64))
    verified_owner(worst.author, worst.product)

    response = client.get(PATH + query)

    assert review_titles(elements, response) == expected


def test_a_star_bar_with_reviews_links_to_the_list_of_those_reviews(
    client, elements, three_reviews
):
    response = client.get(PATH)

    bars = elements(response.content, "a", class_="rating-bars__row")
    shown = {}
    for attrs, text in bars:
        link = urlsplit(urljoin(PATH, attrs["href"]))
        assert link.fragment == "reviews"
        shown[text.split()[0]] = review_titles(elements, client.get(f"{link.path}?{link.query}"))

    assert shown == {"5": ["Five stars"], "3": ["Three stars"], "1": ["One star"]}


def test_reviews_come_ten_to_a_page(client, elements, product):
    for number in range(12):
        ReviewFactory(product=product, title=f"Review {number:02}")

    first = review_titles(elements, client.get(PATH + "?sort=newest"))
    second = review_titles(elements, client.get(PATH + "?sort=newest&page=2"))

    assert len(first) == 10
    assert len(second) == 2
    assert set(first) | set(second) == {f"Review {number:02}" for number in range(12)}


def test_each_review_shows_its_badges_photos_and_the_named_staff_response(
    client, elements, product, staff
):
    review = ReviewFactory(
        product=product,
        title="Quiet and hot",
        received_free=True,
        author=MemberFactory(display_name="Rita Reviewer"),
    )
    verified_owner(review.author, product)
    review_photo(review, size=(64, 64))
    services.staff_response_save(staff, review, text="Thank you, Rita.")
    services.review_update(review.author, review, data={"text": "Edited after a month."})

    response = client.get(PATH)

    article = reviews_shown(elements, response)[f"review-{review.pk}"]
    assert "Verified owner" in article
    assert "Received for free or paid" in article
    assert "Rita Reviewer" in article
    assert "edited" in article
    assert "Edited after a month." in article
    assert "Amélie Durand" in article
    assert "Support specialist" in article
    assert "Thank you, Rita." in article
    alts = [attrs["alt"] for attrs, _text in elements(response.content, "img")]
    assert "Photo 1 of the review “Quiet and hot” by Rita Reviewer" in alts


# Queries


def add_reviews(product, count, *, voters, staff):
    """Reviews with a photo, verified owners, staff responses and helpful votes."""
    for number in range(count):
        review = ReviewFactory(
            product=product, rating=number % 5 + 1, language=("en", "fr")[number % 2]
        )
        review_photo(review, size=(32, 32))
        verified_owner(review.author, product)
        services.staff_response_save(staff, review, text=f"Thank you ({number}).")
        for voter in voters:
            services.review_helpful_set(voter, review, helpful=True)


@pytest.mark.parametrize("viewer", ["visitor", "member", "staff", "moderator"])
def test_the_product_page_costs_the_same_with_5_reviews_as_with_100(
    client, request, product, viewer
):
    reader = request.getfixturevalue(viewer)
    staff = StaffCardFactory(real_name="Bruno Leroy").member
    voters = [MemberFactory(), *([reader] if viewer == "member" else [])]
    if reader is not None:
        client.force_login(reader)
        ReviewFactory(product=product, author=reader, title="The reader's own")
    add_reviews(product, 5, voters=voters, staff=staff)
    few = queries_for(client.get, PATH)

    add_reviews(product, 95, voters=voters, staff=staff)
    many = queries_for(client.get, PATH)

    assert many == few
    assert Review.objects.filter(product=product).count() >= 100
