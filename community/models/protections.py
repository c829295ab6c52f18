from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SuspensionQuerySet(models.QuerySet):
    def active(self, at=None):
        """Suspensions in force at `at` (now by default): not lifted and not yet over."""
        return self.filter(lifted_at__isnull=True, until__gt=at or timezone.now())


class Suspension(models.Model):
    """A moderator's decision that a member may read but not write or vote until a date.

    The member sees the reason and the end date on every page, so a suspension is never silent;
    it ends by itself at `until`, or earlier when a moderator lifts it. Rows are kept after they
    end: the member's history and the audit log refer to them.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="suspensions",
    )
    until = models.DateTimeField(_("suspended until"))
    reason = models.TextField(
        _("reason"),
        max_length=1000,
        help_text=_("Shown to the member: say which guideline they broke and how."),
    )
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suspended by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("suspended on"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted on"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lift_reason = models.TextField(_("reason for lifting"), max_length=1000, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "until"], name="suspension_member_until")]

    def __str__(self):
        return f"{self.member} · {self.until:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None and self.until > timezone.now()


class Block(models.Model):
    """A member's choice to stop another member's mentions and notifications reaching them.

    Blocking is private: the blocked member is not told, and can still read and write in the
    community; only what would reach the blocker from them is stopped.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member who blocks"),
        on_delete=models.CASCADE,
        related_name="blocks_made",
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("blocked on"), auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.blocker} ⊘ {self.blocked}"
