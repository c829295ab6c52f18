from django.urls import path

from reviews import invitation_views, order_views, views

app_name = "reviews"

urlpatterns = [
    path("write/<int:product_id>/", views.review_write, name="write"),
    path("<int:pk>/edit/", views.review_edit, name="edit"),
    path("<int:pk>/delete/", views.review_delete, name="delete"),
    path("<int:pk>/helpful/", views.review_helpful, name="helpful"),
    path("<int:pk>/respond/", views.review_respond, name="respond"),
    path("<int:pk>/report/", views.review_report, name="report"),
    path("orders/<slug:slug>/", order_views.orders_webhook, name="orders_webhook"),
    path("invited/<str:token>/", invitation_views.invited_review, name="invited"),
    path(
        "invitations/unsubscribe/<str:token>/",
        invitation_views.invitations_unsubscribe,
        name="invitations_unsubscribe",
    ),
]
