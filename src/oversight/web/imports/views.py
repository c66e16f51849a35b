"""The loads page (upload, recent loads) and a load's status and report."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from oversight.web.accounts.access import AccessRequiredMixin, record_request_access
from oversight.web.accounts.permissions import Capability
from oversight.web.exports import download
from oversight.web.imports import queries
from oversight.web.imports.forms import UploadForm
from oversight.web.imports.services import keep_upload, queue_snapshot
from oversight.web.imports.tasks import load_upload


class LoadListView(AccessRequiredMixin, FormView[UploadForm]):
    """Upload an extract; the load runs as a background job and its page shows the outcome."""

    capability = Capability.LOAD_IMPORTS
    template_name = "imports/load_list.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Recent loads and the latest complete snapshot."""
        return super().get_context_data(
            loads=queries.recent_loads(), latest=queries.latest_snapshot(), **kwargs
        )

    def form_valid(self, form: UploadForm) -> HttpResponseRedirect:
        """Queue the snapshot, keep the file and enqueue the job; show the load's page."""
        upload = form.cleaned_data["file"]
        snapshot = queue_snapshot(
            upload.name,
            as_of=form.cleaned_data["as_of"],
            created_by=self.request.user,  # type: ignore[arg-type]
            year=form.cleaned_data["year"],
        )
        keep_upload(snapshot, upload.chunks(), suffix=form.suffix)
        load_upload.enqueue(snapshot.pk)
        return HttpResponseRedirect(reverse("imports:load-detail", kwargs={"pk": snapshot.pk}))


class LoadDetailView(AccessRequiredMixin, TemplateView):
    """A load's status (refreshing while it runs), then its report."""

    capability = Capability.LOAD_IMPORTS
    template_name = "imports/load_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The snapshot and its problems, optionally of one file."""
        snapshot = queries.load(kwargs["pk"])
        file = self.request.GET.get("file", "")
        problems = queries.load_problems(snapshot, file=file)
        files = sorted(set(snapshot.problems.values_list("file", flat=True)))
        return super().get_context_data(
            snapshot=snapshot, problems=problems[:500], files=files, file=file, **kwargs
        )


class LoadReportExportView(AccessRequiredMixin, View):
    """The load report (optionally of one file) as CSV or xlsx, neutralised for spreadsheets.

    Problems quote values from the data (a child's id, a date of birth), so the download is
    logged as an export of child-level data.
    """

    capability = Capability.LOAD_IMPORTS
    http_method_names: ClassVar[list[str]] = ["get", "head", "options"]  # type: ignore[misc]
    kind: ClassVar[str] = "csv"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Every problem, with no cap: the page shows 500, the file all of them."""
        snapshot = queries.load(pk)
        file = request.GET.get("file", "")
        rows = queries.report_rows(snapshot, file=file)
        record_request_access(
            request, action="export", what=f"imports:load-report-{self.kind}",
            snapshot_id=snapshot.pk, detail=f"file={file!r}; {len(rows)} rows",
        )  # fmt: skip
        return download(f"load-{snapshot.pk}-report", self.kind, queries.REPORT_HEADER, rows)
