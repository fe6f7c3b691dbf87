"""Property tests: validate and repair never raise; repair is idempotent and leaves nothing fixable.

Seeds are the hand-written fixtures plus (when ``../shared`` is present) a few small real
workflows; hypothesis mutates them at random paths (delete, replace with arbitrary JSON,
duplicate or rename nodes, rewire connections) and also feeds arbitrary JSON values.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.validation.repair import repair_workflow
from engine.validation.validator import validate_workflow
from nodepilot.paths import shared_data_dir

FIXTURES = Path(__file__).parent / "fixtures" / "validation"
ZIE = shared_data_dir() / "n8n/templates/zie619-n8n-workflows-84c802cb/workflows.jsonl.gz"


def _seeds() -> list[Any]:
    seeds: list[Any] = []
    for path in sorted(FIXTURES.glob("*.json")):
        fx = json.loads(path.read_text(encoding="utf-8"))
        seeds.extend(fx[k] for k in ("fail", "pass") if k in fx)
    if ZIE.exists():
        with gzip.open(ZIE, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i % 97 == 0:
                    wf = json.loads(line)["workflow"]
                    if len(wf.get("nodes", [])) <= 12:
                        seeds.append(wf)
                if len(seeds) > 120:
                    break
    return seeds


SEEDS = _seeds()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)

_SPECIAL = st.sampled_from(
    [
        "nodes",
        "connections",
        "name",
        "type",
        "typeVersion",
        "position",
        "parameters",
        "id",
        "main",
        "ai_tool",
        "node",
        "index",
        "disabled",
        "onError",
        "n8n-nodes-base.httpRequest",
        "n8n-nodes-base.set",
        "@n8n/n8n-nodes-langchain.agent",
        "=",
        "={{ $json.x }}",
        "{{ $json.y }}",
    ]
)


def _containers(doc: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(doc, dict):
        for k, v in doc.items():
            if isinstance(v, dict | list):
                out.extend(_containers(v, (*path, k)))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            if isinstance(v, dict | list):
                out.extend(_containers(v, (*path, i)))
    return out


def _at(doc: Any, path: tuple) -> Any:
    for p in path:
        doc = doc[p]
    return doc


@st.composite
def mutated_workflows(draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _containers(doc)
        target = _at(doc, draw(st.sampled_from(paths)))
        op = draw(st.sampled_from(["delete", "replace", "add", "dup_node", "rename", "rewire"]))
        if op == "dup_node" and isinstance(doc, dict) and isinstance(doc.get("nodes"), list):
            if doc["nodes"]:
                doc["nodes"].append(copy.deepcopy(draw(st.sampled_from(doc["nodes"]))))
            continue
        if op == "rename" and isinstance(doc, dict) and isinstance(doc.get("nodes"), list):
            nodes = [n for n in doc["nodes"] if isinstance(n, dict)]
            if nodes:
                draw(st.sampled_from(nodes))["name"] = draw(st.text(max_size=6) | _SPECIAL)
            continue
        if op == "rewire" and isinstance(doc, dict) and isinstance(doc.get("connections"), dict):
            nodes = doc.get("nodes")  # a mutation may have set it to anything, None included
            listed = nodes if isinstance(nodes, list) else []
            names = [n.get("name") for n in listed if isinstance(n, dict)]
            src = draw(st.sampled_from([*names, "ghost"]))
            dst = draw(st.sampled_from([*names, "ghost"]))
            ctype = draw(st.sampled_from(["main", "ai_tool", "ai_languageModel", "bogus"]))
            by_type = doc["connections"].setdefault(src, {}) if isinstance(src, str) else None
            if isinstance(by_type, dict) and isinstance(by_type.setdefault(ctype, []), list):
                by_type[ctype].append(
                    [{"node": dst, "type": ctype, "index": draw(st.integers(0, 3))}]
                )
            continue
        if isinstance(target, dict):
            keys = list(target)
            if op == "delete" and keys:
                del target[draw(st.sampled_from(keys))]
            elif op == "replace" and keys:
                target[draw(st.sampled_from(keys))] = draw(json_values | _SPECIAL)
            else:
                target[draw(st.text(max_size=6) | _SPECIAL)] = draw(json_values | _SPECIAL)
        elif isinstance(target, list):
            if op == "delete" and target:
                target.pop(draw(st.integers(0, len(target) - 1)))
            elif op == "replace" and target:
                target[draw(st.integers(0, len(target) - 1))] = draw(json_values | _SPECIAL)
            else:
                target.append(draw(json_values | _SPECIAL))
    return doc


_SETTINGS = settings(
    # deeper search: NODEPILOT_HYPOTHESIS_EXAMPLES=2000 pytest tests/test_validation_props.py
    max_examples=int(os.environ.get("NODEPILOT_HYPOTHESIS_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SETTINGS
@given(json_values)
def test_validate_never_raises_on_arbitrary_json(value: Any) -> None:
    for profile in ("runtime", "strict"):
        report = validate_workflow(value, profile)
        assert isinstance(report.valid, bool)


@_SETTINGS
@given(mutated_workflows())
def test_validate_never_raises_on_mutated_workflows(doc: Any) -> None:
    for profile in ("runtime", "strict"):
        report = validate_workflow(doc, profile)
        assert isinstance(report.valid, bool)
        assert all(f.code and f.severity in ("error", "warning") for f in report.findings)


@_SETTINGS
@given(mutated_workflows() | json_values)
def test_repair_is_idempotent_and_leaves_nothing_fixable(doc: Any) -> None:
    before = copy.deepcopy(doc)
    first = repair_workflow(doc)
    assert doc == before  # the input is not modified
    second = repair_workflow(first.workflow)
    assert second.fixes == []
    assert second.workflow == first.workflow
    report = validate_workflow(first.workflow, "strict")
    left = [f for f in report.findings if f.fixable and f.severity == "error"]
    assert left == [], [f.to_dict() for f in left]
