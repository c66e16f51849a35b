"""Signing in and out: Django's views, declared public through the access mixin."""

from django.contrib.auth.views import LoginView, LogoutView

from oversight.web.accounts.access import AccessRequiredMixin
from oversight.web.accounts.forms import SignInForm


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
