"""The public ideas and votes the API and the webhooks describe, with the joins their
serializers need: one definition each, so that a webhook's body says what the API says."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from ideas.models import Idea, IdeaVote, Importance, Tag


def _votes_of(importance):
    counted = (
        IdeaVote.objects.filter(idea=OuterRef("pk"), importance=importance)
        .order_by()
        .values("idea")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def public_ideas():
    """Public ideas (merged ones included) with their votes counted by importance."""
    return (
        Idea.objects.public()
        .select_related("status", "product", "author", "author_card", "last_status_change")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name_en")))
        .annotate(
            votes_essential=_votes_of(Importance.ESSENTIAL),
            votes_important=_votes_of(Importance.IMPORTANT),
            votes_nice=_votes_of(Importance.NICE),
        )
    )


def public_votes():
    return IdeaVote.objects.filter(idea__in=Idea.objects.public().values("pk")).select_related(
        "member", "member__segment"
    )
