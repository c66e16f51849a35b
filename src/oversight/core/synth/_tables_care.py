"""SSD tables of children looked after, care leavers and the workforce, from the simulation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from oversight.core.ssd import TABLES
from oversight.core.ssd.codes import ALLOCATED_WORKER_ROLE
from oversight.core.synth._random import choose

if TYPE_CHECKING:
    from oversight.core.synth._tables import Parts


def _ids(code: str, kind: str, number: pl.Expr, width: int = 7) -> pl.Expr:
    return pl.format("{}{}{}", pl.lit(code), pl.lit(kind), number.cast(pl.String).str.zfill(width))


def _date(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Int32).cast(pl.Date)


def _open(column: str, end: int) -> pl.Expr:
    """A day column as a date, null when it lies after the extract (still open)."""
    return _date(pl.when(pl.col(column) > end).then(None).otherwise(pl.col(column)))


def care_tables(parts: Parts, referrals: pl.DataFrame) -> dict[str, pl.DataFrame]:
    code, window, care = parts.code, parts.window, parts.care
    rng = parts.streams("care-tables")
    needs = referrals.select("referral", "need").with_columns(
        _ids(code, "R", pl.col("referral"), 8).alias("referral_id")
    )
    periods = care.periods.join(
        needs, on="referral", how="left", maintain_order="left"
    ).with_columns(
        _ids(code, "C", pl.col("child")).alias("person_id"),
        _ids(code, "L", pl.col("period")).alias("cla_id"),
        pl.col("need").fill_null("N1").replace({"N9": "N1", "N0": "N1"}).alias("need"),
    )
    placements = care.placements.join(
        periods.select(
            "period",
            "person_id",
            "cla_id",
            "need",
            "referral_id",
            "reason_ceased",
            "is_open",
            pl.col("start").alias("care_start"),
        ),
        on="period",
        maintain_order="left",
    )
    placements = placements.filter(
        (pl.col("end") >= window.start) & (pl.col("start") <= window.end)
    ).with_columns(
        _ids(code, "PL", pl.col("placement")).alias("placement_id"),
        _ids(code, "E", pl.col("placement")).alias("episode_id"),
        (pl.col("end") >= pl.col("period_end")).alias("is_last"),
    )
    episodes = placements.select(
        pl.col("episode_id").alias("clae_cla_episode_id"),
        pl.col("person_id").alias("clae_person_id"),
        _date(pl.col("start")).alias("clae_cla_episode_start_date"),
        pl.when(pl.col("start") == pl.col("care_start"))
        .then(pl.lit("S"))
        .otherwise(pl.lit("P"))
        .alias("clae_cla_episode_start_reason"),
        pl.col("need").alias("clae_cla_primary_need_code"),
        _open("end", window.end).alias("clae_cla_episode_ceased_date"),
        pl.when(pl.col("end") > window.end)
        .then(None)
        .when(pl.col("is_last"))
        .then(pl.col("reason_ceased"))
        .otherwise(pl.lit("X1"))
        .alias("clae_cla_episode_ceased_reason"),
        pl.col("cla_id").alias("clae_cla_id"),
        pl.col("referral_id").alias("clae_referral_id"),
        pl.col("placement_id").alias("clae_cla_placement_id"),
        _date(pl.col("care_start")).alias("clae_entered_care_date"),
    )
    urn = pl.when(pl.col("type").is_in(["K2", "R1", "S1"])).then(
        pl.format("SC{}", (pl.col("placement").hash(3) % 900_000 + 100_000).cast(pl.String))
    )
    placement_table = placements.select(
        pl.col("placement_id").alias("clap_cla_placement_id"),
        _date(pl.col("start")).alias("clap_cla_placement_start_date"),
        pl.col("type").alias("clap_cla_placement_type"),
        urn.alias("clap_cla_placement_urn"),
        pl.col("distance").alias("clap_cla_placement_distance"),
        pl.col("cla_id").alias("clap_cla_id"),
        pl.col("provider").alias("clap_cla_placement_provider"),
        _open("end", window.end).alias("clap_cla_placement_end_date"),
        pl.when(pl.col("end") > window.end)
        .then(None)
        .otherwise(pl.col("change_reason"))
        .alias("clap_cla_placement_change_reason"),
        pl.col("person_id").alias("clap_person_id"),
    )
    in_window = pl.col("day").is_between(window.start, window.end)
    reviews = care.reviews.filter(in_window).join(
        periods.select("period", "cla_id", "dob"), on="period", maintain_order="left"
    )
    participation = np.where(
        ((reviews["day"] - reviews["dob"]) / 365.25).to_numpy() < 4,
        "PN0",
        choose(
            rng,
            ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"),
            (45, 8, 20, 8, 10, 6, 3),
            reviews.height,
        ),
    )
    review_table = reviews.sort("period", "day", maintain_order=True).select(
        _ids(code, "RV", pl.int_range(pl.len()), 8).alias("clar_cla_review_id"),
        pl.col("cla_id").alias("clar_cla_id"),
        _date(pl.col("day")).alias("clar_cla_review_date"),
        pl.lit("N").alias("clar_cla_review_cancelled"),
        pl.Series("clar_cla_review_participation", participation.astype(str)),
    )
    visits = (
        care.visits.filter(in_window)
        .join(periods.select("period", "cla_id", "person_id"), on="period", maintain_order="left")
        .sort("period", "day", maintain_order=True)
    )
    visit_table = visits.select(
        _ids(code, "CV", pl.int_range(pl.len()), 8).alias("clav_cla_visit_id"),
        pl.col("cla_id").alias("clav_cla_id"),
        pl.col("person_id").alias("clav_person_id"),
        _date(pl.col("day")).alias("clav_cla_visit_date"),
        pl.when(pl.col("seen"))
        .then(pl.lit("Y"))
        .otherwise(pl.lit("N"))
        .alias("clav_cla_visit_seen"),
        pl.when(pl.col("seen_alone"))
        .then(pl.lit("Y"))
        .otherwise(pl.lit("N"))
        .alias("clav_cla_visit_seen_alone"),
    )
    legal = care.legal_statuses.filter(
        (pl.col("end") >= window.start) & (pl.col("start") <= window.end)
    ).with_columns(_ids(code, "C", pl.col("child")).alias("person_id"))
    health = (
        care.health_checks.filter(in_window)
        .with_columns(_ids(code, "C", pl.col("child")).alias("person_id"))
        .sort("person_id", "day", maintain_order=True)
    )
    missing = (
        care.missing.filter(pl.col("start").is_between(window.start, window.end))
        .with_columns(_ids(code, "C", pl.col("child")).alias("person_id"))
        .sort("person_id", "start", maintain_order=True)
    )
    permanence = care.permanence.join(
        periods.select("period", "person_id", "cla_id"), on="period", maintain_order="left"
    )
    children_in_care = (
        placements.select("person_id")
        .unique(maintain_order=True)
        .sort("person_id", maintain_order=True)
    )
    tables = {
        "ssd_cla_episodes": episodes,
        "ssd_cla_placement": placement_table,
        "ssd_cla_reviews": review_table,
        "ssd_cla_visits": visit_table,
        "ssd_legal_status": legal.select(
            _ids(code, "LS", pl.col("legal_status")).alias("lega_legal_status_id"),
            pl.col("person_id").alias("lega_person_id"),
            pl.col("status").alias("lega_legal_status"),
            _date(pl.col("start")).alias("lega_legal_status_start_date"),
            _open("end", window.end).alias("lega_legal_status_end_date"),
        ),
        "ssd_cla_health": health.select(
            _ids(code, "HC", pl.int_range(pl.len()), 8).alias("clah_health_check_id"),
            pl.col("person_id").alias("clah_person_id"),
            pl.col("type").alias("clah_health_check_type"),
            _date(pl.col("day")).alias("clah_health_check_date"),
            pl.col("status").alias("clah_health_check_status"),
        ),
        "ssd_cla_immunisations": children_in_care.select(
            pl.col("person_id").alias("clai_person_id"),
            pl.Series(
                "clai_immunisations_status",
                np.where(rng.random(children_in_care.height) < 0.88, "Y", "N"),
            ),
        ),
        "ssd_missing": missing.select(
            _ids(code, "MS", pl.int_range(pl.len()), 8).alias("miss_table_id"),
            pl.col("person_id").alias("miss_person_id"),
            _date(pl.col("start")).alias("miss_missing_episode_start_date"),
            pl.col("type").alias("miss_missing_episode_type"),
            _date(pl.col("end")).alias("miss_missing_episode_end_date"),
            pl.when(pl.col("rhi_offered"))
            .then(pl.lit("Y"))
            .otherwise(pl.lit("N"))
            .alias("miss_missing_rhi_offered"),
            pl.when(pl.col("rhi_accepted"))
            .then(pl.lit("Y"))
            .otherwise(pl.lit("N"))
            .alias("miss_missing_rhi_accepted"),
        ),
        "ssd_permanence": permanence.select(
            _ids(code, "PM", pl.col("period")).alias("perm_table_id"),
            pl.col("person_id").alias("perm_person_id"),
            pl.col("cla_id").alias("perm_cla_id"),
            _open("adm_day", window.end).alias("perm_adm_decision_date"),
            _open("order_day", window.end).alias("perm_placement_order_date"),
            _open("placed_day", window.end).alias("perm_placed_for_adoption_date"),
            _open("matched_day", window.end).alias("perm_matched_date"),
            _open("end", window.end).alias("perm_permanence_order_date"),
            pl.when(pl.col("end") <= window.end)
            .then(pl.lit("Adoption order"))
            .alias("perm_permanence_order_type"),
        ),
        "ovs_personal_education_plans": care.peps.filter(in_window)
        .with_columns(_ids(code, "C", pl.col("child")).alias("person_id"))
        .sort("person_id", "day", maintain_order=True)
        .select(
            _ids(code, "PE", pl.int_range(pl.len()), 8).alias("ovpe_pep_id"),
            pl.col("person_id").alias("ovpe_person_id"),
            _date(pl.col("day")).alias("ovpe_pep_date"),
        ),
        "ovs_placement_locations": placements.select(
            pl.col("placement_id").alias("ovpl_placement_id"),
            pl.when(pl.col("out_of_area"))
            .then(pl.lit("Y"))
            .otherwise(pl.lit("N"))
            .alias("ovpl_is_out_of_area"),
        ),
    }
    return {name: TABLES[name].complete(frame) for name, frame in tables.items()}


def workforce_tables(parts: Parts, frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    code, window, workforce = parts.code, parts.window, parts.workforce
    person = _ids(code, "C", pl.col("child"))
    worker = _ids(code, "W", pl.col("professional"), 5)
    spells = workforce.spells.filter(pl.col("start") <= window.end)
    involvements = parts.involvements.filter(
        pl.col("end").is_null() | (pl.col("end") >= window.start)
    ).sort("child", "start", maintain_order=True)
    open_now = (
        involvements.filter(pl.col("end").is_null())
        .group_by("professional", maintain_order=True)
        .len()
    )
    latest = (
        spells.sort("start", maintain_order=True)
        .group_by("professional", maintain_order=True)
        .agg(pl.all().last())
        .join(open_now, on="professional", how="left", maintain_order="left")
    )
    titles = {"SW": "Social worker", "TM": "Team manager", "PA": "Personal adviser"}
    professionals = latest.sort("professional", maintain_order=True).select(
        worker.alias("prof_professional_id"),
        pl.format("E{}", pl.col("professional").cast(pl.String).str.zfill(6)).alias(
            "prof_staff_id"
        ),
        pl.format("Synthetic Worker {}", pl.col("professional")).alias("prof_professional_name"),
        pl.when(pl.col("role") == "PA")
        .then(None)
        .otherwise(pl.format("SW9{}", pl.col("professional").cast(pl.String).str.zfill(5)))
        .alias("prof_social_worker_registration_no"),
        pl.col("role").replace_strict(titles).alias("prof_professional_job_title"),
        pl.col("len").fill_null(0).cast(pl.Int64).alias("prof_professional_caseload"),
        pl.col("team_id").alias("prof_professional_department"),
        pl.col("fte").alias("prof_full_time_equivalency"),
        pl.when(pl.col("is_agency"))
        .then(pl.lit("Y"))
        .otherwise(pl.lit("N"))
        .alias("prof_agency_worker_flag"),
    )
    referral_ids = frames["ssd_cin_episodes"].select(
        pl.col("cine_referral_id").alias("referral_id")
    )
    involvement_table = (
        involvements.with_columns(_ids(code, "R", pl.col("referral"), 8).alias("referral_id"))
        .with_columns(
            pl.when(pl.col("referral_id").is_in(referral_ids["referral_id"].implode()))
            .then(pl.col("referral_id"))
            .otherwise(None)
            .alias("referral_id")
        )
        .select(
            _ids(code, "IV", pl.int_range(pl.len()), 8).alias("invo_involvements_id"),
            worker.alias("invo_professional_id"),
            pl.lit(ALLOCATED_WORKER_ROLE).alias("invo_professional_role_id"),
            pl.col("team_id").alias("invo_professional_team"),
            _date(pl.col("start")).alias("invo_involvement_start_date"),
            _date(pl.col("end")).alias("invo_involvement_end_date"),
            pl.col("reason").alias("invo_worker_change_reason"),
            person.alias("invo_person_id"),
            pl.col("referral_id").alias("invo_referral_id"),
        )
    )
    leaver_workers = (
        involvements.filter(
            pl.col("kind") == "leaving_care"
            if "kind" in involvements.columns
            else pl.col("team_id").str.starts_with("T4")
        )
        .group_by("child", maintain_order=True)
        .agg(pl.col("professional").last(), pl.col("team_id").last())
    )
    leavers = parts.care.care_leavers.join(
        leaver_workers, on="child", how="left", maintain_order="left"
    )
    care_leavers = leavers.select(
        _ids(code, "CL", pl.col("child")).alias("clea_table_id"),
        person.alias("clea_person_id"),
        pl.col("eligibility").alias("clea_care_leaver_eligibility"),
        pl.col("in_touch").alias("clea_care_leaver_in_touch"),
        _date(pl.col("latest_contact")).alias("clea_care_leaver_latest_contact"),
        pl.col("accommodation").alias("clea_care_leaver_accommodation"),
        pl.col("suitable").alias("clea_care_leaver_accom_suitable"),
        pl.col("activity").alias("clea_care_leaver_activity"),
        _date(pl.col("pathway_review")).alias("clea_pathway_plan_review_date"),
        pl.format("Synthetic Worker {}", pl.col("professional")).alias(
            "clea_care_leaver_personal_advisor"
        ),
        pl.col("team_id").alias("clea_care_leaver_allocated_team"),
        worker.alias("clea_care_leaver_worker_id"),
    )
    teams = workforce.teams.select(
        pl.col("team_id").alias("dept_team_id"),
        pl.col("name").alias("dept_team_name"),
        pl.col("parent_id").alias("dept_team_parent_id"),
        pl.col("parent_name").alias("dept_team_parent_name"),
    )
    employment = spells.select(
        _ids(code, "EM", pl.int_range(pl.len())).alias("ovem_employment_id"),
        worker.alias("ovem_professional_id"),
        pl.col("team_id").alias("ovem_team_id"),
        pl.col("role").alias("ovem_role"),
        _date(pl.col("start")).alias("ovem_start_date"),
        _date(pl.col("end")).alias("ovem_end_date"),
        pl.when(pl.col("end").is_not_null()).then(pl.lit("LEFT")).alias("ovem_leaving_reason"),
        pl.col("fte").alias("ovem_fte"),
        pl.when(pl.col("is_agency"))
        .then(pl.lit("Y"))
        .otherwise(pl.lit("N"))
        .alias("ovem_is_agency"),
    )
    # Funded social-work posts: the team's practitioners and its manager. Personal advisers are
    # not social workers, so the leaving care team's posts are not part of it.
    kinds = workforce.teams.select("team_id", "kind")
    social_work_posts = (
        workforce.establishment.join(kinds, on="team_id", maintain_order="left")
        .filter(pl.col("kind") != "leaving_care")
        .with_columns((pl.col("posts") + 1.0).alias("posts"))
    )
    establishment = social_work_posts.sort("team_id", "start", maintain_order=True).select(
        _ids(code, "ES", pl.int_range(pl.len())).alias("ovse_establishment_id"),
        pl.col("team_id").alias("ovse_team_id"),
        _date(pl.col("start")).alias("ovse_start_date"),
        _open("end", window.end).alias("ovse_end_date"),
        pl.col("posts").alias("ovse_posts_fte"),
    )
    supervision = (
        parts.supervision.filter(pl.col("day").is_between(window.start, window.end))
        .sort("child", "day", maintain_order=True)
        .select(
            _ids(code, "SV", pl.int_range(pl.len()), 9).alias("ovcs_supervision_id"),
            person.alias("ovcs_person_id"),
            pl.when(pl.col("supervisor").is_not_null())
            .then(_ids(code, "W", pl.col("supervisor"), 5))
            .alias("ovcs_supervisor_id"),
            _date(pl.col("day")).alias("ovcs_supervision_date"),
        )
    )
    tables = {
        "ssd_care_leavers": care_leavers,
        "ssd_professionals": professionals,
        "ssd_department": teams,
        "ssd_involvements": involvement_table,
        "ovs_employment": employment,
        "ovs_establishment": establishment,
        "ovs_case_supervision": supervision,
    }
    return {name: TABLES[name].complete(frame) for name, frame in tables.items()}
