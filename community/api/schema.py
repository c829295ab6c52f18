"""The URL configuration the OpenAPI schema is made from: the API's endpoints at their full
path, and nothing else of the site (not the Wagtail admin's own API).

    manage.py spectacular --validate --file schema.yaml

(`openapi.ApiSchemaGenerator` reads this module by default.)
"""

from django.urls import include, path

from community.api.urls import router

urlpatterns = [path("api/v1/", include(router.urls))]
