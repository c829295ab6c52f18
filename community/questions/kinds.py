"""Questions and answers as content kinds: what moderation, trust, protections and search know
of them. Replies are answers under another answer (`parent`)."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from community.content_kinds import (
    ContentKind,
    HistorySection,
    PrivateTalk,
    Reindex,
    ServiceFigures,
)
from community.models import WrittenAs
from community.products import refresh_product_stats
from community.questions.models import Answer, Question, QuestionEvent, QuestionStatus
from community.questions.permissions import can_talk_privately
from community.questions.search import QuestionSearch
from community.questions.services.answers import answer_announce, answer_create
from community.questions.services.questions import question_announce
from community.questions.sitemaps import QuestionSitemap


def product_question_counts(product_ids) -> dict:
    """Each product's public questions (duplicates left out) and how many are solved."""
    rows = (
        Question.objects.public()
        .filter(product_id__in=product_ids)
        .exclude(status=QuestionStatus.DUPLICATE)
        .order_by()
        .values("product_id")
        .annotate(
            question_count=Count("pk"),
            solved_question_count=Count("pk", filter=Q(status=QuestionStatus.SOLVED)),
        )
    )
    counts = {pk: {"question_count": 0, "solved_question_count": 0} for pk in product_ids}
    for row in rows:
        counts[row.pop("product_id")] = row
    return counts


def answer_counts(answer, delta: int) -> None:
    """An answer (not a reply) in or out of the public moves its question's answer count; an
    answer leaving the public stops being the solution, as when it is deleted."""
    if answer.parent_id is not None:
        return
    fields = {"answer_count": F("answer_count") + delta}
    question = answer.question
    if delta < 0 and question.solution_id == answer.pk:
        fields.update(solution=None, status=QuestionStatus.OPEN, solved_at=None, closed_at=None)
    Question.objects.filter(pk=answer.question_id).update(**fields)
    if "status" in fields:
        refresh_product_stats([question.product_id], kinds=("question",))


def question_staff_reply(actor, question, text: str):
    """Staff reply under a question with an answer, signed with their staff card."""
    return answer_create(actor, question, body=text)


def question_looked_after_by(question):
    """The question's owner, while their staff card is active."""
    if question.has_active_owner:
        return question.owner, question.owner_card
    return None, None


def questions_of_member(member):
    return (
        Question.objects.filter(author=member, deleted_at__isnull=True)
        .select_related("product", "topic", "owner_card")
        .order_by("-created_at", "-pk")
    )


def answers_of_member(member):
    return (
        Answer.objects.filter(author=member, deleted_at__isnull=True)
        .select_related("question")
        .order_by("-created_at", "-pk")
    )


def question_owner_history(member):
    """Each time a member of staff took on or was handed one of the member's questions: the
    card of who took it (or was handed it), the question, and when."""
    steps = QuestionEvent.objects.filter(
        question__author=member,
        kind__in=[QuestionEvent.Kind.TAKEN, QuestionEvent.Kind.HANDED_OFF],
    ).values_list("kind", "actor_card_id", "to_card_id", "question_id", "created_at")
    for kind, actor_card, to_card, question, when in steps.order_by():
        yield (actor_card if kind == QuestionEvent.Kind.TAKEN else to_card), question, when


QUESTION = ContentKind(
    key="question",
    label=_("question"),
    model_label="community.Question",
    order=20,
    edit_fields=("title", "body"),
    has_title=True,
    announce=question_announce,
    queue_related=("author", "moderated_by", "product", "topic"),
    product_counts=product_question_counts,
    search=QuestionSearch(),
    reindex_on=(
        Reindex("community.Question"),
        Reindex("community.Answer", "question_id"),
        Reindex("community.QuestionEvent", "question_id"),
    ),
    shown_with=("community.QuestionVote", "community.AnswerVote"),
    sitemaps={"questions": QuestionSitemap},
    list_urls=("questions:list",),
    staff_reply=question_staff_reply,
    looked_after_by=question_looked_after_by,
    private_talk=PrivateTalk(
        rows=lambda: Question.objects.filter(deleted_at__isnull=True).select_related(
            "owner", "owner_card__team", "owner_card__member"
        ),
        can_start=can_talk_privately,
    ),
    member_history=(HistorySection("questions", _("Questions"), questions_of_member, order=20),),
    owner_history=question_owner_history,
    service_figures=ServiceFigures(
        rows=lambda: Question.objects.filter(deleted_at__isnull=True),
        solved_by_member=Q(status=QuestionStatus.SOLVED, solution__written_as=WrittenAs.MEMBER),
        solved_by_staff=Q(status=QuestionStatus.SOLVED, solution__written_as=WrittenAs.STAFF),
    ),
)
ANSWER = ContentKind(
    key="answer",
    label=_("answer"),
    reply_label=_("reply"),
    model_label="community.Answer",
    order=30,
    parent_field="question",
    counter_move=answer_counts,
    announce=answer_announce,
    queue_related=("author", "moderated_by", "question", "parent", "parent__author"),
    member_history=(
        HistorySection("answers", _("Answers and replies"), answers_of_member, order=30),
    ),
)
