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
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexing.documents import KnowledgeDoc, type_name_words
from nodepilot.paths import SEEDS_DIR

if TYPE_CHECKING:
    from indexing.catalog.load import Catalog
    from indexing.catalog.model import NodeVersion

PATTERNS_FILE = SEEDS_DIR / "patterns" / "node_patterns.jsonl.gz"
#: Template documents embed the title, the start of the description and the node types: the
#: rest of a long description adds little for retrieval and dominated the index build time.
_MAX_TEMPLATE_DESCRIPTION = 280
_MAX_PATTERN_KEYS = 12


def _role(nv: NodeVersion) -> str:
    if nv.is_trigger:
        return "trigger"
    outputs = nv.outputs_raw
    if nv.is_sub_node and isinstance(outputs, list) and outputs:
        first = outputs[0] if isinstance(outputs[0], str) else outputs[0].get("type", "")
        return str(first)
    return "action"


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
    trigger = None
    for node in workflow.get("nodes") or []:
        if not isinstance(node, dict):
            continue
        t = node.get("type")
        if not isinstance(t, str) or t.endswith("stickyNote"):
            continue
        types.append(t)
        if isinstance(node.get("name"), str):
            names.append(node["name"])
        if trigger is None and (t.lower().endswith("trigger") or t.endswith(".webhook")):
            trigger = t
    return types, trigger, names


def template_docs(reference_ids: set[str] | None = None) -> Iterator[KnowledgeDoc]:
    """Our canonical templates and real workflows usable for retrieval, references excluded."""
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
    for rec in exclude(iter_corpus(), refs):
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
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield pattern_doc(json.loads(line))


def pattern_doc(p: dict[str, Any]) -> KnowledgeDoc:
    """One mined pattern record as a document (fields per ``seeds/patterns``)."""
    node_type = p["node_type"]
    short = node_type.rsplit(".", 1)[-1]
    op = " ".join(x for x in (p.get("resource"), p.get("operation")) if x)
    params = p.get("parameters") or p.get("parameter_keys") or {}
    keys = list(params) if isinstance(params, dict) else list(params)
    title = f"{short} {op}".strip() + f" ({p.get('usage_count', p.get('count', 0))} uses)"
    body = [
        f"Pattern for {type_name_words(node_type)}" + (f", {op}" if op else "") + ".",
        "Parameters set: " + ", ".join(map(str, keys[:_MAX_PATTERN_KEYS])) + "." if keys else "",
    ]
    before = p.get("predecessors") or {}
    after = p.get("successors") or {}
    if before:
        body.append("Usually after: " + ", ".join(list(before)[:5]) + ".")
    if after:
        body.append("Usually before: " + ", ".join(list(after)[:5]) + ".")
    return KnowledgeDoc(
        kind="pattern",
        key=str(p.get("key") or p.get("pattern_key") or p.get("id")),
        title=title,
        content="\n".join(b for b in body if b),
        node_types=(node_type,),
        metadata={
            "type": node_type,
            "resource": p.get("resource"),
            "operation": p.get("operation"),
            "usage_count": p.get("usage_count", p.get("count")),
            "source": "mined",
        },
        payload={"pattern": p},
    )
