"""What questions and answers keep about a member, in "my data" and in the download, and how it
is erased when they delete their account: their questions, answers and replies, their upvotes
and their "I have this question too". Registered by the community app's `ready()` with
`community.personal_data` and `community.erasure`.

When the member removes their writing, a question others answered, or an answer others replied
to, stays as a tombstone ("deleted by its author", with neither title nor text), so that the
others' writing still reads in its thread.
"""

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from community import erasure
from community.personal_data import DataSection, markdown, public_url, register, when
from community.products import refresh_product_stats
from community.questions.models import Answer, AnswerVote, Question, QuestionStatus, QuestionVote

# My data -------------------------------------------------------------------------------------


def describe_question(question) -> dict:
    return {
        **markdown(question),
        "title": question.title,
        "product": question.product.title if question.product_id else "",
        "topic": question.topic.name_en if question.topic_id else "",
        "status": question.status,
    }


register(
    DataSection(
        key="questions",
        label=_("Questions"),
        explanation=_(
            "The questions you asked; public ones appear in the questions list, on the product's "
            "page and in search."
        ),
        rows=lambda member: Question.objects.filter(author=member).select_related(
            "product", "topic"
        ),
        describe=describe_question,
        url=public_url,
        title=lambda question: question.title,
        order=40,
    )
)


def answers_of(member, *, replies: bool):
    return (
        Answer.objects.filter(author=member, parent__isnull=not replies)
        .select_related("question")
        .order_by("-created_at", "-pk")
    )


def describe_answer(answer) -> dict:
    return {
        **markdown(answer),
        "question_id": answer.question_id,
        "question": answer.question.title,
        "in_reply_to_answer": answer.parent_id,
        "upvotes": answer.upvote_count,
        "is_the_solution": answer.question.solution_id == answer.pk,
    }


def answer_url(answer) -> str:
    return answer.get_absolute_url() if answer.is_public and answer.question.is_public else ""


register(
    DataSection(
        key="answers",
        label=_("Answers"),
        explanation=_("Your answers to questions, shown in their threads and in search."),
        rows=lambda member: answers_of(member, replies=False),
        describe=describe_answer,
        url=answer_url,
        title=lambda answer: answer.question.title,
        order=42,
    )
)

register(
    DataSection(
        key="replies",
        label=_("Replies"),
        explanation=_("Your replies under answers, shown in their threads."),
        rows=lambda member: answers_of(member, replies=True),
        describe=describe_answer,
        url=answer_url,
        title=lambda answer: answer.question.title,
        order=44,
    )
)

register(
    DataSection(
        key="answer_upvotes",
        label=_("Answers you upvoted"),
        explanation=_("Your upvotes; others see only each answer's total."),
        rows=lambda member: (
            AnswerVote.objects.filter(member=member)
            .select_related("answer__question")
            .order_by("-created_at")
        ),
        describe=lambda vote: {
            "answer_id": vote.answer_id,
            "question": vote.answer.question.title,
            "voted_at": when(vote.created_at),
        },
        url=lambda vote: answer_url(vote.answer),
        title=lambda vote: vote.answer.question.title,
        order=46,
    )
)

register(
    DataSection(
        key="question_votes",
        label=_("“I have this question too”"),
        explanation=_(
            "Questions you said you have too; staff see how many members a question affects."
        ),
        rows=lambda member: (
            QuestionVote.objects.filter(member=member)
            .select_related("question")
            .order_by("-created_at")
        ),
        describe=lambda vote: {
            "question_id": vote.question_id,
            "question": vote.question.title,
            "voted_at": when(vote.created_at),
        },
        url=lambda vote: public_url(vote.question),
        title=lambda vote: vote.question.title,
        order=48,
    )
)

# Erasure -------------------------------------------------------------------------------------


def recount_answers(question_ids) -> None:
    """Set the answer counts of the questions from their rows, and take the solution mark off
    answers that left the public (as deleting one does); a question closed as answered with
    no answer left opens again."""
    question_ids = list(set(question_ids))
    if not question_ids:
        return
    counts = (
        Answer.objects.counted()
        .filter(question=OuterRef("pk"))
        .order_by()
        .values("question")
        .annotate(total=Count("pk"))
        .values("total")
    )
    questions = Question.objects.filter(pk__in=question_ids)
    questions.update(answer_count=Coalesce(Subquery(counts), Value(0)))
    standing_solutions = Answer.objects.standing().filter(pk=OuterRef("solution_id"))
    questions.filter(status=QuestionStatus.SOLVED).filter(
        Q(solution__isnull=True) | ~Exists(standing_solutions)
    ).update(solution=None, status=QuestionStatus.OPEN, solved_at=None, closed_at=None)
    questions.filter(status=QuestionStatus.ANSWERED, answer_count=0).update(
        status=QuestionStatus.OPEN, closed_at=None
    )
    refresh_product_stats(questions.values_list("product_id", flat=True), kinds=("question",))


erase_answer_votes = erasure.vote_eraser(AnswerVote, "answer", Answer, "upvote_count")
erase_question_votes = erasure.vote_eraser(
    QuestionVote, "question", Question, "vote_count", "question"
)


# Replies first, then answers: an answer with replies of others stays as a tombstone.
erase_answers = erasure.threaded_writing_eraser(
    Answer, thread="question", recount=recount_answers, kind="question"
)


def erase_questions(member, choice):
    """A question others answered stays as a tombstone, so that their answers still read."""
    erasure.forget_own_deleted(Question, member, title=True)
    if choice == erasure.Choice.ANONYMISE:
        return erasure.anonymise(Question, member, kind="question")

    def handle(ids):
        with_others = set(
            Answer.objects.filter(question_id__in=ids)
            .exclude(author=member)
            .values_list("question_id", flat=True)
        )
        erasure.erase_threads(
            Question, ids, with_others, kind="question", replies=Answer, asked_for_staff_at=None
        )

    return erasure.in_batches(lambda: Question.objects.filter(author=member), handle)


erasure.register("votes.answers", erase_answer_votes, order=11, atomic=False)
erasure.register("votes.questions", erase_question_votes, order=12, atomic=False)
erasure.register("writing.answers", erase_answers, order=20, atomic=False)
erasure.register("writing.questions", erase_questions, order=30, atomic=False)
