"""A small, clean SSD dataset built by hand: every reference resolves, every dtype is used."""

from datetime import date

import polars as pl
import pytest

from oversight.core.ssd import TABLES


def frame(table: str, **columns: list[object]) -> pl.DataFrame:
    """A typed frame of ``table`` from the columns given; the others are null."""
    return TABLES[table].complete(pl.DataFrame(columns, strict=False))


@pytest.fixture
def clean_frames() -> dict[str, pl.DataFrame]:
    """Two children, one in care, with a team, a worker and an allocation."""
    return {
        "ssd_person": frame(
            "ssd_person",
            pers_person_id=["C1", "C2"],
            pers_forename=['Test-Child, "Alpha"', "Zoë\nline two"],
            pers_sex=["F", "M"],
            pers_dob=[date(2012, 2, 29), date(2020, 12, 31)],
        ),
        "ssd_department": frame(
            "ssd_department",
            dept_team_id=["T1", "T0"],
            dept_team_name=["North", "Children's services"],
            dept_team_parent_id=["T0", None],
        ),
        "ssd_professionals": frame(
            "ssd_professionals",
            prof_professional_id=["W1"],
            prof_professional_caseload=[17],
            prof_full_time_equivalency=[0.8],
            prof_agency_worker_flag=["N"],
        ),
        "ssd_involvements": frame(
            "ssd_involvements",
            invo_involvements_id=["I1"],
            invo_professional_id=["W1"],
            invo_professional_team=["T1"],
            invo_person_id=["C1"],
            invo_involvement_start_date=[date(2024, 1, 2)],
        ),
        "ssd_cin_episodes": frame(
            "ssd_cin_episodes",
            cine_referral_id=["R1", "R2"],
            cine_person_id=["C1", "C2"],
            cine_referral_date=[date(2023, 5, 1), date(2024, 6, 30)],
            cine_referral_outcome_json=['{"outcome": ["CLA"]}', None],
        ),
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E1"],
            clae_person_id=["C1"],
            clae_cla_id=["CLA1"],
            clae_cla_placement_id=["P1"],
            clae_cla_episode_start_date=[date(2023, 6, 1)],
        ),
        "ssd_cla_placement": frame(
            "ssd_cla_placement",
            clap_cla_placement_id=["P1"],
            clap_cla_id=["CLA1"],
            clap_person_id=["C1"],
            clap_cla_placement_type=["U1"],
            clap_cla_placement_distance=[12.5],
        ),
        "ssd_permanence": frame(
            "ssd_permanence",
            perm_table_id=["PM1"],
            perm_person_id=["C1"],
            perm_siblings_placed_together=[2],
        ),
    }
