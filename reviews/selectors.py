"""Every read a reviews page needs, with its joins: a product page costs the same number of
queries with 5 reviews as with 500."""

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, Value

from reviews.models import HelpfulVote, Ownership, Review, ReviewPhoto

PUBLISHED = Review.Status.PUBLISHED

SORTS = {
    "helpful": ("-helpful_count", "-created_at", "-pk"),
    "newest": ("-created_at", "-pk"),
    "highest": ("-rating", "-created_at", "-pk"),
    "lowest": ("rating", "-created_at", "-pk"),
}
DEFAULT_SORT = "helpful"


def rating_summary(product) -> dict:
    """Average (to one decimal), count and the 5-to-1 distribution of published reviews."""
    counts = Review.objects.filter(product=product, status=PUBLISHED).aggregate(
        count=Count("pk"),
        average=Avg("rating"),
        **{f"stars_{stars}": Count("pk", filter=Q(rating=stars)) for stars in range(1, 6)},
    )
    total = counts["count"]
    distribution = [
        {
            "stars": stars,
            "count": counts[f"stars_{stars}"],
            "percent": round(100 * counts[f"stars_{stars}"] / total) if total else 0,
        }
        for stars in range(5, 0, -1)
    ]
    average = round(counts["average"], 1) if counts["average"] is not None else None
    return {"count": total, "average": average, "distribution": distribution}


def _with_everything(queryset, viewer=None):
    is_owner = Ownership.objects.filter(member=OuterRef("author"), product=OuterRef("product"))
    queryset = queryset.select_related(
        "author",
        "author_card__member",
        "author_card__team",
        "staff_response__author",
        "staff_response__author_card__member",
        "staff_response__author_card__team",
    ).prefetch_related(Prefetch("photos", queryset=ReviewPhoto.objects.order_by("sort_order")))
    queryset = queryset.annotate(is_verified_owner=Exists(is_owner))
    if viewer is not None and viewer.is_authenticated:
        voted = HelpfulVote.objects.filter(review=OuterRef("pk"), member=viewer)
        queryset = queryset.annotate(viewer_found_helpful=Exists(voted))
    else:
        queryset = queryset.annotate(viewer_found_helpful=Value(False))
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
):
    """Published reviews of `product`, filtered and sorted as the reader asked."""
    reviews = Review.objects.filter(product=product, status=PUBLISHED)
    if rating:
        reviews = reviews.filter(rating=rating)
    if with_photos:
        reviews = reviews.filter(Exists(ReviewPhoto.objects.filter(review=OuterRef("pk"))))
    if verified_only:
        reviews = reviews.filter(
            Exists(Ownership.objects.filter(member=OuterRef("author"), product=OuterRef("product")))
        )
    if language:
        reviews = reviews.filter(language=language)
    return _with_everything(reviews, viewer).order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def viewer_review(product, viewer):
    """The viewer's own review of the product, whatever its status, or None."""
    if viewer is None or not viewer.is_authenticated:
        return None
    return _with_everything(Review.objects.filter(product=product, author=viewer), viewer).first()


def product_photos(product, limit=12):
    """The photo strip: photos of published reviews, newest first."""
    return (
        ReviewPhoto.objects.filter(review__product=product, review__status=PUBLISHED)
        .select_related("review")
        .order_by("-review__created_at", "sort_order")[:limit]
    )


def review_languages(product):
    return list(
        Review.objects.filter(product=product, status=PUBLISHED)
        .values_list("language", flat=True)
        .distinct()
        .order_by("language")
    )


def member_reviews(member, *, viewer=None):
    reviews = Review.objects.filter(author=member, status=PUBLISHED).select_related("product")
    return _with_everything(reviews, viewer).order_by("-created_at")


def review_for_page(pk, viewer=None):
    return _with_everything(Review.objects.filter(pk=pk), viewer).select_related("product").first()
