"""Questions and answers as content kinds: what moderation, trust, protections and search know
of them. Replies are answers under another answer (`parent`)."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from community.content_kinds import ContentKind, Reindex
from community.models import Question, QuestionStatus
from community.products import refresh_product_stats
from community.questions.search import QuestionSearch
from community.questions.services.answers import answer_announce
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
    counted_fields=frozenset({"product", "status", "moderation_state", "deleted_at"}),
    search=QuestionSearch(),
    reindex_on=(
        Reindex("community.Question"),
        Reindex("community.Answer", "question_id"),
        Reindex("community.QuestionEvent", "question_id"),
    ),
    sitemaps={"questions": QuestionSitemap},
    list_urls=("questions:list",),
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
)
