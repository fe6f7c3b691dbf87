"""The README's first command as a stranger meets it: a fresh data folder, then ``nodepilot
generate`` (which builds the knowledge index on first use), then two more ``generate`` calls.

Reported: the first call's wall time and the index work inside it (index_runs' start to finish,
items written, how many vectors came shipped), then the cold-process times of the second and
third calls (warm index). ``--baseline`` also builds the same index into a fresh database of the
same server with every vector computed (the path before shipped vectors), for the ratio.
``--no-shared`` hides ../shared (an empty NODEPILOT_SHARED_DATA) and runs `nodepilot corpus
fetch` first (``--from`` a tarball, else npm), as a user without the build data would.

The embedding model export is reused from the usual model folder: setup.sh makes it before the
first command, and it is not index work.

    .venv/bin/python benchmarks/first_run.py [--baseline] [--no-shared [--from TGZ]]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REQUEST = (
    "Every Monday at 9am pull last week's Stripe refunds into a Google Sheet and post a summary "
    "to #finance on Slack"
)


def _nodepilot(env: dict[str, str], *args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"nodepilot {args[0]} failed ({done.returncode}):\n{done.stderr}")
    return time.perf_counter() - started, done


def _index_runs(env: dict[str, str]) -> list[tuple[float, int]]:
    """(seconds, items written) of each finished index run in that data folder's database."""
    code = (
        "from nodepilot.db import open_database\n"
        "with open_database() as c:\n"
        "    for s, n in c.execute('SELECT extract(epoch FROM finished_at - started_at), "
        "embedded FROM index_runs WHERE finished_at IS NOT NULL ORDER BY id'):\n"
        "        print(float(s), n)\n"
    )
    out = _python(env, code)
    return [(float(a), int(b)) for a, b in (line.split() for line in out.splitlines())]


def _python(env: dict[str, str], code: str) -> str:
    """What ``code`` prints, run by this interpreter with ``env``."""
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout


def _baseline(env: dict[str, str]) -> float:
    """Seconds to build the same index into a fresh database with every vector computed."""
    code = (
        "import time, uuid, psycopg\n"
        "from nodepilot.db import connect, migrate\n"
        "from indexing.embeddings import get_embedder\n"
        "from indexing.indexer import build_index\n"
        "name = 'np_first_' + uuid.uuid4().hex[:8]\n"
        "with connect(autocommit=True) as admin:\n"
        "    admin.execute(f'CREATE DATABASE {name}')\n"
        "    dsn = admin.info.dsn.replace('dbname=postgres', f'dbname={name}')\n"
        "try:\n"
        "    with psycopg.connect(dsn) as conn:\n"
        "        migrate(conn); conn.commit(); get_embedder().load()\n"
        "        t = time.perf_counter(); r = build_index(conn, shipped=False)\n"
        "        print(time.perf_counter() - t, r.embedded)\n"
        "finally:\n"
        "    with connect(autocommit=True) as admin:\n"
        "        admin.execute(f'DROP DATABASE IF EXISTS {name}')\n"
    )
    return float(_python(env, code).split()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--no-shared", action="store_true")
    parser.add_argument("--from", dest="source", type=Path)
    args = parser.parse_args()
    from nodepilot.config import get_settings

    settings = get_settings()
    work = Path(tempfile.mkdtemp(prefix="nodepilot-first-run-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NODEPILOT_DATA_DIR"] = str(work / "data")
    env["NODEPILOT_MODEL_DIR"] = str(settings.model_dir or settings.data_dir / "models")
    try:
        _nodepilot(env, "db", "migrate")  # setup.sh's last step
        if args.no_shared:
            env["NODEPILOT_SHARED_DATA"] = str(work / "no-shared")
            fetch_s, _ = _nodepilot(
                env, "corpus", "fetch", *(["--from", str(args.source)] if args.source else [])
            )
            print(f"corpus fetch        {fetch_s:7.1f} s")
        first_s, first = _nodepilot(env, "generate", REQUEST)
        runs = _index_runs(env)
        index_s = sum(s for s, _ in runs)
        shipped = [ln for ln in first.stderr.splitlines() if "items:" in ln]
        print(f"first generate      {first_s:7.1f} s  (exit {first.returncode})")
        print(f"  index work        {index_s:7.1f} s  ({sum(n for _, n in runs)} items written)")
        for line in shipped:
            print(f"    {line.strip()}")
        for label in ("second generate", "third generate"):
            seconds, done = _nodepilot(env, "generate", REQUEST)
            rebuilt = "building the knowledge index" in done.stderr
            print(f"{label:<19} {seconds:7.1f} s  (index {'REBUILT' if rebuilt else 'reused'})")
        if args.baseline:
            base_s = _baseline(env)
            print(f"baseline build      {base_s:7.1f} s  (every vector computed, same server)")
            print(f"  index work ratio  {index_s / base_s:7.3f}")
    finally:
        subprocess.run(
            [sys.executable, "-m", "nodepilot.cli", "db", "stop"], env=env, capture_output=True
        )
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
