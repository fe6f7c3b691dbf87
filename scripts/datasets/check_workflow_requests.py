"""Check datasets/bench/workflow_requests.jsonl against the project catalog and our conventions.

Why: a benchmark case is only useful if every node type it expects exists in the catalog the
engine generates from, every record has the fields the harness reads, ids are unique, and the
request text names the apps its `required` list expects (a loose lexical lint that flags cases
to re-read by hand). Exit 1 on errors; lint findings are printed as warnings.

Run: .venv/bin/python scripts/datasets/check_workflow_requests.py [PATH]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from build_workflow_requests import OUT, lint_names, types_in  # noqa: E402

from indexing.catalog.load import load_catalog  # noqa: E402

FIELDS = ("id", "request", "intent", "expected", "source", "difficulty", "split")
EXPECTED = ("trigger", "required", "optional", "edges")


def check(path: Path) -> tuple[list[str], list[str]]:
    """Return (errors, warnings) with `file:line` prefixes."""
    cat = load_catalog()
    errors: list[str] = []
    warns: list[str] = []
    ids: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{ln}"
        rec = json.loads(line)
        missing = [f for f in FIELDS if f not in rec]
        if missing:
            errors.append(f"{where}: missing fields {missing}")
            continue
        ids[rec["id"]] += 1
        sources[rec["source"]] += 1
        exp = rec["expected"]
        if any(k not in exp for k in EXPECTED):
            errors.append(f"{where}: expected lacks one of {EXPECTED}")
            continue
        unknown = sorted({t for t in types_in(exp) if not cat.has_type(t)})
        if unknown:
            errors.append(f"{where}: node types not in catalog {unknown}")
        if not cat.is_trigger(exp["trigger"]) and not exp["trigger"].endswith("chatTrigger"):
            warns.append(f"{where}: trigger {exp['trigger']} is not a catalog trigger")
        if not exp["required"]:
            errors.append(f"{where}: empty required list")
        miss = lint_names(rec["request"], exp)
        if miss:
            warns.append(f"{where}: request may not name {miss}")
    errors += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    errors += [f"duplicate source {s}" for s, n in sources.items() if n > 1]
    return errors, warns


def main() -> None:
    """Print findings and exit non-zero on errors."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    errors, warns = check(path)
    for w in warns:
        print("warn:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{path.name}: {len(errors)} errors, {len(warns)} warnings")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
