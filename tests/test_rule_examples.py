"""Every registered rule of the spec builder and the modifier, shown at work on requests of
ours: each rule has an entry in its examples table (``TRIGGER_RULE_EXAMPLES``,
``SPEC_RULE_EXAMPLES``, ``FINISH_RULE_EXAMPLES``, ``CHANGE_RULE_EXAMPLES``), and leaving the
rule out changes the output for each of its examples, so the example really exercises it (an
ablation check, one rule at a time)."""

from __future__ import annotations

from typing import Any

import pytest

from engine.offline import OfflineGenerator
from engine.offline.modify import CHANGE_RULE_EXAMPLES, CHANGE_RULES
from engine.rules import Rules
from engine.spec import (
    FINISH_RULE_EXAMPLES,
    FINISH_RULES,
    SPEC_RULE_EXAMPLES,
    SPEC_RULES,
    TRIGGER_RULE_EXAMPLES,
    TRIGGER_RULES,
    build_spec,
)


def _names(rules: Rules[Any]) -> list[str]:
    return [r.__name__ for r in rules]


@pytest.mark.parametrize(
    ("rules", "table"),
    [
        (TRIGGER_RULES, TRIGGER_RULE_EXAMPLES),
        (SPEC_RULES, SPEC_RULE_EXAMPLES),
        (FINISH_RULES, FINISH_RULE_EXAMPLES),
        (CHANGE_RULES, CHANGE_RULE_EXAMPLES),
    ],
    ids=["trigger", "spec", "finish", "change"],
)
def test_every_registered_rule_has_examples(rules: Rules[Any], table: dict[str, Any]) -> None:
    assert sorted(table) == sorted(_names(rules))
    assert all(table[name] for name in table)


@pytest.mark.parametrize(
    "rules", [TRIGGER_RULES, SPEC_RULES, FINISH_RULES, CHANGE_RULES], ids=lambda r: r.kind
)
def test_every_rule_says_what_it_is_for(rules: Rules[Any]) -> None:
    for rule in rules:
        assert rule.__doc__ and len(rule.__doc__.split()) >= 6, rule.__name__


def test_rules_run_until_the_first_answer() -> None:
    seen: list[str] = []
    toy: Rules[list[str]] = Rules("toy rule")

    @toy.register
    def silent(d: list[str]) -> None:
        seen.append("silent")

    @toy.register
    def answers(d: list[str]) -> None:
        seen.append("answers")
        d.append("yes")

    @toy.register
    def too_late(d: list[str]) -> None:
        seen.append("too_late")

    answer: list[str] = []
    toy.run(answer, until=bool)
    assert (seen, answer) == (["silent", "answers"], ["yes"])
    assert _names(TRIGGER_RULES)[-1] == "start_from_words"  # the rule that always answers


def test_leaving_out_an_unknown_rule_is_refused() -> None:
    with pytest.raises(KeyError), SPEC_RULES.without("no_such_rule"):
        pass


def test_the_registry_is_whole_again_after_an_ablation() -> None:
    before = _names(SPEC_RULES)
    with SPEC_RULES.without("ai_root"):
        assert "ai_root" not in _names(SPEC_RULES)
    assert _names(SPEC_RULES) == before


_SPEC_CASES = [
    (rules, name, text)
    for rules, table in (
        (TRIGGER_RULES, TRIGGER_RULE_EXAMPLES),
        (SPEC_RULES, SPEC_RULE_EXAMPLES),
        (FINISH_RULES, FINISH_RULE_EXAMPLES),
    )
    for name, texts in table.items()
    for text in texts
]


@pytest.mark.parametrize(
    ("rules", "rule", "text"), _SPEC_CASES, ids=[n for _r, n, _t in _SPEC_CASES]
)
def test_each_spec_rule_changes_the_spec_of_its_examples(
    rules: Rules[Any], rule: str, text: str
) -> None:
    whole = build_spec(text)
    with rules.without(rule):
        assert build_spec(text) != whole


_CHANGE_CASES = [
    (name, first, change) for name, pairs in CHANGE_RULE_EXAMPLES.items() for first, change in pairs
]


@pytest.fixture(scope="module")
def generator() -> OfflineGenerator:
    return OfflineGenerator()


@pytest.mark.parametrize(
    ("rule", "first", "change"), _CHANGE_CASES, ids=[n for n, _f, _c in _CHANGE_CASES]
)
def test_each_change_rule_changes_the_workflow_of_its_examples(
    rule: str, first: str, change: str, generator: OfflineGenerator
) -> None:
    previous = generator.generate(build_spec(first))
    whole = generator.generate(build_spec(change), previous=previous)
    with CHANGE_RULES.without(rule):
        assert generator.generate(build_spec(change), previous=previous) != whole
