"""What a load reads: a folder or a zip, its kind detected, unpacked safely.

::

    PATH (folder or .zip) ─► unpack (zip: size and path checks) ─► find the folder of tables
                          ─► detect the kind (``READERS``) ─► LoadInput

A kind is added by writing its reader and adding one entry to ``READERS`` (statutory returns
arrive with ``core.returns``). ``council.json`` beside the tables, when present, gives the
council's code, name, whether the data are synthetic, the extract date and the child population.
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

MAX_UNPACKED_BYTES = 4 * 1024**3
"""A zip that would unpack to more than this is refused (a zip bomb, or not an extract)."""
MAX_MEMBERS = 2000
"""A zip with more files than this is refused."""


class LoadInputError(OversightError):
    """The input cannot be loaded at all: not a folder or zip, unsafe, or of no known kind."""


@dataclass(frozen=True)
class LoadInput:
    """A folder of tables of a known kind, with what ``council.json`` says about it."""

    kind: SourceKind
    folder: Path
    council: dict[str, Any] = field(default_factory=dict)

    @property
    def extract_date(self) -> date | None:
        """The extract date ``council.json`` gives, if any."""
        raw = self.council.get("extract_date")
        try:
            return date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            return None


def _is_ssd(folder: Path) -> bool:
    return any(
        (folder / f"{name}{suffix}").is_file() for name in TABLES for suffix in (".csv", ".parquet")
    )


READERS: dict[SourceKind, Callable[[Path], bool]] = {SourceKind.SSD: _is_ssd}
"""Each kind of input and how to recognise its folder, in the order they are tried."""


def open_input(path: Path, *, workdir: Path) -> LoadInput:
    """The input at ``path`` (a folder, or a zip unpacked into ``workdir``), its kind detected.

    Raises ``LoadInputError`` saying why when it cannot be loaded.
    """
    if path.is_dir():
        root = path
    elif path.is_file() and zipfile.is_zipfile(path):
        root = unpack_zip(path, workdir)
    elif path.exists():
        raise LoadInputError(f"{path.name}: not a folder or a zip file")
    else:
        raise LoadInputError(f"{path}: no such file or folder")
    for folder in _candidate_folders(root):
        for kind, recognises in READERS.items():
            if recognises(folder):
                return LoadInput(kind=kind, folder=folder, council=_council(folder))
    raise LoadInputError(
        f"{path.name}: no SSD tables found (expected files such as ssd_person.csv or "
        "ssd_person.parquet); statutory returns cannot be loaded yet"
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
