"""The member-data feature's own records: the downloads of their data the site prepares for
members, and the schedule of the weekly summary."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataExport(models.Model):
    """A download of everything the site holds about a member, prepared in the background.

    The ZIP is written to the private exports storage (never the public media) and served only
    to its member, through a view, until `expires_at`; a cleanup task removes it then. The
    address is a random id, and the view checks who asks.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        app_label = "community"
        verbose_name = _("personal data download")
        verbose_name_plural = _("personal data downloads")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["member", "-created_at"], name="data_export_member")]

    def __str__(self):
        return f"{self.member} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_under_way(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def is_ready(self) -> bool:
        return (
            self.status == self.Status.READY
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )

    @property
    def is_expired(self) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.READY
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )


class DigestSchedule(models.Model):
    """When the weekly summaries go out next: one row, read by the task that sends them.

    The task re-enqueues itself for the next week; a task whose due time is not the one
    recorded here was superseded (the chain was started again) and stops, so that there is
    only ever one chain.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    next_due_at = models.DateTimeField(_("next weekly summaries"))
    last_run_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    last_sent_count = models.PositiveIntegerField(_("summaries sent last time"), default=0)

    class Meta:
        app_label = "community"
        verbose_name = _("weekly summary schedule")
        verbose_name_plural = _("weekly summary schedule")

    def __str__(self):
        return f"{self.next_due_at:%Y-%m-%d %H:%M}"
