"""Placeholder replaced below."""

from __future__ import annotations

from indexing.catalog.model import NodeVersion, Port


def static_output_types(nv: NodeVersion) -> set[str]:
    outs = nv.outputs_raw
    if isinstance(outs, list):
        return {Port.from_n8n(o).type for o in outs}
    return set()
