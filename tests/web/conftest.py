"""Fixtures for the web tests: a user factory and signing a user in."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from oversight.web.accounts.models import Role, User

USER_PASSWORD = "a-long-test-password-1"
ACCOUNT_BACKEND = "oversight.web.accounts.backends.AccountBackend"

UserFactory = Callable[..., User]


@pytest.fixture
def user_factory(db: None) -> UserFactory:
    """Make users: ``user_factory(role=Role.DIRECTOR, is_demo=True)``; password ``USER_PASSWORD``."""
    numbers = itertools.count(1)

    def make(role: Role | str = Role.SOCIAL_WORKER, **fields: Any) -> User:
        number = next(numbers)
        fields.setdefault("username", f"user-{number}")
        fields.setdefault("first_name", "Test")
        fields.setdefault("last_name", f"User {number}")
        return User.objects.create_user(password=USER_PASSWORD, role=role, **fields)

    return make


@pytest.fixture
def user_password() -> str:
    """The password ``user_factory`` gives every user."""
    return USER_PASSWORD


@pytest.fixture
def sign_in(client: Client) -> Callable[[User], Client]:
    """Sign ``user`` in on the test client without a form (the sign-in tests use the form)."""

    def signed_in(user: User) -> Client:
        client.force_login(user, backend=ACCOUNT_BACKEND)
        return client

    return signed_in
