"""The on-disk format of an eval run directory, shared by the runner, compare and gate.

A run directory holds:

* ``manifest.json`` - written when the run starts: format version, git commit, dataset path,
  split and hash, providers/models, limit, seeds, prompt hashes and package versions. A resumed
  run must match it.
* ``results.jsonl`` - append-only, one record per (case, arm) where an *arm* is one
  provider/model. A run interrupted mid-write leaves at most a partial last line, which is
  dropped on resume.
* ``summary.json`` - aggregates per arm, rewritten whenever the run finishes.

Every file carries ``format_version``; a directory written by another version of the format is
refused with an error naming the file (and line), never half-read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nodepilot.errors import UserError

#: Bump when a field changes meaning or disappears; readers refuse other versions.
FORMAT_VERSION = 1

MANIFEST = "manifest.json"
RESULTS = "results.jsonl"
SUMMARY = "summary.json"


def arm_label(provider: str, model: str | None) -> str:
    """The name of one provider/model combination inside a run (``offline``, ``openai/gpt-x``)."""
    return provider if not model or model == provider else f"{provider}/{model}"


def _check_version(obj: Any, where: str) -> None:
    version = obj.get("format_version") if isinstance(obj, dict) else None
    if version != FORMAT_VERSION:
        found = "no format_version" if version is None else f"format_version {version}"
        raise UserError(
            f"{where}: {found}, but this harness reads format_version {FORMAT_VERSION}",
            hint="re-run the evaluation into a new --out directory (older runs are not converted)",
        )


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object file of the run format (UserError naming the file when unreadable)."""
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(f"{path}: not found") from exc
    except (OSError, ValueError, RecursionError) as exc:
        raise UserError(f"{path}: cannot read JSON ({exc})") from exc
    if not isinstance(obj, dict):
        raise UserError(f"{path}: expected a JSON object")
    _check_version(obj, str(path))
    return obj


def read_results(path: Path, *, repair_tail: bool = False) -> list[dict[str, Any]]:
    """Records of ``results.jsonl``; a broken line is an error naming file and line.

    With ``repair_tail`` (resume), a partial last line - a write cut short - is removed from the
    file instead, since the record it started was never completed.
    """
    if not path.exists():
        return []
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    records: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as exc:
            is_tail = number == len(lines) and not raw.endswith(b"\n")
            if is_tail and repair_tail:
                path.write_bytes(raw[: len(raw) - len(line)])
                break
            raise UserError(f"{path}:{number}: broken record ({exc})") from exc
        if not isinstance(rec, dict):
            raise UserError(f"{path}:{number}: a record must be a JSON object")
        _check_version(rec, f"{path}:{number}")
        for key in ("case_id", "arm"):
            if not isinstance(rec.get(key), str):
                raise UserError(f"{path}:{number}: record without {key!r}")
        records.append(rec)
    return records


@dataclass
class Arm:
    """One provider/model of a loaded run, with its records keyed by case id."""

    run: str
    label: str
    records: dict[str, dict[str, Any]]
    summary: dict[str, Any] = field(default_factory=dict)

    #: How reports name the arm: ``<run folder>:<label>`` (the full path if folders clash).
    display: str = ""

    @property
    def name(self) -> str:
        return self.display or f"{Path(self.run).name}:{self.label}"

    def values(self, metric: str) -> dict[str, float]:
        """Per-case values of a case metric (cases where it applies)."""
        out = {}
        for case_id, rec in self.records.items():
            value = (rec.get("metrics") or {}).get(metric)
            if value is not None:
                out[case_id] = float(value)
        return out


@dataclass
class Run:
    """A loaded run directory."""

    path: Path
    manifest: dict[str, Any]
    summary: dict[str, Any]
    arms: dict[str, Arm]


def resolve_run_path(path: str | Path) -> Path:
    """A run directory from a path to it or to one of its files."""
    p = Path(path)
    if p.is_file() and p.name in (SUMMARY, RESULTS, MANIFEST):
        p = p.parent
    if not p.exists():
        raise UserError(f"{p}: run directory not found")
    if not p.is_dir():
        raise UserError(f"{p}: not a run directory (expected a folder with {SUMMARY})")
    return p


def load_run(path: str | Path) -> Run:
    """Read a finished run (summary and results); UserError on anything missing or foreign."""
    p = resolve_run_path(path)
    summary_path = p / SUMMARY
    if not summary_path.exists():
        raise UserError(
            f"{summary_path}: not found",
            hint="the run did not finish; run `nodepilot eval run` again with the same --out",
        )
    summary = read_json(summary_path)
    manifest = summary.get("run") or {}
    records = read_results(p / RESULTS)
    arms: dict[str, Arm] = {}
    for label, arm_summary in (summary.get("arms") or {}).items():
        arms[label] = Arm(str(p), label, {}, arm_summary)
    for rec in records:
        arm = arms.get(rec["arm"])
        if arm is None:
            arm = arms[rec["arm"]] = Arm(str(p), rec["arm"], {})
        arm.records[rec["case_id"]] = rec
    if not arms:
        raise UserError(f"{p}: the run has no results")
    return Run(p, manifest, summary, arms)
