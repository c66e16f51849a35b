"""Writes of the imports app: queue a load, and run it all-or-nothing.

::

    queue_load(upload)            Snapshot(queued) + the file kept under DATA_DIR/uploads/
    run_load(snapshot_id, path)   running ─► read + check ─► measures ─► one transaction:
                                  every table's rows + status complete      (or)
                                  the load report + status failed, nothing else

An SSD extract is read by ``check_ssd``; a statutory return (SSDA903, CIN census) by the returns
module (``returns.py``) into the same SSD frames, so both go through the same snapshot path and
the same all-or-nothing rule. The kind and a return's collection year are on the snapshot.

A failed load writes no child, event, flag or indicator row, and removes its Parquet folder,
so the previous complete snapshot stays the latest.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from oversight.core.measures import (
    MeasureInputs,
    MeasuresError,
    compute_measures,
    population_from_council,
)
from oversight.core.ssd import SsdUnreadableError, check_ssd
from oversight.errors import OversightError
from oversight.web.accounts.models import User
from oversight.web.imports import chronology
from oversight.web.imports.models import (
    Child,
    ChildFlag,
    Event,
    IndicatorValue,
    LoadProblem,
    Professional,
    Snapshot,
    SnapshotStatus,
    SourceKind,
    Team,
)
from oversight.web.imports.persist import insert_frame
from oversight.web.imports.returns import (
    PROBLEM_COLUMNS,
    ReturnLoadError,
    problems_frame,
    read_903,
    read_annex,
    read_census,
)
from oversight.web.imports.sources import LoadInput, LoadInputError, open_input

logger = logging.getLogger(__name__)


class LoadFailedError(OversightError):
    """A load failed; the snapshot records why and nothing else was written."""


@dataclass(frozen=True)
class LoadRequest:
    """What to load and how: the path, the as-of date and a return's year if given, who asked."""

    path: Path
    source_name: str
    as_of: date | None = None
    created_by: User | None = None
    year: int | None = None


def snapshots_dir() -> Path:
    """Where each snapshot's SSD frames are kept as Parquet, one folder per snapshot."""
    return Path(settings.DATA_DIR) / "snapshots"


def uploads_dir() -> Path:
    """Where uploaded files wait for their load job."""
    return Path(settings.DATA_DIR) / "uploads"


def queue_snapshot(
    source_name: str,
    *,
    as_of: date | None = None,
    created_by: User | None = None,
    year: int | None = None,
) -> Snapshot:
    """A new snapshot in the queue; the caller runs the load or enqueues its job.

    ``year`` is a return's collection year as the person loading it gave it; the job reads it
    from the snapshot, since a 903 return does not say it.
    """
    return Snapshot.objects.create(
        source_name=source_name[:255], as_of=as_of, created_by=created_by, collection_year=year
    )


UPLOAD_SUFFIXES = (".zip", ".xml", ".xlsx")
"""What an upload is kept as: a zip (an extract, 903 CSVs) or a return's XML file."""


def upload_path(snapshot_id: int) -> Path | None:
    """The file uploaded for ``snapshot_id``, if it is still waiting."""
    for suffix in UPLOAD_SUFFIXES:
        path = uploads_dir() / f"{snapshot_id}{suffix}"
        if path.is_file():
            return path
    return None


def keep_upload(snapshot: Snapshot, chunks: Iterable[bytes], *, suffix: str = ".zip") -> Path:
    """Save an uploaded file's chunks for the load job: ``DATA_DIR/uploads/<id>.zip`` (or
    ``.xml``: the suffix tells the load how to open it)."""
    if suffix not in UPLOAD_SUFFIXES:
        raise LoadFailedError(f"Uploads are kept as {' or '.join(UPLOAD_SUFFIXES)}, not {suffix}")
    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{snapshot.pk}{suffix}"
    with target.open("wb") as sink:
        for chunk in chunks:
            sink.write(chunk)
    return target


def load_now(request: LoadRequest) -> Snapshot:
    """Queue and run a load in this process (the CLI, the demo); returns the final snapshot."""
    snapshot = queue_snapshot(
        request.source_name, as_of=request.as_of, created_by=request.created_by, year=request.year
    )
    return run_load(snapshot.pk, request.path)


def run_load(snapshot_id: int, path: Path) -> Snapshot:
    """Read, check and compute ``path`` into snapshot ``snapshot_id``, all or nothing.

    Returns the snapshot, complete or failed; never raises for bad input (the snapshot says
    why). Unexpected errors mark the snapshot failed and are re-raised for the job's log.
    """
    snapshot = Snapshot.objects.get(pk=snapshot_id)
    Snapshot.objects.filter(pk=snapshot_id, status=SnapshotStatus.QUEUED).update(
        status=SnapshotStatus.RUNNING
    )
    parquet = snapshots_dir() / str(snapshot_id)
    with tempfile.TemporaryDirectory(prefix="oversight-load-") as workdir:
        try:
            _load(snapshot, path, Path(workdir), parquet)
        except LoadFailedError as error:
            _fail(snapshot_id, str(error), parquet)
        except Exception:
            logger.exception("Load %s failed unexpectedly", snapshot_id)
            _fail(snapshot_id, "The load failed unexpectedly; the error is in the server log.",
                  parquet)  # fmt: skip
            raise
    return Snapshot.objects.get(pk=snapshot_id)


@dataclass(frozen=True)
class _Read:
    """SSD frames read from an input, with what a return adds: its year, its end, its LEA."""

    frames: dict[str, pl.DataFrame]
    year: int | None = None
    year_end: date | None = None
    lea: str = ""


def _read(snapshot: Snapshot, source: LoadInput) -> _Read | None:
    """The input's SSD frames; ``None`` once a failed load's report has been recorded."""
    if source.kind == SourceKind.SSD:
        try:
            report = check_ssd(source.path)
        except SsdUnreadableError as error:
            raise LoadFailedError(str(error)) from None
        if report.is_clean:
            return _Read(report.frames)
        problems = pl.DataFrame(
            [
                {"kind": p.kind.value, "file": p.file, "line": p.line, "row": p.row,
                 "column": p.column, "element": None, "child": None, "value": p.value,
                 "expected": p.expected}
                for p in report.problems
            ],
            schema=PROBLEM_COLUMNS,
        )  # fmt: skip
        count = report.problem_count
        _record_failure(snapshot, source, problems, count,
                        f"{count} problem{'' if count == 1 else 's'} found in the SSD tables: "
                        "nothing was loaded. Correct them and load again.")  # fmt: skip
        return None
    if source.kind == SourceKind.ANNEX_A:
        try:
            return _Read(read_annex(source.path))
        except ReturnLoadError as error:
            _record_failure(snapshot, source, problems_frame(error.problems),
                            error.problem_count, str(error))  # fmt: skip
            return None
    reader = read_census if source.kind == SourceKind.CIN else read_903
    try:
        read = reader(source.path, snapshot.collection_year)
    except ReturnLoadError as error:
        frame = problems_frame(error.problems)
        _record_failure(snapshot, source, frame, error.problem_count, str(error))
        return None
    return _Read(read.frames, year=read.year, year_end=read.year_end, lea=read.lea)


def _record_failure(
    snapshot: Snapshot, source: LoadInput, problems: pl.DataFrame, count: int, message: str
) -> None:
    """Keep the load report and mark the load failed, in one transaction; nothing else."""
    with transaction.atomic():
        insert_frame(LoadProblem, problems, snapshot_id=snapshot.pk)
        _finish(snapshot.pk, source, as_of=None, status=SnapshotStatus.FAILED, message=message,
                problem_count=count, rows={}, year=snapshot.collection_year)  # fmt: skip


def _load(snapshot: Snapshot, path: Path, workdir: Path, parquet: Path) -> None:
    try:
        source = open_input(path, workdir=workdir)
    except LoadInputError as error:
        raise LoadFailedError(str(error)) from None
    read = _read(snapshot, source)
    if read is None:
        return
    frames = read.frames
    as_of = (
        snapshot.as_of or source.extract_date or read.year_end or chronology.as_of_default(frames)
    )
    try:
        population = population_from_council(source.council) if source.council else None
        measures = compute_measures(frames, as_of=as_of, population=population)
    except MeasuresError as error:
        raise LoadFailedError(f"The measures could not be computed: {error}") from None
    inputs = MeasureInputs(frames, as_of=as_of)
    parquet.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.write_parquet(parquet / f"{name}.parquet")
    tables = {
        Child: chronology.children_frame(inputs),
        Event: chronology.events_frame(inputs),
        ChildFlag: measures.flags.with_columns(pl.col("status").cast(pl.String)),
        IndicatorValue: measures.indicators,
        Team: chronology.teams_frame(frames),
        Professional: chronology.professionals_frame(frames),
    }
    with transaction.atomic():
        for model, frame in tables.items():
            insert_frame(model, frame, snapshot_id=snapshot.pk)
        _finish(snapshot.pk, source, as_of=as_of, status=SnapshotStatus.COMPLETE, message="",
                problem_count=0, rows={name: f.height for name, f in frames.items()},
                year=read.year, lea=read.lea)  # fmt: skip


def _finish(
    snapshot_id: int,
    source: LoadInput,
    *,
    as_of: date | None,
    status: SnapshotStatus,
    message: str,
    problem_count: int,
    rows: dict[str, int],
    year: int | None = None,
    lea: str = "",
) -> None:
    """Record the outcome; ``update`` (not ``save``) as the last write a snapshot ever gets."""
    council = source.council
    Snapshot.objects.filter(pk=snapshot_id, status=SnapshotStatus.RUNNING).update(
        status=status,
        source_kind=source.kind,
        collection_year=year,
        as_of=as_of,
        council_code=str(council.get("code", lea))[:16],
        council_name=str(council.get("name", settings.OVERSIGHT_COUNCIL_NAME))[:200],
        is_synthetic=council.get("synthetic") is True,
        finished_at=timezone.now(),
        message=message,
        problem_count=problem_count,
        table_rows=rows,
    )


def _fail(snapshot_id: int, message: str, parquet: Path) -> None:
    shutil.rmtree(parquet, ignore_errors=True)
    Snapshot.objects.filter(pk=snapshot_id).exclude(status=SnapshotStatus.COMPLETE).update(
        status=SnapshotStatus.FAILED, finished_at=timezone.now(), message=message
    )
