"""Annex A lists 4, 5, 6, 8 and 10: windows at their edges, codes, blank columns, loading."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from oversight.core.returns.annex_a import AnnexA, annex_a_spec, export_annex_a, load_annex_a
from oversight.core.returns.annex_a._codes import (
    CLOSE_REASON,
    LEGAL_STATUS,
    PLACEMENT_PROVIDER,
    PLACEMENT_TYPE,
    PRIMARY_NEED,
    REASON_CEASED,
    REVERSED_REASON,
    YES_NO_SUPPORT,
    detailed_code,
)
from oversight.core.returns.annex_a._workbook import dtype

AS_OF = date(2024, 3, 1)
EVE = date(2023, 9, 1)
"""The eve of the six-month window: rows ended on it are out, rows open the day after are in."""
FIRST, LAST, AFTER = date(2023, 9, 2), AS_OF, date(2024, 3, 2)
YEAR_EVE = date(2023, 3, 1)


def _people(*ids: str) -> pl.DataFrame:
    return pl.DataFrame({"pers_person_id": list(ids), "pers_sex": ["F"] * len(ids),
                         "pers_ethnicity": ["WBRI"] * len(ids),
                         "pers_dob": [date(2015, 6, 1)] * len(ids)})  # fmt: skip


def _export(**tables: pl.DataFrame) -> dict[int, pl.DataFrame]:
    people = {"ssd_person": _people(*(f"C{n}" for n in range(1, 10)))}
    return export_annex_a(people | tables, as_of=AS_OF).annex.lists


def _ids(frame: pl.DataFrame) -> list[str]:
    return frame["Child Unique ID"].to_list()


# -------------------------------------------------------------------------------- windows


def test_list_4_holds_assessments_open_in_the_six_months():
    assessments = pl.DataFrame({
        "cina_assessment_id": [f"A{n}" for n in range(1, 6)],
        "cina_person_id": [f"C{n}" for n in range(1, 6)],
        "cina_assessment_start_date": [date(2023, 8, 1), date(2023, 8, 1), FIRST, LAST, AFTER],
        "cina_assessment_auth_date": [EVE, FIRST, None, None, None],
        "cina_assessment_child_seen": ["Y", "N", "Y", None, "Y"],
        "cina_assessment_outcome_nfa": ["Y", "N", None, None, None],
        "cina_assessment_team": ["T1"] * 5, "cina_assessment_worker_id": ["W1"] * 5,
    })  # fmt: skip
    rows = _export(ssd_cin_assessments=assessments)[4]
    assert _ids(rows) == ["C2", "C3", "C4"]
    assert rows.row(0, named=True) | {"Age of Child (Years)": 0} == {
        "Child Unique ID": "C2", "Gender": "b) Female", "Ethnicity": "WBRI",
        "Date of Birth": date(2015, 6, 1), "Age of Child (Years)": 0,
        "Does the Child have a Disability": None,
        "Continuous Assessment Start Date": date(2023, 8, 1),
        "Child Seen During Continuous Assessment": "No",
        "Continuous Assessment Date of Authorisation": FIRST,
        "Was the child assessed as requiring LA children's social care support?": "Yes",
        "Allocated Team": "T1", "Allocated Worker": "W1",
    }  # fmt: skip


def test_list_5_holds_enquiries_open_in_the_six_months_with_their_conference():
    enquiries = pl.DataFrame({
        "s47e_s47_enquiry_id": ["Q0", "Q1", "Q2", "Q3", "Q4", "Q5"],
        "s47e_person_id": ["C2", "C1", "C2", "C3", "C4", "C5"],
        "s47e_s47_start_date": [date(2023, 5, 1), date(2023, 8, 1), date(2023, 8, 1), FIRST, LAST,
                                AFTER],
        "s47e_s47_end_date": [date(2023, 5, 9), EVE, FIRST, None, None, None],
        "s47e_s47_nfa": ["N", "Y", "N", "Y", None, "N"],
    })  # fmt: skip
    conferences = pl.DataFrame({
        "icpc_icpc_id": ["I0", "I2"], "icpc_s47_enquiry_id": ["Q0", "Q2"],
        "icpc_person_id": ["C2", "C2"], "icpc_icpc_date": [date(2023, 5, 20), date(2023, 8, 20)],
        "icpc_icpc_outcome_cp_flag": ["N", "Y"],
    })  # fmt: skip
    rows = _export(ssd_s47_enquiry=enquiries, ssd_initial_cp_conference=conferences)[5]
    assert _ids(rows) == ["C2", "C3", "C4"]
    first = rows.row(0, named=True)
    assert first["Date of Initial Child Protection Conference"] == date(2023, 8, 20)
    assert first["Did the Initial Child Protection Conference Result in a Child Protection Plan"] \
        == "Yes"  # fmt: skip
    assert first["Was an Initial Child Protection Conference deemed unnecessary?"] == "No"
    # The earlier enquiry and its conference, not this enquiry's own conference.
    assert first["Number of Section 47 Enquiries in the last 12 months"] == 1
    assert first["Number of ICPCs in the last 12 months"] == 1
    assert rows["Number of ICPCs in the last 12 months"].to_list() == [1, 0, 0]
    assert rows["Date of Initial Child Protection Conference"].to_list()[1:] == [None, None]


def test_list_6_holds_cin_episodes_open_in_the_six_months_with_a_case_status():
    episodes = pl.DataFrame({
        "cine_referral_id": [f"R{n}" for n in range(1, 8)],
        "cine_person_id": [f"C{n}" for n in range(1, 8)],
        "cine_referral_date": [date(2023, 8, 1), date(2023, 8, 1), FIRST, LAST, AFTER,
                               date(2023, 12, 1), date(2023, 10, 1)],
        "cine_close_date": [EVE, FIRST, None, None, None, date(2023, 12, 1), None],
        "cine_close_reason": ["RC7", "RC9", None, None, None, "RC8", None],
        "cine_referral_nfa": ["N", "N", "N", None, "N", "Y", "N"],
        "cine_cin_primary_need_code": ["N1", "N2", "N0", None, "N4", "N9", "N5"],
    })  # fmt: skip
    cp_plans = pl.DataFrame({"cppl_cp_plan_id": ["P3"], "cppl_person_id": ["C3"],
                             "cppl_cp_plan_start_date": [date(2023, 10, 1)]})  # fmt: skip
    assessments = pl.DataFrame({"cina_assessment_id": ["A4"], "cina_person_id": ["C4"],
                                "cina_assessment_start_date": [LAST]})  # fmt: skip
    care = pl.DataFrame({"clae_cla_episode_id": ["E7"], "clae_person_id": ["C7"],
                         "clae_cla_episode_start_date": [date(2023, 11, 1)]})  # fmt: skip
    visits = pl.DataFrame({
        "cinv_cin_visit_id": ["V1", "V2", "V3", "V4"], "cinv_person_id": ["C3", "C3", "C3", "C2"],
        "cinv_cin_visit_date": [date(2023, 10, 1), date(2023, 11, 1), AFTER, date(2023, 9, 3)],
        "cinv_cin_visit_seen": ["Y", "N", "Y", "Y"],
    })  # fmt: skip
    rows = _export(ssd_cin_episodes=episodes, ssd_cp_plans=cp_plans, ssd_cin_visits=visits,
                   ssd_cin_assessments=assessments, ssd_cla_episodes=care)[6]  # fmt: skip
    assert _ids(rows) == ["C2", "C3", "C4", "C7"]  # C6: only the subject of a referral (NFA)
    assert rows["Case Status"].to_list() == [
        "e) Closed episode",
        "b) Child Protection plan",
        "d) Open assessment",
        "a) Looked after child",
    ]
    assert rows["Primary Need Code"].to_list() == [
        "N2 - Child’s disability",
        "N0 - Not stated",
        None,
        "N5 - Family dysfunction",
    ]
    assert rows["Reason for Closure"].to_list()[0] == CLOSE_REASON["RC9"]
    # The last visit at which the child was seen, within the episode and by the inspection.
    assert rows["Date Child Was Last Seen"].to_list() == [None, date(2023, 10, 1), None, None]


def _care_frames() -> dict[str, pl.DataFrame]:
    episodes = pl.DataFrame({
        "clae_cla_episode_id": [f"E{n}" for n in range(1, 7)],
        "clae_person_id": ["C1", "C2", "C3", "C4", "C5", "C6"],
        "clae_cla_episode_start_date": [date(2023, 1, 1), date(2023, 1, 1), date(2023, 1, 1),
                                        LAST, AFTER, date(2023, 6, 1)],
        "clae_cla_episode_ceased_date": [EVE, FIRST, date(2024, 6, 1), None, None, None],
        "clae_cla_episode_ceased_reason": ["E8", "E11", "X1", None, None, None],
        "clae_cla_primary_need_code": ["N1", "N1", "N2", "N8", "N1", "N4"],
        "clae_cla_id": [f"L{n}" for n in range(1, 7)],
        "clae_cla_placement_id": [f"P{n}" for n in range(1, 7)],
        "clae_entered_care_date": [date(2022, 1, 1), date(2022, 2, 1), date(2022, 3, 1), LAST,
                                   AFTER, date(2023, 6, 1)],
    })  # fmt: skip
    placements = pl.DataFrame({
        "clap_cla_placement_id": [f"P{n}" for n in range(1, 7)],
        "clap_cla_placement_start_date": [date(2023, 1, 1)] * 3 + [LAST, AFTER, date(2023, 6, 1)],
        "clap_cla_placement_type": ["U1", "A5", "K3", "U6", "U6", "K2"],
        "clap_cla_placement_provider": ["PR1", "PR4", "PR0", "PR2", "PR1", "PR5"],
    })  # fmt: skip
    legal = pl.DataFrame({
        "lega_legal_status_id": ["S1", "S2"], "lega_person_id": ["C2", "C2"],
        "lega_legal_status": ["C1", "E1"],
        "lega_legal_status_start_date": [date(2023, 1, 1), date(2023, 7, 1)],
    })  # fmt: skip
    missing = pl.DataFrame({
        "miss_table_id": ["M1", "M2", "M3", "M4"], "miss_person_id": ["C2"] * 4,
        "miss_missing_episode_start_date": [YEAR_EVE, date(2023, 3, 2), date(2023, 10, 1),
                                            date(2023, 11, 1)],
        "miss_missing_episode_type": ["M", "M", "A", "M"],
        "miss_missing_rhi_offered": ["N", "N", None, "Y"],
        "miss_missing_rhi_accepted": ["N", "N", None, "N"],
    })  # fmt: skip
    return {"ssd_cla_episodes": episodes, "ssd_cla_placement": placements,
            "ssd_legal_status": legal, "ssd_missing": missing}  # fmt: skip


def test_list_8_holds_children_looked_after_in_the_six_months():
    rows = _export(**_care_frames())[8]
    assert _ids(rows) == ["C2", "C3", "C4", "C6"]
    two = rows.row(0, named=True)
    assert two["Reason Ceased to be Looked After"] == REASON_CEASED["E11"]
    assert two["Child's Legal Status"] == "E1: Placement order"
    assert two["Start date of current legal status"] == date(2023, 7, 1)
    assert two["Placement Type"] == PLACEMENT_TYPE["A5"]
    assert two["Placement Provider"] == "e) PR4: Private provision"
    assert two["Number of Episodes the Child has been 'Missing' from their Placement in the last "
               "12 months"] == 2  # fmt: skip
    assert two["Number of Episodes the Child has been 'Absent' from their Placement in the last "
               "12 months"] == 1  # fmt: skip
    assert two["Was the child offered a Return Interview after their last missing episode (Y/N)?"] \
        == "Yes"  # fmt: skip
    three = rows.row(1, named=True)
    # X1: a new episode follows, so the child has not ceased to be looked after.
    assert three["Date Ceased to be Looked After"] is None
    assert three["Reason Ceased to be Looked After"] is None
    # K3 has no spelling in the template: blank, never guessed.
    assert three["Placement Type"] is None and three["Placement Provider"] is not None
    assert rows["What is the permanence plan for this child?"].is_null().all()
    assert rows["Child's Category of Need"].to_list() == [
        PRIMARY_NEED["N1"],
        PRIMARY_NEED["N2"],
        PRIMARY_NEED["N8"],
        PRIMARY_NEED["N4"],
    ]


def test_list_10_holds_adoption_decisions_open_in_the_twelve_months():
    permanence = pl.DataFrame({
        "perm_table_id": [f"D{n}" for n in range(1, 8)],
        "perm_person_id": [f"C{n}" for n in range(1, 8)],
        "perm_cla_id": ["L1", None, None, None, None, None, None],
        "perm_adm_decision_date": [date(2022, 1, 1)] * 4 + [LAST, AFTER, None],
        "perm_permanence_order_date": [YEAR_EVE, date(2023, 3, 2), None, None, None, None,
                                       date(2023, 6, 1)],
        "perm_decision_reversed_date": [None, None, YEAR_EVE, date(2023, 3, 2), None, None, None],
        "perm_decision_reversed_reason": [None, None, "RD1", "RD3", None, None, None],
    })  # fmt: skip
    episodes = pl.DataFrame({"clae_cla_episode_id": ["E1"], "clae_person_id": ["C2"],
                             "clae_cla_episode_start_date": [date(2021, 5, 1)],
                             "clae_cla_id": ["L2"]})  # fmt: skip
    rows = _export(ssd_permanence=permanence, ssd_cla_episodes=episodes)[10]
    assert _ids(rows) == ["C2", "C4", "C5"]
    assert rows["Date of Adoption Order"].to_list() == [date(2023, 3, 2), None, None]
    assert rows["Reason Why Child No Longer Placed for Adoption"].to_list() == [
        None,
        REVERSED_REASON["RD3"],
        None,
    ]
    assert rows["Family identifier"].is_null().all()
    assert rows["Date the Child Entered Care"].is_null().all()  # no decision names a period


def test_the_notes_name_the_blank_columns():
    notes = export_annex_a({"ssd_person": _people("C1")}, as_of=AS_OF).notes
    assert any("List 8" in n and "permanence plan" in n and "K3" in n for n in notes)
    assert any("List 10" in n and "Family identifier" in n for n in notes)


# ---------------------------------------------------------------------------------- codes


@pytest.mark.parametrize(("number", "column", "spelled"), [
    (6, "Primary Need Code", PRIMARY_NEED), (8, "Child's Category of Need", PRIMARY_NEED),
    (6, "Reason for Closure", CLOSE_REASON), (8, "Child's Legal Status", LEGAL_STATUS),
    (8, "Reason Ceased to be Looked After", REASON_CEASED),
    (8, "Placement Type", PLACEMENT_TYPE), (8, "Placement Provider", PLACEMENT_PROVIDER),
    (10, "Reason Why Child No Longer Placed for Adoption", REVERSED_REASON),
])  # fmt: skip
def test_every_code_is_written_as_a_spelling_the_spec_reads_back_to_it(number, column, spelled):
    spec = next(c for c in annex_a_spec()[number].columns if c.name == column)
    for code, spelling in spelled.items():
        group = spec.code_for(spelling)
        assert group is not None, spelling
        assert detailed_code(spelling, group, number=number, column=column,
                             spelled=spelled) == code  # fmt: skip


def test_codes_without_detail_load_as_the_one_code_their_group_stands_for():
    def code(text: str, number: int, column: str, spelled: dict[str, str]) -> str | None:
        spec = next(c for c in annex_a_spec()[number].columns if c.name == column)
        return detailed_code(text, spec.code_for(text), number=number, column=column,
                             spelled=spelled)  # fmt: skip

    assert code("a) Abuse or neglect", 6, "Primary Need Code", PRIMARY_NEED) == "N1"
    assert code("Family dysfunction", 6, "Primary Need Code", PRIMARY_NEED) == "N5"
    # Two codes share the group: no guess.
    assert code("a) Adopted", 8, "Reason Ceased to be Looked After", REASON_CEASED) is None
    assert code("E12", 8, "Reason Ceased to be Looked After", REASON_CEASED) == "E12"
    assert set(YES_NO_SUPPORT) == {"Y", "N"}


# -------------------------------------------------------------------------------- loading


def _row(**values: object) -> dict[str, object]:
    return {"Child Unique ID": "C1", "Gender": "b) Female", "Ethnicity": "WBRI",
            "Date of Birth": date(2015, 6, 1), "Age of Child (Years)": 8} | values  # fmt: skip


def _list(number: int, *rows: dict[str, object]) -> pl.DataFrame:
    spec = annex_a_spec()[number]
    return pl.DataFrame([{name: row.get(name) for name in spec.names} for row in rows],
                        schema={c.name: dtype(c) for c in spec.columns})  # fmt: skip


def test_list_3_and_list_6_rows_of_one_referral_merge_first_list_winning():
    referral = _list(3, _row(**{"Date of referral": date(2024, 1, 10),
                                "Referral Source": "q) 6: Police", "Referral NFA?": "No",
                                "Allocated Team": "T1"}))  # fmt: skip
    need = _list(
        6,
        _row(
            **{
                "CIN Start Date": date(2024, 1, 10),
                "Allocated Team": "T9",
                "Primary Need Code": "N4 - Family in acute stress",
                "Date Child Was Last Seen": date(2024, 2, 1),
            }
        ),
        _row(
            **{
                "CIN Start Date": date(2023, 6, 1),
                "Primary Need Code": "a) Abuse or neglect",
                "CIN Closure Date": date(2023, 12, 1),
                "Reason for Closure": "h) Child not in need after assessment",
            }
        ),
    )
    frames = load_annex_a(AnnexA({3: referral, 6: need})).frames
    episodes = frames["ssd_cin_episodes"].sort("cine_referral_date")
    assert episodes.select("cine_referral_id", "cine_cin_primary_need_code",
                           "cine_referral_source_code", "cine_referral_team",
                           "cine_close_reason").rows() == [
        ("C1/referral/2023-06-01", "N1", None, None, None),  # RC8 or RC9: no guess
        ("C1/referral/2024-01-10", "N4", "6", "T1", None),
    ]  # fmt: skip
    visits = frames["ssd_cin_visits"]
    assert visits.select("cinv_person_id", "cinv_cin_visit_date", "cinv_cin_visit_seen").rows() \
        == [("C1", date(2024, 2, 1), "Y")]  # fmt: skip


def test_list_5_loads_enquiries_and_only_the_conferences_it_names():
    rows = _list(
        5,
        _row(
            **{
                "Strategy discussion initiating Section 47 Enquiry Start Date": date(2024, 1, 2),
                "Was an Initial Child Protection Conference deemed unnecessary?": "b) No",
                "Date of Initial Child Protection Conference": date(2024, 1, 20),
                "Did the Initial Child Protection Conference Result in a Child Protection Plan": "Yes",
                "Number of Section 47 Enquiries in the last 12 months": 3,
            }
        ),
        _row(
            **{
                "Strategy discussion initiating Section 47 Enquiry Start Date": date(2024, 2, 2),
                "Was an Initial Child Protection Conference deemed unnecessary?": "Yes",
            }
        ),
    )
    frames = load_annex_a(AnnexA({5: rows})).frames
    assert frames["ssd_s47_enquiry"].select("s47e_s47_enquiry_id", "s47e_s47_nfa").rows() == [
        ("C1/s47/2024-01-02", "N"),
        ("C1/s47/2024-02-02", "Y"),
    ]
    assert frames["ssd_initial_cp_conference"].select(
        "icpc_icpc_id", "icpc_s47_enquiry_id", "icpc_icpc_date", "icpc_icpc_outcome_cp_flag"
    ).rows() == [("C1/s47/2024-01-02/icpc", "C1/s47/2024-01-02", date(2024, 1, 20), "Y")]


def test_list_8_loads_one_period_of_care_and_what_hangs_off_it():
    rows = _list(8, _row(**{
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": "a) Yes",
        "Date Started to be Looked After": date(2022, 1, 1),
        "Start date of current legal status": date(2023, 7, 1),
        "Child's Legal Status": "C2: FCO", "Child's Category of Need": "N1 - Abuse or neglect",
        "Start Date of Most Recent Placement": date(2023, 5, 1),
        "Placement Type": "a) Foster placement", "Placement Provider": "b) PR1: Own provision",
        "Date of Last Health Assessment": date(2023, 9, 1), "Placement Location": "b) Out",
        "Date of Last Social Work Visit": date(2024, 2, 1),
    }))  # fmt: skip
    care_leaver = _list(
        9,
        _row(
            **{
                "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": "Yes"
            }
        ),
    )
    frames = load_annex_a(AnnexA({8: rows, 9: care_leaver})).frames
    episode = frames["ssd_cla_episodes"].row(0, named=True)
    assert episode["clae_cla_id"] == "C1/care/2022-01-01"
    assert episode["clae_cla_episode_start_date"] == date(2023, 7, 1)  # the later change
    assert episode["clae_cla_primary_need_code"] == "N1"
    placement = frames["ssd_cla_placement"].row(0, named=True)
    assert placement["clap_cla_placement_type"] is None  # six foster codes share the group
    assert placement["clap_cla_placement_provider"] == "PR1"
    assert frames["ssd_legal_status"]["lega_legal_status"].to_list() == ["C2"]
    assert frames["ssd_cla_health"].select("clah_health_check_type").to_series().to_list() == [
        "RHA"
    ]
    assert frames["ovs_placement_locations"]["ovpl_is_out_of_area"].to_list() == ["Y"]
    assert frames["ssd_cla_visits"]["clav_cla_id"].to_list() == ["C1/care/2022-01-01"]
    assert frames["ssd_immigration_status"].height == 1  # list 8 and list 9 name one status


def test_list_10_links_its_decision_to_the_period_list_8_gives():
    adoption = _list(10, _row(**{
        "Date the Child Entered Care": date(2022, 1, 1),
        "Date of Decision that Child Should be Placed for Adoption": date(2023, 1, 5),
        "Date of Adoption Order": date(2024, 1, 5),
        "Reason Why Child No Longer Placed for Adoption": "c) Prospective adopters cannot be found",
    }))  # fmt: skip
    care = _list(
        8,
        _row(
            **{
                "Date Started to be Looked After": date(2022, 1, 1),
                "Start Date of Most Recent Placement": date(2022, 1, 1),
                "Start date of current legal status": date(2022, 1, 1),
            }
        ),
    )
    frames = load_annex_a(AnnexA({8: care, 10: adoption})).frames
    decision = frames["ssd_permanence"].row(0, named=True)
    assert decision["perm_cla_id"] == frames["ssd_cla_episodes"]["clae_cla_id"].item()
    assert decision["perm_permanence_order_type"] == "Adoption order"
    assert decision["perm_decision_reversed_reason"] == "RD3"
    again = export_annex_a(frames, as_of=date(2024, 3, 1)).annex.lists[10]
    assert again["Date the Child Entered Care"].to_list() == [date(2022, 1, 1)]
