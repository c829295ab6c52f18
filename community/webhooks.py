"""Webhooks: other tools (a chat channel, a tracker) told as it happens that an idea was
proposed, changed status or was merged, that a review was published or a question solved.

Each event is declared by the app that owns it (`community.webhook_events`: its key, its label
and how its content is described); the services call `emit(event, instance)` in one line. Once
the transaction commits, every active webhook registered for the event gets a delivery: the
same JSON body for all, describing the content as the API does, and only content the public may
see. Background tasks send each delivery, signed, and try a failed one again later, waiting
longer each time.

Signature: the receiver computes HMAC-SHA256, with the webhook's secret as key, of
`<timestamp>.<body>` (the X-Community-Timestamp header, a dot, the raw body) and compares it
with X-Community-Signature (`sha256=<hex>`). Including the timestamp lets the receiver refuse
an old delivery replayed by someone who captured it.
"""

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from community import permissions, webhook_events
from community.models import Webhook, WebhookDelivery

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Community-Signature"
TIMESTAMP_HEADER = "X-Community-Timestamp"
EVENT_HEADER = "X-Community-Event"
DELIVERY_HEADER = "X-Community-Delivery"
USER_AGENT = "Community-Webhooks/1"

TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 6
FIRST_RETRY_AFTER = timedelta(seconds=30)
EXCERPT_LENGTH = 500
KEEP_DELIVERIES_FOR = timedelta(days=30)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for `body` sent at `timestamp`."""
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, *, tolerance=300) -> bool:
    """What a receiver does (and the tests): the signature matches and the delivery is recent."""
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(time.time() - sent_at) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, sent_at, body), signature or "")


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failure: 30 s, 1 min, 2, 4, 8 min."""
    return FIRST_RETRY_AFTER * (2 ** (attempts - 1))


# Events


def emit(event: str, instance, *, was_public: bool = False) -> None:
    """Tell the webhooks registered for `event` about `instance`, once the data is committed.

    `was_public=True` says the content was public already (a review published again): nothing
    new happened for the outside world, so nothing is sent.
    """
    if was_public:
        return
    model, pk = type(instance), instance.pk
    transaction.on_commit(lambda: fan_out(event, model, pk))


def fan_out(event: str, model, pk) -> list[WebhookDelivery]:
    """Record a delivery of `event` for each active webhook that wants it, and send them."""
    hooks = [hook for hook in Webhook.objects.filter(is_active=True) if event in hook.events]
    if not hooks:
        return []
    data = _describe(event, model, pk)
    if data is None:
        return []
    now = timezone.now()
    body = json.dumps(
        {"id": str(uuid.uuid4()), "event": event, "created_at": now, "data": data},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(webhook=hook, event=event, body=body, created_at=now) for hook in hooks]
    )
    WebhookDelivery.objects.filter(
        webhook__in=hooks,
        created_at__lt=now - KEEP_DELIVERIES_FOR,
        status__in=[WebhookDelivery.Status.SUCCEEDED, WebhookDelivery.Status.FAILED],
    ).delete()
    # community.tasks imports this module to deliver; the task is looked up when enqueued.
    from community.tasks import deliver_webhook

    for delivery in deliveries:
        deliver_webhook.enqueue(delivery_id=str(delivery.pk))
    return deliveries


def _describe(event: str, model, pk) -> dict | None:
    """The event's data, as the API describes the content, or None when it is not public."""
    declared = webhook_events.registry.get(event)
    if declared is None:
        raise ValueError(f"Unknown webhook event {event!r}")
    return declared.describe(pk)


# Deliveries


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would resend the body elsewhere (or drop it): it counts as a failure, with
    the new address in the error, so that an admin registers that one instead."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def deliver(delivery_id) -> WebhookDelivery | None:
    """Send one delivery (run by a background task) and record how it went; a failure is
    scheduled again with a longer wait, until MAX_ATTEMPTS.

    The attempt is claimed first with one conditional UPDATE, so that two workers never send the
    same attempt twice, and no lock is held while the receiver answers.
    """
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status not in (
        WebhookDelivery.Status.PENDING,
        WebhookDelivery.Status.RETRYING,
    ):
        return delivery
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=delivery.status, attempts=delivery.attempts
    ).update(attempts=F("attempts") + 1, last_attempt_at=timezone.now())
    if not claimed:
        return delivery
    delivery.attempts += 1
    webhook = delivery.webhook
    if not webhook.is_active:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.error = "The webhook was made inactive before this delivery was sent."
        delivery.next_attempt_at = None
    else:
        _send(delivery, webhook)
    delivery.save()
    if delivery.status == WebhookDelivery.Status.RETRYING:
        _schedule(delivery)
    return delivery


def _send(delivery, webhook) -> None:
    body = delivery.body.encode()
    timestamp = int(time.time())
    request = urllib.request.Request(
        webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: sign(webhook.secret, timestamp, body),
            TIMESTAMP_HEADER: str(timestamp),
            EVENT_HEADER: delivery.event,
            DELIVERY_HEADER: str(delivery.pk),
        },
    )
    status, excerpt, error = None, b"", ""
    started = time.monotonic()
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
            excerpt = response.read(EXCERPT_LENGTH)
    except urllib.error.HTTPError as failure:
        status = failure.code
        excerpt = failure.read(EXCERPT_LENGTH) if failure.fp is not None else b""
        location = failure.headers.get("Location") if failure.headers else None
        error = f"HTTP {failure.code}" + (f" (redirect to {location})" if location else "")
    except (urllib.error.URLError, TimeoutError, OSError) as failure:
        reason = getattr(failure, "reason", failure)
        error = f"Could not reach the receiver: {reason}"
    now = timezone.now()
    delivery.duration_ms = round((time.monotonic() - started) * 1000)
    delivery.last_attempt_at = now
    delivery.response_status = status
    delivery.response_excerpt = excerpt.decode("utf-8", "replace")
    if status is not None and 200 <= status < 300:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = now
        delivery.error = ""
        delivery.next_attempt_at = None
        return
    delivery.error = error or f"HTTP {status}"
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
        logger.warning("Webhook delivery %s failed for good: %s", delivery.pk, delivery.error)
    else:
        delivery.status = WebhookDelivery.Status.RETRYING
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)


def _schedule(delivery) -> None:
    """Enqueue the next attempt to run at `next_attempt_at`. A backend that cannot run a task
    later (the immediate one of development) leaves it for `retry_due`."""
    # community.tasks imports this module to deliver; the task is looked up when enqueued.
    from community.tasks import deliver_webhook

    if deliver_webhook.get_backend().supports_defer:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(
            delivery_id=str(delivery.pk)
        )


def retry_due(now=None) -> int:
    """Send the deliveries whose next attempt is due (`manage.py retry_webhooks`, for sites
    whose task backend cannot run tasks later); returns how many were tried."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.RETRYING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    tried = 0
    for delivery_id in list(due):
        deliver(delivery_id)
        tried += 1
    return tried


def redeliver(actor, delivery) -> WebhookDelivery:
    """An admin sends a delivery again (after fixing the receiver): a new delivery with the
    same body, so the receiver can tell it is the same event by its id."""
    if not permissions.can_manage_webhooks(actor):
        raise PermissionDenied("Only site admins send webhook deliveries again.")
    copy = WebhookDelivery.objects.create(
        webhook=delivery.webhook, event=delivery.event, body=delivery.body
    )
    # community.tasks imports this module to deliver; the task is looked up when enqueued.
    from community.tasks import deliver_webhook

    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery_id=str(copy.pk)))
    return copy


def ping(actor, webhook) -> WebhookDelivery:
    """A test delivery that an admin sends from the admin to check the receiver and its
    signature check."""
    if not permissions.can_manage_webhooks(actor):
        raise PermissionDenied("Only site admins test webhooks.")
    body = json.dumps(
        {
            "id": str(uuid.uuid4()),
            "event": "ping",
            "created_at": timezone.now(),
            "data": {"webhook": webhook.name, "site": settings.SITE_URL},
        },
        cls=DjangoJSONEncoder,
    )
    delivery = WebhookDelivery.objects.create(webhook=webhook, event="ping", body=body)
    # community.tasks imports this module to deliver; the task is looked up when enqueued.
    from community.tasks import deliver_webhook

    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery_id=str(delivery.pk)))
    return delivery
