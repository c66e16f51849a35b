"""Children URLs."""

from django.urls import path

from oversight.web.children import views

app_name = "children"
urlpatterns = [
    path("worklist/", views.WorklistView.as_view(), name="worklist"),
    path("worklist.csv", views.WorklistExportView.as_view(), name="worklist-export"),
    path("unallocated/", views.UnallocatedView.as_view(), name="unallocated"),
    path("caseloads/", views.CaseloadView.as_view(), name="caseloads"),
    path("<str:person_id>/", views.ChildDetailView.as_view(), name="child-detail"),
]
