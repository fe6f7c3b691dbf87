"""The text an LLM sees for one generation request, split for prompt caching.

Three parts, most static first: the system prompt (identical for every request), the retrieved
reference material (identical across the feedback rounds of one request) and the task (request,
spec, previous workflow, findings). Providers mark the first two as cacheable, so a feedback
round re-reads them from the cache instead of paying for them again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from engine.prompts import render
from engine.types import ContextItem, GenerationRequest

#: Character budgets (roughly 4 characters per token) so a prompt stays well inside a context.
CONTEXT_CHARS = 24_000
ITEM_CHARS = 3_000
WORKFLOW_CHARS = 60_000
CONVERSATION_TURNS = 6


@dataclass(frozen=True)
class GenerationPrompt:
    system: str
    context: str
    task: str


def build_generation_prompt(req: GenerationRequest) -> GenerationPrompt:
    """The three prompt parts for ``req`` (a first attempt, a modification or a repair)."""
    system = render("workflow_generation")
    context = format_context(req.context)
    if req.feedback:
        task = render(
            "workflow_repair",
            request=req.request,
            workflow=_json(req.failed_workflow) if req.failed_workflow is not None else "(none)",
            findings=format_findings(req.feedback),
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
        spec = req.spec.to_dict()
        spec.pop("request", None)
        parts += ["", "Structured reading of the request (follow it):"]
        parts += ["```json", _json(spec), "```"]
    earlier = [m for m in req.conversation if m.content.strip()][-CONVERSATION_TURNS:]
    if earlier:
        parts += ["", "Earlier in the conversation:"]
        parts += [f"- {m.role}: {_clip(m.content, 600)}" for m in earlier]
    return "\n".join(parts) + "\n"


def format_context(items: tuple[ContextItem, ...] | list[ContextItem]) -> str:
    """Reference material as numbered sections, clipped to the character budget."""
    if not items:
        return "# Reference material\n\n(nothing retrieved for this request)\n"
    out = ["# Reference material", ""]
    used = 0
    for n, item in enumerate(items, start=1):
        head = f"## [{n}] {item.kind}: {item.title} ({item.id})"
        types = f"node types: {', '.join(item.node_types)}" if item.node_types else ""
        body = _clip(item.content, ITEM_CHARS)
        block = "\n".join(x for x in (head, types, body) if x) + "\n"
        if used + len(block) > CONTEXT_CHARS:
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
