"""Users, linked to their SSD professional record and teams, which set their record scope."""

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
