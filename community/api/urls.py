"""The API's addresses, under /api/v1/ (outside the language prefixes: one address per
resource; names follow the Accept-Language header). The endpoints are those the apps
registered (`community.api.routes`), read when the URLs are first loaded, after every app's
`ready()`."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from community.api import routes, views

app_name = "api"

router = SimpleRouter()
for route in routes.registry:
    router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [
    path("", views.api_root, name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    re_path(r"^.*$", views.not_found),
]
