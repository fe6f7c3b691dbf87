"""The spec as the model sees it: a first reading to check and correct, never an order.

The local optimizer reads a request with word rules and can be wrong (Stripe ``balance/get``
for "refunds"). Handing that to a model as "follow it" makes a capable model build the wrong
operation, so each step carries a confidence - how well the clause's own words name the chosen
resource and operation - and a low-confidence operation is left for the model to choose from
the app's operations listed in its schema. Step purposes are shown as whole clauses of the
request: the spec cuts them where the next app is mentioned ("… Stripe refunds into a").
"""

from __future__ import annotations

import json
from typing import Literal

from engine.context.stand_ins import step_stand_in, tool_stand_in
from engine.lexicon import ACTION_CLAUSE_BOUNDARY
from engine.offline.coverage import HTTP_REQUEST, api_base_url
from engine.offline.operations import NOUN_SYNONYMS, VERB_SYNONYMS, candidates, words
from engine.offline.summary import asks_to_deliver_summary
from engine.types import Spec, StepSpec

Confidence = Literal["high", "medium", "low"]


def clauses(request: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of the whitespace-normalised request."""
    flat = " ".join(request.split())
    out, begin = [], 0
    for m in ACTION_CLAUSE_BOUNDARY.finditer(flat):
        if m.start() > begin:
            out.append((begin, m.start()))
        begin = m.end()
    if begin < len(flat):
        out.append((begin, len(flat)))
    return out


def whole_clause(request: str, purpose: str, app: str = "") -> str:
    """The clause of ``request`` that ``purpose`` (a cut piece of it) comes from - the one
    naming ``app`` when the piece spans several; ``purpose`` itself when it is not a piece of
    the request (a generated label such as "AI step")."""
    piece = " ".join(purpose.split())
    flat = " ".join(request.split())
    start = flat.lower().find(piece.lower()) if piece else -1
    if start < 0:
        return purpose.strip()
    end = start + len(piece)
    spans = [(a, b) for a, b in clauses(flat) if a < end and b > start] or [(start, end)]
    word = app.lower()
    naming = [(a, b) for a, b in spans if word and word in flat[a:b].lower()]
    if naming:
        spans = naming[:1]
    return flat[spans[0][0] : spans[-1][1]].strip(" ,")


def step_confidence(step: StepSpec, clause: str) -> Confidence:
    """How well the clause's words name the step's resource/operation.

    high: they name both its object (resource / operation nouns) and its action; medium: the
    object only; low: neither, or the operation is not one the node's version offers. A node
    without operations (Set, IF, a trigger) is high: there is nothing to choose.
    """
    cands = candidates(step.node_type)
    if not cands or step.operation is None:
        return "high" if not cands else "low"
    chosen = next(
        (c for c in cands if c.operation == step.operation and c.resource == step.resource), None
    )
    if chosen is None:
        return "low"
    if len(cands) == 1:
        return "high"
    said = [w for w in words(clause) if len(w) > 2]
    stems = {w.rstrip("s") for w in said}
    stems |= {alias for w in said for alias in NOUN_SYNONYMS.get(w.rstrip("s"), ())}
    noun = any(n and len(n) > 2 and any(s.startswith(n) for s in stems) for n in chosen.nouns)
    verbs = {v for w in said for v in (w, *VERB_SYNONYMS.get(w, ()))}
    verb = bool(verbs & chosen.verbs)
    if noun and verb:
        return "high"
    return "medium" if noun else "low"


def low_confidence_types(spec: Spec) -> frozenset[str]:
    """Node types whose operation the model should choose (their schema lists every one)."""
    return frozenset(
        s.node_type
        for s in spec.steps
        if step_confidence(s, whole_clause(spec.request, s.purpose, app_word(s.node_type))) == "low"
        and candidates(s.node_type)
    )


def render_spec(spec: Spec, display_names: dict[str, str] | None = None) -> str:
    """The first-reading section of the task, one line per step with its confidence."""
    names = display_names or {}
    who = "a model" if spec.optimizer == "llm" else "a rule-based parser"
    lines = [
        f"First reading of the request, made by {who}. It can be wrong: check every line",
        "against the request and correct it where the request says otherwise (another app,",
        "operation, order or trigger); the node schemas above are the authority on names.",
        "",
        f"Trigger: {_node(spec.trigger.node_type, names)}" + _trigger_detail(spec),
        "Steps in order:",
    ]
    for n, step in enumerate(spec.steps, start=1):
        lines.append(f"{n}. {_step_line(spec.request, step, names)}")
    if not spec.steps:
        lines.append("(none read: decide the steps from the request)")
    if spec.ai is not None:
        lines.append(_ai_line(spec, names))
    elif asks_to_deliver_summary(spec.request):
        lines.append(SUMMARY_NOTE)
    if spec.branching != "none":
        cond = f' on "{spec.condition}"' if spec.condition else ""
        lines.append(f"Branching: {spec.branching}{cond}.")
    return "\n".join(lines) + "\n"


#: The request sends a summary and names no AI (``engine.offline.summary``'s rule).
SUMMARY_NOTE = (
    "Summary: the request sends a summary - write it with an AI step (an LLM chain with a "
    "chat model, gathering many items into one first) or compose the message from named "
    "fields; never send the raw item (JSON.stringify($json))."
)


def _step_line(request: str, step: StepSpec, names: dict[str, str]) -> str:
    clause = whole_clause(request, step.purpose, app_word(step.node_type))
    head = f'{_node(step.node_type, names)} - for "{clause}"'
    confidence = step_confidence(step, clause)
    if step.operation is None:
        op = ""
    elif confidence == "low":
        guess = "/".join(x for x in (step.resource, step.operation) if x)
        op = (
            f"; operation unsure (guess {guess}, confidence low): choose the resource and "
            "operation that do this from the operations listed in its schema (if none does, "
            "an HTTP Request with this app's credential as a predefined credential type)"
        )
    else:
        res = f'resource "{step.resource}", ' if step.resource else ""
        op = f'; {res}operation "{step.operation}" (confidence {confidence})'
    branch = f"; on the {step.branch!r} branch" if step.branch else ""
    return head + op + _api_note(step, names) + branch + _hints(step)


def _api_note(step: StepSpec, names: dict[str, str]) -> str:
    """For a step whose app node has no operation for what its clause asks (the offline
    engine's catalog rule, ``engine.offline.coverage``): the HTTP Request stand-in, written so
    a model builds it the way n8n expects - the app's credential as a predefined credential
    type, the API's base URL where the catalog knows it."""
    stand_in = step_stand_in(step)
    if stand_in is step:
        return ""
    hints = stand_in.parameters
    credential = str(hints["@credential"])
    app = names.get(step.node_type) or app_word(step.node_type)
    return (
        f'; the {app} node has no operation for "{hints["@object"]}" - build an HTTP Request '
        f"(`{HTTP_REQUEST}`) instead that calls the {app} API "
        f'({api_base_url(credential)}/…) with `authentication` = "predefinedCredentialType", '
        f'`nodeCredentialType` = "{credential}" (the user connects their {credential} credential)'
    )


def _hints(step: StepSpec) -> str:
    hints: list[str] = []
    other: dict[str, object] = {}
    for key, value in step.parameters.items():
        if key.endswith("@hint"):
            text = json.dumps(value, ensure_ascii=False)
            if text not in hints:
                hints.append(text)
        elif not key.startswith("@"):
            other[key] = value
    out = f"; the request names {', '.join(hints)}" if hints else ""
    if other:
        out += f"; details read: {json.dumps(other, ensure_ascii=False)[:300]}"
    return out


def _trigger_detail(spec: Spec) -> str:
    parts = []
    if spec.trigger.schedule:
        parts.append(f"schedule {json.dumps(spec.trigger.schedule)}")
    if spec.trigger.app_event:
        parts.append(f"event {spec.trigger.app_event!r}")
    return f" ({'; '.join(parts)})" if parts else ""


def _ai_line(spec: Spec, names: dict[str, str]) -> str:
    ai = spec.ai
    assert ai is not None
    parts = [f"root {_node(ai.root, names)}"]
    for label, value in (
        ("model", ai.model),
        ("memory", ai.memory),
        ("output parser", ai.output_parser),
        ("vector store", ai.vector_store),
        ("embeddings", ai.embeddings),
    ):
        if value:
            parts.append(f"{label} {_node(value, names)}")
    if ai.tools:
        parts.append("tools " + ", ".join(_tool(t, spec.request, names) for t in ai.tools))
    if ai.model_name:
        parts.append(f"model name {ai.model_name!r}")
    return "AI: " + "; ".join(parts) + "."


def _tool(tool: str, request: str, names: dict[str, str]) -> str:
    """A tool of the agent; one whose app node has no operation for what the request gives
    it to do says which HTTP Request Tool to build instead (``engine.offline.coverage``)."""
    stand_in = tool_stand_in(tool, request)
    if stand_in is None:
        return _node(tool, names)
    hints = stand_in.parameters
    return (
        f'{_node(tool, names)} (its node has no operation for "{hints["@object"]}": build '
        f'`{HTTP_REQUEST}Tool` instead, `authentication` = "predefinedCredentialType", '
        f'`nodeCredentialType` = "{hints["@credential"]}")'
    )


def app_word(node_type: str) -> str:
    """The word a request uses for the node's app: the first word of its display name
    ("hubspot", "google", "slack")."""
    from indexing.catalog.load import load_catalog

    nv = load_catalog().get(node_type)
    first = (nv.display_name if nv else node_type.rsplit(".", 1)[-1]).split()
    return first[0].lower() if first else ""


def _node(node_type: str, names: dict[str, str]) -> str:
    name = names.get(node_type)
    return f"{name} (`{node_type}`)" if name else f"`{node_type}`"
