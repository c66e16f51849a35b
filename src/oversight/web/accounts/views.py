"""Signing in and out (Django's views, declared public), and the access log."""

from typing import Any

from django.contrib.auth.views import LoginView, LogoutView
from django.views.generic import TemplateView

from oversight.web.accounts.access import AccessRequiredMixin
from oversight.web.accounts.forms import AccessLogFilterForm, SignInForm
from oversight.web.accounts.permissions import Capability
from oversight.web.accounts.queries import access_events


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
        """The newest 500 matching rows."""
        form = AccessLogFilterForm(self.request.GET or None)
        chosen = form.cleaned_data if form.is_valid() else {}
        events = access_events(
            username=chosen.get("username", ""),
            person_id=chosen.get("person_id", ""),
            since=chosen.get("since"),
            until=chosen.get("until"),
        )
        return super().get_context_data(form=form, events=events[:500], **kwargs)
