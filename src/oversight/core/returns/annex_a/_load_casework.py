"""Lists 4–6 of Annex A into SSD frames: assessments, section 47 enquiries, children in need.

List 5's enquiry gets its conference (``ssd_initial_cp_conference``) when the row gives the
conference's date or outcome; list 6's "Date Child Was Last Seen" becomes a CIN visit at which
the child was seen. List 6's rows are CIN episodes like list 3's, with the same ids (the child,
``referral`` and the referral date), so ``load_annex_a`` can merge the two.
"""

from __future__ import annotations

import polars as pl

from oversight.core.returns.annex_a._cells import CHILD, by_code, detailed, yes_no
from oversight.core.returns.annex_a._codes import CLOSE_REASON, PRIMARY_NEED, SUPPORT_BY_CODE
from oversight.core.returns.ssda903._ids import mint
from oversight.core.ssd import TABLES

S47_START = "Strategy discussion initiating Section 47 Enquiry Start Date"
ICPC_DATE = "Date of Initial Child Protection Conference"
ICPC_PLAN = "Did the Initial Child Protection Conference Result in a Child Protection Plan"


def assessments(rows: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """List 4 → ``ssd_cin_assessments``."""
    begun = "Continuous Assessment Start Date"
    rows = rows.sort(CHILD, begun, maintain_order=True)
    return {
        "ssd_cin_assessments": TABLES["ssd_cin_assessments"].complete(rows.select(
            mint("assessment", CHILD, begun).alias("cina_assessment_id"),
            pl.col(CHILD).alias("cina_person_id"),
            pl.col(begun).alias("cina_assessment_start_date"),
            yes_no(4, "Child Seen During Continuous Assessment").alias(
                "cina_assessment_child_seen"),
            pl.col("Continuous Assessment Date of Authorisation").alias(
                "cina_assessment_auth_date"),
            by_code(4, "Was the child assessed as requiring LA children's social care support?",
                    SUPPORT_BY_CODE).alias("cina_assessment_outcome_nfa"),
            pl.col("Allocated Team").alias("cina_assessment_team"),
            pl.col("Allocated Worker").alias("cina_assessment_worker_id"),
        ))
    }  # fmt: skip


def section_47_enquiries(rows: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """List 5 → ``ssd_s47_enquiry`` and ``ssd_initial_cp_conference``."""
    enquiries = rows.sort(CHILD, S47_START, maintain_order=True).with_columns(
        mint("s47", CHILD, S47_START).alias("_s47")
    )
    conferences = enquiries.filter(
        pl.col(ICPC_DATE).is_not_null() | pl.col(ICPC_PLAN).is_not_null()
    )
    return {
        "ssd_s47_enquiry": TABLES["ssd_s47_enquiry"].complete(enquiries.select(
            pl.col("_s47").alias("s47e_s47_enquiry_id"),
            pl.col(CHILD).alias("s47e_person_id"),
            pl.col(S47_START).alias("s47e_s47_start_date"),
            yes_no(5, "Was an Initial Child Protection Conference deemed unnecessary?").alias(
                "s47e_s47_nfa"),
            pl.col("Allocated Team").alias("s47e_s47_completed_by_team"),
            pl.col("Allocated Worker").alias("s47e_s47_completed_by_worker_id"),
        )),
        "ssd_initial_cp_conference": TABLES["ssd_initial_cp_conference"].complete(
            conferences.select(
                (pl.col("_s47") + "/icpc").alias("icpc_icpc_id"),
                pl.col("_s47").alias("icpc_s47_enquiry_id"),
                pl.col(CHILD).alias("icpc_person_id"),
                pl.col(ICPC_DATE).alias("icpc_icpc_date"),
                yes_no(5, ICPC_PLAN).alias("icpc_icpc_outcome_cp_flag"),
            )
        ),
    }  # fmt: skip


def children_in_need(rows: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """List 6 → ``ssd_cin_episodes`` and the visit at which each child was last seen."""
    episodes = rows.sort(CHILD, "CIN Start Date", maintain_order=True).with_columns(
        mint("referral", CHILD, "CIN Start Date").alias("_referral")
    )
    seen = pl.col("Date Child Was Last Seen")
    return {
        "ssd_cin_episodes": TABLES["ssd_cin_episodes"].complete(episodes.select(
            pl.col("_referral").alias("cine_referral_id"),
            pl.col(CHILD).alias("cine_person_id"),
            pl.col("CIN Start Date").alias("cine_referral_date"),
            detailed(6, "Primary Need Code", PRIMARY_NEED).alias("cine_cin_primary_need_code"),
            pl.col("CIN Closure Date").alias("cine_close_date"),
            detailed(6, "Reason for Closure", CLOSE_REASON).alias("cine_close_reason"),
            pl.col("Allocated Team").alias("cine_referral_team"),
            pl.col("Allocated Worker").alias("cine_referral_worker_id"),
        )),
        "ssd_cin_visits": TABLES["ssd_cin_visits"].complete(
            episodes.filter(seen.is_not_null()).select(
                (pl.col("_referral") + "/seen").alias("cinv_cin_visit_id"),
                pl.col(CHILD).alias("cinv_person_id"),
                seen.alias("cinv_cin_visit_date"),
                pl.lit("Y").alias("cinv_cin_visit_seen"),
            )
        ),
    }  # fmt: skip
