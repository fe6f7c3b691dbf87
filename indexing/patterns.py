"""Mine node patterns: how real workflows configure each node type / resource / operation.

The engine uses patterns to fill parameters the way people actually do (which keys are set
together, which option values and expression shapes are typical, which nodes usually come
before and after), so generated workflows look like ones that work in practice.

Definition (stable; the index and the docs rely on it)
------------------------------------------------------
* A **node occurrence** is a node with non-empty ``parameters`` (sticky notes excluded) in a
  corpus workflow. Its **operation** is ``(type, resource, operation)``, where a missing
  resource/operation is replaced by the node's default for its typeVersion (from
  :class:`NodeFacts`); types without them have ``None``.
* Its **items** are: each top-level parameter key with a non-empty value (``url``), as
  ``key=value`` when the catalog declares the parameter ``options``/``boolean`` and the value
  is a literal (``method=POST``), plus ``key.sub`` for each sub-option set inside a
  ``collection`` parameter (``options.timezone``). ``resource``/``operation`` are not items.
* A **pattern** is a closed item set of an operation: a set of items that is exactly the
  intersection of the item sets of the occurrences containing it (i.e. no larger set has the
  same support), with **support** >= ``min_support`` distinct workflows (default 2) of which at
  least one may be mined for values (MIT / CC-BY). The closed set shared by every occurrence
  of the operation is its ``kind="operation"`` summary; the others are ``kind="configuration"``.
  At most ``max_per_operation`` configurations (highest support first) are kept per operation.
* Statistics of a pattern are taken over the occurrences whose items contain its signature:
  typeVersions and neighbour types count nodes (each neighbour type once per node); parameter
  paths, values and expression shapes count distinct mining-usable workflows; value shapes
  count values (each list element once).

Licensing: stored strings (keys, option values, expression shapes, URL hosts) come only from
records usable for ``mining``; records usable only for ``statistics`` (zie619) add counts
(support, typeVersions, neighbour types). Values are abstracted: expressions to shapes
(``={{ $('<node>').item.json.<field> }}``), free text/code/JSON to a shape name, URLs to
``scheme://host/…``, e-mails, IPs and opaque ids to placeholders. A literal value is stored
only when it was seen in at least two mining-usable workflows, and a string only when it is
short and enum-like (an option value of <= 60 characters, or <= 40 characters and <= 3 words).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from nodepilot.paths import SEEDS_DIR
from nodepilot.workflow import STICKY_NOTE, Workflow

log = logging.getLogger(__name__)
NOTE_TYPES = frozenset({STICKY_NOTE})
ENUM_TYPES = frozenset({"options", "boolean"})
COLLECTION_TYPES = frozenset({"collection", "fixedCollection"})

#: Keys whose string values are code, prompts or message bodies: only their shape is kept.
FREE_TEXT_KEYS = frozenset(
    {
        "jsCode",
        "pythonCode",
        "functionCode",
        "code",
        "text",
        "systemMessage",
        "prompt",
        "content",
        "html",
        "message",
        "body",
        "query",
        "jsonBody",
        "jsonParameters",
        "jsonHeaders",
        "jsonQuery",
        "subject",
        "description",
        "notice",
        "instructions",
        "promptType",
    }
)
#: Field names produced by n8n or its nodes, kept in expression shapes (user fields are not).
KNOWN_FIELDS = frozenset(
    {
        "json",
        "binary",
        "item",
        "items",
        "params",
        "length",
        "body",
        "query",
        "headers",
        "output",
        "text",
        "chatInput",
        "sessionId",
        "action",
        "message",
        "content",
        "choices",
        "data",
        "execution",
        "workflow",
        "error",
        "id",
        "name",
        "response",
        "files",
        "pairedItem",
        "runIndex",
        "context",
        "isExecuted",
    }
)

_MAX_EXPR = 120
_MAX_VALUE = 60
_MAX_PATHS = 40
_MAX_VALUES = 5
_MAX_DEPTH = 4


# --------------------------------------------------------------------------- catalog facts


class NodeFacts(Protocol):
    """What mining needs to know from the node catalog."""

    def resource_operation(
        self, node_type: str, type_version: Any, params: Mapping[str, Any]
    ) -> tuple[str | None, str | None]:
        """The node's resource and operation, applying the catalog defaults when omitted."""
        ...

    def param_type(self, node_type: str, name: str, type_version: Any = None) -> str | None:
        """The catalog type of a top-level parameter (``options``, ``collection``...)."""
        ...


class NoFacts:
    """Facts when no catalog is at hand: only what the parameters say explicitly."""

    def resource_operation(
        self, node_type: str, type_version: Any, params: Mapping[str, Any]
    ) -> tuple[str | None, str | None]:
        res, op = params.get("resource"), params.get("operation")
        return (res if isinstance(res, str) else None, op if isinstance(op, str) else None)

    def param_type(self, node_type: str, name: str, type_version: Any = None) -> str | None:
        return None


class CatalogFacts:
    """Facts from the project's node catalog (:mod:`indexing.catalog`).

    Explicit ``resource``/``operation`` values win; a missing one is the default of the first
    ``resource``/``operation`` property n8n would display for these parameters and typeVersion
    (n8n's ``displayParameter`` via :func:`indexing.catalog.params.is_displayed`, with the
    defaults of other top-level parameters filled in). On the corpus this gives the same
    result as a full ``resolve_parameters`` for every node, at a fraction of the cost.
    A typeVersion the catalog does not declare falls back to the closest declared one.
    """

    def __init__(self, catalog: Any = None) -> None:
        if catalog is None:
            from indexing.catalog.load import load_catalog

            catalog = load_catalog()
        from indexing.catalog.params import is_displayed

        self._cat = catalog
        self._is_displayed = is_displayed
        self._entries: dict[tuple[str, str], Any] = {}
        self._types: dict[tuple[str, str, str], str | None] = {}

    def _entry(self, node_type: str, type_version: Any) -> Any:
        key = (node_type, repr(type_version))
        if key not in self._entries:
            tv = type_version if isinstance(type_version, int | float) else None
            if isinstance(type_version, bool):
                tv = None
            nv = self._cat.get(node_type, tv) if self._cat.has_type(node_type) else None
            if nv is None and self._cat.has_type(node_type):
                closest = self._cat.closest_version(node_type, tv)
                nv = self._cat.get(node_type, closest) if closest is not None else None
            self._entries[key] = nv
        return self._entries[key]

    def param_type(self, node_type: str, name: str, type_version: Any = None) -> str | None:
        key = (node_type, name, repr(type_version))
        if key not in self._types:
            found = None
            if self._cat.has_type(node_type):
                nv = self._entry(node_type, type_version)
                candidates = [nv] if nv is not None else []
                candidates += self._cat.entries(node_type)
                for entry in candidates:
                    props = entry.property_named(name)
                    if props:
                        found = props[0].type
                        break
            self._types[key] = found
        return self._types[key]

    def resource_operation(
        self, node_type: str, type_version: Any, params: Mapping[str, Any]
    ) -> tuple[str | None, str | None]:
        res, op = NoFacts().resource_operation(node_type, type_version, params)
        if res and op:
            return res, op
        nv = self._entry(node_type, type_version)
        if nv is None:
            return res, op
        props = nv.raw_properties
        if not any(p.get("name") in ("resource", "operation") for p in props):
            return res, op
        known: dict[str, Any] = {}
        for prop in reversed(props):  # the first declaration of a name wins
            known[prop.get("name")] = prop.get("default")
        known.update(params)
        tv = type_version if isinstance(type_version, int | float) else None

        def first_default(name: str) -> str | None:
            for prop in props:
                if prop.get("name") != name:
                    continue
                shown = self._is_displayed(prop, known, tv, type_name=nv.type_name, root=known)
                if shown:
                    default = prop.get("default")
                    return default if isinstance(default, str) and default else None
            return None

        if res is None:
            res = first_default("resource")
        if res is not None:
            known["resource"] = res
        if op is None:
            op = first_default("operation")
        return res, op


# --------------------------------------------------------------------------- abstraction

_NODE_REF = re.compile(
    r"""(\$\(\s*|\$node\[\s*|\$items\(\s*)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
)
_STRING = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`""")
_PROP = re.compile(r"\.([A-Za-z_$][\w$]*)(?![\w$]|\s*\()")
_BRACKET_STR = re.compile(r"\[\s*'<str>'\s*\]")
_SPACES = re.compile(r"\s+")
_BRACES = re.compile(r"\{\{(.*?)\}\}", re.S)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^([a-z][a-z0-9+.-]*)://([^/\s?#:]+)(:\d+)?([/?#]\S*)?$", re.I)
_IP = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
_ENUMLIKE = re.compile(r"^[\w.:/+#@-]+(?: [\w.:/+#@-]+){0,2}$")


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_TOKEN_SPLIT = re.compile(r"[-_./: ]+")


def looks_like_id(value: str) -> bool:
    """True for opaque identifiers (uuids, document/folder/account ids, long numbers).

    They are useless as examples and may identify someone's account, so they are never kept.
    A token is id-like when it is a long number, or a long token mixing digits and letters,
    or mixes upper case, lower case and digits (model names such as ``gpt-4o`` stay).
    """
    if _UUID.match(value):
        return True
    for tok in _TOKEN_SPLIT.split(value):
        digits = sum(c.isdigit() for c in tok)
        if tok.isdigit() and len(tok) >= 9:
            return True
        if len(tok) >= 10 and digits and digits < len(tok):
            return True
        if (
            len(tok) >= 8
            and digits
            and any(c.isupper() for c in tok)
            and any(c.islower() for c in tok)
        ):
            return True
    return False


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _abstract_js(code: str) -> str:
    """The shape of the code inside ``{{ }}``: node names, strings and user fields removed."""
    out = _NODE_REF.sub(lambda m: m.group(1) + "'<node>'", code)
    out = _STRING.sub(lambda m: m.group(0) if m.group(0) == "'<node>'" else "'<str>'", out)
    out = _BRACKET_STR.sub(".<field>", out)
    out = _PROP.sub(lambda m: "." + (m.group(1) if m.group(1) in KNOWN_FIELDS else "<field>"), out)
    return _SPACES.sub(" ", out).strip()


def expression_shape(value: str) -> str:
    """Abstract an n8n expression (``=...{{ js }}...``) to a shape without user content.

    Literal text around ``{{ }}`` becomes ``<text>``; inside, node names become ``'<node>'``,
    string literals ``'<str>'`` and user field names ``<field>``, e.g.
    ``=Hi {{ $('Get user').item.json.first_name }}`` becomes
    ``=<text>{{ $('<node>').item.json.<field> }}``.
    """
    body = value[1:] if value.startswith("=") else value
    parts: list[str] = []
    pos = 0
    for m in _BRACES.finditer(body):
        if body[pos : m.start()].strip():
            parts.append("<text>")
        parts.append("{{ " + _abstract_js(m.group(1)) + " }}")
        pos = m.end()
    if body[pos:].strip():
        parts.append("<text>")
    return _clip("=" + "".join(parts), _MAX_EXPR)


def url_shape(value: str) -> str | None:
    """``scheme://host/…`` for a URL (IP hosts become ``<ip>``); None when not a URL."""
    m = _URL.match(value.strip())
    if not m:
        return None
    host = m.group(2).lower()
    if _IP.match(host):
        host = "<ip>"
    return f"{m.group(1).lower()}://{host}" + ("/…" if m.group(4) else "")


@dataclass(frozen=True, slots=True)
class Leaf:
    """One abstracted parameter value: its shape, and a storable value or expression shape."""

    shape: str
    value: Any = None
    expression: str | None = None


def abstract_value(key: str, value: Any, param_type: str | None = None) -> Leaf:
    """Abstract a scalar parameter value for storage (see the module docstring)."""
    if isinstance(value, bool):
        return Leaf("boolean", value)
    if isinstance(value, int | float):
        return Leaf("number", value)
    if value is None:
        return Leaf("null")
    if not isinstance(value, str):
        return Leaf(type(value).__name__)
    if value.startswith("="):
        return Leaf("expression", expression=expression_shape(value))
    if value == "":
        return Leaf("empty")
    stripped = value.strip()
    url = url_shape(stripped)
    if url:
        return Leaf("url", url)
    if _EMAIL.match(stripped):
        return Leaf("email")
    if _IP.match(stripped):
        return Leaf("ip")
    if key in FREE_TEXT_KEYS or "\n" in value or len(value) > _MAX_VALUE:
        return Leaf("json-text" if stripped[:1] in "{[" else "text")
    if looks_like_id(stripped):
        return Leaf("id")
    if param_type in ENUM_TYPES:
        return Leaf("option", value)
    if len(value) > 40:
        return Leaf("json-text" if stripped[:1] in "{[" else "text")
    if _ENUMLIKE.match(value):
        return Leaf("string", value)
    return Leaf("text")


def flatten(
    params: Mapping[str, Any],
    facts: NodeFacts | None = None,
    node_type: str = "",
    type_version: Any = None,
) -> list[tuple[str, Leaf]]:
    """(path, leaf) for every value in ``params``: ``options.timezone``, ``rules.values[].op``.

    Resource locators (``{"__rl": true, "mode": ...}``) are one leaf ``resourceLocator:<mode>``
    whose value is abstracted like any string (ids dropped, names such as a model kept,
    expressions as shapes); their ``cachedResult*`` display caches are ignored. Depth is capped.
    """
    facts = facts or NoFacts()
    out: list[tuple[str, Leaf]] = []

    def walk(path: str, key: str, value: Any, depth: int, ptype: str | None) -> None:
        if isinstance(value, dict):
            if value.get("__rl") is True or ("__rl" in value and "mode" in value):
                inner = abstract_value(key, value.get("value"))
                keep = inner.value if inner.shape in ("string", "url") else None
                shape = f"resourceLocator:{value.get('mode')}"
                out.append((path, Leaf(shape, keep, inner.expression)))
                return
            if not value:
                out.append((path, Leaf("empty-object")))
                return
            if depth >= _MAX_DEPTH:
                out.append((path, Leaf("object")))
                return
            for k, v in value.items():
                walk(f"{path}.{k}", str(k), v, depth + 1, None)
            return
        if isinstance(value, list):
            if not value:
                out.append((path, Leaf("empty-list")))
                return
            if depth >= _MAX_DEPTH or not all(isinstance(v, dict) for v in value):
                scalars = [v for v in value if not isinstance(v, dict | list)]
                out.append((path, Leaf("list", None)))
                for v in scalars[:10]:
                    out.append((path + "[]", abstract_value(key, v, ptype)))
                return
            for v in value:
                walk(path + "[]", key, v, depth + 1, None)
            return
        out.append((path, abstract_value(key, value, ptype)))

    for k, v in params.items():
        k = str(k)
        ptype = facts.param_type(node_type, k, type_version)
        if ptype == "resourceMapper" and isinstance(v, dict):
            # column mappings: user column names become <field>; the schema is an editor cache
            for sub, sv in v.items():
                if sub == "value" and isinstance(sv, dict):
                    for col_value in sv.values():
                        walk(f"{k}.value.<field>", "value", col_value, 2, None)
                elif sub == "schema":
                    out.append((f"{k}.schema", Leaf("list" if sv else "empty-list")))
                else:
                    walk(f"{k}.{sub}", str(sub), sv, 1, None)
            continue
        walk(k, k, v, 0, ptype)
    return out


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == {} or value == []


def node_items(
    node_type: str,
    params: Mapping[str, Any],
    facts: NodeFacts | None = None,
    type_version: Any = None,
) -> frozenset[str]:
    """The item set of a node occurrence (see the module docstring)."""
    facts = facts or NoFacts()
    items: list[str] = []
    for k, v in params.items():
        k = str(k)
        if k in ("resource", "operation") or _empty(v):
            continue
        ptype = facts.param_type(node_type, k, type_version)
        literal = isinstance(v, bool | int | float) or (
            isinstance(v, str) and not v.startswith("=") and len(v) <= _MAX_VALUE
        )
        if ptype in ENUM_TYPES and literal and "\n" not in str(v):
            items.append(f"{k}={json.dumps(v) if not isinstance(v, str) else v}")
        elif isinstance(v, dict) and "__rl" in v and isinstance(v.get("mode"), str):
            items.append(f"{k}@{v['mode']}")
        else:
            items.append(k)
        if ptype in COLLECTION_TYPES and isinstance(v, dict):
            items.extend(f"{k}.{sub}" for sub, sv in v.items() if not _empty(sv))
    return frozenset(items)


# --------------------------------------------------------------------------- occurrences


class CorpusRecord(Protocol):
    """The part of :class:`indexing.corpus.TemplateRecord` mining reads."""

    source_id: str
    source: str
    workflow: dict[str, Any]

    def usable(self, purpose: str) -> bool: ...


@dataclass(slots=True)
class Occurrence:
    """One node with parameters, with its workflow, neighbours and item set."""

    workflow_id: str
    source: str
    licensed: bool
    node_type: str
    resource: str | None
    operation: str | None
    defaulted: bool
    type_version: str
    raw_version: Any
    params: Mapping[str, Any]
    items: frozenset[str]
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    ai_out: list[str] = field(default_factory=list)
    ai_in: list[str] = field(default_factory=list)
    _leaves: list[tuple[str, str, str | None, str | None]] | None = None

    def leaves(self, facts: NodeFacts) -> list[tuple[str, str, str | None, str | None]]:
        """(path, shape, JSON of the storable value, expression shape), computed once."""
        if self._leaves is None:
            self._leaves = [
                (
                    path,
                    leaf.shape,
                    None if leaf.value is None else json.dumps(leaf.value, ensure_ascii=False),
                    leaf.expression,
                )
                for path, leaf in flatten(self.params, facts, self.node_type, self.raw_version)
                if path not in ("resource", "operation")
            ]
        return self._leaves


def _version_key(v: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        return "?"
    return str(v)


def occurrences(record: CorpusRecord, facts: NodeFacts | None = None) -> list[Occurrence]:
    """Node occurrences of one workflow; malformed nodes/connections are skipped."""
    facts = facts or NoFacts()
    wf = record.workflow if isinstance(record.workflow, dict) else {}
    nodes = wf.get("nodes") if isinstance(wf.get("nodes"), list) else []
    model = Workflow.from_n8n(wf, strict=False)
    type_by_name = {n.name: n.type for n in model.nodes}
    before: dict[str, list[str]] = defaultdict(list)
    after: dict[str, list[str]] = defaultdict(list)
    ai_out: dict[str, list[str]] = defaultdict(list)
    ai_in: dict[str, list[str]] = defaultdict(list)
    # every connection between named nodes, by the output type it leaves from
    for c in model.connections:
        src, dst = c.source, c.target
        if src not in type_by_name or dst not in type_by_name:
            continue
        if c.type == "main":
            after[src].append(type_by_name[dst])
            before[dst].append(type_by_name[src])
        else:
            ai_out[src].append(f"{c.type}>{type_by_name[dst]}")
            ai_in[dst].append(f"{c.type}<{type_by_name[src]}")
    licensed = bool(record.usable("mining"))
    out: list[Occurrence] = []
    for n in nodes:
        if not isinstance(n, dict):
            continue
        ntype, params = n.get("type"), n.get("parameters")
        if not isinstance(ntype, str) or ntype in NOTE_TYPES:
            continue
        if not isinstance(params, dict) or not params:
            continue
        tv = n.get("typeVersion", 1)
        try:
            res, op = facts.resource_operation(ntype, tv, params)
        except Exception:  # a catalog quirk must not stop mining of the whole corpus
            log.debug("catalog defaults failed for %s v%s", ntype, tv, exc_info=True)
            res, op = NoFacts().resource_operation(ntype, tv, params)
        defaulted = (res is not None and "resource" not in params) or (
            op is not None and "operation" not in params
        )
        name = n.get("name") if isinstance(n.get("name"), str) else None
        out.append(
            Occurrence(
                workflow_id=record.source_id,
                source=record.source,
                licensed=licensed,
                node_type=ntype,
                resource=res,
                operation=op,
                defaulted=defaulted,
                type_version=_version_key(tv),
                raw_version=tv,
                params=params,
                items=node_items(ntype, params, facts, tv),
                before=before.get(name, []) if name else [],
                after=after.get(name, []) if name else [],
                ai_out=ai_out.get(name, []) if name else [],
                ai_in=ai_in.get(name, []) if name else [],
            )
        )
    return out


# --------------------------------------------------------------------------- mining


def closed_itemsets(transactions: Iterable[frozenset[str]]) -> set[frozenset[str]]:
    """Every intersection of a non-empty subset of ``transactions`` (the closed item sets)."""
    closed: set[frozenset[str]] = set()
    for t in set(transactions):
        closed |= {c & t for c in closed}
        closed.add(t)
    return closed


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def select_patterns(
    occs: list[Occurrence], min_support: int = 2, max_per_operation: int = 80
) -> list[tuple[frozenset[str], list[Occurrence], bool]]:
    """The patterns of one operation: (signature, member occurrences, is the operation summary).

    Candidates are the closed item sets of all occurrences with ``min_support`` distinct
    workflows and at least one licensed member (so every stored item string was seen in a
    workflow whose licence allows mining). The operation summary (items shared by all
    occurrences) comes first, then up to ``max_per_operation`` configurations by support.
    """
    wf_ids = [o.workflow_id for o in occs]
    if len(set(wf_ids)) < min_support or not any(o.licensed for o in occs):
        return []
    item_masks: dict[str, int] = defaultdict(int)
    for i, o in enumerate(occs):
        bit = 1 << i
        for item in o.items:
            item_masks[item] |= bit
    every = (1 << len(occs)) - 1
    common = frozenset.intersection(*(o.items for o in occs))
    scored: list[tuple[int, int, list[str], frozenset[str], list[Occurrence]]] = []
    for sig in closed_itemsets(o.items for o in occs):
        mask = every
        for item in sig:
            mask &= item_masks[item]
        if mask.bit_count() < min_support:
            continue
        members = [occs[i] for i in _bits(mask)]
        n_wfs = len({o.workflow_id for o in members})
        if n_wfs < min_support or not any(o.licensed for o in members):
            continue
        scored.append((-n_wfs, len(sig), sorted(sig), sig, members))
    scored.sort(key=lambda c: (c[0], c[1], c[2]))
    head = [(common, occs, True)]
    rest = [(sig, members, False) for *_, sig, members in scored if sig != common]
    return head + rest[:max_per_operation]


def pattern_id(node_type: str, resource: str | None, operation: str | None, sig: Any) -> str:
    """Stable id of a pattern: a digest of its operation and signature."""
    key = json.dumps([node_type, resource, operation, sorted(sig)], ensure_ascii=False)
    return "pat-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _ranked(counter: Counter, n: int) -> list[tuple[Any, int]]:
    """The ``n`` most common entries, ties broken by key so output never depends on order."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]


def _top(counter: Counter, n: int) -> dict[str, int]:
    return {str(k): v for k, v in _ranked(counter, n)}


def _summarise(
    occs: list[Occurrence], facts: NodeFacts, value_min_workflows: int
) -> dict[str, Any]:
    """Statistics of a pattern over its occurrences (values from licensed ones only)."""
    type_versions: Counter = Counter()
    before: Counter = Counter()
    after: Counter = Counter()
    ai_out: Counter = Counter()
    ai_in: Counter = Counter()
    path_wfs: dict[str, set[str]] = defaultdict(set)
    shapes: dict[str, Counter] = defaultdict(Counter)
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    exprs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for o in occs:
        type_versions[o.type_version] += 1
        # neighbours: count each neighbour type once per node
        before.update(set(o.before))
        after.update(set(o.after))
        ai_out.update(set(o.ai_out))
        ai_in.update(set(o.ai_in))
        if not o.licensed:
            continue
        for path, shape, value, expression in o.leaves(facts):
            path_wfs[path].add(o.workflow_id)
            shapes[path][shape] += 1
            if value is not None:
                values[path][value].add(o.workflow_id)
            if expression:
                exprs[path][expression].add(o.workflow_id)
    params: dict[str, Any] = {}
    ranked = sorted(path_wfs, key=lambda p: (-len(path_wfs[p]), p))[:_MAX_PATHS]
    for path in ranked:
        entry: dict[str, Any] = {
            "workflows": len(path_wfs[path]),
            "shapes": _top(shapes[path], 4),
        }
        vals = Counter(
            {v: len(w) for v, w in values[path].items() if len(w) >= value_min_workflows}
        )
        if vals:
            entry["values"] = [[json.loads(k), c] for k, c in _ranked(vals, _MAX_VALUES)]
        ex = Counter({e: len(w) for e, w in exprs[path].items()})
        if ex:
            entry["expressions"] = [[e, c] for e, c in _ranked(ex, _MAX_VALUES)]
        params[path] = entry
    return {
        "type_versions": _top(type_versions, 10),
        "before": _top(before, 8),
        "after": _top(after, 8),
        "ai_out": _top(ai_out, 8),
        "ai_in": _top(ai_in, 8),
        "parameters": params,
    }


@dataclass(frozen=True, slots=True)
class MiningStats:
    """What mining saw: for the manifest and the report."""

    workflows: int
    workflows_by_source: dict[str, int]
    nodes_with_parameters: int
    nodes_without_parameters: int
    operations: int
    patterns: int


def mine_patterns(
    records: Iterable[CorpusRecord],
    facts: NodeFacts | None = None,
    *,
    min_support: int = 2,
    max_per_operation: int = 80,
    value_min_workflows: int = 2,
) -> tuple[list[dict[str, Any]], MiningStats]:
    """Mine patterns from corpus records (already de-duplicated and reference-filtered).

    Returns the patterns (plain JSON-ready dicts, sorted by node type, resource, operation,
    descending support) and counts of what was read.
    """
    facts = facts or NoFacts()
    by_op: dict[tuple[str, str | None, str | None], list[Occurrence]] = defaultdict(list)
    wf_count = 0
    by_source: Counter = Counter()
    without = 0
    with_params = 0
    for rec in records:
        wf_count += 1
        by_source[rec.source] += 1
        wf = rec.workflow if isinstance(rec.workflow, dict) else {}
        nodes = wf.get("nodes") if isinstance(wf.get("nodes"), list) else []
        for n in nodes:
            if (
                isinstance(n, dict)
                and isinstance(n.get("type"), str)
                and n["type"] not in NOTE_TYPES
                and not (isinstance(n.get("parameters"), dict) and n.get("parameters"))
            ):
                without += 1
        for occ in occurrences(rec, facts):
            with_params += 1
            by_op[(occ.node_type, occ.resource, occ.operation)].append(occ)

    patterns: list[dict[str, Any]] = []
    for (ntype, res, op), occs in by_op.items():
        op_wfs = {o.workflow_id for o in occs}
        chosen = select_patterns(occs, min_support, max_per_operation)
        for sig, members, is_operation in chosen:
            wfs = {o.workflow_id for o in members}
            lic_wfs = {o.workflow_id for o in members if o.licensed}
            src = Counter({o.workflow_id: o.source for o in members}.values())
            pat = {
                "id": pattern_id(ntype, res, op, sig),
                "kind": "operation" if is_operation else "configuration",
                "node_type": ntype,
                "resource": res,
                "operation": op,
                "signature": sorted(sig),
                "support": {
                    "workflows": len(wfs),
                    "nodes": len(members),
                    "licensed_workflows": len(lic_wfs),
                    "by_source": dict(sorted(src.items())),
                },
                "share_of_operation": round(len(wfs) / len(op_wfs), 4),
                "defaulted_nodes": sum(1 for o in members if o.defaulted),
            }
            pat.update(_summarise(members, facts, value_min_workflows))
            patterns.append(pat)
    patterns.sort(
        key=lambda p: (
            p["node_type"],
            p["resource"] or "",
            p["operation"] or "",
            -p["support"]["workflows"],
            p["id"],
        )
    )
    stats = MiningStats(
        workflows=wf_count,
        workflows_by_source=dict(sorted(by_source.items())),
        nodes_with_parameters=with_params,
        nodes_without_parameters=without,
        operations=len(by_op),
        patterns=len(patterns),
    )
    return patterns, stats


def patterns_path() -> Path:
    """Where the mined patterns are versioned (``seeds/patterns/node_patterns.jsonl.gz``)."""
    return SEEDS_DIR / "patterns" / "node_patterns.jsonl.gz"


def load_patterns(path: Path | None = None) -> Iterator[dict[str, Any]]:
    """Read mined patterns (one dict per line, see :func:`mine_patterns`) for the indexer."""
    with gzip.open(path or patterns_path(), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
