"""Re-referrals, assessments within 45 working days and their durations, ICPCs within 15."""

from datetime import date

import pytest

AS_OF = date(2025, 3, 31)


def test_re_referrals_within_12_months_count_exactly_12_months_as_within(frame, indicator):
    frames = {
        "ssd_cin_episodes": frame(
            "ssd_cin_episodes",
            cine_referral_id=["R1", "R2", "R3", "R4", "R5", "R6", "R7"],
            cine_person_id=["C1", "C1", "C2", "C3", "C3", "C4", "C4"],
            cine_referral_date=[
                date(2023, 6, 1),
                date(2024, 5, 31),  # re-referral: within 12 months of R1
                date(2024, 7, 1),  # a first referral
                date(2023, 5, 31),
                date(2024, 6, 1),  # 12 months and a day after R4: not a re-referral
                date(2023, 6, 30),
                date(2024, 6, 30),  # exactly 12 months after R6: a re-referral
            ],
        )
    }
    row = indicator(frames, "re_referrals_within_12_months", as_of=AS_OF)
    assert (row["numerator"], row["denominator"], row["value"]) == (2.0, 4.0, 50.0)
    assert (row["england_value"], row["england_year"], row["polarity"]) == (
        22.4,
        "2024",
        "lower_is_better",
    )


@pytest.fixture
def assessments(frame):
    """Started Friday 1 March 2024; authorised the same day, on the 45th and on the 46th working day."""
    return {
        "ssd_cin_assessments": frame(
            "ssd_cin_assessments",
            cina_assessment_id=["A1", "A2", "A3", "A4", "A5"],
            cina_person_id=["C1", "C2", "C3", "C4", "C5"],
            cina_assessment_start_date=[date(2024, 3, 1)] * 4 + [date(2023, 11, 1)],
            cina_assessment_auth_date=[
                date(2024, 3, 1),  # same day: 0 working days
                date(2024, 5, 8),  # the 45th working day: in time
                date(2024, 5, 9),  # the 46th: late
                date(2024, 2, 1),  # authorised before it started: left out
                date(2023, 12, 20),  # authorised before the period
            ],
        )
    }


def test_assessments_within_45_working_days(assessments, indicator):
    row = indicator(
        assessments, "assessments_within_45_working_days", as_of=date(2024, 12, 31), period="year"
    )
    assert (row["numerator"], row["denominator"]) == (2.0, 3.0)
    assert row["value"] == pytest.approx(66.667, abs=0.001)
    median = indicator(assessments, "assessment_duration_median", as_of=date(2024, 12, 31))
    assert (median["denominator"], median["value"], median["unit"]) == (3.0, 45.0, "working_days")


def test_assessment_durations_fall_in_the_dfe_bands(assessments, indicator):
    shares = {
        code: indicator(assessments, code, as_of=date(2024, 12, 31))["numerator"]
        for code in (
            "assessment_duration_same_day",
            "assessment_duration_1_to_10",
            "assessment_duration_11_to_20",
            "assessment_duration_21_to_30",
            "assessment_duration_31_to_40",
            "assessment_duration_41_to_45",
            "assessment_duration_46_to_50",
            "assessment_duration_51_to_60",
            "assessment_duration_61_or_more",
        )
    }
    assert shares == {
        "assessment_duration_same_day": 1.0,
        "assessment_duration_1_to_10": 0.0,
        "assessment_duration_11_to_20": 0.0,
        "assessment_duration_21_to_30": 0.0,
        "assessment_duration_31_to_40": 0.0,
        "assessment_duration_41_to_45": 1.0,
        "assessment_duration_46_to_50": 1.0,
        "assessment_duration_51_to_60": 0.0,
        "assessment_duration_61_or_more": 0.0,
    }
    row = indicator(assessments, "assessment_duration_same_day", as_of=date(2024, 12, 31))
    assert row["england_value"] == 1.8  # 11,680 of 648,830 in 2025


def test_icpcs_within_15_working_days_of_the_enquiry(frame, indicator):
    frames = {
        "ssd_s47_enquiry": frame(
            "ssd_s47_enquiry",
            s47e_s47_enquiry_id=["S1", "S2", "S3", "S4"],
            s47e_person_id=["C1", "C2", "C3", "C4"],
            s47e_s47_start_date=[
                date(2024, 2, 1),
                date(2024, 2, 1),
                date(2024, 2, 1),
                date(2024, 3, 1),
            ],
        ),
        "ssd_initial_cp_conference": frame(
            "ssd_initial_cp_conference",
            icpc_icpc_id=["I1", "I2", "I3", "I4", "I5"],
            icpc_person_id=["C1", "C2", "C3", "C4", "C5"],
            icpc_s47_enquiry_id=["S1", "S2", "S3", "S4", None],
            icpc_icpc_transfer_in=[None, "N", "Y", None, None],
            icpc_icpc_date=[
                date(2024, 2, 22),  # 15 working days: in time
                date(2024, 2, 23),  # 16: late
                date(2024, 2, 5),  # a transfer in: left out
                date(2024, 2, 28),  # before its enquiry began: left out
                date(2024, 2, 28),  # no enquiry recorded: left out
            ],
        ),
    }
    row = indicator(frames, "icpcs_within_15_working_days", as_of=date(2024, 3, 31))
    assert (row["numerator"], row["denominator"], row["value"]) == (1.0, 2.0, 50.0)
    del frames["ssd_s47_enquiry"]
    row = indicator(frames, "icpcs_within_15_working_days", as_of=date(2024, 3, 31))
    assert (row["status"], row["value"], row["note"]) == (
        "missing_data",
        None,
        "absent: ssd_s47_enquiry",
    )
