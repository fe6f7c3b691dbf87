"""Retrieval for a spec against the real store (embedded PostgreSQL + pgvector)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import psycopg
import pytest

from engine.retrieval import retrieve, spec_node_types
from engine.spec import build_spec
from nodepilot.config import Settings

B = "n8n-nodes-base."


@pytest.fixture(scope="module")
def tips_indexed(migrated_db: Settings) -> Iterator[Settings]:
    """The tips source indexed as the indexer builds it (same documents as the other suites,
    so sharing the session database changes nothing for them)."""
    from indexing.indexer import build_index
    from indexing.sources import tip_docs
    from nodepilot.db import connect

    with connect(migrated_db) as conn:
        build_index(conn, "tips", documents=lambda _source: {"tip": list(tip_docs())})
    yield migrated_db


@pytest.fixture()
def conn(tips_indexed: Settings) -> Iterator[psycopg.Connection]:
    from nodepilot.db import connect

    with connect(tips_indexed) as c:
        yield c


def test_spec_node_types_cover_trigger_steps_and_ai() -> None:
    spec = build_spec("chat assistant on claude with memory and a gmail tool; log to google sheets")
    types = spec_node_types(spec)
    assert types[0] == spec.trigger.node_type
    assert "@n8n/n8n-nodes-langchain.lmChatAnthropic" in types
    assert B + "gmailTool" in types
    assert len(types) == len(set(types))


def test_retrieve_returns_tips_for_the_spec_node_types(conn: psycopg.Connection) -> None:
    spec = build_spec("every weekday at 7am pull stripe charges and post a summary to slack")
    items = retrieve(spec, conn, k=8)
    ids = [i.id for i in items]
    assert len(ids) == len(set(ids))
    tips = [i for i in items if i.kind == "tip"]
    assert tips, ids
    wanted = set(spec_node_types(spec))
    assert all(set(t.node_types) & wanted for t in tips)
    assert any(B + "scheduleTrigger" in t.node_types for t in tips)


def test_retrieve_degrades_to_no_context_when_the_store_fails(migrated_db: Settings) -> None:
    from nodepilot.db import connect

    c = connect(migrated_db)
    c.close()
    spec = build_spec("post a message to slack")
    with pytest.raises(psycopg.OperationalError):
        c.execute("SELECT 1")
    assert retrieve(spec, c) == []


def test_retrieve_covers_every_spec_node_type_and_the_previous_workflows(
    indexed: Settings,
) -> None:
    """Each node the generator will place gets catalog context, however far down a global
    ranking it falls (here HTTP Request, next to the vendor's own YouTube node), and so does
    each node of the workflow being modified (``also``)."""
    from nodepilot.db import connect

    spec = build_spec("every weekday call the YouTube API (http) and post the videos to Discord")
    types = spec_node_types(spec)
    assert B + "httpRequest" in types and B + "discord" in types
    with connect(indexed) as c:
        items = retrieve(spec, c, also=[B + "stripe"])
    catalog_types = {
        t for i in items if i.kind in ("node", "operation", "pattern") for t in i.node_types
    }
    assert set(types) | {B + "stripe"} <= catalog_types
    assert len({i.id for i in items}) == len(items)


def test_a_chosen_operation_leaves_room_for_its_types_pattern(indexed: Settings) -> None:
    """The spec's chosen operations always get in (even three of one node type), and a type
    whose chosen operation is also among its closest items still gets a second item."""
    from indexing.documents import KnowledgeDoc
    from indexing.embeddings import get_embedder
    from indexing.store import sync_kind
    from nodepilot.db import connect

    slack = B + "slack"
    ops = [
        KnowledgeDoc("operation", f"{slack}:message:{op}", f"Slack: {label}", label, (slack,))
        for op, label in (("post", "Send a message"), ("update", "Update a message"),
                          ("delete", "Delete a message"))
    ]  # fmt: skip
    pattern = KnowledgeDoc(
        "pattern", "pat-test-slack", "Slack: Send a message (usual setup, 9 workflows)",
        "How real workflows send a Slack message to a channel.", (slack,),
    )  # fmt: skip
    base = build_spec("post the daily summary to #general on Slack")
    steps = tuple(
        dataclasses.replace(base.steps[0], node_type=slack, resource="message", operation=op)
        for op in ("post", "update", "delete")
    )
    spec = dataclasses.replace(base, steps=steps)
    with connect(indexed) as c:
        try:
            sync_kind(c, "operation", ops, get_embedder())
            sync_kind(c, "pattern", [pattern], get_embedder())
            c.commit()
            items = retrieve(spec, c)
            one = retrieve(dataclasses.replace(spec, steps=steps[:1]), c)
        finally:
            sync_kind(c, "operation", [], get_embedder())
            sync_kind(c, "pattern", [], get_embedder())
            c.commit()
    keys = [i.key for i in items if slack in i.node_types]
    assert {d.key for d in ops} <= set(keys)  # all three chosen operations
    one_keys = [i.key for i in one if i.node_types == (slack,) and i.kind != "tip"]
    assert one_keys[0] == f"{slack}:message:post" and len(one_keys) == 2, one_keys
