"""Named-children grants: a commissioner or inspector sees exactly the granted children, only
while the grant runs, and every grant made, used and expired is in the access log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oversight.web.accounts import grants
from oversight.web.accounts.grants import GrantRefusedError, create_grant
from oversight.web.accounts.models import AccessEvent, ChildGrant, Role, User
from oversight.web.imports.models import Child, Snapshot


@pytest.fixture
def people(user_factory: Any) -> tuple[User, User]:
    """A service manager who grants, and an inspector."""
    return (
        user_factory(role=Role.SERVICE_MANAGER, username="manager"),
        user_factory(role=Role.COMMISSIONER_INSPECTOR, username="inspector"),
    )


def two_children(snapshot: Snapshot) -> tuple[str, str]:
    first, second = Child.objects.filter(snapshot=snapshot).order_by("person_id")[:2]
    return first.person_id, second.person_id


def page(client: Client, person_id: str) -> int:
    return client.get(reverse("children:child-detail", args=[person_id])).status_code


def grant(manager: User, inspector: User, *, days: float = 7, **kwargs: Any) -> ChildGrant:
    now = timezone.now()
    kwargs.setdefault("reason", "ILACS inspection")
    return create_grant(manager, inspector, valid_from=now - timedelta(days=1),
                        valid_until=now + timedelta(days=days), **kwargs)  # fmt: skip


def test_no_grant_no_child(loaded: Snapshot, people: tuple[User, User], sign_in: Any) -> None:
    _, inspector = people
    granted, _ = two_children(loaded)
    client: Client = sign_in(inspector)
    assert page(client, granted) == 404
    worklist = client.get(reverse("children:worklist"))
    assert worklist.status_code == 200 and worklist.context["page"].paginator.count == 0


def test_a_grant_shows_exactly_the_granted_child_and_its_use_is_logged(
    loaded: Snapshot, people: tuple[User, User], sign_in: Any
) -> None:
    manager, inspector = people
    granted, other = two_children(loaded)
    made = grant(manager, inspector, person_ids=[granted])
    client: Client = sign_in(inspector)

    assert page(client, granted) == 200
    assert page(client, other) == 404

    created = AccessEvent.objects.get(action="grant")
    assert (created.username, created.grant_id, created.person_id) == ("manager", made.pk, granted)
    assert "ILACS inspection" in created.detail and "to inspector" in created.detail
    used = AccessEvent.objects.get(action="view", what="children:child-detail")
    assert (used.username, used.person_id, used.grant_id) == ("inspector", granted, made.pk)
    assert not AccessEvent.objects.filter(person_id=other).exists()


def test_an_all_children_grant_reaches_every_child(
    loaded: Snapshot, people: tuple[User, User], sign_in: Any
) -> None:
    manager, inspector = people
    grant(manager, inspector, all_children=True)
    client: Client = sign_in(inspector)
    assert all(page(client, pid) == 200 for pid in two_children(loaded))


def test_an_expired_grant_shows_nothing_and_its_expiry_is_logged_once(
    loaded: Snapshot, people: tuple[User, User], sign_in: Any
) -> None:
    manager, inspector = people
    granted, _ = two_children(loaded)
    made = grant(manager, inspector, person_ids=[granted], days=7)
    client: Client = sign_in(inspector)
    assert page(client, granted) == 200
    assert not AccessEvent.objects.filter(action="grant_expired").exists()
    later = mock.Mock(now=mock.Mock(return_value=made.valid_until + timedelta(seconds=1)))

    with mock.patch.object(grants, "timezone", later):  # the grants' clock, a week on
        assert page(client, granted) == 404
        assert page(client, granted) == 404
        assert grants.log_expired_grants() == 0

    expired = AccessEvent.objects.get(action="grant_expired")
    assert (expired.username, expired.grant_id) == ("inspector", made.pk)


def test_a_manager_makes_a_grant_on_the_grants_page(
    loaded: Snapshot, people: tuple[User, User], sign_in: Any
) -> None:
    manager, inspector = people
    granted, other = two_children(loaded)
    client: Client = sign_in(manager)
    today = timezone.localdate()
    response = client.post(
        reverse("accounts:grants"),
        {"grantee": inspector.pk, "children": f"{granted}, {other}", "reason": "JTAI",
         "valid_from": today.isoformat(), "valid_until": (today + timedelta(days=5)).isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    made = ChildGrant.objects.get()
    assert (made.grantee, made.granted_by, made.person_ids) == (
        inspector,
        manager,
        sorted([granted, other]),
    )
    listing = client.get(reverse("accounts:grants"))
    assert b"JTAI" in listing.content
    refused = client.post(
        reverse("accounts:grants"),
        {"grantee": inspector.pk, "reason": "too long", "all_children": "on",
         "valid_from": today.isoformat(), "valid_until": (today + timedelta(days=200)).isoformat()},
    )  # fmt: skip
    assert refused.status_code == 200
    assert b"at most 92 days" in refused.content
    assert ChildGrant.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reason": " "}, "Give the reason"),
        ({"person_ids": [], "all_children": False}, "Name the children"),
        ({"all_children": True}, "not both"),
        ({"days": -2}, "in the future"),
    ],
)
def test_a_grant_is_refused_unless_it_is_clear(
    change: dict[str, Any], message: str, people: tuple[User, User]
) -> None:
    manager, inspector = people
    kwargs: dict[str, Any] = {"person_ids": ["C1"], **change}
    with pytest.raises(GrantRefusedError, match=message):
        grant(manager, inspector, **kwargs)
    assert not ChildGrant.objects.exists() and not AccessEvent.objects.exists()


def test_only_managers_grant_and_only_to_commissioners_or_inspectors(
    people: tuple[User, User], user_factory: Any, sign_in: Any
) -> None:
    manager, inspector = people
    analyst = user_factory(role=Role.PERFORMANCE_ANALYST)
    with pytest.raises(GrantRefusedError, match="may not grant"):
        grant(analyst, inspector, person_ids=["C1"])
    with pytest.raises(GrantRefusedError, match="not an active commissioner"):
        grant(manager, analyst, person_ids=["C1"])
    assert sign_in(analyst).get(reverse("accounts:grants")).status_code == 403
