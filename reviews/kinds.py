"""The review as a content kind: what moderation, trust, protections and search know of it."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from community import webhooks
from community.content_kinds import ContentKind, HistorySection, PrivateTalk, Reindex
from community.permissions import active_staff_card
from reviews.models import Ownership, Review, ReviewOrigin, StaffResponse
from reviews.permissions import can_talk_privately
from reviews.search import ReviewSearch
from reviews.services import review_delete, staff_response_save
from reviews.webhooks import REVIEW_PUBLISHED


def review_entered_public(review) -> None:
    """Reviews publish through moderation (the queue or the reviews list) as well as at
    writing: each time one enters the public, the webhooks hear of it."""
    webhooks.emit(REVIEW_PUBLISHED, review)


INVITED = Q(origin=ReviewOrigin.INVITED)
STARS = tuple(f"stars_{stars}" for stars in range(1, 6))


def product_review_counts(product_ids) -> dict:
    """Each product's published reviews: how many, the sum and spread of their stars, the
    languages they are written in, and the same figures for those written on invitation."""
    rows = (
        Review.objects.public()
        .filter(product_id__in=product_ids)
        .order_by()
        .values("product_id", "language")
        .annotate(
            count=Count("pk"),
            rating_sum=Sum("rating"),
            **{f"stars_{stars}": Count("pk", filter=Q(rating=stars)) for stars in range(1, 6)},
            invited_count=Count("pk", filter=INVITED),
            invited_rating_sum=Sum("rating", filter=INVITED),
            **{
                f"invited_stars_{stars}": Count("pk", filter=INVITED & Q(rating=stars))
                for stars in range(1, 6)
            },
        )
    )
    summed = ("review_count", "rating_sum", *STARS, "invited_count", "invited_rating_sum")
    summed += tuple(f"invited_{name}" for name in STARS)
    counts = {pk: dict.fromkeys(summed, 0) | {"review_languages": []} for pk in product_ids}
    for row in rows:
        product = counts[row["product_id"]]
        row["review_count"] = row["count"]
        for name in summed:
            product[name] += row[name] or 0
        product["review_languages"].append(row["language"])
    for product in counts.values():
        product["review_languages"].sort()
    return counts


def review_staff_reply(actor, review, text: str):
    """Staff reply under a review with its one public staff response, written or replaced."""
    return staff_response_save(actor, review, text=text)


def review_looked_after_by(review):
    """The member of staff whose response the review carries, while their card is active."""
    response = StaffResponse.objects.filter(review=review).select_related("author").first()
    if response is not None and response.author is not None:
        card = active_staff_card(response.author)
        if card is not None:
            return response.author, card
    return None, None


def reviews_of_member(member):
    return (
        Review.objects.filter(author=member)
        .select_related("product", "staff_response__author_card")
        .order_by("-created_at", "-pk")
    )


def products_of_member(member):
    """The products the member owns, as recorded (by an import or by staff)."""
    return (
        Ownership.objects.filter(member=member)
        .select_related("product", "recorded_by__staff_card")
        .order_by("-created_at", "-pk")
    )


REVIEW = ContentKind(
    key="review",
    label=_("review"),
    model_label="reviews.Review",
    order=10,
    text_field="text",
    markdown=False,
    edit_fields=("title", "text", "pros", "cons"),
    has_title=True,
    parent_field="product",
    soft_delete=False,
    delete=review_delete,
    other_writing=("staff_response",),
    entered_public=review_entered_public,
    product_counts=product_review_counts,
    queue_related=("product", "author", "moderated_by"),
    search=ReviewSearch(),
    reindex_on=(Reindex("reviews.Review"), Reindex("reviews.StaffResponse", "review_id")),
    shown_with=(
        "reviews.ReviewPhoto",
        "reviews.PendingReviewPhoto",
        "reviews.HelpfulVote",
        "reviews.Ownership",
    ),
    staff_reply=review_staff_reply,
    looked_after_by=review_looked_after_by,
    private_talk=PrivateTalk(
        rows=lambda: Review.objects.select_related(
            "product", "author", "staff_response__author_card"
        ),
        can_start=can_talk_privately,
    ),
    member_history=(
        HistorySection("reviews", _("Reviews"), reviews_of_member, order=10),
        HistorySection("products", _("Products owned"), products_of_member, order=60),
    ),
)
