"""Per-family table of an eval run: intent, trigger, required-node recall, validity (ours + n8n's).

Why: issue #17 Part 2 is judged family by family on a held-out set (datasets/generalise) and on
the bench test split; ``nodepilot eval run`` scores every case but does not group by family nor
ask n8n's own code. This reads a run directory, joins each result to its dataset case
(category, tags), runs ../shared/tools/n8n-oracle over every output workflow and prints one row
per group plus an ``all`` row:

    .venv/bin/nodepilot eval run --dataset datasets/generalise --split test --provider offline \\
        --no-progress --out runs/generalise-after
    .venv/bin/python scripts/generalise_report.py runs/generalise-after [--by category]

Columns: intent accuracy (all cases), trigger accuracy and required-node recall (workflow cases;
a case answered without a workflow scores 0, as in the eval), strict validity and oracle
validity (over the workflows produced; the oracle in its default mode, where disconnected or
unreachable nodes are errors). Two checks read tags of the held-out set: ``credential:A|B``
(an HTTP Request authenticates with one of those predefined credential types) and
``check:composed_summary`` (the message is composed, not ``JSON.stringify`` of the data; the
rule is ``eval.summary_check``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import run_oracle  # noqa: E402
from eval.datasets import Case, load_dataset  # noqa: E402
from eval.summary_check import raw_dump_nodes  # noqa: E402

HTTP_REQUEST = "n8n-nodes-base.httpRequest"
CREDENTIAL_TAG = "credential:"
SUMMARY_TAG = "check:composed_summary"


@dataclass
class Row:
    """One result joined to its case, with the checks that need the workflow itself."""

    case: Case
    result: dict[str, Any]
    oracle_valid: bool | None = None
    extra: dict[str, bool] = field(default_factory=dict)

    def metric(self, name: str) -> float | None:
        return self.result.get("metrics", {}).get(name)


def read_results(run_dir: Path, arm: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The run's summary and the result records of one arm (the only one unless named)."""
    summary_path, results_path = run_dir / "summary.json", run_dir / "results.jsonl"
    for path in (summary_path, results_path):
        if not path.is_file():
            raise SystemExit(f"error: {path} not found (is {run_dir} an eval run directory?)")
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    records = [
        json.loads(line)
        for line in results_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    arms = sorted({r["arm"] for r in records})
    chosen = arm or (arms[0] if arms else None)
    if chosen not in arms:
        raise SystemExit(f"error: arm {arm!r} not in run (arms: {', '.join(arms) or 'none'})")
    if arm is None and len(arms) > 1:
        print(f"note: several arms {arms}; reporting {chosen!r} (use --arm)", file=sys.stderr)
    return summary, [r for r in records if r["arm"] == chosen]


def join_cases(
    summary: dict[str, Any], records: list[dict[str, Any]], dataset: str | None
) -> list[Row]:
    """Each record with its dataset case (the run's own dataset path unless overridden)."""
    path = Path(dataset or summary["run"]["dataset"]["path"])
    path = path if path.is_absolute() else ROOT / path
    cases = {c.id: c for c in load_dataset(path)}
    missing = sorted(r["case_id"] for r in records if r["case_id"] not in cases)
    if missing:
        raise SystemExit(f"error: {len(missing)} case ids not in {path}: {', '.join(missing[:5])}")
    return [Row(cases[r["case_id"]], r) for r in records]


def judge_with_oracle(rows: list[Row]) -> None:
    """Set ``oracle_valid`` on every row that has a workflow (n8n-oracle, default mode)."""
    with_wf = [row for row in rows if row.result.get("workflow")]
    if not with_wf:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "workflows.jsonl"
        lines = [json.dumps({"workflow": row.result["workflow"]}) for row in with_wf]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        verdicts = run_oracle(path, orphans_as_warnings=False)
    for number, row in enumerate(with_wf, start=1):
        verdict = verdicts.get((str(path), number, None))
        row.oracle_valid = bool(verdict and verdict.get("valid"))


def _uses_credential(workflow: dict[str, Any], accepted: set[str]) -> bool:
    for node in workflow.get("nodes", []):
        params = node.get("parameters") or {}
        if (
            node.get("type") == HTTP_REQUEST
            and params.get("authentication") == "predefinedCredentialType"
            and params.get("nodeCredentialType") in accepted
        ):
            return True
    return False


def apply_tag_checks(rows: list[Row]) -> None:
    """The two tag-driven checks; a case without a workflow fails them."""
    for row in rows:
        workflow = row.result.get("workflow") or {}
        for tag in row.case.tags:
            if tag.startswith(CREDENTIAL_TAG):
                accepted = set(tag[len(CREDENTIAL_TAG) :].split("|"))
                row.extra["predefined_credential"] = bool(workflow) and _uses_credential(
                    workflow, accepted
                )
            elif tag == SUMMARY_TAG:
                row.extra["composed_summary"] = bool(workflow) and not raw_dump_nodes(workflow)


def group_key(row: Row, by: str) -> str:
    """The group a row falls in: a case field or derived field, '-' when absent."""
    value = getattr(row.case, by, None)
    return "-" if value is None else str(value)


def _mean(values: list[float | None]) -> str:
    got = [v for v in values if v is not None]
    return f"{sum(got) / len(got):.3f}" if got else "-"


def _share(flags: list[bool | None]) -> str:
    got = [f for f in flags if f is not None]
    return f"{sum(got)}/{len(got)}" if got else "-"


def table_row(label: str, rows: list[Row]) -> list[str]:
    """One line of the table for ``rows``."""
    wf_rows = [r for r in rows if r.case.is_workflow]
    produced = [r for r in rows if r.result.get("workflow")]
    extras = [
        f"{name} {_share([r.extra.get(name) for r in rows])}"
        for name in ("predefined_credential", "composed_summary")
        if any(name in r.extra for r in rows)
    ]
    return [
        label,
        str(len(rows)),
        _mean([r.metric("intent_accuracy") for r in rows]),
        str(len(wf_rows)),
        _mean([r.metric("trigger_accuracy") for r in wf_rows]),
        _mean([r.metric("node_recall") for r in wf_rows]),
        _share([bool(r.metric("valid_strict")) for r in produced]),
        _share([r.oracle_valid for r in produced]),
        "; ".join(extras),
    ]


HEADER = [
    "group",
    "cases",
    "intent",
    "wf cases",
    "trigger",
    "req. recall",
    "strict valid",
    "oracle valid",
    "checks",
]


def render(rows: list[Row], by: str) -> str:
    """A markdown table: one line per group, then ``all``."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[group_key(row, by)].append(row)
    lines = [table_row(name, groups[name]) for name in sorted(groups)]
    lines.append(table_row("**all**", rows))
    out = ["| " + " | ".join([by, *HEADER[1:]]) + " |", "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(cells) + " |" for cells in lines]
    return "\n".join(out)


def misses(rows: list[Row]) -> list[str]:
    """Case ids that lose points, with what they lose (for the lead; prints request text)."""
    out = []
    for row in rows:
        lost = [
            name
            for name in ("intent_accuracy", "trigger_accuracy", "node_recall", "valid_strict")
            if row.metric(name) is not None and row.metric(name) < 1.0
        ]
        lost += [name for name, ok in row.extra.items() if not ok]
        if row.oracle_valid is False:
            lost.append("oracle")
        if lost:
            out.append(
                f"- {row.case.id} [{row.case.category}] {', '.join(lost)}: {row.case.request}"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path, help="an eval run directory (results.jsonl)")
    parser.add_argument(
        "--by",
        default="category",
        help="case field to group by: category, trigger_kind, difficulty, intent",
    )
    parser.add_argument("--dataset", help="dataset path if not the run's own")
    parser.add_argument("--arm", help="arm label when the run has several")
    parser.add_argument("--no-oracle", action="store_true", help="skip n8n-oracle")
    parser.add_argument("--misses", action="store_true", help="list the cases that lose points")
    args = parser.parse_args(argv)

    summary, records = read_results(args.run_dir, args.arm)
    rows = join_cases(summary, records, args.dataset)
    if not args.no_oracle:
        judge_with_oracle(rows)
    apply_tag_checks(rows)
    run = summary["run"]
    print(
        f"run {args.run_dir}: dataset {run['dataset']['path']} split {run['dataset']['split']}, "
        f"commit {run.get('git', {}).get('commit')} dirty {run.get('git', {}).get('dirty')}"
    )
    print(render(rows, args.by))
    if args.misses:
        print("\n".join(misses(rows)) or "no misses")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
