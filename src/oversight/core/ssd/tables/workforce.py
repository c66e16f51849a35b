"""Workforce: professionals, teams (departments) and their involvements with children.

Transcribed from the SSD object definitions (data-to-insight/ssd-data-model, data/objects,
commit 4987c73, 2026-07-14, MIT); differences from the published spec are listed in each
table's ``corrections`` and in docs/ssd-schema.md.
"""

import polars as pl

from oversight.core.ssd._model import Column, Feeds, ForeignKey, Table

PROFESSIONALS = Table(
    name="ssd_professionals",
    description="Social workers and other professionals.",
    columns=(
        Column(
            "prof_professional_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="PROF001A",
            description="Professionals table row ID",
        ),
        Column(
            "prof_staff_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="PROF010A",
            description="Staff Identifier",
        ),
        Column(
            "prof_professional_name",
            pl.String,
            feeds=(Feeds.ANNEX_A,),
            item_ref="PROF013A",
            description="Staff name",
        ),
        Column(
            "prof_social_worker_registration_no",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="PROF002A",
            description="Social worker ID - Social Work England (SWE) registration number- if available",
        ),
        Column(
            "prof_professional_job_title",
            pl.String,
            feeds=(Feeds.CSCWF, Feeds.RIIA),
            item_ref="PROF007A",
            description="Worker job title e.g. Social Worker",
        ),
        Column(
            "prof_professional_caseload",
            pl.Int64,
            feeds=(Feeds.CSCWF, Feeds.RIIA),
            item_ref="PROF008A",
            description="Number of cases held on previous 30th Sept",
        ),
        Column(
            "prof_professional_department",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="PROF012A",
            description="Worker Department e.g. 'Youth Support Team West'",
        ),
        Column(
            "prof_full_time_equivalency",
            pl.Float64,
            feeds=(Feeds.LOCAL,),
            item_ref="PROF011A",
            description="Full Time Equivalency",
        ),
        Column(
            "prof_agency_worker_flag",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="PROF014A",
            description="Flag for whether the worker is agency",
        ),
    ),
    primary_key=("prof_professional_id",),
    foreign_keys=(),
    corrections=(),
)

DEPARTMENT = Table(
    name="ssd_department",
    description="Teams (departments) and their parents in the service hierarchy.",
    columns=(
        Column(
            "dept_team_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="DEPT1001A",
            description="Department or Team ID",
        ),
        Column(
            "dept_team_name",
            pl.String,
            feeds=(Feeds.LOCAL, Feeds.ANNEX_A),
            item_ref="DEPT1002A",
            description="Department or Team name",
        ),
        Column(
            "dept_team_parent_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="DEPT1003A",
            description="Parent Department or Team ID",
        ),
        Column(
            "dept_team_parent_name",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="DEPT1004A",
            description="Parent Department or Team name",
        ),
    ),
    primary_key=("dept_team_id",),
    foreign_keys=(ForeignKey("dept_team_parent_id", "ssd_department.dept_team_id"),),
    corrections=(
        "Primary key is dept_team_id: the spec lists the constraint but does not flag the field as a primary key.",
    ),
)

INVOLVEMENTS = Table(
    name="ssd_involvements",
    description="Allocations: which professional and team work with which child, and when.",
    columns=(
        Column(
            "invo_involvements_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="INVO005A",
            description="Involvements table row ID",
        ),
        Column(
            "invo_professional_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="INVO006A",
            description="Worker ID",
        ),
        Column(
            "invo_professional_role_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="INVO007A",
            description="Worker role e.g. Allocated Case Worker",
        ),
        Column(
            "invo_professional_team",
            pl.String,
            feeds=(Feeds.ANNEX_A,),
            item_ref="INVO009A",
            description="Worker Team",
        ),
        Column(
            "invo_involvement_start_date",
            pl.Date,
            feeds=(Feeds.RIIA,),
            item_ref="INVO002A",
            description="Social worker episode start date",
        ),
        Column(
            "invo_involvement_end_date",
            pl.Date,
            feeds=(Feeds.RIIA,),
            item_ref="INVO003A",
            description="Social worker episode end date",
        ),
        Column(
            "invo_worker_change_reason",
            pl.String,
            feeds=(Feeds.RIIA,),
            item_ref="INVO004A",
            description="Reason for worker change",
        ),
        Column(
            "invo_person_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="INVO011A",
            description="Person Unique ID",
        ),
        Column(
            "invo_referral_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="INVO010A",
            description="Referral ID",
        ),
    ),
    primary_key=("invo_involvements_id",),
    foreign_keys=(
        ForeignKey("invo_professional_id", "ssd_professionals.prof_professional_id"),
        ForeignKey("invo_professional_team", "ssd_department.dept_team_id"),
        ForeignKey("invo_person_id", "ssd_person.pers_person_id"),
    ),
    corrections=(
        "Primary key is invo_involvements_id: the spec lists the constraint but does not flag the field as a primary key.",
        "invo_person_id references ssd_person.pers_person_id: the spec declares no reference for it.",
    ),
)

TABLES = (
    PROFESSIONALS,
    DEPARTMENT,
    INVOLVEMENTS,
)
