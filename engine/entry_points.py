"""Every way to start a workflow that a request names, when it names more than one.

Why: "on a form submission or every night", "two entry points: a webhook and a daily
schedule", "several times a day (and a button to run it by hand)" want one trigger node per
entry point, all feeding the same first step - n8n runs a workflow from whichever fires. The
spec keeps one primary trigger (``Spec.trigger``); this module reads the others from the same
entities, so a generator can add them next to it. Nothing is added unless the request says it
has several starts (``lexicon.MULTI_START``): "when a form is submitted, email me every night"
names one start and one schedule-like phrase, not two entry points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.implied_start import ruled_out_start
from engine.intent.entities import extract_entities
from engine.intent.names import message_trigger_for
from engine.lexicon import (
    ACTION_VERB,
    APP_AS_A_PLACE,
    BUTTON,
    EVENT_OR_ITEM,
    EVENT_VERBS_AFTER_OBJECT,
    JOINED_APP_START,
    LIST_ITEM_AFTER_OR,
    MANUAL,
    MANUAL_SAID_AS_START,
    MANUAL_START,
    MESSAGE_APP_AFTER,
    MESSAGE_APP_BEFORE,
    MULTI_START,
    ON_DEMAND_VIA,
    READ_VERB_BEFORE_NAME,
    SENT_MESSAGE_BEFORE,
    SEVERAL_STARTS_SAID,
    START_ITEM_END,
    START_ITEM_HEAD,
    START_ITEM_OPENING,
    START_WORDS,
    SUBWORKFLOW_CALL_START,
    TRIGGER_TYPES,
    WEBHOOK_CALL_START,
    WORK_DONE_BY_HAND,
)
from engine.types import Entity, TriggerSpec


def entry_points(
    request: str, primary: TriggerSpec, entities: Sequence[Entity] | None = None
) -> tuple[TriggerSpec, ...]:
    """The primary trigger, then each further start the request names, in the order written
    (one per trigger type); just ``(primary,)`` when it names one start."""
    if not isinstance(request, str):
        return (primary,)
    if not (several_starts_said(request) or _by_hand_beside(request, primary)):
        return (primary, *_events_joined_by_or(request, primary, entities))
    found = list(entities) if entities is not None else list(extract_entities(request))
    out = [primary]
    for e in sorted(found, key=lambda e: request.find(e.span) if e.span else len(request)):
        start = _start_of(e, found)
        at = request.find(e.span or "\0")
        if start is not None and _ruled_out(request, at, len(e.span or "")):
            continue  # "do not bother with a chat trigger or a form"
        if start is not None and _read_not_started(e, request, at):
            continue  # "twice a day pull new Typeform responses": read on the schedule
        if start is not None and all(t.node_type != start.node_type for t in out):
            out.append(start)
    for start in [*_joined_app_starts(request, found), *_listed_app_events(request, found)]:
        if all(t.node_type != start.node_type for t in out):
            out.append(start)
    for kind, word in (*START_WORDS, *_STARTS_SAID_AS):
        node_type = TRIGGER_TYPES[kind]
        said = [
            hit
            for hit in word.finditer(request)
            if not _ruled_out(request, hit.start(), len(hit.group(0)))
        ]
        if said and all(t.node_type != node_type for t in out):
            out.append(TriggerSpec(kind, node_type))
    manual = TriggerSpec("manual", TRIGGER_TYPES["manual"])
    said = ON_DEMAND_VIA.sub(" ", request)  # "on demand through a webhook" is no button
    said = WORK_DONE_BY_HAND.sub(" ", said)  # nor "the rows staff typed in by hand"
    cues = (MANUAL_START, MANUAL, BUTTON, MANUAL_SAID_AS_START)
    if any(cue.search(said) for cue in cues) and all(t.node_type != manual.node_type for t in out):
        out.append(manual)
    return tuple(out)


#: The event of a message trigger: a bot's start, said even when weakly ("answer on WhatsApp").
MESSAGE_EVENT = "message received"

#: Starts said by what they are rather than by their trigger's name ("our site POSTs to
#: /leads", "let other workflows call this one"), read like ``START_WORDS``.
_STARTS_SAID_AS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("webhook", WEBHOOK_CALL_START),
    ("subworkflow", SUBWORKFLOW_CALL_START),
)


def several_starts_said(request: str) -> bool:
    """The request names more than one way to start: the known joins (``MULTI_START``) or a
    count or an aftermath of several ("two doors in", "whichever fires", "in both cases";
    ``SEVERAL_STARTS_SAID``)."""
    return any(cue.search(request) for cue in (MULTI_START, SEVERAL_STARTS_SAID))


def _by_hand_beside(request: str, primary: TriggerSpec) -> bool:
    """A start by hand said with its own verb next to another primary start ("... four times a
    day - plus I want to kick it off by hand"; ``MANUAL_SAID_AS_START``). When the start by
    hand is the primary ("... on friday 4pm. i'll run it by hand"), a time is only content."""
    return primary.kind != "manual" and bool(MANUAL_SAID_AS_START.search(request))


def _read_not_started(entity: Entity, request: str, at: int) -> bool:
    """An app trigger named with no event of its own right after a read of it ("pull new
    <Typeform> responses"): the workflow reads the app; it is not one of its starts."""
    value = entity.value or {}
    if value.get("kind") != "app" or value.get("event") or at < 0:
        return False
    return bool(READ_VERB_BEFORE_NAME.search(request, max(0, at - 40), at))


def _ruled_out(request: str, at: int, size: int) -> bool:
    """The words before the start said at ``request[at:at + size]`` refuse it ("don't bother
    with a chat trigger or a form": both are ruled out - the negation's list runs on through
    "or"; ``ruled_out_start``)."""
    if at < 0:
        return False
    if ruled_out_start(request, at, at + size, reach=60):
        return True
    item = LIST_ITEM_AFTER_OR.search(request, max(0, at - 60), at)
    return bool(item and ruled_out_start(request, item.start(), at + size, reach=60))


def _joined_app_starts(request: str, entities: Sequence[Entity]) -> list[TriggerSpec]:
    """Messaging apps named as one of the starts ("kick it off either from Telegram or daily",
    "both a weekly schedule and a Slack message in #refresh"): each one's message trigger.
    Which apps start on a message is the catalog's answer (``message_trigger_for``)."""
    out = []
    for e in entities:
        if e.kind != "app" or not e.node_type or not e.span:
            continue
        trig = message_trigger_for(e.node_type)
        at = request.find(e.span)
        if trig and at >= 0 and _named_as_a_start(request, at, at + len(e.span)):
            out.append(TriggerSpec("app", trig, app_event=MESSAGE_EVENT))
    return out


def _listed_app_events(request: str, entities: Sequence[Entity]) -> list[TriggerSpec]:
    """App events listed as one of the starts without a "when" ("two doors in: a new row in
    our sheet, or a file lands in the Drive folder"): each list item that names an app with a
    trigger is read as if it began with "when", and kept if it reads as that app's event."""
    out = []
    for e in entities:
        trigger = (e.value or {}).get("trigger")
        at = request.find(e.span or "\0")
        if e.kind != "app" or not trigger or at < 0:
            continue
        item = _list_item_around(request, at, at + len(e.span or ""))
        start = _event_of_item(item, str(trigger)) if item else None
        if start is not None:
            out.append(start)
    return out


def _events_joined_by_or(
    request: str, primary: TriggerSpec, entities: Sequence[Entity] | None
) -> list[TriggerSpec]:
    """The further app events an event clause names after "or" ("whenever a Jira issue is
    closed OR a GitHub PR is merged", ``EVENT_OR_ITEM``): each item after "or" that reads as
    the event of another app with a trigger (``_event_of_item``). Why: "or" between two events
    offers two ways for the same run to start - n8n needs a trigger node for each; only the
    first was kept. Not when an order comes before "or" ("when a form is sent create a card
    or a new task": the alternatives are steps), nor when the words after "or" say no event
    of their own (``_second_event_said``, HR22: "a Slack message mentions a Jira key or a
    GitHub PR link"), nor for an app named after the item's verb and not as a
    place ("or a new comment mentions Jira": it is what the comment names)."""
    if primary.kind != "app" or not EVENT_OR_ITEM.search(request):
        return []
    found = list(entities) if entities is not None else list(extract_entities(request))
    out: list[TriggerSpec] = []
    for hit in EVENT_OR_ITEM.finditer(request):
        if ACTION_VERB.search(request, hit.start(), hit.end()):
            continue
        stop = START_ITEM_END.search(request, hit.end())
        end = stop.start() if stop else len(request)
        if not _second_event_said(request[hit.start() : hit.end()], request[hit.end() : end]):
            continue  # "... links to a Jira issue or a GitHub PR": what the record holds
        if request.startswith("...", end) or request.startswith("\u2026", end):
            continue  # "or a Linear... no, just GitHub": taken back as it was said
        for e in found:
            trigger = (e.value or {}).get("trigger")
            at = request.find(e.span or "\0", hit.end(), end)
            if e.kind != "app" or not trigger or at < 0 or trigger == primary.node_type:
                continue
            before = request[hit.end() : at]
            if len(before.split()) > 2 and not APP_AS_A_PLACE.search(before):
                continue  # "or a new comment mentions Jira": the app is no record's owner
            start = _event_of_item(request[hit.end() : end], str(trigger))
            if start is not None and all(s.node_type != start.node_type for s in out):
                out.append(start)
    return out


def _second_event_said(first: str, second: str) -> bool:
    """The words after "or" are an event of their own: they say what happens ("or a GitHub PR
    is merged", "or PayPal reversed"), or share the verb that follows them because the words
    before "or" say none ("whenever a new Stripe payment or a new PayPal sale comes in").
    Why a positive sign (HR22): a list of the verbs that make the words after "or" content of
    the first event ("mentions", "contains", "asking for" ...) was beaten by the next filler
    ("links to", "quotes", "cites", "lists", "names")."""
    if _says_a_verb(re.findall(r"[a-z]+", second.lower())):
        return True
    return not _says_a_verb(re.findall(r"[a-z]+", first.lower())[1:-1])  # (opener, "or")


def _says_a_verb(words: list[str]) -> bool:
    """The words hold a verb of an event: one that follows its object ("is", "comes", ...,
    ``EVENT_VERBS_AFTER_OBJECT``), a participle ("merged"), or a present-tense verb right
    after a singular noun ("a PayPal sale completes", "a Slack message links")."""
    return any(
        w in EVENT_VERBS_AFTER_OBJECT
        or (len(w) > 4 and w.endswith("ed"))
        or (
            i > 0
            and len(w) > 3
            and w.endswith("s")
            and not w.endswith("ss")
            and not words[i - 1].endswith("s")
        )
        for i, w in enumerate(words)
    )


def _list_item_around(request: str, start: int, end: int) -> str | None:
    """The item of a list that holds ``request[start:end]``, from the word or mark that opens
    it ("or", ",", "2)") to the next; None unless it opens like an event ("a file lands")."""
    heads = list(START_ITEM_HEAD.finditer(request, 0, start))
    if not heads or START_ITEM_END.search(request, heads[-1].end(), start):
        return None  # no list before it, or the item ended before the app's name
    stop = START_ITEM_END.search(request, end)
    item = request[heads[-1].end() : stop.start() if stop else len(request)]
    return item if START_ITEM_OPENING.match(item) else None


def _event_of_item(item: str, trigger: str) -> TriggerSpec | None:
    """The app's ``trigger`` when "when <item>" reads as that app's event, surely (no weak
    guess) and with no time in it ("a run at 1am that reads Postgres" is a timed read)."""
    read = extract_entities("when " + item)
    if any(f.kind == "schedule" for f in read):
        return None
    for found in read:
        value = found.value or {}
        if found.kind == "trigger" and found.node_type == trigger and not value.get("weak"):
            event = value.get("event")
            return TriggerSpec("app", trigger, app_event=str(event) if event else None)
    return None


def _named_as_a_start(request: str, start: int, end: int) -> bool:
    """The messaging app at ``request[start:end]`` is one of the starts: joined to another
    ("or via WhatsApp"), or named as where messages come from ("a message to our Telegram
    bot", "a Slack message in #ops") unless a verb sends that message ("post a Slack
    message")."""
    before = request[max(0, start - 40) : start]
    if JOINED_APP_START.search(before) or MESSAGE_APP_BEFORE.search(before):
        return True
    return bool(MESSAGE_APP_AFTER.match(request[end:])) and not SENT_MESSAGE_BEFORE.search(before)


def _start_of(entity: Entity, entities: Sequence[Entity]) -> TriggerSpec | None:
    """The trigger a trigger entity stands for (a schedule carries its parsed schedule)."""
    if entity.kind != "trigger":
        return None
    value = entity.value or {}
    if value.get("weak") and value.get("kind") == "app" and value.get("event") != MESSAGE_EVENT:
        return None  # a guess at an app event ("new leads come in two ways"), not a start said
    kind = str(value.get("kind") or "app")
    node_type = entity.node_type or TRIGGER_TYPES.get(kind)
    if node_type is None:
        return None
    if node_type == TRIGGER_TYPES["schedule"]:
        schedule = next((e.value for e in entities if e.kind == "schedule" and e.value), None)
        return TriggerSpec("schedule", node_type, schedule=schedule)
    event = value.get("event")
    return TriggerSpec(kind, node_type, app_event=str(event) if event else None)
