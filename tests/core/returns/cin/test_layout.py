"""The reader's layout agrees with the DfE's CIN census schemas on where each element goes."""

from importlib import resources

import pytest
from lxml import etree

from oversight.core.returns.cin._layout import PARENTS

XS = "{http://www.w3.org/2001/XMLSchema}"
GROUPS = {f"{XS}{name}" for name in ("sequence", "choice", "all", "complexContent", "extension")}
YEARS = range(2017, 2027)


def _direct_children(node: etree._Element) -> list[etree._Element]:
    """The element declarations directly in a type's content model (not inside those)."""
    found = []
    for item in node:
        if item.tag == f"{XS}element":
            found.append(item)
        elif item.tag in GROUPS:
            found += _direct_children(item)
    return found


def schema_parents(year: int) -> dict[str, set[str]]:
    """Each element of the year's schema below ``Message``, with the elements it is directly in."""
    path = resources.files("oversight.core.returns.cin") / "schemas" / f"CIN_schema_{year}.xsd"
    root = etree.fromstring(path.read_bytes())
    types = {node.get("name"): node for node in root.iter(f"{XS}complexType") if node.get("name")}
    elements = {node.get("name"): node for node in root.findall(f"{XS}element")}
    parents: dict[str, set[str]] = {}

    def visit(name: str, declaration: etree._Element, seen: frozenset[str]) -> None:
        if declaration.get("ref"):
            declaration = elements[declaration.get("ref").split(":")[-1]]
        content = declaration.find(f"{XS}complexType")
        type_name = (declaration.get("type") or "").split(":")[-1]
        if content is None:
            content = types.get(type_name)
        if content is None or name in seen:
            return
        for child in _direct_children(content):
            child_name = child.get("name") or child.get("ref").split(":")[-1]
            parents.setdefault(child_name, set()).add(name)
            visit(child_name, child, seen | {name})

    visit("Message", elements["Message"], frozenset())
    return parents


@pytest.mark.parametrize("year", YEARS)
def test_each_module_container_and_list_leaf_is_where_the_schema_puts_it(year):
    parents = schema_parents(year)
    placed = {tag: parent for tag, parent in PARENTS.items() if tag in parents}
    assert placed == {tag: next(iter(parents[tag])) for tag in placed}
    assert all(len(parents[tag]) == 1 for tag in placed)
    # every element of the schema that holds others is one the layout places
    holders = {parent for within in parents.values() for parent in within}
    assert holders <= set(PARENTS)
    missing = set(PARENTS) - set(parents) - {"Message"}
    assert missing <= ({"CINPlanDates"} if year < 2022 else set())  # CIN plan dates from 2022
