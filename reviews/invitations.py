"""Invitations to review what someone bought: when they are due, who must not get one, and the
signed link that opens one product's review form for its buyer and nothing else.

An order (`reviews.orders`) schedules one invitation per product, due a number of days after
delivery (the product's own delay, or the site's). The sweep in `reviews.tasks` sends those
that are due and at most one reminder. Whatever the buyer's expected opinion, every invitation
is sent and every review it brings is published under the same rules as any other.

An address that unsubscribed is remembered only as a keyed hash (`address_hash`), so that the
opt-out survives the erasure of orders and accounts without keeping the address itself.
"""

import logging
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail, signing
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.notifications import list_email
from community.products import products_in_language
from community.seo import absolute_url
from reviews.models import (
    Invitation,
    InvitationOptOut,
    InvitationTally,
    OrderLine,
    ProductInvitationPolicy,
    Review,
    ReviewInvitationSettings,
)

logger = logging.getLogger(__name__)

TOKEN_SALT = "reviews.invitations.link"
# Why an invitation is not sent, as staff read it on the invitation (`skipped_because`).
INVITATIONS_OFF = gettext_lazy("invitations are off for this product")
UNSUBSCRIBED = gettext_lazy("the customer asked for no invitations")
INVITED_ALREADY = gettext_lazy("the customer was invited for this product already")
REVIEWED_ALREADY = gettext_lazy("the customer has reviewed this product already")
ADDRESS_HASH_SALT = "reviews.invitations.address"


class InvalidInvitation(Exception):
    """The link cannot be used: tampered with, expired, used already or withdrawn. The message
    says which, for the buyer; `status` is the HTTP status of the page that says so (400 for a
    link that was never ours, 404 when its invitation is gone, 410 when it was good but is used
    or expired), and `product` the product it was for, when that is still known, so that the
    page can link to it."""

    def __init__(self, message, *, status=400, product=None):
        super().__init__(message)
        self.status = status
        self.product = product


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
    return invitation_delays([product.pk], settings)[product.pk]


def invitation_delays(product_ids, settings=None) -> dict:
    """{product id: its `invitation_delay`} for many products, in one query."""
    settings = settings or ReviewInvitationSettings.load()
    if not settings.invitations_on:
        return dict.fromkeys(product_ids)
    policies = {
        policy.product_id: policy
        for policy in ProductInvitationPolicy.objects.filter(product_id__in=product_ids)
    }
    delays = {}
    for product_id in product_ids:
        policy = policies.get(product_id)
        if policy is None:
            delays[product_id] = settings.invite_after_days
        else:
            delays[product_id] = policy.invite_after_days if policy.invitations_on else None
    return delays


def month_of(moment) -> "datetime.date":
    return timezone.localdate(moment).replace(day=1)


def tally(product_id, moment, **increments) -> None:
    """Add to the product's figures for the month of `moment` (`InvitationTally`)."""
    month = month_of(moment)
    updated = InvitationTally.objects.filter(product_id=product_id, month=month).update(
        **{name: F(name) + value for name, value in increments.items()}
    )
    if not updated:
        row, created = InvitationTally.objects.get_or_create(
            product_id=product_id, month=month, defaults=increments
        )
        if not created:
            # Another process made the month's row between the update and the create.
            InvitationTally.objects.filter(pk=row.pk).update(
                **{name: F(name) + value for name, value in increments.items()}
            )


def schedule(order) -> list[Invitation]:
    """Create the order's invitations, one per product, each due its product's delay after
    delivery (or purchase). A product the buyer reviewed already, or was invited to review by
    an earlier order, an address that unsubscribed and invitations turned off give a row that
    says why nothing will be sent, so that staff can see it."""
    return schedule_many([order])


def schedule_many(orders) -> list[Invitation]:
    """`schedule` for many orders at once (a batch of a CSV import), in the same few queries
    whatever their number. The orders are taken in turn, so that a buyer who bought the same
    product twice in the batch is invited once. Addresses are compared in lower case, as
    `reviews.orders` stores them."""
    orders = list(orders)
    if not orders:
        return []
    settings = ReviewInvitationSettings.load()
    products_of = defaultdict(list)
    lines = OrderLine.objects.filter(order__in=orders).order_by("pk")
    for order_id, product_id in lines.values_list("order_id", "product_id"):
        products_of[order_id].append(product_id)
    product_ids = {product_id for ids in products_of.values() for product_id in ids}
    delays = invitation_delays(product_ids, settings)
    opted_out = set(
        InvitationOptOut.objects.filter(
            address_hash__in={address_hash(order.email) for order in orders}
        ).values_list("address_hash", flat=True)
    )
    addresses = {order.email for order in orders}
    invited = {
        (normalised_address(address), product_id)
        for address, product_id in Invitation.objects.filter(
            order__email__in=addresses | {normalised_address(email) for email in addresses},
            product_id__in=product_ids,
        )
        .exclude(status=Invitation.Status.SKIPPED)
        .values_list("order__email", "product_id")
    }
    reviewed = set(
        Review.objects.filter(
            author_id__in={order.member_id for order in orders if order.member_id},
            product_id__in=product_ids,
        ).values_list("author_id", "product_id")
    )
    received, first_received = Counter(), {}
    invitations = []
    for order in orders:
        address = normalised_address(order.email)
        unsubscribed = address_hash(address) in opted_out
        start = order.delivered_on or order.purchased_on
        month = month_of(order.received_at)
        for product_id in products_of[order.pk]:
            received[product_id, month] += 1
            first_received.setdefault((product_id, month), order.received_at)
            delay = delays[product_id]
            invitation = Invitation(
                order=order,
                product_id=product_id,
                due_at=timezone.make_aware(
                    datetime.combine(start + timedelta(days=delay or 0), time(10)),
                    timezone.get_current_timezone(),
                ),
            )
            if delay is None:
                reason = str(INVITATIONS_OFF)
            elif unsubscribed:
                reason = str(UNSUBSCRIBED)
            elif (address, product_id) in invited:
                reason = str(INVITED_ALREADY)
            elif (order.member_id, product_id) in reviewed:
                reason = str(REVIEWED_ALREADY)
            else:
                reason = ""
                invited.add((address, product_id))
            if reason:
                invitation.status = Invitation.Status.SKIPPED
                invitation.skipped_because = reason
            invitations.append(invitation)
    for (product_id, month), count in received.items():
        tally(product_id, first_received[product_id, month], orders_received=count)
    return Invitation.objects.bulk_create(invitations)


# The link ------------------------------------------------------------------------------------


def make_token(invitation) -> str:
    """The signed token in the invitation's link: the invitation and its nonce, so that a new
    nonce (once used) withdraws every earlier link."""
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=TOKEN_SALT)


def read_token(token: str, *, now=None) -> Invitation:
    """The invitation a link stands for, while it may still be used; else `InvalidInvitation`.

    Writing the review gives the invitation a new nonce, so a used link reads as used (410)
    rather than as a forgery."""
    settings = ReviewInvitationSettings.load()
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        pk, nonce = int(data["i"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidInvitation(_("This invitation link is not valid."), status=400) from error
    invitation = (
        Invitation.objects.filter(pk=pk).select_related("order", "order__member", "product").first()
    )
    if invitation is None or invitation.sent_at is None:
        raise InvalidInvitation(_("This invitation link is no longer valid."), status=404)
    if invitation.status == Invitation.Status.REVIEWED or invitation.review_id:
        raise InvalidInvitation(
            _("This invitation was used already: your review is written."),
            status=410,
            product=invitation.product,
        )
    if not constant_time_compare(invitation.nonce, nonce):
        raise InvalidInvitation(
            _("This invitation link is no longer valid."), status=410, product=invitation.product
        )
    now = now or timezone.now()
    if now > invitation.sent_at + timedelta(days=settings.link_valid_days):
        raise InvalidInvitation(
            _("This invitation link has expired."), status=410, product=invitation.product
        )
    return invitation


# Sending -------------------------------------------------------------------------------------

UNSUBSCRIBE_SALT = "reviews.invitations.unsubscribe"
# Invitations read, claimed and sent at a time: memory stays the same however many are due.
SEND_CHUNK = 500


def send_due(now=None) -> dict:
    """Send the invitations that are due, and the one reminder of those sent
    `remind_after_days` ago whose link was not used; {"sent", "reminded", "skipped"} counts.

    An invitation whose buyer reviewed the product since it was scheduled, or whose address
    unsubscribed, is not sent but marked skipped, with the reason. Each invitation is claimed
    (its status changed, under a row lock) before its e-mail goes out, so that two sweeps at
    the same moment never send it twice; an e-mail that fails is logged and given back to the
    next sweep, and the others go on.
    """
    now = now or timezone.now()
    settings = ReviewInvitationSettings.load()
    counts = {"sent": 0, "reminded": 0, "skipped": 0}
    due = Invitation.objects.filter(status=Invitation.Status.SCHEDULED, due_at__lte=now)
    for chunk in _chunks(due):
        _send_chunk(chunk, now, settings, reminder=False, counts=counts)
    if settings.remind_after_days:
        unused = Invitation.objects.filter(
            status=Invitation.Status.SENT,
            reminded_at__isnull=True,
            review__isnull=True,
            sent_at__lte=now - timedelta(days=settings.remind_after_days),
            # A reminder whose link has expired would only disappoint.
            sent_at__gt=now - timedelta(days=settings.link_valid_days),
        )
        for chunk in _chunks(unused):
            _send_chunk(chunk, now, settings, reminder=True, counts=counts)
    return counts


def _chunks(invitations):
    """The invitations in chunks, by ascending id. Each chunk is read after the previous one
    was written, from the id it stopped at: a cursor left open while its own table changes is
    not reliable on SQLite, and an id is never read twice."""
    after = 0
    while True:
        chunk = list(
            invitations.filter(pk__gt=after)
            .select_related("order", "product")
            .order_by("pk")[:SEND_CHUNK]
        )
        if not chunk:
            return
        yield chunk
        after = chunk[-1].pk


def _send_chunk(chunk, now, settings, *, reminder, counts) -> None:
    expected = Invitation.Status.SENT if reminder else Invitation.Status.SCHEDULED
    with transaction.atomic():
        claimed = set(
            Invitation.objects.select_for_update(skip_locked=True)
            .filter(pk__in=[invitation.pk for invitation in chunk], status=expected)
            .values_list("pk", flat=True)
        )
        chunk = [invitation for invitation in chunk if invitation.pk in claimed]
        reasons = _reasons_not_to_send(chunk)
        for reason in set(reasons.values()):
            Invitation.objects.filter(
                pk__in=[pk for pk, why in reasons.items() if why == reason]
            ).update(status=Invitation.Status.SKIPPED, skipped_because=reason)
        to_send = [invitation for invitation in chunk if invitation.pk not in reasons]
        sending = Invitation.objects.filter(pk__in=[invitation.pk for invitation in to_send])
        if reminder:
            sending.update(status=Invitation.Status.REMINDED, reminded_at=now)
        else:
            sending.update(status=Invitation.Status.SENT, sent_at=now)
    counts["skipped"] += len(reasons)
    if not reminder:
        for invitation in to_send:
            invitation.sent_at = now
    failed = _deliver(to_send, settings, reminder=reminder)
    if failed:
        given_back = Invitation.objects.filter(pk__in=failed)
        if reminder:
            given_back.update(status=Invitation.Status.SENT, reminded_at=None)
        else:
            given_back.update(status=Invitation.Status.SCHEDULED, sent_at=None)
    sent_per_product = Counter(
        invitation.product_id for invitation in to_send if invitation.pk not in failed
    )
    figure = "reminders_sent" if reminder else "invitations_sent"
    for product_id, count in sent_per_product.items():
        tally(product_id, now, **{figure: count})
    counts["reminded" if reminder else "sent"] += sum(sent_per_product.values())


def _deliver(invitations, settings, *, reminder) -> set:
    """Send the e-mails over one connection; the ids of those that could not be sent."""
    if not invitations:
        return set()
    connection = mail.get_connection()
    try:
        connection.open()
    except Exception:  # noqa: BLE001 - the mail server is down: every one waits for the next sweep
        logger.exception("No review invitation could be sent: the mail server did not answer")
        return {invitation.pk for invitation in invitations}
    failed = set()
    product_names = {}
    try:
        for invitation in invitations:
            try:
                _send_email(invitation, settings, connection, product_names, reminder=reminder)
            except Exception:  # noqa: BLE001 - one bad address must not stop the others
                logger.exception("The review invitation %s could not be sent", invitation.pk)
                failed.add(invitation.pk)
    finally:
        connection.close()
    return failed


def _reasons_not_to_send(invitations) -> dict:
    """{invitation id: why it is not sent} for those whose address unsubscribed or whose buyer
    reviewed the product since; a few queries for the whole chunk."""
    if not invitations:
        return {}
    hashes = {invitation.pk: address_hash(invitation.order.email) for invitation in invitations}
    opted_out = set(
        InvitationOptOut.objects.filter(address_hash__in=set(hashes.values())).values_list(
            "address_hash", flat=True
        )
    )
    buyers = _buyers_by_address({invitation.order.email for invitation in invitations})
    for invitation in invitations:
        if invitation.order.member_id:
            buyers[normalised_address(invitation.order.email)].add(invitation.order.member_id)
    reviewed = set(
        Review.objects.filter(
            author_id__in={pk for ids in buyers.values() for pk in ids},
            product_id__in={invitation.product_id for invitation in invitations},
        ).values_list("author_id", "product_id")
    )
    reasons = {}
    for invitation in invitations:
        authors = buyers[normalised_address(invitation.order.email)]
        if hashes[invitation.pk] in opted_out:
            reasons[invitation.pk] = str(UNSUBSCRIBED)
        elif any((author, invitation.product_id) in reviewed for author in authors):
            reasons[invitation.pk] = str(REVIEWED_ALREADY)
    return reasons


def _buyers_by_address(addresses) -> defaultdict:
    """{normalised address: ids of the members whose verified address it is}."""
    wanted = {normalised_address(address) for address in addresses}
    buyers = defaultdict(set)
    verified = EmailAddress.objects.filter(
        verified=True, email__in=wanted | set(addresses)
    ).values_list("email", "user_id")
    for address, member_id in verified:
        buyers[normalised_address(address)].add(member_id)
    return buyers


def _product_name(product, language, names) -> str:
    """The product's title in `language` (its translated page's), remembered in `names`."""
    key = (product.pk, language)
    if key not in names:
        names[key] = products_in_language([product], language)[product.pk].title
    return names[key]


def _send_email(invitation, settings, connection, product_names, *, reminder) -> None:
    order = invitation.order
    with translation.override(order.language):
        review_url = absolute_url(
            reverse("reviews:invited", kwargs={"token": make_token(invitation)})
        )
        unsubscribe = absolute_url(
            reverse(
                "reviews:invitations_unsubscribe",
                kwargs={"token": unsubscribe_token(invitation)},
            )
        )
        context = {
            "language": order.language,
            "product_name": _product_name(invitation.product, order.language, product_names),
            "purchase_month": date_format(order.purchased_on, "YEAR_MONTH_FORMAT"),
            "review_url": review_url,
            "valid_until": date_format(
                timezone.localdate(invitation.sent_at + timedelta(days=settings.link_valid_days))
            ),
            "unsubscribe_url": unsubscribe,
            "reminder": reminder,
            "site_name": django_settings.WAGTAIL_SITE_NAME,
        }
        message = list_email(
            to=order.email,
            template="reviews/email/invitation",
            context=context,
            unsubscribe=unsubscribe,
            connection=connection,
        )
    message.send()


# Unsubscribing -------------------------------------------------------------------------------


def unsubscribe_token(invitation) -> str:
    """The signed token of the unsubscribe link: the address's keyed hash (never the address),
    so that it still works once the order is erased, and the invitation, to withdraw the
    address's scheduled invitations while its orders are kept."""
    return signing.dumps(
        {"h": address_hash(invitation.order.email), "i": invitation.pk}, salt=UNSUBSCRIBE_SALT
    )


def read_unsubscribe_token(token: str) -> tuple[str, int | None]:
    """(address hash, invitation id) of a token; `signing.BadSignature` when tampered with."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    try:
        return str(data["h"]), data.get("i")
    except (KeyError, TypeError, AttributeError) as error:
        raise signing.BadSignature("Not an unsubscribe token.") from error


@transaction.atomic
def unsubscribe(email_hash: str, invitation_id: int | None = None) -> int:
    """The address asks for no more invitations: remember it (`opt_out`) and withdraw its
    invitations not sent yet, found through the invitation of the link while its order is
    kept; the sweep skips the others. Returns how many were withdrawn."""
    opt_out(email_hash)
    invitation = (
        Invitation.objects.filter(pk=invitation_id).select_related("order").first()
        if isinstance(invitation_id, int)
        else None
    )
    if invitation is None or address_hash(invitation.order.email) != email_hash:
        return 0
    return Invitation.objects.filter(
        order__email__iexact=invitation.order.email, status=Invitation.Status.SCHEDULED
    ).update(
        status=Invitation.Status.SKIPPED,
        skipped_because=str(UNSUBSCRIBED),
    )
