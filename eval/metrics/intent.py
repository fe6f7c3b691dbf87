"""Intent metrics: accuracy per case; macro-F1 and the confusion matrix over a run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eval.datasets import INTENTS, Case
from eval.metrics.base import CaseMetric, MetricContext, Observation, RunMetric, register


@register
class IntentAccuracy(CaseMetric):
    name = "intent_accuracy"
    description = "predicted intent equals the gold intent"
    binary = True

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float:
        return float(obs.intent == case.intent)


def confusion(gold: Sequence[str], pred: Sequence[str | None]) -> dict[str, dict[str, int]]:
    """``matrix[gold][predicted]`` counts; a missing prediction is counted as ``"none"``."""
    labels = list(INTENTS)
    extra = sorted({p or "none" for p in pred} - set(labels))
    matrix = {g: {p: 0 for p in labels + extra} for g in labels}
    for g, p in zip(gold, pred, strict=True):
        matrix.setdefault(g, {k: 0 for k in labels + extra})[p or "none"] += 1
    return matrix


def macro_f1(gold: Sequence[str], pred: Sequence[str | None]) -> float | None:
    """Unweighted mean of per-class F1 over the classes present in gold or predictions.

    A class with no true positive scores 0 (as scikit-learn with ``zero_division=0``); classes
    absent from both gold and predictions do not count.
    """
    classes = sorted(set(gold) | {p for p in pred if p is not None})
    if not classes:
        return None
    f1s = []
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s)


@register
class IntentMacroF1(RunMetric):
    name = "intent_macro_f1"
    description = "macro-averaged F1 over the four intents"

    def compute(self, pairs: Sequence[tuple[Case, Observation]], ctx: MetricContext) -> Any:
        return macro_f1([c.intent for c, _ in pairs], [o.intent for _, o in pairs])


@register
class IntentConfusion(RunMetric):
    name = "intent_confusion"
    description = "confusion matrix: gold intent -> predicted intent -> count"

    def compute(self, pairs: Sequence[tuple[Case, Observation]], ctx: MetricContext) -> Any:
        return confusion([c.intent for c, _ in pairs], [o.intent for _, o in pairs])
