"""Caseload, agency rate, vacancy rate and turnover from employment spells and establishment."""

from datetime import date

import pytest

AS_OF = date(2024, 9, 30)


@pytest.fixture
def workforce(frame):
    return {
        "ovs_employment": frame(
            "ovs_employment",
            ovem_employment_id=["S1", "S2", "S3", "S4a", "S4b", "S5", "S6"],
            ovem_professional_id=["W1", "W2", "W3", "W4", "W4", "W5", "W6"],
            ovem_team_id=["T1", "T1", "T1", "T2", "T2", "T2", "T1"],
            ovem_role=["SW", "SW", "SW", "SW", "TM", "SW", "PA"],  # W6 is a personal adviser
            ovem_start_date=[date(2020, 1, 1)] * 4
            + [date(2024, 7, 1), date(2020, 1, 1), date(2020, 1, 1)],
            ovem_end_date=[None, None, None, date(2024, 6, 30), None, date(2024, 3, 31), None],
            ovem_leaving_reason=[None, None, None, "MOVED", None, "LEFT", None],
            ovem_fte=[1.0, 0.5, 1.0, 1.0, 1.0, 0.8, 1.0],
            ovem_is_agency=["N", "N", "Y", "N", "N", "N", "N"],  # W3 is an agency worker
        ),
        "ovs_establishment": frame(
            "ovs_establishment",
            ovse_establishment_id=["E1", "E2"],
            ovse_team_id=["T1", "T2"],
            ovse_start_date=[date(2020, 1, 1)] * 2,
            ovse_posts_fte=[3.0, 0.5],
        ),
        "ssd_involvements": frame(
            "ssd_involvements",
            invo_involvements_id=["I1", "I2", "I3", "I4"],
            invo_person_id=["C1", "C2", "C3", "C4"],
            invo_professional_id=["W1", "W1", "W2", "W7"],  # W7 has no employment recorded
            invo_professional_role_id=["ALLOCATED_WORKER"] * 4,
            invo_involvement_start_date=[date(2024, 1, 1)] * 4,
        ),
    }


def test_caseload_is_cases_over_the_fte_of_their_holders(workforce, indicator):
    row = indicator(workforce, "caseload_per_worker", as_of=AS_OF)
    assert (row["numerator"], row["denominator"], row["value"]) == (3.0, 1.5, 2.0)
    assert row["note"] == "1 cases left out: their worker has no employment in post"
    assert (row["england_value"], row["unit"]) == (16.0, "ratio")


def test_agency_rate_is_agency_fte_over_all_social_worker_fte(workforce, indicator):
    row = indicator(workforce, "agency_worker_rate", as_of=AS_OF)
    assert (row["numerator"], row["denominator"]) == (1.0, 3.5)  # W1, W2, W3 and W4 (now a manager)
    assert row["value"] == pytest.approx(28.571, abs=0.001)


def test_vacancies_are_funded_posts_not_filled_by_employed_staff_team_by_team(workforce, indicator):
    row = indicator(workforce, "vacancy_rate", as_of=AS_OF)
    # T1: 3 posts, 1.5 employed (W3 is agency): 1.5 vacant; T2: 0.5 posts, 1.0 employed: none
    assert (row["numerator"], row["denominator"], row["value"]) == (1.5, 4.0, 37.5)


def test_turnover_counts_leavers_not_moves_within_the_council(workforce, indicator):
    row = indicator(workforce, "turnover_rate", as_of=AS_OF)
    # W5 left on 31 March 2024; W4 became a team manager the next day
    assert (row["numerator"], row["denominator"]) == (0.8, 2.5)
    assert row["value"] == pytest.approx(32.0)


def test_without_employment_spells_the_workforce_indicators_are_missing_data(workforce, indicator):
    del workforce["ovs_employment"]
    for code in ("caseload_per_worker", "agency_worker_rate", "vacancy_rate", "turnover_rate"):
        row = indicator(workforce, code, as_of=AS_OF)
        assert (row["status"], row["value"]) == ("missing_data", None), code
