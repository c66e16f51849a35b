"""Accounts URLs."""

from django.urls import path

from oversight.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("access-log/", views.AccessLogView.as_view(), name="access-log"),
    path("access-log.csv", views.AccessLogExportView.as_view(), name="access-log-export"),
    path("grants/", views.GrantsView.as_view(), name="grants"),
]
