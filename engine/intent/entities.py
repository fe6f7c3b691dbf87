"""Entities in a request: the apps it names, how the workflow starts, its schedule, the AI vendor.

The spec stage picks node types from these, so precision comes first: a wrong app becomes a wrong
node. What is returned (``engine.types.Entity``), in order of position in the text:

* ``kind="app"``: ``node_type`` = the app's action node (``n8n-nodes-base.slack``; a trigger-only
  app such as Typeform gives its trigger; vector stores / AI tools their LangChain node; an API
  reached "(http)" gives ``n8n-nodes-base.httpRequest``). ``value`` may hold ``trigger`` (the
  app's trigger type), ``in_trigger: True`` (the mention is inside the trigger clause, e.g. the
  "Gmail" of "when an email arrives in Gmail" - the spec should not add a Gmail *action* for
  it), ``channel`` ("#finance"), ``fuzzy: True`` (matched despite a typo).
* ``kind="trigger"``: ``node_type`` = trigger type or None, ``value`` = ``{"kind": schedule |
  webhook | form | chat | app | manual | subworkflow | error, "event": clause text (app),
  "app": app type (app), "primary": True}`` - exactly one trigger entity carries ``primary``,
  the earliest explicit one.
* ``kind="schedule"``: ``node_type`` = scheduleTrigger, ``value`` = the dict of
  :func:`engine.intent.schedule.parse_schedule`.
* ``kind="ai"``: ``node_type`` = the vendor's chat model node (None for "AI"/"LLM" with no
  vendor), ``value`` = ``{"vendor", "model" (e.g. "gpt-4o-mini", when written), "app_node",
  "embeddings"}``.

``span`` is always a substring of the input (same case), so callers can find it again.
Never raises on any string; text beyond ``MAX_CHARS`` is not looked at.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from engine.intent.names import (
    BASE,
    CAPITALISED_ONLY,
    FUZZY_TARGETS,
    LC,
    Name,
    known_words,
    message_trigger_for,
    messaging_app_without_trigger,
    name_key,
    name_table,
    record_words,
    stem,
    trigger_for,
)
from engine.intent.schedule import parse_schedule
from engine.lexicon import (
    ACTED_ON_BY,
    ACTION_VERB,
    ADDRESS_WE_GIVE,
    AI_VENDORS,
    ANSWER_APP_MESSAGES,
    ANSWER_MESSAGES_ON_APP,
    APP_ANSWERS,
    APP_EVENT_OPENER,
    APP_HEADER_TAIL,
    APP_INBOUND,
    APP_MESSAGES,
    APP_NOUNS,
    APP_OWN_HOOK,
    APP_PEOPLE,
    APP_PREPOSITIONS,
    APP_REPLIES,
    ARRIVES,
    ARROW_BEFORE_APP,
    AS_THEY_COME,
    ASKS_FOR,
    BOT_AFTER_APP,
    BOT_BEFORE_APP,
    BROKEN_FOR_US,
    BY_AGENT_AFTER,
    CALLS_A_WEBHOOK,
    CHANNEL,
    CHANNEL_APPS,
    CHAT_START,
    CLAUSE_START_MARK,
    CLOCK_TIME,
    COMMUNITY_APP_FORMS,
    COMPOUND_SUFFIX,
    CONTAINER_PREPOSITIONS,
    CORRECTION_AFTER,
    CORRECTION_CUE,
    DAY_BEFORE,
    DEFAULT_SHEET,
    DESCRIBED_AFTER,
    DETERMINER,
    DETERMINER_WORDS,
    EACH_IN_STATE,
    EACH_ONE_BEFORE_APP,
    ERROR_WORKFLOW,
    ERROR_WORKFLOW_NAMED,
    EVENT_NOUN,
    EVENT_PLACE_PREPOSITIONS,
    EVERY_MESSAGE,
    EVERYDAY_AFTER,
    FIELD_VALUE_BEFORE,
    FILTER_WORDS,
    FOR_EACH_LOOP,
    FORM_APPS,
    FORM_START,
    GENERIC_AI,
    HTTP_IN_PARENS,
    IN_A_PLACE_BEFORE,
    IN_APP_AFTER_RUN,
    IN_APP_OPENING,
    INBOUND,
    INCOMING_EMAIL,
    JOINED_BOT,
    JOINED_END,
    LEADING_RECORD,
    LET_APP,
    LIVES_ON,
    LIVES_ON_APP,
    MAIL_RECEIVED_BY_US,
    MAIL_TRIGGER_APPS,
    MANUAL_START,
    MCP_SERVER,
    MEDIA_WORD,
    MEMORY,
    MESSAGE_REACHES_BEFORE,
    MESSAGES_ON_PLACE,
    MESSAGES_TO_APP,
    MODAL_BEFORE,
    MODAL_TAIL,
    MODEL_ID_VENDOR,
    MODEL_NAME,
    N8N_INSTANCE_EVENT,
    NAME_MODIFIERS,
    NAME_STOP_BEFORE,
    NAMED_API,
    NAMED_BY_RECORD_ONLY,
    NAMED_TRIGGER_AFTER,
    NEW_RECORD,
    NEW_WORD,
    NOT_THIS,
    NOTIFIES_OUR_ENDPOINT,
    ON_DEMAND_VIA,
    OPENING_END,
    OPENS_WITH_ORDER,
    ORDER_AFTER_CHANGE,
    ORDER_AFTER_EVENT,
    ORDER_VERB,
    ORDERED_SEND_BEFORE,
    OTHER_RUNS_FAIL,
    OTHERS_PART_BEFORE,
    OUR_SIDE_BEFORE,
    OWNED_PLACE,
    PARTICIPLE_THEN_PLACE,
    PASSIVE_ORDER,
    PASSIVE_SEND_BEFORE,
    PEOPLE_MESSAGE_APP,
    PERSON_TALKS,
    PLACE_NAMED_AFTER,
    POINTS_BACK,
    PURPOSE_AFTER_USE,
    QUOTED_TEXT,
    RECEIVE_ON_APP,
    RECIPIENT_VERB,
    RECORD_BEFORE_CHANGE,
    RECORD_EVENT_VERBS,
    RECORDS_SENT_ON,
    REMOVED_BEFORE,
    REPLY_BACK,
    RSS_START,
    RULED_OUT_AFTER,
    RUN_NAMED_BY_ITS_WORK,
    SAYS_I_RUN_IT,
    SCHEDULE,
    SEND_AS_NOUN_BEFORE,
    SEND_OUTPUT_VERB,
    SEND_SUBJECT,
    SENDS_TO_ADDRESS,
    SENT_TO_APP,
    SENT_TO_BEFORE_APP_HOOK,
    SET_UP_APP,
    SHEET_WORD,
    SLASH_COMMAND,
    SOURCE_BEFORE_APP,
    STATE_CHANGE,
    STATE_EVENT_OPENER,
    STATE_WORD,
    STATIVE,
    STEP_FAILS,
    SUBWORKFLOW_START,
    TABLE_APPS,
    TALK_TO,
    TALKS_BACK,
    THROUGH_APP,
    TIME_WINDOW,
    TO_US_BY_MAIL,
    TO_US_THROUGH,
    TOOL_NOUNS,
    TRIGGER_CLAUSE_END,
    TRIGGER_WORD,
    URL_OR_EMAIL,
    USE_VERBS,
    VENDOR_NODES,
    WE_GET,
    WEB_ADDRESS,
    WEB_ADDRESS_SAID,
    WEBHOOK_NODE_NAMED,
    WEBHOOK_START,
    WORKFLOW_SUBJECT,
    WORKFLOWS_OWN_ADDRESS,
    WRITTEN_TO_BEFORE_APP,
)
from engine.types import Entity
from nodepilot.workflow import trigger_kind

MAX_CHARS = 20_000
#: Fuzzy matching is quadratic-ish; only the head of a long text gets it.
FUZZY_CHARS = 4_000
_MAX_NGRAM = 4
#: "when ..." clauses looked at for an app trigger (the trigger is stated early, not in the 50th).
_MAX_EVENT_CUES = 50

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.\-+'][A-Za-z0-9]+)*")
#: What follows a name that heads the request ("Teams: answer ...", "acuity - if a client ...").
_HEADS_REQUEST = re.compile(r":|\s+[-\u2013\u2014]\s")
#: How many words may stand between a name heading the request and the app's place it names
#: ("Outlook shared inbox", "Notion roadmap DB").
_HEADING_QUALIFIERS = 2
#: The app's place said right after its name, before the event ("Teams support channel: ...",
#: "Outlook shared inbox support@: ..."): up to two qualifying words, then the place's noun
#: (checked against ``APP_NOUNS``).
_APP_PLACE_GAP = re.compile(rf"\s+(?:[\w-]+\s+){{0,{_HEADING_QUALIFIERS}}}[\w-]+\b")
#: A place's own name or address after its noun ("'Contracts'", "support@", "billing@acme.io").
_QUOTED_OR_ADDRESS = re.compile(
    r"^\s*(?:['\"\u2018\u201c][^'\"\u2019\u201d\n]{1,40}['\"\u2019\u201d]|[\w.+-]+@[\w.-]*)"
)


@dataclass
class _Token:
    text: str
    start: int
    end: int
    key: str


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    node_type: str | None
    value: dict[str, Any] = field(default_factory=dict)


def _tokens(text: str) -> list[_Token]:
    masked = URL_OR_EMAIL.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for m in _TOKEN.finditer(masked):
        word = m.group(0)
        end = m.end()
        if word.lower().endswith("'s"):  # possessive: "shopify's"
            word, end = word[:-2], end - 2
        if suffix := COMPOUND_SUFFIX.search(word):  # "Telegram-based": the name is "Telegram"
            word, end = word[: suffix.start()], m.start() + suffix.start()
        elif (bot := JOINED_BOT.search(word)) and name_key(word[: bot.start()]) in name_table():
            word, end = word[: bot.start()], m.start() + bot.start()  # "slackbot": Slack's bot
        elif (head := _hyphen_head(word)) is not None:
            word, end = head, m.start() + len(head)  # "Trello-card": Trello's card
        key = name_key(word)
        if key:
            out.append(_Token(word, m.start(), end, key))
    return out


def _hyphen_head(word: str) -> str | None:
    """The app name heading a hyphen-joined word ("Trello-card", "Notion-page"), when the whole
    word names nothing ("G-Drive", "Google-Sheets" do) and what follows the hyphen is one of the
    app's records or an app noun: the name is the app, the rest what of it."""
    if "-" not in word or name_key(word) in name_table():
        return None
    head, _, tail = word.rpartition("-")
    names = name_table().get(name_key(head))
    if not names or names[0].kind != "app":
        return None
    tail_key = name_key(tail)
    if tail_key in APP_NOUNS or stem(tail_key) in record_words(names[0].node_type):
        return head
    return None


def _lev1(a: str, b: str, limit: int) -> bool:
    """Whether the optimal-string-alignment distance of a and b is at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= limit


def _fuzzy(key: str, table: dict[str, tuple[Name, ...]]) -> tuple[Name, ...] | None:
    """A unique table entry within 1 edit (2 for long names) of ``key``; None if none/several."""
    if len(key) < 5:
        return None
    limit = 1 if len(key) < 10 else 2
    letters = _letter_mask(key)
    hits = [
        names
        for k, names, mask in _fuzzy_entries(table).get(key[0], ())
        # a necessary condition, cheap: each edit changes at most two letters of the set
        if (letters ^ mask).bit_count() <= 2 * limit and _lev1(key, k, limit)
    ]
    distinct = {n.node_type for names in hits for n in names}
    return hits[0] if len(distinct) == 1 else None


#: ``_fuzzy_entries``' index per name table (tables are built once per process and kept).
_FUZZY_INDEX: dict[int, tuple[dict[str, tuple[Name, ...]], dict[str, list[Any]]]] = {}


def _fuzzy_entries(table: dict[str, tuple[Name, ...]]) -> dict[str, list[Any]]:
    """The entries ``_fuzzy`` may forgive a typo for (5+ letters, a fuzzy target, not
    ambiguous), by first letter, in table order. Why: a typo is looked for at every word of
    every request (and since session 13 at English words leading a name, "Google calender"),
    and scanning the whole table each time made the offline path 25% slower (p50 14.5 -> 18.2
    ms); the index gives the same hits in the same order."""
    cached = _FUZZY_INDEX.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    index: dict[str, list[Any]] = {}
    for k, names in table.items():
        if len(k) >= 5 and names[0].node_type in FUZZY_TARGETS and not names[0].ambiguous:
            index.setdefault(k[0], []).append((k, names, _letter_mask(k)))
    _FUZZY_INDEX[id(table)] = (table, index)
    return index


def _letter_mask(word: str) -> int:
    """The set of ``word``'s characters as bits (``ord`` modulo 64). Why: an edit (insert,
    delete, substitute, swap) changes at most two members of a word's character set, and two
    characters that share a bit only hide differences, so two words whose masks differ in
    more than ``2 * limit`` bits are more than ``limit`` edits apart: ``_fuzzy`` skips the
    edit-distance table for them (most entries sharing the first letter; 2,056 typo looks
    over 40 requests cost ~30% of entity reading)."""
    mask = 0
    for ch in word:
        mask |= 1 << (ord(ch) & 63)
    return mask


def _own_record(word: str, names: tuple[Name, ...]) -> bool:
    """``word`` names one of the app's own records ("Wise transfer", "Copper opportunity",
    "Linear issue"): the catalog's resources and trigger events of the app, so an everyday
    name followed by what that app holds is the app. Only apps with a trigger node: their
    records' events start workflows, where a missed name costs the trigger."""
    return len(word) > 3 and any(
        n.kind == "app"
        and trigger_for(n.node_type) not in (None, n.node_type)
        and stem(word) in record_words(n.node_type)
        for n in names
    )


def _context_ok(
    tokens: list[_Token], i: int, j: int, text: str, names: tuple[Name, ...] = ()
) -> bool:
    """App context for an ambiguous name spanning tokens[i:j]."""
    first = tokens[i]
    surface = text[first.start : tokens[j - 1].end]
    nxt = tokens[j].key if j < len(tokens) else ""
    prev = tokens[i - 1].key if i > 0 else ""
    if nxt in EVERYDAY_AFTER:
        return False
    if any(n.key in NAMED_BY_RECORD_ONLY for n in names):  # "our Monday board", not "on Monday"
        if prev in DAY_BEFORE:
            return False
        return nxt in TOOL_NOUNS or any(stem(nxt) in record_words(n.node_type) for n in names)
    # Capitalised in mid-sentence: "post it in Teams", "save to Notion".
    sentence_start = i == 0 or text[: first.start].rstrip().endswith((".", "!", "?", ":", "\n"))
    if surface[:1].isupper() and not sentence_start and not surface.isupper():
        return True
    if any(n.key in CAPITALISED_ONLY for n in names):
        # "a file lands in Drive", "the Receipts folder on drive"; never "my shared drive
        # folder", "I drive to work", "want to drive"
        back = i - 1  # "drops a contract into our drive", "uploads to the shared drive"
        while back > 0 and tokens[back].key in OWNED_PLACE and i - back <= 2:
            back -= 1
        if prev == "shared" and tokens[max(i - 2, 0)].key == "my":
            return False  # "my shared drive folder": a disk of the asker's
        before = tokens[back].key if back >= 0 else ""
        into = CONTAINER_PREPOSITIONS | ({"to"} if back < i - 1 else set())
        return before in into and i >= 1 and not surface.isupper()
    if nxt in NAME_MODIFIERS and j + 1 < len(tokens):  # "o365 shared mailbox"
        nxt = tokens[j + 1].key
    if nxt in APP_NOUNS or _own_record(nxt, names):
        return True
    if text[: first.start].rstrip().endswith("(") and text[tokens[j - 1].end :].lstrip()[:1] == ")":
        return True  # "by e-mail (outlook)", "tasks (linear)": the name says which app
    if prev in USE_VERBS and nxt in PURPOSE_AFTER_USE:  # "our team uses linear for bugs"
        return True
    if i == 0 and _HEADS_REQUEST.match(text, tokens[j - 1].end):  # "Teams: ...", "acuity - ..."
        return True
    if i == 0 and _heading_names_its_place(tokens, j, text):  # "Outlook shared inbox: ..."
        return True
    if prev in ("and", "or", "&") and i >= 2:  # "Slack and Teams": in a list of apps
        names = name_table().get(tokens[i - 2].key)
        if names and not names[0].ambiguous:
            return True
    if prev in ("my", "our"):
        # "save it to our notion", "in my outlook" are the app; "our teams meet", "my box of
        # files" the word: a lower-case English word after "our" needs the place it is in
        owner_before = tokens[i - 2].key if i >= 2 else ""
        return (
            not surface.islower()
            or owner_before in APP_PREPOSITIONS | USE_VERBS
            or first.key not in known_words()
        )
    return prev in APP_PREPOSITIONS or prev in ("ms", "microsoft")


def _heading_names_its_place(tokens: list[_Token], j: int, text: str) -> bool:
    """The heading the name opens goes on to one of the app's places a word or two later, then
    ends ("Outlook shared inbox support@: ...", "Notion roadmap DB - ...", "Box client folder
    'Contracts': ..."). Why: a request headed by an app names the app its next clause happens
    in; read as the everyday word, the app was lost and with it the app's trigger. Only at the
    request's opening and only before a heading mark, so "linear regression model" stays
    words."""
    for k in range(j, min(j + _HEADING_QUALIFIERS + 1, len(tokens))):
        if tokens[k].key in APP_NOUNS:
            limit = tokens[k + 2].start if k + 2 < len(tokens) else len(text)
            return bool(_HEADS_REQUEST.search(text, tokens[k].end, limit))
    return False


def _exact(
    tokens: list[_Token], i: int, table: dict[str, tuple[Name, ...]], text: str
) -> tuple[int, tuple[Name, ...], bool] | None:
    """The longest name starting at token i (plural "s" tolerated), with context if needed."""
    for n in range(min(_MAX_NGRAM, len(tokens) - i), 0, -1):
        key = "".join(t.key for t in tokens[i : i + n])
        names = table.get(key)
        if names is None and len(key) > 4 and key.endswith("s"):
            names = table.get(key[:-1])  # "google sheets" vs "google sheet", "tweets"
        if names is None and n == 1:
            names = _model_vendor(key)
        if names is None:
            continue
        if names[0].ambiguous and not _context_ok(tokens, i, i + n, text, names):
            continue
        return n, names, False
    return None


def _fuzzy_at(
    tokens: list[_Token],
    i: int,
    table: dict[str, tuple[Name, ...]],
    vocab: frozenset[str],
    text: str,
) -> tuple[int, tuple[Name, ...], bool] | None:
    """A typo'd name at token i ("telegarm", "gogle sheets"): only tokens that are not English
    words are candidates, so "stack" never becomes Slack."""
    if tokens[i].end > FUZZY_CHARS or not tokens[i].key.isalpha():
        return None
    lead_word = tokens[i].key in vocab  # "Google calender": only the later word may be typo'd
    for n in range(min(_MAX_NGRAM - 1, len(tokens) - i), 1 if lead_word else 0, -1):
        part = tokens[i : i + n]
        if not all(t.key.isalpha() for t in part):
            continue
        if lead_word and all(t.key in vocab for t in part[1:]):
            continue  # every word English: no typo to forgive
        names = _fuzzy("".join(t.key for t in part), table)
        if names is None or names[0].ambiguous:
            continue
        if not lead_word or _typo_after_lead(tokens[i].key, part[1:], names[0].key):
            return n, names, True
    return None


def _typo_after_lead(lead: str, rest: list[_Token], target: str) -> bool:
    """A name whose first word is written right and a later one typo'd ("Google calender"):
    the target starts with the lead word and the rest is one edit from the target's rest.
    Why so strict: the lead is an English word ("google", "on"), so "on OneDrive" must not
    read as a typo of "OneDrive" with "on" in front."""
    tail = target[len(lead) :]
    return (
        target.startswith(lead) and len(tail) >= 4 and _lev1("".join(t.key for t in rest), tail, 1)
    )


def _model_vendor(key: str) -> tuple[Name, ...] | None:
    """Model ids written as one token ("gpt-4o", "claude-3-5-sonnet", "gemini-2.5-flash")."""
    m = MODEL_ID_VENDOR.match(key)
    if not m:
        return None
    vendor_word = {"chatgpt": "gpt", "llama": "ollama"}.get(m.group(1), m.group(1))
    vendor, node_type = AI_VENDORS[vendor_word]
    return (Name(key, node_type, kind="ai", vendor=vendor),)


def _match_names(text: str, tokens: list[_Token]) -> list[_Found]:
    table = name_table()
    vocab = known_words()
    found: list[_Found] = []
    i = 0
    while i < len(tokens):
        hit = _exact(tokens, i, table, text) or _fuzzy_at(tokens, i, table, vocab, text)
        if hit is None:
            i += 1
            continue
        n, names, fuzzy = hit
        start, end = tokens[i].start, tokens[i + n - 1].end
        name = names[0]
        value: dict[str, Any] = {"fuzzy": True} if fuzzy else {}
        if name.key in CAPITALISED_ONLY:
            value["short"] = True
        if name.kind == "ai":
            value.update(vendor=name.vendor, **VENDOR_NODES.get(name.vendor or "", {}))
            # a one-token model id ("claude-sonnet-4-5") is the model itself
            whole = n == 1 and MODEL_ID_VENDOR.match(name.key) and not fuzzy
            model = text[start:end] if whole else _model_name(text, start)
            if model:
                value["model"] = model
            found.append(_Found(start, end, "ai", name.node_type, value))
        elif name.kind == "trigger":
            app = name.node_type[: -len("Trigger")] if name.node_type.endswith("Trigger") else None
            value.update(kind="app")
            if app:
                value["app"] = app
            found.append(_Found(start, end, "trigger", name.node_type, value))
        else:
            found.append(_Found(start, end, "app", name.node_type, value))
        i += n
    return found


def _model_name(text: str, start: int) -> str | None:
    m = MODEL_NAME.search(text, start, min(len(text), start + 40))
    return m.group(1).strip().rstrip(".,") if m else None


# ------------------------------------------------------------------ triggers


def _clause(text: str, start: int) -> tuple[int, int]:
    m = TRIGGER_CLAUSE_END.search(text, start + 1, min(len(text), start + 160))
    return start, (m.start() if m else min(len(text), start + 120))


def _messaging_bot(text: str, apps: list[_Found]) -> _Found | None:
    """A bot that lives on a messaging app ("a WhatsApp assistant that answers ...", "a support
    bot for my Telegram channel", "customers message us on WhatsApp"): that app's trigger, on
    its message event, starts the workflow - not a chat trigger, not a manual one. Only apps
    whose trigger offers a message event count (``message_trigger_for``)."""
    if SCHEDULE.search(text) and not TALKS_BACK.search(text):
        return None  # "a Telegram bot that sends me the news every morning": the schedule starts
    for app in apps:
        if app.kind != "app" or not app.node_type:
            continue
        trig = message_trigger_for(app.node_type)
        if trig is None and messaging_app_without_trigger(app.node_type):
            # "a Discord bot that answers ...": the app calls our webhook, the bot answers
            # through the app's node (a step, so the app is not taken into the trigger)
            if span := _bot_span(text, app):
                event = {"kind": "webhook", "event": "bot message", "app": app.node_type}
                return _Found(span[0], span[1], "trigger", BASE + "webhook", event)
        if trig is None:
            continue
        span = _bot_span(text, app) or _every_message_span(text, app, apps)
        if span is None:
            continue
        app.value["in_trigger"] = True
        event = {"kind": "app", "app": app.node_type, "event": "message received"}
        return _Found(span[0], span[1], "trigger", trig, event)
    return _round_trip(text, apps)


def _every_message_span(text: str, app: _Found, apps: list[_Found]) -> tuple[int, int] | None:
    """Every message on the app is the event: "every message in our Telegram group", "each
    Slack message", or the app named first in the sentence that reads every message ("Make a
    Telegram group moderator: an AI agent reads each message")."""
    before = text[max(0, app.start - 40) : app.start]
    cue = EVERY_MESSAGE.search(before)
    if cue and MESSAGES_ON_PLACE.fullmatch(before[cue.end() :]):
        return app.start - len(before) + cue.start(), app.end
    if EACH_ONE_BEFORE_APP.search(before) and (msgs := APP_MESSAGES.match(text, app.end)):
        return app.start, msgs.end()
    cue = EVERY_MESSAGE.search(text, app.end, app.end + 200)
    if cue is None or (
        text[: app.start].strip() and _SENTENCE_END.search(text, app.end, cue.start())
    ):
        return None
    # no other app named before the cue, nor as where the messages are ("each message from Gmail")
    on = MESSAGES_ON_PLACE.match(text, cue.end())
    others = [a for a in apps if a is not app and a.kind == "app"]
    if any(app.end <= a.start < cue.start() or (on and a.start == on.end()) for a in others):
        return None
    return app.start, app.end


#: The end of a sentence (a full stop, "!" or "?" followed by a space or the end).
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _bot_span(text: str, app: _Found) -> tuple[int, int] | None:
    """Where the request says a bot lives on ``app`` (the whole phrase, so the trigger's span
    differs from the app's own name), or None."""
    before = text[max(0, app.start - 80) : app.start]
    after = text[app.end : app.end + 60]
    offset = app.start - len(before)
    bot_noun = BOT_BEFORE_APP.search(before)
    if bot_noun and RECIPIENT_VERB.search(before[: bot_noun.start()].split(",")[-1]):
        bot_noun = None  # "alert the assigned agent on Slack": someone to tell
    if (
        (hit := bot_noun)
        or (hit := PEOPLE_MESSAGE_APP.search(before))
        or (hit := ANSWER_MESSAGES_ON_APP.search(before))
        or (hit := RECEIVE_ON_APP.search(before))
    ):
        return offset + hit.start(), app.end
    if (hit := ANSWER_APP_MESSAGES.search(before)) and (msgs := APP_MESSAGES.match(after)):
        return offset + hit.start(), app.end + msgs.end()
    if tail := BOT_AFTER_APP.match(after) or APP_ANSWERS.match(after):
        return app.start, app.end + tail.end()
    if LET_APP.search(before) and (tail := APP_REPLIES.match(after)):
        return app.start, app.end + tail.end()  # "make my WhatsApp reply automatically"
    if (hit := WE_GET.search(before)) and (msgs := APP_INBOUND.match(after)):
        return offset + hit.start(), app.end + msgs.end()  # "we get lots of WhatsApp questions"
    return _talked_to_through(text, app)


#: Where a clause ends inside a sentence (a comma, semicolon, colon or dash).
_CLAUSE_MARK = re.compile(r"[,;:\u2013\u2014]|\s-\s")


def _sentence_of(text: str, app: _Found) -> tuple[int, int]:
    """The app's sentence, read within 300 characters each side (long texts stay linear)."""
    low = max(0, app.start - 300)
    start = max((m.end() for m in _SENTENCE_END.finditer(text, low, app.start)), default=low)
    stop = _SENTENCE_END.search(text, app.end, app.end + 300)
    return start, (stop.start() if stop else min(len(text), app.end + 300))


def _round_trip(text: str, apps: list[_Found]) -> _Found | None:
    """A conversation on a messaging app said by its grammar, not by a bot's name: in the app's
    sentence someone writes in (``INBOUND``, or messages arriving at the app, or something that
    lives there: "a guide in Telegram that ...") and the workflow talks back (``REPLY_BACK``, in
    that sentence or the next), while no order sends the workflow's result to the app:
    "customers text our Twilio number and get an answer", "people WhatsApp us their tracking
    number and get the status back", "our Discord community asks ...; have an AI answer them".
    A weak start: any other start the request names wins."""
    for app in apps:
        if app.kind != "app" or not app.node_type:
            continue
        trig = message_trigger_for(app.node_type)
        if trig is None and not messaging_app_without_trigger(app.node_type):
            continue
        start, end = _list_block(text, *_sentence_of(text, app))
        after = _SENTENCE_END.search(text, end + 1, end + 300)
        before = text[start : app.start]
        writer = _writer_of_order(text, app, start)
        if writer == "workflow":
            continue  # "post the summary to Slack": where the result goes
        writes_in = (
            writer == "person"
            or INBOUND.search(text, start, end)
            or MESSAGES_TO_APP.search(before)
            or LIVES_ON.search(before)
            or (LIVES_ON_APP.search(before) and DESCRIBED_AFTER.match(text, app.end))
            or MEMORY.search(text, start, after.start() if after else len(text))  # a chat
            or SLASH_COMMAND.search(text, start, end)  # "Telegram: /price <ticker> should ..."
        )
        if not writes_in:
            continue
        if not (
            writer == "person"  # "I send a voice memo to Telegram and ...": the message starts it
            or REPLY_BACK.search(text, start, after.start() if after else len(text))
            or ASKS_FOR.search(text, start, end)
            or SLASH_COMMAND.search(text, start, end)
        ):
            continue
        if trig is None:
            event = {"kind": "webhook", "event": "bot message", "app": app.node_type, "weak": True}
            return _Found(app.start, app.end, "trigger", BASE + "webhook", event)
        app.value["in_trigger"] = True
        event = {"kind": "app", "app": app.node_type, "event": "message received", "weak": True}
        return _Found(app.start, app.end, "trigger", trig, event)
    return None


def _writer_of_order(text: str, app: _Found, start: int) -> str | None:
    """Who sends to the app, when an order in its clause does: "workflow" when the workflow's
    result goes there ("post the summary to Slack", "the bot should email support from Gmail"),
    "person" when someone else writes to it ("customers can send photos to our Telegram",
    "I'd like to send a voice memo to Telegram"); None when no send verb leads to the app."""
    clause = max((m.end() for m in _CLAUSE_MARK.finditer(text, start, app.start)), default=start)
    order = SENT_TO_APP.search(text, clause, app.start)
    if order is None:
        return None
    lead = [w.strip(",'").split("'")[0] for w in text[clause : order.start()].split()[-6:]]
    subject = next((w for w in reversed(lead) if SEND_SUBJECT.fullmatch(w)), "")
    return "workflow" if not subject or WORKFLOW_SUBJECT.fullmatch(subject) else "person"


def _list_block(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence that is one item of a list ("- lives in Slack") widened to the whole list
    with the line that introduces it: a list describes one thing item by item."""
    if not _LIST_ITEM.match(text, start):
        return start, end
    head = text.rfind("\n", 0, max(0, start - 1))
    while head > 0 and _LIST_ITEM.match(text, head + 1):
        head = text.rfind("\n", 0, head)
    tail = end
    while tail < len(text) and _LIST_ITEM.match(text, tail + 1):
        stop = text.find("\n", tail + 1)
        tail = stop if stop >= 0 else len(text)
    return max(0, head + 1 if head >= 0 else 0), tail


#: A line that is an item of a list ("- ", "* ", "1. ", "2) ").
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,2}[.)])\s")


def _talked_to_through(text: str, app: _Found) -> tuple[int, int] | None:
    """Someone talks to the workflow through the app, said in the app's sentence: "give our
    Telegram users an AI they can talk to", "chat with my Notion notes from Telegram", "a
    finance tracker over Telegram: I send receipt photos"."""
    start, end = _sentence_of(text, app)
    talk = TALK_TO.search(text, start, end)
    if talk is None:
        return None
    people = APP_PEOPLE.match(text, app.end)
    if people is not None and talk.start() >= app.end:
        return app.start, people.end()
    header = APP_HEADER_TAIL.match(text, app.end)
    if header and LEADING_RECORD.match(text[: app.start]) and talk.start() >= header.end():
        return app.start, app.end  # "Telegram: users send a link, the bot replies ..."
    near = text[max(start, app.start - 30) : app.start]
    if SET_UP_APP.search(near) and talk.start() >= app.end:
        return app.start, app.end  # "set up WhatsApp so that when people message our number"
    through = THROUGH_APP.search(near)
    if through is None:
        return None
    # "the bot should email support from gmail": the app sends what the workflow writes
    clause = max((m.end() for m in _CLAUSE_MARK.finditer(text, start, app.start)), default=start)
    sends = ACTION_VERB.search(text, clause, app.start) or SEND_OUTPUT_VERB.search(
        text, clause, app.start
    )
    return (app.start, app.end) if sends is None else None


def _app_event(text: str, apps: list[_Found]) -> _Found | None:
    """The first app event ("when X in Gmail", "once a Zendesk ticket is solved", "if a Jira
    issue moves to Done"): the app of the event clause whose trigger node starts the workflow.
    Weaker openers ("if a", "for each", "any time") count only with a change of state."""
    cues = [
        (m, False) for m in itertools.islice(APP_EVENT_OPENER.finditer(text), _MAX_EVENT_CUES)
    ] + [(m, True) for m in itertools.islice(STATE_EVENT_OPENER.finditer(text), _MAX_EVENT_CUES)]
    for ev, weak in sorted(cues, key=lambda c: c[0].start()):
        start, end = _clause(text, ev.start())
        if MANUAL_START.match(text, ev.start()):
            continue  # "whenever I click test": a manual start, not an app event
        if STEP_FAILS.search(text, ev.end(), end):
            continue  # "when the Stripe call fails": a step's error, not an app event
        if ERROR_WORKFLOW.match(text, ev.start()):
            continue  # "when other workflows are failing": the error trigger's event
        changes = STATE_CHANGE.search(text, ev.end(), end) or ACTED_ON_BY.match(
            text[ev.end() : end]
        )
        if weak and (
            not changes
            or STATIVE.match(changes.group(0))
            and FILTER_WORDS.search(text, ev.end(), changes.start())
        ):
            continue  # no change of state, or a filter ("for every row where status is closed")
        stop = _event_stop(text, ev.end(), end, changes)
        # "... get reopened; whenever that happens tell the lead on Slack": the app is before
        back = POINTS_BACK.match(text[ev.end() : end]) is not None
        inside = [
            a for a in apps
            if start <= a.start < stop and a.kind == "app" and a.node_type
            and trigger_for(a.node_type) and not back
        ]  # fmt: skip
        if not inside and (changes or not weak):
            heads = (a for a in apps if _heads(text, a, ev.start()))
            # "Pipedrive -> Slack: new deals": an app after an arrow is where things go
            inside = [
                a for a in heads
                if trigger_for(a.node_type or "") and not ARROW_BEFORE_APP.search(text, 0, a.start)
            ]  # fmt: skip
        if not inside and back:
            inside = _named_before(text, apps, ev.start())
        if not inside and (channel := CHANNEL.search(text, ev.end(), stop)):
            inside = _channel_app(channel.start(), apps)
        if PERSON_TALKS.match(text[ev.end() : end].lstrip()) and any(
            message_trigger_for(a.node_type or "") for a in apps
        ):  # "when someone asks about the schedule in Airtable", with WhatsApp named: a message
            inside = [a for a in inside if message_trigger_for(a.node_type or "")]
        # "when a new file is added to my Dropbox, copy it to Google Drive": an app named in the
        # event (here one without a trigger, so polled) owns it; no other app's records do
        named_here = any(a.kind == "app" and start <= a.start < stop for a in apps)
        owner = (
            None if inside or named_here
            else _record_owner(text[ev.end() : end], apps, (ev.start(), end))
            or (
                None if FOR_EACH_LOOP.match(text, ev.start())  # "for every file that was added"
                else _context_app(text, apps, ev.start(), text[ev.end() : end], bool(changes))
            )
        )  # fmt: skip
        # "a new Sheets file lands in a Drive folder": the container (after in/into/to) wins -
        # inside the event's words; before them, "into GitHub" is where records are written
        contained = [
            a for a in inside
            if a.start >= ev.start() and _holds_the_event(text, a) and not _sent_on(text, inside, a)
        ]  # fmt: skip
        for app in contained[:1] or inside[:1] or ([owner] if owner else []):
            trig = trigger_for(app.node_type or "")
            if trig:
                if owner is None:  # the app named elsewhere may be a step too
                    app.value["in_trigger"] = True
                said = text[ev.end() : end].strip()[:80]
                value = {"kind": "app", "app": app.node_type, "event": said}
                if owner is not None:
                    value["weak"] = True
                return _Found(ev.start(), end, "trigger", trig, value)
    return None


def _holds_the_event(text: str, app: _Found) -> bool:
    """The app is where the event's records end up: after a place ("lands in a Drive folder",
    "sends a receipt to my Gmail": ``IN_A_PLACE_BEFORE``) or, for an app that receives
    messages, as the one a message is brought to ("Calendly emails my Gmail a booking", "a
    booking email reaches our Outlook inbox": ``MESSAGE_REACHES_BEFORE``). Why: when a third
    app mails our inbox, the mail arrives in ours - its trigger starts the workflow, not the
    sender's (no request of the kind can be started by the sender)."""
    if IN_A_PLACE_BEFORE.search(text[max(0, app.start - 12) : app.start]):
        return True
    reached = MESSAGE_REACHES_BEFORE.search(text[max(0, app.start - 16) : app.start])
    return reached is not None and message_trigger_for(app.node_type or "") is not None


def _sent_on(text: str, inside: list[_Found], app: _Found) -> bool:
    """``app`` only receives the records of an app with a trigger named just before it, said
    right after that app's name and sent on ("new Typeform responses go to our Notion
    database", "new Mailchimp subscribers to Google Sheets", "new SeaTable rows to Trello
    cards": ``RECORDS_SENT_ON``). Why: read as the place the event happens, the destination's
    trigger started the workflow and the records' own app was never watched; the records said
    with their app's name are that app's. Not when the words between say an arrival, an order
    or a message of an app with no message trigger reaching a message app ("a Sheets file
    lands in a Drive folder", "Stripe sends a receipt to my Gmail", "Calendly booking emails
    go to my Gmail"; not "new Gmail emails to Slack"): then ``app`` holds the event."""
    for source in inside:
        if source.end > app.start or trigger_for(source.node_type or "") is None:
            continue
        said = RECORDS_SENT_ON.fullmatch(text, source.end, app.start)
        records = said.group("records") if said else ""
        if not records or ARRIVES.search(records) or ACTION_VERB.search(records):
            continue
        if RECORD_EVENT_VERBS.search(records) or STATE_CHANGE.search(records):
            continue
        mail = SEND_OUTPUT_VERB.search(records) and not message_trigger_for(source.node_type or "")
        if mail and message_trigger_for(app.node_type or ""):
            continue  # "Calendly booking emails go to my Gmail": the mail arrives in Gmail
        if _arrive_as_messages(text, source, app):
            continue
        return True
    return False


def _arrive_as_messages(text: str, source: _Found, app: _Found) -> bool:
    """ "Whenever Shopify refunds go to my Gmail inbox, log them", "when Zendesk escalations go
    into our Teams channel, page the on-call": an event clause ("when ...") with no "new", in
    which another app's records reach an app people get messages in - they arrive there as
    messages, and that app's trigger starts. A reviewer's requests (HR18) found these started
    on the source app, which has no such event, with a message sent to the inbox added."""
    if message_trigger_for(app.node_type or "") is None:
        return False
    opening = APP_EVENT_OPENER.search(text, max(0, source.start - 40), source.start)
    return opening is not None and not NEW_WORD.search(text, opening.start(), source.start)


def _event_stop(text: str, start: int, end: int, changes: re.Match[str] | None = None) -> int:
    """Where an event clause's own words stop: at the first order verb ("... create an
    invoice in Xero"), modal order ("... should be written to Google Sheets"), or, once the
    record has changed or arrived, any verb of order ("when a github issue is opened drop a
    line on telegram": Telegram is where the line goes, not where the event happens)."""
    stops = [m.start() for m in (ACTION_VERB.search(text, start, end),
                                 ORDER_AFTER_EVENT.search(text, start, end)) if m]  # fmt: skip
    if changes is not None:  # ``ACTED_ON_BY`` matches the clause from ``start``
        happened = changes.end() + (start if changes.string is not text else 0)
    else:
        arrives = ARRIVES.search(text, start, end)
        happened = arrives.end() if arrives else None
    if happened is not None and (order := ORDER_AFTER_CHANGE.search(text, happened, end)):
        stops.append(order.start())
    if happened is not None and (passive := PASSIVE_ORDER.search(text, happened, end)):
        # "... whenever a bug gets marked urgent the whole #eng channel in slack gets pinged":
        # the passive order's subject starts at its last determiner
        heads = list(DETERMINER.finditer(text, happened, passive.start()))
        stops.append(heads[-1].start() if heads else passive.start())
    return min(stops, default=end)


def _named_before(text: str, apps: list[_Found], at: int) -> list[_Found]:
    """Apps with a trigger named before ``at`` that the event points back at: the subject of
    the same sentence ("our Asana tasks, when they get completed, ..."), then those of the
    sentence before ("Our Stripe customers sometimes cancel. When this happens ..."), the last
    named first."""
    marks = (". ", "! ", "? ", "; ", "\n")
    cut = max(text.rfind(mark, 0, at) for mark in marks)
    begin = max(text.rfind(mark, 0, cut) for mark in marks) + 1 if cut > 0 else 0
    named = [a for a in apps if begin <= a.start < max(cut, 0) and trigger_for(a.node_type or "")]
    # "our Asana tasks, when they get completed, are logged ...": the subject of the same
    # sentence, named before the event with no order before it, is what "they" points at
    here = max(cut, 0)
    subject = [
        a for a in apps
        if here <= a.start < at and trigger_for(a.node_type or "")
        and not ACTION_VERB.search(text, here, a.start)
    ]  # fmt: skip
    return _sources_first(text, subject) + _sources_first(text, named)


def _source_role(text: str, app: _Found) -> int:
    """How sure it is that ``app`` is where the records come from: 0 after "from" ("pages
    from GitHub issues", ``SOURCE_BEFORE_APP``), 2 after a word that sends or writes to it
    ("into GitHub issues", "to Google Sheets", ``WRITTEN_TO_BEFORE_APP``), else 1."""
    before = text[max(0, app.start - 60) : app.start]
    if SOURCE_BEFORE_APP.search(before):
        return 0
    return 2 if WRITTEN_TO_BEFORE_APP.search(before) else 1


def _sources_first(text: str, apps: list[_Found]) -> list[_Found]:
    """``apps``, the ones the records come from first (``_source_role``), then the last named
    first. Why: with two apps in a sentence, an event pointed at by a pronoun ("Mirror Linear
    issues into GitHub issues when they are created", "Log Toggl entries to Google Sheets as
    they are added") is the source's; the app named last is as often where they are written."""
    return sorted(apps, key=lambda a: (_source_role(text, a), -a.start))


def _context_app(
    text: str, apps: list[_Found], at: int, clause: str, changes: bool
) -> _Found | None:
    """The app a request introduces before an event that names only the record ("Our cypress
    runs report into Currents. If a run gets cancelled, ...", "our content calendar lives in
    notion. when an article's Status switches to ...", "pg table `orders`: when a row is
    inserted ..."): the nearest app with a trigger named before the event, not the object of an
    order (no order verb before it in its sentence), whose records (catalog) the clause names -
    or any such app when the clause says a change of state. A weak start."""
    words = {stem(w) for w in re.findall(r"[a-z]+", clause.lower()) if len(w) > 2}
    for app in _sources_first(text, [a for a in apps if a.end <= at]):
        trig = trigger_for(app.node_type or "") if app.kind == "app" else None
        if trig is None or trig == app.node_type:
            continue
        begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, app.start)), default=0)
        if ORDER_VERB.search(text, begin, app.start):
            continue  # "get the changed files from the GitHub API": an app acted on
        if changes or words & record_words(app.node_type or ""):
            return app
    return None


def _record_owner(clause: str, apps: list[_Found], span: tuple[int, int]) -> _Found | None:
    """The app an event's record belongs to when the event clause names no app and the app is
    named elsewhere ("When a deal is won, create an invoice. We use HubSpot for deals and Xero
    for invoicing"): the one app with a trigger whose records (its catalog resources and
    trigger events, ``record_words``) include a word of the clause; None when none or several
    do; an app named inside the clause (``span``) is what its order acts on. A weak start."""
    words = {stem(w) for w in re.findall(r"[a-z]+", clause.lower()) if len(w) > 2}
    acted_on = {a.node_type for a in apps if span[0] <= a.start < span[1]}
    owners = {
        a.node_type: a
        for a in apps
        if a.kind == "app" and a.node_type and trigger_for(a.node_type) not in (None, a.node_type)
        and a.node_type not in acted_on and words & record_words(a.node_type)
    }  # fmt: skip
    if len(owners) > 1:  # "runs report into Currents. If a run ..., open a github issue"
        owners = {t: a for t, a in owners.items() if a.end <= span[0]}
    return next(iter(owners.values())) if len(owners) == 1 else None


def _leading_record(text: str, apps: list[_Found], bare: bool = False) -> _Found | None:
    """ "Jira issue goes to Done: email the reporter", "A HubSpot deal moves to won, ...": the
    request opens with an app's record changing state, a few words after the app's name (no
    opener such as "when"), so the app's trigger starts it. ``bare``: the state may be said
    without a verb ("shopify order fulfilled, ..."), a weak start. A trigger-only app (Calendly,
    Typeform) needs none of this: it starts the workflow wherever it is named."""
    first = min((a for a in apps if a.kind == "app"), key=lambda a: a.start, default=None)
    if first is None or not first.node_type or not LEADING_RECORD.match(text[: first.start]):
        return None
    trig = trigger_for(first.node_type)
    if trig == first.node_type:
        return None
    record = first.end
    if header := APP_HEADER_TAIL.match(
        text, first.end
    ):  # "ClickUp: task status updated to Done -> ..."
        record = header.end()
    end = _clause(text, record)[1]
    said = STATE_CHANGE.search(text, record, end)
    # a bare state ("shopify order fulfilled") is a weak start: a schedule said elsewhere wins
    bare_state = (
        STATE_WORD.search(text, record, end)
        or EVENT_NOUN.search(text, record, end)
        or _CLOSING_PARTICIPLE.search(text, record, end)
    )
    changes = said or (bare_state if bare else None)
    if (
        trig is None
        or changes is None
        or not RECORD_BEFORE_CHANGE.fullmatch(text[record : changes.start()])
    ):
        return None
    first.value["in_trigger"] = True
    value = {"kind": "app", "app": first.node_type, "event": text[first.end : end].strip()[:80]}
    if said is None:
        value["weak"] = True
    return _Found(first.start, end, "trigger", trig, value)


def _record_then_app(text: str, apps: list[_Found]) -> _Found | None:
    """ "Reaction added in Slack -> ...", "Deals that hit "Closed Won" in HubSpot should ...",
    "Each successful Stripe checkout should ...": the request opens with a record and its change
    (no order, no start word before it), the app named in the same opening; a weak start. Not
    when the opening says a time ("A run at 22:00 that re-processes anything missed in the
    Airtable queue"): the run is timed, and what it handles is no record's change."""
    item = _LIST_ITEM.match(text)  # "1. deal in hubspot hits 'Closed Won'\n2. ..."
    begin = item.end() if item else 0
    stop = OPENING_END.search(text, begin)
    head = text[: stop.start() if stop else min(len(text), 160)]
    opening = head[begin:]
    if OPENS_WITH_ORDER.match(opening) or WEBHOOK_START.search(head) or TIME_WINDOW.search(head):
        return None  # an order, a webhook, or records of a period ("paid last month"): a report
    if ERROR_WORKFLOW.search(head):
        return None  # "a central error handler - on any workflow failure log ...": no record
    changes = (
        STATE_CHANGE.search(head)
        or STATE_WORD.search(head)
        or EVENT_NOUN.search(head)
        or PARTICIPLE_THEN_PLACE.search(head)
    )
    inside = [a for a in apps if a.kind == "app" and a.end <= len(head) and a.node_type]
    app = next((a for a in inside if trigger_for(a.node_type or "")), None)
    if changes is None or app is None or trigger_for(app.node_type or "") == app.node_type:
        return None
    if parse_schedule(head) is not None:
        return None  # "A run at 22:00 that re-processes anything missed in Airtable": a schedule
    app.value["in_trigger"] = True
    value = {"kind": "app", "app": app.node_type, "event": head.strip()[:80], "weak": True}
    return _Found(0, len(head), "trigger", trigger_for(app.node_type or ""), value)


def _each_in_state(text: str, apps: list[_Found]) -> _Found | None:
    """ "Turn every closed Zendesk ticket into a summary", "log each paid Stripe invoice": the
    records are picked by the state they reach (``EACH_IN_STATE`` right before the app's name),
    so the app's trigger starts the workflow on that change; a weak start."""
    for app in apps:
        trig = trigger_for(app.node_type or "") if app.kind == "app" else None
        cue = EACH_IN_STATE.search(text, max(0, app.start - 80), app.start) if trig else None
        if cue is None or trig == app.node_type:
            continue
        app.value["in_trigger"] = True
        value = {"kind": "app", "app": app.node_type, "event": cue.group(0).strip(), "weak": True}
        return _Found(cue.start(), app.end, "trigger", trig, value)
    return None


def _as_they_come(text: str, apps: list[_Found]) -> _Found | None:
    """ "Notify #billing about failed charges in stripe as they happen": records of an app
    handled as they come (``AS_THEY_COME``) - the app before the cue, in the same sentence, with
    a trigger of its own, that the records come from (``_sources_first``: not "to Google
    Sheets"), else the app they arrive in right after it (``_arrived_in``), starts the
    workflow; a weak start."""
    cue = AS_THEY_COME.search(text)
    if cue is None:
        return None
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, cue.start())), default=0)
    named = [
        a for a in apps
        if a.kind == "app" and begin <= a.start < cue.start()
        and trigger_for(a.node_type or "") not in (None, a.node_type)
    ]  # fmt: skip
    if not named:  # "as they come in to our Gmail support address": the app they arrive in
        named = [a for a in apps if a.kind == "app" and _arrived_in(text, begin, cue.end(), a)]
    if not named:
        return None
    app = _sources_first(text, named)[0]
    app.value["in_trigger"] = True
    value = {"kind": "app", "app": app.node_type, "event": cue.group(0), "weak": True}
    start, end = min(app.start, cue.start()), max(app.end, cue.end())
    return _Found(start, end, "trigger", trigger_for(app.node_type or ""), value)


def _arrived_in(text: str, begin: int, at: int, app: _Found) -> bool:
    """The app is named right after the arrival at ``at``, only a place between ("as it's
    uploaded *to our* Google Drive", "as they come in *to our* Gmail"), has a trigger of its
    own, and no order since ``begin`` sends something there ("Forward the leads as they come
    in to our Slack channel": ``SENT_TO_APP``). Why: the records arrive in that app, so its
    trigger starts the workflow; read as where things are sent, it got a Manual Trigger."""
    if app.start < at or trigger_for(app.node_type or "") in (None, app.node_type):
        return False
    if SENT_TO_APP.search(text[begin : app.start]):
        return False
    words = re.findall(r"[\w'-]+", text[at : app.start].lower())
    return 0 < len(words) <= 3 and all(
        w in EVENT_PLACE_PREPOSITIONS or w in DETERMINER_WORDS for w in words
    )


def _new_record(text: str, apps: list[_Found]) -> _Found | None:
    """ "We use Help Scout for support. I want a bot that answers each new conversation",
    "Our store runs on Shopify. Every new order over $500 ...": each new record of a kind,
    the app named elsewhere - the one app with a trigger whose records (catalog resources and
    trigger events) include that kind, the one named before the phrase when several do. A weak
    start: a schedule or another start said wins."""
    for cue in itertools.islice(NEW_RECORD.finditer(text), _MAX_EVENT_CUES):
        if TIME_WINDOW.search(text, cue.end(), cue.end() + 40):
            continue  # "all new orders of the day": a report over a period, not an event
        word = stem(cue.group(1))
        owners = [
            a for a in apps
            if a.kind == "app" and trigger_for(a.node_type or "") not in (None, a.node_type)
            and word in record_words(a.node_type or "")
        ]  # fmt: skip
        if len({a.node_type for a in owners}) > 1:
            owners = [a for a in owners if a.end <= cue.start()]
        if len({a.node_type for a in owners}) != 1:
            continue
        app = owners[0]
        app.value["in_trigger"] = True
        value = {"kind": "app", "app": app.node_type, "event": cue.group(0), "weak": True}
        return _Found(cue.start(), cue.end(), "trigger", trigger_for(app.node_type or ""), value)
    return None


#: A participle closing the opening clause, any verb ("copper lead converted -> ...", "gcal
#: event postponed: ..."): the record's change of state said bare (read up to the clause end).
_CLOSING_PARTICIPLE = re.compile(r"\b[a-z]{3,}(?:ed|en)\s*$", re.I)


def _channel_app(pos: int, apps: list[_Found]) -> list[_Found]:
    """ "when a message in #sales-leads mentions ...": the chat app named nearest the channel,
    when its trigger starts on messages (Slack, Teams ...)."""
    chat = [a for a in apps if a.node_type in CHANNEL_APPS and message_trigger_for(a.node_type)]
    return sorted(chat, key=lambda a: abs(a.start - pos))[:1]


def _arrow_source(text: str, apps: list[_Found]) -> _Found | None:
    """ "gmail invoices with pdf attachments -> gpt reads them ...": a request opening with
    what comes from an app, then an arrow, starts from that app's trigger (no verb before the
    arrow: "get the rows -> ..." is an order)."""
    m = _ARROW_HEAD.match(text)
    if m is None or ACTION_VERB.search(m.group(1)):
        return None
    for app in apps:
        trig = trigger_for(app.node_type or "") if app.kind == "app" else None
        if trig and app.end <= m.end(1):
            app.value["in_trigger"] = True
            value = {"kind": "app", "app": app.node_type, "event": m.group(1).strip()}
            return _Found(m.start(1), m.end(1), "trigger", trig, {**value, "weak": True})
    return None


#: The request's opening words up to a first arrow, within one clause.
_ARROW_HEAD = re.compile(r"\s*([^\n.;:!?]{3,80}?)\s*(?:->|\u2192|=>)")


def _incoming_email(text: str, apps: list[_Found]) -> _Found | None:
    """E-mails handled as they come in ("forward important emails from my boss to telegram"):
    the mail app's trigger - Outlook's when Outlook is named, else Gmail's (n8n's usual)."""
    m = INCOMING_EMAIL.search(text) or MAIL_RECEIVED_BY_US.search(text)
    if m is None:
        return None
    mail = next((a for a in apps if a.node_type in MAIL_TRIGGER_APPS), None)
    app = mail.node_type if mail else BASE + "gmail"
    trig = trigger_for(app or "")
    if trig is None:
        return None
    if mail is not None:
        mail.value["in_trigger"] = True
    value = {"kind": "app", "app": app, "event": m.group(0), "weak": True}
    return _Found(m.start(), m.end(), "trigger", trig, value)


def _after_app_place(gap: str) -> str:
    """``gap`` (between an app's name and an event) less the app's place said first ("
    support channel", " client folder 'Contracts'", " shared inbox support@"). Why: a request
    headed by an app and the place in it where things happen ("Slack support channel: whenever
    somebody posts ...") is about that app's events; without this the place's words cut the
    app off from the event and no trigger was found."""
    words = _APP_PLACE_GAP.match(gap)
    if words is None:
        return gap
    nouns = [w for w in re.finditer(r"[\w-]+", words.group(0)) if w.group(0).lower() in APP_NOUNS]
    if not nouns:
        return gap
    return _QUOTED_OR_ADDRESS.sub("", gap[nouns[-1].end() :])


def _heads(text: str, app: _Found, event_start: int) -> bool:
    """``app`` heads the event clause that follows it ("Salesforce: when an opportunity is
    marked won"): only a colon, dash or comma between them. With nothing but a space between,
    the app must open the request ("Salesforce when a deal is won, ..."): in "cancel the
    subscription in Stripe when the form says so" Stripe belongs to the step before the event,
    and the form, not Stripe, starts the workflow."""
    if app.end > event_start:
        return False
    gap = text[app.end : event_start]
    gap = _after_app_place(gap)  # "Teams support channel: whenever ...": the app's place
    if gap.strip(" \t:,-\u2013\u2014)"):  # "Leave requests sheet (Google Sheets): when ..."
        return False
    # "In Notion when I change a task's status ...": the app opens the request after "in"
    return bool(gap.strip()) or not IN_APP_OPENING.sub("", text[: app.start]).strip()


def _trigger_hints(text: str, apps: list[_Found]) -> list[_Found]:
    """Trigger entities: explicit kinds, app events ("when X in Gmail"), trigger-only apps."""
    out: list[_Found] = []

    def add(m: re.Match[str] | None, node_type: str, **extra: Any) -> None:
        if m is not None:
            kind = trigger_kind(node_type)  # the model's kinds, not a second table
            out.append(_Found(m.start(), m.end(), "trigger", node_type, {"kind": kind, **extra}))

    m = _webhook_offered(text, apps)
    sends = CALLS_A_WEBHOOK.search(text, max(0, m.start() - 20), m.end()) if m else None
    if sends and _calls_us(text, sends):
        sends = None  # "our ticketing tool can send a webhook": it calls us
    if m and not sends:
        add(m, BASE + "webhook")
    form = FORM_START.search(text)
    form_apps = {BASE + t for t in FORM_APPS}
    if form and not any(a.node_type in form_apps for a in apps):
        add(form, BASE + "formTrigger")
    bot = _messaging_bot(text, apps)
    if bot is not None:
        out.append(bot)
    elif (chat := CHAT_START.search(text)) is not None and "google chat" not in text.lower():
        add(chat, LC + "chatTrigger")
    # "on demand through a webhook call" says how the webhook is used: no manual start
    add(MANUAL_START.search(ON_DEMAND_VIA.sub(lambda m: " " * len(m.group(0)), text)),
        BASE + "manualTrigger")  # fmt: skip
    add(SUBWORKFLOW_START.search(text), BASE + "executeWorkflowTrigger")
    failing = ERROR_WORKFLOW.search(text) or OTHER_RUNS_FAIL.search(text)  # "if my job dies"
    if failing and not any(
        (failing.start() <= a.start < failing.end() and not names_own_run(text, a.end))
        or IN_APP_AFTER_RUN.fullmatch(
            text[failing.end() : a.start]
        )  # "... fails in GitHub Actions"
        for a in apps
        if a.start >= failing.start()
    ):
        named = bool(ERROR_WORKFLOW_NAMED.search(failing.group(0)))  # "I need an error workflow"
        add(failing, BASE + "errorTrigger", explicit=named)  # not "GitHub Actions fails" (above)
    instance = N8N_INSTANCE_EVENT.search(text)
    if instance and not any(instance.start() <= a.start < instance.end() for a in apps):
        # "whenever any workflow on this n8n instance is activated": n8n's own trigger
        add(instance, BASE + "n8nTrigger", app=BASE + "n8n", event=instance.group(0))
    mcp = MCP_SERVER.search(text)
    if mcp:
        add(mcp, LC + "mcpTrigger", event="tool call")
    for app in apps:  # "GitHub push trigger", "WhatsApp trigger"
        m = NAMED_TRIGGER_AFTER.match(text, app.end)
        trig = trigger_for(app.node_type or "")
        if m and trig:
            out.append(_Found(app.start, m.end(), "trigger", trig,
                              {"kind": "app", "app": app.node_type, "explicit": True}))  # fmt: skip
            app.value["in_trigger"] = True
    rss = RSS_START.search(text)
    if rss:
        add(rss, BASE + "rssFeedReadTrigger", app=BASE + "rssFeedRead", event="new item")
    event = (
        _leading_record(text, apps)
        or _app_event(text, apps)
        or _arrow_source(text, apps)
        or _leading_record(text, apps, bare=True)
        or _record_then_app(text, apps)
        or _each_in_state(text, apps)
        or _as_they_come(text, apps)
        or _new_record(text, apps)
        or _incoming_email(text, apps)
    )
    if event is not None:
        out.append(event)
    # A trigger-only app (Typeform, Calendly, ...) starts the workflow wherever it is named.
    for app in apps:
        if app.node_type and trigger_for(app.node_type) == app.node_type and app.kind == "app":
            named = NAMED_TRIGGER_AFTER.match(text, app.end)
            if named and BROKEN_FOR_US.match(text, named.end()):
                continue  # "(the Typeform trigger doesn't work on our plan)"
            if not any(t.node_type == app.node_type for t in out):
                out.append(_Found(app.start, app.end, "trigger", app.node_type,
                                  {"kind": "app", "app": app.node_type}))  # fmt: skip
            app.value["in_trigger"] = True
    return out


def names_own_run(text: str, app_end: int) -> bool:
    """The app ending at ``app_end``, named inside a failing run, only says what the run works
    on ("our Shopify sync workflow keeps crashing", ``RUN_NAMED_BY_ITS_WORK``): the run is the
    user's own automation, so its failing is an error workflow's start - not the app's event
    as in "a GitHub Actions workflow fails". Why: any app inside the run was read as the
    app's own failing run, and the request got a schedule or a manual start."""
    return bool(RUN_NAMED_BY_ITS_WORK.match(text, app_end))


def _calls_us(text: str, send: re.Match[str]) -> bool:
    """The webhook call ``send`` names is another system's call to the workflow, not one the
    workflow makes: a modal or a setting before it ("our ticketing tool can send a webhook",
    ``MODAL_BEFORE``), or another system as its subject ("ClickUp automations send a webhook to
    our URL when ...", ``sent_to_us``) in a clause no event opens - in "when a deal is won send
    a webhook to billing" the event runs into the order. Why: read as the workflow's call, the
    app that calls us won with its own trigger."""
    if MODAL_BEFORE.search(text, max(0, send.start() - 30), send.start()):
        return True
    low = text.lower()
    if "webhook" not in send.group(0).lower():
        return False  # "at 3am run the import by calling POST /import": the workflow's call
    begin = max((h.end() for h in CLAUSE_START_MARK.finditer(low, 0, send.start())), default=0)
    return sent_to_us(text, send.start()) and not APP_EVENT_OPENER.search(low, begin, send.start())


def sent_to_us(text: str, at: int) -> bool:
    """Someone else is the subject of the call or send at ``at`` ("The warehouse scanners hit
    an HTTP endpoint", "Pipedrive hits our URL when ..."): a word names who sends it, and it is
    not the asker, the workflow, a modal or "to" (``OUR_SIDE_BEFORE``); a verb opening its
    clause is an order to the workflow ("hit the endpoint every hour"). A modal is read past to
    its subject ("Pipedrive will POST ...": Pipedrive's send; "we will post ...": ours), and a
    passive with no agent ("the data is sent to our CRM endpoint", ``PASSIVE_SEND_BEFORE``) is
    the workflow's own send - "... is posted to our URL by Shopify" keeps its sender
    (``BY_AGENT_AFTER``), and in an event's clause ("When the booking form is sent to our
    endpoint") the send is what happens to us. After a determiner the verb's spelling is a
    noun's ("download the report from the URL", ``SEND_AS_NOUN_BEFORE``): no send at all."""
    low = text.lower()
    begin = max((h.end() for h in CLAUSE_START_MARK.finditer(low, 0, at)), default=0)
    before = MODAL_TAIL.sub(" ", low[begin:at])
    if SEND_AS_NOUN_BEFORE.search(before):
        return False
    if PASSIVE_SEND_BEFORE.search(before):  # "when the booking form is sent to our endpoint"
        end = CLAUSE_START_MARK.search(low, at)
        agent = BY_AGENT_AFTER.search(low, at, end.start() if end else len(low))
        return bool(agent or APP_EVENT_OPENER.search(before))
    if OTHERS_PART_BEFORE.search(MODAL_TAIL.sub(" ", text[begin:at])):
        return True  # "Jira Cloud automation calls our URL": another system's automation
    return bool(before.strip()) and not OUR_SIDE_BEFORE.search(before)


def sent_by_us(text: str, hit: re.Match[str]) -> bool:
    """The address ``hit`` names is where the workflow itself sends ("send the data to our
    internal webhook", "the answers are posted to our HR system's endpoint"): a send
    (``SENDS_TO_ADDRESS``) covering it that the request orders (``_ordered_send``), to an
    address that is not the workflow's own ("our n8n URL", ``WORKFLOWS_OWN_ADDRESS``). Why:
    read as an offered webhook, such a step became the start and the form, schedule or button
    that really starts the workflow was lost."""
    low = text.lower()
    begin = max((h.end() for h in CLAUSE_START_MARK.finditer(low, 0, hit.start())), default=0)
    for send in SENDS_TO_ADDRESS.finditer(low, begin):
        if send.start() > hit.start():
            return False
        own = WORKFLOWS_OWN_ADDRESS.search(send.group(0)) or ADDRESS_WE_GIVE.match(low, send.end())
        if hit.start() < send.end() and not own:
            return _ordered_send(low, send.start()) and _address_written(text, send.start())
    return False


def _address_written(text: str, at: int) -> bool:
    """The clause of the send at ``at`` writes where it goes: a web address, an app, or a
    service named after the address word ("to our endpoint at https://...", "to our Discord
    webhook", "our webhook at Zapier": ``PLACE_NAMED_AFTER``). Why: an ordered-looking send to
    "our webhook" that writes none of these was, on blind requests, the inbound call that
    starts the workflow (session 15: three of three)."""
    end = _clause(text, at)[1]
    if WEB_ADDRESS.search(text, at, end) or PLACE_NAMED_AFTER.search(text, at, end):
        return True
    part = text[at:end]
    return any(f.kind == "app" and f.node_type for f in _match_names(part, _tokens(part)))


def _ordered_send(low: str, at: int) -> bool:
    """The send at ``at`` is ordered, not told of: only joining words or the asker before it
    in its clause (``ORDERED_SEND_BEFORE``, modals dropped), a second order joined to one
    opening the clause ("export the rows and push them to ...", ``JOINED_END``), or a passive
    with no agent ("the data is sent to ..."). Stricter than ``not sent_to_us``: in "Warehouse
    app scans a parcel and calls our webhook" the app, not the workflow, calls; after a
    determiner the verb is a noun ("for every POST hitting my webhook", "the call summary our
    webhook sends"), no send at all."""
    begin = max((h.end() for h in CLAUSE_START_MARK.finditer(low, 0, at)), default=0)
    before = MODAL_TAIL.sub(" ", low[begin:at])
    if SEND_AS_NOUN_BEFORE.search(before):
        return False
    if PASSIVE_SEND_BEFORE.search(before):
        return not sent_to_us(low, at)
    joined = ORDER_VERB.match(before.strip()) and JOINED_END.search(before)
    return bool(ORDERED_SEND_BEFORE.fullmatch(before) or joined)


def _webhook_offered(text: str, apps: list[_Found]) -> re.Match[str] | None:
    """Where the request offers a webhook: the first ``WEBHOOK_START`` that is not an app's own
    incoming webhook the workflow sends to (``_apps_own_hook``: "posted to our Slack webhook"),
    else an app notifying an endpoint of ours in the first clause, else a send to an address of
    ours by someone else (``sent_to_our_address``); never an address the workflow sends to
    (``sent_by_us``)."""
    said = (
        m
        for m in WEBHOOK_START.finditer(text)
        if not _apps_own_hook(text, m, [(a.start, a.end) for a in apps]) and not sent_by_us(text, m)
    )
    return (
        next(itertools.islice(said, _MAX_EVENT_CUES), None)
        or NOTIFIES_OUR_ENDPOINT.search(text, 0, _clause(text, 0)[1])
        or sent_to_our_address(text, [(a.start, a.end) for a in apps if a.kind == "app"])
    )


def _apps_own_hook(text: str, hit: re.Match[str], apps: Sequence[tuple[int, int]]) -> bool:
    """The address of ``hit`` is a place in an app, not ours: an app's own incoming webhook
    that something is sent to ("the details get posted to our Slack webhook", "to the Teams
    incoming webhook": the workflow calls it), or "us" in an app ("sends a message to us on
    WhatsApp": that app's event). Why: read as a start, it beat the app event that really
    starts the workflow ("When a new HubSpot deal is created ...")."""
    for start, end in apps:
        own = APP_OWN_HOOK.match(text, end)
        if (
            own is not None
            and hit.start() <= own.end() <= hit.end() + 1
            and SENT_TO_BEFORE_APP_HOOK.search(text, max(0, start - 30), start)
        ):
            return True
        # "us on WhatsApp" is a place in the app; "our n8n URL in the Mailchimp dashboard" is
        # the workflow's own address, registered there
        own = WORKFLOWS_OWN_ADDRESS.search(hit.group(0))
        if IN_APP_AFTER_RUN.fullmatch(text, hit.end(), start) and not own:
            return True
    return False


def sent_to_our_address(text: str, apps: Sequence[tuple[int, int]]) -> re.Match[str] | None:
    """The first send to an address of ours by someone else (``SENDS_TO_ADDRESS`` with another
    subject: "A Jira rule fires a web request to us when ...", "Zendesk calls a URL of ours
    every time ..."), not to a mail address (``web_address``) nor a place in an app ("messages
    us on WhatsApp": that app's event, ``_apps_own_hook``; ``apps`` are the spans of the apps
    named): a webhook the workflow offers, said without the word. Why: unread, the app that
    calls us won - its own trigger was built. The one test of it: the entity stage and the
    spec's reading of the words both ask here."""
    return next(
        (
            h
            for h in SENDS_TO_ADDRESS.finditer(text)
            if sent_to_us(text, h.start())
            and web_address(h)
            and not _apps_own_hook(text, h, apps)
            and not to_us_through(text, h, [start for start, _ in apps])
        ),
        None,
    )


def to_us_through(text: str, hit: re.Match[str], app_starts: Sequence[int]) -> bool:
    """ "Customers send orders to us over WhatsApp", "Leads send their details to us on a
    Typeform", "Applicants send CVs to us by email": the words after "to us" name the channel
    the things come by - an app (its own start) or mail (``TO_US_BY_MAIL``) - so "us" is no web
    address; "to us over HTTPS", "to us on checkout" keep the webhook."""
    if not hit.group(0).lower().endswith("us"):
        return False
    through = TO_US_THROUGH.match(text, hit.end())
    if through is None:
        return False
    return bool(TO_US_BY_MAIL.match(text, through.end())) or through.end() in app_starts


def web_address(hit: re.Match[str]) -> bool:
    """The address ``hit`` sends to is a web one: a URL, endpoint, callback ..., or an
    "address" said to be one (``WEB_ADDRESS_SAID``: "our server address"). Why: a bare
    "address" something is sent to is as often a mail address ("an email to our support
    address", "an invoice sent to the customer's address"), which no webhook receives."""
    said = hit.group(0)
    return not said.lower().endswith("address") or bool(WEB_ADDRESS_SAID.search(said))


def _name_before(text: str, end: int) -> int:
    """Start of the name written just before ``end`` ("... via SerpAPI (http)" -> "SerpAPI")."""
    start = end
    for m in reversed(list(re.finditer(r"[\w.\-]+", text[max(0, end - 50) : end]))):
        if m.group(0).lower() in NAME_STOP_BEFORE or len(text[start - 1 : end]) > 45:
            break
        start = max(0, end - 50) + m.start()
    return start


def _community_names(text: str, found: list[_Found]) -> list[_Found]:
    """Apps named by their community's forms (``COMMUNITY_APP_FORMS``: "r/homelab" is Reddit,
    "share it on X" is X): no name-table key can hold them (a slash, a one-letter name), and a
    missed one loses the app's node. Only for an app the request does not name otherwise: like
    a short name beside the full one, "a subreddit from Reddit" adds nothing to "Reddit"."""
    out: list[_Found] = []
    named = {f.node_type for f in found}
    for pattern, node_type in COMMUNITY_APP_FORMS:
        if node_type in named:
            continue
        for m in pattern.finditer(text):
            start, end = m.span(m.lastindex or 0)
            if not any(f.start < end and start < f.end for f in found + out):
                out.append(_Found(start, end, "app", node_type, {}))
    return out


def _http_mentions(text: str, found: list[_Found]) -> list[_Found]:
    """APIs reached with the HTTP Request node: "SerpAPI (http)", "the BuiltWith API"."""
    out = []
    for m in HTTP_IN_PARENS.finditer(text):
        s = _name_before(text, m.start())
        # an app named right before "(http)" is reached through HTTP, not its node
        for f in found:
            if f.kind == "app" and s <= f.start < m.start():
                f.node_type = None
        out.append(_Found(s, m.end(), "app", BASE + "httpRequest", {"via": "http"}))
    for m in NAMED_API.finditer(text):
        if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found + out):
            continue
        out.append(_Found(m.start(), m.end(), "app", BASE + "httpRequest", {"via": "api"}))
    return out


def _ai_extras(text: str, found: list[_Found]) -> list[_Found]:
    out = []
    vendors = [f for f in found if f.kind == "ai"]
    if not vendors:
        m = GENERIC_AI.search(text)
        if m:
            out.append(_Found(m.start(), m.end(), "ai", None, {"vendor": None}))
    for f in vendors:
        app_node = f.value.get("app_node")
        near = text[max(0, f.start - 60) : f.end + 60]
        if (
            app_node
            and f.value.get("vendor") in ("openai", "google_gemini")
            and MEDIA_WORD.search(near)
        ):
            out.append(_Found(f.start, f.end, "app", app_node, {"vendor": f.value["vendor"]}))
    return out


def _channels(text: str, found: list[_Found]) -> None:
    """Attach "#finance" to the nearest preceding/following chat app (Slack, Discord, ...)."""
    for m in CHANNEL.finditer(text):
        if m.group(1).isdigit():
            continue
        near = [f for f in found if f.kind == "app" and f.node_type in CHANNEL_APPS]
        if not near:
            continue
        best = min(near, key=lambda f: abs(f.start - m.start()))
        best.value.setdefault("channel", "#" + m.group(1))


def _mark_removed(text: str, apps: list[_Found]) -> None:
    """Flag apps a modification removes or replaces (``value["removed"] = True``)."""
    for app in apps:
        before = text[max(0, app.start - 30) : app.start]
        if REMOVED_BEFORE.search(before):
            app.value["removed"] = True


def extract_entities(text: str) -> tuple[Entity, ...]:
    """Apps, trigger hints, schedule and AI vendor named in ``text`` (see module docstring)."""
    if not isinstance(text, str) or not text.strip():
        return ()
    return _extract(text[:MAX_CHARS])


@lru_cache(maxsize=1024)
def _extract(text: str) -> tuple[Entity, ...]:
    """``extract_entities`` of one text, cached: the intent stage reads the request, and the
    offline generator's app readers (``engine.offline.app_naming``) read it and its clauses
    again. The entities are shared between callers, so their ``value`` dicts are read, never
    written, outside this module."""
    text = without_taken_back(text)
    tokens = _tokens(text)
    found = _short_names_of_named_apps(_match_names(text, tokens))
    found += _community_names(text, found)
    found += _default_sheet(text, found)
    found += _http_mentions(text, found)
    found = [f for f in found if f.node_type is not None or f.kind != "app"]
    found = [f for f in found if not (f.kind == "app" and _ruled_out_bot(text, f))]
    apps = [f for f in found if f.kind == "app"]
    triggers = [f for f in found if f.kind == "trigger"] + _trigger_hints(text, apps)
    # "please don't use the Stripe trigger node": a start the request rules out is none
    triggers = [t for t in triggers if not NOT_THIS.search(text, max(0, t.start - 30), t.start)]
    # "(the Pipedrive trigger keeps breaking for us)": a start the asker cannot use is none
    triggers = [t for t in triggers if not BROKEN_FOR_US.match(text, t.end)]
    for t in triggers:
        if t.node_type and t.node_type.endswith("Trigger") and "app" in t.value:
            for a in apps:
                if a.node_type == t.value["app"] and a.start <= t.end and a.end >= t.start:
                    a.value["in_trigger"] = True
    sched = parse_schedule(text)
    if sched is not None and any(
        a <= sched[1][0] and sched[1][1] <= b and FIELD_VALUE_BEFORE.search(text, max(0, a - 25), a)
        for a, b in (m.span() for m in QUOTED_TEXT.finditer(text))
    ):
        sched = None  # "set the status to 'Scheduled'": a value, not when it runs
    extra: list[_Found] = []
    if sched is not None:
        value, (s, e) = sched
        extra.append(_Found(s, e, "schedule", BASE + "scheduleTrigger", value))
        start = {"kind": "schedule"}
        if CLOCK_TIME.fullmatch(text[s:e].strip()):
            start["weak"] = True  # only a clock time: another start said wins
        triggers.append(_Found(s, e, "trigger", BASE + "scheduleTrigger", start))
    found = [f for f in found if f.kind != "trigger"] + triggers + extra
    found += _ai_extras(text, found)
    _channels(text, found)
    _mark_removed(text, [f for f in found if f.kind in ("app", "ai")])
    for app in apps:
        trig = trigger_for(app.node_type or "")
        if trig and trig != app.node_type:
            app.value.setdefault("trigger", trig)
    _mark_primary(triggers, text)
    found.sort(key=lambda f: (f.start, f.kind != "trigger", -(f.end - f.start)))
    return _dedupe(text, found)


def without_taken_back(text: str) -> str:
    """``text`` with every app name the request takes back, and the correction after it, blanked
    out (spaces, so positions stay): "When a file is added to Dropbox... no sorry, google drive,
    ..." reads "When a file is added to                  google drive, ...". An app is taken
    back when a correction (``CORRECTION_AFTER``: "... no,", "wait no, on", "sorry, I mean")
    runs from its name to the next app named, which stands in its place."""
    if not CORRECTION_CUE.search(text):
        return text
    apps = sorted(
        (f for f in _match_names(text, _tokens(text)) if f.kind == "app"), key=lambda f: f.start
    )
    out = text
    for a, b in zip(apps, apps[1:], strict=False):
        if b.start > a.end and CORRECTION_AFTER.match(text[a.end : b.start]):
            out = out[: a.start] + " " * (b.start - a.start) + out[b.start :]
    return out


def _short_names_of_named_apps(found: list[_Found]) -> list[_Found]:
    """ "... a Google Drive folder ... a template in Drive": a short name (``CAPITALISED_ONLY``)
    of an app the request also names in full adds nothing, and is dropped; alone ("lands in
    Drive") it is the app."""
    full = {f.node_type for f in found if not f.value.get("short")}
    kept = [f for f in found if not (f.value.get("short") and f.node_type in full)]
    for f in kept:
        f.value.pop("short", None)
    return kept


def _ruled_out_bot(text: str, app: _Found) -> bool:
    """ "a WhatsApp bot is not needed, just a Telegram bot", "no Discord bot - Telegram": a
    bot on an app the request rules out names no app of the workflow."""
    after = text[app.end : app.end + 120]
    bot = BOT_AFTER_APP.match(after)
    if bot is None:
        return False
    before = text[max(0, app.start - 30) : app.start]
    return bool(NOT_THIS.search(before) or RULED_OUT_AFTER.match(after[bot.end() :]))


def _default_sheet(text: str, found: list[_Found]) -> list[_Found]:
    """ "If a new row lands in the Orders sheet, ...": a spreadsheet named by its kind alone
    is Google Sheets (``DEFAULT_SHEET``) when no table app is named (``TABLE_APPS``: "the
    sheet" of a request naming Excel or Airtable is theirs)."""
    if any(f.node_type in TABLE_APPS for f in found):
        return []
    m = SHEET_WORD.search(text)
    if m is None or any(f.start <= m.start() < f.end for f in found):
        return []
    return [_Found(m.start(), m.end(), "app", DEFAULT_SHEET, {"default": True})]


def _mark_primary(triggers: list[_Found], text: str) -> None:
    """Pick the trigger that starts the workflow: one named explicitly ("Gmail Trigger", "chat
    trigger") first; else the earliest hint (users lead with it: "every day...", "when a form is
    submitted ..."), except that a webhook beats a chat/form/bot mention, because those then
    describe what calls the webhook ("our website form posts to a webhook")."""
    if not triggers:
        return
    hooks = [t.start for t in triggers if t.value.get("kind") == "webhook"]
    webhook = bool(hooks)

    def rank(t: _Found) -> tuple[int, int]:
        span = text[t.start : t.end].lower()
        if TRIGGER_WORD.search(span) or t.value.get("explicit"):
            return (0, t.start)
        if t.value.get("kind") == "webhook" and WEBHOOK_NODE_NAMED.search(text):
            return (0, t.start)  # "use a Webhook node for that"
        if t.value.get("kind") == "manual" and SAYS_I_RUN_IT.search(span):
            return (0, t.start)  # "... on friday 4pm. i'll run it by hand": the time is content
        if webhook and t.value.get("kind") in ("chat", "form") and "n8n form" not in span:
            return (2, t.start)
        if webhook and t.value.get("event") == "message received":
            return (2, t.start)
        if t.value.get("kind") == "app" and _calls_the_webhook(text, t, hooks):
            return (2, t.start)
        if t.value.get("weak") and len(triggers) > 1:
            return (2, t.start)  # "HubSpot contacts -> Mailchimp, daily at 7": the schedule
        if len(triggers) > 1 and _acted_on_there(text, t):
            return (2, t.start)  # "texts our number (Twilio); the bot cancels it in Cal.com"
        return (1, t.start)

    min(triggers, key=rank).value["primary"] = True


def _acted_on_there(text: str, trigger: _Found) -> bool:
    """A trigger-only app named where the workflow acts, not where something happens ("the bot
    cancels it in Cal.com", "then log the call in Calendly"): the workflow (``WORKFLOW_SUBJECT``)
    or an order (``ORDER_VERB``) leads to it in its clause, and no event opener does. Why: the
    name of an app n8n only has a trigger for is read as that trigger wherever it is said;
    ranked as a start, it beat the conversation or event that really starts the workflow."""
    if trigger.value.get("kind") != "app" or trigger.value.get("event"):
        return False
    begin = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, trigger.start)), default=0)
    begin = max([begin] + [m.end() for m in _SENTENCE_END.finditer(text, 0, trigger.start)])
    if APP_EVENT_OPENER.search(text, begin, trigger.start):
        return False
    words = re.findall(r"[a-z]+", text[begin : trigger.start].lower())
    return any(WORKFLOW_SUBJECT.fullmatch(w) for w in words) or bool(
        ORDER_VERB.search(text, begin, trigger.start)
    )


def _calls_the_webhook(text: str, trigger: _Found, hooks: list[int]) -> bool:
    """The app of an app trigger is what calls the webhook the request names in the same
    clause ("when HubSpot sends a new contact to our webhook", "a Typeform response is POSTed
    to our n8n webhook URL"): the explicit webhook starts the workflow, the app only calls it.
    A webhook in a later clause is something the workflow calls ("when a deal closes, post it
    to our Zapier webhook") and leaves the app trigger alone - so is one after an order that
    follows the record's change with no comma between ("when a deal is won send it to the
    webhook of our billing system", ``ORDER_AFTER_CHANGE`` with no other subject, or "we")."""
    if not hooks:
        return False
    end = max(trigger.end, _clause(text, trigger.start)[1])
    low = text.lower()
    happened = STATE_CHANGE.search(low, trigger.start, end) or ARRIVES.search(
        low, trigger.start, end
    )
    order = ORDER_AFTER_CHANGE.search(low, happened.end(), end) if happened else None
    if order and (len(order.group(0).split()) == 1 or order.group(0).startswith("we ")):
        end = order.start()
    return any(trigger.start <= hook < end for hook in hooks)


def _dedupe(text: str, found: list[_Found]) -> tuple[Entity, ...]:
    out: list[Entity] = []
    seen: set[tuple[str, str | None, int]] = set()
    for f in found:
        ident = (f.kind, f.node_type, f.start)
        if ident in seen:
            continue
        seen.add(ident)
        value = f.value or None
        out.append(Entity(kind=f.kind, span=text[f.start : f.end], node_type=f.node_type,  # type: ignore[arg-type]
                          value=value))  # fmt: skip
    return tuple(out)


def app_types(entities: tuple[Entity, ...]) -> list[str]:
    """The distinct app node types in order of mention (a convenience for the spec stage)."""
    seen: list[str] = []
    for e in entities:
        if e.kind == "app" and e.node_type and e.node_type not in seen:
            seen.append(e.node_type)
    return seen


__all__ = ["AI_VENDORS", "MAX_CHARS", "app_types", "extract_entities", "sent_to_us", "web_address"]
