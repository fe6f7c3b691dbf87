"""The unit of the knowledge index: one retrievable document and its content hash.

Every source (catalog, templates, patterns, tips) turns its records into ``KnowledgeDoc``s; the
store only ever sees these, so adding a source never touches the storage or search code.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

#: Kinds of knowledge, as stored in ``knowledge_items.kind``.
KINDS: tuple[str, ...] = ("node", "operation", "template", "pattern", "tip")

#: Which kinds each ``nodepilot index --only`` source builds.
SOURCE_KINDS: dict[str, tuple[str, ...]] = {
    "catalog": ("node", "operation"),
    "templates": ("template",),
    "patterns": ("pattern",),
    "tips": ("tip",),
}


@dataclass(frozen=True)
class KnowledgeDoc:
    """One searchable item. ``key`` is unique within its kind and stable across runs."""

    kind: str
    key: str
    title: str
    content: str
    node_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    #: The structured record for the kind's seed table (workflow_tips, ...); not embedded and
    #: not part of the content hash.
    payload: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    #: What to embed instead of the whole content, when the content carries detail (parameter
    #: statistics, expressions) that is for the reader and the full-text leg, not for meaning:
    #: a shorter text also embeds several times faster.
    search_text: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown knowledge kind {self.kind!r} (known: {', '.join(KINDS)})")
        if not self.key:
            raise ValueError(f"a {self.kind} document has an empty key")

    @property
    def embedding_text(self) -> str:
        """What the embedding model reads: the title, then the body (or its search text)."""
        return f"{self.title}\n{self.search_text or self.content}"

    def content_hash(self, model_id: str) -> str:
        """Changes when anything stored or embedded changes, including the embedding model."""
        fields = [model_id, self.title, self.content, self.node_types, self.categories]
        fields += [self.metadata] + ([self.search_text] if self.search_text else [])
        payload = json.dumps(fields, sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def type_name_words(node_type: str) -> str:
    """Search words for a node type: the full name, the short name and its split words.

    ``n8n-nodes-base.googleSheets`` -> ``n8n-nodes-base.googleSheets googleSheets google sheets``,
    so a full-text query for any of those spellings finds the item.
    """
    short = node_type.rsplit(".", 1)[-1]
    split = _CAMEL.sub(" ", short).lower()
    return f"{node_type} {short} {split}"
