"""What product pages and cards show in numbers, counted once when content changes rather than
on every request: a popular product holds tens of thousands of reviews."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from community.page_scopes import ForgetsPagesQuerySet

# The scope of the cached pages that show products' counts (community.page_scopes): the lists'
# product filters and the product cards, not the pages of one idea or question.
PRODUCT_COUNTS = "product_counts"


class ProductStats(models.Model):
    """The counts of one product's reviews, questions and ideas, kept exact by
    `community.products.refresh_product_stats`, which recounts them from the rows whenever a
    review, question or idea of the product is written, moderated, moved or erased.

    A row of its own rather than fields of the page: publishing a revision of the page would
    write back the counts the revision was saved with.
    """

    product = models.OneToOneField(
        "community.ProductPage",
        verbose_name=_("product"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="stats",
    )
    review_count = models.PositiveIntegerField(_("published reviews"), default=0)
    rating_sum = models.PositiveIntegerField(_("sum of their ratings"), default=0)
    stars_1 = models.PositiveIntegerField(_("1-star reviews"), default=0)
    stars_2 = models.PositiveIntegerField(_("2-star reviews"), default=0)
    stars_3 = models.PositiveIntegerField(_("3-star reviews"), default=0)
    stars_4 = models.PositiveIntegerField(_("4-star reviews"), default=0)
    stars_5 = models.PositiveIntegerField(_("5-star reviews"), default=0)
    review_languages = models.JSONField(_("languages of the reviews"), default=list, blank=True)
    # Of the published reviews, those written on the shop's invitation (the rest are
    # unprompted): the product page compares the two.
    invited_count = models.PositiveIntegerField(_("published invited reviews"), default=0)
    invited_rating_sum = models.PositiveIntegerField(
        _("sum of the invited reviews' ratings"), default=0
    )
    invited_stars_1 = models.PositiveIntegerField(_("invited 1-star reviews"), default=0)
    invited_stars_2 = models.PositiveIntegerField(_("invited 2-star reviews"), default=0)
    invited_stars_3 = models.PositiveIntegerField(_("invited 3-star reviews"), default=0)
    invited_stars_4 = models.PositiveIntegerField(_("invited 4-star reviews"), default=0)
    invited_stars_5 = models.PositiveIntegerField(_("invited 5-star reviews"), default=0)
    question_count = models.PositiveIntegerField(_("public questions"), default=0)
    solved_question_count = models.PositiveIntegerField(_("solved questions"), default=0)
    idea_count = models.PositiveIntegerField(_("public ideas"), default=0)
    updated_at = models.DateTimeField(_("counted"), auto_now=True)

    # Recounts are bulk updates: they forget the cached pages that show the counts themselves.
    objects = ForgetsPagesQuerySet.as_manager()
    page_scope = PRODUCT_COUNTS

    class Meta:
        verbose_name = _("product counts")
        verbose_name_plural = _("product counts")

    def __str__(self):
        return f"{self.product_id}"

    @property
    def average(self) -> float | None:
        """The average rating to one decimal, half-way values rounded up (4.25 shows as 4.3)."""
        return rating_average(self.rating_sum, self.review_count)

    def stars(self, stars: int) -> int:
        return getattr(self, f"stars_{stars}")

    def rating_summary(self) -> dict:
        """Average, count and the 5-to-1 distribution, as the reviews section draws them."""
        return _summary(
            self.review_count,
            self.rating_sum,
            {stars: self.stars(stars) for stars in range(1, 6)},
        )

    def origin_summaries(self) -> dict:
        """{"invited": summary, "unprompted": summary}: the same figures as `rating_summary`
        for the reviews written on the shop's invitation and for the others."""
        invited = {stars: getattr(self, f"invited_stars_{stars}") for stars in range(1, 6)}
        unprompted = {stars: self.stars(stars) - invited[stars] for stars in range(1, 6)}
        return {
            "invited": _summary(self.invited_count, self.invited_rating_sum, invited),
            "unprompted": _summary(
                self.review_count - self.invited_count,
                self.rating_sum - self.invited_rating_sum,
                unprompted,
            ),
        }


def _summary(count, rating_sum, stars: dict) -> dict:
    return {
        "count": count,
        "average": rating_average(rating_sum, count),
        "distribution": [
            {
                "stars": value,
                "count": stars[value],
                "percent": round(100 * stars[value] / count) if count else 0,
            }
            for value in range(5, 0, -1)
        ],
    }


def rating_average(rating_sum, count) -> float | None:
    if not count:
        return None
    tenths = (Decimal(rating_sum) / Decimal(count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(tenths)
