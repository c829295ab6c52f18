from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .authorship import AuthoredContent
from .moderation import Moderated, ModeratedQuerySet


class PublicQuerySet(ModeratedQuerySet):
    """The one definition of what the public may see, asked by lists, search, the sitemap, the
    API and exports alike: a model narrows it (`Answer` adds its question) rather than each
    caller repeating the conditions."""

    def standing(self):
        """Published and not deleted, whatever becomes of the thread above: what a thread's
        counters count (a hidden question keeps its answer count for when it comes back)."""
        return self.published().filter(deleted_at__isnull=True)

    def public(self):
        return self.standing()


class WrittenContent(AuthoredContent, Moderated):
    """Member writing in Markdown that can be edited with a visible history and deleted softly.

    Questions, answers, replies, ideas and comments all keep the Markdown source in `body` and
    the sanitised HTML in `body_html`, rendered once when saved (`community.writing.body_set`).
    Deleting keeps the row, so that a thread keeps its shape and shows "deleted by its author";
    pages must show neither the body nor the title of deleted writing.
    """

    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False, blank=True)
    edit_count = models.PositiveIntegerField(_("edits"), default=0, editable=False)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        """What `PublicQuerySet.public()` selects, for one row already in hand."""
        return not self.is_deleted and self.is_published

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def deleted_by_author(self) -> bool:
        return self.is_deleted and self.deleted_by_id == self.author_id


class Revision(models.Model):
    """An earlier version of a piece of writing, kept when it is edited: who edited, and when.

    The history of an answer or an idea is public, like the "edited" mark on it: readers can see
    what it said before and who changed it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited"), auto_now_add=True)
    title = models.CharField(_("title before"), max_length=300, blank=True)
    body = models.TextField(_("text before"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["-edited_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-edited_at"])]

    def __str__(self):
        return f"{self.content_type} {self.object_id} @ {self.edited_at:%Y-%m-%d %H:%M}"


class Follow(models.Model):
    """A member following a question or an idea, to be told of answers, decisions and hand-offs."""

    page_scope = None  # no cached page shows these rows (community.page_scopes)

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "member"], name="one_follow_per_member"
            )
        ]
        indexes = [models.Index(fields=["member", "content_type"])]

    def __str__(self):
        return f"{self.member} → {self.content_type} {self.object_id}"
