"""The layout, the home page and the health check."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection
from django.test import Client, RequestFactory, override_settings
from django.utils.html import escape
from django.views.defaults import permission_denied

from oversight.web.accounts.models import Role
from oversight.web.accounts.permissions import ROLE_CAPABILITIES, Capability

BANNER = "Synthetic data — not real children"


def test_health_reports_the_database(client: Client, db: None) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_is_down(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_cursor(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", broken_cursor)
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.ADMINISTRATOR])
def test_home_says_the_role_and_what_it_allows(
    role: Role, client: Client, user_factory: Any, sign_in: Any
) -> None:
    sign_in(user_factory(role=role))
    page = client.get("/").content.decode()

    assert f"Your role: <strong>{role.label}</strong>" in page
    for capability in Capability:
        shown = f"<li>{escape(capability.description)}</li>" in page
        assert shown == (capability in ROLE_CAPABILITIES[role]), capability


def test_home_says_plainly_that_no_data_is_loaded(
    client: Client, user_factory: Any, sign_in: Any
) -> None:
    sign_in(user_factory(role=Role.DIRECTOR))
    page = client.get("/").content.decode()
    assert "No data has been loaded yet" in page
    main = page.split('id="main-content">')[1].split("</main>")[0]
    text = html.unescape(re.sub(r"<[^>]+>", " ", main))
    assert not re.search(r"\d", text), "the empty home page must show no numbers"


def test_the_header_names_the_user_and_signs_out_by_post(
    client: Client, user_factory: Any, sign_in: Any
) -> None:
    sign_in(user_factory(role=Role.TEAM_MANAGER, first_name="Ada", last_name="Example"))
    page = client.get("/").content.decode()

    assert "<strong>Ada Example</strong>, Team manager" in page
    form = re.search(r'<form method="post" action="/accounts/sign-out/">.*?</form>', page, re.S)
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' in form.group()


@pytest.mark.parametrize("on", [True, False])
def test_the_synthetic_data_banner_follows_the_setting(
    on: bool, client: Client, user_factory: Any, sign_in: Any
) -> None:
    with override_settings(OVERSIGHT_SYNTHETIC_DATA=on):
        sign_in_page = client.get("/accounts/sign-in/").content.decode()
        sign_in(user_factory())
        home = client.get("/").content.decode()
    assert (BANNER in sign_in_page, BANNER in home) == (on, on)


@override_settings(OVERSIGHT_COUNCIL_NAME="Example Borough Council")
def test_the_layout_is_the_councils_not_govuks(client: Client, db: None) -> None:
    page = client.get("/accounts/sign-in/").content.decode()

    assert '<html lang="en-GB" class="govuk-template">' in page
    assert "<title>Sign in – Oversight – Example Borough Council</title>" in page
    assert 'class="govuk-skip-link"' in page and 'id="main-content"' in page
    assert "Example Borough Council" in page.split("</header>")[0]
    assert "GOV.UK" not in page
    assert "govuk-footer" not in page and "govuk-header" not in page


def test_csp_has_a_nonce_that_the_inline_scripts_carry(client: Client, db: None) -> None:
    first = client.get("/accounts/sign-in/")
    second = client.get("/accounts/sign-in/")
    policy = first["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce is not None

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives == {
        "default-src": "'self'",
        "script-src": f"'self' 'nonce-{nonce.group(1)}'",
        "style-src": "'self'",
        "img-src": "'self'",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    scripts = re.findall(r"<script([^>]*)>", first.content.decode())
    assert len(scripts) == 2
    assert all(f'nonce="{nonce.group(1)}"' in attributes for attributes in scripts)
    assert nonce.group(1) not in second["Content-Security-Policy"]


def test_security_headers(client: Client, db: None) -> None:
    response = client.get("/accounts/sign-in/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_an_unknown_page_is_a_govuk_404(client: Client, db: None) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in response.content.decode()


def test_a_refusal_is_a_govuk_403_page(rf: RequestFactory, user_factory: Any) -> None:
    request = rf.get("/somewhere/")
    request.user = user_factory(role=Role.ELECTED_MEMBER)
    response = permission_denied(request, PermissionDenied())
    page = response.content.decode()
    assert response.status_code == 403
    assert '<h1 class="govuk-heading-l">You cannot see this page</h1>' in page
    assert "Elected member" in page  # the layout, with the signed-in user, is used
