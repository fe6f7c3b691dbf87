"""Every registered rule of the spec builder and the modifier, shown at work on requests of
ours: each rule has an entry in its examples table (``TRIGGER_RULE_EXAMPLES``,
``SPEC_RULE_EXAMPLES``, ``FINISH_RULE_EXAMPLES``, ``CHANGE_RULE_EXAMPLES``), and leaving the
rule out changes the output for each of its examples, so the example really exercises it (an
ablation check, one rule at a time)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from engine.offline.generator import generate_workflow
from engine.offline.modify import CHANGE_RULES, modify
from engine.rules import Rules
from engine.spec import FINISH_RULES, SPEC_RULES, TRIGGER_RULES, build_spec
from nodepilot.workflow import trigger_kind

# The example requests below were written for these tests (not taken from a dataset), the way
# users type. A rule added to a registry needs an entry here: the first test names it.

#: Each trigger rule (``engine.spec.TRIGGER_RULES``) with requests whose spec it changes.
TRIGGER_RULE_EXAMPLES: dict[str, tuple[str, ...]] = {
    "weak_reading_gives_way": ("show me the pipedrive deals won in Q3 and email me the list",),
    "people_write_on_a_schedule": (
        "our volunteers keep asking the same questions in the telegram group every day; answer "
        "them with an ai bot",
        "if a whatsapp message comes in between 6pm and 8am, reply that we are closed",
    ),
    "incidental_start_gives_way": (
        "we have a weekly webex sync; when that meeting is over (webex says it ended), post the "
        "recording link to slack",
        "email the customer our feedback form link once their shopify order is fulfilled",
    ),
    "trigger_entities": (
        "when a new row is added in google sheets, send a slack message to the team",
    ),
    "trigger_named": (
        "Local File Trigger on my downloads folder: upload each new pdf to google drive",
    ),
    "manual_said_first": (
        "manualy: when new mail comes into the support inbox, create a trello card",
    ),
    "schedule_said": ("copy new airtable rows into notion right away instead of every evening",),
    "event_said": ("when new mail comes into the support inbox, create a trello card",),
    "start_from_words": (
        "our warehouse scanners POST their readings as JSON to a URL; store them in postgres",
    ),
}


#: Each spec rule (``engine.spec.SPEC_RULES``) with requests whose spec it changes.
SPEC_RULE_EXAMPLES: dict[str, tuple[str, ...]] = {
    "apps_named": ("when a new contact lands in hubspot, drop a note in our discord server",),
    "trigger_app_not_again": ("when a card is moved in trello, ping the team on slack",),
    "bot_answers_through_its_app": (
        "a telegram bot that answers questions about our opening hours",
    ),
    "vector_stores_apart": (
        "load our product manuals into pinecone so the assistant can search them",
    ),
    "app_steps_or_tools": (
        "every friday pull the closed jira tickets and post them to #releases on slack",
    ),
    "tools_are_not_steps": (
        "an ai agent with a gmail tool that reads my inbox every morning and sends a digest "
        "with gmail",
    ),
    "http_without_an_app": (
        "each night hit their API endpoint and save the json into a google sheet",
    ),
    "vendor_media_step": (
        "when someone sends a voice message to my telegram bot, transcribe it with openai and "
        "send the text back",
    ),
    "builtin_agent_tools": (
        "a chat assistant with a calculator tool that helps with invoice totals",
    ),
    "ai_memory": ("a support chatbot on our site that remembers what the visitor said earlier",),
    "ai_model_and_embeddings": ("a chatbot answering from our knowledge base, using claude",),
    "vector_store": ("a chatbot that answers staff questions from our handbook knowledge base",),
    "ai_root": (
        "when a zendesk ticket comes in, have gpt-4o-mini classify it and post the answer to slack",
    ),
    "mcp_server_tools": ("expose an mcp server with tools for google calendar and todoist",),
    "capabilities_without_an_app": (
        "on a webhook call, wait 5 minutes and then respond to the caller with ok",
    ),
}


#: Each finish rule (``engine.spec.FINISH_RULES``) with requests whose spec it changes.
FINISH_RULE_EXAMPLES: dict[str, tuple[str, ...]] = {
    "steps_in_mention_order": (
        "every evening wait 10 minutes after the backup, then post a note to slack",
    ),
    "inputs_first": ("email me a list of the github issues closed this week",),
    "switch_routing": (
        "when a form is submitted, route it by department (sales, support, billing): add sales "
        "to hubspot, support to zendesk and billing to quickbooks",
    ),
    "if_condition": (
        "when a stripe payment comes in, if the amount is over 500 post it to slack otherwise "
        "add it to a google sheet",
    ),
    "classifier_branches": (
        "classify each new gmail message into sales, support or spam, then create a hubspot "
        "deal, open a zendesk ticket or delete it",
    ),
}


#: Each change rule (``engine.offline.modify.CHANGE_RULES``) with (first request, change
#: request) pairs whose changed workflow it alters.
CHANGE_RULE_EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "ai_parts": (
        ("a chat agent using gpt-4o that answers about our products", "switch the model to claude"),
    ),
    "trigger_change": (
        (
            "every day at 8am copy new airtable rows into google sheets",
            "start it from a webhook instead",
        ),
    ),
    "replacements": (
        (
            "every monday at 10 post the open asana tasks to slack",
            "use microsoft teams instead of slack",
        ),
    ),
    "removals": (
        (
            "every monday at 10 post the open asana tasks to slack and to discord",
            "drop the discord step",
        ),
    ),
    "ai_removal": (
        (
            "every morning read the hacker news rss feed, summarize it with openai and post the "
            "summary to slack",
            "skip the AI summary, just forward the items as they are",
        ),
    ),
    "capabilities": (
        (
            "when a webhook is called, add the payload to a google sheet",
            "also respond to the caller when done",
        ),
    ),
    "moves": (
        (
            "every monday at 10 read the open asana tasks, post them to slack and append them "
            "to a google sheet",
            "move the slack step after the google sheets step",
        ),
    ),
    "generic_steps": (
        (
            "every hour fetch new shopify orders and post them to slack",
            "add a code step before slack",
        ),
    ),
    "additions": (
        ("every hour fetch new shopify orders and post them to slack", "also send them to discord"),
    ),
    "summary_writers_added": (
        (
            "every morning fetch the new hubspot deals and add them to a google sheet",
            "also send a short summary of them to telegram",
        ),
    ),
    "only_filter": (
        (
            "every hour fetch new shopify orders and post them to slack",
            "only for orders above 200 dollars",
        ),
    ),
    "schedule_change": (
        (
            "every monday at 10 post the open asana tasks to slack",
            "make it run every 30 minutes",
        ),
    ),
    "channel_change": (
        (
            "every monday at 10 post the open asana tasks to #general on slack",
            "post to #ops instead",
        ),
    ),
}


def _names(rules: Rules[Any]) -> list[str]:
    return [r.__name__ for r in rules]


@pytest.mark.parametrize(
    ("rules", "table"),
    [
        (TRIGGER_RULES, TRIGGER_RULE_EXAMPLES),
        (SPEC_RULES, SPEC_RULE_EXAMPLES),
        (FINISH_RULES, FINISH_RULE_EXAMPLES),
        (CHANGE_RULES, CHANGE_RULE_EXAMPLES),
    ],
    ids=["trigger", "spec", "finish", "change"],
)
def test_every_registered_rule_has_examples(rules: Rules[Any], table: dict[str, Any]) -> None:
    assert sorted(table) == sorted(_names(rules))
    assert all(table[name] for name in table)


@pytest.mark.parametrize(
    "rules", [TRIGGER_RULES, SPEC_RULES, FINISH_RULES, CHANGE_RULES], ids=lambda r: r.kind
)
def test_every_rule_says_what_it_is_for(rules: Rules[Any]) -> None:
    for rule in rules:
        assert rule.__doc__ and len(rule.__doc__.split()) >= 6, rule.__name__


def test_rules_run_until_the_first_answer() -> None:
    seen: list[str] = []
    toy: Rules[list[str]] = Rules("toy rule")

    @toy.register
    def silent(d: list[str]) -> None:
        seen.append("silent")

    @toy.register
    def answers(d: list[str]) -> None:
        seen.append("answers")
        d.append("yes")

    @toy.register
    def too_late(d: list[str]) -> None:
        seen.append("too_late")

    answer: list[str] = []
    toy.run(answer, until=bool)
    assert (seen, answer) == (["silent", "answers"], ["yes"])
    assert _names(TRIGGER_RULES)[-1] == "start_from_words"  # the rule that always answers


def test_leaving_out_an_unknown_rule_is_refused() -> None:
    with pytest.raises(KeyError), SPEC_RULES.without("no_such_rule"):
        pass
    with pytest.raises(KeyError):
        _toy_rules([]).run([], skip=frozenset({"no_such_rule"}))


def _toy_rules(seen: list[str]) -> Rules[list[str]]:
    toy: Rules[list[str]] = Rules("toy rule")
    for name in ("first", "second", "third"):
        toy.register(_recorder(name, seen))
    return toy


def _recorder(name: str, seen: list[str]) -> Callable[[list[str]], None]:
    def rule(d: list[str]) -> None:
        seen.append(name)

    rule.__name__ = name
    return rule


def test_run_skips_the_rules_it_is_told_to() -> None:
    seen: list[str] = []
    _toy_rules(seen).run([], skip=frozenset({"second"}))
    assert seen == ["first", "third"]


def test_an_ablation_holds_in_its_own_thread_only() -> None:
    """A generation another thread runs during an ablation (the service runs them in
    threads) still has every rule, and the registry itself never changes."""
    text = SPEC_RULE_EXAMPLES["ai_root"][0]
    whole = build_spec(text)
    before = _names(SPEC_RULES)
    with SPEC_RULES.without("ai_root"), ThreadPoolExecutor(1) as pool:
        assert pool.submit(build_spec, text).result() == whole
        assert build_spec(text) != whole  # left out here
        assert _names(SPEC_RULES) == before
    assert build_spec(text) == whole


_SPEC_CASES = [
    (rules, name, text)
    for rules, table in (
        (TRIGGER_RULES, TRIGGER_RULE_EXAMPLES),
        (SPEC_RULES, SPEC_RULE_EXAMPLES),
        (FINISH_RULES, FINISH_RULE_EXAMPLES),
    )
    for name, texts in table.items()
    for text in texts
]


@pytest.mark.parametrize(
    ("rules", "rule", "text"), _SPEC_CASES, ids=[n for _r, n, _t in _SPEC_CASES]
)
def test_each_spec_rule_changes_the_spec_of_its_examples(
    rules: Rules[Any], rule: str, text: str
) -> None:
    whole = build_spec(text)
    with rules.without(rule):
        assert build_spec(text) != whole


def test_a_spec_gives_its_trigger_the_kind_the_workflow_model_gives_that_node() -> None:
    """One node type, one kind: "an mcp trigger" read from the words (``start_from_words``)
    is an ``app`` start, as the workflow model and the entity reading say."""
    mcp = build_spec("create an mcp trigger that gives access to the weather api").trigger
    assert (mcp.node_type, mcp.kind) == ("@n8n/n8n-nodes-langchain.mcpTrigger", "app")
    for _rules, _name, text in _SPEC_CASES:
        trigger = build_spec(text).trigger
        assert trigger.kind == trigger_kind(trigger.node_type), text


_CHANGE_CASES = [
    (name, first, change) for name, pairs in CHANGE_RULE_EXAMPLES.items() for first, change in pairs
]


@pytest.mark.parametrize(
    ("rule", "first", "change"), _CHANGE_CASES, ids=[n for n, _f, _c in _CHANGE_CASES]
)
def test_each_change_rule_changes_the_workflow_of_its_examples(
    rule: str, first: str, change: str
) -> None:
    previous = generate_workflow(build_spec(first))
    spec = build_spec(change)
    whole = modify(previous, change, spec)
    with CHANGE_RULES.without(rule):
        assert modify(previous, change, spec) != whole
