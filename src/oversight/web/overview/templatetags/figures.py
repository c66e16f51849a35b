"""``{{ value|figure:unit }}``: an indicator's value as the overview shows it."""

from __future__ import annotations

from django import template

register = template.Library()

SUFFIX = {"percent": "%", "days": " days", "working_days": " working days"}


@register.filter
def figure(value: float | None, unit: str) -> str:
    """``85.5%``, ``3,033``, ``336.7``; an en dash when there is no value."""
    if value is None:
        return "–"
    text = f"{value:,.0f}" if unit == "count" or float(value).is_integer() else f"{value:,.1f}"
    return text + SUFFIX.get(unit, "")
