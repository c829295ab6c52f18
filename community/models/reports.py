from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """A member's report that something breaks the guidelines: one mechanism for every kind of
    content (reviews now; questions, answers, ideas and comments later) and for members.

    A member reports the same thing once. Reports are never about disagreement: "negative
    opinion" is not a reason, so an unfavourable review cannot be reported away. Its author may
    ask for the removal of what they can no longer delete themselves (a question others
    answered): a report of theirs with its own reason, for a moderator to decide.
    """

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Insulting, hateful or harassing")
        PERSONAL_DATA = "personal_data", _("Shares someone's personal data")
        NOT_GENUINE = "not_genuine", _("Not genuine (fake, or an undisclosed conflict of interest)")
        OFF_TOPIC = "off_topic", _("Off topic, not about this product")
        ILLEGAL = "illegal", _("Illegal content")
        OTHER = "other", _("Something else")
        AUTHOR_REQUEST = "author_request", _("Its author asks for its removal")

    # The reasons a member gives when they report what someone else wrote; the author's own
    # request for removal (`community.reports.removal_request_create`) is not one of them.
    MEMBER_REASONS = (
        Reason.SPAM,
        Reason.ABUSE,
        Reason.PERSONAL_DATA,
        Reason.NOT_GENUINE,
        Reason.OFF_TOPIC,
        Reason.ILLEGAL,
        Reason.OTHER,
    )

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports_made",
    )
    reason = models.CharField(_("reason"), max_length=32, choices=Reason.choices)
    text = models.TextField(_("details"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"], name="report_once_per_member"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]

    def __str__(self):
        return f"{self.get_reason_display()} · {self.content_type.model} #{self.object_id}"
