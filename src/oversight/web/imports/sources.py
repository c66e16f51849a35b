"""What a load reads: a folder or a zip, its kind detected, unpacked safely.

::

    PATH (folder, .zip, or a return's .xml/.csv file) ─► unpack (zip: size and path checks)
        ─► find the folder (or file) ─► detect the kind (``READERS``) ─► LoadInput

A kind is added by writing its reader and adding one entry to ``READERS``: an SSD extract
(``ssd_*.csv``/``.parquet``), an SSDA903 return (CSVs recognised by their columns, or its XML),
a CIN census (XML) and an Ofsted Annex A workbook (``.xlsx``; ``returns.py``). ``council.json`` beside the tables, when present, gives
the council's code, name, whether the data are synthetic, the extract date and the population.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from oversight.core.ssd import TABLES
from oversight.errors import OversightError
from oversight.web.imports.models import SourceKind
from oversight.web.imports.returns import find_903, find_annex_a, find_cin

MAX_UNPACKED_BYTES = 4 * 1024**3
"""A zip that would unpack to more than this is refused (a zip bomb, or not an extract)."""
MAX_MEMBERS = 2000
"""A zip with more files than this is refused."""


class LoadInputError(OversightError):
    """The input cannot be loaded at all: not a folder or zip, unsafe, or of no known kind."""


@dataclass(frozen=True)
class LoadInput:
    """An input of a known kind, with what ``council.json`` says about it.

    ``path`` is what its reader reads: the folder of tables, or a return's file.
    """

    kind: SourceKind
    path: Path
    council: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        """The folder holding the input (``path`` itself, or a file's folder)."""
        return self.path if self.path.is_dir() else self.path.parent

    @property
    def extract_date(self) -> date | None:
        """The extract date ``council.json`` gives, if any."""
        raw = self.council.get("extract_date")
        try:
            return date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            return None


def _find_ssd(candidate: Path) -> Path | None:
    if not candidate.is_dir():
        return None
    found = any(
        (candidate / f"{name}{suffix}").is_file()
        for name in TABLES
        for suffix in (".csv", ".parquet")
    )
    return candidate if found else None


READERS: dict[SourceKind, Callable[[Path], Path | None]] = {
    SourceKind.SSD: _find_ssd,
    SourceKind.SSDA903: find_903,
    SourceKind.CIN: find_cin,
    SourceKind.ANNEX_A: find_annex_a,
}
"""Each kind of input and how to recognise it, in the order they are tried: given a folder
(or a lone file), what its reader should read, or ``None``. The SSD comes first, so an extract
is never taken for a return."""

RETURN_SUFFIXES = (".xml", ".csv", ".xlsx")
"""Files loaded as they are (a return's XML, one 903 CSV, an Annex A workbook), not as a zip:
an ``.xlsx`` is a zip file, so it is recognised by its suffix before it could be unpacked."""


def open_input(path: Path, *, workdir: Path) -> LoadInput:
    """The input at ``path`` (a folder, a zip unpacked into ``workdir``, or a return's file),
    its kind detected.

    Raises ``LoadInputError`` saying why when it cannot be loaded.
    """
    if path.is_dir():
        candidates = _candidate_folders(path)
    elif path.is_file() and path.suffix.lower() == ".xlsx":
        candidates = [path]
    elif path.is_file() and zipfile.is_zipfile(path):
        candidates = _candidate_folders(unpack_zip(path, workdir))
    elif path.is_file() and path.suffix.lower() in RETURN_SUFFIXES:
        candidates = [path]
    elif path.exists():
        raise LoadInputError(
            f"{path.name}: not a folder or a zip file, nor a return's XML or CSV file"
        )
    else:
        raise LoadInputError(f"{path}: no such file or folder")
    for candidate in candidates:
        for kind, recognises in READERS.items():
            found = recognises(candidate)
            if found is not None:
                folder = found if found.is_dir() else found.parent
                return LoadInput(kind=kind, path=found, council=_council(folder))
    raise LoadInputError(
        f"{path.name}: no SSD tables or statutory return found (expected SSD files such as "
        "ssd_person.csv or ssd_person.parquet, SSDA903 CSVs or XML, or CIN census XML)"
    )


def unpack_zip(path: Path, workdir: Path) -> Path:
    """Unpack ``path`` into ``workdir``, refusing absolute or escaping names and zip bombs."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise LoadInputError(f"{path.name}: more than {MAX_MEMBERS} files")
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise LoadInputError(f"{path.name}: unpacks to more than 4 GB")
            for member in members:
                name = PurePosixPath(member.filename)
                if name.is_absolute() or ".." in name.parts or "\\" in member.filename:
                    raise LoadInputError(f"{path.name}: unsafe file name {member.filename!r}")
                if name.name.startswith(".") or "__MACOSX" in name.parts:
                    continue
                target = workdir.joinpath(*name.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as source, target.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        raise LoadInputError(f"{path.name}: not a readable zip file ({error})") from None
    return workdir


def _candidate_folders(root: Path) -> list[Path]:
    """``root`` and, for a zip holding one folder, the folders below it (shallowest first)."""
    nested = sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts))
    return [root, *nested[:50]]


def _council(folder: Path) -> dict[str, Any]:
    path = folder / "council.json"
    if not path.is_file():
        return {}
    try:
        council = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LoadInputError(f"council.json: not readable JSON ({error})") from None
    if not isinstance(council, dict):
        raise LoadInputError("council.json: expected a JSON object")
    return council
