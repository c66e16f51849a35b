"""Worker processes for the benchmarks, started before the clock.

Processes are started with ``spawn``: forking a process that has used polars' thread pool can
deadlock. Starting them (a fresh interpreter importing polars and Oversight, about a second) is
timed separately, so that what a benchmark times is the work itself.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


def _ready(_: int) -> int:
    """Nothing: run until every worker has answered, so that all have started."""
    return os.getpid()


@contextmanager
def started_pool(workers: int, threads: int = 0) -> Iterator[tuple[ProcessPoolExecutor, float]]:
    """A pool of ``workers`` started processes, and the seconds starting them took.

    ``threads``: polars threads per worker (0: polars' own choice), read as each one starts.
    """
    if threads:
        os.environ["POLARS_MAX_THREADS"] = str(threads)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
        started = time.perf_counter()
        while len(set(pool.map(_ready, range(4 * workers)))) < workers:
            pass
        yield pool, time.perf_counter() - started
