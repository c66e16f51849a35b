"""Exporting SSD frames as a year's return: the year's rows, codes and columns, or a report."""

from datetime import date

import polars as pl
import pytest

from oversight.core.returns._errors import ReturnExportError
from oversight.core.returns.ssda903 import export_ssda903
from oversight.core.ssd import TABLES

D = date


def ssd(table: str, **columns: list[object]) -> pl.DataFrame:
    return TABLES[table].complete(pl.DataFrame(columns, strict=False))


@pytest.fixture
def frames() -> dict[str, pl.DataFrame]:
    """A council's SSD: one child in care since 2023, with a placement the episodes do not name."""
    return {
        "ssd_person": ssd("ssd_person", pers_person_id=["P1", "P2", "P3"], pers_sex=["F", "M", "U"],
                          pers_dob=[D(2012, 5, 6), D(2010, 1, 1), D(2015, 1, 1)],
                          pers_ethnicity=["WBRI", "AIND", "NOBT"], pers_is_mother=["N", None, None]),
        "ssd_linked_identifiers": ssd("ssd_linked_identifiers", link_table_id=["L1", "L2", "L3"],
                                      link_person_id=["P1", "P1", "P1"],
                                      link_identifier_type=["Unique Pupil Number", "NHS Number", "UPN"],
                                      link_identifier_value=["OLDUPN", "999", "NEWUPN"],
                                      link_valid_from_date=[D(2015, 1, 1), None, D(2020, 1, 1)]),
        "ssd_cla_episodes": ssd("ssd_cla_episodes", clae_cla_episode_id=["E0", "E1", "E2"],
                                clae_person_id=["P1", "P1", "P1"],
                                clae_cla_episode_start_date=[D(2023, 1, 1), D(2023, 9, 1), D(2024, 8, 1)],
                                clae_cla_episode_start_reason=["S", "P", "L"],
                                clae_cla_episode_ceased_date=[D(2023, 9, 1), D(2024, 8, 1), None],
                                clae_cla_episode_ceased_reason=["X1", "X1", None],
                                clae_cla_id=["CLA1"] * 3, clae_cla_placement_id=["PL0", None, None]),
        "ssd_cla_placement": ssd("ssd_cla_placement", clap_cla_placement_id=["PL0", "PL1"],
                                 clap_person_id=["P1", "P1"],
                                 clap_cla_placement_start_date=[D(2023, 1, 1), D(2023, 9, 1)],
                                 clap_cla_placement_end_date=[D(2023, 9, 1), None],
                                 clap_cla_placement_type=["U1", "R1"],
                                 clap_cla_placement_change_reason=["CARPL", "OTHER"]),
        "ssd_legal_status": ssd("ssd_legal_status", lega_legal_status_id=["S1", "S2"],
                                lega_person_id=["P1", "P1"], lega_legal_status=["V2", "C2"],
                                lega_legal_status_start_date=[D(2023, 1, 1), D(2024, 8, 1)]),
        "ssd_address": ssd("ssd_address", addr_table_id=["A1", "A2"], addr_address_json=["{}", "{}"],
                           addr_person_id=["P1", "P1"], addr_address_type=["Home", "Placement"],
                           addr_address_start_date=[D(2020, 1, 1), D(2023, 9, 1)],
                           addr_address_postcode=["HOME 1", "CARER 2"]),
        "ssd_involvements": ssd("ssd_involvements", invo_involvements_id=["I1", "I2"],
                                invo_person_id=["P1", "P1"], invo_professional_id=["W1", "W2"],
                                invo_professional_role_id=["ALLOCATED_WORKER", "IRO"],
                                invo_involvement_start_date=[D(2024, 5, 1), D(2024, 5, 1)]),
        "ssd_professionals": ssd("ssd_professionals", prof_professional_id=["W1"],
                                 prof_social_worker_registration_no=["SW98765"]),
    }  # fmt: skip


def test_a_year_gets_the_rows_that_fall_in_it_with_placements_statuses_and_homes(frames):
    ret = export_ssda903(frames, year=2025).ret
    assert list(ret.tables) == ["header", "episodes", "social_worker"]
    episodes = ret.tables["episodes"]
    assert episodes.select("DECOM", "RNE", "LS", "PLACE", "REASON_PLACE_CHANGE", "HOME_POST").rows() == [
        (D(2023, 9, 1), "P", "V2", "R1", None, "HOME 1"),  # open on 1 April 2024, placement found by date
        (D(2024, 8, 1), "L", "C2", "R1", "OTHER", "HOME 1"),  # the placement's last episode
    ]  # fmt: skip
    assert ret.tables["header"].row(0) == ("P1", "F", D(2012, 5, 6), "WBRI", "NEWUPN", "0", None)
    assert ret.tables["social_worker"].select("CHILD", "DOB", "SW_ID").rows() == [
        ("P1", D(2012, 5, 6), "SW98765"),  # the registration number; the IRO is not a social worker
    ]


def test_the_previous_year_takes_its_own_rows_and_codes(frames):
    ret = export_ssda903(frames, year=2024).ret
    assert ret.tables["episodes"]["DECOM"].to_list() == [D(2023, 1, 1), D(2023, 9, 1)]
    assert ret.tables["episodes"]["REASON_PLACE_CHANGE"].to_list() == ["CARPL", None]
    assert ret.tables["header"].select("CHILD", "SEX").row(0) == ("P1", "2")  # F before 2024–25
    assert "social_worker" in ret.tables
    assert "social_worker" not in export_ssda903(frames, year=2023).ret.tables


def test_a_code_with_no_equivalent_in_the_year_is_refused_row_by_row(frames):
    frames["ssd_cla_episodes"] = frames["ssd_cla_episodes"].with_columns(
        pl.lit("P2").alias("clae_person_id")
    )
    frames["ssd_cla_placement"] = frames["ssd_cla_placement"].with_columns(
        pl.lit("P2").alias("clap_person_id"), pl.lit("Z11").alias("clap_cla_placement_type")
    )
    frames["ssd_immigration_status"] = ssd(
        "ssd_immigration_status", immi_person_id=["P3"], immi_immigration_status_id=["U1"],
        immi_immigration_status=["UASC"],
    )  # fmt: skip
    with pytest.raises(ReturnExportError) as raised:
        export_ssda903(frames, year=2024)
    found = [(p.file, p.row, p.child, p.field, p.value) for p in raised.value.problems]
    assert found == [
        ("Header", 1, "P3", "SEX", "U"),
        ("Episodes", 0, "P2", "PLACE", "Z11"),
        ("Episodes", 1, "P2", "PLACE", "Z11"),
        ("UASC", 0, "P3", "SEX", "U"),
    ]
    assert raised.value.problems[0].expected == "one of the 2023–24 codes 1, 2"
    assert str(raised.value.problems[1]) == (
        "Episodes, row 1, child P2, PLACE: found 'Z11'; expected one of the 2023–24 codes A3, A4, "
        "A5, A6, H5, K1, K2, P1, P2, P3, R1, R2, R3, R5, S1, T0, T1, T2, T3, T4, U1, U2, U3, U4, "
        "U5, U6, Z1"
    )


def test_a_child_without_a_person_row_and_values_that_cannot_be_typed_are_reported(frames):
    frames["ssd_missing"] = ssd("ssd_missing", miss_table_id=["M1"], miss_person_id=["P9"],
                                miss_missing_episode_start_date=[D(2024, 6, 1)],
                                miss_missing_episode_type=["Missing"])  # fmt: skip
    frames["ssd_sdq_scores"] = ssd("ssd_sdq_scores", csdq_table_id=["Q1"], csdq_person_id=["P1"],
                                   csdq_sdq_score=["high"])  # fmt: skip
    with pytest.raises(ReturnExportError) as raised:
        export_ssda903(frames, year=2025)
    found = [(p.kind.value, p.file, p.child, p.field, p.value) for p in raised.value.problems]
    assert found == [
        ("unknown_child", "Header", "P9", "CHILD", "P9"),
        ("bad_value", "OC2", "P1", "SDQ_SCORE", "high"),
        ("unknown_code", "Missing", "P9", "MISSING", "Missing"),
    ]


def test_what_the_return_cannot_carry_is_noted(frames):
    frames["ssd_cla_reviews"] = ssd(
        "ssd_cla_reviews",
        clar_cla_review_id=["R1"],
        clar_cla_id=["NOPE"],
        clar_cla_review_date=[D(2024, 6, 1)],
    )
    notes = export_ssda903(frames, year=2027).notes
    assert notes == (
        "Reviews: 1 reviews left out: their clar_cla_id matches no period of care in "
        "ssd_cla_episodes, so their child is unknown",
        "DoLo: not written: the SSD has no table for deprivation of liberty orders",
    )
    notes = export_ssda903(frames, year=2023).notes
    assert "social_worker: 1 rows left out: the 2022–23 return has no such table" in notes


def test_oc2_flags_are_written_for_every_child_with_an_outcome_row(frames):
    frames["ssd_cla_health"] = ssd(
        "ssd_cla_health",
        clah_health_check_id=["H1", "H2"],
        clah_person_id=["P1", "P1"],
        clah_health_check_type=["DENTAL", "RHA"],
        clah_health_check_status=["Completed", "Refused"],
    )
    frames["ssd_cla_immunisations"] = ssd(
        "ssd_cla_immunisations", clai_person_id=["P1"], clai_immunisations_status=["Y"]
    )
    oc2 = export_ssda903(frames, year=2025).ret.tables["oc2"]
    assert oc2.select("CHILD", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
                      "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED").row(0) == (
        "P1", "0", None, "1", "1", "0", "0", None,
    )  # fmt: skip
