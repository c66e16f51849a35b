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
