"""Worklists, unallocated children, caseloads and the child page: thin views over ``queries``.

Every page or export that shows named children appends a row to the access log
(``record_request_access``) before it answers.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.views.generic import TemplateView

from oversight.web.accounts.access import AccessRequiredMixin, record_request_access
from oversight.web.accounts.permissions import Capability
from oversight.web.children import queries
from oversight.web.children.export import csv_text
from oversight.web.children.forms import WorklistFilterForm, measure_label

PAGE_ROWS = 100


def _labelled(items: list[Any], names: dict[str, str], context: dict[str, Any]) -> list[Any]:
    """``items`` (flags) with the names of their child, worker, team and measure attached."""
    for item in items:
        item.child_name = names.get(item.person_id, item.person_id)
        item.worker_name = context["workers"].get(item.worker_id) or item.worker_id
        item.team_name = context["teams"].get(item.team_id) or item.team_id
        item.measure_label = measure_label(item.measure)
    return items


class _ChildrenPage(AccessRequiredMixin, TemplateView):
    """A page reading the latest snapshot, with names of workers and teams."""

    capability = Capability.VIEW_CHILDREN

    def base_context(self) -> dict[str, Any]:
        snapshot = queries.current_snapshot()
        workers, teams = queries.people_and_teams(snapshot) if snapshot else ({}, {})
        return {"snapshot": snapshot, "workers": workers, "teams": teams}


class WorklistView(_ChildrenPage):
    """Overdue and due-soon items in the user's scope: filterable, sortable, paged."""

    template_name = "children/worklist_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The filtered worklist's page, with the names of the children on it."""
        context = self.base_context()
        snapshot = context["snapshot"]
        if snapshot is None:
            return super().get_context_data(**context, **kwargs)
        user = self.request.user
        form = WorklistFilterForm(
            self.request.GET or None,
            choices=queries.worklist_choices(user, snapshot),
            workers=context["workers"],
            teams=context["teams"],
        )
        chosen = form.chosen()
        page = Paginator(queries.worklist(user, snapshot, chosen), PAGE_ROWS).get_page(
            self.request.GET.get("page")
        )
        items = list(page.object_list)
        record_request_access(
            self.request, action="view", what="children:worklist", snapshot_id=snapshot.pk,
            detail=f"{chosen}; {len(items)} rows shown",
        )  # fmt: skip
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            **context,
            form=form,
            page=page,
            items=_labelled(items, queries.names(snapshot, [i.person_id for i in items]), context),
            query=query.urlencode(),
            **kwargs,
        )


class WorklistExportView(AccessRequiredMixin, TemplateView):
    """The filtered worklist as CSV, neutralised for spreadsheets; logged as an export."""

    capability = Capability.EXPORT_CHILDREN

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Every row of the filtered worklist (no paging)."""
        snapshot = queries.current_snapshot()
        header = ["person_id", "name", "measure", "status", "due_date", "days_overdue",
                  "last_done_date", "team_id", "worker_id", "episode_id"]  # fmt: skip
        rows: list[list[object]] = []
        if snapshot is not None:
            workers, teams = queries.people_and_teams(snapshot)
            form = WorklistFilterForm(
                request.GET or None,
                choices=queries.worklist_choices(request.user, snapshot),
                workers=workers,
                teams=teams,
            )
            chosen = form.chosen()
            flags = list(queries.worklist(request.user, snapshot, chosen))
            names = queries.names(snapshot, [flag.person_id for flag in flags])
            rows = [
                [f.person_id, names.get(f.person_id, ""), f.measure, f.status, f.due_date,
                 f.days_overdue, f.last_done_date, f.team_id, f.worker_id, f.episode_id]
                for f in flags
            ]  # fmt: skip
            record_request_access(
                request, action="export", what="children:worklist-export",
                snapshot_id=snapshot.pk, detail=f"{chosen}; {len(rows)} rows",
            )  # fmt: skip
        response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="worklist.csv"'
        return response


class UnallocatedView(_ChildrenPage):
    """Children with an open case and no allocated worker, longest unallocated first."""

    template_name = "children/unallocated_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The unallocated children in scope."""
        context = self.base_context()
        snapshot = context["snapshot"]
        items: list[Any] = []
        if snapshot is not None:
            items = list(queries.unallocated(self.request.user, snapshot)[:1000])
            record_request_access(
                self.request, action="view", what="children:unallocated",
                snapshot_id=snapshot.pk, detail=f"{len(items)} rows shown",
            )  # fmt: skip
            _labelled(items, queries.names(snapshot, [i.person_id for i in items]), context)
        return super().get_context_data(**context, items=items, **kwargs)


class CaseloadView(_ChildrenPage):
    """Children with an open case per worker and per team (counts only: not logged)."""

    template_name = "children/caseload_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Caseloads in scope."""
        context = self.base_context()
        snapshot = context["snapshot"]
        loads = queries.caseloads(self.request.user, snapshot) if snapshot else None
        for row in (loads or {}).get("workers", []) + (loads or {}).get("teams", []):
            row["worker_name"] = context["workers"].get(row.get("worker_id")) or row.get(
                "worker_id"
            )
            row["team_name"] = context["teams"].get(row["team_id"]) or row["team_id"] or "No team"
        return super().get_context_data(**context, caseloads=loads, **kwargs)


class ChildDetailView(_ChildrenPage):
    """A child's current status, flags and chronology; 404 outside the user's scope."""

    template_name = "children/child_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The child (or 404), their flags and their events; the view is logged."""
        context = self.base_context()
        snapshot = context["snapshot"]
        child = queries.child_in_scope(self.request.user, snapshot, kwargs["person_id"])
        grant_id = queries.grant_used(self.request.user, child)
        record_request_access(
            self.request, action="view", what="children:child-detail",
            person_id=child.person_id, snapshot_id=child.snapshot_id, grant_id=grant_id,
            detail=f"under grant {grant_id}" if grant_id else "",
        )  # fmt: skip
        flags = [(flag, measure_label(flag.measure)) for flag in queries.current_flags(child)]
        return super().get_context_data(
            **context,
            child=child,
            worker_name=context["workers"].get(child.worker_id) or child.worker_id,
            team_name=context["teams"].get(child.team_id) or child.team_id,
            flags=flags,
            events=list(queries.chronology(child)[:2000]),
            **kwargs,
        )
