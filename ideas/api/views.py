"""The ideas' endpoints: ideas (filtered with the ideas list's own form and selector), votes,
statuses and tags."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view

from community.api.routes import Route
from community.api.views import PublicReadViewSet
from ideas.api import queries, serializers
from ideas.api.filters import VoteFilterForm
from ideas.forms import IdeaFilterForm
from ideas.models import Status, Tag
from ideas.selectors import filter_ideas


@extend_schema_view(
    list=extend_schema(
        summary="Ideas",
        description=(
            "Public ideas, newest first, merged ones included (`merged_into` names the idea "
            "they were merged into). Filtered like the ideas list on the site."
        ),
    ),
    retrieve=extend_schema(summary="One idea"),
)
class IdeaViewSet(PublicReadViewSet):
    serializer_class = serializers.IdeaSerializer
    filter_form_class = IdeaFilterForm
    filter_help = {
        "status": gettext_lazy("A status's slug, from /api/v1/statuses/."),
        "product": gettext_lazy("A product's number, from /api/v1/products/."),
        "tag": gettext_lazy("A tag's slug, from /api/v1/tags/."),
        "since": gettext_lazy("Ideas proposed on or after this day (YYYY-MM-DD)."),
        "until": gettext_lazy("Ideas proposed on or before this day (YYYY-MM-DD)."),
    }

    def get_queryset(self):
        return queries.public_ideas()

    def filter_by(self, queryset, cleaned):
        chosen = {name: cleaned.get(name) for name in IdeaFilterForm.FILTERS}
        return filter_ideas(queryset, **chosen)


@extend_schema_view(
    list=extend_schema(
        summary="Votes",
        description=(
            "Votes for public ideas, newest first: who voted (their public name and segment, "
            "never their e-mail address), how much it matters to them, and whether a member of "
            "staff recorded it for them."
        ),
    ),
    retrieve=extend_schema(summary="One vote"),
)
class VoteViewSet(PublicReadViewSet):
    serializer_class = serializers.VoteSerializer
    filter_form_class = VoteFilterForm

    def get_queryset(self):
        return queries.public_votes()

    def filter_by(self, queryset, cleaned):
        if cleaned.get("idea"):
            queryset = queryset.filter(idea_id=cleaned["idea"])
        if cleaned.get("since"):
            queryset = queryset.filter(created_at__date__gte=cleaned["since"])
        if cleaned.get("until"):
            queryset = queryset.filter(created_at__date__lte=cleaned["until"])
        return queryset


@extend_schema_view(
    list=extend_schema(summary="Statuses", description="The statuses of ideas, in order."),
    retrieve=extend_schema(summary="One status"),
)
class StatusViewSet(PublicReadViewSet):
    serializer_class = serializers.StatusSerializer
    pagination_class = None
    lookup_field = "slug"
    queryset = Status.objects.order_by("order", "pk")


@extend_schema_view(
    list=extend_schema(summary="Tags", description="The tags of ideas, by name."),
    retrieve=extend_schema(summary="One tag"),
)
class TagViewSet(PublicReadViewSet):
    serializer_class = serializers.TagSerializer
    pagination_class = None
    lookup_field = "slug"
    queryset = Tag.objects.order_by("name_en")


ROUTES = (
    Route("ideas", IdeaViewSet, "idea", order=10),
    Route("votes", VoteViewSet, "vote", order=20),
    Route("statuses", StatusViewSet, "status", order=30),
    Route("tags", TagViewSet, "tag", order=40),
)
