"""The service overview: every indicator with England, target and RAG, and one trend chart.

Elected members (no children's records in their scope, no ``children.view``) see it
suppressed (``figures.py``): small numbers as "c", and nothing hidden recoverable.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from oversight.web.accounts.access import AccessRequiredMixin
from oversight.web.accounts.models import Role
from oversight.web.accounts.permissions import Capability, role_of
from oversight.web.overview import queries
from oversight.web.overview.charts import trend_svg

SUPPRESSED_ROLES = frozenset({Role.ELECTED_MEMBER})
"""Roles that see aggregate figures suppressed for publication."""


class OverviewView(AccessRequiredMixin, TemplateView):
    """Indicators of the latest snapshot; ``?indicator=code`` chooses the trend shown."""

    capability = Capability.VIEW_SERVICE_OVERVIEW
    template_name = "overview/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The lines, the chosen indicator's trend, its chart and its data table."""
        suppressed = role_of(self.request.user) in SUPPRESSED_ROLES
        found = queries.overview(suppressed=suppressed)
        if found is None:
            return super().get_context_data(found=None, **kwargs)
        lines = queries.latest_lines(found)
        codes = {line.row.code: line for line in lines}
        code = self.request.GET.get("indicator", "")
        chosen = codes.get(code) or (lines[0] if lines else None)
        points = queries.trend(found, chosen.row.code) if chosen else []
        plotted = [(p.as_of, p.value) for p in points if p.value is not None]
        chart = (
            mark_safe(  # noqa: S308 (SVG rendered on the server from our own spec)
                trend_svg(chosen.row.name, plotted, england=chosen.row.england_value)
            )
            if chosen and plotted
            else ""
        )
        return super().get_context_data(
            found=found,
            snapshot=queries.latest(found),
            lines=lines,
            chosen=chosen,
            points=points,
            chart=chart,
            suppressed=suppressed,
            **kwargs,
        )
