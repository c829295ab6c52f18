"""What the reviews app keeps about a member, in "my data" and in the download, and how it is
erased when they delete their account: their reviews with their photos, their "helpful" votes,
the responses they signed as staff, and the products they own. A photo still being prepared
is there as the file they uploaded. Registered by
`ReviewsConfig.ready()` with `community.personal_data` and `community.erasure`.
"""

from django.utils.translation import gettext_lazy as _

from community import erasure, products
from community.personal_data import DataSection, file_name, public_url, register, when, written
from reviews.models import (
    HelpfulVote,
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
            "Ownership records from staff or the brand's sales records; with your consent they "
            "earn your reviews of these products the “verified owner” badge."
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


erasure.register("votes.reviews", erase_helpful_votes, order=13, atomic=False)
erasure.register("writing.reviews", erase_reviews, order=60, atomic=False)
erasure.register("writing.other.reviews", erase_staff_responses, order=70)
erasure.register("account.reviews", erase_ownerships, order=200)
