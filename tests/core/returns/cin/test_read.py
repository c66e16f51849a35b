"""Reading CIN census XML: problems deep in a file, inside a child's subtree, are located exactly.

A file laid out as a census is read a child at a time, each child's subtree walked once it
ends; any other file (a stray element between children, say) is read again element by
element. These tests pin that either way every problem names its element, in file order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oversight.core.returns import ProblemKind, ReturnReadError, ReturnUnreadableError
from oversight.core.returns.cin import read_cin

HEADER = "<Header><Source><LEA>123</LEA></Source></Header>"
FACTORS = "<AssessmentFactors>1A</AssessmentFactors><AssessmentFactors>2B</AssessmentFactors>"


def _child(number: int, *, start: str = "2024-05-01", factors: str = FACTORS) -> str:
    """A child with two episodes, the second with two assessments (the first with factors)."""
    return (
        f"<Child><ChildIdentifiers><LAchildID>C{number}</LAchildID><Sex>F</Sex>"
        "</ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity>"
        "</ChildCharacteristics><Disabilities><Disability>NONE</Disability></Disabilities>"
        "<CINdetails><CINreferralDate>2024-04-01</CINreferralDate>"
        "<ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>"
        "<ReferralNFA>0</ReferralNFA></CINdetails>"
        "<CINdetails><CINreferralDate>2024-04-20</CINreferralDate>"
        "<ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>"
        f"<Assessments><AssessmentActualStartDate>{start}</AssessmentActualStartDate>"
        f"<FactorsIdentifiedAtAssessment>{factors}</FactorsIdentifiedAtAssessment></Assessments>"
        "<Assessments><AssessmentActualStartDate>2024-06-01</AssessmentActualStartDate>"
        "</Assessments><ReferralNFA>0</ReferralNFA></CINdetails></Child>\n"
    )


def _census(tmp_path: Path, children: list[str], *, extra: str = "") -> Path:
    path = tmp_path / "cin.xml"
    path.write_text(
        f"<Message>\n{HEADER}\n<Children>\n{''.join(children)}{extra}</Children>\n</Message>\n"
    )
    return path


def test_reads_every_child_with_its_keys_and_factor_lists(tmp_path):
    census = read_cin(_census(tmp_path, [_child(n) for n in range(1, 4)]), year=2025)
    assert census.lea == "123"
    assert census["children"]["LAchildID"].to_list() == ["C1", "C2", "C3"]
    assessments = census["assessments"]
    assert assessments.select("LAchildID", "CINdetailsID", "AssessmentID").rows() == [
        ("C1", 2, 1), ("C1", 2, 2), ("C2", 2, 1), ("C2", 2, 2), ("C3", 2, 1), ("C3", 2, 2)
    ]  # fmt: skip
    assert assessments["AssessmentFactors"].to_list()[:2] == [["1A", "2B"], None]
    assert census["disabilities"].rows() == [("C1", "NONE"), ("C2", "NONE"), ("C3", "NONE")]


def test_a_bad_date_deep_in_the_file_names_its_element_child_and_line(tmp_path):
    children = [_child(n, start="2024-02-30" if n == 250 else "2024-05-01") for n in range(1, 301)]
    with pytest.raises(ReturnReadError) as raised:
        read_cin(_census(tmp_path, children), year=2025)
    [problem] = raised.value.problems
    assert problem.kind is ProblemKind.BAD_VALUE
    assert problem.element == (
        "Message/Children[1]/Child[250]/CINdetails[2]/Assessments[1]/AssessmentActualStartDate"
    )
    assert (problem.child, problem.value, problem.line) == ("C250", "2024-02-30", 253)


def test_a_bad_factor_is_reported_with_the_assessment_factors_joined(tmp_path):
    factors = "<AssessmentFactors>1A</AssessmentFactors><AssessmentFactors>99Z</AssessmentFactors>"
    with pytest.raises(ReturnReadError) as raised:
        read_cin(_census(tmp_path, [_child(1), _child(2, factors=factors)]), year=2025)
    [problem] = raised.value.problems
    assert problem.kind is ProblemKind.UNKNOWN_CODE
    assert problem.element == (
        "Message/Children[1]/Child[2]/CINdetails[2]/Assessments[1]/AssessmentFactors"
    )
    assert (problem.child, problem.value) == ("C2", "1A 99Z")


def test_unexpected_elements_inside_and_outside_children_are_reported_in_file_order(tmp_path):
    odd = (
        _child(2)
        .replace("<Sex>F</Sex>", "<Sex>F</Sex><Nickname>Al</Nickname>")
        .replace("<PrimaryNeedCode>N1</PrimaryNeedCode><Assessments>",
                 "<PrimaryNeedCode>N1<Note/></PrimaryNeedCode><Assessments>")
    )  # fmt: skip
    path = _census(tmp_path, [_child(1), "<Stray/>", odd], extra="<Trailer>x</Trailer>")
    with pytest.raises(ReturnReadError) as raised:
        read_cin(path, year=2025)
    base = "Message/Children[1]/Child[2]"
    assert [(p.kind, p.element, p.field) for p in raised.value.problems] == [
        (ProblemKind.UNEXPECTED_ELEMENT, "Message/Children[1]/Stray[1]", "Stray"),
        (ProblemKind.UNEXPECTED_ELEMENT, f"{base}/ChildIdentifiers[1]/Nickname[1]", "Nickname"),
        (ProblemKind.UNEXPECTED_ELEMENT, f"{base}/CINdetails[2]/PrimaryNeedCode[1]/Note[1]",
         "Note"),
        (ProblemKind.UNEXPECTED_ELEMENT, f"{base}/CINdetails[2]/PrimaryNeedCode[1]",
         "PrimaryNeedCode"),
        (ProblemKind.UNEXPECTED_ELEMENT, "Message/Children[1]/Trailer[1]", "Trailer"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("cut_after", "element"),
    [
        ("<Children>\n", "Message/Children[1]"),
        ("<AssessmentFactors>1A", "Child[2]/CINdetails[2]/Assessments[1]/"
         "FactorsIdentifiedAtAssessment[1]/AssessmentFactors[1]"),
        ("<AssessmentActualStartDate>2024-06-01</AssessmentActualStartDate>",
         "Child[2]/CINdetails[2]/Assessments[2]"),
        ("</Child>\n<Child>", "Child[3]"),
    ],
)  # fmt: skip
def test_truncated_inside_a_child_names_every_open_element(tmp_path, cut_after, element):
    text = _census(tmp_path, [_child(n) for n in range(1, 4)]).read_text()
    at = text.index(cut_after, text.index("<LAchildID>C2<") if "Child[" in element else 0)
    path = tmp_path / "cut.xml"
    path.write_text(text[: at + len(cut_after)])
    with pytest.raises(ReturnUnreadableError) as raised:
        read_cin(path, year=2025)
    problem = raised.value.problems[0]
    assert problem.kind is ProblemKind.UNREADABLE_FILE
    expected = element if element.startswith("Message") else f"Message/Children[1]/{element}"
    assert problem.element == expected


def test_a_field_holding_elements_is_named_by_its_place_among_same_named_fields(tmp_path):
    upns = "<UPN>A1</UPN><UPN><x/></UPN><Foo/><UPN>A2</UPN><UPN><y/></UPN>"
    path = _census(tmp_path, [_child(1).replace("<Sex>", f"{upns}<Sex>")])
    with pytest.raises(ReturnReadError) as raised:
        read_cin(path, year=2025)
    identifiers = "Message/Children[1]/Child[1]/ChildIdentifiers[1]"
    assert [p.element for p in raised.value.problems] == [
        f"{identifiers}/UPN[2]/x[1]",
        f"{identifiers}/UPN[2]",
        f"{identifiers}/Foo[1]",
        f"{identifiers}/UPN[4]/y[1]",
        f"{identifiers}/UPN[4]",
    ]
