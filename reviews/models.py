from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models import AuthoredContent, Moderated

MAX_PHOTOS_PER_REVIEW = 6


class Review(AuthoredContent, Moderated):
    """A member's review of a product: a rating, what they think, and optional photos.

    Customers trust each other more than a brand's own pages, so a review says who wrote it,
    whether they are a verified owner and whether they got the product for free. One review per
    member and product; only published reviews are public and count in the product's rating.
    """

    product = models.ForeignKey(
        "community.ProductPage",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("review"), max_length=5000)
    pros = models.TextField(_("pros"), max_length=1000, blank=True)
    cons = models.TextField(_("cons"), max_length=1000, blank=True)
    received_free = models.BooleanField(
        _("I received this product for free or was paid"), default=False
    )
    helpful_count = models.PositiveIntegerField(_("helpful votes"), default=0)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "author"],
                condition=models.Q(author__isnull=False),
                name="one_review_per_member_and_product",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
        ]
        # One index per sort of a product's reviews (and the star filter), so that a page of
        # the list reads ten rows in order however many reviews the product has.
        indexes = [
            models.Index(
                fields=["product", "moderation_state", "-helpful_count", "-created_at", "-id"],
                name="review_product_helpful",
            ),
            models.Index(
                fields=["product", "moderation_state", "-created_at", "-id"],
                name="review_product_recent",
            ),
            models.Index(
                fields=["product", "moderation_state", "rating", "-created_at", "-id"],
                name="review_product_rating",
            ),
            models.Index(
                fields=["product", "moderation_state", "-rating", "-created_at", "-id"],
                name="review_product_highest",
            ),
            models.Index(
                fields=["product", "moderation_state", "language", "-helpful_count"],
                name="review_product_language",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.product.url}?review={self.pk}#review-{self.pk}"


class ReviewPhoto(models.Model):
    """A photo in a review, checked and cleaned like avatars, kept large and as a thumbnail."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="reviews/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="reviews/%Y/%m/thumbs/")
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("review photo")
        verbose_name_plural = _("review photos")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.review} · {self.sort_order + 1}"


def uploads_storage():
    """Private files, outside the public media (see STORAGES["uploads"] in the settings)."""
    return storages["uploads"]


class PendingReviewPhoto(models.Model):
    """A photo sent with a review, kept privately as it was uploaded until the task worker has
    made its copies (`ReviewPhoto`).

    Decoding a large photo takes seconds and hundreds of megabytes, more than a request can
    spend (six at once would not answer at all): the request only checks the file's header and
    stores it here, and the review shows "photos being prepared" until the worker is done. The
    worker then deletes the row and the original; `queued_at` lets a sweep enqueue again a photo
    whose worker was stopped half way (`services.review_photos_resume`).
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="pending_photos")
    original = models.FileField(
        _("uploaded file"), upload_to="review-photos/%Y/%m/", storage=uploads_storage
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    queued_at = models.DateTimeField(_("last sent to the worker"), db_index=True)

    class Meta:
        verbose_name = _("photo being prepared")
        verbose_name_plural = _("photos being prepared")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.review} · {self.file_name}"


class HelpfulVote(models.Model):
    """A member found a review helpful: once per member and review, never on their own."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="helpful_votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helpful_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")
        constraints = [
            models.UniqueConstraint(fields=["review", "member"], name="one_helpful_vote_per_member")
        ]

    def __str__(self):
        return f"{self.member} · {self.review}"


class StaffResponse(AuthoredContent):
    """The brand's one public answer to a review, signed by a named member of staff."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="staff_response")
    text = models.TextField(_("response"), max_length=3000)

    class Meta:
        verbose_name = _("staff response")
        verbose_name_plural = _("staff responses")

    def __str__(self):
        return f"{self.review} · {self.author_card or self.author}"


class Ownership(models.Model):
    """A member owns a product: recorded by staff or imported from the brand's sales records.

    It earns their reviews of that product the "verified owner" badge.
    """

    class Source(models.TextChoices):
        STAFF = "staff", _("Marked by staff")
        IMPORT = "import", _("Imported from sales records")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="ownerships",
    )
    product = models.ForeignKey(
        "community.ProductPage",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="ownerships",
    )
    purchased_on = models.DateField(_("purchased on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("ownership record")
        verbose_name_plural = _("ownership records")
        constraints = [
            models.UniqueConstraint(fields=["member", "product"], name="one_ownership_per_product")
        ]

    def __str__(self):
        return f"{self.member} · {self.product}"
