"""Cost and speed over a run: latency percentiles per pipeline stage, tokens and cost.

Kept out of the per-case metrics on purpose: timings vary between identical runs, so they are
reported (and plotted) but never paired, bootstrapped or gated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from eval.datasets import Case
from eval.metrics.base import MetricContext, Observation, RunMetric, register


def percentiles(values: Sequence[float]) -> dict[str, float] | None:
    """p50 / p95 / mean / max of a sample (linear interpolation, as numpy's default)."""
    if not values:
        return None
    arr = np.asarray(values, dtype=float)
    return {
        "p50": float(np.percentile(arr, 50)),
        "p95": float(np.percentile(arr, 95)),
        "mean": float(arr.mean()),
        "max": float(arr.max()),
        "n": int(arr.size),
    }


@register
class Latency(RunMetric):
    name = "latency_ms"
    description = "end-to-end and per-stage latency percentiles in milliseconds"

    def compute(self, pairs: Sequence[tuple[Case, Observation]], ctx: MetricContext) -> Any:
        stages: dict[str, list[float]] = {}
        for _, obs in pairs:
            for stage, ms in obs.timings_ms.items():
                stages.setdefault(stage, []).append(float(ms))
        out = {"total": percentiles([o.latency_ms for _, o in pairs])}
        out.update({stage: percentiles(v) for stage, v in sorted(stages.items())})
        return out


@register
class TokensAndCost(RunMetric):
    name = "usage"
    description = "input/output tokens and cost in USD: totals and per case"

    def compute(self, pairs: Sequence[tuple[Case, Observation]], ctx: MetricContext) -> Any:
        n = len(pairs) or 1
        tin = sum(o.input_tokens for _, o in pairs)
        tout = sum(o.output_tokens for _, o in pairs)
        cost = sum(o.cost_usd for _, o in pairs)
        return {
            "input_tokens": tin,
            "output_tokens": tout,
            "cost_usd": round(cost, 6),
            "cost_usd_per_case": round(cost / n, 8),
            "tokens_per_case": (tin + tout) / n,
            "errors": sum(1 for _, o in pairs if o.error),
        }
