"""Entity extraction quality against the benchmark's expected skeletons (train + dev, never test).

For every ``workflow_request`` case:
  * app precision: app entities (not inside the trigger clause) whose node type the expected
    skeleton names (trigger, required, optional; a ``…Tool`` twin counts) / all such entities;
  * app recall: required items naming an external app (not a core helper such as Set, Code, IF,
    HTTP Request) that some entity's node type (or an AI entity's vendor node) satisfies;
  * primary trigger: the one trigger entity marked ``primary`` is among the expected triggers.
Prints the figures, the most frequent misses, and the median extraction time.

    .venv/bin/python benchmarks/entity_quality.py [--splits train,dev] [--show 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

# Core helpers a request rarely names as such: left out of app recall.
_CORE = frozenset(
    "set code if merge httpRequest splitOut aggregate filter switch wait noOp html xml dateTime "
    "splitInBatches respondToWebhook executeWorkflow extractFromFile convertToFile summarize limit "
    "sort removeDuplicates crypto markdown compression stopAndError readWriteFile emailSend "
    "itemLists form editImage executeCommand n8n".split()
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default="train,dev")
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args(argv)
    splits = [s.strip() for s in args.splits.split(",") if s.strip()]
    if "test" in splits:
        parser.error("the test split is not used for tuning; leave it out")

    from engine.intent.entities import extract_entities
    from eval.datasets import load_dataset

    cases = [
        c
        for s in splits
        for c in load_dataset(PROJECT_ROOT / "datasets" / "bench", split=s)
        if c.intent == "workflow_request" and c.expected
    ]
    extract_entities("warm up: slack")
    tp = fp = rec_n = rec_hit = trig_ok = 0
    false_pos: Counter[tuple[str, str]] = Counter()
    missed: Counter[str] = Counter()
    wrong_trigger: Counter[tuple[str, str]] = Counter()
    times = []
    for case in cases:
        t0 = time.perf_counter()
        ents = extract_entities(case.request)
        times.append((time.perf_counter() - t0) * 1000)
        assert case.expected is not None
        allowed = case.expected.node_types()
        for e in ents:
            if e.kind != "app" or not e.node_type or (e.value or {}).get("in_trigger"):
                continue
            if e.node_type in allowed or e.node_type + "Tool" in allowed:
                tp += 1
            else:
                fp += 1
                false_pos[(e.span.lower(), e.node_type.rsplit(".", 1)[-1])] += 1
        got = {e.node_type for e in ents if e.node_type}
        got |= {(e.value or {}).get("app_node") for e in ents if e.kind == "ai"}
        for req in case.expected.required_sets:
            apps = [r for r in req if r.startswith("n8n-nodes-base.")]
            if not apps or any(r.rsplit(".", 1)[-1] in _CORE for r in apps):
                continue
            rec_n += 1
            if req & got or any(g and g + "Tool" in req for g in got):
                rec_hit += 1
            else:
                missed[sorted(req)[0].rsplit(".", 1)[-1]] += 1
        primary = [e for e in ents if e.kind == "trigger" and (e.value or {}).get("primary")]
        if primary and primary[0].node_type in case.expected.triggers:
            trig_ok += 1
        else:
            got_t = (
                primary[0].node_type.rsplit(".", 1)[-1] if primary and primary[0].node_type else "-"
            )
            wrong_trigger[(case.expected.trigger.rsplit(".", 1)[-1], got_t)] += 1

    print(f"entity quality on {len(cases)} workflow requests ({', '.join(splits)})")
    print(f"app precision   {tp / max(tp + fp, 1):.3f}  ({fp} of {tp + fp} not in the skeleton)")
    print(f"app recall      {rec_hit / max(rec_n, 1):.3f}  ({rec_hit} of {rec_n} named apps)")
    print(f"primary trigger {trig_ok / len(cases):.3f}  ({trig_ok} of {len(cases)})")
    print(f"extract_entities median {statistics.median(times):.2f} ms, max {max(times):.1f} ms")
    print("most frequent extra apps:", false_pos.most_common(args.show))
    print("most frequent missed apps:", missed.most_common(args.show))
    print("trigger misses (expected, got):", wrong_trigger.most_common(args.show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
