"""Read and write Annex A workbooks (xlsx): one sheet per list, headers in the first row.

Reading takes workbooks as councils send them. Sheets are recognised by name (``List 3``,
``list_03 referrals``), header cells by the specification's names and synonym patterns, coded
values by the specification's spellings; what cannot be matched is reported with its sheet, row,
column, value and what was expected. The file is first opened as a zip with the shared archive
limits, so a corrupt workbook or a zip bomb is refused before a spreadsheet reader sees it. Cells
are read as their stored values: formula text is text, and formulas are never evaluated.

A blank cell is a problem only where it leaves a row without its key: the child's (or adopter's)
id, or the list's first required date (the date of the contact, referral, plan …; for list 10
the date of the adoption decision, which the row describes). Other blanks
are read as absent, whatever the specification says: councils leave unallocated work and data
they do not hold blank, and absent data stays absent.

Frames hold one column per specification column: coded columns keep the text as written (so a
loader can recover a detailed code such as ``1B`` from ``b) 1B: Individual``), dates are dates,
numbers whole numbers, other text text.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

import fastexcel
import polars as pl
import xlsxwriter

from oversight.core.returns._archive import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    ArchiveRefusedError,
    read_zip,
)
from oversight.core.returns._errors import ReturnReadError, ReturnUnreadableError
from oversight.core.returns._neutralise import neutralise_text
from oversight.core.returns._problems import (
    DEFAULT_MAX_PROBLEMS,
    ProblemKind,
    concat_problems,
    one_problem,
    raise_if_any,
)
from oversight.core.returns.annex_a._spec import Column, ListSpec, annex_a_spec, normalise

SHEET_NAME = re.compile(r"\blist[\s_\-]*0*(\d{1,2})(?!\d)", re.IGNORECASE)
"""A sheet named for a list: ``List 1``, ``list_01``, ``List 8 - Children in care``."""

HEADER_ROWS_SEARCHED = 10
"""How far down a sheet its header row is looked for."""

AGE = "Age of Child (Years)"
"""Ages are often sent as fractions of years; they are read as the age at the last birthday."""

DATE_FORMAT = "dd/mm/yyyy"

KEYS = frozenset({"Child Unique ID", "Individual adopter identifier"})

KEY_DATES = {10: "Date of Decision that Child Should be Placed for Adoption"}
"""Lists whose row is keyed by a later required date than their first (list 10's first is the
date the child entered care, which a council may not hold against an adoption decision)."""
"""Columns that identify a row's child or adopter: a blank one is always a problem."""


@dataclass(frozen=True)
class AnnexA:
    """An Annex A return: the lists present, keyed by number, and the inspection date if known."""

    lists: dict[int, pl.DataFrame]
    as_of: date | None = None
    notes: dict[int, str] = field(default_factory=dict)
    """Per list, why it is empty (written as a comment on its first header cell)."""


def dtype(column: Column) -> pl.DataType:
    """The polars type of a column's values."""
    if column.kind == "date":
        return pl.Date()
    if column.kind == "numeric":
        return pl.Int64()
    return pl.String()


def empty_list(spec: ListSpec) -> pl.DataFrame:
    """A list with its columns and no rows."""
    return pl.DataFrame(schema={column.name: dtype(column) for column in spec.columns})


# ---------------------------------------------------------------------------------------- write


def write_annex_a(annex: AnnexA, path: Path) -> Path:
    """Write every list of the specification to ``path`` (lists absent from ``annex`` with their
    header only); text that a spreadsheet could run as a formula is neutralised, numbers and
    dates stay typed. Written to a temporary file first, so nothing is half-written.
    """
    spec = annex_a_spec()
    partial = path.with_name(f".{path.name}.partial")
    workbook = xlsxwriter.Workbook(
        str(partial),
        {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
         "remove_timezone": True},
    )  # fmt: skip
    try:
        header_format = workbook.add_format({"bold": True, "text_wrap": True})
        date_format = workbook.add_format({"num_format": DATE_FORMAT})
        for number, list_spec in spec.items():
            sheet = workbook.add_worksheet(f"List {number}")
            frame = annex.lists.get(number, empty_list(list_spec))
            frame = neutralise_text(frame.select(list_spec.names))
            for col, name in enumerate(list_spec.names):
                sheet.write_string(0, col, name, header_format)
                sheet.set_column(col, col, 18)
            if number in annex.notes:
                sheet.write_comment(0, 0, annex.notes[number])
            for row, record in enumerate(frame.iter_rows(), start=1):
                for col, value in enumerate(record):
                    if value is None:
                        continue
                    if isinstance(value, date):
                        sheet.write_datetime(row, col, value, date_format)
                    elif isinstance(value, int):
                        sheet.write_number(row, col, value)
                    else:
                        sheet.write_string(row, col, str(value))
        workbook.close()
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


# ----------------------------------------------------------------------------------------- read


def read_annex_a(
    path: Path,
    *,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
) -> AnnexA:
    """The lists of the workbook at ``path``.

    Raises ``ReturnUnreadableError`` (exit status 2) when the file is missing, not an xlsx, or
    refused by the archive limits; ``ReturnReadError`` (1) listing every header, value or code
    that could not be matched.
    """
    name = path.name
    _check_archive(path, limits)
    try:
        reader = fastexcel.read_excel(path)
        sheet_names = list(reader.sheet_names)
    except Exception as error:
        raise _unreadable(name, f"a readable xlsx workbook ({error})") from None
    lists: dict[int, pl.DataFrame] = {}
    problems: list[pl.DataFrame] = []
    spec = annex_a_spec()
    for sheet_name in sheet_names:
        match = SHEET_NAME.search(sheet_name)
        if match is None or int(match.group(1)) not in spec:
            continue
        number = int(match.group(1))
        where = f"{name}:{sheet_name}"
        if number in lists:
            problems.append(one_problem(ProblemKind.DUPLICATE_TABLE, where,
                                        f"one sheet for list {number}"))  # fmt: skip
            continue
        try:
            raw = reader.load_sheet(sheet_name, header_row=None, dtypes="string").to_polars()
        except Exception as error:
            raise _unreadable(where, f"a readable sheet ({error})") from None
        frame, found = _read_list(raw, spec[number], where)
        lists[number] = frame
        problems.extend(found)
    if not lists:
        raise _unreadable(name, "at least one sheet named for a list, e.g. 'List 1'")
    raise_if_any(ReturnReadError, f"{name}: {{count}} problems in the Annex A workbook",
                 concat_problems(problems), max_problems=max_problems)  # fmt: skip
    return AnnexA(lists)


def _unreadable(where: str, expected: str, *, unsafe: bool = False) -> ReturnUnreadableError:
    kind = ProblemKind.UNSAFE_INPUT if unsafe else ProblemKind.UNREADABLE_FILE
    problems = one_problem(kind, where, expected)
    try:
        raise_if_any(ReturnUnreadableError, f"{where}: cannot be read", problems)
    except ReturnUnreadableError as error:
        return error
    raise AssertionError("unreachable")  # pragma: no cover


def _check_archive(path: Path, limits: ArchiveLimits) -> None:
    """Refuse a missing file, a corrupt zip, or one beyond ``limits`` (every member counted)."""
    if not path.is_file():
        raise _unreadable(path.name, "an existing xlsx file")
    try:
        with zipfile.ZipFile(path) as archive:
            suffixes = {PurePosixPath(info.filename).suffix.lower() for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError) as error:
        raise _unreadable(path.name, f"an xlsx workbook (a zip archive) ({error})") from None
    try:
        members, _ = read_zip(path, suffixes=tuple(suffixes), limits=limits)
    except ArchiveRefusedError as refused:
        where = path.name if refused.member is None else f"{path.name}:{refused.member}"
        raise _unreadable(where, refused.reason, unsafe=refused.unsafe) from None
    if "[Content_Types].xml" not in members:
        raise _unreadable(path.name, "an xlsx workbook ([Content_Types].xml is missing)")


def _header_row(raw: pl.DataFrame, spec: ListSpec) -> int:
    best, best_count = 0, -1
    for index, record in enumerate(raw.head(HEADER_ROWS_SEARCHED).iter_rows()):
        count = sum(1 for cell in record if cell and _column_for(cell, spec) is not None)
        if count > best_count:
            best, best_count = index, count
    return best


def _column_for(header: str, spec: ListSpec) -> Column | None:
    exact = [c for c in spec.columns if normalise(header) == normalise(c.name)]
    return next(iter(exact), None) or next(
        (c for c in spec.columns if c.matches_header(header)), None
    )


def _read_list(
    raw: pl.DataFrame, spec: ListSpec, where: str
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    problems: list[pl.DataFrame] = []
    if raw.height == 0:
        return empty_list(spec), problems
    header_index = _header_row(raw, spec)
    header = list(raw.row(header_index))
    chosen: dict[str, str] = {}
    for source, cell in zip(raw.columns, header, strict=True):
        if cell is None or not cell.strip():
            continue
        column = _column_for(cell, spec)
        if column is None or column.name in chosen:
            problems.append(one_problem(
                ProblemKind.EXTRA_COLUMN, where, f"a column of list {spec.number}: "
                + ", ".join(spec.names), line=header_index + 1, value=cell))  # fmt: skip
            continue
        chosen[column.name] = source
    for column in spec.columns:
        if column.name not in chosen and not column.can_be_blank:
            problems.append(one_problem(ProblemKind.MISSING_COLUMN, where,
                f"a column for {column.name!r}", line=header_index + 1,
                field=column.name))  # fmt: skip
    body = raw.slice(header_index + 1)
    first_line = header_index + 2
    filled = [
        (pl.col(c).str.replace_all("\xa0", " ").str.strip_chars() != "").fill_null(False)
        for c in raw.columns
    ]
    body = body.with_row_index("_row").filter(pl.any_horizontal(filled))
    key = next(
        (c for c in spec.columns if c.kind == "date" and not c.can_be_blank
         and c.name == KEY_DATES.get(spec.number, c.name)),
        None,
    )  # fmt: skip
    values: dict[str, list[object]] = {}
    for column in spec.columns:
        if column.name not in chosen:
            values[column.name] = [None] * body.height
            continue
        cells = body[chosen[column.name]].to_list()
        rows = body["_row"].to_list()
        parsed: list[object] = []
        for row, cell in zip(rows, cells, strict=True):
            text = None if cell is None else cell.replace("\xa0", " ").strip() or None
            value, expected = _parse(column, text, key)
            if expected is not None:
                kind = (ProblemKind.UNKNOWN_CODE if column.kind == "category" and text
                        else ProblemKind.BAD_VALUE)  # fmt: skip
                problems.append(one_problem(kind, where, expected, line=first_line + row,
                                            row=row, field=column.name, value=text))  # fmt: skip
            parsed.append(value)
        values[column.name] = parsed
    frame = pl.DataFrame(values, schema={c.name: dtype(c) for c in spec.columns})
    return frame, problems


DATE_PATTERNS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00:00(?:\.0+)?)?"), (1, 2, 3)),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), (3, 2, 1)),
)


def _parse(column: Column, text: str | None, key: Column | None) -> tuple[object, str | None]:
    """The value of a cell and, when it cannot be read, what was expected."""
    if text is None:
        if column.can_be_blank or not (column.name in KEYS or column is key):
            return None, None
        return None, "a value (the column cannot be blank)"
    if column.kind == "date":
        for pattern, (y, m, d) in DATE_PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                try:
                    return date(int(match[y]), int(match[m]), int(match[d])), None
                except ValueError:
                    break
        return None, "a date (dd/mm/yyyy)"
    if column.kind == "numeric":
        try:
            number = float(text)
        except ValueError:
            return None, "a whole number"
        if column.name == AGE and number >= -1:
            return int(number // 1), None
        if not number.is_integer() or (column.min_value is not None and number < column.min_value):
            return None, f"a whole number of at least {column.min_value or 0}"
        return int(number), None
    if column.kind == "category" and column.code_for(text) is None:
        shown = ", ".join(repr(code) for code in column.codes[:12])
        more = ", …" if len(column.codes) > 12 else ""
        return None, f"one of the codes for {column.name!r} or a known spelling: {shown}{more}"
    return text, None
