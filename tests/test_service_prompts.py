"""A chat renders the prompt versions in force when it is admitted: the service reads their ids
in the sign-in's round trip and hands them to the pipeline (``service.chat.send_hold``), so an
administrator's activation or roll-back applies from the next chat on, as it does for a run
that reads them itself (``engine.prompts.prompts_in_force``)."""

from __future__ import annotations

from uuid import UUID

from service_support import service_client, sign_in, unique_email

from engine.prompts import active_prompt_set, reload_prompts
from nodepilot.config import Settings
from nodepilot.db import connect

REQUEST = "When a new row is added to a Google Sheet, post its details to #sales on Slack"


def _stored_hash(settings: Settings, workflow_id: str) -> str:
    with connect(settings) as conn:
        row = conn.execute(
            "SELECT prompt_hash FROM workflow_generations WHERE id = %s", (UUID(workflow_id),)
        ).fetchone()
    return row[0]


def _hash_in_force(settings: Settings) -> str:
    with connect(settings) as conn:
        return active_prompt_set(conn).set_hash


def test_a_chat_renders_the_versions_active_when_it_is_admitted(indexed: Settings) -> None:
    admin_mail = unique_email("prompt-admin")
    reload_prompts()
    with service_client(indexed, admin_emails=[admin_mail], rate_limit_per_minute=10_000) as c:
        admin, user = sign_in(c, indexed, admin_mail), sign_in(c, indexed)
        name = "title_generation"
        versions = c.get(f"/api/admin/prompts/{name}", headers=admin).json()["versions"]
        original = next(v for v in versions if v["is_active"])

        def chat_hash() -> str:
            body = c.post("/api/chat/message", json={"message": REQUEST}, headers=user).json()
            return _stored_hash(indexed, body["workflow_id"])

        before = chat_hash()
        assert before == _hash_in_force(indexed)
        edited = original["content"].rstrip() + "\nAt most six words.\n"
        put = c.put(f"/api/admin/prompts/{name}", json={"content": edited}, headers=admin)
        assert put.status_code == 200, put.text
        try:
            after = chat_hash()
            assert after != before and after == _hash_in_force(indexed)
        finally:
            back = c.post(
                f"/api/admin/prompts/{name}/activate",
                json={"version": original["version"]},
                headers=admin,
            )
            assert back.status_code == 200, back.text
        assert chat_hash() == before
