"""Train the local intent classifier and write ``seeds/models/intent.json``.

    .venv/bin/python scripts/train_intent.py            # train, report, write the model
    .venv/bin/python scripts/train_intent.py --check    # is the committed model stale?

Training data: the benchmark's TRAIN split only (``datasets/bench``). The dev split is scored for
the report (it is what hyper-parameters were chosen on); the test split is never read here.
Features: the all-MiniLM-L6-v2 embedding of the turn (ONNX, the same embedder the classifier uses
at run time) followed by ``engine.intent.features.hand_features`` (prior workflow in the
conversation, question/imperative openings, schedule phrases, ...). Model: scikit-learn's
multinomial LogisticRegression (lbfgs, deterministic); only its coefficients are stored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.intent.features import (  # noqa: E402
    FEATURE_NAMES,
    FEATURE_VERSION,
    hand_features,
    normalise,
)
from engine.intent.model import (  # noqa: E402
    MODEL_PATH,
    TRAIN_DATASET,
    IntentModel,
    batch_features,
    check_model,
    feature_code_hash,
    training_hash,
)
from engine.types import INTENTS  # noqa: E402

#: Chosen on 5-fold CV of the train split and the dev split (grid C in 1..100, balanced or not).
C = 10.0
CLASS_WEIGHT = "balanced"


def featurise(cases: list, embedder: object) -> np.ndarray:
    texts = [normalise(c.request) or c.request for c in cases]
    emb = embedder.embed_documents(texts, progress=False)  # type: ignore[attr-defined]
    hand = [hand_features(c.request, c.conversation) for c in cases]
    return batch_features(emb, hand)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed model")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)

    if args.check:
        problems = check_model(args.out)
        for p in problems:
            print(f"stale: {p}")
        print(
            "intent model is up to date" if not problems else "retrain with scripts/train_intent.py"
        )
        return 1 if problems else 0

    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from eval.datasets import load_dataset
    from indexing.embeddings import get_embedder

    train = load_dataset(TRAIN_DATASET, split="train")
    dev = load_dataset(TRAIN_DATASET, split="dev")
    embedder = get_embedder()
    x_train, x_dev = featurise(train, embedder), featurise(dev, embedder)
    y_train = np.array([INTENTS.index(c.intent) for c in train])
    y_dev = np.array([INTENTS.index(c.intent) for c in dev])

    def new_model() -> LogisticRegression:
        return LogisticRegression(C=C, class_weight=CLASS_WEIGHT, max_iter=10000)

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    cv_pred = cross_val_predict(new_model(), x_train, y_train, cv=folds)
    clf = new_model().fit(x_train, y_train)
    model = IntentModel(
        classes=tuple(INTENTS[i] for i in clf.classes_),
        coef=clf.coef_.astype(np.float32),
        intercept=clf.intercept_.astype(np.float32),
        embedding_model_id=embedder.model_id,
        embedding_dim=embedder.dimension,
        feature_names=FEATURE_NAMES,
        feature_version=FEATURE_VERSION,
        train_hash=training_hash(train),
        meta={},
        feature_code_hash=feature_code_hash(),
    )
    # Score the stored (rounded) weights, exactly what the classifier will load.
    model.save(args.out)
    from engine.intent.model import read_model

    stored = read_model(args.out)
    dev_acc = float((stored.probabilities(x_dev).argmax(1) == y_dev).mean())
    train_acc = float((stored.probabilities(x_train).argmax(1) == y_train).mean())
    cv_acc = float((cv_pred == y_train).mean())
    meta = {
        "trainer": "scripts/train_intent.py",
        "algorithm": "sklearn LogisticRegression (multinomial, lbfgs)",
        "C": C,
        "class_weight": CLASS_WEIGHT,
        "dataset": "datasets/bench",
        "split": "train",
        "n_train": len(train),
        "train_accuracy": round(train_acc, 4),
        "cv5_accuracy": round(cv_acc, 4),
        "dev_accuracy": round(dev_acc, 4),
        "n_dev": len(dev),
    }
    IntentModel(**{**stored.__dict__, "meta": meta}).save(args.out)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    print(f"train {len(train)} cases: accuracy {train_acc:.3f}, 5-fold CV {cv_acc:.3f}")
    print(f"dev {len(dev)} cases: accuracy {dev_acc:.3f}")
    for case, pred in zip(dev, stored.probabilities(x_dev).argmax(1), strict=True):
        if INTENTS[pred] != case.intent:
            print(f"  dev miss {case.id}: {case.intent} -> {INTENTS[pred]}: {case.request[:80]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
