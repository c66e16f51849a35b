"""The role table: complete, consistent with record scope, and asked the same way everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from oversight.web.accounts.models import Role
from oversight.web.accounts.permissions import (
    ROLE_CAPABILITIES,
    ROLE_SCOPES,
    Capability,
    Scope,
    capabilities_of,
    has_capability,
    scope_of,
)

CHILD_LEVEL = {Capability.VIEW_CHILDREN, Capability.EXPORT_CHILDREN}


def test_every_role_has_capabilities_and_a_scope() -> None:
    assert set(ROLE_CAPABILITIES) == set(Role)
    assert set(ROLE_SCOPES) == set(Role)


def test_every_capability_and_scope_is_described() -> None:
    assert all(capability.description for capability in Capability)
    assert all(scope.description for scope in Scope)


def test_record_scopes_are_as_decided() -> None:
    assert ROLE_SCOPES == {
        Role.SOCIAL_WORKER: Scope.OWN_CASELOAD,
        Role.TEAM_MANAGER: Scope.TEAM,
        Role.SERVICE_MANAGER: Scope.SERVICE,
        Role.DIRECTOR: Scope.SERVICE,
        Role.PERFORMANCE_ANALYST: Scope.SERVICE,
        Role.REVIEWER: Scope.SERVICE,
        Role.ELECTED_MEMBER: Scope.NONE,
        Role.COMMISSIONER_INSPECTOR: Scope.GRANTED,
        Role.ADMINISTRATOR: Scope.NONE,
    }


@pytest.mark.parametrize("role", list(Role))
def test_child_level_capabilities_go_only_with_a_record_scope(role: Role) -> None:
    """A role that reaches no named child may not view or export children's records."""
    has_child_level = bool(ROLE_CAPABILITIES[role] & CHILD_LEVEL)
    assert has_child_level == (ROLE_SCOPES[role] is not Scope.NONE)


def test_every_role_may_see_the_home_page() -> None:
    assert all(Capability.VIEW_HOME in granted for granted in ROLE_CAPABILITIES.values())


def test_only_administrators_manage_users() -> None:
    managers = {
        role for role, granted in ROLE_CAPABILITIES.items() if Capability.MANAGE_USERS in granted
    }
    assert managers == {Role.ADMINISTRATOR}


def test_an_anonymous_visitor_has_no_capability_and_no_scope() -> None:
    anonymous = AnonymousUser()
    assert capabilities_of(anonymous) == frozenset()
    assert scope_of(anonymous) is Scope.NONE


def test_a_signed_in_user_has_exactly_their_roles_capabilities(user_factory: Any) -> None:
    user = user_factory(role=Role.TEAM_MANAGER)
    assert capabilities_of(user) == ROLE_CAPABILITIES[Role.TEAM_MANAGER]
    assert has_capability(user, Capability.EXPORT_CHILDREN)
    assert not has_capability(user, Capability.MANAGE_USERS)
    assert scope_of(user) is Scope.TEAM


def test_an_inactive_user_or_an_unknown_role_has_nothing(user_factory: Any) -> None:
    inactive = user_factory(role=Role.DIRECTOR, is_active=False)
    no_role = user_factory(role="")
    superuser = user_factory(role="", is_superuser=True)
    assert [capabilities_of(u) for u in (inactive, no_role, superuser)] == [frozenset()] * 3


def test_templates_ask_the_same_question(user_factory: Any) -> None:
    template = Template(
        '{% load access %}{% if user|can:"users.manage" %}yes{% else %}no{% endif %}'
    )
    rendered = [
        template.render(Context({"user": user_factory(role=role)}))
        for role in (Role.ADMINISTRATOR, Role.DIRECTOR)
    ]
    assert rendered == ["yes", "no"]


def test_a_template_naming_an_unknown_capability_fails_loudly(user_factory: Any) -> None:
    template = Template('{% load access %}{% if user|can:"users.manag" %}yes{% endif %}')
    with pytest.raises(ValueError, match=r"users\.manag"):
        template.render(Context({"user": user_factory()}))
