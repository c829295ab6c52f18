"""What the reviews app keeps about a member, in "my data" and in the download, and how it is
erased when they delete their account: their reviews with their photos, their "helpful" votes,
the responses they signed as staff, the products they own, and the orders shops sent for them
with their review invitations. A photo still being prepared is there as the file they
uploaded. Registered by `ReviewsConfig.ready()` with `community.personal_data` and
`community.erasure`.
"""

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from community import erasure, products
from community.personal_data import DataSection, file_name, public_url, register, when, written
from reviews.models import (
    HelpfulVote,
    Invitation,
    Order,
    Ownership,
    PendingReviewPhoto,
    Review,
    ReviewPhoto,
    StaffResponse,
)
from reviews.photos import delete_originals, review_photo_prepare

# My data -------------------------------------------------------------------------------------


def review_photo_path(photo) -> str:
    return f"files/reviews/{photo.review_id}/{photo.pk}-{file_name(photo.image)}"


def pending_photo_path(photo) -> str:
    """The file as uploaded, under the name the member gave it."""
    name = photo.file_name or file_name(photo.original)
    return f"files/reviews/{photo.review_id}/being-prepared/{photo.pk}-{name}"


def describe_review(review) -> dict:
    return {
        **written(review),
        "product": review.product.title,
        "rating": review.rating,
        "title": review.title,
        "text": review.text,
        "pros": review.pros,
        "cons": review.cons,
        "received_for_free": review.received_free,
        "status": review.moderation_state,
        "reason_given_by_moderation": review.moderation_reason,
        "helpful_votes": review.helpful_count,
        "photos": [review_photo_path(photo) for photo in review.photos.all()],
        "photos_being_prepared": [
            pending_photo_path(photo) for photo in review.pending_photos.all()
        ],
    }


def review_files(review):
    for photo in review.photos.all():
        yield review_photo_path(photo), photo.image
    for photo in review.pending_photos.all():
        yield pending_photo_path(photo), photo.original


def reviews_of(member):
    return (
        Review.objects.filter(author=member)
        .select_related("product")
        .prefetch_related("photos", "pending_photos")
    )


register(
    DataSection(
        key="reviews",
        label=_("Reviews"),
        explanation=_(
            "The reviews you wrote, with their photos; published ones appear on the product's "
            "page and in search."
        ),
        rows=reviews_of,
        describe=describe_review,
        files=review_files,
        url=public_url,
        title=lambda review: f"{review.title} · {review.product.title}",
        order=30,
    )
)


def helpful_votes_of(member):
    return (
        HelpfulVote.objects.filter(member=member)
        .select_related("review__product")
        .order_by("-created_at")
    )


register(
    DataSection(
        key="helpful_votes",
        label=_("Reviews you found helpful"),
        explanation=_(
            "Your “helpful” votes; others see only the total on each review, not who voted."
        ),
        rows=helpful_votes_of,
        describe=lambda vote: {
            "review_id": vote.review_id,
            "review": vote.review.title,
            "product": vote.review.product.title,
            "voted_at": when(vote.created_at),
        },
        url=lambda vote: public_url(vote.review),
        title=lambda vote: vote.review.title,
        order=32,
    )
)


def staff_responses_of(member):
    return (
        StaffResponse.objects.filter(author=member)
        .select_related("review__product")
        .order_by("-created_at")
    )


register(
    DataSection(
        key="staff_responses",
        label=_("Responses to reviews"),
        explanation=_(
            "For members of staff: the brand's public responses to reviews that you signed."
        ),
        rows=staff_responses_of,
        describe=lambda response: {
            **written(response),
            "review_id": response.review_id,
            "product": response.review.product.title,
            "text": response.text,
        },
        url=lambda response: public_url(response.review),
        title=lambda response: response.review.title,
        order=34,
    )
)


def ownerships_of(member):
    return Ownership.objects.filter(member=member).select_related("product").order_by("-created_at")


register(
    DataSection(
        key="ownerships",
        label=_("Products you own"),
        explanation=_(
            "Ownership records from staff, the brand's sales records or a shop's orders; with "
            "your consent they earn your reviews of these products the “verified owner” badge."
        ),
        rows=ownerships_of,
        describe=lambda ownership: {
            "product": ownership.product.title,
            "purchased_on": when(ownership.purchased_on),
            "source": ownership.source,
            "recorded_at": when(ownership.created_at),
        },
        title=lambda ownership: ownership.product.title,
        order=36,
    )
)


def member_orders(member):
    """The orders shops sent for the member: matched to them, or sent to an address they
    verified (an order sent before the address was verified waits unmatched until then)."""
    verified = (
        EmailAddress.objects.filter(user=member, verified=True)
        .annotate(address=Lower("email"))
        .values("address")
    )
    return Order.objects.filter(Q(member=member) | Q(email__in=verified))


def orders_of(member):
    return (
        member_orders(member)
        .select_related("source")
        .prefetch_related("lines__product")
        .order_by("-received_at", "-pk")
    )


register(
    DataSection(
        key="orders",
        label=_("Your orders"),
        explanation=_(
            "Orders a shop sent us with your e-mail address: they make you a verified owner of "
            "what you bought and bring one invitation to review it. They are deleted after the "
            "retention period the community sets."
        ),
        rows=orders_of,
        describe=lambda order: {
            "reference": order.reference,
            "shop": order.source.name,
            "email": order.email,
            "products": [line.product.title for line in order.lines.all()],
            "purchased_on": when(order.purchased_on),
            "delivered_on": when(order.delivered_on),
            "language": order.language,
            "received_at": when(order.received_at),
        },
        title=lambda order: f"{order.source.name} · {order.reference}",
        order=37,
    )
)


def invitations_of(member):
    return (
        Invitation.objects.filter(order__in=member_orders(member).values("pk"))
        .select_related("product", "order")
        .order_by("-due_at", "-pk")
    )


register(
    DataSection(
        key="review_invitations",
        label=_("Invitations to review"),
        explanation=_(
            "The invitations your orders bring: when each is due, sent, reminded, followed and "
            "used. If you unsubscribed, only a coded form of your address is kept, so that you "
            "are never invited again; it is not personal data we can read back."
        ),
        rows=invitations_of,
        describe=lambda invitation: {
            "product": invitation.product.title,
            "order_reference": invitation.order.reference,
            "status": invitation.status,
            "not_sent_because": invitation.skipped_because,
            "due_at": when(invitation.due_at),
            "sent_at": when(invitation.sent_at),
            "reminded_at": when(invitation.reminded_at),
            "link_first_followed_at": when(invitation.opened_at),
            "reviewed_at": when(invitation.reviewed_at),
        },
        title=lambda invitation: " · ".join(
            (invitation.product.title, invitation.get_status_display())
        ),
        order=38,
    )
)

# Erasure -------------------------------------------------------------------------------------

erase_helpful_votes = erasure.vote_eraser(HelpfulVote, "review", Review, "helpful_count")


def erase_reviews(member, choice):
    """A review is the member's own opinion: REMOVE deletes it with its photos, the staff
    response and the helpful votes; ANONYMISE keeps it, with its photos, by a former member.
    The product's rating is read from the published reviews, so it follows either way.

    Photos still being prepared are files as the member uploaded them (with their camera's
    data): removed with the review, or prepared now when it is kept, so that only their clean
    copies outlive the account."""
    if choice == erasure.Choice.ANONYMISE:
        for photo_id in PendingReviewPhoto.objects.filter(review__author=member).values_list(
            "pk", flat=True
        ):
            review_photo_prepare(photo_id)
        return erasure.anonymise(Review, member, kind="review")

    def handle(ids):
        photos = list(ReviewPhoto.objects.filter(review_id__in=ids))
        erasure.delete_picture_files(photos)
        ReviewPhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
        pending = list(PendingReviewPhoto.objects.filter(review_id__in=ids))
        delete_originals(pending)
        PendingReviewPhoto.objects.filter(pk__in=[photo.pk for photo in pending]).delete()
        erasure.forget_generic(Review, ids)
        product_ids = set(Review.objects.filter(pk__in=ids).values_list("product_id", flat=True))
        Review.objects.filter(pk__in=ids).delete()
        products.refresh_product_stats(product_ids, kinds=("review",))

    return erasure.in_batches(lambda: Review.objects.filter(author=member), handle)


def erase_staff_responses(member, choice):
    """Staff close their accounts through a site admin, but a former member of staff may still
    have signed responses: they stay, the brand's, signed by nobody."""
    return StaffResponse.objects.filter(author=member).update(author=None)


def erase_ownerships(member, choice):
    return Ownership.objects.filter(member=member).delete()[0]


def erase_orders(member, choice):
    """Orders are personal data whatever the choice: they go with their invitations. An
    opt-out from invitations stays, as a keyed hash that names nobody, so that the address is
    still never invited (`reviews.invitations.address_hash`)."""
    ids = list(member_orders(member).values_list("pk", flat=True))
    return Order.objects.filter(pk__in=ids).delete()[0]


erasure.register("votes.reviews", erase_helpful_votes, order=13, atomic=False)
erasure.register("writing.reviews", erase_reviews, order=60, atomic=False)
erasure.register("writing.other.reviews", erase_staff_responses, order=70)
erasure.register("account.reviews", erase_ownerships, order=200)
erasure.register("account.orders", erase_orders, order=200)
