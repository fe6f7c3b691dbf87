"""Compare arms of one or more runs: paired deltas with bootstrap CIs, McNemar, breakdowns.

Arms are paired case by case (only cases both arms scored count for a metric). The first arm
is the reference: with more than two arms every other arm is compared against it and a
leaderboard ranks them all on the cases every arm has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eval.metrics import CASE_METRICS
from eval.prompt_sets import PromptSetDiff, diff_arms
from eval.report import ordered_metrics
from eval.rundir import Arm, load_run
from eval.stats import DEFAULT_RESAMPLES, DEFAULT_SEED, mcnemar_exact, paired_bootstrap
from nodepilot.errors import UserError

#: Breakdown dimensions: name -> how to read the group from a record's gold block.
DIMENSIONS: dict[str, str] = {
    "difficulty": "difficulty",
    "trigger_kind": "trigger_kind",
    "ai": "uses_ai",
}


@dataclass
class MetricDelta:
    """One metric compared between arm A (reference) and arm B on their common cases."""

    metric: str
    n: int
    mean_a: float
    mean_b: float
    delta: float
    ci_low: float
    ci_high: float
    mcnemar_p: float | None = None
    a_only: int | None = None
    b_only: int | None = None

    @property
    def significant(self) -> bool:
        """The CI excludes zero."""
        return self.ci_low > 0 or self.ci_high < 0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "significant": self.significant}


def load_arms(paths: Sequence[str | Path]) -> list[Arm]:
    """Every arm of every run, in the order given (arms of one run in their stored order)."""
    arms: list[Arm] = []
    for p in paths:
        arms.extend(load_run(p).arms.values())
    if len({a.name for a in arms}) != len(arms):
        for arm in arms:
            arm.display = f"{arm.run}:{arm.label}"
    names = [a.name for a in arms]
    if len(set(names)) != len(names):
        raise UserError(f"the same run is listed twice: {', '.join(names)}")
    return arms


def metric_names(arms: Sequence[Arm]) -> list[str]:
    names: set[str] = set()
    for arm in arms:
        for rec in arm.records.values():
            names.update((rec.get("metrics") or {}).keys())
    return ordered_metrics(names)


def compare_pair(
    a: Arm,
    b: Arm,
    metrics: Sequence[str] | None = None,
    *,
    case_ids: set[str] | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> list[MetricDelta]:
    """Per-metric paired comparison of B against A (optionally restricted to ``case_ids``)."""
    out = []
    for name in metrics or metric_names([a, b]):
        va, vb = a.values(name), b.values(name)
        ids = sorted(va.keys() & vb.keys() & (case_ids if case_ids is not None else va.keys()))
        if not ids:
            continue
        xa = [va[i] for i in ids]
        xb = [vb[i] for i in ids]
        ci = paired_bootstrap(xa, xb, resamples=resamples, seed=seed)
        delta = MetricDelta(
            name, len(ids), sum(xa) / len(ids), sum(xb) / len(ids), ci.delta, ci.low, ci.high
        )
        metric = CASE_METRICS.get(name)
        if metric is not None and metric.binary:
            test = mcnemar_exact(xa, xb)
            delta.mcnemar_p, delta.a_only, delta.b_only = test.p_value, test.a_only, test.b_only
        out.append(delta)
    return out


def groups(arm: Arm, dimension: str) -> dict[str, set[str]]:
    """Case ids of ``arm`` by group of a breakdown dimension (workflow cases have the kinds)."""
    key = DIMENSIONS[dimension]
    out: dict[str, set[str]] = {}
    for case_id, rec in arm.records.items():
        value = (rec.get("gold") or {}).get(key)
        if value is None:
            continue
        if key == "uses_ai":
            value = "AI" if value else "non-AI"
        out.setdefault(str(value), set()).add(case_id)
    return dict(sorted(out.items()))


def breakdowns(
    a: Arm,
    b: Arm,
    metrics: Sequence[str],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict[str, dict[str, list[MetricDelta]]]:
    """``{dimension: {group: [MetricDelta]}}`` for the given metrics."""
    out: dict[str, dict[str, list[MetricDelta]]] = {}
    for dim in DIMENSIONS:
        out[dim] = {
            group: compare_pair(a, b, metrics, case_ids=ids, resamples=resamples, seed=seed)
            for group, ids in groups(a, dim).items()
        }
    return out


def leaderboard(arms: Sequence[Arm], metrics: Sequence[str]) -> list[dict[str, Any]]:
    """One row per arm: metric means on the cases every arm scored, latency and cost."""
    common = set.intersection(*(set(a.records) for a in arms)) if arms else set()
    rows = []
    for arm in arms:
        row: dict[str, Any] = {"arm": arm.name, "cases": len(common)}
        for name in metrics:
            vals = [v for cid, v in arm.values(name).items() if cid in common]
            row[name] = sum(vals) / len(vals) if vals else None
        lat = sorted(float(arm.records[c].get("latency_ms") or 0) for c in common)
        row["latency_p50_ms"] = _pct(lat, 0.5)
        row["latency_p95_ms"] = _pct(lat, 0.95)
        row["cost_usd"] = sum(
            float((arm.records[c].get("usage") or {}).get("cost_usd") or 0) for c in common
        )
        rows.append(row)
    return rows


def _pct(sorted_values: list[float], q: float) -> float | None:
    if not sorted_values:
        return None
    import numpy as np

    return float(np.percentile(sorted_values, q * 100))


@dataclass
class Comparison:
    """Everything a report shows."""

    arms: list[Arm]
    metrics: list[str]
    pairs: list[tuple[Arm, Arm, list[MetricDelta]]]
    breakdowns: list[tuple[Arm, Arm, dict[str, dict[str, list[MetricDelta]]]]]
    leaderboard: list[dict[str, Any]]
    resamples: int
    seed: int
    #: Per pair (same order as ``pairs``): how B's prompt set differs from A's.
    prompt_diffs: list[PromptSetDiff] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "arms": [a.name for a in self.arms],
            "resamples": self.resamples,
            "seed": self.seed,
            "prompt_diffs": [
                {"a": a.name, "b": b.name, **d.to_dict()}
                for (a, b, _), d in zip(self.pairs, self.prompt_diffs, strict=True)
            ],
            "leaderboard": self.leaderboard,
            "pairs": [
                {"a": a.name, "b": b.name, "deltas": [d.to_dict() for d in ds]}
                for a, b, ds in self.pairs
            ],
            "breakdowns": [
                {
                    "a": a.name,
                    "b": b.name,
                    "by": {
                        dim: {g: [d.to_dict() for d in ds] for g, ds in groups_.items()}
                        for dim, groups_ in bd.items()
                    },
                }
                for a, b, bd in self.breakdowns
            ],
        }


#: Metrics broken down by group (the headline ones; all metrics get the overall comparison).
BREAKDOWN_METRICS = ("intent_accuracy", "valid_strict", "trigger_accuracy", "node_recall")


def compare_runs(
    paths: Sequence[str | Path],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Comparison:
    """Load the runs and compare every arm against the first one."""
    arms = load_arms(paths)
    if len(arms) < 2:
        raise UserError("compare needs at least two arms (two runs, or a run with two providers)")
    metrics = metric_names(arms)
    ref = arms[0]
    pairs = []
    bds = []
    for other in arms[1:]:
        deltas = compare_pair(ref, other, metrics, resamples=resamples, seed=seed)
        if not deltas:
            raise UserError(f"{ref.name} and {other.name} have no case in common")
        pairs.append((ref, other, deltas))
        chosen = [m for m in BREAKDOWN_METRICS if m in metrics]
        bds.append((ref, other, breakdowns(ref, other, chosen, resamples=resamples, seed=seed)))
    diffs = [diff_arms(a, b) for a, b, _ in pairs]
    return Comparison(arms, metrics, pairs, bds, leaderboard(arms, metrics), resamples, seed, diffs)
