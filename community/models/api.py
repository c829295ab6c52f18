"""The read API's tokens, and the webhooks that tell other tools what happened, with their
deliveries."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community import webhook_events

TOKEN_PREFIX_LENGTH = 10
TOKEN_PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
TOKEN_SCHEME = "cmt"


def token_hash(token: str) -> str:
    """The stored form of a token. Tokens carry 256 random bits, so a fast hash is enough: no
    dictionary can guess them, and checking one costs nothing per request."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Tokens that open the API now: not revoked, not expired."""
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )


class ApiToken(models.Model):
    """A key with which a product team's own tool reads the API.

    Only a short prefix (to find the row) and a hash of the whole token are stored: the token is
    shown once, when a site admin creates it, and cannot be read again, even from the database.
    Revoking keeps the row, so that the admin still shows who made it and when it was last used.
    Each token has its own rate limit.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What uses it, for example “Roadmap sync (Jira)”."),
    )
    prefix = models.CharField(_("prefix"), max_length=TOKEN_PREFIX_LENGTH, unique=True)
    token_hash = models.CharField(max_length=64, editable=False)
    rate_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=120,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
        help_text=_("Beyond this, the API answers 429 “Too many requests” until the minute ends."),
    )
    expires_at = models.DateTimeField(
        _("expires"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a token that works until it is revoked."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({TOKEN_SCHEME}_{self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired

    @classmethod
    def new_secret(cls) -> tuple[str, str]:
        """(prefix, whole token) for a new token: `cmt_<prefix>_<secret>`."""
        prefix = "".join(secrets.choice(TOKEN_PREFIX_ALPHABET) for _ in range(TOKEN_PREFIX_LENGTH))
        return prefix, f"{TOKEN_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"

    def matches(self, token: str) -> bool:
        return secrets.compare_digest(self.token_hash, token_hash(token))


def new_webhook_secret() -> str:
    return secrets.token_hex(32)


class Webhook(models.Model):
    """An address of another tool (a chat channel, a tracker) that is told, as it happens, about
    the events it was registered for.

    Each delivery is a JSON body signed with HMAC-SHA256 and this webhook's own secret, so the
    receiver can check that it comes from the community and was not changed on the way.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    name = models.CharField(
        _("name"), max_length=100, help_text=_("For example “Product channel in chat”.")
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_("Where the events are sent, with an HTTP POST. Use https:// in production."),
    )
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(
        _("signing secret"),
        max_length=128,
        default=new_webhook_secret,
        help_text=_(
            "The receiver checks each delivery's signature with it. Change it if it leaked."
        ),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive webhooks are sent nothing.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def event_labels(self) -> list[str]:
        labels = dict(webhook_events.choices())
        return [str(labels.get(event, event)) for event in self.events]


class WebhookDelivery(models.Model):
    """One event sent to one webhook: the exact body, and how its last attempt went.

    A failed attempt is tried again later, waiting longer each time; the body stays the same
    so that the receiver can recognise a repeated event by its id.
    """

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SUCCEEDED = "succeeded", _("Delivered")
        RETRYING = "retrying", _("Failed, will be tried again")
        FAILED = "failed", _("Failed, given up")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=40, choices=webhook_events.choices)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    response_excerpt = models.TextField(_("start of the response"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["webhook", "-created_at"], name="webhook_delivery_recent"),
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="retrying"),
                name="webhook_delivery_due",
            ),
        ]

    def __str__(self):
        return f"{self.get_event_display()} → {self.webhook}"
