"""Ideas and their comments as content kinds: what moderation, trust, protections and search
know of them. Replies are comments under another comment (`parent`); staff's internal notes
are comments too, never counted on the idea nor shown in its thread."""

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from community.content_kinds import ContentKind, HistorySection, Reindex
from ideas.models import Idea, IdeaVote
from ideas.search import IdeaSearch
from ideas.services.comments import comment_announce
from ideas.services.ideas import idea_announce
from ideas.sitemaps import IdeaSitemap


def product_idea_counts(product_ids) -> dict:
    """Each product's public ideas, merged duplicates left out."""
    rows = (
        Idea.objects.public()
        .filter(product_id__in=product_ids, merged_into__isnull=True)
        .order_by()
        .values("product_id")
        .annotate(idea_count=Count("pk"))
    )
    counts = {pk: {"idea_count": 0} for pk in product_ids}
    for row in rows:
        counts[row.pop("product_id")] = row
    return counts


def comment_counts(comment, delta: int) -> None:
    """A public comment in or out of the public moves its idea's comment count."""
    if comment.is_internal:
        return
    Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") + delta)


def ideas_of_member(member):
    return (
        Idea.objects.filter(author=member, deleted_at__isnull=True)
        .select_related("status", "product")
        .order_by("-created_at", "-pk")
    )


def votes_of_member(member):
    """The member's votes on ideas that stand, with who recorded a vote given for them."""
    return (
        IdeaVote.objects.filter(member=member, idea__deleted_at__isnull=True)
        .select_related("idea", "idea__status", "recorded_by__staff_card")
        .order_by("-created_at", "-pk")
    )


IDEA = ContentKind(
    key="idea",
    label=_("idea"),
    model_label="ideas.Idea",
    order=40,
    edit_fields=("title", "body"),
    has_title=True,
    announce=idea_announce,
    queue_related=("author", "moderated_by", "status"),
    product_counts=product_idea_counts,
    search=IdeaSearch(),
    reindex_on=(
        Reindex("ideas.Idea"),
        Reindex("ideas.Comment", "idea_id"),
        Reindex("ideas.IdeaVote", "idea_id"),
        Reindex("ideas.StatusChange", "idea_id"),
    ),
    shown_with=("ideas.IdeaImage", "ideas.Merge", "ideas.MergedVote", "ideas.ShipFeedback"),
    sitemaps={"ideas": IdeaSitemap},
    list_urls=("ideas:list", "ideas:changelog"),
    member_history=(
        HistorySection("ideas", _("Ideas"), ideas_of_member, order=40),
        HistorySection("votes", _("Votes on ideas"), votes_of_member, order=50),
    ),
)
COMMENT = ContentKind(
    key="comment",
    label=_("comment"),
    reply_label=_("reply"),
    model_label="ideas.Comment",
    order=50,
    parent_field="idea",
    counter_move=comment_counts,
    announce=comment_announce,
    thread_filter={"is_internal": False},
    queue_related=("author", "moderated_by", "idea", "parent", "parent__author"),
)
