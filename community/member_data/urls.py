"""Addresses of a member's own data, under /accounts/ (included from `community.urls`)."""

from django.urls import path

from community.member_data import views

app_name = "member_data"

urlpatterns = [
    path("data/", views.overview, name="overview"),
    path("data/download/", views.export_request, name="export_request"),
    path("data/download/<uuid:pk>/", views.download, name="download"),
    path("preferences/", views.preferences_page, name="preferences"),
    path(
        "preferences/summary/stop/<str:token>/", views.digest_unsubscribe, name="digest_unsubscribe"
    ),
]
