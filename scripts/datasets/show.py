"""Print a compact structural view of selected references, for writing requests by hand.

Why: requests are written by us from a workflow's structure (node types, operations, key
parameters, connections), not from its title or description, so this view leaves those out.

Run: .venv/bin/python scripts/datasets/show.py START END   (indexes into selection.json)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refs import edges_of, iter_references, nodes_of  # noqa: E402
from skeleton import derive  # noqa: E402

HERE = Path(__file__).resolve().parent
KEYS = (
    "resource operation event events triggerOn channel channelId select chatId text "
    "sheetName documentId rule path httpMethod url method formTitle formFields "
    "promptType prompt systemMessage options model modelId query table tableId base "
    "subject toList sendTo message title jsCode conditions rules mode updates labelIds filters "
    "pollTimes interval cronExpression assignments"
).split()


def short(v: object, n: int = 90) -> str:
    """One-line truncated repr."""
    s = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n] + "..."


def main() -> None:
    """Show selection[start:end]."""
    sel = json.loads((HERE / "selection.json").read_text())
    a, b = int(sys.argv[1]), int(sys.argv[2])
    want = {s: i for i, s in enumerate(sel) if a <= i < b}
    found = {}
    for ref in iter_references():
        if ref.source in want:
            found[want[ref.source]] = ref
    for i in sorted(found):
        ref = found[i]
        d = derive(ref.workflow)
        print(f"=== [{i}] {ref.source}  kind={d['trigger_kind']} ai={d['ai']} {d['difficulty']}")
        idx = {n["name"]: k for k, n in enumerate(nodes_of(ref.workflow))}
        for k, n in enumerate(nodes_of(ref.workflow)):
            t = n["type"].replace("n8n-nodes-base.", "").replace("@n8n/n8n-nodes-langchain.", "lc.")
            p = n.get("parameters") or {}
            bits = [f"{k}={short(p[k])}" for k in KEYS if k in p and p[k] not in ("", {}, [])]
            print(f"  {k} {n['name']!r} [{t}] " + "; ".join(bits)[:260])
        es = [
            f"{idx.get(s)}>{idx.get(t)}" + ("" if c == "main" else c.replace("ai_", ":"))
            for s, t, c in edges_of(ref.workflow)
        ]
        print("  E:", " ".join(es))
        e = d["expected"]
        print("  REQ:", [x.split(".")[-1] for x in e["required"]])
        print("  OPT:", [x.split(".")[-1] for x in e["optional"]])


if __name__ == "__main__":
    main()
