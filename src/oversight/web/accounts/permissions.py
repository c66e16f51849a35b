"""What each role may do and which records it may see: declared here, once.

Views declare the capability they need (``access.AccessRequiredMixin``); templates ask the same
question with ``{% if user|can:"children.view" %}`` (``templatetags/access.py``). Record scope is
enforced by each app's ``queries.py``: a record outside the user's scope is a 404, a missing
capability a 403.

Commissioners and inspectors see aggregates, and named children only through an explicit,
expiring, audited grant (``Scope.GRANTED``, ``grants.py``), never through their role alone:
with no current grant their scope holds no child.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from oversight.web.accounts.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oversight.web.accounts.models import User


class Capability(StrEnum):
    """Something a user may do; the value is the name views and templates use."""

    VIEW_HOME = "home.view"
    VIEW_SERVICE_OVERVIEW = "service.view_overview"
    VIEW_CHILDREN = "children.view"
    EXPORT_CHILDREN = "children.export"
    LOAD_IMPORTS = "imports.load"
    VIEW_AUDIT = "audit.view"
    MANAGE_USERS = "users.manage"
    MANAGE_GRANTS = "grants.manage"

    @property
    def description(self) -> str:
        """What the capability lets a person do, as the home page says it."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[Capability, str] = {
    Capability.VIEW_HOME: "Sign in and see this home page",
    Capability.VIEW_SERVICE_OVERVIEW: "See the service overview: counts, measures and trends",
    Capability.VIEW_CHILDREN: "See the records of the children within your scope",
    Capability.EXPORT_CHILDREN: "Export lists of the children within your scope",
    Capability.LOAD_IMPORTS: "Load data extracts and statutory returns",
    Capability.VIEW_AUDIT: "See who viewed or exported children's records",
    Capability.MANAGE_USERS: "Add users and change their roles and teams",
    Capability.MANAGE_GRANTS: "Grant commissioners and inspectors time-limited access to "
    "named children",
}


class Scope(StrEnum):
    """Which children's records a role reaches, before any capability is considered."""

    OWN_CASELOAD = "own_caseload"
    TEAM = "team"
    SERVICE = "service"
    GRANTED = "granted"
    NONE = "none"

    @property
    def description(self) -> str:
        """The scope in words, as the home page says it."""
        return _SCOPE_DESCRIPTIONS[self]


_SCOPE_DESCRIPTIONS: dict[Scope, str] = {
    Scope.OWN_CASELOAD: "the children allocated to you",
    Scope.TEAM: "the children allocated to your teams",
    Scope.SERVICE: "every child known to the service",
    Scope.GRANTED: "only the children named in a current grant to you (none without one)",
    Scope.NONE: "no named children: aggregate figures only",
}

_EVERYONE = frozenset({Capability.VIEW_HOME})
_READS_CHILDREN = _EVERYONE | {Capability.VIEW_SERVICE_OVERVIEW, Capability.VIEW_CHILDREN}

ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.SOCIAL_WORKER: _READS_CHILDREN,
    Role.TEAM_MANAGER: _READS_CHILDREN | {Capability.EXPORT_CHILDREN},
    Role.SERVICE_MANAGER: _READS_CHILDREN
    | {Capability.EXPORT_CHILDREN, Capability.VIEW_AUDIT, Capability.MANAGE_GRANTS},
    Role.DIRECTOR: _READS_CHILDREN | {Capability.VIEW_AUDIT, Capability.MANAGE_GRANTS},
    Role.PERFORMANCE_ANALYST: _READS_CHILDREN
    | {Capability.EXPORT_CHILDREN, Capability.LOAD_IMPORTS},
    Role.REVIEWER: _READS_CHILDREN,
    Role.ELECTED_MEMBER: _EVERYONE | {Capability.VIEW_SERVICE_OVERVIEW},
    Role.COMMISSIONER_INSPECTOR: _READS_CHILDREN,
    Role.ADMINISTRATOR: _EVERYONE
    | {Capability.MANAGE_USERS, Capability.VIEW_AUDIT, Capability.LOAD_IMPORTS},
}

ROLE_SCOPES: dict[Role, Scope] = {
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


def role_of(user: User | AnonymousUser) -> Role | None:
    """The role of an active, signed-in user; ``None`` for anyone else or an unknown role."""
    if not user.is_authenticated or not user.is_active:
        return None
    try:
        return Role(user.role)
    except ValueError:
        return None


def capabilities_of(user: User | AnonymousUser) -> frozenset[Capability]:
    """Everything ``user`` may do: nothing unless signed in with a known role."""
    role = role_of(user)
    return ROLE_CAPABILITIES[role] if role is not None else frozenset()


def has_capability(user: User | AnonymousUser, capability: Capability) -> bool:
    """Whether ``user`` may do ``capability``: the one question views and templates ask."""
    return capability in capabilities_of(user)


def scope_of(user: User | AnonymousUser) -> Scope:
    """Which children's records ``user`` reaches; ``Scope.NONE`` unless signed in with a role."""
    role = role_of(user)
    return ROLE_SCOPES[role] if role is not None else Scope.NONE
