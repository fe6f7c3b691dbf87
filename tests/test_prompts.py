"""Prompt files: loading, hashing, rendering and syncing into ``ai_prompts`` on the real server."""

from __future__ import annotations

import hashlib
import re
import shutil
import uuid
from pathlib import Path

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.prompts import (
    PROMPTS_DIR,
    PromptError,
    content_hash,
    get_prompt,
    load_prompts,
    parse_prompt,
    prompt_set_hash,
    reload_prompts,
    render,
    sync_prompts,
)
from eval.prompt_checks import EXPECTED_PROMPTS

#: The 13 names the seed lists; one list, kept where the prompt checks read it too.
EXPECTED = set(EXPECTED_PROMPTS)


def test_the_thirteen_prompts_load() -> None:
    prompts = load_prompts()
    assert set(prompts) == EXPECTED
    for name, prompt in prompts.items():
        assert prompt.path == PROMPTS_DIR / f"{name}.md"
        assert prompt.version >= 1 and len(prompt.description) > 20
        assert len(prompt.template) > 200, f"{name} is suspiciously short"
    assert prompts["workflow_generation"].variables == ()  # static: the cacheable prefix
    assert set(prompts["workflow_repair"].variables) == {"request", "workflow", "findings"}


def test_hashes_are_stable_and_match_the_files() -> None:
    first = {n: p.content_hash for n, p in load_prompts().items()}
    for name, digest in first.items():
        raw = (PROMPTS_DIR / f"{name}.md").read_text(encoding="utf-8")
        assert digest == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    reload_prompts()
    assert {n: p.content_hash for n, p in load_prompts().items()} == first
    assert prompt_set_hash() == prompt_set_hash() and len(prompt_set_hash()) == 64


def test_set_hash_changes_with_any_prompt(tmp_path: Path) -> None:
    copy = tmp_path / "prompts"
    shutil.copytree(PROMPTS_DIR, copy)
    assert prompt_set_hash(copy) == prompt_set_hash()
    target = copy / "title_generation.md"
    target.write_text(target.read_text(encoding="utf-8") + "Keep it short.\n", encoding="utf-8")
    assert prompt_set_hash(copy) == prompt_set_hash()  # read once per process, by design
    reload_prompts()
    assert prompt_set_hash(copy) != prompt_set_hash()


def test_crlf_checkout_hashes_the_same() -> None:
    text = (PROMPTS_DIR / "conversation.md").read_text(encoding="utf-8")
    crlf = parse_prompt(text.replace("\n", "\r\n"))
    assert crlf.content_hash == get_prompt("conversation").content_hash == content_hash(text)


def test_render_substitutes_and_rejects_wrong_variables() -> None:
    text = render("title_generation", request="Weekly Stripe report to Slack")
    assert "Weekly Stripe report to Slack" in text and "{{" not in text
    with pytest.raises(PromptError, match="needs variable.*request"):
        render("title_generation")
    with pytest.raises(PromptError, match="does not declare variable.*colour"):
        render("title_generation", request="x", colour="blue")
    with pytest.raises(PromptError, match="unknown prompt 'nope'"):
        render("nope")


def test_render_formats_structures_as_json() -> None:
    text = render("workflow_summary", workflow={"name": "A", "nodes": []})
    assert '"name": "A"' in text


@given(st.text(max_size=200))
def test_render_inserts_values_verbatim_and_once(value: str) -> None:
    text = render("workflow_repair", request=value, workflow="{}", findings="- none")
    assert value in text
    if "{{findings}}" in value:  # a value holding a placeholder is not expanded again
        assert text.count("{{findings}}") >= value.count("{{findings}}")


def test_n8n_expressions_in_prompts_are_not_variables() -> None:
    text = render("workflow_generation")
    assert '"={{ $json.email }}"' in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "must start with"),
        ("---\nname: a\n", "not closed"),
        (
            "---\nname: a\nversion: 1\ndescription: d\nvariables: []\nextra: 1\n---\nx",
            "expected one",
        ),
        ("---\nname: a\nversion: one\ndescription: d\nvariables: []\n---\nx", "not an integer"),
        ("---\nname: A-b\nversion: 1\ndescription: d\nvariables: []\n---\nx", "lower_snake_case"),
        ("---\nname: a\nversion: 1\ndescription: d\nvariables: [x]\n---\nno var", "unused"),
        ("---\nname: a\nversion: 1\ndescription: d\nvariables: []\n---\n{{y}}", "undeclared"),
        ("---\nname: a\nversion: 1\ndescription: d\nvariables: x\n---\n{{x}}", "list"),
        ("---\nname: a\nversion: 1\nvariables: []\n---\nx", "lacks 'description'"),
    ],
)
def test_malformed_prompt_files_are_named(text: str, message: str) -> None:
    with pytest.raises(PromptError, match=message) as err:
        parse_prompt(text, source="seeds/prompts/a.md")
    assert "seeds/prompts/a.md" in str(err.value)


def test_file_name_must_match_prompt_name(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text(
        "---\nname: a\nversion: 1\ndescription: d\nvariables: []\n---\nx"
    )
    with pytest.raises(PromptError, match="differs from the file name"):
        load_prompts(tmp_path)


def _active(conn: psycopg.Connection) -> dict[str, tuple[str, int]]:
    rows = conn.execute(
        "SELECT name, content_hash, version FROM ai_prompts WHERE is_active"
    ).fetchall()
    return {name: (digest, version) for name, digest, version in rows}


def test_sync_is_idempotent(db_conn: psycopg.Connection) -> None:
    sync_prompts(db_conn)
    again = sync_prompts(db_conn)
    assert again.inserted == [] and again.reactivated == []
    assert set(again.unchanged) == EXPECTED
    active = _active(db_conn)
    assert {n: d for n, (d, _) in active.items() if n in EXPECTED} == {
        n: p.content_hash for n, p in load_prompts().items()
    }
    per_name = db_conn.execute(
        "SELECT name, count(*) FROM ai_prompts WHERE is_active GROUP BY name HAVING count(*) > 1"
    ).fetchall()
    assert per_name == []


def test_content_change_adds_an_active_row_and_keeps_history(
    db_conn: psycopg.Connection, tmp_path: Path
) -> None:
    sync_prompts(db_conn)
    before = _active(db_conn)["workflow_summary"]
    copy = tmp_path / "prompts"
    shutil.copytree(PROMPTS_DIR, copy)
    target = copy / "workflow_summary.md"
    marker = f"Mention the trigger first. ({uuid.uuid4().hex})\n"  # unique per run
    target.write_text(target.read_text(encoding="utf-8") + marker, encoding="utf-8")
    edited = load_prompts(copy)

    report = sync_prompts(db_conn, edited)
    assert report.inserted == ["workflow_summary"] and len(report.unchanged) == len(EXPECTED) - 1
    digest, version = _active(db_conn)["workflow_summary"]
    assert digest == edited["workflow_summary"].content_hash and version > before[1]
    history = db_conn.execute(
        "SELECT content_hash, is_active FROM ai_prompts WHERE name = 'workflow_summary'"
    ).fetchall()
    assert (before[0], False) in history and (digest, True) in history
    stored = db_conn.execute(
        "SELECT content, description FROM ai_prompts WHERE content_hash = %s", (digest,)
    ).fetchone()
    assert stored is not None and stored[0].endswith(marker) and stored[1]

    back = sync_prompts(db_conn)  # the original content again: its old row comes back
    assert back.reactivated == ["workflow_summary"] and back.inserted == []
    assert _active(db_conn)["workflow_summary"] == before


@given(
    st.lists(
        st.sampled_from(
            [
                "---",
                "name: a",
                "version: 2",
                "description: d",
                "variables: [x]",
                "variables: []",
                "{{x}}",
                "{{ x }}",
                "version: -1",
                ":",
                "text",
            ]
        ),
        max_size=9,
    ),
    st.text(max_size=30),
)
def test_parse_prompt_only_raises_prompt_errors(lines: list[str], tail: str) -> None:
    try:
        prompt = parse_prompt("\n".join(lines) + "\n" + tail)
    except PromptError:
        return
    assert set(prompt.variables) == set(
        re.findall(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", prompt.template)
    )
    assert prompt.render(**dict.fromkeys(prompt.variables, "v")).count("{{x}}") == 0
