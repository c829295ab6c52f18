"""Creating, finding and revoking API tokens: the only code that handles a token in clear."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from community import permissions
from community.models import ApiToken
from community.models.api import TOKEN_PREFIX_LENGTH, TOKEN_SCHEME, token_hash

# `last_used_at` is written at most this often per token, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


@transaction.atomic
def token_create(actor, *, name: str, rate_per_minute: int = 120, expires_at=None):
    """A new token: returns (the stored token, the token in clear, to show once)."""
    if not permissions.can_manage_api(actor):
        raise PermissionDenied("Only site admins create API tokens.")
    prefix, secret = ApiToken.new_secret()
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix, secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        name=name.strip(),
        prefix=prefix,
        token_hash=token_hash(secret),
        rate_per_minute=rate_per_minute,
        expires_at=expires_at,
        created_by=actor,
    )
    return token, secret


@transaction.atomic
def token_revoke(actor, token) -> ApiToken:
    """Revoke a token for good: the next request with it is refused. Revoking twice keeps the
    first date."""
    if not permissions.can_manage_api(actor):
        raise PermissionDenied("Only site admins revoke API tokens.")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_find(text: str) -> ApiToken | None:
    """The token that `text` is, revoked or not, or None when it is not one of ours."""
    parts = (text or "").split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_SCHEME or len(parts[1]) != TOKEN_PREFIX_LENGTH:
        return None
    token = ApiToken.objects.filter(prefix=parts[1]).first()
    if token is None or not token.matches(text):
        return None
    return token


def token_used(token) -> None:
    """Note that the token was used, at most once a minute (it shows in the admin)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
