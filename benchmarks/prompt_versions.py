"""What reading the prompt versions in force costs a run (issue #12).

Every ``Pipeline.run`` reads the active ``ai_prompts`` version ids once
(``engine.prompts.active_prompt_set``: one query; the parsed set is cached per process under
those ids). Measured in one process on the same connection, medians of N rounds:

1. ``SELECT 1`` - the round trip to PostgreSQL, the floor any read pays;
2. ``active_prompt_set`` with the set cached (every run after the first, until an activation);
3. ``active_prompt_set`` after an activation elsewhere (the cache cleared: parse 13 prompts);
4. a whole offline ``Pipeline.run`` (warm), for scale.

Reads only (the database of ``NODEPILOT_DATA_DIR`` or ``DATABASE_URL``; the index must be
built for step 4).

    .venv/bin/python benchmarks/prompt_versions.py [--rounds 300]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable


def _median_ms(fn: Callable[[], object], rounds: int) -> float:
    spent = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        spent.append((time.perf_counter() - started) * 1000)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()

    from engine import prompts
    from engine.pipeline import Pipeline

    with Pipeline(provider="offline", use_cache=False) as pipeline:
        conn = pipeline.conn
        request = "Every Monday at 9am post last week's Stripe refunds to #finance on Slack"
        pipeline.run(request)  # warm: model, catalog, connection

        def uncached() -> object:
            prompts.reload_prompts()
            return prompts.active_prompt_set(conn)

        floor = _median_ms(lambda: conn.execute("SELECT 1").fetchone(), args.rounds)
        cached = _median_ms(lambda: prompts.active_prompt_set(conn), args.rounds)
        cold = _median_ms(uncached, max(20, args.rounds // 10))
        run = _median_ms(lambda: pipeline.run(request), max(10, args.rounds // 30))
    print(f"SELECT 1 (round trip)            p50 {floor:8.3f} ms")
    print(f"active_prompt_set, cached set    p50 {cached:8.3f} ms  ratio {cached / floor:5.2f}")
    print(f"active_prompt_set, after change  p50 {cold:8.3f} ms  ratio {cold / floor:5.2f}")
    print(
        f"offline Pipeline.run (warm)      p50 {run:8.3f} ms  "
        f"prompt read = {100 * cached / run:.2f}% of a run"
    )


if __name__ == "__main__":
    main()
