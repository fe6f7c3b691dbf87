"""Derive the `expected` skeleton and quality facts from one reference workflow.

Why: the skeleton is what the eval harness scores a generated workflow against, so the rules
that turn a concrete workflow into trigger / required / optional / edges live in one place and
are applied the same way to every case; hand decisions are recorded as overrides per case.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from refs import (
    CORE_HELPERS,
    catalog,
    edges_of,
    is_ai,
    is_trigger,
    known_type,
    nodes_of,
    trigger_kind,
)

# Node types whose parameters may legitimately be empty in a well-formed workflow.
EMPTY_OK_SUFFIXES = (
    "manualTrigger",
    "noOp",
    "merge",
    "chatTrigger",
    "memoryBufferWindow",
    "documentDefaultDataLoader",
    "toolCalculator",
    "toolThink",
    "toolWikipedia",
    "splitInBatches",
    "executeWorkflowTrigger",
    "errorTrigger",
    "embeddingsOpenAi",
    "lmChatOpenAi",
    "textSplitterRecursiveCharacterTextSplitter",
    "respondToWebhook",
    "aggregate",
    "splitOut",
)


def quality(wf: dict[str, Any]) -> tuple[bool, str]:
    """Accept a workflow as a benchmark reference, or say why not."""
    nodes = nodes_of(wf)
    if not 2 <= len(nodes) <= 16:
        return False, "size"
    names = {n.get("name") for n in nodes}
    if len(names) != len(nodes):
        return False, "dup-names"
    cat = catalog()
    for n in nodes:
        t = n["type"]
        if not known_type(t):
            return False, f"unknown-or-hidden:{t}"
        rec = cat.get(t) or cat.get(t[:-4])
        tv = n.get("typeVersion")
        if rec and tv is not None and float(tv) not in rec["versions"]:
            return False, f"version:{t}@{tv}"
    triggers = [n for n in nodes if is_trigger(n["type"])]
    if len(triggers) != 1:
        return False, "triggers"
    empty = [
        n for n in nodes if not n.get("parameters") and not n["type"].endswith(EMPTY_OK_SUFFIXES)
    ]
    if empty:
        return False, "empty-params"
    edges = [e for e in edges_of(wf) if e[0] in names and e[1] in names]
    # connected, undirected, over all connection kinds
    adj: dict[str, set[str]] = defaultdict(set)
    for a, b, _ in edges:
        adj[a].add(b)
        adj[b].add(a)
    seen = {triggers[0]["name"]}
    stack = [triggers[0]["name"]]
    while stack:
        for m in adj[stack.pop()]:
            if m not in seen:
                seen.add(m)
                stack.append(m)
    if seen != names:
        return False, "disconnected"
    return True, "ok"


def derive(wf: dict[str, Any]) -> dict[str, Any]:
    """Skeleton + facts: expected dict, trigger kind, ai flag, difficulty, size."""
    nodes = nodes_of(wf)
    {n["name"]: n for n in nodes}
    trig = next(n for n in nodes if is_trigger(n["type"]))
    ttype = trig["type"]
    required: list[str] = []
    optional: list[str] = []
    for n in nodes:
        t = n["type"]
        if n is trig:
            continue
        bucket = optional if t in CORE_HELPERS else required
        if t not in bucket:
            bucket.append(t)
    optional = [t for t in optional if t not in required]
    edges = edges_for(wf, set(required) | {ttype})
    main_out: dict[str, int] = defaultdict(int)
    for a, _b, c in edges_of(wf):
        if c == "main":
            main_out[a] += 1
    branching = any(n["type"].endswith((".if", ".switch", ".filter")) for n in nodes) or any(
        v > 1 for v in main_out.values()
    )
    ai = any(is_ai(n["type"]) for n in nodes)
    tools = sum(1 for _a, _b, c in edges_of(wf) if c == "ai_tool")
    size = len(nodes)
    score = size + (3 if branching else 0) + (2 if ai else 0) + tools
    difficulty = "easy" if score <= 6 else "medium" if score <= 13 else "hard"
    return {
        "expected": {"trigger": ttype, "required": required, "optional": optional, "edges": edges},
        "trigger_kind": trigger_kind(ttype),
        "ai": ai,
        "difficulty": difficulty,
        "size": size,
        "branching": branching,
    }


def edges_for(wf: dict[str, Any], keep: set[str]) -> list[list[str]]:
    """Main edges between kept node types (collapsing paths through helpers) and ai_* edges."""
    nodes = nodes_of(wf)
    by_name = {n["name"]: n for n in nodes}
    succ: dict[str, list[str]] = defaultdict(list)
    out: list[list[str]] = []
    for a, b, c in edges_of(wf):
        if a not in by_name or b not in by_name:
            continue
        if c == "main":
            succ[a].append(b)
        elif by_name[a]["type"] in keep and by_name[b]["type"] in keep:
            e = [by_name[a]["type"], by_name[b]["type"], c]
            if e not in out:
                out.append(e)
    for start, n in by_name.items():
        if n["type"] not in keep:
            continue
        seen = {start}
        stack = list(succ[start])
        while stack:
            m = stack.pop()
            if m in seen:
                continue
            seen.add(m)
            if by_name[m]["type"] in keep:
                e = [n["type"], by_name[m]["type"]]
                if e[0] != e[1] and e not in out:
                    out.append(e)
            else:
                stack.extend(succ[m])
    return out
