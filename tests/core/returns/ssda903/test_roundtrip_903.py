"""Property: a return loaded into the SSD and exported again is the same return.

Returns are drawn in the canonical form the SSD can hold (docs/formats.md, "What cannot round
trip"): every Header child has an episode, a child's episodes start on distinct dates within the
year, OC2 flags are 0 or 1 (not blank), HEALTH_CHECK and
INTERVENTION_OFFERED are blank, each AD1 row dates the same decision as one of its child's
PlacedAdoption rows, and there is no DoLo. Everything else is drawn freely, including codes of
every year, blanks and episodes that do not chain.
"""

from datetime import date, timedelta

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from oversight.core.returns.ssda903 import (
    Ssda903Return,
    export_ssda903,
    load_ssda903,
    read_ssda903,
    write_ssda903_csv,
    write_ssda903_xml,
)
from oversight.core.returns.ssda903.schema import collection_years, schema_for

TEXT = st.text(alphabet="ABCXYZ0189 ", min_size=1, max_size=8).map(str.strip).filter(bool)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _maybe(strategy):
    return st.one_of(st.none(), strategy)


YEARS = tuple(collection_years())


@st.composite
def canonical_returns(draw):
    year = draw(st.sampled_from(YEARS))
    schema = schema_for(year)
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    in_year = st.dates(start, end)

    def code(key, column):
        return st.sampled_from(schema.table(key).column(column).code_values)

    children = draw(st.lists(TEXT, min_size=1, max_size=4, unique=True))
    rows: dict[str, list[dict]] = {key: [] for key in schema.tables}
    dobs = {}
    for child in children:
        dob = draw(_maybe(st.dates(date(2000, 1, 1), end)))
        dobs[child] = dob
        rows["header"].append({
            "CHILD": child, "SEX": draw(_maybe(code("header", "SEX"))), "DOB": dob,
            "ETHNIC": draw(_maybe(code("header", "ETHNIC"))),
            "UPN": draw(_maybe(st.one_of(st.sampled_from(["UN1", "UN5"]), TEXT))),
            "MOTHER": draw(_maybe(code("header", "MOTHER"))), "MC_DOB": draw(_maybe(in_year)),
        })  # fmt: skip
        starts = sorted(draw(st.lists(in_year, min_size=1, max_size=4, unique=True)))
        for number, decom in enumerate(starts):
            following = starts[number + 1] if number + 1 < len(starts) else None
            dec = draw(st.one_of(st.just(following), _maybe(st.dates(decom, end))))
            rows["episodes"].append({
                "CHILD": child, "DECOM": decom, "RNE": draw(_maybe(code("episodes", "RNE"))),
                "LS": draw(_maybe(code("episodes", "LS"))),
                "CIN": draw(_maybe(code("episodes", "CIN"))),
                "PLACE": draw(_maybe(st.sampled_from(schema.table("episodes").column("PLACE").code_values[:3]))),
                "PLACE_PROVIDER": draw(_maybe(code("episodes", "PLACE_PROVIDER"))),
                "DEC": dec, "REC": draw(_maybe(code("episodes", "REC"))),
                "REASON_PLACE_CHANGE": draw(_maybe(code("episodes", "REASON_PLACE_CHANGE"))),
                "HOME_POST": draw(_maybe(st.sampled_from(["AB1 2CD", "EF3 4GH"]))),
                "PL_POST": draw(_maybe(st.sampled_from(["PL1 1AA", "PL2 2BB"]))),
                "URN": draw(_maybe(st.sampled_from(["SC1", "SC2"]))),
            })  # fmt: skip
        for review in draw(st.lists(in_year, max_size=2)):
            rows["reviews"].append(
                {
                    "CHILD": child,
                    "DOB": dob,
                    "REVIEW": review,
                    "REVIEW_CODE": draw(_maybe(code("reviews", "REVIEW_CODE"))),
                }
            )
        if draw(st.booleans()):
            rows["uasc"].append(
                {
                    "CHILD": child,
                    "SEX": rows["header"][-1]["SEX"],
                    "DOB": dob,
                    "DUC": draw(_maybe(st.dates(start, end + timedelta(days=900)))),
                }
            )
        for spell in draw(st.lists(in_year, max_size=2)):
            rows["missing"].append(
                {
                    "CHILD": child,
                    "DOB": dob,
                    "MIS_START": spell,
                    "MISSING": draw(_maybe(code("missing", "MISSING"))),
                    "MIS_END": draw(_maybe(in_year)),
                }
            )
        if draw(st.booleans()):
            flags = {
                name: draw(st.sampled_from(["0", "1"]))
                for name in ("CONVICTED", "HEALTH_ASSESSMENT", "TEETH_CHECK", "SUBSTANCE_MISUSE")
            }
            received = (
                _maybe(st.sampled_from(["0", "1"]))
                if flags["SUBSTANCE_MISUSE"] == "1"
                else st.none()
            )
            rows["oc2"].append({
                "CHILD": child, "DOB": dob, "SDQ_SCORE": draw(_maybe(st.integers(0, 40))),
                "SDQ_REASON": draw(_maybe(code("oc2", "SDQ_REASON"))), "HEALTH_CHECK": None,
                "IMMUNISATIONS": draw(code("oc2", "IMMUNISATIONS")),
                "INTERVENTION_RECEIVED": draw(received), "INTERVENTION_OFFERED": None, **flags,
            })  # fmt: skip
        if draw(st.booleans()):
            rows["oc3"].append(
                {
                    "CHILD": child,
                    "DOB": dob,
                    "IN_TOUCH": draw(_maybe(code("oc3", "IN_TOUCH"))),
                    "ACTIV": draw(code("oc3", "ACTIV")),
                    "ACCOM": draw(code("oc3", "ACCOM")),
                }
            )
        decisions = sorted(draw(st.lists(in_year, max_size=2, unique=True)))
        for number, decided in enumerate(decisions):
            rows["placed_adoption"].append({
                "CHILD": child, "DOB": dob, "DATE_PLACED": decided,
                "DATE_PLACED_CEASED": draw(_maybe(in_year)),
                "REASON_PLACED_CEASED": draw(_maybe(code("placed_adoption", "REASON_PLACED_CEASED"))),
            })  # fmt: skip
            if number == 0 and draw(st.booleans()):
                rows["ad1"].append({
                    "CHILD": child, "DOB": dob, "DATE_INT": decided, "DATE_MATCH": draw(in_year),
                    "FOSTER_CARE": draw(_maybe(code("ad1", "FOSTER_CARE"))),
                    "NB_ADOPTR": draw(_maybe(st.integers(1, 2))),
                    "SEX_ADOPTR": draw(_maybe(code("ad1", "SEX_ADOPTR"))),
                    "LS_ADOPTR": draw(_maybe(code("ad1", "LS_ADOPTR"))),
                })  # fmt: skip
        if draw(st.booleans()):
            rows["prev_perm"].append({
                "CHILD": child, "DOB": dob, "PREV_PERM": draw(_maybe(code("prev_perm", "PREV_PERM"))),
                "LA_PERM": draw(_maybe(TEXT)),
                "DATE_PERM": draw(_maybe(st.sampled_from(["zz/zz/zzzz", "zz/05/2016", "01/02/2016"]))),
            })  # fmt: skip
        if "social_worker" in schema.tables:
            for began in draw(st.lists(in_year, max_size=2)):
                rows["social_worker"].append({
                    "CHILD": child, "DOB": dob, "SW_ID": draw(TEXT), "SW_DECOM": began,
                    "SW_DEC": draw(_maybe(in_year)),
                    "SW_REASON": draw(_maybe(code("social_worker", "SW_REASON"))),
                })  # fmt: skip
    optional = [
        "reviews",
        "uasc",
        "missing",
        "oc2",
        "oc3",
        "adoption",
        "prev_perm",
        "social_worker",
    ]
    present = {"header", "episodes"} | set(draw(st.sets(st.sampled_from(optional))))
    if "adoption" in present:
        present |= {"ad1", "placed_adoption"}
    tables = {}
    for key, table in schema.tables.items():
        if key in present:
            frame = pl.DataFrame(
                rows[key],
                schema={
                    c.name: pl.String if c.kind.value == "category" else c.dtype
                    for c in table.columns
                },
            )
            tables[key] = table.complete(frame)
    return Ssda903Return(year, tables)


def _assert_same(read: Ssda903Return, expected: Ssda903Return) -> None:
    assert list(read.tables) == list(expected.tables)
    for key, frame in expected.tables.items():
        assert_frame_equal(read.tables[key], frame)


@SETTINGS
@given(ret=canonical_returns())
def test_a_return_loaded_and_exported_again_is_the_same_return(ret):
    loaded = load_ssda903(ret)
    _assert_same(export_ssda903(loaded.frames, year=ret.year).ret, ret)


@SETTINGS
@given(ret=canonical_returns(), as_xml=st.booleans())
def test_the_round_trip_holds_through_files_csv_and_xml(tmp_path_factory, ret, as_xml):
    if as_xml:
        tables = {k: v for k, v in ret.tables.items() if k != "social_worker"}
        ret = Ssda903Return(ret.year, tables)
        path = tmp_path_factory.mktemp("xml") / "return.xml"
        write_ssda903_xml(ret, path)
        read = read_ssda903(path, year=ret.year)
        read = Ssda903Return(ret.year, {k: v for k, v in read.tables.items() if k in ret.tables})
    else:
        path = tmp_path_factory.mktemp("csv")
        write_ssda903_csv(ret, path)
        read = read_ssda903(path, year=ret.year)
    _assert_same(read, ret)
    _assert_same(export_ssda903(load_ssda903(read).frames, year=ret.year).ret, ret)
