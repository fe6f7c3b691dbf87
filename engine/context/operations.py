"""The operations a node type offers, each with the parameters it uses: what a model chooses
from when the spec's operation is unsure, and the compact schema of a node the spec did not
pick but the retrieval suggests."""

from __future__ import annotations

from functools import lru_cache

from engine.context.schema import applicable_properties
from engine.offline.operations import candidates
from indexing.catalog.load import load_catalog

MAX_NAMES = 7


#: A parameter every operation (this share of them, with at least 4) takes is listed once.
COMMON_SHARE = 0.75


@lru_cache(maxsize=2048)
def operation_lines(
    node_type: str, max_ops: int = 40, max_names: int = MAX_NAMES
) -> tuple[str, ...]:
    """``- resource/operation: `param`*, `param`, …`` per operation of the default version
    (``*`` = required), at most ``max_ops`` lines, then one line for the parameters (nearly)
    every operation takes (Telegram's reply keyboards); empty for a node without operations."""
    cat = load_catalog()
    version = cat.default_version(node_type)
    nv = cat.get(node_type, version) if version is not None else None
    cands = candidates(node_type)
    if nv is None or version is None or not any(c.operation for c in cands):
        return ()
    per_op = []
    for c in cands:
        fixed = {k: v for k, v in (("resource", c.resource), ("operation", c.operation)) if v}
        props = [p for p, _ in applicable_properties(nv, fixed, version)]
        per_op.append((c, [p for p in props if p.name != "authentication"]))
    counts: dict[str, int] = {}
    required: dict[str, int] = {}
    for _, props in per_op:
        for p in props:
            counts[p.name] = counts.get(p.name, 0) + 1
            required[p.name] = required.get(p.name, 0) + int(p.required)
    common = (
        [n for n, k in counts.items() if k >= COMMON_SHARE * len(per_op)]
        if len(per_op) >= 4
        else []
    )
    lines = []
    for c, props in per_op[:max_ops]:
        props = sorted((p for p in props if p.name not in common), key=lambda p: not p.required)
        names = [f"`{p.name}`" + ("*" if p.required else "") for p in props[:max_names]]
        more = ", …" if len(props) > max_names else ""
        label = "/".join(x for x in (c.resource, c.operation) if x)
        lines.append(f"- {label}: {', '.join(names) or '(no parameters)'}{more}")
    if len(cands) > max_ops:
        lines.append(f"- …{len(cands) - max_ops} more operations")
    if common:
        marked = [f"`{n}`" + ("*" if required[n] * 2 > counts[n] else "") for n in common]
        lines.append("- every operation also takes: " + ", ".join(marked))
    return tuple(lines)
