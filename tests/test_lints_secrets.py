"""Property tests for the hardcoded-secret detector: stable on any JSON, never echoes a value."""

from __future__ import annotations

import json
import string
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.validation.secrets import (
    SCANNED_TYPES,
    find_hardcoded_secrets,
    is_credential_name,
    is_placeholder,
    literal_parts,
)
from engine.validation.validator import validate_workflow
from tests.lints_support import BASE, code_workflow, headers, http_workflow, set_workflow

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)
#: Secrets made only of characters that never occur in our messages' fixed words.
TOKENS = st.text(alphabet=string.ascii_letters + string.digits, min_size=24, max_size=48).filter(
    lambda t: any(c.isdigit() for c in t) and any(c.isalpha() for c in t)
)
REASONS_PREFIXES = ("a ", "an ")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.sampled_from(sorted(SCANNED_TYPES)), JSON)
def test_detector_is_stable_on_arbitrary_parameters(node_type: str, params: Any) -> None:
    first = find_hardcoded_secrets(node_type, params)
    assert first == find_hardcoded_secrets(node_type, params)
    for hit in first:
        assert hit.path.startswith("parameters")
        assert hit.reason.startswith(REASONS_PREFIXES)


@SETTINGS
@given(JSON)
def test_validator_with_lints_never_raises_on_arbitrary_node_parameters(params: Any) -> None:
    for doc in (http_workflow({}), code_workflow(""), set_workflow()):
        doc["nodes"][1]["parameters"] = params
        first = validate_workflow(doc, "strict").to_dict()
        assert first == validate_workflow(doc, "strict").to_dict()


def _texts(doc: dict[str, Any]) -> str:
    report = validate_workflow(doc, "runtime")
    return json.dumps(
        [[f.message, f.suggestion, f.path] for f in report.findings], ensure_ascii=False
    )


@SETTINGS
@given(TOKENS, st.sampled_from(["Bearer {}", "sk-{}", "{}"]), JSON)
def test_header_secret_is_found_and_never_echoed(token: str, shape: str, noise: Any) -> None:
    value = shape.format(token)
    doc = http_workflow(headers(("Authorization", value), ("X-Noise", json.dumps(noise)[:60])))
    report = validate_workflow(doc, "runtime")
    assert "hardcoded_credential" in report.codes()
    assert token not in _texts(doc)


@SETTINGS
@given(TOKENS, st.sampled_from(["apiKey", "api_key", "clientSecret", "password", "accessToken"]))
def test_code_secret_is_found_and_never_echoed(token: str, name: str) -> None:
    doc = code_workflow(f'const {name} = "{token}";\nreturn [];')
    assert "hardcoded_credential" in validate_workflow(doc, "runtime").codes()
    assert token not in _texts(doc)


@SETTINGS
@given(TOKENS, st.sampled_from(["api_key", "Password", "x-api-key", "access token"]))
def test_set_secret_is_found_and_never_echoed(token: str, name: str) -> None:
    doc = set_workflow((name, token))
    assert "set_credential_field" in validate_workflow(doc, "runtime").codes()
    assert token not in _texts(doc)


@SETTINGS
@given(TOKENS)
def test_expressions_are_not_secrets(token: str) -> None:
    doc = http_workflow(headers(("Authorization", "={{ $env['" + token + "'] }}")))
    assert (
        not {"hardcoded_credential", "credential_like_field"}
        & validate_workflow(doc, "runtime").codes()
    )


@given(st.text(max_size=60))
def test_literal_parts_drops_only_expression_segments(text: str) -> None:
    out = literal_parts(text)
    assert len(out) <= len(text) + text.count("{{")
    if "{{" not in text:
        assert out == text


def test_credential_names() -> None:
    for name in ["Authorization", "X-API-Key", "api_key", "client_secret", "token", "xi-api-key"]:
        assert is_credential_name(name), name
    for name in ["max_tokens", "keyword", "Content-Type", "tokenizer", "author", "", None, 3]:
        assert not is_credential_name(name), name


def test_placeholders_are_words_not_letters_inside_a_key() -> None:
    for value in ["YOUR_API_KEY", "glpat-xxxxxxxx", "<token>", "[REDACTED]", "{{your key}}"]:
        assert is_placeholder(value), value
    # found by the property above: a random key that happens to hold "xXx" or "Your"
    for value in ["ijJlAybxswXKWbpL6axXXxvfKR", "abcYourdef1234567"]:
        assert not is_placeholder(value), value


def test_scanned_types_include_the_http_tool_variant() -> None:
    assert BASE + "httpRequestTool" in SCANNED_TYPES
