"""Should the LLM prompt optimizer be the default when a key is configured? (issue 19)

The pipeline's LLM arm (provider ``anthropic``, official SDK over HTTP) runs against the local
wire-protocol server (tests/llm_server.py) on the dev workflow requests, three ways:

* ``local``  - the local optimizer's spec (the default today);
* ``llm-echo`` - ``optimizer="llm"``, the server answering the spec call with the local spec
  (a model that agrees): what the extra call costs - tokens sent, latency, the same context;
* ``llm-oracle`` - ``optimizer="llm"``, the server answering with a spec read from the case's
  reference workflow (its trigger, steps with their resource/operation, AI parts): the best
  any optimizer model could do, so the most its spec could add to what the generator is given.

For each arm the user message the server received for the generation call is measured with the
context metrics (eval/metrics/context.py) against the reference workflow. No vendor model is
reachable here, so the quality of a real model's spec is bounded, not measured.

    .venv/bin/python benchmarks/optimizer_arm.py [--limit 93]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from eval.datasets import load_dataset  # noqa: E402
from nodepilot.paths import DATASETS_DIR  # noqa: E402
from nodepilot.workflow import LC, trigger_kind  # noqa: E402


def spec_answer(spec: Any) -> dict[str, Any]:
    """A spec as the optimizer's structured answer (engine.spec_llm.SPEC_SCHEMA)."""
    ai = spec.ai
    return {
        "name": spec.name,
        "trigger": {
            "kind": spec.trigger.kind,
            "node_type": spec.trigger.node_type,
            "schedule_cron": None,
            "event": spec.trigger.app_event,
        },
        "steps": [
            {
                "node_type": s.node_type,
                "resource": s.resource,
                "operation": s.operation,
                "purpose": s.purpose,
                "branch": s.branch,
            }
            for s in spec.steps
        ],
        "branching": spec.branching,
        "condition": spec.condition,
        "data_flow": spec.data_flow,
        "ai": None
        if ai is None
        else {
            "root": ai.root,
            "model": ai.model,
            "memory": ai.memory,
            "tools": list(ai.tools),
            "output_parser": ai.output_parser,
            "vector_store": ai.vector_store,
            "embeddings": ai.embeddings,
            "prompt": ai.prompt,
        },
    }


def oracle_answer(workflow: dict[str, Any], request: str) -> dict[str, Any] | None:
    """The spec a perfect reader would give: the reference workflow's own structure."""
    from indexing.catalog.load import load_catalog
    from indexing.catalog.params import ParameterResolutionError, resolve_parameters

    cat = load_catalog()
    nodes = [
        n
        for n in workflow.get("nodes") or ()
        if isinstance(n, dict) and cat.has_type(str(n.get("type")))
    ]
    trigger = next((n for n in nodes if cat.is_trigger(n["type"])), None)
    if trigger is None:
        return None
    steps, ai = [], {"tools": []}
    for n in nodes:
        t = n["type"]
        nv = cat.get(t)
        if n is trigger or nv is None or t.endswith("stickyNote"):
            continue
        short = t.rsplit(".", 1)[-1]
        if nv.is_sub_node or t.endswith("Tool"):
            for key, prefix in (
                ("model", "lm"),
                ("memory", "memory"),
                ("output_parser", "outputParser"),
                ("embeddings", "embeddings"),
            ):
                if short.startswith(prefix):
                    ai.setdefault(key, t)
            if t.endswith("Tool") or short.startswith("tool"):
                ai["tools"].append(t)
            if short.startswith("vectorStore"):
                ai.setdefault("vector_store", t)
            continue
        if t.startswith(LC) and ("agent" in short or "chain" in short.lower()):
            ai.setdefault("root", t)
        params = n.get("parameters") if isinstance(n.get("parameters"), dict) else {}
        version = cat.default_version(t)
        try:
            resolved = resolve_parameters(cat.get(t, version), params, version, type_name=t)
        except ParameterResolutionError:
            resolved = params
        res, op = resolved.get("resource"), resolved.get("operation")
        steps.append(
            {
                "node_type": t,
                "resource": res if isinstance(res, str) else None,
                "operation": op if isinstance(op, str) else None,
                "purpose": str(n.get("name") or ""),
                "branch": None,
            }
        )
    root = ai.get("root")
    kind = trigger_kind(trigger["type"])  # the catalog calls it a trigger: "other" is an app's
    return {
        "name": str(workflow.get("name") or "")[:80],
        "trigger": {
            "kind": "app" if kind == "other" else kind,
            "node_type": trigger["type"],
            "schedule_cron": None,
            "event": None,
        },
        "steps": steps,
        "branching": "none",
        "condition": "",
        "data_flow": "",
        "ai": None
        if not root
        else {
            "root": root,
            "model": ai.get("model"),
            "memory": ai.get("memory"),
            "tools": ai["tools"],
            "output_parser": ai.get("output_parser"),
            "vector_store": ai.get("vector_store"),
            "embeddings": ai.get("embeddings"),
            "prompt": request[:200],
        },
    }


def measure(message: str, reference: dict[str, Any], catalog: Any) -> tuple[float, float] | None:
    """Schema types and parameter names of ``reference`` that ``message`` covers."""
    from eval.metrics.context import reference_parameters, schema_blocks

    refs = reference_parameters(reference, catalog)
    if not refs:
        return None
    blocks = schema_blocks(message)
    types = sum(1 for t in refs if t in blocks) / len(refs)
    pairs = [(t, p) for t, names in refs.items() for p in names]
    named = sum(1 for t, p in pairs if p in blocks.get(t, ("", frozenset()))[1])
    return types, (named / len(pairs) if pairs else 1.0)


def run_case(
    case: Any, reference: dict[str, Any], answer: dict[str, Any], env: dict[str, Any]
) -> dict[str, dict[str, float]]:
    """The three arms on one case: a row of figures per arm that could be measured."""
    from llm_server import Reply

    from engine.context.tokens import count_tokens
    from engine.intent.classifier import classify
    from engine.spec import build_spec
    from engine.types import IntentResult

    server, pipelines = env["server"], env["pipelines"]
    oracle = oracle_answer(reference, case.request)
    if oracle is None:
        return {}
    local = build_spec(case.request, classify(case.request))
    out = {}
    for arm, spec_reply in (
        ("local", None),
        ("llm-echo", spec_answer(local)),
        ("llm-oracle", oracle),
    ):
        server.reset()
        if spec_reply is not None:
            server.push(Reply.data(spec_reply, input_tokens=900, output_tokens=300))
        server.push(Reply.workflow(answer, input_tokens=6000, output_tokens=900))
        pipeline = pipelines["local" if spec_reply is None else "llm"]
        started = time.perf_counter()
        pipeline.run(case.request, intent=IntentResult("workflow_request", 1.0))
        wall = (time.perf_counter() - started) * 1000
        bodies = [r.body for r in server.requests]
        message = "\n".join(b["text"] for b in bodies[-1]["messages"][0]["content"])
        figures = measure(message, reference, env["catalog"])
        if figures is None:
            continue
        out[arm] = {
            "types": figures[0],
            "params": figures[1],
            "message_tokens": count_tokens(message),
            "optimizer_tokens": count_tokens(json.dumps(bodies[0])) if spec_reply else 0,
            "calls": len(bodies),
            "wall_ms": wall,
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=93)
    args = parser.parse_args()

    from llm_server import running_llm_server

    from engine.pipeline import Pipeline
    from eval.runner import CorpusReferences
    from indexing.catalog.load import load_catalog

    cases = [
        c
        for c in load_dataset(DATASETS_DIR / "bench", split="dev")
        if c.intent == "workflow_request"
    ][: args.limit]
    refs = CorpusReferences({c.source for c in cases})
    offline = Pipeline(provider="offline", use_cache=False)
    answers = {c.id: offline.run(c.request).workflow for c in cases}
    rows: dict[str, list[dict[str, float]]] = {"local": [], "llm-echo": [], "llm-oracle": []}
    with running_llm_server() as server:
        os.environ["NODEPILOT_ANTHROPIC_BASE_URL"] = server.url
        os.environ["NODEPILOT_ANTHROPIC_API_KEY"] = "sk-ant-benchmark-not-a-key"
        from nodepilot.config import get_settings

        get_settings.cache_clear()
        shared = {"provider": "anthropic", "use_cache": False, "conn_factory": lambda: offline.conn}
        env = {
            "server": server,
            "catalog": load_catalog(),
            "pipelines": {
                "local": Pipeline(**shared),
                "llm": Pipeline(optimizer="llm", **shared),
            },
        }
        for case in cases:
            reference = refs(case.source)
            if reference and answers[case.id]:
                for arm, row in run_case(case, reference, answers[case.id], env).items():
                    rows[arm].append(row)
    report(rows)


def report(rows: dict[str, list[dict[str, float]]]) -> None:
    """One line per arm: means, and the median wall time."""
    print(f"{len(rows['local'])} dev workflow requests with a reference workflow")
    for arm, values in rows.items():
        if not values:
            continue
        mean = {k: statistics.mean(v[k] for v in values) for k in values[0]}
        print(
            f"  {arm:<11} schema types {mean['types']:.3f}  param names {mean['params']:.3f}  "
            f"message tokens {mean['message_tokens']:.0f}  optimizer call tokens "
            f"{mean['optimizer_tokens']:.0f}  calls {mean['calls']:.1f}  "
            f"wall p50 {statistics.median(v['wall_ms'] for v in values):.0f} ms"
        )


if __name__ == "__main__":
    main()
