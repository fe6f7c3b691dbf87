"""Is a summary the workflow sends composed, or the raw records passed on?

Issue #17 asks that "send a summary" send "an AI step or a composed message, not
JSON.stringify($json)". An AI step handed the records as JSON is the summary being written, so
only nodes outside n8n's AI package count: a message, page or mail whose parameters hold
``JSON.stringify(`` is the raw dump the issue names. One rule for the held-out report
(``scripts/generalise_report.py``) and the engine's own summary tests.
"""

from __future__ import annotations

import json
from typing import Any

from nodepilot.workflow import LC

DUMP_MARK = "JSON.stringify("


def raw_dump_nodes(workflow: dict[str, Any]) -> list[str]:
    """Names of the nodes, other than AI steps, whose parameters pass on the raw item."""
    return [
        str(node.get("name", ""))
        for node in workflow.get("nodes", [])
        if not str(node.get("type", "")).startswith(LC)
        and DUMP_MARK in json.dumps(node.get("parameters") or {})
    ]
