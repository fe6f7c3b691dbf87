"""Write datasets/reference_ids.txt: every non-authored `source` found in datasets/**/*.jsonl.

Why: benchmark reference workflows must never be in the retrieval corpus the engine searches
(the engine could otherwise copy the expected answer); the indexer reads this file and excludes
those ids. Run after every change to a dataset file.

Run: .venv/bin/python scripts/datasets/write_reference_ids.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
OUT = DATASETS / "reference_ids.txt"


def collect(datasets: Path = DATASETS) -> list[str]:
    """Sorted unique non-authored source ids from every .jsonl under `datasets`."""
    ids: set[str] = set()
    for path in sorted(datasets.rglob("*.jsonl")):
        for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                sys.exit(f"error: {path.relative_to(ROOT)}:{ln}: not JSON ({exc.msg})")
            src = rec.get("source") if isinstance(rec, dict) else None
            if isinstance(src, str) and src and src != "authored":
                ids.add(src)
    return sorted(ids)


def main() -> None:
    """Write the file and say how many ids it holds."""
    ids = collect()
    OUT.write_text("".join(i + "\n" for i in ids), encoding="utf-8")
    print(f"wrote {len(ids)} reference ids to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
