"""The offline engine produces no quality-lint warning on any benchmark split or probe.

The committed offline snapshot holds the engine's output for every case of the train, dev and
test splits and for our probes, and ``test_offline_snapshot.py`` proves the engine still prints
exactly those lines; so the lints holding on the snapshot means they hold on what the engine
generates. Checked before repair: the generator itself must avoid them, not lean on the
static-prompt repair.
"""

from __future__ import annotations

import json

import pytest
from offline_snapshot_support import SNAPSHOT_DIR

from engine.validation.codes import CODES
from engine.validation.validator import validate_workflow

QUALITY = frozenset(code for code, info in CODES.items() if info.area == "quality")
#: The output files (``probe_requests.jsonl`` next to them holds the probes' requests).
SNAPSHOTS = sorted(p.stem for p in SNAPSHOT_DIR.glob("*.jsonl") if p.stem != "probe_requests")


def _workflows(stem: str) -> list[tuple[str, dict]]:
    rows = (json.loads(line) for line in (SNAPSHOT_DIR / f"{stem}.jsonl").open(encoding="utf-8"))
    return [(row["id"], row["workflow"]) for row in rows if isinstance(row.get("workflow"), dict)]


def test_every_split_has_a_snapshot() -> None:
    assert {"train", "dev", "test"} <= set(SNAPSHOTS)
    assert all(_workflows(split) for split in ("train", "dev", "test"))


@pytest.mark.parametrize("stem", SNAPSHOTS)
def test_offline_outputs_raise_no_quality_lint(stem: str) -> None:
    found = [
        f"{case}: {f.code} at {f.node}"
        for case, workflow in _workflows(stem)
        for f in validate_workflow(workflow, "runtime").findings
        if f.code in QUALITY
    ]
    assert found == [], found[:10]
