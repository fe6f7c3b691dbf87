"""What the session 7 batches of own requests (``test_generalise_spec_batch*.py``) check on each
request: the whole offline engine makes a workflow request of it, the workflow passes the strict
validator, starts from exactly the trigger nodes named, and keeps every step named (as its node
or its tool twin)."""

from __future__ import annotations

from generalise_support import run


def check_starts_and_steps(request_text: str, starts: list[str], steps: list[str]) -> None:
    """Assert the request's workflow starts from ``starts`` and holds ``steps`` (short types)."""
    out = run(request_text)
    assert out.intent == "workflow_request", out.intent
    assert not out.strict_errors(), out.strict_errors()
    assert {t.rsplit(".", 1)[-1] for t in out.triggers} == set(starts), (out.triggers, request_text)
    have = {t.rsplit(".", 1)[-1] for t in out.types}
    assert [s for s in steps if s not in have and s + "Tool" not in have] == [], sorted(have)
