"""Held and hidden content is absent from what the public sees: `.public()`, lists, counts and
the member's page; a decision puts it back everywhere, counters included."""

import pytest

from community.models import ModerationState
from community.moderation import services
from community.questions.models import Answer, Question
from ideas.models import Comment, Idea
from reviews.models import Review

pytestmark = pytest.mark.django_db

REASON = "Insults another member by name."


def hide(moderator, content):
    return services.decide(moderator, content, action="hide", reason=REASON, reason_code="abuse")


def publish(moderator, content):
    return services.decide(moderator, content, action="publish", reason="Within the guidelines.")


@pytest.mark.parametrize("kind", ["question", "answer", "reply", "idea", "comment", "review"])
def test_hidden_content_leaves_public_and_comes_back_when_published(request, moderator, kind):
    content = request.getfixturevalue(kind)
    model = type(content)

    hide(moderator, content)

    assert not content.is_public
    assert not model.objects.public().filter(pk=content.pk).exists()
    publish(moderator, content)
    assert content.is_public
    assert model.objects.public().filter(pk=content.pk).exists()


def test_a_hidden_question_takes_its_answers_out_of_public(moderator, question, answer):
    hide(moderator, question)

    assert not Answer.objects.public().filter(pk=answer.pk).exists()


def test_a_hidden_idea_takes_its_comments_out_of_public(moderator, idea, comment):
    hide(moderator, idea)

    assert not Comment.objects.public().filter(pk=comment.pk).exists()


def test_hiding_an_answer_moves_the_answer_count_and_publishing_restores_it(
    moderator, question, answer
):
    question.refresh_from_db()
    assert question.answer_count == 1

    hide(moderator, answer)
    question.refresh_from_db()
    assert question.answer_count == 0

    publish(moderator, answer)
    question.refresh_from_db()
    assert question.answer_count == 1


def test_hiding_the_solution_stops_it_being_the_solution(moderator, question, answer):
    from community.questions import services as questions

    questions.solution_set(question.author, answer)

    hide(moderator, answer)

    question.refresh_from_db()
    assert question.solution_id is None
    assert question.status == "open"


def test_hiding_a_comment_moves_the_comment_count(moderator, idea, comment):
    idea.refresh_from_db()
    assert idea.comment_count == 1

    hide(moderator, comment)
    idea.refresh_from_db()
    assert idea.comment_count == 0

    publish(moderator, comment)
    idea.refresh_from_db()
    assert idea.comment_count == 1


def test_the_author_deleting_hidden_content_does_not_count_it_twice(
    moderator, question, answer, idea, comment
):
    from community.questions import services as questions
    from ideas.services import comment_delete

    hide(moderator, answer)
    hide(moderator, comment)

    questions.answer_delete(answer.author, answer)
    comment_delete(comment.author, comment)

    question.refresh_from_db()
    idea.refresh_from_db()
    assert (question.answer_count, idea.comment_count) == (0, 0)


def test_a_moderator_deleting_counts_once(moderator, question, answer):
    services.decide(moderator, answer, action="delete", reason=REASON, reason_code="abuse")

    question.refresh_from_db()
    answer.refresh_from_db()
    assert question.answer_count == 0
    assert answer.is_deleted
    assert answer.deleted_by == moderator


def test_a_moderator_deleting_a_review_removes_it(moderator, review):
    services.decide(moderator, review, action="delete", reason=REASON, reason_code="spam")

    assert not Review.objects.filter(pk=review.pk).exists()


def test_held_and_hidden_questions_are_absent_from_lists_and_counts(
    client, moderator, product, question
):
    from community.questions import selectors

    hide(moderator, question)

    assert question not in selectors.question_list()
    assert selectors.product_question_counts(product)["all"] == 0
    assert question.title not in client.get("/questions/").content.decode()
    publish(moderator, question)
    assert question.title in client.get("/questions/").content.decode()


def test_a_hidden_idea_is_absent_from_the_list_and_the_member_page(client, moderator, idea):
    hide(moderator, idea)

    assert idea.title not in client.get("/ideas/").content.decode()
    assert idea.title not in client.get(idea.author.get_absolute_url()).content.decode()
    publish(moderator, idea)
    assert idea.title in client.get("/ideas/").content.decode()


def test_hidden_content_does_not_count_as_a_contribution(moderator, answer):
    from community import trust

    author = answer.author
    assert trust.published_contribution_count(author) == 1
    hide(moderator, answer)
    trust.forget(author)
    assert trust.published_contribution_count(author) == 0


def test_moderation_states_are_the_same_words_for_every_kind():
    for model in (Review, Question, Answer, Idea, Comment):
        field = model._meta.get_field("moderation_state")
        assert field.choices == ModerationState.choices
        assert field.default == ModerationState.PUBLISHED


def test_a_hidden_question_is_absent_from_search_until_published(
    client, moderator, question, django_capture_on_commit_callbacks
):
    url = "/search/?q=descale"
    with django_capture_on_commit_callbacks(execute=True):
        hide(moderator, question)
    assert question.get_absolute_url() not in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        publish(moderator, question)
    assert question.get_absolute_url() in client.get(url).content.decode()


def test_a_hidden_idea_is_absent_from_the_backlog_export_until_published(moderator, idea):
    from ideas.exports import IdeaExport

    def exported():
        return list(IdeaExport({}).rows())

    assert len(exported()) == 1
    hide(moderator, idea)
    assert exported() == []
    publish(moderator, idea)
    assert len(exported()) == 1
