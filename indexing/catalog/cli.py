"""``nodepilot catalog``: look up n8n node types from the distilled catalog (no network, no npm)."""

from __future__ import annotations

import json
from typing import Any

import click

from indexing.catalog.load import Catalog, load_catalog
from indexing.catalog.model import NodeVersion, Property
from indexing.catalog.ports import RULES, expression_key
from nodepilot.errors import UserError

FORMATS = click.Choice(["text", "json"])


@click.group(name="catalog")
def catalog() -> None:
    """Browse n8n's node catalog (n8n-nodes-base 2.41.2, @n8n/n8n-nodes-langchain 2.41.1)."""


def _resolve(cat: Catalog, name: str) -> str:
    full = cat.resolve_name(name.strip())
    if full is None:
        near = cat.closest_types(name)
        hint = (
            f"did you mean {', '.join(near)}?" if near else "try: nodepilot catalog list --search"
        )
        raise UserError(f"unknown node type '{name}'", hint=hint)
    return full


def _parse_version(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        raise UserError(f"--version must be a number, got '{text}'") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UserError(f"--version must be a finite number, got '{text}'")
    return value


def _fmt_version(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _ports_summary(spec: Any) -> Any:
    if isinstance(spec, str):
        rule = RULES.get(expression_key(spec))
        return {"dynamic": True, "rule": rule[1] if rule else None}
    out = []
    for p in spec:
        if isinstance(p, str):
            out.append({"type": p})
        elif isinstance(p, dict):
            out.append({k: v for k, v in p.items() if v is not None})
    return out


def _property_json(p: Property) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name, "displayName": p.display_name, "type": p.type}
    for key in ("default", "required", "displayOptions", "description", "placeholder"):
        if key in p.raw:
            out[key] = p.raw[key]
    if p.option_values:
        out["options"] = [o.value for o in p.option_values]
    if p.load_options:
        out["loadOptions"] = True
    if p.type == "collection":
        out["children"] = [_property_json(c) for c in p.children]
    if p.type == "fixedCollection":
        out["groups"] = {g.name: [_property_json(c) for c in g.values] for g in p.groups}
    return out


def _node_json(cat: Catalog, nv: NodeVersion) -> dict[str, Any]:
    return {
        "type": nv.type_name,
        "displayName": nv.display_name,
        "description": nv.description,
        "variant": nv.variant,
        "baseType": nv.base_type,
        "versions": list(nv.versions),
        "allVersions": cat.versions(nv.type_name),
        "defaultVersion": cat.default_version(nv.type_name),
        "group": list(nv.group),
        "trigger": nv.is_trigger,
        "polling": nv.polling,
        "hidden": nv.hidden,
        "usableAsTool": nv.usable_as_tool,
        "maxNodes": nv.max_nodes,
        "categories": list(nv.categories),
        "aliases": list(nv.aliases),
        "inputs": _ports_summary(nv.inputs_raw),
        "outputs": _ports_summary(nv.outputs_raw),
        "credentials": [
            {"name": c.name, "required": c.required, "displayOptions": c.display_options}
            for c in nv.credentials
        ],
        "properties": [_property_json(p) for p in nv.properties],
    }


def _short(value: Any, width: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _conditions(display: Any) -> str:
    if not isinstance(display, dict):
        return ""
    parts = []
    for kind in ("show", "hide"):
        rule = display.get(kind)
        if isinstance(rule, dict):
            inner = ", ".join(f"{k}={_short(v, 30)}" for k, v in rule.items())
            parts.append(f"{kind} {inner}")
    return f"  [{'; '.join(parts)}]" if parts else ""


def _node_text(cat: Catalog, nv: NodeVersion) -> str:
    lines = [f"{nv.type_name}  ({nv.display_name})"]
    if nv.description:
        lines.append(f"  {nv.description}")
    flags = [
        f
        for f, on in (
            ("trigger", nv.is_trigger),
            ("polling", nv.polling),
            ("hidden/deprecated", nv.hidden),
            ("usable as tool", nv.usable_as_tool),
        )
        if on
    ]
    if nv.variant != "base":
        flags.append(f"{nv.variant} twin of {nv.base_type}")
    lines.append(f"  this entry: versions {', '.join(_fmt_version(v) for v in nv.versions)}")
    all_versions = ", ".join(_fmt_version(v) for v in cat.versions(nv.type_name))
    default = cat.default_version(nv.type_name)
    lines.append(
        f"  all versions: {all_versions} (default {_fmt_version(default) if default else '-'})"
    )
    if flags:
        lines.append(f"  flags: {', '.join(flags)}")
    for label, spec in (("inputs", nv.inputs_raw), ("outputs", nv.outputs_raw)):
        summary = _ports_summary(spec)
        if isinstance(summary, dict):
            lines.append(f"  {label}: computed from parameters ({summary['rule'] or 'no rule'})")
        else:
            names = [
                p["type"] + (f" '{p['displayName']}'" if p.get("displayName") else "")
                for p in summary
            ]
            lines.append(f"  {label}: {', '.join(names) or '(none)'}")
    for c in nv.credentials:
        req = "required" if c.required else "optional"
        lines.append(f"  credential: {c.name} ({req}){_conditions(c.display_options)}")
    lines.append("  parameters:")
    for p in nv.properties:
        if p.type in ("notice", "callout"):
            continue
        bits = [p.type]
        if p.required:
            bits.append("required")
        if "default" in p.raw and p.raw["default"] not in ("", None, {}, []):
            bits.append(f"default {_short(p.raw['default'])}")
        if p.option_values:
            bits.append("one of " + _short([o.value for o in p.option_values], 60))
        elif p.load_options:
            bits.append("options loaded from the service")
        lines.append(f"    {p.name}: {', '.join(bits)}{_conditions(p.display_options)}")
    return "\n".join(lines)


@catalog.command("show")
@click.argument("type_name", metavar="TYPE")
@click.option("--version", "version", default=None, help="typeVersion (default: highest).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def show(type_name: str, version: str | None, fmt: str) -> None:
    """Describe one node type: versions, ports, credentials, parameters.

    TYPE may be a full name (n8n-nodes-base.slack) or a short one (slack).
    """
    cat = load_catalog()
    full = _resolve(cat, type_name)
    v = _parse_version(version)
    nv = cat.get(full, v)
    if nv is None:
        versions = ", ".join(_fmt_version(x) for x in cat.versions(full))
        raise UserError(f"{full} has no version {version}", hint=f"declared versions: {versions}")
    if fmt == "json":
        click.echo(json.dumps(_node_json(cat, nv), indent=2, ensure_ascii=False))
    else:
        click.echo(_node_text(cat, nv))


@catalog.command("list")
@click.option("--trigger", is_flag=True, help="Only trigger (and polling) nodes.")
@click.option("--search", "text", default=None, help="Words to match in names and descriptions.")
@click.option("--hidden", is_flag=True, help="Include hidden/deprecated types.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def list_types(trigger: bool, text: str | None, hidden: bool, fmt: str) -> None:
    """List node types (latest entry of each), optionally filtered."""
    cat = load_catalog()
    if text is not None:
        if not text.strip():
            raise UserError("--search needs at least one word")
        found = cat.search(text, limit=10_000, include_hidden=hidden)
    else:
        found = [cat.get(t) for t in cat.types()]
        found = [nv for nv in found if nv is not None and (hidden or not nv.hidden)]
    if trigger:
        found = [nv for nv in found if cat.is_trigger(nv.type_name)]
    if fmt == "json":
        rows = [
            {
                "type": nv.type_name,
                "displayName": nv.display_name,
                "versions": cat.versions(nv.type_name),
                "trigger": cat.is_trigger(nv.type_name),
                "hidden": nv.hidden,
                "variant": nv.variant,
                "description": nv.description,
            }
            for nv in found
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for nv in found:
        latest = _fmt_version(max(cat.versions(nv.type_name)))
        click.echo(f"{nv.type_name}\tv{latest}\t{nv.display_name}")
    click.echo(f"{len(found)} node types", err=True)
