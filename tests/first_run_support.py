"""Helpers for the first-run tests: a planted half-finished index and the CLI as a subprocess."""

from __future__ import annotations

import base64
import gzip
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from nodepilot.config import Settings


def plant_half_finished_index(settings: Settings, sources: Iterable[str] = ("tips",)) -> None:
    """Leave the index as the first build did before the fix: the items are stored, but the
    named sources have no recorded sync and the full-text statistics were never counted."""
    from nodepilot.db import connect

    with connect(settings) as conn:
        conn.execute("DELETE FROM index_sources WHERE source = ANY(%s)", (list(sources),))
        conn.execute("UPDATE search_corpus SET items = 0")
        conn.execute("DELETE FROM search_lexemes")
        conn.commit()


def run_cli(
    *args: str, env: Mapping[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``nodepilot ARGS`` in a fresh process (the session's settings unless ``env`` is given)."""
    return subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ if env is None else env),
        input=stdin,
        timeout=600,
    )


def stranger_env(root: Path) -> dict[str, str]:
    """The environment of a user with a fresh data folder and no ``../shared`` beside the
    clone (the exported model is reused: setup.sh makes it before the first command)."""
    from nodepilot.config import get_settings

    settings = get_settings()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NODEPILOT_MODEL_DIR"] = str(settings.model_dir or settings.data_dir / "models")
    env["NODEPILOT_DATA_DIR"] = str(root / "data")
    env["NODEPILOT_SHARED_DATA"] = str(root / "no-shared")
    return env


def sql_value(env: Mapping[str, str], query: str) -> object:
    """The first column of the first row of ``query`` in the database ``env`` points at."""
    code = (
        "import sys\nfrom nodepilot.db import open_database\n"
        "with open_database() as c:\n    print(c.execute(sys.argv[1]).fetchone()[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, query],
        capture_output=True,
        text=True,
        env=dict(env),
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


def template_row(template_id: int, name: str, workflow: object) -> dict[str, object]:
    """A row of n8n-mcp's ``templates`` table, the workflow stored as it does it."""
    packed = base64.b64encode(gzip.compress(json.dumps(workflow).encode())).decode()
    return {
        "id": template_id,
        "workflow_id": template_id,
        "name": name,
        "description": f"{name}, written for the test.",
        "author_name": "NodePilot tests",
        "views": 3,
        "url": f"https://n8n.io/workflows/{template_id}",
        "created_at": "2025-05-02T10:16:09.559Z",
        "metadata_json": json.dumps({"categories": ["Testing"]}),
        "workflow_json_compressed": packed,
    }


def make_package(
    path: Path, rows: list[dict[str, object]], name: str = "n8n-mcp", version: str = "2.87.0"
) -> Path:
    """An npm package tarball shaped like n8n-mcp's: package.json and data/nodes.db."""
    work = path.parent / f".{path.name}.work"
    (work / "package" / "data").mkdir(parents=True)
    (work / "package" / "package.json").write_text(
        json.dumps({"name": name, "version": version}), encoding="utf-8"
    )
    db = sqlite3.connect(work / "package" / "data" / "nodes.db")
    columns = list(template_row(1, "x", {})) + ["workflow_json"]
    db.execute(f"CREATE TABLE templates ({', '.join(columns)})")
    for row in rows:
        db.execute(
            f"INSERT INTO templates ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
    db.commit()
    db.close()
    with tarfile.open(path, "w:gz") as archive:
        archive.add(work / "package", arcname="package")
    return path
