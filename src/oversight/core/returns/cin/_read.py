"""Read CIN census XML, streaming, into a ``CinReturn``.

The file is parsed a child at a time (``_stream``, through ``_safe_xml.iterparse``: no
DOCTYPE, no entities, no network); each module's leaf texts go into rows of text, and each
child is cleared once read, so a council's file is never held whole. Rows become frames of
text (built by polars), which are then typed column by column (dates ``YYYY-MM-DD``, flags
``0``/``1``/``false``/``true``, whole numbers) and whose codes are checked against the
year's schema; every problem names the element path, e.g.
``Message/Children/Child[3]/CINdetails[1]/ReferralSource``, and its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from oversight.core.returns._errors import ReturnReadError, ReturnUnreadableError
from oversight.core.returns._problems import (
    DEFAULT_MAX_PROBLEMS,
    PROBLEM_SCHEMA,
    ProblemKind,
    concat_problems,
    one_problem,
    problems_in_rows,
    raise_if_any,
)
from oversight.core.returns._safe_xml import XmlRefusedError
from oversight.core.returns.cin._layout import ORDINAL
from oversight.core.returns.cin._schema import check_year, codes_for, sex_element
from oversight.core.returns.cin._stream import OpenElements, Rows, stream_rows
from oversight.core.returns.cin._tables import FACTORS, SCHEMAS, CinReturn, conform

CODES = {
    "Sex": "sex", "Ethnicity": "ethnicity", "UPNunknown": "upn_unknown",
    "Disability": "disability", "ReferralSource": "referral_source",
    "PrimaryNeedCode": "primary_need", "ReasonForClosure": "reason_for_closure",
    "InitialCategoryOfAbuse": "category_of_abuse", "LatestCategoryOfAbuse": "category_of_abuse",
    "AssessmentFactors": "assessment_factors",
}  # fmt: skip
"""Coded elements and the ``CinCodes`` list each is checked against."""


def read_cin(path: Path, *, year: int, max_problems: int = DEFAULT_MAX_PROBLEMS) -> CinReturn:
    """Read the CIN census XML at ``path`` as the census of ``year``.

    Raises ``ReturnUnreadableError`` for a file that is missing, malformed, truncated or refused
    for safety (a DOCTYPE), naming the element path where reading stopped, and
    ``ReturnReadError`` listing every value that is not the element's type or not in the year's
    code list, and every element the census does not have.
    """
    check_year(year)
    path = Path(path)
    name = path.name
    where = OpenElements()
    try:
        with path.open("rb") as source:
            found = stream_rows(source, sex=sex_element(year), where=where)
    except XmlRefusedError as refused:
        kind = ProblemKind.UNSAFE_INPUT if refused.unsafe else ProblemKind.UNREADABLE_FILE
        raise ReturnUnreadableError(
            f"{name}: cannot be read as CIN census XML",
            list(_problem_list(one_problem(
                kind, name, refused.reason, line=refused.line, element=where.path() or None))),
            1,
        ) from None  # fmt: skip
    except OSError as error:
        raise ReturnUnreadableError(
            f"{name}: cannot be read", _problem_list(one_problem(
                ProblemKind.UNREADABLE_FILE, name, f"a readable file ({error.strerror})")), 1,
        ) from None  # fmt: skip
    frames, typed = _typed(found, name, year)
    raise_if_any(
        ReturnReadError,
        f"{name}: {{count}} problems in the {year} CIN census",
        concat_problems([_unexpected(found, name, year), *typed]),
        max_problems=max_problems,
    )
    return CinReturn(year, found.header.get("LEA", "000"), frames)


def _problem_list(frame: pl.DataFrame) -> list[Any]:
    from oversight.core.returns._problems import to_problems

    return to_problems(frame)


def _unexpected(found: Rows, name: str, year: int) -> pl.DataFrame:
    """One problem per element the census does not have, or not where it is (a ``Disability``
    outside any ``Child``), built as one frame (a file of stray elements would be slow as a
    frame each)."""
    lines, elements, tags, places = (
        zip(*found.unexpected, strict=True) if found.unexpected else ((), (), (), ())
    )
    return pl.DataFrame(
        {
            "kind": [ProblemKind.UNEXPECTED_ELEMENT.value] * len(tags),
            "file": [name] * len(tags),
            "line": list(lines),
            "element": list(elements),
            "row": [None] * len(tags),
            "child": [None] * len(tags),
            "field": list(tags),
            "value": [None] * len(tags),
            "expected": [
                f"{tag} {place}, in the {year} CIN census"
                if place
                else f"an element of the {year} CIN census"
                for tag, place in zip(tags, places, strict=True)
            ],
        },
        schema=PROBLEM_SCHEMA,
    )


def _text_frame(table: str, found: Rows, child_ids: pl.Series) -> pl.DataFrame:
    """The rows of ``table`` as a frame of text (keys as integers), in file order.

    Rows are dicts of text, turned into columns by polars (in Rust, twice as fast as
    gathering each column in Python); ``LAchildID`` is then each row's child's, by number,
    from ``child_ids``.
    ``_element`` and ``_line`` say where each row's element is, and ``_row`` its position.
    """
    columns = [column for column, dtype in SCHEMAS[table].items() if dtype != FACTORS]
    text = {
        column: pl.Int64() if column in ("CINdetailsID", *ORDINAL.values()) else pl.String()
        for column in columns
    }
    frame = pl.DataFrame(
        found.rows[table],
        schema={**text, "_child": pl.Int64, "_element": pl.String, "_line": pl.Int64},
    )
    frame = frame.with_columns(child_ids.gather(frame["_child"]).alias("LAchildID"))
    if "AssessmentFactors" in SCHEMAS[table]:
        frame = _with_factors(frame, found)
    return frame.select(*SCHEMAS[table], "_element", "_line").with_row_index("_row")


def _with_factors(assessments: pl.DataFrame, found: Rows) -> pl.DataFrame:
    """``assessments`` with each row's ``AssessmentFactors`` as a list, in file order; null
    for an assessment without any. Factors are gathered flat while streaming, by the path of
    their assessment, and grouped here in one step."""
    factors = (
        pl.DataFrame(
            {"_element": found.factor_owners, "AssessmentFactors": found.factors},
            schema={"_element": pl.String, "AssessmentFactors": pl.String},
        )
        .group_by("_element", maintain_order=True)
        .agg("AssessmentFactors")
    )
    return assessments.join(factors, on="_element", how="left", maintain_order="left")


def _typed(found: Rows, name: str, year: int) -> tuple[dict[str, pl.DataFrame], list[pl.DataFrame]]:
    """Typed CIN frames from the rows of text, and the problems typing found."""
    codes = codes_for(year)
    frames: dict[str, pl.DataFrame] = {}
    problems: list[pl.DataFrame] = []
    child_ids = pl.Series([child.get("LAchildID") for child in found.children], dtype=pl.String)
    for table, schema in SCHEMAS.items():
        raw = _text_frame(table, found, child_ids)
        typed = []
        for column, dtype in schema.items():
            value = pl.col(column)
            if dtype == pl.Date:
                cast = value.str.to_date("%Y-%m-%d", strict=False)
                expected = "a date as YYYY-MM-DD"
            elif dtype == pl.Boolean:
                cast = value.str.to_lowercase().replace_strict(
                    {"1": True, "true": True, "0": False, "false": False}, default=None,
                    return_dtype=pl.Boolean)  # fmt: skip
                expected = "0 or 1 (or false or true)"
            elif dtype == pl.Int64 and raw.schema[column] == pl.String:
                cast = value.str.strip_chars().cast(pl.Int64, strict=False)
                expected = "a whole number, 0 or more"
                cast = pl.when(cast >= 0).then(cast)
            else:
                typed.append(value)
                if column in CODES:
                    allowed = getattr(codes, CODES[column])
                    test = (
                        value.list.eval(pl.element().is_in(allowed)).list.all()
                        if dtype == FACTORS
                        else value.is_in(allowed)
                    )
                    failing = raw.filter(value.is_not_null() & ~test)
                    problems.append(problems_in_rows(
                        ProblemKind.UNKNOWN_CODE, name, failing, field=column,
                        element_field=column if column != "Sex" else sex_element(year),
                        value=value.cast(pl.String) if dtype != FACTORS else value.list.join(" "),
                        child=pl.col("LAchildID"),
                        expected=f"a {year} CIN census code ({', '.join(allowed)})"))  # fmt: skip
                continue
            typed.append(cast.alias(column))
            failing = raw.filter(value.is_not_null() & cast.is_null())
            problems.append(problems_in_rows(
                ProblemKind.BAD_VALUE, name, failing, field=column, value=value,
                child=pl.col("LAchildID"), expected=expected))  # fmt: skip
        frames[table] = conform(table, raw.select(typed))
    return frames, problems
