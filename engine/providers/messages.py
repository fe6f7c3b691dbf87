"""The text an LLM sees for one generation request, split for prompt caching.

Three parts, most static first: the system prompt (identical for every request), the context
(identical across the feedback rounds of one request) and the task (request, the spec as a
first reading, previous workflow, findings). Providers mark the first two as cacheable, so a
feedback round re-reads them from the cache instead of paying for them again.

The context opens with the node schemas (:mod:`engine.context`: typeVersion, credentials and
the parameters of the chosen operation for every node the spec picks, compact ones for nodes
the retrieval suggests) and ends with the narrative reference material, all within
``CONTEXT_TOKENS``; the task gets the rest of the ~8k-token user-message budget.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from engine.context import CONTEXT_TOKENS, NodeChoice, count_tokens, render_schema, render_spec
from engine.context.assemble import node_choice, schema_section
from engine.prompts import render
from engine.types import ContextItem, GenerationRequest

#: Character budgets (roughly 4 characters per token) so a prompt stays well inside a context.
CONTEXT_CHARS = 24_000
ITEM_CHARS = 3_000
WORKFLOW_CHARS = 60_000
CONVERSATION_TURNS = 6
#: Characters a token of reference material takes at least (its budget is in tokens).
CHARS_PER_TOKEN = 3.3
#: Nodes whose schema a repair round shows, and the tokens those schemas may take.
REPAIR_SCHEMAS = 4
REPAIR_SCHEMA_TOKENS = 2500


@dataclass(frozen=True)
class GenerationPrompt:
    system: str
    context: str
    task: str


def build_generation_prompt(req: GenerationRequest) -> GenerationPrompt:
    """The three prompt parts for ``req`` (a first attempt, a modification or a repair)."""
    system = render("workflow_generation")
    context = build_context(req)
    if req.feedback:
        task = render(
            "workflow_repair",
            request=req.request,
            workflow=_json(req.failed_workflow) if req.failed_workflow is not None else "(none)",
            findings=format_findings(req.feedback)
            + "\n\nSchemas of the nodes named:\n"
            + offending_schemas(req.feedback, req.failed_workflow),
        )
    elif req.previous_workflow is not None:
        task = render(
            "workflow_modification",
            request=req.request,
            previous_workflow=_json(req.previous_workflow),
        )
    else:
        task = _first_task(req)
    return GenerationPrompt(system=system, context=context, task=task)


def _first_task(req: GenerationRequest) -> str:
    parts = ["Build the workflow for this request.", "", "<request>", req.request, "</request>"]
    if req.spec is not None:
        parts += ["", render_spec(req.spec, _display_names(req.spec)).rstrip("\n")]
    earlier = [m for m in req.conversation if m.content.strip()][-CONVERSATION_TURNS:]
    if earlier:
        parts += ["", "Earlier in the conversation:"]
        parts += [f"- {m.role}: {_clip(m.content, 600)}" for m in earlier]
    return "\n".join(parts) + "\n"


def build_context(req: GenerationRequest) -> str:
    """Node schemas first, then as much reference material as ``CONTEXT_TOKENS`` leaves.

    Depends only on the spec, the retrieved items and the previous workflow - never on the
    task - so every feedback round of a request sends the same, cached, context.
    """
    section = schema_section(req.spec, req.context, req.previous_workflow)
    covered = set(section.full)
    # a node item lists the actions its schema block already gives
    items = [i for i in req.context if not (i.kind == "node" and set(i.node_types) <= covered)]
    room = CONTEXT_TOKENS - section.tokens
    chars = int(room * CHARS_PER_TOKEN)
    while True:
        narrative = format_context(items, max_chars=max(chars, 0))
        text = f"{section.text}\n{narrative}" if section.text else narrative
        if count_tokens(text) <= CONTEXT_TOKENS or chars <= 0:
            return text
        chars -= 1500


def offending_schemas(
    findings: tuple[dict[str, Any], ...] | list[dict[str, Any]], workflow: dict[str, Any] | None
) -> str:
    """The schema of each node a finding names (its type, version and the parameters of its
    resource/operation), so the model fixes the node against what n8n defines."""
    by_name = {
        n.get("name"): choice
        for n in (workflow or {}).get("nodes") or ()
        if (choice := node_choice(n)) is not None
    }
    blocks: list[str] = []
    seen: set[NodeChoice] = set()
    used = 0
    for f in findings:
        choice = by_name.get(f.get("node"))
        if choice is None or choice in seen or len(seen) >= REPAIR_SCHEMAS:
            continue
        seen.add(choice)
        block = render_schema(choice) or _unknown_type(choice.node_type)
        cost = count_tokens(block)
        if used + cost > REPAIR_SCHEMA_TOKENS:
            break
        blocks.append(f'Node "{f.get("node")}":\n{block}')
        used += cost
    return "\n".join(blocks) if blocks else "(no node-specific findings)"


def _unknown_type(node_type: str) -> str:
    from indexing.catalog.load import load_catalog

    near = load_catalog().closest_types(node_type)
    hint = f" Closest known types: {', '.join(near)}." if near else ""
    return f"`{node_type}` is not a node type n8n 2.41 knows.{hint}\n"


def _display_names(spec: Any) -> dict[str, str]:
    from engine.retrieval import spec_node_types
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    names = {}
    for t in spec_node_types(spec):
        nv = cat.get(t)
        if nv is not None:
            names[t] = nv.display_name
    return names


def format_context(
    items: tuple[ContextItem, ...] | list[ContextItem], max_chars: int = CONTEXT_CHARS
) -> str:
    """Reference material as numbered sections, clipped to ``max_chars``."""
    if not items:
        return "# Reference material\n\n(nothing retrieved for this request)\n"
    out = ["# Reference material", ""]
    used = 0
    for n, item in enumerate(items, start=1):
        head = f"## [{n}] {item.kind}: {item.title} ({item.id})"
        types = f"node types: {', '.join(item.node_types)}" if item.node_types else ""
        body = _clip(item.content, ITEM_CHARS)
        block = "\n".join(x for x in (head, types, body) if x) + "\n"
        if used + len(block) > max_chars:
            out.append(f"({len(items) - n + 1} more items left out for length)")
            break
        out.append(block)
        used += len(block)
    return "\n".join(out) + "\n"


def format_findings(findings: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> str:
    """Findings as one bullet each: severity, code, where, message, suggestion."""
    lines = []
    for f in findings:
        where = f.get("node") or f.get("path") or "workflow"
        line = f"- [{f.get('severity', 'error')}] {f.get('code', 'finding')} at {where}: "
        line += str(f.get("message", ""))
        if f.get("suggestion"):
            line += f" (suggestion: {f['suggestion']})"
        lines.append(line)
    return "\n".join(lines) if lines else "- (no findings given)"


def _json(value: Any) -> str:
    return _clip(json.dumps(value, indent=1, ensure_ascii=False, default=str), WORKFLOW_CHARS)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 20] + "\n…(truncated)"
