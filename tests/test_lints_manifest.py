"""The lint benchmark counts the way its table says, on a small manifest of our own workflows.

``benchmarks/lint_manifest.py`` is what the issue's acceptance figure comes from, so its
bookkeeping (reproduced / extra, deliberate reasons, partial fixtures, the current-rules row) is
pinned here with workflows built by ``tests/lints_support.py``, never with n8n's fixtures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from nodepilot.paths import PROJECT_ROOT

if str(PROJECT_ROOT) not in sys.path:  # benchmarks/ is a script folder, not an installed package
    sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.lint_manifest import compare, load_manifest, main, workflows  # noqa: E402
from tests.lints_support import (  # noqa: E402
    BASE,
    SYSTEM,
    agent_workflow,
    defined_agent,
    headers,
    http_workflow,
)


def _folder(tmp_path: Path, cases: list[tuple[dict[str, Any], dict[str, Any]]]) -> Path:
    """Write a manifest and one ``<id>.json`` per case, as the benchmark reads them."""
    (tmp_path / "manifest.json").write_text(
        json.dumps({"workflows": [entry for entry, _wf in cases]}), encoding="utf-8"
    )
    for entry, wf in cases:
        (tmp_path / f"{entry['id']}.json").write_text(json.dumps(wf), encoding="utf-8")
    return tmp_path


def _run(folder: Path) -> dict[str, Any]:
    entries = load_manifest(folder / "manifest.json")
    return compare(workflows(folder, entries, {}))


def _expect(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"code": code, "nodeName": node} for code, node in pairs]


def test_reproduced_stale_and_unchecked_entries(tmp_path: Path) -> None:
    static = agent_workflow(defined_agent("Summarise the email.", system=None))
    chat = agent_workflow({"options": {"systemMessage": SYSTEM}}, chat=True)
    folder = _folder(
        tmp_path,
        [
            (
                {
                    "id": 1,
                    "expectedWarnings": _expect(
                        ("AGENT_STATIC_PROMPT", "Agent"), ("AGENT_NO_SYSTEM_MESSAGE", "Agent")
                    ),
                },
                static,
            ),
            ({"id": 2, "expectedWarnings": _expect(("AGENT_STATIC_PROMPT", "Agent"))}, chat),
            ({"id": 3}, static),  # n8n does not check this one
        ],
    )
    result = _run(folder)
    assert (result["workflows"], result["unchecked_workflows"]) == (2, 1)
    row = result["rows"]["AGENT_STATIC_PROMPT"]
    assert (row["expected"], row["reproduced"], row["extra"], row["explained"]) == (2, 1, 0, 1)
    assert any("n8n's current code agrees" in why for why in result["reasons"])
    current = result["current"]
    # the chat agent's expectation is stale: n8n's agent validator now skips auto prompts
    assert (current["expected"], current["reproduced"], current["stale_expected"]) == (2, 2, 1)
    assert result["unchecked_findings"]["agent_static_prompt"] == 1


def test_partial_fixture_counts_target_codes_and_labels_tool_extras(tmp_path: Path) -> None:
    tool = http_workflow(headers(("Authorization", "Bearer <token>")), BASE + "httpRequestTool")
    tool["partial"] = "target-lint nodes only"
    tool["connections"] = {}  # a partial fixture keeps no edges: its graph codes must not count
    entry = {"id": 7, "expectedWarnings": _expect(("DISCONNECTED_NODE", "Call API"))}
    result = _run(_folder(tmp_path, [(entry, tool)]))
    assert result["partial_workflows"] == 1
    assert result["rows"]["DISCONNECTED_NODE"]["expected"] == 0
    row = result["rows"]["HARDCODED_CREDENTIALS"]
    assert (row["extra"], row["explained_extra"]) == (1, 1)
    assert result["extras"]["HARDCODED_CREDENTIALS"] == ["7:Call API"]


def test_missing_manifest_is_a_clear_error(tmp_path: Path, capsys: Any) -> None:
    assert main([str(tmp_path)]) == 2
    assert "no manifest at" in capsys.readouterr().err
