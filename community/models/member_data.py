"""A member's own data: their privacy choices, the history of every change to them, and the
downloads of their data that the site prepares for them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Digest(models.TextChoices):
    """Whether, and how, a member gets a weekly summary of their notifications by e-mail."""

    OFF = "off", _("No weekly summary")
    MISSED = "missed", _("Weekly summary of what I do not get by e-mail")
    ONLY = "only", _("Weekly summary instead of separate e-mails")


class PrivacyChoices(models.Model):
    """A member's consents and their weekly summary choice; without a row, the defaults apply.

    Both consents are off until the member gives them: being named as a verified owner tells
    others what the member bought, and a public voter list tells them what the member asked
    for. `digest_sent_at` keeps the weekly summary to one a week, whatever runs it.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="privacy_choices",
    )
    show_owner_badge = models.BooleanField(
        _("show the “verified owner” badge on my reviews"), default=False
    )
    show_on_voter_lists = models.BooleanField(
        _("show my name on the public list of an idea's voters"), default=False
    )
    digest = models.CharField(
        _("weekly summary"), max_length=8, choices=Digest.choices, default=Digest.OFF
    )
    digest_sent_at = models.DateTimeField(_("last weekly summary"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("privacy choices")
        verbose_name_plural = _("privacy choices")

    def __str__(self):
        return str(self.member)


class PreferenceChange(models.Model):
    """One change a member made to a preference or consent: what, from what to what, and when.

    The member sees the list on their preferences page and in their data download: consent is
    only meaningful when one can show when it was given and when it was withdrawn.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="preference_changes",
    )
    setting = models.CharField(_("setting"), max_length=100)
    old_value = models.CharField(_("before"), max_length=32, blank=True)
    new_value = models.CharField(_("after"), max_length=32)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("preference change")
        verbose_name_plural = _("preference changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["member", "-changed_at"], name="preference_change_recent")]

    def __str__(self):
        return f"{self.member} · {self.setting}: {self.old_value} → {self.new_value}"


class DataExport(models.Model):
    """A download of everything the site holds about a member, prepared in the background.

    The ZIP is written to the private exports storage (never the public media) and served only
    to its member, through a view, until `expires_at`; a cleanup task removes it then. The
    address is a random id, and the view checks who asks.
    """

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

    next_due_at = models.DateTimeField(_("next weekly summaries"))
    last_run_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    last_sent_count = models.PositiveIntegerField(_("summaries sent last time"), default=0)

    class Meta:
        verbose_name = _("weekly summary schedule")
        verbose_name_plural = _("weekly summary schedule")

    def __str__(self):
        return f"{self.next_due_at:%Y-%m-%d %H:%M}"
