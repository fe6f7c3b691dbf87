"""Operation metrics: does each step *do* what the request asked, and does the trigger listen
to the right event?

The skeleton metrics compare node types only. A workflow that builds QuickBooks *invoice get*
for "draft an invoice", Airtable *base getMany* for "remove them from the contacts table", or a
Stripe Trigger on ``customer.created`` for "when a payment fails" passes every one of them, yet
runs and does the wrong thing once imported. These two metrics read the parameters that decide
what a node does, as n8n's editor sees them:

* **operation accuracy** - share of the case's labelled operations (``expected.operations``)
  found in the workflow: a node of the labelled type (or its ``…Tool`` twin, which performs the
  same call for an agent) whose ``resource`` and ``operation`` equal the label. Parameters are
  resolved against the catalog entry of the node's ``typeVersion`` first, so a parameter the
  output leaves out counts with its default value, exactly as n8n would run it (Slack's
  ``resource`` defaults to ``message``, its ``operation`` to ``post``). An ``any_of`` label is
  met by any of its operations. Each node meets at most one label, so "post twice" needs two
  posting nodes (a maximum matching, not a per-label search).
* **trigger event accuracy** - 1 when a node of the case's ``trigger`` type listens to one of
  the right events (``expected.trigger_events``): its event parameter, found by the values it
  offers (:func:`eval.datasets_labels.event_paths`), equals one of them, or, for a list
  parameter, shares one with them. A catch-all (``*``) chooses no event and does not count.

Cases without these labels (every dataset but ``datasets/operations``) score None, so they
are not counted and existing runs and the gate are unchanged. A missing workflow scores 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from eval.datasets import Case, Expected, OperationChoice, OperationLabel
from eval.datasets_labels import CATCH_ALL_EVENTS, event_paths
from eval.metrics import workflow as wf
from eval.metrics.base import CaseMetric, MetricContext, Observation, register
from indexing.catalog.params import ParameterResolutionError, resolve_parameters

TOOL_SUFFIX = "Tool"


def _entry(catalog: Any, node_type: str, version: Any) -> Any:
    """The catalog entry the node runs as: its declared version, else the nearest, else latest."""
    if isinstance(version, int | float) and not isinstance(version, bool):
        entry = catalog.get(node_type, version)
        if entry is not None:
            return entry
        nearest = catalog.closest_version(node_type, version)
        if nearest is not None:
            return catalog.get(node_type, nearest)
    return catalog.get(node_type)


def node_parameters(node: dict[str, Any], catalog: Any) -> tuple[dict[str, Any], Any]:
    """The node's parameters with defaults filled as n8n resolves them, and its catalog entry.

    A type the catalog does not know, or parameters n8n itself could not resolve, fall back to
    the parameters as written (top-level defaults of ``resource``/``operation`` still apply).
    """
    raw = node.get("parameters")
    params = dict(raw) if isinstance(raw, dict) else {}
    entry = _entry(catalog, node["type"], node.get("typeVersion"))
    if entry is None:
        return params, None
    version = node.get("typeVersion")
    if version not in entry.versions:
        version = max(entry.versions)  # the entry the node was matched to runs at its own
    try:
        resolved = resolve_parameters(entry, params, version, type_name=node["type"])
    except ParameterResolutionError:
        resolved = params
        for name in ("resource", "operation"):
            props = entry.property_named(name)
            if name not in resolved and props:
                resolved[name] = props[0].default
    return (resolved if isinstance(resolved, dict) else params), entry


def choice_met(choice: OperationChoice, node_type: str, params: dict[str, Any]) -> bool:
    """Whether a node of ``node_type`` with resolved ``params`` performs ``choice``."""
    if node_type not in (choice.type, choice.type + TOOL_SUFFIX):
        return False
    if choice.resource is not None and params.get("resource") != choice.resource:
        return False
    return params.get("operation") == choice.operation


def _max_matching(edges: Sequence[Sequence[int]]) -> int:
    """Size of a maximum matching of labels (rows) to nodes (Kuhn's augmenting paths)."""
    owner: dict[int, int] = {}

    def assign(label: int, seen: set[int]) -> bool:
        for node in edges[label]:
            if node in seen:
                continue
            seen.add(node)
            if node not in owner or assign(owner[node], seen):
                owner[node] = label
                return True
        return False

    return sum(1 for label in range(len(edges)) if assign(label, set()))


def operation_accuracy(
    labels: Sequence[OperationLabel], workflow: Any, catalog: Any
) -> float | None:
    """Share of ``labels`` met by distinct nodes of ``workflow`` (None: nothing labelled)."""
    if not labels:
        return None
    wanted = {o.type for label in labels for o in label.options}
    wanted |= {t + TOOL_SUFFIX for t in wanted}
    candidates = [
        (n["type"], node_parameters(n, catalog)[0])
        for n in wf.nodes(workflow)
        if n["type"] in wanted
    ]
    edges = [
        [
            j
            for j, (node_type, params) in enumerate(candidates)
            if any(choice_met(o, node_type, params) for o in label.options)
        ]
        for label in labels
    ]
    return _max_matching(edges) / len(labels)


def _values_at(value: Any, path: Sequence[str]) -> Iterable[Any]:
    """Every value found under dotted ``path``, stepping through lists (fixedCollection items)."""
    if isinstance(value, list):
        for item in value:
            yield from _values_at(item, path)
        return
    if not path:
        yield value
        return
    if isinstance(value, dict) and path[0] in value:
        yield from _values_at(value[path[0]], path[1:])


def listens_to(node: dict[str, Any], events: Sequence[str], catalog: Any) -> bool:
    """Whether a trigger node's event parameter holds one of ``events`` (catch-alls never do)."""
    params, entry = node_parameters(node, catalog)
    if entry is None:
        return False
    paths = {path for event in events for path in event_paths(entry, [event])}
    right = set(events) - CATCH_ALL_EVENTS
    for path in paths:
        found = set()
        for value in _values_at(params, path.split(".")):
            found.update(value if isinstance(value, list) else [value])
        if any(isinstance(v, str) and v in right for v in found):
            return True
    return False


def trigger_event_accuracy(expected: Expected, workflow: Any, catalog: Any) -> float | None:
    """1.0 when a node of the expected trigger type listens to a right event (None: unlabelled)."""
    if not expected.trigger_events:
        return None
    triggers = [n for n in wf.nodes(workflow) if n["type"] == expected.trigger]
    return float(any(listens_to(n, expected.trigger_events, catalog) for n in triggers))


def _labels(case: Case) -> Expected | None:
    return case.expected if case.is_workflow else None


@register
class OperationAccuracy(CaseMetric):
    name = "operation_accuracy"
    description = "share of labelled resource/operation choices present (defaults resolved)"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        exp = _labels(case)
        if exp is None or not exp.operations:
            return None
        return operation_accuracy(exp.operations, obs.workflow, ctx.catalog)


@register
class TriggerEventAccuracy(CaseMetric):
    name = "trigger_event_accuracy"
    description = "the app trigger listens to a labelled event (list parameters: any overlap)"
    binary = True

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        exp = _labels(case)
        if exp is None or not exp.trigger_events:
            return None
        return trigger_event_accuracy(exp, obs.workflow, ctx.catalog)
