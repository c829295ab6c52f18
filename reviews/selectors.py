"""Every read a reviews page needs, with its joins: a product page costs the same number of
queries with 5 reviews as with 500."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from community.models import ModerationState, ProductStats, Report
from community.selectors import reports_and_follows
from reviews.models import HelpfulVote, Ownership, PendingReviewPhoto, Review, ReviewPhoto

SORTS = {
    "helpful": ("-helpful_count", "-created_at", "-pk"),
    "newest": ("-created_at", "-pk"),
    "highest": ("-rating", "-created_at", "-pk"),
    "lowest": ("rating", "-created_at", "-pk"),
}
DEFAULT_SORT = "helpful"


def product_stats(product):
    """The product's stored counts (`ProductStats`): the ones routing loaded with the page, or
    read now; empty counts when the product has none yet."""
    if "stats" in product._state.fields_cache:
        return product.product_stats
    return ProductStats.objects.filter(product_id=product.pk).first() or ProductStats(
        product_id=product.pk
    )


def rating_summary(product) -> dict:
    """Average (to one decimal), count and the 5-to-1 distribution of published reviews, from
    the product's stored counts: never an aggregate over its reviews."""
    return product_stats(product).rating_summary()


# Products compare their invited and unprompted reviews in public once they have this many
# published reviews of each: below it, one review more or less would swing the comparison.
ORIGIN_COMPARISON_MINIMUM = 10


def _shown_ownership():
    """The ownership record of the review in the outer query, when its author consented to
    being shown as the product's owner (`PrivacyChoices.show_owner_badge`): the badge, and the
    purchase month beside it, tell everyone what they bought."""
    return Ownership.objects.filter(
        member=OuterRef("author"),
        product=OuterRef("product"),
        member__privacy_choices__show_owner_badge=True,
    )


def shown_as_verified_owner():
    """The condition for a review's "verified owner" badge: its author owns the product and
    consented to being shown as its owner."""
    return Exists(_shown_ownership())


def origin_comparison(stats) -> dict | None:
    """The invited and the unprompted reviews side by side, from the product's stored counts
    (`ProductStats.origin_summaries`), once the product has `ORIGIN_COMPARISON_MINIMUM`
    published reviews of each; None before that.

    {"invited": summary, "unprompted": summary, "distribution": [{"stars": 5, "invited": row,
    "unprompted": row}, ... down to 1 star]}, each summary and row as in `rating_summary`.
    """
    summaries = stats.origin_summaries()
    invited, unprompted = summaries["invited"], summaries["unprompted"]
    if min(invited["count"], unprompted["count"]) < ORIGIN_COMPARISON_MINIMUM:
        return None
    return {
        "invited": invited,
        "unprompted": unprompted,
        "distribution": [
            {"stars": invited_row["stars"], "invited": invited_row, "unprompted": unprompted_row}
            for invited_row, unprompted_row in zip(
                invited["distribution"], unprompted["distribution"], strict=True
            )
        ],
    }


def _with_everything(queryset, viewer=None):
    queryset = queryset.select_related(
        "author",
        "author_card__member",
        "author_card__team",
        "staff_response__author",
        "staff_response__author_card__member",
        "staff_response__author_card__team",
        "moderated_by__staff_card",
        "moderator_edited_by__staff_card",
    ).prefetch_related(Prefetch("photos", queryset=ReviewPhoto.objects.order_by("sort_order")))
    queryset = queryset.annotate(
        is_verified_owner=shown_as_verified_owner(),
        # Where the badge came from, beside it: "bought in March 2026, invited by the shop".
        owner_source=Subquery(_shown_ownership().values("source")[:1]),
        owner_purchased_on=Subquery(_shown_ownership().values("purchased_on")[:1]),
        photos_being_prepared=_count(
            PendingReviewPhoto.objects.filter(review=OuterRef("pk")), "review"
        ),
    )
    if viewer is not None and viewer.is_authenticated:
        voted = HelpfulVote.objects.filter(review=OuterRef("pk"), member=viewer)
        reported = Report.objects.filter(
            content_type=ContentType.objects.get_for_model(Review),
            object_id=OuterRef("pk"),
            reporter=viewer,
        )
        queryset = queryset.annotate(
            viewer_found_helpful=Exists(voted), viewer_reported=Exists(reported)
        )
    else:
        queryset = queryset.annotate(
            viewer_found_helpful=Value(False), viewer_reported=Value(False)
        )
    return queryset


def product_reviews(
    product,
    *,
    viewer=None,
    sort=DEFAULT_SORT,
    rating=None,
    with_photos=False,
    verified_only=False,
    language=None,
    origin=None,
):
    """Published reviews of `product`, filtered and sorted as the reader asked; `origin` is a
    `ReviewOrigin` (invited by the shop, or unprompted)."""
    reviews = Review.objects.public().filter(product=product)
    if rating:
        reviews = reviews.filter(rating=rating)
    if with_photos:
        reviews = reviews.filter(Exists(ReviewPhoto.objects.filter(review=OuterRef("pk"))))
    if verified_only:
        reviews = reviews.filter(shown_as_verified_owner())
    if language:
        reviews = reviews.filter(language=language)
    if origin:
        reviews = reviews.filter(origin=origin)
    return _with_everything(reviews, viewer).order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def viewer_review(product, viewer):
    """The viewer's own review of the product, whatever its status, or None."""
    if viewer is None or not viewer.is_authenticated:
        return None
    return _with_everything(Review.objects.filter(product=product, author=viewer), viewer).first()


def product_photos(product, limit=12):
    """The photo strip: photos of published reviews, newest first."""
    return (
        ReviewPhoto.objects.filter(
            review__product=product, review__moderation_state=ModerationState.PUBLISHED
        )
        .select_related("review", "review__author")
        .order_by("-review__created_at", "sort_order")[:limit]
    )


def review_languages(product):
    """The languages the product's published reviews are written in, from its stored counts."""
    return list(product_stats(product).review_languages)


def member_reviews(member, *, viewer=None):
    reviews = Review.objects.public().filter(author=member).select_related("product")
    return _with_everything(reviews, viewer).order_by("-created_at")


def review_for_page(pk, viewer=None):
    return _with_everything(Review.objects.filter(pk=pk), viewer).select_related("product").first()


def staff_response_of(review):
    """The review's staff response, or None: the reverse one-to-one raises when there is none,
    even when `select_related` has already found that out."""
    try:
        return review.staff_response
    except ObjectDoesNotExist:
        return None


def structured_data_reviews(product, limit=10):
    """The published reviews shown to search engines: the most helpful, with their authors."""
    return (
        Review.objects.public()
        .filter(product=product)
        .select_related("author")
        .order_by(*SORTS["helpful"])[:limit]
    )


def open_reports():
    """Open reports about the review in the outer query (Report is a generic relation)."""
    return Report.objects.filter(
        content_type=ContentType.objects.get_for_model(Review),
        object_id=OuterRef("pk"),
        status=Report.Status.OPEN,
    )


def _count(queryset, group_by):
    """A correlated COUNT subquery: one per row of the outer query, never one query per row."""
    counted = queryset.order_by().values(group_by).annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def reviews_for_moderation():
    """Every review, with what the moderation list shows, in one query however long the list."""
    photos = ReviewPhoto.objects.filter(review=OuterRef("pk"))
    return Review.objects.select_related("product", "author").annotate(
        photo_count=_count(photos, "review"),
        open_report_count=_count(open_reports(), "object_id"),
    )


def member_stake(member, product_ids) -> list:
    """The rows that make these products' reviews look different to `member`: their own
    review (whatever its status), their helpful votes and reports, and owning the product
    (`page_cache`)."""
    reviews = Review.objects.filter(product_id__in=product_ids)
    return [
        reviews.filter(author=member),
        HelpfulVote.objects.filter(member=member, review__product_id__in=product_ids),
        Ownership.objects.filter(member=member, product_id__in=product_ids),
        *reports_and_follows(member, Review, reviews.values("pk")),
    ]
