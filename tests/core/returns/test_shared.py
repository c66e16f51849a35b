"""What the returns share: safe XML, archive limits, formula neutralisation, problems, public names."""

import inspect
import io
import zipfile

import polars as pl
import pytest

import oversight.core.returns
import oversight.core.returns.ssda903
from oversight.core.returns._archive import ArchiveLimits, ArchiveRefusedError, read_zip
from oversight.core.returns._neutralise import neutralise_text
from oversight.core.returns._problems import Problem, ProblemKind
from oversight.core.returns._safe_xml import XmlRefusedError, iterparse


def _parse(text: bytes) -> list[tuple[str, str]]:
    return [(event, element.tag) for event, element in iterparse(io.BytesIO(text))]


def test_safe_xml_streams_elements_and_ignores_comments():
    assert _parse(b"<a><!-- note --><b>1</b></a>") == [
        ("start", "a"), ("start", "b"), ("end", "b"), ("end", "a"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "unsafe", "line"),
    [
        (b'<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a/>', True, 1),
        (b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<a>&e;</a>', True, 3),
        (b"<a>\n<b>\n</a>", False, 3),
        (b"<a>&undefined;</a>", False, None),
        (b"", False, None),
    ],
)  # fmt: skip
def test_safe_xml_refuses_doctypes_entities_and_malformed_text(text, unsafe, line):
    with pytest.raises(XmlRefusedError) as refused:
        _parse(text)
    assert (refused.value.unsafe, refused.value.line) == (unsafe, line)


def _zip(tmp_path, members, *, compression=zipfile.ZIP_DEFLATED):
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_members_are_read_by_suffix_and_metadata_is_skipped(tmp_path):
    path = _zip(
        tmp_path, {"x/a.CSV": b"1", "b.txt": b"2", "__MACOSX/._a.csv": b"3", "._c.csv": b"4"}
    )
    assert read_zip(path, suffixes=(".csv",)) == ({"x/a.CSV": b"1"}, ["b.txt"])


@pytest.mark.parametrize(
    ("members", "limits", "reason"),
    [
        ({"a.csv": b"0" * 300_000}, ArchiveLimits(), "a compression ratio of at most 200"),
        (
            {"a.csv": b"abc" * 100},
            ArchiveLimits(max_total_bytes=100),
            "at most 100 bytes uncompressed",
        ),
        ({f"{n}.csv": b"" for n in range(4)}, ArchiveLimits(max_members=3), "at most 3 entries"),
    ],
)
def test_zip_archives_beyond_the_limits_are_refused_as_unsafe(tmp_path, members, limits, reason):
    with pytest.raises(ArchiveRefusedError) as refused:
        read_zip(_zip(tmp_path, members), suffixes=(".csv",), limits=limits)
    assert refused.value.unsafe
    assert refused.value.reason.startswith(reason)


def test_a_member_whose_header_understates_its_size_is_never_expanded_beyond_it(tmp_path):
    path = _zip(tmp_path, {"a.csv": b"x" * 1000}, compression=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")  # declared size: 10 bytes
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveRefusedError) as refused:
        read_zip(path, suffixes=(".csv",))
    assert refused.value.member == "a.csv"  # zipfile stops at the declared size; the CRC fails


def test_neutralising_touches_only_text_that_could_run_as_a_formula():
    frame = pl.DataFrame({
        "text": ["=SUM(A1)", "+1", "-x", "@me", "\tx", "\rx", "plain", None, "a=b"],
        "number": [-1, 2, 3, 4, 5, 6, 7, 8, 9],
    })  # fmt: skip
    assert neutralise_text(frame)["text"].to_list() == [
        "'=SUM(A1)", "'+1", "'-x", "'@me", "'\tx", "'\rx", "plain", None, "a=b",
    ]  # fmt: skip
    assert neutralise_text(frame)["number"].to_list() == frame["number"].to_list()


def test_a_problem_reads_as_where_it_is_what_was_found_and_what_was_expected():
    problem = Problem(
        ProblemKind.BAD_VALUE, "episodes.csv", 4, None, 2, "C1", "DECOM", "x", "a date"
    )
    assert str(problem) == "episodes.csv, line 4, child C1, DECOM: found 'x'; expected a date"
    in_xml = Problem(ProblemKind.BAD_VALUE, "r.xml", 9, "EXPSSDA903/CHILD[2]/EPISODE[1]/DEC", 0,
                     None, "DEC", None, "a date")  # fmt: skip
    assert str(in_xml) == "r.xml, EXPSSDA903/CHILD[2]/EPISODE[1]/DEC, line 9: expected a date"


def _constants_then_classes_then_functions(name: str) -> tuple[bool, bool, str]:
    return (not name.isupper(), not name[0].isupper(), name)


@pytest.mark.parametrize("module", [oversight.core.returns, oversight.core.returns.ssda903])
def test_the_public_names_are_sorted_and_complete(module):
    public = module.__all__
    assert public == sorted(public, key=_constants_then_classes_then_functions)
    defined = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert defined == set(public)
