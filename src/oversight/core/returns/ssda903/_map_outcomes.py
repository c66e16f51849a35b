"""OC2 and OC3 ↔ the SSD's health, wellbeing, offending and care-leaver tables.

OC2 (outcomes of children looked after for a year) is a row of flags; the SSD records events:

=====================  ===================================================================
903                    SSD
=====================  ===================================================================
SDQ_SCORE, SDQ_REASON  a row of ``ssd_sdq_scores`` when either is given
CONVICTED 1            a row of ``ssd_cla_convictions`` (date and offence unknown)
HEALTH_ASSESSMENT 1    a row of ``ssd_cla_health``, type RHA, status Completed
TEETH_CHECK 1          a row of ``ssd_cla_health``, type DENTAL, status Completed
IMMUNISATIONS 1/0      ``ssd_cla_immunisations``: Y/N
SUBSTANCE_MISUSE 1     a row of ``ssd_cla_substance_misuse``, with INTERVENTION_RECEIVED as
                       ``clas_intervention_received`` Y/N
HEALTH_CHECK,          not held: the SSD has no place for health surveillance checks of
INTERVENTION_OFFERED   under-fives or for an intervention offered (reported on loading)
=====================  ===================================================================

Flags of 0 and blanks both leave no SSD row; exporting writes 0 where there is no row, for
every child with a row in any of these tables (the OC2 population of the SSD). OC3:

=========  =====================================================================
IN_TOUCH   ``clea_care_leaver_in_touch``
ACTIV      ``clea_care_leaver_activity``; 0 (no activity recorded) is null
ACCOM      letter → ``clea_care_leaver_accommodation``, digit (1 suitable, 2 not) →
           ``clea_care_leaver_accom_suitable``; 0 is null in both
=========  =====================================================================
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from oversight.core.returns.ssda903._ids import mint

HEALTH_ASSESSMENT = "RHA"
"""``clah_health_check_type`` of an annual (review) health assessment."""
DENTAL = "DENTAL"
"""``clah_health_check_type`` of a dental check."""
COMPLETED = "Completed"
"""``clah_health_check_status`` of a check done."""
TO_YES_NO = {"1": "Y", "0": "N"}
FROM_YES_NO = {"Y": "1", "N": "0"}
OC2_TABLES = (
    "ssd_sdq_scores", "ssd_cla_convictions", "ssd_cla_health", "ssd_cla_immunisations",
    "ssd_cla_substance_misuse",
)  # fmt: skip
NOT_HELD = ("HEALTH_CHECK", "INTERVENTION_OFFERED")
"""OC2 fields the SSD has no place for."""


def load_oc2(oc2: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The SSD rows OC2's flags stand for."""
    yes = {name: (pl.col(name) == "1").fill_null(False) for name in oc2.columns}
    health = pl.concat(
        [
            oc2.filter(yes["HEALTH_ASSESSMENT"]).select(
                "CHILD", "_src", pl.lit(HEALTH_ASSESSMENT).alias("clah_health_check_type")
            ),
            oc2.filter(yes["TEETH_CHECK"]).select(
                "CHILD", "_src", pl.lit(DENTAL).alias("clah_health_check_type")
            ),
        ]
    ).sort("_src", maintain_order=True)
    return {
        "ssd_sdq_scores": oc2.filter(
            pl.col("SDQ_SCORE").is_not_null() | pl.col("SDQ_REASON").is_not_null()
        ).select(
            mint("sdq").alias("csdq_table_id"),
            pl.col("CHILD").alias("csdq_person_id"),
            pl.col("SDQ_REASON").alias("csdq_sdq_reason"),
            pl.col("SDQ_SCORE").cast(pl.String).alias("csdq_sdq_score"),
            "_src",
        ),
        "ssd_cla_convictions": oc2.filter(yes["CONVICTED"]).select(
            mint("conviction").alias("clac_cla_conviction_id"),
            pl.col("CHILD").alias("clac_person_id"),
            "_src",
        ),
        "ssd_cla_health": health.select(
            pl.concat_str([pl.col("CHILD"), pl.lit("health"), pl.col("clah_health_check_type")],
                          separator="/").alias("clah_health_check_id"),
            pl.col("CHILD").alias("clah_person_id"),
            "clah_health_check_type",
            pl.lit(COMPLETED).alias("clah_health_check_status"),
            "_src",
        ),
        "ssd_cla_immunisations": oc2.filter(pl.col("IMMUNISATIONS").is_not_null()).select(
            pl.col("CHILD").alias("clai_person_id"),
            pl.col("IMMUNISATIONS").replace(TO_YES_NO).alias("clai_immunisations_status"),
            "_src",
        ),
        "ssd_cla_substance_misuse": oc2.filter(yes["SUBSTANCE_MISUSE"]).select(
            mint("substance-misuse").alias("clas_substance_misuse_id"),
            pl.col("CHILD").alias("clas_person_id"),
            pl.col("INTERVENTION_RECEIVED").replace(TO_YES_NO).alias("clas_intervention_received"),
            "_src",
        ),
    }  # fmt: skip


def export_oc2(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """One OC2 row per child with a row in any of the SSD's OC2 tables, in ``ssd_person`` order
    (children without a person row last)."""
    persons = {
        "ssd_sdq_scores": "csdq_person_id", "ssd_cla_convictions": "clac_person_id",
        "ssd_cla_health": "clah_person_id", "ssd_cla_immunisations": "clai_person_id",
        "ssd_cla_substance_misuse": "clas_person_id",
    }  # fmt: skip
    present = [name for name in OC2_TABLES if name in frames]
    children = (
        pl.concat([frames[name].select(pl.col(persons[name]).alias("CHILD")) for name in present])
        .unique(maintain_order=True)
        .drop_nulls()
    )
    people = frames.get("ssd_person")
    if people is not None:
        order = people.select(pl.col("pers_person_id").alias("CHILD")).with_row_index("_order")
        children = (
            children.join(order, on="CHILD", how="left", maintain_order="left")
            .sort("_order", nulls_last=True, maintain_order=True)
            .drop("_order")
        )
    oc2 = children
    if "ssd_sdq_scores" in frames:
        scores = frames["ssd_sdq_scores"].group_by("csdq_person_id", maintain_order=True).agg(
            pl.col("csdq_sdq_score").sort_by("csdq_sdq_completed_date", nulls_last=False,
                                             maintain_order=True).last().alias("SDQ_SCORE"),
            pl.col("csdq_sdq_reason").sort_by("csdq_sdq_completed_date", nulls_last=False,
                                              maintain_order=True).last().alias("SDQ_REASON"),
        )  # fmt: skip
        oc2 = _join(oc2, scores, "csdq_person_id")
    oc2 = _flag(oc2, frames, "ssd_cla_convictions", "clac_person_id", "CONVICTED", pl.lit(True))
    if "ssd_cla_health" in frames:
        completed = pl.col("clah_health_check_status").is_null() | (
            pl.col("clah_health_check_status").str.to_lowercase() == COMPLETED.lower()
        )
        kind = pl.col("clah_health_check_type").str.to_uppercase()
        oc2 = _flag(
            oc2,
            frames,
            "ssd_cla_health",
            "clah_person_id",
            "HEALTH_ASSESSMENT",
            completed & kind.is_in(["RHA", "IHA"]),
        )
        oc2 = _flag(
            oc2,
            frames,
            "ssd_cla_health",
            "clah_person_id",
            "TEETH_CHECK",
            completed & (kind == DENTAL),
        )
    if "ssd_cla_immunisations" in frames:
        status = (
            frames["ssd_cla_immunisations"]
            .select(
                pl.col("clai_person_id"),
                pl.col("clai_immunisations_status").replace(FROM_YES_NO).alias("IMMUNISATIONS"),
            )
            .unique("clai_person_id", keep="first", maintain_order=True)
        )
        oc2 = _join(oc2, status, "clai_person_id")
    if "ssd_cla_substance_misuse" in frames:
        misuse = frames["ssd_cla_substance_misuse"].group_by("clas_person_id").agg(
            pl.lit("1").alias("SUBSTANCE_MISUSE"),
            pl.when((pl.col("clas_intervention_received") == "Y").any()).then(pl.lit("1"))
            .when((pl.col("clas_intervention_received") == "N").any()).then(pl.lit("0"))
            .otherwise(pl.col("clas_intervention_received").drop_nulls().first())
            .alias("INTERVENTION_RECEIVED"),
        )  # fmt: skip
        oc2 = _join(oc2, misuse, "clas_person_id").with_columns(
            pl.col("SUBSTANCE_MISUSE").fill_null("0")
        )
    else:
        oc2 = oc2.with_columns(pl.lit("0").alias("SUBSTANCE_MISUSE"))
    return oc2


def _join(oc2: pl.DataFrame, other: pl.DataFrame, person: str) -> pl.DataFrame:
    return oc2.join(other, left_on="CHILD", right_on=person, how="left", maintain_order="left")


def _flag(
    oc2: pl.DataFrame,
    frames: Mapping[str, pl.DataFrame],
    name: str,
    person: str,
    alias: str,
    condition: pl.Expr,
) -> pl.DataFrame:
    """``oc2`` with ``alias`` 1 for children with a row of ``name`` meeting ``condition``, else 0."""
    if name not in frames:
        return oc2.with_columns(pl.lit("0").alias(alias))
    children = frames[name].filter(condition).select(pl.col(person)).unique()
    return oc2.with_columns(
        pl.when(pl.col("CHILD").is_in(children[person].implode())).then(pl.lit("1"))
        .otherwise(pl.lit("0")).alias(alias)
    )  # fmt: skip


def load_oc3(oc3: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """``ssd_care_leavers`` from OC3."""
    accom = pl.col("ACCOM").replace("0", None)
    return {
        "ssd_care_leavers": oc3.select(
            mint("care-leaver").alias("clea_table_id"),
            pl.col("CHILD").alias("clea_person_id"),
            pl.col("IN_TOUCH").alias("clea_care_leaver_in_touch"),
            accom.str.slice(0, 1).alias("clea_care_leaver_accommodation"),
            accom.str.slice(1).replace("", None).alias("clea_care_leaver_accom_suitable"),
            pl.col("ACTIV").replace("0", None).alias("clea_care_leaver_activity"),
            "_src",
        )
    }


def export_oc3(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """One OC3 row per row of ``ssd_care_leavers``."""
    letter = pl.col("clea_care_leaver_accommodation")
    return frames["ssd_care_leavers"].select(
        pl.col("clea_person_id").alias("CHILD"),
        pl.col("clea_care_leaver_in_touch").alias("IN_TOUCH"),
        pl.col("clea_care_leaver_activity").fill_null("0").alias("ACTIV"),
        pl.when(letter.is_null())
        .then(pl.lit("0"))
        .otherwise(pl.concat_str([letter, pl.col("clea_care_leaver_accom_suitable")],
                                 ignore_nulls=True))
        .alias("ACCOM"),
    )  # fmt: skip
