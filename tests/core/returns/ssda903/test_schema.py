"""The SSDA903 schema by collection year: a faithful transcription, and each year's diff pinned."""

import tomllib
from importlib import resources
from pathlib import Path

import polars as pl
import pytest
import yaml

from oversight.core.returns._errors import SpecError, UnsupportedYearError
from oversight.core.returns.ssda903.schema import (
    FIRST_YEAR,
    LAST_YEAR,
    ColumnKind,
    changes_in,
    collection_years,
    schema_for,
)
from oversight.core.returns.ssda903.schema._model import parse_schema

YAML = Path(__file__).parents[3] / "data" / "ssda903" / "spec"
TOML = resources.files("oversight.core.returns.ssda903.schema")


@pytest.mark.parametrize(
    ("toml_name", "yaml_name"),
    [("base_2017.toml", "SSDA903_schema_2017.yml")]
    + [
        (f"{y}.diff.toml", f"SSDA903_schema_{y}.diff.yml")
        for y in (2019, 2022, 2024, 2025, 2026, 2027)
    ],
)
def test_the_toml_transcription_equals_the_published_yaml(toml_name, yaml_name):
    transcribed = tomllib.loads(TOML.joinpath(toml_name).read_text(encoding="utf-8"))
    published = yaml.safe_load((YAML / yaml_name).read_text(encoding="utf-8"))
    assert transcribed == published


def _codes(year):
    schema = schema_for(year)
    return {
        (table.key, column.name): set(column.code_values)
        for table in schema.tables.values()
        for column in table.columns
        if column.kind is ColumnKind.CODE
    }


def _diff(year):
    """Tables and codes added and removed in ``year``, against the year before."""
    before, after = schema_for(year - 1), schema_for(year)
    tables_added = set(after.tables) - set(before.tables)
    tables_removed = set(before.tables) - set(after.tables)
    old, new = _codes(year - 1), _codes(year)
    codes = {
        field: (sorted(new[field] - old[field]), sorted(old[field] - new[field]))
        for field in new.keys() & old.keys()
        if new[field] != old[field]
    }
    return tables_added, tables_removed, codes


EXPECTED_DIFFS = {
    2019: (set(), set(), {
        ("episodes", "REC"): (["E45", "E46", "E47", "E48"], ["E43", "E44"]),
        ("episodes", "REASON_PLACE_CHANGE"): (["CUSTOD"], []),
    }),
    2020: (set(), set(), {}),
    2021: (set(), set(), {}),
    2022: (set(), set(), {("oc3", "ACTIV"): (["F4", "F5", "P4", "P5"], ["F3", "P3"])}),
    2023: (set(), set(), {}),
    2024: ({"social_worker"}, set(), {}),
    2025: (set(), set(), {
        ("header", "SEX"): (["F", "M", "U"], ["1", "2"]),
        ("uasc", "SEX"): (["F", "M", "U"], ["1", "2"]),
        ("episodes", "PLACE"): (["K3"], ["H5", "P2"]),
    }),
    2026: (set(), set(), {("episodes", "PLACE"): (["Z11", "Z12", "Z13", "Z14"], [])}),
    2027: ({"deprivation_of_liberty_order"}, set(), {}),
}  # fmt: skip


@pytest.mark.parametrize("year", range(FIRST_YEAR + 1, LAST_YEAR + 1))
def test_each_year_adds_and_removes_exactly_the_tables_and_codes_pinned_here(year):
    assert _diff(year) == EXPECTED_DIFFS[year]


def test_every_year_has_a_pinned_diff_and_the_diff_files_are_the_years_that_change():
    assert set(EXPECTED_DIFFS) == set(collection_years()) - {FIRST_YEAR}
    changed = {
        year
        for year, (added, removed, codes) in EXPECTED_DIFFS.items()
        if added or removed or codes
    }
    assert changed == {year for year in collection_years() if changes_in(year)}


VALIDATOR_COLUMNS = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "oc2": ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
            "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
            "LS_ADOPTR"],
    "placed_adoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "prev_perm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "social_worker": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
    "deprivation_of_liberty_order": ["CHILD", "DOB", "DOLO_START", "DOLO_END"],
}  # fmt: skip
"""The column sets of csc-validator-be-903 ``config.py`` (validators.md §1.1)."""


def test_every_table_has_the_column_set_the_validator_recognises():
    schema = schema_for(LAST_YEAR)
    found = {key: set(table.column_names) for key, table in schema.tables.items()}
    assert found == {key: set(columns) for key, columns in VALIDATOR_COLUMNS.items()}


def test_columns_have_strict_dtypes():
    episodes = schema_for(2025).table("episodes").schema
    assert episodes["DECOM"] == pl.Date
    assert episodes["RNE"] == pl.Enum(["S", "L", "P", "T", "B", "U"])
    assert episodes["URN"] == pl.String
    oc2 = schema_for(2025).table("oc2")
    assert oc2.schema["SDQ_SCORE"] == pl.Int64
    assert (oc2.column("SDQ_SCORE").minimum, oc2.column("SDQ_SCORE").maximum) == (0, 40)


def test_codes_carry_their_meanings_so_changed_code_sets_can_be_mapped():
    old = {c.code: c.names for c in schema_for(2024).table("header").column("SEX").codes}
    new = {c.code: c.names for c in schema_for(2025).table("uasc").column("SEX").codes}
    assert old == {"1": ("Male",), "2": ("Female",)}
    assert new == {"M": ("Male", "1"), "F": ("Female", "2"), "U": ("Unknown",)}


def test_the_correction_makes_the_date_of_a_previous_permanence_order_a_partial_date():
    for year in collection_years():
        column = schema_for(year).table("prev_perm").column("DATE_PERM")
        assert column.kind is ColumnKind.PARTIAL_DATE
        assert column.dtype == pl.String


@pytest.mark.parametrize("year", [2017, 2028, 25])
def test_a_year_without_a_specification_is_refused_with_the_supported_range(year):
    with pytest.raises(UnsupportedYearError, match="2018 \\(2017–18\\) to 2027 \\(2026–27\\)"):
        schema_for(year)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"column_map": {}, "extra": 1}, "unknown keys \\['extra'\\]"),
        ({"column_map": {"header": {"CHILD": {"string": "alphanumeric", "canbeblank": False, "colour": "red"}}}}, "header.CHILD: unknown keys \\['colour'\\]"),
        ({"column_map": {"header": {"SEX": {"category": [{"code": "1", "label": "x"}], "canbeblank": False}}}}, "unknown keys \\['label'\\]"),
        ({"column_map": {"headers": {}}}, "unknown SSDA903 tables \\['headers'\\]"),
        ({"column_map": {"header": {"DOB": {"date": "%Y-%m-%d", "canbeblank": False}}}}, "%d/%m/%Y"),
        ({"column_map": {"header": {"DOB": {"canbeblank": "no"}}}}, "canbeblank"),
    ],
)  # fmt: skip
def test_specification_documents_with_unknown_keys_or_values_are_refused(document, message):
    with pytest.raises(SpecError, match=message):
        parse_schema(2020, document)
