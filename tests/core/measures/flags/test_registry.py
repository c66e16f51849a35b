"""The flag registry polices itself, and the engine's results do not depend on row order."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from oversight.core.measures import FLAG_SCHEMA, FLAGS, compute_flags
from oversight.core.measures.flags import ROW_ORDER, FlagStatus, summarise_flags
from oversight.core.ssd import TABLES

HERE = Path(__file__).parent


def test_flag_codes_are_unique_and_every_flag_has_a_name_and_a_source():
    codes = [flag.code for flag in FLAGS]
    assert len(codes) == len(set(codes)) == 25
    assert all(flag.name.strip() and flag.source.strip() for flag in FLAGS)


def test_every_flag_reads_only_declared_tables():
    assert {table for flag in FLAGS for table in flag.reads} <= set(TABLES)


def test_every_flag_is_named_by_a_test():
    tests = "".join(
        path.read_text("utf-8")
        for path in HERE.glob("test_*.py")
        if path.name != "test_registry.py"
    )
    assert [flag.code for flag in FLAGS if f'"{flag.code}"' not in tests] == []


def test_no_data_gives_an_empty_frame_of_the_flags_schema():
    flags = compute_flags({}, as_of=date(2025, 3, 31))
    assert flags.is_empty() and flags.schema == FLAG_SCHEMA


def test_the_summary_counts_every_flag_and_status_with_zeros():
    summary = summarise_flags(pl.DataFrame(schema=FLAG_SCHEMA))
    assert summary.height == 25 * len(FlagStatus) and summary["count"].sum() == 0


def _council(frame):
    """A small council touching every flag."""
    d = date
    return {
        "ssd_person": frame("ssd_person", pers_person_id=["C1", "C2", "C3", "C4"], pers_dob=[d(2015, 1, 1), d(2020, 6, 1), d(2006, 3, 1), d(2012, 1, 1)]),
        "ssd_cin_episodes": frame("ssd_cin_episodes", cine_referral_id=["R1", "R2", "R3"], cine_person_id=["C1", "C2", "C4"], cine_referral_date=[d(2024, 1, 10), d(2024, 6, 3), d(2024, 11, 1)]),
        "ssd_cin_assessments": frame("ssd_cin_assessments", cina_assessment_id=["A1", "A2"], cina_person_id=["C1", "C4"], cina_referral_id=["R1", "R3"], cina_assessment_start_date=[d(2024, 1, 10), d(2024, 11, 1)], cina_assessment_auth_date=[d(2024, 2, 20), None]),
        "ssd_cin_plans": frame("ssd_cin_plans", cinp_cin_plan_id=["N1"], cinp_person_id=["C4"], cinp_cin_plan_start_date=[d(2024, 12, 2)]),
        "ssd_s47_enquiry": frame("ssd_s47_enquiry", s47e_s47_enquiry_id=["S1", "S2"], s47e_person_id=["C1", "C4"], s47e_s47_start_date=[d(2024, 2, 1), d(2025, 3, 3)]),
        "ssd_initial_cp_conference": frame("ssd_initial_cp_conference", icpc_icpc_id=["I1"], icpc_person_id=["C1"], icpc_s47_enquiry_id=["S1"], icpc_icpc_date=[d(2024, 2, 20)]),
        "ssd_cp_plans": frame("ssd_cp_plans", cppl_cp_plan_id=["P0", "P1"], cppl_person_id=["C1", "C1"], cppl_cp_plan_start_date=[d(2019, 1, 1), d(2024, 2, 20)], cppl_cp_plan_end_date=[d(2020, 1, 1), None]),
        "ssd_cp_reviews": frame("ssd_cp_reviews", cppr_cp_review_id=["V1"], cppr_cp_plan_id=["P1"], cppr_cp_review_date=[d(2024, 5, 10)]),
        "ssd_cp_visits": frame("ssd_cp_visits", cppv_cp_visit_id=["CV1"], cppv_cp_plan_id=["P1"], cppv_person_id=["C1"], cppv_cp_visit_date=[d(2025, 3, 10)]),
        "ssd_cla_episodes": frame("ssd_cla_episodes", clae_cla_episode_id=["E1", "E2"], clae_person_id=["C2", "C2"], clae_cla_id=["L1", "L1"], clae_cla_episode_start_date=[d(2024, 6, 10), d(2024, 9, 1)], clae_cla_episode_ceased_date=[d(2024, 9, 1), None]),
        "ssd_cla_placement": frame("ssd_cla_placement", clap_cla_placement_id=["PL1", "PL2"], clap_cla_id=["L1", "L1"], clap_cla_placement_start_date=[d(2024, 6, 10), d(2024, 9, 1)], clap_cla_placement_end_date=[d(2024, 9, 1), None], clap_cla_placement_type=["U6", "U4"], clap_cla_placement_distance=[3.0, 25.0]),
        "ssd_cla_reviews": frame("ssd_cla_reviews", clar_cla_review_id=["CR1"], clar_cla_id=["L1"], clar_cla_review_date=[d(2024, 7, 1)]),
        "ssd_cla_visits": frame("ssd_cla_visits", clav_cla_visit_id=["CLV1"], clav_cla_id=["L1"], clav_cla_visit_date=[d(2025, 3, 1)]),
        "ssd_cla_health": frame("ssd_cla_health", clah_health_check_id=["H1"], clah_person_id=["C2"], clah_health_check_type=["IHA"], clah_health_check_date=[d(2024, 7, 1)]),
        "ssd_care_leavers": frame("ssd_care_leavers", clea_table_id=["CL1"], clea_person_id=["C3"], clea_care_leaver_eligibility=["Former Relevant"], clea_care_leaver_latest_contact=[d(2025, 2, 1)], clea_pathway_plan_review_date=[d(2024, 8, 1)]),
        "ssd_involvements": frame("ssd_involvements", invo_involvements_id=["IV1"], invo_person_id=["C1"], invo_professional_id=["W1"], invo_professional_team=["T1"], invo_professional_role_id=["ALLOCATED_WORKER"], invo_involvement_start_date=[d(2024, 1, 10)]),
        "ssd_missing": frame("ssd_missing", miss_table_id=["M1"], miss_person_id=["C2"], miss_missing_episode_type=["M"], miss_missing_episode_start_date=[d(2025, 1, 5)], miss_missing_episode_end_date=[d(2025, 1, 6)], miss_missing_rhi_offered=["N"]),
    }  # fmt: skip


def _sorted(flags):
    return flags.sort("measure", "person_id", "episode_id", nulls_last=True)


def test_a_small_council_touches_every_flag(frame):
    flags = compute_flags(_council(frame), as_of=date(2025, 3, 31))
    assert set(flags["measure"]) == {flag.code for flag in FLAGS}


def test_flags_do_not_depend_on_row_order_or_on_an_unrelated_child(frame):
    council = _council(frame)
    expected = _sorted(compute_flags(council, as_of=date(2025, 3, 31)))
    for seed in range(5):
        shuffled = {
            name: table.sample(fraction=1.0, shuffle=True, seed=seed)
            for name, table in council.items()
        }
        assert_frame_equal(_sorted(compute_flags(shuffled, as_of=date(2025, 3, 31))), expected)
    council["ssd_cin_episodes"] = pl.concat(
        [
            council["ssd_cin_episodes"],
            frame(
                "ssd_cin_episodes",
                cine_referral_id=["R9"],
                cine_person_id=["C9"],
                cine_referral_date=[date(2025, 1, 1)],
            ),
        ]
    )
    with_another = _sorted(compute_flags(council, as_of=date(2025, 3, 31)))
    assert_frame_equal(with_another.filter(pl.col("person_id") != "C9"), expected)


def test_the_flags_come_in_one_order_whatever_the_order_of_the_input(frame):
    """Registry order, then child, episode and due date within each flag: the same frame for
    the same data, however its tables' rows are ordered."""
    council = _council(frame)
    expected = compute_flags(council, as_of=date(2025, 3, 31))
    in_order = [flag.code for flag in FLAGS]
    assert expected["measure"].unique(maintain_order=True).to_list() == in_order
    for _, rows in expected.group_by("measure"):
        assert_frame_equal(rows, rows.sort(ROW_ORDER, nulls_last=True))
    for seed in range(5):
        shuffled = {
            name: table.sample(fraction=1.0, shuffle=True, seed=seed)
            for name, table in council.items()
        }
        assert_frame_equal(compute_flags(shuffled, as_of=date(2025, 3, 31)), expected)


@pytest.mark.parametrize("flag", FLAGS, ids=lambda flag: flag.code)
def test_each_flag_runs_on_empty_tables(flag):
    frames = {name: table.empty() for name, table in TABLES.items()}
    flags = compute_flags(frames, as_of=date(2025, 3, 31))
    assert flags.filter(pl.col("measure") == flag.code).is_empty()
