"""The values coded SSD fields hold: one list per field, as the current returns use them.

The SSD's guidance says its coded fields hold the DfE's own codes (SSDA903 codes for care
fields, CIN census codes for referral and protection fields). Where the guidance is loose (it
spells categories of abuse as words, leaves health-check types open, shows JSON shapes by example),
the convention chosen here is stated beside the list. The synthetic council writes these values,
measures read them, and each return's schema maps them to and from that return's codes by
collection year (a code set that changed is a schema diff there, not here).

Sources: SSDA903 column specifications 2017 with the diffs of 2019, 2022, 2024, 2025 and 2026
(liia-tools-pipeline ``ssda903_pipeline/spec``); the DfE CIN census schema 2026
(``CIN_schema_2026.xsd``); the SSD object definitions (guidance of each field).
"""

from collections.abc import Mapping

YES_NO = ("Y", "N")
"""Flags the SSD holds as ``nchar`` Y/N fields."""

CODES: Mapping[tuple[str, str], tuple[str, ...]] = {
    ("ssd_person", "pers_sex"): ("M", "F", "U"),  # 903 SEX from 2025; CIN census sextype
    ("ssd_person", "pers_gender"): ("00", "01", "02", "09"),  # SSD guidance code set
    ("ssd_person", "pers_ethnicity"): (
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
        "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    ),  # 903 ETHNIC and CIN ethnicitytype (the SSD guidance misspells CHNE as CNHE)
    ("ssd_person", "pers_upn_unknown"): ("UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"),
    ("ssd_person", "pers_is_mother"): YES_NO,
    ("ssd_person", "pers_send_flag"): YES_NO,
    ("ssd_disability", "disa_disability_code"): (
        "NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA",
    ),  # CIN disabilitytype
    ("ssd_immigration_status", "immi_immigration_status"): ("UASC", "REFUGEE", "OTHER"),
    # ^ convention: UASC marks an unaccompanied asylum-seeking child (903 UASC table)
    ("ssd_cin_episodes", "cine_cin_primary_need_code"): (
        "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N0",
    ),  # CIN primaryneedcodetype
    ("ssd_cin_episodes", "cine_referral_source_code"): (
        "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B",
        "5C", "5D", "6", "7", "8", "9", "10",
    ),  # CIN referralsourcetype
    ("ssd_cin_episodes", "cine_close_reason"): (
        "RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9",
    ),  # CIN reasonforclosuretype
    ("ssd_cin_episodes", "cine_referral_nfa"): YES_NO,
    ("ssd_cin_assessments", "cina_assessment_child_seen"): YES_NO,
    ("ssd_cin_assessments", "cina_assessment_outcome_nfa"): YES_NO,
    ("ssd_s47_enquiry", "s47e_s47_nfa"): YES_NO,
    ("ssd_initial_cp_conference", "icpc_icpc_transfer_in"): YES_NO,
    ("ssd_initial_cp_conference", "icpc_icpc_outcome_cp_flag"): YES_NO,
    ("ssd_cp_plans", "cppl_cp_plan_initial_category"): ("NEG", "PHY", "SAB", "EMO", "MUL"),
    ("ssd_cp_plans", "cppl_cp_plan_latest_category"): ("NEG", "PHY", "SAB", "EMO", "MUL"),
    # ^ convention: CIN categoryofabusetype codes (the SSD guidance spells them as words)
    ("ssd_cp_plans", "cppl_cp_plan_ola"): YES_NO,
    ("ssd_cp_visits", "cppv_cp_visit_seen"): YES_NO,
    ("ssd_cp_visits", "cppv_cp_visit_seen_alone"): YES_NO,
    ("ssd_cin_visits", "cinv_cin_visit_seen"): YES_NO,
    ("ssd_cin_visits", "cinv_cin_visit_seen_alone"): YES_NO,
    ("ssd_cla_episodes", "clae_cla_episode_start_reason"): ("S", "L", "P", "T", "B", "U"),  # RNE
    ("ssd_cla_episodes", "clae_cla_primary_need_code"): (
        "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8",
    ),  # 903 CIN
    ("ssd_cla_episodes", "clae_cla_episode_ceased_reason"): (
        "X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48",
        "E5", "E6", "E7", "E9", "E14", "E15", "E16", "E17", "E8",
    ),  # 903 REC from 2019
    ("ssd_cla_placement", "clap_cla_placement_type"): (
        "A3", "A4", "A5", "A6", "K1", "K2", "K3", "P1", "P3", "R1", "R2", "R3", "R5", "S1", "T0",
        "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1", "Z11", "Z12", "Z13",
        "Z14",
    ),  # 903 PLACE, 2026
    ("ssd_cla_placement", "clap_cla_placement_provider"): (
        "PR0", "PR1", "PR2", "PR3", "PR4", "PR5",
    ),  # 903 PLACE_PROVIDER
    ("ssd_cla_placement", "clap_cla_placement_change_reason"): (
        "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE",
        "CUSTOD", "OTHER",
    ),  # 903 REASON_PLACE_CHANGE from 2019
    ("ssd_legal_status", "lega_legal_status"): (
        "C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3",
    ),  # 903 LS
    ("ssd_cla_reviews", "clar_cla_review_participation"): (
        "PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7",
    ),  # 903 REVIEW_CODE
    ("ssd_cla_reviews", "clar_cla_review_cancelled"): YES_NO,
    ("ssd_cla_visits", "clav_cla_visit_seen"): YES_NO,
    ("ssd_cla_visits", "clav_cla_visit_seen_alone"): YES_NO,
    ("ssd_cla_health", "clah_health_check_type"): ("IHA", "RHA", "DENTAL"),
    # ^ convention: initial health assessment, review health assessment, dental check
    ("ssd_cla_health", "clah_health_check_status"): (
        "Planned", "Refused", "Cancelled", "Completed",
    ),  # SSD guidance code set
    ("ssd_cla_immunisations", "clai_immunisations_status"): YES_NO,
    ("ssd_cla_substance_misuse", "clas_intervention_received"): YES_NO,
    ("ssd_cla_previous_permanence", "lapp_previous_permanence_option"): (
        "P1", "P2", "P3", "P4", "Z1",
    ),  # 903 PREV_PERM
    ("ssd_missing", "miss_missing_episode_type"): ("M", "A"),  # 903 MISSING: missing, away
    ("ssd_missing", "miss_missing_rhi_offered"): YES_NO,
    ("ssd_missing", "miss_missing_rhi_accepted"): YES_NO,
    ("ssd_permanence", "perm_adopted_by_carer_flag"): YES_NO,
    ("ssd_permanence", "perm_decision_reversed_reason"): ("RD1", "RD2", "RD3", "RD4"),
    ("ssd_permanence", "perm_adopter_sex"): ("M1", "F1", "MM", "FF", "MF"),  # 903 SEX_ADOPTR
    ("ssd_permanence", "perm_adopter_legal_status"): ("L0", "L11", "L12", "L2", "L3", "L4"),
    ("ssd_sdq_scores", "csdq_sdq_reason"): ("SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"),
    ("ssd_care_leavers", "clea_care_leaver_eligibility"): (
        "Relevant", "Former Relevant", "Eligible", "Qualifying", "No Current Eligibility",
    ),  # SSD guidance code set
    ("ssd_care_leavers", "clea_care_leaver_in_touch"): (
        "YES", "NO", "DIED", "REFU", "NREQ", "RHOM",
    ),  # 903 IN_TOUCH
    ("ssd_care_leavers", "clea_care_leaver_accommodation"): (
        "B", "C", "D", "E", "G", "H", "K", "R", "S", "T", "U", "V", "W", "X", "Y", "Z",
    ),  # 903 ACCOM letter; its suitability digit is clea_care_leaver_accom_suitable
    ("ssd_care_leavers", "clea_care_leaver_accom_suitable"): ("1", "2"),  # 1 suitable
    ("ssd_care_leavers", "clea_care_leaver_activity"): (
        "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6",
    ),  # 903 ACTIV from 2022
    ("ssd_professionals", "prof_agency_worker_flag"): YES_NO,
    ("ssd_involvements", "invo_worker_change_reason"): (
        "MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "PCCHAN", "SWDIED",
        "OTHERS",
    ),  # 903 SW_REASON (SWEpisodes, from 2024)
}  # fmt: skip
"""The codes each coded SSD field may hold, by (table, column)."""

ASSESSMENT_FACTORS: tuple[str, ...] = (
    "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C",
    "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A",
    "14A", "15A", "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A",
    "23A", "24A",
)  # fmt: skip
"""Factors at the end of an assessment (CIN assessmentfactorstype); ``cinf_assessment_factors_json``
holds a JSON array of them, e.g. ``["1A", "3B"]`` (the SSD's current option 1)."""

ALLOCATED_WORKER_ROLE = "ALLOCATED_WORKER"
"""``invo_professional_role_id`` of a child's allocated social worker (convention)."""
