"""The benchmark datasets: counts, validity against the catalog, and the loader/checker itself."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from eval.dataset_stats import card_block, dataset_stats, format_markdown
from eval.datasets import (
    SCHEMA,
    AnyOf,
    DatasetError,
    check_dataset,
    load_dataset,
    scan_dataset,
    trigger_kind,
)
from indexing.catalog.load import load_catalog
from nodepilot.cli import main
from nodepilot.errors import UserError
from nodepilot.paths import DATASETS_DIR

BENCH = DATASETS_DIR / "bench"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def cases(catalog):
    return load_dataset(DATASETS_DIR, catalog=catalog)


# ---------------------------------------------------------------- the committed datasets


def test_counts_meet_the_issue(cases) -> None:
    by_intent = Counter(c.intent for c in cases)
    assert by_intent["workflow_request"] >= 400
    assert by_intent["question"] + by_intent["general_conversation"] >= 150
    assert by_intent["workflow_modification"] >= 40


def test_committed_datasets_pass_the_checker(catalog) -> None:
    assert [str(p) for p in check_dataset(DATASETS_DIR, catalog)] == []


def test_every_expected_node_type_is_in_the_catalog(cases, catalog) -> None:
    named = {t for c in cases if c.expected for t in c.expected.node_types()}
    assert len(named) > 100
    assert sorted(t for t in named if not catalog.has_type(t)) == []


def test_expected_triggers_are_trigger_nodes(cases, catalog) -> None:
    triggers = {t for c in cases if c.expected for t in c.expected.triggers}
    assert sorted(t for t in triggers if not catalog.is_trigger(t)) == []


def test_every_intent_has_all_splits_near_60_20_20(cases) -> None:
    """The bench's split policy; datasets/generalise is a held-out test-only set."""
    bench = [c for c in cases if Path(c.path).is_relative_to(BENCH)]
    for intent in ("workflow_request", "workflow_modification", "question", "general_conversation"):
        splits = Counter(c.split for c in bench if c.intent == intent)
        total = sum(splits.values())
        assert set(splits) == {"train", "dev", "test"}, intent
        for split, share in (("train", 0.6), ("dev", 0.2), ("test", 0.2)):
            assert abs(splits[split] / total - share) < 0.08, (intent, split, splits)


def test_authored_files_have_their_intents_and_conversations() -> None:
    conv = load_dataset(BENCH / "conversation.jsonl")
    mods = load_dataset(BENCH / "modifications.jsonl")
    assert {c.intent for c in conv} == {"question", "general_conversation"}
    assert {c.intent for c in mods} == {"workflow_modification"}
    assert len({c.request.lower() for c in conv}) == len(conv)
    assert sum(1 for c in conv if c.conversation) >= 10
    hard_negatives = [c for c in conv if c.category == "hard_negative"]
    assert len(hard_negatives) >= 20 and all(c.intent == "question" for c in hard_negatives)
    for case in mods:
        roles = [t.role for t in case.conversation]
        assert roles[0] == "user" and roles[-1] == "assistant", case.id
        assert case.source == "authored"


def test_filters_by_split_and_intent() -> None:
    dev = load_dataset(BENCH, split="dev", intent=["question"])
    assert dev and all(c.split == "dev" and c.intent == "question" for c in dev)
    with pytest.raises(UserError, match="unknown split"):
        load_dataset(BENCH, split="validation")


# ---------------------------------------------------------------- loader and checker

GOOD = {
    "id": "t-1",
    "request": "every hour post the weather to slack",
    "intent": "workflow_request",
    "expected": {
        "trigger": "n8n-nodes-base.scheduleTrigger",
        "required": [
            "n8n-nodes-base.slack",
            {"any_of": ["n8n-nodes-base.openWeatherMap", "n8n-nodes-base.httpRequest"]},
        ],
        "optional": ["n8n-nodes-base.set"],
        "edges": [["n8n-nodes-base.scheduleTrigger", "n8n-nodes-base.openWeatherMap"]],
    },
    "source": "authored",
    "difficulty": "easy",
    "split": "dev",
}
QUESTION = {
    "id": "t-2",
    "request": "what is an expression?",
    "intent": "question",
    "source": "authored",
    "difficulty": "easy",
    "split": "train",
}


def _write(path: Path, *lines: object) -> Path:
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _problem_at(path: Path, line: int, catalog, fragment: str) -> None:
    problems = check_dataset(path, catalog)
    assert any(
        p.path == str(path) and p.line == line and fragment in p.message for p in problems
    ), problems
    with pytest.raises(DatasetError) as info:
        load_dataset(path, catalog=catalog)
    assert f"{path}:{line}:" in info.value.message


def test_good_case_loads_with_types(tmp_path, catalog) -> None:
    path = _write(tmp_path / "a.jsonl", GOOD, "", QUESTION)
    good, question = load_dataset(path, catalog=catalog)
    assert good.expected is not None and good.line == 1 and question.line == 3
    assert good.expected.required[1] == AnyOf(
        ("n8n-nodes-base.openWeatherMap", "n8n-nodes-base.httpRequest")
    )
    assert good.trigger_kind == "schedule" and good.uses_ai is False
    assert question.expected is None and question.trigger_kind is None


def test_broken_json_line_names_file_and_line(tmp_path, catalog) -> None:
    path = _write(tmp_path / "a.jsonl", GOOD, '{"id": "t-3", "request": ')
    _problem_at(path, 2, catalog, "broken JSON")


def test_duplicate_id_across_files(tmp_path, catalog) -> None:
    _write(tmp_path / "a.jsonl", GOOD)
    second = _write(tmp_path / "b.jsonl", QUESTION, {**QUESTION, "id": "t-1"})
    problems = check_dataset(tmp_path, catalog)
    assert [(p.path, p.line) for p in problems] == [(str(second), 2)]
    assert "duplicate id 't-1'" in problems[0].message and "a.jsonl:1" in problems[0].message
    with pytest.raises(DatasetError, match=r"b\.jsonl:2: duplicate id"):
        load_dataset(tmp_path)


def test_unknown_node_type_with_suggestion(tmp_path, catalog) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["expected"]["required"][0] = "n8n-nodes-base.slak"
    path = _write(tmp_path / "a.jsonl", QUESTION, bad)
    _problem_at(path, 2, catalog, "unknown node type 'n8n-nodes-base.slak'")
    assert "n8n-nodes-base.slack" in check_dataset(path, catalog)[0].message
    assert check_dataset(path) == []  # without a catalog, types are not checked


def test_bad_intent_split_difficulty(tmp_path, catalog) -> None:
    path = _write(
        tmp_path / "a.jsonl",
        {**QUESTION, "intent": "chitchat"},
        {**QUESTION, "id": "t-3", "split": "validation"},
        {**QUESTION, "id": "t-4", "difficulty": "trivial"},
    )
    _problem_at(path, 1, catalog, 'intent: "chitchat" is not one of')
    _problem_at(path, 2, catalog, "split")
    _problem_at(path, 3, catalog, "difficulty")


def test_missing_fields_and_misplaced_expected(tmp_path, catalog) -> None:
    no_expected = {k: v for k, v in GOOD.items() if k != "expected"}
    path = _write(
        tmp_path / "a.jsonl",
        {k: v for k, v in QUESTION.items() if k != "source"},
        {**no_expected, "id": "t-5"},
        {**QUESTION, "id": "t-6", "expected": GOOD["expected"]},
        {**GOOD, "id": "t-7", "intent": "workflow_modification"},
        {**QUESTION, "id": "t-8", "surprise": 1},
        [1, 2],
    )
    _problem_at(path, 1, catalog, "missing required field(s) 'source'")
    _problem_at(path, 2, catalog, "needs an 'expected'")
    _problem_at(path, 3, catalog, "must not have 'expected'")
    _problem_at(path, 4, catalog, "needs the prior 'conversation'")
    _problem_at(path, 5, catalog, "surprise")
    _problem_at(path, 6, catalog, "must be a JSON object")


def test_edge_endpoints_must_be_in_the_skeleton(tmp_path, catalog) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["expected"]["edges"].append(["n8n-nodes-base.slack", "n8n-nodes-base.gmail"])
    path = _write(tmp_path / "a.jsonl", bad)
    _problem_at(path, 1, catalog, "n8n-nodes-base.gmail is not the trigger")


def test_invalid_utf8_and_missing_path(tmp_path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps(QUESTION).encode() + b"\n\xff\xfe\n")
    assert [(p.line, p.message) for p in check_dataset(path)] == [(2, "not valid UTF-8 at byte 0")]
    with pytest.raises(UserError, match="not found"):
        check_dataset(tmp_path / "missing")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UserError, match="no .jsonl files"):
        check_dataset(empty)


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_trigger_kinds() -> None:
    assert trigger_kind("n8n-nodes-base.webhook") == "webhook"
    assert trigger_kind("@n8n/n8n-nodes-langchain.chatTrigger") == "chat"
    assert trigger_kind("n8n-nodes-base.gmailTrigger") == "app"
    assert trigger_kind("n8n-nodes-base.executeWorkflowTrigger") == "subworkflow"
    assert trigger_kind("n8n-nodes-base.slack") == "other"


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)
_mutated = st.builds(
    lambda key, value, drop: json.dumps(
        {k: v for k, v in {**GOOD, key: value}.items() if k != drop}
    ),
    st.sampled_from([*GOOD, "expected", "conversation", "tags", "x"]),
    _json,
    st.sampled_from([None, *GOOD]),
)
_lines = st.lists(
    st.one_of(st.text(max_size=60), _json.map(json.dumps), _mutated, st.just(json.dumps(GOOD))),
    max_size=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_lines, raw=st.binary(max_size=40))
def test_loader_raises_only_its_own_error(lines, raw, catalog) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.jsonl"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n" + raw)
        try:
            loaded = load_dataset(path, catalog=catalog)
        except DatasetError as exc:
            assert exc.problems and all(p.path == str(path) for p in exc.problems)
            return
        good, problems = scan_dataset(path, catalog)
        assert problems == [] and loaded == good


# ---------------------------------------------------------------- CLI and stats


def _run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_cli_check_exit_codes(tmp_path, capsys) -> None:
    good = _write(tmp_path / "good.jsonl", GOOD, QUESTION)
    bad = _write(tmp_path / "bad.jsonl", {**QUESTION, "intent": "chitchat"})
    assert _run(capsys, "eval", "datasets", "check", str(good))[0] == 0
    code, out, _ = _run(capsys, "eval", "datasets", "check", str(bad))
    assert code == 1 and out.startswith(f"{bad}:1: intent")
    code, _, err = _run(capsys, "eval", "datasets", "check", str(tmp_path / "nope.jsonl"))
    assert code == 2 and "not found" in err


def test_cli_stats_json_matches_loader(capsys) -> None:
    code, out, _ = _run(capsys, "eval", "datasets", "stats", str(BENCH), "--format", "json")
    stats = json.loads(out)
    cases = load_dataset(BENCH)
    assert code == 0 and stats["total"] == len(cases)
    assert stats["by_intent"] == dict(Counter(c.intent for c in cases))
    assert sum(stats["by_trigger_kind"].values()) == sum(1 for c in cases if c.expected)


def test_markdown_card_has_the_tables() -> None:
    text = format_markdown(dataset_stats(load_dataset(BENCH / "modifications.jsonl")))
    assert "| workflow_modification |" in text and "#### Workflow cases by AI use" in text


def test_trigger_must_be_a_trigger_node(tmp_path, catalog) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["expected"]["trigger"] = "n8n-nodes-base.slack"
    bad["expected"]["edges"] = []
    path = _write(tmp_path / "a.jsonl", bad)
    _problem_at(path, 1, catalog, "'n8n-nodes-base.slack' is not a trigger node")


def test_readme_card_matches_the_data(cases) -> None:
    text = (DATASETS_DIR / "README.md").read_text(encoding="utf-8")
    expected = format_markdown(dataset_stats(cases)).strip("\n")
    assert card_block(text) == expected, (
        "datasets/README.md is stale: run "
        "`nodepilot eval datasets stats datasets/ --update-card datasets/README.md`"
    )


def test_update_card_rewrites_only_the_block(tmp_path, capsys) -> None:
    card = tmp_path / "card.md"
    card.write_text("# Card\n<!-- stats:begin -->\nold\n<!-- stats:end -->\ntail\n")
    args = ["eval", "datasets", "stats", str(BENCH / "modifications.jsonl")]
    assert _run(capsys, *args, "--update-card", str(card))[0] == 0
    text = card.read_text()
    assert text.startswith("# Card\n") and text.endswith("<!-- stats:end -->\ntail\n")
    assert "old" not in text and "| workflow_modification |" in card_block(text)
    plain = tmp_path / "plain.md"
    plain.write_text("no markers")
    code, _, err = _run(capsys, *args, "--update-card", str(plain))
    assert code == 2 and "no <!-- stats:begin -->" in err


def test_cli_prints_the_schema(capsys) -> None:
    code, out, _ = _run(capsys, "eval", "datasets", "schema")
    assert code == 0 and json.loads(out) == SCHEMA


# ---------------------------------------------------------------- reference ids and retrieval


def test_reference_ids_list_every_non_authored_source(cases) -> None:
    from indexing.corpus import load_reference_ids

    sources = {c.source for c in cases if c.source != "authored"}
    assert len(sources) >= 400
    assert sorted(sources - load_reference_ids()) == []


def test_no_reference_workflow_in_the_retrieval_corpus() -> None:
    """The template documents the indexer embeds hold no reference, not even under another id."""
    from indexing.corpus import iter_corpus, load_reference_ids, templates_dir
    from indexing.sources import template_docs

    if not templates_dir().is_dir():
        pytest.skip("third-party templates not present (../shared/data)")
    refs = load_reference_ids()
    records = {r.source_id: r for r in iter_corpus(include_duplicates=True)}
    assert refs <= set(records), "a reference id names no workflow in the corpus"
    ref_hashes = {records[i].content_hash for i in refs}
    keys = {doc.key for doc in template_docs() if doc.kind == "template"}
    assert keys & refs == set()
    leaked = sorted(k for k in keys if k in records and records[k].content_hash in ref_hashes)
    assert leaked == [], "a structural copy of a reference is still retrievable"
