"""Demo users: one per role, fresh passwords on every reset, refused where not allowed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from oversight.web.accounts.models import Role, User
from oversight.web.accounts.services import (
    DemoUsersNotAllowedError,
    create_demo_users,
    demo_username,
)


@pytest.mark.django_db
def test_one_demo_user_per_role_with_a_working_password() -> None:
    demo_users = create_demo_users()

    assert [d.role for d in demo_users] == list(Role)
    for demo in demo_users:
        user = User.objects.get(username=demo.username)
        assert (user.role, user.is_demo, user.is_active) == (demo.role, True, True)
        assert user.check_password(demo.password)
    assert len({d.password for d in demo_users}) == len(Role)


@pytest.mark.django_db
def test_creating_again_resets_the_password_and_reactivates() -> None:
    first = {d.username: d.password for d in create_demo_users()}
    User.objects.filter(username=demo_username(Role.DIRECTOR)).update(is_active=False)

    second = {d.username: d.password for d in create_demo_users()}

    director = User.objects.get(username=demo_username(Role.DIRECTOR))
    assert director.is_active
    assert not director.check_password(first[director.username])
    assert director.check_password(second[director.username])
    assert User.objects.count() == len(Role)


@pytest.mark.django_db
@override_settings(OVERSIGHT_ALLOW_DEMO_USERS=False)
def test_refused_where_demo_users_are_not_allowed() -> None:
    with pytest.raises(DemoUsersNotAllowedError, match="not allowed"):
        create_demo_users()
    assert not User.objects.exists()


def test_a_real_user_with_a_demo_name_is_left_alone(user_factory: Any) -> None:
    real = user_factory(role=Role.REVIEWER, username=demo_username(Role.REVIEWER))
    with pytest.raises(DemoUsersNotAllowedError, match="not a demo user"):
        create_demo_users()
    real.refresh_from_db()
    assert (real.is_demo, User.objects.count()) == (False, 1)
