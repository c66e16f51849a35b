"""Load SSDA903 returns into SSD frames (return → SSD).

::

    current return (+ previous year's)      each read and typed by its own year
          │  codes to the current DfE codes (_codes), every row given a source id (_src)
          ▼
    merged: the previous year's rows add history the current return lacks (same episode,
    review … in both: the current one wins); OC2 and OC3 describe a year, so only the current
          ▼
    mapped table by table (_map_people, _map_care, _map_simple, _map_outcomes, _map_adoption)
          ▼
    checked: every child named exists where the SSD needs it, no key repeats; each problem
    named by the 903 file, line or element it came from
          ▼
    LoadResult: SSD frames (absent tables stay absent) and notes on what the SSD cannot hold
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from oversight.core.returns._errors import ReturnReadError
from oversight.core.returns._problems import (
    DEFAULT_MAX_PROBLEMS,
    ProblemKind,
    concat_problems,
    problems_in_rows,
    raise_if_any,
)
from oversight.core.returns.ssda903._codes import to_current
from oversight.core.returns.ssda903._map_adoption import load_adoption
from oversight.core.returns.ssda903._map_care import load_episodes, load_reviews
from oversight.core.returns.ssda903._map_outcomes import NOT_HELD, load_oc2, load_oc3
from oversight.core.returns.ssda903._map_people import load_header, load_uasc
from oversight.core.returns.ssda903._map_simple import SIMPLE, load_simple
from oversight.core.returns.ssda903._return import Ssda903Return
from oversight.core.ssd import TABLES

MERGE_KEYS: Mapping[str, tuple[str, ...]] = {
    "header": ("CHILD",),
    "episodes": ("CHILD", "DECOM"),
    "reviews": ("CHILD", "REVIEW"),
    "uasc": ("CHILD",),
    "ad1": ("CHILD",),
    "placed_adoption": ("CHILD", "DATE_PLACED"),
    "prev_perm": ("CHILD",),
    "missing": ("CHILD", "MIS_START"),
    "social_worker": ("CHILD", "SW_ID", "SW_DECOM"),
    "deprivation_of_liberty_order": ("CHILD", "DOLO_START"),
}
"""What makes a row of the previous year's return the same as one of the current return's.
OC2 and OC3 are absent: they describe one year, so only the current return's are loaded."""

REFERENCE_MEANING: Mapping[str, str] = {
    "ssd_person.pers_person_id": "a child of the Header",
    "ssd_cla_episodes.clae_person_id": (
        "a child with an episode in the return (the SSD holds this only for children looked after)"
    ),
}
"""What an SSD reference asks of a 903 row, in the return's terms."""


@dataclass(frozen=True)
class LoadResult:
    """SSD frames loaded from a return, and notes on what the SSD could not hold."""

    frames: dict[str, pl.DataFrame]
    """SSD tables by name, in declared columns and dtypes; tables the return does not feed are
    absent."""
    notes: tuple[str, ...]
    """Data the return holds that the SSD has no place for, in words."""


def load_ssda903(
    current: Ssda903Return,
    *,
    previous: Ssda903Return | None = None,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
) -> LoadResult:
    """The SSD frames of ``current``, with the history ``previous`` (last year's return) adds.

    Raises ``ReturnReadError`` naming each row the SSD cannot hold consistently: a blank child
    id, a child twice in the Header, a row whose child is not in the Header, data the SSD holds
    only for children looked after (a review, OC2) for a child with no episode.

    Examples
    --------
    >>> from datetime import date
    >>> from oversight.core.returns.ssda903.schema import schema_for
    >>> header = schema_for(2024).table("header").complete(
    ...     pl.DataFrame({"CHILD": ["C1"], "SEX": ["2"], "UPN": ["UN3"]})
    ... )
    >>> frames = load_ssda903(Ssda903Return(2024, {"header": header})).frames
    >>> frames["ssd_person"].select("pers_person_id", "pers_sex", "pers_upn_unknown").row(0)
    ('C1', 'F', 'UN3')
    """
    tables, locations = _prepare(current, previous)
    blank = [
        problems_in_rows(
            ProblemKind.BAD_VALUE, pl.col("file_"),
            _at(frame.filter(pl.col("CHILD").is_null()), locations), field="CHILD", value=None,
            expected="the child's id (CHILD cannot be blank)",
        )
        for frame in tables.values()
    ]  # fmt: skip
    tables = {key: frame.filter(pl.col("CHILD").is_not_null()) for key, frame in tables.items()}
    parts = _map(tables)
    frames = {name: pl.concat(found, how="diagonal") for name, found in parts.items()}
    # One 903 row can feed several SSD tables (OC2 feeds five): report its problem once.
    problems = concat_problems([*blank, *_check(frames, locations)]).unique(maintain_order=True)
    raise_if_any(
        ReturnReadError, "{count} problems loading the SSDA903 return into the SSD", problems,
        max_problems=max_problems,
    )  # fmt: skip
    ordered = {
        name: TABLES[name].complete(frames[name].drop("_src")) for name in TABLES if name in frames
    }
    return LoadResult(ordered, _notes(tables))


def _prepare(
    current: Ssda903Return, previous: Ssda903Return | None
) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """Both returns' tables in current codes with ``_src``, merged; and where each row is from."""
    prepared: list[dict[str, pl.DataFrame]] = []
    located: list[pl.DataFrame] = []
    offset = 0
    for ret in (current, previous):
        if ret is None:
            continue
        tables: dict[str, pl.DataFrame] = {}
        for key, frame in ret.tables.items():
            source = (pl.int_range(pl.len(), dtype=pl.Int64) + offset).alias("_src")
            tables[key] = to_current(key, frame, ret.schema).with_columns(source)
            located.append(
                ret.locate(key).with_columns(
                    source,
                    frame["CHILD"].alias("CHILD"),
                    pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
                )
            )
            offset += frame.height
        prepared.append(tables)
    merged = dict(prepared[0])
    if len(prepared) == 2:
        for key, earlier in prepared[1].items():
            if key not in MERGE_KEYS:
                continue
            if key not in merged:
                merged[key] = earlier
                continue
            on = list(MERGE_KEYS[key])
            kept = earlier.join(merged[key].select(on), on=on, how="anti", nulls_equal=False)
            merged[key] = pl.concat([merged[key], kept])
    return merged, pl.concat(located)


def _at(rows: pl.DataFrame, locations: pl.DataFrame) -> pl.DataFrame:
    """``rows`` (with ``_src``) with the location columns problems need."""
    found = rows.select("_src").join(locations, on="_src", how="left", maintain_order="left")
    return found.select(
        pl.col("file").alias("file_"),
        "_row",
        pl.col("line").alias("_line"),
        pl.col("element").alias("_element"),
        "CHILD",
    )


def _map(tables: Mapping[str, pl.DataFrame]) -> dict[str, list[pl.DataFrame]]:
    parts: dict[str, list[pl.DataFrame]] = {}

    def add(found: Mapping[str, pl.DataFrame]) -> None:
        for name, frame in found.items():
            parts.setdefault(name, []).append(frame)

    if "header" in tables:
        add(load_header(tables["header"]))
    if "uasc" in tables:
        add(load_uasc(tables["uasc"]))
    if "episodes" in tables:
        add(load_episodes(tables["episodes"]))
    if "reviews" in tables:
        episodes = parts.get("ssd_cla_episodes")
        add(load_reviews(tables["reviews"], episodes[0] if episodes else None))
    if "oc2" in tables:
        add(load_oc2(tables["oc2"]))
    if "oc3" in tables:
        add(load_oc3(tables["oc3"]))
    if "ad1" in tables or "placed_adoption" in tables:
        add(load_adoption(tables.get("ad1"), tables.get("placed_adoption")))
    for simple in SIMPLE:
        if simple.key in tables:
            add(load_simple(simple, tables[simple.key]))
    return parts


def _check(frames: Mapping[str, pl.DataFrame], locations: pl.DataFrame) -> list[pl.DataFrame]:
    """Repeated keys and references to children the SSD frames lack, located in the return."""
    problems: list[pl.DataFrame] = []

    def report(kind: ProblemKind, rows: pl.DataFrame, expected: str) -> None:
        problems.append(
            problems_in_rows(
                kind, pl.col("file_"), _at(rows, locations), field="CHILD",
                value=pl.col("CHILD"), expected=expected,
            )
        )  # fmt: skip

    for name, frame in frames.items():
        table = TABLES[name]
        key = list(table.primary_key)
        repeated = frame.filter(
            pl.struct(key).is_duplicated() & ~pl.struct(key).is_first_distinct()
        )
        if repeated.height:
            what = (
                "each child once in the Header"
                if name == "ssd_person"
                else f"one row per {', '.join(key)} in {name}"
            )
            report(ProblemKind.DUPLICATE_KEY, repeated, what)
        for reference in table.foreign_keys:
            target = frames.get(reference.table)
            if target is None or reference.table == name:
                continue
            known = target[reference.referenced_column].drop_nulls().unique().implode()
            dangling = frame.filter(
                pl.col(reference.column).is_not_null() & ~pl.col(reference.column).is_in(known)
            )
            if dangling.height:
                meaning = REFERENCE_MEANING.get(
                    reference.references, f"a value of {reference.references}"
                )
                report(ProblemKind.UNKNOWN_CHILD, dangling, meaning)
    reviews = frames.get("ssd_cla_reviews")
    if reviews is not None:
        unplaced = reviews.filter(pl.col("clar_cla_id").is_null())
        if unplaced.height:
            report(
                ProblemKind.UNKNOWN_CHILD, unplaced,
                "a child with an episode in this or the previous year's return (the SSD records "
                "a review against the child's period of care)",
            )  # fmt: skip
    return problems


def _notes(tables: Mapping[str, pl.DataFrame]) -> tuple[str, ...]:
    notes = []
    dolo = tables.get("deprivation_of_liberty_order")
    if dolo is not None and dolo.height:
        notes.append(
            f"DoLo: {dolo.height} rows not loaded: the SSD has no table for deprivation of "
            "liberty orders"
        )
    oc2 = tables.get("oc2")
    if oc2 is not None:
        for name in NOT_HELD:
            count = oc2[name].is_not_null().sum()
            if count:
                notes.append(
                    f"OC2 {name}: {count} values not loaded: the SSD has no place for them"
                )
    return tuple(notes)
