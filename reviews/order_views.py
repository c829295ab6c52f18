"""The address shops send their orders to, signed with their source's secret (docs/orders.md).

It answers in JSON and in English, whoever's browser language: its readers are the shops'
programs and the people who read their logs. Every check and write is in `reviews.orders`.
"""

from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from reviews import orders
from reviews.models import OrderSource

TIMESTAMP_HEADER = "X-Community-Timestamp"
SIGNATURE_HEADER = "X-Community-Signature"
# An order is a few hundred bytes; a body this large is not one.
MAX_BODY_BYTES = 64 * 1024


def _refused(refusal: orders.OrderRefused) -> JsonResponse:
    error = {"code": refusal.code, "message": refusal.message}
    if refusal.fields:
        error["fields"] = refusal.fields
    response = JsonResponse({"error": error}, status=refusal.status)
    if refusal.status == 401:
        response["WWW-Authenticate"] = f'{SIGNATURE_HEADER} realm="orders"'
    return response


def _described(order) -> dict:
    """What the shop learns of the order it sent: its id here and when each product's
    invitation is due. Whether the address belongs to a member is not the shop's to know."""
    return {
        "reference": order.reference,
        "id": order.pk,
        "invitations": [
            {
                "product": invitation.product.slug,
                "due_at": invitation.due_at.isoformat(),
                "status": invitation.status,
            }
            for invitation in order.invitations.select_related("product").order_by("pk")
        ],
    }


@csrf_exempt
@never_cache
@require_POST
def orders_webhook(request, slug):
    """Receive one order: 201 with its invitations, or the refusal with its code."""
    with translation.override("en"):
        source = OrderSource.objects.filter(slug=slug, is_active=True).first()
        if source is None:
            return _refused(
                orders.OrderRefused("unknown_source", "No active order source has this address.")
            )
        try:
            length = int(request.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        body = b"" if length > MAX_BODY_BYTES else request.read(MAX_BODY_BYTES + 1)
        if length > MAX_BODY_BYTES or len(body) > MAX_BODY_BYTES:
            return _refused(
                orders.OrderRefused(
                    "too_large",
                    f"The body is larger than {MAX_BODY_BYTES // 1024} KB: send one order a "
                    "request.",
                )
            )
        try:
            order = orders.order_receive_signed(
                source,
                body=body,
                timestamp=request.headers.get(TIMESTAMP_HEADER),
                signature=request.headers.get(SIGNATURE_HEADER),
            )
        except orders.OrderRefused as refusal:
            return _refused(refusal)
        return JsonResponse({"order": _described(order)}, status=201)
