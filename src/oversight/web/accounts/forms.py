"""Forms for signing in, searching the access log and granting named children; GOV.UK markup
comes from the project's form renderer."""

import re
from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils import timezone

from oversight.web.accounts.models import User


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


class GrantForm(forms.Form):
    """A grant of named children to a commissioner or inspector, for a period, with a reason."""

    grantee = forms.ModelChoiceField(
        label="Commissioner or inspector", queryset=User.objects.none(), empty_label="Choose"
    )
    children = forms.CharField(
        label="Children's person ids",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or more ids, separated by commas, spaces or new lines.",
    )
    all_children = forms.BooleanField(
        label="All children of the service (instead of named children)", required=False
    )
    reason = forms.CharField(
        label="Reason", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: the Ofsted ILACS inspection of March 2026. Kept in the access log.",
    )  # fmt: skip
    valid_from = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}), help_text="From midnight."
    )
    valid_until = forms.DateField(
        label="Until", widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Up to the end of this day; at most 92 days after the start.",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from oversight.web.accounts.grants import grantees

        self.fields["grantee"].queryset = grantees()  # type: ignore[attr-defined]

    def person_ids(self) -> list[str]:
        """The ids typed, split on commas and white space."""
        return [pid for pid in re.split(r"[\s,]+", self.cleaned_data.get("children", "")) if pid]

    def period(self) -> tuple[datetime, datetime]:
        """From the start of the first day to the end of the last, in the server's time zone."""
        start = datetime.combine(self.cleaned_data["valid_from"], time.min)
        end = datetime.combine(self.cleaned_data["valid_until"] + timedelta(days=1), time.min)
        return timezone.make_aware(start), timezone.make_aware(end)
