"""The system check that stops a deployment refusing demo users from running with some."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from oversight.web.accounts.checks import check_no_demo_users_where_refused
from oversight.web.accounts.models import Role


@override_settings(OVERSIGHT_ALLOW_DEMO_USERS=False)
def test_demo_users_where_refused_are_an_error(user_factory: Any) -> None:
    user_factory(role=Role.DIRECTOR, username="demo-director", is_demo=True)
    user_factory(role=Role.DIRECTOR, username="real-director")

    messages = check_no_demo_users_where_refused(databases=["default"])

    assert [(m.id, m.is_serious()) for m in messages] == [("accounts.E001", True)]
    assert "demo-director" in messages[0].msg
    assert "real-director" not in messages[0].msg


@override_settings(OVERSIGHT_ALLOW_DEMO_USERS=False)
def test_the_check_runs_with_djangos_database_checks(user_factory: Any) -> None:
    user_factory(role=Role.DIRECTOR, is_demo=True)
    ids = [m.id for m in run_checks(databases=["default"])]
    assert "accounts.E001" in ids


@pytest.mark.parametrize("allowed", [True, False])
def test_no_error_without_demo_users_or_where_allowed(allowed: bool, user_factory: Any) -> None:
    if allowed:
        user_factory(role=Role.DIRECTOR, is_demo=True)
    with override_settings(OVERSIGHT_ALLOW_DEMO_USERS=allowed):
        assert check_no_demo_users_where_refused(databases=["default"]) == []


def test_the_check_needs_a_database_to_read() -> None:
    """Without databases (plain ``check``) it stays silent rather than query."""
    with override_settings(OVERSIGHT_ALLOW_DEMO_USERS=False):
        assert check_no_demo_users_where_refused(databases=None) == []
