"""Real-workflow regressions: our runtime verdicts equal n8n's on the public corpora.

The n8n oracle's verdicts were recorded by ``benchmarks/calibrate_validator.py
--write-expectations`` into ``fixtures/validation/oracle/verdicts.json.gz`` (record ids hide the
corpus file names); these tests re-validate the corpora in ``../shared`` and compare, so no
Node.js is needed. They skip when ``../shared`` is absent.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from engine.validation.validator import validate_workflow
from nodepilot.paths import PROJECT_ROOT

if str(PROJECT_ROOT) not in sys.path:  # benchmarks/ is a script folder, not an installed package
    sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.calibrate_validator import record_id  # noqa: E402
from benchmarks.corpora import CORPORA, CorpusRecord, corpus_path, iter_corpus  # noqa: E402

VERDICTS = Path(__file__).parent / "fixtures" / "validation" / "oracle" / "verdicts.json.gz"

pytestmark = pytest.mark.skipif(
    not all(corpus_path(n).exists() for n in CORPORA), reason="../shared corpora not present"
)

#: Disagreements found during calibration (or introduced by an optimisation), now fixed:
#: (corpus, JSONL line, what went wrong).
REGRESSIONS = [
    ("zie619", 889, "resource-mapper object field holding the text 'null' (n8n accepts it)"),
    ("zie619", 904, "resource-mapper object field holding the text 'null' (n8n accepts it)"),
    ("n8n-mcp", 1046, "Webex tool: a parameter kept by resolution but hidden by displayOptions"),
    ("n8n-mcp", 20, "Slack trigger: same shortcut, channel to watch"),
]


@cache
def expectations() -> dict[str, dict[str, Any]]:
    return json.loads(gzip.decompress(VERDICTS.read_bytes()))["corpora"]


def _records(name: str, lines: set[int] | None = None, every: int = 1) -> Iterator[CorpusRecord]:
    for i, rec in enumerate(iter_corpus(corpus_path(name))):
        if not rec.is_workflow:
            continue
        if lines is not None and rec.line not in lines:
            continue
        if lines is None and i % every:
            continue
        yield rec


def _expected(name: str, rec: CorpusRecord) -> list[Any]:
    return expectations()[name][record_id(name, rec.file, rec.line, rec.index)]


@pytest.mark.parametrize(("corpus", "line", "why"), REGRESSIONS)
def test_calibration_regression(corpus: str, line: int, why: str) -> None:
    [rec] = list(_records(corpus, {line}))
    valid, kinds = _expected(corpus, rec)
    report = validate_workflow(rec.doc, "runtime")
    assert report.valid == valid, (why, [f.to_dict() for f in report.errors])
    if corpus == "zie619":
        assert not [f for f in report.findings if "expects a object" in f.message], why
    if corpus == "n8n-mcp" and line == 1046:
        assert not [f for f in report.findings if "toPersonEmail" in f.message], why


@pytest.mark.parametrize("corpus", ["zie619", "awesome-n8n-templates"])
def test_sampled_verdicts_agree_with_n8n(corpus: str) -> None:
    agree = total = 0
    for rec in _records(corpus, every=5):
        valid, _ = _expected(corpus, rec)
        total += 1
        agree += validate_workflow(rec.doc, "runtime").valid == valid
    assert total > 60
    assert agree / total >= 0.99, f"{agree}/{total}"


def test_error_kinds_match_on_invalid_sample() -> None:
    """Beyond the verdict: on invalid workflows we name the same kinds of problem as n8n."""
    same = total = 0
    for rec in _records("zie619", every=9):
        valid, kinds = _expected("zie619", rec)
        if valid:
            continue
        total += 1
        ours = validate_workflow(rec.doc, "runtime").codes("error")
        same += set(kinds) <= ours
    assert total > 10 and same / total >= 0.95, f"{same}/{total}"


def test_repair_on_real_workflows_is_idempotent_and_complete() -> None:
    """Every 10th real workflow plus a community-node case (settings inside parameters)."""
    from engine.validation.repair import repair_workflow

    recs = [*_records("zie619", every=10), *_records("zie619", {981})]
    recs += list(_records("awesome-n8n-templates", every=10))
    for rec in recs:
        first = repair_workflow(rec.doc)
        again = repair_workflow(first.workflow)
        assert again.fixes == [] and again.workflow == first.workflow, rec.key
        strict = validate_workflow(first.workflow, "strict")
        left = [f.code for f in strict.findings if f.fixable and f.severity == "error"]
        assert left == [], (rec.key, left)
