"""What the product page reads: the rating summary, which counts published reviews only and stays
right after edits, hides and deletions, and the list of reviews, sorted and filtered, with what
each reader needs to know about each review."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from community.models import ModerationState
from reviews import selectors, services
from reviews.models import Review
from tests.factories import (
    MemberFactory,
    OwnershipFactory,
    ReviewFactory,
    StaffCardFactory,
    product_page,
    review_photo,
    verified_owner,
)

pytestmark = pytest.mark.django_db

HELD, HIDDEN, PUBLISHED = ModerationState.HELD, ModerationState.HIDDEN, ModerationState.PUBLISHED


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def other_product(site_pages):
    return product_page(site_pages.catalogue["en"], "Milk Frother")


def write(product, rating, **fields):
    """A review written through the service, as members write them."""
    data = {"rating": rating, "title": f"{rating} stars", "text": "What I think."}
    return services.review_create(MemberFactory(), product, data=data, **fields)


def distribution(product):
    return [
        (row["stars"], row["count"]) for row in selectors.rating_summary(product)["distribution"]
    ]


def average_and_count(product):
    summary = selectors.rating_summary(product)
    return summary["average"], summary["count"]


def titles(reviews):
    return [review.title for review in reviews]


def age(review, days):
    """Make `review` look `days` old."""
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(days=days))


# The rating summary


def test_a_product_without_reviews_has_no_average_and_an_empty_distribution(product):
    summary = selectors.rating_summary(product)

    assert (summary["average"], summary["count"]) == (None, 0)
    assert [(row["stars"], row["count"], row["percent"]) for row in summary["distribution"]] == [
        (5, 0, 0),
        (4, 0, 0),
        (3, 0, 0),
        (2, 0, 0),
        (1, 0, 0),
    ]


def test_the_summary_gives_the_average_to_one_decimal_the_count_and_the_distribution(product):
    for rating in (5, 4, 4):
        write(product, rating)

    summary = selectors.rating_summary(product)

    assert (summary["average"], summary["count"]) == (4.3, 3)
    assert [(row["stars"], row["count"], row["percent"]) for row in summary["distribution"]] == [
        (5, 1, 33),
        (4, 2, 67),
        (3, 0, 0),
        (2, 0, 0),
        (1, 0, 0),
    ]


def test_an_average_half_way_between_two_tenths_rounds_up(product):
    for rating in (5, 5, 4, 3):
        write(product, rating)

    assert average_and_count(product) == (4.3, 4)


def test_the_average_is_a_plain_number_on_every_database(product):
    write(product, 5)
    write(product, 4)

    average = selectors.rating_summary(product)["average"]

    assert type(average) is float
    assert average == 4.5


def test_held_and_hidden_reviews_and_other_products_reviews_are_not_counted(product, other_product):
    write(product, 5)
    ReviewFactory(product=product, rating=1, moderation_state=HELD)
    ReviewFactory(product=product, rating=1, moderation_state=HIDDEN)
    write(other_product, 1)

    assert average_and_count(product) == (5.0, 1)
    assert distribution(product) == [(5, 1), (4, 0), (3, 0), (2, 0), (1, 0)]


def test_a_held_review_counts_once_a_moderator_publishes_it(product, moderator):
    write(product, 5)
    held = ReviewFactory(product=product, rating=3, moderation_state=HELD)
    assert average_and_count(product) == (5.0, 1)

    services.review_moderate(moderator, held, state=PUBLISHED)

    assert average_and_count(product) == (4.0, 2)
    assert distribution(product) == [(5, 1), (4, 0), (3, 1), (2, 0), (1, 0)]


def test_the_summary_follows_an_edit_of_the_rating(product):
    write(product, 5)
    changed = write(product, 5)

    services.review_update(changed.author, changed, data={"rating": 2})

    assert average_and_count(product) == (3.5, 2)
    assert distribution(product) == [(5, 1), (4, 0), (3, 0), (2, 1), (1, 0)]


def test_the_summary_follows_a_hide_and_a_publish_again(product, moderator):
    write(product, 5)
    hidden = write(product, 1)

    services.review_moderate(moderator, hidden, state=HIDDEN, reason="Off topic.")

    assert average_and_count(product) == (5.0, 1)
    assert distribution(product) == [(5, 1), (4, 0), (3, 0), (2, 0), (1, 0)]

    services.review_moderate(moderator, hidden, state=PUBLISHED)

    assert average_and_count(product) == (3.0, 2)


def test_the_summary_follows_a_deletion(product, moderator):
    write(product, 5)
    deleted_by_author = write(product, 1)
    deleted_by_moderator = write(product, 2)

    services.review_delete(deleted_by_author.author, deleted_by_author)
    services.review_delete(moderator, deleted_by_moderator)

    assert average_and_count(product) == (5.0, 1)
    assert distribution(product) == [(5, 1), (4, 0), (3, 0), (2, 0), (1, 0)]


# The list of reviews


@pytest.fixture
def three_reviews(product):
    """Old and helpful (3 stars), recent (5 stars), middle-aged (1 star)."""
    helpful = ReviewFactory(product=product, title="Old and helpful", rating=3, helpful_count=9)
    recent = ReviewFactory(product=product, title="Recent", rating=5, helpful_count=1)
    middle = ReviewFactory(product=product, title="Middle", rating=1, helpful_count=1)
    age(helpful, 30)
    age(recent, 1)
    age(middle, 10)
    return helpful, recent, middle


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("helpful", ["Old and helpful", "Recent", "Middle"]),
        ("newest", ["Recent", "Middle", "Old and helpful"]),
        ("highest", ["Recent", "Old and helpful", "Middle"]),
        ("lowest", ["Middle", "Old and helpful", "Recent"]),
        ("nonsense", ["Old and helpful", "Recent", "Middle"]),
    ],
)
def test_reviews_sort_as_the_reader_asks(product, three_reviews, sort, expected):
    assert titles(selectors.product_reviews(product, sort=sort)) == expected


def test_the_list_holds_only_the_products_published_reviews(product, other_product):
    ReviewFactory(product=product, title="Shown")
    ReviewFactory(product=product, title="Held", moderation_state=HELD)
    ReviewFactory(product=product, title="Hidden", moderation_state=HIDDEN)
    ReviewFactory(product=other_product, title="Another product")

    assert titles(selectors.product_reviews(product)) == ["Shown"]


def test_reviews_filter_by_rating(product, three_reviews):
    assert titles(selectors.product_reviews(product, rating=5)) == ["Recent"]
    assert titles(selectors.product_reviews(product, rating="1")) == ["Middle"]
    assert titles(selectors.product_reviews(product, rating=2)) == []


def test_reviews_filter_to_those_with_photos(product, three_reviews):
    helpful, recent, middle = three_reviews
    review_photo(recent)
    review_photo(recent)

    assert titles(selectors.product_reviews(product, with_photos=True)) == ["Recent"]


def test_reviews_filter_to_verified_owners_of_this_product(product, other_product, three_reviews):
    helpful, recent, middle = three_reviews
    verified_owner(middle.author, product)
    OwnershipFactory(member=recent.author, product=other_product)

    assert titles(selectors.product_reviews(product, verified_only=True)) == ["Middle"]


def test_reviews_filter_by_language(product):
    ReviewFactory(product=product, title="In English", language="en")
    ReviewFactory(product=product, title="En français", language="fr")

    assert titles(selectors.product_reviews(product, language="fr")) == ["En français"]
    assert selectors.review_languages(product) == ["en", "fr"]


def test_filters_combine(product, three_reviews):
    helpful, recent, middle = three_reviews
    review_photo(middle)
    review_photo(recent)

    assert titles(selectors.product_reviews(product, rating=1, with_photos=True)) == ["Middle"]


def test_each_review_says_whether_its_author_is_a_verified_owner(product, other_product):
    owner = ReviewFactory(product=product, title="Owner")
    verified_owner(owner.author, product)
    owns_something_else = ReviewFactory(product=product, title="Owns something else")
    OwnershipFactory(member=owns_something_else.author, product=other_product)

    flags = {r.title: r.is_verified_owner for r in selectors.product_reviews(product)}

    assert flags == {"Owner": True, "Owns something else": False}


def test_each_review_says_whether_the_reader_found_it_helpful(product, member):
    voted = ReviewFactory(product=product, title="Voted")
    ReviewFactory(product=product, title="Not voted")
    services.review_helpful_set(member, voted, helpful=True)
    services.review_helpful_set(
        MemberFactory(), Review.objects.get(title="Not voted"), helpful=True
    )

    for_member = {
        r.title: r.viewer_found_helpful for r in selectors.product_reviews(product, viewer=member)
    }
    for_visitor = {
        r.title: r.viewer_found_helpful
        for r in selectors.product_reviews(product, viewer=AnonymousUser())
    }

    assert for_member == {"Voted": True, "Not voted": False}
    assert for_visitor == {"Voted": False, "Not voted": False}


def test_reading_the_list_with_photos_authors_and_responses_costs_two_queries(
    product, member, django_assert_num_queries
):
    staff = StaffCardFactory(real_name="Amélie Durand").member
    for number in range(4):
        review = ReviewFactory(product=product, title=f"Review {number}")
        review_photo(review)
        review_photo(review)
        services.staff_response_save(staff, review, text="Thank you.")
        services.review_helpful_set(member, review, helpful=True)
        verified_owner(review.author, product)

    with django_assert_num_queries(2):
        seen = [
            (
                review.author.display_name,
                review.is_verified_owner,
                review.viewer_found_helpful,
                [photo.thumbnail.name for photo in review.photos.all()],
                review.staff_response.author_card.real_name,
                review.staff_response.author_card.team.name,
            )
            for review in selectors.product_reviews(product, viewer=member)
        ]

    assert len(seen) == 4
    assert all(row[1] and row[2] and len(row[3]) == 2 for row in seen)
    assert {row[4] for row in seen} == {"Amélie Durand"}


def test_a_review_without_a_staff_response_costs_no_extra_query(product, django_assert_num_queries):
    ReviewFactory(product=product)

    with django_assert_num_queries(2):
        has_response = [hasattr(r, "staff_response") for r in selectors.product_reviews(product)]

    assert has_response == [False]


def test_the_viewers_own_review_is_found_whatever_its_status(product, member):
    own = ReviewFactory(product=product, author=member, moderation_state=HELD)
    ReviewFactory(product=product)

    assert selectors.viewer_review(product, member) == own
    assert selectors.viewer_review(product, AnonymousUser()) is None
    assert selectors.viewer_review(product, MemberFactory()) is None


def test_the_photo_strip_shows_photos_of_published_reviews_newest_first(product):
    old = ReviewFactory(product=product)
    new = ReviewFactory(product=product)
    held = ReviewFactory(product=product, moderation_state=HELD)
    age(old, 5)
    old_photo = review_photo(old)
    new_photos = [review_photo(new), review_photo(new)]
    review_photo(held)

    strip = list(selectors.product_photos(product))

    assert strip == [*new_photos, old_photo]
    assert list(selectors.product_photos(product, limit=2)) == new_photos


def test_a_members_page_lists_their_published_reviews_of_every_product(
    product, other_product, member
):
    ReviewFactory(product=product, author=member, title="First")
    ReviewFactory(product=other_product, author=member, title="Second")
    ReviewFactory(product=other_product, title="Someone else's")
    held = ReviewFactory(product=product, author=MemberFactory(), moderation_state=HELD)

    assert set(titles(selectors.member_reviews(member))) == {"First", "Second"}
    assert list(selectors.member_reviews(held.author)) == []
