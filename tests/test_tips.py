"""Workflow tips: the committed seed set is complete and valid, and the loader reports bad files."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexing.tips import CATEGORIES, TIPS_DIR, Tip, TipsError, load_tip_file, load_tips
from nodepilot.paths import shared_data_dir

REQUIRED_CATEGORIES = {
    "expressions",
    "branching",
    "loops",
    "errors",
    "webhooks",
    "schedules",
    "credentials",
    "pagination",
    "ai-agents",
    "rag",
    "code",
    "sub-workflows",
    "data-transformation",
    "forms",
    "chat-trigger",
}


@cache
def known_node_types() -> frozenset[str]:
    """Node type names from the distilled catalog, or the raw npm catalog as a fallback."""
    try:
        from indexing.catalog.load import load_catalog
    except ImportError:
        load_catalog = None
    if load_catalog is not None:
        return frozenset(load_catalog().types())
    names: set[str] = set()
    catalog = shared_data_dir() / "n8n" / "catalog"
    for folder, prefix in (
        ("n8n-nodes-base-2.41.2", "n8n-nodes-base."),
        ("n8n-nodes-langchain-2.41.1", "@n8n/n8n-nodes-langchain."),
    ):
        path = catalog / folder / "nodes.json"
        if not path.exists():
            pytest.skip(f"no node catalog available ({path} missing)")
        names.update(prefix + entry["name"] for entry in json.loads(path.read_text()))
    return frozenset(names)


@pytest.fixture(scope="module")
def tips() -> list[Tip]:
    return load_tips()


def test_at_least_138_tips_with_unique_ids(tips: list[Tip]) -> None:
    assert len(tips) >= 138
    ids = [t.id for t in tips]
    assert len(ids) == len(set(ids))


def test_categories_known_and_each_required_one_has_five(tips: list[Tip]) -> None:
    assert REQUIRED_CATEGORIES <= set(CATEGORIES)
    counts = {c: 0 for c in CATEGORIES}
    for tip in tips:
        assert tip.category in CATEGORIES, tip.id
        counts[tip.category] += 1
    thin = {c: n for c, n in counts.items() if c in REQUIRED_CATEGORIES and n < 5}
    assert not thin, f"categories with fewer than 5 tips: {thin}"


def test_every_node_type_exists_in_catalog(tips: list[Tip]) -> None:
    known = known_node_types()
    unknown = {(t.id, nt) for t in tips for nt in t.node_types if nt not in known}
    assert not unknown
    # The loader's own check agrees when given the catalog.
    assert len(load_tips(known_node_types=known)) == len(tips)


def test_bodies_are_short_paragraphs(tips: list[Tip]) -> None:
    for tip in tips:
        sentences = [s for s in re.split(r"[.!?](?:\s+|$)", tip.body) if s.strip()]
        assert 2 <= len(sentences) <= 7, (tip.id, len(sentences))
        assert tip.title and len(tip.title) <= 100, tip.id


def test_no_removed_or_legacy_values_recommended(tips: list[Tip]) -> None:
    """Tips must be right for n8n 2.x: no Start node, no Code language "python"."""
    for tip in tips:
        assert "n8n-nodes-base.start" not in tip.node_types
        assert 'language "python"' not in tip.body or "gone" in tip.body, tip.id


def test_tips_are_one_category_per_file(tips: list[Tip]) -> None:
    for tip in tips:
        assert tip.source == f"{tip.category}.toml", (tip.id, tip.source)


def test_content_hash_is_stable_and_sensitive(tips: list[Tip]) -> None:
    first = tips[0]
    again = load_tips()[0]
    assert first.content_hash == again.content_hash
    assert len({t.content_hash for t in tips}) == len(tips)
    edited = Tip(**{**first.__dict__, "body": first.body + " More."})
    bumped = Tip(**{**first.__dict__, "version": first.version + 1})
    assert edited.content_hash != first.content_hash
    assert bumped.content_hash != first.content_hash
    assert first.id in first.embedding_text or first.title in first.embedding_text


# --- loader errors --------------------------------------------------------------------------

GOOD = """
[[tip]]
id = "{id}"
category = "loops"
title = "A title"
body = "One sentence. Two sentences."
node_types = ["n8n-nodes-base.splitInBatches"]
version = 1
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_reads_a_good_file(tmp_path: Path) -> None:
    write(tmp_path, "loops.toml", GOOD.format(id="good-one"))
    [tip] = load_tips(tmp_path)
    assert tip.id == "good-one" and tip.source == "loops.toml" and tip.tags == ()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("version = 1\n", "", "missing field 'version'"),
        ('category = "loops"', 'category = "loopz"', "unknown category 'loopz'"),
        ('"n8n-nodes-base.splitInBatches"', '"splitInBatches"', "not a full type name"),
        ('node_types = ["n8n-nodes-base.splitInBatches"]', "node_types = []", "at least one"),
        ('body = "One sentence. Two sentences."', 'body = "  "', "'body' must be a non-empty"),
        ("version = 1", 'version = "1"', "'version' must be an integer"),
        ("version = 1", "version = 0", "'version' must be an integer >= 1"),
        ('title = "A title"', 'title = "A title"\ntitel = "typo"', "unknown field(s) 'titel'"),
        ('id = "broken-tip"', 'id = "broken-tip"\ntags = "x"', "'tags' must be a list"),
        ('id = "broken-tip"', 'id = "broken-tip"\n[[other]]\nx = 1', "unexpected top-level"),
    ],
)
def test_loader_errors_name_file_and_tip(tmp_path: Path, old: str, new: str, expected: str) -> None:
    text = GOOD.format(id="broken-tip")
    assert old in text
    write(tmp_path, "bad.toml", text.replace(old, new, 1))
    with pytest.raises(TipsError) as info:
        load_tips(tmp_path)
    message = str(info.value)
    assert message.startswith("bad.toml") and expected in message
    if "top-level" not in expected:
        assert "broken-tip" in message


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", GOOD.format(id="same-id"))
    write(tmp_path, "b.toml", GOOD.format(id="same-id"))
    with pytest.raises(
        TipsError, match=r"b\.toml: tip 'same-id': duplicate id \(also in a\.toml\)"
    ):
        load_tips(tmp_path)


def test_unknown_node_type_against_catalog(tmp_path: Path) -> None:
    write(tmp_path, "x.toml", GOOD.format(id="ghost-node"))
    with pytest.raises(TipsError, match=r"x\.toml: tip 'ghost-node': unknown node type"):
        load_tips(tmp_path, known_node_types={"n8n-nodes-base.if"})


def test_invalid_toml_and_missing_folder(tmp_path: Path) -> None:
    write(tmp_path, "broken.toml", "[[tip]\nid = ")
    with pytest.raises(TipsError, match=r"broken\.toml: invalid TOML"):
        load_tips(tmp_path)
    with pytest.raises(TipsError, match="tips folder not found"):
        load_tips(tmp_path / "nope")


def test_missing_id_is_reported_by_position(tmp_path: Path) -> None:
    write(tmp_path, "anon.toml", GOOD.format(id="x").replace('id = "x"\n', ""))
    with pytest.raises(TipsError, match=r"anon\.toml: tip '#1': missing field 'id'"):
        load_tips(tmp_path)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_loader_never_crashes_on_arbitrary_text(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "fuzz.toml", text)
    try:
        result = load_tip_file(path)
    except TipsError as exc:
        assert str(exc).startswith("fuzz.toml")
    else:
        assert all(isinstance(t, Tip) for t in result)


toml_values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-5, max_value=5),
    st.booleans(),
    st.lists(st.text(max_size=20), max_size=3),
)


def toml_literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_literal(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(
            ["id", "category", "title", "body", "node_types", "version", "tags", "extra"]
        ),
        toml_values,
    )
)
def test_loader_judges_any_table_without_crashing(tmp_path: Path, fields: dict) -> None:
    text = "[[tip]]\n" + "".join(f"{k} = {toml_literal(v)}\n" for k, v in fields.items())
    path = write(tmp_path, "prop.toml", text)
    try:
        [tip] = load_tip_file(path)
    except TipsError as exc:
        assert str(exc).startswith("prop.toml")
    else:
        assert tip.category in CATEGORIES and tip.version >= 1 and tip.node_types


def test_default_folder_is_seeds_tips() -> None:
    assert TIPS_DIR.name == "tips" and TIPS_DIR.parent.name == "seeds"
    assert REQUIRED_CATEGORIES <= {p.stem for p in TIPS_DIR.glob("*.toml")}
