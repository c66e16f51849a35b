"""The home page and the health check."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from oversight.web.accounts.access import AccessRequiredMixin
from oversight.web.accounts.permissions import Capability, capabilities_of, role_of, scope_of
from oversight.web.imports.queries import latest_snapshot


class HomeView(AccessRequiredMixin, TemplateView):
    """Says who the user is, what their role lets them do and which pages they can open.
    Until data is loaded it says so: the page never shows invented numbers."""

    capability = Capability.VIEW_HOME
    template_name = "shell/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The user's role, capabilities (in declaration order) and record scope."""
        user = self.request.user
        granted = capabilities_of(user)
        return super().get_context_data(
            role=role_of(user),
            capabilities=[c for c in Capability if c in granted],
            scope=scope_of(user),
            snapshot=latest_snapshot(),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class HealthView(AccessRequiredMixin, View):
    """``{"status": "ok", "database": "ok"}`` after one trivial query; 503 when it fails."""

    public = True

    def get(self, request: HttpRequest) -> JsonResponse:
        """Answer for load balancers and monitoring."""
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
        return JsonResponse({"status": "ok", "database": "ok"})
