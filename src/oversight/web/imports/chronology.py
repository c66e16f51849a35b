"""SSD frames ─► the query-shaped frames a snapshot persists: children, events, teams, people.

Every event source is one declaration (``EVENT_SOURCES``): the table, the kind of event it
records, its date column, whose it is, and the columns kept as the event's attributes. Adding
one is one line. Current status and allocation come from the cohorts of
``oversight.core.measures.MeasureInputs``, so "looked after on the date" means here what it
means to every measure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import polars as pl

from oversight.core.measures import MeasureInputs


@dataclass(frozen=True)
class EventSource:
    """One SSD table read as chronology events."""

    table: str
    """The SSD table."""
    kind: str
    """What happened, as the child page says it."""
    date: str
    """The column dating the event; rows without a date are left out."""
    person: str | None
    """The person column; ``None`` when the table refers to the child by CLA id only."""
    attributes: tuple[str, ...] = ()
    """Columns kept as the event's details."""
    cla_id: str | None = None
    """The CLA id column, to find the child when ``person`` is absent or empty."""


EVENT_SOURCES: tuple[EventSource, ...] = (
    EventSource("ssd_contacts", "Contact", "cont_contact_date", "cont_person_id",
                ("cont_contact_source_desc",)),
    EventSource("ssd_early_help_episodes", "Early help began", "earl_episode_start_date",
                "earl_person_id", ("earl_episode_end_date", "earl_episode_reason")),
    EventSource("ssd_cin_episodes", "Referral", "cine_referral_date", "cine_person_id",
                ("cine_referral_id", "cine_referral_source_desc", "cine_cin_primary_need_code",
                 "cine_close_date")),
    EventSource("ssd_cin_assessments", "Assessment began", "cina_assessment_start_date",
                "cina_person_id", ("cina_assessment_auth_date", "cina_assessment_child_seen")),
    EventSource("ssd_cin_plans", "Child in need plan began", "cinp_cin_plan_start_date",
                "cinp_person_id", ("cinp_cin_plan_end_date",)),
    EventSource("ssd_cin_visits", "Child in need visit", "cinv_cin_visit_date",
                "cinv_person_id", ("cinv_cin_visit_seen", "cinv_cin_visit_seen_alone")),
    EventSource("ssd_s47_enquiry", "Section 47 enquiry began", "s47e_s47_start_date",
                "s47e_person_id", ("s47e_s47_end_date", "s47e_s47_nfa")),
    EventSource("ssd_initial_cp_conference", "Initial child protection conference",
                "icpc_icpc_date", "icpc_person_id", ("icpc_icpc_outcome_cp_flag",)),
    EventSource("ssd_cp_plans", "Child protection plan began", "cppl_cp_plan_start_date",
                "cppl_person_id", ("cppl_cp_plan_end_date", "cppl_cp_plan_initial_category")),
    EventSource("ssd_cp_visits", "Child protection visit", "cppv_cp_visit_date",
                "cppv_person_id", ("cppv_cp_visit_seen", "cppv_cp_visit_seen_alone")),
    EventSource("ssd_cp_reviews", "Child protection review", "cppr_cp_review_date",
                "cppr_person_id", ("cppr_cp_review_outcome_continue_cp",)),
    EventSource("ssd_cla_episodes", "Care episode began", "clae_cla_episode_start_date",
                "clae_person_id", ("clae_cla_episode_start_reason", "clae_cla_episode_ceased_date",
                                   "clae_cla_episode_ceased_reason")),
    EventSource("ssd_cla_placement", "Placement began", "clap_cla_placement_start_date",
                "clap_person_id", ("clap_cla_placement_type", "clap_cla_placement_end_date",
                                   "clap_cla_placement_distance"), cla_id="clap_cla_id"),
    EventSource("ssd_legal_status", "Legal status", "lega_legal_status_start_date",
                "lega_person_id", ("lega_legal_status", "lega_legal_status_end_date")),
    EventSource("ssd_cla_reviews", "Looked-after review", "clar_cla_review_date", None,
                ("clar_cla_review_cancelled",), cla_id="clar_cla_id"),
    EventSource("ssd_cla_visits", "Looked-after visit", "clav_cla_visit_date", "clav_person_id",
                ("clav_cla_visit_seen", "clav_cla_visit_seen_alone"), cla_id="clav_cla_id"),
    EventSource("ssd_cla_health", "Health check", "clah_health_check_date", "clah_person_id",
                ("clah_health_check_type", "clah_health_check_status")),
    EventSource("ovs_personal_education_plans", "Personal education plan", "ovpe_pep_date",
                "ovpe_person_id"),
    EventSource("ssd_missing", "Missing episode began", "miss_missing_episode_start_date",
                "miss_person_id", ("miss_missing_episode_type", "miss_missing_episode_end_date",
                                   "miss_missing_rhi_offered")),
    EventSource("ssd_care_leavers", "Care leaver contact", "clea_care_leaver_latest_contact",
                "clea_person_id", ("clea_care_leaver_in_touch", "clea_care_leaver_accommodation")),
    EventSource("ssd_involvements", "Worker allocated", "invo_involvement_start_date",
                "invo_person_id", ("invo_professional_id", "invo_professional_team",
                                   "invo_involvement_end_date")),
    EventSource("ovs_case_supervision", "Case supervision", "ovcs_supervision_date",
                "ovcs_person_id", ("ovcs_supervisor_id",)),
)  # fmt: skip

EVENT_COLUMNS = ("person_id", "kind", "date", "attributes")
CHILD_COLUMNS = (
    "person_id", "forename", "surname", "date_of_birth", "status", "open_since", "team_id",
    "worker_id",
)  # fmt: skip


def events_frame(inputs: MeasureInputs) -> pl.DataFrame:
    """person_id, kind, date, attributes (JSON text): every dated event up to the as-of date."""
    parts = [_events_of(source, inputs) for source in EVENT_SOURCES if inputs.has(source.table)]
    if not parts:
        return pl.DataFrame(schema={"person_id": pl.String, "kind": pl.String,
                                    "date": pl.Date, "attributes": pl.String})  # fmt: skip
    return pl.concat(parts).sort("person_id", "date").collect()


def _events_of(source: EventSource, inputs: MeasureInputs) -> pl.LazyFrame:
    frame = inputs.table(source.table)
    person = pl.col(source.person) if source.person else pl.lit(None, dtype=pl.String)
    if source.cla_id is not None:
        frame = frame.join(
            inputs.cla_persons.rename({"person_id": "_cla_person"}),
            left_on=source.cla_id,
            right_on="cla_id",
            how="left",
        )
        person = pl.coalesce(person, pl.col("_cla_person"))
    attributes = (
        pl.struct([pl.col(name).cast(pl.String) for name in source.attributes]).struct.json_encode()
        if source.attributes
        else pl.lit("{}")
    )
    return (
        frame.select(
            person.alias("person_id"),
            pl.lit(source.kind).alias("kind"),
            pl.col(source.date).alias("date"),
            attributes.alias("attributes"),
        )
        .drop_nulls(["person_id", "date"])
        .filter(pl.col("date") <= inputs.as_of)
    )


def children_frame(inputs: MeasureInputs) -> pl.DataFrame:
    """One row per person: name, date of birth, current status, since when, team and worker.

    The status is the most intensive open involvement on the as-of date: looked after, then a
    child protection plan, a child in need plan, an open referral, a care leaver, else closed.
    """
    people = inputs.table("ssd_person").select(
        pl.col("pers_person_id").alias("person_id"),
        pl.col("pers_forename").fill_null("").alias("forename"),
        pl.col("pers_surname").fill_null("").alias("surname"),
        pl.col("pers_dob").alias("date_of_birth"),
    )
    open_children = inputs.open_children
    leavers = (
        inputs.table("ssd_care_leavers")
        .select(pl.col("clea_person_id").alias("person_id"), pl.lit(True).alias("is_care_leaver"))
        .unique("person_id")
    )
    status = (
        pl.when(pl.col("looked_after_since").is_not_null()).then(pl.lit("looked_after"))
        .when(pl.col("cp_plan_since").is_not_null()).then(pl.lit("child_protection"))
        .when(pl.col("cin_plan_since").is_not_null()).then(pl.lit("child_in_need"))
        .when(pl.col("since").is_not_null()).then(pl.lit("referral"))
        .when(pl.col("is_care_leaver").fill_null(False)).then(pl.lit("care_leaver"))
        .otherwise(pl.lit("closed"))
    )  # fmt: skip
    return (
        people.join(open_children, on="person_id", how="left")
        .join(leavers, on="person_id", how="left")
        .join(inputs.case_holders, on="person_id", how="left")
        .with_columns(
            status.alias("status"),
            pl.col("since").alias("open_since"),
            pl.col("team_id").fill_null(""),
            pl.col("worker_id").fill_null(""),
        )
        .select(CHILD_COLUMNS)
        .unique("person_id", keep="first", maintain_order=True)
        .collect()
    )


def teams_frame(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """team_id, name, parent_id, parent_name: the teams of ``ssd_department`` with their service
    area (empty when it is absent)."""
    departments = frames.get("ssd_department")
    if departments is None:
        return pl.DataFrame(
            schema={"team_id": pl.String, "name": pl.String, "parent_id": pl.String,
                    "parent_name": pl.String}
        )  # fmt: skip
    return departments.select(
        pl.col("dept_team_id").alias("team_id"),
        pl.col("dept_team_name").fill_null("").alias("name"),
        pl.col("dept_team_parent_id").fill_null("").alias("parent_id"),
        pl.col("dept_team_parent_name").fill_null("").alias("parent_name"),
    )


def professionals_frame(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """professional_id, name, team_id: the people of ``ssd_professionals``."""
    professionals = frames.get("ssd_professionals")
    if professionals is None:
        return pl.DataFrame(
            schema={"professional_id": pl.String, "name": pl.String, "team_id": pl.String}
        )
    return professionals.select(
        pl.col("prof_professional_id").alias("professional_id"),
        pl.col("prof_professional_name").fill_null("").alias("name"),
        pl.col("prof_professional_department").fill_null("").alias("team_id"),
    )


def as_of_default(frames: Mapping[str, pl.DataFrame]) -> date:
    """The latest contact or referral date: the as-of date of an extract that does not say."""
    latest = [
        frames[table][column].max()
        for table, column in (("ssd_contacts", "cont_contact_date"),
                              ("ssd_cin_episodes", "cine_referral_date"))
        if table in frames and frames[table].height
    ]  # fmt: skip
    found = [value for value in latest if isinstance(value, date)]
    return max(found) if found else date.today()
