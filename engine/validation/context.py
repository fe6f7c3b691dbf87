"""What every per-node check reads: one usable node and what the catalog says about it.

Its own module so the checks (parameters, ports, lints) and the validator that runs them can
all name it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class NodeContext:
    """One usable node (string name and type) and what the catalog says about it."""

    index: int
    node: dict[str, Any]
    path: str
    desc: Any = None  # indexing.catalog.model.NodeVersion | None
    resolved: dict[str, Any] | None = None
    inputs: list[Any] | None = None
    outputs: list[Any] | None = None
    ports_done: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.node["name"]

    @property
    def type(self) -> str:
        return self.node["type"]

    @property
    def disabled(self) -> bool:
        return self.node.get("disabled") is True
