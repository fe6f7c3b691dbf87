"""JavaScript value semantics (indexing.catalog.jsvalues): the one place n8n's coercions are
written, checked against what JavaScript itself answers for each value."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexing.catalog.jsvalues import (
    MISSING,
    js_equal,
    js_index,
    js_keys,
    js_nullish,
    js_number,
    js_strict_equal,
    js_string,
    js_truthy,
    js_type,
    lodash_get,
    string_to_path,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@pytest.mark.parametrize(
    ("value", "truthy"),
    [
        (MISSING, False),
        (None, False),
        (False, False),
        (0, False),
        (0.0, False),
        (math.nan, False),
        ("", False),
        ("0", True),
        ([], True),
        ({}, True),
        (-1, True),
        (True, True),
    ],
)
def test_truthiness(value: Any, truthy: bool) -> None:
    assert js_truthy(value) is truthy


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("", 0.0),
        ("  12 ", 12.0),
        ("0x10", 16.0),
        ("0b11", 3.0),
        ("1e3", 1000.0),
        (None, 0.0),
        (True, 1.0),
        ([], 0.0),
        (["7"], 7.0),
        ("Infinity", math.inf),
    ],
)
def test_number(value: Any, number: float) -> None:
    assert js_number(value) == number


@pytest.mark.parametrize("value", ["abc", "1_000", "-0x10", MISSING, {}, [1, 2], "inf"])
def test_number_is_nan(value: Any) -> None:
    assert math.isnan(js_number(value))


def test_strings_and_types() -> None:
    assert js_string([1, None, [2, 3]]) == "1,,2,3"
    assert (
        js_string(2.0) == "2" and js_string(1e21) == "1e+21" and js_string({}) == "[object Object]"
    )
    assert [js_type(v) for v in (MISSING, None, True, 1, "", [], {})] == [
        "undefined",
        "null",
        "boolean",
        "number",
        "string",
        "array",
        "object",
    ]


def test_equality_is_strict_and_isequal_is_deep() -> None:
    assert not js_strict_equal(1, True) and js_strict_equal(1, 1.0) and js_strict_equal(None, None)
    assert not js_strict_equal([1], [1]) and not js_strict_equal(MISSING, None)
    assert js_equal({"a": [1, {"b": None}]}, {"a": [1, {"b": None}]})
    assert not js_equal({"a": 1}, {"a": True}) and js_equal(math.nan, math.nan)


def test_lodash_paths_and_indexing() -> None:
    assert string_to_path('a[0]["b.c"].d') == ["a", "0", "b.c", "d"]
    assert lodash_get({"a": {"b": [1, {"c": 2}]}}, "a.b[1].c") == 2
    assert lodash_get({"a.b": 1}, "a.b") == 1 and lodash_get(None, "a") is MISSING
    assert js_index([4, 5], "1") == 5 and js_index("ab", "length") == 2
    assert js_index({"x": 1}, "y") is MISSING and js_keys("ab") == ["0", "1"]
    assert js_nullish(None, 3) == 3 and js_nullish(0, 3) == 0 and js_nullish(MISSING, 3) == 3


@given(json_values)
def test_every_json_value_has_an_answer(value: Any) -> None:
    assert isinstance(js_truthy(value), bool) and isinstance(js_string(value), str)
    assert isinstance(js_number(value), float) and js_equal(value, value)
    assert js_strict_equal(value, value) or isinstance(value, list | dict) or value != value
