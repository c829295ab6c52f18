"""The review as visitors find it in search: its text with the staff's response, rated."""

from django.utils.translation import gettext_lazy as _

from community.searching import Entry, SearchFacet, join_text, votes_lift
from reviews.models import Review


class ReviewSearch(SearchFacet):
    """A review with its staff response; well-voted reviews rank higher."""

    key = "review"
    label = _("Review")
    label_plural = _("Reviews")
    order = 30
    details_template = "reviews/includes/search_result.html"

    def indexable(self):
        return Review.objects.public().select_related("staff_response")

    def entry(self, review) -> Entry:
        response = getattr(review, "staff_response", None)
        return Entry(
            kind=self.key,
            object_id=review.pk,
            title=review.title,
            body=join_text(
                review.text, review.pros, review.cons, response.text if response else ""
            ),
            product_id=review.product_id,
            rating=review.rating,
            created_at=review.created_at,
            boost=votes_lift(review.helpful_count, per_decade=0.25, most=0.5),
        )

    def for_display(self, ids):
        return Review.objects.public().filter(pk__in=ids).select_related("author")

    def url(self, review, *, request=None, product_url: str = "") -> str:
        """Reviews have no page of their own: the product's page, opened at the review."""
        return f"{product_url}?review={review.pk}#review-{review.pk}"
