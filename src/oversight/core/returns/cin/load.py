"""Load a CIN census into SSD frames (return → SSD).

::

    CinReturn ─► ssd_person (LAchildID is the person id), ssd_disability
              ─► ssd_cin_episodes, and against each episode: ssd_cin_assessments with
                 ssd_assessment_factors, ssd_cin_plans, ssd_s47_enquiry with its
                 ssd_initial_cp_conference, ssd_cp_plans with ssd_cp_reviews
              ─► an episode's DateOfInitialCPC that is no enquiry's conference: a conference
                 of its own

The census has no ids but the child's; the others are minted from the child's id and each
element's position, so loading the same file twice gives the same ids:
``C1-R001`` (the child's first episode), ``C1-R001-A01`` (its first assessment), ``-N`` CIN plan,
``-Q`` enquiry, ``-P`` CP plan, ``-P01-V01`` review, ``-Q01-I`` or ``-I`` conference, ``C1-D01``
disability. What the SSD cannot hold is left out: ``UPN``, ``FormerUPN``,
``AssessmentInternalReviewDate`` and ``NumberOfPreviousCPP``.
"""

from __future__ import annotations

import polars as pl

from oversight.core.returns.cin._schema import sex_element
from oversight.core.returns.cin._tables import CinReturn
from oversight.core.returns.cin._view import CIN_TABLES
from oversight.core.ssd import TABLES

NOT_CARRIED = ("UPN", "FormerUPN", "AssessmentInternalReviewDate", "NumberOfPreviousCPP")
"""CIN elements the SSD has no field for."""


def _id(*parts: pl.Expr | str) -> pl.Expr:
    """An id joined from columns and literal tags, ordinals zero-padded."""
    exprs = [pl.lit(part) if isinstance(part, str) else part for part in parts]
    return pl.concat_str(exprs)


def _n(column: str, width: int = 2) -> pl.Expr:
    return pl.col(column).cast(pl.String).str.zfill(width)


def _flag(column: str) -> pl.Expr:
    return pl.when(pl.col(column)).then(pl.lit("Y")).when(pl.col(column).not_()).then(pl.lit("N"))


def load_cin(census: CinReturn) -> dict[str, pl.DataFrame]:
    """SSD frames (every CIN table, complete with the SSD's columns) from ``census``.

    Examples
    --------
    >>> from datetime import date
    >>> from oversight.core.returns.cin._tables import conform
    >>> census = CinReturn(2025, "201", {
    ...     "children": conform("children", pl.DataFrame(
    ...         {"LAchildID": ["C1"], "Sex": ["F"], "Ethnicity": ["WBRI"]})),
    ...     "cin_details": conform("cin_details", pl.DataFrame({"LAchildID": ["C1"],
    ...         "CINdetailsID": [1], "CINreferralDate": [date(2024, 6, 1)],
    ...         "ReferralSource": ["1A"], "ReferralNFA": [False]})),
    ... })
    >>> ssd = load_cin(census)
    >>> ssd["ssd_cin_episodes"].select("cine_referral_id", "cine_referral_nfa").row(0)
    ('C1-R001', 'N')
    >>> ssd["ssd_person"].select("pers_person_id", "pers_sex").row(0)
    ('C1', 'F')
    """
    from oversight.core.returns.cin._tables import SCHEMAS, conform

    frames = {name: census.frames.get(name, conform(name, pl.DataFrame())) for name in SCHEMAS}
    child = pl.col("LAchildID")
    referral = _id(child, "-R", _n("CINdetailsID", 3))
    sex = "pers_sex" if sex_element(census.year) == "Sex" else "pers_gender"
    sex_value = pl.col("Sex") if sex == "pers_sex" else pl.col("Sex").str.zfill(2)
    person = frames["children"].select(
        child.alias("pers_person_id"),
        pl.col("UPNunknown").alias("pers_upn_unknown"),
        pl.col("PersonBirthDate").alias("pers_dob"),
        pl.col("ExpectedPersonBirthDate").alias("pers_expected_dob"),
        pl.col("PersonDeathDate").alias("pers_death_date"),
        pl.col("Ethnicity").alias("pers_ethnicity"),
        sex_value.alias(sex),
    )
    disability = frames["disabilities"].select(
        _id(child, "-D", _n("_n")).alias("disa_table_id"),
        child.alias("disa_person_id"),
        pl.col("Disability").alias("disa_disability_code"),
    ) if frames["disabilities"].is_empty() else frames["disabilities"].with_columns(
        pl.int_range(1, pl.len() + 1).over("LAchildID").alias("_n")
    ).select(
        _id(child, "-D", _n("_n")).alias("disa_table_id"),
        child.alias("disa_person_id"),
        pl.col("Disability").alias("disa_disability_code"),
    )  # fmt: skip
    episodes = frames["cin_details"].select(
        referral.alias("cine_referral_id"),
        child.alias("cine_person_id"),
        pl.col("CINreferralDate").alias("cine_referral_date"),
        pl.col("PrimaryNeedCode").alias("cine_cin_primary_need_code"),
        pl.col("ReferralSource").alias("cine_referral_source_code"),
        _flag("ReferralNFA").alias("cine_referral_nfa"),
        pl.col("ReasonForClosure").alias("cine_close_reason"),
        pl.col("CINclosureDate").alias("cine_close_date"),
    )
    assessment = _id(referral, "-A", _n("AssessmentID"))
    assessments = frames["assessments"]
    factors = assessments.filter(pl.col("AssessmentFactors").list.len() > 0).select(
        _id(assessment, "-F").alias("cinf_table_id"),
        assessment.alias("cinf_assessment_id"),
        pl.format('["{}"]', pl.col("AssessmentFactors").list.join('", "')).alias(
            "cinf_assessment_factors_json"
        ),
    )
    assessments = assessments.select(
        assessment.alias("cina_assessment_id"),
        child.alias("cina_person_id"),
        referral.alias("cina_referral_id"),
        pl.col("AssessmentActualStartDate").alias("cina_assessment_start_date"),
        pl.col("AssessmentAuthorisationDate").alias("cina_assessment_auth_date"),
    )
    plans = frames["cin_plan_dates"].select(
        _id(referral, "-N", _n("CINPlanID")).alias("cinp_cin_plan_id"),
        referral.alias("cinp_referral_id"),
        child.alias("cinp_person_id"),
        pl.col("CINPlanStartDate").alias("cinp_cin_plan_start_date"),
        pl.col("CINPlanEndDate").alias("cinp_cin_plan_end_date"),
    )
    enquiry = _id(referral, "-Q", _n("S47ID"))
    s47_frame = frames["section47"]
    s47 = s47_frame.select(
        enquiry.alias("s47e_s47_enquiry_id"),
        referral.alias("s47e_referral_id"),
        child.alias("s47e_person_id"),
        pl.col("S47ActualStartDate").alias("s47e_s47_start_date"),
        _flag("ICPCnotRequired").alias("s47e_s47_nfa"),
    )
    linked = s47_frame.filter(
        pl.col("InitialCPCtarget").is_not_null() | pl.col("DateOfInitialCPC").is_not_null()
    ).select(
        _id(enquiry, "-I").alias("icpc_icpc_id"),
        enquiry.alias("icpc_s47_enquiry_id"),
        child.alias("icpc_person_id"),
        referral.alias("icpc_referral_id"),
        pl.col("InitialCPCtarget").alias("icpc_icpc_target_date"),
        pl.col("DateOfInitialCPC").alias("icpc_icpc_date"),
    )
    alone = (
        frames["cin_details"]
        .filter(pl.col("DateOfInitialCPC").is_not_null())
        .join(s47_frame.select("LAchildID", "CINdetailsID", "DateOfInitialCPC").drop_nulls(),
              on=["LAchildID", "CINdetailsID", "DateOfInitialCPC"], how="anti")
        .select(
            _id(referral, "-I").alias("icpc_icpc_id"),
            pl.lit(None, dtype=pl.String).alias("icpc_s47_enquiry_id"),
            child.alias("icpc_person_id"),
            referral.alias("icpc_referral_id"),
            pl.lit(None, dtype=pl.Date).alias("icpc_icpc_target_date"),
            pl.col("DateOfInitialCPC").alias("icpc_icpc_date"),
        )
    )  # fmt: skip
    plan = _id(referral, "-P", _n("CPPID"))
    cp_plans = frames["cp_plans"].select(
        plan.alias("cppl_cp_plan_id"),
        referral.alias("cppl_referral_id"),
        child.alias("cppl_person_id"),
        pl.col("CPPstartDate").alias("cppl_cp_plan_start_date"),
        pl.col("CPPendDate").alias("cppl_cp_plan_end_date"),
        pl.col("InitialCategoryOfAbuse").alias("cppl_cp_plan_initial_category"),
        pl.col("LatestCategoryOfAbuse").alias("cppl_cp_plan_latest_category"),
    )
    reviews = (
        frames["cp_reviews"]
        .with_columns(
            pl.int_range(1, pl.len() + 1).over("LAchildID", "CINdetailsID", "CPPID").alias("_n")
        )
        .select(
            _id(plan, "-V", _n("_n")).alias("cppr_cp_review_id"),
            child.alias("cppr_person_id"),
            plan.alias("cppr_cp_plan_id"),
            pl.col("CPPreviewDate").alias("cppr_cp_review_date"),
        )
    )
    loaded = {
        "ssd_person": person,
        "ssd_disability": disability,
        "ssd_cin_episodes": episodes,
        "ssd_cin_assessments": assessments,
        "ssd_assessment_factors": factors,
        "ssd_cin_plans": plans,
        "ssd_s47_enquiry": s47,
        "ssd_initial_cp_conference": pl.concat([linked, alone]),
        "ssd_cp_plans": cp_plans,
        "ssd_cp_reviews": reviews,
    }
    return {name: TABLES[name].complete(loaded[name]) for name in CIN_TABLES}
