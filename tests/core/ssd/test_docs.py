"""The schema page in docs/ is exactly what the declarations generate."""

from pathlib import Path

from oversight.core.ssd.docs import schema_markdown

PAGE = Path(__file__).parents[3] / "docs" / "ssd-schema.md"


def test_the_committed_schema_page_is_current():
    assert PAGE.read_text(encoding="utf-8") == schema_markdown(), (
        "docs/ssd-schema.md is stale: run "
        "`.venv/bin/python -m oversight.core.ssd.docs > docs/ssd-schema.md`"
    )


def test_the_page_lists_every_correction_and_marks_existence_checks():
    page = schema_markdown()
    assert "ssd_cla_placements.clap_placement_id, a table and field that do not exist" in page
    assert "| `clap_cla_id` | text |  | `ssd_cla_episodes.clae_cla_id` (exists) |" in page
