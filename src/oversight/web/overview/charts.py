"""Trend charts: Vega-Lite (altair) rendered to SVG on the server, cached by their spec.

The same spec path serves pages now and PDFs later; each chart is shown with its data table,
so the figures never depend on seeing the picture. Hidden (suppressed) points are left out
of the data before the chart is made.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

import altair as alt
import vl_convert
from django.core.cache import cache

CACHE_SECONDS = 24 * 60 * 60


def trend_svg(title: str, points: list[tuple[date, float]], *, england: float | None) -> str:
    """An SVG line chart of ``points`` (as-of date, value), with England as a rule if known."""
    data = alt.Data(values=[{"as_of": d.isoformat(), "value": v} for d, v in points])  # type: ignore[no-untyped-call]
    line = (
        alt.Chart(data)
        .mark_line(point=True, color="#1d70b8")
        .encode(
            # One tick per snapshot, labelled with its date (a lone point otherwise gets hours).
            x=alt.X(
                "as_of:T",
                title="As of",
                scale=alt.Scale(padding=40),
                axis=alt.Axis(
                    format="%d %b %Y",
                    labelOverlap=False,
                    values=[
                        alt.DateTime(year=d.year, month=d.month, date=d.day) for d, _ in points
                    ],
                ),
            ),
            y=alt.Y("value:Q", title=title),
        )
    )
    layers: list[alt.Chart] = [line]
    if england is not None:
        england_data = alt.Data(values=[{"england": england}])  # type: ignore[no-untyped-call]
        rule = (
            alt.Chart(england_data)
            .mark_rule(color="#505a5f", strokeDash=[4, 4])
            .encode(y="england:Q")
        )
        layers.append(rule)
    chart = alt.layer(*layers).properties(width=520, height=220, title=title)
    spec = chart.to_dict()
    key = (
        "overview-chart-"
        + hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        cache.set(key, svg, CACHE_SECONDS)
    return str(svg)
