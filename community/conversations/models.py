"""Private conversations between a member and staff, and the notes staff keep about a member.

Some things cannot be said in public: an order number, an address, the details of a complaint.
From their own question or review a member opens a private conversation with staff; a member of
staff can also open one from a review that is really a complaint. The conversation is linked to
that public thread, looked after by a named person (the same owner as the thread, or the first
member of staff who answers), and seen only by the member and staff. When it ends, its owner may
post a public summary on the thread, but only the exact text the member agreed to
(`SummaryRequest`).

Staff notes (`MemberNote`) are what staff keep about a member so that nobody asks them twice for
what they already said; members see them in their personal data, never on a page of the site.
An edit keeps the text it replaced (`MemberNoteRevision`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.authorship import AuthoredContent
from community.models.promises import PromiseClock
from community.models.staff import Owned, StaffStep, owner_field

CONVERSATION_SUBJECT_MAX_LENGTH = 150
CONVERSATION_MESSAGE_MAX_LENGTH = 10_000
SUMMARY_MAX_LENGTH = 3_000
NOTE_MAX_LENGTH = 3_000


class ConversationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Conversation(PromiseClock, Owned, models.Model):
    """A private conversation between one member and staff, linked to a public thread.

    Never public: no list, search, sitemap, export, API or webhook reads this table. Only the
    member and staff see it (`community.conversations.permissions.can_see`).
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Origin(models.TextChoices):
        MEMBER = "member", _("Opened by the member")
        COMPLAINT = "complaint", _("Opened by staff from a review")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    subject = models.CharField(_("subject"), max_length=CONVERSATION_SUBJECT_MAX_LENGTH)
    question = models.ForeignKey(
        "community.Question",
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    review = models.ForeignKey(
        "reviews.Review",
        verbose_name=_("review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    origin = models.CharField(
        _("opened"), max_length=16, choices=Origin.choices, default=Origin.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ConversationStatus.choices,
        default=ConversationStatus.OPEN,
    )
    owner = owner_field(
        related_name="conversations_owned",
        help_text=_("The member of staff looking after this conversation."),
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True, db_index=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    message_count = models.PositiveIntegerField(_("messages"), default=0)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "community"
        verbose_name = _("private conversation")
        verbose_name_plural = _("private conversations")
        ordering = ["-last_message_at", "-pk"]
        indexes = [
            models.Index(fields=["member", "-last_message_at"], name="conversation_member"),
            models.Index(fields=["owner", "status"], name="conversation_owner"),
            models.Index(fields=["status", "created_at"], name="conversation_status"),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("conversations:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == ConversationStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == ConversationStatus.CLOSED

    @property
    def thread(self):
        """The public thread it is linked to: the question or the review (or None)."""
        return self.question or self.review

    def promise_scope(self) -> dict:
        """The product or topic whose response promise applies: the linked thread's."""
        if self.question_id is not None:
            question = self.question
            return {"product": question.product, "topic": question.topic}
        if self.review_id is not None:
            return {"product": self.review.product, "topic": None}
        return {"product": None, "topic": None}


class ConversationMessage(AuthoredContent):
    """One message in a private conversation, in Markdown, sanitised like everything else.

    Staff messages carry the staff card they were written with, like public staff writing."""

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    body = models.TextField(_("message"), max_length=CONVERSATION_MESSAGE_MAX_LENGTH)
    body_html = models.TextField(editable=False, blank=True)

    class Meta:
        app_label = "community"
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="conversation_msgs")]

    def __str__(self):
        return f"{self.conversation_id} · {self.pk}"


class ConversationEvent(StaffStep):
    """A step in a conversation's life, shown in it: opened, taken, handed over (with the note),
    closed, reopened, and what happened to a proposed summary."""

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened the conversation")
        TAKEN = "taken", _("Took ownership")
        HANDED_OVER = "handed_over", _("Handed over")
        CLOSED = "closed", _("Closed the conversation")
        REOPENED = "reopened", _("Reopened the conversation")
        SUMMARY_PROPOSED = "summary_proposed", _("Asked to post a public summary")
        SUMMARY_ACCEPTED = "summary_accepted", _("Agreed to the public summary")
        SUMMARY_DECLINED = "summary_declined", _("Declined the public summary")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)

    class Meta:
        app_label = "community"
        verbose_name = _("conversation event")
        verbose_name_plural = _("conversation events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.conversation_id}"


class SummaryRequest(models.Model):
    """The owner's request to post a public summary of a closed conversation on its thread.

    The member sees the exact text and accepts or declines; only accepted text is ever posted
    (as a staff answer on the question, or as the staff response on the review), unchanged,
    under the owner's name. A declined or withdrawn request stays private.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the member's answer")
        ACCEPTED = "accepted", _("Accepted and posted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Replaced by another text")

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="summary_requests",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_card = models.ForeignKey(
        "community.StaffCard",
        verbose_name=_("staff card"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("summary"), max_length=SUMMARY_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    posted_answer = models.ForeignKey(
        "community.Answer",
        verbose_name=_("posted as the answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    posted_response = models.ForeignKey(
        "reviews.StaffResponse",
        verbose_name=_("posted as the staff response"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "community"
        verbose_name = _("summary request")
        verbose_name_plural = _("summary requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation"],
                condition=models.Q(status="pending"),
                name="one_pending_summary_request",
            )
        ]

    def __str__(self):
        return f"{self.conversation_id} · {self.get_status_display()}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class MemberNote(models.Model):
    """A private note staff keep about a member ("prefers e-mail", "order 1234 refunded"), so
    that nobody asks them twice. Signed with the writer's staff card; seen by staff on the
    member's page and by the member in their personal data; never on a public page."""

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="staff_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_card = models.ForeignKey(
        "community.StaffCard",
        verbose_name=_("staff card"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        app_label = "community"
        verbose_name = _("staff note about a member")
        verbose_name_plural = _("staff notes about members")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "-created_at"], name="member_note_recent")]

    def __str__(self):
        return f"{self.member} · {self.created_at:%Y-%m-%d}"


class MemberNoteRevision(models.Model):
    """The text a staff note had before an edit, with who replaced it and when.

    Staff rely on a note as what was said or done ("order 1234 refunded"): an edit must not
    rewrite it without a trace, whether its author corrects it or a site admin does. Staff see
    the earlier versions under the note, the member sees them in their personal data, and they
    go with the note (deleted with it, erased with the member's notes).
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    note = models.ForeignKey(
        MemberNote, verbose_name=_("note"), on_delete=models.CASCADE, related_name="revisions"
    )
    text = models.TextField(_("earlier text"), max_length=NOTE_MAX_LENGTH)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_by_card = models.ForeignKey(
        "community.StaffCard",
        verbose_name=_("staff card"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("replaced"), default=timezone.now)

    class Meta:
        app_label = "community"
        verbose_name = _("earlier version of a staff note")
        verbose_name_plural = _("earlier versions of staff notes")
        ordering = ["-edited_at", "-pk"]

    def __str__(self):
        return f"{self.note_id} · {self.edited_at:%Y-%m-%d %H:%M}"

    @property
    def edited_by_name(self) -> str:
        """Who replaced this text: their staff card's name, else their name on the site."""
        if self.edited_by_card is not None:
            return self.edited_by_card.real_name
        if self.edited_by is not None:
            return self.edited_by.display_name
        return str(_("a former member of staff"))
