"""Workflow tips: our hand-written best-practice notes, loaded from ``seeds/tips/*.toml``.

The tips are the project's own advice about building n8n workflows (item linking, branching,
loops, AI wiring, ...). They are versioned in ``seeds/`` so a reviewer can read and edit them
as text; the indexer embeds them into ``workflow_tips`` and uses :attr:`Tip.content_hash` to
re-embed only the tips that changed.

File format: any number of ``[[tip]]`` tables per file, one file per category by convention::

    [[tip]]
    id = "if-true-false-outputs"          # stable slug, unique across all files
    category = "branching"                # one of CATEGORIES
    title = "IF has two outputs"
    body = "..."                          # 2-6 sentences
    node_types = ["n8n-nodes-base.if"]    # full type names, must exist in the catalog
    version = 1                           # bump when the tip is edited
    tags = ["routing"]                    # optional

Every problem is reported as a :class:`TipsError` naming the file and the tip id, so a bad edit
is found without reading a traceback.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nodepilot.errors import UserError
from nodepilot.paths import SEEDS_DIR

#: Default folder holding the tip files.
TIPS_DIR = SEEDS_DIR / "tips"

#: Category slug -> what the category covers (also used as a search label).
CATEGORIES: dict[str, str] = {
    "expressions": "Expressions and item linking",
    "branching": "IF, Switch and Merge semantics",
    "loops": "Loops and batching (Loop Over Items)",
    "errors": "Error outputs, retries and error workflows",
    "webhooks": "Webhooks and responding to them",
    "schedules": "Schedules and time zones",
    "credentials": "Credentials and authentication",
    "pagination": "Pagination, rate limits, retries and waiting",
    "ai-agents": "AI agents: chat models, memory, tools and output parsers",
    "rag": "RAG wiring: loaders, splitters, embeddings, vector stores, retrievers",
    "code": "Code node (JavaScript and Python)",
    "sub-workflows": "Sub-workflows (Execute Workflow and its trigger)",
    "data-transformation": "Data transformation: Edit Fields, Aggregate, Split Out, Filter",
    "forms": "n8n forms (Form Trigger and Form pages)",
    "chat-trigger": "Chat Trigger and chat interfaces",
}

_REQUIRED = ("id", "category", "title", "body", "node_types", "version")
_OPTIONAL = ("tags",)
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TYPE_RE = re.compile(r"^(?:@[a-z0-9-]+/)?[a-z0-9-]+\.[A-Za-z0-9]+$")
_MAX_BODY = 1200


class TipsError(UserError):
    """A tip file is unreadable or a tip in it is malformed; the message names file and tip."""


@dataclass(frozen=True)
class Tip:
    """One workflow tip as written in ``seeds/tips``."""

    id: str
    category: str
    title: str
    body: str
    node_types: tuple[str, ...]
    version: int
    tags: tuple[str, ...] = ()
    #: File the tip was read from, relative to the tips folder (for error messages and provenance).
    source: str = field(default="", compare=False)

    @property
    def content_hash(self) -> str:
        """SHA-256 of everything that is embedded or stored, so edits trigger re-embedding."""
        payload = {
            "id": self.id,
            "category": self.category,
            "title": self.title,
            "body": self.body,
            "node_types": list(self.node_types),
            "version": self.version,
            "tags": list(self.tags),
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    @property
    def embedding_text(self) -> str:
        """The text the indexer embeds and full-text indexes: title, body, category label."""
        return f"{self.title}. {self.body} ({CATEGORIES.get(self.category, self.category)})"


def _fail(path: Path, tip_id: str | None, message: str) -> TipsError:
    where = f"{path.name}: tip {tip_id!r}" if tip_id else path.name
    return TipsError(f"{where}: {message}")


def _str_list(path: Path, tip_id: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, tip_id, f"{key!r} must be a list of non-empty strings")
    return tuple(value)


def _parse_tip(path: Path, index: int, raw: object) -> Tip:
    if not isinstance(raw, dict):
        raise _fail(path, None, f"entry #{index + 1} is not a table")
    tip_id = raw.get("id")
    label = tip_id if isinstance(tip_id, str) and tip_id else f"#{index + 1}"
    for key in _REQUIRED:
        if key not in raw:
            raise _fail(path, label, f"missing field {key!r}")
    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise _fail(path, label, f"unknown field(s) {', '.join(map(repr, unknown))}")
    if not isinstance(tip_id, str) or not _ID_RE.match(tip_id):
        raise _fail(path, label, "'id' must be a lowercase slug like 'merge-by-key'")
    category = raw["category"]
    if category not in CATEGORIES:
        raise _fail(
            path, tip_id, f"unknown category {category!r} (known: {', '.join(sorted(CATEGORIES))})"
        )
    title, body = raw["title"], raw["body"]
    if not isinstance(title, str) or not title.strip():
        raise _fail(path, tip_id, "'title' must be a non-empty string")
    if not isinstance(body, str) or not body.strip():
        raise _fail(path, tip_id, "'body' must be a non-empty string")
    if len(body) > _MAX_BODY:
        raise _fail(path, tip_id, f"'body' is {len(body)} characters (limit {_MAX_BODY})")
    node_types = _str_list(path, tip_id, "node_types", raw["node_types"])
    if not node_types:
        raise _fail(path, tip_id, "'node_types' must name at least one node type")
    for node_type in node_types:
        if not _TYPE_RE.match(node_type):
            raise _fail(
                path,
                tip_id,
                f"node type {node_type!r} is not a full type name like 'n8n-nodes-base.if'",
            )
    version = raw["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _fail(path, tip_id, "'version' must be an integer >= 1")
    tags = _str_list(path, tip_id, "tags", raw.get("tags", []))
    return Tip(
        id=tip_id,
        category=category,
        title=" ".join(title.split()),
        body=" ".join(body.split()),
        node_types=node_types,
        version=version,
        tags=tags,
        source=path.name,
    )


def load_tip_file(path: Path) -> list[Tip]:
    """Parse one TOML file of ``[[tip]]`` tables (no cross-file checks)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _fail(path, None, f"cannot read file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise _fail(path, None, "file is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, None, f"invalid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"tip"})
    if unknown:
        raise _fail(path, None, f"unexpected top-level key(s) {', '.join(map(repr, unknown))}")
    raw_tips = data.get("tip", [])
    if not isinstance(raw_tips, list):
        raise _fail(path, None, "'tip' must be an array of tables ([[tip]])")
    return [_parse_tip(path, i, raw) for i, raw in enumerate(raw_tips)]


def load_tips(
    dir: Path = TIPS_DIR,  # noqa: A002 - the public name the indexer calls it by
    known_node_types: Collection[str] | None = None,
) -> list[Tip]:
    """Load and validate every ``*.toml`` in ``dir``, sorted by file name then file order.

    ``known_node_types`` (full type names, e.g. from the catalog) turns on the check that every
    tip names real node types; without it only the shape of the names is checked.
    """
    if not dir.is_dir():
        raise TipsError(f"tips folder not found: {dir}")
    tips: list[Tip] = []
    seen: dict[str, str] = {}
    for path in sorted(dir.glob("*.toml")):
        for tip in load_tip_file(path):
            if tip.id in seen:
                raise _fail(path, tip.id, f"duplicate id (also in {seen[tip.id]})")
            seen[tip.id] = path.name
            if known_node_types is not None:
                missing = [t for t in tip.node_types if t not in known_node_types]
                if missing:
                    raise _fail(path, tip.id, f"unknown node type(s) {', '.join(missing)}")
            tips.append(tip)
    return tips


def tips_by_category(tips: Iterable[Tip]) -> dict[str, list[Tip]]:
    """Group tips by category slug (every known category present, possibly empty)."""
    grouped: dict[str, list[Tip]] = {slug: [] for slug in CATEGORIES}
    for tip in tips:
        grouped.setdefault(tip.category, []).append(tip)
    return grouped
