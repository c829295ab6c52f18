"""A product's stored counts (`ProductStats`) stay equal to the counts of its rows through
everything that moves them, and product pages and the home page read them in a fixed number
of queries whatever the amount of content."""

import pytest

from community.erasure import Choice, erase_member
from community.models import ModerationState, ProductStats
from community.moderation.services import record_state_change
from community.products import product_stats_mismatches
from community.questions.models import QuestionStatus
from community.questions.services import answer_create, solution_set
from ideas.services import idea_edit
from ideas.services.merges import idea_merge
from reviews import services
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    ReviewFactory,
    product_page,
    proposed_idea,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def other_product(site_pages):
    return product_page(site_pages.catalogue["en"], "Grinder Two")


def stats(product) -> ProductStats:
    return ProductStats.objects.get(product=product)


def review(member, product, rating):
    return services.review_create(
        member,
        product,
        data={"rating": rating, "title": f"{rating} stars", "text": "What I think of it."},
    )


def test_review_counts_follow_writes_edits_moderation_deletion_and_erasure(product, moderator):
    first, second, third = MemberFactory(), MemberFactory(), MemberFactory()
    kept = review(first, product, 5)
    hidden = review(second, product, 2)
    gone = review(third, product, 4)
    assert (stats(product).review_count, stats(product).rating_sum) == (3, 11)

    services.review_update(first, kept, data={"rating": 3})
    assert (stats(product).stars_5, stats(product).stars_3) == (0, 1)

    services.review_moderate(moderator, hidden, state=ModerationState.HIDDEN, reason="Spam")
    assert (stats(product).review_count, stats(product).rating_sum) == (2, 7)
    services.review_moderate(moderator, hidden, state=ModerationState.PUBLISHED)
    assert stats(product).review_count == 3

    services.review_delete(third, gone)
    assert (stats(product).review_count, stats(product).rating_sum) == (2, 5)

    erase_member(second, Choice.REMOVE)
    counted = stats(product)
    assert (counted.review_count, counted.rating_sum, counted.average) == (1, 3, 3.0)
    assert [counted.stars(n) for n in range(1, 6)] == [0, 0, 1, 0, 0]
    assert product_stats_mismatches() == 0


def test_question_counts_follow_solutions_hiding_and_duplicates(product, moderator):
    asked = QuestionFactory(product=product, topic=None)
    solved = QuestionFactory(product=product, topic=None)
    duplicate = QuestionFactory(product=product, topic=None)
    answer = answer_create(MemberFactory(), solved, body="Descale it every month.")
    solution_set(solved.author, answer)
    counted = stats(product)
    assert (counted.question_count, counted.solved_question_count) == (3, 1)

    record_state_change(moderator, asked, state="hidden", reason="Off topic")
    assert stats(product).question_count == 2

    from community.questions.services import question_mark_duplicate

    question_mark_duplicate(moderator, duplicate, original=solved)
    duplicate.refresh_from_db()
    assert duplicate.status == QuestionStatus.DUPLICATE
    counted = stats(product)
    assert (counted.question_count, counted.solved_question_count) == (1, 1)
    assert product_stats_mismatches() == 0


def test_idea_counts_follow_merges_moves_and_hiding(product, other_product, staff, moderator):
    kept = proposed_idea(title="Start by itself", product=product)
    merged = proposed_idea(title="Start on a timer", product=product)
    moved = proposed_idea(title="A quieter grinder", product=product)
    assert stats(product).idea_count == 3

    idea_merge(staff, merged, kept, notify_people=False)
    assert stats(product).idea_count == 2

    idea_edit(moved.author, moved, title=moved.title, body=moved.body, product=other_product)
    assert (stats(product).idea_count, stats(other_product).idea_count) == (1, 1)

    record_state_change(moderator, kept, state="hidden", reason="Spam")
    assert stats(product).idea_count == 0
    assert product_stats_mismatches() == 0


def test_a_review_whose_rating_changes_counts_its_new_stars(product):
    review = ReviewFactory(product=product, rating=4)
    data = {"rating": 2, "title": review.title, "text": review.text}
    services.review_update(review.author, review, data=data)
    assert (stats(product).stars_4, stats(product).stars_2, stats(product).rating_sum) == (0, 1, 2)


# Queries


def add_content(product, count):
    for number in range(count):
        ReviewFactory(product=product, rating=number % 5 + 1)
        QuestionFactory(product=product, topic=None)
        proposed_idea(title=f"Idea number {number}", product=product)


@pytest.mark.parametrize("viewer", ["visitor", "member"])
@pytest.mark.parametrize("path", ["/", "/products/espresso-one/"])
def test_home_and_product_pages_cost_the_same_with_more_content(
    client, request, product, other_product, viewer, path
):
    if viewer == "member":
        client.force_login(request.getfixturevalue("member"))
    add_content(product, 3)
    few = queries_for(client.get, path)
    add_content(product, 30)
    add_content(other_product, 10)
    many = queries_for(client.get, path)
    assert many == few
    assert stats(product).review_count == 33


def test_erasing_a_member_recounts_the_questions_and_ideas_they_started(product):
    leaving = MemberFactory()
    QuestionFactory(author=leaving, product=product, topic=None)
    answered = QuestionFactory(author=leaving, product=product, topic=None)
    answer_create(MemberFactory(), answered, body="Descale it every month.")
    proposed_idea(leaving, title="A quieter grinder", product=product)
    assert (stats(product).question_count, stats(product).idea_count) == (2, 1)

    erase_member(leaving, Choice.REMOVE)

    # The answered question stays as a tombstone (deleted, so not public), the rest is gone.
    assert (stats(product).question_count, stats(product).idea_count) == (0, 0)
    assert product_stats_mismatches() == 0
