"""Care leavers in touch, in suitable accommodation and in EET, by the age they turned in the period."""

from datetime import date

import pytest

AS_OF = date(2025, 3, 31)


@pytest.fixture
def leavers(frame):
    people = [f"C{i}" for i in range(1, 7)]
    return {
        "ssd_person": frame(
            "ssd_person",
            pers_person_id=people,
            pers_dob=[
                date(2007, 4, 1),  # turned 17 on 1 April 2024, the period's first day
                date(2007, 3, 31),  # turned 18 on 31 March 2025, its last
                date(2004, 6, 1),  # turned 20
                date(2004, 6, 1),  # turned 20, but has died
                date(2003, 2, 28),  # turned 22: outside the bands
                date(2005, 1, 31),  # turned 20
            ],
        ),
        "ssd_care_leavers": frame(
            "ssd_care_leavers",
            clea_table_id=[f"L{i}" for i in range(1, 7)],
            clea_person_id=people,
            clea_care_leaver_eligibility=["Former Relevant"] * 5
            + ["Eligible"],  # C6 is still in care
            clea_care_leaver_in_touch=["YES", "YES", "NO", "DIED", "YES", "YES"],
            clea_care_leaver_accom_suitable=["1", "2", "1", "1", "1", "1"],
            clea_care_leaver_activity=["F1", "G5", "P4", "F1", "F1", "F1"],
        ),
    }


def test_the_age_turned_in_the_period_sets_the_band(leavers, indicator):
    values = {
        code: (row["numerator"], row["denominator"])
        for code in (
            "care_leavers_in_touch_aged_17",
            "care_leavers_in_touch_aged_18",
            "care_leavers_in_touch_aged_19_to_21",
            "care_leavers_in_suitable_accommodation_aged_17",
            "care_leavers_in_suitable_accommodation_aged_18",
            "care_leavers_in_suitable_accommodation_aged_19_to_21",
            "care_leavers_in_education_employment_or_training_aged_17",
            "care_leavers_in_education_employment_or_training_aged_18",
            "care_leavers_in_education_employment_or_training_aged_19_to_21",
        )
        for row in [indicator(leavers, code, as_of=AS_OF)]
    }
    assert values == {
        "care_leavers_in_touch_aged_17": (1.0, 1.0),  # C1
        "care_leavers_in_touch_aged_18": (1.0, 1.0),  # C2
        "care_leavers_in_touch_aged_19_to_21": (0.0, 1.0),  # C3 not in touch; C4 died; C6 in care
        "care_leavers_in_suitable_accommodation_aged_17": (1.0, 1.0),
        "care_leavers_in_suitable_accommodation_aged_18": (0.0, 1.0),
        "care_leavers_in_suitable_accommodation_aged_19_to_21": (1.0, 1.0),
        "care_leavers_in_education_employment_or_training_aged_17": (1.0, 1.0),
        "care_leavers_in_education_employment_or_training_aged_18": (0.0, 1.0),  # G5: NEET
        "care_leavers_in_education_employment_or_training_aged_19_to_21": (
            1.0,
            1.0,
        ),  # P4: part-time work
    }


def test_the_england_figures_are_for_19_to_21(leavers, indicator):
    row = indicator(
        leavers, "care_leavers_in_education_employment_or_training_aged_19_to_21", as_of=AS_OF
    )
    assert (row["england_value"], row["england_year"]) == (62.0, "2022")
    assert indicator(leavers, "care_leavers_in_touch_aged_18", as_of=AS_OF)["england_value"] is None


def test_only_birthdays_in_the_period_count(leavers, indicator):
    row = indicator(leavers, "care_leavers_in_touch_aged_18", as_of=AS_OF, period="quarter")
    assert (row["numerator"], row["denominator"]) == (1.0, 1.0)  # C2's birthday, 31 March
    row = indicator(leavers, "care_leavers_in_touch_aged_17", as_of=AS_OF, period="quarter")
    assert (row["numerator"], row["denominator"]) == (0.0, 0.0)  # C1's was in April
