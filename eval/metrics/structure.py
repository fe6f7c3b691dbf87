"""Structure: graph similarity of the produced workflow to the reference workflow.

Both workflows become directed graphs whose nodes are labelled with their node type and edges
with their connection type (names, parameters and positions are ignored). The similarity is

    1 - GED(G, R) / (|V_G| + |E_G| + |V_R| + |E_R|)

where GED is networkx's graph edit distance with unit costs (deleting, inserting or relabelling
a node or an edge costs 1) and the denominator is the cost of deleting one graph and inserting
the other, which bounds GED, so the figure lies in [0, 1]: 1 means the same typed structure.
Since relabelling costs 1, two graphs of the same shape but no shared node type still score
about 0.5; sharing neither shape nor types scores near 0.

Exact GED is exponential, so it never runs unbounded: a greedy type-matching mapping gives an
upper bound at once, networkx searches below it for at most ``timeout`` seconds and the best
distance found is used. For large pairs the figure is therefore a lower bound on similarity,
deterministic for a given pair (the search order is) but for the time limit.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from eval.datasets import Case
from eval.metrics import workflow as wf
from eval.metrics.base import CaseMetric, MetricContext, Observation, register

#: Seconds networkx may search per pair; the greedy bound is used when it finds nothing better.
GED_TIMEOUT_S = 0.1


def workflow_graph(workflow: Any) -> nx.DiGraph:
    """A labelled directed graph of a workflow (``t``: node type, ``k``: connection type)."""
    g = nx.DiGraph()
    for n in wf.nodes(workflow):
        g.add_node(n.get("name"), t=n["type"])
    for s, t, k in wf.named_edges(workflow):
        g.add_edge(s, t, k=k)
    return g


def greedy_distance(g: nx.DiGraph, h: nx.DiGraph) -> int:
    """Cost of one edit path (an upper bound on GED): nodes of equal type mapped to each other
    in name order, the rest relabelled pairwise, the surplus deleted or inserted."""
    pool: dict[str, list[Any]] = defaultdict(list)
    for n in sorted(h.nodes, key=str):
        pool[h.nodes[n]["t"]].append(n)
    mapping: dict[Any, Any] = {}
    for n in sorted(g.nodes, key=str):
        candidates = pool.get(g.nodes[n]["t"])
        if candidates:
            mapping[n] = candidates.pop(0)
    # The rest are relabelled pairwise (cost 1 each) while both sides have nodes left.
    left_g = [n for n in sorted(g.nodes, key=str) if n not in mapping]
    left_h = [n for t in sorted(pool) for n in pool[t]]
    relabelled = min(len(left_g), len(left_h))
    mapping.update(zip(left_g[:relabelled], left_h[:relabelled], strict=True))
    node_cost = relabelled + (len(left_g) - relabelled) + (len(left_h) - relabelled)
    kept = 0
    for u, v, data in g.edges(data=True):
        if u in mapping and v in mapping:
            other = h.get_edge_data(mapping[u], mapping[v])
            if other is not None and other["k"] == data["k"]:
                kept += 1
    edge_cost = (g.number_of_edges() - kept) + (h.number_of_edges() - kept)
    return node_cost + edge_cost


def graph_edit_distance(g: nx.DiGraph, h: nx.DiGraph, timeout: float = GED_TIMEOUT_S) -> float:
    """Unit-cost GED, bounded by the greedy mapping and by ``timeout`` seconds of search."""
    bound = greedy_distance(g, h)
    if bound == 0:
        return 0.0
    found = nx.graph_edit_distance(
        g,
        h,
        node_match=lambda a, b: a["t"] == b["t"],
        edge_match=lambda a, b: a["k"] == b["k"],
        upper_bound=bound,
        timeout=timeout,
    )
    return float(bound if found is None else min(found, bound))


def graph_similarity(a: Any, b: Any, timeout: float = GED_TIMEOUT_S) -> float:
    """Normalised similarity in [0, 1] of two workflows (1: same typed structure)."""
    g, h = workflow_graph(a), workflow_graph(b)
    size = g.number_of_nodes() + g.number_of_edges() + h.number_of_nodes() + h.number_of_edges()
    if size == 0:
        return 1.0
    return 1.0 - graph_edit_distance(g, h, timeout) / size


@register
class GraphSimilarity(CaseMetric):
    name = "graph_similarity"
    description = "1 - normalised graph edit distance to the reference workflow"

    def score(self, case: Case, obs: Observation, ctx: MetricContext) -> float | None:
        if not case.is_workflow or case.intent != "workflow_request":
            return None
        reference = ctx.reference(case.source)
        if reference is None:
            return None
        if obs.workflow is None:
            return 0.0
        return graph_similarity(obs.workflow, reference)
