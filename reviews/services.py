"""Every write about reviews: in a transaction, with its permission check."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import audit, products, webhooks
from community import permissions as community_permissions
from community.i18n import in_each_language
from community.models import ModerationState, ProductPage
from community.moderation.services import (
    held_at_creation,
    record_state_change,
    start_moderation,
)
from community.names import role_in_each_language
from community.notifications import notify
from community.products import canonical_product
from community.protections.rules import guard_action, guard_write
from community.services import authorship_for
from community.votes import vote_set
from reviews import permissions
from reviews.models import (
    MAX_PHOTOS_PER_REVIEW,
    HelpfulVote,
    OrderSource,
    Ownership,
    Review,
    ReviewOrigin,
    StaffResponse,
    new_secret,
)
from reviews.notifications import REVIEW_MODERATED, STAFF_RESPONSE
from reviews.photos import delete_originals, next_sort_order, photos_queue
from reviews.webhooks import REVIEW_PUBLISHED

REVIEW_FIELDS = ("rating", "title", "text", "pros", "cons", "received_free")

audit.register_action("reviews.ownership_marked", gettext_lazy("Marked a verified owner"))
audit.register_action("reviews.ownership_removed", gettext_lazy("Removed a verified owner badge"))


def _review_fields(data: dict) -> dict:
    """The review's own fields from `data`, with text trimmed so that blank means empty."""
    return {
        name: data[name].strip() if isinstance(data[name], str) else data[name]
        for name in REVIEW_FIELDS
        if name in data
    }


@transaction.atomic
def review_create(
    member, product, *, data: dict, photos=(), origin: str = ReviewOrigin.UNPROMPTED
) -> Review:
    """Publish `member`'s review of `product` (or hold it when first reviews are held).

    `photos` are uploaded files that passed `photos.photo_check`: they are kept privately and
    their copies made by the task worker (`reviews.photos`); the review shows them as being
    prepared until then. `origin` says whether the shop's invitation brought it
    (`reviews.invited_reviews`); the same rules apply either way.
    """
    guard_write(member, kind="review", text=data.get("text", ""))
    if not permissions.can_write_review(member):
        raise PermissionDenied("Verify your e-mail address before writing a review.")
    product = canonical_product(product)
    if len(photos) > MAX_PHOTOS_PER_REVIEW:
        raise ValidationError(
            _("A review can have at most %(count)s photos.") % {"count": MAX_PHOTOS_PER_REVIEW}
        )
    review = Review(
        product=product,
        **_review_fields(data),
        **authorship_for(member),
        origin=origin,
    )
    start_moderation(review, member, f"{review.title} {review.text} {review.pros} {review.cons}")
    review.full_clean(exclude=["author", "product"])
    try:
        with transaction.atomic():
            review.save()
            products.recount(review)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already reviewed this product. You can edit your review instead."),
            code="duplicate",
        ) from error
    photos_queue(review, photos)
    held_at_creation(review)
    webhooks.emit(REVIEW_PUBLISHED, review)
    return review


@transaction.atomic
def review_update(actor, review, *, data: dict, photos=(), remove_photo_ids=()) -> Review:
    """The author edits their review; it shows as edited, with the date.

    `photos` are added as in `review_create`; photos still being prepared count towards the
    limit but cannot be removed until they are ready.
    """
    guard_write(actor, kind="edit", text=data.get("text", ""))
    if not permissions.can_edit_review(actor, review):
        raise PermissionDenied("Only the author can edit a review.")
    removed = list(review.photos.filter(pk__in=remove_photo_ids))
    remaining = review.photos.count() + review.pending_photos.count() - len(removed)
    if remaining + len(photos) > MAX_PHOTOS_PER_REVIEW:
        raise ValidationError(
            _("A review can have at most %(count)s photos.") % {"count": MAX_PHOTOS_PER_REVIEW}
        )
    for name, value in _review_fields(data).items():
        setattr(review, name, value)
    review.edited_at = timezone.now()
    review.full_clean(exclude=["author", "product"])
    review.save()
    products.recount(review)
    _delete_photos(removed)
    photos_queue(review, photos, start_at=next_sort_order(review))
    return review


def _delete_photos(photos):
    files = [(photo.image.storage, photo.image.name) for photo in photos]
    files += [(photo.thumbnail.storage, photo.thumbnail.name) for photo in photos]
    for photo in photos:
        photo.delete()

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)


@transaction.atomic
def review_delete(actor, review) -> None:
    if not permissions.can_delete_review(actor, review):
        raise PermissionDenied("Only the author or a moderator can delete a review.")
    _delete_photos(list(review.photos.all()))
    delete_originals(list(review.pending_photos.all()))
    review.delete()
    products.recount(review)


def review_helpful_set(member, review, *, helpful: bool) -> bool:
    """Mark a review helpful (or take it back); a double click counts once."""
    guard_action(member, "vote")
    if not permissions.can_vote_helpful(member, review):
        raise PermissionDenied("You cannot vote on this review.")
    return vote_set(
        vote_model=HelpfulVote,
        target=review,
        target_field="review",
        member=member,
        counter_field="helpful_count",
        on=helpful,
    )


@transaction.atomic
def staff_response_save(actor, review, *, text: str):
    """Write or edit the one public staff response to a review; the reviewer is told."""
    guard_write(actor, kind="staff_response", text=text)
    if not permissions.can_respond(actor, review):
        raise PermissionDenied("Only staff with an active staff card can respond to reviews.")
    text = text.strip()
    if not text:
        raise ValidationError(_("Please write a response."), code="required")
    authorship = authorship_for(actor, as_staff=True)
    response = StaffResponse.objects.filter(review=review).first()
    if response is None:
        response = StaffResponse.objects.create(review=review, text=text, **authorship)
        if review.author is not None:
            notify(
                review.author,
                STAFF_RESPONSE.key,
                params={
                    "staff_name": authorship["author_card"].real_name,
                    "role": role_in_each_language(authorship["author_card"]),
                    "title": review.title,
                },
                url=review.get_absolute_url(),
                actor=actor,
            )
    else:
        response.text = text
        response.edited_at = timezone.now()
        response.author = actor
        response.author_card = authorship["author_card"]
        response.author_role_title_en = authorship["author_role_title_en"]
        response.author_role_title_fr = authorship["author_role_title_fr"]
        response.save()
    return response


@transaction.atomic
def review_moderate(actor, review, *, state: str, reason: str = "") -> Review:
    """Publish, hold or hide a review; hiding needs a reason, which the author sees."""
    if not permissions.can_moderate_review(actor):
        raise PermissionDenied("Only moderators can publish or hide reviews.")
    if state not in ModerationState.values:
        raise ValidationError(_("Please choose a status."), code="status")
    if state == ModerationState.HIDDEN and not reason.strip():
        raise ValidationError(_("Please give the reason the author will see."), code="reason")
    record_state_change(actor, review, state=state, reason=reason)
    review.refresh_from_db()
    if review.author is not None:
        notify(
            review.author,
            REVIEW_MODERATED.key,
            params={
                "title": review.title,
                "status": in_each_language(
                    lambda: str(review.get_moderation_state_display()).lower()
                ),
                "reason": review.moderation_reason,
            },
            url=review.get_absolute_url(),
            actor=actor,
        )
    return review


@transaction.atomic
def ownership_set(actor, member, product, *, owned: bool, purchased_on=None, reason: str = ""):
    """Staff mark (or unmark) a member as a verified owner of a product.

    The badge tells readers that the reviewer really owns what they review, so both changes
    are in the audit log with who made them: a mark by staff shows as "confirmed by staff" and
    keeps who recorded it, and taking a badge away needs a reason (whatever gave it: staff, an
    import or an order). Marking a member already recorded changes nothing.
    """
    if not community_permissions.is_staff_member(actor):
        raise PermissionDenied("Only staff can mark verified owners.")
    product = canonical_product(product)
    if owned:
        ownership, created = Ownership.objects.get_or_create(
            member=member,
            product=product,
            defaults={
                "source": Ownership.Source.STAFF,
                "recorded_by": actor,
                "purchased_on": purchased_on,
            },
        )
        if created:
            audit.audit(
                actor,
                "reviews.ownership_marked",
                ownership,
                subject=member,
                product=product,
                purchased_on=purchased_on,
            )
        return ownership
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Please say why the badge is removed: the reason is kept in the audit log."),
            code="reason",
        )
    ownership = Ownership.objects.filter(member=member, product=product).first()
    if ownership is not None:
        audit.audit(
            actor,
            "reviews.ownership_removed",
            ownership,
            reason,
            subject=member,
            product=product,
            source=ownership.source,
            purchased_on=ownership.purchased_on,
        )
        ownership.delete()
    return None


@dataclass
class OwnershipImportReport:
    created: int = 0
    already_known: int = 0
    unmatched: list = field(default_factory=list)


@transaction.atomic
def ownership_import_csv(actor, text: str) -> OwnershipImportReport:
    """Import ownership records from CSV rows "e-mail, product, date" (a header is optional).

    The product is its slug or its title; the date is YYYY-MM-DD and may be empty. Rows that
    match no member or no product are reported with their line number and why.
    """
    if not community_permissions.is_staff_member(actor):
        raise PermissionDenied("Only staff can import ownership records.")
    report = OwnershipImportReport()
    members = get_user_model().objects
    products = ProductPage.objects.filter(locale__language_code="en")
    for line_number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line_number == 1 and cells[0].lower() in ("email", "e-mail", "courriel"):
            continue
        if len(cells) < 2:
            report.unmatched.append((line_number, row, _("expected: e-mail, product, date")))
            continue
        email, product_name = cells[0], cells[1]
        purchased = cells[2] if len(cells) > 2 else ""
        member = members.filter(email__iexact=email).first()
        if member is None:
            report.unmatched.append((line_number, row, _("no member has this e-mail address")))
            continue
        product = (
            products.filter(slug=product_name).first()
            or products.filter(title__iexact=product_name).first()
        )
        if product is None:
            report.unmatched.append((line_number, row, _("no product has this name")))
            continue
        try:
            purchased_on = date.fromisoformat(purchased) if purchased else None
        except ValueError:
            report.unmatched.append((line_number, row, _("the date is not YYYY-MM-DD")))
            continue
        _ownership, created = Ownership.objects.get_or_create(
            member=member,
            product=product,
            defaults={
                "source": Ownership.Source.IMPORT,
                "recorded_by": actor,
                "purchased_on": purchased_on,
            },
        )
        if created:
            report.created += 1
        else:
            report.already_known += 1
    return report


@transaction.atomic
def order_source_new_secret(actor, source) -> OrderSource:
    """Give the order source a new signing secret, when the old one leaked or the shop changes
    systems: from now on only orders signed with the new one are accepted."""
    if not permissions.can_manage_order_sources(actor):
        raise PermissionDenied("Only site admins can make a new signing secret.")
    source.secret = new_secret()
    source.save(update_fields=["secret"])
    return source


@transaction.atomic
def order_source_delete(actor, source) -> None:
    """Delete an order source that never sent an order. One whose orders are still kept is
    deactivated instead: the orders say where they came from until they expire."""
    if not permissions.can_manage_order_sources(actor):
        raise PermissionDenied("Only site admins can delete order sources.")
    if source.orders.exists():
        raise ValidationError(
            _(
                "Orders from this source are still kept, so it cannot be deleted: make it "
                "inactive instead. It can be deleted once its orders have expired."
            )
        )
    source.delete()
