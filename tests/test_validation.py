"""Validator: one failing and one passing fixture per finding code, schema, inputs, reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from engine.validation import codes
from engine.validation.findings import json_path
from engine.validation.inputs import parse_text, records_from_path
from engine.validation.schema import fast_conforms, workflow_schema
from engine.validation.validator import validate_workflow

FIXTURES = Path(__file__).parent / "fixtures" / "validation"
INPUT_CODES = sorted(c for c, info in codes.CODES.items() if info.area == "input")
DOC_CODES = sorted(c for c, info in codes.CODES.items() if info.area != "input")
DOC_TABLE = Path(__file__).resolve().parent.parent / "docs" / "validation-codes.md"


def _fixture(code: str) -> dict:
    return json.loads((FIXTURES / f"{code}.json").read_text(encoding="utf-8"))


def _all_fixture_codes() -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob("*.json"))


def test_every_code_has_a_fixture_and_every_fixture_a_code() -> None:
    assert sorted(codes.CODES) == _all_fixture_codes()


@pytest.mark.parametrize("code", INPUT_CODES)
def test_input_code_fixture(code: str, tmp_path: Path) -> None:
    fx = _fixture(code)
    fail, ok = tmp_path / "fail.json", tmp_path / "pass.json"
    fail.write_text(fx["fail_text"], encoding="utf-8")
    ok.write_text(fx["pass_text"], encoding="utf-8")
    limit = 1024 if code == "input_too_large" else 20 * 1024 * 1024
    [bad] = list(records_from_path(fail, max_bytes=limit))
    [good] = list(records_from_path(ok, max_bytes=limit))
    assert bad.error_code == code and bad.error
    assert good.error_code is None
    assert validate_workflow(good.doc, fx["profile"]).valid


@pytest.mark.parametrize("code", DOC_CODES)
def test_code_fixture_fails_and_passes(code: str) -> None:
    fx = _fixture(code)
    profile = fx["profile"]
    failing = validate_workflow(fx["fail"], profile)
    passing = validate_workflow(fx["pass"], profile)
    assert code in failing.codes(), [f.code for f in failing.findings]
    assert code not in passing.codes()
    assert passing.valid, [f.to_dict() for f in passing.errors]
    severity = codes.CODES[code].severity(profile)
    assert {f.severity for f in failing.findings if f.code == code} == {severity}
    if severity == "error":
        assert not failing.valid


def test_findings_carry_node_path_message_and_fixability() -> None:
    fx = _fixture("parameter_option_invalid")
    [f] = [f for f in validate_workflow(fx["fail"], "runtime").findings]
    assert f.node == "Fetch"
    assert f.path == "$.nodes[1].parameters.method"
    assert "FETCH" in f.message and f.suggestion
    assert f.to_dict()["code"] == "parameter_option_invalid"


def test_runtime_profile_tolerates_what_n8n_tolerates() -> None:
    doc = _fixture("node_unreachable")["fail"]
    assert validate_workflow(doc, "runtime").valid
    assert not validate_workflow(doc, "strict").valid


def test_disabled_node_type_problems_are_warnings() -> None:
    doc = _fixture("unknown_node_type")["fail"]
    doc["nodes"][2]["disabled"] = True
    report = validate_workflow(doc, "runtime")
    assert report.valid
    assert "unknown_node_type" in report.codes("warning")


def test_unknown_profile_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        validate_workflow({}, "lenient")  # type: ignore[arg-type]


def test_code_table_doc_is_current() -> None:
    assert DOC_TABLE.read_text(encoding="utf-8") == codes.render_markdown()


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(workflow_schema())


@pytest.mark.parametrize("code", DOC_CODES)
def test_fast_path_never_accepts_what_the_schema_rejects(code: str) -> None:
    validator = Draft202012Validator(workflow_schema())
    for key in ("fail", "pass"):
        doc = _fixture(code)[key]
        if fast_conforms(doc):
            assert validator.is_valid(doc)


def test_json_path_quotes_non_identifiers() -> None:
    assert json_path("nodes", 3, "parameters") == "$.nodes[3].parameters"
    assert json_path("connections", "My node", "main") == '$.connections["My node"].main'


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "json_parse_error"),
        ("{", "json_parse_error"),
        ('{"a": NaN}', "json_parse_error"),
        ("\ufeff" + json.dumps({"nodes": [], "connections": {}}), None),
        ("[" * 100_000, "input_too_deep"),
        ('{"a":' * 300 + "1" + "}" * 300, "input_too_deep"),
    ],
)
def test_parse_text_turns_bad_json_into_findings(text: str, code: str | None) -> None:
    assert parse_text(text, "x").error_code == code


def test_json_array_and_scalars_are_structure_findings() -> None:
    for doc in ([], [{}], 3, "x", None, True):
        report = validate_workflow(doc, "runtime")
        assert not report.valid
        assert report.codes() == {"structure"}


def test_workflow_wrapper_is_unwrapped(tmp_path: Path) -> None:
    inner = _fixture("structure")["pass"]
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps({"file": "a", "workflow": inner}) + "\n\n" + "{bad\n")
    recs = list(records_from_path(path))
    assert [r.source.rsplit(":", 1)[1] for r in recs] == ["1", "3"]
    assert recs[0].doc == inner and recs[1].error_code == "json_parse_error"


def test_python_nan_position_is_rejected() -> None:
    doc = _fixture("structure")["pass"]
    doc["nodes"][0]["position"] = [float("nan"), 0]
    assert "node_position_invalid" in validate_workflow(doc, "runtime").codes("error")


def test_deep_python_object_returns_a_finding() -> None:
    doc = _fixture("structure")["pass"]
    deep: list = []
    cur = deep
    for _ in range(5000):
        nxt: list = []
        cur.append(nxt)
        cur = nxt
    doc["nodes"][1]["parameters"]["options"] = {"x": deep}
    report = validate_workflow(doc, "strict")
    assert isinstance(report.valid, bool)


def test_pathological_strings_do_not_hang() -> None:
    """Regexes over user text stay linear (a backtracking regex once took minutes here)."""
    import time

    doc = _fixture("structure")["pass"]
    doc["nodes"][1]["parameters"]["url"] = '={{ $("' + "\\\\" * 5000 + "x }}"
    doc["nodes"][1]["parameters"]["options"] = {"x": "{{ $" + "{" * 20000}
    start = time.perf_counter()
    report = validate_workflow(doc, "strict")
    assert time.perf_counter() - start < 2.0
    assert "expression_missing_prefix" in report.codes()


def test_filter_conditions_not_a_list_fails_the_node_check_like_n8n() -> None:
    """n8n 2.41 throws inside getNodeParametersIssues here (the oracle: parameter_check_failed)."""
    doc = _fixture("structure")["pass"]
    doc["nodes"][2] = {
        "id": "id-if",
        "name": "Done",
        "type": "n8n-nodes-base.if",
        "typeVersion": 2.2,
        "position": [440, 0],
        "parameters": {"conditions": {"conditions": "oops", "combinator": "and", "options": {}}},
    }
    report = validate_workflow(doc, "runtime")
    assert "parameter_invalid" in report.codes("error")
    doc["nodes"][2]["parameters"]["conditions"]["conditions"] = []
    assert validate_workflow(doc, "runtime").valid


def _one_node(node: dict) -> dict:
    return {
        "name": "r",
        "nodes": [
            {
                "id": "t",
                "name": "Start",
                "type": "n8n-nodes-base.manualTrigger",
                "typeVersion": 1,
                "position": [0, 0],
                "parameters": {},
            },
            {**node, "id": "n", "position": [200, 0]},
        ],
        "connections": {"Start": {"main": [[{"node": node["name"], "type": "main", "index": 0}]]}},
    }


_PG = {"postgres": {"id": "1", "name": "p"}}
_RL = {"__rl": True, "mode": "name"}

#: Disagreements found by differential fuzzing against the oracle (mutated real workflows);
#: each expectation is what the n8n oracle reported for this exact document.
FUZZ_REGRESSIONS = [
    (  # a falsy item of a multi-value fixedCollection is not resolved, but still checked
        {
            "name": "Sort",
            "type": "n8n-nodes-base.sort",
            "typeVersion": 1,
            "parameters": {"sortFieldsUi": {"sortField": [False]}},
        },
        "parameter_required_missing",
        "fieldName",
    ),
    (  # the display rule reads a parameter that resolution dropped: shown at check time
        {
            "name": "SQL",
            "type": "n8n-nodes-base.postgres",
            "typeVersion": 2.5,
            "parameters": {"resource": "", "operation": "executeQuery", "query": "select 1"},
            "credentials": _PG,
        },
        "parameter_required_missing",
        "schema",
    ),
    (  # JavaScript truthiness: required: {} is required
        {
            "name": "Insert",
            "type": "n8n-nodes-base.postgres",
            "typeVersion": 2.5,
            "parameters": {
                "schema": {**_RL, "value": "public"},
                "table": {**_RL, "value": "t"},
                "columns": {
                    "mappingMode": "defineBelow",
                    "value": {"a": "x"},
                    "schema": [{"id": "id", "type": "number", "required": {}}],
                },
            },
            "credentials": _PG,
        },
        "parameter_required_missing",
        "columns.id",
    ),
    (  # a non-string field type makes n8n's check throw
        {
            "name": "Insert",
            "type": "n8n-nodes-base.postgres",
            "typeVersion": 2.5,
            "parameters": {
                "schema": {**_RL, "value": "public"},
                "table": {**_RL, "value": "t"},
                "columns": {
                    "mappingMode": "defineBelow",
                    "value": {"a": "x"},
                    "schema": [{"id": "a", "type": 5, "required": False}],
                },
            },
            "credentials": _PG,
        },
        "parameter_invalid",
        "toLowerCase",
    ),
]


@pytest.mark.parametrize(("node", "code", "needle"), FUZZ_REGRESSIONS)
def test_fuzz_regressions_match_n8n(node: dict, code: str, needle: str) -> None:
    report = validate_workflow(_one_node(node), "runtime")
    assert not report.valid
    assert any(f.code == code and needle in f.message for f in report.errors), [
        f.to_dict() for f in report.errors
    ]
