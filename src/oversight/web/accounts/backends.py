"""Authentication that refuses demo users wherever they are not allowed (production)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oversight.web.accounts.models import User


class AccountBackend(ModelBackend):
    """Django's username-and-password backend, refusing users flagged ``is_demo`` unless
    ``OVERSIGHT_ALLOW_DEMO_USERS`` is true (dev and test only).

    ``user_can_authenticate`` also guards existing sessions, so a demo user signed in before a
    switch to production is signed out on their next request.
    """

    def user_can_authenticate(self, user: User | AnonymousUser | None) -> bool:
        """Refuse inactive users (Django's rule) and, where not allowed, demo users."""
        if getattr(user, "is_demo", False) and not settings.OVERSIGHT_ALLOW_DEMO_USERS:
            return False
        return super().user_can_authenticate(user)
