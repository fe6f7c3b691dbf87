"""Prompt sets as part of an eval arm: what a run records about them, and how two sets differ.

An arm is provider x model x prompt set. The runner records for each arm the folder its prompts
came from, the set hash (``engine.prompts.prompt_set_hash``) and each file's hash, and copies
the files into the run directory (``prompts/<set hash>/``, once per distinct set), so a later
``compare`` can show a diff of the prompts next to the paired statistics and ``gate`` can name
the prompts that changed since the baseline.
"""

from __future__ import annotations

import difflib
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.provenance import prompt_hashes
from nodepilot.errors import UserError

#: Run-directory folder holding a copy of every prompt set an arm used.
SNAPSHOT_DIR = "prompts"


def prompt_name(file_name: str) -> str:
    """``workflow_generation.md`` -> ``workflow_generation`` (manifests key hashes by file)."""
    return file_name[:-3] if file_name.endswith(".md") else file_name


def describe_prompt_set(directory: Path | None) -> dict[str, Any]:
    """The manifest entry of an arm's prompt set (None: ``seeds/prompts``)."""
    from engine.prompts import PROMPTS_DIR, PromptError, prompt_set_hash

    folder = Path(directory) if directory is not None else PROMPTS_DIR
    try:
        set_hash = prompt_set_hash(folder)
    except PromptError as exc:
        raise UserError(f"--prompts {folder}: {exc}") from exc
    return {
        "dir": str(folder),
        "default": directory is None,
        "set_hash": set_hash,
        "hashes": prompt_hashes(folder),
    }


def snapshot_prompt_set(directory: Path | None, run_dir: Path, set_hash: str) -> str:
    """Copy the set's ``*.md`` files into the run directory (once); the copy's relative path."""
    from engine.prompts import PROMPTS_DIR

    rel = f"{SNAPSHOT_DIR}/{set_hash[:16]}"
    target = run_dir / rel
    if not target.is_dir():
        tmp = run_dir / f"{rel}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for src in sorted(Path(directory or PROMPTS_DIR).glob("*.md")):
            shutil.copyfile(src, tmp / src.name)
        tmp.rename(target)
    return rel


def arm_prompt_info(manifest: dict[str, Any], label: str) -> dict[str, Any]:
    """The prompt-set entry of arm ``label``; runs older than per-arm sets used ``seeds/prompts``
    for every arm, recorded once as the manifest's ``prompt_hashes``."""
    for arm in manifest.get("arms") or ():
        if arm.get("label") == label and isinstance(arm.get("prompts"), dict):
            return arm["prompts"]
    return {"dir": None, "set_hash": None, "hashes": manifest.get("prompt_hashes") or {}}


@dataclass
class PromptSetDiff:
    """How prompt set B differs from A: names by kind of change, and a unified text diff."""

    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    diff: str = ""
    #: Why ``diff`` is empty although names differ (a run that kept no copy of its prompts).
    note: str = ""

    @property
    def names(self) -> list[str]:
        return sorted({*self.changed, *self.added, *self.removed})

    def to_dict(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "added": self.added,
            "removed": self.removed,
            "diff": self.diff,
            "note": self.note,
        }


def changed_prompts(a: dict[str, str], b: dict[str, str]) -> PromptSetDiff:
    """Names (without ``.md``) whose hash differs, that only B has, that only A has."""
    return PromptSetDiff(
        changed=sorted(prompt_name(n) for n in a.keys() & b.keys() if a[n] != b[n]),
        added=sorted(prompt_name(n) for n in b.keys() - a.keys()),
        removed=sorted(prompt_name(n) for n in a.keys() - b.keys()),
    )


def _snapshot(run_dir: Path, info: dict[str, Any]) -> Path | None:
    rel = info.get("snapshot")
    if rel and (run_dir / rel).is_dir():
        return run_dir / rel
    return None


def diff_arm_prompts(
    run_a: Path, info_a: dict[str, Any], run_b: Path, info_b: dict[str, Any]
) -> PromptSetDiff:
    """The prompt diff between two arms, with the text diff when both runs kept their copies."""
    result = changed_prompts(info_a.get("hashes") or {}, info_b.get("hashes") or {})
    if not result.names:
        return result
    dir_a, dir_b = _snapshot(run_a, info_a), _snapshot(run_b, info_b)
    if dir_a is None or dir_b is None:
        result.note = "prompt texts not recorded by the older run; names and hashes only"
        return result
    parts: list[str] = []
    for name in result.names:
        a, b = dir_a / f"{name}.md", dir_b / f"{name}.md"
        lines_a = a.read_text(encoding="utf-8").splitlines(keepends=True) if a.exists() else []
        lines_b = b.read_text(encoding="utf-8").splitlines(keepends=True) if b.exists() else []
        parts.extend(difflib.unified_diff(lines_a, lines_b, f"A/{name}.md", f"B/{name}.md", n=2))
    result.diff = "".join(p if p.endswith("\n") else p + "\n" for p in parts)
    return result


#: Prompts the generation stage reads on a cache miss (engine/providers/messages.py). A cached
#: workflow was generated under the same prompt-set hash (the cache key holds it), so it was
#: made with these; the repair prompt is left out because a hit does not say whether a repair
#: round ran.
GENERATION_PROMPTS = ("workflow_generation",)
MODIFICATION_PROMPT = "workflow_modification"


def prompts_measured(rec: dict[str, Any], reads: list[str]) -> list[str]:
    """The prompts a case's result depends on: those read while it ran, plus the generation
    prompts behind a result served from the generation cache."""
    names = set(reads)
    if rec.get("cached"):
        names.update(GENERATION_PROMPTS)
        if rec.get("intent") == "workflow_modification":
            names.add(MODIFICATION_PROMPT)
    return sorted(names)


def diff_arms(a: Any, b: Any) -> PromptSetDiff:
    """The prompt diff between two loaded arms (``eval.rundir.Arm``) of one or two runs."""
    from eval.rundir import MANIFEST, read_json

    def info(arm: Any) -> tuple[Path, dict[str, Any]]:
        run_dir = Path(arm.run)
        manifest = read_json(run_dir / MANIFEST) if (run_dir / MANIFEST).exists() else {}
        return run_dir, arm_prompt_info(manifest, arm.label)

    run_a, info_a = info(a)
    run_b, info_b = info(b)
    return diff_arm_prompts(run_a, info_a, run_b, info_b)


#: Code whose change can move an LLM arm's results (the cache key of a CI run covers it).
KEY_CODE_DIRS = ("engine", "indexing", "eval", "nodepilot")


def run_cache_key(prompts: Path | None, arm: str, dataset: str, split: str, options: str) -> str:
    """A key for a CI run directory: the same key means the same results, so a cached run is
    resumed with nothing left to do and costs no tokens. It covers the prompt set, the arm
    (provider:model), dataset and split, run options and the code's Python files."""
    import hashlib

    from eval.provenance import dataset_hash
    from nodepilot.paths import PROJECT_ROOT

    h = hashlib.sha256()
    for part in (describe_prompt_set(prompts)["set_hash"], arm, dataset_hash(dataset), split):
        h.update(part.encode() + b"\0")
    h.update(options.encode() + b"\0")
    for folder in KEY_CODE_DIRS:
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py")):
            h.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:24]


def main(argv: list[str]) -> int:
    """``python -m eval.prompt_sets cache-key PROMPTS|- ARM DATASET SPLIT [OPTIONS]``."""
    if len(argv) < 5 or argv[0] != "cache-key":
        print(main.__doc__, file=sys.stderr)
        return 2
    prompts = None if argv[1] in ("", "-") else Path(argv[1])
    try:
        print(run_cache_key(prompts, argv[2], argv[3], argv[4], " ".join(argv[5:])))
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
