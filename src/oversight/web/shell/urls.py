"""Shell URLs."""

from django.urls import path

from oversight.web.shell import views

app_name = "shell"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("health/", views.HealthView.as_view(), name="health"),
]
