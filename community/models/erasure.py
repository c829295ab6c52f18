"""The record of an account being deleted, which the background deletion works from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountDeletion(models.Model):
    """A member asked for their account to be deleted; the deletion runs in the background.

    The account is closed at once (deactivated, signed out) and erased by a task, in batches,
    so that a member with thousands of contributions is erased as surely as one with none.
    While it runs, the row points at the member and says which step it has reached; once it
    is done, the link is gone and what stays names nobody: the choice, the dates and how many
    rows each step handled (the audit log's "Account deleted" entry repeats them).
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Choice(models.TextChoices):
        ANONYMISE = "anonymise", _("Keep my contributions, signed “former member”")
        REMOVE = "remove", _("Remove my contributions")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to run")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed, to be run again")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    choice = models.CharField(_("contributions"), max_length=16, choices=Choice.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    step = models.CharField(_("step"), max_length=64, blank=True)
    counts = models.JSONField(_("rows handled"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("account deletion")
        verbose_name_plural = _("account deletions")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(member__isnull=False),
                name="one_account_deletion_per_member",
            )
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED
