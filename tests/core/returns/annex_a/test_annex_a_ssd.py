"""Loading Annex A gives a consistent SSD: every reference resolves, with list 10's decisions
of children list 8 does not name held by the period of care the decision evidences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from oversight.core.returns.annex_a import AnnexA, annex_a_spec, export_annex_a, load_annex_a
from oversight.core.returns.annex_a._workbook import dtype
from oversight.core.ssd import check_ssd, write_ssd
from oversight.core.synth import ProfileName

ENTERED = "Date the Child Entered Care"
DECIDED = "Date of Decision that Child Should be Placed for Adoption"
ORDERED = "Date of Adoption Order"
STARTED = "Date Started to be Looked After"


def _row(child: str = "C1", **values: object) -> dict[str, object]:
    return {"Child Unique ID": child, "Gender": "b) Female", "Ethnicity": "WBRI",
            "Date of Birth": date(2015, 6, 1), "Age of Child (Years)": 8} | values  # fmt: skip


def _list(number: int, *rows: dict[str, object]) -> pl.DataFrame:
    spec = annex_a_spec()[number]
    return pl.DataFrame([{name: row.get(name) for name in spec.names} for row in rows],
                        schema={c.name: dtype(c) for c in spec.columns})  # fmt: skip


def _problems(frames: dict[str, pl.DataFrame], folder: Path) -> list[str]:
    write_ssd(frames, folder)
    return [f"{p.location}: found {p.value!r}; expected {p.expected}"
            for p in check_ssd(folder, max_problems=100).problems]  # fmt: skip


def test_a_child_list_8_does_not_name_gets_the_period_list_10_evidences(tmp_path):
    adoption = _list(10,
        _row("C2", **{ENTERED: date(2022, 3, 1), DECIDED: date(2022, 9, 1),
                      ORDERED: date(2023, 8, 1)}),
        _row("C2", **{ENTERED: date(2022, 3, 1), DECIDED: date(2023, 1, 5)}),
        _row("C3", **{ENTERED: date(2023, 2, 1), DECIDED: date(2023, 6, 1),
                      "Reason Why Child No Longer Placed for Adoption":
                      "c) Prospective adopters cannot be found",
                      "Date of Decision that Child Should No Longer be Placed for Adoption":
                      date(2023, 12, 1)}),
    )  # fmt: skip
    care = _list(8, _row("C1", **{STARTED: date(2022, 1, 1)}))
    loaded = load_annex_a(AnnexA({8: care, 10: adoption}))
    episodes = loaded.frames["ssd_cla_episodes"].sort("clae_cla_episode_id")
    minted = episodes.filter(pl.col("clae_person_id") != "C1")
    assert minted.select(
        "clae_cla_episode_id", "clae_person_id", "clae_cla_id", "clae_cla_episode_start_date",
        "clae_entered_care_date", "clae_cla_episode_ceased_date",
    ).rows() == [
        ("C2/care/2022-03-01/episode", "C2", "C2/care/2022-03-01", date(2022, 3, 1),
         date(2022, 3, 1), date(2023, 8, 1)),
        ("C3/care/2023-02-01/episode", "C3", "C3/care/2023-02-01", date(2023, 2, 1),
         date(2023, 2, 1), None),
    ]  # fmt: skip
    carried = {"clae_cla_episode_id", "clae_person_id", "clae_cla_id", "clae_entered_care_date",
               "clae_cla_episode_start_date", "clae_cla_episode_ceased_date"}  # fmt: skip
    assert minted.drop(carried).null_count().row(0) == (2,) * (minted.width - len(carried))
    permanence = loaded.frames["ssd_permanence"].sort("perm_table_id")
    assert permanence["perm_cla_id"].to_list() == [
        "C2/care/2022-03-01",
        "C2/care/2022-03-01",
        "C3/care/2023-02-01",
    ]
    assert permanence["perm_decision_reversed_reason"].to_list() == [None, None, "RD3"]
    assert episodes.filter(pl.col("clae_person_id") == "C1").height == 1  # list 8's only
    assert any("List 10: 2 periods of care minted" in note for note in loaded.notes)
    assert _problems(loaded.frames, tmp_path) == []
    again = export_annex_a(loaded.frames, as_of=date(2024, 3, 1)).annex.lists
    assert again[10][ENTERED].to_list() == [date(2022, 3, 1)] * 2 + [date(2023, 2, 1)]
    assert again[8]["Child Unique ID"].to_list() == ["C1", "C3"]  # C3's period has no end given


def test_a_child_with_no_date_entered_gets_one_undated_period(tmp_path):
    adoption = _list(10,
        _row("C2", **{DECIDED: date(2022, 9, 1), ORDERED: date(2023, 8, 1)}),
        _row("C2", **{DECIDED: date(2023, 9, 1)}),
        _row("C3", **{DECIDED: date(2022, 9, 1)}),
        _row("C3", **{ENTERED: date(2022, 2, 1), DECIDED: date(2023, 9, 1)}),
    )  # fmt: skip
    care = _list(8, _row("C1", **{STARTED: date(2022, 1, 1)}))
    loaded = load_annex_a(AnnexA({8: care, 10: adoption}))
    minted = loaded.frames["ssd_cla_episodes"].filter(pl.col("clae_person_id") != "C1")
    assert minted.sort("clae_cla_id").select(
        "clae_cla_id", "clae_cla_episode_start_date", "clae_cla_episode_ceased_date"
    ).rows() == [
        ("C2/care/-", None, date(2023, 8, 1)),
        ("C3/care/2022-02-01", date(2022, 2, 1), None),
    ]
    permanence = loaded.frames["ssd_permanence"].sort("perm_table_id")
    assert permanence["perm_cla_id"].to_list() == [
        "C2/care/-",
        "C2/care/-",
        None,  # C3's dated period already holds the child in care
        "C3/care/2022-02-01",
    ]
    assert any("1 undated" in note for note in loaded.notes)
    assert _problems(loaded.frames, tmp_path) == []
    again = export_annex_a(loaded.frames, as_of=date(2024, 3, 1)).annex.lists
    assert again[10][ENTERED].to_list() == [None, None, None, date(2022, 2, 1)]
    assert "C2" not in again[8]["Child Unique ID"].to_list()  # an undated period is in no window


def test_a_child_list_8_names_gets_no_period_minted():
    adoption = _list(10, _row("C1", **{ENTERED: date(2020, 1, 1), DECIDED: date(2023, 1, 5)}),
                     _row("C1", **{DECIDED: date(2023, 2, 5)}))  # fmt: skip
    care = _list(8, _row("C1", **{STARTED: date(2022, 1, 1)}))
    loaded = load_annex_a(AnnexA({8: care, 10: adoption}))
    assert loaded.frames["ssd_cla_episodes"]["clae_cla_id"].to_list() == ["C1/care/2022-01-01"]
    assert loaded.frames["ssd_permanence"]["perm_cla_id"].to_list() == ["C1/care/2020-01-01", None]
    assert not any("List 10" in note for note in loaded.notes)


def test_list_10_alone_still_names_children_in_care(tmp_path):
    adoption = _list(10, _row("C1", **{ENTERED: date(2022, 3, 1), DECIDED: date(2022, 9, 1)}))
    frames = load_annex_a(AnnexA({10: adoption})).frames
    assert frames["ssd_cla_episodes"]["clae_cla_id"].to_list() == ["C1/care/2022-03-01"]
    assert _problems(frames, tmp_path) == []


@pytest.mark.parametrize("council", ["typical_council", "inadequate_council", "good_council"])
@pytest.mark.parametrize("as_of", [date(2026, 1, 15), date(2026, 3, 31)])
def test_every_profile_loads_back_as_an_ssd_whose_references_resolve(
    council, as_of, request, tmp_path
):
    frames = request.getfixturevalue(council)
    loaded = load_annex_a(export_annex_a(frames, as_of=as_of).annex).frames
    assert loaded["ssd_permanence"].height > 0 and loaded["ssd_s47_enquiry"].height > 0
    assert _problems(loaded, tmp_path) == []


@pytest.mark.parametrize(
    ("profile", "seed"), [(ProfileName.IMPROVING, 5), (ProfileName.TYPICAL, 6)]
)
def test_smaller_councils_of_other_seeds_load_back_consistently(
    council_of, profile, seed, tmp_path
):
    frames = council_of(profile, size=800, seed=seed)
    loaded = load_annex_a(export_annex_a(frames, as_of=date(2025, 11, 30)).annex).frames
    assert _problems(loaded, tmp_path) == []
