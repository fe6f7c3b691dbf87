"""A small mutable workflow under construction: nodes, names, connections, layout, ids.

The generator and the modifier both describe *what* to build; this module owns the n8n document
mechanics that must always be right: unique names, connections keyed by node name with the right
connection type and indexes, deterministic uuid5 ids (same request, same JSON), and a
left-to-right layout with AI sub-nodes placed under the node they feed.
"""

from __future__ import annotations

import copy
import uuid
from collections import defaultdict
from typing import Any

from nodepilot.workflow import MAIN, Node, Workflow

_NS = uuid.UUID("8f7e5a2c-51c4-4b8e-a1f7-0b9d6c3e2a10")
X_STEP, Y_STEP = 240, 200


class Draft:
    """Nodes and connections being assembled. Node order is insertion order."""

    def __init__(self, name: str = "Generated workflow") -> None:
        self.name = name
        self.nodes: list[dict[str, Any]] = []
        self.by_name: dict[str, dict[str, Any]] = {}
        # source -> ctype -> output index -> list of targets (n8n's own shape, so the order
        # of every answer below is the order n8n would read); the graph questions ask the model
        self.conns: dict[str, dict[str, list[list[dict[str, Any]]]]] = {}
        self._graph: Workflow | None = None

    # ------------------------------------------------------------------ nodes
    def unique_name(self, base: str) -> str:
        base = (base or "Node").strip()[:60] or "Node"
        if base not in self.by_name:
            return base
        i = 2
        while f"{base} {i}" in self.by_name:
            i += 1
        return f"{base} {i}"

    def add(
        self,
        node_type: str,
        type_version: float,
        name: str,
        parameters: dict[str, Any] | None = None,
        **extra: Any,
    ) -> str:
        """Add a node; returns its (unique) name."""
        name = self.unique_name(name)
        node: dict[str, Any] = {
            "parameters": parameters if parameters is not None else {},
            "name": name,
            "type": node_type,
            "typeVersion": type_version,
            "position": [0, 0],
        }
        node.update({k: v for k, v in extra.items() if v is not None})
        self.nodes.append(node)
        self.by_name[name] = node
        self._graph = None
        return name

    def rewrite_refs(self, old: str, new: str | None) -> None:
        """Point expressions at ``$('old')`` to ``new``, or (``None``) to the incoming item."""
        needles = (f"$('{old}')", f'$("{old}")', f'$node["{old}"]')

        def fix(value: Any) -> Any:
            if isinstance(value, str):
                if not any(n in value for n in needles):
                    return value
                for n in needles:
                    if new is None:
                        value = value.replace(n + ".item.json", "$json").replace(n, "$input")
                    else:
                        value = value.replace(n, n.replace(old, new))
                return value
            if isinstance(value, dict):
                return {k: fix(v) for k, v in value.items()}
            if isinstance(value, list):
                return [fix(v) for v in value]
            return value

        for node in self.nodes:
            node["parameters"] = fix(node.get("parameters", {}))

    def remove(self, name: str) -> None:
        """Drop a node and every connection touching it; expressions that read it fall back
        to the incoming item."""
        node = self.by_name.pop(name, None)
        if node is None:
            return
        self.nodes = [n for n in self.nodes if n is not node]
        self._graph = None
        self.conns.pop(name, None)
        for outs in self.conns.values():
            for ctype, slots in outs.items():
                outs[ctype] = [[t for t in slot if t["node"] != name] for slot in slots]
        self.rewrite_refs(name, None)

    def rename(self, old: str, new: str) -> str:
        new = self.unique_name(new) if new != old else new
        node = self.by_name.pop(old)
        node["name"] = new
        self.by_name[new] = node
        self._graph = None
        self.rewrite_refs(old, new)
        if old in self.conns:
            self.conns[new] = self.conns.pop(old)
        for outs in self.conns.values():
            for slots in outs.values():
                for slot in slots:
                    for t in slot:
                        if t["node"] == old:
                            t["node"] = new
        return new

    # ------------------------------------------------------------------ edges
    def connect(
        self, src: str, dst: str, ctype: str = "main", out_index: int = 0, in_index: int = 0
    ) -> None:
        slots = self.conns.setdefault(src, {}).setdefault(ctype, [])
        while len(slots) <= out_index:
            slots.append([])
        target = {"node": dst, "type": ctype, "index": in_index}
        if target not in slots[out_index]:
            slots[out_index].append(target)
            self._graph = None

    def disconnect(self, src: str, dst: str, ctype: str = "main") -> None:
        for slot in self.conns.get(src, {}).get(ctype, []):
            slot[:] = [t for t in slot if t["node"] != dst]
        self._graph = None

    def graph(self) -> Workflow:
        """The draft as the workflow model reads it (names, types and wiring; edges between
        nodes of the draft only), rebuilt after a change: every graph question asks it."""
        if self._graph is None:
            wiring = Workflow.from_n8n({"nodes": [], "connections": self.conns}, strict=False)
            nodes = tuple(Node(n["name"], n["type"]) for n in self.nodes)
            self._graph = Workflow(nodes, wiring.connections)
        return self._graph

    def targets(self, src: str, ctype: str = "main") -> list[tuple[int, str, int]]:
        """(out_index, target, in_index) for every edge leaving ``src`` of ``ctype``."""
        return [(c.output, c.target, c.input) for c in self.graph().outgoing(src, ctype)]

    def sources(self, dst: str, ctype: str = "main") -> list[tuple[str, int, int]]:
        """(source, out_index, in_index) for every edge entering ``dst`` of ``ctype``."""
        return [(c.source, c.output, c.input) for c in self.graph().incoming(dst, ctype)]

    def ai_feeders(self) -> set[str]:
        """Nodes wired out through an ``ai_*`` connection: sub-nodes, and main-typed nodes
        used as one (a vector store as an agent's tool). None of them is a main-chain step."""
        return set(self.graph().feeders())

    def sub_nodes(self, root: str) -> list[str]:
        """Names of nodes wired into ``root`` through ``ai_*`` connections (recursively)."""
        return [n.name for n in self.graph().sub_nodes(root, deep=True)]

    # ------------------------------------------------------------------ output
    def layout(self) -> None:
        """Main graph left to right by longest path from the roots; sub-nodes under their
        consumer; branches stacked vertically."""
        graph = self.graph()
        ai_target = graph.feeders()
        order = [n["name"] for n in self.nodes]
        main_out: dict[str, list[str]] = defaultdict(list)
        for c in graph.edges(MAIN):
            main_out[c.source].append(c.target)
        fed = {t for targets in main_out.values() for t in targets}
        depth = {n: 0 for n in order if n not in ai_target and n not in fed}
        changed = True
        guard = 0
        while changed and guard < len(order) + 2:
            changed = False
            guard += 1
            for src in order:
                if src not in depth:
                    continue
                for dst in main_out[src]:
                    d = depth[src] + 1
                    if depth.get(dst, -1) < d and d <= len(order):
                        depth[dst] = d
                        changed = True
        rows: dict[int, int] = defaultdict(int)
        pos: dict[str, list[float]] = {}
        for name in order:
            if name in ai_target:
                continue
            d = depth.get(name, 0)
            pos[name] = [float(d * X_STEP), float(rows[d] * Y_STEP)]
            rows[d] += 1
        # sub-nodes: under their consumer, spread horizontally
        placed: dict[str, int] = defaultdict(int)
        for _ in range(4):
            for name in order:
                if name not in ai_target or name in pos and _ > 0:
                    continue
                consumer = ai_target[name]
                if consumer not in pos:
                    continue
                k = placed[consumer]
                placed[consumer] += 1
                cx, cy = pos[consumer]
                pos[name] = [cx - 80 + k * 140.0, cy + 220.0]
        for node in self.nodes:
            node["position"] = pos.get(node["name"], [0.0, 0.0])

    def to_workflow(self, seed: str) -> dict[str, Any]:
        """The n8n document: deterministic ids from ``seed`` + node name."""
        self.layout()
        nodes = []
        for node in self.nodes:
            n = copy.deepcopy(node)
            n["id"] = str(uuid.uuid5(_NS, f"{seed}\x1f{n['name']}"))
            if "webhookId" in n:
                n["webhookId"] = str(uuid.uuid5(_NS, f"{seed}\x1fwebhook\x1f{n['name']}"))
            pos = n.pop("position")
            ordered = {"parameters": n.pop("parameters"), "id": n.pop("id"), "name": n.pop("name")}
            ordered["type"] = n.pop("type")
            ordered["typeVersion"] = n.pop("typeVersion")
            ordered["position"] = [int(pos[0]), int(pos[1])]
            ordered.update(n)
            nodes.append(ordered)
        # the edges between nodes of the draft, each output as wide as its last edge needs
        connections = Workflow((), self.graph().edges()).to_n8n()["connections"]
        return {
            "name": self.name,
            "nodes": nodes,
            "connections": connections,
            "settings": {"executionOrder": "v1"},
        }

    @classmethod
    def from_workflow(cls, wf: dict[str, Any]) -> Draft:
        """Load an existing workflow for modification (ids are re-derived on output)."""
        d = cls(str(wf.get("name") or "Modified workflow"))
        for node in wf.get("nodes") or []:
            if not isinstance(node, dict) or not isinstance(node.get("name"), str):
                continue
            n = copy.deepcopy(node)
            n.pop("id", None)
            name = n.get("name")
            if name in d.by_name:
                continue
            n.setdefault("parameters", {})
            n.setdefault("position", [0, 0])
            d.nodes.append(n)
            d.by_name[name] = n
        # connections as the workflow model reads them (broken entries skipped, a non-integer
        # input index read as 0), each kept when its target is a node we loaded
        wiring = {"nodes": [], "connections": wf.get("connections")}
        for c in Workflow.from_n8n(wiring, strict=False).connections:
            if c.target in d.by_name:
                d.connect(c.source, c.target, c.type, c.output, c.input)
        return d
