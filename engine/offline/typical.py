"""Typical parameters per node operation, from the mined node patterns.

The patterns (``seeds/patterns/node_patterns.jsonl.gz``, see ``indexing.patterns``) record which
parameters real workflows set for each (node type, resource, operation) and with which option
values. Items used by at least half of an operation's workflows become defaults for generated
nodes: options with their usual value ("select=channel"), the usual resource-locator mode
("sheetName@list"), and parameters people nearly always fill ("subject" of an email). Only
top-level parameters the catalog knows are used; the validator loop still has the last word.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

#: An item must appear in configurations covering at least this share of the operation.
MIN_SHARE = 0.5


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str | None, str | None], tuple[str, ...]]:
    from engine.offline.operations import mined_patterns

    best: dict[tuple[str, str | None, str | None], dict[str, float]] = defaultdict(dict)
    try:
        for p in mined_patterns():
            if p.get("kind") != "configuration":
                continue
            share = float(p.get("share_of_operation") or 0.0)
            if share < MIN_SHARE:
                continue
            key = (p["node_type"], p.get("resource"), p.get("operation"))
            for item in p.get("signature") or []:
                if isinstance(item, str) and "." not in item.split("=")[0].split("@")[0]:
                    best[key][item] = max(best[key].get(item, 0.0), share)
    except Exception:  # noqa: BLE001 - typical values are an improvement, never a requirement
        log.warning("mined node patterns unusable; no typical parameters", exc_info=True)
        return {}
    return {k: tuple(sorted(v, key=lambda i: (-v[i], i))) for k, v in best.items()}


def typical_items(node_type: str, resource: str | None, operation: str | None) -> tuple[str, ...]:
    """Signature items ("key", "key=value", "key@mode") typical for this operation."""
    return _index().get((node_type, resource, operation), ())


def apply_typical(
    nv: Any, params: dict[str, Any], resource: str | None, operation: str | None
) -> dict[str, str]:
    """Set typical option values in ``params`` (in place); returns RL mode hints
    (``{"sheetName": "list"}``) and the names of typically filled free parameters
    (value ``""``) for the caller to fill."""
    extra: dict[str, str] = {}
    props: dict[str, list[Any]] = defaultdict(list)
    for prop in nv.properties:
        props[prop.name].append(prop)
    for item in typical_items(nv.type_name, resource, operation):
        if "=" in item:
            key, raw = item.split("=", 1)
            if key in params or key in ("resource", "operation", "authentication"):
                continue
            for prop in props.get(key, ()):
                if prop.type == "boolean" and raw in ("true", "false"):
                    params[key] = raw == "true"
                    break
                if prop.type == "options" and any(o.value == raw for o in prop.option_values):
                    params[key] = raw
                    break
        elif "@" in item:
            key, mode = item.split("@", 1)
            if key in props:
                extra[key] = mode
        elif item in props and item not in params:
            if any(p.type in ("string", "resourceMapper") for p in props[item]):
                extra[item] = ""
    return extra
