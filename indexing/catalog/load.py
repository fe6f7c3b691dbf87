"""Load the distilled n8n catalog (``seeds/catalog/catalog.jsonl.gz``) into a :class:`Catalog`.

Loading parses only the header line (entries without properties); each entry's properties are
parsed the first time that entry is used, so ``load_catalog()`` costs a few tens of ms and a
validation run pays only for the node types it meets.

The catalog reproduces what the n8n 2.41 server serves to its editor:

* type names carry their package prefix (``n8n-nodes-base.slack``);
* ``<name>Tool`` twins for every description with ``usableAsTool`` (inputs none, output
  ``ai_tool``, a required ``toolDescription`` parameter, shown only for ``descriptionType:
  manual`` when the node has a resource or operation);
* ``<name>HitlTool`` twins for descriptions offering a ``sendAndWait`` operation (one required
  ``ai_tool`` input, an ``ai_tool`` output for agents, resource/operation pinned as hidden
  parameters, a required ``message``);
* version lookup like the editor's node-type store: a later description declaring the same
  version wins; a missing version means the highest declared one.
"""

from __future__ import annotations

import difflib
import functools
import gzip
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from indexing.catalog.model import CredentialType, NodeVersion
from nodepilot.paths import SEEDS_DIR
from nodepilot.workflow import BASE, LC

DEFAULT_PATH = SEEDS_DIR / "catalog" / "catalog.jsonl.gz"
SEND_AND_WAIT = "sendAndWait"

_TOOL_DESCRIPTION_HELP = "What the tool does, so the calling model knows when to use it."
_HITL_MESSAGE_DEFAULT = (
    "=The agent wants to run this tool: {{ $tool.name }}\n\nInput:\n{{ $tool.parameters }}"
)


class Catalog:
    """All node types (with their version entries and run-time twins) and credential types."""

    def __init__(self, header: dict[str, Any], property_lines: list[bytes], source: str) -> None:
        self.source = source
        self.packages: list[dict[str, str]] = list(header.get("packages", []))
        self._lines = property_lines
        self._parsed: dict[int, list[dict[str, Any]]] = {}
        self._entries: list[NodeVersion] = []
        self._by_type: dict[str, dict[float, NodeVersion]] = {}
        self._credentials: dict[str, CredentialType] = {}
        self._lower: dict[str, str] | None = None
        self._by_short: dict[str, list[str]] | None = None
        self._closest: dict[tuple[str, int], tuple[str, ...]] = {}
        for c in header.get("credentials", []):
            self._credentials[c["name"]] = CredentialType(
                name=c["name"],
                display_name=c.get("displayName", c["name"]),
                extends=tuple(c.get("extends") or ()),
                generic_auth=bool(c.get("genericAuth")),
                hidden=bool(c.get("hidden")),
                supported_nodes=tuple(c.get("supportedNodes") or ()),
                http_request_node=bool(c.get("httpRequestNode")),
                authenticates=bool(c.get("authenticates")),
                base_url=c.get("baseUrl") if isinstance(c.get("baseUrl"), str) else None,
            )
        heads: list[dict[str, Any]] = header["nodes"]
        base = [
            NodeVersion(h, self._loader(i), package=_package_of(h["name"]))
            for i, h in enumerate(heads)
        ]
        tools = [_tool_twin(nv) for nv in base if nv.raw.get("usableAsTool")]
        hitls = [_hitl_twin(nv) for nv in base if nv.raw.get("sendAndWait")]
        for nv in (*base, *tools, *hitls):
            self._add(nv)

    # ----------------------------------------------------------------- building
    def _loader(self, i: int) -> Callable[[], list[dict[str, Any]]]:
        def load() -> list[dict[str, Any]]:
            props = self._parsed.get(i)
            if props is None:
                props = json.loads(self._lines[i])
                self._parsed[i] = props
            return props

        return load

    def _add(self, nv: NodeVersion) -> None:
        self._entries.append(nv)
        by_version = self._by_type.setdefault(nv.type_name, {})
        for v in nv.versions:
            by_version[float(v)] = nv

    # ----------------------------------------------------------------- lookups
    def resolve_name(self, name: str) -> str | None:
        """Full type name for ``name``: exact, short (``slack``), or case-insensitive; else None."""
        if not isinstance(name, str) or not name:
            return None
        if name in self._by_type:
            return name
        if "." not in name:
            for prefix in (BASE, LC):
                if prefix + name in self._by_type:
                    return prefix + name
        if self._lower is None:
            self._lower = {}
            for t in self._by_type:
                self._lower.setdefault(t.lower(), t)
                self._lower.setdefault(t.rsplit(".", 1)[-1].lower(), t)
        return self._lower.get(name.lower())

    def has_type(self, name: str) -> bool:
        """True when ``name`` is an exact full type name n8n 2.41 knows (twins included)."""
        return isinstance(name, str) and name in self._by_type

    def get(self, type_name: str, version: float | int | None = None) -> NodeVersion | None:
        """The entry of ``type_name`` declaring ``version`` (None: highest version); else None.

        ``type_name`` must be the full name; use :meth:`resolve_name` for short names.
        Like n8n's editor, the version must be declared exactly (``2`` and ``2.0`` are equal).
        The editor keys versions by ``String(v)``, so a numeric string written exactly like the
        number (``"3.4"``, not ``"3.40"``) finds the entry too (the schema check flags it apart).
        """
        by_version = self._by_type.get(type_name) if isinstance(type_name, str) else None
        if not by_version:
            return None
        if version is None:
            return by_version[max(by_version)]
        key = version_key(version)
        return None if key is None else by_version.get(key)

    def versions(self, name: str) -> list[float]:
        """All declared versions of ``name``, ascending (empty when unknown)."""
        by_version = self._by_type.get(name) if isinstance(name, str) else None
        return sorted(by_version) if by_version else []

    def closest_version(self, name: str, version: float | int | None) -> float | None:
        """The declared version nearest to ``version`` (ties: the higher); None if unknown type."""
        vs = self.versions(name)
        if not vs:
            return None
        if isinstance(version, bool) or not isinstance(version, int | float):
            return vs[-1]
        return min(vs, key=lambda v: (abs(v - version), -v))

    def default_version(self, name: str) -> float | None:
        """The version n8n's editor adds for a new node (``defaultVersion``, else highest)."""
        nv = self.get(name)
        if nv is None:
            return None
        dv = nv.raw.get("defaultVersion")
        if isinstance(dv, int | float) and self.get(name, dv) is not None:
            return float(dv)
        return max(self.versions(name))

    def entries(self, name: str) -> list[NodeVersion]:
        """Distinct version entries of ``name`` (ascending by highest version)."""
        by_version = self._by_type.get(name) if isinstance(name, str) else None
        if not by_version:
            return []
        seen: dict[int, NodeVersion] = {}
        for v in sorted(by_version):
            seen.setdefault(id(by_version[v]), by_version[v])
        return list(seen.values())

    def types(self, *, include_variants: bool = True) -> list[str]:
        """All type names, sorted; ``include_variants=False`` leaves out Tool/HitlTool twins."""
        if include_variants:
            return sorted(self._by_type)
        return sorted(t for t, m in self._by_type.items() if _latest(m).variant == "base")

    def __len__(self) -> int:
        return len(self._by_type)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._by_type

    def is_trigger(self, name: str) -> bool:
        """True when any entry of ``name`` is a trigger (group ``trigger``) or polling node."""
        return any(nv.is_trigger for nv in self.entries(name))

    def is_sub_node(self, name: str) -> bool | None:
        """The catalog's word on whether ``name`` is an AI sub-node (n8n's ``isSubNodeType`` at
        its highest version), for :func:`nodepilot.workflow.is_sub_node_type`'s ``declared``;
        None for an unknown type or outputs computed at run time (the name rule decides)."""
        nv = self.get(name)
        if nv is None or nv.dynamic_outputs:
            return None
        return nv.is_sub_node

    def is_tool_capable(self, name: str) -> bool:
        """True when a node of this type can feed an agent's ``ai_tool`` input at some version."""
        from indexing.catalog.ports import static_output_types  # local: avoid an import cycle

        return any("ai_tool" in static_output_types(nv) for nv in self.entries(name))

    def closest_types(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` known type names most similar to ``name`` (for "did you mean").

        Short names are compared first (``slak`` -> ``n8n-nodes-base.slack``), then full names;
        results are memoised per catalog, as difflib over ~850 names costs a few ms.
        """
        if not isinstance(name, str) or not name:
            return []
        key = (name, n)
        hit = self._closest.get(key)
        if hit is not None:
            return list(hit)
        if self._by_short is None:
            self._by_short = {}
            for t in self.types():
                self._by_short.setdefault(t.rsplit(".", 1)[-1].lower(), []).append(t)
        by_short = self._by_short
        short = name.rsplit(".", 1)[-1].lower()
        out: list[str] = []
        for h in difflib.get_close_matches(short, list(by_short), n=n, cutoff=0.6):
            out.extend(by_short[h])
        if len(out) < n:
            for t in difflib.get_close_matches(name, self.types(), n=n, cutoff=0.5):
                if t not in out:
                    out.append(t)
        if len(self._closest) > 10_000:
            self._closest.clear()
        self._closest[key] = tuple(out[:n])
        return out[:n]

    def credential_type(self, name: str) -> CredentialType | None:
        return self._credentials.get(name) if isinstance(name, str) else None

    def credential_types(self) -> list[str]:
        return sorted(self._credentials)

    def search(
        self, text: str, *, limit: int = 20, include_hidden: bool = False
    ) -> list[NodeVersion]:
        """Node types matching words of ``text`` (name, display name, aliases, categories,
        description), best first; one latest entry per type. Cheap lexical search for the CLI
        and for tests; the engine's semantic search lives in ``indexing`` proper."""
        words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w]
        if not words:
            return []
        scored = []
        for t, by_version in self._by_type.items():
            nv = _latest(by_version)
            if nv.hidden and not include_hidden:
                continue
            score = _score(nv, words)
            if score > 0:
                scored.append((-score, t, nv))
        scored.sort(key=lambda x: (x[0], x[1]))
        return [nv for _, _, nv in scored[:limit]]


def version_key(version: Any) -> float | None:
    """The float a typeVersion value looks up (n8n: ``String(v)``); None when it cannot match."""
    if isinstance(version, bool):
        return None
    if isinstance(version, int | float):
        return float(version)
    if isinstance(version, str):
        try:
            value = float(version)
        except ValueError:
            return None
        text = str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
        return value if text == version else None
    return None


def _latest(by_version: dict[float, NodeVersion]) -> NodeVersion:
    return by_version[max(by_version)]


def _score(nv: NodeVersion, words: list[str]) -> float:
    name = nv.short_name.lower()
    display = nv.display_name.lower()
    aliases = " ".join(nv.aliases).lower()
    cats = " ".join(nv.categories).lower()
    desc = nv.description.lower()
    score = 0.0
    for w in words:
        s = 0.0
        if w == name or w == display:
            s = 10
        elif w in display.split() or w in name:
            s = 6
        elif w in aliases:
            s = 4
        elif w in display:
            s = 3
        elif w in cats:
            s = 2
        elif w in desc:
            s = 1
        if s == 0:
            return 0.0 if len(words) == 1 else score * 0.5
        score += s
    if nv.variant != "base":
        score *= 0.8
    return score


def _package_of(type_name: str) -> str:
    return type_name.rsplit(".", 1)[0]


def _tool_codex(codex: dict[str, Any], subcategory: str, preserve: bool) -> dict[str, Any]:
    subcategories = codex.get("subcategories")
    existing = subcategories.get("Tools") if isinstance(subcategories, dict) else None
    out: dict[str, Any] = {
        "categories": ["AI"],
        "subcategories": {
            "AI": ["Tools"],
            "Tools": existing if preserve and existing else [subcategory],
        },
    }
    if codex.get("alias"):
        out["alias"] = codex["alias"]
    return out


def _tool_twin(nv: NodeVersion) -> NodeVersion:
    """``<name>Tool``: the same node driven by an agent (n8n's ``convertNodeToAiTool``)."""
    raw = dict(nv.raw)
    usable = raw.pop("usableAsTool", None)
    if isinstance(usable, dict):
        raw.update(usable.get("replacements") or {})
    raw["name"] = nv.type_name + "Tool"
    raw["displayName"] = nv.display_name + " Tool"
    raw["inputs"] = []
    raw["outputs"] = ["ai_tool"]
    raw.pop("sendAndWait", None)
    raw.pop("sendAndWaitResource", None)
    raw["codex"] = _tool_codex(raw.get("codex") or {}, "Other Tools", True)
    full_description = nv.raw.get("description") or ""

    def props() -> list[dict[str, Any]]:
        base = nv.raw_properties
        names = {p.get("name") for p in base}
        if "toolDescription" in names:
            return list(base)
        desc_prop: dict[str, Any] = {
            "displayName": "Description",
            "name": "toolDescription",
            "type": "string",
            "default": full_description,
            "required": True,
            "typeOptions": {"rows": 2},
            "description": _TOOL_DESCRIPTION_HELP,
        }
        added = [desc_prop]
        if "resource" in names or "operation" in names:
            desc_prop["displayOptions"] = {"show": {"descriptionType": ["manual"]}}
            added = [
                {
                    "displayName": "Tool Description",
                    "name": "descriptionType",
                    "type": "options",
                    "noDataExpression": True,
                    "options": [
                        {"name": "Set Automatically", "value": "auto"},
                        {"name": "Set Manually", "value": "manual"},
                    ],
                    "default": "auto",
                },
                desc_prop,
            ]
        last_callout = max(
            (i for i, p in enumerate(base) if p.get("type") == "callout"), default=-1
        )
        return [*base[: last_callout + 1], *added, *base[last_callout + 1 :]]

    return NodeVersion(raw, props, variant="tool", base_type=nv.type_name, package=nv.package)


def _hitl_twin(nv: NodeVersion) -> NodeVersion:
    """``<name>HitlTool``: a human approves an agent's tool call (``convertNodeToHitlTool``)."""
    raw = dict(nv.raw)
    resource = raw.pop("sendAndWaitResource", None)
    raw.pop("sendAndWait", None)
    raw["name"] = nv.type_name + "HitlTool"
    raw["description"] = "Request human approval for tools"
    raw["defaultName"] = nv.display_name
    raw["inputs"] = [{"displayName": "Tool", "type": "ai_tool", "required": True}]
    raw["outputs"] = [
        {
            "displayName": "Human review",
            "type": "ai_tool",
            "filter": {
                "nodes": [
                    "@n8n/n8n-nodes-langchain.agent",
                    "@n8n/n8n-nodes-langchain.agentTool",
                ]
            },
        }
    ]
    raw["codex"] = _tool_codex(raw.get("codex") or {}, "Human in the Loop", False)

    def props() -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = [
            {
                "displayName": "Message",
                "name": "message",
                "type": "string",
                "default": _HITL_MESSAGE_DEFAULT,
                "required": True,
                "typeOptions": {"rows": 3},
            }
        ]
        for p in nv.raw_properties:
            name = p.get("name")
            if name == "resource":
                if resource:
                    out.append(_hidden("Resource", "resource", resource))
            elif name == "operation":
                out.append(_hidden("Operation", "operation", SEND_AND_WAIT))
            elif name == "message":
                continue
            elif name == "responseType":
                out.append(_hidden("Response Type", "responseType", "approval"))
            else:
                out.append(p)
        return out

    return NodeVersion(raw, props, variant="hitl", base_type=nv.type_name, package=nv.package)


def _hidden(display: str, name: str, default: str) -> dict[str, Any]:
    return {"displayName": display, "name": name, "type": "hidden", "default": default}


def read_catalog_file(path: Path) -> tuple[dict[str, Any], list[bytes]]:
    """Header dict and the per-entry property lines of a distilled catalog file."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    lines = data.split(b"\n")
    header = json.loads(lines[0])
    return header, lines[1 : 1 + len(header["nodes"])]


@functools.lru_cache(maxsize=4)
def _load_cached(path: str) -> Catalog:
    header, lines = read_catalog_file(Path(path))
    return Catalog(header, lines, source=path)


def load_catalog(path: str | Path | None = None) -> Catalog:
    """The catalog at ``path`` (default: the committed seeds file), loaded once per process."""
    return _load_cached(str(Path(path) if path is not None else DEFAULT_PATH))


def iter_all_entries(catalog: Catalog) -> Iterable[NodeVersion]:
    """Every distinct version entry of every type (twins included)."""
    for t in catalog.types():
        yield from catalog.entries(t)
