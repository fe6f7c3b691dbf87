"""The held-out set for issue #17 Part 2 (datasets/generalise) is well-formed and fair.

It is kept out of tuning: these tests read its labels only to check the set's shape (families,
ids, split, catalog types, credential tags, no text shared with the bench), never the engine.
"""

from __future__ import annotations

from collections import Counter

import pytest
from holdout_support import closest_overlap, tokens

from eval.datasets import check_dataset, load_dataset
from indexing.catalog.load import load_catalog
from nodepilot.paths import DATASETS_DIR

GENERALISE = DATASETS_DIR / "generalise"
BENCH = DATASETS_DIR / "bench"
HTTP_REQUEST = "n8n-nodes-base.httpRequest"
ERROR_TRIGGER = "n8n-nodes-base.errorTrigger"
FAMILIES = {
    "messaging_bot",
    "app_state_change",
    "schedule_phrasing",
    "error_handling",
    "webhook_entry",
    "outside_automation",
    "missing_operation",
    "summary",
}
#: token Jaccard above which a request counts as a near-copy of a bench request
NEAR_COPY = 0.6


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def cases(catalog):
    return load_dataset(GENERALISE, catalog=catalog)


def test_the_checker_finds_nothing(catalog) -> None:
    assert [str(p) for p in check_dataset(GENERALISE, catalog)] == []


def test_size_ids_split_and_source(cases) -> None:
    assert len(cases) >= 72
    assert [c.id for c in cases] == [f"gen-{n:04d}" for n in range(1, len(cases) + 1)]
    assert {c.split for c in cases} == {"test"}
    assert {c.source for c in cases} == {"authored"}


def test_every_family_has_enough_cases(cases) -> None:
    per_family = Counter(c.category for c in cases)
    assert set(per_family) == FAMILIES
    assert min(per_family.values()) >= 8, per_family


def test_outside_automation_mixes_chat_and_real_questions(cases) -> None:
    intents = Counter(c.intent for c in cases if c.category == "outside_automation")
    assert intents["general_conversation"] >= 6 and intents["question"] >= 2
    assert all(c.expected is None for c in cases if not c.is_workflow)


def test_error_family_has_both_kinds(cases) -> None:
    family = [c for c in cases if c.category == "error_handling"]
    real = [c for c in family if ERROR_TRIGGER in c.expected.triggers]
    assert len(real) >= 2 and len(family) - len(real) >= 5
    assert all("real_error_workflow" in c.tags for c in real)
    elsewhere = [c for c in cases if c.category != "error_handling" and c.expected]
    assert not [c.id for c in elsewhere if ERROR_TRIGGER in c.expected.triggers]


def test_several_entry_points_require_every_trigger(cases) -> None:
    """Where several triggers are accepted because the user named them all, all are required."""
    multi = [c for c in cases if c.category == "webhook_entry" and c.expected.trigger_any]
    assert len(multi) >= 4
    for case in multi:
        required = {t for s in case.expected.required_sets for t in s}
        assert set(case.expected.triggers) <= required, case.id


def test_credential_tags_name_usable_predefined_credentials(cases, catalog) -> None:
    tagged = [(c, t) for c in cases for t in c.tags if t.startswith("credential:")]
    assert len(tagged) >= 8
    for case, tag in tagged:
        assert case.category == "missing_operation", case.id
        assert frozenset({HTTP_REQUEST}) in case.expected.required_sets, case.id
        for name in tag.removeprefix("credential:").split("|"):
            cred = catalog.credential_type(name)
            assert cred is not None, (case.id, name)
            assert cred.authenticates or "oAuth2Api" in cred.extends, (case.id, name)


def test_no_request_copies_the_bench(cases) -> None:
    bench = [tokens(c.request) for c in load_dataset(BENCH)]
    assert bench
    for case in cases:
        assert closest_overlap(case.request, bench) < NEAR_COPY, case.id


def test_requests_are_unique(cases) -> None:
    texts = Counter(" ".join(sorted(tokens(c.request))) for c in cases)
    assert [t for t, n in texts.items() if n > 1] == []
