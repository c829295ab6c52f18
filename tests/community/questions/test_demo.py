"""The demo questions: both languages, every state the product promises, and seeded only once."""

import io

import pytest
from django.core.management import call_command

from community.models import Follow, Notification, WrittenAs
from community.questions.models import (
    Answer,
    AnswerVote,
    Question,
    QuestionEvent,
    QuestionStatus,
    QuestionVote,
    Topic,
)

pytestmark = pytest.mark.django_db

COUNTED = [Topic, Question, Answer, AnswerVote, QuestionVote, QuestionEvent, Follow, Notification]


def seed():
    call_command("seed_demo", stdout=io.StringIO())
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_the_demo_has_questions_in_every_state_and_seeding_again_adds_nothing(client):
    first = seed()

    assert seed() == first
    questions = Question.objects.all()
    assert {question.language for question in questions} == {"en", "fr"}
    assert questions.filter(topic__isnull=False).exists()
    assert questions.filter(product__isnull=False).exists()
    assert all(topic.name_fr and topic.description_fr for topic in Topic.objects.all())
    solved_by_staff = questions.filter(
        status=QuestionStatus.SOLVED, solution__written_as=WrittenAs.STAFF
    )
    assert solved_by_staff.exists()
    handed_off = QuestionEvent.objects.get(kind=QuestionEvent.Kind.HANDED_OFF)
    assert handed_off.note
    assert handed_off.question.owner == handed_off.to_member
    assert questions.filter(status=QuestionStatus.OPEN, asked_for_staff_at__isnull=False).exists()
    assert questions.filter(status=QuestionStatus.DUPLICATE, duplicate_of__isnull=False).exists()
    assert Answer.objects.filter(parent__isnull=False).exists()
    assert AnswerVote.objects.exists()
    assert (
        first["Notification"] == Notification.objects.exclude(kind__startswith="question").count()
    )
    for question in questions:
        assert question.last_activity_at >= question.created_at
        if question.first_answer_at:
            assert question.first_answer_at > question.created_at
        response = client.get(question.get_absolute_url())
        assert response.status_code == 200
