"""Prompt versions an administrator activates are what the engine renders (issue #12).

Over HTTP: an admin edits a prompt; a chat request with the Claude provider (official SDK, the
local wire-protocol server) sends the new text, from whichever of two ``nodepilot serve``
workers answers; a rollback sends the old text; ``nodepilot index`` afterwards undoes neither.
The sync rule (``indexing.prompt_sync``) is tested on prompt names made up per test, in a
database of this module's own (activations would otherwise reach every other test).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from llm_server import LLMTestServer, Reply, running_llm_server
from prompt_versions_support import file_prompt, own_database, strings_in
from service_process_support import wait_for_every_worker
from service_support import (
    ROOT,
    auth,
    dev_token,
    running_service,
    service_client,
    sign_in,
    unique_email,
)
from starlette.testclient import TestClient

from engine.prompts import (
    PromptError,
    active_prompt_set,
    get_prompt,
    prompt_set_hash,
    prompts_in_force,
    render,
    sync_prompts,
    using_prompts,
)
from nodepilot.config import Settings

ADMIN_MAIL = unique_email("prompt-admin")
REQUEST = "When a form is submitted add a row to Google Sheets and send a Slack message"


@pytest.fixture(scope="module")
def own(migrated_db: Settings) -> Iterator[tuple[Settings, str]]:
    with own_database(migrated_db) as pair:
        yield pair


@pytest.fixture()
def conn(own: tuple[Settings, str]) -> Iterator[psycopg.Connection]:
    with psycopg.connect(own[1]) as c:
        yield c


@pytest.fixture()
def admin(own: tuple[Settings, str]) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = own[0]
    with service_client(settings, admin_emails=[ADMIN_MAIL], rate_limit_per_minute=100_000) as c:
        yield c, sign_in(c, settings, ADMIN_MAIL)


def _active(conn: psycopg.Connection, name: str) -> tuple[int, str]:
    row = conn.execute(
        "SELECT version, content FROM ai_prompts WHERE name = %s AND is_active", (name,)
    ).fetchone()
    conn.rollback()
    return row


def _put(admin: tuple[TestClient, dict], name: str, content: str) -> dict[str, Any]:
    client, headers = admin
    response = client.put(f"/api/admin/prompts/{name}", json={"content": content}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _activate(admin: tuple[TestClient, dict], name: str, version: int) -> dict[str, Any]:
    client, headers = admin
    response = client.post(
        f"/api/admin/prompts/{name}/activate", json={"version": version}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


def _follows_files(admin: tuple[TestClient, dict], name: str) -> bool:
    client, headers = admin
    items = client.get("/api/admin/prompts", headers=headers).json()["items"]
    return next(item["follows_files"] for item in items if item["name"] == name)


# ----------------------------------------------------------------------- the sync rule


def test_index_keeps_an_edit_until_the_files_newest_version_is_activated(conn, admin) -> None:
    name = f"t_edit_{uuid.uuid4().hex[:8]}"
    first = file_prompt(name, "First file text.")
    assert sync_prompts(conn, {name: first}).inserted == [name]
    edited = _put(admin, name, first.content.replace("First file text.", "Admin text."))
    assert edited["version"] == 2 and edited["activated_by"] is not None
    assert not _follows_files(admin, name)

    report = sync_prompts(conn, {name: first})  # the files did not change: nothing to undo
    assert (report.held, report.stored, report.reactivated) == ([name], [], [])
    assert _active(conn, name) == (2, edited["content"])

    second = file_prompt(name, "Second file text.")  # the files changed: stored, not activated
    report = sync_prompts(conn, {name: second})
    assert (report.held, report.stored, report.inserted) == ([name], [name], [])
    assert _active(conn, name)[0] == 2

    _activate(admin, name, 3)  # the files' newest version: the files govern again
    assert _follows_files(admin, name)
    assert sync_prompts(conn, {name: second}).unchanged == [name]
    third = file_prompt(name, "Third file text.")
    assert sync_prompts(conn, {name: third}).inserted == [name]
    assert _active(conn, name) == (4, third.content)


def test_index_keeps_a_rollback_to_an_older_file_version(conn, admin) -> None:
    name = f"t_rollback_{uuid.uuid4().hex[:8]}"
    first, second = file_prompt(name, "Old text."), file_prompt(name, "New text.")
    sync_prompts(conn, {name: first})
    assert sync_prompts(conn, {name: second}).inserted == [name]
    back = _activate(admin, name, 1)
    assert back["content"] == first.content

    report = sync_prompts(conn, {name: second})
    assert report.held == [name] and report.inserted == report.reactivated == []
    assert _active(conn, name) == (1, first.content)


def test_without_an_administrator_the_files_govern(conn) -> None:
    name = f"t_files_{uuid.uuid4().hex[:8]}"
    first, second = file_prompt(name, "One."), file_prompt(name, "Two.")
    sync_prompts(conn, {name: first})
    assert sync_prompts(conn, {name: second}).inserted == [name]
    assert sync_prompts(conn, {name: first}).reactivated == [name]  # a reverted file
    assert _active(conn, name) == (1, first.content)


def test_an_edit_must_declare_the_variables_the_code_fills(admin) -> None:
    client, headers = admin
    current = client.get("/api/admin/prompts/title_generation", headers=headers).json()
    content = current["versions"][0]["content"].replace("{{request}}", "{{topic}}")
    content = content.replace("variables: [request]", "variables: [topic]")
    response = client.put(
        "/api/admin/prompts/title_generation", json={"content": content}, headers=headers
    )
    assert response.status_code == 422
    assert (
        "declares variables [topic]; the code fills [request]"
        in response.json()["error"]["message"]
    )


def test_a_command_using_the_index_brings_the_prompts_up_to_the_files(
    indexed: Settings, db_conn: psycopg.Connection
) -> None:
    """``generate``, ``chat`` and ``search`` call ``ensure_index``: with the index built, an
    edited prompt file still becomes the active version (title_generation: no code renders
    it, so the session database's other tests cannot notice)."""
    from engine.prompts import content_hash, load_prompts
    from indexing.cli import ensure_index
    from indexing.indexer import index_is_built

    sync_prompts(db_conn)
    assert index_is_built(db_conn)
    name, current = "title_generation", load_prompts()["title_generation"].content
    older = current.rstrip("\n") + "\nA line the files no longer have.\n"
    with db_conn.transaction():  # as if the file changed since the last sync
        db_conn.execute("UPDATE ai_prompts SET is_active = false WHERE name = %s", (name,))
        db_conn.execute(
            """INSERT INTO ai_prompts (name, version, content, content_hash, is_active)
               SELECT %s, max(version) + 1, %s, %s, true FROM ai_prompts WHERE name = %s""",
            (name, older, content_hash(older), name),
        )
    try:
        ensure_index(db_conn, quiet=True)
        assert _active(db_conn, name)[1] == current
    finally:
        db_conn.execute(
            "DELETE FROM ai_prompts WHERE name = %s AND content_hash = %s",
            (name, content_hash(older)),
        )
        sync_prompts(db_conn)
        db_conn.commit()


def test_a_version_declaring_other_variables_is_refused_and_never_rendered(
    conn: psycopg.Connection, admin, caplog: pytest.LogCaptureFixture
) -> None:
    """A version older than a code change (or written past the API) declares variables the
    code does not fill: activating it is refused, and if it is active the engine renders the
    file instead, saying why in the log."""
    from engine.prompts import content_hash, load_prompts

    name, shipped = "workflow_summary", load_prompts()["workflow_summary"]  # no code renders it
    older = shipped.content.replace("[workflow]", "[flow]").replace("{{workflow}}", "{{flow}}")
    with conn.transaction():
        row_id, version = conn.execute(
            """INSERT INTO ai_prompts (name, version, content, content_hash, is_active)
               SELECT %s, max(version) + 1, %s, %s, false FROM ai_prompts WHERE name = %s
               RETURNING id, version""",
            (name, older, content_hash(older), name),
        ).fetchone()
    client, headers = admin
    refused = client.post(
        f"/api/admin/prompts/{name}/activate", json={"version": version}, headers=headers
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["message"] == (
        f"version {version}: declares variables [flow]; the code fills [workflow]"
    )
    with conn.transaction():  # as if activated before the code changed
        conn.execute("UPDATE ai_prompts SET is_active = false WHERE name = %s", (name,))
        conn.execute("UPDATE ai_prompts SET is_active = true WHERE id = %s", (row_id,))
    try:
        with caplog.at_level("WARNING", logger="engine.prompts"):
            rendered = active_prompt_set(conn).prompts[name]
        assert rendered.content == shipped.content
        assert f"ai_prompts {name} (id {row_id}) declares variables [flow]" in caplog.text
    finally:
        with conn.transaction():
            conn.execute("DELETE FROM ai_prompts WHERE id = %s", (row_id,))
        sync_prompts(conn, {name: shipped})


# ------------------------------------------------------------ what the engine renders


def test_the_engine_renders_the_active_version_from_the_next_read(conn, admin) -> None:
    name = f"t_engine_{uuid.uuid4().hex[:8]}"
    first = file_prompt(name, "Engine text one.")
    sync_prompts(conn, {name: first})
    before = active_prompt_set(conn)
    assert active_prompt_set(conn) is before  # same version ids: parsed once, cached
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE

    _put(admin, name, first.content.replace("one.", "two."))
    after = active_prompt_set(conn)
    assert after is not before and after.set_hash != before.set_hash
    with prompts_in_force(conn) as in_force:
        assert in_force is after
        assert render(name, request="x").startswith("Engine text two.")
        assert prompt_set_hash() == after.set_hash
        with prompts_in_force(conn) as nested:  # a run inside a run keeps its caller's set
            assert nested is None and get_prompt(name) is after.prompts[name]

    with using_prompts(None), prompts_in_force(conn) as pinned:  # an eval arm: the files
        assert pinned is None
        with pytest.raises(PromptError, match="unknown prompt"):
            get_prompt(name)


# ------------------------------------------------- over HTTP, two workers, nodepilot index


@pytest.fixture(scope="module")
def llm() -> Iterator[LLMTestServer]:
    with running_llm_server() as server:
        yield server


@pytest.fixture(scope="module")
def valid_workflow(indexed: Settings) -> dict[str, Any]:
    from engine.pipeline import Pipeline

    with Pipeline(provider="offline", use_cache=False) as pipeline:
        return pipeline.run(REQUEST).workflow


def _system_prompt_of_chats(
    base: str, headers: dict, llm: LLMTestServer, workflow: dict, count: int
) -> list[str]:
    """Send ``count`` chat requests (each on a new connection, so either worker may answer) and
    return all the text each Anthropic request carried."""
    sent = []
    for _ in range(count):
        llm.reset()
        llm.push(Reply.workflow(workflow))
        body = {"message": f"{REQUEST} for team {uuid.uuid4().hex[:8]}", "provider": "anthropic"}
        response = httpx.post(f"{base}/api/chat/message", json=body, headers=headers, timeout=60)
        assert response.status_code == 200, response.text
        (request,) = llm.wait_for_requests(1)
        sent.append("\n".join(strings_in(request.body)))
    return sent


def _nodepilot_index(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run(
        [sys.executable, "-m", "nodepilot.cli", "index", "--only", "tips"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    assert "prompt workflow_generation: the version an administrator activated stays" in (
        out.stderr
    )


def test_two_workers_send_the_activated_prompt_and_index_keeps_it(
    own: tuple[Settings, str], llm: LLMTestServer, valid_workflow: dict
) -> None:
    settings, url = own
    env = {
        "DATABASE_URL": url,
        "NODEPILOT_ADMIN_EMAILS": json.dumps([ADMIN_MAIL]),
        "NODEPILOT_ANTHROPIC_BASE_URL": llm.url,
        "NODEPILOT_ANTHROPIC_API_KEY": "sk-ant-test-0123456789",
        "NODEPILOT_RATE_LIMIT_PER_MINUTE": "100000",
    }
    admin_headers = auth(dev_token(settings, ADMIN_MAIL))
    user_headers = auth(dev_token(settings, unique_email()))
    with running_service(settings, workers=2, **env) as server:
        wait_for_every_worker(server, 2)  # else the first worker up takes every request
        base = server.url
        history = httpx.get(
            f"{base}/api/admin/prompts/workflow_generation", headers=admin_headers, timeout=30
        ).json()["versions"]
        original = next(v for v in history if v["is_active"])
        marker = f"Admin rule {uuid.uuid4().hex}: name every node after its job."
        first_line = original["content"].split("---\n", 2)[2].strip().splitlines()[0]
        # both workers have read (and cached) the original set before the edit
        for text in _system_prompt_of_chats(base, user_headers, llm, valid_workflow, 4):
            assert first_line in text and marker not in text

        edited = httpx.put(
            f"{base}/api/admin/prompts/workflow_generation",
            json={"content": original["content"].rstrip("\n") + f"\n\n{marker}\n"},
            headers=admin_headers,
            timeout=30,
        )
        assert edited.status_code == 200, edited.text
        for text in _system_prompt_of_chats(base, user_headers, llm, valid_workflow, 6):
            assert marker in text
        offline = httpx.post(  # the offline provider renders no prompt: unaffected
            f"{base}/api/chat/message",
            json={"message": f"{REQUEST} offline {uuid.uuid4().hex[:8]}", "provider": "offline"},
            headers=user_headers,
            timeout=60,
        )
        assert offline.status_code == 200 and offline.json()["workflow"]["nodes"], offline.text

        _nodepilot_index(url)  # the files still hold the original: the edit stays
        for text in _system_prompt_of_chats(base, user_headers, llm, valid_workflow, 2):
            assert marker in text

        back = httpx.post(
            f"{base}/api/admin/prompts/workflow_generation/activate",
            json={"version": original["version"]},
            headers=admin_headers,
            timeout=30,
        )
        assert back.status_code == 200 and back.json()["activated_by"] is not None
        for text in _system_prompt_of_chats(base, user_headers, llm, valid_workflow, 4):
            assert first_line in text and marker not in text


# ------------------------------------------------- the rule for any sequence of changes


@dataclass(frozen=True)
class _State:
    active_id: int
    active_content: str
    active_by_admin: bool
    newest_file_id: int | None
    versions: tuple[int, ...]


def _state(conn: psycopg.Connection, name: str) -> _State:
    rows = conn.execute(
        """SELECT id, version, content, is_active, created_by IS NULL, activated_by IS NOT NULL
           FROM ai_prompts WHERE name = %s ORDER BY version""",
        (name,),
    ).fetchall()
    conn.rollback()
    (active,) = [r for r in rows if r[3]]  # exactly one active version
    from_files = [r for r in rows if r[4]]
    return _State(
        active_id=active[0],
        active_content=active[2],
        active_by_admin=active[5],
        newest_file_id=from_files[-1][0] if from_files else None,
        versions=tuple(r[1] for r in rows),
    )


@pytest.fixture(scope="module")
def shared_admin(own: tuple[Settings, str]) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = own[0]
    with service_client(settings, admin_emails=[ADMIN_MAIL], rate_limit_per_minute=10**6) as c:
        yield c, sign_in(c, settings, ADMIN_MAIL)


@pytest.fixture(scope="module")
def shared_conn(own: tuple[Settings, str]) -> Iterator[psycopg.Connection]:
    with psycopg.connect(own[1]) as c:
        yield c


CHANGES = st.lists(
    st.one_of(
        st.tuples(st.just("file"), st.integers(0, 2)),
        st.tuples(st.just("edit"), st.integers(0, 1)),
        st.tuples(st.just("activate"), st.integers(0, 9)),
    ),
    min_size=1,
    max_size=8,
)


@given(CHANGES)
@settings(max_examples=40, deadline=None)
def test_the_sync_rule_holds_for_any_sequence_of_changes(
    shared_admin: tuple[TestClient, dict], shared_conn: psycopg.Connection, changes: list
) -> None:
    """Whatever files, edits and activations came before, a sync keeps the active version when
    an administrator activated one other than the files' newest, and otherwise puts the file
    text in force; it always stores the file text, once; a second sync changes nothing."""
    conn = shared_conn
    name = f"t_prop_{uuid.uuid4().hex[:10]}"
    files = [file_prompt(name, f"File text {i}.") for i in range(3)]
    sync_prompts(conn, {name: files[0]})
    for kind, pick in changes:
        before = _state(conn, name)
        if kind == "edit":
            edited = _put(shared_admin, name, files[0].content.replace("File", f"Admin {pick}"))
            assert _state(conn, name).active_id == edited["id"]
        elif kind == "activate":
            version = before.versions[pick % len(before.versions)]
            _activate(shared_admin, name, version)
            assert _state(conn, name).active_by_admin
        else:
            report = sync_prompts(conn, {name: files[pick]})
            after = _state(conn, name)
            held = before.active_by_admin and before.active_id != before.newest_file_id
            if held:  # (unchanged when the admin's version is this very file text)
                assert after.active_id == before.active_id
                assert [name] in (report.held, report.unchanged)
            else:
                assert after.active_content == files[pick].content
            stored = conn.execute(
                "SELECT count(*) FROM ai_prompts WHERE name = %s AND content = %s",
                (name, files[pick].content),
            ).fetchone()[0]
            conn.rollback()
            assert stored == 1
            again = sync_prompts(conn, {name: files[pick]})
            assert again.inserted == again.reactivated == again.stored == []
            assert _state(conn, name) == after
        versions = _state(conn, name).versions
        assert len(set(versions)) == len(versions)
