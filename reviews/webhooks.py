"""What the webhooks are told about reviews: one published (registered in
`ReviewsConfig.ready()`), each time it enters the public; the body describes the review as the
API does."""

from django.utils.translation import gettext_lazy as _

from community.webhook_events import Event
from reviews.api import ReviewSerializer, public_reviews

REVIEW_PUBLISHED = "review.published"


def describe_published(pk) -> dict | None:
    review = public_reviews().filter(pk=pk).first()
    return {"review": ReviewSerializer(review).data} if review else None


EVENTS = (Event(REVIEW_PUBLISHED, _("A review is published"), describe_published, order=40),)
