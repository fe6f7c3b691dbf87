"""Choose the reference workflows behind the workflow-request benchmark.

Why: the benchmark must spread over trigger kinds, AI vs non-AI, sizes and business domains,
and each reference must be a good example (catalog node types only, nothing hidden, intact
parameters, connected, one trigger). This script applies the quality filter, drops near
duplicates (same trigger + required set), fills per-kind quotas preferring the licensed
collections (n8n-mcp, awesome-n8n-templates) and app diversity, and writes the ordered list of
source ids to scripts/datasets/selection.json (ids only: no third-party text).

Run: .venv/bin/python scripts/datasets/select_references.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refs import iter_references  # noqa: E402
from skeleton import derive, quality  # noqa: E402

OUT = Path(__file__).resolve().parent / "selection.json"
QUOTA = {
    "schedule": 88,
    "webhook": 72,
    "form": 52,
    "chat": 48,
    "app": 124,
    "manual": 56,
    "subworkflow": 10,
    "error": 6,
}
PREF = {"n8n-mcp": 0, "awesome": 0, "zie619": 1}


def _h(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()


def main() -> None:
    """Select and write selection.json."""
    seen_sig: set[str] = set()
    mcp = 0  # MCP-server templates are many near-identical tool lists: keep a few
    pool: dict[str, list[dict]] = defaultdict(list)
    for ref in iter_references():
        ok, _why = quality(ref.workflow)
        if not ok:
            continue
        d = derive(ref.workflow)
        exp = d["expected"]
        if not exp["required"] or not exp["edges"]:
            continue
        if exp["trigger"].endswith("mcpTrigger"):
            mcp += 1
            if mcp > 4:
                continue
        sig = exp["trigger"] + "|" + ",".join(sorted(exp["required"]))
        if sig in seen_sig:
            continue
        seen_sig.add(sig)
        pool[d["trigger_kind"]].append(
            {
                "source": ref.source,
                "pref": PREF[ref.collection],
                "ai": d["ai"],
                "difficulty": d["difficulty"],
                "required": exp["required"],
            }
        )
    chosen: list[dict] = []
    app_use: Counter[str] = Counter()
    for kind, quota in QUOTA.items():
        cands = sorted(pool[kind], key=lambda c: (c["pref"], _h(c["source"])))
        # balance AI vs non-AI and difficulty: round-robin over strata
        strata: dict[tuple, list[dict]] = defaultdict(list)
        for c in cands:
            strata[(c["ai"], c["difficulty"])].append(c)
        picked: list[dict] = []
        while len(picked) < quota and any(strata.values()):
            for key in sorted(strata, key=str):
                if not strata[key] or len(picked) >= quota:
                    continue
                lst = strata[key]
                # prefer the licensed collection, then candidates using less-used apps
                best = min(
                    lst[:40],
                    key=lambda c: (c["pref"], sum(app_use[t] for t in c["required"])),
                )
                lst.remove(best)
                picked.append(best)
                app_use.update(best["required"])
        chosen.extend(picked)
    chosen.sort(key=lambda c: _h("order" + c["source"]))
    OUT.write_text(json.dumps([c["source"] for c in chosen], indent=0) + "\n")
    print(len(chosen), Counter(c["pref"] for c in chosen))
    print(Counter((c["ai"], c["difficulty"]) for c in chosen))


if __name__ == "__main__":
    main()
