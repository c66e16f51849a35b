"""The cohorts every measure shares: periods of care, placements, open cases and allocations."""

from datetime import date

import polars as pl

from oversight.core.measures import MeasureInputs


def test_episodes_chain_into_periods_of_care_and_a_gap_starts_a_new_one(frame):
    episodes = frame(
        "ssd_cla_episodes",
        clae_cla_episode_id=["E1", "E2", "E3", "E4"],
        clae_person_id=["C1", "C1", "C1", "C2"],
        clae_cla_id=["L1", "L1", "L2", None],
        clae_cla_episode_start_date=[
            date(2020, 1, 6),
            date(2020, 5, 1),
            date(2022, 2, 1),
            date(2024, 1, 1),
        ],
        clae_cla_episode_ceased_date=[date(2020, 5, 1), date(2021, 1, 1), None, date(2024, 3, 31)],
    )
    inputs = MeasureInputs({"ssd_cla_episodes": episodes}, as_of=date(2024, 3, 31))
    periods = inputs.periods_of_care.collect().sort("person_id", "period_start").rows()
    assert periods == [
        ("C1", "L1", date(2020, 1, 6), date(2021, 1, 1)),  # E1 and E2 chain: E2 starts as E1 ceases
        ("C1", "L2", date(2022, 2, 1), None),  # a gap: a new period
        ("C2", "E4", date(2024, 1, 1), date(2024, 3, 31)),  # no CLA id: the first episode's id
    ]
    # C2 ceased on 31 March, so is not looked after on 31 March
    assert inputs.looked_after.collect()["person_id"].to_list() == ["C1"]


def test_placements_find_their_child_through_the_cla_id_and_the_current_one_is_the_latest(frame):
    episodes = frame(
        "ssd_cla_episodes",
        clae_cla_episode_id=["E1"],
        clae_person_id=["C1"],
        clae_cla_id=["L1"],
        clae_cla_episode_start_date=[date(2024, 1, 1)],
    )
    placements = frame(
        "ssd_cla_placement",
        clap_cla_placement_id=["P1", "P2", "P3"],
        clap_cla_id=["L1", "L1", "L1"],
        clap_person_id=[None, "C1", None],
        clap_cla_placement_start_date=[date(2024, 1, 1), date(2024, 2, 1), date(2024, 7, 1)],
        clap_cla_placement_end_date=[date(2024, 2, 1), None, None],
    )
    inputs = MeasureInputs(
        {"ssd_cla_episodes": episodes, "ssd_cla_placement": placements}, as_of=date(2024, 6, 30)
    )
    assert inputs.placements.collect()["person_id"].to_list() == ["C1", "C1", "C1"]
    # P3 has not started on 30 June; P1 ended on 1 February
    assert inputs.current_placements.collect()["placement_id"].to_list() == ["P2"]


def test_open_cases_combine_referrals_plans_and_care_with_the_earliest_start(frame):
    referrals = frame(
        "ssd_cin_episodes",
        cine_referral_id=["R1", "R2", "R3"],
        cine_person_id=["C1", "C2", "C3"],
        cine_referral_date=[date(2024, 1, 10), date(2024, 2, 1), date(2023, 1, 1)],
        cine_close_date=[None, None, date(2023, 6, 1)],  # C3's case closed
    )
    plans = frame(
        "ssd_cp_plans",
        cppl_cp_plan_id=["P1"],
        cppl_person_id=["C1"],
        cppl_cp_plan_start_date=[date(2024, 3, 1)],
    )
    inputs = MeasureInputs(
        {"ssd_cin_episodes": referrals, "ssd_cp_plans": plans}, as_of=date(2024, 6, 30)
    )
    assert inputs.open_children.collect().select("person_id", "since", "cp_plan_since").rows() == [
        ("C1", date(2024, 1, 10), date(2024, 3, 1)),
        ("C2", date(2024, 2, 1), None),
    ]


def test_the_allocated_worker_is_the_latest_allocation_open_on_the_date(frame):
    involvements = frame(
        "ssd_involvements",
        invo_involvements_id=["I1", "I2", "I3", "I4"],
        invo_person_id=["C1", "C1", "C2", "C3"],
        invo_professional_id=["W1", "W2", "W3", "W4"],
        invo_professional_team=["T1", "T2", "T1", "T1"],
        invo_professional_role_id=[
            "ALLOCATED_WORKER",
            "ALLOCATED_WORKER",
            "ALLOCATED_WORKER",
            "PERSONAL_ADVISER",
        ],
        invo_involvement_start_date=[
            date(2024, 1, 1),
            date(2024, 3, 1),
            date(2024, 1, 1),
            date(2024, 1, 1),
        ],
        invo_involvement_end_date=[None, None, date(2024, 6, 30), None],
    )
    inputs = MeasureInputs({"ssd_involvements": involvements}, as_of=date(2024, 6, 30))
    # C2's allocation ended on the day; C3's involvement is not an allocated worker's
    assert inputs.allocations.collect().rows() == [("C1", "T2", "W2")]


def test_an_absent_table_is_an_empty_cohort():
    inputs = MeasureInputs({}, as_of=date(2024, 6, 30))
    assert inputs.looked_after.collect().is_empty() and inputs.open_children.collect().is_empty()
    assert inputs.open_children.collect().schema["since"] == pl.Date
