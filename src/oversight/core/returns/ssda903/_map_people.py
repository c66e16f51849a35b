"""Header and UASC ↔ ``ssd_person``, ``ssd_linked_identifiers``, ``ssd_mother``,
``ssd_immigration_status``.

=========  ================================================================================
903        SSD
=========  ================================================================================
CHILD      ``pers_person_id``
SEX        ``pers_sex`` (current codes: 1/2 become M/F)
DOB        ``pers_dob``
ETHNIC     ``pers_ethnicity``
UPN        an unknown-UPN code (UN1–UN7) → ``pers_upn_unknown``; a UPN → a row of
           ``ssd_linked_identifiers`` of type "Unique Pupil Number" (``ssd_person`` has no UPN)
MOTHER     ``pers_is_mother``: 1 → Y, 0 → N
MC_DOB     a row of ``ssd_mother`` (``moth_childs_dob``), and an ``ssd_person`` row for the
           mother's child, whose id is minted, holding only the date of birth
UASC row   a row of ``ssd_immigration_status`` with status UASC; DUC → its end date
=========  ================================================================================

Loaders require the return's frames with current codes and ``_src``; they provide partial SSD
frames with ``_src``. Exporters require complete SSD frames and provide 903 frames with text
codes, before codes are put in the year's terms.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from oversight.core.returns.ssda903._ids import mint
from oversight.core.ssd.codes import CODES

UPN_TYPE = "Unique Pupil Number"
"""``link_identifier_type`` of a child's UPN, as the SSD spells it."""
UPN_UNKNOWN = CODES[("ssd_person", "pers_upn_unknown")]
"""Codes written in the UPN field when the UPN is unknown."""
UASC_STATUS = "UASC"
"""``immi_immigration_status`` of an unaccompanied asylum-seeking child."""
TO_YES_NO = {"1": "Y", "0": "N"}
FROM_YES_NO = {"Y": "1", "N": "0"}


def load_header(header: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """``ssd_person``, ``ssd_linked_identifiers`` and ``ssd_mother`` from the Header."""
    is_unknown = pl.col("UPN").is_in(UPN_UNKNOWN).fill_null(False)
    people = header.select(
        pl.col("CHILD").alias("pers_person_id"),
        pl.col("SEX").alias("pers_sex"),
        pl.col("DOB").alias("pers_dob"),
        pl.col("ETHNIC").alias("pers_ethnicity"),
        pl.col("MOTHER").replace(TO_YES_NO).alias("pers_is_mother"),
        pl.when(is_unknown).then(pl.col("UPN")).alias("pers_upn_unknown"),
        "_src",
    )
    upns = header.filter(pl.col("UPN").is_not_null() & ~is_unknown).select(
        mint("upn").alias("link_table_id"),
        pl.col("CHILD").alias("link_person_id"),
        pl.lit(UPN_TYPE).alias("link_identifier_type"),
        pl.col("UPN").alias("link_identifier_value"),
        "_src",
    )
    mothers = header.filter(pl.col("MC_DOB").is_not_null()).select(
        mint("mother", date="MC_DOB").alias("moth_table_id"),
        pl.col("CHILD").alias("moth_person_id"),
        mint("child", date="MC_DOB").alias("moth_childs_person_id"),
        pl.col("MC_DOB").alias("moth_childs_dob"),
        "_src",
    )
    babies = mothers.select(
        pl.col("moth_childs_person_id").alias("pers_person_id"),
        pl.col("moth_childs_dob").alias("pers_dob"),
        "_src",
    )
    return {
        "ssd_person": pl.concat([people, babies], how="diagonal"),
        "ssd_linked_identifiers": upns,
        "ssd_mother": mothers,
    }


def load_uasc(uasc: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """``ssd_immigration_status`` rows of status UASC from the UASC table."""
    return {
        "ssd_immigration_status": uasc.select(
            pl.col("CHILD").alias("immi_person_id"),
            mint("uasc").alias("immi_immigration_status_id"),
            pl.lit(UASC_STATUS).alias("immi_immigration_status"),
            pl.col("DUC").alias("immi_immigration_status_end_date"),
            "_src",
        )
    }


def export_header(frames: Mapping[str, pl.DataFrame], children: pl.Series) -> pl.DataFrame:
    """The Header of ``children``, in ``ssd_person`` order (a child without a row is left out)."""
    people = frames["ssd_person"].filter(pl.col("pers_person_id").is_in(children.implode()))
    header = people.select(
        pl.col("pers_person_id").alias("CHILD"),
        pl.col("pers_sex").alias("SEX"),
        pl.col("pers_dob").alias("DOB"),
        pl.col("pers_ethnicity").alias("ETHNIC"),
        pl.col("pers_upn_unknown").alias("_upn_unknown"),
        pl.col("pers_is_mother").replace(FROM_YES_NO).alias("MOTHER"),
    )
    linked = frames.get("ssd_linked_identifiers")
    if linked is not None:
        upns = (
            linked.filter(
                pl.col("link_identifier_type")
                .str.to_lowercase()
                .is_in(["unique pupil number", "upn"])
            )
            .group_by("link_person_id", maintain_order=True)
            .agg(
                pl.col("link_identifier_value")
                .sort_by("link_valid_from_date", nulls_last=False, maintain_order=True)
                .last()
                .alias("_upn")
            )
        )
        header = header.join(
            upns, left_on="CHILD", right_on="link_person_id", how="left", maintain_order="left"
        )
    else:
        header = header.with_columns(pl.lit(None, dtype=pl.String).alias("_upn"))
    mothers = frames.get("ssd_mother")
    if mothers is not None:
        latest = mothers.group_by("moth_person_id").agg(
            pl.col("moth_childs_dob").max().alias("MC_DOB")
        )
        header = header.join(
            latest, left_on="CHILD", right_on="moth_person_id", how="left", maintain_order="left"
        )
    else:
        header = header.with_columns(pl.lit(None, dtype=pl.Date).alias("MC_DOB"))
    return header.select(
        "CHILD", "SEX", "DOB", "ETHNIC",
        pl.coalesce("_upn", "_upn_unknown").alias("UPN"),
        "MOTHER", "MC_DOB",
    )  # fmt: skip


def export_uasc(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """One UASC row per child with a UASC status: the latest by start, then end date."""
    statuses = frames["ssd_immigration_status"].filter(
        pl.col("immi_immigration_status").str.to_uppercase() == UASC_STATUS
    )
    order = ["immi_immigration_status_start_date", "immi_immigration_status_end_date"]
    return (
        statuses.group_by("immi_person_id", maintain_order=True)
        .agg(
            pl.col("immi_immigration_status_end_date")
            .sort_by(order, nulls_last=False, maintain_order=True)
            .last()
        )
        .select(
            pl.col("immi_person_id").alias("CHILD"),
            pl.col("immi_immigration_status_end_date").alias("DUC"),
        )
    )
