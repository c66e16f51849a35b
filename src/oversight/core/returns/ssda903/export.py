"""Export SSD frames as the SSDA903 return of a collection year (SSD → return).

::

    SSD frames ─► 903 tables in the current codes (_map_people, _map_care, _map_simple,
                  _map_outcomes, _map_adoption); a table is written when its SSD table is present
            ─► rows kept that fall in the collection year (1 April to 31 March): episodes,
               missing spells, social-worker spells and adoption decisions that overlap it,
               reviews within it; the other tables as the SSD holds them
            ─► Header: every child named in the other tables, with DOB (and SEX) copied into
               the tables that repeat them
            ─► codes put in the year's terms (_codes) and every value checked against the
               year's schema (_typed); a value with no equivalent is refused, row by row
            ─► ExportResult: the Ssda903Return and notes on what was left out
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import polars as pl

from oversight.core.returns._errors import ReturnExportError
from oversight.core.returns._problems import (
    DEFAULT_MAX_PROBLEMS,
    ProblemKind,
    concat_problems,
    one_problem,
    raise_if_any,
)
from oversight.core.returns.ssda903._codes import translation
from oversight.core.returns.ssda903._map_adoption import export_ad1, export_placed_adoption
from oversight.core.returns.ssda903._map_care import export_episodes, export_reviews
from oversight.core.returns.ssda903._map_outcomes import OC2_TABLES, export_oc2, export_oc3
from oversight.core.returns.ssda903._map_people import export_header, export_uasc
from oversight.core.returns.ssda903._map_simple import SIMPLE, export_simple
from oversight.core.returns.ssda903._return import Ssda903Return
from oversight.core.returns.ssda903._typed import to_typed
from oversight.core.returns.ssda903.schema import ColumnKind, Schema, schema_for

IN_YEAR: Mapping[str, tuple[str, str | None]] = {
    "episodes": ("DECOM", "DEC"),
    "missing": ("MIS_START", "MIS_END"),
    "social_worker": ("SW_DECOM", "SW_DEC"),
    "placed_adoption": ("DATE_PLACED", "DATE_PLACED_CEASED"),
    "reviews": ("REVIEW", "REVIEW"),
    "ad1": ("DATE_INT", None),
}
"""Each dated table's start and end columns: a row is kept when it began by the end of the
year and had not ended before it began (an undated start keeps the row, for validation to
flag); ``None`` keeps every row begun by the end of the year."""


@dataclass(frozen=True)
class ExportResult:
    """An SSDA903 return made from SSD frames, and notes on what it could not carry."""

    ret: Ssda903Return
    """The return's tables, typed for its collection year."""
    notes: tuple[str, ...]
    """What the SSD held that the return leaves out, in words."""


def export_ssda903(
    frames: Mapping[str, pl.DataFrame], *, year: int, max_problems: int = DEFAULT_MAX_PROBLEMS
) -> ExportResult:
    """The SSDA903 return of collection year ``year`` (ending 31 March ``year``) from ``frames``.

    ``frames`` are SSD tables by name, as ``oversight.core.ssd.read_ssd`` gives them. Raises
    ``ReturnExportError`` naming each row whose value has no equivalent in the year's code list
    (SEX U before 2024–25), cannot be typed (an SDQ score that is not a whole number), or whose
    child has no ``ssd_person`` row.

    Examples
    --------
    >>> from oversight.core.ssd import TABLES
    >>> person = TABLES["ssd_person"].complete(
    ...     pl.DataFrame({"pers_person_id": ["C1", "C2"], "pers_sex": ["F", "U"]})
    ... )
    >>> status = TABLES["ssd_immigration_status"].complete(pl.DataFrame(
    ...     {"immi_person_id": ["C1"], "immi_immigration_status_id": ["I1"],
    ...      "immi_immigration_status": ["UASC"]}
    ... ))
    >>> frames = {"ssd_person": person, "ssd_immigration_status": status}
    >>> export_ssda903(frames, year=2024).ret.tables["header"].select("CHILD", "SEX").rows()
    [('C1', '2')]
    >>> frames["ssd_immigration_status"] = status.with_columns(immi_person_id=pl.lit("C2"))
    >>> try:
    ...     export_ssda903(frames, year=2024)
    ... except ReturnExportError as error:
    ...     print(error.problems[0])
    Header, row 1, child C2, SEX: found 'U'; expected one of the 2023–24 codes 1, 2
    """
    schema = schema_for(year)
    built, notes = _build(frames, schema)
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    built = {key: _in_year(key, frame, start, end) for key, frame in built.items()}
    built = _looked_after_in_year(built)
    problems: list[pl.DataFrame] = []
    children = pl.concat(
        [frame["CHILD"] for frame in built.values()] or [pl.Series("CHILD", [], pl.String)]
    )
    children = children.drop_nulls().unique(maintain_order=True)
    if "ssd_person" in frames:
        built = {"header": export_header(frames, children), **built}
    unknown = (
        children.filter(~children.is_in(built["header"]["CHILD"].implode()))
        if "header" in built
        else children
    )
    if unknown.len():
        problems.append(_unknown_children(unknown, built))
    built = _with_person_fields(built, schema)
    tables: dict[str, pl.DataFrame] = {}
    for key in schema.tables:
        if key in built:
            typed, found = _typed(key, built[key], schema)
            tables[key] = typed
            problems.append(found)
    raise_if_any(
        ReturnExportError, f"{{count}} problems exporting the {schema.label} SSDA903 return",
        concat_problems(problems), max_problems=max_problems,
    )  # fmt: skip
    return ExportResult(Ssda903Return(year=year, tables=tables), tuple(notes))


def _build(
    frames: Mapping[str, pl.DataFrame], schema: Schema
) -> tuple[dict[str, pl.DataFrame], list[str]]:
    """The 903 tables the SSD frames feed, in current codes, before the year is applied."""
    built: dict[str, pl.DataFrame] = {}
    notes: list[str] = []
    if "ssd_cla_episodes" in frames:
        built["episodes"] = export_episodes(frames)
    if "ssd_cla_reviews" in frames:
        built["reviews"], unplaced = export_reviews(frames)
        if unplaced:
            notes.append(
                f"Reviews: {unplaced} reviews left out: their clar_cla_id matches no period of "
                "care in ssd_cla_episodes, so their child is unknown"
            )
    if "ssd_immigration_status" in frames:
        built["uasc"] = export_uasc(frames)
    if any(name in frames for name in OC2_TABLES):
        built["oc2"] = export_oc2(frames)
    if "ssd_care_leavers" in frames:
        built["oc3"] = export_oc3(frames)
    if "ssd_permanence" in frames:
        built["ad1"] = export_ad1(frames)
        built["placed_adoption"] = export_placed_adoption(frames)
    for simple in SIMPLE:
        if simple.ssd not in frames:
            continue
        exported = export_simple(simple, frames)
        if simple.key in schema.tables:
            built[simple.key] = exported
        elif exported.height:
            notes.append(
                f"{simple.key}: {exported.height} rows left out: the {schema.label} return has "
                "no such table"
            )
    if "deprivation_of_liberty_order" in schema.tables:
        notes.append("DoLo: not written: the SSD has no table for deprivation of liberty orders")
    return built, notes


LOOKED_AFTER_TABLES = ("reviews", "oc2", "ad1", "placed_adoption", "prev_perm")
"""Tables the SSD holds only for children looked after (the SSD tables they load into refer to
``ssd_cla_episodes``): the return carries them only for children with an episode in the year, as
loading requires, since an SSD's checks, reviews and adoption records span years while a return's
episodes are the year's."""


def _looked_after_in_year(built: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Keep the looked-after tables' rows of children who have an episode in the year."""
    if "episodes" not in built:
        return built
    looked_after = built["episodes"]["CHILD"].unique().implode()
    return {
        key: frame.filter(pl.col("CHILD").is_in(looked_after))
        if key in LOOKED_AFTER_TABLES
        else frame
        for key, frame in built.items()
    }


def _in_year(key: str, frame: pl.DataFrame, start: date, end: date) -> pl.DataFrame:
    if key not in IN_YEAR:
        return frame
    begin, finish = IN_YEAR[key]
    began = pl.col(begin).is_null() | (pl.col(begin) <= end)
    if finish is None:
        return frame.filter(began)
    return frame.filter(began & (pl.col(finish).is_null() | (pl.col(finish) >= start)))


def _unknown_children(unknown: pl.Series, built: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    tables = [key for key, frame in built.items() if key != "header"]
    found = []
    for child in unknown.head(100).to_list():
        where = next(key for key in tables if child in built[key]["CHILD"].to_list())
        found.append(
            one_problem(
                ProblemKind.UNKNOWN_CHILD, "Header",
                f"a row of ssd_person for this child, named in {where}", child=child,
                field="CHILD", value=child,
            )
        )  # fmt: skip
    return concat_problems(found)


def _with_person_fields(
    built: Mapping[str, pl.DataFrame], schema: Schema
) -> dict[str, pl.DataFrame]:
    """Each table with DOB (and SEX) copied from the Header, where its year repeats them."""
    header = built.get("header")
    result: dict[str, pl.DataFrame] = {}
    for key, frame in built.items():
        if key == "header" or key not in schema.tables:
            result[key] = frame
            continue
        wanted = [name for name in ("SEX", "DOB") if name in schema.table(key).column_names]
        if header is None:
            person = frame.with_columns(
                pl.lit(None, dtype=pl.String).alias("SEX"), pl.lit(None, dtype=pl.Date).alias("DOB")
            )
        else:
            person = frame.join(
                header.select("CHILD", *wanted), on="CHILD", how="left", maintain_order="left"
            )
        result[key] = person
    return result


def _typed(key: str, frame: pl.DataFrame, schema: Schema) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``frame`` checked and typed against the year's table, codes translated to the year's."""
    table = schema.table(key)
    text = frame.select(
        (
            _as_text(pl.col(column.name), frame.schema[column.name]).replace(
                dict(translation(key, column.name, schema.year))
            )
            if column.kind is ColumnKind.CODE
            else _as_text(pl.col(column.name), frame.schema.get(column.name, pl.String()))
        ).alias(column.name)
        if column.name in frame.columns
        else pl.lit(None, dtype=pl.String).alias(column.name)
        for column in table.columns
    ).with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
        pl.lit(None, dtype=pl.Int64).alias("_line"),
        pl.lit(None, dtype=pl.String).alias("_element"),
    )
    typed, problems = to_typed(text, table, schema, file=table.name)
    return typed.drop("_row", "_line", "_element"), problems


def _as_text(value: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.Date:
        return value.dt.strftime("%d/%m/%Y")
    return value.cast(pl.String)
