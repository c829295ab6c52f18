"""A member's privacy choices (consents, the weekly summary) and the history of every change
to them: read by every part of the site that shows a member's name or writes to them."""

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

    page_scope = None  # no cached page shows these rows (community.page_scopes)

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

    page_scope = None  # no cached page shows these rows (community.page_scopes)

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
