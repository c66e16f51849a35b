"""Read the members of an uploaded zip archive, refusing archives that could exhaust memory.

A zip bomb declares (or hides) far more data than it holds. ``read_zip`` refuses an archive
when its members together would exceed ``ArchiveLimits.max_total_bytes`` uncompressed, when a
member's compression ratio exceeds ``max_ratio``, when it has more than ``max_members`` entries,
or when a member turns out larger than its header declared. Members are read into memory, never
extracted to disk, so their names cannot write outside a folder.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CHUNK = 1 << 20
"""Bytes read from a member at a time."""


@dataclass(frozen=True)
class ArchiveLimits:
    """How large an archive may be before it is refused."""

    max_total_bytes: int = 512 * 2**20
    """Uncompressed bytes of all members read, together."""
    max_ratio: float = 200.0
    """Uncompressed size over compressed size of one member (text compresses about 5–20 times)."""
    ratio_applies_from: int = 64 * 2**10
    """Members smaller than this (uncompressed) are not held to ``max_ratio``."""
    max_members: int = 10_000
    """Entries in the archive."""


DEFAULT_LIMITS = ArchiveLimits()
"""The limits readers apply unless told otherwise."""


class ArchiveRefusedError(Exception):
    """The archive is unreadable or refused; internal, readers turn it into a located problem."""

    def __init__(self, reason: str, *, member: str | None = None, unsafe: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        """What was wrong, in words."""
        self.member = member
        """The member concerned, if one."""
        self.unsafe = unsafe
        """Whether the archive was refused for safety rather than for being corrupt."""


def read_zip(
    path: Path, *, suffixes: tuple[str, ...], limits: ArchiveLimits = DEFAULT_LIMITS
) -> tuple[dict[str, bytes], list[str]]:
    """The bytes of each member of ``path`` whose name ends with one of ``suffixes``, and the
    names of the other members (ignored).

    Folders and the metadata macOS adds (``__MACOSX/``, ``._name``) are skipped silently.
    Raises ``ArchiveRefusedError`` for a corrupt, encrypted or oversized archive.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveRefusedError(f"a readable zip archive ({error})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_members:
            raise ArchiveRefusedError(
                f"at most {limits.max_members:,} entries (found {len(entries):,})", unsafe=True
            )
        wanted: list[zipfile.ZipInfo] = []
        ignored: list[str] = []
        for entry in entries:
            name = PurePosixPath(entry.filename)
            if entry.is_dir() or name.parts[0] == "__MACOSX" or name.name.startswith("._"):
                continue
            if name.suffix.lower() in suffixes:
                wanted.append(entry)
            else:
                ignored.append(entry.filename)
        _check_declared(wanted, limits)
        budget = limits.max_total_bytes
        members: dict[str, bytes] = {}
        for entry in wanted:
            data = _read_member(archive, entry, budget)
            budget -= len(data)
            members[entry.filename] = data
        return members, ignored


def _check_declared(entries: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_total_bytes:
        raise ArchiveRefusedError(
            f"at most {limits.max_total_bytes:,} bytes uncompressed "
            f"(the members declare {total:,})",
            unsafe=True,
        )
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise ArchiveRefusedError("an archive without a password", member=entry.filename)
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size >= limits.ratio_applies_from and ratio > limits.max_ratio:
            raise ArchiveRefusedError(
                f"a compression ratio of at most {limits.max_ratio:g} (found {ratio:,.0f})",
                member=entry.filename,
                unsafe=True,
            )


def _read_member(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: int) -> bytes:
    """The member's bytes, refusing it when it is larger than declared or than the budget."""
    limit = min(entry.file_size, budget)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(entry) as member:
            while chunk := member.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise ArchiveRefusedError(
                        f"no more than the {entry.file_size:,} bytes its header declares",
                        member=entry.filename,
                        unsafe=True,
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
        raise ArchiveRefusedError(f"a readable member ({error})", member=entry.filename) from None
    return b"".join(chunks)
