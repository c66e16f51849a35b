"""Reads of the children app, all within the user's record scope (``permissions.Scope``).

* social workers: the children allocated to them (their ``professional_id``);
* team managers: the children allocated to their teams (``team_ids()``);
* service managers, directors, analysts and reviewers: every child of the service;
* commissioners and inspectors: only the children named in a current grant to them
  (``accounts/grants.py``), and none without one;
* everyone else: no child at all.

Every read starts from ``scoped_children`` or ``scoped_flags``; a child outside the scope is a
404 (``child_in_scope``), never a 403, so that its existence is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.db.models.expressions import OrderBy
from django.http import Http404

from oversight.web.accounts import grants
from oversight.web.accounts.permissions import Scope, scope_of
from oversight.web.imports.models import Child, ChildFlag, Event, Professional, Snapshot, Team
from oversight.web.imports.queries import latest_snapshot

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oversight.web.accounts.models import User

WORKLIST_STATUSES = ("overdue", "due_soon")
SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "due": (F("due_date").asc(nulls_last=True), "person_id"),
    "overdue": (F("days_overdue").desc(nulls_last=True), "due_date", "person_id"),
    "measure": ("measure", "due_date", "person_id"),
    "child": ("person_id", "due_date"),
    "worker": ("worker_id", "due_date", "person_id"),
    "team": ("team_id", "due_date", "person_id"),
}
"""The sort orders a worklist offers, by the name in the URL."""
FLAG_ORDER = ("overdue", "due_soon", "missing_data", "met")
OPEN = ~Q(status__in=(Child.Status.CLOSED,))


def _scope_filter(user: User | AnonymousUser) -> Q | None:
    """The filter on ``team_id``/``worker_id`` for ``user``; ``None`` means nothing at all."""
    scope = scope_of(user)
    if scope is Scope.SERVICE:
        return Q()
    if scope is Scope.TEAM:
        teams = user.team_ids()  # type: ignore[union-attr]
        return Q(team_id__in=teams) if teams else None
    if scope is Scope.OWN_CASELOAD:
        worker = user.professional_id  # type: ignore[union-attr]
        return Q(worker_id=worker) if worker else None
    if scope is Scope.GRANTED:
        return grants.granted_filter(user)  # type: ignore[arg-type]
    return None


def scoped_children(user: User | AnonymousUser, snapshot: Snapshot) -> QuerySet[Child]:
    """The children of ``snapshot`` within ``user``'s scope."""
    scope = _scope_filter(user)
    children = Child.objects.filter(snapshot=snapshot)
    return children.none() if scope is None else children.filter(scope)


def scoped_flags(user: User | AnonymousUser, snapshot: Snapshot) -> QuerySet[ChildFlag]:
    """The flags of ``snapshot`` about children within ``user``'s scope."""
    scope = _scope_filter(user)
    flags = ChildFlag.objects.filter(snapshot=snapshot)
    return flags.none() if scope is None else flags.filter(scope)


@dataclass(frozen=True)
class WorklistFilter:
    """What a worklist is narrowed to and how it is sorted; empty strings mean everything."""

    area: str = ""
    team: str = ""
    worker: str = ""
    measure: str = ""
    status: str = ""
    sort: str = "overdue"


def worklist(
    user: User | AnonymousUser, snapshot: Snapshot, chosen: WorklistFilter
) -> QuerySet[ChildFlag]:
    """Overdue and due-soon flags in scope, filtered and sorted as ``chosen`` says."""
    flags = scoped_flags(user, snapshot).filter(status__in=WORKLIST_STATUSES)
    if chosen.status in WORKLIST_STATUSES:
        flags = flags.filter(status=chosen.status)
    if chosen.area:
        in_area = Team.objects.filter(snapshot=snapshot, parent_id=chosen.area)
        flags = flags.filter(team_id__in=in_area.values("team_id"))
    if chosen.team:
        flags = flags.filter(team_id=chosen.team)
    if chosen.worker:
        flags = flags.filter(worker_id=chosen.worker)
    if chosen.measure:
        flags = flags.filter(measure=chosen.measure)
    return flags.order_by(*SORTS.get(chosen.sort, SORTS["overdue"]))


def worklist_choices(user: User | AnonymousUser, snapshot: Snapshot) -> dict[str, list[str]]:
    """The service areas, teams, workers and measures that appear in the user's worklist, for
    its filters (a service area is the parent department of a team in the list)."""
    flags = scoped_flags(user, snapshot).filter(status__in=WORKLIST_STATUSES)
    found = {
        column: sorted(v for v in flags.values_list(column, flat=True).distinct() if v)
        for column in ("team_id", "worker_id", "measure")
    }
    areas = Team.objects.filter(snapshot=snapshot, team_id__in=found["team_id"]).exclude(
        parent_id=""
    )
    found["area"] = sorted(set(areas.values_list("parent_id", flat=True)))
    return found


def unallocated(user: User | AnonymousUser, snapshot: Snapshot) -> QuerySet[ChildFlag]:
    """Children with an open case and no allocated worker: the ``unallocated`` flag, raised.

    A child who lost their worker during the case is still held by that worker's team, so the
    team's manager sees them; a child not allocated since the case opened has no team, and
    only a service-wide scope reaches them (``MeasureInputs.case_holders``).
    """
    return (
        scoped_flags(user, snapshot)
        .filter(measure="unallocated", status="overdue")
        .order_by("due_date", "person_id")
    )


def caseloads(user: User | AnonymousUser, snapshot: Snapshot) -> dict[str, list[dict[str, Any]]]:
    """Children with an open case per allocated worker and per team, largest first."""
    allocated = scoped_children(user, snapshot).filter(OPEN).exclude(worker_id="")
    workers = allocated.values("worker_id", "team_id").annotate(children=Count("pk"))
    teams = allocated.values("team_id").annotate(children=Count("pk"))
    return {
        "workers": [dict(row) for row in workers.order_by("-children", "worker_id")],
        "teams": [dict(row) for row in teams.order_by("-children", "team_id")],
    }


def child_in_scope(user: User | AnonymousUser, snapshot: Snapshot | None, person_id: str) -> Child:
    """The child ``person_id`` if within ``user``'s scope; else 404, whether or not it exists."""
    child = (
        scoped_children(user, snapshot).filter(person_id=person_id).first()
        if snapshot is not None
        else None
    )
    if child is None:
        raise Http404("No child with that id within your scope.")
    return child


def grant_used(user: User | AnonymousUser, child: Child) -> int | None:
    """The id of the grant under which ``user`` sees ``child``, for the access log; ``None``
    when their role's own scope reaches the child."""
    if scope_of(user) is not Scope.GRANTED:
        return None
    grant = grants.grant_covering(user, child.person_id)  # type: ignore[arg-type]
    return grant.pk if grant is not None else None


def chronology(child: Child) -> QuerySet[Event]:
    """The child's events, newest first."""
    return Event.objects.filter(snapshot_id=child.snapshot_id, person_id=child.person_id).order_by(
        "-date", "-pk"
    )


def current_flags(child: Child) -> QuerySet[ChildFlag]:
    """The child's flags on the as-of date: overdue, due soon, missing data, then met."""
    priority = Case(
        *(When(status=status, then=Value(rank)) for rank, status in enumerate(FLAG_ORDER)),
        default=Value(len(FLAG_ORDER)),
    )
    return (
        ChildFlag.objects.filter(snapshot_id=child.snapshot_id, person_id=child.person_id)
        .annotate(priority=priority)
        .order_by("priority", "due_date", "measure")
    )


def names(snapshot: Snapshot, person_ids: list[str]) -> dict[str, str]:
    """The names of the children ``person_ids`` (for a page of a list)."""
    rows = Child.objects.filter(snapshot=snapshot, person_id__in=person_ids)
    return {child.person_id: child.name for child in rows}


def people_and_teams(snapshot: Snapshot) -> tuple[dict[str, str], dict[str, str]]:
    """Professionals' and teams' names by id, for showing names instead of ids."""
    workers = dict(
        Professional.objects.filter(snapshot=snapshot).values_list("professional_id", "name")
    )
    teams = dict(Team.objects.filter(snapshot=snapshot).values_list("team_id", "name"))
    return workers, teams


def current_snapshot() -> Snapshot | None:
    """The snapshot every page reads: the latest complete one."""
    return latest_snapshot()
