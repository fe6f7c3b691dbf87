"""Our workflow-quality lints against n8n's workflow-SDK fixtures, code by code.

n8n's ``@n8n/workflow-sdk`` keeps ~450 real n8n.io workflows under
``packages/@n8n/workflow-sdk/test-fixtures/real-workflows/`` with a ``manifest.json`` listing the
warnings its validator must raise on each (``expectedWarnings``: code + node name). This script
validates the same workflows with ours and reports, per n8n code, how many expected warnings we
reproduce (same code, same node) and how many extra ones we raise on those workflows.

The fixtures are n8n's, so they are read from a path you give, never copied into this
repository: a checkout of that folder, or a folder holding the manifest plus ``<id>.json``
workflow files, optionally with ``--templates`` pointing at a ``.jsonl(.gz)`` of n8n.io
templates (``{"id": ..., "workflow": {...}}`` per line) for ids that have no file.

A workflow file with a top-level ``"partial"`` key holds only the nodes that can raise or
change a target-code warning, each copied as it is in n8n's file: agents, LLM chains, chat
triggers, nodes that set ``chatInput``, HTTP Request nodes and their tool variants, tools with
no parameters, and Code / Set nodes holding a quoted token-like string or a secret-shaped value
(all the secret scan can report). It is compared on the target codes only, since the graph
codes need every node.

    .venv/bin/python benchmarks/lint_manifest.py PATH/real-workflows
    .venv/bin/python benchmarks/lint_manifest.py DIR --templates \\
        ../shared/data/n8n/templates/n8n-mcp-2.87.0/templates.jsonl.gz --show 5

Target (issue #20): >= 90% of the expected hardcoded-credential, agent and tool warnings
reproduced, with extras <= 5% of the expected count.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.validation.lints import reads_item  # noqa: E402
from engine.validation.secrets import is_credential_name, references_only  # noqa: E402
from engine.validation.validator import validate_workflow  # noqa: E402

#: n8n's code -> the codes of ours that make the same judgement.
N8N_TO_OURS: dict[str, tuple[str, ...]] = {
    "HARDCODED_CREDENTIALS": ("hardcoded_credential",),
    "SET_CREDENTIAL_FIELD": ("set_credential_field",),
    "AGENT_NO_SYSTEM_MESSAGE": ("agent_no_system_message",),
    "AGENT_STATIC_PROMPT": ("agent_static_prompt",),
    "TOOL_NO_PARAMETERS": ("tool_no_parameters",),
    "FROM_AI_IN_NON_TOOL": ("from_ai_outside_tool",),
    "MERGE_SINGLE_INPUT": ("merge_single_input",),
    "DISCONNECTED_NODE": ("node_disconnected", "node_unreachable"),
    "MISSING_EXPRESSION_PREFIX": ("expression_missing_prefix",),
    "MISSING_TRIGGER": ("no_trigger",),
}
#: Codes of ours with no n8n counterpart that are still reported (raised counts only).
OURS_ONLY = ("credential_like_field", "tool_no_description")
#: HTTP Request tool variants (n8n's HARDCODED_CREDENTIALS check does not look at them).
TOOL_HTTP_TYPES = (
    "n8n-nodes-base.httpRequestTool",
    "@n8n/n8n-nodes-langchain.toolHttpRequest",
)
#: The issue's target group.
TARGET = (
    "HARDCODED_CREDENTIALS",
    "AGENT_NO_SYSTEM_MESSAGE",
    "AGENT_STATIC_PROMPT",
    "TOOL_NO_PARAMETERS",
)


def load_manifest(path: Path) -> list[dict[str, Any]]:
    """The manifest's successful entries, first occurrence of each id."""
    data = json.loads(path.read_text(encoding="utf-8"))
    seen: set[str] = set()
    out = []
    for entry in data.get("workflows", []):
        wid = str(entry.get("id"))
        if entry.get("success") is False or wid in seen:
            continue
        seen.add(wid)
        out.append(entry)
    return out


def load_templates(path: Path | None, wanted: set[str]) -> dict[str, Any]:
    """Workflows by id from a ``.jsonl`` / ``.jsonl.gz`` of templates (only the wanted ids)."""
    if path is None:
        return {}
    opener = gzip.open if path.suffix == ".gz" else open
    out: dict[str, Any] = {}
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            wid = str(rec.get("id"))
            if wid in wanted:
                wf = rec.get("workflow")
                out[wid] = json.loads(wf) if isinstance(wf, str) else wf
    return out


def workflows(
    folder: Path, entries: list[dict[str, Any]], templates: dict[str, Any]
) -> Iterator[tuple[dict[str, Any], Any]]:
    """``(manifest entry, workflow)`` for every entry whose workflow can be found."""
    for entry in entries:
        wid = str(entry["id"])
        file = folder / f"{wid}.json"
        if file.is_file():
            yield entry, json.loads(file.read_text(encoding="utf-8"))
        elif wid in templates:
            yield entry, templates[wid]


def _node(wf: Any, name: str) -> dict[str, Any]:
    for n in wf.get("nodes") or ():
        if isinstance(n, dict) and n.get("name") == name:
            return n
    return {}


def miss_reason(code: str, name: str, wf: Any) -> str | None:
    """Why we deliberately do not raise an expected warning, for the cases we disagree on.

    * an agent with no ``promptType`` uses n8n's default, ``auto``: its prompt *is* the chat
      input (``{{ $json.chatInput }}``), which is not static (we miss these only when a Chat
      Trigger or a node setting ``chatInput`` is there). n8n's current agent validator skips
      every auto prompt too ("undefined defaults to auto"); the manifest predates that fix;
    * a defined prompt with no expression is not static when the system message or the chat
      messages read the item (``{{ $json... }}``) or pass its image on; n8n only looks at the
      prompt text;
    * ``$fromAI`` mentioned in a sticky note is documentation, not a node that runs;
    * an HTTP header / query value that only references data (``Bearer {{ $credentials.x }}``
      without ``=``) writes no secret; ``expression_missing_prefix`` reports the missing ``=``;
    * a Set field named like a credential whose value is an expression passes data through;
      n8n's Set check looks at the name only.
    """
    node = _node(wf, name)
    params = node.get("parameters") if isinstance(node.get("parameters"), dict) else {}
    if code == "AGENT_STATIC_PROMPT" and params.get("promptType") in (None, "auto"):
        return "n8n's current code agrees: no promptType is auto, the prompt is the chat input"
    if code == "AGENT_STATIC_PROMPT" and params.get("promptType") == "define":
        extra = (
            params.get("options") if "agent" in str(node.get("type")) else params.get("messages")
        )
        if reads_item(extra):
            return "ours: the item is read in the system message / chat messages"
    if code == "FROM_AI_IN_NON_TOOL" and str(node.get("type", "")).endswith("stickyNote"):
        return "sticky note text"
    if code == "HARDCODED_CREDENTIALS" and any(
        isinstance(value, str) and references_only(value) for value in _auth_values(params)
    ):
        return "ours: the value only references data ({{ $... }} without '='), no secret"
    if code == "SET_CREDENTIAL_FIELD" and _set_fields_are_expressions(params):
        return "ours: the credential-named fields take their values from expressions"
    return None


def _set_fields_are_expressions(params: dict[str, Any]) -> bool:
    """Every credential-named assignment of a Set node holds an expression (``=...``)."""
    assignments = params.get("assignments")
    items = assignments.get("assignments") if isinstance(assignments, dict) else None
    named = [a for a in items or () if isinstance(a, dict) and is_credential_name(a.get("name"))]
    return bool(named) and all(str(a.get("value", "")).startswith("=") for a in named)


def _auth_values(params: dict[str, Any]) -> Iterator[object]:
    """Values of the credential-named headers and query parameters of an HTTP Request."""
    for key in ("headerParameters", "queryParameters"):
        entries = params.get(key)
        for entry in entries.get("parameters") or () if isinstance(entries, dict) else ():
            if isinstance(entry, dict) and is_credential_name(entry.get("name")):
                yield entry.get("value")


#: Prompt types n8n's agent validator now skips outright ("undefined defaults to auto").
AUTO_PROMPTS = (None, "auto", "guardrails")


def stale_in_manifest(code: str, name: str, wf: Any) -> bool:
    """An expected warning that n8n's current validator no longer raises.

    The manifest was generated by an older validator. Today's agent validator
    (``plugins/validators/agent-validator.ts``) returns before both of its checks when the
    agent's ``promptType`` is missing, ``auto`` or ``guardrails``, so neither
    AGENT_STATIC_PROMPT nor AGENT_NO_SYSTEM_MESSAGE fires on such an agent any more.
    """
    if code not in ("AGENT_STATIC_PROMPT", "AGENT_NO_SYSTEM_MESSAGE"):
        return False
    node = _node(wf, name)
    params = node.get("parameters")
    return (
        str(node.get("type", "")).endswith(".agent")
        and isinstance(params, dict)
        and params.get("promptType") in AUTO_PROMPTS
    )


def extra_reason(code: str, name: str, wf: Any) -> str | None:
    """Why we deliberately raise a warning the manifest does not expect.

    * n8n's HTTP check is registered for ``n8n-nodes-base.httpRequest`` only; an HTTP Request
      *Tool* sends the same headers and query, so a literal credential there leaks the same way.
    """
    node_type = str(_node(wf, name).get("type", ""))
    if code == "HARDCODED_CREDENTIALS" and node_type in TOOL_HTTP_TYPES:
        return "ours: HTTP Request Tool node, which n8n's HTTP check does not cover"
    return None


def compare(pairs: Iterator[tuple[dict[str, Any], Any]]) -> dict[str, Any]:
    """Per n8n code: expected, reproduced, extra, plus examples of misses and extras.

    Only entries with an ``expectedWarnings`` list are compared: n8n's manifest leaves the key
    out for workflows whose warnings its test does not check (e.g. 4968, whose static agent
    prompt n8n's own rule flags). Our warnings on those are counted apart, for information.
    A partial fixture (see the module docstring) is compared on the target codes only.
    """
    ours_to_n8n = {o: n for n, os in N8N_TO_OURS.items() for o in os}
    result: dict[str, Any] = {
        "workflows": 0,
        "partial_workflows": 0,
        "unchecked_workflows": 0,
        "rows": {c: dict.fromkeys(ROW_KEYS, 0) for c in N8N_TO_OURS},
        "ours_only": Counter(),
        "unchecked_findings": Counter(),
        "misses": {c: [] for c in N8N_TO_OURS},
        "extras": {c: [] for c in N8N_TO_OURS},
        "reasons": Counter(),
        "current": dict.fromkeys(CURRENT_KEYS, 0),
    }
    for entry, wf in pairs:
        findings = validate_workflow(wf, profile="runtime").findings
        if "expectedWarnings" not in entry:
            result["unchecked_workflows"] += 1
            result["unchecked_findings"].update(
                f.code for f in findings if f.code in ours_to_n8n or f.code in OURS_ONLY
            )
            continue
        result["workflows"] += 1
        partial = isinstance(wf, dict) and "partial" in wf
        result["partial_workflows"] += partial
        codes = set(TARGET) if partial else set(N8N_TO_OURS)
        expected = Counter(
            (w["code"], w.get("nodeName") or "")
            for w in entry.get("expectedWarnings", [])
            if w.get("code") in codes
        )
        got: Counter[tuple[str, str]] = Counter()
        for f in findings:
            if f.code in ours_to_n8n and ours_to_n8n[f.code] in codes:
                got[(ours_to_n8n[f.code], "" if f.code == "no_trigger" else f.node or "")] += 1
            elif f.code in OURS_ONLY and not partial:
                result["ours_only"][f.code] += 1
        _tally(result, str(entry["id"]), wf, expected, got)
    for key in ("ours_only", "unchecked_findings"):
        result[key] = dict(result[key])
    result["reasons"] = {f"{c}: {r}": n for (c, r), n in result["reasons"].items()}
    return result


#: Counters of one row of the table.
ROW_KEYS = ("expected", "reproduced", "extra", "explained", "explained_extra")
#: Counters of the target group judged against n8n's current rules (see stale_in_manifest).
CURRENT_KEYS = ("expected", "reproduced", "extra", "stale_expected", "stale_raised")


def _tally(
    result: dict[str, Any],
    wid: str,
    wf: Any,
    expected: Counter[tuple[str, str]],
    got: Counter[tuple[str, str]],
) -> None:
    """Add one workflow's expected and raised warnings to the rows, with reasons for each
    deliberate miss or extra."""
    for code, node in expected | got:
        want, have = expected[(code, node)], got[(code, node)]
        matched = min(want, have)
        row = result["rows"][code]
        row["expected"] += want
        row["reproduced"] += matched
        row["extra"] += have - matched
        _note(result, "misses", f"{wid}:{node}", (code, node, wf), want - matched)
        _note(result, "extras", f"{wid}:{node}", (code, node, wf), have - matched)
        if code in TARGET:
            _tally_current(result["current"], stale_in_manifest(code, node, wf), want, have)


def _note(
    result: dict[str, Any], kind: str, where: str, case: tuple[str, str, Any], count: int
) -> None:
    """List ``count`` misses or extras of ``case`` (code, node, workflow) and count the
    deliberate ones under their reason."""
    if count <= 0:
        return
    code = case[0]
    result[kind][code].append(where)
    if kind == "misses":
        column, why = "explained", miss_reason(*case)
    else:
        column, why = "explained_extra", extra_reason(*case)
    if why is not None:
        result["rows"][code][column] += count
        result["reasons"][(code, why)] += count


def _tally_current(current: dict[str, int], stale: bool, want: int, have: int) -> None:
    """Count one (code, node) against n8n's current rules: a stale expectation is neither
    expected nor, when we raise it anyway, an extra of n8n's; it is counted apart."""
    if stale:
        current["stale_expected"] += want
        current["stale_raised"] += have
        return
    current["expected"] += want
    current["reproduced"] += min(want, have)
    current["extra"] += max(0, have - want)


def lint_overhead(docs: list[Any], repeat: int) -> dict[str, float]:
    """Median CPU seconds to validate ``docs`` with and without the quality lints, same run.

    The lints are switched off by swapping the validator's ``check_lints`` for a no-op; the two
    variants alternate so drift on a shared machine hits both alike.
    """
    import engine.validation.validator as validator

    real = validator.check_lints
    times: dict[str, list[float]] = {"with": [], "without": []}
    try:
        for _ in range(repeat):
            for label, fn in (("without", lambda *_a: None), ("with", real)):
                validator.check_lints = fn
                start = time.process_time()
                for doc in docs:
                    validate_workflow(doc, profile="runtime")
                times[label].append(time.process_time() - start)
    finally:
        validator.check_lints = real
    med = {k: statistics.median(v) for k, v in times.items()}
    return {**med, "ratio": med["with"] / med["without"], "workflows": len(docs)}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    -"


def render(result: dict[str, Any], show: int) -> str:
    """The per-code table (and examples when ``show`` > 0)."""
    lines = [
        f"workflows compared (manifest lists their expectedWarnings): {result['workflows']}",
        f"  of which partial (target codes only): {result['partial_workflows']}",
        f"workflows n8n does not check (no expectedWarnings key): {result['unchecked_workflows']}",
        "",
        "| n8n code | ours | expected | reproduced | recall | extra | extra/expected "
        "| deliberate misses | recall without them | deliberate extras | extra/expected "
        "without them |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    total = dict.fromkeys(ROW_KEYS, 0)
    for code, row in [*result["rows"].items(), ("**target group**", total)]:
        if code == "**target group**":
            ours = ""
        else:
            ours = ", ".join(N8N_TO_OURS[code])
            if code in TARGET:
                for k in total:
                    total[k] += row[k]
        lines.append(
            f"| {code} | {ours} | {row['expected']} | {row['reproduced']} | "
            f"{_pct(row['reproduced'], row['expected'])} | {row['extra']} | "
            f"{_pct(row['extra'], row['expected'])} | {row['explained']} | "
            f"{_pct(row['reproduced'], row['expected'] - row['explained'])} | "
            f"{row['explained_extra']} | "
            f"{_pct(row['extra'] - row['explained_extra'], row['expected'])} |"
        )
    cur = result["current"]
    lines.append(
        "| **target group, n8n's current rules** |  | "
        f"{cur['expected']} | {cur['reproduced']} | {_pct(cur['reproduced'], cur['expected'])} "
        f"| {cur['extra']} | {_pct(cur['extra'], cur['expected'])} | - | - | - | - |"
    )
    for code, n in sorted(result["ours_only"].items()):
        lines.append(f"| (no n8n code) | {code} | - | - | - | {n} raised | - | - | - | - | - |")
    for why, n in sorted(result["reasons"].items()):
        lines.append(f"deliberate, {why}: {n}")
    lines.append(
        f"expected on agents n8n's current validator skips (promptType missing/auto): "
        f"{cur['stale_expected']}, of which we raise {cur['stale_raised']}"
    )
    if result["unchecked_findings"]:
        lines.append("")
        lines.append(
            "our findings on the unchecked workflows: "
            + ", ".join(f"{k} {v}" for k, v in sorted(result["unchecked_findings"].items()))
        )
    if show:
        for kind in ("misses", "extras"):
            for code, items in result[kind].items():
                if items:
                    lines.append(f"{kind} {code}: " + "; ".join(items[:show]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("fixtures", type=Path, help="folder with manifest.json and <id>.json files")
    ap.add_argument("--manifest", type=Path, help="manifest path (default: FIXTURES/manifest.json)")
    ap.add_argument("--templates", type=Path, help=".jsonl(.gz) of templates for missing ids")
    ap.add_argument("--show", type=int, default=0, help="list this many misses/extras per code")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    ap.add_argument(
        "--timing",
        type=int,
        default=0,
        metavar="N",
        help="also time validation with and "
        "without the lints over the same workflows, N alternating runs (medians, ratio)",
    )
    args = ap.parse_args(argv)
    manifest = args.manifest or args.fixtures / "manifest.json"
    if not manifest.is_file():
        print(f"error: no manifest at {manifest}", file=sys.stderr)
        return 2
    entries = load_manifest(manifest)
    templates = load_templates(args.templates, {str(e["id"]) for e in entries})
    pairs = list(workflows(args.fixtures, entries, templates))
    result = compare(iter(pairs))
    if args.timing:
        result["timing"] = lint_overhead([wf for _e, wf in pairs], args.timing)
    if args.format == "json":
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        print(render(result, args.show))
        if "timing" in result:
            t = result["timing"]
            print(
                f"\nvalidation of {t['workflows']} workflows, median of {args.timing}: "
                f"{t['without']:.3f} s without lints, {t['with']:.3f} s with "
                f"(ratio {t['ratio']:.3f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
