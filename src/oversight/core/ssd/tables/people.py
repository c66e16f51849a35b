"""People: the child, their characteristics and relationships.

Transcribed from the SSD object definitions (data-to-insight/ssd-data-model, data/objects,
commit 4987c73, 2026-07-14, MIT); differences from the published spec are listed in each
table's ``corrections`` and in docs/ssd-schema.md.
"""

import polars as pl

from oversight.core.ssd._model import Column, Feeds, ForeignKey, Table

PERSON = Table(
    name="ssd_person",
    description="Every person the extract covers: children and young people, and mothers' children where recorded.",
    columns=(
        Column(
            "pers_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.SSDA903, Feeds.CIN, Feeds.ANNEX_A, Feeds.RIIA, Feeds.SEN2),
            item_ref="PERS001A",
            description="Person Unique ID",
        ),
        Column("pers_forename", pl.String, item_ref="PERS015A", description="First/Fore name"),
        Column("pers_surname", pl.String, item_ref="PERS016A", description="Last name/surname"),
        Column(
            "pers_sex",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.RIIA, Feeds.ANNEX_A, Feeds.SEN2),
            item_ref="PERS002A",
            description="Sex",
        ),
        Column(
            "pers_gender",
            pl.String,
            feeds=(Feeds.CIN, Feeds.RIIA),
            item_ref="PERS003A",
            description="Gender",
        ),
        Column(
            "pers_ethnicity",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.CIN, Feeds.ANNEX_A, Feeds.RIIA, Feeds.SEN2),
            item_ref="PERS004A",
            description="Ethnicity",
        ),
        Column(
            "pers_dob",
            pl.Date,
            feeds=(Feeds.SSDA903, Feeds.CIN, Feeds.ANNEX_A, Feeds.RIIA, Feeds.SEN2),
            item_ref="PERS005A",
            description="Date of Birth",
        ),
        Column(
            "pers_common_child_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="PERS013A",
            description="Common Child Identifier (NHS Number)",
        ),
        Column(
            "pers_legacy_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="PERS014A",
            description="Person System ID (Placeholder or needed by some CMS)",
        ),
        Column(
            "pers_upn_unknown",
            pl.String,
            feeds=(Feeds.RIIA, Feeds.CIN, Feeds.SEN2),
            item_ref="PERS007A",
            description="UPN Unknown",
        ),
        Column(
            "pers_send_flag",
            pl.String,
            feeds=(Feeds.NEET, Feeds.RIIA),
            item_ref="PERS008A",
            description="SEND Flag",
        ),
        Column(
            "pers_expected_dob",
            pl.Date,
            feeds=(Feeds.CIN, Feeds.RIIA),
            item_ref="PERS009A",
            description="Expected Birth Date",
        ),
        Column(
            "pers_death_date",
            pl.Date,
            feeds=(Feeds.CIN, Feeds.RIIA),
            item_ref="PERS010A",
            description="Date of Death",
        ),
        Column(
            "pers_is_mother",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.RIIA),
            item_ref="PERS011A",
            description="Mother",
        ),
        Column(
            "pers_nationality",
            pl.String,
            feeds=(Feeds.ADCS_SP, Feeds.RIIA),
            item_ref="PERS012A",
            description="Country of Origin (UASC)",
        ),
    ),
    primary_key=("pers_person_id",),
    foreign_keys=(),
    corrections=(),
)

DISABILITY = Table(
    name="ssd_disability",
    description="One row per disability recorded for a child.",
    columns=(
        Column(
            "disa_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="DISA001A",
            description="Person Unique ID",
        ),
        Column(
            "disa_table_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="DISA003A",
            description="Disability table row ID",
        ),
        Column(
            "disa_disability_code",
            pl.String,
            required=True,
            feeds=(Feeds.CIN, Feeds.ANNEX_A),
            item_ref="DISA002A",
            description="Disability Code",
        ),
    ),
    primary_key=("disa_table_id",),
    foreign_keys=(ForeignKey("disa_person_id", "ssd_person.pers_person_id"),),
    corrections=(
        "Primary key is disa_table_id alone: the spec also marks disa_person_id as a key, but a child can have several disabilities.",
    ),
)

IMMIGRATION_STATUS = Table(
    name="ssd_immigration_status",
    description="Immigration status over time, including unaccompanied asylum-seeking children (UASC).",
    columns=(
        Column(
            "immi_person_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="IMMI001A",
            description="Person Unique ID",
        ),
        Column(
            "immi_immigration_status_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="IMMI005A",
            description="Immigration Status ID",
        ),
        Column(
            "immi_immigration_status",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.RIIA, Feeds.ANNEX_A),
            item_ref="IMMI002A",
            description="Immigration Status",
        ),
        Column(
            "immi_immigration_status_start_date",
            pl.Date,
            feeds=(Feeds.RIIA,),
            item_ref="IMMI003A",
            description="Immigration Status Start",
        ),
        Column(
            "immi_immigration_status_end_date",
            pl.Date,
            feeds=(Feeds.SSDA903, Feeds.RIIA),
            item_ref="IMMI004A",
            description="Immigration Status End",
        ),
    ),
    primary_key=("immi_immigration_status_id",),
    foreign_keys=(ForeignKey("immi_person_id", "ssd_person.pers_person_id"),),
    corrections=(
        "Primary key is immi_immigration_status_id alone: the spec also marks immi_person_id as a key, but a status history has several rows per child.",
    ),
)

ADDRESS = Table(
    name="ssd_address",
    description="Addresses over time.",
    columns=(
        Column(
            "addr_table_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="ADDR007A",
            description="Address table row ID",
        ),
        Column(
            "addr_address_json",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="ADDR001A",
            description="Address",
        ),
        Column(
            "addr_person_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="ADDR002A",
            description="Person Unique ID",
        ),
        Column(
            "addr_address_type",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="ADDR003A",
            description="Address Type",
        ),
        Column(
            "addr_address_start_date",
            pl.Date,
            feeds=(Feeds.LOCAL,),
            item_ref="ADDR004A",
            description="Address Start Date/ From",
        ),
        Column(
            "addr_address_end_date",
            pl.Date,
            feeds=(Feeds.LOCAL,),
            item_ref="ADDR005A",
            description="Address End Date/ To",
        ),
        Column(
            "addr_address_postcode",
            pl.String,
            feeds=(Feeds.SSDA903, Feeds.ANNEX_A, Feeds.SEN2),
            item_ref="ADDR006A",
            description="Address Postcode",
        ),
    ),
    primary_key=("addr_table_id",),
    foreign_keys=(ForeignKey("addr_person_id", "ssd_person.pers_person_id"),),
    corrections=(),
)

FAMILY = Table(
    name="ssd_family",
    description="Membership of family groups.",
    columns=(
        Column(
            "fami_table_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="FAMI003A",
            description="Family table row id",
        ),
        Column(
            "fami_family_id",
            pl.String,
            required=True,
            feeds=(Feeds.ASGLB, Feeds.ANNEX_A),
            item_ref="FAMI001A",
            description="Family identifier",
        ),
        Column(
            "fami_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="FAMI002A",
            description="Person Unique ID",
        ),
    ),
    primary_key=("fami_table_id",),
    foreign_keys=(ForeignKey("fami_person_id", "ssd_person.pers_person_id"),),
    corrections=(
        "Primary key is fami_table_id: the spec marks fami_family_id as the primary key, but a family id is shared by every member of the family.",
    ),
)

MOTHER = Table(
    name="ssd_mother",
    description="A child who is a mother, and the dates of birth of her children (903 MOTHER, MC_DOB).",
    columns=(
        Column(
            "moth_table_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="MOTH004A",
            description="Mother Table ID",
        ),
        Column(
            "moth_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="MOTH002A",
            description="Person Unique ID (Mother)",
        ),
        Column(
            "moth_childs_person_id",
            pl.String,
            required=True,
            feeds=(Feeds.LOCAL,),
            item_ref="MOTH001A",
            description="Mother's Child's Unique ID",
        ),
        Column(
            "moth_childs_dob",
            pl.Date,
            feeds=(Feeds.SSDA903, Feeds.ANNEX_A),
            item_ref="MOTH003A",
            description="Date of birth of mother's child",
        ),
    ),
    primary_key=("moth_table_id",),
    foreign_keys=(
        ForeignKey("moth_person_id", "ssd_person.pers_person_id"),
        ForeignKey("moth_childs_person_id", "ssd_person.pers_person_id"),
    ),
    corrections=(
        "Primary key is moth_table_id alone: the spec also marks moth_childs_person_id as a key, which adds nothing to a row id.",
    ),
)

LINKED_IDENTIFIERS = Table(
    name="ssd_linked_identifiers",
    description="Other identifiers of a person (e.g. former or national ids) with their validity.",
    columns=(
        Column(
            "link_table_id",
            pl.String,
            required=True,
            item_ref="LINK001A",
            description="Link table row ID",
        ),
        Column(
            "link_person_id",
            pl.String,
            feeds=(Feeds.LOCAL,),
            item_ref="LINK002A",
            description="Person Unique ID",
        ),
        Column(
            "link_identifier_type",
            pl.String,
            item_ref="LINK003A",
            description="['Case Number', 'Unique Pupil Number', NHS Number', 'Home Office Registration', National Insurance Number', 'YOT Number', Court Case Number', RAA ID', 'Incident ID']",
        ),
        Column(
            "link_identifier_value",
            pl.String,
            item_ref="LINK004A",
            description="Identifier or reference code",
        ),
        Column(
            "link_valid_from_date",
            pl.Date,
            item_ref="LINK005A",
            description="Date the identifier is known/valid from",
        ),
        Column(
            "link_valid_to_date",
            pl.Date,
            item_ref="LINK006A",
            description="Date the identifier ceases to be known/valid",
        ),
    ),
    primary_key=("link_table_id",),
    foreign_keys=(ForeignKey("link_person_id", "ssd_person.pers_person_id"),),
    corrections=(),
)

TABLES = (
    PERSON,
    DISABILITY,
    IMMIGRATION_STATUS,
    ADDRESS,
    FAMILY,
    MOTHER,
    LINKED_IDENTIFIERS,
)
