""" "Send a summary" sends a summary: an AI step writes it before the step that delivers it.

Without this rule a request such as "when a deal closes in HubSpot, send a summary to #sales
on Slack" posts ``JSON.stringify($json)`` - the raw record, not a summary. The rule applies
when the request asks for a summary (digest, recap, overview, ...) to be *delivered*, names no
AI of its own (an AI step the spec already has writes it) and no Code step that builds it.

* Where: right before the delivering step - the one whose clause names the summary, else the
  last step that sends or posts something.
* Prose (e-mails, articles, feeds, tickets, notes ...): an LLM chain with the default chat
  model, prompted to summarise for that destination; the delivering step reads its text
  (``$json.text``). Many items (a list read before: an RSS feed, a GET call) are first
  gathered into one by an Aggregate node, so one summary of all of them is sent.
* Records (deals, orders, charges, events ...), or a summary whose content the request names
  ("with times and titles"): a Code step composes one message from the items' fields - a
  count, then a line per item - and the delivering step reads ``$json.summary``.
"""

from __future__ import annotations

import re

from engine.offline.operations import candidates, operation_verb
from engine.types import Spec, StepSpec
from indexing.catalog.load import load_catalog
from nodepilot.workflow import BASE, LC

LLM_CHAIN = LC + "chainLlm"
CODE = BASE + "code"
AGGREGATE = BASE + "aggregate"
#: What a summary is called; "summarize"/"summarise" too.
SUMMARY_WORD = re.compile(
    r"\b(summar(y|ies|i[sz]e[sd]?|i[sz]ing)|digest|recap|round-?up|overview|rundown|briefing|"
    r"(daily|weekly|monthly|status) report)\b",
    re.I,
)
#: A delivery verb with a summary word in reach: "send a summary", "email me a weekly digest",
#: "post a recap of ...", the summary word before "to/in/on/via <somewhere>", or "summarize
#: ... and send/post/email ...".
ASKS_TO_DELIVER = re.compile(
    r"\b(send|post|email|e-mail|mail|message|dm|ping|share|notify|text|deliver|forward|drop|"
    r"push|tell)\w*\b[^.;!?\n]{0,50}?"
    + SUMMARY_WORD.pattern
    + r"|"
    + SUMMARY_WORD.pattern
    + r"[^.;!?\n]{0,40}?(\b(to|on|via)\s+(#|\w)|\bin\s+#)"
    + r"|"
    + SUMMARY_WORD.pattern
    + r"[^.;!?\n]{0,80}?\b(and|then)\s+(send|post|e-?mail|mail|message|dm|share|forward|"
    r"text|deliver)\b",
    re.I,
)
#: The request says how the summary is built: by hand, not by an AI step.
COMPOSED_BY_HAND = re.compile(
    r"\b(in|with|using|via|through) (a |an )?(code|javascript|js|python|function|template|"
    r"html|markdown)\b|\bcode (node|step)\b",
    re.I,
)
#: "a summary with times and titles": the request names what the summary lists.
NAMES_ITS_CONTENT = re.compile(
    SUMMARY_WORD.pattern + r"\s+(with|listing|containing|including|showing|of (the )?(their|its))"
    r"\s+([\w ,'-]{3,60})",
    re.I,
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
#: What the summarised data is when it is prose: an AI step summarises it (records are listed).
TEXTUAL = re.compile(
    r"\b(e-?mails?|mails?|inbox|messages?|articles?|news|posts?|feeds?|rss|blogs?|transcripts?|"
    r"documents?|docs?|pages?|notes?|comments?|reviews?|feedback|tickets?|conversations?|"
    r"chats?|threads?|replies|papers?|pdfs?|recordings?|calls?|meetings? notes)\b",
    re.I,
)
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
_DELIVERY_VERBS = frozenset({"send", "post", "reply"})
_MANY_VERBS = frozenset({"getall", "getmany", "search", "list", "select", "read"})
_MANY_TYPES = frozenset({BASE + "rssFeedRead", BASE + "httpRequest"})


def asks_to_deliver_summary(request: str) -> bool:
    """The request asks for a summary to be sent somewhere (see ``ASKS_TO_DELIVER``) and
    does not say to build it by hand (``COMPOSED_BY_HAND``: "in code", "with a template")."""
    text = request or ""
    return bool(ASKS_TO_DELIVER.search(text)) and not COMPOSED_BY_HAND.search(text)


def _default_operation(step: StepSpec) -> str | None:
    if step.operation:
        return step.operation
    return next((c.operation for c in candidates(step.node_type) if c.is_default), None)


def delivers(step: StepSpec) -> bool:
    """The step sends or posts text to someone (a message, an e-mail)."""
    op = _default_operation(step)
    verb = operation_verb(op)
    if verb in _DELIVERY_VERBS:
        return True
    return verb == "create" and "message" in f"{step.resource} {op}".lower()


def _reads_many(step: StepSpec) -> bool:
    """The step outputs a list: a get-many / search operation, an RSS read, a GET call."""
    if step.node_type in _MANY_TYPES:
        return not step.parameters.get("@write")
    op = (step.operation or "").lower()
    return op in _MANY_VERBS or op.startswith("getall")


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


#: A delivery verb and its object ("email me", "post a", "message the team"): not content.
_DELIVERY_PHRASE = re.compile(
    r"\b(e-?mail|mail|message|post|text|dm|ping)\s+(me|us|him|her|them|it|the|a|an|my|our)\b",
    re.I,
)


def summarises_prose(request: str) -> bool:
    """The data to summarise is prose (``TEXTUAL``), read apart from the delivery verbs."""
    return bool(TEXTUAL.search(_DELIVERY_PHRASE.sub(" ", request)))


def _compose_step(content: re.Match[str] | None, branch: str | None) -> StepSpec:
    """A Code step that writes one summary of all incoming items: a count, then one line per
    item with its title (and time) and its first plain fields."""
    what = "Summary"
    if content:
        what = re.split(r"[,;.]|\b(then|otherwise|to|on|via|in|for)\b", content.group(0))[0]
        what = re.sub(r"[\r\n*/`]+", " ", what).strip()[:100]
    code = _COMPOSE_JS.format(comment=f"{what[:1].upper()}{what[1:]}: one line per item")
    return StepSpec(CODE, "Compose the summary", parameters={"jsCode": code}, branch=branch)


def with_summary_step(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with an LLM chain (and an Aggregate for many items) before the step that
    delivers the summary the request asks for; ``steps`` unchanged when the rule does not
    apply (see the module docstring)."""
    if spec.ai is not None or not asks_to_deliver_summary(spec.request):
        return steps
    if any(_is_ai_or_composer(s.node_type) for s in steps):
        return steps
    targets = [i for i, s in enumerate(steps) if delivers(s)]
    if not targets:
        return steps
    named = [i for i in targets if SUMMARY_WORD.search(steps[i].purpose or "")]
    at = named[0] if named else targets[-1]
    branch = steps[at].branch
    content = NAMES_ITS_CONTENT.search(spec.request)
    prose = summarises_prose(spec.request) or any(_reads_messages(s) for s in steps[:at])
    if content or not prose:
        # records, or the request says what to list: compose it from the items' fields
        return steps[:at] + [_compose_step(content, branch)] + steps[at:]
    inserted: list[StepSpec] = []
    if any(_reads_many(s) for s in steps[:at]):
        inserted.append(
            StepSpec(
                AGGREGATE,
                purpose="Gather the items into one, so one summary covers them all",
                parameters={"aggregate": "aggregateAllItemData", "destinationFieldName": "items"},
                branch=branch,
            )
        )
    nv = load_catalog().get(steps[at].node_type)
    prompt = summary_prompt(nv.display_name if nv else "")
    inserted.append(
        StepSpec(
            LLM_CHAIN, purpose="Write the summary", parameters={"@prompt": prompt}, branch=branch
        )
    )
    return steps[:at] + inserted + steps[at:]
