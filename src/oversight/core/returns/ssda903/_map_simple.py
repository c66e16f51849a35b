"""Missing, PrevPerm and SWEpisodes ↔ ``ssd_missing``, ``ssd_cla_previous_permanence``,
``ssd_involvements``: one SSD row per 903 row, field for field.

==============  ===========================================================================
903             SSD
==============  ===========================================================================
MISSING         ``miss_missing_episode_type``
MIS_START       ``miss_missing_episode_start_date``
MIS_END         ``miss_missing_episode_end_date``
PREV_PERM       ``lapp_previous_permanence_option``
LA_PERM         ``lapp_previous_permanence_la``
DATE_PERM       ``lapp_previous_permanence_order_date`` (text: ``zz`` marks unknown parts)
SW_ID           ``invo_professional_id``; exported as the professional's Social Work England
                registration number (``prof_social_worker_registration_no``) when known
SW_DECOM        ``invo_involvement_start_date``
SW_DEC          ``invo_involvement_end_date``
SW_REASON       ``invo_worker_change_reason``
==============  ===========================================================================

Involvements loaded from SWEpisodes have the role ``ALLOCATED_WORKER``
(``oversight.core.ssd.codes``), and only involvements with that role are exported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

from oversight.core.returns.ssda903._ids import mint
from oversight.core.ssd.codes import ALLOCATED_WORKER_ROLE


@dataclass(frozen=True)
class Simple:
    """A 903 table whose rows map one to one onto an SSD table's."""

    key: str
    """The 903 table."""
    ssd: str
    """The SSD table."""
    id: str
    """The SSD table's id column, minted on loading."""
    person: str
    """The SSD table's person column (CHILD)."""
    kind: str
    """The kind named in minted ids."""
    date: str | None
    """The 903 date minted into ids."""
    fields: Mapping[str, str]
    """903 column → SSD column."""
    constants: Mapping[str, str] = field(default_factory=dict)
    """SSD columns set on loading, and required on exporting."""


SIMPLE = (
    Simple(
        "missing", "ssd_missing", "miss_table_id", "miss_person_id", "missing", "MIS_START",
        {"MISSING": "miss_missing_episode_type", "MIS_START": "miss_missing_episode_start_date",
         "MIS_END": "miss_missing_episode_end_date"},
    ),
    Simple(
        "prev_perm", "ssd_cla_previous_permanence", "lapp_table_id", "lapp_person_id",
        "previous-permanence", None,
        {"PREV_PERM": "lapp_previous_permanence_option", "LA_PERM": "lapp_previous_permanence_la",
         "DATE_PERM": "lapp_previous_permanence_order_date"},
    ),
    Simple(
        "social_worker", "ssd_involvements", "invo_involvements_id", "invo_person_id",
        "social-worker", "SW_DECOM",
        {"SW_ID": "invo_professional_id", "SW_DECOM": "invo_involvement_start_date",
         "SW_DEC": "invo_involvement_end_date", "SW_REASON": "invo_worker_change_reason"},
        constants={"invo_professional_role_id": ALLOCATED_WORKER_ROLE},
    ),
)  # fmt: skip
"""The one-to-one tables."""


def load_simple(simple: Simple, frame: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The SSD rows of ``simple``'s 903 ``frame``."""
    return {
        simple.ssd: frame.select(
            mint(simple.kind, date=simple.date).alias(simple.id),
            pl.col("CHILD").alias(simple.person),
            *(pl.col(source).alias(target) for source, target in simple.fields.items()),
            *(pl.lit(value).alias(name) for name, value in simple.constants.items()),
            "_src",
        )
    }


def export_simple(simple: Simple, frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """The 903 rows of ``simple`` from its SSD table, in the SSD's order."""
    rows = frames[simple.ssd]
    for name, value in simple.constants.items():
        rows = rows.filter(pl.col(name) == value)
    exported = rows.select(
        pl.col(simple.person).alias("CHILD"),
        *(pl.col(target).alias(source) for source, target in simple.fields.items()),
    )
    professionals = frames.get("ssd_professionals")
    if simple.key == "social_worker" and professionals is not None:
        numbers = professionals.select(
            pl.col("prof_professional_id").alias("SW_ID"),
            pl.col("prof_social_worker_registration_no").alias("_number"),
        ).unique("SW_ID", keep="first", maintain_order=True)
        exported = exported.join(numbers, on="SW_ID", how="left", maintain_order="left")
        exported = exported.with_columns(pl.coalesce("_number", "SW_ID").alias("SW_ID")).drop(
            "_number"
        )
    return exported
