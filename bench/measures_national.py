"""Benchmark: every indicator and per-child flag for the national synthetic dataset.

Target (issue 5): 150 councils, read from Parquet, in under 10 s and 4 GB on 2 cores.

Run: ``.venv/bin/python bench/measures_national.py --data DIR`` where DIR holds one folder per
council (``bench/synth_national.py --out DIR`` writes one). Councils are measured in batches
(``--batch`` councils at a time, spread over ``--workers`` processes): each table the measures
read is read from every council of the batch (only the columns they use) into one frame with a
``council`` column, and ``compute_measures(..., by="council")`` runs every flag and indicator
once per batch. Batches trade the fixed cost of each computation (planning and collecting a
few dozen lazy queries, about 0.05 s) against the cost of hashing larger frames on two keys.
Each row's council is named from the files' row counts, read from their Parquet footers
(``_parquet_rows.py``). ``--check`` then measures each council alone and asserts the figures
are identical.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from datetime import date
from pathlib import Path

import polars as pl
from _parquet_rows import parquet_rows
from _pool import started_pool
from polars.testing import assert_frame_equal

import oversight.core.measures as measures_package
from oversight.core.measures import COUNCIL, compute_measures, population_from_council
from oversight.core.ssd import TABLES

AS_OF = date(2026, 3, 31)


def columns_measured() -> dict[str, list[str]]:
    """The columns of each table the measures' code names (what reading must keep)."""
    root = Path(measures_package.__file__).parent
    code = "".join(path.read_text() for path in root.rglob("*.py"))
    named = set(re.findall(r'"([a-z0-9_]+)"', code))
    return {
        name: [column.name for column in table.columns if column.name in named]
        for name, table in TABLES.items()
        if name in named
    }


def read_councils(folders: list[Path]) -> tuple[dict[str, pl.DataFrame], dict[str, dict[int, int]]]:
    """Every council's tables, stacked with a council column, and each council's population."""
    names = [folder.name for folder in folders]
    council_dtype = pl.Enum(names)
    present = {path.stem for path in folders[0].glob("*.parquet")}
    tables = {name: columns for name, columns in columns_measured().items() if name in present}
    files = {table: [folder / f"{table}.parquet" for folder in folders] for table in tables}
    # One scan per table over the batch's files, far cheaper than a read per file (or than
    # naming each row's file), all collected together; files are read in order, so their row
    # counts say whose each row is.
    scans = [pl.scan_parquet(files[table]).select(columns) for table, columns in tables.items()]
    frames = {}
    for table, read in zip(tables, pl.collect_all(scans), strict=True):
        counts = [parquet_rows(file) for file in files[table]]  # from the footers alone
        if read.height != sum(counts):
            raise RuntimeError(f"{table}: read {read.height} rows, the footers say {sum(counts)}")
        council = pl.concat(
            [
                pl.repeat(name, count, dtype=council_dtype, eager=True)
                for name, count in zip(names, counts, strict=True)
            ],
            rechunk=False,
        )
        frames[table] = read.insert_column(0, council.alias(COUNCIL))
    populations = {
        folder.name: population_from_council(json.loads((folder / "council.json").read_text()))
        for folder in folders
    }
    return frames, populations


def measure_batch(folders: list[Path]) -> tuple[float, float, int, int]:
    """Read and measure one batch of councils: seconds reading, computing, and rows out."""
    started = time.perf_counter()
    frames, populations = read_councils(folders)
    read = time.perf_counter() - started
    started = time.perf_counter()
    measured = compute_measures(frames, as_of=AS_OF, by=COUNCIL, populations=populations)
    computed = time.perf_counter() - started
    return read, computed, measured.indicators.height, measured.flags.height


def check_per_council(folders: list[Path]) -> float:
    """Measure councils in batches and each alone, asserting identical figures; seconds taken."""
    started = time.perf_counter()
    frames, populations = read_councils(folders)
    together = compute_measures(frames, as_of=AS_OF, by=COUNCIL, populations=populations)
    for folder in folders:
        frames = {path.stem: pl.read_parquet(path) for path in folder.glob("*.parquet")}
        council = json.loads((folder / "council.json").read_text())
        alone = compute_measures(frames, as_of=AS_OF, population=population_from_council(council))
        mine = pl.col(COUNCIL) == folder.name
        assert_frame_equal(together.indicators.filter(mine).drop(COUNCIL), alone.indicators)
        assert_frame_equal(together.flags.filter(mine).drop(COUNCIL), alone.flags)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--batch", type=int, default=25, help="councils per computation")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check", type=int, default=0, help="check the first N councils")
    parser.add_argument(
        "--worker-threads", type=int, default=1, help="polars threads per worker (0: its default)"
    )
    args = parser.parse_args()
    folders = sorted(p for p in args.data.iterdir() if (p / "council.json").exists())
    batches = [folders[i : i + args.batch] for i in range(0, len(folders), args.batch)]
    startup = 0.0
    if args.workers > 1:
        with started_pool(args.workers, args.worker_threads) as (pool, startup):
            started = time.perf_counter()
            results = list(pool.map(measure_batch, batches))
            wall = time.perf_counter() - started
    else:
        started = time.perf_counter()
        results = [measure_batch(batch) for batch in batches]
        wall = time.perf_counter() - started
    print(
        f"councils={len(folders)} batch={args.batch} workers={args.workers} wall_s={wall:.1f} "
        f"read_s={sum(r[0] for r in results):.1f} compute_s={sum(r[1] for r in results):.1f} "
        f"(summed over workers); workers_started_s={startup:.1f} (not counted)"
    )
    print(f"indicator_rows={sum(r[2] for r in results):,} flag_rows={sum(r[3] for r in results):,}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak_rss_mb main={own:.0f} largest_worker={worker:.0f}")
    if args.check:
        seconds = check_per_council(folders[: args.check])
        print(f"checked {args.check} councils alone in {seconds:.1f} s: figures identical")


if __name__ == "__main__":
    main()
