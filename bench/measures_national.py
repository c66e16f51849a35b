"""Benchmark: every indicator and per-child flag for the national synthetic dataset.

Target (issue 5): 150 councils, read from Parquet, in under 10 s and 4 GB on 2 cores.

Run: ``.venv/bin/python bench/measures_national.py --data DIR`` where DIR holds one folder per
council (``bench/synth_national.py --out DIR`` writes one). Times reading (plain Parquet reads
of the tables the measures use) and computing separately; councils are computed one after
another in one process, or split across ``--workers`` processes.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import polars as pl

from oversight.core.measures import compute_measures, population_from_council

AS_OF = date(2026, 3, 31)


def one_council(folder: Path) -> tuple[float, float, int, int]:
    """Read one council's Parquet tables and compute its measures: times and row counts."""
    started = time.perf_counter()
    frames = {path.stem: pl.read_parquet(path) for path in folder.glob("*.parquet")}
    council = json.loads((folder / "council.json").read_text())
    read = time.perf_counter() - started
    started = time.perf_counter()
    measures = compute_measures(frames, as_of=AS_OF, population=population_from_council(council))
    computed = time.perf_counter() - started
    return read, computed, measures.indicators.height, measures.flags.height


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    folders = sorted(p for p in args.data.iterdir() if (p / "council.json").exists())
    started = time.perf_counter()
    if args.workers > 1:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            results = list(pool.map(one_council, folders, chunksize=8))
    else:
        results = [one_council(folder) for folder in folders]
    wall = time.perf_counter() - started
    read = sum(r[0] for r in results)
    computed = sum(r[1] for r in results)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"councils={len(folders)} workers={args.workers} wall_s={wall:.1f} read_s={read:.1f} compute_s={computed:.1f}"
    )
    print(f"indicator_rows={sum(r[2] for r in results):,} flag_rows={sum(r[3] for r in results):,}")
    print(f"peak_rss_mb main={own:.0f} largest_worker={worker:.0f}")


if __name__ == "__main__":
    main()
