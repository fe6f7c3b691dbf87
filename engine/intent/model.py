"""The committed intent model: a multinomial logistic regression stored as plain numbers.

Why not a pickle: the weights are small (4 x 393 floats), derived from our own dataset, and must be
reviewable and loadable without scikit-learn; a logistic model is one matrix product and a
softmax in numpy. The file (``seeds/models/intent.json``) also records what it was trained on -
the embedding model id, the feature list and version, and a hash of the training cases - so a
stale model is detected instead of silently giving wrong answers:

* at load time, against the running embedder and feature code (cheap, always checked);
* by :func:`check_model` against the dataset (run in the tests and by the training script).

``scripts/train_intent.py`` reproduces the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from engine.intent.features import FEATURE_NAMES, FEATURE_VERSION
from nodepilot.errors import UserError
from nodepilot.paths import DATASETS_DIR, SEEDS_DIR, code_fingerprint

MODEL_PATH = SEEDS_DIR / "models" / "intent.json"
#: The dataset and split the committed model is trained on.
TRAIN_DATASET = DATASETS_DIR / "bench"
TRAIN_SPLIT = "train"
FORMAT = "nodepilot-intent-logreg/1"
RETRAIN_HINT = "retrain it: .venv/bin/python scripts/train_intent.py"


class StaleModelError(UserError):
    """The intent model file does not match the embedder, the features or the training data."""


@dataclass(frozen=True)
class IntentModel:
    """Softmax(W x + b) over ``classes``; ``x`` = embedding followed by the hand features."""

    classes: tuple[str, ...]
    coef: np.ndarray  # (n_classes, n_features) float32
    intercept: np.ndarray  # (n_classes,) float32
    embedding_model_id: str
    embedding_dim: int
    feature_names: tuple[str, ...]
    feature_version: int
    train_hash: str
    meta: dict[str, Any]
    feature_code_hash: str = ""

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities for one feature vector ``(n_features,)`` or a batch ``(n, f)``."""
        logits = np.asarray(x, dtype=np.float32) @ self.coef.T + self.intercept
        logits = logits - logits.max(axis=-1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=-1, keepdims=True)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "classes": list(self.classes),
            "embedding_model_id": self.embedding_model_id,
            "embedding_dim": self.embedding_dim,
            "feature_names": list(self.feature_names),
            "feature_version": self.feature_version,
            "train_hash": self.train_hash,
            "feature_code_hash": self.feature_code_hash,
            "meta": self.meta,
            "intercept": [round(float(v), 6) for v in self.intercept],
            "coef": [[round(float(v), 6) for v in row] for row in self.coef],
        }

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")


def read_model(path: Path = MODEL_PATH) -> IntentModel:
    """Parse a model file; raises StaleModelError naming the file when it is missing or bad."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise StaleModelError(f"intent model {path} is missing", hint=RETRAIN_HINT) from exc
    except (OSError, ValueError) as exc:
        raise StaleModelError(
            f"intent model {path} is unreadable: {exc}", hint=RETRAIN_HINT
        ) from exc
    try:
        if raw.get("format") != FORMAT:
            raise ValueError(f"format {raw.get('format')!r}, expected {FORMAT!r}")
        coef = np.asarray(raw["coef"], dtype=np.float32)
        intercept = np.asarray(raw["intercept"], dtype=np.float32)
        classes = tuple(raw["classes"])
        names = tuple(raw["feature_names"])
        dim = int(raw["embedding_dim"])
        if coef.shape != (len(classes), dim + len(names)) or intercept.shape != (len(classes),):
            raise ValueError(f"coefficient shape {coef.shape} does not fit the declared features")
        return IntentModel(
            classes=classes,
            coef=coef,
            intercept=intercept,
            embedding_model_id=str(raw["embedding_model_id"]),
            embedding_dim=dim,
            feature_names=names,
            feature_version=int(raw["feature_version"]),
            train_hash=str(raw["train_hash"]),
            meta=dict(raw.get("meta", {})),
            feature_code_hash=str(raw.get("feature_code_hash", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise StaleModelError(
            f"intent model {path} is malformed: {exc}", hint=RETRAIN_HINT
        ) from exc


def compatibility_problems(model: IntentModel, embedding_model_id: str) -> list[str]:
    """Why the model cannot be used with this code and embedder (empty when it can)."""
    problems = []
    if model.embedding_model_id != embedding_model_id:
        problems.append(
            f"trained on embeddings {model.embedding_model_id}, "
            f"the embedder is {embedding_model_id}"
        )
    if model.feature_names != FEATURE_NAMES or model.feature_version != FEATURE_VERSION:
        problems.append(
            f"trained with features v{model.feature_version} {list(model.feature_names)}, the code "
            f"computes v{FEATURE_VERSION} {list(FEATURE_NAMES)}"
        )
    return problems


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> IntentModel:
    """The model, checked against the packaged embedding model and the feature code (cached)."""
    from indexing.embeddings import packaged_model

    model = read_model(path)
    problems = compatibility_problems(model, packaged_model().model_id)
    if problems:
        raise StaleModelError(
            f"intent model {path} is stale: {'; '.join(problems)}", hint=RETRAIN_HINT
        )
    return model


#: The code that computes the model's input besides the embedding: the hand features and the
#: entity extraction they count. Any edit there changes the inputs, so it is part of staleness.
#: ``../lexicon.py``: the request cues the entity reader takes from ``engine.lexicon``.
FEATURE_CODE = ("features.py", "entities.py", "names.py", "schedule.py", "../lexicon.py")


def feature_code_hash() -> str:
    """SHA-256 over the feature code files (see ``FEATURE_CODE``)."""
    here = Path(__file__).resolve().parent
    return code_fingerprint(here / name for name in FEATURE_CODE)


def training_hash(cases: Iterable[Any]) -> str:
    """SHA-256 over what training reads from each case (id, request, intent, conversation).

    Order-independent (sorted by id), so reordering the dataset file does not count as a change.
    """
    rows = []
    for case in cases:
        turns = [[t.role, t.content] for t in case.conversation]
        rows.append([case.id, case.request, case.intent, turns])
    rows.sort(key=lambda r: r[0])
    blob = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True)
class TrainingRow:
    """What training reads from one dataset line (see :func:`training_hash`)."""

    id: str
    request: str
    intent: str
    conversation: tuple[Any, ...]


@dataclass(frozen=True)
class _Turn:
    role: str
    content: str


def training_rows(dataset: Path, split: str) -> list[TrainingRow]:
    """The ``split`` lines of the benchmark at ``dataset`` (a ``.jsonl`` file or a folder),
    read for hashing only. The engine does not import ``eval`` (a higher layer), so this
    reads the four fields itself; ``nodepilot eval datasets check`` validates the files."""
    files = sorted(dataset.rglob("*.jsonl")) if dataset.is_dir() else [dataset]
    rows = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if obj.get("split") != split:
                    continue
                turns = tuple(_Turn(t["role"], t["content"]) for t in obj.get("conversation", ()))
                rows.append(TrainingRow(obj["id"], obj["request"], obj["intent"], turns))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise UserError(f"{file}:{number}: unreadable dataset line ({exc})") from exc
    return rows


def check_model(
    path: Path = MODEL_PATH, dataset: Path = TRAIN_DATASET, split: str = TRAIN_SPLIT
) -> list[str]:
    """Every reason the committed model is stale (embedder, features, training data).

    Empty when the model is fresh."""
    from indexing.embeddings import packaged_model

    model = read_model(path)
    problems = compatibility_problems(model, packaged_model().model_id)
    code = feature_code_hash()
    if code != model.feature_code_hash:
        problems.append(
            f"feature code changed since training ({model.feature_code_hash[:12] or 'none'} -> "
            f"{code[:12]}: {', '.join(FEATURE_CODE)})"
        )
    current = training_hash(training_rows(dataset, split))
    if current != model.train_hash:
        problems.append(
            f"trained on data {model.train_hash[:12]}, the {split} split is now {current[:12]}"
        )
    return problems


def batch_features(embeddings: np.ndarray, hand: Sequence[Sequence[float]]) -> np.ndarray:
    """Stack embedding rows and hand-feature rows into the model's input matrix."""
    return np.hstack([np.asarray(embeddings, dtype=np.float32), np.asarray(hand, dtype=np.float32)])
