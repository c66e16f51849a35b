"""Export SSD frames as the CIN census of a year (SSD → return).

::

    SSD frames ─► census_view: episodes open in the year and what was recorded against them
            ─► CIN frames (_tables): children in id order, each child's episodes, assessments,
               plans, enquiries and reviews in date order, numbered within their parent
            ─► every required value present and every code in the year's schema, row by row
            ─► CinReturn, which write_cin writes and checks against the year's XSD

``NumberOfPreviousCPP`` counts the child's CP plans in the SSD that started before each plan,
whether or not they are in the census.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from oversight.core.returns._errors import ReturnExportError
from oversight.core.returns._problems import (
    DEFAULT_MAX_PROBLEMS,
    ProblemKind,
    concat_problems,
    problems_in_rows,
    raise_if_any,
)
from oversight.core.returns.cin._schema import check_year, codes_for, sex_element
from oversight.core.returns.cin._tables import CinReturn, conform
from oversight.core.returns.cin._view import census_view

CHECKED: tuple[tuple[str, str, str, str | None, bool], ...] = (
    # SSD table, SSD column, CIN element, code list (CinCodes field), required
    ("ssd_person", "_sex", "Sex", "sex", True),
    ("ssd_person", "pers_ethnicity", "Ethnicity", "ethnicity", True),
    ("ssd_person", "pers_upn_unknown", "UPNunknown", "upn_unknown", False),
    ("ssd_disability", "disa_disability_code", "Disability", "disability", True),
    ("ssd_cin_episodes", "cine_referral_source_code", "ReferralSource", "referral_source", True),
    ("ssd_cin_episodes", "cine_cin_primary_need_code", "PrimaryNeedCode", "primary_need", False),
    ("ssd_cin_episodes", "cine_close_reason", "ReasonForClosure", "reason_for_closure", False),
    ("ssd_cp_plans", "cppl_cp_plan_initial_category", "InitialCategoryOfAbuse",
     "category_of_abuse", True),
    ("ssd_cp_plans", "cppl_cp_plan_latest_category", "LatestCategoryOfAbuse",
     "category_of_abuse", True),
    ("ssd_assessment_factors", "_factor", "AssessmentFactors", "assessment_factors", True),
)  # fmt: skip
"""Values checked before writing: each must be present when required and in the year's list."""


def export_cin(
    frames: Mapping[str, pl.DataFrame], *, year: int, lea: str = "000",
    max_problems: int = DEFAULT_MAX_PROBLEMS,
) -> CinReturn:  # fmt: skip
    """The CIN census of ``year`` (ending 31 March ``year``) from SSD ``frames``.

    Raises ``ReturnExportError`` naming each SSD row whose value the census requires but the row
    lacks, or whose code the year's schema does not allow (``RC9`` before 2023; a sex of ``U``
    is written as ``GenderCurrent`` 0 before 2025, from ``pers_gender`` where it is set).

    Examples
    --------
    >>> from datetime import date
    >>> frames = {
    ...     "ssd_person": pl.DataFrame({"pers_person_id": ["C1"], "pers_sex": ["F"],
    ...                                 "pers_ethnicity": ["WBRI"]}),
    ...     "ssd_cin_episodes": pl.DataFrame({"cine_referral_id": ["R1"],
    ...         "cine_person_id": ["C1"], "cine_referral_date": [date(2024, 6, 1)],
    ...         "cine_referral_source_code": ["1A"]}),
    ... }
    >>> census = export_cin(frames, year=2025)
    >>> census["children"].select("LAchildID", "Sex", "Ethnicity").row(0)
    ('C1', 'F', 'WBRI')
    >>> census["cin_details"].select("CINdetailsID", "ReferralSource", "ReferralNFA").row(0)
    (1, '1A', False)
    """
    check_year(year)
    view = census_view(frames, year=year)
    _check(view, year, max_problems)
    start_order = ["cine_person_id", "cine_referral_date", "cine_referral_id"]
    episodes = (
        view["ssd_cin_episodes"]
        .sort(start_order)
        .with_columns(pl.int_range(1, pl.len() + 1).over("cine_person_id").alias("CINdetailsID"))
    )
    keys = episodes.select(
        pl.col("cine_referral_id").alias("_referral"),
        pl.col("cine_person_id").alias("LAchildID"),
        "CINdetailsID",
    )
    conferences = view["ssd_initial_cp_conference"]
    earliest = conferences.group_by("icpc_referral_id").agg(
        pl.col("icpc_icpc_date").min().alias("DateOfInitialCPC")
    )
    cin_details = episodes.join(
        earliest, left_on="cine_referral_id", right_on="icpc_referral_id", how="left"
    ).select(
        pl.col("cine_person_id").alias("LAchildID"),
        "CINdetailsID",
        pl.col("cine_referral_date").alias("CINreferralDate"),
        pl.col("cine_referral_source_code").alias("ReferralSource"),
        pl.col("cine_cin_primary_need_code").alias("PrimaryNeedCode"),
        pl.col("cine_close_date").alias("CINclosureDate"),
        pl.col("cine_close_reason").alias("ReasonForClosure"),
        "DateOfInitialCPC",
        (pl.col("cine_referral_nfa") == "Y").alias("ReferralNFA"),
    )
    factors = (
        view["ssd_assessment_factors"]
        .select(
            "cinf_assessment_id",
            pl.col("cinf_assessment_factors_json").str.json_decode(pl.List(pl.String)).alias("_f"),
        )
        .group_by("cinf_assessment_id")
        .agg(pl.col("_f").list.explode(keep_nulls=False, empty_as_null=False))
    )
    assessments = _within(
        view["ssd_cin_assessments"],
        keys,
        "cina",
        "cina_assessment_start_date",
        "cina_assessment_id",
        "AssessmentID",
    ).join(factors, left_on="cina_assessment_id", right_on="cinf_assessment_id", how="left")
    assessments = assessments.select(
        "LAchildID", "CINdetailsID", "AssessmentID",
        pl.col("cina_assessment_start_date").alias("AssessmentActualStartDate"),
        pl.col("cina_assessment_auth_date").alias("AssessmentAuthorisationDate"),
        pl.when(pl.col("_f").list.len() > 0).then(pl.col("_f")).alias("AssessmentFactors"),
    )  # fmt: skip
    plans = _within(
        view["ssd_cin_plans"], keys, "cinp", "cinp_cin_plan_start_date", "cinp_cin_plan_id",
        "CINPlanID",
    ).select(
        "LAchildID", "CINdetailsID", "CINPlanID",
        pl.col("cinp_cin_plan_start_date").alias("CINPlanStartDate"),
        pl.col("cinp_cin_plan_end_date").alias("CINPlanEndDate"),
    )  # fmt: skip
    linked = conferences.filter(pl.col("icpc_s47_enquiry_id").is_not_null())
    s47 = _within(
        view["ssd_s47_enquiry"],
        keys,
        "s47e",
        "s47e_s47_start_date",
        "s47e_s47_enquiry_id",
        "S47ID",
    ).join(linked, left_on="s47e_s47_enquiry_id", right_on="icpc_s47_enquiry_id", how="left")
    s47 = s47.select(
        "LAchildID", "CINdetailsID", "S47ID",
        pl.col("s47e_s47_start_date").alias("S47ActualStartDate"),
        pl.col("icpc_icpc_target_date").alias("InitialCPCtarget"),
        pl.col("icpc_icpc_date").alias("DateOfInitialCPC"),
        (pl.col("s47e_s47_nfa") == "Y").alias("ICPCnotRequired"),
    )  # fmt: skip
    cp_plans = _within(
        view["ssd_cp_plans"], keys, "cppl", "cppl_cp_plan_start_date", "cppl_cp_plan_id", "CPPID"
    ).join(_previous_plans(frames), on="cppl_cp_plan_id", how="left")
    reviews = (
        view["ssd_cp_reviews"]
        .join(cp_plans.select("cppl_cp_plan_id", "LAchildID", "CINdetailsID", "CPPID"),
              left_on="cppr_cp_plan_id", right_on="cppl_cp_plan_id")
        .sort("LAchildID", "CINdetailsID", "CPPID", "cppr_cp_review_date", "cppr_cp_review_id")
        .select("LAchildID", "CINdetailsID", "CPPID",
                pl.col("cppr_cp_review_date").alias("CPPreviewDate"))
    )  # fmt: skip
    cp_plans = cp_plans.select(
        "LAchildID", "CINdetailsID", "CPPID",
        pl.col("cppl_cp_plan_start_date").alias("CPPstartDate"),
        pl.col("cppl_cp_plan_end_date").alias("CPPendDate"),
        pl.col("cppl_cp_plan_initial_category").alias("InitialCategoryOfAbuse"),
        pl.col("cppl_cp_plan_latest_category").alias("LatestCategoryOfAbuse"),
        pl.col("NumberOfPreviousCPP").fill_null(0),
    )  # fmt: skip
    person = view["ssd_person"].sort("pers_person_id")
    children = person.select(
        pl.col("pers_person_id").alias("LAchildID"),
        pl.col("pers_upn_unknown").alias("UPNunknown"),
        pl.col("pers_dob").alias("PersonBirthDate"),
        pl.col("pers_expected_dob").alias("ExpectedPersonBirthDate"),
        _sex(year).alias("Sex"),
        pl.col("pers_death_date").alias("PersonDeathDate"),
        pl.col("pers_ethnicity").alias("Ethnicity"),
    )
    disabilities = (
        view["ssd_disability"]
        .sort("disa_person_id", "disa_table_id")
        .select(
            pl.col("disa_person_id").alias("LAchildID"),
            pl.col("disa_disability_code").alias("Disability"),
        )
    )
    built = {
        "children": children,
        "disabilities": disabilities,
        "cin_details": cin_details,
        "assessments": assessments,
        "cin_plan_dates": plans,
        "section47": s47,
        "cp_plans": cp_plans,
        "cp_reviews": reviews,
    }
    return CinReturn(year, lea, {name: conform(name, frame) for name, frame in built.items()})


def _sex(year: int) -> pl.Expr:
    if sex_element(year) == "Sex":
        return pl.col("pers_sex")
    return pl.col("pers_gender").str.strip_chars_start("0").replace("", "0")


def _within(
    frame: pl.DataFrame, keys: pl.DataFrame, prefix: str, date: str, row_id: str, ordinal: str
) -> pl.DataFrame:
    """``frame`` with its episode's keys, in date order and numbered within the episode."""
    return (
        frame.join(keys, left_on=f"{prefix}_referral_id", right_on="_referral")
        .sort("LAchildID", "CINdetailsID", date, row_id)
        .with_columns(pl.int_range(1, pl.len() + 1).over("LAchildID", "CINdetailsID").alias(ordinal))
    )  # fmt: skip


def _previous_plans(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """Each CP plan's id and how many of the child's plans in the SSD began before it."""
    plans = frames.get("ssd_cp_plans")
    if plans is None or plans.is_empty():
        return pl.DataFrame(schema={"cppl_cp_plan_id": pl.String, "NumberOfPreviousCPP": pl.Int64})
    start = pl.col("cppl_cp_plan_start_date")
    return plans.select(
        "cppl_cp_plan_id",
        (start.rank("min").over("cppl_person_id") - 1).cast(pl.Int64).alias("NumberOfPreviousCPP"),
    )


def _check(view: dict[str, pl.DataFrame], year: int, max_problems: int) -> None:
    """Raise ``ReturnExportError`` for each missing required value or code not in the year."""
    codes = codes_for(year)
    person = view["ssd_person"].with_columns(_sex(year).alias("_sex"))
    tables = {**view, "ssd_person": person}
    tables["ssd_assessment_factors"] = (
        view["ssd_assessment_factors"]
        .with_columns(
            pl.col("cinf_assessment_factors_json")
            .str.json_decode(pl.List(pl.String))
            .alias("_factor")
        )
        .explode("_factor")
        .filter(pl.col("_factor").is_not_null())
    )
    found = []
    for table, column, element, code_list, required in CHECKED:
        rows = tables[table].with_columns(
            pl.lit(None, dtype=pl.Int64).alias("_row"),
            pl.lit(None, dtype=pl.Int64).alias("_line"),
            pl.lit(None, dtype=pl.String).alias("_element"),
            pl.col(table_child(table)).alias("_child"),
        )
        allowed = getattr(codes, code_list) if code_list else ()
        value = pl.col(column)
        bad = value.is_null() if required else pl.lit(False)
        bad = bad | (value.is_not_null() & ~value.is_in(allowed))
        failing = rows.filter(bad)
        if failing.height:
            shown = ", ".join(allowed)
            field = {"_sex": "pers_sex" if element == "Sex" else "pers_gender"}.get(column, column)
            found.append(problems_in_rows(
                ProblemKind.NO_EQUIVALENT_CODE, table, failing, field=field,
                value=value, child=pl.col("_child"),
                expected=f"a {year - 1}–{year % 100:02d} CIN census {element} ({shown})",
            ))  # fmt: skip
    raise_if_any(
        ReturnExportError,
        f"{{count}} SSD values cannot be written to the {year} CIN census",
        concat_problems(found),
        max_problems=max_problems,
    )


def table_child(table: str) -> str:
    """The column of ``table`` (in the census view) naming the child."""
    return {
        "ssd_person": "pers_person_id",
        "ssd_disability": "disa_person_id",
        "ssd_cin_episodes": "cine_person_id",
        "ssd_cp_plans": "cppl_person_id",
        "ssd_assessment_factors": "cinf_assessment_id",
    }[table]
