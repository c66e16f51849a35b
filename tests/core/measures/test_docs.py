"""docs/measures.md has a section (or a named place) for every flag and indicator."""

from pathlib import Path

from oversight.core.measures import FLAGS, INDICATORS

DOCS = Path(__file__).parents[3] / "docs" / "measures.md"


def test_every_flag_has_its_own_section():
    headings = {
        line.removeprefix("### ").strip()
        for line in DOCS.read_text("utf-8").splitlines()
        if line.startswith("### ")
    }
    assert [flag.code for flag in FLAGS if flag.code not in headings] == []


def test_every_indicator_is_named_in_the_docs():
    text = DOCS.read_text("utf-8")
    assert [
        i.code for i in INDICATORS if f"`{i.code}`" not in text and f"### {i.code}" not in text
    ] == []


def test_the_working_day_rule_is_stated():
    assert "strictly after the start, up\nto and including the end" in DOCS.read_text("utf-8")
