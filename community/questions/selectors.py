"""Every read a questions page needs, with its joins: a question page costs the same number of
queries with 5 answers as with 200, and so does a page of the list."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)

from community.models import Follow, Report, StaffCard, WaitingOn, WrittenAs
from community.moderation.selectors import visible_in_thread
from community.questions.models import (
    QUESTION_SORTS,
    Answer,
    AnswerVote,
    Question,
    QuestionEvent,
    QuestionStatus,
    QuestionVote,
    Topic,
)
from community.selectors import reports_and_follows
from community.similar import similar

SORTS = QUESTION_SORTS
DEFAULT_SORT = "active"
STATUS_FILTERS = ("unanswered", "solved", "waiting", "open")

_BYLINE = ("author", "author_card__member", "author_card__team")
_OWNER = ("owner", "owner_card__member", "owner_card__team")
_MODERATION = ("moderated_by__staff_card", "moderator_edited_by__staff_card")


def standing_questions():
    """Public questions (`Question.objects.public()`): what lists, counts and suggestions show."""
    return Question.objects.public()


def _for_lists(questions):
    return questions.select_related("product", "topic", *_BYLINE, *_OWNER)


def waiting_for_staff(questions):
    return questions.filter(status=QuestionStatus.OPEN, asked_for_staff_at__isnull=False)


def question_list(*, status="", product=None, topic=None, asked_by=None, sort=DEFAULT_SORT):
    """The questions the reader asked for: filtered by state, product, topic or asker, sorted."""
    questions = standing_questions()
    if status == "unanswered":
        questions = questions.filter(answer_count=0).exclude(status=QuestionStatus.DUPLICATE)
    elif status == "solved":
        questions = questions.filter(status=QuestionStatus.SOLVED)
    elif status == "waiting":
        questions = waiting_for_staff(questions)
    elif status == "open":
        questions = questions.filter(status=QuestionStatus.OPEN)
    if product is not None:
        questions = questions.filter(product=product)
    if topic is not None:
        questions = questions.filter(topic=topic)
    if asked_by is not None:
        questions = questions.filter(author=asked_by)
    return _for_lists(questions).order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def _product_questions(product):
    """A product's questions, without duplicates: their answers are on the original."""
    return standing_questions().filter(product=product).exclude(status=QuestionStatus.DUPLICATE)


def product_questions(product):
    """A product's questions for its page: the recently active first."""
    return _for_lists(_product_questions(product)).order_by(*SORTS["active"])


def product_question_counts(product) -> dict:
    counts = _product_questions(product)
    return {
        "all": counts.count(),
        "solved": counts.filter(status=QuestionStatus.SOLVED).count(),
    }


def member_questions(member):
    return _for_lists(standing_questions().filter(author=member)).order_by("-created_at", "-pk")


def member_answers(member):
    """A member's answers and replies on questions that stand, newest first, with their
    question."""
    return (
        Answer.objects.public()
        .filter(author=member)
        .select_related("question")
        .order_by("-created_at", "-pk")
    )


def _signed_in(viewer) -> bool:
    return viewer is not None and viewer.is_authenticated


def _reported_by(viewer, model):
    """Whether `viewer` reported the outer row, for an `Exists` annotation."""
    return Exists(
        Report.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
            reporter=viewer,
        )
    )


def question_for_page(pk, viewer=None):
    """The question with everything its page shows about it, or None. With a signed-in
    `viewer`, also whether they follow it, have it too and reported it, in the same query
    (`viewer_marks`)."""
    questions = Question.objects.select_related(
        "product",
        "topic",
        "duplicate_of",
        "promise",
        *_BYLINE,
        *_OWNER,
        *_MODERATION,
    )
    if _signed_in(viewer):
        questions = questions.annotate(
            viewer_follows=Exists(
                Follow.objects.filter(
                    content_type=ContentType.objects.get_for_model(Question),
                    object_id=OuterRef("pk"),
                    member=viewer,
                )
            ),
            viewer_has_same_question=Exists(
                QuestionVote.objects.filter(question=OuterRef("pk"), member=viewer)
            ),
            viewer_reported=_reported_by(viewer, Question),
        )
    return questions.filter(pk=pk).first()


def viewer_marks(question, viewer) -> dict:
    """Whether the viewer follows the question, has it too and reported it: from the
    annotations of `question_for_page(pk, viewer)`, else asked."""
    if not _signed_in(viewer):
        return {"following": False, "same_question": False, "reported": False}
    if not hasattr(question, "viewer_follows"):
        question = question_for_page(question.pk, viewer)
    return {
        "following": question.viewer_follows,
        "same_question": question.viewer_has_same_question,
        "reported": question.viewer_reported,
    }


def answer_for_action(pk):
    """An answer or reply with its question, for the views that act on it."""
    return (
        Answer.objects.select_related("question", "parent", *_BYLINE, "question__author")
        .filter(pk=pk)
        .first()
    )


ANSWERS_PER_PAGE = 30
# The order of a question's answers: the solution first, then by upvotes, oldest first.
ANSWER_ORDER = ("-is_solution", "-upvote_count", "created_at", "pk")


def _in_answer_order(answers, question):
    return answers.annotate(
        is_solution=Case(
            When(pk=question.solution_id or 0, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by(*ANSWER_ORDER)


# What a page of answers joins: each byline's author and the card and team it was signed with,
# and the moderators named on receipts. Who deleted an answer is told by comparing ids
# (`deleted_by_author`) and a byline shows the author's own avatar beside their card, so neither
# the deleter nor the card's member is joined: with 30 answers and their replies, building the
# SQL costs more than running it, and each join adds every column of its table to build.
_THREAD_JOINS = ("author", "author_card__team", *_MODERATION)


def answers_for_page(question, viewer=None, page=None):
    """One page of the question's answers (`ANSWERS_PER_PAGE`, in `ANSWER_ORDER`: the solution
    first on page 1), each with its replies (oldest first), whether the viewer upvoted it and
    whether they reported each answer and reply (`viewer_reported`): the page (a Django `Page`
    of a paginator) and its answers, in three queries however many there are."""
    shown = visible_in_thread(viewer)
    reported = _reported_by(viewer, Answer) if _signed_in(viewer) else Value(False)
    replies = (
        Answer.objects.filter(shown)
        .select_related(*_THREAD_JOINS)
        .annotate(viewer_reported=reported)
        .order_by("created_at", "pk")
    )
    answers = (
        _in_answer_order(
            Answer.objects.filter(shown, question=question, parent__isnull=True), question
        )
        .select_related(*_THREAD_JOINS)
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="reply_list"))
        .annotate(viewer_reported=reported)
    )
    if viewer is not None and viewer.is_authenticated:
        answers = answers.annotate(
            viewer_upvoted=Exists(AnswerVote.objects.filter(answer=OuterRef("pk"), member=viewer))
        )
    else:
        answers = answers.annotate(viewer_upvoted=Value(False))
    page = Paginator(answers, ANSWERS_PER_PAGE).get_page(page)
    listed = list(page.object_list)
    for answer in listed:
        answer.question = question
        for reply in answer.reply_list:
            reply.question = question
            reply.parent = answer
    return page, listed


def answer_page_number(answer) -> int:
    """The page of its question on which `answer` (or the answer a reply is under) stands for
    everyone who can see it, in `ANSWER_ORDER`."""
    top = answer.parent if answer.is_reply else answer
    question = top.question
    ordered = _in_answer_order(
        Answer.objects.filter(visible_in_thread(None) | Q(pk=top.pk), question=question),
        question,
    ).filter(parent__isnull=True)
    ids = list(ordered.values_list("pk", flat=True))
    position = ids.index(top.pk) if top.pk in ids else 0
    return position // ANSWERS_PER_PAGE + 1


def events_for(question):
    """The question's timeline, oldest first, with the names and cards of the people in it."""
    return QuestionEvent.objects.filter(question=question).select_related(
        "actor",
        "actor_card__team",
        "to_member",
        "to_card__team",
        "answer",
        "other_question",
    )


def duplicates_of(question):
    return standing_questions().filter(duplicate_of=question).order_by("created_at")


def latest_staff_answer(question):
    """The newest public answer or reply a member of staff wrote on `question` (not the asker's
    own), with its signature: what the asker is waiting on once staff have answered."""
    return (
        Answer.objects.public()
        .filter(question=question, written_as=WrittenAs.STAFF)
        .exclude(author_id=question.author_id)
        .select_related(*_BYLINE)
        .order_by("-created_at", "-pk")
        .first()
    )


def similar_questions(text, *, exclude_pk=None, limit=5) -> list:
    """Questions that say what the title being typed says (`community.similar`), solved ones
    first, then the best matches, so people find an answer before they ask."""
    questions = standing_questions().exclude(status=QuestionStatus.DUPLICATE)
    if exclude_pk is not None:
        questions = questions.exclude(pk=exclude_pk)
    found = similar(questions, text, limit=limit * 2)
    found.sort(key=lambda question: not question.is_solved)
    return found[:limit]


def staff_for_hand_off(exclude=None):
    """Colleagues a question can be handed to: active staff cards of active members."""
    cards = (
        StaffCard.objects.filter(is_active=True, member__is_active=True)
        .select_related("member", "team")
        .order_by("team__sort_order", "real_name")
    )
    if exclude is not None:
        cards = cards.exclude(member=exclude)
    return cards


def topics():
    return Topic.objects.order_by("sort_order", "name_en")


def topic_by_slug(slug):
    return Topic.objects.filter(slug=slug).first() if slug else None


def inbox(viewer, *, limit=50) -> dict:
    """The staff inbox: questions the viewer owns, those where the asker asked for a person, and
    open questions nobody looks after, each list with who waited longest first."""
    open_questions = standing_questions().filter(status=QuestionStatus.OPEN)
    unowned = Q(owner__isnull=True) | Q(owner_card__isnull=True) | Q(owner_card__is_active=False)
    unanswered_first = Case(
        When(answer_count=0, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    mine = (
        open_questions.filter(owner=viewer) if viewer.is_authenticated else Question.objects.none()
    )
    return {
        "mine": list(_for_lists(mine).order_by("created_at", "pk")[:limit]),
        "requested": list(
            _for_lists(waiting_for_staff(open_questions)).order_by("asked_for_staff_at", "pk")[
                :limit
            ]
        ),
        "unowned": list(
            _for_lists(open_questions.filter(unowned))
            .annotate(unanswered_first=unanswered_first)
            .order_by("unanswered_first", "created_at", "pk")[:limit]
        ),
        "counts": {
            "mine": mine.count(),
            "requested": waiting_for_staff(open_questions).count(),
            "unowned": open_questions.filter(unowned).count(),
        },
    }


_UNOWNED = Q(owner__isnull=True) | Q(owner_card__isnull=True) | Q(owner_card__is_active=False)


def _team_filter(team):
    """A question belongs to the team keeping its promise, else to its owner's team."""
    return Q(promise_team_ref=team) | Q(promise_team_ref__isnull=True, owner_card__team=team)


def inbox_queue(viewer, *, now, product=None, team=None, state="", limit=50) -> dict:
    """Open questions for the inbox's queue, soonest promise deadline first (the overdue ones at
    the top), then the longest waiting; filtered by product, team and state ("staff" or
    "customer": whose move it is; "overdue": past the promise's deadline; "unowned"; "mine").
    Returns the rows (at most `limit`), how many match, and the count per state."""
    questions = standing_questions().filter(status=QuestionStatus.OPEN)
    if product is not None:
        questions = questions.filter(product=product)
    if team is not None:
        questions = questions.filter(_team_filter(team))
    overdue = Q(waiting_on=WaitingOn.STAFF, promise_due_at__lte=now)
    by_state = {
        "staff": Q(waiting_on=WaitingOn.STAFF),
        "customer": Q(waiting_on=WaitingOn.CUSTOMER),
        "overdue": overdue,
        "unowned": _UNOWNED,
        "mine": Q(owner=viewer) if viewer.is_authenticated else Q(pk__in=[]),
    }
    counts = questions.aggregate(
        all=Count("pk"), **{key: Count("pk", filter=rule) for key, rule in by_state.items()}
    )
    if state in by_state:
        questions = questions.filter(by_state[state])
    staff_first = Case(
        When(waiting_on=WaitingOn.STAFF, then=Value(0)),
        When(waiting_on=WaitingOn.CUSTOMER, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    rows = list(
        _for_lists(questions)
        .select_related("promise", "promise_team_ref", "owner_card__team")
        .annotate(staff_first=staff_first)
        .order_by(
            "staff_first",
            F("promise_due_at").asc(nulls_last=True),
            F("waiting_since").asc(nulls_last=True),
            "created_at",
            "pk",
        )[:limit]
    )
    return {
        "rows": rows,
        "count": counts["all"] if state not in by_state else counts[state],
        "counts": counts,
    }


def member_stake(member, question_ids) -> list:
    """The rows that make these question threads look different to `member`: what they asked,
    answered or replied (held or not), voted, reported and followed (`page_cache`)."""
    answers = Answer.objects.filter(question_id__in=question_ids)
    return [
        Question.objects.filter(pk__in=question_ids, author=member),
        answers.filter(author=member),
        AnswerVote.objects.filter(member=member, answer__question_id__in=question_ids),
        QuestionVote.objects.filter(member=member, question_id__in=question_ids),
        *reports_and_follows(member, Question, question_ids),
        *reports_and_follows(member, Answer, answers.values("pk")),
    ]
