"""Turn the simulation's frames into SSD tables: ids, codes, dates and the reported window.

Ids are the council's code, a letter for the kind of record and a number (``S901C0000042`` for a
child), so that councils never share an id. Records are kept when they overlap the reported
window; dated events (visits, reviews, checks) when they fall inside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import polars as pl

from oversight.core.ssd import TABLES
from oversight.core.ssd.codes import ALLOCATED_WORKER_ROLE
from oversight.core.synth import _tables_care
from oversight.core.synth._events import Cadence, recurring
from oversight.core.synth._random import Streams, choose
from oversight.core.synth._time import add_working_days, date_series, working_day_on_or_before
from oversight.core.synth.care import Care
from oversight.core.synth.journeys import FACTOR_WEIGHTS, FACTORS, Journeys, Window
from oversight.core.synth.people import disabilities, people
from oversight.core.synth.profiles import Practice
from oversight.core.synth.workforce import Workforce


@dataclass(frozen=True)
class Parts:
    """Everything the simulation made for one council."""

    code: str
    window: Window
    streams: Streams
    practice: Practice
    journeys: Journeys
    extra_referrals: pl.DataFrame
    children: pl.DataFrame
    care: Care
    workforce: Workforce
    involvements: pl.DataFrame
    supervision: pl.DataFrame


def ids(code: str, kind: str, number: pl.Expr, width: int = 7) -> pl.Expr:
    """An id such as ``S901C0000042`` from a number column."""
    return pl.format("{}{}{}", pl.lit(code), pl.lit(kind), number.cast(pl.String).str.zfill(width))


def json_flags(**flags: pl.Expr) -> pl.Expr:
    """A JSON object of Y/N flags, as the SSD's ``*_json`` outcome fields hold them."""
    parts: list[pl.Expr] = []
    for index, (key, value) in enumerate(flags.items()):
        parts += [pl.lit(("{" if index == 0 else ", ") + f'"{key}": "'), value, pl.lit('"')]
    return pl.concat_str([*parts, pl.lit("}")])


def yes_no(condition: pl.Expr) -> pl.Expr:
    """``Y`` where ``condition`` holds, else ``N``."""
    return pl.when(condition).then(pl.lit("Y")).otherwise(pl.lit("N"))


def dates(*names: str) -> list[pl.Expr]:
    """Day-number columns as dates."""
    return [pl.col(name).cast(pl.Int32).cast(pl.Date) for name in names]


def complete(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    return TABLES[name].complete(frame)


def assemble(parts: Parts) -> dict[str, pl.DataFrame]:
    """Every table the simulation fills, by SSD name."""
    referrals = _referrals(parts)
    frames: dict[str, pl.DataFrame] = {}
    frames |= _front_door(parts, referrals)
    frames |= _tables_care.care_tables(parts, referrals)
    frames |= _tables_care.workforce_tables(parts, frames)
    children = _people_in_extract(frames)
    frames = {"ssd_person": _person(parts, children), **frames}
    frames["ssd_disability"] = _disability(parts, children)
    frames["ssd_immigration_status"] = _immigration(parts, children)
    return frames


def _referrals(parts: Parts) -> pl.DataFrame:
    """Every referral overlapping the window, with its close day settled (care included)."""
    window, rng = parts.window, parts.streams("referral-extras")
    episodes = parts.journeys.episodes
    extra = parts.extra_referrals.with_columns(
        (pl.col("day") - pl.when(pl.col("route") == "uasc").then(1).otherwise(20)).alias(
            "referral_day"
        ),
        pl.when(pl.col("route") == "uasc").then(pl.lit("N8")).otherwise(pl.lit("N1")).alias("need"),
        pl.when(pl.col("route") == "uasc")
        .then(pl.lit("5C"))
        .otherwise(pl.lit("6"))
        .alias("source"),
        pl.lit(True).alias("assessed"),
        pl.lit(False).alias("s47"),
        pl.lit(False).alias("cp"),
        pl.lit(False).alias("cin_plan"),
        pl.col("route").alias("care_route"),
        pl.col("day").alias("care_day"),
        pl.col("day").alias("assessment_start"),
        (pl.col("day") + 20).alias("assessment_end"),
        (parts.journeys.episodes.height + pl.int_range(pl.len(), dtype=pl.Int64)).alias("referral"),
    )
    extra = extra.with_columns(
        pl.Series("referral_day", working_day_on_or_before(extra["referral_day"].to_numpy()))
    )
    every = pl.concat([episodes, extra], how="diagonal_relaxed")
    periods = parts.care.periods.select(
        "referral", pl.col("end").alias("care_end"), "exit", "reason_ceased"
    )
    every = every.join(periods, on="referral", how="left", maintain_order="left")
    lag = pl.Series(rng.integers(0, 30, every.height))
    close = (
        pl.when(pl.col("care_route").is_null())
        .then(pl.col("close_day"))
        .when(pl.col("care_end").is_not_null())
        .then(pl.col("care_end") + lag)
        .otherwise(None)
    )
    every = every.with_columns(close.alias("close_day"))
    every = every.with_columns(
        pl.when(pl.col("close_day") > window.end)
        .then(None)
        .otherwise(pl.col("close_day"))
        .alias("close_day")
    )
    lost_to_history = (
        pl.col("care_route").is_not_null()
        & pl.col("care_end").is_null()
        & (pl.col("care_day") < window.start)
    )
    return every.filter(
        ~lost_to_history
        & (pl.col("referral_day") <= window.end)
        & (pl.col("close_day").is_null() | (pl.col("close_day") >= window.start))
    )


def _close_reason(referrals: pl.DataFrame, rng: np.random.Generator) -> pl.Series:
    after_assessment = choose(rng, ("RC8", "RC9"), (70, 30), referrals.height)
    exit_reason = {"adoption": "RC1", "guardianship": "RC4", "adulthood": "RC6", "home": "RC7"}
    care = referrals["exit"].replace_strict(exit_reason, default="RC7").to_numpy()
    plan = (referrals["cp"] | referrals["cin_plan"]).to_numpy()
    reason = np.where(
        referrals["care_route"].is_not_null().to_numpy(),
        care,
        np.where(plan, "RC7", after_assessment),
    )
    return pl.Series("cine_close_reason", reason).set(referrals["close_day"].is_null(), None)


def _front_door(parts: Parts, referrals: pl.DataFrame) -> dict[str, pl.DataFrame]:
    code, window, rng = parts.code, parts.window, parts.streams("front-door")
    first_involvement = (
        parts.involvements.filter(pl.col("referral").is_not_null())
        .sort("start", maintain_order=True)
        .group_by("referral", maintain_order=True)
        .agg(pl.col("team_id").first(), pl.col("professional").first())
    )
    r = referrals.join(
        first_involvement, on="referral", how="left", maintain_order="left"
    ).with_columns(
        ids(code, "C", pl.col("child")).alias("person_id"),
        ids(code, "R", pl.col("referral"), 8).alias("referral_id"),
        ids(code, "W", pl.col("professional"), 5).alias("worker_id"),
    )
    plan = pl.col("cp") | pl.col("cin_plan")
    outcome = json_flags(
        SINGLE_ASSESSMENT_FLAG=yes_no(pl.col("assessed")),
        NFA_FLAG=yes_no(~pl.col("assessed")),
        STRATEGY_DISCUSSION_FLAG=yes_no(pl.col("s47")),
        CLA_REQUEST_FLAG=yes_no(pl.col("care_route").is_not_null()),
    )
    cin_episodes = r.select(
        pl.col("referral_id").alias("cine_referral_id"),
        pl.col("person_id").alias("cine_person_id"),
        *[e.alias("cine_referral_date") for e in dates("referral_day")],
        pl.col("need").alias("cine_cin_primary_need_code"),
        pl.col("source").alias("cine_referral_source_code"),
        outcome.alias("cine_referral_outcome_json"),
        pl.when(pl.col("assessed"))
        .then(pl.lit("N"))
        .otherwise(pl.lit("Y"))
        .alias("cine_referral_nfa"),
        _close_reason(r, rng),
        *[e.alias("cine_close_date") for e in dates("close_day")],
        pl.col("team_id").alias("cine_referral_team"),
        pl.col("worker_id").alias("cine_referral_worker_id"),
    )
    contacts = _contacts(code, r, rng)
    assessed = r.filter(pl.col("assessed") & (pl.col("assessment_start") <= window.end))
    nfa = ~plan & ~pl.col("s47") & pl.col("care_route").is_null()
    assessments = assessed.select(
        ids(code, "A", pl.col("referral"), 8).alias("cina_assessment_id"),
        pl.col("person_id").alias("cina_person_id"),
        pl.col("referral_id").alias("cina_referral_id"),
        *[e.alias("cina_assessment_start_date") for e in dates("assessment_start")],
        pl.lit("Y").alias("cina_assessment_child_seen"),
        pl.when(pl.col("assessment_end") <= window.end)
        .then(pl.col("assessment_end"))
        .otherwise(None)
        .cast(pl.Int32)
        .cast(pl.Date)
        .alias("cina_assessment_auth_date"),
        json_flags(NFA_FLAG=yes_no(nfa)).alias("cina_assessment_outcome_json"),
        pl.when(pl.col("assessment_end") > window.end)
        .then(None)
        .when(nfa)
        .then(pl.lit("Y"))
        .otherwise(pl.lit("N"))
        .alias("cina_assessment_outcome_nfa"),
        pl.col("team_id").alias("cina_assessment_team"),
        pl.col("worker_id").alias("cina_assessment_worker_id"),
    ).with_columns(
        pl.when(pl.col("cina_assessment_auth_date").is_null())
        .then(None)
        .otherwise(pl.col("cina_assessment_outcome_json"))
        .alias("cina_assessment_outcome_json")
    )
    factors = _factors(rng, assessments)
    return {
        "ssd_contacts": complete("ssd_contacts", contacts),
        "ssd_early_help_episodes": complete(
            "ssd_early_help_episodes", _early_help(code, r, rng, window)
        ),
        "ssd_cin_episodes": complete("ssd_cin_episodes", cin_episodes),
        "ssd_cin_assessments": complete("ssd_cin_assessments", assessments),
        "ssd_assessment_factors": complete("ssd_assessment_factors", factors),
        **_protection(parts, r),
    }


def _contacts(code: str, r: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """A contact before each referral, and about as many more that did not become referrals."""
    lead = r.select(
        "person_id",
        "source",
        (pl.col("referral_day") - pl.Series(rng.integers(0, 3, r.height))).alias("day"),
        pl.lit("Y").alias("referred"),
    )
    others = r.sample(fraction=0.9, with_replacement=True, seed=int(rng.integers(2**31))).select(
        "person_id",
        "source",
        (pl.col("referral_day") - pl.Series(rng.integers(30, 400, int(r.height * 0.9)))).alias(
            "day"
        ),
        pl.lit("N").alias("referred"),
    )
    contacts = pl.concat([lead, others]).sort("day", "person_id", maintain_order=True)
    return contacts.select(
        ids(code, "K", pl.int_range(pl.len()), 8).alias("cont_contact_id"),
        pl.col("person_id").alias("cont_person_id"),
        *[e.alias("cont_contact_date") for e in dates("day")],
        pl.col("source").alias("cont_contact_source_code"),
        json_flags(
            NEW_REFERRAL_FLAG=pl.col("referred"), NFA_FLAG=yes_no(pl.col("referred") == "N")
        ).alias("cont_contact_outcome_json"),
    )


def _factors(rng: np.random.Generator, assessments: pl.DataFrame) -> pl.DataFrame:
    done = assessments.filter(pl.col("cina_assessment_auth_date").is_not_null())
    picks = [choose(rng, FACTORS, FACTOR_WEIGHTS, done.height) for _ in range(3)]
    count = rng.integers(1, 4, done.height)
    chosen = [sorted({str(picks[j][i]) for j in range(count[i])}) for i in range(done.height)]
    return done.select(
        pl.col("cina_assessment_id").str.replace("A", "F", literal=True).alias("cinf_table_id"),
        pl.col("cina_assessment_id").alias("cinf_assessment_id"),
        pl.Series("cinf_assessment_factors_json", [json.dumps(c) for c in chosen], dtype=pl.String),
    )


def _early_help(
    code: str, r: pl.DataFrame, rng: np.random.Generator, window: Window
) -> pl.DataFrame:
    """Early help after closures stepping down (RC9-like) and before some first referrals."""
    stepped = r.filter(
        pl.col("close_day").is_not_null() & ~pl.col("cp") & pl.col("assessed")
    ).sample(fraction=0.3, seed=int(rng.integers(2**31)))
    start = stepped["close_day"].to_numpy() + rng.integers(0, 15, stepped.height)
    end = start + rng.integers(90, 280, stepped.height)
    frame = stepped.select("person_id").with_columns(
        pl.Series("start", start), pl.Series("end", end)
    )
    frame = frame.filter(pl.col("start") <= window.end).with_columns(
        pl.when(pl.col("end") > window.end).then(None).otherwise(pl.col("end")).alias("end")
    )
    return frame.select(
        ids(code, "H", pl.int_range(pl.len())).alias("earl_episode_id"),
        pl.col("person_id").alias("earl_person_id"),
        *[e.alias("earl_episode_start_date") for e in dates("start")],
        *[e.alias("earl_episode_end_date") for e in dates("end")],
        pl.lit("Family support").alias("earl_episode_reason"),
        pl.lit("Early help service").alias("earl_episode_organisation"),
    )


def _protection(parts: Parts, r: pl.DataFrame) -> dict[str, pl.DataFrame]:
    code, window, rng = parts.code, parts.window, parts.streams("protection")
    s47 = r.filter(pl.col("s47") & (pl.col("s47_start") <= window.end))
    s47 = s47.with_columns(
        pl.when(pl.col("icpc"))
        .then(pl.min_horizontal("s47_end", "icpc_day"))
        .otherwise(pl.col("s47_end"))
        .alias("s47_end")
    )
    enquiries = s47.select(
        ids(code, "Q", pl.col("referral"), 8).alias("s47e_s47_enquiry_id"),
        pl.col("referral_id").alias("s47e_referral_id"),
        pl.col("person_id").alias("s47e_person_id"),
        *[e.alias("s47e_s47_start_date") for e in dates("s47_start")],
        pl.when(pl.col("s47_end") <= window.end)
        .then(pl.col("s47_end"))
        .otherwise(None)
        .cast(pl.Int32)
        .cast(pl.Date)
        .alias("s47e_s47_end_date"),
        pl.when(pl.col("icpc")).then(pl.lit("N")).otherwise(pl.lit("Y")).alias("s47e_s47_nfa"),
        json_flags(CP_CONFERENCE_FLAG=yes_no(pl.col("icpc"))).alias("s47e_s47_outcome_json"),
        pl.col("worker_id").alias("s47e_s47_completed_by_worker_id"),
        pl.col("team_id").alias("s47e_s47_completed_by_team"),
    )
    held = s47.filter(pl.col("icpc") & (pl.col("icpc_day") <= window.end))
    target = add_working_days(held["s47_start"].to_numpy(), np.full(held.height, 15))
    plan_id = pl.when(pl.col("cp")).then(ids(code, "P", pl.col("referral"), 8)).otherwise(None)
    conferences = held.with_columns(pl.Series("target", target)).select(
        ids(code, "I", pl.col("referral"), 8).alias("icpc_icpc_id"),
        ids(code, "M", pl.col("referral"), 8).alias("icpc_icpc_meeting_id"),
        ids(code, "Q", pl.col("referral"), 8).alias("icpc_s47_enquiry_id"),
        pl.col("person_id").alias("icpc_person_id"),
        plan_id.alias("icpc_cp_plan_id"),
        pl.col("referral_id").alias("icpc_referral_id"),
        pl.lit("N").alias("icpc_icpc_transfer_in"),
        *[e.alias("icpc_icpc_target_date") for e in dates("target")],
        *[e.alias("icpc_icpc_date") for e in dates("icpc_day")],
        pl.when(pl.col("cp"))
        .then(pl.lit("Y"))
        .otherwise(pl.lit("N"))
        .alias("icpc_icpc_outcome_cp_flag"),
        json_flags(CP_FLAG=yes_no(pl.col("cp"))).alias("icpc_icpc_outcome_json"),
        pl.col("team_id").alias("icpc_icpc_team"),
        pl.col("worker_id").alias("icpc_icpc_worker_id"),
    )
    plans = held.filter(pl.col("cp")).with_columns(
        pl.when(pl.col("cp_end") > window.end)
        .then(None)
        .otherwise(pl.col("cp_end"))
        .alias("plan_end")
    )
    latest = np.where(
        rng.random(plans.height) < 0.9,
        plans["category"].to_numpy(),
        choose(rng, ("NEG", "EMO"), (60, 40), plans.height),
    )
    cp_plans = plans.select(
        ids(code, "P", pl.col("referral"), 8).alias("cppl_cp_plan_id"),
        pl.col("referral_id").alias("cppl_referral_id"),
        ids(code, "I", pl.col("referral"), 8).alias("cppl_icpc_id"),
        pl.col("person_id").alias("cppl_person_id"),
        *[e.alias("cppl_cp_plan_start_date") for e in dates("icpc_day")],
        *[e.alias("cppl_cp_plan_end_date") for e in dates("plan_end")],
        pl.col("category").alias("cppl_cp_plan_initial_category"),
        pl.Series("cppl_cp_plan_latest_category", latest.astype(str)),
        pl.lit("N").alias("cppl_cp_plan_ola"),
    )
    cin_plans = _cin_plans(parts, r)
    return {
        "ssd_cin_plans": complete("ssd_cin_plans", cin_plans),
        "ssd_cin_visits": complete(
            "ssd_cin_visits",
            _plan_visits(parts, cin_plans, "cinp", "cinv", Cadence(first=10, then=28)),
        ),
        "ssd_s47_enquiry": complete("ssd_s47_enquiry", enquiries),
        "ssd_initial_cp_conference": complete("ssd_initial_cp_conference", conferences),
        "ssd_cp_plans": complete("ssd_cp_plans", cp_plans),
        "ssd_cp_visits": complete(
            "ssd_cp_visits",
            _plan_visits(parts, cp_plans, "cppl", "cppv", Cadence(first=7, then=14)),
        ),
        "ssd_cp_reviews": complete("ssd_cp_reviews", _cp_reviews(parts, cp_plans)),
    }


def _cin_plans(parts: Parts, r: pl.DataFrame) -> pl.DataFrame:
    code, window = parts.code, parts.window
    plans = parts.journeys.cin_plans.join(
        r.select("referral", "referral_id", "person_id", "team_id", "worker_id"),
        on="referral",
        maintain_order="left",
    )
    plans = plans.filter((pl.col("start") <= window.end) & (pl.col("end") >= window.start))
    return plans.select(
        ids(code, "N", pl.col("referral"), 8).alias("cinp_cin_plan_id"),
        pl.col("referral_id").alias("cinp_referral_id"),
        pl.col("person_id").alias("cinp_person_id"),
        *[e.alias("cinp_cin_plan_start_date") for e in dates("start")],
        pl.when(pl.col("end") > window.end)
        .then(None)
        .otherwise(pl.col("end"))
        .cast(pl.Int32)
        .cast(pl.Date)
        .alias("cinp_cin_plan_end_date"),
    )


def _plan_visits(
    parts: Parts, plans: pl.DataFrame, plan: str, visit: str, cadence: Cadence
) -> pl.DataFrame:
    """Visits during plans (CIN plans every 4 weeks, CP plans every 10 working days)."""
    window, rng = parts.window, parts.streams(f"{visit}-visits")
    start = (
        plans[f"{plan}_{'cp' if plan == 'cppl' else 'cin'}_plan_start_date"]
        .cast(pl.Int32)
        .cast(pl.Int64)
        .to_numpy()
    )
    end_date = (
        plans[f"{plan}_{'cp' if plan == 'cppl' else 'cin'}_plan_end_date"]
        .cast(pl.Int32)
        .cast(pl.Int64)
    )
    end = end_date.fill_null(window.end).to_numpy()
    events = recurring(
        rng,
        np.arange(plans.height),
        start,
        end,
        cadence,
        parts.practice.value("visits_on_time", start),
    )
    events = events.filter(pl.col("day").is_between(window.start, window.end))
    person = plans[f"{plan}_person_id"].gather(events["spell"])
    seen = rng.random(events.height) < 0.93
    alone = seen & (rng.random(events.height) < 0.55)
    frame = pl.DataFrame(
        {
            f"{visit}_{'cp' if visit == 'cppv' else 'cin'}_visit_id": (
                parts.code
                + visit[:2].upper()
                + pl.Series(np.arange(events.height)).cast(pl.String).str.zfill(8)
            ),
            f"{visit}_person_id": person,
            f"{visit}_{'cp' if visit == 'cppv' else 'cin'}_visit_date": date_series(
                "d", events["day"].to_numpy()
            ),
            f"{visit}_{'cp' if visit == 'cppv' else 'cin'}_visit_seen": np.where(seen, "Y", "N"),
            f"{visit}_{'cp' if visit == 'cppv' else 'cin'}_visit_seen_alone": np.where(
                alone, "Y", "N"
            ),
        }
    )
    if visit == "cppv":
        frame = frame.with_columns(
            plans["cppl_cp_plan_id"].gather(events["spell"]).alias("cppv_cp_plan_id")
        )
    return frame


def _cp_reviews(parts: Parts, cp_plans: pl.DataFrame) -> pl.DataFrame:
    window, rng = parts.window, parts.streams("cp-reviews")
    start = cp_plans["cppl_cp_plan_start_date"].cast(pl.Int32).cast(pl.Int64).to_numpy()
    end = (
        cp_plans["cppl_cp_plan_end_date"]
        .cast(pl.Int32)
        .cast(pl.Int64)
        .fill_null(window.end)
        .to_numpy()
    )
    events = recurring(
        rng,
        np.arange(cp_plans.height),
        start,
        end,
        Cadence(first=91, then=182),
        parts.practice.value("reviews_on_time", start),
    )
    events = (
        events.sort("spell", "day", maintain_order=True)
        .with_columns(
            pl.Series(
                "plan_start",
                start[events.sort("spell", "day", maintain_order=True)["spell"].to_numpy()],
            ),
            pl.col("day").shift(1).over("spell").alias("previous"),
        )
        .with_columns((pl.col("previous") + 182).fill_null(pl.col("plan_start") + 91).alias("due"))
    )
    events = events.filter(pl.col("day").is_between(window.start, window.end))
    return pl.DataFrame(
        {
            "cppr_cp_review_id": parts.code
            + "CR"
            + pl.Series(np.arange(events.height)).cast(pl.String).str.zfill(8),
            "cppr_person_id": cp_plans["cppl_person_id"].gather(events["spell"]),
            "cppr_cp_plan_id": cp_plans["cppl_cp_plan_id"].gather(events["spell"]),
            "cppr_cp_review_due": date_series("d", events["due"].to_numpy()),
            "cppr_cp_review_date": date_series("d", events["day"].to_numpy()),
            "cppr_cp_review_outcome_continue_cp": np.where(
                rng.random(events.height) < 0.8, "Y", "N"
            ),
            "cppr_cp_review_quorate": np.where(rng.random(events.height) < 0.95, "Y", "N"),
        }
    )


def _people_in_extract(frames: dict[str, pl.DataFrame]) -> pl.Series:
    """Every child some table of the extract refers to."""
    person_columns = [
        (name, column.name)
        for name, frame in frames.items()
        for column in TABLES[name].columns
        if column.name.endswith("_person_id") and name != "ssd_person"
    ]
    return (
        pl.concat([frames[name][column] for name, column in person_columns])
        .drop_nulls()
        .unique(maintain_order=True)
        .alias("person_id")
    )


def _person(parts: Parts, children: pl.Series) -> pl.DataFrame:
    code, window = parts.code, parts.window
    everyone = people(parts.streams, parts.children, window.end).with_columns(
        ids(code, "C", pl.col("child")).alias("person_id")
    )
    chosen = everyone.join(
        children.to_frame(), on="person_id", how="semi", maintain_order="left"
    ).sort("person_id", maintain_order=True)
    born = pl.col("dob") <= window.end
    return complete(
        "ssd_person",
        chosen.select(
            pl.col("person_id").alias("pers_person_id"),
            pl.col("forename").alias("pers_forename"),
            pl.col("surname").alias("pers_surname"),
            pl.col("sex").alias("pers_sex"),
            pl.col("sex").replace_strict({"M": "01", "F": "02", "U": "00"}).alias("pers_gender"),
            pl.col("ethnicity").alias("pers_ethnicity"),
            pl.when(born)
            .then(pl.col("dob"))
            .otherwise(None)
            .cast(pl.Int32)
            .cast(pl.Date)
            .alias("pers_dob"),
            pl.when(born)
            .then(None)
            .otherwise(pl.col("dob"))
            .cast(pl.Int32)
            .cast(pl.Date)
            .alias("pers_expected_dob"),
            pl.lit("N").alias("pers_is_mother"),
            pl.when(pl.col("is_uasc"))
            .then(pl.lit("Unknown"))
            .otherwise(None)
            .alias("pers_nationality"),
        ),
    )


def _disability(parts: Parts, children: pl.Series) -> pl.DataFrame:
    chosen = disabilities(parts.streams, parts.children).with_columns(
        ids(parts.code, "C", pl.col("child")).alias("person_id")
    )
    chosen = chosen.join(children.to_frame(), on="person_id", how="semi", maintain_order="left")
    return complete(
        "ssd_disability",
        chosen.select(
            pl.col("person_id").alias("disa_person_id"),
            ids(parts.code, "D", pl.int_range(pl.len())).alias("disa_table_id"),
            pl.col("code").alias("disa_disability_code"),
        ),
    )


def _immigration(parts: Parts, children: pl.Series) -> pl.DataFrame:
    uasc = parts.children.filter(pl.col("is_uasc")).with_columns(
        ids(parts.code, "C", pl.col("child")).alias("person_id")
    )
    uasc = uasc.join(children.to_frame(), on="person_id", how="semi", maintain_order="left").join(
        parts.care.periods.group_by("child", maintain_order=True).agg(pl.col("start").min()),
        on="child",
    )
    adult = pl.col("dob") + round(18 * 365.25)
    return complete(
        "ssd_immigration_status",
        uasc.select(
            pl.col("person_id").alias("immi_person_id"),
            ids(parts.code, "U", pl.int_range(pl.len())).alias("immi_immigration_status_id"),
            pl.lit("UASC").alias("immi_immigration_status"),
            pl.col("start")
            .cast(pl.Int32)
            .cast(pl.Date)
            .alias("immi_immigration_status_start_date"),
            pl.when(adult > parts.window.end)
            .then(None)
            .otherwise(adult)
            .cast(pl.Int32)
            .cast(pl.Date)
            .alias("immi_immigration_status_end_date"),
        ),
    )


__all__ = ["ALLOCATED_WORKER_ROLE", "Parts", "assemble", "complete", "dates", "ids"]
