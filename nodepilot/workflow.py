"""The n8n workflow as a domain model: nodes, typed connections, and the graph questions every
layer asks (edges of a connection type, triggers, the sub-nodes of a root, reachability).

Why: workflows travel as ``dict[str, Any]`` and the same connection walk was written by hand in
the validator, the eval metrics, the corpus reader, the pattern miner and the offline generator,
each with its own tolerance for broken input. This module is the one reading, at the lowest
layer (no I/O, no catalog), so ``indexing``, ``engine`` and ``eval`` can all use it.

n8n stores connections by *source name*: ``connections[source][type][output] = [{"node":
target, "type": input type, "index": input}]``. AI sub-nodes connect *to* their root (a chat
model -> an agent over ``ai_languageModel``), so "the sub-nodes of a root" are the sources of
its non-``main`` incoming connections.

``Workflow.from_n8n`` keeps everything it does not interpret (other top-level keys, every node
field, extra keys of a connection entry, empty or ``null`` output slots), so
``Workflow.from_n8n(d).to_n8n() == d`` for any well-formed workflow ``d``. With
``strict=False`` it reads what it can from a broken one (what a metric scoring a bad output
needs) and skips the rest; ``strict=True`` raises :class:`WorkflowFormatError` naming the path.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from nodepilot.errors import UserError

MAIN = "main"
#: The two node packages' type prefixes (``n8n-nodes-base.slack``, ``@n8n/...langchain.agent``).
BASE = "n8n-nodes-base."
LC = "@n8n/n8n-nodes-langchain."
STICKY_NOTE = BASE + "stickyNote"
#: Node types that start a workflow without a ``...Trigger`` type name.
TRIGGERS_WITHOUT_TRIGGER_NAME = frozenset(
    {
        "n8n-nodes-base.webhook",
        "n8n-nodes-base.cron",
        "n8n-nodes-base.interval",
        "n8n-nodes-base.start",
    }
)
_TRIGGER_NAME = re.compile(r"trigger$", re.IGNORECASE)
#: How a workflow starts, by its trigger's type (the kinds the benchmark, its dataset card and
#: the per-kind metric breakdowns use); any other ``...Trigger`` is an app's own trigger.
TRIGGER_KINDS: Mapping[str, str] = MappingProxyType(
    {
        BASE + "scheduleTrigger": "schedule",
        BASE + "cron": "schedule",
        BASE + "interval": "schedule",
        BASE + "webhook": "webhook",
        BASE + "formTrigger": "form",
        LC + "chatTrigger": "chat",
        LC + "mcpTrigger": "app",
        BASE + "manualTrigger": "manual",
        BASE + "executeWorkflowTrigger": "subworkflow",
        BASE + "errorTrigger": "error",
        BASE + "emailReadImap": "app",
    }
)


class WorkflowFormatError(UserError):
    """A workflow that is not n8n's JSON shape; the message names the path."""


def short_type(node_type: str) -> str:
    """``n8n-nodes-base.slackTrigger`` -> ``slackTrigger``."""
    return node_type.rsplit(".", 1)[-1]


def has_trigger_name(node_type: str) -> bool:
    """The type's short name ends in ``Trigger`` (any case), as n8n's editor reads unknown types."""
    return bool(_TRIGGER_NAME.search(short_type(node_type)))


def is_trigger_type(node_type: str, declared: bool | None = None) -> bool:
    """Whether a node of this type starts a workflow: the one definition every layer uses.

    ``declared`` is the catalog's word (group ``trigger``, polling nodes) and is authoritative
    when it says yes. Without it (no catalog at this layer, or an unknown type or version) the
    name decides: a ``...Trigger`` name, or one of :data:`TRIGGERS_WITHOUT_TRIGGER_NAME`. A
    caller holding the catalog but judging like n8n's editor (which trusts only the
    declaration and the name) uses ``declared or has_trigger_name(t)``.
    """
    if declared:
        return True
    return node_type in TRIGGERS_WITHOUT_TRIGGER_NAME or has_trigger_name(node_type)


def trigger_kind(node_type: str) -> str:
    """The kind of start a trigger type makes (:data:`TRIGGER_KINDS`; ``app`` for any other
    ``...Trigger``, ``other`` for a type that is no trigger by name)."""
    if node_type in TRIGGER_KINDS:
        return TRIGGER_KINDS[node_type]
    if node_type.endswith("Trigger"):
        return "app"
    return "other"


#: Short-name prefixes of the LangChain package's sub-node types, for :func:`is_sub_node_type`
#: without a catalog.
SUB_NODE_PREFIXES = (
    "lmChat",
    "lmOpenAi",
    "memory",
    "embeddings",
    "outputParser",
    "textSplitter",
    "documentDefault",
    "documentBinary",
    "retriever",
    "tool",
    "reranker",
)


def is_sub_node_type(node_type: str, declared: bool | None = None) -> bool:
    """Whether a node of this type is an AI sub-node (a model, memory, tool, ... that feeds a
    root over a non-``main`` connection and never sits in the main chain): the one definition.

    Authoritative is the catalog, passed as ``declared`` (``NodeVersion.is_sub_node``: n8n's
    own ``isSubNodeType``, true when the description's outputs include a non-``main`` type),
    because that is what n8n's editor and executor act on. Without it (this layer has no
    catalog; an unknown type) the name decides: a LangChain type with a sub-node prefix
    (:data:`SUB_NODE_PREFIXES`) or any ``...Tool`` type. The name rule is an approximation: on
    n8n 2.41 it is wrong for 14 types (``lmOllama``, ``lmCohere``, ``modelSelector``, the
    ``vectorStore...Load`` and two document loaders are sub-nodes without a sub-node name;
    ``memoryManager``, ``memoryChatRetriever`` and ``toolExecutor`` run in the main chain), so
    a caller holding the catalog passes its answer.
    """
    if declared is not None:
        return declared
    if node_type.startswith(LC):
        short = node_type[len(LC) :]
        if short.startswith(SUB_NODE_PREFIXES) or short.endswith("Tool"):
            return True
    return node_type.endswith("Tool")


@dataclass(frozen=True)
class Node:
    """One node; ``data`` is its whole n8n object (parameters, position, credentials, ...);
    ``name`` and ``type`` are what :meth:`to_n8n` writes, whatever ``data`` says."""

    name: str
    type: str
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def disabled(self) -> bool:
        return self.data.get("disabled") is True

    @property
    def parameters(self) -> Mapping[str, Any]:
        params = self.data.get("parameters")
        return params if isinstance(params, Mapping) else {}

    @property
    def is_sticky_note(self) -> bool:
        return self.type == STICKY_NOTE

    def to_n8n(self) -> dict[str, Any]:
        """The node's n8n object: a deep copy of ``data`` with ``name`` and ``type`` from the
        fields, so a node built in code (``Node("A", "t")``, no ``data``) or renamed with
        ``dataclasses.replace`` is written whole; a node read by ``from_n8n`` comes back equal,
        key order included (its ``data`` already holds the same name and type)."""
        out = copy.deepcopy(dict(self.data))
        head = {k: v for k, v in (("name", self.name), ("type", self.type)) if k not in out}
        out = {**head, **out}
        out["name"], out["type"] = self.name, self.type
        return out


@dataclass(frozen=True)
class Connection:
    """One connection: ``source`` output ``output`` of ``type`` -> ``target`` input ``input``.

    ``input_type`` is the entry's own ``type`` (n8n writes the same as ``type``); ``extra``
    holds any other keys of the entry, kept for a lossless round trip; ``position`` is the
    entry's place in its output list in the JSON it was read from (where a finding about this
    connection points: ``connections[source][type][output][position]``).
    """

    source: str
    target: str
    type: str = MAIN
    output: int = 0
    input: int = 0
    input_type: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()
    position: int = field(default=0, compare=False)

    @property
    def kind(self) -> str:
        """The connection type an edge is judged by (the entry's, else the output's)."""
        return self.input_type or self.type


@dataclass(frozen=True)
class Workflow:
    """Nodes and connections of one workflow (immutable; build a new one to change it)."""

    nodes: tuple[Node, ...]
    connections: tuple[Connection, ...] = ()
    #: Every top-level key other than ``nodes`` and ``connections``, in order.
    extra: tuple[tuple[str, Any], ...] = ()
    #: How the connections object was laid out (source -> type -> slots), for ``to_n8n``.
    layout: tuple[tuple[str, tuple[tuple[str, tuple[bool | None, ...]], ...]], ...] = field(
        default=(), compare=False, repr=False
    )
    #: Where ``nodes`` and ``connections`` stood among the top-level keys.
    key_order: tuple[str, ...] = field(default=(), compare=False, repr=False)

    # -- reading and writing n8n JSON ------------------------------------------------------
    @classmethod
    def from_n8n(cls, data: Any, *, strict: bool = True) -> Workflow:
        """The model of an n8n workflow object (see the module docstring for ``strict``)."""
        return _Reader(strict).workflow(data)

    def to_n8n(self) -> dict[str, Any]:
        """The n8n JSON object (a fresh deep copy; equal to what ``from_n8n`` read)."""
        extra = dict(self.extra)
        order = self.key_order or ("nodes", "connections", *extra)
        out: dict[str, Any] = {}
        for key in order:
            if key == "nodes":
                out["nodes"] = [n.to_n8n() for n in self.nodes]
            elif key == "connections":
                out["connections"] = self._connections_json()
            elif key in extra:
                out[key] = copy.deepcopy(extra[key])
        return out

    def _connections_json(self) -> dict[str, Any]:
        layout = self.layout or _layout_of(self.connections)
        slots: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
        for c in self.connections:
            entry = {"node": c.target, "type": c.input_type, "index": c.input}
            if c.input_type is None:
                del entry["type"]
            if c.extra:
                entry.update(copy.deepcopy(dict(c.extra)))
            slots.setdefault((c.source, c.type, c.output), []).append(entry)
        out: dict[str, Any] = {}
        for source, by_type in layout:
            out[source] = {
                ctype: [
                    None if present is None else slots.get((source, ctype, i), [])
                    for i, present in enumerate(shape)
                ]
                for ctype, shape in by_type
            }
        return out

    # -- the graph -------------------------------------------------------------------------
    def node(self, name: str) -> Node | None:
        return next((n for n in self.nodes if n.name == name), None)

    def steps(self) -> tuple[Node, ...]:
        """The nodes that do something (sticky notes are documentation)."""
        return tuple(n for n in self.nodes if not n.is_sticky_note)

    def edges(self, kind: str | None = None) -> tuple[Connection, ...]:
        """Connections between existing nodes, of connection type ``kind`` (None: all)."""
        if kind is None:
            return self._edges
        return tuple(c for c in self._edges if c.kind == kind)

    @cached_property
    def _edges(self) -> tuple[Connection, ...]:
        """All edges, worked out once: the model is immutable, and a graph question asked
        node by node (a layout, the offline generator's rewiring) would redo it each time."""
        names = {n.name for n in self.steps()}
        return tuple(c for c in self.connections if c.source in names and c.target in names)

    def typed_edges(self, kind: str | None = None) -> tuple[tuple[str, str, str], ...]:
        """Edges as (source type, target type, connection type)."""
        types = {n.name: n.type for n in self.steps()}
        return tuple((types[c.source], types[c.target], c.kind) for c in self.edges(kind))

    def triggers(self, is_trigger: Callable[[Node], bool] | None = None) -> tuple[Node, ...]:
        """Nodes that can start the workflow (by type name unless ``is_trigger`` says)."""
        test = is_trigger or (lambda n: is_trigger_type(n.type))
        return tuple(n for n in self.steps() if test(n))

    def sub_nodes(self, root: str, *, deep: bool = False) -> tuple[Node, ...]:
        """The nodes feeding ``root`` over non-``main`` connections (model, memory, tools...);
        ``deep``: their own sub-nodes too (a vector store tool's embeddings)."""
        found: list[str] = []
        todo = [root]
        while todo:
            current = todo.pop(0)
            for c in self.edges():
                if c.target == current and c.kind != MAIN and c.source not in found:
                    found.append(c.source)
                    if deep:
                        todo.append(c.source)
        return tuple(n for name in found if (n := self.node(name)) is not None)

    def outgoing(self, name: str, kind: str | None = MAIN) -> tuple[Connection, ...]:
        """The edges leaving ``name`` of connection type ``kind`` (None: all), in document
        order (by output, then by place in the output): what rewiring around a node needs."""
        return tuple(c for c in self.edges(kind) if c.source == name)

    def incoming(self, name: str, kind: str | None = MAIN) -> tuple[Connection, ...]:
        """The edges entering ``name`` of connection type ``kind`` (None: all), in document
        order (by source as the connections object lists them)."""
        return tuple(c for c in self.edges(kind) if c.target == name)

    def successors(self, name: str, kind: str = MAIN) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.target for c in self.outgoing(name, kind)))

    def predecessors(self, name: str, kind: str = MAIN) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.incoming(name, kind)))

    def feeders(self) -> dict[str, str]:
        """Each node wired out over a non-``main`` connection -> the first node it feeds: the
        sub-nodes in use, and main-typed nodes used as one (a vector store as an agent's
        tool). None of them is a step of the main chain; each sits under what it feeds."""
        out: dict[str, str] = {}
        for c in self.edges():
            if c.kind != MAIN:
                out.setdefault(c.source, c.target)
        return out

    def reachable(self, start: Iterable[str] | None = None) -> set[str]:
        """Names run when ``start`` (default: the triggers) runs: ``main`` successors, and the
        sub-nodes of every node reached (a sub-node runs when its root does)."""
        reached = set(start if start is not None else (n.name for n in self.triggers()))
        main = self.edges(MAIN)
        sub = [c for c in self.edges() if c.kind != MAIN]
        changed = True
        while changed:
            changed = False
            for c in main:
                if c.source in reached and c.target not in reached:
                    reached.add(c.target)
                    changed = True
            for c in sub:
                if c.target in reached and c.source not in reached:
                    reached.add(c.source)
                    changed = True
        return reached


def _layout_of(connections: Iterable[Connection]) -> tuple:
    """The plainest layout holding ``connections`` (for a model built without ``from_n8n``)."""
    width: dict[str, dict[str, int]] = {}
    for c in connections:
        by_type = width.setdefault(c.source, {})
        by_type[c.type] = max(by_type.get(c.type, 0), c.output + 1)
    return tuple(
        (src, tuple((t, (True,) * n) for t, n in by_type.items())) for src, by_type in width.items()
    )


class _Reader:
    """``from_n8n``: strict raises on the first malformed part, tolerant skips it."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict

    def bad(self, path: str, message: str) -> None:
        if self.strict:
            raise WorkflowFormatError(f"{path}: {message}")

    def workflow(self, data: Any) -> Workflow:
        if not isinstance(data, Mapping):
            self.bad("$", "a workflow is a JSON object")
            return Workflow(())
        for key in ("nodes", "connections"):
            if key not in data:
                self.bad("$", f"missing {key!r}")
        nodes = tuple(self.nodes(data.get("nodes", [])))
        connections, layout = self.connections(data.get("connections", {}))
        extra = tuple(
            (k, copy.deepcopy(v)) for k, v in data.items() if k not in ("nodes", "connections")
        )
        return Workflow(nodes, connections, extra, layout, tuple(data))

    def nodes(self, raw: Any) -> Iterator[Node]:
        if not isinstance(raw, list):
            self.bad("$.nodes", "must be a list")
            return
        for i, item in enumerate(raw):
            if not isinstance(item, Mapping):
                self.bad(f"$.nodes[{i}]", "a node is a JSON object")
                continue
            name, ntype = item.get("name"), item.get("type")
            if not isinstance(name, str) or not isinstance(ntype, str):
                self.bad(f"$.nodes[{i}]", "a node needs a string name and type")
                continue
            yield Node(name, ntype, copy.deepcopy(dict(item)))

    def connections(self, raw: Any) -> tuple[tuple[Connection, ...], tuple]:
        if not isinstance(raw, Mapping):
            self.bad("$.connections", "must be an object")
            return (), ()
        found: list[Connection] = []
        layout = []
        for source, by_type in raw.items():
            path = f"$.connections[{source!r}]"
            if not isinstance(by_type, Mapping):
                self.bad(path, "must map connection types to output lists")
                continue
            shapes = []
            for ctype, outputs in by_type.items():
                if not isinstance(outputs, list):
                    self.bad(f"{path}.{ctype}", "must be a list of outputs")
                    continue
                shape = []
                for out_index, slot in enumerate(outputs):
                    shape.append(None if slot is None else True)
                    found += self.slot(
                        slot, source, ctype, out_index, f"{path}.{ctype}[{out_index}]"
                    )
                shapes.append((ctype, tuple(shape)))
            layout.append((source, tuple(shapes)))
        return tuple(found), tuple(layout)

    def slot(self, slot: Any, source: str, ctype: str, out_index: int, path: str) -> list:
        if slot is None:
            return []
        if not isinstance(slot, list):
            self.bad(path, "an output is a list of connections or null")
            return []
        out = []
        for j, entry in enumerate(slot):
            well_formed = _well_formed_entry(entry)
            if not well_formed:
                self.bad(
                    f"{path}[{j}]", 'a connection is {"node": name, "type": str, "index": int}'
                )
                if not (isinstance(entry, Mapping) and isinstance(entry.get("node"), str)):
                    continue
            index = entry.get("index")
            index = index if isinstance(index, int) and not isinstance(index, bool) else 0
            input_type = entry.get("type") if isinstance(entry.get("type"), str) else None
            extra = ()  # a well-formed entry of three keys (the usual one) has no others
            if not well_formed or len(entry) > 3:
                extra = tuple(
                    (k, copy.deepcopy(v))
                    for k, v in entry.items()
                    if k not in ("node", "type", "index")
                )
            out.append(
                Connection(
                    source, entry["node"], ctype, out_index, index, input_type, extra, position=j
                )
            )
        return out


def _well_formed_entry(entry: Any) -> bool:
    if not isinstance(entry, Mapping):
        return False
    index = entry.get("index")
    return (
        isinstance(entry.get("node"), str)
        and isinstance(entry.get("type"), str)
        and isinstance(index, int)
        and not isinstance(index, bool)
    )
