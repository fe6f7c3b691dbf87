"""Intent stage speed: per-request local classification latency (embedding included).

Prints median and p95 for, per request:
  * ``classify`` (entity extraction + MiniLM ONNX embedding + hand features + logistic model),
  * its parts measured separately: ``embed_query`` alone and ``extract_entities`` alone,
and, as the in-process baseline, the same logistic model fitted and applied through scikit-learn
(``predict_proba`` on the same features), to show the numpy matrix product adds nothing.
Also the one-off cost of the first call (model file, ONNX session, catalog name table).

    .venv/bin/python benchmarks/intent_speed.py [--rounds 3] [--split dev]

Requests are the benchmark's dev split (never test) plus a few long ones.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _row(name: str, values: list[float]) -> str:
    return (
        f"{name:<34} median {statistics.median(values):7.2f} ms   p95 {_pct(values, 0.95):7.2f} ms"
        f"   n={len(values)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    args = parser.parse_args(argv)

    from eval.datasets import load_dataset

    cases = load_dataset(PROJECT_ROOT / "datasets" / "bench", split=args.split)
    requests = [(c.request, c.conversation) for c in cases]
    requests += [(" ".join(c.request for c in cases[:12]), ())] * 3  # a few long messages

    started = time.perf_counter()
    from engine.intent.classifier import classify
    from engine.intent.entities import extract_entities
    from engine.intent.features import hand_features
    from engine.intent.model import load_model
    from indexing.embeddings import get_embedder

    classify("warm up: every monday post to slack")
    first = (time.perf_counter() - started) * 1000
    embedder = get_embedder()
    model = load_model()

    total, embed, entities = [], [], []
    for _ in range(args.rounds):
        for text, conv in requests:
            t0 = time.perf_counter()
            classify(text, conv)
            t1 = time.perf_counter()
            embedder.embed_query(text[:4000])
            t2 = time.perf_counter()
            extract_entities(text)
            t3 = time.perf_counter()
            total.append((t1 - t0) * 1000)
            embed.append((t2 - t1) * 1000)
            entities.append((t3 - t2) * 1000)

    # Baseline: the same model through scikit-learn on identical features.
    from sklearn.linear_model import LogisticRegression

    feats = np.hstack(
        [
            embedder.embed_documents([t for t, _ in requests], progress=False),
            np.asarray([hand_features(t, c) for t, c in requests], dtype=np.float32),
        ]
    )
    sk = LogisticRegression(max_iter=200).fit(feats, np.arange(len(feats)) % len(model.classes))
    sk.coef_, sk.intercept_ = model.coef.astype(np.float64), model.intercept.astype(np.float64)
    sk_times, np_times = [], []
    for row in feats:
        t0 = time.perf_counter()
        sk.predict_proba(row[None, :])
        t1 = time.perf_counter()
        model.probabilities(row)
        t2 = time.perf_counter()
        sk_times.append((t1 - t0) * 1000)
        np_times.append((t2 - t1) * 1000)
    agree = np.allclose(sk.predict_proba(feats), model.probabilities(feats), atol=1e-4)

    print(f"intent speed on {len(requests)} requests x {args.rounds} rounds ({args.split} split)")
    print(f"first call (loads model file, ONNX session, name table): {first:.0f} ms")
    print(_row("classify (local, end to end)", total))
    print(_row("  embed_query alone", embed))
    print(_row("  extract_entities alone", entities))
    print(_row("model: numpy softmax(Wx+b)", np_times))
    print(_row("model: sklearn predict_proba", sk_times))
    ratio = statistics.median(sk_times) / max(statistics.median(np_times), 1e-9)
    print(f"numpy vs sklearn model step: {ratio:.1f}x faster; same probabilities: {agree}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
