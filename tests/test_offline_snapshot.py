"""The offline engine's outputs are byte-identical to the committed snapshot.

This is the behaviour lock for refactoring the engine (issue #17): every case of the benchmark's
train, dev and test splits and our own probe requests runs through the offline chain (local
classifier, local spec, offline generator) and must print exactly the committed JSON line. A
change meant to move outputs rewrites the snapshot with ``scripts/offline_snapshot.py`` in a
commit of its own.
"""

from __future__ import annotations

import json

import pytest
from offline_snapshot_support import SNAPSHOT_DIR, OfflineChain, snapshot_lines, snapshot_sets

SETS = snapshot_sets()


@pytest.fixture(scope="module")
def chain() -> OfflineChain:
    return OfflineChain()


def _moved(expected: list[str], actual: list[str]) -> list[str]:
    """Ids of the cases whose line differs (or that appear on one side only)."""
    old = {json.loads(line)["id"]: line for line in expected}
    new = {json.loads(line)["id"]: line for line in actual}
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


@pytest.mark.parametrize("stem", sorted(SETS))
def test_offline_outputs_match_the_snapshot_byte_for_byte(stem: str, chain: OfflineChain) -> None:
    committed = (SNAPSHOT_DIR / f"{stem}.jsonl").read_text(encoding="utf-8")
    actual = list(snapshot_lines(SETS[stem], chain))
    produced = "".join(line + "\n" for line in actual)
    if produced != committed:
        moved = _moved(committed.splitlines(), actual)
        pytest.fail(
            f"{stem}: the offline output of {len(moved)} case(s) moved: {', '.join(moved[:15])}"
            " (rewrite with scripts/offline_snapshot.py only if the change is meant)"
        )


def test_the_snapshot_covers_every_split_and_the_probe_requests() -> None:
    assert {"train", "dev", "test", "probes"} <= set(SETS)
    assert all(SETS[stem] for stem in SETS)
    probes = SETS["probes"]
    assert len(probes) >= 40
    assert sum(1 for p in probes if p.conversation) >= 5  # modifications of an earlier workflow
    for stem, cases in SETS.items():
        rows = [json.loads(x) for x in (SNAPSHOT_DIR / f"{stem}.jsonl").read_text().splitlines()]
        assert [r["id"] for r in rows] == [c.id for c in cases], stem
        assert any(r["workflow"] for r in rows), stem
