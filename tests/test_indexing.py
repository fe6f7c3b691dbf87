"""The knowledge index on the real embedded PostgreSQL + pgvector with the real MiniLM model.

The session index holds a representative subset (every node document, all tips, our canonical
templates) so the suite stays fast; the full build is measured by benchmarks/index_speed.py.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Iterator

import psycopg
import pytest
from conftest import index_subset as _subset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexing.indexer import build_index, parse_only
from indexing.search import SearchFilters, search
from indexing.store import sync_kind
from nodepilot.config import Settings
from nodepilot.errors import UserError


@pytest.fixture()
def conn(indexed: Settings) -> Iterator[psycopg.Connection]:
    from nodepilot.db import connect

    with connect(indexed) as c:
        yield c


def _count(conn: psycopg.Connection, kind: str) -> int:
    n = conn.execute("SELECT count(*) FROM knowledge_items WHERE kind = %s", (kind,)).fetchone()[0]
    conn.commit()
    return n


def test_indexing_twice_changes_nothing(conn: psycopg.Connection) -> None:
    before = conn.execute(
        "SELECT kind, item_key, content_hash, updated_at FROM knowledge_items ORDER BY 1, 2"
    ).fetchall()
    conn.commit()
    report = build_index(conn, documents=_subset)
    assert report.embedded == 0 and report.deleted == 0
    assert report.unchanged == len(before)
    after = conn.execute(
        "SELECT kind, item_key, content_hash, updated_at FROM knowledge_items ORDER BY 1, 2"
    ).fetchall()
    conn.commit()
    assert after == before


def test_a_build_leaves_no_pending_full_text_entries(conn: psycopg.Connection) -> None:
    """Searches must not scan GIN's unsorted pending list: a build that changed rows flushes it."""
    from indexing.indexer import refresh_lexeme_stats

    conn.execute(
        "UPDATE knowledge_items SET title = title || ' ' WHERE kind = 'tip' AND item_key IN "
        "(SELECT item_key FROM knowledge_items WHERE kind = 'tip' ORDER BY item_key LIMIT 40)"
    )
    conn.commit()
    refresh_lexeme_stats(conn)
    flushed = conn.execute(
        "SELECT gin_clean_pending_list('knowledge_items_tsv_idx'::regclass)"
    ).fetchone()[0]
    conn.commit()
    assert flushed == 0
    build_index(conn, documents=_subset)  # puts the titles back
    assert _count(conn, "tip") > 0


def test_real_sources_skip_by_fingerprint_on_second_run(conn: psycopg.Connection) -> None:
    from indexing.embeddings import get_embedder

    first = build_index(conn, "tips")
    assert first.skipped == []
    second = build_index(conn, "tips")
    assert second.skipped == ["tips"] and second.embedded == 0
    assert _count(conn, "tip") >= 138
    # the seed table mirrors the tips
    n = conn.execute("SELECT count(*) FROM workflow_tips").fetchone()[0]
    conn.commit()
    assert n == _count(conn, "tip")
    assert get_embedder().model_id  # the model id is part of every content hash


def test_editing_one_tip_re_embeds_exactly_that_tip(conn: psycopg.Connection) -> None:
    from indexing.embeddings import get_embedder

    docs = _subset("tips")["tip"]
    edited = dataclasses.replace(docs[5], content=docs[5].content + " Edited for the test.")
    changed = [edited if d.key == edited.key else d for d in docs]
    stats = sync_kind(conn, "tip", changed, get_embedder())
    assert (stats.embedded, stats.deleted) == (1, 0)
    row = conn.execute(
        "SELECT content FROM knowledge_items WHERE kind = 'tip' AND item_key = %s", (edited.key,)
    ).fetchone()
    conn.commit()
    assert row[0].endswith("Edited for the test.")
    # putting it back re-embeds that one tip again, and removing one deletes exactly one row
    assert sync_kind(conn, "tip", docs, get_embedder()).embedded == 1
    stats = sync_kind(conn, "tip", docs[1:], get_embedder())
    assert (stats.embedded, stats.deleted) == (0, 1)
    assert sync_kind(conn, "tip", docs, get_embedder()).embedded == 1


def test_filtered_vector_query_returns_k_rows(conn: psycopg.Connection) -> None:
    tips = _count(conn, "tip")
    k = min(120, tips)
    hits = search(
        conn,
        "send a message to a chat app",
        k,
        filters=SearchFilters(kinds=("tip",)),
        mode="vector",
    )
    assert len(hits) == k
    assert {h.kind for h in hits} == {"tip"}
    ranks = [h.vector_rank for h in hits]
    assert ranks == sorted(ranks)


def test_filters_by_node_type_category_and_trigger(conn: psycopg.Connection) -> None:
    hits = search(
        conn,
        "branch on a condition",
        5,
        filters=SearchFilters(node_types=("n8n-nodes-base.if",)),
    )
    assert hits and all("n8n-nodes-base.if" in h.node_types for h in hits)
    hits = search(conn, "agent memory", 5, filters=SearchFilters(categories=("ai-agents",)))
    assert hits and all("ai-agents" in h.categories for h in hits)
    hits = search(
        conn,
        "new message",
        5,
        filters=SearchFilters(kinds=("node",), trigger="n8n-nodes-base.slackTrigger"),
    )
    assert [h.key for h in hits] == ["n8n-nodes-base.slackTrigger"]


EXACT_NAMES = [
    "n8n-nodes-base.crateDb",
    "n8n-nodes-base.misp",
    "n8n-nodes-base.mautic",
    "n8n-nodes-base.emelia",
    "n8n-nodes-base.keapTrigger",
    "n8n-nodes-base.flowTrigger",
    "n8n-nodes-base.redisTrigger",
    "n8n-nodes-base.notionTrigger",
    "n8n-nodes-base.questDb",
    "n8n-nodes-base.microsoftSql",
    "n8n-nodes-base.uproc",
    "n8n-nodes-base.kafkaTrigger",
    "n8n-nodes-base.rabbitmqTrigger",
    "n8n-nodes-base.mailjetTrigger",
    "n8n-nodes-base.wise",
    "@n8n/n8n-nodes-langchain.vectorStoreChromaDB",
    "@n8n/n8n-nodes-langchain.toolVectorStore",
    "@n8n/n8n-nodes-langchain.lmChatAzureOpenAi",
    "@n8n/n8n-nodes-langchain.embeddingsCohere",
    "@n8n/n8n-nodes-langchain.memoryPostgresChat",
]


def test_hybrid_finds_exact_node_names_that_vector_misses(conn: psycopg.Connection) -> None:
    vector_missed = []
    for name in EXACT_NAMES:
        hybrid = search(conn, name, 5, mode="hybrid")
        assert name in {t for h in hybrid for t in h.node_types}, name
        assert search(conn, name, 1, mode="text")[0].key == name
        if name not in {t for h in search(conn, name, 5, mode="vector") for t in h.node_types}:
            vector_missed.append(name)
    assert vector_missed, "every exact name was already found by vector search"


def test_semantic_query_ranks_the_right_node_first(conn: psycopg.Connection) -> None:
    hits = search(
        conn, "post a message in a Slack channel", 5, filters=SearchFilters(kinds=("node",))
    )
    assert "n8n-nodes-base.slack" in [h.key for h in hits[:3]]


def test_llama_index_retriever_returns_the_same_ids(conn: psycopg.Connection) -> None:
    from indexing.llama import NodePilotRetriever

    for query in ["summarise emails with an AI agent", "n8n-nodes-base.googleSheets", "webhook"]:
        native = [f"{h.kind}:{h.key}" for h in search(conn, query, 8)]
        nodes = NodePilotRetriever(conn, k=8).retrieve(query)
        assert [n.node.id_ for n in nodes] == native
        assert [round(n.score, 9) for n in nodes] == [
            round(h.score, 9) for h in search(conn, query, 8)
        ]


@pytest.mark.parametrize(
    ("query", "k", "kinds", "needle"),
    [
        ("", 5, (), "empty"),
        ("   ", 5, (), "empty"),
        ("x" * 100_000, 5, (), "100,000 characters"),
        ("slack", 0, (), "k must be"),
        ("slack", -3, (), "k must be"),
        ("slack", 5, ("recipes",), "unknown kind"),
    ],
)
def test_bad_search_input_is_a_clear_error(
    conn: psycopg.Connection, query: str, k: int, kinds: tuple[str, ...], needle: str
) -> None:
    with pytest.raises(UserError, match=needle):
        search(conn, query, k, filters=SearchFilters(kinds=kinds))


def test_unknown_index_source_is_a_clear_error() -> None:
    with pytest.raises(UserError, match="unknown index source 'recipes'"):
        parse_only("tips,recipes")


def test_interrupted_run_leaves_a_usable_index_and_the_next_run_completes(
    conn: psycopg.Connection,
) -> None:
    from indexing.embeddings import get_embedder

    docs = _subset("tips")["tip"]
    changed = [dataclasses.replace(d, content=d.content + " v2") for d in docs[:30]] + docs[30:]

    class Interrupt(Exception):
        pass

    def stop_after_first_batch(n: int) -> None:
        raise Interrupt

    with pytest.raises(Interrupt):
        sync_kind(
            conn, "tip", changed, get_embedder(), batch_size=10, on_batch=stop_after_first_batch
        )
    conn.rollback()
    # the index still answers, with every tip present (10 new, 20 old)
    assert _count(conn, "tip") == len(docs)
    assert len(search(conn, "loop over items", 5, filters=SearchFilters(kinds=("tip",)))) == 5
    stats = sync_kind(conn, "tip", changed, get_embedder())
    assert stats.embedded == 20
    assert sync_kind(conn, "tip", docs, get_embedder()).embedded == 30


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )


def test_search_cli_json_matches_the_api(conn: psycopg.Connection) -> None:
    out = _cli("search", "chat with an AI agent that remembers", "-k", "4", "--format", "json")
    assert out.returncode == 0, out.stderr
    keys = [h["key"] for h in json.loads(out.stdout)]
    assert keys == [h.key for h in search(conn, "chat with an AI agent that remembers", 4)]


def test_search_cli_request_mode_matches_the_api(conn: psycopg.Connection) -> None:
    from engine.cli_search import linked_types
    from indexing.search import search_request

    request = "every weekday call the YouTube API (http) and post the new videos to Discord"
    out = _cli("search", request, "--request", "--kind", "node", "-k", "5", "--format", "json")
    assert out.returncode == 0, out.stderr
    keys = [h["key"] for h in json.loads(out.stdout)]
    linked = linked_types(request)
    assert "n8n-nodes-base.httpRequest" in linked and "n8n-nodes-base.discord" in linked
    filters = SearchFilters(kinds=("node",))
    assert keys == [h.key for h in search_request(conn, request, 5, filters=filters, linked=linked)]
    assert {"n8n-nodes-base.httpRequest", "n8n-nodes-base.discord"} <= set(keys)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("search", ""), "empty"),
        (("search", "slack", "-k", "0"), "k must be"),
        (("search", "slack", "--kind", "recipes"), "unknown kind"),
        (("index", "--only", "recipes"), "unknown index source"),
    ],
)
def test_cli_bad_input_is_one_line(indexed: Settings, args: tuple[str, ...], needle: str) -> None:
    out = _cli(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and needle in out.stderr


def test_split_clauses_separates_the_steps_of_a_request() -> None:
    from indexing.search import split_clauses

    clauses = split_clauses(
        "Every Monday pull Stripe refunds, add them to a Google Sheet "
        "and then ping #finance on Slack"
    )
    assert clauses == [
        "Every Monday pull Stripe refunds",
        "add them to a Google Sheet",
        "ping #finance on Slack",
    ]


def test_search_request_covers_each_app_the_request_names(conn: psycopg.Connection) -> None:
    from indexing.search import search_request

    request = "When a Typeform is submitted, create a HubSpot contact and then post to Discord"
    hits = search_request(conn, request, 10, filters=SearchFilters(kinds=("node",)))
    keys = [h.key for h in hits]
    assert len(keys) == len(set(keys)) <= 10
    for app in (
        "n8n-nodes-base.typeformTrigger",
        "n8n-nodes-base.hubspot",
        "n8n-nodes-base.discord",
    ):
        assert app in keys, (app, keys)
    first_types = [h.node_types[0] for h in hits]
    assert len(first_types) == len(set(first_types))  # at most one item per node type


def test_full_text_keeps_rare_terms_and_drops_common_ones(conn: psycopg.Connection) -> None:
    # "node" and "type" are in every node item (dropped); the node name is in one (kept)
    hits = search(conn, "node type n8n-nodes-base.mautic node type", 3, mode="text")
    assert hits and hits[0].key == "n8n-nodes-base.mautic"
    # a query of only common words still gets an answer from its rarest word
    assert search(conn, "node type", 3, mode="text")


def test_the_rare_term_cut_uses_the_counted_corpus_not_the_planner_estimate(
    conn: psycopg.Connection,
) -> None:
    """The "rare lexeme" cut is a fraction of the item count taken with the lexeme counts, so
    results do not move when VACUUM rewrites pg_class.reltuples with an estimate."""
    items, counted = conn.execute(
        "SELECT (SELECT items FROM search_corpus), (SELECT count(*) FROM knowledge_items)"
    ).fetchone()
    conn.commit()
    assert items == counted
    conn.execute("DELETE FROM search_corpus")  # a restore that lost the row: refresh heals it
    conn.commit()
    from indexing.indexer import refresh_lexeme_stats

    refresh_lexeme_stats(conn)
    assert conn.execute("SELECT items FROM search_corpus").fetchone()[0] == counted
    conn.commit()
    # "node" and "type" are in every node item: the cut drops them
    query = "node type for a slack message in a channel"
    before = [h.key for h in search(conn, query, 10, mode="text")]
    try:  # what a VACUUM estimate can do to the planner's figure, exaggerated
        conn.execute("UPDATE pg_class SET reltuples = 1e9 WHERE oid = 'knowledge_items'::regclass")
        conn.commit()
        assert [h.key for h in search(conn, query, 10, mode="text")] == before
    finally:
        conn.rollback()
        conn.execute("ANALYZE knowledge_items")
        conn.commit()


def test_best_per_type_returns_each_types_closest_items_in_order(conn: psycopg.Connection) -> None:
    from indexing.search import best_per_type

    http, youtube = "n8n-nodes-base.httpRequest", "n8n-nodes-base.youTube"
    hits = best_per_type(
        conn,
        "call the YouTube Data API to list our latest videos",
        [http, "n8n-nodes-base.noSuchNode", youtube, http],
    )
    # one item per known type, in the order given; the unknown type and the repeat add nothing
    assert [h.node_types[0] for h in hits] == [http, youtube]
    assert all(h.kind == "node" and 0.0 < h.score <= 1.0 for h in hits)
    assert best_per_type(conn, "anything", []) == []
    with pytest.raises(UserError, match="kind"):
        best_per_type(conn, "anything", [http], kinds=("nodes",))


def test_search_request_ranks_linked_types_first(conn: psycopg.Connection) -> None:
    """Linked types (what the caller knows the request names) come first, in order; the
    search's own ranking fills the remaining places."""
    from indexing.search import search_request

    request = "every weekday call the YouTube API for our latest videos and post them to Discord"
    http = "n8n-nodes-base.httpRequest"
    filters = SearchFilters(kinds=("node",))
    plain = [h.key for h in search_request(conn, request, 5, filters=filters)]
    linked = search_request(conn, request, 5, filters=filters, linked=[http, "x.unknown"])
    keys = [h.key for h in linked]
    assert keys[0] == http and len(keys) == 5 == len(set(keys))
    assert [k for k in keys[1:] if k in plain] == [k for k in plain if k != http][:4]
    assert linked[0].score > max(h.score for h in linked[1:])
    # more linked types than k: the first k of them, nothing else
    many = ["n8n-nodes-base.slack", "n8n-nodes-base.gmail", http]
    assert [h.key for h in search_request(conn, request, 2, filters=filters, linked=many)] == [
        "n8n-nodes-base.slack",
        "n8n-nodes-base.gmail",
    ]
    # a node-type filter also restricts the linked types
    only = SearchFilters(kinds=("node",), node_types=("n8n-nodes-base.discord",))
    assert {h.key for h in search_request(conn, request, 5, filters=only, linked=[http])} == {
        "n8n-nodes-base.discord"
    }


def test_best_per_type_takes_the_closest_of_several_queries(conn: psycopg.Connection) -> None:
    from indexing.search import best_per_type

    slack, gmail = "n8n-nodes-base.slack", "n8n-nodes-base.gmail"
    one = best_per_type(conn, "send an email", [slack, gmail])
    both = best_per_type(conn, ["send an email", "post to a Slack channel"], [slack, gmail])
    assert [h.key for h in both] == [slack, gmail]
    # each item's score is its similarity to the closest query: never lower than to one of them
    assert both[0].score > one[0].score and both[1].score == pytest.approx(one[1].score)
    with pytest.raises(UserError, match="empty"):
        best_per_type(conn, [], [slack])


def test_get_items_returns_known_keys_in_the_order_given(conn: psycopg.Connection) -> None:
    from indexing.search import get_items

    keys = ["n8n-nodes-base.slack", "n8n-nodes-base.nope", "n8n-nodes-base.gmail"]
    assert [h.key for h in get_items(conn, "node", keys)] == [keys[0], keys[2]]
    assert get_items(conn, "node", []) == []
    with pytest.raises(UserError, match="unknown kind"):
        get_items(conn, "nodes", keys)


def test_node_documents_name_ai_wiring() -> None:
    """Root nodes list the sub-node inputs n8n shows for their defaults; sub-nodes say what
    they plug in as (the AI connection role the generator has to wire)."""
    from indexing.sources import catalog_docs

    docs = {d.key: d.content for d in catalog_docs() if d.kind == "node"}
    lc = "@n8n/n8n-nodes-langchain."
    assert "AI inputs: Chat Model (required), Memory, Tool." in docs[lc + "agent"]
    assert "AI inputs: Model (required), Retriever (required)." in docs[lc + "chainRetrievalQa"]
    assert "as its memory" in docs[lc + "memoryBufferWindow"]
    assert "as its chat/language model" in docs[lc + "lmChatAnthropic"]
    assert "AI inputs" not in docs["n8n-nodes-base.slack"]
    assert "Plugs into" not in docs["n8n-nodes-base.slack"]


def test_a_failing_embedder_fails_the_search_and_leaves_the_connection_usable(
    conn: psycopg.Connection,
) -> None:
    """Hybrid search embeds the query in a worker while PostgreSQL ranks the text candidates:
    the worker's error must reach the caller, and the transaction must not be left open."""

    class Broken:
        def embed_query(self, text: str) -> object:
            raise RuntimeError(f"model failed on {text!r}")

    with pytest.raises(RuntimeError, match="model failed on 'post to slack'"):
        search(conn, "post to slack", 5, embedder=Broken())
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    assert search(conn, "post to slack", 5, mode="text")
    assert [h.key for h in search(conn, "post to slack", 5)]


def test_linked_items_respect_every_filter_and_take_turns_per_type(
    conn: psycopg.Connection,
) -> None:
    from indexing.search import search_request

    request = "post the weekly report to Slack, email it with Gmail and call our HTTP API"
    types = ["n8n-nodes-base.slack", "n8n-nodes-base.gmail", "n8n-nodes-base.httpRequest"]
    # every type's best item comes before any type's second one
    two = search_request(
        conn, request, 3, filters=SearchFilters(kinds=("node", "tip")), max_per_type=2,
        linked=types,
    )  # fmt: skip
    assert sorted(h.node_types[0] for h in two) == sorted(types)
    # a category filter applies to the linked items too, not only to the searched ones
    category = "Communication"
    hits = search_request(
        conn, request, 5, filters=SearchFilters(kinds=("node",), categories=(category,)),
        linked=types,
    )  # fmt: skip
    assert hits and all(category in h.categories for h in hits)
    assert "n8n-nodes-base.httpRequest" not in {h.key for h in hits}


def test_fuse_is_reciprocal_rank_fusion_with_a_per_type_cap() -> None:
    from indexing.search import RRF_K, _fuse

    vec = [(1, "node", "a", "t1"), (2, "node", "b", "t1"), (3, "node", "c", "t2")]
    txt = [(3, "node", "c", "t2"), (4, "tip", "d", "t3"), (1, "node", "a", "t1")]
    out = _fuse(vec, txt, 10, None)
    scores = {i: s for i, _, _, s in out}
    assert scores[1] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 3))
    assert scores[3] == pytest.approx(1 / (RRF_K + 3) + 1 / (RRF_K + 1))
    # equal scores: kind then key decide (a before c); then the single-list items
    assert [i for i, *_ in out] == [1, 3, 2, 4]
    assert out[0][1:3] == (1, 3) and out[2][1:3] == (2, None) and out[3][1:3] == (None, 2)
    assert [i for i, *_ in _fuse(vec, txt, 10, 1)] == [1, 3, 4]  # one per first node type
    assert [i for i, *_ in _fuse(vec, txt, 2, None)] == [1, 3]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 30), st.sampled_from(["a", "b", "c", None])), max_size=40),
    st.lists(st.tuples(st.integers(1, 30), st.sampled_from(["a", "b", "c", None])), max_size=40),
    st.integers(1, 12),
    st.one_of(st.none(), st.integers(1, 3)),
)
def test_fuse_properties(
    vec: list[tuple[int, str | None]],
    txt: list[tuple[int, str | None]],
    k: int,
    cap: int | None,
) -> None:
    """Whatever the legs return: at most k unique ids, scores never increase, the per-type cap
    holds, and every id comes from a leg with its first rank there."""
    from indexing.search import _fuse

    types = {i: t for i, t in vec + txt}  # an item has one first type
    vrows = [(i, "node", f"k{i}", types[i]) for i, _ in vec]
    trows = [(i, "node", f"k{i}", types[i]) for i, _ in txt]
    out = _fuse(vrows, trows, k, cap)
    ids = [i for i, *_ in out]
    assert len(ids) == len(set(ids)) <= k
    assert all(a[3] >= b[3] for a, b in zip(out, out[1:], strict=False))
    if cap is not None:
        for t in {types[i] for i in ids}:
            assert sum(types[i] == t for i in ids) <= cap
    first_v = {i: r for r, (i, _) in reversed(list(enumerate(vec, 1)))}
    first_t = {i: r for r, (i, _) in reversed(list(enumerate(txt, 1)))}
    for i, vrank, trank, _ in out:
        assert vrank == first_v.get(i) and trank == first_t.get(i)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.floats(width=32, allow_nan=False, allow_infinity=False), min_size=1, max_size=64)
)
def test_binary_query_vectors_reach_the_server_exactly(db_conn: psycopg.Connection, values) -> None:
    """Search binds its query vector in pgvector's binary form: every float32 arrives bit for
    bit (the text form rounds to 7 digits), whatever the dimension."""
    import numpy as np

    from indexing.store import binary_vector

    vec = np.asarray(values, dtype=np.float32)
    got = db_conn.execute("SELECT (%b::vector)::real[]", [binary_vector(db_conn, vec)]).fetchone()[
        0
    ]
    db_conn.rollback()
    assert np.asarray(got, dtype=np.float32).tobytes() == vec.tobytes()


def test_a_non_finite_query_vector_is_refused_by_name(db_conn: psycopg.Connection) -> None:
    import numpy as np

    from indexing.store import binary_vector

    with pytest.raises(psycopg.errors.DataException, match="NaN not allowed in vector"):
        db_conn.execute("SELECT %b::vector", [binary_vector(db_conn, np.array([1.0, np.nan]))])
    db_conn.rollback()
