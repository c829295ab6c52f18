"""Files a background task prepares for one person: a member's data download, a backlog
export. The request records what is wanted; the task claims it, writes the file to the private
exports storage and says how it went; the person downloads it, through a view that checks who
asks, until it expires."""

import uuid

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PreparedFile(models.Model):
    """What every prepared file records: where it stands, its file, and when."""

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def claim(cls, pk, *related):
        """The pending file `pk`, now marked running, for the one task that prepares it; None
        when it is not pending (another task has it, or it is done)."""
        with transaction.atomic():
            prepared = (
                cls.objects.select_for_update()
                .select_related(*related)
                .filter(pk=pk, status=cls.Status.PENDING)
                .first()
            )
            if prepared is None:
                return None
            prepared.status = cls.Status.RUNNING
            prepared.started_at = timezone.now()
            prepared.save(update_fields=["status", "started_at"])
        return prepared

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
