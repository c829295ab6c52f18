from django.urls import path

from community.account_deletion import views

app_name = "account_deletion"

urlpatterns = [
    path("", views.delete, name="delete"),
    path("send-link/", views.send_link, name="send_link"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("done/", views.done, name="done"),
]
