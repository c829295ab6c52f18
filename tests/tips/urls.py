"""The tip's pages, registered under /tips/ by the app (`community.page_urls`)."""

from django.urls import path

from tests.tips import views

app_name = "tips"
urlpatterns = [
    path("<int:pk>/", views.tip_detail, name="detail"),
    path("<int:pk>/report/", views.tip_report, name="report"),
]
