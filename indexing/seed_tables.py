"""Keep the seed tables (``workflow_tips``, ``workflow_templates``, ``node_patterns``) equal to
the documents the indexer just synchronised, from each document's ``payload``.

These tables hold the structured records the engine and the service read by key (a tip's
category, a template's full workflow JSON, a pattern's parameter statistics); the searchable text
and vectors live in ``knowledge_items``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from indexing.documents import KnowledgeDoc


def _hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _tip_row(d: KnowledgeDoc) -> dict[str, Any]:
    return dict(d.payload or {})


def _template_row(d: KnowledgeDoc) -> dict[str, Any]:
    return dict(d.payload or {})


def _pattern_row(d: KnowledgeDoc) -> dict[str, Any]:
    """A mined record (``indexing.patterns``) as a ``node_patterns`` row: usage = nodes seen,
    workflow count = distinct workflows, neighbours = the types before/after it."""
    p = (d.payload or {}).get("pattern", {})
    support = p.get("support") or {}
    columns = {"node_type", "resource", "operation", "parameters", "support", "before", "after"}
    return {
        "pattern_key": d.key,
        "node_type": p.get("node_type"),
        "resource": p.get("resource"),
        "operation": p.get("operation"),
        "parameters": p.get("parameters") or {},
        "usage_count": int(support.get("nodes") or 0),
        "workflow_count": int(support.get("workflows") or 0),
        "predecessors": p.get("before") or {},
        "successors": p.get("after") or {},
        "metadata": {
            "support": support,
            **{k: v for k, v in p.items() if k not in columns},
        },
    }


#: source -> (table, key column, row builder, kind of the documents it reads)
TABLES = {
    "tips": ("workflow_tips", "tip_key", _tip_row, "tip"),
    "templates": ("workflow_templates", "source_id", _template_row, "template"),
    "patterns": ("node_patterns", "pattern_key", _pattern_row, "pattern"),
}
_JSON_COLUMNS = {"metadata", "workflow_json", "parameters", "predecessors", "successors"}


def sync_table(conn: psycopg.Connection, source: str, docs: Iterable[KnowledgeDoc]) -> int:
    """Upsert changed rows and delete vanished ones; returns the number of rows written."""
    if source not in TABLES:
        return 0
    table, key_col, build, kind = TABLES[source]
    rows = [build(d) for d in docs if d.kind == kind and d.payload is not None]
    for row in rows:
        row["content_hash"] = _hash(row)
    stored = dict(conn.execute(f"SELECT {key_col}, content_hash FROM {table}").fetchall())
    # end the read's implicit transaction: inside it, the block below would be a savepoint
    # that only a later commit makes durable (the last source's rows were lost that way)
    conn.commit()
    changed = [r for r in rows if stored.get(r[key_col]) != r["content_hash"]]
    keys = {r[key_col] for r in rows}
    with conn.transaction():
        if changed:
            cols = list(changed[0])
            updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in cols if c != key_col)
            sql = (
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))}) "
                f"ON CONFLICT ({key_col}) DO UPDATE SET {updates}, updated_at = now()"
            )
            with conn.cursor() as cur:
                cur.executemany(
                    sql,
                    [[Jsonb(r[c]) if c in _JSON_COLUMNS else r[c] for c in cols] for r in changed],
                )
        gone = sorted(set(stored) - keys)
        if gone:
            conn.execute(f"DELETE FROM {table} WHERE {key_col} = ANY(%s)", (gone,))
    return len(changed)
