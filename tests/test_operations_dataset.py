"""The operations set (datasets/operations): labels of *which* operation and *which* event.

Why: a label that names a value n8n's node does not offer (a typo, a value of an older node
version, a resource the operation does not belong to) would score every output 0 on that step,
silently. So every label is checked here against the node's default version in the catalog,
by a route independent of the dataset checker's (option lists and ``show.resource`` read
directly), next to the checker itself. The set must also stay our own text: no request may be a
near-copy of a request of another dataset (compared in code, never read).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from holdout_support import NEAR_COPY, near_copies, repeated_requests

from eval.datasets import check_dataset, load_dataset
from eval.datasets_labels import CATCH_ALL_EVENTS
from indexing.catalog.load import load_catalog
from nodepilot.paths import DATASETS_DIR

SET = DATASETS_DIR / "operations"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def cases():
    return load_dataset(SET)


def _entry(catalog, node_type: str):
    return catalog.get(node_type, catalog.default_version(node_type))


def _values(prop) -> set:
    return {o.value for o in prop.option_values}


def _shown_for(prop, name: str) -> list | None:
    """The values of ``name`` that ``prop``'s displayOptions.show requires (None: any)."""
    show = (prop.display_options or {}).get("show") or {}
    return show.get(name)


def test_the_checker_finds_nothing(catalog) -> None:
    assert check_dataset(SET, catalog) == []


def test_ids_split_source_and_intent(cases) -> None:
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    assert ids == [f"op-{n:03d}" for n in range(1, len(ids) + 1)]
    assert {c.split for c in cases} == {"test"}
    assert {c.source for c in cases} == {"authored"}
    assert {c.intent for c in cases} == {"workflow_request"}
    assert len(cases) >= 80


def test_every_case_labels_an_operation_or_an_event(cases) -> None:
    assert [c.id for c in cases if not (c.expected.operations or c.expected.trigger_events)] == []


def test_every_operation_exists_in_the_nodes_default_version(cases, catalog) -> None:
    bad = []
    for case in cases:
        for label in case.expected.operations:
            for choice in label.options:
                entry = _entry(catalog, choice.type)
                resources = set().union(*(_values(p) for p in entry.property_named("resource")))
                if choice.resource is not None and choice.resource not in resources:
                    bad.append((case.id, choice))
                    continue
                if choice.resource is None and len(resources) > 1:
                    bad.append((case.id, choice))
                    continue
                offered = set()
                for prop in entry.property_named("operation"):
                    wanted = _shown_for(prop, "resource")
                    if wanted is None or choice.resource in wanted:
                        offered |= _values(prop)
                if choice.operation not in offered:
                    bad.append((case.id, choice))
    assert bad == []


def test_every_event_exists_in_the_triggers_event_parameter(cases, catalog) -> None:
    bad = []
    for case in cases:
        events = set(case.expected.trigger_events)
        if not events:
            continue
        entry = _entry(catalog, case.expected.trigger)
        pools: dict[str, set] = {}
        for path, prop in entry.iter_properties():
            pools.setdefault(path, set()).update(_values(prop))
        if events & CATCH_ALL_EVENTS or not any(events <= pool for pool in pools.values()):
            bad.append(case.id)
    assert bad == []


def test_events_are_labelled_only_on_app_triggers(cases, catalog) -> None:
    labelled = [c for c in cases if c.expected.trigger_events]
    assert [c.id for c in labelled if c.trigger_kind != "app"] == []
    assert len(labelled) >= 20
    assert len({c.expected.trigger for c in labelled}) >= 15


def test_operation_types_are_in_the_skeleton(cases) -> None:
    bad = []
    for case in cases:
        named = case.expected.node_types()
        for label in case.expected.operations:
            bad += [(case.id, o.type) for o in label.options if o.type not in named]
    assert bad == []


def test_many_apps_and_verbs(cases) -> None:
    types = {o.type for c in cases for label in c.expected.operations for o in label.options}
    verbs = Counter(o.operation for c in cases for lb in c.expected.operations for o in lb.options)
    assert len(types) >= 40
    for verb in (
        "create",
        "update",
        "delete",
        "getAll",
        "send",
        "post",
        "reply",
        "upload",
        "download",
        "share",
        "archive",
        "add",
        "remove",
        "addLabels",
    ):
        assert verbs[verb] >= 1, verb


def test_requests_are_unique(cases) -> None:
    assert repeated_requests(cases) == []


def _other_requests() -> list[str]:
    """Every request of the other datasets (read in code only, never shown)."""
    texts = []
    for path in sorted(Path(DATASETS_DIR).rglob("*.jsonl")):
        if SET in path.parents:
            continue
        texts += [c.request for c in load_dataset(path)]
    return texts


def test_no_request_copies_a_request_of_another_set(cases) -> None:
    others = _other_requests()
    assert len(others) > 1000
    assert near_copies(cases, others, NEAR_COPY) == []


def test_the_readme_states_the_size(cases) -> None:
    readme = (SET / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\b{len(cases)} requests\b", readme)


# ---------------------------------------------------------------- the checker on bad labels


def _problems(tmp_path, expected_extra: dict, catalog) -> list[str]:
    """The checker's messages for one case whose ``expected`` gets ``expected_extra``."""
    case = {
        "id": "op-x",
        "request": "when a payment fails in stripe tell slack",
        "intent": "workflow_request",
        "source": "authored",
        "difficulty": "easy",
        "split": "test",
        "expected": {
            "trigger": "n8n-nodes-base.stripeTrigger",
            "required": ["n8n-nodes-base.slack"],
            **expected_extra,
        },
    }
    path = tmp_path / "case.jsonl"
    path.write_text(json.dumps(case) + "\n", encoding="utf-8")
    return [p.message for p in check_dataset(path, catalog)]


SLACK_POST = {"type": "n8n-nodes-base.slack", "resource": "message", "operation": "post"}


def test_good_labels_pass_the_checker(tmp_path, catalog) -> None:
    good = {"operations": [SLACK_POST], "trigger_events": ["charge.failed"]}
    assert _problems(tmp_path, good, catalog) == []


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ({"operations": [{"type": "n8n-nodes-base.slack"}]}, "expected.operations[0]"),
        ({"operations": [{"any_of": [SLACK_POST]}]}, "expected.operations[0]"),
        ({"operations": [{**SLACK_POST, "resource": "mesage"}]}, "no resource 'mesage'"),
        ({"operations": [{**SLACK_POST, "operation": "send"}]}, "no operation 'send'"),
        ({"operations": [{**SLACK_POST, "resource": "file"}]}, "for resource 'file'"),
        ({"operations": [{"type": "n8n-nodes-base.slack", "operation": "post"}]}, "name one"),
        (
            {"operations": [{**SLACK_POST, "type": "n8n-nodes-base.discord"}]},
            "not a required/optional node",
        ),
        ({"trigger_events": ["charge.faild"]}, "offers all of charge.faild"),
        ({"trigger_events": ["*"]}, "catch-all"),
        ({"trigger_events": []}, "expected.trigger_events"),
    ],
)
def test_the_checker_names_each_bad_label(tmp_path, catalog, extra, says) -> None:
    messages = _problems(tmp_path, extra, catalog)
    assert any(says in m for m in messages), messages


class _NamesOnly:
    """A catalog stand-in that knows type names only (what older callers pass)."""

    def __init__(self, catalog) -> None:
        self._catalog = catalog

    def has_type(self, name: str) -> bool:
        return self._catalog.has_type(name)


def test_a_names_only_catalog_skips_the_value_checks(tmp_path, catalog) -> None:
    wrong_value = {"operations": [{**SLACK_POST, "operation": "send"}]}
    assert _problems(tmp_path, wrong_value, _NamesOnly(catalog)) == []
