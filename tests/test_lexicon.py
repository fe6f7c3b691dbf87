"""The request cues of engine/lexicon.py, with requests written the way users type them, and
the rule that a cue is defined once (no copy of it left in intent, spec or the modifier)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from engine import lexicon
from engine.lexicon import CHANNEL, MANUAL, MANUAL_START, MEDIA_TASK, MEDIA_WORD, MEMORY, SCHEDULE

ENGINE = Path(__file__).resolve().parent.parent / "engine"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("post it to #finance on slack", "finance"),
        ("ping #a", "a"),  # one letter is a valid Slack name
        ("to #" + "x" * 80 + " please", "x" * 80),  # Slack's 80-character limit
        ("send to #dev-ops_team.", "dev-ops_team"),
    ],
)
def test_channel_names(text: str, channel: str) -> None:
    m = CHANNEL.search(text)
    assert m is not None and m.group(1) == channel


@pytest.mark.parametrize("text", ["price &#38; tax", "issue#42x is open", "just a # sign"])
def test_not_channels(text: str) -> None:
    assert CHANNEL.search(text) is None


def test_manual_loose_and_strict() -> None:
    assert MANUAL.search("run it by hand when I need it")
    assert MANUAL.search("manually pull the report")
    assert MANUAL_START.search("Manual: export invoices to a sheet")
    assert MANUAL_START.search("when i click the button, email the team")
    # "manual" that is not a way of starting
    assert MANUAL.search("read the product manual pdf")  # loose: the spec reads it near the start
    assert not MANUAL_START.search("read the product manual pdf and answer questions")


@pytest.mark.parametrize(
    ("text", "scheduled"),
    [
        ("every monday at 9 send the report", True),
        ("nightly backup of airtable", True),
        ("at 7am post the weather", True),
        ("every new order goes to the sheet", False),
        ("every time a form is submitted", False),
    ],
)
def test_schedule(text: str, scheduled: bool) -> None:
    assert bool(SCHEDULE.search(text)) is scheduled


def test_memory_and_media() -> None:
    assert MEMORY.search("it should remember the conversation")
    assert MEMORY.search("keep the chat history")
    assert not MEMORY.search("summarise the email")
    assert MEDIA_TASK.search("transcribe the voice note with whisper")
    assert not MEDIA_TASK.search("attach the image")  # a word, not a task
    assert MEDIA_WORD.search("attach the image")


def _string_literals(path: Path) -> set[str]:
    """Every string literal of a module, adjacent literals joined as Python joins them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


#: Copies not removed yet (a module another helper was editing): file -> lexicon names. Only
#: shrinks: the module imports the lexicon's name instead.
KNOWN_COPIES: dict[str, list[str]] = {}


def test_each_cue_is_defined_only_in_the_lexicon() -> None:
    """No module of the engine writes its own copy of a lexicon pattern: no string literal
    outside the lexicon is the whole text of one (a longer pattern that starts the same way,
    "\\b(instead of|rather than|via)", is another cue, not a copy)."""
    patterns = {
        value.pattern: name
        for name, value in vars(lexicon).items()
        if name.isupper() and hasattr(value, "pattern") and len(value.pattern) >= 8
    }
    assert len(patterns) >= 7
    for path in ENGINE.rglob("*.py"):
        if path.name == "lexicon.py":
            continue
        copies = sorted(patterns[s] for s in _string_literals(path) if s in patterns)
        assert copies == KNOWN_COPIES.get(path.name, []), f"{path.name} repeats lexicon.{copies}"
    for copy in (r"#([a-z0-9][\w\-]{0,79})", r"#([a-z0-9][a-z0-9_\-]{1,60})"):
        assert not any(copy in p.read_text() for p in ENGINE.rglob("*.py")), copy


def test_a_copy_of_a_lexicon_pattern_is_seen(tmp_path: Path) -> None:
    """The check above reads literals as Python joins them: a copy split over lines is seen."""
    copy = tmp_path / "copy.py"
    copy.write_text("import re\nX = re.compile(\n    r'\\bmanual(?: trigger)?'\n    r'\\b'\n)\n")
    assert r"\bmanual(?: trigger)?\b" in _string_literals(copy)


def test_tools_and_structured_output() -> None:
    from engine.lexicon import STRUCTURED_OUTPUT, STRUCTURED_WORD, TOOLS

    assert TOOLS.search("an agent with tools: gmail and calendar")
    assert TOOLS.search("un agente con herramientas")
    assert STRUCTURED_OUTPUT.search("return a json schema output")
    assert not STRUCTURED_OUTPUT.search("send the json to the webhook")
    assert STRUCTURED_WORD.search("make the answer json")  # a change to the AI step's output


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("the deal becomes a customer", True),
        ("a Jira bug gets marked as critical", True),
        ("the issue goes to Done", True),
        ("an opportunity flips to closed-won", True),
        ("a Stripe payment fails", True),
        ("a ClickUp task becomes overdue", True),
        ("the ticket is solved", True),
        ("the sheet has a status column", False),
        ("post the summary to Slack", False),
    ],
)
def test_state_change(text: str, changes: bool) -> None:
    from engine.lexicon import STATE_CHANGE

    assert bool(STATE_CHANGE.search(text)) is changes


@pytest.mark.parametrize(
    ("text", "bot"),
    [
        (" booking assistant: patients write in", True),
        (" knowledge bot: answers", True),
        (" HR buddy answers", True),
        (" channel so the agent can read it", False),
        (" message to the assistant", False),
        (" and let the agent decide", False),
    ],
)
def test_bot_after_app(text: str, bot: bool) -> None:
    from engine.lexicon import BOT_AFTER_APP

    assert bool(BOT_AFTER_APP.match(text)) is bot


@pytest.mark.parametrize(
    ("text", "several"),
    [
        ("Several times a day (and via a button when I want) scrape the page", True),
        ("Let me run it by hand, and also have it run daily at 6am", True),
        ("reached via chat and also via a webhook from our app", True),
        ("Accept leads from an n8n form or from a webhook call", True),
        ("When a form is submitted, add the person to Mailchimp", False),
        ("Every night back up Notion to Google Drive", False),
    ],
)
def test_multi_start(text: str, several: bool) -> None:
    from engine.lexicon import MULTI_START

    assert bool(MULTI_START.search(text)) is several


@pytest.mark.parametrize(
    ("text", "is_error_workflow"),
    [
        ("Whenever any production workflow throws an error, log it", True),
        ("Build an error handler for all my workflows", True),
        ("Catch every failed execution and post it to Mattermost", True),
        ("when something breaks in one of my n8n workflows", True),
        ("if the API call throws an error, retry", False),
        ("abort with an error when nothing is found", False),
    ],
)
def test_error_workflow(text: str, is_error_workflow: bool) -> None:
    from engine.lexicon import ERROR_WORKFLOW

    assert bool(ERROR_WORKFLOW.search(text)) is is_error_workflow


def test_talking_to_a_bot_through_an_app() -> None:
    from engine.lexicon import ANSWER_MESSAGES_ON_APP, APP_PEOPLE, TALK_TO, THROUGH_APP

    assert ANSWER_MESSAGES_ON_APP.search("Answer DMs sent to our ")
    assert ANSWER_MESSAGES_ON_APP.search("reply to questions posted in the ")
    assert not ANSWER_MESSAGES_ON_APP.search("send the answer to our ")
    assert APP_PEOPLE.match(" users an AI they can talk to")
    assert not APP_PEOPLE.match(" channel every morning")
    assert TALK_TO.search("an AI they can talk to") and TALK_TO.search("I send receipt photos")
    assert not TALK_TO.search("post the summary to the channel")
    assert THROUGH_APP.search("chat with my notes from ") and not THROUGH_APP.search("post it to ")


def test_app_answers_and_bare_states() -> None:
    from engine.lexicon import APP_ANSWERS, MULTI_START, STATE_WORD

    assert APP_ANSWERS.match(" number should answer FAQs automatically")
    assert APP_ANSWERS.match(" channel will reply to questions")
    assert not APP_ANSWERS.match(" channel replies from the bot")
    assert STATE_WORD.search("order fulfilled") and STATE_WORD.search("opp closed won")
    assert not STATE_WORD.search("order total above 100")
    assert MULTI_START.search("run every 6 hours + manual trigger for testing")
    assert not MULTI_START.search("price + tax every night")


def test_leading_records_events_and_filters() -> None:
    from engine.lexicon import EVENT_NOUN, LEADING_RECORD, STATE_EVENT_OPENER, STATIVE

    assert LEADING_RECORD.match("Trigger: ") and LEADING_RECORD.match("on ")
    assert not LEADING_RECORD.match("post the report to ")
    assert EVENT_NOUN.search("on asana task completion") and EVENT_NOUN.search("dispute opened")
    assert STATIVE.match("is approved") and not STATIVE.match("changes to SQL")
    assert STATE_EVENT_OPENER.search("As deals get won in HubSpot")
    assert not STATE_EVENT_OPENER.search("save them as CSV")


def test_talk_and_new_records() -> None:
    from engine.lexicon import INCOMING_EMAIL, STATE_CHANGE, TALK_TO

    assert TALK_TO.search("an AI asks the prospect three questions")
    assert TALK_TO.search("answer questions posted in the channel")
    assert STATE_CHANGE.search("a card gets a new comment")
    assert INCOMING_EMAIL.search("Customer emails to support@ in Gmail get an answer")
    assert not INCOMING_EMAIL.search("Send emails to support@acme.com when a form is submitted")


def test_on_demand_and_clock_times() -> None:
    from engine.lexicon import CLOCK_TIME, MANUAL_START, MULTI_START, ON_DEMAND_VIA

    assert ON_DEMAND_VIA.search("or on demand through a webhook call")
    assert not ON_DEMAND_VIA.search("run it on demand")
    assert MANUAL_START.search("and also whenever I click test")
    assert MULTI_START.search("a button to run it now and a weekly run on Sundays")
    assert CLOCK_TIME.search("Morning digest: at 7:30 pull") and CLOCK_TIME.search("at 9am")
    assert not CLOCK_TIME.search("look at 5 items")


def test_receiving_setting_up_and_opening_orders() -> None:
    from engine.lexicon import OPENS_WITH_ORDER, RECEIVE_ON_APP, SET_UP_APP

    assert RECEIVE_ON_APP.search("Receive SMS via ")
    assert not RECEIVE_ON_APP.search("Get the messages from our ")
    assert SET_UP_APP.search("Set up ") and not SET_UP_APP.search("Post to ")
    assert OPENS_WITH_ORDER.match("Send the report") and OPENS_WITH_ORDER.match("every morning")
    assert not OPENS_WITH_ORDER.match("Reaction added in Slack")


def test_an_app_made_to_answer() -> None:
    from engine.lexicon import APP_MESSAGES, APP_REPLIES, BOT_BEFORE_APP, LET_APP

    assert LET_APP.search("Can you make my ") and APP_REPLIES.match(" reply automatically")
    assert not APP_REPLIES.match(" channel more useful")
    assert BOT_BEFORE_APP.search("The bot should live in ")
    assert APP_MESSAGES.match(" mentions of @helpbot")


def test_recipients_and_quoted_states() -> None:
    from engine.lexicon import ERROR_WORKFLOW, RECIPIENT_VERB, STATE_CHANGE

    assert RECIPIENT_VERB.search("alert the assigned ")
    assert not RECIPIENT_VERB.search("Build an AI ") and not RECIPIENT_VERB.search("an email ")
    assert STATE_CHANGE.search('Status turns "Ready to publish"')
    assert not STATE_CHANGE.search("the turns of the game")
    assert ERROR_WORKFLOW.search("catches errors from all other workflows")
    assert not ERROR_WORKFLOW.search("collect the error logs from our S3 bucket")


def test_summary_and_destination_cues() -> None:
    from engine.lexicon import AS_IS, BY_EMAIL, COUNT_ASK, PER_ITEM, SUMMARY_WORD, TO_CHANNEL

    assert SUMMARY_WORD.search("boil the new tickets down to a few lines")
    assert SUMMARY_WORD.search("post a tl;dr of the thread") and not SUMMARY_WORD.search("sum it")
    assert COUNT_ASK.search("let me know how many sign-ups came in")
    assert not COUNT_ASK.search("you can count on me")  # "count on" is no count
    assert AS_IS.search("forward the full JSON payload") and not AS_IS.search("forward it to Bob")
    assert PER_ITEM.search("summarise each new post") and not PER_ITEM.search("each morning")
    assert TO_CHANNEL.search("post it to #finance") and not TO_CHANNEL.search("issue #42 is open")
    assert BY_EMAIL.search("send me a daily email with the digest")
    assert not BY_EMAIL.search("summarise my emails")  # mail to read, not where it goes


def test_place_of_a_step_in_a_change() -> None:
    from engine.lexicon import MOVE_STEP, PLACE_AFTER, PLACE_BEFORE, PLACE_BETWEEN, PLACE_FIRST

    between = PLACE_BETWEEN.search("add a filter between HubSpot and Gmail to drop spam")
    assert between and (between.group("a"), between.group("b")) == ("HubSpot", "Gmail")
    before = PLACE_BEFORE.search("insert a Code step before the Sheets step, please")
    assert before and before.group("x") == "the Sheets step"
    after = PLACE_AFTER.search("put a wait after the HTTP call so it settles")
    assert after and after.group("x") == "the HTTP call"
    assert PLACE_FIRST.search("as the very first step, check the date")
    assert not PLACE_FIRST.search("the first row is a header")
    moved = MOVE_STEP.search("the Slack message should come after the filter")
    assert moved and moved.group("y") == "the Slack message"
    assert not MOVE_STEP.search("move fast and send the report")


def test_who_sends_and_ai_removal_words() -> None:
    from engine.lexicon import (
        AI_AS_TOPIC,
        AI_PART_WORDS,
        AI_STEP_WORDS,
        MODAL_BEFORE,
        REPORT_AFTER_DAY,
        SEND_SUBJECT,
        WORKFLOW_SUBJECT,
    )

    assert SEND_SUBJECT.fullmatch("customers") and WORKFLOW_SUBJECT.fullmatch("bot")
    assert not WORKFLOW_SUBJECT.fullmatch("customers")  # someone writing in, not the workflow
    assert MODAL_BEFORE.search("our ticketing tool can ") and not MODAL_BEFORE.search("tool ")
    assert REPORT_AFTER_DAY.match(" report to the team") and not REPORT_AFTER_DAY.match(" at 9")
    assert AI_STEP_WORDS.search("skip the ai summary") and AI_PART_WORDS.search("drop the memory")
    assert AI_AS_TOPIC.search("only posts about AI") and not AI_AS_TOPIC.search("add an AI step")


# ------------------------------------------------------------------ session 8 cues (HT2)


@pytest.mark.parametrize(
    ("text", "own_code", "n8n_word"),
    [
        ("KeyError in my python script", True, False),
        ("my SQL query returns duplicates", True, False),
        ("why does my docker container exit with code 137", True, False),
        ("my Code node throws a TypeError", True, True),
        ("which phone should I buy", False, False),
        ("my Node.js app leaks memory", True, False),
        ("the Merge node drops items", False, True),
    ],
)
def test_own_code_and_n8n_words(text: str, own_code: bool, n8n_word: bool) -> None:
    assert bool(lexicon.OWN_CODE.search(text)) is own_code
    assert bool(lexicon.N8N_WORD.search(text)) is n8n_word


def test_writing_asks_and_texts_handed_on() -> None:
    assert lexicon.WRITING_ASK.match("Can you help me draft a tweet about our launch")
    assert not lexicon.WRITING_ASK.match("Every Monday write a summary")
    assert lexicon.HANDS_TEXT_ON.search("write a post and publish it to LinkedIn")
    assert not lexicon.HANDS_TEXT_ON.search("write a post announcing my promotion")


def test_an_event_question_then_an_order() -> None:
    assert lexicon.EVENT_QUESTION_THEN_ORDER.search("deal lost? ping me on slack")
    assert not lexicon.EVENT_QUESTION_THEN_ORDER.search("is the trigger instant? thanks")


@pytest.mark.parametrize(
    ("before", "ruled_out"),
    [
        ("please don't use the ", True),
        ("without the ", True),
        ("instead of a ", True),
        ("start it from the ", False),
        ("it's not that the ", False),
    ],
)
def test_a_start_ruled_out(before: str, ruled_out: bool) -> None:
    assert bool(lexicon.NOT_THIS.search(before)) is ruled_out


def test_records_acted_on_orders_after_an_event_and_pointing_back() -> None:
    assert lexicon.ACTED_ON_BY.match(" deal we win in pipedrive")
    assert not lexicon.ACTED_ON_BY.match(" customer we have in the sheet")
    assert lexicon.ORDER_AFTER_EVENT.search("a new order should be written to the sheet")
    assert lexicon.POINTS_BACK.match(" this happens, email me")
    assert lexicon.POINTS_BACK.match(" one is resolved")
    assert not lexicon.POINTS_BACK.match(" a deal is won")
