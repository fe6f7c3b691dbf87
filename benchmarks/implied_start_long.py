"""How long the offline spec's start reading takes on a request at the length limit.

Why: the implied-start search (``engine.implied_start``) looks at the words around every app
mention; unbounded, that cost grew with the square of the request's length (HR11 D4: a
19,900-character request took 9-14 s). The windows are bounded now, so it should grow linearly.
The script times ``build_spec`` (entities, trigger, steps) on a short request and on the
19,900-character one, several times each, and prints the medians and their ratio.

    .venv/bin/python benchmarks/implied_start_long.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: The reviewer's input: app names and records with no punctuation, within the 20,000 limit.
LONG = ("hubspot deal and slack and trello card " * 600)[:19900]
SHORT = "hubspot deal and slack and trello card"


def _median_seconds(text: str, repeat: int) -> float:
    """Median wall time of reading the spec of ``text`` (entities + local optimiser)."""
    from engine.spec import build_spec

    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        build_spec(text)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per request (median)")
    args = parser.parse_args(argv)
    _median_seconds(SHORT, 1)  # warm the catalog and caches
    short = _median_seconds(SHORT, args.repeat)
    long = _median_seconds(LONG, args.repeat)
    print(f"short ({len(SHORT)} chars): {short * 1000:.1f} ms median")
    print(f"long  ({len(LONG)} chars): {long * 1000:.1f} ms median")
    print(f"ratio long/short: {long / short:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
