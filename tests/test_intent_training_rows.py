"""engine.intent.model reads the training rows itself (the engine may not import eval); its
reading must hash exactly like the dataset loader's, on every split."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.intent.model import TRAIN_DATASET, training_hash, training_rows
from eval.datasets import load_dataset
from nodepilot.errors import UserError


@pytest.mark.parametrize("split", ["train", "dev", "test"])
def test_training_rows_hash_like_the_dataset_loader(split: str) -> None:
    rows = training_rows(TRAIN_DATASET, split)
    assert rows
    assert training_hash(rows) == training_hash(load_dataset(TRAIN_DATASET, split=split))


def test_a_broken_line_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"id": "a", "split": "train"}\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"x\.jsonl:1"):
        training_rows(bad, "train")
