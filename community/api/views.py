"""The API's endpoints: read-only lists and details of public content.

The ground floor's own (segments, products) are here, with the base every app's viewsets
share; each app contributes the endpoints of its own content (ideas, votes, statuses, tags,
reviews, questions) through `community.api.routes`, from its `AppConfig.ready()`.
Each list reads from the model's one definition of what the public may see (`.public()`), with
its joins, so a page costs the same number of queries whatever its size.
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
from community.api import routes, serializers
from community.api.exceptions import error_body
from community.api.filters import FormFilterBackend
from community.api.routes import Route
from community.models import ProductPage, Segment
from community.products import catalogue_products
from community.seo import absolute_url


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


ROUTES = (
    Route("segments", SegmentViewSet, "segment", order=50),
    Route("products", ProductViewSet, "product", order=60),
)


@extend_schema(exclude=True)
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
@with_throttles([])
def api_root(request):
    """What the API offers, and where its documentation is: no token needed."""

    def url(name):
        return absolute_url(reverse(name))

    return Response(
        {
            "documentation": url("api:docs"),
            "schema": url("api:schema"),
            "authentication": _("Send your token as “Authorization: Bearer <token>”."),
            "endpoints": {
                route.basename: url(f"api:{route.basename}-list") for route in routes.registry
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
            % {"url": absolute_url(reverse("api:docs"))},
        ),
        status=404,
    )
