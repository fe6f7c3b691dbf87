"""Template corpus reader: source ids, licences, de-duplication, exclusion, bad files."""

from __future__ import annotations

import copy
import gzip
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexing.corpus import (
    AWESOME,
    N8N_MCP,
    ZIE619,
    exclude,
    iter_corpus,
    load_reference_ids,
    structural_hash,
    templates_dir,
)


def _wf(*types: str, params: dict | None = None, prefix: str = "N") -> dict:
    """A chain workflow with one node per type, named ``<prefix>0``, ``<prefix>1``..."""
    nodes = [
        {
            "id": f"id-{prefix}-{i}",
            "name": f"{prefix}{i}",
            "type": t,
            "typeVersion": 1,
            "position": [i * 200, 0],
            "parameters": dict(params or {"k": i}),
        }
        for i, t in enumerate(types)
    ]
    conns = {
        f"{prefix}{i}": {"main": [[{"node": f"{prefix}{i + 1}", "type": "main", "index": 0}]]}
        for i in range(len(types) - 1)
    }
    return {"name": "wf", "nodes": nodes, "connections": conns}


def _write_gz(path: Path, rows: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write((row if isinstance(row, str) else json.dumps(row)) + "\n")


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    """A miniature copy of the three collections with known copies and bad files."""
    shared = _wf("a.x", "a.y", "a.z")
    _write_gz(
        tmp_path / "n8n-mcp-2.87.0" / "templates.jsonl.gz",
        [
            {"id": 1, "name": "One", "description": "d", "workflow": shared},
            {"id": 2, "name": "Two", "workflow": _wf("b.x", "b.y")},
            {"id": 3, "name": "Broken", "workflow": {"nodes": "nope"}},
            "{not json",
        ],
    )
    aw = tmp_path / "awesome-n8n-templates"
    (aw / "Slack").mkdir(parents=True)
    renamed = copy.deepcopy(shared)
    for n in renamed["nodes"]:
        n["position"] = [0, 0]
        n["id"] = "other"
    (aw / "Slack" / "copy.json").write_text(json.dumps(renamed))
    (aw / "Slack" / "own.json").write_text(json.dumps(_wf("c.x", "c.y")) + "\ntrailing title")
    (aw / "Slack" / "empty.json").write_text("")
    (aw / "Slack" / "escaped.json").write_text(
        json.dumps({"nodes": [{'\\"type\\"': "x", "type": "t"}], "connections": {}})
    )
    (aw / "Slack" / "string.json").write_text(json.dumps(json.dumps(_wf("d.x"))))
    (aw / "_readme_table_index.json").write_text("[]")
    _write_gz(
        tmp_path / "zie619-n8n-workflows-84c802cb" / "workflows.jsonl.gz",
        [
            {"file": "workflows/1_a.json", "workflow": shared},
            {"file": "workflows/2_b.json", "workflow": _wf("z.x", "z.y")},
        ],
    )
    return tmp_path


def test_ids_licences_and_dedup(root: Path) -> None:
    skips: list[tuple[str, str]] = []
    recs = list(iter_corpus(root=root, on_skip=lambda w, r: skips.append((w, r))))
    ids = {r.source_id for r in recs}
    assert ids == {
        "n8n-mcp@2.87.0#1",
        "n8n-mcp@2.87.0#2",
        "awesome-n8n-templates:Slack/own.json",
        "zie619@84c802cb:workflows/2_b.json",
    }
    kept = next(r for r in recs if r.source_id == "n8n-mcp@2.87.0#1")
    assert set(kept.duplicates) == {
        "awesome-n8n-templates:Slack/copy.json",
        "zie619@84c802cb:workflows/1_a.json",
    }
    assert kept.licence == "MIT" and kept.usable("retrieval") and kept.description == "d"
    own = next(r for r in recs if r.source == AWESOME)
    assert own.licence == "CC-BY-4.0" and own.usable("mining")
    z = next(r for r in recs if r.source == ZIE619)
    assert z.licence == "none" and not z.usable("retrieval") and not z.usable("mining")
    assert z.usable("statistics") and z.usable("evaluation")
    reasons = " | ".join(f"{Path(w).name}: {r}" for w, r in skips)
    assert "templates.jsonl.gz:3: no 'nodes' list" in reasons
    assert "templates.jsonl.gz:4: invalid JSON" in reasons
    assert "empty.json: not JSON" in reasons
    assert "escaped.json: node 0 has double-escaped keys" in reasons
    assert "string.json: workflow is a JSON string" in reasons
    assert len(skips) == 5


def test_include_duplicates_and_preference(root: Path) -> None:
    recs = list(iter_corpus(root=root, include_duplicates=True))
    dropped = [r for r in recs if r.duplicate_of]
    assert {r.source_id for r in dropped} == {
        "awesome-n8n-templates:Slack/copy.json",
        "zie619@84c802cb:workflows/1_a.json",
    }
    assert all(r.duplicate_of == "n8n-mcp@2.87.0#1" for r in dropped)
    assert recs[-len(dropped) :] == dropped  # dropped copies come after the kept records
    # without the MIT source, the CC-BY copy is preferred over the unlicensed one
    recs2 = list(iter_corpus(sources=[AWESOME, ZIE619], root=root))
    keep = next(r for r in recs2 if r.duplicates)
    assert keep.source_id == "awesome-n8n-templates:Slack/copy.json"
    assert keep.duplicates == ("zie619@84c802cb:workflows/1_a.json",)


def test_unknown_source_is_an_error(root: Path) -> None:
    with pytest.raises(ValueError, match="unknown template source"):
        list(iter_corpus(sources=["nope"], root=root))


def test_exclude_by_any_copy(root: Path, tmp_path: Path) -> None:
    ref = tmp_path / "reference_ids.txt"
    ref.write_text("# references\n\nzie619@84c802cb:workflows/1_a.json\n")
    ids = load_reference_ids(ref)
    assert ids == {"zie619@84c802cb:workflows/1_a.json"}
    left = {r.source_id for r in exclude(iter_corpus(root=root), ids)}
    assert "n8n-mcp@2.87.0#1" not in left  # the kept MIT copy of a zie619 reference goes too
    assert "n8n-mcp@2.87.0#2" in left
    assert load_reference_ids(tmp_path / "missing.txt") == set()


def test_hash_ignores_names_ids_positions_and_sticky_notes() -> None:
    a = _wf("t.a", "t.b", "t.c", prefix="A")
    b = _wf("t.a", "t.b", "t.c", prefix="B")
    b["nodes"].append({"name": "note", "type": "n8n-nodes-base.stickyNote", "parameters": {}})
    b["nodes"][0]["parameters"]["doc"] = {
        "__rl": True,
        "value": "1",
        "cachedResultName": "x",
    }
    a["nodes"][0]["parameters"]["doc"] = {"__rl": True, "value": "1"}
    assert structural_hash(a) == structural_hash(b)
    c = copy.deepcopy(a)
    c["nodes"][1]["parameters"]["k"] = "changed"
    assert structural_hash(a) != structural_hash(c)
    d = copy.deepcopy(a)
    d["connections"] = {}
    assert structural_hash(a) != structural_hash(d)


def test_sanitised_copy_with_same_named_shape_is_a_duplicate(tmp_path: Path) -> None:
    full = _wf("s.a", "s.b", "s.c", "s.d")
    sanitised = copy.deepcopy(full)
    sanitised["nodes"][1]["parameters"] = {}
    sanitised["nodes"][2]["parameters"] = {"k": "user@example.com"}
    small_a = _wf("m.a", "m.b", params={"url": "https://a"})
    small_b = _wf("m.a", "m.b", params={"url": "https://b"})
    _write_gz(
        tmp_path / "n8n-mcp-2.87.0" / "templates.jsonl.gz",
        [{"id": 1, "workflow": sanitised}, {"id": 2, "workflow": small_a}],
    )
    _write_gz(
        tmp_path / "zie619-n8n-workflows-84c802cb" / "workflows.jsonl.gz",
        [{"file": "f1", "workflow": full}, {"file": "f2", "workflow": small_b}],
    )
    recs = {r.source_id: r for r in iter_corpus(root=tmp_path)}
    assert recs["n8n-mcp@2.87.0#1"].duplicates == ("zie619@84c802cb:f1",)
    assert "zie619@84c802cb:f2" in recs  # two-node shapes need agreeing parameters


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda ch: st.lists(ch, max_size=4) | st.dictionaries(st.text(max_size=5), ch, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["nodes", "connections", "name"]),
        json_values,
    )
)
def test_hash_never_raises(wf: dict) -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", structural_hash(wf))


# --------------------------------------------------------------------------- real data

REAL = templates_dir()
needs_real = pytest.mark.skipif(
    not (REAL / "n8n-mcp-2.87.0").is_dir(), reason="../shared template data not present"
)


@needs_real
def test_real_corpus() -> None:
    skips: list[tuple[str, str]] = []
    recs = list(iter_corpus(include_duplicates=True, on_skip=lambda w, r: skips.append((w, r))))
    by_source: dict[str, int] = {}
    for r in recs:
        by_source[r.source] = by_source.get(r.source, 0) + 1
    assert by_source[N8N_MCP] == 1881 and by_source[ZIE619] == 2040
    assert 330 <= by_source[AWESOME] <= 349
    assert len(skips) <= 5
    patterns = {
        N8N_MCP: r"n8n-mcp@2\.87\.0#\d+",
        AWESOME: r"awesome-n8n-templates:[^/].*\.json",
        ZIE619: r"zie619@84c802cb:.+",
    }
    assert all(re.fullmatch(patterns[r.source], r.source_id) for r in recs)
    assert len({r.source_id for r in recs}) == len(recs)
    kept = [r for r in recs if r.duplicate_of is None]
    assert 3000 < len(kept) < len(recs)
    assert not any(r.usable("retrieval") for r in recs if r.source == ZIE619)
    # every dropped copy points at a kept record that lists it
    kept_by_id = {r.source_id: r for r in kept}
    for r in recs:
        if r.duplicate_of:
            assert r.source_id in kept_by_id[r.duplicate_of].duplicates
