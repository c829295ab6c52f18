"""What the webhooks are told about ideas: one proposed, one changing status, one merged into
another (registered in `IdeasConfig.ready()`). The services emit them with
`community.webhooks.emit(IDEA_CREATED, idea)`; each body describes the ideas as the API does."""

from django.utils.translation import gettext_lazy as _

from community.api.serializers import author_of
from community.webhook_events import Event
from ideas.api.queries import public_ideas
from ideas.api.serializers import IdeaSerializer
from ideas.models import Merge, StatusChange

IDEA_CREATED = "idea.created"
IDEA_STATUS_CHANGED = "idea.status_changed"
IDEA_MERGED = "idea.merged"


def describe_created(pk) -> dict | None:
    idea = public_ideas().filter(pk=pk).first()
    return {"idea": IdeaSerializer(idea).data} if idea else None


def describe_status_changed(pk) -> dict | None:
    change = StatusChange.objects.select_related(
        "from_status", "to_status", "author", "author_card"
    ).get(pk=pk)
    idea = public_ideas().filter(pk=change.idea_id).first()
    if idea is None:
        return None
    return {
        "idea": IdeaSerializer(idea).data,
        "from_status": _status(change.from_status),
        "to_status": _status(change.to_status),
        "note": change.note,
        "decided_by": author_of(change),
        "decided_at": change.created_at,
    }


def describe_merged(pk) -> dict | None:
    merge = Merge.objects.select_related("author", "author_card").get(pk=pk)
    ideas = {idea.pk: idea for idea in public_ideas().filter(pk__in=[merge.idea_id, merge.into_id])}
    if merge.idea_id not in ideas or merge.into_id not in ideas:
        return None
    return {
        "idea": IdeaSerializer(ideas[merge.idea_id]).data,
        "into": IdeaSerializer(ideas[merge.into_id]).data,
        "note": merge.note,
        "merged_by": author_of(merge),
        "merged_at": merge.created_at,
    }


def _status(status):
    if status is None:
        return None
    return {"slug": status.slug, "name": status.name_en, "kind": status.kind}


EVENTS = (
    Event(IDEA_CREATED, _("An idea is proposed"), describe_created, order=10),
    Event(IDEA_STATUS_CHANGED, _("An idea changes status"), describe_status_changed, order=20),
    Event(IDEA_MERGED, _("An idea is merged into another"), describe_merged, order=30),
)
