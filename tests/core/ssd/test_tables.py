"""The declared tables match the published SSD spec, except where a documented correction differs.

The spec's YAML is kept in ``reference/ssd-spec/``; these tests fail when a declaration drifts
from it without a correction naming the field, and when a correction no longer differs.
"""

import inspect
from pathlib import Path

import polars as pl
import pytest
import yaml

import oversight.core.ssd
from oversight.core.ssd import TABLES, Feeds

SPEC = Path(__file__).parents[3] / "reference" / "ssd-spec"
DTYPES = {"nvarchar": pl.String, "nchar": pl.String, "datetime": pl.Date, "int": pl.Int64}
DTYPES |= {"float": pl.Float64}

JOURNEY_TABLES = [
    "ssd_person", "ssd_disability", "ssd_immigration_status", "ssd_contacts",
    "ssd_early_help_episodes", "ssd_cin_episodes", "ssd_cin_assessments",
    "ssd_assessment_factors", "ssd_cin_plans", "ssd_cin_visits", "ssd_s47_enquiry",
    "ssd_initial_cp_conference", "ssd_cp_plans", "ssd_cp_visits", "ssd_cp_reviews",
    "ssd_cla_episodes", "ssd_cla_placement", "ssd_cla_reviews", "ssd_cla_visits",
    "ssd_cla_health", "ssd_legal_status", "ssd_missing", "ssd_permanence", "ssd_care_leavers",
    "ssd_professionals", "ssd_department", "ssd_involvements",
]  # fmt: skip


SSD_TABLES = sorted(name for name in TABLES if name.startswith("ssd_"))


def _spec_fields(name: str) -> list[dict]:
    document = yaml.safe_load((SPEC / f"{name}.yml").read_text(encoding="utf-8"))
    return document["nodes"][0]["fields"]


def _corrected(name: str, field: str) -> bool:
    return any(field in correction for correction in TABLES[name].corrections)


def test_every_table_a_journey_needs_is_declared():
    assert set(JOURNEY_TABLES) <= TABLES.keys()


@pytest.mark.parametrize("name", SSD_TABLES)
def test_columns_match_the_spec_in_name_order_and_type(name):
    fields = _spec_fields(name)
    assert TABLES[name].column_names == [field["name"] for field in fields]
    for field in fields:
        column = TABLES[name].column(field["name"])
        spec_dtype = DTYPES[field["type"].lower()]
        if column.dtype != spec_dtype:
            assert _corrected(name, field["name"]), f"{field['name']} differs undocumented"


@pytest.mark.parametrize("name", SSD_TABLES)
def test_keys_differ_from_the_spec_only_where_a_correction_says_so(name):
    table = TABLES[name]
    fields = _spec_fields(name)
    spec_key = [f["name"] for f in fields if f.get("primary_key")]
    if tuple(spec_key) != table.primary_key:
        assert _corrected(name, table.primary_key[0]), f"{name} key differs undocumented"
    spec_references = {
        f["name"]: f["foreign_key"].split(" ")[0] for f in fields if f.get("foreign_key")
    }
    ours = {fk.column: fk.references for fk in table.foreign_keys}
    for column in spec_references.keys() | ours.keys():
        if spec_references.get(column) != ours.get(column):
            assert _corrected(name, column), f"{name}.{column} reference differs undocumented"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_correction_names_a_field_of_its_table(name):
    table = TABLES[name]
    for correction in table.corrections:
        assert any(column in correction for column in table.column_names), correction


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_reference_resolves_to_a_declared_column(name):
    for foreign_key in TABLES[name].foreign_keys:
        assert foreign_key.table in TABLES, foreign_key
        assert foreign_key.referenced_column in TABLES[foreign_key.table].column_names


def test_the_spec_defect_of_a_reference_to_a_missing_table_is_corrected():
    (reference,) = [
        fk for fk in TABLES["ssd_cla_episodes"].foreign_keys if fk.column == "clae_cla_placement_id"
    ]
    assert reference.references == "ssd_cla_placement.clap_cla_placement_id"


def test_tables_without_a_primary_key_in_the_spec_have_one_here():
    assert TABLES["ssd_department"].primary_key == ("dept_team_id",)
    assert TABLES["ssd_involvements"].primary_key == ("invo_involvements_id",)


def test_primary_key_columns_are_required_and_feeds_are_known():
    for table in TABLES.values():
        for key in table.primary_key:
            assert table.is_required(key)
        for column in table.columns:
            assert all(isinstance(feed, Feeds) for feed in column.feeds)


def _constants_then_classes_then_functions(name: str) -> tuple[bool, bool, str]:
    """The order ruff's RUF022 keeps ``__all__`` in."""
    return (not name.isupper(), not name[0].isupper(), name)


def test_the_public_names_are_sorted_and_complete():
    public = oversight.core.ssd.__all__
    assert public == sorted(public, key=_constants_then_classes_then_functions)
    defined = {
        name
        for name, value in vars(oversight.core.ssd).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert defined == set(public)


def test_extension_tables_are_prefixed_and_absent_from_the_spec():
    extensions = [name for name in TABLES if not name.startswith("ssd_")]
    assert extensions and all(name.startswith("ovs_") for name in extensions)
    assert not any((SPEC / f"{name}.yml").exists() for name in extensions)
