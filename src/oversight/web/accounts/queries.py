"""Reads of accounts: the access log, searched by administrators."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from oversight.web.accounts.models import AccessEvent


def access_events(
    *,
    username: str = "",
    person_id: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AccessEvent]:
    """The access log, newest first, narrowed by user, child and date (inclusive)."""
    events = AccessEvent.objects.all()
    if username:
        events = events.filter(username__iexact=username)
    if person_id:
        events = events.filter(person_id=person_id)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events


EXPORT_HEADER = ("at", "username", "role", "action", "what", "person_id", "detail",
                 "snapshot_id", "ip_address", "path")  # fmt: skip
"""The access log's columns, as its export names them."""


def export_rows(events: QuerySet[AccessEvent]) -> list[tuple[object, ...]]:
    """Every row of ``events`` for the export, in the order of ``EXPORT_HEADER``."""
    return list(events.values_list(*EXPORT_HEADER))
