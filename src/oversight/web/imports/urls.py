"""Imports URLs."""

from django.urls import path

from oversight.web.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.LoadListView.as_view(), name="load-list"),
    path("<int:pk>/", views.LoadDetailView.as_view(), name="load-detail"),
    path(
        "<int:pk>/report.csv",
        views.LoadReportExportView.as_view(kind="csv"),
        name="load-report-csv",
    ),
    path(
        "<int:pk>/report.xlsx",
        views.LoadReportExportView.as_view(kind="xlsx"),
        name="load-report-xlsx",
    ),
]
