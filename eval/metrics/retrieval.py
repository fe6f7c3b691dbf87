"""Retrieval: did the context handed to the generator cover the node types the request needs?

Each retrieved item names node types (a node or operation entry names one, a template or
pattern several). For a case with required items R1..Rm (``any_of`` aware) and the ranked list
of retrieved items, let rank(Ri) be the 1-based rank of the first item naming a member of Ri:

* **hit@k** = share of required items with rank <= k (k = 5 and 10);
* **MRR** = mean over required items of 1/rank (0 when no item names it).

The ragas id-based context metrics are applied to the same items with these ids:

* **context precision (id)** - ``retrieved`` = the item ids, ``reference`` = ids of retrieved
  items naming some required type: the share of retrieved items that are relevant.
* **context recall (id)** - ``retrieved`` = labels of the required items the context covers,
  ``reference`` = labels of all required items: the share of requirements covered.

:func:`id_context_precision` and :func:`id_context_recall` are ragas 0.4.3's
``IDBasedContextPrecision`` / ``IDBasedContextRecall`` formulas, implemented here because
installing ragas downgrades packages the core needs (see eval/README.md); the tests check them
against ragas when it is importable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from eval.datasets import Case
from eval.metrics.base import CaseMetric, ContextRef, MetricContext, Observation, register


def id_context_precision(retrieved: Sequence[str], reference: Sequence[str]) -> float:
    """ragas IDBasedContextPrecision: hits among the distinct retrieved ids / distinct retrieved.

    NaN when nothing was retrieved (ragas' convention).
    """
    got = {str(i) for i in retrieved}
    ref = {str(i) for i in reference}
    if not got:
        return math.nan
    return len(got & ref) / len(got)


def id_context_recall(retrieved: Sequence[str], reference: Sequence[str]) -> float:
    """ragas IDBasedContextRecall: distinct reference ids retrieved / distinct reference ids.

    NaN when there is no reference id (ragas' convention).
    """
    got = {str(i) for i in retrieved}
    ref = {str(i) for i in reference}
    if not ref:
        return math.nan
    return len(got & ref) / len(ref)


def first_ranks(required: Sequence[frozenset[str]], context: Sequence[ContextRef]) -> list[int]:
    """For each required item, the 1-based rank of the first item naming it (0: none)."""
    ranks = []
    for group in required:
        rank = 0
        for i, item in enumerate(context, start=1):
            if group.intersection(item.node_types):
                rank = i
                break
        ranks.append(rank)
    return ranks


def _applicable(case: Case, obs: Observation) -> tuple[frozenset[str], ...] | None:
    """Required sets when the case has a skeleton and the system retrieved anything."""
    if not case.is_workflow or case.expected is None or not case.expected.required_sets:
        return None
    if not obs.context:
        return None
    return case.expected.required_sets


class _HitAt(CaseMetric):
    k = 5

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        required = _applicable(case, obs)
        if required is None:
            return None
        ranks = first_ranks(required, obs.context)
        return sum(1 for r in ranks if 0 < r <= self.k) / len(ranks)


@register
class HitAt5(_HitAt):
    name = "retrieval_hit@5"
    description = "share of required node types named by the top 5 context items"
    k = 5


@register
class HitAt10(_HitAt):
    name = "retrieval_hit@10"
    description = "share of required node types named by the top 10 context items"
    k = 10


@register
class MeanReciprocalRank(CaseMetric):
    name = "retrieval_mrr"
    description = "mean reciprocal rank of the first context item naming each required type"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        required = _applicable(case, obs)
        if required is None:
            return None
        ranks = first_ranks(required, obs.context)
        return sum(1 / r for r in ranks if r) / len(ranks)


@register
class ContextPrecisionId(CaseMetric):
    name = "context_precision_id"
    description = "ragas id-based context precision: share of retrieved items that are relevant"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        required = _applicable(case, obs)
        if required is None:
            return None
        wanted = frozenset().union(*required)
        relevant = [c.id for c in obs.context if wanted.intersection(c.node_types)]
        return id_context_precision([c.id for c in obs.context], relevant)


@register
class ContextRecallId(CaseMetric):
    name = "context_recall_id"
    description = "ragas id-based context recall: share of required types the context names"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        required = _applicable(case, obs)
        if required is None:
            return None
        labels = ["|".join(sorted(g)) for g in required]
        ranks = first_ranks(required, obs.context)
        covered = [label for label, r in zip(labels, ranks, strict=True) if r]
        return id_context_recall(covered, labels)
