"""Project extension tables (``ovs_…``): what measures need that the SSD has no place for.

Each is declared like an SSD table and read and written the same way; until a council supplies
one, the measures that need it report ``missing_data``. Column names follow the SSD's habit of a
four-letter table prefix. None of these exists in the published SSD (docs/ssd-schema.md).
"""

import polars as pl

from oversight.core.ssd._model import Column, ForeignKey, Table

EMPLOYMENT = Table(
    name="ovs_employment",
    description="Spells of employment of professionals in teams: starters, leavers, FTE and agency status over time.",
    columns=(
        Column("ovem_employment_id", pl.String, required=True, description="Row id"),
        Column("ovem_professional_id", pl.String, required=True, description="The professional"),
        Column("ovem_team_id", pl.String, required=True, description="The team (dept_team_id)"),
        Column(
            "ovem_role",
            pl.String,
            required=True,
            description="SW social worker, TM team manager, SM service manager, PA personal adviser",
        ),
        Column("ovem_start_date", pl.Date, required=True, description="First day in this post"),
        Column("ovem_end_date", pl.Date, description="Last day in this post; empty while in post"),
        Column(
            "ovem_leaving_reason",
            pl.String,
            description="Why the spell ended: LEFT (left the council), MOVED (another post here)",
        ),
        Column("ovem_fte", pl.Float64, required=True, description="Full-time equivalence, 0 to 1"),
        Column("ovem_is_agency", pl.String, required=True, description="Y for an agency worker"),
    ),
    primary_key=("ovem_employment_id",),
    foreign_keys=(
        ForeignKey("ovem_professional_id", "ssd_professionals.prof_professional_id"),
        ForeignKey("ovem_team_id", "ssd_department.dept_team_id"),
    ),
)

ESTABLISHMENT = Table(
    name="ovs_establishment",
    description="Funded social-work posts per team over time (practitioners and managers; personal advisers are not social workers), for vacancy rates.",
    columns=(
        Column("ovse_establishment_id", pl.String, required=True, description="Row id"),
        Column("ovse_team_id", pl.String, required=True, description="The team (dept_team_id)"),
        Column("ovse_start_date", pl.Date, required=True, description="From this day"),
        Column("ovse_end_date", pl.Date, description="To this day; empty while current"),
        Column("ovse_posts_fte", pl.Float64, required=True, description="Funded posts, FTE"),
    ),
    primary_key=("ovse_establishment_id",),
    foreign_keys=(ForeignKey("ovse_team_id", "ssd_department.dept_team_id"),),
)

PERSONAL_EDUCATION_PLANS = Table(
    name="ovs_personal_education_plans",
    description="Personal education plan (PEP) meetings of children looked after.",
    columns=(
        Column("ovpe_pep_id", pl.String, required=True, description="Row id"),
        Column("ovpe_person_id", pl.String, required=True, description="The child"),
        Column("ovpe_pep_date", pl.Date, required=True, description="The day the PEP was reviewed"),
    ),
    primary_key=("ovpe_pep_id",),
    foreign_keys=(ForeignKey("ovpe_person_id", "ssd_person.pers_person_id"),),
)

CASE_SUPERVISION = Table(
    name="ovs_case_supervision",
    description="Management oversight recorded on a child's case (case supervision).",
    columns=(
        Column("ovcs_supervision_id", pl.String, required=True, description="Row id"),
        Column("ovcs_person_id", pl.String, required=True, description="The child"),
        Column("ovcs_supervisor_id", pl.String, description="The manager (prof_professional_id)"),
        Column("ovcs_supervision_date", pl.Date, required=True, description="The day recorded"),
    ),
    primary_key=("ovcs_supervision_id",),
    foreign_keys=(
        ForeignKey("ovcs_person_id", "ssd_person.pers_person_id"),
        ForeignKey("ovcs_supervisor_id", "ssd_professionals.prof_professional_id"),
    ),
)

PLACEMENT_LOCATIONS = Table(
    name="ovs_placement_locations",
    description="Where a placement is: the local authority it lies in and whether that is out of area (903 PL_LA, PL_LOCATION).",
    columns=(
        Column("ovpl_placement_id", pl.String, required=True, description="The placement"),
        Column(
            "ovpl_placement_la",
            pl.String,
            description="ONS or DfE code of the placement's local authority",
        ),
        Column("ovpl_is_out_of_area", pl.String, description="Y when outside the council's area"),
    ),
    primary_key=("ovpl_placement_id",),
    foreign_keys=(ForeignKey("ovpl_placement_id", "ssd_cla_placement.clap_cla_placement_id"),),
)

TABLES = (
    EMPLOYMENT,
    ESTABLISHMENT,
    PERSONAL_EDUCATION_PLANS,
    CASE_SUPERVISION,
    PLACEMENT_LOCATIONS,
)
