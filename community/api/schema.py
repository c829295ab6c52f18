"""The URL configuration the OpenAPI schema is made from: the API's endpoints at their full
path, and nothing else of the site (not the Wagtail admin's own API).

    manage.py spectacular --urlconf community.api.schema --validate --file schema.yaml
"""

from django.urls import include, path

from community.api.urls import router

urlpatterns = [path("api/v1/", include(router.urls))]
