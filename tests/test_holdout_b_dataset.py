"""The second held-out set for issue #17 Part 2 (datasets/holdout_b) is well-formed and fair.

It measures whether this session's engine changes generalise, so it is never run here: these tests
read its labels only to check the set's shape (families and their weights, ids, split, catalog
types, credential and missing-operation tags checked against n8n's catalog, no text shared with
datasets/bench or datasets/generalise). The other held-out set is read programmatically, only to
compare word overlap.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from holdout_support import (
    ERROR_TRIGGER,
    NEAR_COPY,
    NOT_A_BOT_START,
    entry_point_problems,
    family,
    missing_operation_problems,
    near_copies,
    repeated_requests,
    tag_values,
)

from eval.datasets import check_dataset, load_dataset
from indexing.catalog.load import load_catalog
from nodepilot.paths import DATASETS_DIR

HOLDOUT = DATASETS_DIR / "holdout_b"
SEEN_BY_AUTHORS = (DATASETS_DIR / "bench", DATASETS_DIR / "generalise")
#: families of issue #17 Part 2 and the least number of cases each needs; the three families
#: that were weakest get the most
MINIMUM = {
    "messaging_bot": 12,
    "app_state_change": 12,
    "missing_operation": 12,
    "schedule_phrasing": 6,
    "error_handling": 6,
    "webhook_entry": 6,
    "outside_automation": 6,
    "summary": 6,
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def cases(catalog):
    return load_dataset(HOLDOUT, catalog=catalog)


def test_the_checker_finds_nothing(catalog) -> None:
    assert [str(p) for p in check_dataset(HOLDOUT, catalog)] == []


def test_size_ids_split_and_source(cases) -> None:
    assert len(cases) >= 64
    assert [c.id for c in cases] == [f"hob-{n:04d}" for n in range(1, len(cases) + 1)]
    assert {c.split for c in cases} == {"test"}
    assert {c.source for c in cases} == {"authored"}
    assert set(Counter(c.difficulty for c in cases)) == {"easy", "medium", "hard"}


def test_ids_do_not_collide_with_the_other_sets(cases) -> None:
    seen = {c.id for path in SEEN_BY_AUTHORS for c in load_dataset(path)}
    assert not seen & {c.id for c in cases}


def test_every_family_has_its_weight(cases) -> None:
    per_family = Counter(c.category for c in cases)
    assert set(per_family) == set(MINIMUM)
    short = {f: n for f, n in per_family.items() if n < MINIMUM[f]}
    assert short == {}, per_family


def test_messaging_bots_start_from_the_app(cases, catalog) -> None:
    bots = family(cases, "messaging_bot")
    assert all(c.trigger_kind not in NOT_A_BOT_START for c in bots)
    from_app = [c for c in bots if c.trigger_kind == "app"]
    assert len(from_app) >= 12
    for case in from_app:
        assert not case.expected.trigger_any, case.id
        assert catalog.is_trigger(case.expected.trigger), case.id


def test_state_changes_start_from_the_apps_trigger(cases) -> None:
    members = family(cases, "app_state_change")
    assert {c.trigger_kind for c in members} == {"app"}
    assert len({c.expected.trigger for c in members}) == len(members), "one app per case"


def test_schedules_are_said_without_every(cases) -> None:
    members = family(cases, "schedule_phrasing")
    assert all(c.expected.trigger == "n8n-nodes-base.scheduleTrigger" for c in members)
    assert [c.id for c in members if re.search(r"\bevery\b", c.request, re.I)] == []


def test_outside_automation_mixes_chat_and_real_questions(cases) -> None:
    intents = Counter(c.intent for c in family(cases, "outside_automation"))
    assert intents["general_conversation"] >= 5 and intents["question"] >= 2
    assert all(c.expected is None for c in cases if not c.is_workflow)
    questions = [c for c in cases if c.intent == "question"]
    assert all("n8n_question" in c.tags for c in questions)


def test_error_family_has_both_kinds(cases) -> None:
    members = family(cases, "error_handling")
    real = [c for c in members if ERROR_TRIGGER in c.expected.triggers]
    assert len(real) >= 2 and len(members) - len(real) >= 5
    assert all("real_error_workflow" in c.tags for c in real)
    elsewhere = [c for c in cases if c.category != "error_handling" and c.expected]
    assert not [c.id for c in elsewhere if ERROR_TRIGGER in c.expected.triggers]


def test_several_entry_points_require_every_trigger(cases) -> None:
    """Where several triggers are accepted because the user named them all, all are required."""
    multi = [c for c in cases if c.expected and c.expected.trigger_any]
    assert len([c for c in multi if c.category == "webhook_entry"]) >= 3
    assert entry_point_problems(cases) == []


def test_every_missing_operation_names_a_usable_credential(cases, catalog) -> None:
    """The tags say which node lacks what; the catalog confirms it and that every credential
    named is that node's own and can authenticate an HTTP Request (the predefined type)."""
    problems = {
        c.id: missing_operation_problems(c, catalog) for c in family(cases, "missing_operation")
    }
    assert {k: v for k, v in problems.items() if v} == {}
    tagged = [c for c in cases if tag_values(c, "credential:")]
    assert {c.category for c in tagged} == {"missing_operation"}


def test_summaries_are_checked_for_composition(cases) -> None:
    members = family(cases, "summary")
    assert all("check:composed_summary" in c.tags for c in members)


def test_no_request_copies_a_request_the_authors_saw(cases) -> None:
    for path in SEEN_BY_AUTHORS:
        seen = [c.request for c in load_dataset(path)]
        assert seen, path
        assert near_copies(cases, seen, NEAR_COPY) == [], path.name


def test_requests_are_unique(cases) -> None:
    assert repeated_requests(cases) == []
