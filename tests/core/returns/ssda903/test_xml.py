"""The DfE's XML layout: read element by element, written column-wise, hostile input refused."""

from datetime import date

import pytest
from polars.testing import assert_frame_equal

from oversight.core.returns._errors import ReturnExportError, ReturnReadError, ReturnUnreadableError
from oversight.core.returns.ssda903 import Ssda903Return, read_ssda903, write_ssda903_xml

from .conftest import small_return, typed

FAKE = """<?xml version='1.0' encoding='us-ascii'?>
<EXPSSDA903><CHILD><HEADER><CHILDID>947390</CHILDID><UPN>E095867270650</UPN><SEX>1</SEX>
<DOB>02/03/2013</DOB><ETHNIC>BOTH</ETHNIC><UASC /><AREVIEW><REVIEW>28/01/2016</REVIEW>
<REVIEW_CODE>PN3</REVIEW_CODE></AREVIEW><MOTHER /><MC_DOB /><OC2><SDQ_REASON>SDQ5</SDQ_REASON>
<CONVICTED>0</CONVICTED></OC2></HEADER><EPISODE><DECOM>11/11/2016</DECOM><RNE>L</RNE><LS>V3</LS>
<CIN>N1</CIN><PL>A3</PL><PL_POST>D4 8NF</PL_POST><HOME_POST>E22 4DI</HOME_POST><URN>1594525</URN>
<PLACE_PROVIDER>PR4</PLACE_PROVIDER><DEC>26/04/2017</DEC><REC>E7</REC><REASON_PLACE_CHANGE />
</EPISODE></CHILD><CHILD><HEADER><CHILDID>97318</CHILDID><UPN>Q055076133116</UPN><SEX>2</SEX>
<DOB>19/12/2001</DOB><ETHNIC>APKN</ETHNIC><UASC>1</UASC><DUC>15/12/2019</DUC></HEADER></CHILD>
</EXPSSDA903>
"""
"""Two children in the shape of csc-validator-be-903's tests/fake_data/fake_903.xml."""


def _xml(tmp_path, text, name="return.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_validators_sample_layout_is_read_into_every_table(tmp_path):
    read = read_ssda903(_xml(tmp_path, FAKE), year=2018)
    assert read.tables["header"]["CHILD"].to_list() == ["947390", "97318"]
    assert read.tables["episodes"].row(0)[:6] == (
        "947390",
        date(2016, 11, 11),
        "L",
        "V3",
        "N1",
        "A3",
    )
    assert read.tables["reviews"].row(0) == ("947390", date(2013, 3, 2), date(2016, 1, 28), "PN3")
    assert read.tables["uasc"].row(0) == ("97318", date(2001, 12, 19), "2", date(2019, 12, 15))
    assert read.tables["oc2"].select("CHILD", "SDQ_REASON", "CONVICTED").row(0) == (
        "947390",
        "SDQ5",
        "0",
    )
    assert read.tables["missing"].height == 0
    assert read.locations["episodes"].row(0) == ("return.xml", 5, "EXPSSDA903/CHILD[1]/EPISODE[1]")


def test_bad_values_and_unexpected_elements_are_named_by_element_path(tmp_path):
    text = (
        FAKE.replace("<PL>A3</PL>", "<PL>ZZ</PL><PLACEMENT>x</PLACEMENT>")
        .replace("<DEC>26/04/2017</DEC>", "<DEC>2017-04-26</DEC>")
        .replace("<UASC>1</UASC>", "<UASC>yes</UASC>")
    )
    with pytest.raises(ReturnReadError) as raised:
        read_ssda903(_xml(tmp_path, text), year=2018)
    found = [(p.kind.value, p.element, p.line, p.value) for p in raised.value.problems]
    assert found == [
        ("bad_value", "EXPSSDA903/CHILD[1]/EPISODE[1]/DEC", 5, "2017-04-26"),
        ("unknown_code", "EXPSSDA903/CHILD[1]/EPISODE[1]/PL", 5, "ZZ"),
        ("unexpected_element", "EXPSSDA903/CHILD[1]/EPISODE[1]/PLACEMENT", 6, None),
        ("unknown_code", "EXPSSDA903/CHILD[2]/HEADER/UASC", 8, "yes"),
    ]
    assert str(raised.value.problems[1]).startswith(
        "return.xml, EXPSSDA903/CHILD[1]/EPISODE[1]/PL, line 5, child 947390, PLACE: found 'ZZ'"
    )


def test_a_child_without_a_header_is_reported(tmp_path):
    text = FAKE.replace(
        "<CHILD><HEADER><CHILDID>97318", "<CHILD><EPISODE/><HEADERS><CHILDID>97318"
    ).replace("</DUC></HEADER>", "</DUC></HEADERS>")
    with pytest.raises(ReturnReadError) as raised:
        read_ssda903(_xml(tmp_path, text), year=2018)
    found = [(p.element, p.value, p.expected) for p in raised.value.problems]
    assert ("EXPSSDA903/CHILD[2]", "0 HEADER elements", "exactly one HEADER element") in found
    assert ("EXPSSDA903/CHILD[2]/HEADERS", None, "only HEADER and EPISODE elements") in found


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE EXPSSDA903 [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<EXPSSDA903><CHILD><HEADER><CHILDID>&c;</CHILDID></HEADER></CHILD></EXPSSDA903>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE EXPSSDA903 [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<EXPSSDA903><CHILD><HEADER><CHILDID>&x;</CHILDID></HEADER></CHILD></EXPSSDA903>"""


@pytest.mark.parametrize(
    ("text", "kind", "line", "expected"),
    [
        (BILLION_LAUGHS, "unsafe_input", 4, "a document without a DOCTYPE"),
        (EXTERNAL, "unsafe_input", 3, "a document without a DOCTYPE"),
        (FAKE[:400], "unreadable_file", 5, "well-formed XML"),
        ("<Message><Children/></Message>", "unreadable_file", 1, "the root element EXPSSDA903"),
        ("", "unreadable_file", None, "well-formed XML"),
    ],
)
def test_hostile_truncated_or_foreign_xml_is_unreadable_with_the_line(
    tmp_path, text, kind, line, expected
):
    with pytest.raises(ReturnUnreadableError) as raised:
        read_ssda903(_xml(tmp_path, text), year=2018)
    [problem] = raised.value.problems
    assert (problem.kind.value, problem.file, problem.line) == (kind, "return.xml", line)
    assert problem.expected.startswith(expected)


def test_written_xml_reads_back_as_the_same_frames_and_names_what_it_leaves_out(tmp_path):
    ret = small_return(2025)
    tables = dict(ret.tables)
    tables["social_worker"] = typed(2025, "social_worker", CHILD=["C1"], SW_ID=["SW1"])
    tables["oc3"] = typed(
        2025,
        "oc3",
        CHILD=["C2"],
        DOB=[date(2008, 3, 4)],
        IN_TOUCH=["YES"],
        ACTIV=["F1"],
        ACCOM=["B1"],
    )
    tables["placed_adoption"] = typed(
        2025,
        "placed_adoption",
        CHILD=["C1", "C1"],
        DOB=[date(2010, 1, 2)] * 2,
        DATE_PLACED=[date(2024, 5, 1), date(2024, 9, 1)],
    )
    ret = Ssda903Return(2025, tables)
    left_out = write_ssda903_xml(ret, tmp_path / "out.xml")
    assert left_out == ["SWEpisodes"]
    read = read_ssda903(tmp_path / "out.xml", year=2025)
    for key, frame in ret.tables.items():
        if key != "social_worker":
            assert_frame_equal(read.tables[key], frame)
    assert read.tables["ad1"].height == 0


def test_xml_that_cannot_be_written_is_refused_and_nothing_is_written(tmp_path):
    ret = small_return(2025)
    tables = dict(ret.tables)
    tables["reviews"] = typed(2025, "reviews", CHILD=["C9"], REVIEW_CODE=["PN1"])
    tables["header"] = typed(2025, "header", CHILD=["C1", "C2", "C2"], UPN=["bad\x01", None, None])
    with pytest.raises(ReturnExportError) as raised:
        write_ssda903_xml(Ssda903Return(2025, tables), tmp_path / "out.xml")
    found = [(p.kind.value, p.file, p.row, p.field) for p in raised.value.problems]
    assert found == [
        ("bad_text", "Header", 0, "UPN"),
        ("duplicate_key", "Header", 1, "CHILD"),
        ("duplicate_key", "Header", 2, "CHILD"),
        ("unknown_child", "Reviews", 0, "CHILD"),
    ]
    assert list(tmp_path.iterdir()) == []
