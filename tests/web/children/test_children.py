"""Worklists, caseloads and the child page: record scope, the access log, filters and CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from oversight.web.accounts.models import AccessEvent, Role, TeamMembership
from oversight.web.children.export import csv_text
from oversight.web.imports.models import Child, ChildFlag, Snapshot, Team


def allocated(snapshot: Snapshot) -> tuple[Child, Child]:
    """Two children with open cases allocated to different workers in different teams."""
    first = Child.objects.filter(snapshot=snapshot).exclude(worker_id="").order_by("person_id")[0]
    second = (
        Child.objects.filter(snapshot=snapshot)
        .exclude(worker_id="")
        .exclude(team_id=first.team_id)
        .order_by("person_id")[0]
    )
    return first, second


def worker_of(child: Child, user_factory: Any, role: Role = Role.SOCIAL_WORKER) -> Any:
    user = user_factory(role=role, professional_id=child.worker_id)
    TeamMembership.objects.create(user=user, team_id=child.team_id)
    return user


def test_a_social_worker_sees_their_own_children_only(
    loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    mine, other = allocated(loaded)
    client: Client = sign_in(worker_of(mine, user_factory))
    assert client.get(reverse("children:child-detail", args=[mine.person_id])).status_code == 200
    assert client.get(reverse("children:child-detail", args=[other.person_id])).status_code == 404
    assert client.get(reverse("children:child-detail", args=["nobody"])).status_code == 404
    page = client.get(reverse("children:worklist"))
    people = {item.person_id for item in page.context["items"]}
    assert people <= set(
        Child.objects.filter(snapshot=loaded, worker_id=mine.worker_id).values_list(
            "person_id", flat=True
        )
    )


def test_a_team_manager_sees_their_teams_children(
    loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    mine, other = allocated(loaded)
    manager = user_factory(role=Role.TEAM_MANAGER)
    TeamMembership.objects.create(user=manager, team_id=mine.team_id)
    client: Client = sign_in(manager)
    assert client.get(reverse("children:child-detail", args=[mine.person_id])).status_code == 200
    assert client.get(reverse("children:child-detail", args=[other.person_id])).status_code == 404
    teams = {row["team_id"] for row in client.get(reverse("children:caseloads")).context[
        "caseloads"]["teams"]}  # fmt: skip
    assert teams == {mine.team_id}


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.SERVICE_MANAGER, Role.PERFORMANCE_ANALYST,
                                  Role.REVIEWER])  # fmt: skip
def test_service_wide_roles_see_every_child(
    role: Role, loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    mine, other = allocated(loaded)
    client: Client = sign_in(user_factory(role=role))
    for child in (mine, other):
        assert (
            client.get(reverse("children:child-detail", args=[child.person_id])).status_code == 200
        )


# Commissioners and inspectors hold children.view, reaching only granted children (test_grants).
@pytest.mark.parametrize("role", [Role.ELECTED_MEMBER, Role.ADMINISTRATOR])
def test_roles_without_children_capability_are_refused(
    role: Role, loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    mine, _ = allocated(loaded)
    client: Client = sign_in(user_factory(role=role))
    assert client.get(reverse("children:child-detail", args=[mine.person_id])).status_code == 403
    assert client.get(reverse("children:worklist")).status_code == 403
    assert not AccessEvent.objects.exists()


def test_the_child_page_shows_the_chronology_and_flags_and_is_logged(
    loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    child = Child.objects.filter(snapshot=loaded, status="looked_after").order_by("person_id")[0]
    director = user_factory(role=Role.DIRECTOR, username="director-1")
    client: Client = sign_in(director)
    response = client.get(
        reverse("children:child-detail", args=[child.person_id]), REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 200
    kinds = {event.kind for event in response.context["events"]}
    assert "Care episode began" in kinds
    assert {flag.measure for flag, _ in response.context["flags"]} >= {"looked_after_review"}
    event = AccessEvent.objects.get()
    assert (event.username, event.action, event.what, event.person_id, event.ip_address) == (
        "director-1", "view", "children:child-detail", child.person_id, "10.1.2.3",
    )  # fmt: skip
    assert event.snapshot_id == loaded.pk


def test_a_refused_child_page_is_not_logged_as_a_view(
    loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=Role.SOCIAL_WORKER, professional_id="nobody"))
    mine, _ = allocated(loaded)
    assert client.get(reverse("children:child-detail", args=[mine.person_id])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_worklist_filters_and_sorts(loaded: Snapshot, user_factory: Any, sign_in: Any) -> None:
    client: Client = sign_in(user_factory(role=Role.DIRECTOR))
    everything = client.get(reverse("children:worklist"))
    total = everything.context["page"].paginator.count
    assert (
        total
        == ChildFlag.objects.filter(snapshot=loaded, status__in=("overdue", "due_soon")).count()
    )
    some = ChildFlag.objects.filter(snapshot=loaded, status="overdue").exclude(worker_id="")[0]
    for field, value, column in (
        ("measure", some.measure, "measure"),
        ("worker", some.worker_id, "worker_id"),
        ("team", some.team_id, "team_id"),
        ("status", "overdue", "status"),
    ):
        page = client.get(reverse("children:worklist"), {field: value})
        items = page.context["items"]
        assert items and all(getattr(item, column) == value for item in items), field
        assert page.context["page"].paginator.count < total
    ordered = client.get(reverse("children:worklist"), {"sort": "due"}).context["items"]
    dues = [item.due_date for item in ordered if item.due_date]
    assert dues == sorted(dues)
    most = client.get(reverse("children:worklist"), {"sort": "overdue"}).context["items"]
    days = [item.days_overdue or 0 for item in most]
    assert days == sorted(days, reverse=True)
    assert AccessEvent.objects.filter(what="children:worklist").count() == 7


def test_the_worklist_export_is_scoped_logged_and_safe(
    loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    mine, _ = allocated(loaded)
    manager = user_factory(role=Role.TEAM_MANAGER)
    TeamMembership.objects.create(user=manager, team_id=mine.team_id)
    client: Client = sign_in(manager)
    response = client.get(reverse("children:worklist-export"), {"status": "overdue"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and {row["team_id"] for row in rows} == {mine.team_id}
    assert {row["status"] for row in rows} == {"overdue"}
    event = AccessEvent.objects.get()
    assert (event.action, event.what) == ("export", "children:worklist-export")
    assert f"{len(rows)} rows" in event.detail


def test_a_social_worker_cannot_export(loaded: Snapshot, user_factory: Any, sign_in: Any) -> None:
    client: Client = sign_in(user_factory(role=Role.SOCIAL_WORKER))
    assert client.get(reverse("children:worklist-export")).status_code == 403


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])
def test_csv_neutralises_formula_text(text: str) -> None:
    out = list(csv.reader(io.StringIO(csv_text(["name"], [[text], [7], [-3]]))))
    assert out[1] == ["'" + text]
    assert out[2:] == [["7"], ["-3"]], "numbers are written as numbers"


def test_unallocated_children_are_listed_for_the_service(
    loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    expected = set(
        ChildFlag.objects.filter(
            snapshot=loaded, measure="unallocated", status="overdue"
        ).values_list("person_id", flat=True)
    )
    client: Client = sign_in(user_factory(role=Role.SERVICE_MANAGER))
    response = client.get(reverse("children:unallocated"))
    assert {item.person_id for item in response.context["items"]} == expected
    assert AccessEvent.objects.filter(what="children:unallocated").count() == 1


def test_a_team_manager_sees_the_unallocated_children_their_team_still_holds(
    loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    """A child who lost their worker during the case stays with that worker's team."""
    raised = ChildFlag.objects.filter(snapshot=loaded, measure="unallocated", status="overdue")
    held = raised.exclude(team_id="")
    first = held.order_by("person_id").first()
    assert first is not None and raised.filter(team_id="").exists()  # both kinds in the council
    manager = user_factory(role=Role.TEAM_MANAGER)
    TeamMembership.objects.create(user=manager, team_id=first.team_id)
    client: Client = sign_in(manager)
    page = client.get(reverse("children:unallocated"))
    listed = {item.person_id for item in page.context["items"]}
    assert listed == set(held.filter(team_id=first.team_id).values_list("person_id", flat=True))
    team = Team.objects.get(snapshot=loaded, team_id=first.team_id)
    assert f">{team.name or team.team_id}</td>" in page.content.decode()  # the team holding it
    assert client.get(reverse("children:child-detail", args=[first.person_id])).status_code == 200
    service = sign_in(user_factory(role=Role.SERVICE_MANAGER)).get(reverse("children:unallocated"))
    assert "None: not allocated since the case opened" in service.content.decode()


def test_caseloads_count_open_cases_per_worker(
    loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=Role.DIRECTOR))
    workers = client.get(reverse("children:caseloads")).context["caseloads"]["workers"]
    top = workers[0]
    assert top["children"] == (
        Child.objects.filter(snapshot=loaded, worker_id=top["worker_id"])
        .exclude(status="closed")
        .count()
    )


def test_pages_without_data_say_so(db: None, user_factory: Any, sign_in: Any) -> None:
    client: Client = sign_in(user_factory(role=Role.DIRECTOR))
    for name in ("children:worklist", "children:unallocated", "children:caseloads"):
        assert b"No data has been loaded yet" in client.get(reverse(name)).content


def test_the_worklist_filters_by_service_area(
    loaded: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    """A service area is the parent department of the teams in it (``ssd_department``)."""
    client: Client = sign_in(user_factory(role=Role.DIRECTOR))
    areas = client.get(reverse("children:worklist")).context["form"].fields["area"].choices
    area_ids = [value for value, _ in areas if value]
    assert len(area_ids) >= 2, areas
    totals = []
    for area in area_ids:
        teams = set(
            Team.objects.filter(snapshot=loaded, parent_id=area).values_list("team_id", flat=True)
        )
        page = client.get(reverse("children:worklist"), {"area": area})
        items = list(page.context["page"].paginator.object_list)
        assert items and all(item.team_id in teams for item in items), area
        totals.append(len(items))
    everything = ChildFlag.objects.filter(snapshot=loaded, status__in=("overdue", "due_soon"))
    assert sum(totals) == everything.exclude(team_id="").count()
