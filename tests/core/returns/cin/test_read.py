"""Reading CIN census XML: problems deep in a file, inside a child's subtree, are located exactly.

A file laid out as a census is read a child at a time, each child's subtree walked once it
ends; any other file (a stray element between children, say) is read again element by
element. These tests pin that either way every problem names its element, in file order;
that an element outside the row it belongs to is such a problem, never a traceback; and that
an exported census moved about at random is read or refused with located problems.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
from lxml import etree

from oversight.core.returns import ProblemKind, ReturnReadError, ReturnUnreadableError
from oversight.core.returns.cin import export_cin, read_cin, write_cin
from oversight.core.synth import ProfileName

HEADER = "<Header><Source><LEA>123</LEA></Source></Header>"
FACTORS = "<AssessmentFactors>1A</AssessmentFactors><AssessmentFactors>2B</AssessmentFactors>"


def _child(number: int, *, start: str = "2024-05-01", factors: str = FACTORS) -> str:
    """A child with two episodes, the second with two assessments (the first with factors)."""
    return (
        f"<Child><ChildIdentifiers><LAchildID>C{number}</LAchildID><Sex>F</Sex>"
        "</ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity>"
        "<Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>"
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


CIN = (
    "<CINdetails><CINreferralDate>2024-04-01</CINreferralDate><ReferralNFA>0</ReferralNFA>"
    "</CINdetails>"
)
CHILD = "Message/Children[1]/Child[1]"
S47 = "<Section47><S47ActualStartDate>2024-05-02</S47ActualStartDate></Section47>"


def _in_child(
    element: str, *, before: str = "<ReferralNFA>0</ReferralNFA></CINdetails></Child>"
) -> str:
    """``_child(1)`` with ``element`` put before ``before`` (by default, at the end of the
    second episode), once."""
    return _child(1).replace(before, f"{element}{before}", 1)


def _nested(tag: str) -> str:
    """``_child(1)`` with its first ``tag`` inside another ``tag``."""
    return (
        _child(1)
        .replace(f"<{tag}>", f"<{tag}><{tag}>", 1)
        .replace(f"</{tag}>", f"</{tag}></{tag}>", 1)
    )


MISPLACED = {
    # outside any Child: read event by event
    "Disability under Children": (
        [_child(1), "<Disability>NONE</Disability>"], "Message/Children[1]/Disability[1]",
        "Disability inside a Disabilities element"),
    "Disability under Message": (
        "<Disability>NONE</Disability>", "Message/Disability[1]",
        "Disability inside a Disabilities element"),
    "CINdetails under Children": (
        [_child(1), CIN], "Message/Children[1]/CINdetails[1]", "CINdetails inside a Child element"),
    "CINdetails under Message": (
        CIN, "Message/CINdetails[1]", "CINdetails inside a Child element"),
    "AssessmentFactors under Children": (
        [_child(1), "<AssessmentFactors>1A</AssessmentFactors>"],
        "Message/Children[1]/AssessmentFactors[1]",
        "AssessmentFactors inside a FactorsIdentifiedAtAssessment element"),
    "a Child container under Children": (
        [_child(1), "<ChildIdentifiers><LAchildID>C9</LAchildID></ChildIdentifiers>"],
        "Message/Children[1]/ChildIdentifiers[1]", "ChildIdentifiers inside a Child element"),
    "a Child under Message, holding anything": (
        f"<Child><CINdetails>{CIN}</CINdetails></Child>", "Message/Child[1]",
        "Child inside a Children element"),
    # inside a Child under Children: read by walking the child
    "AssessmentFactors outside its container": (
        [_in_child("<AssessmentFactors>1A</AssessmentFactors>")],
        f"{CHILD}/CINdetails[2]/AssessmentFactors[1]",
        "AssessmentFactors inside a FactorsIdentifiedAtAssessment element"),
    "AssessmentFactors in Assessments, not in its container": (
        [_in_child("<AssessmentFactors>1A</AssessmentFactors>", before="</Assessments><ReferralNFA>")],
        f"{CHILD}/CINdetails[2]/Assessments[2]/AssessmentFactors[1]",
        "AssessmentFactors inside a FactorsIdentifiedAtAssessment element"),
    "Reviews outside ChildProtectionPlans": (
        [_in_child("<Reviews><CPPreviewDate>2024-05-01</CPPreviewDate></Reviews>")],
        f"{CHILD}/CINdetails[2]/Reviews[1]", "Reviews inside a ChildProtectionPlans element"),
    "Disabilities in Child, not in ChildCharacteristics": (
        [_child(1).replace("<Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>",
                           "</ChildCharacteristics><Disabilities><Disability>NONE</Disability></Disabilities>")],
        f"{CHILD}/Disabilities[1]", "Disabilities inside a ChildCharacteristics element"),
    "Assessments outside CINdetails": (
        [_in_child("<Assessments><AssessmentActualStartDate>2024-05-01</AssessmentActualStartDate>"
                   "</Assessments>", before="<CINdetails>")],
        f"{CHILD}/Assessments[1]", "Assessments inside a CINdetails element"),
    "CINdetails in CINdetails": (
        [_nested("CINdetails")], f"{CHILD}/CINdetails[1]/CINdetails[1]",
        "CINdetails inside a Child element, not inside another CINdetails"),
    "Assessments in Assessments": (
        [_nested("Assessments")], f"{CHILD}/CINdetails[2]/Assessments[1]/Assessments[1]",
        "Assessments inside a CINdetails element, not inside another Assessments"),
    "Child in Child": (
        [_nested("Child")], f"{CHILD}/Child[1]",
        "Child inside a Children element, not inside another Child"),
    # inside the module it belongs to, but not directly
    "Section47 in Assessments": (
        [_in_child(S47, before="</Assessments><ReferralNFA>")],
        f"{CHILD}/CINdetails[2]/Assessments[2]/Section47[1]", "Section47 inside a CINdetails element"),
    "Message inside Children": (
        [_child(1), "<Message/>"], "Message/Children[1]/Message[1]", "Message as the root element"),
}  # fmt: skip
"""Elements outside the row they belong to: the children they are among, or the element put
after the header; the path each is reported at; and what is expected instead."""


@pytest.mark.parametrize(("content", "element", "expected"), MISPLACED.values(), ids=MISPLACED)
def test_an_element_outside_the_row_it_belongs_to_is_reported_unread(
    tmp_path, content, element, expected
):
    if isinstance(content, list):
        path = _census(tmp_path, content)
    else:
        path = tmp_path / "cin.xml"
        path.write_text(
            f"<Message>\n{HEADER}\n{content}\n<Children>{_child(1)}</Children>\n</Message>\n"
        )
    with pytest.raises(ReturnReadError) as raised:
        read_cin(path, year=2025)
    [problem] = raised.value.problems  # what the element holds is not read
    tag = element.rsplit("/", 1)[1].split("[")[0]
    assert (problem.kind, problem.element, problem.field) == (
        ProblemKind.UNEXPECTED_ELEMENT, element, tag
    )  # fmt: skip
    assert problem.expected == f"{expected}, in the 2025 CIN census"
    # after the header (line 3), in the first child (line 4) or after it (line 5)
    assert problem.line == (3 if isinstance(content, str) else 4 if CHILD in element else 5)
    assert f"cin.xml, {element}, line {problem.line}" in str(raised.value)


def test_elements_in_the_header_outside_their_rows_are_reported(tmp_path):
    path = tmp_path / "cin.xml"
    path.write_text(
        f"<Message><Header>{CIN}<ChildIdentifiers><Sex>F</Sex></ChildIdentifiers></Header>"
        f"<Children>{_child(1)}</Children></Message>"
    )
    with pytest.raises(ReturnReadError) as raised:
        read_cin(path, year=2025)
    in_2025 = "inside a Child element, in the 2025 CIN census"
    assert [(p.element, p.expected) for p in raised.value.problems] == [
        ("Message/Header[1]/CINdetails[1]", f"CINdetails {in_2025}"),
        ("Message/Header[1]/ChildIdentifiers[1]", f"ChildIdentifiers {in_2025}"),
    ]


def test_an_element_out_of_place_is_reported_among_the_others_in_file_order(tmp_path):
    odd = _nested("CINdetails").replace("<Sex>F</Sex>", "<Sex>F</Sex><Nickname>Al</Nickname>")
    path = _census(tmp_path, [odd, "<Disability>NONE</Disability>", _child(2)])
    with pytest.raises(ReturnReadError) as raised:
        read_cin(path, year=2025)
    assert [p.element for p in raised.value.problems] == [
        f"{CHILD}/ChildIdentifiers[1]/Nickname[1]",
        f"{CHILD}/CINdetails[1]/CINdetails[1]",
        "Message/Children[1]/Disability[1]",
    ]


def test_truncated_inside_an_element_out_of_place_names_every_open_element(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_text(f"<Message>{HEADER}<Children><CINdetails><Assessments><AssessmentFactors>1A")
    with pytest.raises(ReturnUnreadableError) as raised:
        read_cin(path, year=2025)
    [problem] = raised.value.problems
    assert problem.kind is ProblemKind.UNREADABLE_FILE
    assert problem.element == (
        "Message/Children[1]/CINdetails[1]/Assessments[1]/AssessmentFactors[1]"
    )


@pytest.fixture(scope="module")
def small_census(council_of, tmp_path_factory) -> bytes:
    """An exported 2026 census cut to a few children, between them holding every module."""
    path = tmp_path_factory.mktemp("cin") / "cin.xml"
    write_cin(export_cin(council_of(ProfileName.TYPICAL, size=60), year=2026), path)
    root = etree.parse(str(path)).getroot()
    children = root.find("Children")
    assert children is not None
    kept: list[etree._Element] = []
    for tag in ("CPPreviewDate", "Section47", "CINPlanDates", "AssessmentFactors", "Disability"):
        kept += [child for child in children if child.find(f".//{tag}") is not None][:2]
    for child in list(children):
        if child not in kept:
            children.remove(child)
    return etree.tostring(root)


def _mutate(root: etree._Element, rng: random.Random, tags: list[str]) -> None:
    """Move, copy, rename, delete or unwrap an element of ``root``, or nest it in another."""
    elements = list(root.iter())
    element, target = rng.choice(elements[1:]), rng.choice(elements)
    parent = element.getparent()
    assert parent is not None
    at = parent.index(element)
    match rng.choice(["move", "copy", "rename", "delete", "unwrap", "nest"]):
        case "move" if element not in (target, *target.iterancestors()):
            target.insert(rng.randint(0, len(target)), element)
        case "copy":
            target.insert(rng.randint(0, len(target)), copy.deepcopy(element))
        case "rename":
            element.tag = rng.choice(tags)
        case "delete":
            parent.remove(element)
        case "unwrap":
            parent[at : at + 1] = list(element)
        case "nest":
            outer = etree.Element(element.tag if rng.random() < 0.7 else rng.choice(tags))
            parent.insert(at, outer)
            outer.append(element)


def test_a_census_moved_about_is_read_or_refused_with_located_problems(small_census, tmp_path):
    assert read_cin(_write(tmp_path, small_census), year=2026)["children"].height >= 5
    tags = sorted({element.tag for element in etree.fromstring(small_census).iter()})
    outcomes = set()
    for seed in range(150):
        rng = random.Random(seed)
        root = etree.fromstring(small_census)
        for _ in range(rng.randint(1, 4)):
            _mutate(root, rng, [*tags, "Stray"])
        try:
            read_cin(_write(tmp_path, etree.tostring(root)), year=2026)
            outcomes.add("read")
        except (ReturnReadError, ReturnUnreadableError) as error:
            assert error.problems, seed
            assert all(p.element is not None for p in error.problems), (seed, str(error))
            outcomes.update(p.kind for p in error.problems)
    assert {"read", ProblemKind.UNEXPECTED_ELEMENT, ProblemKind.BAD_VALUE} <= outcomes


def _write(tmp_path: Path, text: bytes) -> Path:
    path = tmp_path / "mutated.xml"
    path.write_bytes(text)
    return path
