"""A snapshot and the query-shaped tables persisted from it.

The SSD is not mirrored as models (DESIGN.md): each snapshot keeps its SSD frames as Parquet
files under ``DATA_DIR/snapshots/<id>/`` and persists only what pages query: children (their
current status and allocation), chronology events, per-child flags and indicator values (both
as ``oversight.core.measures`` computed them), teams, professionals and the load report.

A snapshot is written once: it is created ``queued``, becomes ``running``, and ends
``complete`` (all its rows written in the same transaction) or ``failed`` (no rows at all).
After that ``save()`` refuses every change, and rows are never updated.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from oversight.errors import OversightError


class ImmutableSnapshotError(OversightError):
    """A finished snapshot was asked to change."""


class SourceKind(models.TextChoices):
    """What a load read; ``sources.py`` detects it and has one reader per kind."""

    SSD = "ssd", "SSD extract"
    SSDA903 = "ssda903", "SSDA903 return"
    CIN = "cin", "CIN census"
    ANNEX_A = "annex_a", "Ofsted Annex A"


class SnapshotStatus(models.TextChoices):
    """Where a load is: queued and running are transient; complete and failed are final."""

    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    COMPLETE = "complete", "Complete"
    FAILED = "failed", "Failed"


FINAL_STATUSES = frozenset({SnapshotStatus.COMPLETE, SnapshotStatus.FAILED})


class Snapshot(models.Model):
    """One load of a council's data as of a date; immutable once complete or failed."""

    status = models.CharField(
        max_length=16, choices=SnapshotStatus.choices, default=SnapshotStatus.QUEUED
    )
    source_kind = models.CharField(max_length=16, choices=SourceKind.choices, blank=True)
    source_name = models.CharField(
        max_length=255, help_text="The file or folder loaded, as named by the person loading it."
    )
    as_of = models.DateField("as of", null=True, blank=True)
    collection_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="For a statutory return: the collection year, named by the year it ends "
        "(2026 is 1 April 2025 to 31 March 2026), as the file or the person loading it said.",
    )
    council_code = models.CharField(max_length=16, blank=True)
    council_name = models.CharField(max_length=200, blank=True)
    is_synthetic = models.BooleanField("synthetic data", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for loads from the command line.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True, help_text="Why a load failed, in words.")
    problem_count = models.PositiveIntegerField(default=0)
    table_rows = models.JSONField(default=dict, blank=True, help_text="Rows read, by SSD table.")

    class Meta:
        ordering = ("-created_at", "-pk")
        get_latest_by = ("as_of", "created_at")

    def __str__(self) -> str:
        return f"Snapshot {self.pk} ({self.get_status_display()}, as of {self.as_of or '–'})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Refuse any change to a snapshot that has finished (complete or failed)."""
        if self.pk is not None:
            stored = Snapshot.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored in FINAL_STATUSES:
                raise ImmutableSnapshotError(f"Snapshot {self.pk} is {stored} and cannot change.")
        super().save(*args, **kwargs)

    @property
    def is_final(self) -> bool:
        """Whether the load has ended, one way or the other."""
        return self.status in FINAL_STATUSES


class Child(models.Model):
    """A person in the snapshot: their current status and allocation on the as-of date."""

    class Status(models.TextChoices):
        LOOKED_AFTER = "looked_after", "Looked after"
        CHILD_PROTECTION = "child_protection", "Child protection plan"
        CHILD_IN_NEED = "child_in_need", "Child in need plan"
        REFERRAL = "referral", "Open referral"
        CARE_LEAVER = "care_leaver", "Care leaver"
        CLOSED = "closed", "No open case"

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="children")
    person_id = models.CharField(max_length=48)
    forename = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=24, choices=Status.choices)
    open_since = models.DateField(null=True, blank=True)
    team_id = models.CharField(max_length=48, blank=True)
    worker_id = models.CharField(max_length=48, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["snapshot", "person_id"], name="imports_one_child_per_snapshot"
            ),
        )
        indexes = (
            models.Index(fields=["snapshot", "worker_id"], name="imports_child_worker"),
            models.Index(fields=["snapshot", "team_id"], name="imports_child_team"),
            models.Index(fields=["snapshot", "status"], name="imports_child_status"),
        )

    def __str__(self) -> str:
        return f"{self.forename} {self.surname} ({self.person_id})"

    @property
    def name(self) -> str:
        """The child's name as a person reads it."""
        return f"{self.forename} {self.surname}".strip() or self.person_id


class Event(models.Model):
    """One event of a child's chronology: what kind, when, and its details."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="events")
    person_id = models.CharField(max_length=48)
    kind = models.CharField(max_length=48)
    date = models.DateField()
    attributes = models.JSONField(default=dict)

    class Meta:
        indexes = (
            models.Index(fields=["snapshot", "person_id", "date"], name="imports_event_person"),
        )

    def __str__(self) -> str:
        return f"{self.kind} on {self.date} ({self.person_id})"


class ChildFlag(models.Model):
    """One row of the flags frame ``compute_measures`` returned, stored as it came."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="flags")
    person_id = models.CharField(max_length=48)
    episode_id = models.CharField(max_length=48, blank=True)
    measure = models.CharField(max_length=64)
    due_date = models.DateField(null=True, blank=True)
    last_done_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16)
    days_overdue = models.IntegerField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    team_id = models.CharField(max_length=48, blank=True)
    worker_id = models.CharField(max_length=48, blank=True)

    class Meta:
        indexes = (
            models.Index(fields=["snapshot", "status", "measure"], name="imports_flag_status"),
            models.Index(fields=["snapshot", "person_id"], name="imports_flag_person"),
        )

    def __str__(self) -> str:
        return f"{self.measure} {self.status} ({self.person_id})"


class IndicatorValue(models.Model):
    """One row of the indicators frame ``compute_measures`` returned, stored as it came."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=96)
    name = models.CharField(max_length=255)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=32)
    polarity = models.CharField(max_length=32)
    window = models.CharField(max_length=16)
    england_value = models.FloatField(null=True, blank=True)
    england_year = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=16)
    note = models.TextField(blank=True)
    source = models.TextField(blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["snapshot", "code"], name="imports_one_value_per_indicator"
            ),
        )

    def __str__(self) -> str:
        return f"{self.code} = {self.value}"


class Team(models.Model):
    """A team of the snapshot (``ssd_department``), for names in lists and filters."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="teams")
    team_id = models.CharField(max_length=48)
    name = models.CharField(max_length=200, blank=True)
    parent_id = models.CharField(
        max_length=48, blank=True, help_text="The team's service area (its parent department)."
    )
    parent_name = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.name or self.team_id


class Professional(models.Model):
    """A professional of the snapshot (``ssd_professionals``), for names in lists and filters."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="professionals")
    professional_id = models.CharField(max_length=48)
    name = models.CharField(max_length=200, blank=True)
    team_id = models.CharField(max_length=48, blank=True)

    def __str__(self) -> str:
        return self.name or self.professional_id


class LoadProblem(models.Model):
    """A problem ``check_ssd`` or a return's reader found: the load report, kept for complete
    and failed loads. ``element`` and ``child`` are set for statutory returns (an XML element
    path, the child's id), where a line alone does not say where the problem is."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="problems")
    kind = models.CharField(max_length=32)
    file = models.CharField(max_length=255)
    line = models.IntegerField(null=True, blank=True)
    row = models.IntegerField(null=True, blank=True)
    column = models.CharField(max_length=96, blank=True)
    element = models.TextField(blank=True)
    child = models.CharField(max_length=48, blank=True)
    value = models.TextField(blank=True)
    expected = models.TextField()

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.file}: {self.expected}"
