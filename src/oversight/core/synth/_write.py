"""Write simulated councils as SSD folders with ``council.json`` beside the tables."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from oversight.core.ssd import FileFormat, write_ssd
from oversight.core.synth.council import CouncilSpec, simulate_council
from oversight.core.synth.inject import inject_errors
from oversight.core.synth.profiles import Practice, ProfileName

NATIONAL_CARE_RATE = 0.62
"""Care entry of a middling council relative to the metropolitan default (model, tuned so that
150 councils averaging 3,000 children in need have about 80,000 looked after, as England)."""


@dataclass(frozen=True)
class SynthRequest:
    """Everything ``oversight synth`` is asked for."""

    out: Path
    councils: int = 1
    children_in_need: int = 3000
    end: date | None = None
    years: int = 6
    practice: Practice = field(default_factory=lambda: Practice(name=ProfileName.TYPICAL))
    seed: int = 1
    file_format: FileFormat = "csv"
    inject_errors: float = 0.0
    workers: int = 1


@dataclass(frozen=True)
class CouncilSummary:
    """What one council's run wrote, for the summary table."""

    code: str
    name: str
    folder: Path
    rows: dict[str, int]


def default_end(today: date | None = None) -> date:
    """31 March of the latest complete collection year."""
    today = today or date.today()
    year = today.year if (today.month, today.day) > (3, 31) else today.year - 1
    return date(year, 3, 31)


def council_specs(request: SynthRequest) -> list[CouncilSpec]:
    """One specification per council; sizes vary around the size asked when there are several."""
    end = request.end or default_end()
    rng = np.random.default_rng(np.random.SeedSequence([request.seed, 424242]))
    if request.councils == 1:
        sizes = [request.children_in_need]
        care_rates = [1.0]
    else:
        # Councils differ in size and in how many of their children are in care: the rates vary
        # around England's (about 70 looked after per 10,000 children against ~100 in a large
        # metropolitan district, the single council's default).
        spread = rng.lognormal(0.0, 0.45, request.councils)
        sizes = [max(150, round(request.children_in_need * s / spread.mean())) for s in spread]
        care_rates = list(
            np.clip(rng.lognormal(np.log(NATIONAL_CARE_RATE), 0.3, request.councils), 0.25, 2.5)
        )
    return [
        CouncilSpec(
            index=i,
            care_rate=float(care_rate),
            children_in_need=size,
            end=end,
            years=request.years,
            practice=request.practice,
            seed=request.seed,
        )
        for i, (size, care_rate) in enumerate(zip(sizes, care_rates, strict=True))
    ]


def synthesise(
    request: SynthRequest, *, progress: Callable[[CouncilSummary], None] | None = None
) -> list[CouncilSummary]:
    """Simulate and write every council asked for; one folder each, or ``out`` itself for one."""
    specs = council_specs(request)
    summaries = []
    for summary in _run(specs, request):
        summaries.append(summary)
        if progress is not None:
            progress(summary)
    return summaries


def _run(specs: list[CouncilSpec], request: SynthRequest) -> Iterator[CouncilSummary]:
    if request.workers <= 1 or len(specs) == 1:
        for spec in specs:
            yield write_council(spec, request)
        return
    # spawn, not fork: a forked polars process can deadlock on its thread pool's locks.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=request.workers, mp_context=spawn) as pool:
        yield from pool.map(write_council, specs, [request] * len(specs))


def write_council(spec: CouncilSpec, request: SynthRequest) -> CouncilSummary:
    """Simulate one council and write its folder."""
    council = simulate_council(spec)
    folder = request.out if request.councils == 1 else request.out / spec.code
    frames = council.frames
    folder.mkdir(parents=True, exist_ok=True)
    if request.inject_errors > 0:
        frames, injected = inject_errors(
            frames, rate=request.inject_errors, seed=request.seed + spec.index
        )
        injected.write_csv(folder / "injected.csv")
    write_ssd(frames, folder, file_format=request.file_format)
    (folder / "council.json").write_text(
        json.dumps(council.description, indent=2) + "\n", encoding="utf-8"
    )
    return CouncilSummary(
        spec.code, spec.name, folder, {name: frame.height for name, frame in frames.items()}
    )


__all__ = [
    "CouncilSummary",
    "SynthRequest",
    "council_specs",
    "default_end",
    "synthesise",
    "write_council",
]
