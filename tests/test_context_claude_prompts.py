"""The Messages body Claude receives for a generation request is pinned, part by part.

Speed work on prompt building (token counts, schema blocks, caches) must not move a byte of
what the model is sent. Each case in ``tests/fixtures/claude_prompts.jsonl`` is a captured
``GenerationRequest`` (a first attempt, with and without AI parts and unsure operations, a
modification, a repair round, a conversation); the official SDK sends it to the local Anthropic
server and every part of the body must hash as committed. A change meant to move prompts
rewrites the digests with ``tests/claude_prompts_support.py --write``.
"""

from __future__ import annotations

from claude_prompts_support import body_digests, decode_request, read_cases, sent_bodies

from engine.providers.messages import build_generation_prompt


def test_claude_receives_exactly_the_pinned_prompt_for_each_request() -> None:
    cases = read_cases()
    assert {c["name"] for c in cases} >= {"repair-ai", "modification-ai", "first-ai-unsure"}
    bodies = sent_bodies([decode_request(c["request"]) for c in cases])
    moved = {}
    for case, body in zip(cases, bodies, strict=True):
        actual = body_digests(body)
        parts = sorted(k for k in case["digests"].keys() | actual.keys())
        changed = [p for p in parts if case["digests"].get(p) != actual.get(p)]
        if changed:
            moved[case["name"]] = changed
    assert not moved, (
        f"the body sent to Claude moved (case: parts): {moved}; rewrite the digests with "
        "tests/claude_prompts_support.py --write only if the change is meant"
    )


def test_a_request_built_twice_gives_the_same_prompt_with_warm_caches() -> None:
    """The second build reads every token count and schema block from the caches."""
    for case in read_cases():
        req = decode_request(case["request"])
        assert build_generation_prompt(req) == build_generation_prompt(req), case["name"]


def test_the_body_carries_the_prompt_parts_in_order() -> None:
    """The digests cover the parts that matter: system prompt, cached context, task."""
    case = next(c for c in read_cases() if c["name"] == "repair-ai")
    req = decode_request(case["request"])
    prompt = build_generation_prompt(req)
    (body,) = sent_bodies([req])
    assert body["system"][0]["text"] == prompt.system
    context, task = body["messages"][0]["content"][:2]
    assert context["text"] == prompt.context and context["cache_control"]["type"] == "ephemeral"
    assert task["text"] == prompt.task and "findings" in prompt.task.lower()
