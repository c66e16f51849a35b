"""Loading a return into the SSD: each 903 table mapped, ids minted, problems located in the return."""

from datetime import date

import polars as pl
import pytest

from oversight.core.returns._errors import ReturnReadError
from oversight.core.returns.ssda903 import Ssda903Return, load_ssda903

from .conftest import small_return, typed

D = date


def _rows(frame: pl.DataFrame, *columns: str) -> list[tuple]:
    return frame.select(columns).rows()


def test_the_header_feeds_person_upn_and_mother_tables(ssda903_return):
    frames = load_ssda903(ssda903_return).frames
    assert _rows(frames["ssd_person"], "pers_person_id", "pers_sex", "pers_dob", "pers_ethnicity",
                 "pers_upn_unknown", "pers_is_mother") == [
        ("C1", "M", D(2010, 1, 2), "WBRI", None, None),
        ("C2", "F", D(2008, 3, 4), "AIND", "UN2", "Y"),
        ("C2/child/2024-05-05", None, D(2024, 5, 5), None, None, None),  # the mother's child
    ]  # fmt: skip
    assert _rows(frames["ssd_linked_identifiers"], "link_table_id", "link_person_id",
                 "link_identifier_type", "link_identifier_value") == [
        ("C1/upn", "C1", "Unique Pupil Number", "A123456789012"),
    ]  # fmt: skip
    assert frames["ssd_mother"].row(0) == (
        "C2/mother/2024-05-05", "C2", "C2/child/2024-05-05", D(2024, 5, 5),
    )  # fmt: skip


def test_codes_of_earlier_years_become_the_current_codes():
    frames = load_ssda903(small_return(2020)).frames
    assert frames["ssd_person"]["pers_sex"].to_list() == ["M", "F", None]


def _episodes(**columns):
    return Ssda903Return(2025, {"episodes": typed(2025, "episodes", **columns)})


def test_episodes_split_into_periods_placements_legal_statuses_and_home_addresses():
    ret = _episodes(
        CHILD=["C1", "C1", "C1", "C1", "C1"],
        DECOM=[D(2024, 4, 1), D(2024, 5, 1), D(2024, 6, 1), D(2024, 7, 1), D(2024, 9, 1)],
        RNE=["S", "L", "P", "T", "S"],  # a new legal status, a move, both, a new period
        LS=["C1", "C2", "C2", "E1", "V2"],
        PLACE=["U1", "U1", "U3", "U4", "U1"],
        DEC=[D(2024, 5, 1), D(2024, 6, 1), D(2024, 7, 1), D(2024, 8, 1), None],
        REC=["X1", "X1", "X1", "E13", None],
        REASON_PLACE_CHANGE=[None, "CHILD", None, None, None],
        HOME_POST=["AB1", "AB1", None, "CD2", "CD2"],
    )  # fmt: skip
    frames = load_ssda903(ret).frames
    assert _rows(frames["ssd_cla_episodes"], "clae_cla_episode_id", "clae_cla_id",
                 "clae_cla_placement_id", "clae_entered_care_date") == [
        ("C1/episode/2024-04-01", "C1/care/2024-04-01", "C1/placement/2024-04-01", D(2024, 4, 1)),
        ("C1/episode/2024-05-01", "C1/care/2024-04-01", "C1/placement/2024-04-01", D(2024, 4, 1)),
        ("C1/episode/2024-06-01", "C1/care/2024-04-01", "C1/placement/2024-06-01", D(2024, 4, 1)),
        ("C1/episode/2024-07-01", "C1/care/2024-04-01", "C1/placement/2024-07-01", D(2024, 4, 1)),
        ("C1/episode/2024-09-01", "C1/care/2024-09-01", "C1/placement/2024-09-01", D(2024, 9, 1)),
    ]  # fmt: skip
    assert _rows(frames["ssd_cla_placement"], "clap_cla_placement_start_date",
                 "clap_cla_placement_end_date", "clap_cla_placement_type",
                 "clap_cla_placement_change_reason", "clap_cla_id") == [
        (D(2024, 4, 1), D(2024, 6, 1), "U1", "CHILD", "C1/care/2024-04-01"),
        (D(2024, 6, 1), D(2024, 7, 1), "U3", None, "C1/care/2024-04-01"),
        (D(2024, 7, 1), D(2024, 8, 1), "U4", None, "C1/care/2024-04-01"),
        (D(2024, 9, 1), None, "U1", None, "C1/care/2024-09-01"),
    ]  # fmt: skip
    assert _rows(frames["ssd_legal_status"], "lega_legal_status", "lega_legal_status_start_date",
                 "lega_legal_status_end_date") == [
        ("C1", D(2024, 4, 1), D(2024, 5, 1)),
        ("C2", D(2024, 5, 1), D(2024, 7, 1)),
        ("E1", D(2024, 7, 1), D(2024, 8, 1)),
        ("V2", D(2024, 9, 1), None),
    ]  # fmt: skip
    assert _rows(frames["ssd_address"], "addr_address_postcode", "addr_address_type",
                 "addr_address_start_date", "addr_address_end_date") == [
        ("AB1", "Home", D(2024, 4, 1), D(2024, 5, 31)),  # until the episode with no postcode
        ("CD2", "Home", D(2024, 7, 1), None),
    ]  # fmt: skip


def test_a_period_seen_without_its_start_has_no_entry_date():
    ret = _episodes(CHILD=["C1"], DECOM=[D(2024, 6, 1)], RNE=["P"])
    episode = load_ssda903(ret).frames["ssd_cla_episodes"]
    assert episode["clae_entered_care_date"].to_list() == [None]


def test_reviews_belong_to_the_period_of_care_holding_them():
    episodes = typed(
        2025,
        "episodes",
        CHILD=["C1", "C1"],
        DECOM=[D(2024, 4, 1), D(2024, 10, 1)],
        RNE=["S", "S"],
        DEC=[D(2024, 6, 1), None],
    )
    reviews = typed(
        2025,
        "reviews",
        CHILD=["C1", "C1", "C1"],
        REVIEW=[D(2024, 3, 1), D(2024, 7, 1), D(2024, 11, 1)],
    )
    frames = load_ssda903(Ssda903Return(2025, {"episodes": episodes, "reviews": reviews})).frames
    assert frames["ssd_cla_reviews"]["clar_cla_id"].to_list() == [
        "C1/care/2024-04-01",  # before any period: the child's first
        "C1/care/2024-04-01",  # between periods: the latest begun
        "C1/care/2024-10-01",
    ]


def test_outcomes_adoption_and_the_one_to_one_tables_are_loaded(ssda903_return):
    tables = dict(ssda903_return.tables)
    tables["oc2"] = typed(
        2025,
        "oc2",
        CHILD=["C1"],
        SDQ_SCORE=[17],
        CONVICTED=["1"],
        HEALTH_ASSESSMENT=["1"],
        TEETH_CHECK=["0"],
        IMMUNISATIONS=["0"],
        SUBSTANCE_MISUSE=["1"],
        INTERVENTION_RECEIVED=["1"],
    )
    tables["oc3"] = typed(2025, "oc3", CHILD=["C2"], IN_TOUCH=["YES"], ACTIV=["0"], ACCOM=["D2"])
    tables["placed_adoption"] = typed(
        2025,
        "placed_adoption",
        CHILD=["C1", "C1"],
        DATE_PLACED=[D(2024, 5, 1), D(2024, 9, 1)],
        DATE_PLACED_CEASED=[D(2024, 8, 1), None],
        REASON_PLACED_CEASED=["RD1", None],
    )
    tables["ad1"] = typed(
        2025,
        "ad1",
        CHILD=["C1"],
        DATE_INT=[D(2024, 9, 1)],
        DATE_MATCH=[D(2024, 12, 1)],
        FOSTER_CARE=["1"],
        NB_ADOPTR=[2],
        SEX_ADOPTR=["MF"],
        LS_ADOPTR=["L11"],
    )
    tables["prev_perm"] = typed(
        2025, "prev_perm", CHILD=["C2"], PREV_PERM=["P1"], DATE_PERM=["zz/05/2020"]
    )
    tables["social_worker"] = typed(
        2025,
        "social_worker",
        CHILD=["C1"],
        SW_ID=["SW123"],
        SW_DECOM=[D(2024, 4, 1)],
        SW_REASON=["MANAGE"],
    )
    frames = load_ssda903(Ssda903Return(2025, tables)).frames
    assert frames["ssd_sdq_scores"].select("csdq_person_id", "csdq_sdq_score").row(0) == (
        "C1",
        "17",
    )
    assert frames["ssd_cla_convictions"]["clac_person_id"].to_list() == ["C1"]
    assert _rows(
        frames["ssd_cla_health"], "clah_health_check_type", "clah_health_check_status"
    ) == [
        ("RHA", "Completed"),  # TEETH_CHECK 0 leaves no row
    ]
    assert frames["ssd_cla_immunisations"].select(
        "clai_person_id", "clai_immunisations_status"
    ).row(0) == ("C1", "N")
    assert frames["ssd_cla_substance_misuse"]["clas_intervention_received"].to_list() == ["Y"]
    assert _rows(frames["ssd_care_leavers"], "clea_care_leaver_in_touch", "clea_care_leaver_activity",
                 "clea_care_leaver_accommodation", "clea_care_leaver_accom_suitable") == [
        ("YES", None, "D", "2"),
    ]  # fmt: skip
    assert _rows(frames["ssd_permanence"], "perm_table_id", "perm_adm_decision_date",
                 "perm_decision_reversed_reason", "perm_matched_date", "perm_number_of_adopters",
                 "perm_adopted_by_carer_flag") == [
        ("C1/adoption-decision/2024-05-01", D(2024, 5, 1), "RD1", None, None, None),
        ("C1/adoption-decision/2024-09-01", D(2024, 9, 1), None, D(2024, 12, 1), "2", "Y"),
    ]  # fmt: skip
    assert frames["ssd_cla_previous_permanence"].row(0)[1:] == ("C2", "zz/05/2020", "P1", None)
    assert _rows(frames["ssd_involvements"], "invo_involvements_id", "invo_professional_id",
                 "invo_professional_role_id", "invo_worker_change_reason") == [
        ("C1/social-worker/2024-04-01", "SW123", "ALLOCATED_WORKER", "MANAGE"),
    ]  # fmt: skip


def test_what_the_ssd_cannot_hold_is_noted():
    tables = small_return(2027).tables | {
        "oc2": typed(2027, "oc2", CHILD=["C1"], HEALTH_CHECK=["1"], IMMUNISATIONS=["1"]),
        "deprivation_of_liberty_order": typed(2027, "deprivation_of_liberty_order", CHILD=["C1"]),
    }
    notes = load_ssda903(Ssda903Return(2027, tables)).notes
    assert notes == (
        "DoLo: 1 rows not loaded: the SSD has no table for deprivation of liberty orders",
        "OC2 HEALTH_CHECK: 1 values not loaded: the SSD has no place for them",
    )


def test_the_previous_years_return_adds_history_and_the_current_one_wins():
    previous = Ssda903Return(2024, {
        "header": typed(2024, "header", CHILD=["C1", "C0"], SEX=["1", "2"]),
        "episodes": typed(2024, "episodes", CHILD=["C1", "C1", "C0"],
                          DECOM=[D(2023, 5, 1), D(2024, 2, 1), D(2023, 6, 1)],
                          RNE=["S", "P", "S"], DEC=[D(2024, 2, 1), None, D(2023, 9, 1)],
                          PLACE=["U1", "U2", "U3"]),
        "oc3": typed(2024, "oc3", CHILD=["C0"], IN_TOUCH=["YES"], ACTIV=["F1"], ACCOM=["B1"]),
    })  # fmt: skip
    current = Ssda903Return(2025, {
        "header": typed(2025, "header", CHILD=["C1"], SEX=["U"]),
        "episodes": typed(2025, "episodes", CHILD=["C1", "C1"], DECOM=[D(2024, 2, 1), D(2024, 6, 1)],
                          RNE=["P", "P"], DEC=[D(2024, 6, 1), None], PLACE=["U4", "U5"]),
    })  # fmt: skip
    frames = load_ssda903(current, previous=previous).frames
    assert _rows(frames["ssd_person"], "pers_person_id", "pers_sex") == [("C1", "U"), ("C0", "F")]
    assert _rows(frames["ssd_cla_episodes"], "clae_cla_episode_start_date", "clae_cla_id",
                 "clae_entered_care_date") == [
        (D(2024, 2, 1), "C1/care/2023-05-01", D(2023, 5, 1)),  # this year's row, last year's period
        (D(2024, 6, 1), "C1/care/2023-05-01", D(2023, 5, 1)),
        (D(2023, 5, 1), "C1/care/2023-05-01", D(2023, 5, 1)),
        (D(2023, 6, 1), "C0/care/2023-06-01", D(2023, 6, 1)),
    ]  # fmt: skip
    assert frames["ssd_cla_placement"]["clap_cla_placement_type"].to_list() == [
        "U4",
        "U5",
        "U1",
        "U3",
    ]
    assert "ssd_care_leavers" not in frames  # OC3 describes last year only


def test_rows_the_ssd_cannot_hold_are_reported_where_they_are_in_the_return(tmp_path):
    header = typed(2025, "header", CHILD=["C1", "C1", "C2"])
    episodes = typed(2025, "episodes", CHILD=["C1", None], DECOM=[D(2024, 4, 1)] * 2)
    reviews = typed(2025, "reviews", CHILD=["C2"], REVIEW=[D(2024, 5, 1)])
    missing = typed(2025, "missing", CHILD=["C9"], MIS_START=[D(2024, 5, 1)])
    oc2 = typed(2025, "oc2", CHILD=["C2"], IMMUNISATIONS=["1"])
    ret = Ssda903Return(2025, {"header": header, "episodes": episodes, "reviews": reviews,
                               "missing": missing, "oc2": oc2})  # fmt: skip
    with pytest.raises(ReturnReadError) as raised:
        load_ssda903(ret)
    found = sorted((p.kind.value, p.file, p.child, p.expected[:40]) for p in raised.value.problems)
    assert found == [
        ("bad_value", "Episodes", None, "the child's id (CHILD cannot be blank)"),
        ("duplicate_key", "Header", "C1", "each child once in the Header"),
        ("unknown_child", "Missing", "C9", "a child of the Header"),
        ("unknown_child", "OC2", "C2", "a child with an episode in the return (t"),
        ("unknown_child", "Reviews", "C2", "a child with an episode in this or the p"),
    ]
    duplicate = next(p for p in raised.value.problems if p.kind.value == "duplicate_key")
    assert (duplicate.row, duplicate.field, duplicate.value) == (1, "CHILD", "C1")
