"""Signing in and out (Django's views, declared public), and the access log."""

from typing import Any, ClassVar

from django.contrib.auth.views import LoginView, LogoutView
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from oversight.web.accounts import grants
from oversight.web.accounts.access import AccessRequiredMixin, record_request_access
from oversight.web.accounts.forms import AccessLogFilterForm, GrantForm, SignInForm
from oversight.web.accounts.models import AccessEvent
from oversight.web.accounts.permissions import Capability
from oversight.web.accounts.queries import EXPORT_HEADER, access_events, export_rows
from oversight.web.exports import download


def _searched(
    request: HttpRequest,
) -> tuple[AccessLogFilterForm, dict[str, Any], QuerySet[AccessEvent]]:
    """The search form, what it chose and the matching events: shared by page and export."""
    form = AccessLogFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    events = access_events(
        username=chosen.get("username", ""),
        person_id=chosen.get("person_id", ""),
        since=chosen.get("since"),
        until=chosen.get("until"),
    )
    return form, chosen, events


class SignInView(AccessRequiredMixin, LoginView):
    """The sign-in page; django-axes turns repeated failures into the lockout page (429)."""

    public = True
    template_name = "accounts/sign_in.html"
    form_class = SignInForm


# django-stubs narrows LogoutView.dispatch to HttpResponse; the mixin keeps View's HttpResponseBase.
class SignOutView(AccessRequiredMixin, LogoutView):  # type: ignore[misc]
    """Signs out (POST only) and confirms it on a page of its own."""

    public = True
    template_name = "accounts/signed_out.html"


class AccessLogView(AccessRequiredMixin, TemplateView):
    """The access log, searchable by user, child and dates: for administrators and auditors."""

    capability = Capability.VIEW_AUDIT
    template_name = "accounts/accessevent_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The newest 500 matching rows, and the query string the export repeats."""
        form, _, events = _searched(self.request)
        return super().get_context_data(
            form=form, events=events[:500], query=self.request.GET.urlencode(), **kwargs
        )


class AccessLogExportView(AccessRequiredMixin, View):
    """The searched access log as CSV, every matching row, neutralised for spreadsheets.

    The log names children and who looked at them, so exporting it is itself an export of
    child-level data: it appends its own row (with the search and the count) to the log.
    """

    capability = Capability.VIEW_AUDIT
    http_method_names: ClassVar[list[str]] = ["get", "head", "options"]  # type: ignore[misc]

    def get(self, request: HttpRequest) -> HttpResponse:
        """Every matching row, newest first, as ``access-log.csv``."""
        _, chosen, events = _searched(request)
        rows = export_rows(events)
        searched = {key: str(value) for key, value in chosen.items() if value}
        record_request_access(
            request, action="export", what="accounts:access-log-export",
            detail=f"{searched}; {len(rows)} rows",
        )  # fmt: skip
        return download("access-log", "csv", EXPORT_HEADER, rows)


class GrantsView(AccessRequiredMixin, FormView[GrantForm]):
    """Grant a commissioner or inspector named children for a time; the grants made so far.

    Showing the page also logs the expiry of grants that have ended (``grants.py``).
    """

    capability = Capability.MANAGE_GRANTS
    template_name = "accounts/grant_list.html"
    form_class = GrantForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Recent grants, newest ending first, with whether each is in force."""
        grants.log_expired_grants()
        return super().get_context_data(grants=grants.recent_grants(), now=timezone.now(), **kwargs)

    def form_valid(self, form: GrantForm) -> HttpResponse:
        """Make the grant (logged by the service), or show why it was refused."""
        valid_from, valid_until = form.period()
        try:
            grants.create_grant(
                self.request.user,  # type: ignore[arg-type]
                form.cleaned_data["grantee"],
                person_ids=form.person_ids(),
                all_children=form.cleaned_data["all_children"],
                reason=form.cleaned_data["reason"],
                valid_from=valid_from,
                valid_until=valid_until,
            )
        except grants.GrantRefusedError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return HttpResponseRedirect(reverse("accounts:grants"))
