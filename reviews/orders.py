"""Orders in: what a shop sends (by its signed webhook, a CSV file or, later, the API), checked,
stored, matched to the member whose verified address bought, and turned into invitations.

An order makes its buyer a verified owner of each product in it (an `Ownership` from the
order) as soon as the address is one a member verified; a member who verifies the address
later claims the orders sent to it (`orders_claim`). Its invitations are scheduled at once
(`reviews.invitations.schedule`). Orders are personal data: `orders_expire` deletes them after
the retention period staff set (`ReviewInvitationSettings.keep_orders_days`); the ownerships
they proved stay.

Every refusal is an `OrderRefused`, with a short code, a clear message and the HTTP status the
webhook answers with; nothing of a refused order is stored. The webhook answers the shops' own
tools in English: what only it can refuse (the signature, a replay) is written in English here,
while the fields' messages are translated, since staff read them in a CSV import's report too.
"""

import csv
import hmac
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from community import page_scopes
from community.models import ProductPage
from community.webhooks import sign
from reviews import invitations, permissions
from reviews.models import (
    Order,
    OrderLine,
    OrderReceipt,
    Ownership,
    ReviewInvitationSettings,
)

# A signed request is accepted this long before or after its timestamp; its signature is
# remembered a little longer, so that a replay inside the window is refused.
SIGNATURE_TOLERANCE = timedelta(minutes=5)
RECEIPTS_KEPT = timedelta(minutes=10)
# Orders written in one transaction by a CSV import, and deleted in one by `orders_expire`.
BATCH_SIZE = 1000
# Rows of an import's report listed one by one; the others are only counted.
REPORTED_ROWS = 1000

REFERENCE_MAX_LENGTH = Order._meta.get_field("reference").max_length
EMAIL_MAX_LENGTH = Order._meta.get_field("email").max_length
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIMESTAMP = re.compile(r"[0-9]{1,12}")
LANGUAGE_TAG = re.compile(r"[-_]")
CSV_COLUMNS = ("reference", "email", "products", "purchased_on", "delivered_on", "language")
CSV_REQUIRED_COLUMNS = ("reference", "email", "products", "purchased_on")
PRODUCT_SEPARATORS = re.compile(r"[;|]")


class OrderRefused(Exception):
    """An order (or the request that carried it) that is not stored: `code` for programs,
    `message` for the people who read the shop's logs, `fields` for the fields at fault and
    `status` for the webhook's answer."""

    STATUS = {
        "unknown_source": 404,
        "missing_signature": 401,
        "bad_signature": 401,
        "stale_timestamp": 401,
        "replayed": 409,
        "duplicate_reference": 409,
        "malformed": 400,
        "too_large": 413,
        "unknown_product": 422,
        "invalid_field": 422,
    }

    def __init__(self, code: str, message: str, *, fields: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or {}
        self.status = self.STATUS[code]


@dataclass(frozen=True)
class OrderData:
    """An order's fields once read and checked; the products are page ids."""

    reference: str
    email: str
    product_ids: tuple
    purchased_on: date
    delivered_on: date | None
    language: str


class InvalidOrder(Exception):
    """What is wrong with an order's fields: {field: message}, and the product slugs that
    name no product."""

    def __init__(self, errors: dict, unknown_products=()):
        super().__init__(" ".join(errors.values()))
        self.errors = errors
        self.unknown_products = tuple(unknown_products)


# Reading an order --------------------------------------------------------------------------


def product_ids_by_slug(slugs=None) -> dict:
    """{English slug: product page id}: products are named by the slug of their page in the
    default language, which content belongs to. All of them when `slugs` is None."""
    products = ProductPage.objects.filter(locale=Locale.get_default())
    if slugs is not None:
        products = products.filter(slug__in=[slug for slug in slugs if isinstance(slug, str)])
    return dict(products.values_list("slug", "pk"))


def _text(value) -> str | None:
    """A field's text, trimmed; "" when absent, None when it is not text at all."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return None


def _date(value, errors, name, *, missing, badly_written) -> date | None:
    text = _text(value)
    if text == "":
        if missing:
            errors[name] = missing
        return None
    if text is None or not ISO_DATE.fullmatch(text):
        errors[name] = badly_written
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = badly_written
        return None


def read_order(data: dict, products: dict, *, today: date) -> OrderData:
    """The order `data` describes (reference, email, products: a list of product slugs,
    purchased_on, delivered_on and language), or `InvalidOrder` saying every field at fault.

    `products` maps the slugs that exist to their page ids (`product_ids_by_slug`). The
    address is kept in lower case, so that it is matched to members and opt-outs as typed.
    """
    errors = {}
    reference = data.get("reference")
    if isinstance(reference, int) and not isinstance(reference, bool):
        reference = str(reference)
    reference = _text(reference)
    if not reference:
        errors["reference"] = (
            _("The order reference must be text.")
            if reference is None
            else _("The order reference is missing.")
        )
    elif len(reference) > REFERENCE_MAX_LENGTH:
        errors["reference"] = _("The order reference is longer than %(max)s characters.") % {
            "max": REFERENCE_MAX_LENGTH
        }

    email = (_text(data.get("email")) or "").lower()
    if not email:
        errors["email"] = _("The customer's e-mail address is missing.")
    else:
        try:
            validate_email(email)
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
        except ValidationError:
            errors["email"] = _("“%(email)s” is not a valid e-mail address.") % {"email": email}

    named = data.get("products")
    product_ids, unknown = [], []
    if not isinstance(named, list) or not named:
        errors["products"] = _("The order names no product: give a list of product slugs.")
    elif not all(isinstance(slug, str) and slug.strip() for slug in named):
        errors["products"] = _("Each product must be named by its slug, as text.")
    else:
        for slug in dict.fromkeys(slug.strip() for slug in named):
            if slug in products:
                product_ids.append(products[slug])
            else:
                unknown.append(slug)
        if unknown:
            errors["products"] = _("No product has the slug %(slugs)s.") % {
                "slugs": ", ".join(f"“{slug}”" for slug in unknown)
            }

    purchased_on = _date(
        data.get("purchased_on"),
        errors,
        "purchased_on",
        missing=_("The purchase date is missing."),
        badly_written=_("The purchase date must be a date written YYYY-MM-DD."),
    )
    delivered_on = _date(
        data.get("delivered_on"),
        errors,
        "delivered_on",
        missing="",
        badly_written=_("The delivery date must be a date written YYYY-MM-DD."),
    )
    # A day's margin: the shop's day may have begun before the community's.
    if purchased_on and purchased_on > today + timedelta(days=1):
        errors["purchased_on"] = _("The purchase date is in the future.")
    if purchased_on and delivered_on and delivered_on < purchased_on:
        errors["delivered_on"] = _("The delivery date is before the purchase date.")

    written = _text(data.get("language"))
    # "FR" and "fr-CA" are French; an order that names no language is in the site's first one.
    language = (
        LANGUAGE_CODES[0] if written == "" else written and LANGUAGE_TAG.split(written.lower())[0]
    )
    if language not in LANGUAGE_CODES:
        errors["language"] = _("The language must be one of: %(codes)s.") % {
            "codes": ", ".join(LANGUAGE_CODES)
        }

    if errors:
        raise InvalidOrder(errors, unknown)
    return OrderData(
        reference=reference,
        email=email,
        product_ids=tuple(product_ids),
        purchased_on=purchased_on,
        delivered_on=delivered_on,
        language=language,
    )


def _refusal(invalid: InvalidOrder) -> OrderRefused:
    if invalid.unknown_products and set(invalid.errors) == {"products"}:
        return OrderRefused("unknown_product", invalid.errors["products"], fields=invalid.errors)
    return OrderRefused(
        "invalid_field",
        f"Some fields of the order are not valid: {', '.join(invalid.errors)}.",
        fields=invalid.errors,
    )


# Matching the buyer ------------------------------------------------------------------------


def members_by_address(addresses) -> dict:
    """{address: member id} for the addresses (lower case) that an active member verified."""
    if not addresses:
        return {}
    return dict(
        EmailAddress.objects.filter(verified=True, user__is_active=True)
        .annotate(address=Lower("email"))
        .filter(address__in=set(addresses))
        .values_list("address", "user_id")
    )


def _record_ownerships(orders) -> None:
    """Each matched order makes its buyer a verified owner of its products. A member who owns
    a product already keeps the record they have (staff's, an import's or an earlier order's),
    the earliest purchase first."""
    matched = {order.pk: order for order in orders if order.member_id}
    if not matched:
        return
    lines = OrderLine.objects.filter(order_id__in=matched).values_list("order_id", "product_id")
    records = [
        Ownership(
            member_id=matched[order_id].member_id,
            product_id=product_id,
            source=Ownership.Source.ORDER,
            order_id=order_id,
            purchased_on=matched[order_id].purchased_on,
        )
        for order_id, product_id in sorted(
            lines, key=lambda line: (matched[line[0]].purchased_on, line[0])
        )
    ]
    Ownership.objects.bulk_create(records, ignore_conflicts=True)
    # A bulk insert sends no signal: the product pages showing these owners' reviews forget.
    page_scopes.model_changed(Ownership)


# One order -----------------------------------------------------------------------------------


@transaction.atomic
def order_receive(source, data, *, channel) -> Order:
    """Store the order `data` describes (see `read_order`), sent by `source` through `channel`,
    with its products; match its buyer and schedule its invitations. All or nothing: an
    `OrderRefused` leaves nothing stored."""
    if not source.is_active:
        raise OrderRefused("unknown_source", "This order source is not active.")
    if not isinstance(data, dict):
        raise OrderRefused("malformed", "The order must be a JSON object.")
    named = data.get("products")
    try:
        order_data = read_order(
            data,
            product_ids_by_slug(named if isinstance(named, list) else ()),
            today=timezone.localdate(),
        )
    except InvalidOrder as invalid:
        raise _refusal(invalid) from invalid
    duplicate = OrderRefused(
        "duplicate_reference",
        f"An order with the reference “{order_data.reference}” was received already.",
        fields={"reference": "This reference is already known."},
    )
    if Order.objects.filter(source=source, reference=order_data.reference).exists():
        raise duplicate
    order = Order(
        source=source,
        reference=order_data.reference,
        email=order_data.email,
        language=order_data.language,
        purchased_on=order_data.purchased_on,
        delivered_on=order_data.delivered_on,
        member_id=members_by_address([order_data.email]).get(order_data.email),
        channel=channel,
    )
    try:
        with transaction.atomic():
            order.save()
    except IntegrityError as error:  # the same order sent twice at the same moment
        raise duplicate from error
    OrderLine.objects.bulk_create(
        [OrderLine(order=order, product_id=product_id) for product_id in order_data.product_ids]
    )
    _record_ownerships([order])
    invitations.schedule(order)
    return order


def check_signature(source, body: bytes, *, timestamp, signature, now=None) -> None:
    """The request was signed with the source's secret (`community.webhooks.sign`: HMAC-SHA256
    of "<timestamp>.<raw body>") less than 5 minutes before or after now; else `OrderRefused`."""
    if not timestamp or not signature:
        raise OrderRefused(
            "missing_signature",
            "The request is not signed: send the X-Community-Timestamp and "
            "X-Community-Signature headers.",
        )
    if not TIMESTAMP.fullmatch(timestamp):
        raise OrderRefused("bad_signature", "X-Community-Timestamp must be a Unix time in seconds.")
    expected = sign(source.secret, int(timestamp), body)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise OrderRefused(
            "bad_signature",
            "The signature does not match: sign “<timestamp>.<body>” with HMAC-SHA256 and this "
            "source's secret, and send “sha256=<hex digest>”.",
        )
    now = now or timezone.now()
    if abs(now.timestamp() - int(timestamp)) > SIGNATURE_TOLERANCE.total_seconds():
        raise OrderRefused(
            "stale_timestamp",
            "The timestamp is more than 5 minutes away from the community's clock "
            f"({int(now.timestamp())}): sign each request as you send it.",
        )


def _parsed(body: bytes):
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:
        raise OrderRefused("malformed", "The body is not valid JSON in UTF-8.") from error


@transaction.atomic
def order_receive_signed(source, *, body: bytes, timestamp, signature, now=None) -> Order:
    """A webhook request: check its signature and freshness, refuse a replay of a request
    already accepted, then store the order in its body (`order_receive`). The request's
    signature is remembered with the order, in the same transaction, so that a refused
    request leaves nothing behind and the shop can send it again once corrected."""
    check_signature(source, body, timestamp=timestamp, signature=signature, now=now)
    data = _parsed(body)
    try:
        with transaction.atomic():
            OrderReceipt.objects.create(
                source=source, signature=signature, received_at=now or timezone.now()
            )
    except IntegrityError as error:
        raise OrderRefused(
            "replayed", "This request was received already: each request is accepted once."
        ) from error
    return order_receive(source, data, channel=Order.Channel.WEBHOOK)


# Members and orders --------------------------------------------------------------------------


@transaction.atomic
def orders_claim(member) -> int:
    """The orders sent to one of `member`'s verified addresses before it was verified become
    theirs, with the ownerships they prove. Safe to run again; returns how many were claimed."""
    addresses = [
        address.lower()
        for address in EmailAddress.objects.filter(user=member, verified=True).values_list(
            "email", flat=True
        )
    ]
    claimed = list(
        Order.objects.select_for_update().filter(member__isnull=True, email__in=addresses)
    )
    if not claimed:
        return 0
    Order.objects.filter(pk__in=[order.pk for order in claimed]).update(member=member)
    for order in claimed:
        order.member_id = member.pk
    _record_ownerships(claimed)
    return len(claimed)


def orders_expire(now) -> int:
    """Delete the orders received more than `keep_orders_days` ago, with their products and
    invitations, a batch per transaction (the ownerships they proved stay, without them), and
    the signatures of webhook requests too old to be replayed. Returns the orders deleted."""
    OrderReceipt.objects.filter(received_at__lt=now - RECEIPTS_KEPT).delete()
    kept_days = ReviewInvitationSettings.load().keep_orders_days
    expired = Order.objects.filter(received_at__lt=now - timedelta(days=kept_days))
    deleted = 0
    while True:
        with transaction.atomic():
            ids = list(expired.order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE])
            if not ids:
                return deleted
            Order.objects.filter(pk__in=ids).delete()
        deleted += len(ids)


# CSV import ----------------------------------------------------------------------------------


@dataclass
class OrderImportReport:
    """What an import did: orders created, rows whose reference was known already, and the
    rows refused, with their line and why (the first `REPORTED_ROWS` listed, all counted)."""

    created: int = 0
    duplicates: int = 0
    refused: int = 0
    unmatched: list = field(default_factory=list)

    def refuse(self, line: int, row: list, why: str) -> None:
        self.refused += 1
        if len(self.unmatched) < REPORTED_ROWS:
            self.unmatched.append((line, row, why))


def _columns(header) -> dict:
    """{column name: its index} from the header row; `ValidationError` when one is missing."""
    names = [name.strip().lower() for name in header or ()]
    missing = [name for name in CSV_REQUIRED_COLUMNS if name not in names]
    if missing:
        raise ValidationError(
            _(
                "The first line must name the columns: %(columns)s (delivered_on and language "
                "may be left out). Missing: %(missing)s."
            )
            % {"columns": ",".join(CSV_COLUMNS), "missing": ", ".join(missing)}
        )
    return {name: names.index(name) for name in CSV_COLUMNS if name in names}


def orders_import_csv(actor, source, lines, *, on_progress=None) -> OrderImportReport:
    """Import the orders of a CSV file read line by line from `lines` (an open file, or any
    iterable of lines): a header row naming the columns (`CSV_COLUMNS`), then one order a row,
    its products separated by ";" or "|".

    The file is never held whole: rows are read, checked and written `BATCH_SIZE` at a time,
    each batch in its own transaction with a few queries (its orders, their products, their
    buyers' ownerships and their invitations), so that a file of any size takes the same
    memory. A refused row is reported with its line and why; a reference known already (in
    the database or earlier in the file) is counted, not imported twice. `on_progress(rows)`
    is told how many rows each batch read.

    `actor` is the member of staff importing in the admin, or None from the command line,
    which only those who run the site can use.
    """
    if actor is not None and not permissions.can_import_orders(actor):
        raise PermissionDenied("Only staff can import orders.")
    if not source.is_active:
        raise ValidationError(_("This order source is not active."))
    reader = csv.reader(lines)
    columns = _columns(next(reader, None))
    products = product_ids_by_slug()
    today = timezone.localdate()
    report = OrderImportReport()
    batch, rows_read = [], 0
    for row in reader:
        rows_read += 1
        if any(cell.strip() for cell in row):
            values = {
                name: row[index] if index < len(row) else "" for name, index in columns.items()
            }
            values["products"] = [
                slug for slug in PRODUCT_SEPARATORS.split(values["products"]) if slug.strip()
            ]
            try:
                batch.append(read_order(values, products, today=today))
            except InvalidOrder as invalid:
                report.refuse(reader.line_num, row, " ".join(invalid.errors.values()))
        if rows_read == BATCH_SIZE:
            _import_batch(source, batch, report)
            if on_progress is not None:
                on_progress(rows_read)
            batch, rows_read = [], 0
    _import_batch(source, batch, report)
    if on_progress is not None and rows_read:
        on_progress(rows_read)
    return report


@transaction.atomic
def _import_batch(source, batch, report) -> None:
    """Write one batch of checked orders, with their lines, ownerships and invitations."""
    if not batch:
        return
    known = set(
        Order.objects.filter(
            source=source, reference__in=[order.reference for order in batch]
        ).values_list("reference", flat=True)
    )
    buyers = members_by_address({order.email for order in batch})
    received_at = timezone.now()
    orders, product_ids = [], []
    for data in batch:
        if data.reference in known:
            report.duplicates += 1
            continue
        known.add(data.reference)
        orders.append(
            Order(
                source=source,
                reference=data.reference,
                email=data.email,
                language=data.language,
                purchased_on=data.purchased_on,
                delivered_on=data.delivered_on,
                member_id=buyers.get(data.email),
                channel=Order.Channel.CSV,
                received_at=received_at,
            )
        )
        product_ids.append(data.product_ids)
    if not orders:
        return
    Order.objects.bulk_create(orders)
    OrderLine.objects.bulk_create(
        [
            OrderLine(order=order, product_id=product_id)
            for order, ids in zip(orders, product_ids, strict=True)
            for product_id in ids
        ]
    )
    _record_ownerships(orders)
    invitations.schedule_many(orders)
    report.created += len(orders)
