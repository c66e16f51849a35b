"""Contacts, early help, referrals, assessments, CIN plans and visits.

Transcribed from the SSD object definitions (data-to-insight/ssd-data-model, data/objects,
commit 4987c73, 2026-07-14, MIT); differences from the published spec are listed in each
table's ``corrections`` and in docs/ssd-schema.md.
"""

import polars as pl

from oversight.core.ssd._model import Column, Feeds, ForeignKey, Table

CONTACTS = Table(
    name="ssd_contacts",
    description="Contacts received about a child (front door), with source and outcome.",
    columns=(
        Column(
            "cont_contact_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CONT001A",
            description="Contact ID",
        ),
        Column(
            "cont_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CONT002A",
            description="Person Unique ID",
        ),
        Column(
            "cont_contact_date",
            pl.Date,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CONT003A",
            description="Date of Contact",
        ),
        Column(
            "cont_contact_source_code",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CONT004A",
            description="Contact Source Code",
        ),
        Column(
            "cont_contact_source_desc",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="CONT006A",
            description="Contact Source Description",
        ),
        Column(
            "cont_contact_outcome_json",
            pl.String,
            feeds=(Feeds.ADCS_SP, Feeds.RIIA),
            item_ref="CONT005A",
            description="Contact Outcome",
        ),
    ),
    primary_key=("cont_contact_id",),
    foreign_keys=(ForeignKey("cont_person_id", "ssd_person.pers_person_id"),),
    corrections=(),
)

EARLY_HELP_EPISODES = Table(
    name="ssd_early_help_episodes",
    description="Early help episodes.",
    columns=(
        Column(
            "earl_episode_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="EARL001A",
            description="EH Episode ID",
        ),
        Column(
            "earl_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="EARL002A",
            description="Person Unique ID",
        ),
        Column(
            "earl_episode_start_date",
            pl.Date,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="EARL003A",
            description="EH Episode Start Date",
        ),
        Column(
            "earl_episode_end_date",
            pl.Date,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="EARL004A",
            description="EH Episode End Date",
        ),
        Column(
            "earl_episode_reason",
            pl.String,
            feeds=(Feeds.ADCS_SP, Feeds.RIIA),
            item_ref="EARL005A",
            description="EH Episode Reason for Involvement",
        ),
        Column(
            "earl_episode_end_reason",
            pl.String,
            feeds=(Feeds.ADCS_SP, Feeds.RIIA),
            item_ref="EARL006A",
            description="EH Episode End Reason",
        ),
        Column(
            "earl_episode_organisation",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="EARL007A",
            description="EH Episode Allocated Organisation",
        ),
        Column(
            "earl_episode_worker_id",
            pl.String,
            feeds=(Feeds.RIIA,),
            item_ref="EARL008A",
            description="EH Episode Allocated Worker",
        ),
    ),
    primary_key=("earl_episode_id",),
    foreign_keys=(
        ForeignKey("earl_person_id", "ssd_person.pers_person_id"),
        ForeignKey("earl_episode_worker_id", "ssd_professionals.prof_professional_id"),
    ),
    corrections=(),
)

CIN_EPISODES = Table(
    name="ssd_cin_episodes",
    description="Referrals and the CIN episodes they open, to closure.",
    columns=(
        Column(
            "cine_referral_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CINE001A",
            description="CIN Referral ID",
        ),
        Column(
            "cine_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CINE002A",
            description="Person Unique ID",
        ),
        Column(
            "cine_referral_date",
            pl.Date,
            feeds=(Feeds.CIN, Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINE003A",
            description="CIN Referral Date",
        ),
        Column(
            "cine_cin_primary_need_code",
            pl.String,
            feeds=(Feeds.CIN, Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINE010A",
            description="CIN Primary Need Code",
        ),
        Column(
            "cine_referral_source_code",
            pl.String,
            feeds=(Feeds.CIN, Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINE004A",
            description="CIN Referral Source code",
        ),
        Column(
            "cine_referral_source_desc",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="CINE012A",
            description="CIN Referral Source description",
        ),
        Column(
            "cine_referral_outcome_json",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINE005A",
            description="CIN Referral Outcome",
        ),
        Column(
            "cine_referral_nfa",
            pl.String,
            feeds=(Feeds.CIN, Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINE011A",
            description="CIN Referral NFA Flag",
        ),
        Column(
            "cine_close_reason",
            pl.String,
            feeds=(Feeds.CIN, Feeds.RIIA),
            item_ref="CINE006A",
            description="CIN Closure Reason",
        ),
        Column(
            "cine_close_date",
            pl.Date,
            feeds=(Feeds.CIN, Feeds.RIIA),
            item_ref="CINE007A",
            description="CIN Closure Date",
        ),
        Column(
            "cine_referral_team",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINE008A",
            description="CIN Referral Completed by Team",
        ),
        Column(
            "cine_referral_worker_id",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINE009A",
            description="CIN Referral Completed by Worker Name",
        ),
    ),
    primary_key=("cine_referral_id",),
    foreign_keys=(
        ForeignKey("cine_person_id", "ssd_person.pers_person_id"),
        ForeignKey("cine_referral_team", "ssd_department.dept_team_id"),
        ForeignKey("cine_referral_worker_id", "ssd_professionals.prof_professional_id"),
    ),
    corrections=("cine_referral_id feeds Local: the spec spells it 'Loca;'.",),
)

CIN_ASSESSMENTS = Table(
    name="ssd_cin_assessments",
    description="Child and family (single) assessments.",
    columns=(
        Column(
            "cina_assessment_id",
            pl.String,
            required=True,
            feeds=(Feeds.CIN, Feeds.RIIA),
            item_ref="CINA001A",
            description="Assessment ID",
        ),
        Column(
            "cina_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CINA002A",
            description="Person Unique ID",
        ),
        Column(
            "cina_referral_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="CINA010A",
            description="Referral ID",
        ),
        Column(
            "cina_assessment_start_date",
            pl.Date,
            feeds=(Feeds.CIN, Feeds.RIIA),
            item_ref="CINA003A",
            description="Assessment Start Date",
        ),
        Column(
            "cina_assessment_child_seen",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINA004A",
            description="Child Seen During Assessment",
        ),
        Column(
            "cina_assessment_auth_date",
            pl.Date,
            feeds=(Feeds.CIN, Feeds.RIIA, Feeds.ANNEX_A),
            item_ref="CINA005A",
            description="Assessment Authorised Date",
        ),
        Column(
            "cina_assessment_outcome_json",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINA006A",
            description="Assessment Outcome",
        ),
        Column(
            "cina_assessment_outcome_nfa",
            pl.String,
            feeds=(Feeds.CIN, Feeds.RIIA, Feeds.ANNEX_A),
            item_ref="CINA009A",
            description="Assessment NFA",
        ),
        Column(
            "cina_assessment_team",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINA007A",
            description="Assessment Completed by Team",
        ),
        Column(
            "cina_assessment_worker_id",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINA008A",
            description="Assessment Completed by Worker name",
        ),
    ),
    primary_key=("cina_assessment_id",),
    foreign_keys=(
        ForeignKey("cina_person_id", "ssd_person.pers_person_id"),
        ForeignKey("cina_referral_id", "ssd_cin_episodes.cine_referral_id"),
        ForeignKey("cina_assessment_team", "ssd_department.dept_team_id"),
        ForeignKey("cina_assessment_worker_id", "ssd_professionals.prof_professional_id"),
    ),
    corrections=(),
)

ASSESSMENT_FACTORS = Table(
    name="ssd_assessment_factors",
    description="Factors identified at the end of an assessment (JSON list of codes).",
    columns=(
        Column(
            "cinf_table_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CINF003A",
            description="Assessment Factors Table ID",
        ),
        Column(
            "cinf_assessment_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CINF001A",
            description="Assessment ID",
        ),
        Column(
            "cinf_assessment_factors_json",
            pl.String,
            feeds=(Feeds.CIN,),
            item_ref="CINF002A",
            description="Assessment Factors",
        ),
    ),
    primary_key=("cinf_table_id",),
    foreign_keys=(ForeignKey("cinf_assessment_id", "ssd_cin_assessments.cina_assessment_id"),),
    corrections=(),
)

CIN_PLANS = Table(
    name="ssd_cin_plans",
    description="Child in need plans.",
    columns=(
        Column(
            "cinp_cin_plan_id",
            pl.String,
            required=True,
            feeds=(Feeds.RIIA,),
            item_ref="CINP001A",
            description="CIN Plan ID",
        ),
        Column(
            "cinp_referral_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="CINP007A",
            description="Referral ID",
        ),
        Column(
            "cinp_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CINP002A",
            description="Person Unique ID",
        ),
        Column(
            "cinp_cin_plan_start_date",
            pl.Date,
            feeds=(Feeds.CIN, Feeds.RIIA, Feeds.ANNEX_A),
            item_ref="CINP003A",
            description="CIN Plan Start Date",
        ),
        Column(
            "cinp_cin_plan_end_date",
            pl.Date,
            feeds=(Feeds.RIIA, Feeds.CIN, Feeds.ANNEX_A),
            item_ref="CINP004A",
            description="CIN Plan End Date",
        ),
        Column(
            "cinp_cin_plan_team",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINP005A",
            description="CIN Plan Allocated Team",
        ),
        Column(
            "cinp_cin_plan_worker_id",
            pl.String,
            feeds=(Feeds.ANNEX_A, Feeds.RIIA),
            item_ref="CINP006A",
            description="CIN Plan Worker Name",
        ),
    ),
    primary_key=("cinp_cin_plan_id",),
    foreign_keys=(
        ForeignKey("cinp_referral_id", "ssd_cin_episodes.cine_referral_id"),
        ForeignKey("cinp_person_id", "ssd_person.pers_person_id"),
        ForeignKey("cinp_cin_plan_team", "ssd_department.dept_team_id"),
        ForeignKey("cinp_cin_plan_worker_id", "ssd_professionals.prof_professional_id"),
    ),
    corrections=(),
)

CIN_VISITS = Table(
    name="ssd_cin_visits",
    description="Visits to children in need.",
    columns=(
        Column(
            "cinv_cin_visit_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="CINV001A",
            description="CIN Visit ID",
        ),
        Column(
            "cinv_person_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="CINV007A",
            description="Person Unique ID",
        ),
        Column(
            "cinv_cin_visit_date",
            pl.Date,
            feeds=(Feeds.LOCAL,),
            item_ref="CINV003A",
            description="CIN Visit Date",
        ),
        Column(
            "cinv_cin_visit_seen",
            pl.String,
            feeds=(Feeds.ANNEX_A,),
            item_ref="CINV004A",
            description="Child Seen",
        ),
        Column(
            "cinv_cin_visit_seen_alone",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="CINV005A",
            description="Child Seen Alone",
        ),
        Column(
            "cinv_cin_visit_bedroom",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="CINV006A",
            description="Child Bedroom Seen",
        ),
    ),
    primary_key=("cinv_cin_visit_id",),
    foreign_keys=(ForeignKey("cinv_person_id", "ssd_cin_episodes.cine_person_id"),),
    corrections=(),
)

TABLES = (
    CONTACTS,
    EARLY_HELP_EPISODES,
    CIN_EPISODES,
    CIN_ASSESSMENTS,
    ASSESSMENT_FACTORS,
    CIN_PLANS,
    CIN_VISITS,
)
