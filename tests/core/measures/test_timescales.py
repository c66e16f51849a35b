"""The timescales file: the packaged defaults load, every entry has a source, bad files are refused."""

import tomllib
from dataclasses import fields, is_dataclass
from datetime import date
from importlib import resources

import polars as pl
import pytest

from oversight.core.measures import TimescalesError, load_timescales, parse_timescales
from oversight.core.measures.timescales import Interval, IntervalUnit

PACKAGED = resources.files("oversight.core.measures").joinpath("timescales.toml").read_text("utf-8")


def test_the_packaged_defaults_hold_the_statutory_timescales():
    timescales = load_timescales()
    statutory = timescales.statutory
    assert str(statutory.assessment.within) == "45 working days"
    assert str(statutory.initial_child_protection_conference.within) == "15 working days"
    assert [
        str(statutory.child_protection_review.first_within),
        str(statutory.child_protection_review.then_every),
    ] == ["3 months", "6 months"]
    review = statutory.looked_after_review
    assert [str(review.first_within), str(review.second_within), str(review.then_every)] == [
        "20 working days",
        "3 months",
        "6 months",
    ]
    assert str(statutory.initial_health_assessment.within) == "20 working days"
    assert statutory.health_review.age_from == 5
    assert str(statutory.care_leaver_contact.every) == "2 months"
    assert timescales.version == 1


def _with_sources(node, path=""):
    if is_dataclass(node):
        names = [field.name for field in fields(node)]
        if "source" in names:
            yield path, node.source
        for name in names:
            yield from _with_sources(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from _with_sources(item, f"{path}[{index}]")


def test_every_timescale_names_its_source():
    timescales = load_timescales()
    for section in (timescales.statutory, timescales.local, timescales.alerts):
        for field in fields(section):
            entry = getattr(section, field.name)
            assert entry.source.strip(), field.name
    sources = dict(_with_sources(timescales))
    assert all(sources.values()) and len(sources) > 20


def _edited(**replacements: str) -> str:
    text = PACKAGED
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def test_an_unknown_key_is_refused_so_a_typo_cannot_leave_a_default_in_force():
    text = _edited(**{'within = "45 working days"': 'withn = "45 working days"'})
    with pytest.raises(TimescalesError) as raised:
        parse_timescales(text, source="council.toml")
    assert raised.value.problems == [
        "statutory.assessment.withn: unknown key",
        "statutory.assessment.within: missing",
    ]
    assert "council.toml: 2 problems found" in str(raised.value)


def test_every_problem_is_reported_at_once():
    text = _edited(
        **{
            'within = "15 working days"': 'within = "15 workdays"',
            "due_soon_days = 7": 'due_soon_days = "seven"',
            "version = 1": "version = 2",
        }
    )
    with pytest.raises(TimescalesError) as raised:
        parse_timescales(text)
    problems = raised.value.problems
    assert "due_soon_days: expected int, got 'seven'" in problems
    assert any(
        p.startswith("statutory.initial_child_protection_conference.within: expected an interval")
        for p in problems
    )


def test_an_unsupported_version_is_refused():
    with pytest.raises(TimescalesError, match="version: 2 is not one of"):
        parse_timescales(_edited(**{"version = 1": "version = 2"}))


def test_the_last_visit_schedule_must_apply_to_any_placement():
    text = _edited(
        **{
            'name = "any other placement"\n': 'name = "any other placement"\nplacement_types = ["U6"]\n'
        }
    )
    with pytest.raises(TimescalesError, match="the last schedule must apply to any placement"):
        parse_timescales(text)


def test_not_toml_is_refused():
    with pytest.raises(TimescalesError, match="not valid TOML"):
        parse_timescales("version = ")


def test_a_council_can_list_its_own_term_dates():
    text = _edited(
        **{
            'convention = "census"\nterms = []': 'convention = "listed"\nterms = [{ name = "Autumn 2024", start = 2024-09-03, end = 2024-12-20 }]'
        }
    )
    terms = parse_timescales(text).school_terms.school_terms()
    assert [(t.name, t.start, t.end) for t in terms.terms] == [
        ("Autumn 2024", date(2024, 9, 3), date(2024, 12, 20))
    ]


def test_load_timescales_reads_a_file(tmp_path):
    path = tmp_path / "timescales.toml"
    path.write_text(_edited(**{"due_soon_days = 7": "due_soon_days = 10"}), encoding="utf-8")
    assert load_timescales(path).due_soon_days == 10


def test_the_packaged_file_is_valid_toml_with_a_version():
    assert tomllib.loads(PACKAGED)["version"] == 1


@pytest.mark.parametrize(
    ("text", "count", "unit", "start", "due"),
    [
        ("45 working days", 45, IntervalUnit.WORKING_DAYS, date(2024, 3, 1), date(2024, 5, 8)),
        ("1 week", 1, IntervalUnit.WEEKS, date(2024, 3, 1), date(2024, 3, 8)),
        ("6 weeks", 6, IntervalUnit.WEEKS, date(2024, 3, 1), date(2024, 4, 12)),
        ("3 days", 3, IntervalUnit.DAYS, date(2024, 3, 1), date(2024, 3, 4)),
        ("3 months", 3, IntervalUnit.MONTHS, date(2024, 1, 31), date(2024, 4, 30)),
    ],
)
def test_intervals_parse_and_count_forward(text, count, unit, start, due):
    interval = Interval.parse(text)
    assert (interval.count, interval.unit, str(interval)) == (count, unit, text)
    assert pl.select(interval.after(pl.lit(start))).item() == due


def test_a_look_back_window_is_in_calendar_units():
    assert Interval.parse("12 months").before(date(2024, 2, 29)) == date(2023, 2, 28)
    with pytest.raises(ValueError, match="calendar units"):
        Interval.parse("5 working days").before(date(2024, 2, 29))
