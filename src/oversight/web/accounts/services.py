"""Writes to accounts. Services take plain arguments, never the request, and run in one
transaction."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from oversight.errors import OversightError
from oversight.web.accounts.demo import DemoLink
from oversight.web.accounts.models import AccessEvent, Role, TeamMembership, User


class DemoUsersNotAllowedError(OversightError):
    """Demo users were asked for where they are refused, or would replace a real user."""


class UserNotCreatedError(OversightError):
    """A user could not be created as asked; the message says why."""


def create_user(
    username: str,
    password: str,
    *,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    professional_id: str = "",
    team_ids: tuple[str, ...] = (),
) -> User:
    """Create a real (not demo) user with a role, their SSD professional id and teams.

    The password must pass the configured validators. Raises ``UserNotCreatedError`` when the
    username is taken or the password is refused; nothing is written then.
    """
    if User.objects.filter(username=username).exists():
        raise UserNotCreatedError(f"A user named {username!r} already exists.")
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        professional_id=professional_id,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise UserNotCreatedError("The password was refused: " + " ".join(error.messages)) from None
    user.set_password(password)
    with transaction.atomic():
        user.save()
        TeamMembership.objects.bulk_create(
            TeamMembership(user=user, team_id=team_id) for team_id in dict.fromkeys(team_ids)
        )
    return user


@dataclass(frozen=True)
class DemoUser:
    """A demo user's credentials, returned once so that the CLI can print them."""

    role: Role
    username: str
    password: str


def demo_username(role: Role) -> str:
    """The demo user's name for ``role``: ``demo-social-worker`` and so on."""
    return "demo-" + role.value.replace("_", "-")


def create_demo_users(links: Mapping[Role, DemoLink] | None = None) -> list[DemoUser]:
    """Create, or reset, one demo user per role with a fresh random password.

    ``links`` ties roles to a professional and teams of the demo's synthetic council (their
    record scope); roles without a link get none.

    Resetting also makes the user active again and clears their sign-in lockouts. Refuses
    (``DemoUsersNotAllowedError``) where ``OVERSIGHT_ALLOW_DEMO_USERS`` is false, and when a
    user with a demo name exists but is not a demo user.
    """
    if not settings.OVERSIGHT_ALLOW_DEMO_USERS:
        raise DemoUsersNotAllowedError(
            "Demo users are not allowed in this profile (OVERSIGHT_ALLOW_DEMO_USERS is false)."
        )
    created = []
    with transaction.atomic():
        for role in Role:
            username = demo_username(role)
            user = User.objects.filter(username=username).first()
            if user is not None and not user.is_demo:
                raise DemoUsersNotAllowedError(
                    f"A user named {username!r} exists and is not a demo user; "
                    "it was left unchanged."
                )
            user = user or User(username=username)
            password = secrets.token_urlsafe(12)
            user.first_name = "Demo"
            user.last_name = role.label.lower()
            user.role = role
            user.is_demo = True
            user.is_active = True
            link = (links or {}).get(role)
            user.professional_id = link.professional_id if link else ""
            user.set_password(password)
            user.save()
            user.team_memberships.all().delete()
            TeamMembership.objects.bulk_create(
                TeamMembership(user=user, team_id=team_id)
                for team_id in (link.team_ids if link else ())
            )
            created.append(DemoUser(role=role, username=username, password=password))
    for demo in created:
        reset_lockouts(username=demo.username)
    return created


def record_access(
    user: User,
    *,
    action: AccessEvent.Action,
    what: str,
    person_id: str = "",
    detail: str = "",
    snapshot_id: int | None = None,
    ip_address: str | None = None,
    path: str = "",
    grant_id: int | None = None,
) -> AccessEvent:
    """Append one row to the access log: ``user`` viewed or exported child-level data."""
    return AccessEvent.objects.create(
        user=user,
        username=user.get_username(),
        role=user.role,
        action=action,
        what=what,
        person_id=person_id,
        detail=detail[:500],
        snapshot_id=snapshot_id,
        grant_id=grant_id,
        ip_address=ip_address or None,
        path=path[:500],
    )
