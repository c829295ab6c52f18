from django.urls import path

from community.staffdesk import views

app_name = "staffdesk"

urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("figures/figures.csv", views.figures_csv, name="figures_csv"),
]
