"""Signing in and out: every demo role, GOV.UK errors, throttling and session cookies."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from oversight.web.accounts.models import Role
from oversight.web.accounts.services import create_demo_users

SIGN_IN = "/accounts/sign-in/"
SIGN_OUT = "/accounts/sign-out/"


@pytest.mark.django_db
def test_every_demo_role_can_sign_in_and_out(client: Client) -> None:
    for demo in create_demo_users():
        response = client.post(SIGN_IN, {"username": demo.username, "password": demo.password})
        assert (response.status_code, response["Location"]) == (302, reverse("shell:home"))

        home = client.get("/")
        assert home.status_code == 200
        assert f"Your role: <strong>{demo.role.label}</strong>" in home.content.decode()

        signed_out = client.post(SIGN_OUT)
        assert signed_out.status_code == 200
        assert "You have signed out" in signed_out.content.decode()
        assert client.get("/").status_code == 302


def test_a_wrong_password_shows_the_error_summary(client: Client, user_factory: Any) -> None:
    user = user_factory()
    response = client.post(SIGN_IN, {"username": user.username, "password": "wrong"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#id_username">Enter a correct username and password.' in page
    assert "_auth_user_id" not in client.session


def test_empty_fields_are_each_named_and_marked(client: Client) -> None:
    response = client.post(SIGN_IN, {"username": "", "password": ""})
    page = response.content.decode()

    assert '<a href="#id_username">Enter your username</a>' in page
    assert '<a href="#id_password">Enter your password</a>' in page
    assert page.count("govuk-form-group--error") == 2
    username_input = re.search(r'<input[^>]*name="username"[^>]*>', page)
    assert username_input is not None
    assert 'class="govuk-input govuk-input--error"' in username_input.group()
    assert 'aria-describedby="id_username_error"' in username_input.group()
    assert 'id="id_username_error"' in page


def test_the_sign_in_form_is_labelled(client: Client) -> None:
    page = client.get(SIGN_IN).content.decode()
    assert '<label class="govuk-label" for="id_username">Username</label>' in page
    assert '<label class="govuk-label" for="id_password">Password</label>' in page
    assert "autofocus" not in page


def test_repeated_failures_lock_out_with_a_429_page(
    client: Client, user_factory: Any, user_password: str
) -> None:
    user = user_factory()
    limit = settings.AXES_FAILURE_LIMIT
    wrong = {"username": user.username, "password": "wrong"}

    statuses = [client.post(SIGN_IN, wrong).status_code for _ in range(limit)]
    locked = client.post(SIGN_IN, {"username": user.username, "password": user_password})

    assert statuses == [200] * (limit - 1) + [429]
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many attempts to sign in" in page
    assert f"Wait {settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in page
    assert 'class="govuk-template__body"' in page
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_username(client: Client, user_factory: Any, user_password: str) -> None:
    """One person's typos do not lock out a colleague at the same address."""
    locked, colleague = user_factory(), user_factory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(SIGN_IN, {"username": locked.username, "password": "wrong"})

    response = client.post(SIGN_IN, {"username": colleague.username, "password": user_password})

    assert response.status_code == 302


@override_settings(OVERSIGHT_ALLOW_DEMO_USERS=False)
def test_a_demo_user_cannot_sign_in_where_refused(
    client: Client, user_factory: Any, user_password: str
) -> None:
    demo = user_factory(role=Role.SOCIAL_WORKER, is_demo=True)
    response = client.post(SIGN_IN, {"username": demo.username, "password": user_password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_session_cookie_is_httponly_lax_and_ends_with_the_browser(
    client: Client, user_factory: Any, user_password: str
) -> None:
    user = user_factory()
    response = client.post(SIGN_IN, {"username": user.username, "password": user_password})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # a browser-session cookie
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(
    client: Client, user_factory: Any, user_password: str
) -> None:
    user = user_factory()
    credentials = {"username": user.username, "password": user_password}

    inside = client.post(SIGN_IN, {**credentials, "next": "/health/"})
    client.post(SIGN_OUT)
    outside = client.post(SIGN_IN, {**credentials, "next": "https://attacker.example/"})

    assert inside["Location"] == "/health/"
    assert outside["Location"] == reverse("shell:home")
