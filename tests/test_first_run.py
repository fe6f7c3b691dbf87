"""The first run as a stranger meets it: the index build is durable, a half-finished index is
repaired, and the README's flow works on a fresh data directory."""

from __future__ import annotations

import json

import psycopg
import pytest
from first_run_support import plant_half_finished_index, run_cli

from indexing.indexer import build_index, index_problems
from indexing.search import search
from nodepilot.config import Settings


def _connect(settings: Settings) -> psycopg.Connection:
    from nodepilot.db import connect

    return connect(settings)


def test_a_build_is_durable_when_the_caller_never_commits(indexed: Settings) -> None:
    """The CLI closes its connection without a commit: everything the build wrote must already
    be committed (the last source's fingerprint and the full-text statistics were lost)."""
    plant_half_finished_index(indexed)
    conn = _connect(indexed)
    assert index_problems(conn) == [
        "source tips never finished a sync",
        "full-text statistics do not match the stored items",
    ]
    build_index(conn, "tips")
    conn.close()  # no commit: a transaction left open would be rolled back here
    with _connect(indexed) as conn:
        assert index_problems(conn) == []
        finished = conn.execute(
            "SELECT finished_at FROM index_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()[0]
        assert finished is not None
        assert search(conn, "error workflow", 3, mode="text")


def test_nodepilot_index_repairs_a_half_finished_index(indexed: Settings) -> None:
    plant_half_finished_index(indexed)
    out = run_cli("index", "--only", "tips")
    assert out.returncode == 0, out.stderr
    assert "repairing: source tips never finished a sync" in out.stderr
    assert "repairing: full-text statistics do not match the stored items" in out.stderr
    with _connect(indexed) as conn:
        assert index_problems(conn) == []
    found = run_cli("search", "error workflow", "--mode", "text", "--format", "json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout), "full-text search found nothing after the repair"


@pytest.mark.parametrize("command", [("search", "slack message", "--mode", "text")])
def test_a_search_on_a_half_finished_index_finishes_it_first(
    indexed: Settings, command: tuple[str, ...]
) -> None:
    """Commands that build the index on first use also finish a half-built one."""
    plant_half_finished_index(indexed, sources=("tips",))
    out = run_cli(*command)
    assert out.returncode == 0, out.stderr
    assert "building the knowledge index" in out.stderr
    assert "no results" not in out.stdout
    with _connect(indexed) as conn:
        assert index_problems(conn) == []
