"""Differential fuzzing: mutated real workflows, judged by our validator and by the n8n oracle.

Real workflows are mostly valid or fail in a few common ways; generated workflows fail in many
more. This script takes workflows from a corpus, applies 1-3 random mutations each (delete, set
to an odd JSON value, add a key; biased towards parameters and connections), writes them to a
temporary JSONL, runs the oracle (``--orphans-as-warnings``) once and our ``runtime`` profile on
every document, and prints the verdict agreement with the disagreements grouped by kind.

    .venv/bin/python benchmarks/fuzz_validator.py --seed 1 --count 3000
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpora import CORPORA, corpus_path, iter_corpus, run_oracle  # noqa: E402
from engine.validation.validator import validate_workflow  # noqa: E402
from indexing.catalog.load import load_catalog  # noqa: E402

ODD_VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 2.5, "", "x", "=", "={{ $json.a }}", "{{ $json.a }}", [], {},
    [1], {"a": 1}, "main", "ai_tool", "n8n-nodes-base.set", "n8n-nodes-base.httpRequest",
    "@n8n/n8n-nodes-langchain.agent", "continueErrorOutput",
    {"__rl": True, "mode": "id", "value": ""}, {"__rl": True, "mode": "url", "value": "nope"},
]  # fmt: skip
NEW_KEYS = ["x", "onError", "operation", "resource", "mode", "index", "type", "node"]


def _containers(doc: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    items = (
        doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    )
    for k, v in items:
        if isinstance(v, dict | list):
            out += _containers(v, (*path, k))
    return out


def _at(doc: Any, path: tuple) -> Any:
    for k in path:
        doc = doc[k]
    return doc


def mutate(doc: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """A copy of ``doc`` with 1-3 random mutations."""
    d = copy.deepcopy(doc)
    for _ in range(rnd.randint(1, 3)):
        paths = _containers(d)
        preferred = [p for p in paths if "parameters" in p or (p and p[0] == "connections")]
        target = _at(d, rnd.choice(preferred if preferred and rnd.random() < 0.8 else paths))
        op = rnd.choice(["del", "set", "set", "add"])
        if isinstance(target, dict) and target:
            k = rnd.choice(list(target))
            if op == "del":
                del target[k]
            elif op == "set":
                target[k] = copy.deepcopy(rnd.choice([*ODD_VALUES, target[k]]))
            else:
                target[rnd.choice(NEW_KEYS)] = copy.deepcopy(rnd.choice(ODD_VALUES))
        elif isinstance(target, list) and target:
            i = rnd.randrange(len(target))
            if op == "del":
                target.pop(i)
            elif op == "set":
                target[i] = copy.deepcopy(rnd.choice([*ODD_VALUES, target[i]]))
            else:
                target.append(copy.deepcopy(rnd.choice([*ODD_VALUES, target[i]])))
    return d


def swap_types(doc: dict[str, Any], rnd: random.Random, catalog: Any) -> dict[str, Any]:
    """A copy of ``doc`` where 1-2 nodes get another declared version of their type, or another
    catalog type altogether (parameters kept): stresses resolution on mismatched parameters."""
    d = copy.deepcopy(doc)
    nodes = [n for n in d["nodes"] if isinstance(n, dict)]
    types = catalog.types()
    for n in rnd.sample(nodes, min(len(nodes), rnd.randint(1, 2))):
        if rnd.random() < 0.5:
            n["type"] = rnd.choice(types)
            n["typeVersion"] = rnd.choice(catalog.versions(n["type"]))
        else:
            versions = catalog.versions(n["type"]) if isinstance(n.get("type"), str) else []
            if versions:
                n["typeVersion"] = rnd.choice(versions)
    return d


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="zie619")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--max-nodes", type=int, default=25, help="use workflows up to this size")
    ap.add_argument("--examples", type=int, default=2, help="examples per disagreement kind")
    ap.add_argument(
        "--mode",
        choices=["mutate", "swap-types"],
        default="mutate",
        help="mutate values, or swap node types / versions keeping the parameters",
    )
    args = ap.parse_args(argv)
    rnd = random.Random(args.seed)
    pool = [
        r.doc
        for r in iter_corpus(corpus_path(args.corpus))
        if r.is_workflow and len(r.doc["nodes"]) <= args.max_nodes
    ]
    if args.mode == "swap-types":
        catalog = load_catalog()
        docs = [swap_types(rnd.choice(pool), rnd, catalog) for _ in range(args.count)]
    else:
        docs = [mutate(rnd.choice(pool), rnd) for _ in range(args.count)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        oracle = {key[1]: rec for key, rec in run_oracle(path).items()}
    agree = 0
    kinds: Counter[tuple[str, ...]] = Counter()
    examples: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for line, doc in enumerate(docs, start=1):
        o = oracle[line]
        report = validate_workflow(doc, "runtime")
        if report.valid == o["valid"]:
            agree += 1
            continue
        if report.valid:
            key = ("n8n flags, we do not", *sorted({i["kind"] for i in o["issues"]}))
            detail = [f"{i['kind']} [{i.get('node')}] {i['detail'][:100]}" for i in o["issues"]]
        else:
            key = ("we flag, n8n does not", *sorted(report.codes("error")))
            detail = [f"{f.code} [{f.node}] {f.message[:100]}" for f in report.errors]
        kinds[key] += 1
        if len(examples[key]) < args.examples:
            examples[key].append(f"line {line}: " + "; ".join(detail[:3]))
    print(
        f"{args.corpus} {args.mode} seed {args.seed}: {agree}/{len(docs)} workflows agree "
        f"({100 * agree / len(docs):.2f}%)"
    )
    for key, n in kinds.most_common():
        print(f"  {n}x {key[0]}: {', '.join(key[1:])}")
        for ex in examples[key]:
            print(f"      {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
