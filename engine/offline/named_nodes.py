"""A node the request names by its name in n8n ("with the HTML node", "via the n8n API node",
"an Edit Fields step") is a step of the workflow.

People who know n8n name its nodes: "extract the prices with the HTML node", "load the failed
execution with the n8n node", "list my workflows with the n8n node". The spec finds apps by the
words people use for them; a node's own display name followed by "node" or "step" was dropped
when no app cue matched it (n8n's own node: "n8n" is also the name of the platform in every
request). The rule reads every node's display name from the catalog, the same for all nodes.

* Which: the words right before "node"/"step" (and "API node") that are a node's display name
  (the longest such name), a main node (no trigger, no AI sub-node) the workflow does not have
  yet, neither as a step nor as the trigger nor as a tool.
* Where: after the last step whose app the request names before it, else first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engine.lexicon import NAMED_NODE, VENDOR_PREFIX_NO_AZURE
from engine.types import Spec, StepSpec
from indexing.catalog.load import load_catalog
from nodepilot.workflow import BASE, STICKY_NOTE, is_sub_node_type


@lru_cache(maxsize=1)
def _by_display_name() -> dict[str, str]:
    """Main nodes by their display name, lower case ("html" -> the HTML node)."""
    cat = load_catalog()
    names: dict[str, str] = {}
    for node_type in cat.types(include_variants=False):
        nv = cat.get(node_type)
        if nv is None or nv.hidden or cat.is_trigger(node_type):
            continue  # a hidden node (the old OpenAI node) is no step to add
        if is_sub_node_type(node_type, cat.is_sub_node(node_type)):
            continue
        if not node_type.startswith(BASE):
            continue  # an AI node named ("the OpenAI node") is the spec's AI step
        names.setdefault(nv.display_name.lower(), node_type)
    return names


def named_nodes(request: str) -> list[tuple[int, str]]:
    """(where, node type) of each node the request names by its display name ("the HTML
    node"): the longest run of words before "node"/"step" that is a display name."""
    found: list[tuple[int, str]] = []
    names = _by_display_name()
    for match in NAMED_NODE.finditer(request):
        words = match.group("words").split()
        for start in range(len(words)):
            node_type = names.get(" ".join(words[start:]).lower())
            if node_type is not None:
                found.append((match.start("words"), node_type))
                break
    return found


def mentioned_at(request: str, node_type: str) -> int | None:
    """Where the request names the app of ``node_type`` first (its display name, without a
    vendor's prefix), None when it does not."""
    nv = load_catalog().get(node_type)
    name = nv.display_name if nv else node_type.rsplit(".", 1)[-1]
    for said in (name, VENDOR_PREFIX_NO_AZURE.sub("", name)):
        hit = re.search(r"(?<!\w)" + re.escape(said) + r"(?!\w)", request, re.I)
        if hit:
            return hit.start()
    return None


def with_named_nodes(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with each node the request names by its name in n8n and the workflow lacks,
    placed after the last step named before it (see the module docstring)."""
    present = {s.node_type for s in steps} | {spec.trigger.node_type}
    if spec.ai:
        present |= {spec.ai.root} | {t.removesuffix("Tool") for t in spec.ai.tools}
    out = list(steps)
    for at, node_type in named_nodes(spec.request):
        if node_type in present or node_type == STICKY_NOTE:
            continue
        before = [
            i for i, s in enumerate(out) if (mentioned_at(spec.request, s.node_type) or at) < at
        ]
        place = before[-1] + 1 if before else 0
        if place < len(out) and out[place].branch is not None:
            continue  # which branch it belongs to is not said
        out.insert(place, StepSpec(node_type, purpose=spec.request[at : at + 80]))
        present.add(node_type)
    return out
