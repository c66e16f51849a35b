"""The account backend refuses demo users wherever they are not allowed (production)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.test import RequestFactory, override_settings

from oversight.web.accounts.models import Role


def _authenticate(rf: RequestFactory, username: str, password: str) -> Any:
    return authenticate(rf.post("/accounts/sign-in/"), username=username, password=password)


@override_settings(OVERSIGHT_ALLOW_DEMO_USERS=False)
def test_a_demo_user_is_refused_where_not_allowed(
    rf: RequestFactory, user_factory: Any, user_password: str
) -> None:
    demo = user_factory(role=Role.DIRECTOR, is_demo=True)
    real = user_factory(role=Role.DIRECTOR)
    assert _authenticate(rf, demo.username, user_password) is None
    assert _authenticate(rf, real.username, user_password) == real


@override_settings(OVERSIGHT_ALLOW_DEMO_USERS=True)
def test_a_demo_user_signs_in_where_allowed(
    rf: RequestFactory, user_factory: Any, user_password: str
) -> None:
    demo = user_factory(role=Role.DIRECTOR, is_demo=True)
    assert _authenticate(rf, demo.username, user_password) == demo


def test_a_demo_users_session_ends_when_demo_users_become_refused(
    client: Any, user_factory: Any, sign_in: Any
) -> None:
    sign_in(user_factory(role=Role.DIRECTOR, is_demo=True))
    assert client.get("/").status_code == 200
    with override_settings(OVERSIGHT_ALLOW_DEMO_USERS=False):
        assert client.get("/").status_code == 302
