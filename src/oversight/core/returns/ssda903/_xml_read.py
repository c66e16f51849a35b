"""Read the DfE's SSDA903 XML (``EXPSSDA903``) into the text columns of each table.

Streaming: ``_safe_xml.iterparse`` yields each ``CHILD`` as it ends; its elements are copied into
column buffers and the element is then cleared, so a large file is never held whole. Elements
that are not part of the layout (``_xml_layout``) are reported with their path, e.g.
``EXPSSDA903/CHILD[3]/EPISODE[2]/PLACEMENT``. Malformed or refused XML (a DOCTYPE, a truncated
file) makes the whole file unreadable, reported with the line where parsing stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, NoReturn

import polars as pl
from lxml import etree

from oversight.core.returns._errors import ReturnUnreadableError
from oversight.core.returns._problems import (
    PROBLEM_SCHEMA,
    ProblemKind,
    one_problem,
    to_problems,
)
from oversight.core.returns._safe_xml import XmlRefusedError, iterparse
from oversight.core.returns.ssda903._xml_layout import (
    CHILD,
    EPISODE,
    FROM_HEADER,
    HEADER,
    HEADER_BLOCKS,
    HEADER_LEAVES,
    ROOT,
    UASC_FLAG,
    XML_TABLES,
    Block,
    column_name,
)
from oversight.core.returns.ssda903.schema import Schema

BLOCKS = {block.element: block for block in HEADER_BLOCKS}
LEAF_TABLE = {leaf: table for table, leaves in HEADER_LEAVES.items() for leaf in leaves}
LEAF_TABLE[UASC_FLAG] = "uasc"


def read_xml_text(path: Path, schema: Schema) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """The text frame of every table the XML layout carries, and the problems found.

    Each frame has the year's columns of its table (text, null when blank) plus ``_row``,
    ``_line`` and ``_element``. Raises ``ReturnUnreadableError`` when the file is not
    well-formed, is refused for safety, or is not an ``EXPSSDA903`` document.
    """
    reader = _Reader(path.name, schema)
    try:
        with path.open("rb") as source:
            _read_children(path, source, reader)
    except XmlRefusedError as refused:
        kind = ProblemKind.UNSAFE_INPUT if refused.unsafe else ProblemKind.UNREADABLE_FILE
        problem = one_problem(kind, path.name, refused.reason, line=refused.line)
        raise ReturnUnreadableError(f"{path}: cannot be read", to_problems(problem), 1) from None
    return reader.frames(), reader.problem_frame()


def _read_children(path: Path, source: IO[bytes], reader: _Reader) -> None:
    """Feed each ``CHILD`` to ``reader`` as it ends, then free it."""
    depth = 0
    children = 0
    for event, element in iterparse(source):
        if event == "start":
            depth += 1
            if depth == 1 and _tag(element) != ROOT:
                _refuse(
                    path, f"the root element {ROOT}", line=element.sourceline, value=_tag(element)
                )
            continue
        depth -= 1
        if depth != 1:
            continue
        if _tag(element) == CHILD:
            children += 1
            reader.child(element, children)
        else:
            reader.unexpected(element, ROOT, f"only {CHILD} elements")
        element.clear(keep_tail=False)
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]


def _refuse(path: Path, expected: str, *, line: int | None, value: str) -> NoReturn:
    problem = one_problem(ProblemKind.UNREADABLE_FILE, path.name, expected, line=line, value=value)
    raise ReturnUnreadableError(f"{path}: cannot be read", to_problems(problem), 1)


def _tag(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


def _text(element: etree._Element) -> str | None:
    text = (element.text or "").strip()
    return text or None


class _Reader:
    """Column buffers for every XML table, filled one ``CHILD`` at a time."""

    def __init__(self, file: str, schema: Schema) -> None:
        self.file = file
        self.keys = [key for key in XML_TABLES if key in schema.tables]
        self.columns = {
            key: {name: [] for name in schema.table(key).column_names} for key in self.keys
        }  # type: dict[str, dict[str, list[str | None]]]
        self.lines: dict[str, list[int | None]] = {key: [] for key in self.keys}
        self.elements: dict[str, list[str]] = {key: [] for key in self.keys}
        self.problems: list[dict[str, Any]] = []

    def child(self, child: etree._Element, index: int) -> None:
        path = f"{ROOT}/{CHILD}[{index}]"
        headers = [element for element in child if _tag(element) == HEADER]
        for element in child:
            if _tag(element) not in (HEADER, EPISODE.element):
                self.unexpected(element, path, f"only {HEADER} and {EPISODE.element} elements")
        if len(headers) != 1:
            found = f"{len(headers)} {HEADER} elements"
            self.problem(
                ProblemKind.UNEXPECTED_ELEMENT,
                child.sourceline,
                path,
                None,
                found,
                f"exactly one {HEADER} element",
            )
            if not headers:
                return
        header = headers[0]
        header_path = f"{path}/{HEADER}"
        leaves, blocks = self._header(header, header_path)
        child_id = leaves.get("CHILDID")
        own = {"CHILD": child_id, **{column_name(k): v for k, v in leaves.items()}}
        line = header.sourceline
        self.add("header", own, line, header_path)
        flag = leaves.get(UASC_FLAG)
        if flag not in (None, "0", "1"):
            self.problem(
                ProblemKind.UNKNOWN_CODE,
                line,
                f"{header_path}/{UASC_FLAG}",
                child_id,
                flag,
                "1 for an unaccompanied asylum-seeking child, or blank",
            )
        if flag == "1" or leaves.get("DUC") is not None:
            self.add(
                "uasc",
                self._with_header("uasc", own, {"DUC": leaves.get("DUC")}),
                line,
                header_path,
            )
        for table in ("oc3", "ad1"):
            values = {leaf: leaves.get(leaf) for leaf in HEADER_LEAVES[table]}
            if any(value is not None for value in values.values()):
                self.add(table, self._with_header(table, own, values), line, header_path)
        for block, element, block_path in blocks:
            values = self._block(element, block, block_path, child_id)
            self.add(
                block.table,
                self._with_header(block.table, own, values),
                element.sourceline,
                block_path,
            )
        for number, element in enumerate((e for e in child if _tag(e) == EPISODE.element), start=1):
            episode_path = f"{path}/{EPISODE.element}[{number}]"
            values = self._block(element, EPISODE, episode_path, child_id)
            self.add("episodes", {"CHILD": child_id, **values}, element.sourceline, episode_path)

    def _header(
        self, header: etree._Element, path: str
    ) -> tuple[dict[str, str | None], list[tuple[Block, etree._Element, str]]]:
        leaves: dict[str, str | None] = {}
        blocks: list[tuple[Block, etree._Element, str]] = []
        counts: dict[str, int] = {}
        for element in header:
            name = _tag(element)
            if name in LEAF_TABLE:
                if name in leaves or len(element):
                    self.unexpected(element, path, f"one {name} holding text")
                    continue
                leaves[name] = _text(element)
            elif name in BLOCKS:
                block = BLOCKS[name]
                counts[name] = counts.get(name, 0) + 1
                if counts[name] > 1 and not block.repeats:
                    self.unexpected(element, path, f"at most one {name}")
                    continue
                suffix = f"[{counts[name]}]" if block.repeats else ""
                blocks.append((block, element, f"{path}/{name}{suffix}"))
            else:
                self.unexpected(element, path, "an element of the SSDA903 header")
        return leaves, blocks

    def _block(
        self, element: etree._Element, block: Block, path: str, child_id: str | None
    ) -> dict[str, str | None]:
        values: dict[str, str | None] = {}
        for leaf in element:
            name = _tag(leaf)
            if name not in block.fields or name in values or len(leaf):
                self.unexpected(leaf, path, f"one of {', '.join(block.fields)}, each once")
                continue
            values[column_name(name)] = _text(leaf)
        return values

    def _with_header(
        self, table: str, own: dict[str, str | None], values: dict[str, str | None]
    ) -> dict[str, str | None]:
        shared = {column: own.get(column) for column in FROM_HEADER.get(table, ())}
        return {"CHILD": own.get("CHILD"), **shared, **values}

    def add(self, table: str, values: dict[str, str | None], line: int | None, path: str) -> None:
        if table == "header_mother" or table not in self.columns:
            return
        for name, buffer in self.columns[table].items():
            buffer.append(values.get(name))
        self.lines[table].append(line)
        self.elements[table].append(path)

    def unexpected(self, element: etree._Element, parent: str, expected: str) -> None:
        self.problem(
            ProblemKind.UNEXPECTED_ELEMENT,
            element.sourceline,
            f"{parent}/{_tag(element)}",
            None,
            None,
            expected,
        )

    def problem(
        self,
        kind: ProblemKind,
        line: int | None,
        element: str,
        child: str | None,
        value: str | None,
        expected: str,
    ) -> None:
        self.problems.append(
            {
                "kind": kind.value,
                "file": self.file,
                "line": line,
                "element": element,
                "row": None,
                "child": child,
                "field": None,
                "value": value,
                "expected": expected,
            }
        )

    def frames(self) -> dict[str, pl.DataFrame]:
        return {
            key: pl.DataFrame(
                self.columns[key], schema=pl.Schema(dict.fromkeys(self.columns[key], pl.String))
            ).with_columns(
                pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
                pl.Series("_line", self.lines[key], dtype=pl.Int64),
                pl.Series("_element", self.elements[key], dtype=pl.String),
            )
            for key in self.keys
        }

    def problem_frame(self) -> pl.DataFrame:
        return pl.DataFrame(self.problems, schema=PROBLEM_SCHEMA)
