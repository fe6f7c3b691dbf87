"""The first run as a stranger meets it: the index build is durable, a half-finished index is
repaired, and the README's flow works on a fresh data directory."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import psycopg
import pytest
from first_run_support import (
    make_package,
    plant_half_finished_index,
    run_cli,
    sql_value,
    stranger_env,
    template_row,
)

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


README_REQUEST = (
    "Every Monday at 9am pull last week's Stripe refunds into a Google Sheet and post a summary "
    "to #finance on Slack"
)


def test_the_readme_flow_for_a_stranger_without_shared_data(
    pg_settings: Settings, tmp_path: Path
) -> None:
    """A fresh data folder and no ../shared: `corpus fetch` (npm, once), then the README's
    first command builds the index with the n8n.io templates; full-text search finds results
    and the next `generate` and `index` build nothing."""
    env = stranger_env(tmp_path)
    try:
        fetched = run_cli("corpus", "fetch", env=env)
        assert fetched.returncode == 0, fetched.stderr
        assert "downloading n8n-mcp@2.87.0" in fetched.stderr
        assert (tmp_path / "data" / "corpus" / "n8n-mcp-2.87.0.tgz").is_file()
        again = run_cli("corpus", "fetch", env=env)
        assert again.returncode == 0 and "downloading" not in again.stderr  # the kept tarball
        assert again.stdout == fetched.stdout

        first = run_cli("generate", README_REQUEST, env=env)
        assert first.returncode == 0, first.stderr
        assert "building the knowledge index (first use)" in first.stderr
        assert "repairing" not in first.stderr  # a first build is not a repair
        assert json.loads(first.stdout)["nodes"]
        found = run_cli("search", "stripe refund", "--mode", "text", "--format", "json", env=env)
        assert found.returncode == 0 and json.loads(found.stdout), found.stderr
        second = run_cli("generate", README_REQUEST, env=env)
        assert second.returncode == 0, second.stderr
        assert "building the knowledge index" not in second.stderr

        index = run_cli("index", env=env)
        assert index.returncode == 0, index.stderr
        assert "0 embedded" in index.stdout and "4 sources unchanged" in index.stdout
        assert "repairing" not in index.stderr
        templates = sql_value(env, "SELECT count(*) FROM knowledge_items WHERE kind = 'template'")
        assert int(str(templates)) >= 1800
        assert sql_value(env, "SELECT count(*) FROM index_runs WHERE finished_at IS NULL") == "0"
    finally:
        run_cli("db", "stop", env=env)


def _rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_corpus_fetch_from_a_tarball_unpacks_the_templates(tmp_path: Path) -> None:
    workflow = {"nodes": [{"name": "Start", "type": "n8n-nodes-base.manualTrigger"}]}
    broken = template_row(12, "Broken", {}) | {"workflow_json_compressed": "not base64 gzip"}
    tarball = make_package(tmp_path / "pkg.tgz", [template_row(11, "One", workflow), broken])
    env = stranger_env(tmp_path)
    out = run_cli("corpus", "fetch", "--from", str(tarball), env=env)
    assert out.returncode == 0, out.stderr
    assert "fetched 1 templates" in out.stdout and "1 undecodable" in out.stdout
    target = tmp_path / "data" / "corpus" / "templates" / "n8n-mcp-2.87.0" / "templates.jsonl.gz"
    [row] = _rows(target)
    assert row["id"] == 11 and row["workflow"] == workflow
    assert row["metadata"] == {"categories": ["Testing"]} and row["author"] == "NodePilot tests"
    status = run_cli("corpus", "status", env=env)
    assert "n8n-mcp-2.87.0/templates.jsonl.gz" in status.stdout


@pytest.mark.parametrize(
    ("package", "needle"),
    [
        (("other-package", "2.87.0"), "holds other-package@2.87.0, not n8n-mcp@2.87.0"),
        (("n8n-mcp", "2.80.0"), "holds n8n-mcp@2.80.0, not n8n-mcp@2.87.0"),
    ],
)
def test_corpus_fetch_refuses_another_package(
    tmp_path: Path, package: tuple[str, str], needle: str
) -> None:
    tarball = make_package(tmp_path / "pkg.tgz", [], *package)
    out = run_cli("corpus", "fetch", "--from", str(tarball), env=stranger_env(tmp_path))
    assert out.returncode == 2 and needle in out.stderr and "Traceback" not in out.stderr


def test_corpus_fetch_from_a_missing_or_odd_path_is_a_clear_error(tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("not a package", encoding="utf-8")
    for source, needle in ((tmp_path / "nope.tgz", "does not exist"), (odd, "cannot read")):
        out = run_cli("corpus", "fetch", "--from", str(source), env=stranger_env(tmp_path))
        assert out.returncode == 2 and needle in out.stderr, out.stderr
        assert "Traceback" not in out.stderr


def test_without_any_corpus_the_skip_message_says_how_to_fetch(tmp_path: Path) -> None:
    from indexing.corpus import iter_corpus

    skips: list[tuple[str, str]] = []
    assert list(iter_corpus(root=tmp_path, on_skip=lambda w, r: skips.append((w, r)))) == []
    assert len(skips) == 1  # the awesome and zie619 collections are only in ../shared
    assert "nodepilot corpus fetch" in skips[0][1]


def test_setup_says_up_to_date_when_there_is_nothing_to_do(
    pg_settings: Settings, project_root: Path
) -> None:
    import os
    import subprocess

    from indexing.embeddings import export_is_current

    assert export_is_current()  # the session reuses setup.sh's export (see conftest)
    done = subprocess.run(
        [str(project_root / "scripts" / "setup.sh")],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "setup: packages up to date" in done.stderr
    assert "setup: embedding model up to date" in done.stderr
    assert "exporting" not in done.stderr and done.stdout == ""


def test_an_empty_model_folder_is_not_current(tmp_path: Path) -> None:
    from indexing.embeddings import export_is_current, main

    assert not export_is_current(tmp_path)
    assert main(["--check", str(tmp_path)]) == 1


def test_the_awesome_collections_node_list_is_not_read_as_a_workflow(tmp_path: Path) -> None:
    from indexing.corpus import read_awesome

    folder = tmp_path / "awesome-n8n-templates" / "Other"
    folder.mkdir(parents=True)
    (folder / "ALL_unique_nodes.json").write_text("", encoding="utf-8")  # as published: empty
    (folder / "Broken.json").write_text("{", encoding="utf-8")
    skips: list[tuple[str, str]] = []
    assert list(read_awesome(tmp_path, on_skip=lambda w, r: skips.append((w, r)))) == []
    assert [Path(w).name for w, _ in skips] == ["Broken.json"]
