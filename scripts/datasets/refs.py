"""Reading reference workflows and deriving benchmark skeletons from them.

Why: the workflow-request benchmark is written by us, but every case is anchored on a real
workflow from ../shared/data/n8n/templates so that its expected skeleton (trigger, required node
types, edges) reflects how n8n users actually build that automation. This module holds the
reading, the quality filter and the skeleton derivation so the selection and build scripts share
one definition. It reads third-party files only; nothing it returns is committed except derived
facts (node types, edges, counts) and source ids.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nodepilot.paths import shared_data_dir
from nodepilot.workflow import BASE, LC, STICKY_NOTE, Workflow, is_trigger_type
from nodepilot.workflow import trigger_kind as trigger_kind  # the dataset scripts read it here

MCP_VERSION = "2.87.0"
ZIE_COMMIT = "84c802cb"

# Core helpers a different valid design might skip: always `optional`, never `required`.
CORE_HELPERS = {
    BASE + t
    for t in (
        "set code if switch merge filter splitOut aggregate wait noOp splitInBatches itemLists "
        "dateTime html markdown xml crypto compareDatasets removeDuplicates sort limit summarize "
        "renameKeys executeWorkflow respondToWebhook stopAndError extractFromFile convertToFile "
        "readWriteFile spreadsheetFile moveBinaryData executeCommand httpRequest editImage "
        "executionData debugHelper function functionItem form"
    ).split()
}
CORE_HELPERS |= {
    LC + t
    for t in (
        "outputParserStructured outputParserAutofixing outputParserItemList "
        "documentDefaultDataLoader documentBinaryInputLoader documentJsonInputLoader "
        "textSplitterCharacterTextSplitter textSplitterRecursiveCharacterTextSplitter "
        "textSplitterTokenSplitter toolThink toolCalculator toolCode toolWorkflow "
        "toolHttpRequest retrieverVectorStore rerankerCohere"
    ).split()
}

# Vendor-equivalent groups: when a request names no vendor we may widen a type to its group.
CHAT_MODELS = [
    LC + t
    for t in (
        "lmChatOpenAi lmChatAnthropic lmChatGoogleGemini lmChatMistralCloud lmChatGroq "
        "lmChatOpenRouter lmChatDeepSeek lmChatOllama lmChatAzureOpenAi lmChatAwsBedrock "
        "lmChatGoogleVertex lmChatXAiGrok"
    ).split()
]
MEMORIES = [
    LC + t
    for t in "memoryBufferWindow memoryPostgresChat memoryRedisChat memoryMongoDbChat".split()
]


@dataclass
class Reference:
    """One reference workflow with its source id (the issue-4 `source` form)."""

    source: str
    workflow: dict[str, Any]
    collection: str
    extra: dict[str, Any] = field(default_factory=dict)


def templates_dir() -> Path:
    """Where the third-party workflow collections live."""
    return shared_data_dir() / "n8n" / "templates"


def iter_references() -> Iterator[Reference]:
    """Yield every workflow from the three collections, n8n-mcp and awesome first."""
    root = templates_dir()
    with gzip.open(root / f"n8n-mcp-{MCP_VERSION}" / "templates.jsonl.gz", "rt") as fh:
        for line in fh:
            rec = json.loads(line)
            wf = rec.get("workflow") or {}
            if isinstance(wf, str):
                wf = json.loads(wf)
            yield Reference(
                f"n8n-mcp@{MCP_VERSION}#{rec['id']}", wf, "n8n-mcp", {"views": rec.get("views")}
            )
    aw = root / "awesome-n8n-templates"
    for path in sorted(aw.rglob("*.json")):
        if path.name.startswith("_"):
            continue
        try:
            wf = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(wf, dict) and "nodes" in wf:
            rel = path.relative_to(aw).as_posix()
            yield Reference(f"awesome-n8n-templates:{rel}", wf, "awesome")
    zdir = root / f"zie619-n8n-workflows-{ZIE_COMMIT}"
    with gzip.open(zdir / "workflows.jsonl.gz", "rt") as fh:
        for line in fh:
            rec = json.loads(line)
            yield Reference(f"zie619@{ZIE_COMMIT}:{rec['file']}", rec["workflow"], "zie619")


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, Any]]:
    """Full node type -> {hidden, trigger, versions, tool} from the raw catalog nodes.json."""
    cat_root = shared_data_dir() / "n8n" / "catalog"
    out: dict[str, dict[str, Any]] = {}
    for folder, prefix in (("n8n-nodes-base-2.41.2", BASE), ("n8n-nodes-langchain-2.41.1", LC)):
        for entry in json.loads((cat_root / folder / "nodes.json").read_text()):
            name = prefix + entry["name"]
            vers = entry["version"] if isinstance(entry["version"], list) else [entry["version"]]
            rec = out.setdefault(
                name, {"hidden": True, "trigger": False, "versions": set(), "tool": False}
            )
            rec["hidden"] = rec["hidden"] and bool(entry.get("hidden"))
            rec["trigger"] = rec["trigger"] or "trigger" in entry.get("group", [])
            rec["versions"].update(float(v) for v in vers)
            rec["tool"] = rec["tool"] or bool(entry.get("usableAsTool"))
    return out


def known_type(node_type: str) -> bool:
    """True if the type is in the catalog, visible, or a `<name>Tool` twin of a tool-able node."""
    cat = catalog()
    if node_type in cat:
        return not cat[node_type]["hidden"]
    if node_type.endswith("Tool"):
        base = cat.get(node_type[: -len("Tool")])
        return bool(base and base["tool"] and not base["hidden"])
    return False


def is_trigger(node_type: str) -> bool:
    """Start nodes: the catalog's trigger group, else the workflow model's rule."""
    rec = catalog().get(node_type)
    return is_trigger_type(node_type, declared=bool(rec and rec["trigger"]))


def is_ai(node_type: str) -> bool:
    """Any LangChain package node or the OpenAI/Anthropic/Gemini app nodes counts as AI."""
    return node_type.startswith(LC)


def nodes_of(wf: dict[str, Any]) -> list[dict[str, Any]]:
    """Non-sticky nodes with a type."""
    return [n for n in wf.get("nodes", []) if n.get("type") and n["type"] != STICKY_NOTE]


def edges_of(wf: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(source name, target name, connection type) for every connection, dangling ones too."""
    return [(c.source, c.target, c.kind) for c in Workflow.from_n8n(wf, strict=False).connections]
