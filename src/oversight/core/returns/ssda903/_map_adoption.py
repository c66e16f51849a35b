"""AD1 and PlacedAdoption ↔ ``ssd_permanence``.

Both tables date the decision that the child should be placed for adoption (AD1 DATE_INT,
PlacedAdoption DATE_PLACED; the DfE's rule 523 wants them equal), which the SSD holds once, as
``perm_adm_decision_date``. So each PlacedAdoption row is a permanence row, and an AD1 row joins
the child's permanence row with the same decision date, or becomes a row of its own.

====================  ==========================================
DATE_PLACED/DATE_INT  ``perm_adm_decision_date``
DATE_PLACED_CEASED    ``perm_decision_reversed_date``
REASON_PLACED_CEASED  ``perm_decision_reversed_reason``
DATE_MATCH            ``perm_matched_date``
FOSTER_CARE           ``perm_adopted_by_carer_flag``: 1 → Y, 0 → N
NB_ADOPTR             ``perm_number_of_adopters`` (text in the SSD)
SEX_ADOPTR            ``perm_adopter_sex``
LS_ADOPTR             ``perm_adopter_legal_status``
====================  ==========================================

Exporting writes a PlacedAdoption row for every permanence row with a decision date, and an
AD1 row for every permanence row with any AD1 field.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from oversight.core.returns.ssda903._ids import mint

TO_YES_NO = {"1": "Y", "0": "N"}
FROM_YES_NO = {"Y": "1", "N": "0"}
AD1_FIELDS = {
    "DATE_MATCH": "perm_matched_date",
    "FOSTER_CARE": "perm_adopted_by_carer_flag",
    "NB_ADOPTR": "perm_number_of_adopters",
    "SEX_ADOPTR": "perm_adopter_sex",
    "LS_ADOPTR": "perm_adopter_legal_status",
}
"""AD1 column → ``ssd_permanence`` column, beside the decision date."""
PLACED_FIELDS = {
    "DATE_PLACED": "perm_adm_decision_date",
    "DATE_PLACED_CEASED": "perm_decision_reversed_date",
    "REASON_PLACED_CEASED": "perm_decision_reversed_reason",
}
"""PlacedAdoption column → ``ssd_permanence`` column."""


def load_adoption(ad1: pl.DataFrame | None, placed: pl.DataFrame | None) -> dict[str, pl.DataFrame]:
    """``ssd_permanence`` from AD1 and PlacedAdoption (either may be absent)."""
    parts: list[pl.DataFrame] = []
    decisions = None
    if placed is not None:
        decisions = placed.select(
            "CHILD",
            "_src",
            *(pl.col(source).alias(target) for source, target in PLACED_FIELDS.items()),
        ).with_columns(pl.int_range(pl.len()).over("CHILD", "perm_adm_decision_date").alias("_nth"))
    if ad1 is not None:
        adopted = ad1.select(
            "CHILD",
            pl.col("_src").alias("_ad1_src"),
            pl.col("DATE_INT").alias("perm_adm_decision_date"),
            pl.col("DATE_MATCH").alias("perm_matched_date"),
            pl.col("FOSTER_CARE").replace(TO_YES_NO).alias("perm_adopted_by_carer_flag"),
            pl.col("NB_ADOPTR").cast(pl.String).alias("perm_number_of_adopters"),
            pl.col("SEX_ADOPTR").alias("perm_adopter_sex"),
            pl.col("LS_ADOPTR").alias("perm_adopter_legal_status"),
        ).with_columns(pl.int_range(pl.len()).over("CHILD", "perm_adm_decision_date").alias("_nth"))
        if decisions is None:
            parts.append(adopted.rename({"_ad1_src": "_src"}).drop("_nth"))
        else:
            on = ["CHILD", "perm_adm_decision_date", "_nth"]
            decisions = decisions.join(
                adopted, on=on, how="left", nulls_equal=False, maintain_order="left"
            )
            unmatched = adopted.join(decisions.select(on), on=on, how="anti", nulls_equal=False)
            parts.append(unmatched.rename({"_ad1_src": "_src"}).drop("_nth"))
    if decisions is not None:
        parts.insert(0, decisions.drop("_nth", "_ad1_src", strict=False))
    if not parts:
        return {}
    permanence = pl.concat(parts, how="diagonal")
    return {
        "ssd_permanence": permanence.select(
            mint("adoption-decision", date="perm_adm_decision_date").alias("perm_table_id"),
            pl.col("CHILD").alias("perm_person_id"),
            pl.exclude("CHILD"),
        )
    }


def export_placed_adoption(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """PlacedAdoption: every permanence row with a decision date."""
    return (
        frames["ssd_permanence"]
        .filter(pl.col("perm_adm_decision_date").is_not_null())
        .select(
            pl.col("perm_person_id").alias("CHILD"),
            *(pl.col(target).alias(source) for source, target in PLACED_FIELDS.items()),
        )
    )


def export_ad1(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """AD1: every permanence row with any AD1 field."""
    return (
        frames["ssd_permanence"]
        .filter(pl.any_horizontal(pl.col(name).is_not_null() for name in AD1_FIELDS.values()))
        .select(
            pl.col("perm_person_id").alias("CHILD"),
            pl.col("perm_adm_decision_date").alias("DATE_INT"),
            pl.col("perm_matched_date").alias("DATE_MATCH"),
            pl.col("perm_adopted_by_carer_flag").replace(FROM_YES_NO).alias("FOSTER_CARE"),
            pl.col("perm_number_of_adopters").alias("NB_ADOPTR"),
            pl.col("perm_adopter_sex").alias("SEX_ADOPTR"),
            pl.col("perm_adopter_legal_status").alias("LS_ADOPTR"),
        )
    )
