"""The local spec builder as registered rules (engine.spec.SPEC_RULES): the registry's shape,
and each rule's job shown on requests written the way users type them."""

from __future__ import annotations

import pytest

from engine.spec import SPEC_RULES, build_spec, spec_rule

BASE = "n8n-nodes-base."
LC = "@n8n/n8n-nodes-langchain."


def test_rules_are_registered_once_in_order_with_docstrings() -> None:
    names = [r.__name__ for r in SPEC_RULES]
    assert len(names) == len(set(names)) >= 10
    assert names.index("apps_named") < names.index("app_steps_or_tools") < names.index("ai_root")
    for rule in SPEC_RULES:
        assert rule.__doc__ and len(rule.__doc__.split()) >= 6, rule.__name__


def test_registering_a_name_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="apps_named"):
        spec_rule(SPEC_RULES[0])


def _types(text: str) -> list[str]:
    return [s.node_type for s in build_spec(text).steps]


def test_trigger_app_not_again() -> None:
    # the trigger covers Typeform; Mailchimp is the only step
    assert _types("when someone fills my typeform, add them to mailchimp") == [BASE + "mailchimp"]


def test_app_steps_carry_the_channel_hint() -> None:
    spec = build_spec("every monday 9am post open github issues to #dev-team on slack")
    slack = next(s for s in spec.steps if s.node_type == BASE + "slack")
    assert slack.parameters["channel@hint"] == "#dev-team"


def test_apps_handed_to_the_agent_are_tools_not_steps() -> None:
    spec = build_spec("chat assistant with tools: google calendar and gmail, using gpt-4o-mini")
    assert spec.ai is not None and BASE + "gmailTool" in spec.ai.tools
    assert BASE + "gmail" not in [s.node_type for s in spec.steps]


def test_http_without_an_app() -> None:
    assert BASE + "httpRequest" in _types(
        "every hour call their API and save the result to airtable"
    )


def test_memory_model_and_vector_store() -> None:
    spec = build_spec(
        "a chatbot that answers from our knowledge base and remembers the chat history"
    )
    assert spec.ai is not None
    assert spec.ai.memory == LC + "memoryBufferWindow"
    assert spec.ai.model == LC + "lmChatOpenAi"
    assert spec.ai.vector_store == LC + "vectorStoreInMemory"


def test_vendor_media_step() -> None:
    types = _types("when a voice note arrives on telegram, transcribe it with openai and reply")
    assert LC + "openAi" in types


# ------------------------------------------------------------------ the modifier's rules


def test_change_rules_are_registered_once_in_order_with_docstrings() -> None:
    from engine.offline.modify import CHANGE_RULES

    names = [r.__name__ for r in CHANGE_RULES]
    assert len(names) == len(set(names)) >= 8
    assert names.index("replacements") < names.index("removals") < names.index("additions")
    for rule in CHANGE_RULES:
        assert rule.__doc__ and len(rule.__doc__.split()) >= 5, rule.__name__


def _changed(first: str, change: str) -> list[str]:
    from engine.providers.offline import OfflineGenerator

    gen = OfflineGenerator()
    previous = gen.generate(build_spec(first))
    return [n["type"] for n in gen.generate(build_spec(change), previous=previous)["nodes"]]


def test_change_rules_on_our_requests() -> None:
    first = "every monday at 9 post open github issues to #dev on slack"
    assert BASE + "discord" in _changed(first, "also send them to discord")
    swapped = _changed(first, "use microsoft teams instead of slack")
    assert BASE + "microsoftTeams" in swapped and BASE + "slack" not in swapped
    dropped = _changed(first, "remove the slack step and write them to a notion database")
    assert BASE + "notion" in dropped and BASE + "slack" not in dropped
