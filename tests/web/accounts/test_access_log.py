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


def test_administrators_export_the_search_and_the_export_is_logged(
    event: AccessEvent, user_factory: Any, sign_in: Any
) -> None:
    import csv
    import io

    other = user_factory(role=Role.SOCIAL_WORKER, username="sw")
    record_access(other, action=AccessEvent.Action.VIEW, what="children:child-detail",
                  person_id="=cmd|' /C calc'!A0")  # fmt: skip
    admin = user_factory(role=Role.ADMINISTRATOR, username="admin")
    client: Client = sign_in(admin)

    response = client.get(reverse("accounts:access-log-export"), {"username": "sw"})

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="access-log.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["username"], r["person_id"]) for r in rows] == [("sw", "'=cmd|' /C calc'!A0")]
    logged = AccessEvent.objects.filter(username="admin").get()
    assert (logged.action, logged.what) == ("export", "accounts:access-log-export")
    assert "'username': 'sw'" in logged.detail and "1 rows" in logged.detail
    everything = client.get(reverse("accounts:access-log-export"))
    # dir's view, sw's view and the first export; this export's own row comes after it.
    assert len(list(csv.DictReader(io.StringIO(everything.content.decode())))) == 3
    assert AccessEvent.objects.filter(username="admin").count() == 2


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.PERFORMANCE_ANALYST, Role.ELECTED_MEMBER]
)
def test_the_export_is_refused_without_audit_view(
    role: Role, event: AccessEvent, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=role))
    assert client.get(reverse("accounts:access-log-export")).status_code == 403
    assert AccessEvent.objects.count() == 1
