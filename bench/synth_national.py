"""Benchmark: simulate a national-scale dataset (150 councils) and write it as Parquet.

Target (issue 3): under 2 minutes and 8 GB on 2 cores, for about 400,000 children in need at
31 March, 620,000 referrals in the final year and 80,000 children looked after.

Run: ``.venv/bin/python bench/synth_national.py [--councils 150] [--workers 2] [--out DIR]``.
Prints wall time, peak memory (this process and its largest worker) and national totals.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from oversight.core.synth import SynthRequest, synthesise

END = date(2026, 3, 31)


def totals(folders: list[Path]) -> dict[str, int]:
    """Children in need and looked after at 31 March, and referrals in the final year."""
    year_start = END - timedelta(days=364)
    cin = pl.scan_parquet([f / "ssd_cin_episodes.parquet" for f in folders])
    cla = pl.scan_parquet([f / "ssd_cla_episodes.parquet" for f in folders])
    open_cin = cin.filter(
        (pl.col("cine_referral_nfa") == "N")
        & (pl.col("cine_close_date").is_null() | (pl.col("cine_close_date") > END))
    )
    return {
        "children_in_need": open_cin.select(pl.col("cine_person_id").n_unique()).collect().item(),
        "referrals_in_year": cin.filter(pl.col("cine_referral_date") >= year_start)
        .select(pl.len())
        .collect()
        .item(),
        "looked_after": cla.filter(pl.col("clae_cla_episode_ceased_date").is_null())
        .select(pl.col("clae_person_id").n_unique())
        .collect()
        .item(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--councils", type=int, default=150)
    parser.add_argument("--children-in-need", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="oversight-national-"))
    request = SynthRequest(
        out=out,
        councils=args.councils,
        children_in_need=args.children_in_need,
        end=END,
        file_format="parquet",
        workers=args.workers,
    )
    started = time.perf_counter()
    summaries = synthesise(request)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    counts = totals([s.folder for s in summaries])
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e9
    print(f"councils={len(summaries)} workers={args.workers} wall_s={seconds:.1f}")
    print(
        f"peak_rss_mb main={own:.0f} largest_worker={worker:.0f} (total ≤ main + workers × largest)"
    )
    print(f"output_gb={size:.2f} " + " ".join(f"{k}={v:,}" for k, v in counts.items()))
    if args.out is None:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
