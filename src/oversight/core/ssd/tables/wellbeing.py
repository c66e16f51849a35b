"""Health, wellbeing and offending of children looked after (the 903's OC2 data).

Transcribed from the SSD object definitions (data-to-insight/ssd-data-model, data/objects,
commit 4987c73, 2026-07-14, MIT); differences from the published spec are listed in each
table's ``corrections`` and in docs/ssd-schema.md.
"""

import polars as pl

from oversight.core.ssd._model import Column, Feeds, ForeignKey, Table

CLA_HEALTH = Table(
    name="ssd_cla_health",
    description="Health assessments, dental checks and other health checks.",
    columns=(
        Column(
            "clah_health_check_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAH001A",
            description="Health Check ID",
        ),
        Column(
            "clah_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAH002A",
            description="Person Unique ID",
        ),
        Column(
            "clah_health_check_type",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.ANNEX_A),
            item_ref="CLAH003A",
            description="Health surveillance checks/ Health Assessment/ Dental Check",
        ),
        Column(
            "clah_health_check_date",
            pl.Date,
            feeds=(Feeds.SSDA903, Feeds.ANNEX_A),
            item_ref="CLAH004A",
            description="Date of Last Health Assessment",
        ),
        Column(
            "clah_health_check_status",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.ANNEX_A),
            item_ref="CLAH005A",
            description="",
        ),
    ),
    primary_key=("clah_health_check_id",),
    foreign_keys=(ForeignKey("clah_person_id", "ssd_cla_episodes.clae_person_id"),),
    corrections=(),
)

CLA_IMMUNISATIONS = Table(
    name="ssd_cla_immunisations",
    description="Immunisation status, one row per child.",
    columns=(
        Column(
            "clai_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAI002A",
            description="Person Unique ID",
        ),
        Column(
            "clai_immunisations_status",
            pl.String,
            feeds=(Feeds.SSDA903,),
            item_ref="CLAI004A",
            description="Immunisations up to Date",
        ),
        Column(
            "clai_immunisations_status_date",
            pl.Date,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAI005A",
            description="Immunisations Last Updated Date",
        ),
    ),
    primary_key=("clai_person_id",),
    foreign_keys=(ForeignKey("clai_person_id", "ssd_cla_episodes.clae_person_id"),),
    corrections=(
        "Primary key is clai_person_id (one current status per child): the spec lists the constraint but does not flag the field as a primary key.",
    ),
)

CLA_SUBSTANCE_MISUSE = Table(
    name="ssd_cla_substance_misuse",
    description="Substance misuse and interventions.",
    columns=(
        Column(
            "clas_substance_misuse_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAS001A",
            description="Substance Misuse ID",
        ),
        Column(
            "clas_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAS002A",
            description="Person Unique ID",
        ),
        Column(
            "clas_substance_misuse_date",
            pl.Date,
            feeds=(Feeds.SSDA903,),
            item_ref="CLAS003A",
            description="Date of substance misuse",
        ),
        Column(
            "clas_substance_misused",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAS004A",
            description="Substance misused",
        ),
        Column(
            "clas_intervention_received",
            pl.String,
            feeds=(Feeds.SSDA903,),
            item_ref="CLAS005A",
            description="Child received intervention for substance misuse problem",
        ),
    ),
    primary_key=("clas_substance_misuse_id",),
    foreign_keys=(ForeignKey("clas_person_id", "ssd_cla_episodes.clae_person_id"),),
    corrections=(),
)

CLA_CONVICTIONS = Table(
    name="ssd_cla_convictions",
    description="Convictions and final warnings.",
    columns=(
        Column(
            "clac_cla_conviction_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAC001A",
            description="Conviction ID",
        ),
        Column(
            "clac_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAC002A",
            description="Person Unique ID",
        ),
        Column(
            "clac_cla_conviction_date",
            pl.Date,
            feeds=(Feeds.SSDA903,),
            item_ref="CLAC003A",
            description="Date of Offence",
        ),
        Column(
            "clac_cla_conviction_offence",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="CLAC004A",
            description="Description",
        ),
    ),
    primary_key=("clac_cla_conviction_id",),
    foreign_keys=(ForeignKey("clac_person_id", "ssd_cla_episodes.clae_person_id"),),
    corrections=(),
)

SDQ_SCORES = Table(
    name="ssd_sdq_scores",
    description="Strengths and difficulties questionnaire (SDQ) scores.",
    columns=(
        Column(
            "csdq_table_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CSDQ001A",
            description="SDQ ID",
        ),
        Column(
            "csdq_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CSDQ002A",
            description="Person Unique ID",
        ),
        Column(
            "csdq_sdq_completed_date",
            pl.Date,
            feeds=(Feeds.LOCAL,),
            item_ref="CSDQ003A",
            description="SDQ Completed Date",
        ),
        Column(
            "csdq_sdq_reason",
            pl.String,
            feeds=(Feeds.SSDA903,),
            item_ref="CSDQ004A",
            description="SDQ Reason",
        ),
        Column(
            "csdq_sdq_score",
            pl.String,
            feeds=(Feeds.SSDA903,),
            item_ref="CSDQ005A",
            description="SDQ Score",
        ),
    ),
    primary_key=("csdq_table_id",),
    foreign_keys=(ForeignKey("csdq_person_id", "ssd_cla_episodes.clae_person_id"),),
    corrections=(),
)

TABLES = (
    CLA_HEALTH,
    CLA_IMMUNISATIONS,
    CLA_SUBSTANCE_MISUSE,
    CLA_CONVICTIONS,
    SDQ_SCORES,
)
