"""How a workflow starts when no word names its start but its grammar does.

Why: the engine reads starts from cues ("when", "once", "every", a bot's name) near the app they
govern. Requests written by other people often leave the cue out or put it where no cue list
looks: "SF opp -> Closed Won => create the customer", "only for Shopify orders that have been
fulfilled", "freshdesk ticket goes to resolved -> ...", "Slack. People DM the app with HR
questions, Claude answers". Without a cue the workflow fell back to a Manual Trigger - which no
such request wants: a record changing state cannot be clicked, a person writing in cannot be
waited for by hand.

This module is consulted only when nothing else starts the workflow (no trigger word, no
schedule, no event clause the cue readers found). It reads two shapes of grammar, app by app:

* a record of the app changing state: the app's name, a few words naming the record, then a
  change of state ("deal marked Closed Won", "orders that have been fulfilled", "item
  completed") - or the record, its change, then the app ("issues that get closed in GitHub").
  The record is checked against the catalog (the app node's resources and its trigger's
  events, ``record_words``) when the words between are more than the record; an order verb
  before it in its clause makes it the object of an order ("mark the card as done"), not an
  event. Which node starts on it is the catalog's answer too: the app's trigger, or, when n8n
  has none, a Schedule Trigger that polls the app (``polls``).
* a conversation on a messaging app: someone writes in or the workflow answers back, anywhere
  in the request, and no order sends the workflow's result to the app - the app's message
  trigger (``message_trigger_for``), or a Webhook the app calls when n8n has no trigger for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from engine.intent.names import (
    message_trigger_for,
    messaging_app_without_trigger,
    record_words,
    stem,
    trigger_for,
)
from engine.lexicon import (
    APP_NOUNS,
    ARRIVING_QUANTIFIERS,
    ARROW_BEFORE_APP,
    BOT_REPLY,
    CONDITION_WORD,
    EVENT_NOUN,
    INBOUND,
    ORDER_ON_RECORDS,
    ORDER_VERB,
    PAST_WINDOW,
    READ_OR_REPORT_VERB,
    REALTIME_WORD,
    REPLY_BACK,
    RULED_OUT_START,
    SENT_TO_APP,
    START_WORD,
    STATE_CHANGE,
    STATE_WORD,
    STEP_FAILS,
    STORED_RECORD_WORDS,
    TALK_TO,
    TRIGGER_TYPES,
)
from engine.offline.trigger_events import EVENT_PARAMETERS

#: Where a clause ends: punctuation or an arrow (structure, not words).
_CLAUSE_MARK = re.compile(r"[,;:!?\n()]|\.(?=\s|$)|->|=>|\u2192")
#: The app heads what follows: its name, maybe a parenthesis, then the heading's colon
#: ("Procurement sheet (Google Sheets): ...", "Airtable (our CRM base): ..."), so the next
#: clause says what happens in it.
_HEADING_AFTER = re.compile(r"\)?\s*(?:\([^()\n]{0,40}\)\s*)?:\s+")
#: The app's place heading what follows ("Notion roadmap DB: ...", "Jira bug board: ..."): up
#: to two words, then the place's noun (``APP_NOUNS``) and the heading's colon.
_PLACE_HEADING = re.compile(r"(?:\s+[\w-]+){0,2}\s+(?P<noun>[\w-]+)\s*:\s+")
#: A word (letters, digits, apostrophes and hyphens).
_WORD = re.compile(r"[\w'\u2019-]+")
#: How many words may name the record between the app and its change ("orders that").
_RECORD_WORDS = 3
#: How far after an app's name its record's change is looked for, and how far before it a record
#: and its change: a few words each way (bounded, so a long request costs linear time).
_TAIL_CHARS = 120
_HEAD_CHARS = 160
#: How far after a record's change a window of past time still qualifies it ("... solved per
#: agent last week").
_WINDOW_CHARS = 60


@dataclass(frozen=True)
class AppMention:
    """An app named in the request: where, and its node type."""

    pos: int
    end: int
    node_type: str


@dataclass(frozen=True)
class ImpliedStart:
    """The start read from the grammar: the mention it comes from, its trigger node type (None:
    a Schedule Trigger polls the app), the event clause, and whether it is a message."""

    index: int
    trigger: str | None
    event: str
    message: bool = False

    @property
    def polls(self) -> bool:
        """n8n has no trigger for the app: a schedule reads what changed."""
        return self.trigger is None


def implied_start(text: str, apps: Sequence[AppMention], uses_ai: bool) -> ImpliedStart | None:
    """The start the request's grammar implies (see the module docstring), or None."""
    return record_change_start(text, apps) or conversation_start(text, apps, uses_ai)


class ClauseMarks:
    """Where the request's clauses end, found once (one scan) and looked up per app mention."""

    def __init__(self, text: str) -> None:
        marks = list(_CLAUSE_MARK.finditer(text))
        self.starts = [m.start() for m in marks]
        self.ends = [m.end() for m in marks]
        self.size = len(text)

    def bounds(self, pos: int, end: int) -> tuple[int, int]:
        """The clause around ``[pos, end)``: from the mark before it to the mark after it."""
        before = bisect_right(self.ends, pos)
        after = bisect_left(self.starts, end)
        begin = self.ends[before - 1] if before else 0
        return begin, self.starts[after] if after < len(self.starts) else self.size


def record_change_start(
    text: str, apps: Sequence[AppMention], stated: bool = False
) -> ImpliedStart | None:
    """The first app whose record changes state in the request (app, record, change - or
    record, change, "in" app), the record not the object of an order. ``stated``: only a
    change said with a verb ("turns paid", "gets closed"), not a bare state or event noun
    ("Notion release log" names no release). Past records read in a batch ("Export Asana tasks
    completed in March") are no change to wait for."""
    clauses = ClauseMarks(text)
    for i, app in enumerate(apps):
        if app.node_type == trigger_for(app.node_type):
            continue  # a trigger-only app (Typeform) is read as a start elsewhere
        if ARROW_BEFORE_APP.search(text, 0, app.pos):
            continue  # "Stripe -> Telegram: each failed payment": Telegram is where they go
        if STEP_FAILS.match(text, app.end + 1):
            continue  # "if the HubSpot request fails, retry": our step's error, no event
        begin, stop = clauses.bounds(app.pos, app.end)
        if heading := _HEADING_AFTER.match(text, app.end):  # "Procurement sheet (Google
            stop = clauses.bounds(heading.end(), heading.end())[1]  # Sheets): finance ..."
        elif place := _place_heading(text, app.end):  # "Notion roadmap DB: PM moves ..."
            stop = clauses.bounds(place, place)[1]
            app = AppMention(app.pos, place, app.node_type)
        change = _change_after(text, app, stop, stated) or _change_before(text, app, begin)
        if change is None:
            continue
        first = min(change, app.pos)
        head = max(begin, first - _HEAD_CHARS)
        if ORDER_VERB.search(text, head, first) or ORDER_ON_RECORDS.search(text, head, first):
            continue  # "mark the Trello card as done", "close all GitHub issues ...": an order
        if read_in_a_batch(text, begin, first, stop):
            continue  # "Export Asana tasks completed in March": past records, read once
        trig = trigger_for(app.node_type)
        return ImpliedStart(i, trig, text[first:stop].strip()[:80])
    return None


def _place_heading(text: str, end: int) -> int | None:
    """Where the heading ends when the app's name opens it with the app's place ("Notion
    roadmap DB: PM moves an item to Launched"), else None. Why: the clause after such a
    heading says what happens in that place; read from the name alone, the place's words
    stood between the app and the change and no start was found."""
    place = _PLACE_HEADING.match(text, end)
    return place.end() if place and place.group("noun").lower() in APP_NOUNS else None


def read_in_a_batch(text: str, begin: int, first: int, stop: int) -> bool:
    """The record is read, listed or reported (a verb before it in its clause,
    ``READ_OR_REPORT_VERB``), picked among those there are (``picks_stored``) or qualified by
    a window of past time (``PAST_WINDOW``, within the clause after it): a batch over past
    records, not a change to wait for. An event said in the clause ("Compile a changelog ...
    whenever a release is tagged") is waited for."""
    near, far = max(begin, first - _HEAD_CHARS), min(stop, first + _TAIL_CHARS + _WINDOW_CHARS)
    if CONDITION_WORD.search(text, near, far) or REALTIME_WORD.search(text, near, far):
        return False
    if READ_OR_REPORT_VERB.search(text, near, first) or picks_stored(text[near:first]):
        return True
    return bool(PAST_WINDOW.search(text, first, far))


def picks_stored(before: str) -> bool:
    """The last words ``before`` a record say it is one of those there are now ("the existing
    Stripe customers", "all our Trello cards": ``STORED_RECORD_WORDS``), unless they say it
    arrives ("all new orders", ``ARRIVING_QUANTIFIERS``). Why: such records are acted on once;
    what is said of them ("must be added to Mailchimp") picks them, it is no event to await."""
    picked = set(_WORD.findall(before.lower())[-3:])
    return bool(STORED_RECORD_WORDS & picked and not ARRIVING_QUANTIFIERS & picked)


def batch_read_of(text: str, apps: Sequence[AppMention], node_type: str) -> bool:
    """The first mention of the app ``node_type`` is read in a batch in its clause (a read or
    report verb before it, a past window after it: ``read_in_a_batch``) - "Show me the
    Pipedrive deals won in Q3": a weak reading of the app's event loses to it."""
    app = next((a for a in apps if a.node_type == node_type), None)
    if app is None:
        return False
    begin, stop = ClauseMarks(text).bounds(app.pos, app.end)
    return read_in_a_batch(text, begin, app.pos, stop)


def ruled_out_start(text: str, pos: int, end: int | None = None, reach: int = 40) -> bool:
    """The words before ``text[pos:end]`` refuse it as a start (``RULED_OUT_START``): a start
    set aside outright ("no need for the Typeform node", "not on new issues"), or a refusal
    ("don't bother with", "don't want to use") of something that names a start ("any Wufoo
    trigger", "the Calendly node"). A negation before a bare app or record ("I do not want to
    lose any Typeform response", "don't ignore new Typeform responses") refuses nothing."""
    if pos < 0:
        return False
    hit = RULED_OUT_START.search(text, max(0, pos - reach), pos)
    if hit is None:
        return False
    if hit.group("refuse") is None:
        return True
    stop = end if end is not None and end > pos else pos
    named = text[hit.end() : stop] + " " + " ".join(_WORD.findall(text[stop : stop + 40])[:2])
    return bool(START_WORD.search(named))


def _change_after(text: str, app: AppMention, stop: int, stated: bool = False) -> int | None:
    """A change of state right after the app's name and its record ("deal marked won", "orders
    that have been fulfilled"): where the record begins, or None."""
    tail = text[app.end : min(stop, app.end + _TAIL_CHARS)]
    cues = (STATE_CHANGE,) if stated else (STATE_CHANGE, STATE_WORD, EVENT_NOUN)
    hits = [cue.search(tail) for cue in cues]
    if not stated:
        hits.append(catalog_event_word(tail, trigger_for(app.node_type)))
    for hit in hits:
        if hit is None:
            continue
        between = _WORD.findall(tail[: hit.start()])
        if len(between) <= _RECORD_WORDS and not ORDER_VERB.search(tail, 0, hit.start()):
            if len(between) <= 1 or _names_a_record(between, app.node_type):
                return app.end
    return None


def catalog_event_word(tail: str, trigger: str | None) -> re.Match[str] | None:
    """The first participle in ``tail`` that names one of the trigger's own events ("has
    ended" for Google Calendar's "Event Ended", "got started" for its "Event Started", "forked"
    for GitHub's "Fork", "clicked" for Brevo's "click"): the catalog says which changes an app
    reports, so no list of states has to. The participle is matched as it is and by its verb
    ("forked" -> "fork", "starred" -> "star"): catalogs name many events by the bare verb."""
    verbs = event_verbs(trigger) if trigger else frozenset()
    for hit in _PARTICIPLE.finditer(tail) if verbs else ():
        word = hit.group(0).lower()
        # the word, its verb ("forked" -> "fork", "closed" -> "close") and a doubled last
        # consonant undone ("starred" -> "star")
        forms = {word, word[:-2], word[:-1], word[:-3] if word[-3:-2] == word[-4:-3] else word}
        if any(len(f) > 2 and stem(f) in verbs for f in forms):
            return hit
    return None


#: A participle ("ended", "started", "cancelled", "taken"): the shape of a change reported.
_PARTICIPLE = re.compile(r"\b[a-z]{2,}(?:ed|en)\b", re.I)


@lru_cache(maxsize=256)
def event_verbs(trigger: str) -> frozenset[str]:
    """Stems of the words of a trigger's event options ("Event Ended" -> "event", "ended"):
    the changes the app reports, read from the catalog (matched only against participles)."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    nv = cat.get(trigger) if cat.has_type(trigger) else None
    names: list[str] = []
    for path, prop in nv.iter_properties() if nv is not None else ():
        if path.rsplit(".", 1)[-1] in EVENT_PARAMETERS:
            names += [f"{o.name} {o.value}" for o in prop.option_values]
    return frozenset(stem(w) for w in _CAMEL.findall(" ".join(names)) if len(w) > 2)


#: A word in a catalog name, camelCase split ("eventEnded" -> "event", "Ended").
_CAMEL = re.compile(r"[A-Z]?[a-z]+")


def _change_before(text: str, app: AppMention, begin: int) -> int | None:
    """A record and its change named before the app ("issues that get closed in GitHub"):
    where the record begins, or None. The record must be one of the app's (catalog)."""
    begin = max(begin, app.pos - _HEAD_CHARS)
    head = text[begin : app.pos]
    hit = STATE_CHANGE.search(head)
    if hit is None or not hit.group(0).strip().count(" "):
        return None  # a bare participle before the app is an adjective ("failed Stripe charges")
    words = list(_WORD.finditer(head[: hit.start()]))
    records = record_words(app.node_type)
    for w in reversed(words[-_RECORD_WORDS:]):
        if stem(w.group(0)) in records:
            place = _WORD.findall(head[hit.end() :])
            # the app follows the change within a few words ("... closed in GitHub")
            return begin + w.start() if len(place) <= 4 else None
    return None


def _names_a_record(words: list[str], node_type: str) -> bool:
    """One of ``words`` is a record of the app (the catalog's resources and trigger events)."""
    records = record_words(node_type)
    return any(stem(w) in records for w in words)


def conversation_start(text: str, apps: Sequence[AppMention], uses_ai: bool) -> ImpliedStart | None:
    """The first messaging app the request talks through: people write in (or the workflow
    talks back, with an AI or a bot to do it) and no order of the workflow sends to it."""
    writes_in = INBOUND.search(text) or TALK_TO.search(text)
    talks_back = REPLY_BACK.search(text) and (uses_ai or BOT_REPLY.search(text))
    if not (writes_in or talks_back):
        return None
    clauses = ClauseMarks(text)
    for i, app in enumerate(apps):
        trig = message_trigger_for(app.node_type)
        if trig is None and not messaging_app_without_trigger(app.node_type):
            continue
        begin, _ = clauses.bounds(app.pos, app.end)
        begin = max(begin, app.pos - _HEAD_CHARS)
        if SENT_TO_APP.search(text, begin, app.pos) and not INBOUND.search(text, begin, app.pos):
            continue  # "post the answer to Slack": where the result goes ("tenants text ... to
            # our twilio number": a person sends there, so it is where messages come in)
        if trig is None:  # "a Discord bot ...": the app calls our webhook
            return ImpliedStart(i, TRIGGER_TYPES["webhook"], "bot message", message=True)
        return ImpliedStart(i, trig, "message received", message=True)
    return None
