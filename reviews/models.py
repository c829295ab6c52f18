import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from community.models import AuthoredContent, Moderated

MAX_PHOTOS_PER_REVIEW = 6


class ReviewOrigin(models.TextChoices):
    """How a review came about: readers see it beside the "verified owner" badge, and the
    product page compares the two (`reviews.invitations`)."""

    UNPROMPTED = "unprompted", _("Wrote unprompted")
    INVITED = "invited", _("Invited by the shop")


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
    origin = models.CharField(
        _("how it came about"),
        max_length=16,
        choices=ReviewOrigin.choices,
        default=ReviewOrigin.UNPROMPTED,
        help_text=_("Whether the author wrote on their own or followed the shop's invitation."),
    )

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
    """A member owns a product: recorded by staff, imported from the brand's sales records, or
    created by an order the shop sent (`Order`), matched by the member's verified address.

    It earns their reviews of that product the "verified owner" badge, which says where it came
    from ("bought in March, invited by the shop", "confirmed by staff").
    """

    class Source(models.TextChoices):
        STAFF = "staff", _("Marked by staff")
        IMPORT = "import", _("Imported from sales records")
        ORDER = "order", _("Order sent by the shop")

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
    order = models.ForeignKey(
        "reviews.Order",
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ownerships",
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


# Orders and review invitations ---------------------------------------------------------------


@register_setting(icon="mail")
class ReviewInvitationSettings(BaseGenericSetting):
    """How buyers are invited to review what they bought; a product can set its own delay
    (`ProductInvitationPolicy`)."""

    invitations_on = models.BooleanField(
        _("invite buyers to review"),
        default=True,
        help_text=_("When off, orders still make buyers verified owners but no one is invited."),
    )
    invite_after_days = models.PositiveSmallIntegerField(
        _("days after delivery before the invitation"),
        default=14,
        help_text=_(
            "Counted from the delivery date, or from the purchase date when the order has none. "
            "A product can set its own delay."
        ),
    )
    remind_after_days = models.PositiveSmallIntegerField(
        _("days after the invitation before the one reminder"),
        default=7,
        help_text=_("0 sends no reminder."),
    )
    link_valid_days = models.PositiveSmallIntegerField(
        _("days an invitation link stays valid"), default=60
    )
    keep_orders_days = models.PositiveIntegerField(
        _("days orders are kept"),
        default=365,
        help_text=_(
            "Orders are personal data: they and their invitations are deleted this many days "
            "after they arrive. The ownership they proved stays with the member."
        ),
    )

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Meta:
        verbose_name = _("review invitation settings")


class ProductInvitationPolicy(models.Model):
    """A product's own invitation delay (a sofa is reviewed later than a phone case)."""

    product = models.OneToOneField(
        "community.ProductPage",
        verbose_name=_("product"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="review_invitation_policy",
    )
    invitations_on = models.BooleanField(_("invite buyers of this product"), default=True)
    invite_after_days = models.PositiveSmallIntegerField(
        _("days after delivery before the invitation"), default=14
    )

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Meta:
        verbose_name = _("product invitation delay")
        verbose_name_plural = _("product invitation delays")

    def __str__(self):
        return f"{self.product}"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class OrderSource(models.Model):
    """A shop (or till system) that sends orders: each has its own signing secret."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=50, unique=True, help_text=_("Part of its webhook address.")
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=64,
        default=new_secret,
        help_text=_("The shop signs each request with it (HMAC-SHA256). Keep it private."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Meta:
        verbose_name = _("order source")
        verbose_name_plural = _("order sources")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Order(models.Model):
    """An order a shop sent: who bought which products, when, and in which language.

    Personal data: in the buyer's data download once matched to them, erased with their
    account, and deleted after `ReviewInvitationSettings.keep_orders_days`.
    """

    class Channel(models.TextChoices):
        WEBHOOK = "webhook", _("Webhook")
        CSV = "csv", _("CSV import")
        API = "api", _("API")

    source = models.ForeignKey(
        OrderSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="orders"
    )
    reference = models.CharField(_("order reference"), max_length=100)
    email = models.EmailField(_("customer's e-mail address"), db_index=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    purchased_on = models.DateField(_("purchased on"))
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="orders",
        help_text=_("The member whose verified address is the customer's."),
    )
    channel = models.CharField(_("received by"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "reference"], name="one_order_per_source_reference"
            )
        ]

    def __str__(self):
        return f"{self.source} · {self.reference}"


class OrderLine(models.Model):
    """A product in an order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "community.ProductPage",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="order_lines",
    )

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Meta:
        verbose_name = _("ordered product")
        verbose_name_plural = _("ordered products")
        constraints = [
            models.UniqueConstraint(fields=["order", "product"], name="one_line_per_product")
        ]

    def __str__(self):
        return f"{self.order} · {self.product}"


class OrderReceipt(models.Model):
    """A signed webhook request already accepted: the same signature is refused as a replay.
    Kept a little longer than the 5 minutes a timestamp is accepted for."""

    source = models.ForeignKey(OrderSource, on_delete=models.CASCADE, related_name="+")
    signature = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "signature"], name="one_receipt_per_signature"
            )
        ]

    def __str__(self):
        return f"{self.source_id} · {self.received_at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """The one invitation (and at most one reminder) to review a product someone bought.

    Created with its due time when the order arrives; the sweep (`reviews.tasks`) sends it
    then. Its link is a signed, single-use token that opens only this product's review form
    (`reviews.invitations`).
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENT = "sent", _("Sent")
        REMINDED = "reminded", _("Reminded")
        REVIEWED = "reviewed", _("Reviewed")
        SKIPPED = "skipped", _("Not sent")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="invitations")
    product = models.ForeignKey(
        "community.ProductPage",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="review_invitations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    skipped_because = models.CharField(_("not sent because"), max_length=200, blank=True)
    due_at = models.DateTimeField(_("due"), db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    opened_at = models.DateTimeField(_("link first followed"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review = models.OneToOneField(
        Review,
        verbose_name=_("review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    nonce = models.CharField(max_length=64, default=secrets.token_hex)

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Meta:
        verbose_name = _("review invitation")
        verbose_name_plural = _("review invitations")
        ordering = ["-due_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "product"], name="one_invitation_per_line")
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="invitation_status_due")]

    def __str__(self):
        return f"{self.order} · {self.product}"


class InvitationOptOut(models.Model):
    """An address that asked for no more invitations, kept as a keyed hash
    (`reviews.invitations.address_hash`): it survives the erasure of orders and accounts, and
    cannot be read back into the address."""

    address_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Meta:
        verbose_name = _("invitation opt-out")
        verbose_name_plural = _("invitation opt-outs")

    def __str__(self):
        return self.address_hash[:12]


class InvitationTally(models.Model):
    """Per product and month, counts for the staff figures that outlive the orders behind them
    (orders are deleted after the retention period; counts hold no personal data)."""

    product = models.ForeignKey(
        "community.ProductPage", on_delete=models.CASCADE, related_name="invitation_tallies"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    orders_received = models.PositiveIntegerField(_("orders received"), default=0)
    invitations_sent = models.PositiveIntegerField(_("invitations sent"), default=0)
    reminders_sent = models.PositiveIntegerField(_("reminders sent"), default=0)
    links_opened = models.PositiveIntegerField(_("links followed"), default=0)
    reviews_written = models.PositiveIntegerField(_("reviews written"), default=0)

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    class Meta:
        verbose_name = _("invitation figures")
        verbose_name_plural = _("invitation figures")
        constraints = [
            models.UniqueConstraint(fields=["product", "month"], name="one_tally_per_month")
        ]

    def __str__(self):
        return f"{self.product_id} · {self.month:%Y-%m}"
