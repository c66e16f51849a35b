"""Imports URLs."""

from django.urls import path

from oversight.web.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.LoadListView.as_view(), name="load-list"),
    path("<int:pk>/", views.LoadDetailView.as_view(), name="load-detail"),
]
