"""Addresses of the protections' pages for members (included by `community/urls.py`)."""

from django.urls import path

from community.protections import views

app_name = "protections"

urlpatterns = [
    path("members/<slug:handle>/block/", views.member_block, name="block"),
    path("members/<slug:handle>/unblock/", views.member_unblock, name="unblock"),
    path("accounts/blocked/", views.blocked_list, name="blocked_list"),
    path("accounts/suspension/", views.suspension_detail, name="suspension"),
]
