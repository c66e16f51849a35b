"""The CIN census as flat frames: one per XML module, keyed by child and ordinal.

The XML nests modules inside a child's ``CINdetails`` (episodes); flat, each row carries its
child's ``LAchildID`` and the 1-based position of its episode (``CINdetailsID``), and of its
assessment or plan (``AssessmentID``, ``CPPID``) within that episode. Positions are not in the
file; they are the order of the elements, as the DfE's own validator numbers them. Columns use
the DfE's element names; dates are ``pl.Date``, flags ``pl.Boolean``.

::

    children        LAchildID, identifiers, Ethnicity
    disabilities    LAchildID, Disability
    cin_details     LAchildID, CINdetailsID, referral and closure, ReferralNFA
    assessments     … CINdetailsID, AssessmentID, dates, AssessmentFactors (list)
    cin_plan_dates  … CINdetailsID, CINPlanStartDate, CINPlanEndDate (from 2022)
    section47       … CINdetailsID, S47ID, S47ActualStartDate, ICPC target and date
    cp_plans        … CINdetailsID, CPPID, dates, categories, NumberOfPreviousCPP
    cp_reviews      … CINdetailsID, CPPID, CPPreviewDate
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

CHILD = ("LAchildID",)
EPISODE = (*CHILD, "CINdetailsID")

FACTORS: pl.DataType = pl.List(pl.String)
"""The dtype of a list of assessment factors."""

SCHEMAS: dict[str, pl.Schema] = {
    "children": pl.Schema(
        {
            "LAchildID": pl.String,
            "UPN": pl.String,
            "FormerUPN": pl.String,
            "UPNunknown": pl.String,
            "PersonBirthDate": pl.Date,
            "ExpectedPersonBirthDate": pl.Date,
            "Sex": pl.String,
            "PersonDeathDate": pl.Date,
            "Ethnicity": pl.String,
        }
    ),
    "disabilities": pl.Schema({"LAchildID": pl.String, "Disability": pl.String}),
    "cin_details": pl.Schema(
        {
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "CINreferralDate": pl.Date,
            "ReferralSource": pl.String,
            "PrimaryNeedCode": pl.String,
            "CINclosureDate": pl.Date,
            "ReasonForClosure": pl.String,
            "DateOfInitialCPC": pl.Date,
            "ReferralNFA": pl.Boolean,
        }
    ),
    "assessments": pl.Schema(
        {  # type: ignore[arg-type]
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "AssessmentID": pl.Int64,
            "AssessmentActualStartDate": pl.Date,
            "AssessmentInternalReviewDate": pl.Date,
            "AssessmentAuthorisationDate": pl.Date,
            "AssessmentFactors": FACTORS,
        }
    ),
    "cin_plan_dates": pl.Schema(
        {
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "CINPlanID": pl.Int64,
            "CINPlanStartDate": pl.Date,
            "CINPlanEndDate": pl.Date,
        }
    ),
    "section47": pl.Schema(
        {
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "S47ID": pl.Int64,
            "S47ActualStartDate": pl.Date,
            "InitialCPCtarget": pl.Date,
            "DateOfInitialCPC": pl.Date,
            "ICPCnotRequired": pl.Boolean,
        }
    ),
    "cp_plans": pl.Schema(
        {
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "CPPID": pl.Int64,
            "CPPstartDate": pl.Date,
            "CPPendDate": pl.Date,
            "InitialCategoryOfAbuse": pl.String,
            "LatestCategoryOfAbuse": pl.String,
            "NumberOfPreviousCPP": pl.Int64,
        }
    ),
    "cp_reviews": pl.Schema(
        {
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "CPPID": pl.Int64,
            "CPPreviewDate": pl.Date,
        }
    ),
}
"""Columns of each CIN frame, in element order after the keys."""

TABLE_NAMES = tuple(SCHEMAS)
"""The CIN frames, parents before children."""


@dataclass(frozen=True)
class CinReturn:
    """One CIN census: its year, local authority and frames (``SCHEMAS``), in file order."""

    year: int
    """The census year (ending 31 March)."""
    lea: str
    """The local authority's three-digit code (``Header/Source/LEA``)."""
    frames: dict[str, pl.DataFrame]
    """Each CIN frame by name, with exactly the columns of ``SCHEMAS``."""

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]


def conform(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with exactly the columns of CIN frame ``name``, nulls where it lacks one."""
    schema = SCHEMAS[name]
    return frame.select(
        (pl.col(c) if c in frame.columns else pl.lit(None)).cast(dtype).alias(c)
        for c, dtype in schema.items()
    )
