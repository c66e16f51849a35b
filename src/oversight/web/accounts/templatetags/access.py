"""``{% if user|can:"children.view" %}``: templates ask ``has_capability``, never decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from oversight.web.accounts.permissions import Capability, has_capability

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oversight.web.accounts.models import User

register = template.Library()


@register.filter
def can(user: User | AnonymousUser, capability: str) -> bool:
    """Whether ``user`` has ``capability``; an unknown name raises, so a typo fails loudly."""
    return has_capability(user, Capability(capability))
