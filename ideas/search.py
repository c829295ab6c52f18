"""The idea as visitors find it in search: with its public comments, under its status."""

from django.db import transaction
from django.db.models import Prefetch
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from community.markdown import words_of
from community.searching import Entry, SearchFacet, index_later, join_text, votes_lift
from ideas.models import Comment, Idea, Merge, Status
from ideas.tasks import index_ideas_with_status


class IdeaSearch(SearchFacet):
    """An idea with its public comments. Staff's internal notes are never indexed, so no
    search, on any engine, can show them or match on their words. A duplicate merged into
    another idea is left out: its votes and comments live on the idea it was merged into."""

    key = "idea"
    label = _("Idea")
    label_plural = _("Ideas")
    order = 20
    details_template = "ideas/includes/search_result.html"
    has_status = True

    def indexable(self):
        return (
            Idea.objects.public()
            .filter(merged_into__isnull=True)
            .select_related("status")
            .prefetch_related(
                Prefetch(
                    "comments",
                    queryset=Comment.objects.public()
                    .filter(is_internal=False)
                    .order_by("created_at", "pk"),
                    to_attr="public_comments",
                )
            )
        )

    def entry(self, idea) -> Entry:
        comments = getattr(idea, "public_comments", None)
        if comments is None:
            comments = list(Comment.objects.public().filter(idea=idea, is_internal=False))
        return Entry(
            kind=self.key,
            object_id=idea.pk,
            title=idea.title,
            body=join_text(words_of(idea), *(words_of(comment) for comment in comments)),
            product_id=idea.product_id,
            status=f"{self.key}-{idea.status.slug}",
            created_at=idea.created_at,
            boost=votes_lift(idea.vote_count, per_decade=0.5, most=1.0),
        )

    def for_display(self, ids):
        return Idea.objects.public().filter(pk__in=ids).select_related("status")

    def status_labels(self, slugs) -> dict:
        """The statuses' names, as staff named them."""
        slugs = [slug for slug in slugs if slug]
        if not slugs:
            return {}
        return {status.slug: status.name for status in Status.objects.filter(slug__in=slugs)}

    def connect(self) -> None:
        post_save.connect(_merge_saved, sender=Merge, dispatch_uid="search_merge_saved")
        post_save.connect(_status_saved, sender=Status, dispatch_uid="search_status_saved")


def _merge_saved(sender, instance, raw=False, **kwargs):
    """A merge takes the duplicate out of the index and moves its votes to the other idea."""
    if not raw:
        index_later("idea", instance.idea_id)
        index_later("idea", instance.into_id)


def _status_saved(sender, instance, created=False, raw=False, **kwargs):
    """A status edited (its slug) changes the status filter of every idea that has it."""
    if not (raw or created):
        status_id = instance.pk
        transaction.on_commit(lambda: index_ideas_with_status.enqueue(status_id))
