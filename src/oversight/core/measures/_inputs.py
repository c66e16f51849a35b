"""What every measure reads: the SSD frames, the as-of date, the timescales, and shared cohorts.

The cohorts (periods of care, placements, open plans, open cases, allocations, ages) are built
once per computation and shared by every flag and indicator, so that "looked after on the date"
means the same thing everywhere. A cohort of a table that is absent is empty: nobody is known to
be in it. Measures that need a table's *data* for someone in a cohort declare it, and report
``missing_data`` when it is absent.

Several councils can be measured at once (``by="council"``): every frame then carries that
column, every cohort keeps it, and every join, window and count is keyed by it as well as by the
ids, so councils whose ids coincide never meet. One computation over the nation replaces 150
small ones, whose fixed cost (some 500 polars queries each) dominated.

Dates follow one convention: a plan, episode, placement or allocation is open on a day when it
started on or before that day and has no end date or ends after it (a child whose care ceased on
31 March is not looked after at 31 March).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import cached_property, wraps
from typing import TypeVar

import polars as pl

from oversight.core.measures.timescales import Timescales, load_timescales
from oversight.core.ssd import TABLES
from oversight.core.ssd.codes import ALLOCATED_WORKER_ROLE

T = TypeVar("T")

CASE_TABLES = ("ssd_cin_episodes", "ssd_cin_plans", "ssd_cp_plans", "ssd_cla_episodes")
"""The tables whose open rows make a child's case open."""


def open_on(start: str | pl.Expr, end: str | pl.Expr, day: date) -> pl.Expr:
    """Whether each row started on or before ``day`` and has not ended by it."""
    start = pl.col(start) if isinstance(start, str) else start
    end = pl.col(end) if isinstance(end, str) else end
    return (start <= day) & (end.is_null() | (end > day))


def continues_group(columns: list[str]) -> pl.Expr:
    """Whether each row of a frame sorted by ``columns`` has the same values as the row before.

    Sorted frames make "the previous row of the same child" a shift, far cheaper than a window
    (``over``) across hundreds of thousands of small groups.
    """
    same = [pl.col(column) == pl.col(column).shift(1) for column in columns]
    return pl.all_horizontal(same).fill_null(False)


def latest_per(frame: pl.LazyFrame, key: str | list[str], order: str | list[str]) -> pl.LazyFrame:
    """The row with the latest ``order`` for each ``key`` (several columns: the latest by the
    first, ties broken by the greatest of the next; remaining ties: the first in frame order)."""
    return frame.sort(order, descending=True, nulls_last=True, maintain_order=True).unique(
        key, keep="first", maintain_order=True
    )


def cohort(build: Callable[[MeasureInputs], pl.LazyFrame]) -> cached_property[pl.LazyFrame]:
    """A cohort shared by many measures: planned lazily, computed once on first use, then read
    from memory (so that twenty flags reading the looked-after children do not recompute them)."""

    @wraps(build)
    def kept(inputs: MeasureInputs) -> pl.LazyFrame:
        return build(inputs).collect().lazy()

    return cached_property(kept)


class MeasureInputs:
    """The SSD frames and the as-of date every measure reads, with the cohorts they share.

    Examples
    --------
    >>> from oversight.core.ssd import TABLES
    >>> episodes = TABLES["ssd_cla_episodes"].complete(pl.DataFrame({
    ...     "clae_cla_episode_id": ["E1", "E2"], "clae_person_id": ["C1", "C1"],
    ...     "clae_cla_episode_start_date": [date(2024, 1, 5), date(2024, 3, 1)],
    ...     "clae_cla_episode_ceased_date": [date(2024, 3, 1), None],
    ... }))
    >>> inputs = MeasureInputs({"ssd_cla_episodes": episodes}, as_of=date(2024, 6, 30))
    >>> inputs.looked_after.select("person_id", "period_start").collect().rows()
    [('C1', datetime.date(2024, 1, 5))]
    """

    def __init__(
        self,
        frames: Mapping[str, pl.DataFrame | pl.LazyFrame],
        *,
        as_of: date,
        timescales: Timescales | None = None,
        by: str | None = None,
    ) -> None:
        self.frames = {name: frame.lazy() for name, frame in frames.items()}
        """The SSD frames present, by table name, as lazy frames: every measure adds to one
        query plan, collected once, rather than paying a fixed cost per polars operation."""
        self.by = by
        """The column that tells the councils (or other groups) apart, or ``None`` for one."""
        self.keys: tuple[str, ...] = () if by is None else (by,)
        """The grouping columns every cohort carries: ``(by,)`` or none."""
        self._key_dtype: pl.DataType = pl.String()
        if by is not None:
            lacking = sorted(
                name for name, frame in self.frames.items() if by not in frame.collect_schema()
            )
            if lacking:
                raise ValueError(f"measures by {by!r}: these frames lack the column: {lacking}")
            if self.frames:
                self._key_dtype = next(iter(self.frames.values())).collect_schema()[by]
        self.as_of = as_of
        """The date the measures are taken on."""
        self.timescales = timescales or load_timescales()
        """The timescales and thresholds in force."""
        self._memo: dict[str, object] = {}

    def has(self, *tables: str) -> bool:
        """Whether every table named is present."""
        return all(name in self.frames for name in tables)

    def table(self, name: str) -> pl.LazyFrame:
        """The frame of ``name``, or an empty frame of its columns when it is absent."""
        frame = self.frames.get(name)
        if frame is not None:
            return frame
        empty = TABLES[name].empty().lazy()
        return empty.with_columns(
            pl.lit(None, dtype=d).alias(k) for k, d in self.key_schema.items()
        )

    def on(self, *columns: str) -> list[str]:
        """``columns`` preceded by the grouping keys: what to join, window or group on."""
        return [*self.keys, *columns]

    def key_columns(self) -> list[pl.Expr]:
        """The grouping keys as expressions, to carry through a ``select``."""
        return [pl.col(key) for key in self.keys]

    @property
    def key_schema(self) -> pl.Schema:
        """The grouping keys and their dtype (empty for a single council)."""
        return pl.Schema(dict.fromkeys(self.keys, self._key_dtype))

    @cached_property
    def groups(self) -> pl.LazyFrame:
        """Every group present. A single council is one group: one row of a constant ``_one``."""
        if not self.keys:
            return pl.LazyFrame({"_one": [0]})
        if isinstance(self._key_dtype, pl.Enum):  # every group the dtype names, at no cost
            categories = self._key_dtype.categories
            return pl.LazyFrame({self.keys[0]: categories}).cast({self.keys[0]: self._key_dtype})
        found = [frame.select(self.keys).unique() for frame in self.frames.values()]
        empty = pl.LazyFrame(schema=self.key_schema)
        return pl.concat([empty, *found]).unique().sort(self.keys)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """``build()``, computed once per inputs (e.g. the flags an indicator summarises); a lazy
        frame is collected, so that its plan runs once however many measures read it."""
        if key not in self._memo:
            built = build()
            self._memo[key] = built.collect().lazy() if isinstance(built, pl.LazyFrame) else built
        return self._memo[key]  # type: ignore[return-value]

    @cached_property
    def dates_of_birth(self) -> pl.LazyFrame:
        """person_id, date_of_birth."""
        return self.table("ssd_person").select(
            *self.key_columns(),
            pl.col("pers_person_id").alias("person_id"),
            pl.col("pers_dob").alias("date_of_birth"),
        )

    @cohort
    def cla_persons(self) -> pl.LazyFrame:
        """cla_id, person_id: whose each CLA id is (reviews, visits and placements refer by it)."""
        return (
            self.table("ssd_cla_episodes")
            .select(
                *self.key_columns(),
                pl.col("clae_cla_id").alias("cla_id"),
                pl.col("clae_person_id").alias("person_id"),
            )
            .drop_nulls("cla_id")
            .unique(self.on("cla_id"), keep="first", maintain_order=True)
        )

    @cohort
    def periods_of_care(self) -> pl.LazyFrame:
        """person_id, episode_id, period_start, period_end: episodes chained into periods of care.

        An episode continues the period of the one before when it starts on (or before) the day
        that one ceased, as the SSDA903 chains episodes; a gap starts a new period. The period's
        id is the CLA id of its last episode, or else the id of its first episode.
        """
        episodes = (
            self.table("ssd_cla_episodes")
            .select(
                *self.key_columns(),
                pl.col("clae_person_id").alias("person_id"),
                pl.col("clae_cla_episode_id").alias("episode"),
                pl.col("clae_cla_id").alias("cla_id"),
                pl.col("clae_cla_episode_start_date").alias("start"),
                pl.col("clae_cla_episode_ceased_date").alias("ceased"),
            )
            .drop_nulls("start")
            .sort(*self.on("person_id", "start", "ceased"), nulls_last=True)
        )
        person = self.on("person_id")
        same_child = continues_group(person)
        previous_ceased = pl.when(same_child).then(pl.col("ceased").shift(1))
        starts_period = ~same_child | (pl.col("start") > previous_ceased).fill_null(False)
        return (
            episodes.with_columns(starts_period.cast(pl.Int64).cum_sum().alias("period_number"))
            .group_by(*person, "period_number", maintain_order=True)
            .agg(
                pl.coalesce(pl.col("cla_id").drop_nulls().last(), pl.col("episode").first()).alias(
                    "episode_id"
                ),
                pl.col("start").min().alias("period_start"),
                pl.when(pl.col("ceased").is_null().any())
                .then(None)
                .otherwise(pl.col("ceased").max())
                .alias("period_end"),
            )
            .drop("period_number")
        )

    @cohort
    def looked_after(self) -> pl.LazyFrame:
        """The periods of care open on the as-of date (one per child)."""
        return latest_per(
            self.periods_of_care.filter(open_on("period_start", "period_end", self.as_of)),
            self.on("person_id"),
            "period_start",
        )

    @cohort
    def placements(self) -> pl.LazyFrame:
        """placement_id, person_id, placement_start, placement_end, placement_type, distance."""
        placements = self.table("ssd_cla_placement").join(
            self.cla_persons, left_on=self.on("clap_cla_id"), right_on=self.on("cla_id"), how="left"
        )
        return placements.select(
            *self.key_columns(),
            pl.col("clap_cla_placement_id").alias("placement_id"),
            pl.coalesce("clap_person_id", "person_id").alias("person_id"),
            pl.col("clap_cla_placement_start_date").alias("placement_start"),
            pl.col("clap_cla_placement_end_date").alias("placement_end"),
            pl.col("clap_cla_placement_type").alias("placement_type"),
            pl.col("clap_cla_placement_distance").alias("distance"),
        ).drop_nulls(["person_id", "placement_start"])

    @cohort
    def current_placements(self) -> pl.LazyFrame:
        """The placement open on the as-of date of each looked-after child, with the period."""
        open_placements = self.placements.filter(
            open_on("placement_start", "placement_end", self.as_of)
        )
        return latest_per(open_placements, self.on("person_id"), "placement_start").join(
            self.looked_after.select(
                *self.on("person_id"), pl.col("episode_id").alias("period_id"), "period_start"
            ),
            on=self.on("person_id"),
            how="inner",
        )

    @cohort
    def legal_statuses(self) -> pl.LazyFrame:
        """person_id, legal_status: each child's legal status on the as-of date."""
        statuses = self.table("ssd_legal_status").filter(
            open_on("lega_legal_status_start_date", "lega_legal_status_end_date", self.as_of)
        )
        return latest_per(
            statuses, self.on("lega_person_id"), "lega_legal_status_start_date"
        ).select(
            *self.key_columns(),
            pl.col("lega_person_id").alias("person_id"),
            pl.col("lega_legal_status").alias("legal_status"),
        )

    @cohort
    def open_cp_plans(self) -> pl.LazyFrame:
        """person_id, episode_id, plan_start: child protection plans open on the as-of date."""
        return (
            self.table("ssd_cp_plans")
            .filter(open_on("cppl_cp_plan_start_date", "cppl_cp_plan_end_date", self.as_of))
            .select(
                *self.key_columns(),
                pl.col("cppl_person_id").alias("person_id"),
                pl.col("cppl_cp_plan_id").alias("episode_id"),
                pl.col("cppl_cp_plan_start_date").alias("plan_start"),
            )
        )

    @cohort
    def open_cin_plans(self) -> pl.LazyFrame:
        """person_id, episode_id, plan_start: child in need plans open on the as-of date."""
        return (
            self.table("ssd_cin_plans")
            .filter(open_on("cinp_cin_plan_start_date", "cinp_cin_plan_end_date", self.as_of))
            .select(
                *self.key_columns(),
                pl.col("cinp_person_id").alias("person_id"),
                pl.col("cinp_cin_plan_id").alias("episode_id"),
                pl.col("cinp_cin_plan_start_date").alias("plan_start"),
            )
        )

    @cohort
    def open_referrals(self) -> pl.LazyFrame:
        """person_id, episode_id, referral_date: CIN episodes open on the as-of date."""
        return (
            self.table("ssd_cin_episodes")
            .filter(open_on("cine_referral_date", "cine_close_date", self.as_of))
            .select(
                *self.key_columns(),
                pl.col("cine_person_id").alias("person_id"),
                pl.col("cine_referral_id").alias("episode_id"),
                pl.col("cine_referral_date").alias("referral_date"),
            )
        )

    @cohort
    def open_children(self) -> pl.LazyFrame:
        """Each child with an open case: person_id, since, and when each kind of case began.

        Columns: ``since`` (the earliest start of any open referral, plan or period of care),
        ``cin_plan_since``, ``cp_plan_since``, ``looked_after_since`` (null when not open).
        """
        person = self.on("person_id")
        parts = [
            self.open_referrals.select(*person, pl.col("referral_date").alias("since")),
            self.open_cin_plans.select(*person, pl.col("plan_start").alias("cin_plan_since")),
            self.open_cp_plans.select(*person, pl.col("plan_start").alias("cp_plan_since")),
            self.looked_after.select(*person, pl.col("period_start").alias("looked_after_since")),
        ]
        stacked = pl.concat(parts, how="diagonal_relaxed")
        kinds = ("cin_plan_since", "cp_plan_since", "looked_after_since")
        return (
            stacked.group_by(person, maintain_order=True)
            .agg(pl.col(name).min() for name in ("since", *kinds))
            .with_columns(pl.min_horizontal("since", *kinds).alias("since"))
            .sort(person)
        )

    def keep_open_cases(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        """The rows of ``frame`` (with ``person_id``) whose child has an open case on the date.

        When no table of cases is present, no case is known to be closed and every row is kept.
        """
        if not any(self.has(table) for table in CASE_TABLES):
            return frame
        person = self.on("person_id")
        return frame.join(self.open_children.select(person), on=person, how="semi")

    @cohort
    def allocations(self) -> pl.LazyFrame:
        """person_id, team_id, worker_id: each child's allocated worker on the as-of date."""
        involvements = self.table("ssd_involvements").filter(
            (pl.col("invo_professional_role_id") == ALLOCATED_WORKER_ROLE)
            & open_on("invo_involvement_start_date", "invo_involvement_end_date", self.as_of)
        )
        return latest_per(
            involvements, self.on("invo_person_id"), "invo_involvement_start_date"
        ).select(
            *self.key_columns(),
            pl.col("invo_person_id").alias("person_id"),
            pl.col("invo_professional_team").alias("team_id"),
            pl.col("invo_professional_id").alias("worker_id"),
        )

    @cohort
    def ended_allocations(self) -> pl.LazyFrame:
        """person_id, team_id, ended: the allocated worker's involvement that ended last, by
        the as-of date, of each child with an open case (ties: the greater team id)."""
        person = self.on("person_id")
        ended = (
            self.table("ssd_involvements")
            .filter(
                (pl.col("invo_professional_role_id") == ALLOCATED_WORKER_ROLE)
                & (pl.col("invo_involvement_end_date") <= self.as_of)
            )
            .select(
                *self.key_columns(),
                pl.col("invo_person_id").alias("person_id"),
                pl.col("invo_professional_team").alias("team_id"),
                pl.col("invo_involvement_end_date").alias("ended"),
            )
            .join(self.open_children.select(person), on=person, how="semi")
        )
        return latest_per(ended, person, ["ended", "team_id"])

    @cohort
    def case_holders(self) -> pl.LazyFrame:
        """person_id, team_id, worker_id: who holds each child's case on the as-of date.

        The allocated worker and their team; or, for a child with an open case and no worker
        now, the team of the allocation that ended last during the case (worker null): the team
        still holds the case, and its manager must see the child among its unallocated
        children. A child not allocated since the case opened is held by no team (the front
        door's work, seen service-wide). An allocation ending on the day the case opened
        belonged to an earlier case.
        """
        person = self.on("person_id")
        last_team = (
            self.ended_allocations.join(
                self.open_children.select(*person, "since"), on=person, how="inner"
            )
            .filter(pl.col("ended") > pl.col("since"))
            .join(self.allocations.select(person), on=person, how="anti")
            .select(*person, "team_id", pl.lit(None, dtype=pl.String).alias("worker_id"))
        )
        return pl.concat([self.allocations, last_team])
