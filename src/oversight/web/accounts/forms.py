"""Forms for signing in; GOV.UK markup comes from the project's form renderer."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK-style messages: say what to do, not what went wrong."""

    error_messages = {  # noqa: RUF012  (Django's own attribute, read per class)
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask an administrator to reactivate it.",
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        # GOV.UK advises against moving focus on page load; the error summary takes focus instead.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].widget.attrs["spellcheck"] = "false"
        self.fields["username"].widget.attrs["autocapitalize"] = "none"


class AccessLogFilterForm(forms.Form):
    """Search the access log: all fields optional."""

    username = forms.CharField(label="Username", required=False, max_length=150)
    person_id = forms.CharField(label="Child's person id", required=False, max_length=48)
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
