"""Named-children grants: how a commissioner or inspector comes to see a named child.

::

    service manager / director ─ create_grant ─► ChildGrant (children or all, reason, from, until)
                                               └► access log: "grant" (who granted what, why)
    commissioner / inspector ─ children/queries.py asks granted_filter ─► the granted children
                                                  (none without a current grant: 404)
    child page viewed under a grant ─► access log: "view", with the grant's id
    a grant past its end ─ log_expired_grants ─► access log: "grant_expired", once per grant

Expiry needs no job to take effect: a grant is current only between ``valid_from`` and
``valid_until``, checked at every request. The expiry row is written the first time anyone
(the grantee, or a manager on the grants page) looks after the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from oversight.errors import OversightError
from oversight.web.accounts.models import AccessEvent, ChildGrant, Role, User
from oversight.web.accounts.permissions import Capability, has_capability, role_of
from oversight.web.accounts.services import record_access

MAX_GRANT_DAYS = 92
"""The longest a grant may run: an inspection or a commissioning review, not standing access."""
GRANTEE_ROLES = frozenset({Role.COMMISSIONER_INSPECTOR})
"""Who can be granted named children: the roles whose own scope holds none."""


class GrantRefusedError(OversightError):
    """A grant could not be made as asked; the message says why. Nothing was written."""


def create_grant(
    granted_by: User,
    grantee: User,
    *,
    person_ids: Iterable[str] = (),
    all_children: bool = False,
    reason: str,
    valid_from: datetime,
    valid_until: datetime,
) -> ChildGrant:
    """Grant ``grantee`` sight of the named children (or all) for a time, and log it.

    Refused (``GrantRefusedError``) unless ``granted_by`` may manage grants, the grantee is an
    active commissioner or inspector, a reason is given, children are named (or all, not both)
    and the period ends after it starts, in the future, within ``MAX_GRANT_DAYS``.
    """
    ids = sorted({pid.strip() for pid in person_ids if pid.strip()})
    if not has_capability(granted_by, Capability.MANAGE_GRANTS):
        raise GrantRefusedError(f"{granted_by} may not grant access to named children.")
    if role_of(grantee) not in GRANTEE_ROLES:
        raise GrantRefusedError(
            f"{grantee} is not an active commissioner or inspector: only they need a grant."
        )
    if not reason.strip():
        raise GrantRefusedError("Give the reason for the grant: it is kept in the access log.")
    if all_children == bool(ids):
        raise GrantRefusedError("Name the children, or grant all children, but not both.")
    if any(len(pid) > 48 for pid in ids):
        raise GrantRefusedError("A child's id has at most 48 characters.")
    if valid_until <= valid_from or valid_until <= timezone.now():
        raise GrantRefusedError("The grant must end after it starts, and in the future.")
    if valid_until - valid_from > timedelta(days=MAX_GRANT_DAYS):
        raise GrantRefusedError(f"A grant may run for at most {MAX_GRANT_DAYS} days.")
    with transaction.atomic():
        grant = ChildGrant.objects.create(
            grantee=grantee, granted_by=granted_by, all_children=all_children, person_ids=ids,
            reason=reason.strip(), valid_from=valid_from, valid_until=valid_until,
        )  # fmt: skip
        record_access(
            granted_by, action=AccessEvent.Action.GRANT, what="accounts:grant-create",
            person_id=ids[0] if len(ids) == 1 else "", grant_id=grant.pk,
            detail=f"to {grantee.get_username()}: {grant.children_label}; "
            f"{valid_from:%Y-%m-%d %H:%M} to {valid_until:%Y-%m-%d %H:%M}; {grant.reason}",
        )  # fmt: skip
    return grant


def current_grants(user: User, *, now: datetime | None = None) -> QuerySet[ChildGrant]:
    """``user``'s grants in force at ``now`` (default: this moment)."""
    now = now or timezone.now()
    return ChildGrant.objects.filter(grantee=user, valid_from__lte=now, valid_until__gt=now)


def granted_filter(user: User, *, now: datetime | None = None) -> Q | None:
    """The filter on ``person_id`` for ``user``'s current grants; ``None`` means no child.

    Logs the expiry of any of the user's grants that has ended and is not yet logged.
    """
    now = now or timezone.now()
    log_expired_grants(now=now, grantee=user)
    grants = list(current_grants(user, now=now))
    if not grants:
        return None
    if any(grant.all_children for grant in grants):
        return Q()
    return Q(person_id__in=sorted({pid for grant in grants for pid in grant.person_ids}))


def grant_covering(user: User, person_id: str, *, now: datetime | None = None) -> ChildGrant | None:
    """The current grant under which ``user`` sees ``person_id`` (latest ending first)."""
    for grant in current_grants(user, now=now):
        if grant.all_children or person_id in grant.person_ids:
            return grant
    return None


def log_expired_grants(*, now: datetime | None = None, grantee: User | None = None) -> int:
    """Write a ``grant_expired`` row for each ended grant not yet logged; returns how many."""
    now = now or timezone.now()
    ended = ChildGrant.objects.filter(valid_until__lte=now).select_related("grantee")
    if grantee is not None:
        ended = ended.filter(grantee=grantee)
    logged = AccessEvent.objects.filter(
        action=AccessEvent.Action.GRANT_EXPIRED, grant_id__isnull=False
    ).values_list("grant_id", flat=True)
    count = 0
    for grant in ended.exclude(pk__in=logged):
        record_access(
            grant.grantee, action=AccessEvent.Action.GRANT_EXPIRED, what="accounts:grant-expired",
            grant_id=grant.pk, detail=f"{grant.children_label}; ended {grant.valid_until:%Y-%m-%d %H:%M}",
        )  # fmt: skip
        count += 1
    return count


def recent_grants(limit: int = 100) -> QuerySet[ChildGrant]:
    """The latest grants, current and past, for the grants page."""
    return ChildGrant.objects.select_related("grantee", "granted_by")[:limit]


def grantees() -> QuerySet[User]:
    """The active users a grant can be made to."""
    return User.objects.filter(role__in=GRANTEE_ROLES, is_active=True).order_by("username")
