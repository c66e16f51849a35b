"""System checks that keep demo users out of a deployment that refuses them.

The check reads the database, so it runs only when Django's checks are given databases: on
``migrate``, ``check --database default`` and ``oversight serve`` (which runs that check first).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError


@register(Tags.security, Tags.database)
def check_no_demo_users_where_refused(
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    """``accounts.E001`` when demo users exist where ``OVERSIGHT_ALLOW_DEMO_USERS`` is false."""
    if not databases or settings.OVERSIGHT_ALLOW_DEMO_USERS:
        return []
    from oversight.web.accounts.models import User

    found = []
    for alias in databases:
        try:
            demo_users = User.objects.using(alias).filter(is_demo=True)
            found += list(demo_users.values_list("username", flat=True))
        except DatabaseError:  # not migrated yet: there can be no users
            continue
    if not found:
        return []
    return [
        Error(
            f"{len(found)} demo user(s) exist, but this profile refuses them: "
            f"{', '.join(sorted(found))}.",
            hint="Demo users have printed passwords. Delete them, e.g. "
            '`oversight manage shell -c "from oversight.web.accounts.models import User; '
            'User.objects.filter(is_demo=True).delete()"`.',
            id="accounts.E001",
        )
    ]
