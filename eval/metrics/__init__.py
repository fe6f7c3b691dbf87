"""Registered evaluation metrics (see :mod:`eval.metrics.base` for the two metric shapes).

Importing this package registers every built-in metric; ``CASE_METRICS`` and ``RUN_METRICS``
map names to instances. Optional LLM-judged metrics live in :mod:`eval.metrics.judge` and are
never registered here: they run only when a judge provider is configured.
"""

from __future__ import annotations

from eval.metrics import (  # noqa: F401
    context,
    cost,
    intent,
    operations,
    retrieval,
    skeleton,
    structure,
    validity,
)
from eval.metrics.base import (
    CASE_METRICS,
    RUN_METRICS,
    CaseMetric,
    ContextRef,
    MetricContext,
    Observation,
    RunMetric,
    aggregate_case_values,
    register,
    score_case,
)

__all__ = [
    "CASE_METRICS",
    "RUN_METRICS",
    "CaseMetric",
    "ContextRef",
    "MetricContext",
    "Observation",
    "RunMetric",
    "aggregate_case_values",
    "register",
    "run_metrics",
    "score_case",
]


def run_metrics(pairs: list[tuple[object, Observation]], ctx: MetricContext) -> dict[str, object]:
    """Every run-level metric over ``pairs`` of (case, observation)."""
    return {name: m.compute(pairs, ctx) for name, m in RUN_METRICS.items()}  # type: ignore[arg-type]
