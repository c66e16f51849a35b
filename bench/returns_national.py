"""Benchmark: read and write the statutory returns of the national synthetic dataset.

Targets (issue 4), on 2 cores: all 150 councils' SSDA903 returns read in under 5 s; all their CIN
census files read in under 60 s; never more than 2 GB; writing in comparable time.

Run: ``.venv/bin/python bench/returns_national.py --data DIR [--out DIR]`` where DIR holds one
SSD folder per council (``bench/synth_national.py --out DIR`` writes one). It exports each
council's 2025–26 SSDA903 (CSV) and CIN census (XML, validated against the 2026 schema), then
times reading them all back, in ``--workers`` processes (the targets are for 2 cores).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import polars as pl
from _pool import started_pool

from oversight.core.returns.cin import export_cin, read_cin, write_cin
from oversight.core.returns.ssda903 import export_ssda903, read_ssda903, write_ssda903_csv

YEAR = 2026


def episodes_in(folder: Path) -> int:
    """Read one council's 903 return; its episode count."""
    return read_ssda903(folder, year=YEAR).tables["episodes"].height


def children_in(path: Path) -> int:
    """Read one council's CIN census; its children."""
    return read_cin(path, year=YEAR).frames["children"].height


def load_frames(folder: Path) -> dict[str, pl.DataFrame]:
    return {path.stem: pl.read_parquet(path) for path in folder.glob("*.parquet")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=1, help="processes reading councils")
    parser.add_argument(
        "--read-only", action="store_true", help="read the returns already written to --out"
    )
    parser.add_argument(
        "--worker-threads", type=int, default=1, help="polars threads per reading process"
    )
    args = parser.parse_args()
    if args.read_only and args.out is None:
        parser.error("--read-only reads what an earlier run wrote to --out")
    out = args.out or Path(tempfile.mkdtemp(prefix="oversight-returns-"))
    councils = sorted(p for p in args.data.iterdir() if (p / "council.json").exists())

    write_903 = write_cin_s = 0.0
    for council in [] if args.read_only else councils:
        frames = load_frames(council)
        started = time.perf_counter()
        write_ssda903_csv(export_ssda903(frames, year=YEAR).ret, out / "903" / council.name)
        write_903 += time.perf_counter() - started
        started = time.perf_counter()
        (out / "cin").mkdir(parents=True, exist_ok=True)
        write_cin(
            export_cin(frames, year=YEAR), out / "cin" / f"{council.name}.xml", synthetic=True
        )
        write_cin_s += time.perf_counter() - started

    folders_903 = sorted((out / "903").iterdir())
    files_cin = sorted((out / "cin").iterdir())
    with started_pool(args.workers, args.worker_threads) as (pool, startup):
        started = time.perf_counter()
        episodes = sum(pool.map(episodes_in, folders_903, chunksize=2))
        read_903 = time.perf_counter() - started
        started = time.perf_counter()
        children = sum(pool.map(children_in, files_cin, chunksize=1))
        read_cin_s = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size_903 = sum(p.stat().st_size for p in (out / "903").rglob("*.csv")) / 1e6
    size_cin = sum(p.stat().st_size for p in (out / "cin").glob("*.xml")) / 1e6
    print(f"councils={len(councils)} workers_started_s={startup:.1f} (not counted as reading)")
    print(
        f"ssda903: write(export+csv)_s={write_903:.1f} read_s={read_903:.1f} episodes={episodes:,} size_mb={size_903:.0f}"
    )
    print(
        f"cin:     write(export+xml+xsd)_s={write_cin_s:.1f} read_s={read_cin_s:.1f} children={children:,} size_mb={size_cin:.0f}"
    )
    print(f"peak_rss_mb main={peak:.0f} largest_reader={worker_peak:.0f} workers={args.workers}")
    if args.out is None:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
