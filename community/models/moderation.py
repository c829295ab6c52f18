"""Moderation: the state every piece of content is in, the queue's claims and decisions, the
appeals against them, and the audit log of every moderation and staff action.

Moderation here is firm and explains itself: whatever is held, hidden or edited carries the
reason and the moderator's name, which its author sees; every decision is kept (`Decision`) so
that the queue shows earlier ones and the transparency page counts them; every action by a
moderator or staff member is written to an audit log that nobody can edit.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.page_scopes import ForgetsPagesQuerySet

AUDIT_REFERENCE_LENGTH = 16


class ModerationState(models.TextChoices):
    """Where a piece of content stands with moderation; only published content is public."""

    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for moderation")
    HIDDEN = "hidden", _("Hidden by a moderator")


class ModeratedQuerySet(ForgetsPagesQuerySet):
    """What the public may see of moderated content: what is published. A model whose rows
    leave the public in other ways too (deleted writing, an answer to a hidden question)
    narrows `public()` rather than each caller repeating the conditions. Its writes forget
    the cached pages that show the rows, even those that send no model signal."""

    def published(self):
        return self.filter(moderation_state=ModerationState.PUBLISHED)

    def public(self):
        return self.published()


class Moderated(models.Model):
    """What moderation records on every kind of content it works on, under the same names.

    Reviews, questions, answers, ideas and comments are held, published and hidden the same
    way, and their authors read the same things about it: the state, the reason a moderator
    gave and who gave it, and whether and why a moderator edited the text. Keeping these
    columns once, with one set of states, lets the moderation queue, the protections, trust
    and search treat every kind alike. Each kind keeps them in its own table, with its own
    indexes.
    """

    moderation_state = models.CharField(
        _("moderation state"),
        max_length=16,
        choices=ModerationState.choices,
        default=ModerationState.PUBLISHED,
        db_index=True,
        editable=False,
    )
    moderation_reason = models.TextField(
        _("reason given to the author"), max_length=1000, blank=True, editable=False
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    moderator_edit_reason = models.CharField(
        _("reason for the moderator's edit"), max_length=300, blank=True, editable=False
    )
    moderator_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by a moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderator_edited_at = models.DateTimeField(
        _("edited by a moderator on"), null=True, blank=True, editable=False
    )

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.moderation_state == ModerationState.PUBLISHED

    @property
    def is_public(self) -> bool:
        """What `public()` selects, for one row already in hand."""
        return self.is_published

    @property
    def is_held(self) -> bool:
        return self.moderation_state == ModerationState.HELD

    @property
    def is_hidden(self) -> bool:
        return self.moderation_state == ModerationState.HIDDEN


class ModerationReason(models.TextChoices):
    """Why content was held, hidden, edited or deleted: the guidelines a moderator applies, and
    the rules that hold a post on their own. Never "negative opinion": an unfavourable review
    breaks no guideline, so no reason lets a moderator remove it for that."""

    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Insulting, hateful or harassing")
    PERSONAL_DATA = "personal_data", _("Shares someone's personal data")
    NOT_GENUINE = "not_genuine", _("Not genuine (fake, or an undisclosed conflict of interest)")
    OFF_TOPIC = "off_topic", _("Off topic, not about this product")
    ILLEGAL = "illegal", _("Illegal content")
    OTHER = "other", _("Another breach of the guidelines")
    NEW_MEMBER = "new_member", _("Written by a new member")
    LINKS = "links", _("Many links")
    REPORTS = "reports", _("Reported by several trusted members")
    WITHIN_GUIDELINES = "within_guidelines", _("Within the guidelines")
    AUTHOR_REQUEST = "author_request", _("Deleted at its author's request")


# The reasons a moderator may give to hide, edit or delete content: guideline breaches only.
GUIDELINE_REASONS = (
    ModerationReason.SPAM,
    ModerationReason.ABUSE,
    ModerationReason.PERSONAL_DATA,
    ModerationReason.NOT_GENUINE,
    ModerationReason.OFF_TOPIC,
    ModerationReason.ILLEGAL,
    ModerationReason.OTHER,
)


class QueueItem(models.Model):
    """Something in the moderation queue: held content, or content or a member with open
    reports. One open item per target; a moderator claims it for a while so that two moderators
    never decide the same thing, and the decision closes it.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Cause(models.TextChoices):
        HELD = "held", _("Held")
        REPORTED = "reported", _("Reported")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    cause = models.CharField(_("why it is here"), max_length=16, choices=Cause.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who wrote the content, or the member reported."),
    )
    opened_at = models.DateTimeField(_("in the queue since"), auto_now_add=True, db_index=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claim_expires_at = models.DateTimeField(_("claim expires"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("moderation queue item")
        verbose_name_plural = _("moderation queue")
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_queue_item",
            )
        ]
        indexes = [models.Index(fields=["closed_at", "opened_at"], name="queue_open")]

    def __str__(self):
        return f"{self.content_type.model} #{self.object_id} · {self.get_cause_display()}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Decision(models.Model):
    """What happened to a piece of content or a member's report in moderation, and why.

    Holds by the site itself (a new member's post, many links, reports by trusted members) are
    decisions without a moderator. The queue shows earlier decisions with each item; the
    transparency page counts them; appeals are made against them.
    """

    class Action(models.TextChoices):
        HOLD = "hold", _("Held")
        PUBLISH = "publish", _("Published")
        HIDE = "hide", _("Hidden")
        EDIT = "edit", _("Edited")
        DELETE = "delete", _("Deleted")
        UPHOLD = "uphold", _("Reports upheld")
        DISMISS = "dismiss", _("Reports dismissed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("decision"), max_length=16, choices=Action.choices)
    reason_code = models.CharField(
        _("reason"), max_length=32, choices=ModerationReason.choices, blank=True
    )
    reason = models.TextField(_("statement of reasons"), max_length=1000, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    queue_item = models.ForeignKey(
        QueueItem,
        verbose_name=_("queue item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    wait_seconds = models.PositiveIntegerField(
        _("time in the queue (seconds)"),
        null=True,
        blank=True,
        help_text=_("From entering the queue to this decision."),
    )
    reports_upheld = models.PositiveIntegerField(_("reports upheld"), default=0)
    reports_dismissed = models.PositiveIntegerField(_("reports dismissed"), default=0)
    created_at = models.DateTimeField(_("decided"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="decision_target"
            ),
            models.Index(fields=["author", "-created_at"], name="decision_author"),
            models.Index(fields=["action", "created_at"], name="decision_action_time"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} · {self.content_type.model} #{self.object_id}"

    @property
    def is_automatic(self) -> bool:
        return self.moderator_id is None


class Appeal(models.Model):
    """The author of hidden content, or a suspended member, asks once for another look.

    The target is what is appealed against: the content (with the decision that hid it) or the
    member's suspension. A moderator other than the one who decided reviews it, and the member
    is told the outcome with a statement of reasons.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        UPHELD = "upheld", _("Upheld: the decision was reversed")
        REJECTED = "rejected", _("Rejected: the decision stands")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision appealed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    original_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator who decided"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("why the decision should change"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("appealed"), auto_now_add=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    statement = models.TextField(_("statement of reasons"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "appellant"], name="appeal_once"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="appeal_pending")]

    def __str__(self):
        return f"{self.content_type.model} #{self.object_id} · {self.get_status_display()}"


def new_audit_reference() -> str:
    return secrets.token_hex(AUDIT_REFERENCE_LENGTH // 2)


class AuditReference(models.Model):
    """The pseudonymous reference that stands for a member in the audit log.

    Audit entries never name members: they hold this random reference. While the member's
    account exists the admin resolves it to their name; deleting this row (the member's data
    being erased) breaks the link for good, and the log keeps only an anonymous reference.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="audit_reference",
    )
    reference = models.CharField(
        _("reference"),
        max_length=AUDIT_REFERENCE_LENGTH,
        unique=True,
        default=new_audit_reference,
        editable=False,
    )

    class Meta:
        verbose_name = _("audit reference")
        verbose_name_plural = _("audit references")

    def __str__(self):
        return self.reference


class AuditEntryQuerySet(models.QuerySet):
    """Audit entries are written once and never changed, in bulk or one by one."""

    def update(self, **kwargs):
        raise PermissionDenied("The audit log cannot be edited.")

    def delete(self):
        raise PermissionDenied("The audit log cannot be edited.")


class AuditEntry(models.Model):
    """One moderation or staff action: who did what, to what, when and why.

    Written by `community.audit.audit`, never edited nor deleted. Members appear by their
    pseudonymous `AuditReference`: `actor_ref` for whoever acted and `subject_ref` for the
    member the action concerns (the author of the content, or the member acted on).
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor_ref = models.CharField(
        _("actor reference"), max_length=AUDIT_REFERENCE_LENGTH, blank=True, db_index=True
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of target"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("target id"), null=True, blank=True)
    target_label = models.CharField(_("target"), max_length=200, blank=True)
    subject_ref = models.CharField(
        _("member concerned"), max_length=AUDIT_REFERENCE_LENGTH, blank=True, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} · {self.action} · {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The audit log cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit log cannot be edited.")
