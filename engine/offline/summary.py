""" "Send a summary" sends a summary: an AI step or a composed message, never the raw record.

Without this rule a request such as "when a deal closes in HubSpot, send a summary to #sales
on Slack" posts ``JSON.stringify($json)`` - the raw record, not a summary. The rule applies
when the request asks for a summary (digest, recap, roll-up, briefing, tl;dr, "how many ...",
"a note with the totals", "boil it down" ...) and a step receives it; not when the request asks
for the data as it is ("the raw JSON", "forward it as is") or says how it is built by hand.

* Where: right before the step that receives the summary - a step that sends or posts, else
  the step of the app the summary is sent to ("... to the team channel in Microsoft Teams"),
  which then sends a message rather than reading a channel; else a step that writes text (a
  Notion page, a LinkedIn post) whose clause names the summary.
* An AI the request names ("use Claude to write a digest of ...") writes it: the spec's AI
  step is placed after what it reads and right before the receiving step.
* Prose (e-mails, articles, feeds, tickets, notes ...): an LLM chain with the default chat
  model, prompted to summarise for that destination; the receiving step reads its text
  (``$json.text``). Many items (a list read before: an RSS feed, a GET call) are first
  gathered into one by an Aggregate node, so one summary of all of them is sent - unless the
  request asks for one per item ("summarise each new post").
* Records (deals, orders, charges, events ...), counts and totals, or a summary whose content
  the request names ("with times and titles"): a Code step composes one message from the
  items' fields - a count, then a line per item - and the receiving step reads
  ``$json.summary``.

An error workflow's notice is composed the same way, from the fields n8n's Error Trigger
outputs (which workflow, which node, what error, the execution's link).
"""

from __future__ import annotations

import dataclasses
import re

from engine.lexicon import (
    ANSWER_BACK,
    AS_IS,
    ATTACHMENT_WORD,
    BOT_ANSWERS,
    BY_EMAIL,
    CHANNEL,
    CHANNEL_APPS,
    COMPOSED_BY_HAND,
    COUNT_ASK,
    DEFAULT_EMAIL,
    DELIVERY_CUE,
    DELIVERY_OPERATIONS,
    DELIVERY_PHRASE,
    EMAIL_APPS,
    FILE_WORD,
    FOLDER_EVENT,
    HELPS_PEOPLE,
    MAIL_AS_NOUN,
    MAIL_BEFORE_EVENT,
    MAIL_COMES_IN,
    MAIL_LEAD_IN,
    MAIL_NOT_SENT_AFTER,
    MAIL_SOMEONE,
    MAIL_TO_RECIPIENT,
    MAIL_VERB_FIRST,
    MAILED,
    MAILS_IT,
    MANY_OPERATIONS,
    MEDIA_FILE,
    NAMES_ITS_CONTENT,
    NOT_WANTED_BEFORE,
    PDF_WORD,
    PER_ITEM,
    PROSE_WORD,
    READ_ALL_OPERATIONS,
    READING_OPERATIONS,
    SENDS_A_SENT_THING,
    SENT_NOUN_AFTER_APP,
    SENT_THINGS,
    SENT_TO_APP_VIA,
    SUMMARIES_PER_ITEM,
    SUMMARY_AFTER_APP,
    SUMMARY_WHAT_END,
    SUMMARY_WORD,
    TABLE_FILE_WORD,
    TEXT_FILE_WORD,
    TO_CHANNEL,
    VENDOR_PREFIX,
    WRITING_OPERATIONS,
)
from engine.offline.downloads import FILE_READERS, with_download_step
from engine.offline.figures import asks_for_figures, figures_step
from engine.offline.flow_steps import WAIT, with_delays, with_retries, with_stop_on_error
from engine.offline.keep_only import with_filter_step
from engine.offline.mail_attachments import ATTACHMENT_PREFIX, EXTRACT_FROM_FILE
from engine.offline.named_nodes import with_named_nodes
from engine.offline.nodes import OUTPUT_FIELD
from engine.offline.operations import candidates, operation_verb
from engine.offline.record_followups import (
    with_answer_to_caller,
    with_note_on_record,
    with_record_later,
    with_write_back,
)
from engine.offline.sharing import with_share_step
from engine.offline.status_check import with_status_check
from engine.types import Spec, StepSpec
from indexing.catalog.load import load_catalog
from nodepilot.workflow import BASE, LC

LLM_CHAIN = LC + "chainLlm"
AGENT = LC + "agent"
CODE = BASE + "code"
AGGREGATE = BASE + "aggregate"
SLACK = BASE + "slack"
ERROR_TRIGGER = BASE + "errorTrigger"
#: What an error workflow tells (our words), from the fields n8n's Error Trigger outputs: the
#: workflow, the node that failed, the error and the execution's link (``trigger`` instead of
#: ``execution`` when the failing workflow's trigger itself failed).
ERROR_MESSAGE = (
    "=Workflow {{ $json.workflow.name }} failed at node "
    "{{ $json.execution?.lastNodeExecuted ?? $json.trigger?.error?.node?.name }}: "
    "{{ $json.execution?.error?.message ?? $json.trigger?.error?.message }}\n"
    "{{ $json.execution?.url ?? '' }}"
)
#: One line per item from the fields most records carry (a title and a time); n8n's Code node
#: runs once for all items, so one message covers them all. Our own JavaScript.
_COMPOSE_JS = """// {comment}
const items = $input.all();
const titleKeys = ['title', 'name', 'summary', 'subject', 'dealname', 'description'];
const line = (j, i) => {{
  const title = titleKeys.map((k) => j[k]).find((v) => typeof v === 'string' && v);
  const when = j.start?.dateTime ?? j.start?.date;
  const facts = Object.entries(j)
    .filter(([k, v]) => !titleKeys.includes(k) && v !== null && v !== '' && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => `${{k}}: ${{v}}`);
  const head = `${{when ? when + ' ' : ''}}${{title ?? `Item ${{i + 1}}`}}`;
  return `- ${{head}}${{facts.length ? ` (${{facts.join(', ')}})` : ''}}`;
}};
const summary = [`${{items.length}} item(s)`, ...items.map((item, i) => line(item.json, i))];
return [{{ json: {{ summary: summary.join('\\n'), count: items.length }} }}];"""
#: Node types that already compose text from data (an AI step, a Code step).
_COMPOSERS = frozenset(
    {
        BASE + "code",
        BASE + "function",
        BASE + "functionItem",
        BASE + "markdown",
        BASE + "html",
    }
)
#: AI steps that write text: the spec's AI step of one of these types writes the summary.
_WRITERS = frozenset({LC + "agent", LC + "chainLlm", LC + "chainSummarization"})
_MANY_TYPES = frozenset({BASE + "rssFeedRead", BASE + "httpRequest"})


def asks_for_summary(request: str) -> bool:
    """The request asks for a summary, a count or totals (``SUMMARY_WORD``, ``COUNT_ASK``), a
    table or figures (``asks_for_figures``), neither the data as it is (``AS_IS``) nor a
    summary built by hand (``COMPOSED_BY_HAND``)."""
    text = request or ""
    if asks_as_is(text) or COMPOSED_BY_HAND.search(text):
        return False
    return bool(SUMMARY_WORD.search(text) or COUNT_ASK.search(text) or asks_for_figures(text))


def asks_as_is(request: str) -> bool:
    """The request wants the data as it is (``AS_IS``: "the raw JSON", "forward it as is"),
    not where it says it does not ("NOT a raw data dump", "no raw JSON please")."""
    return any(
        not NOT_WANTED_BEFORE.search(request[max(0, found.start() - 30) : found.start()])
        for found in AS_IS.finditer(request)
    )


def asks_to_deliver_summary(request: str) -> bool:
    """The request asks for a summary (``asks_for_summary``) and to hand it to someone or put
    it somewhere (``DELIVERY_CUE``: a verb that delivers, or "to/on/in/via" a destination)."""
    return asks_for_summary(request) and bool(DELIVERY_CUE.search(request or ""))


def _default_operation(step: StepSpec) -> str | None:
    if step.operation:
        return step.operation
    return next((c.operation for c in candidates(step.node_type) if c.is_default), None)


def _sends(resource: str | None, operation: str | None) -> bool:
    verb = operation_verb(operation)
    if verb in DELIVERY_OPERATIONS and (operation or "").lower() != "sendandwait":
        return True
    what = f"{resource or ''} {operation or ''}".lower()
    return verb in SENDS_A_SENT_THING and any(thing in what for thing in SENT_THINGS)


def delivers(step: StepSpec) -> bool:
    """The step sends or posts text to someone (a message, an e-mail, a post, a comment)."""
    return _sends(step.resource, _default_operation(step))


def _writes(step: StepSpec) -> bool:
    """The step writes something (creates, appends, updates, uploads, sends)."""
    return operation_verb(_default_operation(step)) in WRITING_OPERATIONS


def delivery_operation(node_type: str, near: str = "") -> tuple[str | None, str] | None:
    """The (resource, operation) of ``node_type`` that sends a message, if it has one: the one
    whose resource the words ``near`` the app say ("channel", "chat"), else the one real
    workflows use most, else n8n's default; None for a node that sends nothing."""
    said = set(re.findall(r"[a-z]+", near.lower()))
    best: tuple[tuple[int, float, bool], tuple[str | None, str]] | None = None
    for c in candidates(node_type):
        if c.operation is None or not _sends(c.resource, c.operation):
            continue
        named = int(bool(c.nouns & said))
        key = (named, c.prior, c.is_default)
        if best is None or key > best[0]:
            best = (key, (c.resource, c.operation))
    return best[1] if best else None


def _app_names(node_type: str) -> list[str]:
    """How a request names the app: its display name, without a vendor's prefix ("Teams")."""
    nv = load_catalog().get(node_type)
    name = (nv.display_name if nv else node_type.split(".")[-1]).strip()
    names = [name]
    short = VENDOR_PREFIX.sub("", name)
    if short != name:
        names.append(short)
    return names


def _receiving_clause(request: str, node_type: str) -> str | None:
    """The words where the request sends its summary to the app: a summary word, then
    "to/on/in/via/as ... <app>" in the same sentence ("a summary of the ticket to the team
    channel in Microsoft Teams", "... and save it as a Google Doc"); or the app, then the
    summary ("send the channel in Teams a rundown", "create a Google Doc with a summary of
    ..."). None when it does not."""
    for name in _app_names(node_type):
        app = re.escape(name.removesuffix("s")) + r"s?(?!\w)"
        pattern = SENT_TO_APP_VIA + app
        for found in re.finditer(pattern, request, re.I):
            sentence = re.split(r"[.;!?](?:\s|$)|\n", request[: found.start()])[-1][-160:]
            if SUMMARY_WORD.search(sentence):
                return found.group(0)
        for found in re.finditer(r"(?<!\w)" + app, request, re.I):
            if SUMMARY_AFTER_APP.match(request, found.end()):
                return found.group(0)
        for found in re.finditer(r"(?<!\w)" + app + SENT_NOUN_AFTER_APP, request, re.I):
            if SUMMARY_WORD.search(request[: found.start()]):
                return found.group(0)  # "... digest of ... -> Teams message to the pharmacist"
    return None


def _as_delivery(spec: Spec, steps: list[StepSpec]) -> tuple[int, StepSpec] | None:
    """When no step sends anything: the step of the app the summary is sent to, switched to the
    operation that sends a message when it only read or created something else (a channel),
    or as it is when it writes (a Notion page, a Google Doc)."""
    polled = spec.trigger.kind in ("schedule", "manual")
    for at in range(len(steps) - 1, -1, -1):
        step = steps[at]
        if step.branch is not None or (at == 0 and polled and not _reads_after(steps, at)):
            continue  # the only first step of a polled workflow reads what is summarised
        clause = _receiving_clause(spec.request, step.node_type)
        if clause is None:
            continue
        sending = delivery_operation(step.node_type, clause)
        if sending is not None:
            resource, operation = sending
            return at, dataclasses.replace(step, resource=resource, operation=operation)
        if _writes(step):
            return at, step
    return None


def _to_channel(spec: Spec, steps: list[StepSpec]) -> tuple[int, StepSpec] | None:
    """Something sent to a "#channel" of no named chat app: a Slack message to that channel,
    appended after the steps (Slack's is the channel naming ``CHANNEL`` reads)."""
    named = [s.node_type for s in steps] + [spec.trigger.node_type.removesuffix("Trigger")]
    named += [t.removesuffix("Tool") for t in (spec.ai.tools if spec.ai else ())]
    if any(t in CHANNEL_APPS for t in named):
        return None  # the channel is that app's (where the trigger listens, what a tool posts)
    for to in TO_CHANNEL.finditer(spec.request):
        channel = CHANNEL.match(spec.request, to.end())
        if channel is None or channel.group(1).isdigit():
            continue
        sending = delivery_operation(SLACK, "channel")
        resource, operation = sending if sending else ("message", "post")
        name = "#" + channel.group(1)
        hints = {"channelId@hint": name, "channel@hint": name}
        purpose = f"Send the message to {name}"
        step = StepSpec(SLACK, purpose, resource=resource, operation=operation, parameters=hints)
        return len(steps), step
    return None


def _to_mailbox(spec: Spec, steps: list[StepSpec]) -> tuple[int, StepSpec] | None:
    """A summary sent by e-mail (``asks_to_mail``: "by email", "email finance a recap") when
    no step sends mail: a Gmail message (the default mail app, ``DEFAULT_EMAIL``) appended
    after the steps."""
    named = {s.node_type for s in steps} | set(spec.ai.tools if spec.ai else ())
    if named & EMAIL_APPS or not asks_to_mail(spec.request):
        return None  # a mail step, or the agent's mail tool, sends it
    sending = delivery_operation(DEFAULT_EMAIL)
    resource, operation = sending if sending else ("message", "send")
    purpose = "E-mail the summary"
    return len(steps), StepSpec(DEFAULT_EMAIL, purpose, resource=resource, operation=operation)


def _reads_after(steps: list[StepSpec], at: int) -> bool:
    """A step after ``steps[at]`` reads from an app (what is summarised comes later)."""
    return any(_reads(s) for s in steps[at + 1 :])


def _reads(step: StepSpec) -> bool:
    """The step reads from an app (a get, list or search; an RSS read; a GET call)."""
    if step.node_type in _MANY_TYPES:
        return not step.parameters.get("@write")
    return operation_verb(_default_operation(step)) in READING_OPERATIONS


def _reads_many(step: StepSpec) -> bool:
    """The step outputs a list: a get-many / search operation, an RSS read, a GET call."""
    if step.node_type in _MANY_TYPES:
        return not step.parameters.get("@write")
    op = (step.operation or "").lower()
    return op in MANY_OPERATIONS or op.startswith("getall")


def _reads_messages(step: StepSpec) -> bool:
    """The step reads messages (a mailbox, a chat): "a summary of my unread Gmail" is prose
    even when the request never says "emails"."""
    op = (step.operation or "").lower()
    return (step.resource or "") in ("message", "thread") and (
        op.startswith("get") or op == "search"
    )


def _is_ai_or_composer(node_type: str) -> bool:
    return node_type in _COMPOSERS or node_type.startswith(LC)


def summary_prompt(destination: str) -> str:
    """The chain's instruction (our words): a summary fit to be read where it is sent."""
    where = f", to be sent with {destination}" if destination else ""
    return (
        f"Write a short summary of the data below{where}. Start with what matters most, "
        "keep names, numbers and dates, use a few short lines or bullets, and never repeat "
        "raw JSON."
    )


def summarises_prose(request: str) -> bool:
    """The data to summarise is prose (``PROSE_WORD``), read apart from the delivery verbs."""
    return bool(PROSE_WORD.search(DELIVERY_PHRASE.sub(" ", request)))


def _compose_step(content: re.Match[str] | None, branch: str | None) -> StepSpec:
    """A Code step that writes one summary of all incoming items: a count, then one line per
    item with its title (and time) and its first plain fields."""
    what = "Summary"
    if content:
        what = SUMMARY_WHAT_END.split(content.group(0))[0]
        what = re.sub(r"[\r\n*/`]+", " ", what).strip()[:100]
    code = _COMPOSE_JS.format(comment=f"{what[:1].upper()}{what[1:]}: one line per item")
    return StepSpec(CODE, "Compose the summary", parameters={"jsCode": code}, branch=branch)


def _gather(request: str, before: list[StepSpec], branch: str | None) -> list[StepSpec]:
    """An Aggregate step when what is read before is a list and one summary of all of it is
    asked for (not "summarise each new post"); else nothing."""
    if not any(_reads_many(s) for s in before):
        return []
    if SUMMARIES_PER_ITEM.search(request) or PER_ITEM.search(request):
        return []
    return _aggregate_step(branch)


def _aggregate_step(branch: str | None) -> list[StepSpec]:
    return [
        StepSpec(
            AGGREGATE,
            purpose="Gather the items into one, so one summary covers them all",
            parameters={"aggregate": "aggregateAllItemData", "destinationFieldName": "items"},
            branch=branch,
        )
    ]


def _receiver(spec: Spec, steps: list[StepSpec]) -> tuple[int, StepSpec] | None:
    """The step the summary goes to and that step as it should be (see ``_as_delivery``): a
    sending step whose clause names the summary (its purpose, or the words sending to its app),
    else the first sending step after the last read. Sent to several places ("post the
    number to Discord and also email it to me"), the summary is written before the first of
    them - each later one sends it too (``_also_sent``) - not before the last, which left the
    first ones the raw records."""
    targets = [i for i, s in enumerate(steps) if delivers(s)]
    if not targets:
        return _as_delivery(spec, steps) or _to_channel(spec, steps) or _to_mailbox(spec, steps)
    named = [i for i in targets if SUMMARY_WORD.search(steps[i].purpose or "")]
    named = named or [i for i in targets if _receiving_clause(spec.request, steps[i].node_type)]
    last_read = max((i for i, s in enumerate(steps) if _reads(s)), default=-1)
    after_reads = [i for i in targets if i > last_read and steps[i].branch is None]
    at = named[0] if named else (after_reads or targets)[0 if after_reads else -1]
    return at, steps[at]


def _writer_steps(spec: Spec, steps: list[StepSpec], at: int, receiver: StepSpec) -> list[StepSpec]:
    """The steps that write the summary, inserted before ``steps[at]``: the spec's own AI step
    (with an Aggregate for many items) when the request names an AI, else an LLM chain for
    prose or a Code step composing one message from records; [] when the spec's AI step is
    already placed or is not one that writes text."""
    branch = receiver.branch
    gather = _gather(spec.request, steps[:at], branch)
    ai = spec.ai
    if ai is not None:
        if ai.root not in _WRITERS or any(s.node_type == ai.root for s in steps):
            return []
        if any(s.branch is not None for s in steps) or not steps[:at]:
            return []  # nothing read before it: the generator's own placement is the same
        return [*gather, StepSpec(ai.root, purpose=ai.prompt, branch=branch)]
    prose = summarises_prose(spec.request) or any(_reads_messages(s) for s in steps[:at])
    writers = summary_writers(spec.request, receiver.node_type, prose, bool(gather))
    return [dataclasses.replace(w, branch=branch) for w in writers]


def summary_writers(request: str, destination: str, prose: bool, many: bool) -> list[StepSpec]:
    """The steps that write the summary ``request`` asks for, to be sent with the
    ``destination`` node type: for ``prose`` an LLM chain (after an Aggregate when ``many``
    items come in), else - records, a count, or content the request names - a Code step
    composing one message from the items' fields; a table or figures per group
    (``engine.offline.figures``) composed by their own Code step."""
    if asks_for_figures(request):
        return [figures_step(request, html=destination in EMAIL_APPS)]
    content = NAMES_ITS_CONTENT.search(request)
    counts = COUNT_ASK.search(request) and not SUMMARY_WORD.search(request)
    if content or not prose or counts:
        return [_compose_step(content, None)]
    nv = load_catalog().get(destination)
    prompt = summary_prompt(nv.display_name if nv else "")
    chain = StepSpec(LLM_CHAIN, purpose="Write the summary", parameters={"@prompt": prompt})
    return [*_aggregate_step(None), chain] if many else [chain]


def _reads_all(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """A polled workflow's summary covers what came in since the last run ("summarise
    yesterday's Airtable feedback rows"): its first step reading one record by id reads them
    all instead (the same resource's get-many or search, from the catalog); an app event's
    workflow reads what the event names and is left alone."""
    if spec.trigger.kind not in ("schedule", "manual") or not steps:
        return steps
    first = steps[0]
    if (first.operation or "").lower() != "get" or first.branch is not None:
        return steps
    ops = {(c.operation or "").lower(): c.operation for c in candidates(first.node_type)
           if c.resource == first.resource}  # fmt: skip
    many = next((ops[v] for v in READ_ALL_OPERATIONS if v in ops), None)
    if many is None:
        return steps
    return [dataclasses.replace(first, operation=many), *steps[1:]]


def _ai_after_reads(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """A polled workflow whose AI step comes before the reads it summarises ("summarise new
    Zendesk tickets every hour and ...": the verb first, the app after it) runs the AI on an
    empty item; it goes after those reads (gathered into one item when they are many)."""
    ai = spec.ai
    if ai is None or ai.root not in _WRITERS or spec.trigger.kind not in ("schedule", "manual"):
        return steps
    if ai.tools:
        return steps  # an agent with tools reads what it needs itself
    at = next((i for i, s in enumerate(steps) if s.node_type == ai.root), None)
    if at is None or steps[at].branch is not None:
        return steps
    end = at + 1
    while end < len(steps) and steps[end].branch is None and _reads(steps[end]):
        if _receiving_clause(spec.request, steps[end].node_type):
            break  # the app the summary is sent to, not read from
        end += 1
    if end == at + 1:
        return steps
    reads = steps[at + 1 : end]
    gather = _gather(spec.request, reads, None)
    return [*steps[:at], *reads, *gather, steps[at], *steps[end:]]


#: Names of the parameters that hold the text a node writes (a page's markdown, a post's text).
_CONTENT_NAME = re.compile(r"^(markdown|text|content|message|body)$", re.I)


def _with_content(receiver: StepSpec, writer_type: str) -> StepSpec:
    """``receiver``, a step that writes (a Notion page), with the summary the step before it
    wrote (``writer_type``'s output) as its content (``content_for``)."""
    field = OUTPUT_FIELD.get(writer_type)
    return receiver if field is None else content_for(receiver, "={{ $json." + field + " }}")


def content_for(step: StepSpec, value: str) -> StepSpec:
    """``step`` with ``value`` as the text it writes or sends: the first text parameter its
    operation shows ("markdown", "text", "message", "content", "body") and the options that
    show it ("contentType": "markdown"), read from the catalog; unchanged when it has none."""
    nv = load_catalog().get(step.node_type)
    if nv is None:
        return step
    which = {"resource": step.resource, "operation": _default_operation(step)}
    for prop in nv.properties:
        show = (prop.raw.get("displayOptions") or {}).get("show") or {}
        if prop.type != "string" or not _CONTENT_NAME.match(prop.name) or "@version" in show:
            continue
        if any(which[k] is not None and which[k] not in v for k, v in show.items() if k in which):
            continue
        choices = {k: v[0] for k, v in show.items() if k not in which and isinstance(v, list) and v}
        content = {**choices, prop.name: value}
        return dataclasses.replace(step, parameters={**step.parameters, **content})
    return step


def _written_before(spec: Spec, steps: list[StepSpec], at: int) -> list[StepSpec]:
    """``steps`` with what writes the summary before ``steps[at]``, the step receiving it: as
    they are when something writes it before already; the spec's AI step moved there when the
    request named it after the destination ("... to Microsoft Teams using Claude"); else the
    steps ``_writer_steps`` gives."""
    writing = [i for i, s in enumerate(steps) if _is_ai_or_composer(s.node_type)]
    ai = spec.ai
    if any(i < at for i in writing):
        return steps
    late = [i for i in writing if ai is not None and steps[i].node_type == ai.root]
    if late and ai is not None and ai.root in _WRITERS:
        if any(s.branch is not None for s in steps):
            return steps
        ai_step, rest = steps[late[0]], steps[: late[0]] + steps[late[0] + 1 :]
        return [*rest[:at], *_gather(spec.request, rest[:at], None), ai_step, *rest[at:]]
    if writing:
        return steps
    return [*steps[:at], *_writer_steps(spec, steps, at, steps[at]), *steps[at:]]


def with_channel_destination(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """A request that sends to a "#channel" of no named chat app ("post it to #orders") keeps
    that destination: a Slack message to the channel after the steps (``_to_channel``). Not
    in a workflow that branches (which branch sends is not said)."""
    if spec.trigger.node_type == ERROR_TRIGGER or any(s.branch is not None for s in steps):
        found = None
    else:
        found = _to_channel(spec, steps)
    return steps if found is None else [*steps, found[1]]


def error_messages(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """An error workflow's notices say what failed ("Workflow X failed at node Y: <error>",
    with the execution's link) from the Error Trigger's fields, not ``JSON.stringify`` of
    the whole error item: each sending step gets that text (its ``@text``); a messaging app's
    step that would read is a notice sent."""
    if spec.trigger.node_type != ERROR_TRIGGER:
        return steps
    out = []
    for step in steps:
        sending = None if delivers(step) else delivery_operation(step.node_type, step.purpose)
        if sending is not None and _reads(step):
            # "sends a Teams message to the on-call channel": a notice, not a channel read
            step = dataclasses.replace(step, resource=sending[0], operation=sending[1])
        if delivers(step) and "@text" not in step.parameters:
            step = dataclasses.replace(step, parameters={**step.parameters, "@text": ERROR_MESSAGE})
            step = content_for(step, ERROR_MESSAGE)
        out.append(step)
    return out


#: Triggers whose workflow handles e-mails as they come in: mail words there are the mail read.
_MAIL_TRIGGERS = frozenset(
    BASE + t for t in ("gmailTrigger", "emailReadImap", "microsoftOutlookTrigger")
)


def asks_to_mail(request: str) -> bool:
    """The request asks for an e-mail to be sent ("email me", "a confirmation email", "by
    email", "email ops the error", "gets emailed to the attendees", "mail the team the link"):
    ``BY_EMAIL``, ``MAIL_SOMEONE`` or ``MAILED``, not an e-mail that comes in ("when a new
    email arrives", "if I get an email from", "when an invoice gets emailed to us"), nor an
    address field, nor "mail" as a noun ("the mail the customer sent")."""
    asks = [*BY_EMAIL.finditer(request), *MAIL_SOMEONE.finditer(request)]
    if MAILS_IT.search(request) or MAIL_TO_RECIPIENT.search(request):
        return True
    for found in [*asks, *MAILED.finditer(request)]:
        before, after = request[: found.start()], request[found.end() :]
        if found.group(0)[:4].lower() == "mail" and MAIL_AS_NOUN.search(before[-20:]):
            continue
        if MAIL_COMES_IN.search(found.group(0)) or MAIL_NOT_SENT_AFTER.match(after):
            continue
        said = MAIL_LEAD_IN.sub("", found.group(0).lower())
        if MAIL_BEFORE_EVENT.search(before[-40:]) and not said.startswith(MAIL_VERB_FIRST):
            continue
        return True
    return False


def with_mail_destination(
    spec: Spec, steps: list[StepSpec], summary_placed: bool = False
) -> list[StepSpec]:
    """A request that asks for an e-mail ("then send them a confirmation email", "email ops
    the error message", "I want an email with the execution link") when no step, tool or
    trigger of the workflow is a mail app keeps that destination: a Gmail message (the default
    mail app, ``DEFAULT_EMAIL``) after the steps, on the branch of the last one. Not for a
    workflow that starts from incoming mail (its mail words are the mail it reads), nor for a
    summary until it is placed (``summary_placed``: ``_receiver`` finds where it goes, the
    mailbox when nothing else receives it; mailed as well, after it, when it went elsewhere)."""
    named = {s.node_type for s in steps} | {spec.trigger.node_type}
    named |= set(spec.ai.tools if spec.ai else ())
    if named & (EMAIL_APPS | _MAIL_TRIGGERS):
        return steps
    if not summary_placed and asks_for_summary(spec.request):
        return steps
    if not asks_to_mail(spec.request):
        return steps
    sending = delivery_operation(DEFAULT_EMAIL)
    resource, operation = sending if sending else ("message", "send")
    branch = steps[-1].branch if steps else None
    mail = StepSpec(DEFAULT_EMAIL, "Send the e-mail", resource, operation, branch=branch)
    return [*steps, mail]


#: The trigger events of a bot: a message to it on its app, or its app calling a webhook.
_BOT_EVENTS = frozenset({"message received", "bot message"})


def _bot_app(spec: Spec, steps: list[StepSpec]) -> str | None:
    """The app a bot lives on: its trigger's app ("a Slack bot"), or - a bot started by the
    webhook its app calls ("a Discord bot") - the chat app among the steps."""
    if spec.trigger.app_event not in _BOT_EVENTS:
        return None
    trigger = spec.trigger.node_type or ""
    if trigger.endswith("Trigger") and trigger != BASE + "webhook":
        return trigger.removesuffix("Trigger")
    return next((s.node_type for s in steps if s.node_type in CHANNEL_APPS), None)


def with_bot_answerer(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """A bot that helps people answers with an AI agent even when the request names no AI:
    a bot on a chat app ("a support bot on our Discord that answers questions about pricing",
    ``HELPS_PEOPLE``) gets one after the steps it reads from (the reply goes after it,
    ``with_reply_last``); a bot on an app's event ("a bot that picks up each new Help Scout
    conversation and answers the shipping ones", ``BOT_ANSWERS``) gets one right before the
    step of that app, where the answer goes. Not for a bot whose answer is fixed or looked up
    only, nor when an AI step is there already, nor in a workflow that branches."""
    if spec.ai is not None or any(s.node_type.startswith(LC) for s in steps):
        return steps
    if any(s.branch is not None for s in steps):
        return steps
    agent = StepSpec(AGENT, purpose="Answer the message")
    if _bot_app(spec, steps) is not None:
        return [*steps, agent] if HELPS_PEOPLE.search(spec.request) else steps
    if spec.trigger.kind != "app" or not BOT_ANSWERS.search(spec.request):
        return steps
    app = (spec.trigger.node_type or "").removesuffix("Trigger")
    at = next((i for i, s in enumerate(steps) if s.node_type == app), None)
    if at is None:
        at = next((i for i, s in enumerate(steps) if delivers(s)), len(steps))
    return [*steps[:at], agent, *steps[at:]]


def with_answer_after_ai(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """An answer sent back where the question came from (``ANSWER_BACK``) is the AI step's
    answer: a step that sends and comes before the spec's AI step (the app named among the
    entry points, "(c) telegram messages ... the answer goes back") moves right after it."""
    ai = spec.ai
    if ai is None or ai.root not in _WRITERS or not ANSWER_BACK.search(spec.request):
        return steps
    at = next((i for i, s in enumerate(steps) if s.node_type == ai.root), None)
    if at is None or any(s.branch is not None for s in steps):
        return steps
    early = [s for s in steps[:at] if delivers(s)]
    if not early:
        return steps
    rest = [s for s in steps[: at + 1] if not delivers(s)]
    return [*rest, *early, *steps[at + 1 :]]


def with_reply_last(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """A bot answers with what it made: the step of the app it lives on that answers
    ("replies in the thread", "posts it back in the channel") goes right after the AI step
    that writes the answer (without AI, after the lookup it answers with: last) and sends a
    message (the app's sending operation when the words near it read as a read: "reply in
    the thread" is no thread read). The request names the app first ("a Slack bot that
    ...") but it answers after the AI. Not in a workflow that
    branches, nor for a step that gets the message's file."""
    app = _bot_app(spec, steps)
    if app is None or any(s.branch is not None for s in steps):
        return steps
    at = max((i for i, s in enumerate(steps) if s.node_type == app), default=None)
    if at is None or (steps[at].resource or "") == "file":
        return steps
    reply = steps[at]
    if not delivers(reply):
        sending = delivery_operation(app, reply.purpose)
        if sending is None:
            return steps
        reply = dataclasses.replace(reply, resource=sending[0], operation=sending[1])
    rest = [*steps[:at], *steps[at + 1 :]]
    ai = spec.ai
    if ai is None or ai.root not in _WRITERS:
        return [*rest, reply]  # after the lookup it answers with
    writer = next((i for i, s in enumerate(rest) if s.node_type == ai.root), None)
    if writer is None:  # the generator would put the AI step first
        rest, writer = [StepSpec(ai.root, purpose=ai.prompt), *rest], 0
    between = rest[writer + 1 : at]
    if at > writer and not all(_looks_up(s) for s in between):
        # after the AI, a call or a media step makes what is sent ("generate the picture ...
        # and send it back"): the reply stays after it
        return [*steps[:at], reply, *steps[at + 1 :]]
    return [*rest[: writer + 1], reply, *rest[writer + 1 :]]


def _looks_up(step: StepSpec) -> bool:
    """An app step that only reads (a lookup the bot answers from), not a call of an API."""
    return step.node_type != BASE + "httpRequest" and _reads(step)


EXTRACT = EXTRACT_FROM_FILE


def _triggering_file(spec: Spec) -> bool:
    """The workflow starts from a file the summary is of: a file-store trigger whose app
    downloads files (Google Drive, OneDrive, Box ...), or a mail trigger with an attachment or
    a PDF named. A file-store trigger's event is a file whatever the request calls it ("podcast
    transcripts get uploaded to our OneDrive folder"), unless only folders are said."""
    trigger = spec.trigger.node_type or ""
    if trigger in _MAIL_TRIGGERS:
        return bool(ATTACHMENT_WORD.search(spec.request))
    app = trigger.removesuffix("Trigger")
    if app == trigger or not load_catalog().has_type(app):
        return False
    if not FILE_WORD.search(spec.request) and (
        FOLDER_EVENT.search(spec.request) or MEDIA_FILE.search(spec.request)
    ):
        return False  # "a new folder is created", "a product photo is added": no text to read
    return any((c.operation or "").lower() == "download" for c in candidates(app))


#: Where n8n's mail triggers put the first attachment they download.
_FIRST_ATTACHMENT = ATTACHMENT_PREFIX + "0"


def _extract_step(spec: Spec, named: StepSpec | None) -> StepSpec:
    """Extract From File reading the file's text (the step the request named, if any, with
    its operation): a PDF's pages, else the file as text; a mail's first attachment."""
    pdf = PDF_WORD.search(spec.request) or not TEXT_FILE_WORD.search(spec.request)
    step = named or StepSpec(EXTRACT, "Read the text out of the file")
    params = dict(step.parameters)
    if spec.trigger.node_type in _MAIL_TRIGGERS:
        params.setdefault("binaryPropertyName", _FIRST_ATTACHMENT)
    operation = step.operation or ("pdf" if pdf else "text")
    if operation == "text":
        # a text file's text goes where a PDF's does, the field the next step reads
        params.setdefault("destinationKey", OUTPUT_FIELD[EXTRACT])
    return dataclasses.replace(step, operation=operation, parameters=params)


#: AI steps that read a text and write from it: the file's text is what they are to read.
_FILE_AI = _WRITERS | {LC + "informationExtractor"}


def _file_for_ai(spec: Spec) -> bool:
    """The workflow starts from a file an AI step can read as text (``_triggering_file``), not
    a table (a CSV, a spreadsheet) nor documents a vector store's loader reads itself."""
    if not _triggering_file(spec) or (spec.ai is not None and spec.ai.vector_store):
        return False
    return not (TABLE_FILE_WORD.search(spec.request) and not PDF_WORD.search(spec.request))


def _reads_file_itself(step: StepSpec) -> bool:
    """The step reads the file's content its own way: an image or audio step, a vector store
    (its document loader), an archive ..."""
    return step.node_type in FILE_READERS - {EXTRACT} or step.node_type.startswith(
        LC + "vectorStore"
    )


def _reads_the_file_first(spec: Spec, before: list[StepSpec]) -> bool:
    """Nothing before the AI step but the download of the triggering file: the AI works on
    that file, not on what an API call or a lookup made of it."""
    app = (spec.trigger.node_type or "").removesuffix("Trigger")
    return all(s.node_type == app and (s.operation or "") == "download" for s in before)


def with_file_read(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """The file that started the workflow is read as text before an AI step works on it
    (summarises it, pulls fields out of it, scores it, answers from it): an Extract From File
    step right before the spec's AI step (the file-store app's download before it,
    ``with_download_step``); an extraction the request named stays where it is when it comes
    before the AI, and moves there when it was named after it. The AI step would otherwise read
    the file's metadata (a Drive event) or the mail's snippet, not the document. An extraction
    named without an AI step reads the file the same way (a PDF's pages, a mail's attachment)."""
    if not _file_for_ai(spec) or any(_reads_file_itself(s) for s in steps):
        return steps  # a transcription, an image step, a vector store ... reads the file
    named = next((s for s in steps if s.node_type == EXTRACT), None)
    in_place = [_extract_step(spec, s) if s is named else s for s in steps]
    ai = spec.ai
    if ai is None or ai.root not in _FILE_AI:
        return in_place
    at = next((i for i, s in enumerate(steps) if s.node_type == ai.root), None)
    if named is not None and at is not None and any(s is named for s in steps[:at]):
        return in_place  # read before the AI already
    if any(s.branch is not None for s in steps if s is named or s.node_type == ai.root):
        return steps  # read on one branch only: which is not said
    rest = [s for s in steps if s is not named]
    if at is None:
        # the generator puts the spec's AI step first; it goes after the read
        rest, at = [StepSpec(ai.root, purpose=ai.prompt), *rest], 0
    else:
        at = next(i for i, s in enumerate(rest) if s is steps[at])
    if not _reads_the_file_first(spec, rest[:at]):
        return in_place
    # downloaded first (``with_download_step``), whatever the file-store app does later on
    read = with_download_step(spec, [*rest[:at], _extract_step(spec, named)])
    if any((s.operation or "") == "download" for s in read[:-1]):
        # the download step (Outlook's attachment) hands on the file in "data", the field
        # Extract From File reads by default, not in the trigger's "attachment_0"
        params = {k: v for k, v in read[-1].parameters.items() if k != "binaryPropertyName"}
        read[-1] = dataclasses.replace(read[-1], parameters=params)
    return [*read, *rest[at:]]


def with_summary_step(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with what writes the summary the request asks for right before the step that
    receives it (see the module docstring); ``steps`` unchanged when the rule does not apply.
    An error workflow's notices are composed from the error's fields (``error_messages``);
    a summary also asked for by e-mail is mailed after it is sent elsewhere. Last, the flow
    steps between (``engine.offline.flow_steps``): retries asked of a step, a URL's status checked
    (``engine.offline.status_check``), delays, and stopping with an error; then
    what follows them: a made document shared (``engine.offline.sharing``), a result written
    back onto the record, its later action and the caller's answer
    (``engine.offline.record_followups``)."""
    steps = with_delays(spec, with_status_check(spec, with_retries(spec, steps)))
    steps = with_stop_on_error(spec, _with_summary(spec, steps))
    steps = with_write_back(spec, with_note_on_record(spec, with_share_step(spec, steps)))
    steps = with_record_later(spec, steps)
    return with_answer_to_caller(spec, steps)


def _with_summary(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    steps = with_channel_destination(spec, with_named_nodes(spec, steps))
    steps = with_reply_last(spec, with_bot_answerer(spec, with_mail_destination(spec, steps)))
    steps = with_answer_after_ai(spec, steps)
    steps = error_messages(spec, steps)
    summary = asks_for_summary(spec.request)
    steps = with_filter_step(spec, with_file_read(spec, steps), ai_placed=summary)
    if not summary:
        return _also_sent(steps, summary=False)
    steps = _summary_placed(spec, _ai_after_reads(spec, _reads_all(spec, steps)))
    return _also_sent(with_mail_destination(spec, steps, summary_placed=True), summary=True)


def _also_sent(steps: list[StepSpec], summary: bool) -> list[StepSpec]:
    """What is written and sent to a second place ("post it to #sales and also email it to the
    CEO") is sent there too, not the first place's reply: a sending step with no text of its
    own whose nearest writer before it (an AI step, a Code step composing) is not right
    before it gets that writer's output by the writer's name (n8n's ``$('<node>')``; a node
    without an operation is named by its display name, read from the catalog). Only for a
    writer that always runs first (no branch up to it) and is the one node of its type; and,
    unless a ``summary`` is what is sent, with only sending steps or a Wait in between (a call
    or a lookup in between makes what is sent)."""
    out = list(steps)
    for i, step in enumerate(steps):
        if not delivers(step) or "@text" in step.parameters:
            continue
        at = max((k for k in range(i) if _is_writer(steps[k].node_type)), default=None)
        if at is None or at == i - 1 or any(s.branch is not None for s in steps[: at + 1]):
            continue
        if not summary and not all(delivers(s) or s.node_type == WAIT for s in steps[at + 1 : i]):
            continue  # a call or a lookup in between makes what is sent
        written = _output_of(steps[at].node_type, steps)
        if written is not None:
            sent = content_for(step, written)
            out[i] = dataclasses.replace(sent, parameters={**sent.parameters, "@text": written})
    return out


def _is_writer(node_type: str) -> bool:
    return node_type in _WRITERS or node_type in _COMPOSERS


def _output_of(writer_type: str, steps: list[StepSpec]) -> str | None:
    """``$('<writer>').item.json.<its text field>``, or None when the writer's name is not
    certain (two nodes of its type) or it has no known text field (``OUTPUT_FIELD``)."""
    nv = load_catalog().get(writer_type)
    field = OUTPUT_FIELD.get(writer_type)
    if nv is None or field is None or sum(s.node_type == writer_type for s in steps) != 1:
        return None
    return "={{ $('" + nv.display_name + "').item.json." + field + " }}"


def _summary_placed(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with the summary written right before the step that receives it."""
    found = _receiver(spec, steps)
    if found is None:
        return steps
    at, receiver = found
    if _reads_after(steps, at) and not any(s.branch is not None for s in steps):
        # named first ("send the team channel in Teams a rundown of ..."), received last
        steps = [*steps[:at], *steps[at + 1 :], receiver]
        at = len(steps) - 1
    steps = _written_before(spec, [*steps[:at], receiver, *steps[at + 1 :]], at)
    at = next(i for i, s in enumerate(steps) if s is receiver)
    if at > 0:
        steps[at] = _with_content(receiver, steps[at - 1].node_type)
    return steps
