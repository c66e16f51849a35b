"""Every URL, requested anonymously and as every role, answers as its view declares.

Policy, decided once (``accounts/access.py``, ``accounts/permissions.py``):

* a public view (sign-in, sign-out, health) answers 200 to everyone;
* a view declaring a capability redirects anonymous visitors to sign-in, answers 200 to a role
  whose entry in ``ROLE_CAPABILITIES`` has the capability and 403 to any other role;
* a record outside the user's scope answers 404 (``queries.py`` enforces it; URLs with
  arguments add their sample arguments to ``SAMPLE_KWARGS``);
* a view that does not use ``AccessRequiredMixin``, or declares neither a capability nor
  ``public = True``, fails this module — and so does a walk that finds no URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views import View

from oversight.web.accounts.access import AccessRequiredMixin, declared_capability
from oversight.web.accounts.models import Role, User
from oversight.web.accounts.permissions import ROLE_CAPABILITIES, Capability
from oversight.web.imports.models import (
    Child,
    ChildFlag,
    IndicatorValue,
    Snapshot,
    SnapshotStatus,
)

SAMPLE_KWARGS: dict[str, Callable[[Snapshot], dict[str, Any]]] = {
    "imports:load-detail": lambda snapshot: {"pk": snapshot.pk},
    "imports:load-report-csv": lambda snapshot: {"pk": snapshot.pk},
    "imports:load-report-xlsx": lambda snapshot: {"pk": snapshot.pk},
    "children:child-detail": lambda snapshot: {"person_id": "C1"},
}
"""Arguments for URLs that need them, by URL name, from the walk's snapshot."""

OUT_OF_SCOPE: dict[str, frozenset[Role]] = {
    # The walk's users are linked to no professional or team, so C1 is outside their scope.
    # Commissioners and inspectors reach named children only through a grant; the walk has none.
    "children:child-detail": frozenset(
        {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.COMMISSIONER_INSPECTOR}
    ),
}
"""Roles that hold the URL's capability but for which the sample record is out of scope (404)."""


@pytest.fixture
def walk_snapshot(db: None) -> Snapshot:
    """A tiny complete snapshot: one child C1 allocated to W1 in T1, one flag, one indicator."""
    snapshot = Snapshot.objects.create(source_name="walk", as_of=date(2026, 3, 31))
    Child.objects.create(snapshot=snapshot, person_id="C1", forename="Alex", surname="Synth-Oak",
                         status="looked_after", team_id="T1", worker_id="W1")  # fmt: skip
    ChildFlag.objects.create(snapshot=snapshot, person_id="C1", measure="looked_after_visit",
                             status="overdue", due_date=date(2026, 3, 1), days_overdue=30,
                             team_id="T1", worker_id="W1")  # fmt: skip
    IndicatorValue.objects.create(snapshot=snapshot, code="children_looked_after",
                                  name="Children looked after", numerator=40, value=40,
                                  unit="count", polarity="neither", window="as_at",
                                  status="computed")  # fmt: skip
    Snapshot.objects.filter(pk=snapshot.pk).update(status=SnapshotStatus.COMPLETE)
    return snapshot


@dataclass(frozen=True)
class Route:
    """One URL pattern found by walking the resolver."""

    name: str | None
    route: str
    callback: Callable[..., Any]


def walk(
    patterns: Sequence[URLPattern | URLResolver], namespace: str = "", prefix: str = ""
) -> Iterator[Route]:
    """Every URL pattern under ``patterns``, descending into included URLconfs."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield Route(name=name, route=prefix + str(pattern.pattern), callback=pattern.callback)


ROUTES = list(walk(get_resolver().url_patterns))
PRINCIPALS = [None, *Role]


def access_class(callback: Callable[..., Any]) -> type[AccessRequiredMixin]:
    """The view class behind ``callback``, if it uses the access mixin and declares its access."""
    view_class: type | None = getattr(callback, "view_class", None)
    if view_class is None or not issubclass(view_class, AccessRequiredMixin):
        raise ImproperlyConfigured(f"{callback!r} does not use AccessRequiredMixin.")
    declared_capability(view_class)  # raises when the declaration is missing or ambiguous
    return view_class


def test_the_walk_finds_the_shell_and_accounts_urls() -> None:
    """The walk reaches included URLconfs; if it went quietly empty this would fail."""
    names = {route.name for route in ROUTES}
    assert {"shell:home", "shell:health", "accounts:sign-in", "accounts:sign-out"} <= names
    assert {"imports:load-list", "children:worklist", "overview:overview"} <= names


@pytest.mark.parametrize("principal", PRINCIPALS, ids=lambda p: p or "anonymous")
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or r.route)
def test_every_url_answers_every_role_as_declared(
    route: Route,
    principal: Role | None,
    client: Client,
    user_factory: Any,
    sign_in: Any,
    walk_snapshot: Snapshot,
) -> None:
    assert route.name, f"URL {route.route!r} has no name; name every URL."
    view_class = access_class(route.callback)
    capability = declared_capability(view_class)
    if principal is not None:
        client = sign_in(user_factory(role=principal))
    sample = SAMPLE_KWARGS.get(route.name)
    url = reverse(route.name, kwargs=sample(walk_snapshot) if sample else None)
    method = "get" if "get" in view_class.http_method_names else "post"

    response = getattr(client, method)(url)

    if capability is None:
        assert response.status_code == 200
    elif principal is None:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:sign-in')}?next={url}"
    elif capability in ROLE_CAPABILITIES[principal]:
        expected = 404 if principal in OUT_OF_SCOPE.get(route.name, ()) else 200
        assert response.status_code == expected
    else:
        assert response.status_code == 403


class _Undeclared(AccessRequiredMixin):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("ran")


class _Ambiguous(AccessRequiredMixin):
    public = True
    capability = Capability.VIEW_HOME


class _ManageUsers(AccessRequiredMixin):
    capability = Capability.MANAGE_USERS
    ran: ClassVar[list[str]] = []

    def get(self, request: HttpRequest) -> HttpResponse:
        self.ran.append(request.user.get_username())
        return HttpResponse("ran")


def _function_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ran")


class _PlainView(View):
    pass


@pytest.mark.parametrize(
    "callback",
    [_function_view, _PlainView.as_view(), _Undeclared.as_view(), _Ambiguous.as_view()],
    ids=["function", "no mixin", "undeclared", "both declared"],
)
def test_the_walk_rejects_views_without_a_clear_declaration(callback: Callable[..., Any]) -> None:
    with pytest.raises(ImproperlyConfigured):
        access_class(callback)


def test_a_view_that_declares_nothing_refuses_to_run(rf: RequestFactory, user_factory: Any) -> None:
    request = rf.get("/")
    request.user = user_factory(role=Role.ADMINISTRATOR)
    with pytest.raises(ImproperlyConfigured, match="declares no access"):
        _Undeclared.as_view()(request)


def test_a_missing_capability_is_refused_before_the_view_runs(
    rf: RequestFactory, user_factory: Any
) -> None:
    _ManageUsers.ran.clear()
    request = rf.get("/users/")
    request.user = user_factory(role=Role.DIRECTOR)
    with pytest.raises(PermissionDenied):
        _ManageUsers.as_view()(request)
    assert _ManageUsers.ran == []


def test_a_granted_capability_runs_the_view(rf: RequestFactory, user_factory: Any) -> None:
    _ManageUsers.ran.clear()
    request = rf.get("/users/")
    user: User = user_factory(role=Role.ADMINISTRATOR, username="admin-1")
    request.user = user
    response = _ManageUsers.as_view()(request)
    assert (response.status_code, _ManageUsers.ran) == (200, ["admin-1"])


def test_an_anonymous_visitor_is_sent_to_sign_in(rf: RequestFactory) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/users/?page=2")
    request.user = AnonymousUser()
    response = _ManageUsers.as_view()(request)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/users/%3Fpage%3D2"
