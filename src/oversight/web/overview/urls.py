"""Overview URLs."""

from django.urls import path

from oversight.web.overview import views

app_name = "overview"
urlpatterns = [path("", views.OverviewView.as_view(), name="overview")]
