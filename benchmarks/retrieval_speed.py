"""What one request's retrieval (``engine.retrieval.retrieve``) costs: wall time, round trips
to PostgreSQL, the client's CPU and the database backend's CPU, on the specs of the
benchmark's dev workflow requests (the pipeline's own specs, query embeddings warm as the
intent stage leaves them).

With ``--baseline REV`` the same measurement runs on the code of commit ``REV`` in a second
process, rounds alternating between the two (so background load hits both alike), and the
retrieved items (ids, order, scores) of the two are compared: a speed change must not change
what retrieval returns.

    .venv/bin/python benchmarks/retrieval_speed.py [--limit 60] [--rounds 5] [--baseline REV]
        [--breakdown]

``--breakdown`` adds where the database's time goes: each kind of statement (linked types,
full-text legs, vector legs, ...) replayed on its own, its backend CPU per request.

A round trip is one wait of the client on the server's answer (a statement run alone, a
BEGIN or COMMIT, a pipeline sync: ``tests/retrieval_support.py``); the backend's CPU is read
from ``/proc`` (the embedded server runs on this machine; ``n/a`` for a remote one).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "tests"))

from retrieval_support import RoundTrips  # noqa: E402


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU of process ``pid`` (None when it is not on this machine)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load() -> float:
    return os.getloadavg()[0]


# -- worker: one code tree, one connection, rounds on request -------------------------------


def worker(tree: str, specs_file: str) -> None:
    """Serve ``run`` lines on stdin with one JSON line of figures each (``tree``'s code)."""
    sys.path.insert(0, tree)
    import engine.retrieval
    from engine.retrieval import retrieve
    from nodepilot.db import open_database

    print(f"worker on {Path(engine.retrieval.__file__).parent.parent}", file=sys.stderr)
    specs = pickle.loads(Path(specs_file).read_bytes())
    conn = open_database()
    pid = conn.info.backend_pid
    for spec in specs:  # warm: statements prepared, query vectors cached
        retrieve(spec, conn)
    for line in sys.stdin:
        if line.strip() == "breakdown":
            print(json.dumps(breakdown(conn, specs, retrieve)), flush=True)
            continue
        if line.strip() != "run":
            break
        walls: list[float] = []
        cpu0, db0 = time.process_time(), _cpu_seconds(pid)
        for spec in specs:
            started = time.perf_counter()
            retrieve(spec, conn)
            walls.append((time.perf_counter() - started) * 1000)
        cpu1, db1 = time.process_time(), _cpu_seconds(pid)
        trips, items = [], []
        for spec in specs:
            with RoundTrips(conn) as counted:
                found = retrieve(spec, conn)
            trips.append(counted.count)
            items.append([(c.id, c.score) for c in found])
        figures = {
            "wall_ms": walls,
            "client_cpu_ms": (cpu1 - cpu0) * 1000 / len(specs),
            "db_cpu_ms": None if db0 is None or db1 is None else (db1 - db0) * 1000 / len(specs),
            "round_trips": trips,
            "items": items,
        }
        print(json.dumps(figures), flush=True)


#: What each statement of a retrieval is, by a phrase only it contains.
STATEMENT_KINDS = (
    ("set_config('hnsw", "HNSW settings"),
    ("WITH ORDINALITY AS k(key", "chosen operations"),
    ("qs AS MATERIALIZED", "linked types"),
    ("WITH terms AS", "full-text legs"),
    ("ORDER BY embedding <=>", "vector legs"),
    ("WHERE id = ANY", "full rows"),
)


def breakdown(conn: Any, specs: list[Any], retrieve: Any) -> dict[str, float]:
    """Database CPU (ms per request) of each kind of statement a retrieval runs: its
    statements recorded, then replayed kind by kind (3 passes, one transaction per request,
    each vector leg after the HNSW settings its search set)."""
    recorded: list[list[tuple[str, str, Any]]] = []
    execute = conn.execute

    def record(query: Any, params: Any = None, **kwargs: Any) -> Any:
        text = str(query)
        label = next((name for phrase, name in STATEMENT_KINDS if phrase in text), None)
        if label is not None:
            recorded[-1].append((label, text, params))
        return execute(query, params, **kwargs)

    conn.execute = record
    try:
        for spec in specs:
            recorded.append([])
            retrieve(spec, conn)
    finally:
        del conn.execute
    pid = conn.info.backend_pid
    spent: dict[str, float] = {}
    for _, label in STATEMENT_KINDS:
        before = _cpu_seconds(pid)
        for _ in range(3):
            for statements in recorded:
                with conn.transaction():
                    for kind, text, params in statements:
                        if kind in (label, "HNSW settings"):
                            conn.execute(text, params).fetchall()
        after = _cpu_seconds(pid)
        if before is not None and after is not None:
            spent[label] = (after - before) * 1000 / (3 * len(specs))
    settings = spent.get("HNSW settings", 0.0)
    return {k: v - settings if k != "HNSW settings" else v for k, v in spent.items()}


# -- parent ----------------------------------------------------------------------------------


def _specs(limit: int) -> list[Any]:
    """The pipeline's specs for the dev workflow requests (offline provider, cache off)."""
    from engine.pipeline import Pipeline
    from eval.datasets import load_dataset
    from nodepilot.paths import DATASETS_DIR

    cases = load_dataset(DATASETS_DIR / "bench", split="dev")
    texts = [c.request for c in cases if c.intent == "workflow_request"][:limit]
    with Pipeline(provider="offline", use_cache=False) as pipeline:
        specs = [pipeline.run(t).spec for t in texts]
    return [s for s in specs if s is not None]


def _tree_at(rev: str, into: Path) -> Path:
    """The files of commit ``rev`` unpacked under ``into`` (git archive: the checkout and
    its index are not touched)."""
    archive = into / "tree.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", rev], cwd=ROOT, stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


class Side:
    """A worker process measuring one code tree."""

    def __init__(self, name: str, tree: Path, specs_file: Path) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(tree), "--specs", str(specs_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=tree,
        )
        self.rounds: list[dict[str, Any]] = []

    def run(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("run\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"the {self.name} worker stopped (see its error above)")
        self.rounds.append(json.loads(line))

    def breakdown(self) -> dict[str, float]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("breakdown\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)

    def summary(self) -> dict[str, float]:
        walls = [w for r in self.rounds for w in r["wall_ms"]]
        trips = [t for r in self.rounds for t in r["round_trips"]]
        db = [r["db_cpu_ms"] for r in self.rounds if r["db_cpu_ms"] is not None]
        return {
            "wall p50 ms": statistics.median(walls),
            "wall p95 ms": sorted(walls)[int(0.95 * (len(walls) - 1))],
            "round trips p50": statistics.median(trips),
            "client CPU ms/req": statistics.median(r["client_cpu_ms"] for r in self.rounds),
            "db CPU ms/req": statistics.median(db) if db else float("nan"),
        }


def _same_items(a: list[list[Any]], b: list[list[Any]]) -> int:
    """How many requests retrieve different items (ids, order, or scores beyond 1e-9)."""
    differ = 0
    for one, two in zip(a, b, strict=True):
        if [i for i, _ in one] != [i for i, _ in two] or any(
            abs(x - y) > 1e-9 for (_, x), (_, y) in zip(one, two, strict=True)
        ):
            differ += 1
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", metavar="REV", help="also measure this commit's code")
    parser.add_argument(
        "--breakdown", action="store_true", help="also: database CPU by kind of statement"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--specs", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.specs)
        return

    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="retrieval-speed-") as tmp:
        specs_file = Path(tmp) / "specs.pickle"
        specs = _specs(args.limit)
        specs_file.write_bytes(pickle.dumps(specs))
        sides = [Side("current", ROOT, specs_file)]
        if args.baseline:
            sides.insert(
                0, Side(f"baseline {args.baseline}", _tree_at(args.baseline, Path(tmp)), specs_file)
            )
        print(f"{len(specs)} dev workflow requests, {args.rounds} rounds; load {_load():.2f}")
        for n in range(args.rounds):
            for side in sides if n % 2 == 0 else sides[::-1]:
                side.run()
        load = _load()
        split = {side.name: side.breakdown() for side in sides} if args.breakdown else {}
        for side in sides:
            side.close()
    rows = [(side.name, side.summary()) for side in sides]
    for name, figures in rows:
        print(f"{name}:")
        for label, value in figures.items():
            ratio = ""
            if len(rows) == 2 and name == rows[1][0] and rows[0][1][label]:
                ratio = f"   ratio {value / rows[0][1][label]:5.2f}"
            print(f"  {label:<20} {value:8.2f}{ratio}")
    if len(sides) == 2:
        differ = _same_items(sides[0].rounds[0]["items"], sides[1].rounds[0]["items"])
        print(f"requests whose retrieved items differ between the two: {differ} of {len(specs)}")
    for name, spent in split.items():
        print(f"{name}: database CPU ms per request by statement (replayed, one by one)")
        for label, ms in spent.items():
            print(f"  {label:<20} {ms:8.2f}")
    print(f"load at the end {load:.2f}")


if __name__ == "__main__":
    main()
