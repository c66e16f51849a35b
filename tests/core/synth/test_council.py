"""A simulated council is a consistent SSD extract: every check passes, journeys are in order."""

import json
from datetime import date

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oversight.core.ssd import TABLES, ProblemKind, check_ssd, write_ssd
from oversight.core.ssd.codes import CODES
from oversight.core.synth import (
    CouncilSpec,
    Practice,
    ProfileName,
    SynthRequest,
    simulate_council,
    synthesise,
)

END = date(2026, 3, 31)


def small_council(seed: int, profile: ProfileName = ProfileName.TYPICAL) -> dict[str, pl.DataFrame]:
    improve_from = date(2024, 4, 1) if profile == ProfileName.IMPROVING else None
    spec = CouncilSpec(0, 250, END, 6, Practice(profile, improve_from), seed)
    return simulate_council(spec).frames


def test_the_default_council_passes_every_check_of_the_ssd_reader(typical_council, tmp_path):
    write_ssd(typical_council, tmp_path, file_format="parquet")
    report = check_ssd(tmp_path)
    assert report.problems == []
    assert set(report.frames) == set(typical_council)


def test_every_coded_field_holds_only_codes_from_its_list(typical_council):
    for (table, column), codes in CODES.items():
        frame = typical_council.get(table)
        if frame is None:
            continue
        unknown = frame.filter(pl.col(column).is_not_null() & ~pl.col(column).is_in(codes))
        assert unknown.is_empty(), (table, column, unknown[column].unique().to_list())


PLANNED_DATES = ("pers_expected_dob", "icpc_icpc_target_date", "cppr_cp_review_due")
"""Dates of things expected, which may lie after the extract date."""


def test_nothing_that_happened_lies_after_the_extract_date(typical_council):
    for name, frame in typical_council.items():
        for column in TABLES[name].columns:
            if column.dtype == pl.Date and column.name not in PLANNED_DATES:
                latest = frame[column.name].max()
                assert latest is None or latest <= END, (name, column.name, latest)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10_000), profile=st.sampled_from(list(ProfileName)))
def test_journeys_are_in_order_for_any_seed(seed, profile):
    frames = small_council(seed, profile)
    cin = frames["ssd_cin_episodes"]
    assert cin.filter(pl.col("cine_close_date") < pl.col("cine_referral_date")).is_empty()
    referral_dates = cin.select("cine_referral_id", "cine_referral_date")
    for table, referral, day in (
        ("ssd_cin_assessments", "cina_referral_id", "cina_assessment_start_date"),
        ("ssd_cin_plans", "cinp_referral_id", "cinp_cin_plan_start_date"),
        ("ssd_s47_enquiry", "s47e_referral_id", "s47e_s47_start_date"),
        ("ssd_cp_plans", "cppl_referral_id", "cppl_cp_plan_start_date"),
    ):
        joined = frames[table].join(referral_dates, left_on=referral, right_on="cine_referral_id")
        assert joined.height == frames[table].height, f"{table} has a referral not in the extract"
        assert joined.filter(pl.col(day) < pl.col("cine_referral_date")).is_empty(), table
    for table, start, end in (
        ("ssd_cp_plans", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),
        ("ssd_cin_plans", "cinp_cin_plan_start_date", "cinp_cin_plan_end_date"),
        ("ssd_cla_placement", "clap_cla_placement_start_date", "clap_cla_placement_end_date"),
        ("ssd_cla_episodes", "clae_cla_episode_start_date", "clae_cla_episode_ceased_date"),
        ("ssd_legal_status", "lega_legal_status_start_date", "lega_legal_status_end_date"),
        ("ssd_involvements", "invo_involvement_start_date", "invo_involvement_end_date"),
        ("ovs_employment", "ovem_start_date", "ovem_end_date"),
    ):
        assert frames[table].filter(pl.col(end) < pl.col(start)).is_empty(), table
    visits = frames["ssd_cp_visits"].join(
        frames["ssd_cp_plans"], left_on="cppv_cp_plan_id", right_on="cppl_cp_plan_id"
    )
    outside = visits.filter(
        (pl.col("cppv_cp_visit_date") < pl.col("cppl_cp_plan_start_date"))
        | (pl.col("cppv_cp_visit_date") > pl.col("cppl_cp_plan_end_date").fill_null(END))
    )
    assert outside.is_empty()
    episodes = (
        frames["ssd_cla_episodes"]
        .group_by("clae_cla_id")
        .agg(
            pl.col("clae_entered_care_date").min().alias("entered"),
            pl.col("clae_cla_episode_ceased_date").max().alias("left"),
            pl.col("clae_cla_episode_ceased_date").null_count().alias("open"),
        )
    )
    cla_visits = frames["ssd_cla_visits"].join(
        episodes, left_on="clav_cla_id", right_on="clae_cla_id"
    )
    assert cla_visits.filter(pl.col("clav_cla_visit_date") < pl.col("entered")).is_empty()
    assert cla_visits.filter(
        (pl.col("open") == 0) & (pl.col("clav_cla_visit_date") > pl.col("left"))
    ).is_empty()


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_ids_are_unique_and_references_resolve_for_any_seed(seed, tmp_path_factory):
    folder = tmp_path_factory.mktemp("council")
    write_ssd(small_council(seed), folder, file_format="parquet")
    assert check_ssd(folder).problems == []


def test_the_same_arguments_and_seed_give_byte_identical_files(tmp_path):
    request = {"children_in_need": 200, "end": END, "seed": 7}
    first = synthesise(SynthRequest(out=tmp_path / "a", **request))
    second = synthesise(SynthRequest(out=tmp_path / "b", **request))
    files = sorted(p.name for p in first[0].folder.iterdir())
    assert files == sorted(p.name for p in second[0].folder.iterdir())
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    other = synthesise(SynthRequest(out=tmp_path / "c", **{**request, "seed": 8}))
    assert (other[0].folder / "ssd_person.csv").read_bytes() != (
        tmp_path / "a" / "ssd_person.csv"
    ).read_bytes()


def test_several_councils_get_their_own_folders_names_and_codes(tmp_path):
    summaries = synthesise(
        SynthRequest(out=tmp_path, councils=3, children_in_need=150, end=END, file_format="parquet")
    )
    assert [s.folder.name for s in summaries] == ["S901", "S902", "S903"]
    described = [json.loads((s.folder / "council.json").read_text()) for s in summaries]
    assert len({d["name"] for d in described}) == 3
    for description in described:
        assert description["synthetic"] is True
        assert "(synthetic)" in description["name"]
        assert description["extract_date"] == "2026-03-31"
        assert description["population_0_17"]["2026"] > 1000
    persons = [
        pl.read_parquet(s.folder / "ssd_person.parquet")["pers_person_id"] for s in summaries
    ]
    assert all(p.str.starts_with(s.code).all() for p, s in zip(persons, summaries, strict=True))


def test_injected_errors_are_recorded_and_found_by_the_reader(tmp_path):
    (summary,) = synthesise(
        SynthRequest(out=tmp_path, children_in_need=200, end=END, inject_errors=0.05)
    )
    injected = pl.read_csv(tmp_path / "injected.csv")
    assert set(injected.columns) == {"table", "record_id", "mistake", "field"}
    assert set(injected["mistake"]) == {
        "missing_date",
        "end_before_start",
        "wrong_code",
        "duplicate_record",
    }
    duplicates = injected.filter(pl.col("mistake") == "duplicate_record")
    report = check_ssd(tmp_path, max_problems=100_000)
    found = {p.value for p in report.problems if p.kind == ProblemKind.DUPLICATE_KEY}
    assert set(duplicates["record_id"]) <= found
    assert summary.rows["ssd_cin_episodes"] > 0


@pytest.mark.parametrize("profile", list(ProfileName))
def test_every_profile_makes_a_consistent_small_council(profile, tmp_path):
    write_ssd(small_council(3, profile), tmp_path)
    assert check_ssd(tmp_path).problems == []
