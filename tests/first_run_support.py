"""Helpers for the first-run tests: a planted half-finished index and the CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Mapping

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
