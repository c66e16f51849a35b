"""The project's URLs: one include per app, each namespaced (``accounts:sign-in``)."""

from django.urls import include, path

urlpatterns = [
    path("", include("oversight.web.shell.urls")),
    path("accounts/", include("oversight.web.accounts.urls")),
    path("loads/", include("oversight.web.imports.urls")),
    path("children/", include("oversight.web.children.urls")),
    path("overview/", include("oversight.web.overview.urls")),
]
