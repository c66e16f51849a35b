"""Named, independent random streams: the same seed gives the same council, stage by stage.

Each stage of the simulation draws from its own stream, derived from the seed, the council's index
and the stage's name, so adding draws to one stage never changes another's output.
"""

from __future__ import annotations

import zlib

import numpy as np
import polars as pl


class Streams:
    """Random generators for one council, one per named stage."""

    def __init__(self, seed: int, council_index: int) -> None:
        self._seed = seed
        self._council_index = council_index

    def __call__(self, stage: str) -> np.random.Generator:
        """The generator of ``stage``: a fresh, deterministic stream for that name."""
        key = zlib.crc32(stage.encode("utf-8"))
        return np.random.default_rng(np.random.SeedSequence([self._seed, self._council_index, key]))


def choose(
    rng: np.random.Generator, options: tuple[str, ...], weights: tuple[float, ...], size: int
) -> np.ndarray:
    """``size`` draws from ``options`` with the given (unnormalised) weights."""
    probabilities = np.asarray(weights, dtype=np.float64)
    chosen: np.ndarray = rng.choice(
        np.asarray(options, dtype=object), size=size, p=probabilities / probabilities.sum()
    )
    return chosen


def text_where(name: str, keep: np.ndarray, values: np.ndarray) -> pl.Series:
    """A text column of ``values`` where ``keep`` holds, null elsewhere."""
    return pl.Series(name, np.asarray(values).astype(str)).set(
        pl.Series(~np.asarray(keep, dtype=bool)), None
    )


def choose_rows(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One index per row of ``weights`` (rows summing to 1): a vectorised categorical draw."""
    cumulative = np.cumsum(weights, axis=1)
    draws = rng.random(len(weights))[:, None]
    chosen: np.ndarray = np.minimum((draws > cumulative).sum(axis=1), weights.shape[1] - 1)
    return chosen
