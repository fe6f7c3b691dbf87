"""Paired statistics for comparing two systems on the same cases.

* :func:`paired_bootstrap` - percentile bootstrap CI of the mean difference B - A, resampling
  cases (pairs) with replacement; seeded and vectorised (one ``n x resamples`` index matrix).
* :func:`mcnemar_exact` - McNemar's exact test for a binary metric: under H0 the discordant
  pairs split 50/50, so the two-sided p-value is twice the binomial tail of the smaller count.

Both take values already paired by case id (:func:`pair_values`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_RESAMPLES = 10_000
DEFAULT_SEED = 20_261_125


@dataclass(frozen=True)
class BootstrapCI:
    """Mean difference (B - A) with its percentile confidence interval."""

    delta: float
    low: float
    high: float
    n: int
    resamples: int
    confidence: float

    def to_dict(self) -> dict[str, float | int]:
        return {
            "delta": self.delta,
            "ci_low": self.low,
            "ci_high": self.high,
            "n": self.n,
            "resamples": self.resamples,
            "confidence": self.confidence,
        }


def paired_bootstrap(
    a: Sequence[float] | np.ndarray,
    b: Sequence[float] | np.ndarray,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    confidence: float = 0.95,
    seed: int = DEFAULT_SEED,
) -> BootstrapCI:
    """Percentile bootstrap CI of mean(b - a) over paired observations.

    Raises ValueError on unequal lengths, no pairs, or fewer than 1,000 resamples.
    """
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"paired samples must be 1-D and equally long ({x.shape} vs {y.shape})")
    if x.size == 0:
        raise ValueError("no paired observations")
    if resamples < 1000:
        raise ValueError("use at least 1,000 resamples")
    d = y - x
    rng = np.random.default_rng(seed)
    # Chunked so memory stays bounded for large runs: at most ~4M indices at once.
    chunk = max(1, 4_000_000 // d.size)
    means = np.empty(resamples)
    for start in range(0, resamples, chunk):
        stop = min(resamples, start + chunk)
        idx = rng.integers(0, d.size, size=(stop - start, d.size))
        means[start:stop] = d[idx].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return BootstrapCI(float(d.mean()), float(low), float(high), int(d.size), resamples, confidence)


@dataclass(frozen=True)
class McNemar:
    """Discordant counts (``a_only``: A right, B wrong; ``b_only``: B right, A wrong), p-value."""

    a_only: int
    b_only: int
    p_value: float

    def to_dict(self) -> dict[str, float | int]:
        return {"a_only": self.a_only, "b_only": self.b_only, "p_value": self.p_value}


def mcnemar_exact(a: Sequence[float], b: Sequence[float]) -> McNemar:
    """Exact (binomial) McNemar test on paired 0/1 outcomes; p = 1 with no discordant pair."""
    if len(a) != len(b):
        raise ValueError("paired samples must be equally long")
    a_only = b_only = 0
    for x, y in zip(a, b, strict=True):
        if x not in (0, 1) or y not in (0, 1):
            raise ValueError(f"McNemar needs binary outcomes, got {x!r} and {y!r}")
        if x and not y:
            a_only += 1
        elif y and not x:
            b_only += 1
    return McNemar(a_only, b_only, binomial_two_sided(min(a_only, b_only), a_only + b_only))


def binomial_two_sided(k: int, n: int) -> float:
    """Two-sided exact p-value of k successes in n fair trials, k <= n/2: 2 * P(X <= k)."""
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return min(1.0, 2 * tail)


def pair_values(
    a: Mapping[str, float], b: Mapping[str, float]
) -> tuple[list[str], list[float], list[float]]:
    """Case ids present in both mappings (sorted) with their values from each."""
    ids = sorted(a.keys() & b.keys())
    return ids, [a[i] for i in ids], [b[i] for i in ids]
