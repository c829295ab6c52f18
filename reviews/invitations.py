"""Invitations to review what someone bought: when they are due, who must not get one, and the
signed link that opens one product's review form for its buyer and nothing else.

An order (`reviews.orders`) schedules one invitation per product, due a number of days after
delivery (the product's own delay, or the site's). The sweep in `reviews.tasks` sends those
that are due and at most one reminder. Whatever the buyer's expected opinion, every invitation
is sent and every review it brings is published under the same rules as any other.

An address that unsubscribed is remembered only as a keyed hash (`address_hash`), so that the
opt-out survives the erasure of orders and accounts without keeping the address itself.
"""

from datetime import datetime, time, timedelta

from django.core import signing
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from reviews.models import (
    Invitation,
    InvitationOptOut,
    InvitationTally,
    ProductInvitationPolicy,
    Review,
    ReviewInvitationSettings,
)

TOKEN_SALT = "reviews.invitations.link"
ADDRESS_HASH_SALT = "reviews.invitations.address"


class InvalidInvitation(Exception):
    """The link cannot be used: tampered with, expired, used already or withdrawn. The message
    says which, for the buyer."""


def normalised_address(email: str) -> str:
    return (email or "").strip().lower()


def address_hash(email: str) -> str:
    """A keyed hash of the address (HMAC-SHA256 with a key derived from SECRET_KEY): the same
    address always gives the same hash, and the hash cannot be turned back into it."""
    return salted_hmac(ADDRESS_HASH_SALT, normalised_address(email), algorithm="sha256").hexdigest()


def is_opted_out(email: str) -> bool:
    return InvitationOptOut.objects.filter(address_hash=address_hash(email)).exists()


def opt_out(email_hash: str) -> bool:
    """Remember that this address (its `address_hash`) wants no more invitations; the sweep
    sends nothing to it from then on. Returns True when it was new."""
    _row, created = InvitationOptOut.objects.get_or_create(address_hash=email_hash)
    return created


def invitation_delay(product, settings=None) -> int | None:
    """Days after delivery before the product's buyers are invited, or None when they are not."""
    settings = settings or ReviewInvitationSettings.load()
    if not settings.invitations_on:
        return None
    policy = ProductInvitationPolicy.objects.filter(product=product).first()
    if policy is None:
        return settings.invite_after_days
    return policy.invite_after_days if policy.invitations_on else None


def month_of(moment) -> "datetime.date":
    return timezone.localdate(moment).replace(day=1)


def tally(product_id, moment, **increments) -> None:
    """Add to the product's figures for the month of `moment` (`InvitationTally`)."""
    month = month_of(moment)
    updated = InvitationTally.objects.filter(product_id=product_id, month=month).update(
        **{name: F(name) + value for name, value in increments.items()}
    )
    if not updated:
        _row, created = InvitationTally.objects.get_or_create(
            product_id=product_id, month=month, defaults=increments
        )
        if not created:
            InvitationTally.objects.filter(pk=_row.pk).update(
                **{name: F(name) + value for name, value in increments.items()}
            )


def schedule(order) -> list[Invitation]:
    """Create the order's invitations, one per product, each due its product's delay after
    delivery (or purchase). A product the buyer reviewed already, or was invited to review by
    an earlier order, an address that unsubscribed and invitations turned off give a row that
    says why nothing will be sent, so that staff can see it."""
    settings = ReviewInvitationSettings.load()
    opted_out = is_opted_out(order.email)
    start = order.delivered_on or order.purchased_on
    invitations = []
    for line in order.lines.select_related("product"):
        product = line.product
        tally(product.pk, order.received_at, orders_received=1)
        delay = invitation_delay(product, settings)
        due = timezone.make_aware(
            datetime.combine(start + timedelta(days=delay or 0), time(10)),
            timezone.get_current_timezone(),
        )
        invitation = Invitation(order=order, product=product, due_at=due)
        reason = skip_reason(order, product, delay, opted_out)
        if reason:
            invitation.status = Invitation.Status.SKIPPED
            invitation.skipped_because = reason
        invitations.append(invitation)
    return Invitation.objects.bulk_create(invitations)


def skip_reason(order, product, delay, opted_out) -> str:
    """Why no invitation will be sent for this product of this order, or ""."""
    if delay is None:
        return _("invitations are off for this product")
    if opted_out:
        return _("the customer asked for no invitations")
    earlier = Invitation.objects.filter(order__email__iexact=order.email, product=product).exclude(
        status=Invitation.Status.SKIPPED
    )
    if earlier.exists():
        return _("the customer was invited for this product already")
    if (
        order.member_id
        and Review.objects.filter(author_id=order.member_id, product=product).exists()
    ):
        return _("the customer has reviewed this product already")
    return ""


# The link ------------------------------------------------------------------------------------


def make_token(invitation) -> str:
    """The signed token in the invitation's link: the invitation and its nonce, so that a new
    nonce (once used) withdraws every earlier link."""
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=TOKEN_SALT)


def read_token(token: str, *, now=None) -> Invitation:
    """The invitation a link stands for, while it may still be used; else `InvalidInvitation`."""
    settings = ReviewInvitationSettings.load()
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        pk, nonce = int(data["i"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidInvitation(_("This invitation link is not valid.")) from error
    invitation = (
        Invitation.objects.filter(pk=pk, nonce=nonce)
        .select_related("order", "order__member", "product")
        .first()
    )
    if invitation is None:
        raise InvalidInvitation(_("This invitation link is no longer valid."))
    if invitation.status == Invitation.Status.REVIEWED or invitation.review_id:
        raise InvalidInvitation(_("This invitation was used already: your review is written."))
    if invitation.sent_at is None:
        raise InvalidInvitation(_("This invitation link is not valid."))
    now = now or timezone.now()
    if now > invitation.sent_at + timedelta(days=settings.link_valid_days):
        raise InvalidInvitation(_("This invitation link has expired."))
    return invitation
