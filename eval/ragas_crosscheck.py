"""Score retrieval samples with ragas itself, in the separate ragas environment.

Run by the ragas environment's python (``scripts/ragas_env.sh`` prints its path), never
imported by the harness: it needs only ragas and the standard library. Reads JSON from stdin::

    {"samples": [{"precision_ids": {"retrieved": [...], "reference": [...]},
                  "recall_ids": {"retrieved": [...], "reference": [...]},
                  "retrieved_contexts": [...], "reference_contexts": [...]}, ...]}

and writes ``{"ragas": VERSION, "scores": [{metric: value or null}, ...]}`` (NaN as null) with
ragas 0.4.3's IDBasedContextPrecision / IDBasedContextRecall and the non-LLM
NonLLMContextPrecisionWithReference / NonLLMContextRecall (Levenshtein similarity, threshold
0.5). :mod:`eval.ragas_bridge` runs it and compares with ``eval.metrics.retrieval``.
"""

from __future__ import annotations

import json
import math
import sys
import warnings


def _metrics() -> dict[str, object]:
    from ragas.metrics import (
        IDBasedContextPrecision,
        IDBasedContextRecall,
        NonLLMContextPrecisionWithReference,
        NonLLMContextRecall,
    )

    return {
        "context_precision_id": IDBasedContextPrecision(),
        "context_recall_id": IDBasedContextRecall(),
        "context_precision_text": NonLLMContextPrecisionWithReference(),
        "context_recall_text": NonLLMContextRecall(),
    }


def _score(metrics: dict[str, object], sample: dict) -> dict[str, float | None]:
    from ragas.dataset_schema import SingleTurnSample

    out: dict[str, float | None] = {}
    for name, metric in metrics.items():
        if name.endswith("_id"):
            ids = sample["precision_ids" if "precision" in name else "recall_ids"]
            row = SingleTurnSample(
                retrieved_context_ids=ids["retrieved"], reference_context_ids=ids["reference"]
            )
        else:
            row = SingleTurnSample(
                retrieved_contexts=sample["retrieved_contexts"],
                reference_contexts=sample["reference_contexts"],
            )
        value = float(metric.single_turn_score(row))  # type: ignore[attr-defined]
        out[name] = None if math.isnan(value) else value
    return out


def main() -> int:
    warnings.simplefilter("ignore")
    import ragas

    samples = json.load(sys.stdin)["samples"]
    metrics = _metrics()
    scores = [_score(metrics, s) for s in samples]
    json.dump({"ragas": ragas.__version__, "scores": scores}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
