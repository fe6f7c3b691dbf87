"""Canonical templates: every one loads with metadata, is a complete current workflow, and passes
our strict validator."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from indexing.seed_templates import (
    SHAPES,
    TEMPLATES_DIR,
    SeedTemplate,
    SeedTemplateError,
    load_seed_templates,
)

#: Shapes the brief requires the canonical set to cover.
REQUIRED_SHAPES = {
    "schedule-fetch-notify",
    "webhook-process-respond",
    "form-store",
    "chat-agent",
    "rag-ingest",
    "rag-query",
    "if-branching",
    "switch-routing",
    "merge-branches",
    "loop-batching",
    "error-workflow",
    "sub-workflow",
    "email-classify",
}
NODE_KEYS = {"id", "name", "type", "typeVersion", "position", "parameters"}
REF_RE = re.compile(r"""\$\(\s*['"]([^'"]+)['"]\s*\)""")


@pytest.fixture(scope="module")
def templates() -> list[SeedTemplate]:
    return load_seed_templates()


def strings(value: Any) -> list[str]:
    """Every string inside a parameters tree."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_set_size_and_shapes(templates: list[SeedTemplate]) -> None:
    assert len(templates) >= 12
    assert REQUIRED_SHAPES <= {t.shape for t in templates} <= set(SHAPES)
    assert len({t.id for t in templates}) == len(templates)


def test_each_has_metadata(templates: list[SeedTemplate]) -> None:
    for t in templates:
        assert t.title and len(t.description) >= 80, t.file
        assert t.tags and t.trigger in t.node_types, t.file
        meta = t.metadata
        assert meta["kind"] == "template" and meta["source"] == "nodepilot"
        assert meta["node_types"] == list(t.node_types)
        assert t.title in t.embedding_text


def test_documents_stay_importable(templates: list[SeedTemplate]) -> None:
    """No metadata inside the workflow JSON: only keys n8n's import accepts."""
    for t in templates:
        assert set(t.workflow) <= {"name", "nodes", "connections", "settings"}, t.file
        assert t.workflow["name"] and t.workflow["settings"].get("executionOrder") == "v1"


def test_nodes_complete_and_connections_consistent(templates: list[SeedTemplate]) -> None:
    for t in templates:
        names = [n["name"] for n in t.workflow["nodes"]]
        ids = [n["id"] for n in t.workflow["nodes"]]
        assert len(set(names)) == len(names) and len(set(ids)) == len(ids), t.file
        for node in t.workflow["nodes"]:
            assert NODE_KEYS <= set(node), (t.file, node.get("name"))
            assert len(node["position"]) == 2
            for cred in node.get("credentials", {}).values():
                assert cred["id"] and cred["name"], (t.file, node["name"])
        for source, outputs in t.workflow["connections"].items():
            assert source in names, (t.file, source)
            for kind, buckets in outputs.items():
                for bucket in buckets:
                    for edge in bucket:
                        assert edge["node"] in names and edge["type"] == kind, (t.file, edge)


def test_expressions_prefixed_and_references_resolve(templates: list[SeedTemplate]) -> None:
    for t in templates:
        names = {n["name"] for n in t.workflow["nodes"]}
        for node in t.workflow["nodes"]:
            for text in strings(node["parameters"]):
                if "{{" in text and node["type"] != "n8n-nodes-base.code":
                    assert text.startswith("="), (t.file, node["name"], text[:40])
                for ref in REF_RE.findall(text):
                    assert ref in names, (t.file, node["name"], ref)


def test_type_versions_are_current(templates: list[SeedTemplate]) -> None:
    try:
        from indexing.catalog.load import load_catalog
    except ImportError:
        pytest.skip("indexing.catalog not importable yet")
    catalog = load_catalog()
    for t in templates:
        for node in t.workflow["nodes"]:
            assert catalog.has_type(node["type"]), (t.file, node["type"])
            assert node["typeVersion"] == catalog.default_version(node["type"]), (
                t.file,
                node["name"],
            )


@pytest.mark.skipif(
    importlib.util.find_spec("engine.validation.validator") is None,
    reason="engine.validation is not importable yet (being built by another part of the project)",
)
def test_strict_validation_passes(templates: list[SeedTemplate]) -> None:
    from engine.validation import validate_workflow

    for t in templates:
        report = validate_workflow(t.workflow, profile="strict")
        problems = [(f.code, f.node, f.message) for f in report.findings]
        assert report.valid, (t.file, problems)


def test_index_and_files_must_agree(tmp_path: Path) -> None:
    src = TEMPLATES_DIR / "error-workflow-alert.json"
    (tmp_path / "a.json").write_text(src.read_text())
    (tmp_path / "index.toml").write_text("")
    with pytest.raises(SeedTemplateError, match=r"no index\.toml entry for: a\.json"):
        load_seed_templates(tmp_path)
    entry = (
        '["b.json"]\ntitle = "t"\ndescription = "d"\nshape = "error-workflow"\n'
        'trigger = "n8n-nodes-base.errorTrigger"\n'
    )
    (tmp_path / "a.json").unlink()
    (tmp_path / "index.toml").write_text(entry)
    with pytest.raises(SeedTemplateError, match=r"b\.json: listed in index\.toml but the file"):
        load_seed_templates(tmp_path)


ENTRY = (
    '["a.json"]\ntitle = "t"\ndescription = "d"\nshape = "error-workflow"\n'
    'trigger = "n8n-nodes-base.errorTrigger"\n'
)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('shape = "error-workflow"', 'shape = "nope"', "unknown shape 'nope'"),
        ('title = "t"', 'title = ""', "needs a non-empty 'title'"),
        ("errorTrigger", "webhook", "trigger 'n8n-nodes-base.webhook' is not"),
        ('title = "t"', 'title = "t"\ntags = "x"', "'tags' must be a list"),
        ('title = "t"', 'title = "t"\nauthor = "x"', "unknown key(s) author"),
    ],
)
def test_bad_metadata_is_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    (tmp_path / "a.json").write_text((TEMPLATES_DIR / "error-workflow-alert.json").read_text())
    (tmp_path / "index.toml").write_text(ENTRY.replace(old, new))
    with pytest.raises(SeedTemplateError, match=re.escape(message)) as info:
        load_seed_templates(tmp_path)
    assert "a.json" in str(info.value)


def test_broken_json_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"nodes": [')
    (tmp_path / "index.toml").write_text(ENTRY)
    with pytest.raises(SeedTemplateError, match=r"a\.json: not valid JSON"):
        load_seed_templates(tmp_path)
    (tmp_path / "a.json").write_text(json.dumps([1, 2]))
    with pytest.raises(SeedTemplateError, match=r"a\.json: not a workflow document"):
        load_seed_templates(tmp_path)


def test_content_hash_tracks_edits(templates: list[SeedTemplate]) -> None:
    t = templates[0]
    assert t.content_hash == load_seed_templates()[0].content_hash
    changed = SeedTemplate(**{**t.__dict__, "description": t.description + " Edited."})
    assert changed.content_hash != t.content_hash
