"""Backlog exports prepared in the background, for backlogs too large for one request."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import PreparedFile

EXPORT_KEPT_FOR = timedelta(days=7)


def export_expiry():
    return timezone.now() + EXPORT_KEPT_FOR


class ExportJob(PreparedFile):
    """An export of the ideas backlog (or of its votes) that a background task prepares, because
    it would not finish within the app server's request timeout.

    The requester is notified when the file is ready; its page and the file are theirs alone
    (its address is a random id, and the views check who asks). Files are private, outside the
    public media, and removed after a week.
    """

    class Kind(models.TextChoices):
        IDEAS = "ideas", _("Ideas")
        VOTES = "votes", _("Votes")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"
        XLSX = "xlsx", _("Excel (XLSX)")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="idea_exports",
    )
    kind = models.CharField(_("what"), max_length=8, choices=Kind.choices, default=Kind.IDEAS)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), default=export_expiry)

    class Meta:
        verbose_name = _("backlog export")
        verbose_name_plural = _("backlog exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requester", "-created_at"], name="export_requester")]
        permissions = [("export_ideas", _("Can export the ideas backlog"))]

    def __str__(self):
        kind, fmt = self.get_kind_display(), self.get_format_display()
        return f"{kind} · {fmt} · {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("ideas:export_job", kwargs={"pk": self.pk})

    @property
    def download_name(self) -> str:
        stamp = timezone.localtime(self.created_at).strftime("%Y-%m-%d-%H%M")
        return f"{self.kind}-{stamp}.{self.format}"
