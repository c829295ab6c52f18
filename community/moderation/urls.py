"""Moderation's addresses on the site (the queue, appeals and the audit log are in the admin)."""

from django.urls import path

from community.moderation import views

app_name = "moderation"

urlpatterns = [
    path("transparency/", views.transparency, name="transparency"),
    path("members/<slug:handle>/report/", views.member_report, name="member_report"),
    path("appeals/<slug:kind>/<int:pk>/", views.appeal, name="appeal"),
]
