"""Users, linked to their SSD professional record and teams, which set their record scope."""

from typing import Any, NoReturn

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    """What a person does in children's services; ``permissions.py`` says what each may do."""

    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    DIRECTOR = "director", "Director"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    REVIEWER = "reviewer", "Reviewer"
    ELECTED_MEMBER = "elected_member", "Elected member"
    COMMISSIONER_INSPECTOR = "commissioner_inspector", "Commissioner or inspector"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    """A person who signs in. Capabilities come from ``role`` alone, never from Django's
    superuser or permission flags."""

    role = models.CharField(max_length=32, choices=Role.choices)
    professional_id = models.CharField(
        "SSD professional id",
        max_length=48,
        blank=True,
        help_text="The user's prof_professional_id in the SSD, which links them to their caseload.",
    )
    is_demo = models.BooleanField(
        "demo user",
        default=False,
        help_text="Made by `oversight demo`; refused at sign-in where demo users are not allowed.",
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def team_ids(self) -> list[str]:
        """The SSD ``dept_team_id`` of each team the user belongs to."""
        return list(self.team_memberships.values_list("team_id", flat=True))


class TeamMembership(models.Model):
    """The user belongs to an SSD team (``ssd_department.dept_team_id``); it sets team scope."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="team_memberships")
    team_id = models.CharField("SSD team id", max_length=48)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["user", "team_id"], name="accounts_one_membership_per_team"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} in team {self.team_id}"


class AccessRefusedError(Exception):
    """An access-log row was asked to change or go: the log is append-only."""


class AccessEventQuerySet(models.QuerySet["AccessEvent"]):
    """Refuses bulk updates and deletes of the access log."""

    def update(self, **kwargs: Any) -> int:
        """Always refused."""
        _refuse("updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        """Always refused."""
        _refuse("deleted")


class AccessEvent(models.Model):
    """One view or export of child-level data: who, when, what, from where. Append-only.

    ``save()`` refuses to update a row and ``delete()`` refuses to delete one; queryset
    ``update()`` and ``delete()`` are refused by ``AccessEventQuerySet``. No view writes to it
    except through ``services.record_access``.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        EXPORT = "export", "Exported"
        GRANT = "grant", "Granted access to named children"
        GRANT_EXPIRED = "grant_expired", "Grant expired"

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(max_length=150, help_text="Kept as it was when the event happened.")
    role = models.CharField(max_length=32)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    what = models.CharField(max_length=64, help_text="The page or export, e.g. children:worklist.")
    person_id = models.CharField(
        max_length=48, blank=True, db_index=True, help_text="The child, for a child's page."
    )
    detail = models.CharField(max_length=500, blank=True, help_text="Filters, counts.")
    snapshot_id = models.IntegerField(null=True, blank=True)
    grant_id = models.IntegerField(
        null=True, blank=True, db_index=True, help_text="The grant created, used or expired."
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.what} {self.person_id} at {self.at}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert once; refuse any update."""
        if self.pk is not None:
            _refuse("updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Always refused."""
        _refuse("deleted")


class ChildGrant(models.Model):
    """An explicit, expiring grant for a commissioner or inspector to see named children.

    Their role reaches no child's record; only a current grant does, and only the children it
    names (or all, when ``all_children``). A grant is never edited: it runs from ``valid_from``
    to ``valid_until`` and a new one is made if more is needed. Creating, using and the expiry
    of a grant are each written to the access log (``grants.py``).
    """

    grantee = models.ForeignKey(User, on_delete=models.PROTECT, related_name="child_grants")
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    all_children = models.BooleanField(default=False)
    person_ids = models.JSONField(default=list, blank=True, help_text="The children, by id.")
    reason = models.TextField()
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-valid_until", "-pk")

    def __str__(self) -> str:
        return f"Grant {self.pk} to {self.grantee} until {self.valid_until:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert once; a grant is never changed (it expires, and a new one is made)."""
        if self.pk is not None:
            raise AccessRefusedError("A grant cannot be changed once made.")
        super().save(*args, **kwargs)

    @property
    def children_label(self) -> str:
        """The children granted, in words."""
        return "all children" if self.all_children else ", ".join(self.person_ids)


def _refuse(done: str) -> NoReturn:
    raise AccessRefusedError(f"The access log is append-only: rows cannot be {done}.")
