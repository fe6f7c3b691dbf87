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
from nodepilot.workflow import Workflow, trigger_kind

# The example requests below were written for these tests (not taken from a dataset), the way
# users type. A rule added to a registry needs an entry here: the first test names it.

#: Each trigger rule (``engine.spec.TRIGGER_RULES``) with requests whose spec it changes.
TRIGGER_RULE_EXAMPLES: dict[str, tuple[str, ...]] = {
    "weak_reading_gives_way": (
        "show me the pipedrive deals won in Q3 and email me the list",
        "each new HubSpot contact should be added to our Mailchimp audience",
    ),
    "people_write_on_a_schedule": (
        "our volunteers keep asking the same questions in the telegram group every day; answer "
        "them with an ai bot",
        "if a whatsapp message comes in between 6pm and 8am, reply that we are closed",
    ),
    "records_arrive_at_a_rate": (
        "my airtable base gets new applications every day. each one should be scored by gpt "
        "and the score written back",
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
    "schedule_said": (
        "Rather than every morning, post the open GitHub issues to Discord each evening at 6",
    ),
    "event_said": ("when new mail comes into the support inbox, create a trello card",),
    # (a webhook said without the word, "scanners POST ... to a URL", is an entity since
    # session 14: ``engine.intent.entities._sent_to_our_address``)
    "start_from_words": ("a QuickBooks invoice turns paid: thank the customer by email",),
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
    "delivered_to_the_asker": (
        "every friday afternoon let me know which asana tasks slipped past their due date",
    ),
    "chat_receiving_records_sends": (
        "each monday morning give the team on mattermost the clickup tasks due this week",
    ),
    "records_sent_on_are_read": (
        "each month email the finance team the quickbooks invoices that are overdue",
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


# -- what each example should come out as ----------------------------------------------------
# The ablations above prove a rule changes its examples' output, not that the output is right:
# each example also pins one fact of the right answer, read through a named view (below).

#: Example request -> (view of its spec, expected value).
SPEC_FACTS: dict[str, tuple[str, object]] = {
    # trigger rules
    TRIGGER_RULE_EXAMPLES["weak_reading_gives_way"][0]: ("trigger", "manualTrigger"),
    TRIGGER_RULE_EXAMPLES["weak_reading_gives_way"][1]: ("trigger", "hubspotTrigger"),
    TRIGGER_RULE_EXAMPLES["people_write_on_a_schedule"][0]: ("trigger", "telegramTrigger"),
    TRIGGER_RULE_EXAMPLES["people_write_on_a_schedule"][1]: ("trigger", "whatsAppTrigger"),
    TRIGGER_RULE_EXAMPLES["records_arrive_at_a_rate"][0]: ("trigger", "airtableTrigger"),
    TRIGGER_RULE_EXAMPLES["incidental_start_gives_way"][0]: ("trigger", "ciscoWebexTrigger"),
    TRIGGER_RULE_EXAMPLES["incidental_start_gives_way"][1]: ("trigger", "shopifyTrigger"),
    TRIGGER_RULE_EXAMPLES["trigger_entities"][0]: (
        "trigger event",
        "a new row is added in google sheets",
    ),
    TRIGGER_RULE_EXAMPLES["trigger_named"][0]: ("trigger", "localFileTrigger"),
    TRIGGER_RULE_EXAMPLES["manual_said_first"][0]: ("trigger", "manualTrigger"),
    TRIGGER_RULE_EXAMPLES["schedule_said"][0]: ("trigger", "scheduleTrigger"),
    TRIGGER_RULE_EXAMPLES["event_said"][0]: ("trigger", "emailReadImap"),
    TRIGGER_RULE_EXAMPLES["start_from_words"][0]: ("trigger", "scheduleTrigger"),
    # spec rules
    SPEC_RULE_EXAMPLES["apps_named"][0]: ("steps", ("discord",)),
    SPEC_RULE_EXAMPLES["trigger_app_not_again"][0]: ("steps", ("slack",)),
    SPEC_RULE_EXAMPLES["bot_answers_through_its_app"][0]: ("steps", ("telegram",)),
    SPEC_RULE_EXAMPLES["vector_stores_apart"][0]: ("steps", ("agent",)),
    SPEC_RULE_EXAMPLES["app_steps_or_tools"][0]: ("steps", ("jira", "slack")),
    SPEC_RULE_EXAMPLES["tools_are_not_steps"][0]: ("steps", ("agent",)),
    SPEC_RULE_EXAMPLES["http_without_an_app"][0]: ("steps", ("httpRequest", "googleSheets")),
    SPEC_RULE_EXAMPLES["vendor_media_step"][0]: ("step openAi", ("audio", "transcribe")),
    SPEC_RULE_EXAMPLES["builtin_agent_tools"][0]: ("ai tools", ("toolCalculator",)),
    SPEC_RULE_EXAMPLES["ai_memory"][0]: ("ai memory", "memoryBufferWindow"),
    SPEC_RULE_EXAMPLES["ai_model_and_embeddings"][0]: ("ai embeddings", "embeddingsOpenAi"),
    SPEC_RULE_EXAMPLES["vector_store"][0]: ("ai vector_store", "vectorStoreInMemory"),
    SPEC_RULE_EXAMPLES["ai_root"][0]: ("ai root", "agent"),
    SPEC_RULE_EXAMPLES["mcp_server_tools"][0]: ("ai tools", ("googleCalendarTool", "todoistTool")),
    SPEC_RULE_EXAMPLES["capabilities_without_an_app"][0]: ("steps", ("wait", "respondToWebhook")),
    SPEC_RULE_EXAMPLES["chat_receiving_records_sends"][0]: ("step mattermost", ("message", "post")),
    SPEC_RULE_EXAMPLES["records_sent_on_are_read"][0]: ("step quickbooks", ("invoice", "getAll")),
    SPEC_RULE_EXAMPLES["delivered_to_the_asker"][0]: ("step gmail", ("message", "send")),
    # finish rules
    FINISH_RULE_EXAMPLES["steps_in_mention_order"][0]: ("steps", ("wait", "slack")),
    FINISH_RULE_EXAMPLES["inputs_first"][0]: ("steps", ("github", "gmail")),
    FINISH_RULE_EXAMPLES["switch_routing"][0]: (
        "branches",
        (("hubspot", "sales"), ("zendesk", "support"), ("quickbooks", "billing")),
    ),
    FINISH_RULE_EXAMPLES["if_condition"][0]: (
        "branches",
        (("slack", "true"), ("googleSheets", "false")),
    ),
    FINISH_RULE_EXAMPLES["classifier_branches"][0]: (
        "branches",
        (("hubspot", "sales"), ("zendesk", "support"), ("gmail", "spam")),
    ),
}

#: Change request -> (view of the changed workflow, expected value).
CHANGE_FACTS: dict[str, tuple[str, object]] = {
    "switch the model to claude": ("sub-nodes of agent", ("lmChatAnthropic", "memoryBufferWindow")),
    "start it from a webhook instead": ("before airtable", ("webhook",)),
    "use microsoft teams instead of slack": (
        "nodes",
        ("scheduleTrigger", "asana", "microsoftTeams"),
    ),
    "drop the discord step": ("nodes", ("scheduleTrigger", "asana", "slack")),
    # the agent goes; that a summary chain comes back for "skip the AI summary" is the
    # summary_writers_added rule misreading the request (reported in session 12)
    "skip the AI summary, just forward the items as they are": ("count agent", 0),
    # the webhook hands its answer to the Respond node; that node hangs off the webhook as a
    # branch beside the sheet step rather than after it (reported in session 12)
    "also respond to the caller when done": ("webhook responseMode", "responseNode"),
    "move the slack step after the google sheets step": ("before slack", ("googleSheets",)),
    "add a code step before slack": ("before slack", ("code",)),
    "also send them to discord": ("count discord", 1),
    "also send a short summary of them to telegram": ("before telegram", ("code",)),
    "only for orders above 200 dollars": ("before slack", ("filter",)),
    "make it run every 30 minutes": (
        "scheduleTrigger rule.interval",
        [{"field": "minutes", "minutesInterval": 30}],
    ),
    "post to #ops instead": ("slack channelId.value", "#ops"),
}


def _short(node_type: str) -> str:
    return node_type.rsplit(".", 1)[-1]


def _spec_view(spec: Any, view: str) -> object:
    """``trigger`` | ``trigger event`` | ``steps`` | ``branches`` | ``step <type>`` (its
    resource, operation) | ``ai <field>`` (short type names)."""
    if view == "trigger":
        return _short(spec.trigger.node_type)
    if view == "trigger event":
        return spec.trigger.app_event
    if view == "steps":
        return tuple(_short(s.node_type) for s in spec.steps)
    if view == "branches":
        return tuple((_short(s.node_type), s.branch) for s in spec.steps if s.branch)
    head, _, arg = view.partition(" ")
    if head == "step":
        step = next(s for s in spec.steps if _short(s.node_type) == arg)
        return (step.resource, step.operation)
    value = getattr(spec.ai, arg) if spec.ai is not None else None
    if isinstance(value, tuple):
        return tuple(_short(v) for v in value)
    return _short(value) if isinstance(value, str) and "." in value else value


def _workflow_view(workflow: dict[str, Any], view: str) -> object:
    """``nodes`` | ``count <type>`` | ``before <type>`` (its main predecessors) | ``sub-nodes
    of <type>`` (sorted) | ``<type> <parameter.path>`` (short type names)."""
    model = Workflow.from_n8n(workflow)
    shorts = {n.name: _short(n.type) for n in model.nodes}
    if view == "nodes":
        return tuple(shorts.values())
    head, _, arg = view.rpartition(" ")
    named = next((name for name, short in shorts.items() if short == arg), None)
    if head == "count":
        return sum(short == arg for short in shorts.values())
    if head == "before":
        return tuple(shorts[p] for p in model.predecessors(named)) if named else None
    if head == "sub-nodes of":
        return tuple(sorted(_short(n.type) for n in model.sub_nodes(named))) if named else None
    node_short, path = view.split(" ", 1)
    node = next(n for n in model.nodes if _short(n.type) == node_short)
    value: Any = node.parameters
    for key in path.split("."):
        value = value[key]
    return value


def test_every_example_pins_a_fact() -> None:
    assert sorted(SPEC_FACTS) == sorted(text for _r, _n, text in _SPEC_CASES)
    assert sorted(CHANGE_FACTS) == sorted(change for _n, _f, change in _CHANGE_CASES)


@pytest.mark.parametrize(("rule", "text"), [(n, t) for _r, n, t in _SPEC_CASES])
def test_each_spec_example_comes_out_right(rule: str, text: str) -> None:
    view, expected = SPEC_FACTS[text]
    assert _spec_view(build_spec(text), view) == expected, f"{rule}: {view}"


@pytest.mark.parametrize(("rule", "first", "change"), _CHANGE_CASES)
def test_each_change_example_comes_out_right(rule: str, first: str, change: str) -> None:
    view, expected = CHANGE_FACTS[change]
    changed = modify(generate_workflow(build_spec(first)), change, build_spec(change))
    assert _workflow_view(changed, view) == expected, f"{rule}: {view}"
