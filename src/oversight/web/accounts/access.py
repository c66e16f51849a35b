"""The one place access is enforced: every view uses ``AccessRequiredMixin``.

A view declares either the capability it needs or that it is public::

    class HomeView(AccessRequiredMixin, TemplateView):
        capability = Capability.VIEW_HOME

    class HealthView(AccessRequiredMixin, View):
        public = True

Before the view runs: anonymous on a protected view → redirect to sign-in; a signed-in user
without the capability → 403; a view declaring neither (or both) → ``ImproperlyConfigured``, so
the default is deny. Records outside the user's scope are 404s, enforced by ``queries.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.views import View

from oversight.web.accounts.permissions import Capability, has_capability

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase


class AccessRequiredMixin(View):
    """Checks the view's declared capability, or its being public, before it runs."""

    capability: ClassVar[Capability | None] = None
    """The capability a signed-in user needs."""
    public: ClassVar[bool] = False
    """True for the few pages anyone may see: sign-in, sign-out and health."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Enforce the declaration, then run the view."""
        capability = declared_capability(type(self))
        if capability is not None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_capability(request.user, capability):
                raise PermissionDenied(f"This page needs the capability {capability}.")
        return super().dispatch(request, *args, **kwargs)


def declared_capability(view_class: type[AccessRequiredMixin]) -> Capability | None:
    """The capability ``view_class`` needs, or ``None`` if it is public.

    Raises ``ImproperlyConfigured`` unless it declares exactly one of the two.
    """
    capability, public = view_class.capability, view_class.public
    if public and capability is not None:
        raise ImproperlyConfigured(
            f"{view_class.__qualname__} declares both public = True and a capability; declare one."
        )
    if not public and not isinstance(capability, Capability):
        raise ImproperlyConfigured(
            f"{view_class.__qualname__} declares no access: set `capability = Capability.…` "
            "or `public = True` (access is denied by default)."
        )
    return capability


def record_request_access(
    request: HttpRequest,
    *,
    action: str,
    what: str,
    person_id: str = "",
    detail: str = "",
    snapshot_id: int | None = None,
    grant_id: int | None = None,
) -> None:
    """Log that ``request.user`` viewed or exported child-level data, from the request's address.

    The address is found as sign-in throttling finds it (django-axes), so that behind a
    TLS proxy it is the client's, not the proxy's.
    """
    from axes.helpers import get_client_ip_address

    from oversight.web.accounts.models import AccessEvent
    from oversight.web.accounts.services import record_access

    record_access(
        request.user,  # type: ignore[arg-type]
        action=AccessEvent.Action(action),
        what=what,
        person_id=person_id,
        detail=detail,
        snapshot_id=snapshot_id,
        grant_id=grant_id,
        ip_address=get_client_ip_address(request),
        path=request.get_full_path(),
    )
