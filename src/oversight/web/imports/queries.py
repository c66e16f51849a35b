"""Reads of the imports app: snapshots and load reports."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from oversight.web.imports.models import LoadProblem, Snapshot, SnapshotStatus


def latest_snapshot() -> Snapshot | None:
    """The complete snapshot with the latest as-of date (then the latest loaded), if any."""
    return (
        Snapshot.objects.filter(status=SnapshotStatus.COMPLETE)
        .order_by("-as_of", "-created_at", "-pk")
        .first()
    )


def complete_snapshots() -> QuerySet[Snapshot]:
    """Every complete snapshot, oldest as-of date first (the order of a trend)."""
    return Snapshot.objects.filter(status=SnapshotStatus.COMPLETE).order_by(
        "as_of", "created_at", "pk"
    )


def recent_loads(limit: int = 20) -> QuerySet[Snapshot]:
    """The latest loads, whatever their outcome, newest first."""
    return Snapshot.objects.select_related("created_by").order_by("-created_at", "-pk")[:limit]


def load(pk: int) -> Snapshot:
    """One load, or 404."""
    return get_object_or_404(Snapshot.objects.select_related("created_by"), pk=pk)


def load_problems(snapshot: Snapshot, *, file: str = "") -> QuerySet[LoadProblem]:
    """The load report's problems, optionally of one file."""
    problems = snapshot.problems.all()
    return problems.filter(file=file) if file else problems


REPORT_HEADER = ("kind", "file", "line", "row", "element", "child", "column", "value", "expected")
"""The load report's columns, as the download names them."""


def report_rows(snapshot: Snapshot, *, file: str = "") -> list[tuple[object, ...]]:
    """Every problem of the load report (optionally of one file), as download rows."""
    return list(load_problems(snapshot, file=file).values_list(*REPORT_HEADER))
