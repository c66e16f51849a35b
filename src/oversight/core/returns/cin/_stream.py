"""The streaming pass of the CIN reader: XML elements into rows of text, in flat memory.

A census file is ~25 elements per child, ~160,000 for a council, so the reader's speed is
its cost per element. The parser is asked only for the events of ``Header`` and ``Child``
(lxml skips the rest in C); once one has ended, its subtree is walked (``_Stream.walk``):

* each element's fate comes from one lookup in tables built once per year (``layout``):
  a field is set straight into its row; a module element (``Child``, ``CINdetails``, …)
  opens a row, keyed to its child, episode and ordinal, with its element path and line for
  problem reports; a list leaf adds a row; anything else is reported as unexpected;
* a module, container or list leaf anywhere but directly inside its parent (``PARENTS``: a
  ``Disability`` outside ``Disabilities``, a ``CINdetails`` inside another, a ``Section47``
  inside an ``Assessments``) is reported as unexpected, saying where it belongs, and what it
  holds is not read;
* paths are built only for elements that need one, never for a field;
* rows hold only text and numbers, which the garbage collector does not track;
* each child is cleared once read and deleted once the next begins, so the tree stays small
  however many children the file has.

A file with any other layout, or one the parser refuses, is read again element by element
(``_read_any_layout``), which says exactly where the file stops being readable. Either way
elements are read in the order of their ``end`` events, with the same results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from lxml import etree

from oversight.core.returns._safe_xml import XmlRefusedError, iterparse
from oversight.core.returns.cin._layout import (
    CONTAINERS,
    ELSEWHERE,
    LISTS,
    MODULES,
    ORDINAL,
    PARENTS,
    Action,
    Kind,
    layout,
    walk_plans,
)
from oversight.core.returns.cin._tables import SCHEMAS

_NO_ROW: dict[str, Any] = {}
"""Stands for a row that is not open (and for no fields to set); never written to."""


@dataclass
class Rows:
    """What the streaming pass gathers: rows of text per frame, header fields, stray elements."""

    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {table: [] for table in SCHEMAS}
    )
    """Each frame's rows: element text by column, plus ``_child`` (the child's number in
    ``children``), ``_element`` and ``_line`` (where the row's element is). Rows hold only
    text and numbers, so the garbage collector does not track them: tens of thousands of
    tracked rows would make each of its passes slower as the file is read."""
    children: list[dict[str, Any]] = field(default_factory=list)
    """Each ``Child`` row in the order the children begin, for rows to find their child by."""
    factor_owners: list[str] = field(default_factory=list)
    """For each ``AssessmentFactors`` leaf, its ``Assessments`` element's path (its row's key)."""
    factors: list[str | None] = field(default_factory=list)
    """Each ``AssessmentFactors`` leaf's text."""
    header: dict[str, str] = field(default_factory=dict)
    """``Header`` leaves by tag, e.g. ``LEA``."""
    unexpected: list[tuple[int | None, str, str, str]] = field(default_factory=list)
    """Elements the census does not have, or not there: line, element path, tag, and where
    it belongs (e.g. ``inside a Child element``; "" for an element the census does not have)."""


class OpenElements:
    """The elements open at this point of the stream, root first, for paths in reports.

    A path names each element with its position among same-named siblings, as in
    ``Message/Children[1]/Child[3]/CINdetails[1]`` (the root has none).
    """

    def __init__(self) -> None:
        self.tags: list[str] = [""]
        """Each open element's tag, after "" standing for the root's parent."""
        self.segments: list[str] = []
        """Each open element's step of the path, e.g. ``Child[3]``, formatted once."""
        self.seen: list[dict[str, int]] = [{}]
        """For the root and each open element, how many children of each tag it has begun."""

    def clear(self) -> None:
        """Forget every element, as before the root."""
        self.tags[1:] = []
        self.segments.clear()
        self.seen[:] = [{}]

    def path(self) -> str:
        """The path of the innermost open element ("" before the root)."""
        return "/".join(self.segments)

    def begin(self, tag: str) -> None:
        """Note that an element ``tag`` has begun inside the innermost open element."""
        siblings = self.seen[-1]
        position = siblings[tag] = siblings.get(tag, 0) + 1
        self.segments.append(f"{tag}[{position}]" if self.segments else tag)
        self.tags.append(tag)
        self.seen.append({})

    def finish(self) -> None:
        """Note that the innermost open element has ended."""
        self.tags.pop()
        self.segments.pop()
        self.seen.pop()

    def descend(self, element: etree._Element, levels: int) -> None:
        """Note the ``levels`` open elements below ``element``, found in the partial tree.

        When parsing stops inside a child's subtree, whose events were not followed one by one,
        its open elements are the chain of last children (a later sibling cannot begin before
        an open element ends); each one's position is counted from its preceding siblings.
        """
        for _ in range(levels):
            element = element[-1]
            tag = element.tag
            before = sum(
                1 for sibling in element.itersiblings(preceding=True) if sibling.tag == tag
            )
            self.segments.append(f"{tag}[{before + 1}]")


def stream_rows(source: IO[bytes], *, sex: str, where: OpenElements) -> Rows:
    """Read ``source`` (a seekable file) into ``Rows``, keeping ``where`` at the element read.

    ``where`` is the caller's, so that when ``iterparse`` refuses the document part way, the
    caller can say where it stopped. Raises what ``iterparse`` raises; any element out of
    place is one of ``Rows.unexpected``.

    A file laid out as a census is, is read the fast way (``_read_census_layout``); any other,
    or one the parser refuses, is read again from the start element by element
    (``_read_any_layout``), which says exactly where and why it is refused. Both read every
    element the same way, in the same order, as if its own ``end`` event had been handled.
    """
    stream = _Stream(sex, where)
    if _read_census_layout(source, stream):
        return stream.found
    source.seek(0)
    where.clear()
    stream = _Stream(sex, where)
    _read_any_layout(source, stream)
    return stream.found


def _read_census_layout(source: IO[bytes], stream: _Stream) -> bool:
    """Read ``source`` if it is laid out as a census: a ``Message`` root holding an optional
    ``Header``, then ``Children`` holding only ``Child`` elements.

    The parser is asked for the events of ``Header`` and ``Child`` only, and skips the rest in
    C; each of those, once ended, is read by walking its subtree. That is most of the reader's
    speed: a census has ~25 elements per child. False, with ``stream`` to be discarded, at the
    first sign of another layout (a stray element where only these may be) or when the parser
    refuses the file.
    """
    where = stream.where
    root: etree._Element | None = None
    header: etree._Element | None = None
    children: etree._Element | None = None
    last: etree._Element | None = None  # the last child read, kept until the next begins
    depth = 0  # open Header and Child elements: only the outermost are read
    try:
        for event, element in iterparse(source, tag=("Header", "Child")):
            if event == "start":
                depth += 1
                if depth > 1:
                    continue
                parent = element.getparent()
                if element.tag == "Header":
                    if root is not None or not _is_root(parent, "Message"):
                        return False
                    if element.getprevious() is not None:
                        return False
                    root = parent
                    where.begin("Message")
                else:
                    grandparent = parent.getparent() if parent is not None else None
                    if (
                        parent is None
                        or parent.tag != "Children"
                        or element.getprevious() is not last
                    ):
                        return False
                    if children is None:
                        if parent.getprevious() is not header or not _is_root(
                            grandparent, "Message"
                        ):
                            return False
                        if root is None:
                            root = grandparent
                            where.begin("Message")
                        children = parent
                        where.begin("Children")
                    elif parent is not children:
                        return False
                stream.start(element)
                continue
            depth -= 1
            if depth:
                continue
            stream.walk(element, element.tag, where.path())
            stream.end(element)
            if element.tag == "Header":
                header = element
            else:
                last = element
    except XmlRefusedError:
        return False
    expected = [kept for kept in (header, children) if kept is not None]
    return (
        root is not None
        and list(root) == expected
        and (children is None or list(children) == [last])
    )


def _is_root(element: etree._Element | None, tag: str) -> bool:
    """Whether ``element`` is the document's root, named ``tag``."""
    return element is not None and element.tag == tag and element.getparent() is None


def _read_any_layout(source: IO[bytes], stream: _Stream) -> None:
    """Read ``source`` event by event, but for each element ``_Stream.start`` holds (a
    ``Child`` under ``Children``, or a module out of place), whose events are only counted, to
    know where it ends, before it is read whole."""
    where = stream.where
    held: etree._Element | None = None
    inside = 0  # elements open in the held element, itself included
    try:
        for event, element in iterparse(source):
            if inside:
                if event == "start":
                    inside += 1
                    continue
                inside -= 1
                if inside:
                    continue
                stream.end_held(element)
            elif event == "start":
                if stream.start(element):
                    held, inside = element, 1
            else:
                stream.end(element)
    except XmlRefusedError:
        if inside and held is not None:
            where.descend(held, inside - 1)
        raise


class _Stream:
    """One read's progress: the rows gathered and the module rows still open."""

    def __init__(self, sex: str, where: OpenElements) -> None:
        self.where = where
        self.tables = layout(sex)
        self.plans = walk_plans(sex)
        self.found = Rows()
        self.open_rows: dict[str, dict[str, Any]] = {}
        """The row of each module element now open, by tag."""
        self.held_place = ""
        """Where the element held by ``start`` belongs, if it is out of place; else ""."""

    def start(self, element: etree._Element) -> bool:
        """An element begins: note where it is. True if the element is to be read whole once
        it ends (by ``end_held``), its events only counted until then: a ``Child`` (under
        ``Children``), its row opened, to be walked; or any element out of place, to be
        reported unread. Every other module is inside a ``Child``, so it is walked."""
        tag = element.tag  # always text: comments and PIs are dropped, entities refused
        where = self.where
        where.begin(tag)
        parent = PARENTS.get(tag)
        if parent is not None and where.tags[-2] != parent:
            self.held_place = _place(tag, parent, self.open_rows)
            return True
        if tag != "Child":
            return False
        self.held_place = ""
        self.open_rows[tag] = _open(
            tag, self.open_rows, where.path(), element.sourceline, self.found
        )
        return True

    def end_held(self, element: etree._Element) -> None:
        """A held element (``start``) ends: walk it, or report it as out of place."""
        where = self.where
        if self.held_place:
            self.found.unexpected.append(
                (element.sourceline, where.path(), element.tag, self.held_place)
            )
            where.finish()
            element.clear(keep_tail=False)
        else:
            self.walk(element, element.tag, where.path())
            self.end(element)

    def end(self, element: etree._Element) -> None:
        """An element ends: read it by its action under its parent, then let it go."""
        tags = self.where.tags
        tag = tags[-1]
        children, other = self.tables.get(tags[-2]) or self.tables[ELSEWHERE]
        action = children.get(tag, other)
        if action.kind is Kind.FIELD and not len(element) and action.owner in self.open_rows:
            text = element.text
            self.open_rows[action.owner][action.column] = text.strip() if text else ""
        elif action.kind is Kind.MODULE:
            self.found.rows[MODULES[tag]].append(self.open_rows.pop(tag))
            _forget_siblings(element, tags)
        elif action.kind is not Kind.CONTAINER:
            self.other(element, tag, action, self.where.path())
        self.where.finish()
        element.clear(keep_tail=False)

    def walk(self, parent: etree._Element, parent_tag: str, parent_path: str) -> None:
        """Read the elements inside ``parent`` (finished, at ``parent_path``) in the order of
        their ``end`` events: a module's row opens before its elements are read.

        Fields, most elements, are set straight into their row and not counted: only an
        element that needs a path needs its position among same-named siblings.
        """
        plans = self.plans
        actions, other, owner, columns = plans.get(parent_tag) or plans[ELSEWHERE]
        open_rows = self.open_rows
        row = open_rows.get(owner, _NO_ROW)
        fast = columns if row is not _NO_ROW else _NO_ROW
        seen: dict[str, int] = {}
        fields_seen: dict[str, tuple[etree._Element, int]] = {}  # rarely used
        for element in parent:
            tag = element.tag
            column = fast.get(tag)
            if column is not None and not len(element):
                text = element.text
                row[column] = text.strip() if text else ""
                continue
            action = actions.get(tag, other)
            if action.kind is Kind.FIELD:
                position = _field_position(element, tag, fields_seen)
            else:
                position = seen[tag] = seen.get(tag, 0) + 1
            # the owner's row is the same after: a module is read only outside one of its tag
            self.read(element, tag, action, f"{parent_path}/{tag}[{position}]")

    def read(self, element: etree._Element, tag: str, action: Action, path: str) -> None:
        """Read one element other than a field, after the elements inside it (none, for an
        element out of place)."""
        if action.kind is Kind.MISPLACED:
            place = _place(tag, action.owner, self.open_rows)
            self.found.unexpected.append((element.sourceline, path, tag, place))
        elif action.kind is Kind.MODULE:  # in its place, so its owner's row is open
            self.open_rows[tag] = _open(tag, self.open_rows, path, element.sourceline, self.found)
            self.walk(element, tag, path)
            self.found.rows[MODULES[tag]].append(self.open_rows.pop(tag))
        elif action.kind is Kind.CONTAINER:
            self.walk(element, tag, path)
        else:
            if len(element):
                self.walk(element, tag, path)
            self.other(element, tag, action, path)

    def other(self, element: etree._Element, tag: str, action: Action, path: str) -> None:
        """Read a header field, list leaf or assessment factor, or report an unexpected
        element (one the census does not have, or a leaf outside the row it belongs to): the
        rarer fates, apart from the loops so that they stay short."""
        kind = action.kind
        found = self.found
        owner = self.open_rows.get(action.owner)
        if kind is Kind.UNEXPECTED or len(element):
            found.unexpected.append((element.sourceline, path, tag, ""))
        elif kind is Kind.HEADER:
            found.header[tag] = (element.text or "").strip()
        elif owner is None:
            found.unexpected.append((element.sourceline, path, tag, _inside(action.owner)))
        elif kind is Kind.FIELD:  # a field the loops did not set
            text = element.text
            owner[action.column] = text.strip() if text else ""
        elif kind is Kind.LIST:
            found.rows[LISTS[tag]].append(
                {**_keys(owner), tag: element.text, "_element": path, "_line": element.sourceline}
            )
        else:  # Kind.FACTOR
            found.factor_owners.append(owner["_element"])
            found.factors.append(element.text)


def _field_position(
    element: etree._Element, tag: str, counted: dict[str, tuple[etree._Element, int]]
) -> int:
    """The position of a field element among its same-named siblings, for the rare field that
    needs a path (one holding elements): counted back to the last such field of that name
    (``counted``), so that each sibling is passed at most once per name."""
    last, count = counted.get(tag, (None, 0))
    for sibling in element.itersiblings(preceding=True):
        if sibling is last:
            break
        if sibling.tag == tag:
            count += 1
    counted[tag] = (element, count + 1)
    return count + 1


def _forget_siblings(element: etree._Element, tags: list[str]) -> None:
    """Delete the finished siblings before ``element`` (itself cleared later), keeping memory
    flat: ``Children`` would otherwise keep an empty ``Child`` per child.

    Only under a module or container, whose own children are never counted when it ends.
    """
    if tags[-2] in MODULES or tags[-2] in CONTAINERS:
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def _keys(row: dict[str, Any]) -> dict[str, Any]:
    """The keys a list row takes from the row it belongs to."""
    return {key: row[key] for key in ("_child", "CINdetailsID", "CPPID") if key in row}


def _place(tag: str, parent: str, open_rows: dict[str, dict[str, Any]]) -> str:
    """Where an element out of place belongs, in words: ``inside a Child element``, adding
    ``not inside another CINdetails`` for a module inside one of its own kind."""
    place = _inside(parent)
    return f"{place}, not inside another {tag}" if tag in open_rows else place


def _inside(parent: str) -> str:
    """Where an element belongs, in words: ``inside a Child element`` ("" is the root)."""
    if not parent:
        return "as the root element"
    return f"inside {'an' if parent[0] in 'AEIOU' else 'a'} {parent} element"


def _open(
    tag: str, open_rows: dict[str, dict[str, Any]], where: str, line: int | None, found: Rows
) -> dict[str, Any]:
    """A new row for module ``tag``, keyed by its parents' rows and numbered within them
    (open, as the module is in its place)."""
    row: dict[str, Any] = {"_element": where, "_line": line}
    if tag == "Child":
        row["_child"] = len(found.children)
        row["_episodes"] = 0
        found.children.append(row)
        return row
    child = open_rows["Child"]
    row["_child"] = child["_child"]
    if tag == "CINdetails":
        child["_episodes"] += 1
        row["CINdetailsID"] = child["_episodes"]
        return row
    episode = open_rows["CINdetails"]
    ordinal = ORDINAL[MODULES[tag]]
    episode[f"_{ordinal}"] = episode.get(f"_{ordinal}", 0) + 1
    row["CINdetailsID"] = episode["CINdetailsID"]
    row[ordinal] = episode[f"_{ordinal}"]
    return row
