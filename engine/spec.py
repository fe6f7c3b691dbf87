"""Prompt optimization: a request -> a structured ``Spec`` (trigger, ordered steps, AI, branching).

The local optimizer reads the entities the intent stage found (apps mapped to node types,
trigger hints, parsed schedules, AI vendors - ``engine.intent``) and adds structure from the
wording: step order from where each app is mentioned, resource/operation from the verbs around
it (``engine.offline.operations``), IF/Switch from "if/otherwise/depending on", and the AI shape
(agent vs chain, model from the vendor, memory, tools, vector store). It never matches app names
itself. ``optimizer="llm"`` hands the same job to a provider's ``complete`` with a JSON schema
and falls back to the local reading if that fails.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from engine.implied_start import (
    AppMention,
    batch_read_of,
    catalog_event_word,
    conversation_start,
    implied_start,
    picks_stored,
    record_change_start,
    ruled_out_start,
)
from engine.intent.entities import (
    names_own_run,
    sent_by_us,
    sent_to_our_address,
    sent_to_us,
    without_taken_back,
)
from engine.intent.names import message_trigger_for, record_words, stem
from engine.intent.schedule import parse_schedule, schedule_refused, scheduled_as_event
from engine.lexicon import (
    AGENT_CAN_ACT_BEFORE,
    AGENT_OR_BOT_WORD,
    AGENT_WORD,
    AI_ASK_STRONG,
    AI_ASK_WEAK,
    AI_DECLINED_AFTER,
    AI_DECLINED_BEFORE,
    AI_ROOT_NAMED,
    AI_TOOLS,
    AND_ORDER,
    APP_FORM_AFTER_NAME,
    APP_HEADER_TAIL,
    APP_OWN_URL_GAP,
    ARRIVES,
    ARRIVING_QUANTIFIERS,
    ARROW_BEFORE_APP,
    AS_A_TOOL,
    ASKER_CHANNEL_BEFORE_APP,
    ASKER_CHANNEL_NAMED,
    ASKER_WISHES,
    BARE_RECORD_EVENT,
    BECOMES_BEFORE_APP,
    BOT_REPLY,
    CALLED_BY_OTHER_WORKFLOW,
    CALLS_ENDPOINT,
    CHAIN_NAMED,
    CHANNEL,
    CHANNEL_APPS,
    CHAT_START_WORDS,
    CLASSIFY_INTO,
    CLAUSE_BREAK_BEFORE_APP,
    CLAUSE_ORDER,
    CLAUSE_START_MARK,
    COMMAND_VERBS,
    CONJUNCTION_WORD,
    CORE_CAPABILITIES,
    DEFAULT_EMAIL,
    DELIVERY_ORDER_VERBS,
    DETERMINER_BEFORE,
    DETERMINER_WORDS,
    DUTY_ORDER,
    ELSE_BRANCH,
    EMAIL_APPS,
    EMAIL_SEND_ASK,
    EMBEDDINGS_FOR_MODEL,
    ERROR_WORKFLOW,
    EVENT_OPENING,
    EVENT_PLACE_PREPOSITIONS,
    EVENT_QUANTIFIERS,
    EVENT_WITHOUT_TRIGGER_WORDS,
    EVENT_WORDS_END,
    EVERY_TIME_WORD,
    FETCH_WEB_PAGE,
    FILE_KIND_OPERATIONS,
    FILE_KIND_WORD,
    FILE_TARGET_WORD,
    FILE_TEXT_ASKED,
    FOLLOW_UP_ON_RECORD,
    FOR_EACH_LOOP,
    FOR_EACH_READ_SOURCE,
    FOR_EACH_STORED,
    FORM_START_WORDS,
    HTTP_REQUEST_NAMED,
    IF_CONDITION,
    IN_APP_AT_END,
    IN_BATCHES,
    IN_OR_ON_BEFORE_APP,
    INBOUND,
    INGEST_DOCUMENTS,
    KEEPS_CONVERSATION,
    KEPT_IN_STORE_BEFORE,
    LABEL_SEPARATOR,
    LABELS_END,
    LLM_CHAIN_NAMED,
    MAIL_ARRIVES,
    MAKES_NEW_VERBS,
    MANUAL,
    MCP_SERVER_ASK,
    MEANS_PREPOSITION,
    MEDIA_TASK,
    MEMORY,
    MEMORY_KIND_NAMED,
    MEMORY_TYPES,
    MERGE_RESULTS,
    METHOD_BEFORE_URL,
    NAMED_EMBEDDINGS,
    NAMED_TRIGGER_WORDS,
    NEW_WORD,
    ONE_AGENT_ACTS,
    ONE_MADE_BEFORE,
    ONE_REPORT_OF_THEM,
    ORDER_AFTER_CHANGE,
    ORDER_AFTER_EVENT,
    ORDER_ON_RECORDS,
    ORDER_VERB,
    ORDER_VERBS,
    OTHER_MODEL_NOT_WANTED_BEFORE,
    OTHER_RUNS_FAIL,
    OUR_SIDE_BEFORE,
    PASSIVE_ORDER,
    PAST_WINDOW,
    POLL_EVENT,
    POSTING_RESOURCES,
    QUANTIFIER_EVERY,
    QUERY_DOCUMENTS,
    RAG_ASK_WORDS,
    RAG_WORDS,
    RATE_UNIT,
    READING_OPERATIONS,
    READS_ONCE_BEFORE_APP,
    RECORD_EVENT_VERBS,
    RECORDS_AT_A_RATE,
    REPLY_BACK,
    RESPOND_TO_CALLER,
    RSS_FEED_WORD,
    RUN_BY_THEMSELVES,
    RUN_URL_FIELD,
    SCHEDULE,
    SCHEDULE_CONTRAST,
    SENDER_BEFORE_ASKER,
    SENDS_A_SENT_THING,
    SENT_THINGS,
    SENT_TO_ADDRESS_END,
    SENT_TO_BEFORE_APP,
    SOURCE_READING_OPERATIONS,
    SOURCE_WRITING_OPERATIONS,
    SPEC_CLAUSE_SPLIT,
    STAND_IN_PRONOUNS,
    STANDING_DUTY,
    STATE_CHANGE,
    STEP_BOUNDARY,
    STEP_FAILS,
    STORED_RECORD_WORDS,
    STORED_STATE_FILTER,
    STRUCTURED_OUTPUT,
    SUBJECT_PRONOUNS,
    SUBWORKFLOW_CALL,
    SUMMARIZATION_CHAIN_NAMED,
    SWITCH_ROUTING,
    TO_THE_ASKER,
    TOOL_AFTER_APP,
    TOOL_PHRASE_CUT,
    TOOL_THAT_DOES_BEFORE,
    TOOL_WORD,
    TOOLS,
    TOOLS_IN_OTHER_LANGUAGES,
    TOOLS_LIST_OPENING,
    TRIGGER_TYPES,
    URL_OR_EMAIL,
    VENDOR_MODEL,
    VENDOR_NODE,
    VENDOR_WORD,
    WAIT_STEP,
    WEB_ADDRESS,
    WEBHOOK_OFFERED,
    WRITING_OPERATIONS,
    WRITTEN_INTO_PLACE,
    WRITTEN_TO_BEFORE_APP,
    addresses_blanked,
    embedding_right_after,
    embeddings_named_after,
)
from engine.naming import workflow_title
from engine.offline.nodes import url_method
from engine.offline.operations import candidates, choose_operation, operation_verb
from engine.rules import Rules
from engine.types import AiSpec, Entity, IntentResult, Message, Spec, StepSpec, TriggerSpec
from nodepilot.workflow import BASE, LC, trigger_kind

log = logging.getLogger(__name__)


def ai_word_declined(low: str, start: int, end: int) -> bool:
    """The AI word at ``low[start:end]`` is turned down ("no fancy AI", "AI? no") - it asks
    for no AI step."""
    return bool(
        AI_DECLINED_BEFORE.search(low[max(0, start - 30) : start])
        or AI_DECLINED_AFTER.search(low[end : end + 25])
    )


_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")


@dataclass
class _Mention:
    pos: int
    end: int
    entity: Entity


def _entities(text: str, intent: IntentResult | None) -> tuple[Entity, ...]:
    if intent is not None and intent.entities:
        return intent.entities
    from engine.intent.entities import extract_entities

    try:
        return tuple(extract_entities(text))
    except Exception:  # noqa: BLE001 - entity extraction failing must not stop generation
        log.warning("could not read the entities of the request; building without", exc_info=True)
        return ()


def _locate(text: str, entities: Sequence[Entity]) -> list[_Mention]:
    """Each entity with its position in the text (entities whose span is absent go last)."""
    low = text.lower()
    used: dict[str, int] = {}
    out: list[_Mention] = []
    for e in entities:
        span = (e.span or "").lower().strip()
        start = used.get(span, 0)
        pos = low.find(span, start) if span else -1
        if pos < 0 and span:
            pos = low.find(span)
        if pos < 0:
            pos = len(text) + len(out)
            end = pos
        else:
            end = pos + len(span)
            used[span] = end
        out.append(_Mention(pos, end, e))
    out.sort(key=lambda m: (m.pos, m.end))
    return out


def build_spec(
    text: str,
    intent: IntentResult | None = None,
    conversation: Sequence[Message] = (),
    *,
    optimizer: str = "local",
    provider: Any = None,
) -> Spec:
    """The structured reading of ``text``. ``optimizer="llm"`` needs ``provider``."""
    text = text if isinstance(text, str) else str(text)
    if optimizer == "llm" and provider is not None:
        try:
            from engine.spec_llm import llm_spec

            local = build_spec(text, intent, conversation, optimizer="local")
            return llm_spec(text, local, conversation, provider)
        except Exception:  # noqa: BLE001 - the local reading is always available
            log.warning("LLM spec failed; using the local reading", exc_info=True)
    # an app the request takes back ("Dropbox... no sorry, google drive") is read as unsaid
    modifies = intent is not None and intent.intent == "workflow_modification"
    return _LocalOptimizer(without_taken_back(text), _entities(text, intent), modifies).spec()


def _event_limit(low: str, start: int, limit: int) -> int:
    """Where an event's words stop within its clause: at an order joined by "and" ("each new
    Intercom conversation ... and post the summary in Slack"), a modal order ("... should be
    copied to a Notion database") or an order after the record's
    change or arrival ("a github issue is opened drop a line on telegram"); apps named after
    that are acted on, not watched."""
    stops = [limit]
    if joined := AND_ORDER.search(low, start, limit):
        stops.append(joined.start())
    if modal := ORDER_AFTER_EVENT.search(low, start, limit):
        stops.append(modal.start())  # "new rows in Supabase should be mirrored to a sheet"
    happened = STATE_CHANGE.search(low, start, limit) or ARRIVES.search(low, start, limit)
    if happened and (order := ORDER_AFTER_CHANGE.search(low, happened.end(), limit)):
        stops.append(order.start())
    return min(stops)


class _LocalOptimizer:
    def __init__(self, text: str, entities: tuple[Entity, ...], modifies: bool = False) -> None:
        self.text = text
        #: the text asks to change a workflow (its start is the workflow's, not one it names)
        self.modifies = modifies
        self.low = text.lower()
        #: the text with its web addresses blanked: where clauses are cut (a URL's "?" or "&"
        #: ends no clause)
        self.blanked = addresses_blanked(text)
        self.entities = entities
        self.mentions = _locate(text, entities)
        #: the app an event names that has no trigger node of its own, and the (resource, read
        #: operation) a Schedule Trigger polls it with (see ``_event_trigger``)
        self.polled: tuple[_Mention, tuple[str | None, str | None]] | None = None

    # ------------------------------------------------------------------ trigger
    def trigger(self) -> tuple[TriggerSpec, str | None]:
        """The trigger and, for app triggers, the app type it replaces as a step: the answer
        of the first trigger rule that gives one (``TRIGGER_RULES``)."""
        draft = TriggerDraft(self, self._schedule_kept(), self._candidate_triggers())
        TRIGGER_RULES.run(draft, until=lambda t: t.answer is not None)
        if draft.answer is None:  # the last rule always answers; without it, a manual start
            return TriggerSpec("manual", TRIGGER_TYPES["manual"]), None
        return draft.answer

    def _schedule_kept(self) -> dict[str, Any] | None:
        """The schedule the request runs on, less one it rules out ("right away instead of
        every evening", "rather than nightly", "not once a day"): the phrase is set aside and
        the rest read again, so "instead of every morning, every evening at 7" keeps the
        evening. Why: a refused schedule as the start silently polls what should be an event."""
        found = next(
            (m for m in self.mentions if m.entity.kind == "schedule" and m.entity.value), None
        )
        if found is None:
            return None
        schedule, pos, end = found.entity.value, found.pos, found.end
        text = self.text
        for _ in range(3):
            if not (self._ruled_out(pos, end) or schedule_refused(self.low, pos)):
                return schedule
            # "not once a day but every night at 10": only the refused part is set aside
            turn = SCHEDULE_CONTRAST.search(text, pos + 1, end)
            stop = turn.start() if turn else end
            text = text[:pos] + " " * (stop - pos) + text[stop:]
            again = parse_schedule(text)
            if again is None:
                return None
            schedule, (pos, end) = again
        return None

    def _candidate_triggers(self) -> list[_Mention]:
        """The trigger entities, the primary one first, less every start the request rules out
        ("don't bother with any Wufoo trigger" drops each Wufoo Trigger it names)."""
        triggers = [m for m in self.mentions if m.entity.kind == "trigger"]
        ruled = {m.entity.node_type for m in triggers if self._ruled_out(m.pos, m.end)}
        # "immediately, not once a day": a schedule refused where it is said
        ruled |= {
            m.entity.node_type
            for m in triggers
            if m.entity.node_type == TRIGGER_TYPES["schedule"] and schedule_refused(self.low, m.pos)
        }
        # "(we don't use the Calendly node)": a trigger-only app ruled out where it is named
        ruled |= {
            m.entity.node_type
            for m in self.mentions
            if m.entity.kind == "app"
            and _is_trigger_node(m.entity.node_type)
            and self._ruled_out(m.pos, m.end)
        }
        triggers = [m for m in triggers if m.entity.node_type not in ruled]
        triggers.sort(key=lambda m: not (m.entity.value or {}).get("primary"))
        return triggers

    def _batch_read(self, m: _Mention) -> bool:
        """The app of the trigger ``m`` reads is read in a batch (``batch_read_of``: "Export
        ... deals won in Q3"): past records, not an event to wait for."""
        app = str((m.entity.value or {}).get("app") or "")
        apps = [
            AppMention(o.pos, o.end, o.entity.node_type or "")
            for o in self.mentions
            if o.entity.kind == "app" and o.entity.node_type
        ]
        return bool(app) and batch_read_of(self.low, apps, app)

    def _ruled_out(self, pos: int, end: int | None = None) -> bool:
        """The words right before ``self.low[pos:end]`` refuse it as a start ("please don't
        build a separate error workflow", "not on new issues"; ``ruled_out_start``)."""
        return ruled_out_start(self.low, pos, end)

    def _incidental(self, m: _Mention) -> bool:
        """A start read from a word that here only describes something: a form an order hands
        on ("send the student the feedback form link") or a frequency before a noun ("we run a
        weekly Webex sync"). An explicit app event elsewhere in the request wins over it."""
        node_type = m.entity.node_type
        begin = max((h.end() for h in _CLAUSE_START.finditer(self.low, 0, m.pos)), default=0)
        if node_type == TRIGGER_TYPES["form"]:
            return bool(ORDER_VERB.search(self.low, begin, m.pos))
        if node_type == TRIGGER_TYPES["schedule"]:  # "a weekly Webex sync", not "a nightly report"
            one_word = (m.entity.span or "").strip().isalpha()
            said = DETERMINER_BEFORE.search(self.low, max(0, m.pos - 12), m.pos)
            glued = self.low.startswith("-", m.end)  # "Nightly-shift incident form: ..."
            return (
                one_word
                and bool(said or glued)
                and (self._app_within(m.end, 2) or self.start_named_by(m) is not None)
            )
        return False

    def start_named_by(self, m: _Mention) -> _Mention | None:
        """Another start said within two words after the frequency ``m``, which is part of its
        name ("a daily-standup form where ...", "our weekly feedback form"): that start, the
        thing the frequency describes. Why: the frequency came first and its Schedule Trigger
        replaced the form people fill in."""
        return next(
            (
                other
                for other in self.mentions
                if other.entity.kind == "trigger"
                and other.entity.node_type not in (None, TRIGGER_TYPES["schedule"])
                and self._within(other, m.end, 2)
            ),
            None,
        )

    def _app_within(self, pos: int, words: int) -> bool:
        """An app is named within ``words`` words after ``pos``: the phrase is about it."""
        return any(
            other.entity.kind == "app" and self._within(other, pos, words)
            for other in self.mentions
        )

    def _within(self, other: _Mention, pos: int, words: int) -> bool:
        """``other`` is said within ``words`` words after ``pos``."""
        return other.pos >= pos and len(self.low[pos : other.pos].split()) <= words

    def _people_write_then(self, m: _Mention) -> bool:
        """A schedule said in the clause where people write in or messages arrive ("... keep
        asking in the Telegram group every day"): it times the messages, not the workflow. An
        order in that clause ("Weekly: fetch the latest messages") keeps it the workflow's."""
        if m.entity.node_type != TRIGGER_TYPES["schedule"]:
            return False
        begin = max((h.end() for h in _CLAUSE_START.finditer(self.text, 0, m.pos)), default=0)
        stop = _CLAUSE_START.search(self.text, m.end)
        end = stop.start() if stop else len(self.text)
        if CLAUSE_ORDER.match(self.text, begin) or ORDER_VERB.match(self.text.lower(), begin):
            return False
        # "each weekday morning I want to get a Slack DM ...": the asker receives, no one writes
        writes = (
            w for w in INBOUND.finditer(self.text, begin, end) if not ASKER_WISHES.match(w[0])
        )
        return bool(next(writes, None) or ARRIVES.search(self.text, begin, end))

    def _implied_trigger(
        self, changes_only: bool = False, polled_too: bool = False, conversation_only: bool = False
    ) -> tuple[TriggerSpec, str | None] | None:
        """A start no word names but the grammar implies (``engine.implied_start``): an app's
        record changing state, or people talking through a messaging app - never a click.
        ``changes_only``: only a change of state, in an app with a trigger unless
        ``polled_too``."""
        apps = [m for m in self.mentions if m.entity.kind == "app" and m.entity.node_type]
        said = [AppMention(m.pos, m.end, m.entity.node_type or "") for m in apps]
        if conversation_only:
            start = conversation_start(self.text, said, self.uses_ai())
        elif changes_only:
            start = record_change_start(self.text, said, stated=polled_too)
            start = start if start is not None and (polled_too or not start.polls) else None
        else:
            start = implied_start(self.text, said, self.uses_ai())
        if start is None:
            return None
        mention, app = apps[start.index], apps[start.index].entity.node_type
        if start.trigger is not None:
            kind = trigger_kind(start.trigger)
            owner = app if start.trigger != TRIGGER_TYPES["webhook"] else None
            return TriggerSpec(kind, start.trigger, app_event=start.event), owner
        read = choose_operation(app or "", start.event.lower() + " get all", reads_only=True)
        if read == (None, None):
            return None  # nothing to read changed records with
        self.polled = (mention, read)
        every = {"interval": "minutes", "every": 15}
        return TriggerSpec("schedule", TRIGGER_TYPES["schedule"], schedule=every), None

    def _app_form_trigger(self, m: _Mention) -> tuple[TriggerSpec, str | None] | None:
        """ "each Webflow form submission": the app's own trigger, not n8n's form."""
        from indexing.catalog.load import load_catalog

        cat = load_catalog()
        for other in self.mentions:
            e = other.entity
            if e.kind != "app" or not e.node_type:
                continue
            if APP_FORM_AFTER_NAME.match(self.low[other.end : other.end + 7]):
                trig = _own_trigger(e, cat)
                if trig is not None:
                    return TriggerSpec("app", trig), e.node_type
        return None

    def _app_trigger_near(self, m: _Mention) -> str | None:
        from indexing.catalog.load import load_catalog

        cat = load_catalog()
        best = None
        for other in self.mentions:
            if other.entity.kind != "app" or not other.entity.node_type:
                continue
            dist = abs(other.pos - m.pos)
            cand = other.entity.node_type + "Trigger"
            if cat.has_type(cand) and (best is None or dist < best[0]):
                best = (dist, cand)
        return best[1] if best else None

    def _trigger_kind_from_words(self) -> str:
        low = self.low
        if MANUAL.search(low[:80]):
            return "manual"
        if MCP_SERVER_ASK.search(low):
            return "mcp"
        failing = ERROR_WORKFLOW.search(low) or self._other_runs_fail()
        if failing and not self._ruled_out(failing.start(), failing.end()):
            return "error"  # not "... but please don't build a separate error workflow"
        if CALLED_BY_OTHER_WORKFLOW.search(low):
            return "subworkflow"
        if CHAT_START_WORDS.search(low):
            return "chat"
        if self._says_schedule(120):
            return "schedule"
        if FORM_START_WORDS.search(low):
            return "form"
        # "send the rows to our endpoint": an address the workflow sends to offers nothing
        offered = any(not sent_by_us(low, h) for h in WEBHOOK_OFFERED.finditer(low))
        # "call the weather API endpoint ...": a request the workflow makes, not a webhook
        calls = CALLS_ENDPOINT.search(low)
        if offered and not (calls and "webhook" not in low and not sent_to_us(low, calls.start())):
            return "webhook"
        apps = [(m.pos, m.end) for m in self.mentions if m.entity.kind == "app"]
        if sent_to_our_address(low, apps):
            return "webhook"  # "our IoT sensors POST their readings as JSON to a URL"
        if self._says_schedule(len(low)):
            return "schedule"
        if MANUAL.search(low):
            return "manual"
        if EVENT_WITHOUT_TRIGGER_WORDS.search(low):
            return "schedule"  # an event with no trigger node of its own: poll for it
        return "manual"

    def _other_runs_fail(self) -> re.Match[str] | None:
        """Other runs failing, said by the grammar (``OTHER_RUNS_FAIL``: "when a run of our
        invoicing automation blows up"), with no app named inside ("a GitHub Actions workflow
        fails" is GitHub's event)."""
        hit = OTHER_RUNS_FAIL.search(self.low)
        if hit is None or any(
            m.entity.kind == "app"
            and hit.start() <= m.pos < hit.end()
            and not names_own_run(self.low, m.end)  # "our Shopify sync workflow": the user's own
            for m in self.mentions
        ):
            return None
        return hit

    def _heads(self, mention: _Mention, at: int) -> bool:
        """The app opens the request as the heading of what follows at ``at`` ("Baserow: when
        someone ticks ..."): nothing before it, only punctuation between."""
        gap = self.low[mention.end : at]
        return (
            mention.end <= at
            and not self.low[: mention.pos].strip()
            and not gap.strip(" \t:,-\u2013\u2014")
        )

    def _says_schedule(self, limit: int) -> bool:
        """A schedule word within ``self.low[:limit]``: "every" alone is a quantifier ("log
        every request"), a schedule only with a unit or time after it ("every 2 hours", "every
        midnight", "every second Tuesday", "every January": ``EVERY_TIME_WORD``)."""
        return any(
            not (
                hit.group(0).isalpha()
                and QUANTIFIER_EVERY.match(self.low, hit.start())
                and not EVERY_TIME_WORD.match(self.low, hit.start())
            )
            and not scheduled_as_event(self.low, hit)  # "once a demo is scheduled"
            for hit in SCHEDULE.finditer(self.low, 0, limit)
        )

    # ------------------------------------------------------------------ AI
    def ai_model(self) -> str | None:
        for m in self.mentions:
            e = m.entity
            if e.kind != "ai":
                continue
            if e.node_type and e.node_type.startswith(LC + "lmChat"):
                return e.node_type
            vendor = str((e.value or {}).get("vendor") or e.span or "").lower()
            for key, model in VENDOR_MODEL.items():
                if key in vendor:
                    return model
        if not any(e.kind == "ai" for e in self.entities):
            # vendor named in a model id the entity stage did not read ("claude-sonnet-4-5")
            hit = VENDOR_WORD.search(self.low)
            if hit:
                return VENDOR_MODEL.get(hit.group(1).lower())
        return None

    def other_models(self, primary: str | None) -> list[tuple[int, str]]:
        """Chat models of further vendors the request names, with where they are named."""
        seen = {primary}
        out = []
        last_end = -100
        for m in self.mentions:
            e = m.entity
            t = e.node_type
            if e.kind != "ai" or not t or not t.startswith(LC + "lmChat"):
                continue
            near_previous = m.pos - last_end < 20  # "OpenRouter model (gpt-4o-mini)"
            last_end = m.end
            if t in seen or near_previous:
                continue
            before = self.low[max(0, m.pos - 25) : m.pos]
            if OTHER_MODEL_NOT_WANTED_BEFORE.search(before):
                continue
            seen.add(t)
            out.append((m.pos, t))
        return out

    def model_name(self, model_type: str | None) -> str | None:
        """The model the request names for this vendor ("gpt-4o-mini"), if any."""
        for e in self.entities:
            if e.kind != "ai" or e.node_type != model_type:
                continue
            name = (e.value or {}).get("model")
            if isinstance(name, str) and re.fullmatch(r"[A-Za-z0-9][\w.:/-]{1,60}", name):
                return name.lower()
        return None

    def ai_asked_at(self) -> list[int]:
        """Where the request asks for AI: AI words and AI apps, less those it turns down
        ("no LLM needed", "without AI", "don't use GPT", "AI? no")."""
        low = self.low
        spans = []
        for m in self.mentions:
            e = m.entity
            if e.kind == "ai" or (e.kind == "app" and (e.node_type or "").startswith(LC)):
                # the word itself, not the same letters inside another ("ai" in "email")
                word = re.compile(rf"\b{re.escape((e.span or '').lower().strip())}\b")
                found = [(h.start(), h.end()) for h in word.finditer(low)] if e.span else []
                spans += found or [(m.pos, m.end)]
        for rx in (AI_ASK_STRONG, AI_ASK_WEAK):
            spans += [(h.start(), h.end()) for h in rx.finditer(self.text)]
        return sorted(p for p, end in spans if not ai_word_declined(low, p, end))

    def uses_ai(self) -> bool:
        return bool(self.ai_asked_at())

    def ai_position(self) -> int:
        asked = self.ai_asked_at()
        return asked[0] if asked else len(self.text)

    def ai_root(self, chat: bool, has_tools: bool, memory: bool) -> str:
        low = self.low
        if "information extractor" in low:
            return LC + "informationExtractor"
        if "text classifier" in low:
            return LC + "textClassifier"
        if "sentiment analysis" in low and "agent" not in low:
            return LC + "sentimentAnalysis"
        if SUMMARIZATION_CHAIN_NAMED.search(low):
            return LC + "chainSummarization"
        if (
            CLASSIFY_INTO.search(low)
            and not AGENT_WORD.search(low)
            and not (chat or has_tools or memory)
        ):
            return LC + "textClassifier"
        if LLM_CHAIN_NAMED.search(low) and not (chat or has_tools or memory):
            return LC + "chainLlm"
        return LC + "agent"

    # ------------------------------------------------------------------ steps
    def _clause_around(self, m: _Mention, prev_end: int, next_pos: int) -> tuple[str, str]:
        """The words before and after an app's mention in its clause. An app heading the
        request ("gmail: every evening, collect today's emails ...") is followed by what it
        does: its clause is the one after the heading's colon or dash, not the empty one
        before it (which left the app its default operation - a mail sent, not read)."""
        begin = max(prev_end, 0)
        before = self.text[begin : m.pos]
        start = m.end
        header = APP_HEADER_TAIL.match(self.text, m.end)
        if header and not self.text[: m.pos].strip() and header.end() < next_pos:
            start = header.end()
        stop = next_pos if next_pos > start else start
        after = self.text[start:stop]
        cut = list(SPEC_CLAUSE_SPLIT.finditer(self.blanked[begin : m.pos]))
        if cut:
            before = before[cut[-1].end() :] or before
        cut_after = SPEC_CLAUSE_SPLIT.search(self.blanked[start:stop])
        if cut_after:
            after = after[: cut_after.start()]
        # "... in Zendesk or delete the email": verbs after a conjunction are the next action's
        cut_conj = CONJUNCTION_WORD.search(self.blanked[start : start + len(after)])
        if cut_conj:
            after = after[: cut_conj.start()]
        return before, after

    def _is_tool_mention(self, m: _Mention) -> bool:
        """An app the agent uses as a tool: "Gmail tool", "tools: ... Google Calendar"."""
        after = self.low[m.end : m.end + 30]
        if TOOL_AFTER_APP.match(after):
            return True
        start = self.low.rfind(".", 0, m.pos)
        clause = self.low[start + 1 : m.pos]
        if TOOLS_LIST_OPENING.search(clause):
            return True
        # "(with a calculator tool) which is emailed via SMTP": a tool phrase of an earlier
        # part of the sentence says nothing of this app
        cuts = list(TOOL_PHRASE_CUT.finditer(clause))
        part = clause[cuts[-1].end() :] if cuts else clause
        if AS_A_TOOL.search(part):
            return True
        if TOOL_THAT_DOES_BEFORE.search(self.low[max(0, m.pos - 50) : m.pos]):
            return True  # "a tool that reads news RSS feeds"
        if TOOLS_IN_OTHER_LANGUAGES.search(clause):
            return True
        # "an agent that can look up orders in Shopify": the agent acts on the app itself
        near = self.low[max(start + 1, m.pos - 60) : m.pos]
        return bool(AGENT_OR_BOT_WORD.search(self.low) and AGENT_CAN_ACT_BEFORE.search(near))

    def spec(self) -> Spec:
        """Run every registered spec rule, in order, over a fresh draft of this request."""
        trigger, trigger_app = self.trigger()
        chat = trigger.node_type == TRIGGER_TYPES["chat"]
        mcp = trigger.node_type == TRIGGER_TYPES["mcp"]
        draft = SpecDraft(self, trigger, trigger_app, chat, mcp, self.uses_ai() or chat)
        SPEC_RULES.run(draft)
        return draft.finish()


# ------------------------------------------------------------------ trigger rules (registered)


@dataclass
class TriggerDraft:
    """What the trigger rules read for one request: the schedule it states, the trigger
    entities (primary first, a rule may reorder or drop them), and the first answer given."""

    opt: _LocalOptimizer
    schedule: Any
    triggers: list[_Mention]
    answer: tuple[TriggerSpec, str | None] | None = None


#: How a request starts: rules asked in order, the first to set ``answer`` wins (the trigger
#: and, for an app trigger, the app it replaces as a step); ``trigger_rule`` appends. Each
#: rule's example requests are in ``tests/test_rule_examples.py``.
TRIGGER_RULES: Rules[TriggerDraft] = Rules("trigger rule")
trigger_rule = TRIGGER_RULES.register


@trigger_rule
def weak_reading_gives_way(t: TriggerDraft) -> None:
    """A weak reading ("... thank the customer by email" read as incoming mail) loses to a
    record's change of state the request states ("a QuickBooks invoice turns paid"), then to
    the awaited records of another app named before it (``_named_source``: "each new HubSpot
    contact should be added to our Mailchimp audience", "I run a shop on Shopify. Whenever
    somebody buys, ... a thank-you email via Gmail") when the weak app is where things are
    sent (``SENT_TO_BEFORE_APP``) - the trigger is the app the data comes from, not the one
    it goes to ("Create Notion pages from GitHub issues as they're opened" keeps GitHub's);
    one whose app is read in a batch ("the Pipedrive deals won in Q3": past records) is
    dropped."""
    if not (t.triggers and (t.triggers[0].entity.value or {}).get("weak")):
        return
    weak = t.triggers[0]
    t.answer = t.opt._implied_trigger(changes_only=True, polled_too=True)
    app = (weak.entity.value or {}).get("app")
    at = _app_pos(t.opt, app)
    sent = SENT_TO_BEFORE_APP.search(t.opt.low[max(0, at - 60) : at])
    if sent and message_trigger_for(app or "") and not MEANS_PREPOSITION.match(sent.group(0)):
        sent = None  # "sent to a Gmail inbox": arriving there is the event, not a destination
    if t.answer is None and sent:
        source = _named_source(t.opt)  # the weak app is where things go ("added to our ...")
        if source is not None and _app_pos(t.opt, source[1]) < at:
            t.answer = source
    if t.answer is None and t.opt._batch_read(weak):
        t.triggers.pop(0)


def _app_pos(opt: _LocalOptimizer, app: str | None) -> int:
    """Where the app ``app`` is first named (0 when it is not: nothing is named before it)."""
    return min((m.pos for m in opt.mentions if m.entity.node_type == app), default=0)


@trigger_rule
def people_write_on_a_schedule(t: TriggerDraft) -> None:
    """ "volunteers keep asking ... in the Telegram group every day", "if a message comes in
    between 6pm and 8am": the time says when people write, the messages start it."""
    if t.triggers and t.opt._people_write_then(t.triggers[0]):
        t.answer = t.opt._implied_trigger(conversation_only=True)


@trigger_rule
def records_arrive_at_a_rate(t: TriggerDraft) -> None:
    """ "My Airtable base gets new applications every day. Each one should be scored ...",
    "Customers open around 30 Zendesk tickets per day - summarise each new ticket ...": the
    frequency says how often the app's records arrive (``RECORDS_AT_A_RATE`` right before it,
    in the clause that names the app), so that app's trigger starts the workflow. Why: read as
    the start, a Schedule Trigger ran what no clause asks to run on a timer and the records
    were never awaited. Not when the clause opens with an order ("Every day, get the new
    applications ..."), nor when another schedule is said elsewhere in the request."""
    if t.triggers and t.triggers[0].entity.node_type == TRIGGER_TYPES["schedule"]:
        t.answer = _rate_source(t.opt, t.triggers[0].pos, t.triggers[0].end)


def _rate_source(
    opt: _LocalOptimizer, pos: int, stop_at: int
) -> tuple[TriggerSpec, str | None] | None:
    """The trigger of the app whose records arrive at the rate said from ``pos`` to
    ``stop_at`` (a schedule or a ``RATE_UNIT``), or None (see ``records_arrive_at_a_rate``)."""
    from indexing.catalog.load import load_catalog

    text = opt.text
    begin = max((h.end() for h in _CLAUSE_START.finditer(text, 0, pos)), default=0)
    stop = _CLAUSE_START.search(text, pos)  # a schedule read over two clauses is not a rate
    end = stop.start() if stop else len(text)
    if CLAUSE_ORDER.match(text, begin) or ORDER_VERB.match(opt.low, begin):
        return None
    rate = RECORDS_AT_A_RATE.search(text, begin, pos)
    if end < stop_at or rate is None:
        return None
    if rate.group("made") and OUR_SIDE_BEFORE.search(text, begin, rate.start()):
        return None  # "our bot makes 2 posts a day", "we need to book 4 slots a week"
    if parse_schedule(text[:pos] + " " * (stop_at - pos) + text[stop_at:]) is not None:
        return None  # "we get 20 invoices a day; every evening send me a summary"
    cat = load_catalog()
    for app in opt.mentions:
        if app.entity.kind == "app" and app.entity.node_type and begin <= app.pos < end:
            trig = _own_trigger(app.entity, cat)
            if trig is not None:
                return TriggerSpec("app", trig), app.entity.node_type
    return None


@trigger_rule
def incidental_start_gives_way(t: TriggerDraft) -> None:
    """A start read from a word that only describes something ("send the feedback form
    link", "a weekly Webex sync") gives way to an explicit app event, or to the start the
    frequency is part of the name of ("a daily-standup form"), else to a record's change of
    state the grammar implies."""
    if not (t.triggers and t.opt._incidental(t.triggers[0])):
        return
    stronger = next((m for m in t.triggers[1:] if _explicit_event(m.entity)), None)
    stronger = stronger or t.opt.start_named_by(t.triggers[0])  # "a daily-standup form"
    if stronger is not None and stronger in t.triggers:
        t.triggers.remove(stronger)
        t.triggers.insert(0, stronger)
    else:
        t.answer = t.opt._implied_trigger(changes_only=True)


@trigger_rule
def trigger_entities(t: TriggerDraft) -> None:
    """The first trigger entity that resolves to a node: its own type, its kind's node, the
    app's trigger named near it, or a Schedule Trigger when a schedule is said."""
    for m in t.triggers:
        t.answer = _entity_trigger(t, m)
        if t.answer is not None:
            return


def _entity_trigger(t: TriggerDraft, m: _Mention) -> tuple[TriggerSpec, str | None] | None:
    """The trigger the entity of ``m`` names (None when it resolves to no node); a form that
    is an app's own form ("each Webflow form submission") is that app's trigger."""
    e, schedule = m.entity, t.schedule
    kind = str((e.value or {}).get("kind") or "")
    node_type = e.node_type
    if node_type is None and kind in TRIGGER_TYPES:
        node_type = TRIGGER_TYPES[kind]
    if node_type is None and kind == "app":
        node_type = t.opt._app_trigger_near(m)
    if node_type is None and schedule is not None:
        node_type, kind = TRIGGER_TYPES["schedule"], "schedule"
    if node_type is None:
        return None
    kind = kind or trigger_kind(node_type)
    if node_type == TRIGGER_TYPES["form"]:
        app_form = t.opt._app_form_trigger(m)
        if app_form is not None:
            return app_form
    event = (e.value or {}).get("event")
    app = (e.value or {}).get("app")
    return (
        TriggerSpec(
            kind=kind,
            node_type=node_type,
            schedule=schedule if node_type == TRIGGER_TYPES["schedule"] else None,
            app_event=str(event) if event else None,
        ),
        str(app) if app else _base_of_trigger(node_type),
    )


@trigger_rule
def trigger_named(t: TriggerDraft) -> None:
    """ "Local File Trigger on my folder ...": a trigger named by its display name."""
    low = t.opt.low
    for hit in NAMED_TRIGGER_WORDS.finditer(low[:120]):
        words = hit.group(1).split()
        for i in range(len(words)):
            name = " ".join(words[i:]) + " trigger"
            node_type = _triggers_by_name().get(name)
            if node_type and not t.opt._ruled_out(hit.end() - len(name), hit.end()):
                t.answer = (
                    TriggerSpec(trigger_kind(node_type), node_type),
                    _base_of_trigger(node_type),
                )
                return


@trigger_rule
def manual_said_first(t: TriggerDraft) -> None:
    """ "Manually: ...", "on click, ...": a manual start said at the opening of the request."""
    if MANUAL.search(t.opt.low[:40]):
        t.answer = TriggerSpec("manual", TRIGGER_TYPES["manual"]), None


@trigger_rule
def schedule_said(t: TriggerDraft) -> None:
    """A schedule the request states ("every weekday at 7") runs it on a Schedule Trigger."""
    if t.schedule is not None:
        t.answer = TriggerSpec("schedule", TRIGGER_TYPES["schedule"], schedule=t.schedule), None


@trigger_rule
def event_said(t: TriggerDraft) -> None:
    """ "When a new row is added in Google Sheets ...": that app's trigger node (``_event``)."""
    t.answer = _event(t.opt)


def _event(opt: _LocalOptimizer) -> tuple[TriggerSpec, str | None] | None:
    """The start an event opening the request names: the app's trigger, incoming mail, an RSS
    feed, or a Schedule Trigger polling an app n8n has no trigger for."""
    from indexing.catalog.load import load_catalog

    low = opt.low
    opening = (h for h in EVENT_OPENING.finditer(low) if h.start() <= 60)
    bare = None
    m = next((h for h in opening if not _made_new(low, h)), None) or (bare := _bare_event(opt))
    if m is None or m.start() > 60:
        return None
    end = EVENT_WORDS_END.search(low, m.end())
    limit = _event_limit(low, m.end(), end.start() if end else len(low))
    if STEP_FAILS.search(low, m.end(), limit):
        return None  # "when the Stripe call fails": a step's error handling
    cat = load_catalog()
    for mention in opt.mentions:
        e = mention.entity
        if e.kind != "app" or not e.node_type or not (m.start() <= mention.pos < limit):
            continue
        cand = e.node_type + "Trigger"
        if cat.has_type(cand):
            return _records_source(opt, m, mention) or (TriggerSpec("app", cand), e.node_type)
    if MAIL_ARRIVES.search(low[:limit]):
        return TriggerSpec("app", BASE + "emailReadImap"), None
    if RSS_FEED_WORD.search(low[:limit]):
        return TriggerSpec("app", BASE + "rssFeedReadTrigger"), None
    # "when a file is uploaded to Dropbox": n8n has no Dropbox trigger, so a schedule polls
    # Dropbox for what is new (unless the words name another way to start)
    when = POLL_EVENT.search(low[:limit]) or _new_records_watched(low, limit) or bare
    polled = next(
        (
            mention
            for mention in opt.mentions
            if when is not None
            and mention.entity.kind == "app"
            and mention.entity.node_type
            and (when.start() <= mention.pos < limit or opt._heads(mention, when.start()))
            and not cat.is_trigger(mention.entity.node_type)
        ),
        None,
    )
    if polled is None or opt._trigger_kind_from_words() not in ("manual", "schedule"):
        return None  # a webhook, form, chat ... says how it starts
    # "when a deal is won create an invoice in QuickBooks": an order between the event
    # and the app makes it the app acted on, not the one watched
    if any(w in COMMAND_VERBS for w in re.findall(r"[a-z]+", low[when.end() : polled.pos])):
        return None
    # what the schedule polls is read: "a file is uploaded to ... get all"
    node_type = polled.entity.node_type or ""
    read = choose_operation(node_type, low[when.start() : limit] + " get all", reads_only=True)
    if read == (None, None):
        return None  # nothing to read new items with
    opt.polled = (polled, read)
    every = {"interval": "minutes", "every": 15}
    return TriggerSpec("schedule", TRIGGER_TYPES["schedule"], schedule=every), None


def _bare_event(opt: _LocalOptimizer) -> re.Match[str] | None:
    """An event said as a headline near the start ("On deal won in Pipedrive, ...", "on
    ticket close in Zendesk", ``BARE_RECORD_EVENT``): kept when its record, singular, is one
    of the records of an app named in the clause (``record_words``, from the catalog). Why: a
    clean set's requests said so were started by hand; a record with no article after "on"
    and an event is one record's event, while "on deals closed last week" is a class of them
    and "On Monday, ..." names no record of any app."""
    low = opt.low
    for hit in BARE_RECORD_EVENT.finditer(low, 0, 140):
        record = hit.group("record")
        if hit.start() > 60 or (record.endswith("s") and not record.endswith("ss")):
            continue
        end = EVENT_WORDS_END.search(low, hit.end())
        stop = end.start() if end else len(low)
        if any(
            m.entity.kind == "app"
            and hit.start() <= m.pos < stop
            and stem(record) in record_words(m.entity.node_type or "")
            for m in opt.mentions
        ):
            return hit
    return None


def _records_source(
    opt: _LocalOptimizer, opening: re.Match[str], target: _Mention
) -> tuple[TriggerSpec, str | None] | None:
    """The trigger of the app named before the event whose records the event names, when the
    app named inside the event is only where they are sent ("We sell on WooCommerce and I'd
    like the new orders to be sent to the warehouse by email through Gmail": orders are
    WooCommerce's records, not Gmail's - ``record_words``, from the catalog - and "be sent"
    makes Gmail the way they go, ``PASSIVE_ORDER``). Why: the trigger belongs to the app the
    data comes from; the event's first app was taken as the one watched."""
    from indexing.catalog.load import load_catalog

    low = opt.low
    if not PASSIVE_ORDER.search(low, opening.end(), target.pos):
        return None
    said = [stem(w) for w in re.findall(r"[a-z]+", low[opening.end() : target.pos])[:2]]
    if not said or set(said) & record_words(target.entity.node_type or ""):
        return None
    cat = load_catalog()
    for source in sorted(opt.mentions, key=lambda x: -x.pos):
        node_type = source.entity.node_type
        if source.entity.kind != "app" or not node_type or source.pos >= opening.start():
            continue
        trig = _own_trigger(source.entity, cat)
        if trig is not None and set(said) & record_words(node_type):
            return TriggerSpec("app", trig), node_type
    return None


@trigger_rule
def start_from_words(t: TriggerDraft) -> None:
    """The start the words say (``_trigger_kind_from_words``); a manual reading with no word
    for it gives way to a start the grammar implies (a record's change, people talking), and a
    poll read from event words alone ("each new", "as soon as") to a record's change of an app
    with a trigger said elsewhere ("for each new customer: the signal is a HubSpot deal
    reaching Closed Won") - polling what n8n can be told of loses events and runs for nothing.
    The spec's kind is the workflow model's for the node (``trigger_kind``), as every other
    rule gives it: "an MCP trigger" is the ``mcp`` entry of ``TRIGGER_TYPES`` but an ``app``
    start, like the MCP trigger an entity names."""
    said = t.opt._trigger_kind_from_words()
    if said == "manual" and not MANUAL.search(t.opt.low):
        t.answer = t.opt._implied_trigger() or _named_source(t.opt) or _rate_said(t.opt)
    elif said == "schedule" and not t.opt._says_schedule(len(t.opt.low)):
        # "as soon as", "each new" with no trigger found: before polling on a schedule, a
        # record of an app with a trigger changing state ("a HubSpot deal reaching Closed Won"),
        # or the awaited records of the app named first ("... in a Google Sheet. For every new
        # line they add, ...")
        t.answer = t.opt._implied_trigger(changes_only=True) or _named_source(t.opt)
    if t.answer is None:
        node_type = TRIGGER_TYPES[said]
        t.answer = TriggerSpec(trigger_kind(node_type), node_type), None


def _named_source(opt: _LocalOptimizer) -> tuple[TriggerSpec, str | None] | None:
    """The trigger of the first app a request names, for a request that names no start,
    implies none and has no sign of being run by hand (``RUN_BY_THEMSELVES``): "log every
    Stripe refund into a row of the sheet", "Gmail: any email from our accountant gets the
    label 'Finance'". Why: such a request was given a manual start, which no such request in
    any labelled set has - the app named first is where things happen. Only the first app,
    and only when its records are awaited (``_waited_for``); not when that app is one the
    request sends to (``SENT_TO_BEFORE_APP``), reads once (``READS_ONCE_BEFORE_APP``, a past
    window, "for every"), is named by a step of ours failing (``STEP_FAILS``), is acted on
    by an order (``ORDER_VERB``, unless records arriving
    are its object), or is a tool of an agent, bot or assistant; not for a change to a
    workflow (its start is the workflow's). The records may be awaited in the sentence after
    the one that names the app (``_awaited_in_next_sentence``: "Pipedrive is our CRM. A person
    gets a new email address -> ...")."""
    from indexing.catalog.load import load_catalog

    low = opt.low
    if opt.modifies or RUN_BY_THEMSELVES.search(low) or AGENT_OR_BOT_WORD.search(low):
        return None
    apps = sorted(
        (m for m in opt.mentions if m.entity.kind == "app" and m.entity.node_type),
        key=lambda mention: mention.pos,
    )
    if not apps or PAST_WINDOW.search(low) or _loops_over_stored(low):
        return None
    first, before = apps[0], low[: apps[0].pos]
    trig = _own_trigger(first.entity, load_catalog())
    if trig is None or READS_ONCE_BEFORE_APP.search(before):
        return None
    if STEP_FAILS.match(low, first.end + 1):
        return None  # "if the Stripe call fails, retry": our step's error, no Stripe event
    event = _awaited_in_next_sentence(opt, first)
    if event is None:  # else the app's sentence sets the scene and ``event`` is said next
        if SENT_TO_BEFORE_APP.search(before[-60:]):
            return None
        clause = CLAUSE_BREAK_BEFORE_APP.split(before)[-1]
        after = CLAUSE_BREAK_BEFORE_APP.split(low[first.end :].lstrip(" :-\u2013\u2014"))[0]
        ordered = ORDER_VERB.search(clause) or ORDER_ON_RECORDS.search(clause)
        if ordered and not (_arriving(clause) or RECORD_EVENT_VERBS.search(after)):
            return None  # "..., update the HubSpot deal's amount", "close all GitHub issues"
        if not (_waited_for(clause, after, trig) or _one_agent_acts(clause, low[first.end :])):
            return None  # "take the Trello card attachments", "HubSpot contact list to a sheet"
    return TriggerSpec("app", trig, app_event=event), first.entity.node_type


def _rate_said(opt: _LocalOptimizer) -> tuple[TriggerSpec, str | None] | None:
    """The trigger of an app whose records are said to arrive at a rate no schedule reads ("Our
    team creates about 10 Trello cards a week. Post each one to Slack.", "reps add several
    deals a day in Pipedrive, and every one should get a folder": ``RECORDS_AT_A_RATE`` before
    a ``RATE_UNIT``), for a request with no start named or implied. Why: the rate says the
    records keep coming and each is handled as it does; a manual start handled none. Not when
    the request reads them in a batch (a past window, "all", "existing": ``PAST_WINDOW``,
    ``STORED_RECORD_WORDS``, ``RUN_BY_THEMSELVES``) or sums them up in one report
    (``ONE_REPORT_OF_THEM``), nor for a change to a workflow."""
    low = opt.low
    if opt.modifies or RUN_BY_THEMSELVES.search(low) or PAST_WINDOW.search(low):
        return None
    if STORED_RECORD_WORDS.intersection(re.findall(r"[a-z]+", low)):
        return None
    if ONE_REPORT_OF_THEM.search(low):
        return None  # "100 emails a day ...; I want a digest of them": read in a batch (HR19)
    units = RATE_UNIT.finditer(opt.text)
    return next(filter(None, (_rate_source(opt, u.start(), u.end()) for u in units)), None)


def _own_trigger(entity: Entity, cat: Any) -> str | None:
    """The app entity's own trigger node: the one its name entry gives, else ``<type>Trigger``,
    when the catalog has it as a trigger."""
    trig = (entity.value or {}).get("trigger") or f"{entity.node_type}Trigger"
    return trig if isinstance(trig, str) and cat.has_type(trig) and cat.is_trigger(trig) else None


def _waited_for(clause_before: str, clause_after: str, trigger: str | None = None) -> bool:
    """Evidence that the app's records are awaited, in the app's own clause: "every", "each",
    "any", "new" ... within three words before it ("log every Stripe refund", "Gmail: any
    email ...") or an event of the record after it ("<App> subscriber unsubscribes", "merge
    requests opened against main", ``RECORD_EVENT_VERBS``), or one of the ``trigger``'s own
    events in the catalog ("Brevo tells us a contact clicked ...", "GitHub: someone forked our
    repo": ``catalog_event_word``). Why: an app named first with neither is as often read from
    once ("HubSpot contact list to a Google Sheet"). The words that only place the record in
    the app ("every merge request on GitLab", "any bug report in our Jira project":
    ``EVENT_PLACE_PREPOSITIONS``, ``DETERMINER_WORDS``) do not count among the three. What
    records picked by a state they are in "should be" or "need" (``DUTY_ORDER``,
    ``STORED_STATE_FILTER``) is an order about the ones there are: then only an event said
    before it counts. Records said to be all there are ("the existing Stripe customers must
    be added ...": ``picks_stored``) are never awaited, unless said to arrive ("all new
    orders")."""
    if picks_stored(clause_before):
        return False
    said = _before_duty_on_stored(clause_after)
    if said is not None:  # "every file older than a year must be moved": the ones there are
        return bool(RECORD_EVENT_VERBS.search(said) or catalog_event_word(said, trigger))
    before = re.findall(r"[a-z]+", clause_before)
    while before and before[-1] in _PLACE_WORDS and before[-1] not in EVENT_QUANTIFIERS:
        before.pop()
    near = before[-3:] + re.findall(r"[a-z]+", clause_after)[:2]
    return bool(
        EVENT_QUANTIFIERS.intersection(near)
        or RECORD_EVENT_VERBS.search(clause_after)
        or catalog_event_word(clause_after, trigger)
        or _standing_duty(clause_before, clause_after)
    )


def _one_agent_acts(clause_before: str, rest: str) -> bool:
    """One unnamed agent acts in the clause that names the app ("1. a customer pays in PayPal
    2. add them to Mailchimp", "a subscriber clicks a link in our MailerLite campaign: tag
    them", "Step 1 - a contact unsubscribes in Mailchimp": ``ONE_AGENT_ACTS``): an event said
    as it happens, with no "when" - any one of them, each time. Why: read for evidence after
    the app only, such a request got a Manual Trigger, which no labelled request of the kind
    has. Not when what follows takes the app's records as all there are ("a rep logs calls in
    HubSpot; export all calls to a sheet": ``STORED_RECORD_WORDS``): the act then only sets the
    scene for a one-off job."""
    return bool(
        ONE_AGENT_ACTS.search(clause_before)
        and STORED_RECORD_WORDS.isdisjoint(re.findall(r"[a-z]+", rest))
    )


def _standing_duty(clause_before: str, clause_after: str) -> bool:
    """The clause's records are the subject of a duty (``STANDING_DUTY``: "PayPal refunds
    should be recorded in our sheet", "Zendesk tickets from VIP customers must be escalated",
    "Outlook emails with 'quote' in the subject should be copied ...") or of an order said in
    the present passive (``PASSIVE_ORDER``: "GitHub releases get posted to our Telegram
    channel"): a rule for each record as it comes. Why: with no "every" or "new" and no event
    verb, such a rule was read as a one-off job on a manual start, though no one runs a rule
    by hand. Not when the records are all there are ("all", "existing": ``STORED_RECORD_WORDS``)
    or a person is the subject ("the HubSpot contacts we need to export": ``SUBJECT_PRONOUNS``);
    an order before the records ("export the Stripe refunds ...") is refused by the caller,
    and words between the records and the duty only pick them ("GitHub issues with the label
    'security' must be sent ...")."""
    duty = STANDING_DUTY.search(clause_after) or PASSIVE_ORDER.search(clause_after)
    if duty is None:
        return False
    subject = f"{clause_before} {clause_after[: duty.start()]}"
    words = set(re.findall(r"[a-z]+", subject))
    return not (STORED_RECORD_WORDS & words or SUBJECT_PRONOUNS & words)


def _awaited_in_next_sentence(opt: _LocalOptimizer, first: _Mention) -> str | None:
    """The sentence naming the app only sets the scene ("We sell ebooks through PayPal.",
    "I run a small Shopify store.", "Our newsletter is on Mailchimp.": no clause of it opens
    with an order) and what follows opens on its records' event with the app left unsaid
    ("After each completed payment, ...", "Whoever subscribes gets ...", "Any file added there
    ..."). Why: people name their tool first and then say what happens in it; read clause by
    clause, the event had no app and the app no event, and the request got a Manual Trigger.
    The scene's words ("through PayPal", "I run") are then no destination and no order. The
    event's words (the trigger's ``app_event``, so no later step reads them as an order), or
    None."""
    low = opt.low
    end = _SENTENCE_END.search(low, first.end)
    if end is None:
        return None
    begin = max((m.end() for m in _SENTENCE_END.finditer(low, 0, first.pos)), default=0)
    scene = CLAUSE_BREAK_BEFORE_APP.split(low[begin : end.start()])
    if any(ORDER_VERB.match(c.strip()) or READS_ONCE_BEFORE_APP.match(c.strip()) for c in scene):
        return None  # "In HubSpot, tag the VIPs.": the app's sentence is an order
    others = [m.pos for m in opt.mentions if m.entity.kind == "app"]
    pos, stop = end.end(), min(len(low), end.end() + _NEXT_CLAUSE_CHARS)
    for _ in range(2):  # "WooCommerce store: refunds happen a lot lately. Each refunded ..."
        brk = CLAUSE_BREAK_BEFORE_APP.search(low, pos, stop)
        clause_end = brk.start() if brk else stop
        other = min((p for p in others if pos <= p < clause_end), default=clause_end)
        head = low[pos:other].strip()
        if _event_opens(head):
            return opt.text[pos:other].strip()
        if brk is None or other < clause_end or ORDER_VERB.match(head):
            return None  # another app named, or an order: not this app's event
        pos = brk.end()
    return None


def _event_opens(head: str) -> bool:
    """The clause ``head`` opens on records awaited: an event word ("whenever", "each time":
    ``POLL_EVENT``), evidence as in an app's own clause (``_waited_for``), or a change of
    state or an arrival said (``STATE_CHANGE``, ``ARRIVES``);
    an order or a read opening it ("Export every deal ...") acts on what is there, unless its
    records arrive ("send each new one ...")."""
    if ORDER_VERB.match(head) or READS_ONCE_BEFORE_APP.match(head):
        return _arriving(" ".join(re.findall(r"[a-z]+", head)[:3]))
    said = _before_duty_on_stored(head)
    if said is not None:  # "Any deal older than 30 days should be marked ..."
        return bool(
            RECORD_EVENT_VERBS.search(said) or STATE_CHANGE.search(said) or ARRIVES.search(said)
        )
    if POLL_EVENT.match(head):  # "Whenever somebody buys, ...": the clause is an event
        return True
    return bool(_waited_for("", head) or STATE_CHANGE.search(head) or ARRIVES.search(head))


def _before_duty_on_stored(clause: str) -> str | None:
    """What the clause says before a duty (``DUTY_ORDER``: "should be marked", "needs a") of
    records picked by a state they are in (``STORED_STATE_FILTER``: "older than 30 days",
    "without a label"), or None when it says no such duty. Such a duty is an order about the
    records there are; only an event said before it makes them awaited."""
    duty = DUTY_ORDER.search(clause)
    said = clause[: duty.start()] if duty else ""
    return said if duty and STORED_STATE_FILTER.search(said) else None


def _loops_over_stored(low: str) -> bool:
    """ "For every row in Airtable where ...", "for each of our Trello cards" (``FOR_EACH_STORED``):
    a loop over the records there are now - unless the loop's own words say they arrive ("for
    each WooCommerce order that comes in", "for every new line they add"). Why: those are
    records awaited one by one, and the loop word made them a one-off batch on a manual start."""
    for hit in FOR_EACH_STORED.finditer(low):
        clause = CLAUSE_BREAK_BEFORE_APP.split(low[hit.end() : hit.end() + _NEXT_CLAUSE_CHARS])[0]
        words = re.findall(r"[a-z]+", clause)[:2]
        if not (ARRIVING_QUANTIFIERS.intersection(words) or ARRIVES.search(clause)):
            return True
    return False


def _arriving(clause: str) -> bool:
    """An order whose object is records arriving ("log new Stripe refunds ..."), not all the
    records there are ("send every HubSpot contact ...", ``ARRIVING_QUANTIFIERS``)."""
    return bool(ARRIVING_QUANTIFIERS.intersection(re.findall(r"[a-z]+", clause)[-3:]))


# ------------------------------------------------------------------ spec rules (registered)


@dataclass
class SpecDraft:
    """What the spec rules read and fill in for one request, in the order they run."""

    opt: _LocalOptimizer
    trigger: TriggerSpec
    trigger_app: str | None
    chat: bool
    mcp: bool
    ai: bool
    apps: list[_Mention] = field(default_factory=list)
    vector_stores: list[_Mention] = field(default_factory=list)
    steps: list[tuple[int, StepSpec]] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    model: str | None = None
    tool_mode: bool = False
    memory_type: str | None = None
    vs_type: str | None = None
    vs_tool: str | None = None
    embeddings: str | None = None
    ai_spec: AiSpec | None = None
    branching: str = "none"
    condition: str = ""

    @property
    def text(self) -> str:
        return self.opt.text

    @property
    def low(self) -> str:
        return self.opt.low

    def finish(self) -> Spec:
        """Run the finish rules (``FINISH_RULES``: order the steps, put inputs first, read
        branching) and build the ``Spec``."""
        FINISH_RULES.run(self)
        steps = [s for _, s in self.steps]
        return Spec(
            request=self.text,
            trigger=self.trigger,
            steps=tuple(steps),
            ai=self.ai_spec,
            branching=self.branching,
            condition=self.condition,
            data_flow=_data_flow(self.trigger, steps),
            name=workflow_title(self.text),
            optimizer="local",
        )


#: The local spec builder's rules, in the order they run (``spec_rule`` appends). Each rule's
#: example requests are in ``tests/test_rule_examples.py``.
SPEC_RULES: Rules[SpecDraft] = Rules("spec rule")
spec_rule = SPEC_RULES.register


@spec_rule
def apps_named(d: SpecDraft) -> None:
    """The apps the request names that become steps: not triggers, not the AI vendors' own
    nodes (those are added for media work only)."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    vendor_nodes = {
        (e.value or {}).get("app_node") for e in d.opt.entities if e.kind == "ai"
    } | set(VENDOR_NODE.values())
    d.apps = [
        m
        for m in d.opt.mentions
        if m.entity.kind == "app"
        and m.entity.node_type
        and not cat.is_trigger(m.entity.node_type)
        and m.entity.node_type not in vendor_nodes
    ]


def _after_event(d: SpecDraft, start: int) -> int:
    """Where a follow-up use of the trigger's app may begin: after the event the trigger
    listens for. Why: the event's own verb ("a Trello card is moved to Done", "a deal is marked
    lost") is no order to act on the app again; read as one, it added a Create step to the
    trigger's app - a new card or deal made every time one changed."""
    event = (d.trigger.app_event or "").lower()
    at = d.low.find(event, max(0, start - len(event))) if event else -1
    return max(start, at + len(event)) if at >= 0 else start


@spec_rule
def trigger_app_not_again(d: SpecDraft) -> None:
    """The app the trigger already covers is no step, unless the request works on it again
    ("Gmail trigger: mark the mail read" names Gmail once but uses it twice)."""
    from indexing.catalog.load import load_catalog

    cat, low, apps, trigger_app = load_catalog(), d.low, d.apps, d.trigger_app
    if not trigger_app:
        return
    same = [m for m in apps if m.entity.node_type == trigger_app]
    in_trig = [m for m in same if (m.entity.value or {}).get("in_trigger")]
    if in_trig:
        apps = [m for m in apps if m not in in_trig]
        same = [m for m in same if m not in in_trig]
        last = in_trig[-1]
        follow = None if same else _follow_up(d, _after_event(d, last.end))
        if follow is not None:
            apps.append(_Mention(follow, follow, Entity("app", "", trigger_app)))
            apps.sort(key=lambda m: m.pos)
    elif len(same) == 1:
        last = same[0]
        again = low.count(last.entity.span.lower()) >= 2
        if not again and _follow_up(d, _after_event(d, last.end)) is None:
            apps = [m for m in apps if m is not last]
    elif len(same) >= 2:
        apps = [m for m in apps if m is not same[0]]  # the first names the trigger
    elif not same and d.trigger.kind == "app" and cat.has_type(trigger_app):
        follow = _follow_up(d, 0)
        if follow is not None and not cat.is_trigger(trigger_app):
            apps.append(_Mention(follow, follow, Entity("app", "", trigger_app)))
            apps.sort(key=lambda m: m.pos)
    d.apps = apps


def _follow_up(d: SpecDraft, start: int) -> int | None:
    """Where, from ``start``, the request acts again on the record its event brought - a
    follow-up said in words (``FOLLOW_UP_ON_RECORD``: "download the attachments", "reply") or
    an order on the record itself with one of the trigger app's own operations
    (``_order_on_its_record``: "when a Notion page is marked Done, archive it", "when an Asana
    task is completed, delete it") - or None."""
    said = FOLLOW_UP_ON_RECORD.search(d.low, start)
    on_record = _order_on_its_record(d, start)
    found = [at for at in (said.start() if said else None, on_record) if at is not None]
    return min(found, default=None)


def _order_on_its_record(d: SpecDraft, start: int) -> int | None:
    """The first clause from ``start`` that names no app and orders the event's own record
    ("archive it", "set its priority to high", "delete that record": its object a
    word standing for it, ``STAND_IN_PRONOUNS``, or one of the app's records, ``record_words``)
    with the very verb of one of the trigger app's writing operations on a record the event
    names (the catalog's ``candidates``: "a Notion page ... archive it" is the page's archive;
    Trello's "archive" is a list's, not the card's that moved). Why: with no app named, the
    order was no step at all - the trigger app was dropped as already covered and the order
    lost. Verbs no operation of the app performs ("summarise it", "translate it") are other
    steps' work, and a synonym is not enough ("send it for summary to OpenAI" is no Box
    upload). Once another app is named after the event, "it" is that app's record ("find the
    Pipedrive deal with the same name and delete it"): nothing later is read as the event's,
    since deleting the event's own record instead is the worst answer there is."""
    app = d.trigger_app or ""
    event = {stem(w) for w in re.findall(r"[a-z]+", d.low[:start])}
    named = [m.pos for m in d.opt.mentions if m.entity.kind == "app"]
    breaks = list(CLAUSE_BREAK_BEFORE_APP.finditer(d.low, start))
    begins = [start] + [b.end() for b in breaks]
    for begin, end in zip(begins, [b.start() for b in breaks] + [len(d.low)], strict=True):
        if any(start <= p < begin for p in named):
            return None  # "find the matching Trello card and delete it": it is the card now
        said = re.findall(r"[a-z]+", d.low[begin:end])
        if len(said) < 2 or any(begin <= p < end for p in named):
            continue
        objects = set(said[1:3])
        if not (objects & STAND_IN_PRONOUNS or {stem(w) for w in objects} & record_words(app)):
            continue
        verb = said[0]
        if verb in READING_OPERATIONS:
            continue
        if any(verb in c.verbs and {stem(n) for n in c.nouns} & event for c in candidates(app)):
            return begin + len(d.low[begin:end]) - len(d.low[begin:end].lstrip())
    return None


@spec_rule
def bot_answers_through_its_app(d: SpecDraft) -> None:
    """ "a Telegram bot that answers questions": the answer goes back through the app (a bot on
    an app without a trigger, "a Discord bot", starts from a webhook and answers the same way)."""
    from indexing.catalog.load import load_catalog

    cat, app = load_catalog(), d.trigger_app
    if (
        app
        and (d.trigger.kind == "app" or d.trigger.app_event == "bot message")
        and not any(m.entity.node_type == app for m in d.apps)
        and (
            BOT_REPLY.search(d.low)
            or d.trigger.app_event == "message received"
            or (REPLY_BACK.search(d.low) and message_trigger_for(app))  # "send back a summary"
        )
        and cat.has_type(app)
        and not cat.is_trigger(app)
    ):
        d.apps.append(_Mention(len(d.text), len(d.text), Entity("app", "", app)))


@spec_rule
def vector_stores_apart(d: SpecDraft) -> None:
    """Vector stores named as apps are AI parts, not steps; the AI rules place them."""
    d.vector_stores = [m for m in d.apps if "vectorStore" in (m.entity.node_type or "")]
    d.apps = [m for m in d.apps if m not in d.vector_stores]


@spec_rule
def app_steps_or_tools(d: SpecDraft) -> None:
    """Each named app once, in order: a tool of the agent when the request hands it to the AI,
    else a step with its operation and the channel or e-mail address written near it."""
    d.model = d.opt.ai_model()
    d.tool_mode = d.ai and (d.chat or bool(TOOLS.search(d.text)) or d.mcp)
    seen: set[str] = set()
    for i, m in enumerate(d.apps):
        node_type = m.entity.node_type or ""
        if node_type.startswith(LC + "lmChat"):
            d.model = d.model or node_type
            continue
        before, after = _clause_of(d, i)
        as_tool = d.mcp or (d.tool_mode and d.opt._is_tool_mention(m))
        if m.pos >= len(d.text) and node_type == d.trigger_app:
            as_tool = False  # the bot's reply goes back through its own app
        if as_tool and node_type == BASE + "httpRequest":
            as_tool = d.mcp or d.opt._is_tool_mention(m)
        tool_type = _tool_variant(node_type) if as_tool else None
        if tool_type:
            if tool_type not in d.tools:
                d.tools.append(tool_type)
            continue
        polled = d.opt.polled[1] if d.opt.polled and m is d.opt.polled[0] else None
        # a later "... move it in Dropbox" is a step of its own beside the polled read
        key = node_type + "@polled" if polled is not None else node_type
        if key in seen:
            continue
        seen.add(key)
        d.steps.append(_app_step(m, node_type, before, after, polled))


def _app_step(
    m: _Mention, node_type: str, before: str, after: str, polled: tuple | None
) -> tuple[int, StepSpec]:
    """One app's step: its operation (a polled read goes first) and address hints."""
    if polled is not None:
        pos, (res, op) = -1, polled
    else:
        pos, (res, op) = m.pos, choose_operation(node_type, before, after)
    params: dict[str, Any] = {}
    ch = CHANNEL.search(before + " " + after)
    channel = (m.entity.value or {}).get("channel") or ("#" + ch.group(1) if ch else None)
    if channel:
        params["channelId@hint"] = str(channel)
        params["channel@hint"] = str(channel)
    em = _EMAIL.search(before + " " + after)
    if em:
        for name in ("sendTo", "toEmail", "to", "email", "toRecipients"):
            params[name + "@hint"] = em.group(0)
    purpose = (before + m.entity.span + after).strip()[:160]
    return pos, StepSpec(node_type, purpose=purpose, resource=res, operation=op, parameters=params)


@spec_rule
def tools_are_not_steps(d: SpecDraft) -> None:
    """An app the agent uses as a tool is not also a step of its own."""
    tool_bases = {t[: -len("Tool")] for t in d.tools if t.endswith("Tool")}
    d.steps = [(p, st) for p, st in d.steps if st.node_type not in tool_bases]


@spec_rule
def http_without_an_app(d: SpecDraft) -> None:
    """An HTTP request named without an app ("(http)", "their API"): a step or an agent tool."""
    if any(s.node_type.startswith(BASE + "httpRequest") for _, s in d.steps) or any(
        t.startswith(BASE + "httpRequest") for t in d.tools
    ):
        return
    hit = HTTP_REQUEST_NAMED.search(d.text)
    field = hit and RUN_URL_FIELD.search(d.text, max(0, hit.start() - 16), hit.end())
    if hit and field and field.end() == hit.end():
        hit = HTTP_REQUEST_NAMED.search(d.text, hit.end())  # "the execution url": data
    if hit is None and not any(s.node_type in URL_READERS for _, s in d.steps):
        hit = _called_address(d.text)  # not the feed an RSS step reads
    if hit and _apps_own_url(d, hit.start()):
        return  # "post the digest to our Discord webhook URL": the Discord step posts there
    if hit and not (d.trigger.kind == "webhook" and hit.group(0).lower() in ("url",)):
        ctx = d.text[slice(*_whole_addresses(d.text, max(0, hit.start() - 60), hit.end() + 20))]
        if d.tool_mode and TOOL_WORD.search(ctx):
            d.tools.append(BASE + "httpRequestTool")
        else:
            d.steps.append((hit.start(), StepSpec(BASE + "httpRequest", purpose=ctx)))


#: Steps that read the address the request gives themselves: no HTTP Request for it.
URL_READERS = frozenset((BASE + "rssFeedRead",))


def _called_address(text: str) -> re.Match[str] | None:
    """The first web address the request calls: one its clause says to fetch, pull, call,
    post to ... (``url_method``: "Fetch the JSON from https://...", "every Monday pull
    https://.../report.csv"), or with a method written right before it ("PUT https://...").
    Why: such a request names no "API" or "HTTP", and its data then came from nowhere."""
    for m in WEB_ADDRESS.finditer(text):
        named = METHOD_BEFORE_URL.search(text, max(0, m.start() - 24), m.start() + 8)
        # the verb within the five words before the address: "a welcome email that links to
        # https://..." sends no request there; a send or post only when the address is where it
        # goes ("post the rows to https://..."), not what it sends ("send the link https://...")
        before = text[max(0, m.start() - 80) : m.start()]
        method = url_method(" ".join(before.split()[-5:]).lower())
        if method == "POST" and not SENT_TO_ADDRESS_END.search(before):
            method = None
        if (named and named.end() >= m.start()) or method is not None:
            return m
    return None


def _whole_addresses(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved out to the ends of any web or e-mail address they fall inside.
    Why: a node takes its URL or recipient from its step's purpose, and a window of words
    around "API" cut "https://internal.acme.io/api/reindex" to "https://intern" (the window is
    also taken in the request's own case: servers read query strings case-sensitively)."""
    for m in URL_OR_EMAIL.finditer(text):
        if m.start() < end < m.end():
            end = m.end()
        if m.start() < start < m.end():
            start = m.start()
    return start, end


def _apps_own_url(d: SpecDraft, at: int) -> bool:
    """The URL said at ``at`` is an app's own ("our Discord webhook URL", ``APP_OWN_URL_GAP``)
    and that app is a step already: its node posts there (n8n's chat nodes take the incoming
    webhook), so no HTTP request is added for it."""
    in_steps = {st.node_type for _, st in d.steps}
    return any(
        m.end <= at
        and getattr(m.entity, "node_type", None) in in_steps
        and APP_OWN_URL_GAP.match(d.text[m.end : at])
        for m in d.apps
    )


@spec_rule
def vendor_media_step(d: SpecDraft) -> None:
    """Transcribe, speak, generate or analyse images: the AI vendor's own node does it."""
    model_guess = d.model or d.opt.ai_model() or LC + "lmChatOpenAi"
    vendor_node = VENDOR_NODE.get(model_guess)
    media = MEDIA_TASK.search(d.text)
    if not (d.ai and media and vendor_node):
        return
    if any(s.node_type == vendor_node for _, s in d.steps):
        return
    text = d.text
    before = text[max(0, media.start() - 50) : media.end()]
    res, op = choose_operation(vendor_node, before, text[media.end() : media.end() + 30])
    d.steps.append(
        (media.start(), StepSpec(vendor_node, purpose=before, resource=res, operation=op))
    )


@spec_rule
def builtin_agent_tools(d: SpecDraft) -> None:
    """Tools named by what they are (calculator, code, think ...), not by an app."""
    if not d.ai or d.mcp:
        return
    for rx, tool_type in AI_TOOLS:
        if rx.search(d.text) and tool_type not in d.tools and not _is_hidden(tool_type):
            d.tools.append(tool_type)


@spec_rule
def ai_memory(d: SpecDraft) -> None:
    """A chat, or a request that asks the AI to remember, gets a memory (the kind it names);
    a conversation kept in a store the catalog has a chat memory of is that memory."""
    if not (d.ai or d.vector_stores):
        return
    kept_in = _memory_store(d)
    if not (MEMORY.search(d.text) or d.chat or kept_in):
        return
    d.memory_type = LC + "memoryBufferWindow"
    for k, t in MEMORY_TYPES.items():
        if MEMORY_KIND_NAMED[k].search(d.low):
            d.memory_type = t
    if kept_in:
        store, d.memory_type = kept_in
        d.steps = [(p, s) for p, s in d.steps if not (p == store.pos and _is_store(s, store))]


def _memory_store(d: SpecDraft) -> tuple[_Mention, str] | None:
    """The store named right after a memory cue in the same clause ("keeps the conversation
    history in our postgres db", "remember the chat in Redis") and its chat memory node."""
    memories = store_chat_memories()
    for m in d.apps:
        memory = memories.get(m.entity.node_type or "")
        if not memory or m.pos >= len(d.text):
            continue
        before = re.split(r"[;.!?\n]", d.low[max(0, m.pos - 70) : m.pos])[-1]
        cue = MEMORY.search(before) or KEEPS_CONVERSATION.search(before)
        if cue and KEPT_IN_STORE_BEFORE.search(before[cue.end() :]):
            return m, memory
    return None


def _is_store(step: StepSpec, store: _Mention) -> bool:
    return step.node_type == store.entity.node_type


@lru_cache(maxsize=1)
def store_chat_memories() -> dict[str, str]:
    """App node -> the chat memory sub-node the catalog has for it ("Postgres" -> "Postgres
    Chat Memory"), so a conversation kept in that app becomes the agent's memory."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    names: dict[str, str] = {}
    for t in cat.types(include_variants=False):
        nv = cat.get(t)
        if t.startswith(BASE) and nv is not None and not cat.is_trigger(t):
            names.setdefault(nv.display_name.lower(), t)
    out: dict[str, str] = {}
    for t in cat.types(include_variants=False):
        nv = cat.get(t)
        if not t.startswith(LC + "memory") or nv is None:
            continue
        hit = re.fullmatch(r"(.+) chat memory", nv.display_name.lower())
        if hit and hit.group(1) in names:
            out[names[hit.group(1)]] = t
    return out


@spec_rule
def ai_model_and_embeddings(d: SpecDraft) -> None:
    """The chat model (OpenAI unless named) and the embeddings that go with it, or the ones
    the request names next to the word "embedding"."""
    if not (d.ai or d.vector_stores):
        return
    d.model = d.model or (LC + "lmChatOpenAi")
    d.embeddings = EMBEDDINGS_FOR_MODEL.get(d.model, LC + "embeddingsOpenAi")
    if "embedding" not in d.low:
        return
    for e in d.opt.entities:
        named = (e.value or {}).get("embeddings") if e.kind == "ai" else None
        if named and embeddings_named_after(e.span.lower()).search(d.low):
            d.embeddings = str(named)


@spec_rule
def vector_store(d: SpecDraft) -> None:
    """RAG: the store named (in-memory when only "knowledge base"/"rag" is said); documents
    are inserted as a step, and a store that is queried becomes the agent's tool."""
    if not (d.ai or d.vector_stores):
        return
    d.vs_type = d.vector_stores[0].entity.node_type if d.vector_stores else None
    if d.vs_type is None and RAG_ASK_WORDS.search(d.low):
        d.vs_type = LC + "vectorStoreInMemory"
    if not d.vs_type:
        return
    ingest = bool(INGEST_DOCUMENTS.search(d.text)) and not d.chat
    query = bool(QUERY_DOCUMENTS.search(d.text)) or d.chat
    if ingest or not query:
        pos = d.vector_stores[0].pos if d.vector_stores else len(d.text)
        d.steps.append((pos, StepSpec(d.vs_type, purpose="store documents", operation="insert")))
    if query:
        d.vs_tool = d.vs_type


def _needs_ai_root(d: SpecDraft) -> bool:
    """An AI step is wanted: AI without an AI app doing it, or named, or tools/chat/RAG need
    an agent; a pure "store these documents" request needs none."""
    low, text = d.low, d.text
    lc_apps = any(s.node_type.startswith(LC) for _, s in d.steps)
    explicit_root = AI_ROOT_NAMED.search(low)
    need = d.ai and (not lc_apps or explicit_root or d.tools or d.chat or d.vs_tool)
    rest = RAG_WORDS.sub(" ", NAMED_EMBEDDINGS.sub(" ", text))
    only_rag = (
        not AI_ASK_STRONG.search(rest)
        and not any(
            e.kind == "ai" and not embedding_right_after(e.span.lower()).search(low)
            for e in d.opt.entities
        )
        and not AI_ASK_WEAK.search(text)
    )
    if d.vs_type and not d.vs_tool and (not d.ai or only_rag):
        return False
    return bool(need)


@spec_rule
def ai_root(d: SpecDraft) -> None:
    """The AI step (agent, chain or classifier) with its model, memory, tools, parser and
    store; a further model the request names gets an LLM step of its own."""
    if not (d.ai or d.vector_stores):
        return
    if not _needs_ai_root(d):
        if d.vs_type:
            d.ai_spec = AiSpec(root=LC + "agent", model=d.model, embeddings=d.embeddings)
        return
    root_pos = d.opt.ai_position()
    root = d.opt.ai_root(d.chat, bool(d.tools), d.memory_type is not None)
    if d.mcp or not root:
        return
    d.steps.append((root_pos, StepSpec(root, purpose="AI step", parameters=_root_params(d, root))))
    for pos, other in d.opt.other_models(d.model):
        d.steps.append(
            (pos, StepSpec(LC + "chainLlm", purpose="AI step", parameters={"@model": other}))
        )
    chain = CHAIN_NAMED.search(d.low)
    if chain and root == LC + "agent":
        ctype = LC + ("chainSummarization" if "summari" in chain.group(0) else "chainLlm")
        d.steps.append((chain.start(), StepSpec(ctype, purpose="AI step")))
    agent = root == LC + "agent"
    d.ai_spec = AiSpec(
        root=root,
        model=d.model,
        memory=d.memory_type if agent else None,
        tools=tuple(d.tools) if agent else (),
        output_parser=LC + "outputParserStructured"
        if STRUCTURED_OUTPUT.search(d.text) and root in (LC + "agent", LC + "chainLlm")
        else None,
        vector_store=d.vs_tool if agent else None,
        embeddings=d.embeddings,
        prompt=_prompt(d.text),
        model_name=d.opt.model_name(d.model),
    )


def _root_params(d: SpecDraft, root: str) -> dict[str, Any]:
    """A text classifier's labels ("classify into billing, tech or other")."""
    if root != LC + "textClassifier":
        return {}
    into = CLASSIFY_INTO.search(d.low)
    labels = _labels(d.text[into.end() : into.end() + 120]) if into else []
    return {"labels": labels[:6] or ["relevant", "other"]}


@spec_rule
def mcp_server_tools(d: SpecDraft) -> None:
    """An MCP server trigger exposes the tools the request names."""
    if d.mcp and d.tools:
        d.ai_spec = AiSpec(root=TRIGGER_TYPES["mcp"], tools=tuple(d.tools))


@spec_rule
def capabilities_without_an_app(d: SpecDraft) -> None:
    """Flow helpers and capabilities named without an app (wait, filter, code, merge ...)."""
    present = {s.node_type for _, s in d.steps} | {d.trigger.node_type} | set(d.tools)
    present |= {t[: -len("Tool")] for t in d.tools if t.endswith("Tool")}
    for pos, node_type in capability_steps(d.text, d.trigger.node_type, present):
        purpose = d.text[slice(*_whole_addresses(d.text, pos, pos + 80))]
        res, op = (None, None)
        if node_type == DEFAULT_EMAIL:  # "emails each submission to ...": the mail is sent
            res, op = choose_operation(node_type, "send a message")
        elif node_type in FILE_NODES:
            op, pos = _file_operation(node_type, d.text, pos)
        d.steps.append((pos, StepSpec(node_type, purpose=purpose, resource=res, operation=op)))


@spec_rule
def delivered_to_the_asker(d: SpecDraft) -> None:
    """ "Send me the overdue Asana tasks every Monday", "notify us when a Stripe payment fails",
    "let me know each morning how many HubSpot contacts came in": the asker wants something
    delivered and names no app to carry it - an e-mail after the steps, from the mail app the
    workflow reads if any, else Gmail (``DEFAULT_EMAIL``). Why: nothing delivered it before;
    the workflow read the records (or only started on the event) and stopped, and "send me a
    summary of ..." had no step to put the summary before.

    Only when no step or tool of the workflow delivers, the trigger is no message that can be
    answered where it came (a Telegram bot replies in its chat, a chat trigger in the chat:
    ``message_trigger_for``), the asker is not the one sent to by someone else ("customers
    send us their receipts"), and the delivery names no channel of its own ("send me a text")
    nor an app after it that is written to (``WRITTEN_INTO_PLACE``). A write said before
    it ("add the lead to HubSpot and notify me") leaves it a delivery."""
    asked = _asked_delivery(d.text, d.apps)
    if asked is None or any(_delivers(s) or _messaging_app(s.node_type) for _, s in d.steps):
        return  # a messaging app of the workflow carries it, whatever its step was read as
    if any(m.pos > asked and _written_into(d.text, m) for m in d.apps):
        return  # "I want a summary of the tickets in a Notion page": written there, not mailed
    trigger = d.trigger.node_type or ""
    if d.trigger.kind == "chat" or any(_can_deliver(t.removesuffix("Tool")) for t in d.tools):
        return
    app = trigger.removesuffix("Trigger")
    if message_trigger_for(app) == trigger and _can_deliver(app):
        return  # a message that came in on its app is answered there
    if trigger == BASE + "webhook" and RESPOND_TO_CALLER.search(d.text):
        return
    # the asker's own mail app when the workflow reads it ("a summary of my Outlook emails")
    mail = next((s.node_type for _, s in d.steps if s.node_type in EMAIL_APPS), DEFAULT_EMAIL)
    res, op = choose_operation(mail, "send a message")
    purpose = d.text[slice(*_whole_addresses(d.text, asked, asked + 80))]
    d.steps.append((len(d.text), StepSpec(mail, purpose=purpose, resource=res, operation=op)))


def _channel_named(between: str, mention: _Mention) -> bool:
    """The app right after a delivery to the asker is how it goes (``ASKER_CHANNEL_BEFORE_APP``:
    "alert me through PagerDuty", "remind me via Todoist"), not where the records sent are
    read ("send me the overdue tasks in Asana": tasks are Asana's, ``record_words``)."""
    if len(between) > 40 or not ASKER_CHANNEL_BEFORE_APP.match(between):
        return False
    said = between.split()
    before = said[-2] if len(said) >= 2 and said[-1].lower() in ("in", "on") else ""
    return not _one_of_its_records(before, mention)


def _written_into(text: str, mention: _Mention) -> bool:
    """The app is named as the place something is written (``WRITTEN_INTO_PLACE``, or a bare
    "in" after a word that is none of its records, ``IN_APP_AT_END``)."""
    if WRITTEN_INTO_PLACE.search(text, 0, mention.pos):
        return True
    bare = IN_APP_AT_END.search(text, 0, mention.pos)
    return bool(bare) and not _one_of_its_records(bare.group(1), mention)


def _one_of_its_records(word: str, mention: _Mention) -> bool:
    """``word`` names a record of the mentioned app ("tasks" of Asana, ``record_words``): the
    app right after "<word> in" is where those records are read, not a place or a channel."""
    return stem(word.lower()) in record_words(mention.entity.node_type or "")


def _asked_delivery(text: str, apps: list[_Mention]) -> int | None:
    """Where the request asks for a delivery to the asker (``TO_THE_ASKER``) that the workflow
    makes: not one someone else makes (``SENDER_BEFORE_ASKER``); None when there is none, or
    when it names its channel: one that is no e-mail (``ASKER_CHANNEL_NAMED``), or one of the
    ``apps`` mentioned right after it (``ASKER_CHANNEL_BEFORE_APP``)."""
    for asked in TO_THE_ASKER.finditer(text):
        if "US" in asked.group(0).split():
            continue  # "update US contacts": the country, not the asker
        if ASKER_CHANNEL_NAMED.match(text, asked.end()):
            return None
        if any(_channel_named(text[asked.end() : m.pos], m) for m in apps if m.pos >= asked.end()):
            return None  # "alert me through PagerDuty": that app carries it
        if not SENDER_BEFORE_ASKER.search(text, 0, asked.start()):
            return asked.start()
    return None


def _messaging_app(node_type: str) -> bool:
    """A chat app, or one whose trigger starts on a message (``message_trigger_for``): named
    in the workflow, it is where a delivery to the asker goes. Not a mail app: one the
    workflow reads ("a recap of my Gmail emails") is what the recap is made of, and it is the
    one that mails it (``delivered_to_the_asker``)."""
    if node_type in EMAIL_APPS:
        return False
    return node_type in CHANNEL_APPS or message_trigger_for(node_type) is not None


def _can_deliver(node_type: str) -> bool:
    """The node has an operation that hands text to people (``_delivers``)."""
    return any(
        _delivers(StepSpec(node_type, resource=c.resource, operation=c.operation))
        for c in candidates(node_type)
        if c.operation
    )


@spec_rule
def records_sent_on_are_read(d: SpecDraft) -> None:
    """On a schedule or a button, an app's records that another step hands to people are
    read in that app: "each month email the finance team the QuickBooks invoices that are
    overdue", "weekly, the Trello cards still in the Doing list go to #standup in Slack".
    Why: the words around the app name no order of its own, so the nearest verb decided -
    the delivery's ("email" made QuickBooks send its invoices) or none at all (Trello made a
    card) - and a polled workflow wrote into the very app it reports on.

    Only where the app is named right before one of its own records (``record_words``, from
    the catalog: "QuickBooks invoices", "Trello cards") and not after "to/into" (where records
    are written), no order that writes (``ORDER_VERBS`` but the delivering ones) nor the step's
    own operation stands in its clause ("send the Mailchimp campaign" is Mailchimp's order),
    and another step delivers."""
    if d.trigger.kind not in ("schedule", "manual"):
        return
    delivering = [s for _, s in d.steps if _delivers(s)]
    for i, (pos, step) in enumerate(d.steps):
        mention = next((m for m in d.apps if m.pos == pos), None)
        if mention is None or mention.entity.node_type != step.node_type:
            continue
        if _op_verb(step) in SOURCE_READING_OPERATIONS or not step.operation:
            continue
        if not any(s is not step for s in delivering):
            continue
        read = _read_of_records_named(d, mention, step.operation)
        if read is not None:
            res, op = read
            d.steps[i] = (pos, replace(step, resource=res, operation=op))


def _read_of_records_named(
    d: SpecDraft, m: _Mention, step_operation: str
) -> tuple[str, str] | None:
    """The read (resource, operation) of the app's records named right after ``m`` in a
    clause that orders nothing of the app: no writing order, and not the step's own
    ``step_operation`` either; None otherwise (see ``records_sent_on_are_read``)."""
    node_type = m.entity.node_type or ""
    lead = d.low[max(0, m.pos - 60) : m.pos]
    if WRITTEN_TO_BEFORE_APP.search(lead) or BECOMES_BEFORE_APP.search(lead):
        return None  # "send the HubSpot contacts to our Mailchimp list": Mailchimp is written
    following = _stems_said(" ".join(re.findall(r"[a-z]+", d.low[m.end : m.end + 40])[:2]))
    if not following & record_words(node_type) or following & _SENT_THING_STEMS:
        return None  # "a Telegram message", "a Slack post": the app is how it is sent
    before, after = _clause_of(d, d.apps.index(m))
    words = re.findall(r"[a-z]+", (before + " " + after).lower())
    # a verb said again is the verb's order too: "rerun the failed Jenkins jobs"
    again = {stem(w[2:]) for w in words if w[:2] == "re" and len(w) > 4}
    said = _stems_said(before + " " + after) | again
    if said & _writing_order_stems() or stem(operation_verb(step_operation)) in said:
        return None  # "publish the WordPress posts", "send the Mailchimp campaign": its order
    res, op = choose_operation(node_type, before.lower() + " get all", after, reads_only=True)
    return (res, op) if op else None


#: The trigger nodes of the chat apps (a message in the app starts the workflow).
CHANNEL_TRIGGERS = frozenset(t + "Trigger" for t in CHANNEL_APPS)


@spec_rule
def chat_receiving_records_sends(d: SpecDraft) -> None:
    """A chat app that another app's records go to sends them:
    "my Google Tasks for the day should land in my Discord DMs", "give the team on
    Mattermost the ClickUp tasks due this week", "... -> Microsoft Teams channel". Why: with no
    sending verb next to it the chat app's clause chose a read (Discord read messages,
    Mattermost listed a channel's members) and nothing was sent.

    Only for a chat app (``CHANNEL_APPS``) named right after "to/in/on/into/->" (where things
    go) and not after its own records ("the new members in Discord" are read there), with no
    reading order in its clause; on a schedule or a button, beside a step of another app."""
    if d.trigger.kind in ("chat", "error") or d.trigger.node_type in CHANNEL_TRIGGERS:
        return  # a chat's own app, or an error workflow's notices: other rules say how
    if d.trigger.kind in ("schedule", "manual") and all(
        s.node_type in CHANNEL_APPS for _, s in d.steps
    ):
        return  # nothing else reads: no records come to it (an app event or a call brings them)
    for i, (pos, step) in enumerate(d.steps):
        verb = _op_verb(step)
        if step.node_type not in CHANNEL_APPS or verb in _DELIVER_OPS or verb in WRITING_OPERATIONS:
            continue
        mention = next((m for m in d.apps if m.pos == pos), None)
        if mention is None or not _named_as_destination(d, mention):
            continue
        # the words around the app say where in it ("the customer success channel in Teams")
        near = (
            d.low[max(0, mention.pos - 40) : mention.pos]
            + " "
            + d.low[mention.end : mention.end + 30]
        )
        res, op = choose_operation(step.node_type, "send a message", near)
        sent = StepSpec(step.node_type, step.purpose, resource=res, operation=op)
        if op and _delivers(sent):
            d.steps[i] = (pos, replace(step, resource=res, operation=op))


def _named_as_destination(d: SpecDraft, m: _Mention) -> bool:
    """The app is named as where things go ("in my Discord", "to #x on Slack", "-> Teams"),
    not after its own records, and its clause says no reading order ("read", "list" ...)."""
    lead = d.low[max(0, m.pos - 60) : m.pos]
    before, after = _clause_of(d, d.apps.index(m))
    said_before = _stems_said(before)
    lead_in = WRITTEN_TO_BEFORE_APP.search(lead) or ARROW_BEFORE_APP.search(lead)
    if lead_in is None and said_before & {stem(v) for v in DELIVERY_ORDER_VERBS}:
        lead_in = IN_OR_ON_BEFORE_APP.search(lead)  # "give the team on Mattermost"
    if lead_in is None:
        return False
    node_type = m.entity.node_type or ""
    words_before = re.findall(r"[a-z]+", lead[: len(lead) - len(lead_in.group(0))])
    if {stem(w) for w in words_before[-2:]} & record_words(node_type):
        return False
    return not (said_before | _stems_said(after)) & _reading_order_stems()


def _clause_of(d: SpecDraft, index: int) -> tuple[str, str]:
    """The words before and after ``d.apps[index]`` in its clause (``_clause_around``, up to
    the apps named beside it)."""
    m = d.apps[index]
    prev_end = d.apps[index - 1].end if index else 0
    next_pos = d.apps[index + 1].pos if index + 1 < len(d.apps) else len(d.text)
    return d.opt._clause_around(m, prev_end, next_pos)


def _stems_said(text: str) -> set[str]:
    """The stems of the words of ``text`` (lower-cased), as ``record_words`` has them."""
    return {stem(w) for w in re.findall(r"[a-z]+", text.lower())}


#: What an order verb does when all it does is read (``ORDER_VERBS``' operations).
_READ_OPERATIONS = SOURCE_READING_OPERATIONS | {"getall"}


@lru_cache(maxsize=1)
def _reading_order_stems() -> frozenset[str]:
    """Stems of the order verbs that only read (``ORDER_VERBS``: get, list, check ...)."""
    return frozenset(
        stem(verb)
        for verb, operations in ORDER_VERBS.items()
        if set(operations) <= _READ_OPERATIONS
    )


#: What a chat or mail app sends, as named after it ("a Telegram message", "a Slack alert").
_SENT_THING_STEMS = frozenset(stem(w) for w in (*SENT_THINGS, "alert", "notification", "email"))


@lru_cache(maxsize=1)
def _writing_order_stems() -> frozenset[str]:
    """Stems of the order verbs that write (``ORDER_VERBS`` whose operations are not all
    reads), but not the delivering ones (``DELIVERY_ORDER_VERBS``) nor "new", which says
    the records are new, not made."""
    return frozenset(
        stem(verb)
        for verb, operations in ORDER_VERBS.items()
        if verb not in DELIVERY_ORDER_VERBS
        and verb != "new"
        and not set(operations) <= _READ_OPERATIONS
    )


#: The file nodes whose operation is the kind of file read or written (``FILE_KIND_OPERATIONS``).
EXTRACT_FROM_FILE, CONVERT_TO_FILE = BASE + "extractFromFile", BASE + "convertToFile"
FILE_NODES = (EXTRACT_FROM_FILE, CONVERT_TO_FILE)


def _file_operation(node_type: str, text: str, pos: int) -> tuple[str | None, int]:
    """The file kind the step's sentence names, and where the step goes: Extract From File
    reads the first kind named around it ("upload a PDF; extract its text" -> pdf); Convert to
    File writes the kind after its "to"/"into"/"as" ("turn each row into its own JSON file" ->
    toJson) and comes after what it converts ("export the HubSpot deals as a CSV file": after
    the HubSpot step), so its place is that "to"/"as". None: n8n's default operation."""
    start = max(0, text.rfind(".", 0, pos) + 1, pos - 60)
    words = text[start : pos + 100]
    if node_type == CONVERT_TO_FILE:
        target = FILE_TARGET_WORD.search(text, pos, pos + 100)
        if target:
            words, pos = text[target.end() : pos + 100], target.start()
    kinds = [m.group(1).lower() for m in FILE_KIND_WORD.finditer(words)]
    kinds = [k for k in kinds if k != "text"] or kinds  # "the text out of the PDF": a PDF
    if not kinds:
        return None, pos
    read, write = FILE_KIND_OPERATIONS[kinds[0]]
    return (read if node_type == EXTRACT_FROM_FILE else write), pos


def capability_steps(text: str, trigger_type: str, present: set[str]) -> list[tuple[int, str]]:
    """Nodes a request needs by what it says, not by an app name: respond to the webhook
    caller, wait, work in batches, call another workflow, send an email (Gmail by default)."""
    out: list[tuple[int, str]] = []
    if trigger_type == BASE + "webhook" and RESPOND_TO_CALLER.search(text):
        out.append((len(text) + 1, BASE + "respondToWebhook"))
    wait = WAIT_STEP.search(text)
    if wait:
        out.append((wait.start(), BASE + "wait"))
    batches = IN_BATCHES.search(text)
    if batches:
        out.append((batches.start(), BASE + "splitInBatches"))
    scrape = FETCH_WEB_PAGE.search(text)
    if scrape and not any(t.startswith(BASE + "httpRequest") for t in present):
        out.append((scrape.start(), BASE + "httpRequest"))
    merge = MERGE_RESULTS.search(text)
    if merge:
        out.append((merge.start(), BASE + "merge"))
    for rx, node_type in CORE_CAPABILITIES:
        hit = rx.search(text)
        asked = hit and node_type == EXTRACT_FROM_FILE and FILE_TEXT_ASKED.search(text, *hit.span())
        if hit:
            out.append(((asked or hit).start(), node_type))
    call = SUBWORKFLOW_CALL.search(text)
    if call and trigger_type != BASE + "executeWorkflowTrigger":
        out.append((call.start(), BASE + "executeWorkflow"))
    mail = EMAIL_SEND_ASK.search(text)
    if (
        mail
        and not (present & EMAIL_APPS)
        and trigger_type
        not in (
            BASE + "gmailTrigger",
            BASE + "emailReadImap",
            BASE + "microsoftOutlookTrigger",
        )
    ):
        out.append((mail.start(), DEFAULT_EMAIL))
    return [(p, t) for p, t in out if t not in present]


# ------------------------------------------------------------------ finish rules (registered)

#: The rules that order and branch the steps once every spec rule has run, in the order they
#: run (``finish_rule`` appends; ``SpecDraft.finish`` runs them, then builds the ``Spec``).
#: Each rule's example requests are in ``tests/test_rule_examples.py``.
FINISH_RULES: Rules[SpecDraft] = Rules("finish rule")
finish_rule = FINISH_RULES.register


@finish_rule
def steps_in_mention_order(d: SpecDraft) -> None:
    """The steps in the order the request names them: each step carries where it is named,
    and rules that add a step late (capabilities, the AI step) put it in its place."""
    d.steps = sorted(d.steps, key=lambda p: p[0])


@finish_rule
def inputs_first(d: SpecDraft) -> None:
    """A step that reads data goes before the step that consumes it when the request names
    them the other way round ("email me a list of the GitHub issues ...", ``_inputs_first``)."""
    d.steps = _inputs_first(d.text, d.steps, ai_reads_chat=d.chat)


@finish_rule
def switch_routing(d: SpecDraft) -> None:
    """ "route it by department (sales, support, billing)": a Switch where the routing is
    said, and the steps named after it each on an output of their own, labelled in order."""
    text, steps = d.text, d.steps
    sw = SWITCH_ROUTING.search(text)
    if not (sw and len(steps) >= 2):
        return
    labels = _labels(text[sw.end() : sw.end() + 120]) or ["A", "B"]
    after = [(p, s) for p, s in steps if p > sw.start()]
    before = [(p, s) for p, s in steps if p <= sw.start()]
    if len(after) < 2:
        return
    out = list(before)
    out.append(
        (
            sw.start(),
            StepSpec(BASE + "switch", purpose=sw.group(0), parameters={"labels": labels[:6]}),
        )
    )
    for i, (p, s) in enumerate(after):
        out.append((p, _with_branch(s, labels[min(i, len(labels) - 1)])))
    d.branching, d.condition, d.steps = "switch", sw.group(0), out


@finish_rule
def if_condition(d: SpecDraft) -> None:
    """ "if the amount is over 500 ... otherwise ...": an IF where the condition is said, the
    steps after it on its true or false output (``_if_branches``); not after a Switch."""
    if d.branching == "none":
        d.branching, d.condition, d.steps = _if_branches(d.text, d.steps, _start_event_at(d))


def _start_event_at(d: SpecDraft) -> list[int]:
    """Where the request says other runs failing, for an Error Trigger: "If a run crashes, text
    me" opens with "if", but the clause is the start, not a condition to test. Only for error
    workflows: an app event opened by "if" often carries its condition in the same clause ("If
    a new Shopify order arrives with a total over 500, ..."; HR13 found 4 of 4 such IFs lost
    when every trigger's clause was skipped)."""
    if d.trigger.kind != "error":  # "Error alerts: if a workflow stops with error, email me"
        return []
    return [m.start() for m in OTHER_RUNS_FAIL.finditer(d.text)]


@finish_rule
def classifier_branches(d: SpecDraft) -> None:
    """The steps after a Text Classifier go one per category output (``_classifier_branches``)."""
    d.steps = _classifier_branches(d.steps)


def _if_branches(
    text: str, steps: list[tuple[int, StepSpec]], starts: Sequence[int] = ()
) -> tuple[str, str, list[tuple[int, StepSpec]]]:
    """(branching, condition, steps) for the first "if", "only if", "unless" or "in case" of
    the request that does not open the start event (at ``starts``); ("none", "", steps)
    unchanged when there is none."""
    hit = None
    for m in IF_CONDITION.finditer(text):
        if m.group(0).lower() not in ("if", "only if", "unless", "in case"):
            continue
        end = SPEC_CLAUSE_SPLIT.search(text, m.end())
        opens_start = any(m.start() <= p < (end.start() if end else len(text)) for p in starts)
        if opens_start and not ELSE_BRANCH.search(text, m.end()):
            continue  # "If a run crashes, text me": the clause is the start event
        hit = m
        break
    if hit is None:
        return "none", "", steps
    after = [(p, s) for p, s in steps if p > hit.start()]
    if not after:
        return _guard_before(text, hit, steps)
    end = SPEC_CLAUSE_SPLIT.search(text, hit.end())
    condition = text[hit.start() : end.start() if end else len(text)][:160]
    before = [(p, s) for p, s in steps if p <= hit.start()]
    else_m = ELSE_BRANCH.search(text, hit.end())
    out = list(before)
    out.append(
        (
            hit.start(),
            StepSpec(BASE + "if", purpose=condition, parameters={"condition": condition}),
        )
    )
    for p, s in after:
        if s.node_type == BASE + "respondToWebhook":
            out.append((p, s))
            continue
        label = "false" if else_m and p > else_m.start() else "true"
        if hit.group(0).lower() == "unless":
            label = "false" if label == "true" else "true"
        out.append((p, _with_branch(s, label)))
    return "if", condition, out


def _guard_before(
    text: str, hit: re.Match[str], steps: list[tuple[int, StepSpec]]
) -> tuple[str, str, list[tuple[int, StepSpec]]]:
    """ "telegram me if it's down": a condition after every step guards the action before it
    (a polled source's read: what it read is filtered)."""
    before_all = [(p, s) for p, s in steps if p <= hit.start()]
    if not before_all or before_all[-1][1].node_type == BASE + "respondToWebhook":
        return "none", "", steps
    end = SPEC_CLAUSE_SPLIT.search(text, hit.end())
    condition = text[hit.start() : end.start() if end else len(text)][:160]
    last_pos, last = before_all[-1]
    if last_pos < 0:  # a polled source: the condition filters what it read
        guard = StepSpec(BASE + "if", purpose=condition, parameters={"condition": condition})
        return "if", condition, [*before_all, (0.0, guard)]
    out = before_all[:-1]
    out.append(
        (
            last_pos - 0.5,
            StepSpec(BASE + "if", purpose=condition, parameters={"condition": condition}),
        )
    )
    out.append((last_pos, _with_branch(last, "true")))
    return "if", condition, out


#: Steps that consume data (an AI step, or an operation that sends or writes it).
_CONSUMER_ROOTS = frozenset(
    LC + t
    for t in (
        "agent", "chainLlm", "chainSummarization", "informationExtractor", "textClassifier",
        "sentimentAnalysis",
    )
)  # fmt: skip
#: Operations that deliver data to people ("email me a list of ...", "post to Slack a
#: summary of ..."). Writes into stores are not counted: "save it to Drive as a Doc" names
#: two destinations, not a source.
_DELIVER_OPS = frozenset("send post reply sendmessage".split())
#: Where the words of a clause begin (what precedes "new" is read back to there).
_CLAUSE_START = CLAUSE_START_MARK
#: Where a sentence (or a heading's colon) ends: the mark, then a space or the end; a new line.
_SENTENCE_END = re.compile(r"[.!?;:](?=\s|$)|\n")
#: Words between a record and the app that holds it ("merge request *on* GitLab", "report *in
#: our* Jira project").
_PLACE_WORDS = EVENT_PLACE_PREPOSITIONS | DETERMINER_WORDS
#: How far into the next sentence (and into a loop's words) a clause is read: a few words.
_NEXT_CLAUSE_CHARS = 160


def _made_new(low: str, hit: re.Match[str]) -> bool:
    """``hit`` is a "new" the workflow makes, not an event's: one thing ("a new",
    ``ONE_MADE_BEFORE``) after a verb that makes something (``MAKES_NEW_VERBS``) in its clause,
    since the clause's start or a loop's words ("add a new row to Google Sheets for each new Stripe
    charge": the row is made, the charge is the event; "copy each new Trello card" takes
    records). Why: the made "new" opened the event, and the destination's trigger
    (Google Sheets, Slack) started the workflow."""
    if hit.group(0).strip().lower() != "new" or not ONE_MADE_BEFORE.search(low, 0, hit.start()):
        return False  # "copy each new Trello card": records taken, each one an event
    begin = max((m.end() for m in _CLAUSE_START.finditer(low, 0, hit.start())), default=0)
    loops = [m.end() for m in FOR_EACH_LOOP.finditer(low, begin, hit.start())]
    begin = max([begin, *loops])
    return bool(MAKES_NEW_VERBS & set(re.findall(r"[a-z]+", low[begin : hit.start()])))


def _new_records_watched(low: str, limit: int) -> re.Match[str] | None:
    """ "New YouTube video on our channel? ...", "tag new Intercom users who signed up ...":
    "new" records of an app the workflow waits for - an event said without "when". Not a
    "new" the workflow makes ("post a new message", "create a new row": a verb that makes
    something, ``MAKES_NEW_VERBS``, earlier in the clause)."""
    for hit in NEW_WORD.finditer(low, 0, limit):
        begin = max((m.end() for m in _CLAUSE_START.finditer(low, 0, hit.start())), default=0)
        if not MAKES_NEW_VERBS & set(re.findall(r"[a-z]+", low[begin : hit.start()])):
            return hit
    return None


def _delivers(step: StepSpec) -> bool:
    """The step hands text to people: a send/post/reply operation, or one that creates a
    message (Microsoft Teams' chatMessage/create is how it sends)."""
    verb = _op_verb(step)
    return verb in _DELIVER_OPS or (
        verb in SENDS_A_SENT_THING and (step.resource or "").lower() in POSTING_RESOURCES
    )


def _op_verb(step: StepSpec) -> str:
    """The step's operation verb ("getAll" -> "get"); a step added without an operation
    ("email me ...") does what its node does by default (Gmail: send)."""
    op = step.operation
    if op is None:
        op = next((c.operation for c in candidates(step.node_type) if c.is_default), None)
    return operation_verb(op)


def _inputs_first(
    text: str, steps: list[tuple[int, StepSpec]], *, ai_reads_chat: bool = False
) -> list[tuple[int, StepSpec]]:
    """Put a step that reads data before the step that consumes it when the request names
    them in one clause the other way round: "email me a list of the GitHub issues closed this
    week" reads GitHub, then emails; "summarize my unread Gmail with GPT" reads Gmail, then
    summarizes. Mention order is kept everywhere else (it is the order users describe steps
    in); the positions stay attached to the places in the text, so branching is unaffected.
    With a chat trigger (``ai_reads_chat``) the AI step reads the chat message, and what it
    reads next is its own doing ("a bot that can list my calendar events")."""
    out = list(steps)
    for _pass in range(len(out)):  # a read moves one place per pass
        moved = False
        for i in range(len(out) - 1):
            (pos_a, a), (pos_b, b) = out[i], out[i + 1]
            between, verb_a = text[pos_a:pos_b], _op_verb(a)
            # "create an invoice in QuickBooks for each client in the sheet": the sheet is read
            consumes = (
                (a.node_type in _CONSUMER_ROOTS and not ai_reads_chat)
                or _delivers(a)
                or (verb_a in SOURCE_WRITING_OPERATIONS and FOR_EACH_READ_SOURCE.search(between))
            )
            reads = b.node_type not in _CONSUMER_ROOTS and _op_verb(b) in SOURCE_READING_OPERATIONS
            if consumes and reads and not STEP_BOUNDARY.search(between):
                out[i], out[i + 1] = (pos_a, b), (pos_b, a)
                moved = True
        if not moved:
            break
    return out


def _data_flow(trigger: TriggerSpec, steps: list[StepSpec]) -> str:
    """One line saying what passes between the steps, for the spec and the LLM prompt."""
    parts = [f"{_short(trigger.node_type)} output"]
    for st in steps:
        what = "/".join(x for x in (st.resource, st.operation) if x)
        label = _short(st.node_type) + (f" ({what})" if what else "")
        if st.branch:
            label += f" [branch {st.branch}]"
        parts.append(label)
    return " -> ".join(parts) + "; each step reads the previous step's items as $json"


def _short(node_type: str) -> str:
    return node_type.rsplit(".", 1)[-1]


def _classifier_branches(steps: list[tuple[int, StepSpec]]) -> list[tuple[int, StepSpec]]:
    """Steps after a Text Classifier go one per category output, in order ("classify into
    sales, support or spam, then create a deal / open a ticket / delete it")."""
    idx = next((i for i, (_p, s) in enumerate(steps) if s.node_type == LC + "textClassifier"), None)
    if idx is None:
        return steps
    labels = [str(x) for x in steps[idx][1].parameters.get("labels") or []]
    after = steps[idx + 1 :]
    if not labels or any(s.branch for _p, s in after) or len(after) < 2:
        return steps
    out = steps[: idx + 1]
    for i, (p, s) in enumerate(after):
        out.append((p, _with_branch(s, labels[i]) if i < len(labels) else s))
    return out


def _with_branch(step: StepSpec, label: str) -> StepSpec:
    return StepSpec(
        node_type=step.node_type,
        purpose=step.purpose,
        resource=step.resource,
        operation=step.operation,
        parameters=step.parameters,
        branch=label,
    )


def _labels(text: str) -> list[str]:
    m = re.search(r"\(([^)]{3,80})\)", text)
    chunk = m.group(1) if m else text
    stop = LABELS_END.search(chunk)
    if stop and not m:
        chunk = chunk[: stop.start()]
    parts = LABEL_SEPARATOR.split(chunk)
    out = []
    for p in parts:
        w = re.sub(r"[^A-Za-z0-9 _-]", "", p).strip()
        if w and len(w) <= 24 and len(w.split()) <= 2:
            out.append(w)
    return out if len(out) >= 2 else []


@lru_cache(maxsize=1)
def _triggers_by_name() -> dict[str, str]:
    """Visible trigger nodes by lower-case display name ("local file trigger")."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    out: dict[str, str] = {}
    for t in cat.types(include_variants=False):
        nv = cat.get(t)
        if nv is not None and nv.is_trigger and not nv.hidden:
            name = nv.display_name.lower()
            out.setdefault(name if name.endswith("trigger") else name + " trigger", t)
    return out


def _is_hidden(node_type: str) -> bool:
    from indexing.catalog.load import load_catalog

    nv = load_catalog().get(node_type)
    return nv is None or bool(nv.hidden)


def _tool_variant(node_type: str) -> str | None:
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    if _is_hidden(node_type):
        return None
    if node_type.endswith("Tool") or node_type.startswith(LC + "tool"):
        return node_type
    if node_type.startswith(LC) and cat.is_tool_capable(node_type):
        return node_type
    cand = node_type + "Tool"
    return cand if cat.has_type(cand) else None


def _is_trigger_node(node_type: str | None) -> bool:
    """``node_type`` is a trigger node of the catalog (a trigger-only app's own node)."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    return bool(node_type) and cat.has_type(node_type or "") and cat.is_trigger(node_type or "")


def _explicit_event(entity: Entity) -> bool:
    """An app event the request states ("when that meeting is over (Webex says it ended)"),
    not a weak reading nor a bot's message."""
    value = entity.value or {}
    return (
        value.get("kind") == "app"
        and bool(value.get("event"))
        and not value.get("weak")
        and value.get("event") != "message received"
    )


def _base_of_trigger(node_type: str) -> str | None:
    if node_type.endswith("Trigger") and node_type.startswith(BASE):
        base = node_type[: -len("Trigger")]
        return base
    if node_type == BASE + "emailReadImap":
        return None
    return None


def _prompt(text: str) -> str:
    clean = re.sub(r"\s+", " ", text).strip()
    return f"You help with this task: {clean[:300]}"
