"""The member-data feature's own records: the downloads of their data the site prepares for
members, and the schedule of the weekly summary."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models import PreparedFile


class DataExport(PreparedFile):
    """A download of everything the site holds about a member, prepared in the background.

    The ZIP is written to the private exports storage (never the public media) and served only
    to its member, through a view, until `expires_at`; a cleanup task removes it then. The
    address is a random id, and the view checks who asks.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        app_label = "community"
        verbose_name = _("personal data download")
        verbose_name_plural = _("personal data downloads")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["member", "-created_at"], name="data_export_member")]

    def __str__(self):
        return f"{self.member} · {self.created_at:%Y-%m-%d %H:%M}"


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
