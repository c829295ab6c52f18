"""Ideas, their votes, the signed decisions about them, their comments, merges and feedback."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from community.models import AuthoredContent, ModerationState, WrittenContent
from community.models.writing import PublicQuerySet
from community.page_scopes import ForgetsPagesQuerySet

MAX_IMAGES_PER_IDEA = 4
TITLE_MAX_LENGTH = 140
ESTIMATE_CHOICES = [
    (1, _("1 – very low")),
    (2, _("2 – low")),
    (3, _("3 – medium")),
    (4, _("4 – high")),
    (5, _("5 – very high")),
]


class Importance(models.IntegerChoices):
    """How much an idea matters to a voter. Ordered, so that a merge keeps the higher one."""

    NICE = 1, _("Nice to have")
    IMPORTANT = 2, _("Important")
    ESSENTIAL = 3, _("Essential")


# The words of an idea's own addresses (/ideas/<id>/edit/…), which a title's slug must not be.
RESERVED_SLUGS = frozenset(
    {
        "comment",
        "delete",
        "edit",
        "estimate",
        "feedback",
        "follow",
        "history",
        "merge",
        "record-vote",
        "report",
        "status",
        "unmerge",
        "vote",
    }
)


def idea_slug(title: str) -> str:
    slug = slugify(title)[:80].strip("-") or "idea"
    return f"{slug}-idea" if slug in RESERVED_SLUGS else slug


# The ideas that lists show: published, not deleted, not merged into another one.
LISTED = models.Q(
    deleted_at__isnull=True,
    moderation_state=ModerationState.PUBLISHED,
    merged_into__isnull=True,
)
LIST_INDEXES = {
    "idea_list_top": ["-vote_count", "-created_at", "-id"],
    "idea_list_newest": ["-created_at", "-id"],
    "idea_list_updated": ["-last_activity_at", "-id"],
    "idea_list_status_top": ["status", "-vote_count", "-created_at", "-id"],
    "idea_list_status_newest": ["status", "-created_at", "-id"],
    "idea_list_product_top": ["product", "-vote_count", "-created_at", "-id"],
    "idea_list_product_newest": ["product", "-created_at", "-id"],
}


class Idea(index.Indexed, WrittenContent):
    """A customer's proposal for a product, which others vote on and staff decide about.

    The counts shown in lists (`vote_count`, `comment_count`) are kept on the idea and moved
    with exact increments by the services, so lists never count rows. A merged idea keeps its
    page, comments and history and points to the idea it was merged into; its votes move there.
    """

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=80, editable=False)
    product = models.ForeignKey(
        "community.ProductPage",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    tags = models.ManyToManyField(
        "ideas.Tag", verbose_name=_("tags"), blank=True, related_name="ideas"
    )
    status = models.ForeignKey(
        "ideas.Status", verbose_name=_("status"), on_delete=models.PROTECT, related_name="ideas"
    )
    vote_count = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    last_activity_at = models.DateTimeField(
        _("last activity"), default=timezone.now, editable=False, db_index=True
    )
    status_changed_at = models.DateTimeField(
        _("status changed"), null=True, blank=True, editable=False
    )
    last_status_change = models.ForeignKey(
        "ideas.StatusChange",
        verbose_name=_("last decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
        editable=False,
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"),
        null=True,
        blank=True,
        choices=ESTIMATE_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    effort = models.PositiveSmallIntegerField(
        _("effort"),
        null=True,
        blank=True,
        choices=ESTIMATE_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    score = models.PositiveIntegerField(_("score"), null=True, blank=True, editable=False)
    estimated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("estimated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    estimated_at = models.DateTimeField(_("estimated"), null=True, blank=True, editable=False)

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("id"),
        index.FilterField("status"),
        index.FilterField("product"),
        index.FilterField("merged_into"),
        index.FilterField("deleted_at"),
        index.FilterField("moderation_state"),
        # The admin's listing sorts what it found by these columns.
        *(
            index.FilterField(name)
            for name in (
                "title",
                "vote_count",
                "comment_count",
                "score",
                "created_at",
                "last_activity_at",
            )
        ),
    ]

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-vote_count", "-created_at", "-pk"]
        # The product team holds it (community.roles); admins may give it to another group.
        permissions = [("estimate_idea", _("Can estimate ideas"))]
        indexes = [
            models.Index(fields=["status", "-vote_count"], name="idea_status_votes"),
            models.Index(fields=["product", "status"], name="idea_product_status"),
            models.Index(fields=["-status_changed_at"], name="idea_status_changed"),
            models.Index(fields=["-score"], name="idea_score"),
            # The ideas list's sorts, alone and under its status and product filters, and the
            # roadmap's columns, over the ideas lists show (`selectors.listed_ideas`): each
            # page of a list reads its 20 rows straight from one of these, however deep.
            *(
                models.Index(fields=fields, name=name, condition=LISTED)
                for name, fields in LIST_INDEXES.items()
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = idea_slug(self.title)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("ideas:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None


class IdeaImage(models.Model):
    """A picture that shows the idea (a sketch, a screenshot), cleaned like review photos."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="ideas/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="ideas/%Y/%m/thumbs/")
    alt_text = models.CharField(
        _("description of the image"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("idea image")
        verbose_name_plural = _("idea images")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.idea} · {self.sort_order + 1}"


class IdeaVote(models.Model):
    """A member's vote for an idea, with how much it matters to them.

    One per member and idea. Staff may record a vote for a customer (after a phone call, for
    example): `recorded_by` says who, and the vote says so wherever it shows. The dates are set
    by the services (not automatically) so that a merge that is undone puts votes back with the
    dates they had.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_votes"
    )
    importance = models.PositiveSmallIntegerField(
        _("importance"), choices=Importance.choices, default=Importance.IMPORTANT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("voted"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    # A vote's importance changes, and merges move votes, by update and bulk writes: they
    # forget the cached pages that show the idea, as saves do.
    objects = ForgetsPagesQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["idea", "member"], name="one_idea_vote_per_member")
        ]
        indexes = [
            models.Index(fields=["idea", "created_at"], name="idea_vote_history"),
            models.Index(fields=["member", "-created_at"], name="idea_vote_member"),
            # Votes by importance on an idea's page, read from the index alone.
            models.Index(fields=["idea", "importance"], name="idea_vote_importance"),
        ]

    def __str__(self):
        return f"{self.member} · {self.idea} · {self.get_importance_display()}"


class StatusChange(AuthoredContent):
    """A signed decision: a member of staff moved the idea to a status and said why, publicly.

    Decisions are never edited or deleted: the idea's timeline is the whole history, each with
    the staff card of the person who decided. A decline states a reason from the admins' list,
    and may offer a workaround and a date or a number of votes at which it will be looked at
    again.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.ForeignKey(
        "ideas.Status",
        verbose_name=_("from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_status = models.ForeignKey(
        "ideas.Status", verbose_name=_("to"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("public note"))
    note_html = models.TextField(editable=False, blank=True)
    decline_reason = models.ForeignKey(
        "ideas.DeclineReason",
        verbose_name=_("reason"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    workaround = models.TextField(_("workaround"), blank=True)
    workaround_html = models.TextField(editable=False, blank=True)
    revisit_on = models.DateField(_("looked at again on"), null=True, blank=True)
    revisit_at_votes = models.PositiveIntegerField(
        _("looked at again at this many votes"), null=True, blank=True
    )
    vote_count = models.PositiveIntegerField(_("votes at the time"), default=0)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.idea} → {self.to_status}"


class CommentQuerySet(PublicQuerySet):
    def counted(self):
        """The comments an idea's `comment_count` counts: standing comments, not internal notes."""
        return self.standing().filter(is_internal=False)

    def public(self):
        """Public comments are not internal notes, and stand under a public idea."""
        return (
            super()
            .public()
            .filter(
                is_internal=False,
                idea__deleted_at__isnull=True,
                idea__moderation_state=ModerationState.PUBLISHED,
            )
        )


class Comment(WrittenContent):
    """A comment on an idea, or a reply to one (one level deep).

    Staff can write internal notes, which only staff see: the product team discusses an idea
    where it lives, without a second tool, and customers never see those notes.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    is_internal = models.BooleanField(_("internal note (only staff see it)"), default=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "created_at"], name="idea_comment_order")]

    def __str__(self):
        return f"{self.idea} · {self.author}"

    def get_absolute_url(self):
        return f"{self.idea.get_absolute_url()}#comment-{self.pk}"


class Merge(AuthoredContent):
    """A duplicate (`idea`) merged into the idea that is kept (`into`), recorded so that it can
    be undone exactly.

    Each vote the duplicate had is kept in `MergedVote` with what happened to it, and the
    followers copied to the kept idea are listed, so that undoing the merge gives both ideas
    back the votes and followers they had.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="merges")
    into = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="merges_in")
    note = models.TextField(_("note"), blank=True)
    note_html = models.TextField(editable=False, blank=True)
    copied_follower_ids = models.JSONField(default=list, editable=False)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea"], condition=models.Q(undone_at__isnull=True), name="one_active_merge"
            )
        ]

    def __str__(self):
        return f"{self.idea} → {self.into}"

    @property
    def is_active(self) -> bool:
        return self.undone_at is None


class MergedVote(models.Model):
    """What a merge did with one vote of the duplicate, so that undoing it is exact."""

    class Outcome(models.TextChoices):
        MOVED = "moved", _("Moved to the kept idea")
        RAISED = "raised", _("Raised the importance of the vote on the kept idea")
        ALREADY = "already", _("The member had already voted for the kept idea")

    merge = models.ForeignKey(Merge, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    importance = models.PositiveSmallIntegerField(choices=Importance.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    voted_at = models.DateTimeField()
    changed_at = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    kept_importance_before = models.PositiveSmallIntegerField(
        choices=Importance.choices, null=True, blank=True
    )
    kept_changed_before = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("merged vote")
        verbose_name_plural = _("merged votes")

    def __str__(self):
        return f"{self.merge} · {self.member} · {self.outcome}"


class ShipFeedback(models.Model):
    """A voter's answer, once the idea shipped, to "Does this solve it for you?".

    The figure is public; why it does not, when a voter says so, is for staff only.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="ship_feedback")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_ship_feedback"
    )
    solves = models.BooleanField(_("it solves it"))
    why = models.TextField(_("why not"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("answer to “does this solve it?”")
        verbose_name_plural = _("answers to “does this solve it?”")
        constraints = [
            models.UniqueConstraint(fields=["idea", "member"], name="one_ship_feedback_per_member")
        ]

    def __str__(self):
        return f"{self.member} · {self.idea} · {self.solves}"
