"""Denormalised counts stay equal to the counts of their rows after a mixed sequence of votes,
merges, hides, restores, deletions and an erased account (issue 12: counts kept exact).

Everything goes through the site's own services and views, as members, staff and moderators
use them; after each step every counter (votes, comments, answers, upvotes, helpful votes, the
products' stored stats) is compared with a fresh count of its rows (`wrong_counters`).
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community.account_deletion.services import deletion_request
from community.erasure import Choice
from community.moderation import services as moderation
from community.questions import services as questions
from community.questions.models import Answer, Question
from ideas import services as ideas
from ideas.models import Idea, IdeaVote, Importance
from reviews import services as reviews
from reviews.models import Review
from tests.factories import MemberFactory, ReviewFactory, product_page, proposed_idea
from tests.scale_helpers import wrong_counters

pytestmark = pytest.mark.django_db

NICE, IMPORTANT, ESSENTIAL = Importance.NICE, Importance.IMPORTANT, Importance.ESSENTIAL
REASON = "Insults another member by name."


def assert_exact(step):
    wrong = wrong_counters()
    assert wrong == [], f"after {step}:\n" + "\n".join(wrong)


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Aurora espresso machine")


@pytest.fixture
def people(db):
    return MemberFactory.create_batch(5)


def post(client, member, url, data):
    client.force_login(member)
    response = client.post(url, data)
    assert response.status_code in (200, 302), f"{url} answered {response.status_code}"
    return response


@pytest.mark.parametrize(
    ("model", "counter"),
    [
        (Idea, "vote_count"),
        (Idea, "comment_count"),
        (Question, "answer_count"),
        (Question, "vote_count"),
        (Answer, "upvote_count"),
        (Review, "helpful_count"),
    ],
)
def test_the_check_sees_a_count_that_drifted_from_its_rows(product, people, model, counter):
    idea = proposed_idea(people[0], title="A quieter grinder mode", product=product)
    ideas.comment_create(people[1], idea, body="Yes please.")
    question = questions.question_ask(
        people[0], title="Why does it rattle?", body="It does.", product=product
    )
    answer = questions.answer_create(people[1], question, body="Prime the pump.")
    questions.answer_vote_set(people[2], answer, on=True)
    questions.question_vote_set(people[2], question, on=True)
    reviews.review_helpful_set(
        people[2], ReviewFactory(author=people[0], product=product), helpful=True
    )
    assert_exact("one of each")

    model.objects.update(**{counter: F(counter) + 1})

    assert any(f"{model.__name__} " in line and counter in line for line in wrong_counters())


def test_idea_votes_changed_withdrawn_and_merged_keep_every_count_exact(
    client, product, people, staff
):
    kept = proposed_idea(people[0], title="Start the machine on a timer", product=product)
    duplicate = proposed_idea(people[1], title="Machine timer please", product=product)
    assert_exact("two ideas proposed")

    for member, importance in zip(people[2:], (NICE, IMPORTANT, ESSENTIAL), strict=True):
        post(client, member, reverse("ideas:vote", args=[kept.pk]), {"importance": importance})
    ideas.idea_vote(people[2], duplicate, importance=ESSENTIAL)
    ideas.idea_vote(people[3], duplicate, importance=NICE)
    assert_exact("votes on both ideas")

    post(client, people[2], reverse("ideas:vote", args=[kept.pk]), {"importance": ESSENTIAL})
    ideas.idea_vote(people[4], kept, importance=ESSENTIAL)  # the same vote again
    assert_exact("a vote changed and a vote repeated")

    post(client, people[3], reverse("ideas:vote", args=[kept.pk]), {"action": "remove"})
    ideas.idea_unvote(people[3], kept)  # taken back twice
    assert_exact("a vote withdrawn twice")

    ideas.idea_merge(staff, duplicate, kept, notify_people=False)
    assert_exact("the duplicate merged into the kept idea")
    # Both authors and people[2] voted for both, people[3] only for the duplicate now.
    assert IdeaVote.objects.filter(idea=kept).count() == 5

    ideas.idea_unmerge(staff, Idea.objects.get(pk=duplicate.pk), notify_people=False)
    assert_exact("the merge undone")
    ideas.idea_merge(
        staff, Idea.objects.get(pk=duplicate.pk), Idea.objects.get(pk=kept.pk), notify_people=False
    )
    post(client, people[3], reverse("ideas:vote", args=[kept.pk]), {"action": "remove"})
    assert_exact("merged again, and a moved vote withdrawn")


def test_comments_added_hidden_restored_and_deleted_keep_the_comment_count_exact(
    product, people, moderator, staff
):
    idea = proposed_idea(people[0], title="A quieter grinder mode", product=product)
    comments = [
        ideas.comment_create(member, idea, body=f"I would use it too ({number}).")
        for number, member in enumerate(people[1:4])
    ]
    reply = ideas.comment_create(people[4], idea, body="Same here.", parent=comments[0])
    ideas.comment_create(staff, idea, body="Internal: check the motor.", internal=True)
    assert_exact("comments, a reply and an internal note")

    moderation.decide(moderator, comments[1], action="hide", reason=REASON, reason_code="abuse")
    assert_exact("a comment hidden")
    moderation.decide(moderator, comments[1], action="publish", reason="Fine after all.")
    assert_exact("the hidden comment restored")

    ideas.comment_delete(people[3], comments[2])
    assert_exact("a comment deleted by its author")
    moderation.decide(moderator, reply, action="delete", reason=REASON, reason_code="abuse")
    assert_exact("a reply deleted by a moderator")
    moderation.decide(moderator, comments[0], action="hide", reason=REASON, reason_code="abuse")
    ideas.comment_delete(people[1], comments[0])
    assert_exact("a hidden comment deleted by its author")


def test_answers_hidden_restored_deleted_voted_and_accepted_keep_every_count_exact(
    client, product, people, moderator
):
    asker, first, second, third, voter = people
    question = questions.question_ask(
        asker, title="Why does the pump rattle?", body="It rattles at start.", product=product
    )
    answers = [
        questions.answer_create(member, question, body=f"Prime the pump ({member.pk}).")
        for member in (first, second, third)
    ]
    questions.reply_create(asker, answers[0], body="That worked, thank you!")
    assert_exact("three answers and a reply")

    for member in (voter, asker, third):
        post(client, member, reverse("questions:answer_vote", args=[answers[0].pk]), {"vote": "1"})
    post(client, voter, reverse("questions:answer_vote", args=[answers[0].pk]), {"vote": "1"})
    post(client, third, reverse("questions:answer_vote", args=[answers[0].pk]), {"vote": "0"})
    post(client, voter, reverse("questions:vote", args=[question.pk]), {"vote": "1"})
    questions.question_vote_set(first, question, on=True)
    questions.question_vote_set(first, question, on=False)
    assert_exact("upvotes given, repeated and taken back")

    post(client, asker, reverse("questions:answer_accept", args=[answers[1].pk]), {"solution": "1"})
    assert_exact("an answer accepted as the solution")

    moderation.decide(moderator, answers[1], action="hide", reason=REASON, reason_code="abuse")
    assert_exact("the solution hidden")
    moderation.decide(moderator, answers[1], action="publish", reason="Fine after all.")
    questions.solution_set(asker, Answer.objects.get(pk=answers[1].pk))
    assert_exact("the solution restored and accepted again")

    moderation.decide(moderator, answers[2], action="hide", reason=REASON, reason_code="abuse")
    assert_exact("an answer hidden")
    moderation.decide(moderator, answers[2], action="publish", reason="Fine after all.")
    assert_exact("the hidden answer restored")

    questions.answer_delete(second, answers[1])
    assert_exact("the solution deleted by its author")
    moderation.decide(moderator, answers[0], action="delete", reason=REASON, reason_code="abuse")
    assert_exact("an upvoted answer with a reply deleted by a moderator")
    moderation.decide(moderator, answers[2], action="hide", reason=REASON, reason_code="abuse")
    questions.answer_delete(third, answers[2])
    assert_exact("a hidden answer deleted by its author")


def test_a_hidden_or_deleted_thread_keeps_its_counts_for_when_it_comes_back(
    product, people, moderator
):
    asker, first, second, commenter, _ = people
    question = questions.question_ask(
        asker, title="Why does the lid squeak?", body="Since last week.", product=product
    )
    for member in (first, second):
        questions.answer_create(member, question, body=f"Oil the hinge ({member.pk}).")
    idea = proposed_idea(asker, title="A lid that closes softly", body="Please.", product=product)
    ideas.comment_create(commenter, idea, body="Yes, please.")

    for thread in (question, idea):
        moderation.decide(moderator, thread, action="hide", reason=REASON, reason_code="abuse")
        assert_exact(f"{thread} hidden")
        moderation.decide(moderator, thread, action="publish", reason="Fine after all.")
        assert_exact(f"{thread} restored")
    assert Question.objects.get(pk=question.pk).answer_count == 2
    assert Idea.objects.get(pk=idea.pk).comment_count == 1

    for thread in (question, idea):
        moderation.decide(moderator, thread, action="delete", reason=REASON, reason_code="abuse")
        assert_exact(f"{thread} deleted")


def test_helpful_votes_and_hidden_reviews_keep_the_review_counts_exact(
    client, product, people, moderator
):
    author, other, *voters = people
    review = ReviewFactory(author=author, product=product, rating=2, title="Too loud")
    second = ReviewFactory(author=other, product=product, rating=5, title="Lovely")
    assert_exact("two reviews")

    for voter in voters:
        post(client, voter, reverse("reviews:helpful", args=[review.pk]), {"helpful": "1"})
    reviews.review_helpful_set(voters[0], review, helpful=True)
    reviews.review_helpful_set(author, second, helpful=True)
    post(client, voters[1], reverse("reviews:helpful", args=[review.pk]), {"helpful": "0"})
    assert_exact("helpful votes given, repeated and taken back")

    moderation.decide(moderator, review, action="hide", reason=REASON, reason_code="abuse")
    assert_exact("a review hidden")
    moderation.decide(moderator, review, action="publish", reason="Fine after all.")
    assert_exact("the hidden review restored")
    reviews.review_delete(other, second)
    assert_exact("a review deleted by its author")


@pytest.mark.parametrize("choice", [Choice.ANONYMISE, Choice.REMOVE])
def test_an_erased_account_leaves_every_count_exact(
    product, people, staff, choice, django_capture_on_commit_callbacks
):
    leaving, olga, omar, *others = people
    # Everything the leaving member did, and what others did around it.
    review = ReviewFactory(author=leaving, product=product, rating=3, title="Fine")
    reviews.review_helpful_set(olga, review, helpful=True)
    reviews.review_helpful_set(leaving, ReviewFactory(author=olga, product=product), helpful=True)
    question = questions.question_ask(
        leaving, title="Which grind size?", body="Fine or very fine?", product=product
    )
    answer = questions.answer_create(olga, question, body="Fine, like table salt.")
    own_answer = questions.answer_create(
        leaving,
        questions.question_ask(olga, title="Descale how often?", body="Monthly?", product=product),
        body="Every month.",
    )
    questions.reply_create(leaving, answer, body="Thank you!")
    questions.answer_vote_set(leaving, answer, on=True)
    questions.answer_vote_set(omar, own_answer, on=True)
    questions.question_vote_set(omar, question, on=True)
    questions.solution_set(leaving, answer)
    questions.solution_set(olga, own_answer)
    idea = proposed_idea(leaving, title="A quieter grinder mode", product=product)
    other_idea = proposed_idea(olga, title="A bigger water tank", product=product)
    for member in (olga, omar, *others):
        ideas.idea_vote(member, idea, importance=IMPORTANT)
    ideas.idea_vote(leaving, other_idea, importance=ESSENTIAL)
    ideas.comment_create(leaving, other_idea, body="Yes please.")
    ideas.comment_create(omar, idea, body="Me too.")
    ideas.idea_merge(staff, other_idea, idea, notify_people=False)
    assert_exact("the leaving member took part everywhere")

    with django_capture_on_commit_callbacks(execute=True):
        deletion_request(leaving, choice=choice)

    assert_exact(f"the account erased ({choice})")


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "vote",
                "unvote",
                "comment",
                "delete comment",
                "hide comment",
                "restore comment",
                "answer",
                "delete answer",
                "hide answer",
                "restore answer",
                "upvote",
                "un-upvote",
                "accept",
                "helpful",
                "unhelpful",
                "merge",
            ]
        ),
        st.integers(min_value=0, max_value=3),
        st.integers(min_value=0, max_value=1),
    ),
    min_size=1,
    max_size=10,
)


@pytest.fixture
def arena(site_pages, people):
    """Two ideas, a question and two reviews of one product, made once for every example."""
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")
    author = people[0]
    return {
        "ideas": [
            proposed_idea(author, title="Start on a timer", product=product).pk,
            proposed_idea(author, title="A machine timer", product=product).pk,
        ],
        "question": questions.question_ask(
            author, title="Why does the pump rattle?", body="It rattles.", product=product
        ),
        "reviews": [
            ReviewFactory(author=writer, product=product, rating=rating).pk
            for writer, rating in ((author, 2), (MemberFactory(), 5))
        ],
    }


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=ACTIONS)
def test_any_sequence_of_writes_keeps_every_count_exact(arena, people, staff, moderator, actions):
    """Four members vote, comment, answer, upvote and find reviews helpful in any order on two
    ideas, a question and two reviews, while a moderator hides, restores and deletes and staff
    merge; whatever the order, every count equals its rows. Each example runs in a savepoint
    rolled back afterwards, so that every example starts from the same community."""
    with transaction.atomic():
        run_actions(arena, people, staff, moderator, actions)
        transaction.set_rollback(True)


def run_actions(arena, people, staff, moderator, actions):
    author, members = people[0], people[1:]
    question = Question.objects.get(pk=arena["question"].pk)
    comments, answers = [], []

    def last(items, which):
        return items[-1 - which % len(items)] if items else None

    for action, who, which in actions:
        member = members[who]
        idea = Idea.objects.get(pk=arena["ideas"][which])
        other = Idea.objects.get(pk=arena["ideas"][1 - which])
        review = Review.objects.get(pk=arena["reviews"][which])
        comment, answer = last(comments, which), last(answers, which)
        try:
            if action == "vote":
                ideas.idea_vote(member, idea, importance=[NICE, ESSENTIAL][which])
            elif action == "unvote":
                ideas.idea_unvote(member, idea)
            elif action == "comment":
                comments.append(ideas.comment_create(member, idea, body="Yes, please."))
            elif action == "delete comment" and comment:
                ideas.comment_delete(moderator, comment)
            elif action == "hide comment" and comment:
                moderation.decide(moderator, comment, action="hide", reason=REASON,
                                  reason_code="abuse")  # fmt: skip
            elif action == "restore comment" and comment:
                moderation.decide(moderator, comment, action="publish", reason="Fine.")
            elif action == "answer":
                answers.append(questions.answer_create(member, question, body="Prime it."))
            elif action == "delete answer" and answer:
                questions.answer_delete(moderator, answer)
            elif action == "hide answer" and answer:
                moderation.decide(moderator, answer, action="hide", reason=REASON,
                                  reason_code="abuse")  # fmt: skip
            elif action == "restore answer" and answer:
                moderation.decide(moderator, answer, action="publish", reason="Fine.")
            elif action in ("upvote", "un-upvote") and answer:
                questions.answer_vote_set(member, answer, on=action == "upvote")
            elif action == "accept" and answer:
                questions.solution_set(author, answer)
            elif action in ("helpful", "unhelpful"):
                reviews.review_helpful_set(member, review, helpful=action == "helpful")
            elif action == "merge":
                ideas.idea_merge(staff, idea, other, notify_people=False)
        except (PermissionDenied, ValidationError):
            pass  # refused (a merged idea, a deleted answer…): nothing may have changed
        for item in (*comments, *answers):
            item.refresh_from_db()
        assert_exact(f"{action} by member {who} on {which}")
