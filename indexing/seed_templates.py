"""Our canonical workflow templates (``seeds/templates/*.json``) with their sidecar metadata.

The JSON files are plain n8n workflow documents so they can be imported into n8n unchanged;
what we say about them (title, description, shape, tags, trigger) lives in
``seeds/templates/index.toml`` keyed by file name. The indexer stores them next to the real
corpus templates, marked with source ``nodepilot`` and our own licence, and the offline
generator can start from them.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nodepilot.errors import UserError
from nodepilot.paths import SEEDS_DIR
from nodepilot.workflow import STICKY_NOTE

TEMPLATES_DIR = SEEDS_DIR / "templates"
INDEX_FILE = "index.toml"

#: The canonical shapes the set is meant to cover (each has at least one template).
SHAPES: dict[str, str] = {
    "schedule-fetch-notify": "Schedule -> fetch (HTTP Request) -> notify",
    "webhook-process-respond": "Webhook -> process -> Respond to Webhook",
    "form-store": "Form Trigger -> store",
    "chat-agent": "Chat Trigger -> AI Agent with chat model, memory and tools",
    "rag-ingest": "RAG ingest: loader, splitter, embeddings, vector store insert",
    "rag-query": "RAG query: agent with vector store tool, or chain with retriever",
    "if-branching": "IF branching",
    "switch-routing": "Switch routing",
    "merge-branches": "Merge of two branches",
    "loop-batching": "Loop Over Items batching",
    "error-workflow": "Error Trigger -> notify",
    "sub-workflow": "Sub-workflow call (Execute Workflow / Execute Workflow Trigger)",
    "email-classify": "Email trigger -> AI classify -> act",
    "fetch-transform": "Paginated fetch -> transform -> report",
    "ai-extraction": "AI extraction with a structured output parser",
}

#: Provenance recorded on every canonical template in the index.
SOURCE = "nodepilot"
LICENSE = "NodePilot project (own work)"

_META_KEYS = {"title", "description", "shape", "tags", "trigger"}


class SeedTemplateError(UserError):
    """A canonical template or its metadata is missing or malformed (message names the file)."""


@dataclass(frozen=True)
class SeedTemplate:
    """One canonical workflow with the metadata we wrote for it."""

    file: str
    title: str
    description: str
    shape: str
    tags: tuple[str, ...]
    trigger: str
    workflow: dict[str, Any]

    @property
    def id(self) -> str:
        """Stable id for the index: ``nodepilot:<file stem>``."""
        return f"{SOURCE}:{Path(self.file).stem}"

    @property
    def node_types(self) -> tuple[str, ...]:
        """Distinct node types used, in first-use order (sticky notes excluded)."""
        seen: dict[str, None] = {}
        for node in self.workflow.get("nodes", []):
            node_type = node.get("type")
            if isinstance(node_type, str) and node_type != STICKY_NOTE:
                seen.setdefault(node_type, None)
        return tuple(seen)

    @property
    def content_hash(self) -> str:
        """SHA-256 over workflow and metadata, so any edit triggers re-embedding."""
        payload = {
            "file": self.file,
            "title": self.title,
            "description": self.description,
            "shape": self.shape,
            "tags": list(self.tags),
            "trigger": self.trigger,
            "workflow": self.workflow,
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    @property
    def metadata(self) -> dict[str, Any]:
        """JSONB-ready metadata for the knowledge store."""
        return {
            "kind": "template",
            "source": SOURCE,
            "license": LICENSE,
            "file": self.file,
            "title": self.title,
            "shape": self.shape,
            "tags": list(self.tags),
            "trigger": self.trigger,
            "node_types": list(self.node_types),
        }

    @property
    def embedding_text(self) -> str:
        """Title, description and node types: what a request is matched against."""
        return f"{self.title}. {self.description} Nodes: {', '.join(self.node_types)}."


def _load_index(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / INDEX_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SeedTemplateError(f"{INDEX_FILE} not found in {folder}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SeedTemplateError(f"{INDEX_FILE}: invalid TOML: {exc}") from exc
    for name, meta in data.items():
        if not isinstance(meta, dict):
            raise SeedTemplateError(f"{INDEX_FILE}: [{name!r}] must be a table")
    return data


def _meta_field(name: str, meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SeedTemplateError(f"{INDEX_FILE}: [{name!r}] needs a non-empty {key!r}")
    return " ".join(value.split())


def _load_one(folder: Path, name: str, meta: dict[str, Any]) -> SeedTemplate:
    unknown = sorted(set(meta) - _META_KEYS)
    if unknown:
        raise SeedTemplateError(f"{INDEX_FILE}: [{name!r}] unknown key(s) {', '.join(unknown)}")
    shape = _meta_field(name, meta, "shape")
    if shape not in SHAPES:
        raise SeedTemplateError(f"{INDEX_FILE}: [{name!r}] unknown shape {shape!r}")
    tags = meta.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        raise SeedTemplateError(f"{INDEX_FILE}: [{name!r}] 'tags' must be a list of strings")
    try:
        workflow = json.loads((folder / name).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SeedTemplateError(f"{name}: listed in {INDEX_FILE} but the file is missing") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SeedTemplateError(f"{name}: not valid JSON ({exc})") from exc
    if not isinstance(workflow, dict) or not isinstance(workflow.get("nodes"), list):
        raise SeedTemplateError(f"{name}: not a workflow document (no 'nodes' list)")
    trigger = _meta_field(name, meta, "trigger")
    if trigger not in {n.get("type") for n in workflow["nodes"] if isinstance(n, dict)}:
        raise SeedTemplateError(f"{name}: trigger {trigger!r} is not a node of the workflow")
    return SeedTemplate(
        file=name,
        title=_meta_field(name, meta, "title"),
        description=_meta_field(name, meta, "description"),
        shape=shape,
        tags=tuple(tags),
        trigger=trigger,
        workflow=workflow,
    )


def load_seed_templates(folder: Path = TEMPLATES_DIR) -> list[SeedTemplate]:
    """Load every canonical template with its metadata, sorted by file name.

    Every ``*.json`` in the folder must have an entry in ``index.toml`` and every entry a file,
    so a template can never be indexed without the description we wrote for it.
    """
    index = _load_index(folder)
    files = {p.name for p in folder.glob("*.json")}
    missing_meta = sorted(files - set(index))
    if missing_meta:
        raise SeedTemplateError(f"no {INDEX_FILE} entry for: {', '.join(missing_meta)}")
    return [_load_one(folder, name, index[name]) for name in sorted(index)]
