"""Turn each knowledge source into ``KnowledgeDoc``s for the index.

- catalog: one document per node type a generator may use (hidden/deprecated types are left
  out) and one per (node type, resource, operation) with its action label and key parameters;
- templates: real workflows usable for retrieval (never zie619, never a benchmark reference)
  plus our canonical templates in ``seeds/templates``;
- patterns: mined node configurations from ``seeds/patterns``;
- tips: our best-practice notes from ``seeds/tips``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexing.documents import KnowledgeDoc, type_name_words
from nodepilot.paths import SEEDS_DIR
from nodepilot.workflow import BASE, Workflow

if TYPE_CHECKING:
    from indexing.catalog.load import Catalog
    from indexing.catalog.model import NodeVersion

PATTERNS_FILE = SEEDS_DIR / "patterns" / "node_patterns.jsonl.gz"
#: Template documents embed the title, the start of the description and the node types: the
#: rest of a long description adds little for retrieval and dominated the index build time.
_MAX_TEMPLATE_DESCRIPTION = 280
_MAX_PATTERN_KEYS = 12
#: n8n's legacy manual start, present (often unconnected) in workflows made before n8n 1.0.
_LEGACY_START = BASE + "start"


def _role(nv: NodeVersion) -> str:
    if nv.is_trigger:
        return "trigger"
    outputs = nv.outputs_raw
    if nv.is_sub_node and isinstance(outputs, list) and outputs:
        first = outputs[0] if isinstance(outputs[0], str) else outputs[0].get("type", "")
        return str(first)
    return "action"


#: Sub-node output types in words, for the "plugs into" line of a node document.
_AI_ROLE_WORDS = {
    "ai_languageModel": "chat/language model",
    "ai_memory": "memory",
    "ai_tool": "tool",
    "ai_outputParser": "output parser",
    "ai_embedding": "embeddings model",
    "ai_document": "document loader",
    "ai_textSplitter": "text splitter",
    "ai_vectorStore": "vector store",
    "ai_retriever": "retriever",
    "ai_reranker": "reranker",
}


def _ai_inputs(nv: NodeVersion) -> list[str]:
    """The sub-node inputs of an AI root node with its default parameters ("Chat Model
    (required)", "Memory", "Tool"): what a request must wire for it to run."""
    from indexing.catalog.params import ParameterResolutionError, resolve_parameters
    from indexing.catalog.ports import PortsNotComputable, node_inputs

    try:
        params = resolve_parameters(nv, {}, nv.default_version)
        ports = node_inputs(nv, params, nv.default_version)
    except (ParameterResolutionError, PortsNotComputable):
        return []
    return [
        (p.display_name or _AI_ROLE_WORDS.get(p.type, p.type))
        + (" (required)" if p.required else "")
        for p in ports
        if p.type != "main"
    ]


def _operations(nv: NodeVersion) -> Iterator[tuple[str | None, str, str]]:
    """(resource, operation, label) for every operation a node version offers."""
    raws = nv.raw_properties
    resources: list[str | None] = []
    for p in raws:
        if p.get("name") == "resource" and p.get("type") == "options":
            resources += [o.get("value") for o in p.get("options") or [] if isinstance(o, dict)]
    seen: set[tuple[str | None, str]] = set()
    for p in raws:
        if p.get("name") != "operation" or p.get("type") != "options":
            continue
        show = (p.get("displayOptions") or {}).get("show") or {}
        for_res = show.get("resource") or ([None] if not resources else resources[:1])
        for opt in p.get("options") or []:
            if not isinstance(opt, dict) or not isinstance(opt.get("value"), str):
                continue
            for res in for_res:
                key = (res, opt["value"])
                if key in seen or opt["value"] == "__CUSTOM_API_CALL__":
                    continue
                seen.add(key)
                label = opt.get("action") or f"{opt.get('name', opt['value'])}"
                yield res, opt["value"], str(label)


def _required_parameters(nv: NodeVersion, resource: str | None, operation: str) -> list[str]:
    """Display names of the required parameters n8n shows for this resource/operation
    (resolved by the catalog's own displayOptions logic, like the validator does)."""
    from indexing.catalog.params import (
        ParameterResolutionError,
        is_displayed,
        resolve_parameters,
    )

    chosen = {"operation": operation} if resource is None else {"resource": resource}
    chosen["operation"] = operation
    try:
        shown = resolve_parameters(nv, chosen, nv.default_version)
    except ParameterResolutionError:
        return []
    version = nv.default_version
    return [
        p.display_name or p.name
        for p in nv.properties
        if p.required
        and p.name not in ("resource", "operation")
        and is_displayed(p, shown, version, type_name=nv.type_name, root=shown)
    ]


def catalog_docs(catalog: Catalog | None = None) -> Iterator[KnowledgeDoc]:
    """Node and operation documents for every non-hidden node type (latest version)."""
    if catalog is None:
        from indexing.catalog.load import load_catalog

        catalog = load_catalog()
    for type_name in catalog.types(include_variants=False):
        nv = catalog.get(type_name)
        if nv is None or nv.hidden:
            continue
        role = _role(nv)
        creds = [c.name for c in nv.credentials]
        ops = list(_operations(nv))
        meta = {
            "type": type_name,
            "display_name": nv.display_name,
            "version": nv.default_version,
            "role": role,
            "trigger": type_name if nv.is_trigger else None,
            "credentials": creds,
            "usable_as_tool": nv.usable_as_tool,
            "operations": len(ops),
        }
        lines = [
            nv.description or "",
            f"Node type {type_name_words(type_name)}. Role: {role}.",
        ]
        if nv.aliases:
            lines.append("Also known as: " + ", ".join(nv.aliases) + ".")
        if ops:
            lines.append("Actions: " + "; ".join(label for _, _, label in ops[:40]) + ".")
        ai_inputs = _ai_inputs(nv)
        if ai_inputs:
            lines.append("AI inputs: " + ", ".join(ai_inputs) + ".")
        elif role.startswith("ai_"):
            lines.append(f"Plugs into an AI root node as its {_AI_ROLE_WORDS.get(role, role)}.")
        if creds:
            lines.append("Credentials: " + ", ".join(creds) + ".")
        if nv.usable_as_tool:
            lines.append("Can be given to an AI agent as a tool.")
        yield KnowledgeDoc(
            kind="node",
            key=type_name,
            title=nv.display_name,
            content="\n".join(x for x in lines if x),
            node_types=(type_name,),
            categories=tuple(nv.categories),
            metadata=meta,
        )
        for resource, operation, label in ops:
            params = _required_parameters(nv, resource, operation)
            key = f"{type_name}:{resource or '-'}:{operation}"
            text = [
                f"{nv.display_name}: {label}.",
                f"Node type {type_name_words(type_name)}; resource {resource or 'none'}, "
                f"operation {operation}.",
            ]
            if params:
                text.append("Required: " + ", ".join(dict.fromkeys(map(str, params))) + ".")
            yield KnowledgeDoc(
                kind="operation",
                key=key,
                title=f"{nv.display_name}: {label}",
                content="\n".join(text),
                node_types=(type_name,),
                categories=tuple(nv.categories),
                metadata={
                    "type": type_name,
                    "resource": resource,
                    "operation": operation,
                    "action": label,
                    "version": nv.default_version,
                    "trigger": type_name if nv.is_trigger else None,
                },
            )


def _clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary near ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _workflow_summary(workflow: dict[str, Any]) -> tuple[list[str], str | None, list[str]]:
    """(node types in order, trigger type, node display names) of a workflow, stickies left out."""
    types: list[str] = []
    names: list[str] = []
    for node in workflow.get("nodes") or []:
        if not isinstance(node, dict):
            continue
        t = node.get("type")
        if not isinstance(t, str) or t.endswith("stickyNote"):
            continue
        types.append(t)
        if isinstance(node.get("name"), str):
            names.append(node["name"])
    return types, main_trigger(workflow), names


def main_trigger(workflow: dict[str, Any]) -> str | None:
    """The type of the trigger that starts ``workflow``: among its triggers (node order), one
    that runs something (it reaches another node) before one that does not, and any before a
    legacy ``Start`` node.

    Why: old n8n put a ``Start`` node in every workflow, and many exported templates keep it
    unconnected next to the trigger that really starts them (a webhook); the first trigger in
    node order would name that ``Start`` (the ``search --trigger`` filter reads this).
    """
    model = Workflow.from_n8n(workflow, strict=False)
    triggers = model.triggers()
    if not triggers:
        return None
    ranked = sorted(
        range(len(triggers)),
        key=lambda i: (
            len(model.reachable([triggers[i].name])) < 2,
            triggers[i].type == _LEGACY_START,
            i,
        ),
    )
    return triggers[ranked[0]].type


def template_docs(
    reference_ids: set[str] | None = None, root: Path | None = None
) -> Iterator[KnowledgeDoc]:
    """Our canonical templates and real workflows usable for retrieval, references excluded
    (the collections in ``root``, default ``indexing.corpus.templates_dir()``)."""
    from indexing.corpus import exclude, iter_corpus, load_reference_ids
    from indexing.seed_templates import load_seed_templates

    for tpl in load_seed_templates():
        yield _template_doc(
            key=tpl.id,
            name=tpl.title,
            description=tpl.description,
            workflow=tpl.workflow,
            meta={"source": "nodepilot", "licence": "project", "tags": list(tpl.tags)},
        )
    refs = load_reference_ids() if reference_ids is None else reference_ids
    for rec in exclude(iter_corpus(root=root), refs):
        if not rec.usable("retrieval"):
            continue
        yield _template_doc(
            key=rec.source_id,
            name=rec.name,
            description=rec.description or "",
            workflow=rec.workflow,
            meta={"source": rec.source, "licence": rec.licence, "source_id": rec.source_id},
        )


def _template_doc(
    key: str, name: str, description: str, workflow: dict[str, Any], meta: dict[str, Any]
) -> KnowledgeDoc:
    types, trigger, _names = _workflow_summary(workflow)
    unique = list(dict.fromkeys(types))
    body = [_clip(description, _MAX_TEMPLATE_DESCRIPTION)] if description else []
    body.append("Types: " + " ".join(t.rsplit(".", 1)[-1] for t in unique) + ".")
    metadata = {**meta, "trigger": trigger, "node_count": len(types)}
    return KnowledgeDoc(
        kind="template",
        key=key,
        title=name,
        content="\n".join(b for b in body if b),
        node_types=tuple(unique),
        metadata=metadata,
        payload={
            "source_id": key,
            "source": meta["source"],
            "licence": meta["licence"],
            "name": name,
            "description": description or None,
            "workflow_json": workflow,
            "node_types": unique,
            "metadata": metadata,
        },
    )


def tip_docs() -> Iterator[KnowledgeDoc]:
    """Our workflow tips."""
    from indexing.tips import load_tips

    for tip in load_tips():
        yield KnowledgeDoc(
            kind="tip",
            key=tip.id,
            title=tip.title,
            content=tip.body,
            node_types=tuple(tip.node_types),
            categories=(tip.category,),
            metadata={"version": tip.version, "tags": list(tip.tags), "source": "nodepilot"},
            payload={
                "tip_key": tip.id,
                "category": tip.category,
                "title": tip.title,
                "body": tip.body,
                "node_types": list(tip.node_types),
                "version": tip.version,
                "metadata": {"tags": list(tip.tags)},
            },
        )


def pattern_docs(path: Path = PATTERNS_FILE) -> Iterator[KnowledgeDoc]:
    """Mined node patterns (see ``indexing.patterns``)."""
    if not path.exists():
        return
    from indexing.catalog.load import load_catalog

    catalog = load_catalog()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield pattern_doc(json.loads(line), catalog)


def _display(catalog: Catalog | None, node_type: str) -> str:
    nv = catalog.get(node_type) if catalog is not None else None
    return nv.display_name if nv is not None else node_type.rsplit(".", 1)[-1]


def _action_label(
    catalog: Catalog | None, node_type: str, resource: str | None, operation: str | None
) -> str | None:
    """The catalog's action label for a mined (resource, operation), e.g. "Append row in sheet"."""
    nv = catalog.get(node_type) if catalog is not None else None
    if nv is None or operation is None:
        return None
    for res, op, label in _operations(nv):
        if op == operation and (resource is None or res == resource):
            return label
    return None


def _top(counts: dict[str, int] | None, n: int) -> list[str]:
    return [k for k, _ in sorted((counts or {}).items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _by_use(params: dict[str, Any]) -> list[str]:
    """A pattern's parameter keys, the ones set by most workflows first (then by name)."""
    return sorted(params, key=lambda k: (-int(params[k].get("workflows") or 0), k))


def _parameter_lines(params: dict[str, Any]) -> list[str]:
    """The most used parameter keys with their usual literal values, and the commonest
    expression shapes: what a generator should copy from real workflows."""
    keys: list[str] = []
    expressions: list[tuple[int, str, str]] = []
    for key in _by_use(params)[:_MAX_PATTERN_KEYS]:
        stat = params[key]
        values = [v for v, _ in (stat.get("values") or [])[:2] if isinstance(v, str | int | float)]
        shown = ", ".join(json.dumps(v) if isinstance(v, bool) else str(v) for v in values)
        keys.append(f"{key} ({shown})" if values else key)
        for expr, count in (stat.get("expressions") or [])[:1]:
            expressions.append((-int(count), key, str(expr)))
    lines = ["Parameters set: " + ", ".join(keys) + "."] if keys else []
    if expressions:
        shown = [f"{key} = {expr[:80]}" for _, key, expr in sorted(expressions)[:3]]
        lines.append("Typical expressions: " + "; ".join(shown) + ".")
    return lines


def _ai_link(catalog: Catalog | None, key: str, sep: str) -> str:
    """``ai_languageModel<@n8n/…lmChatOpenAi`` -> ``OpenAI Chat Model (languageModel)``."""
    ctype, _, node_type = key.partition(sep)
    return f"{_display(catalog, node_type)} ({ctype.removeprefix('ai_')})"


def _pattern_search_text(p: dict[str, Any], catalog: Catalog | None) -> str:
    """The embedded summary of a pattern, kept short (the title already names the node and
    action): the top-level parameters it sets and its most common neighbours. Parameter paths
    and statistics cost many word pieces and add little meaning; they stay in the content."""
    ranked = _by_use(p.get("parameters") or {})
    keys = list(dict.fromkeys(re.split(r"[.\[]", k, maxsplit=1)[0] for k in ranked))[:5]
    return " ".join(
        [
            *_listed("Sets ", keys),
            *_listed("After ", [_display(catalog, t) for t in _top(p.get("before"), 2)]),
            *_listed("Before ", [_display(catalog, t) for t in _top(p.get("after"), 2)]),
            *_listed(
                "With ", [_display(catalog, k.partition("<")[2]) for k in _top(p.get("ai_in"), 2)]
            ),  # fmt: skip
        ]
    )


def _listed(prefix: str, names: list[str]) -> list[str]:
    """``["<prefix>a, b."]``, or nothing when there are no names."""
    return [prefix + ", ".join(names) + "."] if names else []


def pattern_doc(p: dict[str, Any], catalog: Catalog | None = None) -> KnowledgeDoc:
    """One mined pattern record (fields per ``indexing.patterns``) as a document: the node's
    display name and action label, how many workflows use it, the parameters and expressions
    they set, and the nodes usually before and after (by display name, so both the vector and
    the full-text leg match how users name them)."""
    node_type = p["node_type"]
    resource, operation = p.get("resource"), p.get("operation")
    support = p.get("support") or {}
    workflows = int(support.get("workflows") or 0)
    display = _display(catalog, node_type)
    label = _action_label(catalog, node_type, resource, operation)
    op = " ".join(x for x in (resource, operation) if x)
    what = label or op
    shape = "configuration" if p.get("kind") == "configuration" else "usual setup"
    title = f"{display}: {what}" if what else display
    title += f" ({shape}, {workflows} workflow{'s' if workflows != 1 else ''})"
    head = (
        f"How real workflows configure {display} ({type_name_words(node_type)})"
        + (f", {op}" if op else "")
        + f": seen in {workflows} workflows."
    )
    body = [
        head,
        *_parameter_lines(p.get("parameters") or {}),
        *_listed("Usually after: ", [_display(catalog, t) for t in _top(p.get("before"), 5)]),
        *_listed("Usually before: ", [_display(catalog, t) for t in _top(p.get("after"), 5)]),
        *_listed("Sub-nodes attached: ", [_ai_link(catalog, k, "<")
                                          for k in _top(p.get("ai_in"), 5)]),
        *_listed("Attached to: ", [_ai_link(catalog, k, ">") for k in _top(p.get("ai_out"), 3)]),
    ]  # fmt: skip
    return KnowledgeDoc(
        kind="pattern",
        key=str(p["id"]),
        title=title,
        content="\n".join(b for b in body if b),
        # the parameter statistics are for the reader and the full-text leg; embedding them
        # tripled the patterns' share of the index build for little change in meaning
        search_text=_pattern_search_text(p, catalog) or head,
        node_types=(node_type,),
        metadata={
            "type": node_type,
            "resource": resource,
            "operation": operation,
            "action": label,
            "pattern_kind": p.get("kind"),
            "workflows": workflows,
            "usage_count": int(support.get("nodes") or 0),
            "source": "mined",
        },
        payload={"pattern": p},
    )
