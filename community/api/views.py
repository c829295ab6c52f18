"""The API's endpoints: read-only lists and details of public content.

Each list reads from the model's one definition of what the public may see (`.public()`), with
its joins, so a page costs the same number of queries whatever its size; ideas are filtered
with the ideas list's own form and selector.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.decorators import throttle_classes as with_throttles
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.viewsets import ReadOnlyModelViewSet

from community import site_cache
from community.api import queries, serializers
from community.api.exceptions import error_body
from community.api.filters import (
    FormFilterBackend,
    QuestionFilterForm,
    ReviewFilterForm,
    VoteFilterForm,
)
from community.models import ProductPage, Segment
from community.products import catalogue_products
from ideas.forms import IdeaFilterForm
from ideas.models import Status, Tag
from ideas.selectors import filter_ideas


class PublicReadViewSet(ReadOnlyModelViewSet):
    """Read-only, filtered with a form; names and messages in the Accept-Language's language
    (the API's addresses carry no language prefix)."""

    filter_backends = [FormFilterBackend]
    filter_form_class = None

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def filter_by(self, queryset, cleaned):
        return queryset


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


@extend_schema_view(
    list=extend_schema(
        summary="Segments", description="The segments of members that votes are counted by."
    ),
    retrieve=extend_schema(summary="One segment"),
)
class SegmentViewSet(PublicReadViewSet):
    serializer_class = serializers.SegmentSerializer
    pagination_class = None
    lookup_field = "slug"
    queryset = Segment.objects.order_by("sort_order", "name_en")


@extend_schema_view(
    list=extend_schema(
        summary="Products",
        description="The live products of the catalogue, in the site's default language.",
    ),
    retrieve=extend_schema(summary="One product"),
)
class ProductViewSet(PublicReadViewSet):
    serializer_class = serializers.ProductSerializer
    queryset = ProductPage.objects.none()  # the model, for the schema; rows: get_queryset

    def get_queryset(self):
        return site_cache.public(catalogue_products())


@extend_schema_view(
    list=extend_schema(summary="Reviews", description="Published reviews, newest first."),
    retrieve=extend_schema(summary="One review"),
)
class ReviewViewSet(PublicReadViewSet):
    serializer_class = serializers.ReviewSerializer
    filter_form_class = ReviewFilterForm

    def get_queryset(self):
        return queries.public_reviews()

    def filter_by(self, queryset, cleaned):
        if cleaned.get("product"):
            queryset = queryset.filter(product=cleaned["product"])
        if cleaned.get("rating"):
            queryset = queryset.filter(rating=cleaned["rating"])
        return queryset


@extend_schema_view(
    list=extend_schema(summary="Questions", description="Public questions, newest first."),
    retrieve=extend_schema(summary="One question"),
)
class QuestionViewSet(PublicReadViewSet):
    serializer_class = serializers.QuestionSerializer
    filter_form_class = QuestionFilterForm

    def get_queryset(self):
        return queries.public_questions()

    def filter_by(self, queryset, cleaned):
        for name in ("product", "topic", "status"):
            if cleaned.get(name):
                queryset = queryset.filter(**{name: cleaned[name]})
        return queryset


@extend_schema(exclude=True)
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
@with_throttles([])
def api_root(request):
    """What the API offers, and where its documentation is: no token needed."""

    def url(name):
        return request.build_absolute_uri(reverse(name))

    return Response(
        {
            "documentation": url("api:docs"),
            "schema": url("api:schema"),
            "authentication": _("Send your token as “Authorization: Bearer <token>”."),
            "endpoints": {
                name: url(f"api:{name}-list")
                for name in (
                    "idea",
                    "vote",
                    "status",
                    "tag",
                    "segment",
                    "product",
                    "review",
                    "question",
                )
            },
        }
    )


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the site's own static files, its set-up script served from this address
    (`?script`), so that the page runs under the site's Content Security Policy unchanged."""

    template_name = "api/swagger_ui.html"
    title = gettext_lazy("API documentation")


def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a JSON 404 that points to the documentation."""
    return JsonResponse(
        error_body(
            404,
            "not_found",
            _("No endpoint has this address. The documentation lists them: %(url)s")
            % {"url": request.build_absolute_uri(reverse("api:docs"))},
        ),
        status=404,
    )
