"""A member with thousands of contributions is erased completely, in batches."""

import pytest
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from community import erasure as erasers
from community.account_deletion.services import deletion_request
from community.erasure import Choice
from community.models import AccountDeletion, ModerationState
from community.questions.models import Answer, AnswerVote, Question
from ideas.models import Comment, Idea, IdeaVote
from tests.factories import MemberFactory, QuestionFactory, TopicFactory, idea_status

from .helpers import EMAIL, NAME, traces_of, wrong_counters

pytestmark = pytest.mark.django_db

ROWS = 3_000


def _count(model, **filters):
    return Coalesce(
        Subquery(
            model.objects.filter(**filters)
            .order_by()
            .values(next(iter(filters)))
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def _recount():
    """Counters as the services would have left them after writing these rows one by one."""
    Question.objects.update(
        answer_count=_count(
            Answer,
            question=OuterRef("pk"),
            parent__isnull=True,
            deleted_at__isnull=True,
            moderation_state=ModerationState.PUBLISHED,
        )
    )
    Answer.objects.update(upvote_count=_count(AnswerVote, answer=OuterRef("pk")))
    Idea.objects.update(
        vote_count=_count(IdeaVote, idea=OuterRef("pk")),
        comment_count=_count(Comment, idea=OuterRef("pk"), is_internal=False),
    )


@pytest.fixture
def prolific(db):
    """A member with 3,000 rows: answers, upvotes, idea votes and comments, among others'."""
    member = MemberFactory(email=EMAIL, display_name=NAME)
    others = [MemberFactory() for _ in range(3)]
    topic = TopicFactory()
    questions = [QuestionFactory(author=others[i % 3], topic=topic) for i in range(10)]
    now = timezone.now()
    others_answers = Answer.objects.bulk_create(
        Answer(question=questions[i % 10], author=others[i % 3], body=f"Other {i}", created_at=now)
        for i in range(100)
    )
    Answer.objects.bulk_create(
        Answer(question=questions[i % 10], author=member, body=f"Mine {i}", created_at=now)
        for i in range(1_200)
    )
    AnswerVote.objects.bulk_create(
        AnswerVote(answer=answer, member=member) for answer in others_answers
    )
    status = idea_status("new")
    ideas = Idea.objects.bulk_create(
        Idea(title=f"Idea {i}", slug=f"idea-{i}", body="Body", author=others[i % 3], status=status)
        for i in range(800)
    )
    IdeaVote.objects.bulk_create(IdeaVote(idea=idea, member=member) for idea in ideas)
    IdeaVote.objects.bulk_create(IdeaVote(idea=idea, member=others[0]) for idea in ideas[:50])
    Comment.objects.bulk_create(
        Comment(idea=ideas[i % 50], author=member, body=f"My comment {i}") for i in range(900)
    )
    _recount()
    assert (
        Answer.objects.filter(author=member).count()
        + AnswerVote.objects.filter(member=member).count()
        + IdeaVote.objects.filter(member=member).count()
        + Comment.objects.filter(author=member).count()
        == ROWS
    )
    return member


@pytest.mark.parametrize("choice", [Choice.REMOVE, Choice.ANONYMISE])
def test_a_deletion_of_thousands_of_rows_completes_in_batches(
    prolific, choice, django_capture_on_commit_callbacks, monkeypatch
):
    batches = []
    original = erasers.in_batches

    def counting(select, handle, *, size=erasers.BATCH_SIZE):
        def counted(ids):
            batches.append(len(ids))
            handle(ids)

        return original(select, counted, size=size)

    monkeypatch.setattr(erasers, "in_batches", counting)
    assert wrong_counters() == []
    with django_capture_on_commit_callbacks(execute=True):
        deletion_request(prolific, choice=choice)
    deletion = AccountDeletion.objects.get()
    assert deletion.status == AccountDeletion.Status.COMPLETED
    assert max(batches) <= erasers.BATCH_SIZE and sum(batches) >= ROWS
    assert sum(deletion.counts.values()) >= ROWS
    assert wrong_counters() == []
    assert traces_of(EMAIL, NAME) == []
    assert IdeaVote.objects.count() == 50
    if choice == Choice.ANONYMISE:
        assert Answer.objects.filter(author__isnull=True).count() == 1_200
    else:
        assert Answer.objects.count() == 100 and not Comment.objects.exists()
