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
    BOT_REPLY,
    EVENT_NOUN,
    INBOUND,
    ORDER_VERB,
    REPLY_BACK,
    SENT_TO_APP,
    STATE_CHANGE,
    STATE_WORD,
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
#: A word (letters, digits, apostrophes and hyphens).
_WORD = re.compile(r"[\w'\u2019-]+")
#: How many words may name the record between the app and its change ("orders that").
_RECORD_WORDS = 3


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


def _clause_bounds(text: str, pos: int, end: int) -> tuple[int, int]:
    """The clause around ``text[pos:end]``: from the mark before it to the mark after it."""
    begin = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, pos)), default=0)
    stop = _CLAUSE_MARK.search(text, end)
    return begin, stop.start() if stop else len(text)


def record_change_start(
    text: str, apps: Sequence[AppMention], stated: bool = False
) -> ImpliedStart | None:
    """The first app whose record changes state in the request (app, record, change - or
    record, change, "in" app), the record not the object of an order. ``stated``: only a
    change said with a verb ("turns paid", "gets closed"), not a bare state or event noun
    ("Notion release log" names no release)."""
    for i, app in enumerate(apps):
        if app.node_type == trigger_for(app.node_type):
            continue  # a trigger-only app (Typeform) is read as a start elsewhere
        begin, stop = _clause_bounds(text, app.pos, app.end)
        if heading := _HEADING_AFTER.match(text, app.end):  # "Procurement sheet (Google
            stop = _clause_bounds(text, heading.end(), heading.end())[1]  # Sheets): finance ..."
        change = _change_after(text, app, stop, stated) or _change_before(text, app, begin)
        if change is None:
            continue
        first = min(change, app.pos)
        if ORDER_VERB.search(text, begin, first):
            continue  # "mark the Trello card as done", "create a deal ... won": an order
        trig = trigger_for(app.node_type)
        return ImpliedStart(i, trig, text[first:stop].strip()[:80])
    return None


def _change_after(text: str, app: AppMention, stop: int, stated: bool = False) -> int | None:
    """A change of state right after the app's name and its record ("deal marked won", "orders
    that have been fulfilled"): where the record begins, or None."""
    tail = text[app.end : stop]
    cues = (STATE_CHANGE,) if stated else (STATE_CHANGE, STATE_WORD, EVENT_NOUN)
    hits = [cue.search(tail) for cue in cues]
    if not stated:
        hits.append(_catalog_event_word(tail, trigger_for(app.node_type)))
    for hit in hits:
        if hit is None:
            continue
        between = _WORD.findall(tail[: hit.start()])
        if len(between) <= _RECORD_WORDS and not ORDER_VERB.search(tail, 0, hit.start()):
            if len(between) <= 1 or _names_a_record(between, app.node_type):
                return app.end
    return None


def _catalog_event_word(tail: str, trigger: str | None) -> re.Match[str] | None:
    """The first participle in ``tail`` that names one of the trigger's own events ("has
    ended" for Google Calendar's "Event Ended", "got started" for its "Event Started"): the
    catalog says which changes an app reports, so no list of states has to."""
    verbs = event_verbs(trigger) if trigger else frozenset()
    for hit in _PARTICIPLE.finditer(tail):
        if stem(hit.group(0)) in verbs:
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
    for i, app in enumerate(apps):
        trig = message_trigger_for(app.node_type)
        if trig is None and not messaging_app_without_trigger(app.node_type):
            continue
        begin, _ = _clause_bounds(text, app.pos, app.end)
        if SENT_TO_APP.search(text, begin, app.pos) and not INBOUND.search(text, begin, app.pos):
            continue  # "post the answer to Slack": where the result goes ("tenants text ... to
            # our twilio number": a person sends there, so it is where messages come in)
        if trig is None:  # "a Discord bot ...": the app calls our webhook
            return ImpliedStart(i, TRIGGER_TYPES["webhook"], "bot message", message=True)
        return ImpliedStart(i, trig, "message received", message=True)
    return None
