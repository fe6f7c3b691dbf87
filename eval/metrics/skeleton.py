"""Skeleton metrics: does the workflow use the node types and connections the request needs?

Definitions (per case with a gold skeleton; a missing workflow scores 0 on each):

* **node recall** - share of ``required`` items met; an ``any_of`` item is met by any member.
* **node precision** - share of the workflow's distinct node types (sticky notes excluded)
  that the skeleton accounts for: the accepted triggers, any member of a required or optional
  item. Optional helpers therefore never count against a design; unrelated nodes do.
* **node F1** - harmonic mean of the two (0 when both are 0).
* **trigger accuracy** - the workflow has a node of a type in ``trigger`` or ``trigger_any``.
* **edge recall** - share of expected edges present as a connection of the same connection
  type (``main`` or the ``ai_*`` kind): direct, or for ``main`` a path whose inner nodes are
  all optional helpers of the skeleton, since skeletons are written with such paths collapsed
  (datasets/README.md). An endpoint matches a node whose type is the
  named type or another member of an ``any_of`` group containing it, so an edge written with
  one interchangeable model also accepts the others.
"""

from __future__ import annotations

from eval.datasets import Case, Expected
from eval.metrics import workflow as wf
from eval.metrics.base import CaseMetric, MetricContext, Observation, register


def _skeleton(case: Case) -> Expected | None:
    return case.expected if case.is_workflow else None


def node_recall(expected: Expected, types: set[str]) -> float | None:
    sets = expected.required_sets
    if not sets:
        return None
    return sum(1 for s in sets if s & types) / len(sets)


def node_precision(expected: Expected, types: set[str]) -> float:
    if not types:
        return 0.0
    allowed = set(expected.triggers)
    for req in (*expected.required, *expected.optional):
        allowed |= _members(req)
    return len(types & allowed) / len(types)


def _members(req: object) -> set[str]:
    options = getattr(req, "options", None)
    return set(options) if options is not None else {req}  # type: ignore[arg-type]


def f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def equivalents(expected: Expected) -> dict[str, frozenset[str]]:
    """For each node type named in the skeleton, the types accepted in its place."""
    eq: dict[str, set[str]] = {}
    for req in (*expected.required, *expected.optional):
        group = _members(req)
        for t in group:
            eq.setdefault(t, {t}).update(group)
    return {t: frozenset(g) for t, g in eq.items()}


def helper_types(expected: Expected) -> frozenset[str]:
    """Every member of the skeleton's ``optional`` items: the helpers a path may pass through."""
    out: set[str] = set()
    for req in expected.optional:
        out |= _members(req)
    return frozenset(out)


def edge_recall(
    expected: Expected, edges: list[tuple[str, str, str]] | set[tuple[str, str, str]]
) -> float | None:
    if not expected.edges:
        return None
    eq = equivalents(expected)
    present = set(edges)
    hits = 0
    for e in expected.edges:
        sources = eq.get(e.source, frozenset({e.source}))
        targets = eq.get(e.target, frozenset({e.target}))
        if any(s in sources and t in targets and k == e.type for s, t, k in present):
            hits += 1
    return hits / len(expected.edges)


@register
class NodeRecall(CaseMetric):
    name = "node_recall"
    description = "share of required node types (any_of aware) present"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        exp = _skeleton(case)
        if exp is None:
            return None
        return node_recall(exp, wf.node_types(obs.workflow))


@register
class NodePrecision(CaseMetric):
    name = "node_precision"
    description = "share of the workflow's node types the skeleton accounts for"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        exp = _skeleton(case)
        if exp is None:
            return None
        return node_precision(exp, wf.node_types(obs.workflow))


@register
class NodeF1(CaseMetric):
    name = "node_f1"
    description = "harmonic mean of node precision and recall"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        exp = _skeleton(case)
        if exp is None:
            return None
        types = wf.node_types(obs.workflow)
        r = node_recall(exp, types)
        p = node_precision(exp, types)
        return p if r is None else f1(p, r)


@register
class TriggerAccuracy(CaseMetric):
    name = "trigger_accuracy"
    description = "a trigger node of an accepted type starts the workflow"
    binary = True

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        exp = _skeleton(case)
        if exp is None:
            return None
        return float(bool(wf.node_types(obs.workflow) & exp.triggers))


@register
class EdgeRecall(CaseMetric):
    name = "edge_recall"
    description = (
        "share of expected typed connections present (any_of aware; a main path may pass"
        " through optional helpers)"
    )

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        exp = _skeleton(case)
        if exp is None or not exp.edges:
            return None
        return edge_recall(exp, wf.edges_through(obs.workflow, helper_types(exp)))
