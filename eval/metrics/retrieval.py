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


# ------------------------------------------------------------------ ragas non-LLM string metrics

#: ragas' default threshold for a string match in its non-LLM context metrics.
STRING_THRESHOLD = 0.5


def levenshtein_similarity(a: str, b: str) -> float:
    """1 - Levenshtein distance / length of the longer string (rapidfuzz's normalized
    similarity, which ragas' ``NonLLMStringSimilarity`` uses); 1.0 for two empty strings."""
    if not a and not b:
        return 1.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return 1 - previous[-1] / max(len(a), len(b))


def nonllm_context_precision(
    retrieved: Sequence[str], reference: Sequence[str], threshold: float = STRING_THRESHOLD
) -> float:
    """ragas NonLLMContextPrecisionWithReference: average precision over the retrieved texts,
    a text relevant when its best similarity to a reference text is >= threshold."""
    verdicts = [
        1 if max(levenshtein_similarity(r, ref) for ref in reference) >= threshold else 0
        for r in retrieved
    ]
    numerator = sum(sum(verdicts[: i + 1]) / (i + 1) * v for i, v in enumerate(verdicts))
    return numerator / (sum(verdicts) + 1e-10)


def nonllm_context_recall(
    retrieved: Sequence[str], reference: Sequence[str], threshold: float = STRING_THRESHOLD
) -> float:
    """ragas NonLLMContextRecall: share of reference texts whose best similarity to a retrieved
    text is > threshold (strictly, as ragas has it); NaN without reference texts."""
    if not reference:
        return math.nan
    hits = [max(levenshtein_similarity(r, ref) for r in retrieved) > threshold for ref in reference]
    return sum(hits) / len(hits)


def context_texts(
    required: Sequence[frozenset[str]], context: Sequence[ContextRef]
) -> tuple[list[str], list[str]]:
    """(retrieved texts, reference texts) for the string metrics: each retrieved item as the
    first node type it names (its id when it names none), in rank order; each required item as
    the member the context names first (else its first member in name order)."""
    retrieved = [c.node_types[0] if c.node_types else c.id for c in context]
    named = [t for c in context for t in c.node_types]
    reference = []
    for group in required:
        hit = next((t for t in named if t in group), None)
        reference.append(hit or sorted(group)[0])
    return retrieved, reference


@register
class ContextPrecisionText(CaseMetric):
    name = "context_precision_text"
    description = "ragas non-LLM context precision (string similarity, average precision)"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        required = _applicable(case, obs)
        if required is None:
            return None
        return nonllm_context_precision(*context_texts(required, obs.context))


@register
class ContextRecallText(CaseMetric):
    name = "context_recall_text"
    description = "ragas non-LLM context recall: required types matched by a retrieved text"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        required = _applicable(case, obs)
        if required is None:
            return None
        return nonllm_context_recall(*context_texts(required, obs.context))
