"""Questions and answers: customers answer each other, and a named person stays with a question.

A question hangs from a product or from a topic (a space the admin defines). Answers come from
members and staff; replies go one level under an answer. The asker or staff marks one answer
as the solution. A member of staff can take ownership and stays named on the question until
they hand it to a colleague with a note; the question's timeline (`QuestionEvent`) keeps every
such step so nobody is bounced between anonymous departments.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from community.i18n import TranslatedField
from community.models.moderation import ModerationState
from community.models.promises import PromiseClock
from community.models.staff import HAND_OVER_NOTE_MAX_LENGTH, Owned, StaffStep, owner_field
from community.models.writing import PublicQuerySet, WrittenContent

QUESTION_TITLE_MAX_LENGTH = 150
QUESTION_TITLE_MIN_LENGTH = 10
QUESTION_BODY_MAX_LENGTH = 10_000
ANSWER_BODY_MAX_LENGTH = 10_000
REPLY_BODY_MAX_LENGTH = 3_000
HAND_OFF_NOTE_MAX_LENGTH = HAND_OVER_NOTE_MAX_LENGTH
# Words that follow a question's number in its action addresses (/questions/12/edit/).
RESERVED_SLUGS = frozenset(
    {
        "edit",
        "delete",
        "history",
        "answer",
        "follow",
        "vote",
        "take",
        "hand-off",
        "ask-staff",
        "duplicate",
        "close",
        "reopen",
        "report",
        "request-removal",
    }
)


class Topic(models.Model):
    """A space for questions that are not about one product ("Orders and delivery", "My
    account"), with a description that tells members what belongs there.

    Topics are few and defined by the admin, with their name and description typed in each
    language, so they are a plain model with a field per language rather than translated pages.
    """

    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_fr = models.CharField(_("name (French)"), max_length=80, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=500, blank=True)
    description_fr = models.TextField(_("description (French)"), max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = TranslatedField("name")
    description = TranslatedField("description")

    class Meta:
        app_label = "community"
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["sort_order", "name_en"]

    def __str__(self):
        return self.name


# The questions list's sorts, in keyset order: the last field is the id, so every row has one
# place. `community.questions.selectors.SORTS` and the indexes below both read it.
QUESTION_SORTS = {
    "active": ("-last_activity_at", "-id"),
    "newest": ("-created_at", "-id"),
    "votes": ("-vote_count", "-last_activity_at", "-id"),
}
_PUBLIC = models.Q(deleted_at__isnull=True, moderation_state=ModerationState.PUBLISHED)
_WAITING = models.Q(status="open", asked_for_staff_at__isnull=False)


def list_indexes():
    """An index per sort of the questions list, alone and after the product, topic and status
    filters, and for unanswered and waiting questions; partial on what `.public()` keeps."""
    indexes = []
    for sort, fields in QUESTION_SORTS.items():
        indexes.append(models.Index(fields=list(fields), name=f"q_list_{sort}", condition=_PUBLIC))
        for leading in ("product", "topic", "status"):
            indexes.append(
                models.Index(
                    fields=[leading, *fields], name=f"q_list_{leading}_{sort}", condition=_PUBLIC
                )
            )
        indexes.append(
            models.Index(
                fields=list(fields),
                name=f"q_list_unanswered_{sort}",
                condition=_PUBLIC & models.Q(answer_count=0),
            )
        )
        indexes.append(
            models.Index(
                fields=list(fields),
                name=f"q_list_waiting_{sort}",
                condition=_PUBLIC & _WAITING,
            )
        )
    return indexes


class QuestionStatus(models.TextChoices):
    """Where a question stands. It is never silently dropped: it ends solved (one answer is the
    solution), answered (closed with answers but no single solution) or as a duplicate that
    points to the question where the answers are."""

    OPEN = "open", _("Open")
    SOLVED = "solved", _("Solved")
    ANSWERED = "answered", _("Answered")
    DUPLICATE = "duplicate", _("Duplicate")


class Question(index.Indexed, WrittenContent, PromiseClock, Owned):
    """A member's question about a product or in a topic.

    Counters and dates that lists sort and filter on are kept on the row (answer count, votes,
    last activity, first answer, first staff answer), updated in the same transaction as what
    moves them, so lists never count in a loop. The time to the first answer and to the first
    staff answer are the service figures the staff inbox and reports rely on.
    """

    title = models.CharField(_("title"), max_length=QUESTION_TITLE_MAX_LENGTH)
    product = models.ForeignKey(
        "community.ProductPage",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
        help_text=_("The product's page in the default language: questions belong to it."),
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=QuestionStatus.choices,
        default=QuestionStatus.OPEN,
    )
    solution = models.ForeignKey(
        "community.Answer",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    owner = owner_field(
        related_name="questions_owned",
        help_text=_("The member of staff looking after this question."),
    )
    asked_for_staff_at = models.DateTimeField(
        _("asked for a member of staff"),
        null=True,
        blank=True,
        help_text=_("Set while the asker waits for a member of staff to answer."),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    vote_count = models.PositiveIntegerField(
        _("members with this question"),
        default=0,
        help_text=_("Members who said they have this question too."),
    )
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    first_answer_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    first_staff_answer_at = models.DateTimeField(_("first staff answer"), null=True, blank=True)

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("deleted_at"),
        index.FilterField("moderation_state"),
        index.FilterField("status"),
        index.FilterField("product"),
        index.FilterField("topic"),
        index.FilterField("id"),
    ]

    class Meta:
        app_label = "community"
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(product__isnull=False, topic__isnull=True)
                    | models.Q(product__isnull=True, topic__isnull=False)
                ),
                name="question_on_a_product_or_in_a_topic",
            )
        ]
        # The questions list: each of its sorts, alone and after each filter it offers, in the
        # keyset order (ending with the id) and only over public questions, so that a page deep
        # in any of them reads a few index entries. `list_indexes` below writes them out.
        indexes = [
            *list_indexes(),
            models.Index(fields=["owner", "status"], name="question_owner"),
            models.Index(fields=["asked_for_staff_at"], name="question_staff_requested"),
            models.Index(fields=["waiting_on", "promise_due_at"], name="question_promise_due"),
        ]

    def __str__(self):
        return self.title

    @property
    def slug(self):
        """The readable part of the address, from the title; never one of the action words
        that follow a question's number in its addresses."""
        slug = slugify(self.title)[:80].strip("-") or "question"
        return f"{slug}-question" if slug in RESERVED_SLUGS else slug

    def get_absolute_url(self):
        return reverse("questions:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_solved(self):
        return self.status == QuestionStatus.SOLVED

    @property
    def is_open(self):
        return self.status == QuestionStatus.OPEN

    @property
    def is_duplicate(self):
        return self.status == QuestionStatus.DUPLICATE

    @property
    def is_closed(self):
        """Solved, answered or a duplicate: it has come to an end that the thread shows."""
        return self.status != QuestionStatus.OPEN

    @property
    def is_waiting_for_staff(self):
        return self.asked_for_staff_at is not None and self.is_open

    def promise_scope(self) -> dict:
        """The promise of the question's product or topic applies (`community.promises`)."""
        return {"product": self.product, "topic": self.topic}


class AnswerQuerySet(PublicQuerySet):
    def counted(self):
        """The answers a question's `answer_count` counts: standing answers, not replies."""
        return self.standing().filter(parent__isnull=True)

    def public(self):
        """Public answers stand under a public question."""
        return (
            super()
            .public()
            .filter(
                question__deleted_at__isnull=True,
                question__moderation_state=ModerationState.PUBLISHED,
            )
        )


class Answer(WrittenContent):
    """An answer to a question, or a reply under an answer (one level only: `parent`).

    Only answers (not replies) take upvotes and can be the solution. Upvotes are counted on the
    row (`upvote_count`) by `community.votes.vote_set`, so that ordering by votes costs nothing.
    """

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    upvote_count = models.PositiveIntegerField(_("upvotes"), default=0)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        app_label = "community"
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["question", "parent", "-upvote_count"], name="answer_by_votes"),
            models.Index(fields=["author", "-created_at"], name="answer_by_author"),
        ]

    def __str__(self):
        kind = _("Reply") if self.parent_id else _("Answer")
        return f"{kind} #{self.pk} · {self.question_id}"

    @property
    def is_reply(self):
        return self.parent_id is not None

    def get_absolute_url(self):
        """The lasting address, which sends to the page of the question that shows it now."""
        return reverse("questions:answer_link", kwargs={"pk": self.pk})


class AnswerVote(models.Model):
    """A member's upvote on an answer: once per member and answer, never on their own."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "community"
        verbose_name = _("answer upvote")
        verbose_name_plural = _("answer upvotes")
        constraints = [
            models.UniqueConstraint(fields=["answer", "member"], name="one_upvote_per_answer")
        ]

    def __str__(self):
        return f"{self.member} · {self.answer}"


class QuestionVote(models.Model):
    """ "I have this question too": shows staff how many customers a question affects, and sorts
    the list by it. Once per member and question, never on their own."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "community"
        verbose_name = _("“same question” vote")
        verbose_name_plural = _("“same question” votes")
        constraints = [
            models.UniqueConstraint(fields=["question", "member"], name="one_vote_per_question")
        ]

    def __str__(self):
        return f"{self.member} · {self.question}"


class QuestionEvent(StaffStep):
    """A step in a question's life that the thread shows: who took it on, who handed it to whom
    and why, who asked for staff, who marked the solution, who closed or reopened it, and which
    question it duplicates. Names are kept with the staff card used at the time."""

    class Kind(models.TextChoices):
        TAKEN = "taken", _("Took ownership")
        HANDED_OFF = "handed_off", _("Handed off")
        STAFF_REQUESTED = "staff_requested", _("Asked for a member of staff")
        SOLVED = "solved", _("Marked the solution")
        SOLUTION_REMOVED = "solution_removed", _("Removed the solution")
        CLOSED = "closed", _("Closed as answered")
        REOPENED = "reopened", _("Reopened")
        DUPLICATE = "duplicate", _("Marked as a duplicate")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), null=True, blank=True, on_delete=models.SET_NULL
    )
    other_question = models.ForeignKey(
        Question,
        verbose_name=_("other question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "community"
        verbose_name = _("question event")
        verbose_name_plural = _("question events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.question_id}"
