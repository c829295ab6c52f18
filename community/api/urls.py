"""The API's addresses, under /api/v1/ (outside the language prefixes: one address per
resource; names follow the Accept-Language header)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from community.api import views

app_name = "api"

router = SimpleRouter()
router.register("ideas", views.IdeaViewSet, basename="idea")
router.register("votes", views.VoteViewSet, basename="vote")
router.register("statuses", views.StatusViewSet, basename="status")
router.register("tags", views.TagViewSet, basename="tag")
router.register("segments", views.SegmentViewSet, basename="segment")
router.register("products", views.ProductViewSet, basename="product")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("questions", views.QuestionViewSet, basename="question")

urlpatterns = [
    path("", views.api_root, name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    re_path(r"^.*$", views.not_found),
]
