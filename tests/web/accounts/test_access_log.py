"""The access log is append-only, and administrators can search it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from oversight.web.accounts.models import AccessEvent, AccessRefusedError, Role
from oversight.web.accounts.services import record_access


@pytest.fixture
def event(user_factory: Any) -> AccessEvent:
    user = user_factory(role=Role.DIRECTOR, username="dir")
    return record_access(
        user, action=AccessEvent.Action.VIEW, what="children:child-detail", person_id="C1",
        ip_address="10.0.0.1",
    )  # fmt: skip


def test_a_row_cannot_be_updated_or_deleted(event: AccessEvent) -> None:
    event.person_id = "C2"
    with pytest.raises(AccessRefusedError):
        event.save()
    with pytest.raises(AccessRefusedError):
        event.delete()
    with pytest.raises(AccessRefusedError):
        AccessEvent.objects.filter(pk=event.pk).update(person_id="C3")
    with pytest.raises(AccessRefusedError):
        AccessEvent.objects.all().delete()
    assert AccessEvent.objects.get(pk=event.pk).person_id == "C1"


def test_deleting_the_user_is_refused_while_the_log_names_them(event: AccessEvent) -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        event.user.delete()


@pytest.mark.parametrize("role", list(Role))
def test_no_role_can_change_the_log_through_the_web(
    role: Role, event: AccessEvent, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=role))
    url = reverse("accounts:access-log")
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(url).status_code in (403, 405)
    assert AccessEvent.objects.filter(pk=event.pk, person_id="C1").exists()
    assert AccessEvent.objects.count() == 1


def test_administrators_search_the_log(event: AccessEvent, user_factory: Any, sign_in: Any) -> None:
    other = user_factory(role=Role.SOCIAL_WORKER, username="sw")
    record_access(other, action=AccessEvent.Action.EXPORT, what="children:worklist-export")
    client: Client = sign_in(user_factory(role=Role.ADMINISTRATOR))
    url = reverse("accounts:access-log")
    assert len(client.get(url).context["events"]) == 2
    assert [e.username for e in client.get(url, {"username": "sw"}).context["events"]] == ["sw"]
    assert [e.person_id for e in client.get(url, {"person_id": "C1"}).context["events"]] == ["C1"]
    assert client.get(url, {"since": "2999-01-01"}).context["events"].count() == 0
