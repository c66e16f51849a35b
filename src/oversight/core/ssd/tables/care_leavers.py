"""Care leavers.

Transcribed from the SSD object definitions (data-to-insight/ssd-data-model, data/objects,
commit 4987c73, 2026-07-14, MIT); differences from the published spec are listed in each
table's ``corrections`` and in docs/ssd-schema.md.
"""

import polars as pl

from oversight.core.ssd._model import Column, Feeds, ForeignKey, Table

CARE_LEAVERS = Table(
    name="ssd_care_leavers",
    description="Care leavers: eligibility, contact, accommodation, activity, pathway plans.",
    columns=(
        Column(
            "clea_table_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CLEA001A",
            description="Care Leaver Table ID",
        ),
        Column(
            "clea_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CLEA002A",
            description="Person Unique ID",
        ),
        Column(
            "clea_care_leaver_eligibility",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CLEA003A",
            description="Eligibility Status/ Category",
        ),
        Column(
            "clea_care_leaver_in_touch",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.RIIA),
            item_ref="CLEA004A",
            description="In Touch Category",
        ),
        Column(
            "clea_care_leaver_latest_contact",
            pl.Date,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CLEA005A",
            description="Latest Date of Contact",
        ),
        Column(
            "clea_care_leaver_accommodation",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.RIIA, Feeds.ANNEX_A),
            item_ref="CLEA006A",
            description="Accommodation",
        ),
        Column(
            "clea_care_leaver_accom_suitable",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CLEA007A",
            description="Suitability of Accommodation",
        ),
        Column(
            "clea_care_leaver_activity",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.RIIA, Feeds.ANNEX_A),
            item_ref="CLEA008A",
            description="Activity Status",
        ),
        Column(
            "clea_pathway_plan_review_date",
            pl.Date,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CLEA009A",
            description="Latest Pathway Plan Review Date",
        ),
        Column(
            "clea_care_leaver_personal_advisor",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CLEA010A",
            description="Allocated Personal Advisor",
        ),
        Column(
            "clea_care_leaver_allocated_team",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CLEA011A",
            description="Allocated Team",
        ),
        Column(
            "clea_care_leaver_worker_id",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CLEA012A",
            description="Allocated Worker ID",
        ),
    ),
    primary_key=("clea_table_id",),
    foreign_keys=(
        ForeignKey("clea_person_id", "ssd_person.pers_person_id"),
        ForeignKey("clea_care_leaver_allocated_team", "ssd_department.dept_team_id"),
        ForeignKey("clea_care_leaver_worker_id", "ssd_professionals.prof_professional_id"),
    ),
    corrections=(),
)

TABLES = (CARE_LEAVERS,)
