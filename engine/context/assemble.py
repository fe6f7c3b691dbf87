"""The node-schema section of a generation prompt, within a token budget.

Every node type the spec picks (and, for a modification, every type of the workflow being
changed) gets its full schema at the version to generate: the parameters of its chosen
resource/operation and one typical configuration mined from public workflows - or, when the
spec's operation is unsure, the list of all its operations with their parameters so the model
chooses. Then node types the retrieval suggests get a compact schema (version, credentials,
parameter or operation names) while the budget lasts, nearest first. Schemas come before the
narrative reference material, which only fills what the budget leaves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from engine.context.examples import example_line, used_parameters
from engine.context.operations import operation_lines
from engine.context.related import CORE_TYPES, related_types
from engine.context.schema import (
    SKIPPED_TYPES,
    NodeChoice,
    applicable_properties,
    credentials_line,
    header,
    render_schema,
)
from engine.context.spec_view import low_confidence_types
from engine.context.stand_ins import step_stand_in
from engine.context.tokens import count_tokens
from engine.offline.coverage import HTTP_REQUEST
from engine.types import ContextItem, Spec
from indexing.catalog.load import load_catalog
from indexing.catalog.model import Property
from indexing.catalog.params import is_displayed
from nodepilot.workflow import STICKY_NOTE

#: Tokens for the whole user message (cacheable context + task) with 6 node types.
MESSAGE_TOKENS = 8000
#: The cacheable context (schemas + reference material); the task gets the rest.
CONTEXT_TOKENS = 6500
#: Of the context, at most this much for schemas; the narrative gets what is left.
SCHEMA_TOKENS = 5200
NOTE_TYPES = frozenset({STICKY_NOTE})
SECTION_TITLE = "# Node schemas (the typeVersion and parameters to generate)"
SECTION_INTRO = (
    "Each block gives a node type's typeVersion, the credentials it takes and, for the "
    "resource/operation named, the parameters that apply: `name` type, required, default, "
    "the allowed values or the value's JSON shape, and when it shows (depends on another "
    "parameter's value). Use these names and shapes exactly."
)


@dataclass(frozen=True)
class SchemaSection:
    """The rendered section and the node types it gives a schema for (in order)."""

    text: str
    full: tuple[str, ...]
    compact: tuple[str, ...]
    tokens: int


def spec_choices(spec: Spec | None, previous: dict[str, Any] | None = None) -> list[NodeChoice]:
    """One choice per (type, resource, operation) the spec or the previous workflow uses."""
    from engine.retrieval import spec_node_types

    out: list[NodeChoice] = []
    if spec is not None:
        ops = {s.node_type: s for s in reversed(spec.steps)}
        for step in spec.steps:
            out.append(NodeChoice(step.node_type, step.resource, step.operation))
            if step_stand_in(step) is not step:  # the app's API instead: its schema too
                out.append(NodeChoice(HTTP_REQUEST))
        for node_type in spec_node_types(spec):
            if node_type not in ops:
                out.append(NodeChoice(node_type))
        out.sort(key=lambda c: c.node_type != spec.trigger.node_type)
    for node in (previous or {}).get("nodes") or ():
        choice = node_choice(node)
        if choice is not None:
            out.append(choice)
    seen: set[NodeChoice] = set()
    known = load_catalog()
    return [
        c
        for c in out
        if c.node_type not in NOTE_TYPES
        and known.has_type(c.node_type)
        and not (c in seen or seen.add(c))  # type: ignore[func-returns-value]
    ]


def node_choice(node: Any) -> NodeChoice | None:
    """The type and resource/operation a workflow node uses (None for a malformed node)."""
    if not isinstance(node, dict) or not isinstance(node.get("type"), str):
        return None
    params = node.get("parameters") if isinstance(node.get("parameters"), dict) else {}
    res, op = params.get("resource"), params.get("operation")
    return NodeChoice(
        node["type"], res if isinstance(res, str) else None, op if isinstance(op, str) else None
    )


@lru_cache(maxsize=4096)
def full_block(choice: NodeChoice, *, choose_operation: bool = False) -> str:
    """The schema of the chosen operation plus its typical configuration; with
    ``choose_operation``, the node's operations to choose from instead."""
    if choose_operation:
        ops = operation_lines(choice.node_type)
        if ops:
            head = _head_lines(choice.node_type)
            note = "operations (`resource`/`operation`: its parameters, * = required) - choose one:"
            return "\n".join([*head, note, *ops]) + "\n"
    block = render_schema(choice)
    if not block:
        return ""
    example = _example(choice)
    others = _other_operations_line(choice, block) if choice.operation else ""
    return block + "".join(f"{line}\n" for line in (example, others) if line)


def _other_operations_line(choice: NodeChoice, block: str, limit: int = 8) -> str:
    """The parameters public workflows set most on this node's other operations (a model that
    picks another operation than the spec's then knows their names)."""
    cat = load_catalog()
    nv = cat.get(choice.node_type, cat.default_version(choice.node_type))
    if nv is None:
        return ""
    defined = {p.name for p in nv.properties if p.type not in SKIPPED_TYPES}
    names = [
        n
        for n in used_parameters(choice.node_type)
        if n in defined and f"`{n}`" not in block and n not in ("resource", "operation")
    ][:limit]
    if not names:
        return ""
    return "other operations' parameters (most used first): " + ", ".join(f"`{n}`" for n in names)


@lru_cache(maxsize=1024)
def compact_block(node_type: str, max_names: int = 12) -> str:
    """Version, credentials, the operations (if any) and the parameter names public
    workflows set most (then the rest in n8n's order) of a type the spec did not pick."""
    head = _head_lines(node_type)
    if not head:
        return ""
    cat = load_catalog()
    version = cat.default_version(node_type)
    nv = cat.get(node_type, version)
    assert nv is not None and version is not None
    lines = list(head)
    ops = operation_names(node_type)
    if ops:
        more = f", …{len(ops) - 24} more" if len(ops) > 24 else ""
        lines.append("`resource`/`operation`: " + ", ".join(ops[:24]) + more)
    types: dict[str, str] = {}
    for prop in nv.properties:
        if prop.name not in ("resource", "operation") and prop.type not in SKIPPED_TYPES:
            types.setdefault(prop.name, prop.type)
    ranked = [n for n in used_parameters(node_type) if n in types]
    ranked += [n for n in types if n not in ranked]
    names = ", ".join(f"`{n}` {types[n]}" for n in ranked[:max_names])
    if names:
        label = "parameters (most used first)" if ops else "parameters"
        lines.append(f"{label}: {names}" + (", …" if len(ranked) > max_names else ""))
    return "\n".join(lines) + "\n"


def operation_names(node_type: str) -> list[str]:
    """``resource/operation`` of every operation the node's default version offers."""
    from engine.offline.operations import candidates

    direct = displayed_operations(node_type)
    if direct is not None:
        return direct
    return [
        "/".join(x for x in (c.resource, c.operation) if x)
        for c in candidates(node_type)
        if c.operation
    ]


def displayed_operations(node_type: str) -> list[str] | None:
    """What :func:`operation_names` gets from ``candidates``, read straight off the
    ``resource`` and ``operation`` options when their display rules test nothing but the
    version and the resource (most nodes): ``candidates`` resolves every parameter of each
    resource and reads the words of each operation, ~2 ms for an app node seen the first
    time, of which this needs neither. None when a rule tests another parameter, whose
    resolved default only ``candidates`` knows."""
    cat = load_catalog()
    version = cat.default_version(node_type)
    nv = cat.get(node_type, version) if version is not None else None
    if nv is None:
        return []
    res_props = [p for p in nv.properties if p.name == "resource" and p.type == "options"]
    op_props = [p for p in nv.properties if p.name == "operation" and p.type == "options"]
    named = [p for p in nv.properties if p.name in ("resource", "operation")]
    if len(named) != len(res_props) + len(op_props):
        return None  # a hidden or free-text resource: its default counts
    if any(_rule_keys(p) is None or _rule_keys(p) - {"resource"} for p in named):
        return None
    resources: list[str | None] = [
        o.value
        for p in res_props
        if is_displayed(p, {}, version, type_name=node_type)
        for o in p.option_values
        if o.value != "__CUSTOM_API_CALL__" and isinstance(o.value, str)
    ] or [None]
    out: list[str] = []
    for res in resources:
        values = {"resource": res} if res is not None else {}
        for p in op_props:
            if not is_displayed(p, values, version, type_name=node_type):
                continue
            for o in p.option_values:
                if o.value in ("", "__CUSTOM_API_CALL__") or not isinstance(o.value, str):
                    continue
                name = "/".join(x for x in (res, o.value) if x)
                if name not in out:
                    out.append(name)
    return out


def _rule_keys(prop: Property) -> frozenset[str] | None:
    """The parameters ``prop``'s display rules test (not ``@version``/``@tool``, which are
    judged from the version and type); None for rules of a shape not read here."""
    options = prop.raw.get("displayOptions")
    if not options:
        return frozenset()
    if not isinstance(options, Mapping):
        return None
    keys: set[str] = set()
    for mode in ("show", "hide"):
        rule = options.get(mode)
        if rule is None:
            continue
        if not isinstance(rule, Mapping) or not all(isinstance(k, str) for k in rule):
            return None
        keys |= {k.lstrip("/") for k in rule if k not in ("@version", "@tool")}
    return frozenset(keys)


def schema_section(
    spec: Spec | None,
    items: Sequence[ContextItem],
    previous: dict[str, Any] | None = None,
    budget: int = SCHEMA_TOKENS,
) -> SchemaSection:
    """Full schemas for the spec's choices, then compact ones for retrieved types, in budget."""
    unsure = low_confidence_types(spec) if spec is not None else frozenset()
    blocks: list[str] = []
    full: list[str] = []
    compact: list[str] = []
    used = count_tokens(SECTION_TITLE + SECTION_INTRO) + 4
    for choice in spec_choices(spec, previous):
        block = full_block(choice, choose_operation=choice.node_type in unsure)
        if choice.node_type in unsure and choice.node_type in full:
            continue  # one operation list per type
        cost = block_tokens(block)
        if block and used + cost <= budget:
            blocks.append(block)
            used += cost
            if choice.node_type not in full:
                full.append(choice.node_type)
    request = spec.request if spec is not None else ""
    uses_ai = spec is not None and spec.ai is not None
    for node_type in compact_order(request, full, items, uses_ai):
        if node_type in full or node_type in compact:
            continue
        block = compact_block(node_type)
        cost = block_tokens(block)
        if block and used + cost <= budget:
            blocks.append(block)
            used += cost
            compact.append(node_type)
    text = "\n".join([SECTION_TITLE, SECTION_INTRO, "", *blocks]) if blocks else ""
    return SchemaSection(text, tuple(full), tuple(compact), count_tokens(text) if text else 0)


def compact_order(
    request: str, full: Sequence[str], items: Sequence[ContextItem], uses_ai: bool
) -> list[str]:
    """Which types get a compact schema, in priority order: named in the request, twins and
    vendor models of the spec's types, the retrieval's own picks (each item's first type),
    the common flow nodes, then the other types retrieved templates use."""
    firsts = [i.node_types[0] for i in items if i.node_types]
    order = [
        *related_types(request, full, uses_ai),
        *firsts,
        *CORE_TYPES,
        *retrieved_types(items),
    ]
    cat = load_catalog()
    return [t for t in dict.fromkeys(order) if t not in NOTE_TYPES and cat.has_type(t)]


@lru_cache(maxsize=4096)
def block_tokens(block: str) -> int:
    """Tokens of a schema block (blocks repeat across requests: counted once)."""
    return count_tokens(block)


def retrieved_types(items: Iterable[ContextItem]) -> list[str]:
    """Node types the retrieved items name: each item's first type in rank order, then the
    rest (a template names many), known types only."""
    items = list(items)
    cat = load_catalog()
    ordered = [i.node_types[0] for i in items if i.node_types]
    ordered += [t for i in items for t in i.node_types[1:]]
    out: list[str] = []
    for t in ordered:
        if t not in out and t not in NOTE_TYPES and cat.has_type(t):
            out.append(t)
    return out


def _head_lines(node_type: str) -> list[str]:
    cat = load_catalog()
    version = cat.default_version(node_type)
    nv = cat.get(node_type, version) if version is not None else None
    if nv is None or version is None:
        return []
    creds = credentials_line(nv, {}, version)
    return [header(nv, version), *([creds] if creds else [])]


def _example(choice: NodeChoice) -> str:
    cat = load_catalog()
    version = cat.default_version(choice.node_type)
    nv = cat.get(choice.node_type, version) if version is not None else None
    if nv is None or version is None:
        return ""
    fixed = {k: v for k, v in (("resource", choice.resource), ("operation", choice.operation)) if v}
    allowed = {p.name: p.type for p, _ in applicable_properties(nv, fixed, version)}
    return example_line(choice.node_type, choice.resource, choice.operation, allowed)
