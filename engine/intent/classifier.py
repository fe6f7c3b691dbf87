"""Intent classification: the local model (default) and the LLM classifier.

Local: embed the turn with the ONNX MiniLM (the same embedder as the knowledge index), append the
hand features, one matrix product and a softmax with the committed weights - a few milliseconds,
no network, no scikit-learn import. One rule on top of the model: a modification needs a workflow
to modify, so without one in the conversation its probability goes to ``workflow_request``.

LLM: the ``intent_classification`` prompt through a provider's ``complete`` with a JSON schema.
A provider that cannot answer (the offline one, a network failure) falls back to the local model
and says so in ``IntentResult.classifier`` ("llm->local"), so a pipeline never stops here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from engine.intent.entities import extract_entities
from engine.intent.features import (
    FEATURE_NAMES,
    MAX_CHARS,
    asks,
    hand_features,
    has_prior_workflow,
    normalise,
)
from engine.intent.model import load_model
from engine.intent.names import record_words, stem
from engine.lexicon import (
    A_FLOW_THAT,
    ABOUT_THE_ASSISTANT,
    APP_SCREEN,
    ASKED_ACTION,
    ASKED_HOW_CLAUSE,
    ASKED_IF_IT_CAN,
    ASKED_OF_THE_FLOW_BEFORE,
    ASKED_TO_EXPLAIN,
    ASKER_DOES_BEFORE,
    ASKER_SUBJECT,
    ASKERS_OWN_SUBJECT,
    ASKS_HOW_OPENING,
    ASKS_YOU_TO,
    AUTOMATION_TOPIC,
    BETTER_WORK_ASK,
    BUILD_IT,
    BUILD_SOMETHING,
    CHANNEL_ORDER_OPENING,
    CHOICE_BETWEEN,
    CLAUSE_IN_SUBJECT,
    CLAUSE_ORDER,
    CLAUSE_QUESTION,
    CODE_IN_TEXT,
    CODE_ORDER,
    CONDITIONAL_ANY_ORDER,
    CONDITIONAL_ORDER,
    DESCRIBED_THING,
    DONE_STATEMENT,
    EVENT_QUESTION_THEN_ORDER,
    EVENT_START_WORDS,
    EVERYDAY_TOPIC_WORD,
    EXPECTED_OF_IT,
    FEATURE_WORD_AS_VERB_BEFORE,
    FIND_OUT_ASK,
    GIVE_ME_OPENING,
    HAND_WORK_NOW,
    HANDS_TEXT_ON,
    HEDGE_OPENING,
    HOW_TO_GET,
    IF_ASKER_INSTALLS,
    IMPERATIVE_OPENING,
    IN_TOOL,
    N8N_NAMED,
    N8N_NODE_AFTER,
    N8N_PART,
    N8N_WORD,
    NEW_WORKFLOW_ASK,
    NOT_ABOUT_N8N,
    NOUN_BEFORE,
    OPENS_WITH_ORDER_ON_RECORDS,
    ORDER_AFTER_EVENT,
    ORDER_VERB,
    OTHER_LANGUAGE_ASKED_ORDER,
    OTHER_LANGUAGE_ORDER,
    OTHER_LANGUAGE_STATEMENT,
    OTHER_LANGUAGE_TEACH_ME,
    OTHER_LANGUAGE_WISH,
    OTHER_RUNS_FAIL,
    OTHER_TOOL_FRAME,
    OWN_CODE,
    OWN_SOFTWARE,
    OWN_THING_ELSEWHERE,
    PEOPLE_AT_WORK,
    PERSON_IN_CLAUSE,
    PLAN_FOR_ASKER,
    POLITE_ORDER,
    POLITE_ORDER_OPENING,
    PREDICTING_MODAL,
    PROCESS_WORD,
    PROGRAM_FEATURE_WORD,
    QUESTION_FRAGMENT_OPENING,
    QUOTED_TEXT,
    RECEIVED_BY_ASKER,
    RECORD_ORDER_OPENING,
    RECORDS_AS_SUBJECT,
    RECORDS_REACH,
    RECORDS_TO_WRITE,
    SHORT_HEADING,
    STANDING_START,
    SUBJECT_ADVERBS,
    SUBJECT_DETERMINER,
    SUBJECT_FILLER,
    TERSE_LINK,
    THANKS_OR_HELLO,
    TOLD_ABOUT_IT,
    TOLD_STATEMENT,
    TOLD_TO_ASKER,
    TOOL_FEATURE_WORD,
    TRIGGER_PHRASE,
    TROUBLE_REPORT,
    VERB_ALSO_NOUN,
    WHEN_IT_RUNS,
    WISH_ASK,
    WISH_QUESTION,
    WORK_ORDER,
    WRITING_ASK,
    WRITING_TOPIC,
)
from engine.types import INTENTS, IntentResult
from indexing.catalog.load import load_catalog
from nodepilot.errors import UserError

log = logging.getLogger(__name__)

CLASSIFIERS = ("local", "llm")

#: What the LLM must return (also the schema the providers pass as structured output).
INTENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "intent": {"type": "string", "enum": list(INTENTS)},
        # no minimum/maximum: not every structured-output mode accepts them; clamped on read
        "confidence": {"type": "number", "description": "0 to 1"},
        "reason": {"type": "string"},
    },
    "required": ["intent", "confidence", "reason"],
    "additionalProperties": False,
}


def classify(
    text: str,
    conversation: Sequence[Any] = (),
    *,
    classifier: str = "local",
    provider: Any = None,
) -> IntentResult:
    """The intent of the latest user turn ``text`` given the prior ``conversation``.

    ``conversation`` holds ``engine.types.Message`` objects (or anything with ``role`` and
    ``content``, e.g. the dataset's turns). Blank text is general conversation (nothing to
    build). Raises UserError only for an unknown ``classifier`` name.
    """
    if classifier not in CLASSIFIERS:
        raise UserError(
            f"unknown intent classifier {classifier!r}",
            hint=f"use one of: {', '.join(CLASSIFIERS)}",
        )
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    conversation = tuple(conversation or ())
    text = text[:MAX_CHARS]
    if not text.strip():
        scores = {name: (1.0 if name == "general_conversation" else 0.0) for name in INTENTS}
        return IntentResult("general_conversation", 1.0, (), classifier, scores)
    entities = extract_entities(text)
    if classifier == "llm":
        result = _classify_llm(text, conversation, provider, entities)
        if result is not None:
            return result
        local = _classify_local(text, conversation, entities)
        return IntentResult(local.intent, local.confidence, entities, "llm->local", local.scores)
    return _classify_local(text, conversation, entities)


def local_scores(
    text: str, conversation: Sequence[Any] = (), entities: Sequence[Any] | None = None
) -> dict[str, float]:
    """Class probabilities of the local model (after the no-workflow-to-modify rule)."""
    from indexing.embeddings import get_embedder

    model = load_model()
    text = normalise(text) or text[:MAX_CHARS]
    hand = hand_features(text, conversation, entities)
    vector = np.concatenate(
        [
            np.asarray(get_embedder().embed_query(text), dtype=np.float32),
            np.asarray(hand, dtype=np.float32),
        ]
    )
    probs = model.probabilities(vector)
    scores = {name: float(p) for name, p in zip(model.classes, probs, strict=True)}
    if "workflow_modification" in scores and (
        not has_prior_workflow(conversation) or NEW_WORKFLOW_ASK.search(text)
    ):
        scores["workflow_request"] = scores.get("workflow_request", 0.0) + scores.pop(
            "workflow_modification"
        )
        scores["workflow_modification"] = 0.0
    named = dict(zip(FEATURE_NAMES, hand, strict=True))
    _asked_how_orders_nothing(text, named, scores)
    if (
        (named["imperative_opening"] or _opens_with_order(text))
        and (
            named["named_apps"]
            or named["trigger_entity"]
            or any(CHANNEL_ORDER_OPENING.match(t) for t in (text, after_heading(text)))
        )
        and not named["question_mark"]
        and not named["question_opening"]
    ):
        # "add a row to google sheets", "upload new photos to Dropbox", "build a chatbot for
        # our website", "tag new Intercom users who ..." (a verb acting on an app's records,
        # ``RECORD_ORDER_OPENING``): an order naming an app or how it starts is something to
        # build, however short (the model, trained on requests that mostly say how they
        # start, took short ones for small talk)
        build = max(("workflow_request", "workflow_modification"), key=lambda k: scores.get(k, 0))
        scores[build] = scores.get(build, 0.0) + scores.get("general_conversation", 0.0)
        scores["general_conversation"] = 0.0
    _conditional_orders_are_requests(text, named, scores)
    _orders_in_other_languages_are_requests(text, named, scores)
    _orders_to_build_are_requests(text, named, entities, scores)
    _descriptions_are_requests(text, conversation, named, scores)
    _event_questions_are_requests(text, entities, scores)
    _error_workflows_are_requests(text, entities, named, scores)
    _statements_are_not_questions(text, entities, named, scores)
    _asked_to_arrange_an_event(text, entities, named, scores)
    _polite_orders_with_a_start_are_requests(text, entities, named, scores)
    _checks_asked_are_questions(text, scores)
    _troubles_reported_order_nothing(text, conversation, named, scores)
    _told_statements_order_nothing(text, conversation, entities, named, scores)
    _off_topic_questions_are_conversation(text, conversation, entities, scores)
    _writing_asks_are_conversation(text, conversation, entities, scores)
    return scores


def _asked_how_orders_nothing(text: str, named: dict[str, float], scores: dict[str, float]) -> None:
    """ "how do I set up an out of office reply in Outlook", "my WiFi keeps dropping every
    evening, how do I fix it": asking how to do something (``ASKED_HOW_CLAUSE``), with no
    order given (no imperative opening, no "build it"), is a question - the model, seeing an
    app, a verb of work or a frequency, read an order. A sentence before the asking may be the
    order ("Every Friday post our revenue in Slack. How do we add a chart?"). Read before the
    rules after the model,
    so a flow wished for this way ("how can I save new Gmail attachments to Google Drive?",
    ``_wished_flow``) is still made a request by them, and one outside automation is made
    conversation (``_off_topic_questions_are_conversation``)."""
    if max(scores, key=lambda k: scores[k]) != "workflow_request":
        return
    how = ASKED_HOW_CLAUSE.search(text)
    if how is None or named["imperative_opening"] or BUILD_IT.search(text):
        return
    if _SENTENCE_END.search(text, 0, how.start() + 1):  # (the match opens on its mark)
        return  # "Every Friday post our Stripe revenue in Slack. How do we add a chart later?"
    scores["question"] = scores.get("question", 0.0) + scores["workflow_request"]
    scores["workflow_request"] = 0.0


def _opens_with_order(text: str) -> bool:
    """The turn opens with an order, read at its start or after a short heading ("Weekly job:
    pull the ..."). Both: "insert a record in airtable: name Bob" opens with its order, and what
    looks like a heading there is the order itself (read after it, "name Bob" is no order). A
    verb that is the channel ("email the team that ...", "tweet '...'", ``CHANNEL_ORDER_OPENING``)
    opens an order too."""
    return any(
        cue.match(opening)
        for opening in (text, after_heading(text))
        for cue in (RECORD_ORDER_OPENING, IMPERATIVE_OPENING, CHANNEL_ORDER_OPENING)
    )


def after_heading(text: str) -> str:
    """The turn after a short heading ("One-time cleanup: delete all the Trello cards ...",
    "Fun fact: I moved from Slack to Teams"): the readers of a turn's opening read it there,
    or a heading hid an order (read as small talk) or a statement (read as an order)."""
    heading = SHORT_HEADING.match(text)
    return text[heading.end() :] if heading else text


def _writing_asks_are_conversation(
    text: str,
    conversation: Sequence[Any],
    entities: Sequence[Any] | None,
    scores: dict[str, float],
) -> None:
    """ "Write a LinkedIn post announcing that I got promoted": a piece of text written for
    the asker (``WRITING_ASK``), with no way to start, no AI step, no n8n word and nothing done
    with the text afterwards (``HANDS_TEXT_ON``), is general conversation - the app it names
    is where the asker will paste it. (An order naming an app is otherwise taken as a build.)
    So is an order to write code in a language for the asker (``CODE_ORDER``: "Build a React
    component for a login form"), with no n8n word, and one to make the asker a plan of their
    days (``_plan_for_asker``: "make me a weekly workout schedule")."""
    if has_prior_workflow(conversation) or N8N_WORD.search(_ask_without_its_text(text)):
        return  # (an n8n word in the text's topic is what it is about: "a post about our ...")
    if not CODE_ORDER.match(text) and not _plan_for_asker(text, entities):
        if not _text_for_asker(text, entities):
            return
    said = sum(scores.get(k, 0.0) for k in ("workflow_request", "question"))
    scores["general_conversation"] = scores.get("general_conversation", 0.0) + said
    scores["workflow_request"] = scores["question"] = 0.0


def _ask_without_its_text(text: str) -> str:
    """A writing ask (``WRITING_ASK``) without its topic and the text it is given: "write a
    LinkedIn post about our team launching a Slack integration" asks for a post; "integration"
    is what the post is about (HIN6). Other turns are returned whole."""
    ask = WRITING_ASK.match(text)
    if ask is None:
        return text
    topic = WRITING_TOPIC.search(text, ask.end())
    return text[: topic.start()] if topic else text


def _text_for_asker(text: str, entities: Sequence[Any] | None) -> bool:
    """A piece of text written for the asker (``WRITING_ASK``) and kept by them: nothing done
    with it afterwards (``HANDS_TEXT_ON``), no start, schedule or AI step said outside the
    text itself - quoted, its topic ("a limerick about ... on Mondays", ``WRITING_TOPIC``) or
    given after a colon ("summarize this article for me: ... on Tuesday") - and no start word
    ("tell a joke on Discord whenever someone types !joke" is a bot, ``TRIGGER_PHRASE``)."""
    ask = WRITING_ASK.match(text)
    if ask is None or HANDS_TEXT_ON.search(text) or RECORDS_TO_WRITE.match(text):
        return False  # (what "write new Shopify orders to MySQL" writes are records)
    quoted = [m.span() for m in QUOTED_TEXT.finditer(text)]
    if topic := WRITING_TOPIC.search(text):  # "a limerick about ... on Mondays": its subject
        quoted.append((topic.end(), len(text)))
    if (given := text.find(":", ask.end())) >= 0:  # the text given to work on
        quoted.append((given, len(text)))
    if any(not _within(m.span(), quoted) for m in TRIGGER_PHRASE.finditer(text)):
        return False
    if EVENT_START_WORDS.search(text, ask.end()):
        return False  # "compose a tweet announcing each new YouTube video": when it is written
    return not any(
        getattr(e, "kind", None) in ("trigger", "schedule", "ai")
        and (not _inside(text, getattr(e, "span", "") or "", quoted) or _an_app_event(e))
        for e in entities or ()
    )  # (a day inside the text to write or its topic is no schedule)


def _an_app_event(entity: Any) -> bool:
    """A start on an app's or a form's event, found in the words of the request: said even in a
    text's topic ("compose a tweet announcing each new YouTube video", "draft an email for the
    client when a Typeform is submitted"), it says when the text is written - a workflow. A
    day there is the text's own ("a poem for my mom's birthday on Sunday")."""
    value = getattr(entity, "value", None) or {}
    return (
        getattr(entity, "kind", None) == "trigger"
        and value.get("kind") in ("app", "form", "webhook")
        and not value.get("weak")
    )


def _within(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    """``span`` lies inside one of ``ranges``."""
    return any(a <= span[0] and span[1] <= b for a, b in ranges)


def _plan_for_asker(text: str, entities: Sequence[Any] | None) -> bool:
    """ "create a daily meal plan for a diabetic person", "make me a monthly savings plan": a
    plan made for the asker (``PLAN_FOR_ASKER``), no app named, nothing done with it after
    (``HANDS_TEXT_ON``) and no start said outside it ("... every sunday" is a run) - the model
    read the frequency inside the plan ("daily", "weekly") as a schedule and the verb as an
    order to build."""
    plan = PLAN_FOR_ASKER.match(text)
    if plan is None or HANDS_TEXT_ON.search(text):
        return False
    for entity in entities or ():
        kind, value = getattr(entity, "kind", None), getattr(entity, "value", None) or {}
        own = _inside(text, getattr(entity, "span", "") or "", [plan.span()])
        if kind == "ai" or (kind == "app" and not (own and value.get("fuzzy"))):
            return False  # (an app guessed from the plan's words - "to-do list" - is no app)
        if kind in ("trigger", "schedule") and not own:
            return False
    return True


def _inside(text: str, span: str, ranges: list[tuple[int, int]]) -> bool:
    """Every occurrence of ``span`` in ``text`` lies inside one of ``ranges``."""
    at = text.find(span) if span else -1
    if at < 0:
        return False
    while at >= 0:
        if not any(a <= at and at + len(span) <= b for a, b in ranges):
            return False
        at = text.find(span, at + 1)
    return True


def _descriptions_are_requests(
    text: str, conversation: Sequence[Any], named: dict[str, float], scores: dict[str, float]
) -> None:
    """ "gmail auto-responder that answers pricing questions": the description of a thing to
    build, naming an app and how it starts, with no question in it, is a request (the model,
    which reads no verb, takes it for small talk). So is a flow written as its two ends
    ("gmail to notion", "rss to twitter", ``TERSE_LINK``) naming an app: where data comes
    from and where it goes, with no start said (the thing built starts on the first end)."""
    if max(scores, key=lambda k: scores[k]) != "general_conversation" or asks(text):
        return
    if has_prior_workflow(conversation) or THANKS_OR_HELLO.match(text):
        return
    if named["question_opening"]:
        return  # "what's the keyboard shortcut to mute myself in zoom": asked, without a "?"
    described = named["trigger_entity"] and DESCRIBED_THING.match(text)
    if not (named["named_apps"] and (described or TERSE_LINK.match(text))):
        return
    said = scores["general_conversation"]
    scores["workflow_request"] = scores.get("workflow_request", 0.0) + said
    scores["general_conversation"] = 0.0


def _event_questions_are_requests(
    text: str, entities: Sequence[Any] | None, scores: dict[str, float]
) -> None:
    """ "gcal event got cancelled? text me on telegram": an app event asked as a question, then
    an order (``EVENT_QUESTION_THEN_ORDER``), is something to build - the event before the
    question mark is a trigger the entity stage found; the model reads the "?" as a question.
    So is a schedule's question ("friday thing: which repos got new stars? post the list to
    discord"): what the scheduled run looks up, then what it does with it."""
    order = EVENT_QUESTION_THEN_ORDER.search(text)
    if order is None or max(scores, key=lambda k: scores[k]) == "workflow_modification":
        return
    begin = max((m.end() for m in _SENTENCE_MARK.finditer(text, 0, order.start())), default=0)
    if N8N_WORD.search(text, begin, order.start()):
        return  # "Does the Shopify trigger fire on drafts? Let me know": asked about n8n itself
    event_before = any(
        getattr(e, "kind", None) == "trigger"
        and (getattr(e, "value", None) or {}).get("kind") in ("app", "schedule")
        and 0 <= text.find(getattr(e, "span", "") or "\0") < order.start()
        for e in entities or ()
    )
    if not event_before and not _app_fragment_asked(text, order.start(), entities):
        return
    for other in ("question", "general_conversation"):
        scores["workflow_request"] = scores.get("workflow_request", 0.0) + scores.get(other, 0.0)
        scores[other] = 0.0


def _error_workflows_are_requests(
    text: str, entities: Sequence[Any] | None, named: dict[str, float], scores: dict[str, float]
) -> None:
    """ "An error workflow which posts failed executions to Slack", "When any of my workflows
    fails, can you send me a Telegram message?": a workflow that starts when others fail (the
    entity stage found the error start, ``ERROR_WORKFLOW``) with something it does, not asked
    how or why, is something to build - the model, which learnt "error" from n8n questions
    about errors, reads it as a question. A problem reported ("my error workflow doesn't
    fire", ``TROUBLE_REPORT``) or a turn opening with a question word stays a question."""
    if not any(
        getattr(e, "kind", None) == "trigger" and (getattr(e, "value", None) or {}).get("kind")
        == "error" for e in entities or ()
    ):  # fmt: skip
        return
    if named["question_opening"] or TROUBLE_REPORT.search(text):
        return
    asked_to_do = (
        "?" not in text or POLITE_ORDER.search(text) or EVENT_QUESTION_THEN_ORDER.search(text)
    )
    if not asked_to_do or not (named["named_apps"] or ORDER_VERB.search(text)):
        return
    build = max(("workflow_request", "workflow_modification"), key=lambda k: scores.get(k, 0))
    for other in ("question", "general_conversation"):
        scores[build] = scores.get(build, 0.0) + scores.get(other, 0.0)
        scores[other] = 0.0


def _statements_are_not_questions(
    text: str, entities: Sequence[Any] | None, named: dict[str, float], scores: dict[str, float]
) -> None:
    """ "Orders hit a webhook ... If that call errors, wait 5 min and retry", "a failing
    workflow should open a ticket in Zendesk", "Global catch-all please: when anything in my
    n8n breaks, I get an SMS": a turn that asks nothing - no question mark, no question word
    opening a clause (``CLAUSE_QUESTION``; "saying which flow died" only says what to report),
    no trouble reported - and that orders something (a modal or wish, ``ORDER_AFTER_EVENT``, or
    an imperative opening a clause, ``CLAUSE_ORDER``) about an app or a start is something to
    build; so is an order to hand the asker something (``GIVE_ME_OPENING``) with a start word
    and two apps linked ("give me the main points of each new Intercom conversation in
    Microsoft Teams"). The model, which
    learnt "question" from n8n words such as "error", "fails" or "webhook", read these as
    questions. Quoted text (an error message) is not the asker's."""
    if max(scores, key=lambda k: scores[k]) != "question" or _ASKED.search(text):
        return  # ("GET /pipelines?status=failed": a query string asks nothing)
    said = QUOTED_TEXT.sub(" ", text)
    if named["question_opening"] or CLAUSE_QUESTION.search(said) or TROUBLE_REPORT.search(said):
        return
    flow_said = (
        GIVE_ME_OPENING.match(said) and named["trigger_phrase"] and apps_linked(said, entities)
    )
    if not (ORDER_AFTER_EVENT.search(said) or CLAUSE_ORDER.search(said) or flow_said):
        return
    if not (named["named_apps"] or named["trigger_entity"] or OTHER_RUNS_FAIL.search(said)):
        return
    build = max(("workflow_request", "workflow_modification"), key=lambda k: scores.get(k, 0))
    scores[build] = scores.get(build, 0.0) + scores["question"]
    scores["question"] = 0.0


def _checks_asked_are_questions(text: str, scores: dict[str, float]) -> None:
    """ "Not sure the Slack node can post to threads; check and tell me", "I think the Google
    Sheets node has a row limit, check it for me", "Please look up whether Airtable has a
    trigger node": an ask to find something out (``FIND_OUT_ASK``: "check and tell me", "look
    up whether") after a doubt (``HEDGE_OPENING``) or about whether something holds wants an
    answer, not a workflow - its imperative ("check") orders the assistant, not a step. A
    workflow that checks things says when it runs ("when ...", "every ...")."""
    if max(scores, key=lambda k: scores[k]) not in ("workflow_request", "workflow_modification"):
        return
    ask = FIND_OUT_ASK.search(text)
    if ask is None or WHEN_IT_RUNS.search(text):
        return
    whether = ask.group(0).lower().rstrip().endswith(("whether", "if"))
    if not (whether or HEDGE_OPENING.match(text)):
        return
    for build in ("workflow_request", "workflow_modification"):
        scores["question"] = scores.get("question", 0.0) + scores.get(build, 0.0)
        scores[build] = 0.0


#: A question mark that ends a sentence (not one inside a URL's query string).
_ASKED = re.compile(r"\?(?=[\s)\"'\u201d\u2019]|$)")


def _asked_to_arrange_an_event(
    text: str, entities: Sequence[Any] | None, named: dict[str, float], scores: dict[str, float]
) -> None:
    """ "Could you set it up so that when a deal lands in the 'Contract sent' stage of our
    Pipedrive pipeline, a Todoist task is created?", "Can you have Jira tell #qa each time an
    issue transitions to Ready for QA?": the assistant asked to arrange (``ASKS_YOU_TO``) what
    happens on an app event the entity stage found (not a trigger node named by name - "can you
    make the Slack trigger ..." asks about the node) is an order, though it ends with "?"."""
    if max(scores, key=lambda k: scores[k]) != "question" or not ASKS_YOU_TO.match(text):
        return
    # a webhook that hands what it receives to an app ("could u hook up a webhook endpoint that
    # pushes the payload to Slack?") is arranged like an app event; alone, it may be the node
    kinds = ("app", "error", "webhook") if named["named_apps"] else ("app", "error")
    if N8N_PART.search(text) or not any(
        getattr(e, "kind", None) == "trigger"
        and (getattr(e, "value", None) or {}).get("kind") in kinds
        and not (getattr(e, "value", None) or {}).get("explicit")
        and "trigger" not in (getattr(e, "span", "") or "").lower()
        for e in entities or ()
    ):
        return
    build = max(("workflow_request", "workflow_modification"), key=lambda k: scores.get(k, 0))
    scores[build] = scores.get(build, 0.0) + scores["question"]
    scores["question"] = 0.0


def _polite_orders_with_a_start_are_requests(
    text: str, entities: Sequence[Any] | None, named: dict[str, float], scores: dict[str, float]
) -> None:
    """ "Could you send me a summary of my unread Outlook emails every morning on Telegram?",
    "Can you post every new Shopify order to our #sales channel in Slack?": an order put to the
    assistant politely (``POLITE_ORDER_OPENING``: "can/could/would/will you" and a verb of
    work) that says when it happens - an app event or a schedule the entity stage found, not a
    trigger node named by name, or a start word ("every new", "whenever") beside an app - or
    that moves things between two apps it links ("Could you forward emails from my support
    inbox to a Discord channel?", ``apps_linked``: the first app's new records start it) is
    something to build; the model reads the opening and the
    "?" as a question. Asked to explain, show or check ("can you show me how to post to Slack
    when ...", ``ASKED_TO_EXPLAIN``) or reporting trouble, it stays a question."""
    if max(scores, key=lambda k: scores[k]) not in ("question", "general_conversation"):
        return  # (small talk too: "can you copy my Trello cards into Asana?")
    if not POLITE_ORDER_OPENING.match(text) or ASKED_TO_EXPLAIN.search(text):
        return
    if TROUBLE_REPORT.search(text) or N8N_PART.search(text):
        return  # "can you tell the Slack node to ..." asks about n8n's own parts
    said_when = named["trigger_phrase"] and named["named_apps"]  # "every new Shopify order"
    # "forward emails ... to Discord"; "can you send data from Gmail to Slack with n8n?" asks
    # what n8n can do
    said_when = said_when or (apps_linked(text, entities) and not N8N_WORD.search(text))
    if not said_when and not any(_says_when_it_runs(e) for e in entities or ()):
        return
    for other in ("question", "general_conversation"):
        scores["workflow_request"] = scores.get("workflow_request", 0.0) + scores.get(other, 0.0)
        scores[other] = 0.0


def _says_when_it_runs(entity: Any) -> bool:
    """A start the entity stage found in the words of the request (an app event, a schedule,
    other runs failing), not a trigger node named by its name nor a weak guess."""
    value = getattr(entity, "value", None) or {}
    return (
        getattr(entity, "kind", None) == "trigger"
        and value.get("kind") in ("app", "schedule", "error")
        and not value.get("explicit")
        and not value.get("weak")
        and "trigger" not in (getattr(entity, "span", "") or "").lower()
    )


def _troubles_reported_order_nothing(
    text: str, conversation: Sequence[Any], named: dict[str, float], scores: dict[str, float]
) -> None:
    """ "My Discord bot written in discord.py doesn't respond to commands anymore", "my cron
    job on Ubuntu doesn't run at midnight": a problem reported (``TROUBLE_REPORT``) that orders
    nothing - no verb of work outside the trouble itself, no imperative opening - is not a thing
    to build, though the model, seeing an app or a time, reads one. It is a question (and, about
    the asker's own code, general conversation - see ``_off_topic_questions_are_conversation``).
    "When my website doesn't respond, text me" orders something, and stays a request; what the
    troubled thing should do, in a relative clause (``EXPECTED_OF_IT``: "the celery task that
    should run every night never fires"), is part of the trouble; a quoted text (pasted config)
    or what the asker does ("works when I run it by hand", ``ASKER_DOES_BEFORE``) orders
    nothing either (HIN6 s20)."""
    if max(scores, key=lambda k: scores[k]) != "workflow_request":
        return
    if has_prior_workflow(conversation) or named["imperative_opening"]:
        return
    trouble = TROUBLE_REPORT.search(text)
    if trouble is None:
        return
    rest = text[: trouble.start()] + " " + text[trouble.end() :]
    rest = EXPECTED_OF_IT.sub(" ", QUOTED_TEXT.sub(" ", rest))  # "the task that should run"
    ordered = any(
        not ASKER_DOES_BEFORE.search(rest, 0, m.start()) for m in ORDER_VERB.finditer(rest)
    )
    if ordered or BUILD_SOMETHING.search(rest) or A_FLOW_THAT.search(rest):
        return
    scores["question"] = scores.get("question", 0.0) + scores["workflow_request"]
    scores["workflow_request"] = 0.0


def _told_statements_order_nothing(
    text: str,
    conversation: Sequence[Any],
    entities: Sequence[Any] | None,
    named: dict[str, float],
    scores: dict[str, float],
) -> None:
    """ "I moved from Slack to Teams last year and I miss threads", "Our team uses Jira and
    Confluence and honestly it's a mess": something told about the asker or people around
    them (``TOLD_STATEMENT``: no wish, need or automation word) that orders nothing (no verb
    of work, ``ORDER_VERB``; no imperative opening) and says no start is small talk - the model,
    seeing two apps named, read a flow between them. Asked ("?"), it is left to the model.
    So is what the asker did or already has, the automation included ("I connected Gmail to
    n8n yesterday", "we already have a workflow that posts Jira issues to Slack",
    ``DONE_STATEMENT``), with no order opening a clause after it (``CLAUSE_ORDER``): the model
    read n8n's words as a question and two apps as a flow. A start said inside what was done
    ("I just finished my first Telegram bot", "I built a workflow that posts every morning")
    describes the thing built; one in a later clause ("I connected Gmail, every new email goes
    to Notion") describes a flow wished for."""
    top = max(scores, key=lambda k: scores[k])
    if top not in ("workflow_request", "question") or asks(text):
        return
    if has_prior_workflow(conversation) or named["imperative_opening"] or named["arrow"]:
        return
    starts = named["trigger_entity"] or named["trigger_phrase"]
    opening = after_heading(text)
    if DONE_STATEMENT.match(opening):
        if CLAUSE_ORDER.search(text) or BUILD_SOMETHING.search(text):
            return
        if starts and not _starts_within_first_clause(text, entities):
            return
    elif starts or top != "workflow_request" or not TOLD_STATEMENT.match(opening):
        return
    elif ORDER_VERB.search(text):
        return
    scores["general_conversation"] = scores.get("general_conversation", 0.0) + scores[top]
    scores[top] = 0.0


def _starts_within_first_clause(text: str, entities: Sequence[Any] | None) -> bool:
    """Every start word (``TRIGGER_PHRASE``) and start the entity stage found lies in the turn's
    first clause (before its first comma, semicolon or sentence end)."""
    first = _CLAUSE_END.search(text)
    end = first.start() if first else len(text)
    if any(m.end() > end for m in TRIGGER_PHRASE.finditer(text)):
        return False
    spans = [
        getattr(e, "span", "") or ""
        for e in entities or ()
        if getattr(e, "kind", None) in ("trigger", "schedule")
    ]
    return all(0 <= text.find(span) and text.find(span) + len(span) <= end for span in spans)


#: Where a turn's first clause ends.
_CLAUSE_END = re.compile(r"[,;.!?\n](?=\s|$)")


def _app_fragment_asked(text: str, mark: int, entities: Sequence[Any] | None) -> bool:
    """The words before the question mark at ``mark`` are a fragment naming an app's record,
    not a question ("New YouTube video on our channel?", "Fresh lead in pipedrive?", "Another
    invoice paid in Xero?"): no question word opens them, and an app is named in them - an
    event said the short way, whether or not n8n has a trigger for the app."""
    begin = max((m.end() for m in _SENTENCE_MARK.finditer(text, 0, mark)), default=0)
    asked = text[begin:mark]
    if QUESTION_FRAGMENT_OPENING.match(asked) or CHOICE_BETWEEN.search(asked) or not asked.strip():
        return False  # a question, or a choice between apps ("Slack or Teams?")
    return any(
        getattr(e, "kind", None) == "app"
        and 0 <= asked.lower().find((getattr(e, "span", "") or "\0").lower())
        for e in entities or ()
    )


#: Where a sentence ends before a question mark (the question's own words start after it).
_SENTENCE_MARK = re.compile(r"[.!?;:\n]\s*")
#: Where the sentence of a wish ends (a mark, not a dot inside "make.com" or a URL).
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def _conditional_orders_are_requests(
    text: str, named: dict[str, float], scores: dict[str, float]
) -> None:
    """ "If the workflow errors, retry the call and post to Slack": an order under a condition
    that names an app or how it starts is something to build, though it opens with "if" or
    "when" like a question would (the model reads those openings as questions)."""
    if asks(text) or not (CONDITIONAL_ORDER.search(text) or CONDITIONAL_ANY_ORDER.search(text)):
        return
    if not (named["named_apps"] or named["trigger_entity"]):
        return
    build = max(("workflow_request", "workflow_modification"), key=lambda k: scores.get(k, 0))
    for other in ("question", "general_conversation"):
        scores[build] = scores.get(build, 0.0) + scores.get(other, 0.0)
        scores[other] = 0.0


def _orders_in_other_languages_are_requests(
    text: str, named: dict[str, float], scores: dict[str, float]
) -> None:
    """ "Chaque matin à 8h, envoie-moi la météo sur Telegram", "Jeden Freitag um 17 Uhr eine
    Zusammenfassung der GitHub Issues per E-Mail schicken": an order in another language
    (``OTHER_LANGUAGE_ORDER``) naming an app, with nothing asked (no "?", no question word
    opening it), is something to build. Why: the model, trained on English requests, places
    the embedding of such a turn near questions or small talk, and the entity stage reads no
    time or event in those languages, so the English rules after the model never fire. For
    the same reason what the asker tells in such a language, ordering nothing, is small talk
    (the English rules for statements, ``DONE_STATEMENT``, read English only). An order asked
    as "can you ...?" in those languages (``OTHER_LANGUAGE_ASKED_ORDER``) or a wish with a
    start word ("Ich hätte gern jeden Morgen ...", ``OTHER_LANGUAGE_WISH``) is one too (HIN6),
    unless it names n8n or its parts (then it asks what n8n does)."""
    if not named["named_apps"]:
        return
    asked_order = (  # "Kannst du jede neue Stripe-Zahlung in Airtable eintragen?"
        OTHER_LANGUAGE_ASKED_ORDER.search(text)
        or (OTHER_LANGUAGE_WISH.match(text) and named["trigger_phrase"])
    ) and not (  # ("¿Puedes enviar un Slack con n8n?" asks what n8n does; HR20: taught how)
        N8N_WORD.search(text) or OTHER_LANGUAGE_TEACH_ME.search(text)
    )
    if not asked_order:
        if asks(text) or named["question_opening"]:
            return
        if not OTHER_LANGUAGE_ORDER.search(text):
            if OTHER_LANGUAGE_STATEMENT.match(text) and scores.get("workflow_request", 0.0) > max(
                scores.get("question", 0.0), scores.get("general_conversation", 0.0)
            ):  # "Ich benutze Notion jeden Tag": told, not ordered (``OTHER_LANGUAGE_STATEMENT``)
                scores["general_conversation"] += scores["workflow_request"]
                scores["workflow_request"] = 0.0
            return
    build = max(("workflow_request", "workflow_modification"), key=lambda k: scores.get(k, 0))
    for other in ("question", "general_conversation"):
        scores[build] = scores.get(build, 0.0) + scores.get(other, 0.0)
        scores[other] = 0.0


def _orders_to_build_are_requests(
    text: str, named: dict[str, float], entities: Sequence[Any] | None, scores: dict[str, float]
) -> None:
    """ "Is there a way to copy new Stripe customers into HubSpot? Please set it up.",
    "Could our team get a Slack digest of open PRs at 9 every weekday?" (a wish for something
    delivered, ``WISH_ASK``, with an app and a start or start word named) and
    "Summarise the Jira issues resolved this sprint and email the summary to the team" and
    "Cancel every Stripe subscription that is past due" (``OPENS_WITH_ORDER_ON_RECORDS``): a
    turn ending with an order to build, an order of work that hands its result on, or one
    opening with an order on an app's records, naming an app or how it starts, is something
    to build (the model reads the question before, or an
    opening verb it has not seen, as a question)."""
    if not (named["named_apps"] or named["trigger_entity"]):
        return
    if not (
        BUILD_IT.search(text)
        or (BUILD_SOMETHING.search(text) and not ASKS_HOW_OPENING.match(text))
        or ("?" not in text and WORK_ORDER.search(text))
        or ("?" not in text and OPENS_WITH_ORDER_ON_RECORDS.match(text))
        or (named["trigger_entity"] and WISH_QUESTION.search(text))
        or _wished_flow(text, named, entities)
    ):
        return
    build = max(("workflow_request", "workflow_modification"), key=lambda k: scores.get(k, 0))
    for other in ("question", "general_conversation"):
        scores[build] = scores.get(build, 0.0) + scores.get(other, 0.0)
        scores[other] = 0.0


def _wished_flow(text: str, named: dict[str, float], entities: Sequence[Any] | None) -> bool:
    """ "Is there a way to get the weather on Telegram each morning?", "would it be possible to
    push new Zendesk tickets into a Notion database?", "how would we get new Eventbrite attendees
    into a Mailchimp audience?": a wish asked from the asker's side (``WISH_ASK``) with an app
    and a start named, or between two apps it links (``apps_linked``), is the flow to build -
    unless it names a part of n8n (``N8N_PART``: "how would I get the Gmail trigger to fire
    only for one label?" asks how n8n works). Asked how to get something (``HOW_TO_GET``: "how
    can I save new Gmail attachments to Google Drive?"), it is the flow when two apps are
    linked and it keeps happening by itself (``STANDING_START``: "new", "automatically",
    "every monday") or when something is received on an app's event
    (``_received_on_an_event``); "how do I connect Gmail to Sheets?" or "how do I build a
    workflow that ..." asks how."""
    if _asked_if_the_flow_can_be(text, named, entities):
        return True
    wish = WISH_ASK.search(text)
    if wish is None:
        wish = HOW_TO_GET.match(text)
        if wish is None or BUILD_SOMETHING.search(text):
            return False
        if _received_on_an_event(text, entities):
            return not N8N_PART.search(text)
        if not STANDING_START.search(text):
            return False
        named = {**named, "trigger_entity": 0.0, "trigger_phrase": 0.0}  # linked apps only
    ends = _SENTENCE_END.search(text, wish.end())
    if N8N_PART.search(text, wish.start(), ends.end() if ends else len(text)):
        return False  # (a part named in another sentence - "the node can't do that" - says why)
    start = named["trigger_entity"] or named["trigger_phrase"]
    if start and named["named_apps"] and _only_the_events_app(entities):
        return apps_linked(text, entities)
    return bool((start and named["named_apps"]) or apps_linked(text, entities))


def _asked_if_the_flow_can_be(
    text: str, named: dict[str, float], entities: Sequence[Any] | None
) -> bool:
    """ "can something remind us in Slack?", "can new rows in our Google Sheet become Trello
    cards?", "when someone signs up on our app, can a welcome email go out through SendGrid?",
    "I keep copying Stripe refunds into QuickBooks by hand, can that happen on its own?": a
    clause asking whether something can happen (``ASKED_IF_IT_CAN`` and what it asks to happen,
    ``ASKED_ACTION``), or a question about the flow a statement before it described
    (``ASKED_OF_THE_FLOW_BEFORE``), is the flow wished for when the turn says its two ends
    (``_two_ends_said``). Why: the wish readers keyed on phrasings ("is there a way", "could we
    get"), and each new modal and subject ("could our support inbox ...", "can a welcome email
    ...") fell to the model, which reads the "?" as a question. Not a flow: a part of n8n
    named ("can the Gmail trigger ...", ``N8N_PART``), n8n itself, a trouble reported, a choice,
    an ask to be shown how, an app alone as the subject ("can Slack notify me when someone
    mentions me?" asks about Slack) or a part of n8n ("could a webhook and a schedule both
    start ...?"), or something told to the asker with no start said (``TOLD_TO_ASKER``)."""
    if N8N_PART.search(text) or TROUBLE_REPORT.search(text) or ASKED_TO_EXPLAIN.search(text):
        return False
    if IF_ASKER_INSTALLS.search(text):  # how an app's own integration behaves (HR20)
        return False
    if N8N_NAMED.search(text):
        return False
    if PROCESS_WORD.search(text) and not BUILD_SOMETHING.search(text):
        return False  # "will new records be picked up while the workflow is inactive?"
    apps = [e for e in entities or () if getattr(e, "kind", None) == "app"]
    for ask in ASKED_IF_IT_CAN.finditer(text):
        ends = _SENTENCE_END.search(text, ask.end())
        clause = text[ask.end() : ends.start() if ends else len(text)]
        action = _verb_of_work(clause, apps)
        if action is None or CHOICE_BETWEEN.search(clause) or HAND_WORK_NOW.search(clause):
            continue  # ("can I add my Todoist tasks to Google Calendar by hand?": no flow)
        if RECORDS_REACH.match(clause, action.start()) and not _app_after(clause, action, apps):
            # records "ending up" or "going out" with no app named where they go ("can new
            # Gmail emails end up in the Promotions tab?", "could new Shopify orders go out on
            # the same day?") ask how the app behaves: the older wish readers decide (the lead's
            # check of HIN6 on the session-17 reviewers' requests)
            continue
        subject = SUBJECT_ADVERBS.sub("", clause[: action.start()])  # "automatically"
        if _asked_of_another(clause, subject, action.start(), apps, named):
            continue
        if _predicted_of_one_app(text[: ask.end()], clause, apps):
            continue
        if _two_ends_said(text, named, entities, asker=bool(ASKER_SUBJECT.match(subject))):
            return True
    back = ASKED_OF_THE_FLOW_BEFORE.search(text)
    if back is None:
        return False
    before = text[: back.start()]
    work = _verb_of_work(before, apps) or STANDING_START.search(before)
    return bool(work or HAND_WORK_NOW.search(before)) and _two_ends_said(
        before, named, entities, asker=True
    )


def _predicted_of_one_app(asked: str, clause: str, apps: Sequence[Any]) -> bool:
    """ "Would a new Stripe customer get a receipt email automatically?": a predicting modal
    (``PREDICTING_MODAL``) over the records (``RECORDS_AS_SUBJECT``) of the only app the turn
    names, with no person in the clause (``PERSON_IN_CLAUSE``) - a question about what that
    app does by itself. Why: the possibility reader built a lone trigger of the app (HR20); a
    flow needs someone who wants it or a second end. "Can/could" still ask for a flow."""
    named = {(getattr(a, "span", "") or "").lower() for a in apps} - {""}
    return (
        bool(PREDICTING_MODAL.search(asked))
        and bool(RECORDS_AS_SUBJECT.match(clause))
        and len(named) == 1
        and not PERSON_IN_CLAUSE.search(clause)
    )


def _app_after(clause: str, action: re.Match[str], apps: Sequence[Any]) -> bool:
    """An app is named in ``clause`` after the ``action`` ("... go out through SendGrid")."""
    rest = clause[action.end() :].lower()
    return any((getattr(a, "span", "") or "\0").lower() in rest for a in apps)


def _asked_of_another(
    clause: str, subject: str, verb_at: int, apps: Sequence[Any], named: dict[str, float]
) -> bool:
    """The possibility asked is not a flow's: the subject is apps alone ("can Slack notify me
    ...", "can Dropbox and Google Drive both sync ...": what the apps do by themselves) or a
    part of n8n ("could a webhook and a schedule both start ...": how n8n's parts behave); it
    holds a clause of its own ("can my manager see the messages *I send* ...": the verb is
    not the one asked); or the asker is told something (``TOLD_TO_ASKER``, ``TOLD_ABOUT_IT``:
    "can you tell me the differences?", "can you explain how to send ...")."""
    rest = SUBJECT_DETERMINER.sub("", subject).lower()
    for app in apps:
        rest = rest.replace((getattr(app, "span", "") or "\0").lower(), " ")
    if subject.strip() and not SUBJECT_FILLER.sub(" ", rest).strip():
        return True
    if N8N_WORD.search(subject) or CLAUSE_IN_SUBJECT.search(subject):
        return True
    if TOLD_TO_ASKER.match(clause, verb_at) and not named["trigger_phrase"]:
        return True
    return bool(TOLD_ABOUT_IT.search(subject))


def _two_ends_said(
    text: str, named: dict[str, float], entities: Sequence[Any] | None, *, asker: bool
) -> bool:
    """Where a wished flow starts and where it goes are both said in ``text``: two apps linked;
    an event the entity stage found (not a schedule) with an app or a thing sent
    (``RECEIVED_BY_ASKER``: "can I get a text message when someone submits our form?"); or,
    the subject not being the ``asker``, a start word with an app ("could our support inbox
    automatically create Freshdesk tickets?"). The asker doing something in one app at a time
    ("can I schedule a post in Buffer every Monday?") may ask how to use the app by hand."""
    if apps_linked(text, entities):
        return True
    said = [e for e in entities or () if text.find(getattr(e, "span", "") or "\0") >= 0]
    event = any(
        getattr(e, "kind", None) == "trigger"
        and (getattr(e, "value", None) or {}).get("kind") in ("app", "form", "webhook", "error")
        and not (getattr(e, "value", None) or {}).get("explicit")
        and not (getattr(e, "value", None) or {}).get("weak")
        for e in said
    )
    app = any(getattr(e, "kind", None) == "app" for e in said)
    received = RECEIVED_BY_ASKER.search(text)
    if event and (app or (received and received.group("channel"))):
        return True
    start = named["trigger_entity"] or named["trigger_phrase"] or STANDING_START.search(text)
    return not asker and bool(start) and app


def _received_on_an_event(text: str, entities: Sequence[Any] | None) -> bool:
    """ "how can I get a text when someone stars our GitHub repo?", "how do I get notified on
    Telegram when someone books a Calendly meeting?": asked how to receive something
    (``RECEIVED_BY_ASKER``) on an app's event the entity stage found - the flow to build, its
    start said by the event, though neither "new" nor a second app is. A thing sent ("a text",
    "an email") says where it goes; "notified" alone needs the place named, an app linked
    ("how do I get notified when someone comments on my Google Doc?" may ask about the app's
    own settings)."""
    received = RECEIVED_BY_ASKER.search(text)
    if received is None:
        return False
    event = any(
        _says_when_it_runs(e)
        and (getattr(e, "value", None) or {}).get("kind") == "app"
        and not _a_state_of_the_askers_app(e)
        for e in entities or ()
    )
    return event and bool(received.group("channel") or apps_linked(text, entities))


def _a_state_of_the_askers_app(entity: Any) -> bool:
    """The event's subject is the asker's own app, in a state ("when my Gmail storage is full",
    "when my Shopify store goes offline", "when my Outlook password is about to expire"), not
    one of its records: no trigger of the app starts on that. A reviewer's requests (HR19)
    found such questions built as a lone trigger firing on every new mail or order."""
    value = getattr(entity, "value", None) or {}
    said = str(value.get("event") or "")
    if not ASKERS_OWN_SUBJECT.match(said):
        return False
    app = str(value.get("app") or "")
    named = load_catalog().get(app)  # "my Google Drive storage": "drive" names the app here
    own = {stem(w) for w in re.findall(r"[a-z]+", (named.display_name if named else "").lower())}
    words = {stem(w) for w in re.findall(r"[a-z]+", said.lower())} - own
    return not words & record_words(app)


def _only_the_events_app(entities: Sequence[Any] | None) -> bool:
    """Every app named is the one whose event starts it, and no schedule is said: "what if a
    new Shopify order comes in while the workflow is still running?", "what if our Slack
    token expires?" ask what happens, they wish for nothing to be done - a flow wished for
    names where something goes or a time ("what if every new Shopify order got posted to
    Slack?", "is there a way to get the weather on Telegram each morning?"). Why: read as a
    wish, such a question became a workflow of one lone trigger (a reviewer's requests,
    HR17)."""
    found = list(entities or ())
    if any(e.kind == "schedule" for e in found):
        return False
    events = {(e.node_type or "").removesuffix("Trigger") for e in found if e.kind == "trigger"}
    apps = {(e.node_type or "").removesuffix("Trigger") for e in found if e.kind == "app"}
    return bool(apps) and apps <= events


def _off_topic_questions_are_conversation(
    text: str,
    conversation: Sequence[Any],
    entities: Sequence[Any] | None,
    scores: dict[str, float],
) -> None:
    """A question about nothing automation is about - no n8n word, no app named, no workflow in
    the conversation to ask about ("which phone should I buy?", "why does my React component
    render twice?") - is general conversation: answering it from n8n knowledge would be wrong,
    and the model, which learnt "question" from form (a question word, a "?"), cannot tell.
    A question about the asker's own code or a developer tool (``OWN_CODE``: "KeyError in my
    python script", "my SQL query on postgres returns duplicates") is outside automation too,
    though it names an app or says "api" or "json", unless it says an n8n word (``N8N_WORD``);
    so is a question about the assistant itself ("what is this tool for?")."""
    if max(scores, key=lambda k: scores[k]) != "question" or has_prior_workflow(conversation):
        return
    own_code = (
        (OWN_CODE.search(text) or ABOUT_THE_ASSISTANT.search(text) or CODE_IN_TEXT.search(text))
        and not N8N_WORD.search(text)
    ) or NOT_ABOUT_N8N.search(text)  # "not about n8n: my docker container keeps restarting"
    own_code = own_code or _peoples_work(text, entities) or _own_software(text, entities)
    own_code = own_code or _other_tools_feature(text, entities)
    own_code = own_code or _code_tools_own_words(text, entities)
    if not own_code and (
        talks_automation(text)
        or any(_names_automation(e) for e in entities or ())
        or _links_apps(text, entities)
    ):
        return
    scores["general_conversation"] = scores.get("general_conversation", 0.0) + scores["question"]
    scores["question"] = 0.0


def _code_tools_own_words(text: str, entities: Sequence[Any] | None) -> bool:
    """ "how do I verify a Shopify webhook HMAC in PHP?", "how do I handle Stripe webhooks in
    Django?": a programming language, framework or library named (``OWN_CODE``, not "my/our
    ..." alone), an app whose webhooks or events the asker's code takes, and every automation
    word said one that programs have too (``PROGRAM_FEATURE_WORD``: a webhook, a trigger, an
    integration) - the asker's own program, though ``N8N_WORD`` reads those words as n8n's
    (HIN6). With no app ("how do I call a webhook from Python?") the webhook may be n8n's;
    "n8n", a node, an expression or a credential keep it n8n's."""
    if not any(not ASKERS_OWN_SUBJECT.match(m[0]) for m in OWN_CODE.finditer(text)):
        return False
    if not any(getattr(e, "kind", None) == "app" for e in entities or ()):
        return False
    return not N8N_WORD.search(PROGRAM_FEATURE_WORD.sub(" ", text))


def _other_tools_feature(text: str, entities: Sequence[Any] | None) -> bool:
    """ "How do I change the approval workflow in SharePoint?", "what's a trigger in MySQL?",
    "In Power Automate, how do I loop ...": a feature another tool has under automation's names
    (``TOOL_FEATURE_WORD``), said of that tool - "in <app or tool>" right after it
    (``IN_TOOL``) or a tool of the asker's code right before it (``OWN_CODE``) - with every n8n
    word said so, or a question opening inside another tool (``OTHER_TOOL_FRAME``); with no
    "n8n", no app event to start on and no n8n node named ("the Jira trigger",
    ``N8N_NODE_AFTER``), it is about that tool: outside automation, though the model and
    ``N8N_WORD`` read "workflow", "rule" or "trigger" as n8n's. A feature word said as a verb
    ("better to trigger on Gmail", ``FEATURE_WORD_AS_VERB_BEFORE``) is no tool's feature."""
    code = [(m.start(), m.end()) for m in OWN_CODE.finditer(text) if not N8N_WORD.match(m[0])]
    if N8N_NAMED.search(text) or any(
        _names_automation(e) and not _named_in_a_tool(text, e, code) for e in entities or ()
    ):
        return False
    apps = [
        (at, at + len(span))
        for e in entities or ()
        if getattr(e, "kind", None) == "app"
        and (span := getattr(e, "span", "") or "")
        and (at := text.find(span)) >= 0
    ]
    if any(N8N_NODE_AFTER.match(text, end) for _, end in code + apps):
        return False
    if OTHER_TOOL_FRAME.match(text):
        return True

    def owned(m: re.Match[str]) -> bool:
        if FEATURE_WORD_AS_VERB_BEFORE.search(text, 0, m.start()):
            return False  # "is it better to trigger on Gmail or poll?": n8n's start, a verb
        compound = TOOL_FEATURE_WORD.match(text, m.end() + 1)  # "an automation rule in Jira"
        gap = IN_TOOL.match(text, compound.end() if compound else m.end())
        if gap and any(start == gap.end() for start, _ in code + apps):
            return True  # "the approval workflow in SharePoint"
        return any(end < m.start() and not text[end : m.start()].strip(" '") for _, end in code)

    features = [m for m in TOOL_FEATURE_WORD.finditer(text) if owned(m)]
    return bool(features) and all(owned(m) for m in N8N_WORD.finditer(text))


def _named_in_a_tool(text: str, entity: Any, code: list[tuple[int, int]]) -> bool:
    """The start the entity stage found opens inside a tool's own name (``OWN_CODE``): "my
    *GitHub Actions* workflow fails at the npm step" names GitHub's CI, not an event of the
    GitHub app to start on (HIN6 s20: read as a question about automating GitHub)."""
    at = text.find(getattr(entity, "span", "") or "\0")
    return at >= 0 and any(start <= at < end for start, end in code)


def _own_software(text: str, entities: Sequence[Any] | None) -> bool:
    """ "What HTTP status code should my API return ...?", "the cron job on my VPS runs twice":
    the asker's own software (``OWN_SOFTWARE``) asked about, with no app named and no n8n word -
    their program, though "api", "http" or "cron" are automation words too. ("How do I send
    data from my API to Slack?" names an app: automating it; "my own REST API" names none.)"""
    own = OWN_SOFTWARE.search(text)
    if own is None or N8N_WORD.search(text):
        return False
    return not any(
        getattr(e, "kind", None) in ("app", "ai")
        and not _inside(text, getattr(e, "span", "") or "", [own.span()])
        for e in entities or ()
    )


def _peoples_work(text: str, entities: Sequence[Any] | None) -> bool:
    """ "Our hospital's discharge workflow is slow - nurses wait hours for sign-off; ideas?",
    "how do we speed up the approval workflow in our legal team? Lawyers sit on contracts":
    a workflow or process (``PROCESS_WORD``) that people do (``PEOPLE_AT_WORK``), advice asked
    on doing it better (``BETTER_WORK_ASK``), with no order for a workflow, no other automation
    word, no app and no start named, is how people work - advice outside automation, though
    "workflow" is n8n's word too."""
    if not (PEOPLE_AT_WORK.search(text) and PROCESS_WORD.search(text)):
        return False
    if not BETTER_WORK_ASK.search(text) or ORDER_VERB.search(text):
        return False  # "can a workflow send our nurses a reminder?" asks what n8n can do
    rest = PROCESS_WORD.sub(" ", text)
    if N8N_WORD.search(rest) or talks_automation(rest):
        return False
    return not any(
        getattr(e, "kind", None) == "app" or _names_automation(e) for e in entities or ()
    )


def talks_automation(text: str) -> bool:
    """``text`` says an automation word (``AUTOMATION_TOPIC``), or automation words that are
    everyday words too (``EVERYDAY_TOPIC_WORD``) as automation talks: two different ones ("an
    agent's memory", "items per poll"), or one written as a name, capitalised inside a sentence
    ("how does Loop Over Items work", "what 'Execute Once' means"), or one alone ("how do I
    loop through items?", "how does polling work?") - unless the asker names a thing of their
    own that is no automation word ("whatever items are left in *my fridge*", "*my meal-prep
    business* delivers on a weekly schedule", ``OWN_THING_ELSEWHERE``). Why: most short
    questions about items, polling or prompts asked here are n8n's; the everyday sense comes
    with the asker's own world named beside it."""
    if AUTOMATION_TOPIC.search(text):
        return True
    found = list(EVERYDAY_TOPIC_WORD.finditer(text))
    if len({_everyday_stem(m.group(0)) for m in found}) >= 2:
        return True
    if any(
        m.group(0)[0].isupper() and not _SENTENCE_START.search(text, 0, m.start()) for m in found
    ):
        return True
    return bool(found) and not OWN_THING_ELSEWHERE.search(text)


def _everyday_stem(word: str) -> str:
    """One spelling per everyday word ("item" / "items", "schedule" / "scheduling")."""
    return word.lower().rstrip("s")[:5]


#: The text right before a sentence's first word (the start of the turn, or after ". ").
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'\u201c\u2018(]*$")


def _names_automation(entity: Any) -> bool:
    """A way to start a workflow; not a schedule, whose words are everyday words too ("is it
    safe to run my dishwasher overnight?"). An app named alone is not automation either: "how
    do I set up a signature in Gmail?" asks how to use the app (``_links_apps``)."""
    kind = getattr(entity, "kind", None)
    if kind == "trigger":  # a weak start ("... in Gmail?" read as its mail) is no evidence
        value = getattr(entity, "value", None) or {}
        return value.get("kind") != "schedule" and not value.get("weak")
    return False


def apps_linked(text: str, entities: Sequence[Any] | None) -> bool:
    """Two different apps named together, not as a choice between them ("Shopify or WooCommerce
    for a small store?"): data between them is what the turn talks about. An API the entity
    stage set aside ("without the Business API") is no app."""
    apps = {
        getattr(e, "node_type", None)
        for e in entities or ()
        if getattr(e, "kind", "") == "app" and not (getattr(e, "value", None) or {}).get("removed")
    }
    apps.discard(None)
    return len(apps) >= 2 and not CHOICE_BETWEEN.search(text)


def _links_apps(text: str, entities: Sequence[Any] | None) -> bool:
    """Two apps named together, not as a choice between them ("can Gmail forward to Slack?",
    not "Shopify or WooCommerce for a small store?"), or an app with one of the records its n8n
    node works on ("how do I send a Slack message?": the catalog's resources and trigger events,
    ``record_words``): a question about automating the app, not about using it ("how do I set
    up a signature in Gmail?", "my Zoom audio echoes"). The words of the app's own name are no
    record of it ("a bar chart in Google *Sheets*", "my screen in Microsoft *Teams*"), and a
    choice between apps is which one to use ("is Shopify or WooCommerce cheaper for a shop with
    20 products?"). Nor is a record seen on the app's own screens (``APP_SCREEN``: "can Asana
    show a task's subtasks on the board view?", "how do I pin a message in a Discord channel",
    "my Jira board has too many columns", "my Notion database looks empty on my phone") with
    nothing a workflow does to it - no verb of work (``ASKED_ACTION``: "send", "add", "get")
    and no start ("new", "every", ``STANDING_START``): how to use the app (HIN6: read as
    questions about automating it). A record's data asked about ("how are Pipedrive deal
    stages numbered?") is the data a workflow handles, and stays a question."""
    if apps_linked(text, entities):
        return True
    apps = [e for e in entities or () if getattr(e, "kind", "") == "app"]
    if APP_SCREEN.search(text) and not (_verb_of_work(text, apps) or STANDING_START.search(text)):
        return False  # "can Asana show a task's subtasks on the board view?"
    if len({app.node_type for app in apps}) >= 2 and CHOICE_BETWEEN.search(text):
        return False  # "Mailchimp or Brevo for my newsletter?": which app to use, not automating
    said = text.lower()
    for app in apps:  # the app's own name is no record of it ("Google *Sheets*", "MS *Teams*")
        said = said.replace((getattr(app, "span", "") or "\0").lower(), " ")
    words = {stem(w) for w in re.findall(r"[a-z]+", said) if len(w) > 2}
    return any(words & record_words(app.node_type) for app in apps if app.node_type)


def _verb_of_work(text: str, apps: Sequence[Any]) -> re.Match[str] | None:
    """The first verb of work (``ASKED_ACTION``) ``text`` says as a verb: not a word of it that
    is a noun there, after a determiner or an app's name ("pin *a message*", "a *Figma file*",
    "a Slack *call* link")."""
    names = [(getattr(a, "span", "") or "\0").lower() for a in apps]
    for m in ASKED_ACTION.finditer(text):
        before = text[: m.start()].rstrip().lower()
        if NOUN_BEFORE.search(before):
            continue
        if VERB_ALSO_NOUN.fullmatch(m[0]) and any(before.endswith(n) for n in names):
            continue  # "a Slack call link" (but "our Google Sheet become ...")
        return m
    return None


def _classify_local(text: str, conversation: Sequence[Any], entities: tuple) -> IntentResult:
    scores = local_scores(text, conversation, entities)
    intent = max(scores, key=lambda k: scores[k])
    return IntentResult(intent, round(scores[intent], 4), entities, "local", scores)  # type: ignore[arg-type]


def render_conversation(conversation: Sequence[Any], limit: int = 6) -> str:
    """The last turns as "role: text" lines for a prompt (a workflow turn is flagged)."""
    lines = []
    for turn in list(conversation)[-limit:]:
        role = getattr(turn, "role", None) or (turn.get("role") if isinstance(turn, dict) else "")
        content = getattr(turn, "content", None)
        if content is None and isinstance(turn, dict):
            content = turn.get("content", "")
        workflow = getattr(turn, "workflow", None) or (
            turn.get("workflow") if isinstance(turn, dict) else None
        )
        note = " [this turn produced a workflow]" if workflow else ""
        lines.append(f"{role}: {str(content)[:600]}{note}")
    return "\n".join(lines) or "(none)"


def _classify_llm(
    text: str, conversation: Sequence[Any], provider: Any, entities: tuple
) -> IntentResult | None:
    """The LLM's answer, or None when no provider can answer (caller falls back to local)."""
    from engine.prompts import get_prompt
    from engine.providers.base import ProviderError

    if provider is None:  # the caller chooses the model (the pipeline passes its provider)
        log.warning("intent: the LLM classifier was given no provider; using local")
        return None
    prompt = get_prompt("intent_classification")
    body = prompt.render(conversation=render_conversation(conversation), request=text)
    try:
        completion = provider.complete(
            "You classify messages for NodePilot, an n8n workflow builder. Reply only with JSON.",
            [{"role": "user", "content": body}],
            json_schema=INTENT_SCHEMA,
            max_tokens=200,
        )
    except ProviderError as exc:
        log.warning("intent: LLM classifier unavailable (%s); using local", exc)
        return None
    data = completion.data
    if not isinstance(data, dict) or data.get("intent") not in INTENTS:
        log.warning("intent: LLM classifier gave no valid intent; using local")
        return None
    intent = data["intent"]
    if intent == "workflow_modification" and not has_prior_workflow(conversation):
        intent = "workflow_request"  # nothing to modify
    try:
        confidence = min(1.0, max(0.0, float(data.get("confidence", 0.5))))
    except (TypeError, ValueError):
        confidence = 0.5
    scores = {name: (confidence if name == intent else 0.0) for name in INTENTS}
    return IntentResult(intent, confidence, entities, "llm", scores)
