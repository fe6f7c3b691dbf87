"""Choose a node's resource and operation from the words of the request.

Candidates come from the catalog (every resource/operation pair the node's default version
offers, with n8n's action labels such as "Append row in sheet") and are scored by the verbs and
nouns of the clause that names the app, plus a prior from the mined node patterns (how often real
workflows use that operation). No per-app rules: the same scoring serves every node.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from indexing.catalog.load import load_catalog
from indexing.catalog.params import ParameterResolutionError, is_displayed, resolve_parameters

log = logging.getLogger(__name__)

#: Request words -> canonical verbs (several per word when meanings overlap).
VERB_SYNONYMS: dict[str, tuple[str, ...]] = {
    "add": ("create", "append", "add", "insert"),
    "append": ("append", "create", "add"),
    "create": ("create", "add", "insert"),
    "new": ("create",),
    "insert": ("insert", "create", "append"),
    "log": ("append", "create", "insert"),
    "record": ("append", "create"),
    "save": ("create", "append", "upload", "insert", "upsert"),
    "store": ("create", "append", "upload", "insert", "upsert"),
    "register": ("create",),
    "book": ("create",),
    "schedule": ("create",),
    "make": ("create",),
    "generate": ("create", "generate"),
    "write": ("create", "append", "update"),
    "put": ("append", "create", "upload"),
    # a "drop" that places something (placing_drops writes it "dropin", a word no one types,
    # so a real "place" - "place an order", "in place" - is not read as one): into a chat app
    # it is a message
    "dropin": ("send", "post", "sendmessage", "append", "create", "upload"),
    "push": ("append", "create", "send"),
    "get": ("get", "getall", "read"),
    "fetch": ("get", "getall", "read"),
    "pull": ("get", "getall", "read"),
    "retrieve": ("get", "getall"),
    "read": ("read", "get", "getall"),
    "grab": ("get", "getall"),
    "take": ("get", "getall"),
    "load": ("get", "getall", "read"),
    "collect": ("getall", "get"),
    "count": ("getall", "get"),
    # describes what to read ("my unread mail"; see _DESCRIBE)
    "unread": ("getall", "get"),
    "list": ("getall", "list"),
    "all": ("getall",),
    "many": ("getall",),
    "look": ("get", "search"),
    "lookup": ("get", "search"),
    "find": ("search", "get"),
    "search": ("search",),
    "query": ("search", "get", "execute"),
    "check": ("get", "search"),
    "update": ("update", "upsert"),
    "edit": ("update",),
    "change": ("update",),
    "modify": ("update",),
    "upsert": ("upsert", "appendorupdate", "createorupdate"),
    "sync": ("upsert", "appendorupdate", "update"),
    "mark": ("update", "mark"),
    "move": ("move", "update"),
    "delete": ("delete", "remove"),
    "remove": ("delete", "remove"),
    "drop": ("delete",),
    "clear": ("clear", "delete"),
    "archive": ("archive", "delete"),
    "cancel": ("cancel", "delete"),
    "send": ("send", "post", "create", "sendmessage"),
    "post": ("post", "send", "create", "sendmessage"),
    "notify": ("send", "post", "sendmessage"),
    "ping": ("send", "post", "sendmessage"),
    "alert": ("send", "post", "sendmessage"),
    "message": ("send", "post", "sendmessage"),
    "tell": ("send", "post", "sendmessage"),
    "dm": ("send", "post", "sendmessage"),
    "email": ("send",),
    "mail": ("send",),
    "reply": ("reply", "send"),
    "respond": ("reply", "send"),
    "forward": ("send",),
    "share": ("share", "post", "send"),
    "publish": ("post", "create", "publish"),
    "tweet": ("create", "post"),
    "upload": ("upload", "create"),
    "download": ("download", "get"),
    "copy": ("copy",),
    "duplicate": ("copy", "replicate", "duplicate"),
    "clone": ("copy", "replicate", "duplicate"),
    "label": ("addlabels", "label"),
    "translate": ("translate",),
    "transcribe": ("transcribe",),
    "analyze": ("analyze",),
    "analyse": ("analyze",),
    "summarize": ("summarize", "getall", "get", "read"),
    "summarise": ("summarize", "getall", "get", "read"),
    "run": ("execute", "run"),
    "execute": ("execute", "run"),
    "call": ("call", "execute"),
    "invite": ("invite", "create"),
    "subscribe": ("subscribe", "create"),
    "approve": ("sendandwait", "approve"),
    "approval": ("sendandwait", "approve"),
    "confirm": ("sendandwait",),
}
#: The verbs an order is read with when choosing an operation: ``VERB_SYNONYMS`` (which the
#: missing-operation readers share, so it stays as they know it) plus verb families the
#: catalog's actions say in other words ("raise" an incident is "Create", "resolve" one an
#: "Update", "take them off the list" a "Remove", "tag" a subscriber an "Add").
ORDER_VERBS: dict[str, tuple[str, ...]] = {
    **VERB_SYNONYMS,
    "subscribe": ("subscribe", "create", "add"),
    "put": ("append", "create", "upload", "add"),
    "drop": ("delete", "remove"),
    "replies": ("reply", "send"),  # "the agent answers and replies on WhatsApp"
    "raise": ("create",),
    "prepare": ("create",),
    "setup": ("create", "add"),  # "set them up as a vendor" (see phrasal_verbs)
    "enroll": ("add", "create", "subscribe"),
    "enrol": ("add", "create", "subscribe"),
    "draft": ("create", "draft"),
    "comment": ("create", "add", "createcomment", "addcomment"),
    "attach": ("add", "upload", "create"),
    "tag": ("add", "addtag", "tag", "update"),
    "set": ("update", "set", "edit", "change"),
    "resolve": ("update", "resolve", "close", "edit"),
    "close": ("close", "update", "edit", "archive"),
    "complete": ("close", "complete", "update", "edit"),
    "finish": ("close", "complete", "update"),
    "unsubscribe": ("delete", "remove", "unsubscribe"),
    "kick": ("kick", "remove"),
    "ban": ("ban",),
    "void": ("void",),
    # a record the node cannot archive is closed or updated ("archive the GitHub issue")
    "archive": ("archive", "close", "update", "edit"),
}
_OP_TOKEN_CANON = {
    "getall": "getall",
    "getmany": "getall",
    "list": "getall",
    "appendorupdate": "appendorupdate",
    "createorupdate": "createorupdate",
    "sendmessage": "sendmessage",
    "deleterecord": "delete",
    "deletefile": "delete",
    "select": "getall",  # MySQL / Postgres / MS SQL "Select rows from a table"
}
#: Operations that destroy or alter what already exists. One is chosen only when the request
#: asks for it (its verb, or a word meaning it): "read new rows from the signups table" must
#: never become "Delete table" because both mention a table, nor "my unread mail" "Mark as
#: unread". A wrong read costs a retry; a wrong delete costs the user's data.
_ASK_FIRST = {
    "delete": (
        "delete remove drop erase purge wipe trash clear clean cancel cancelled canceled".split()
    ),
    "remove": ("delete", "remove", "drop", "erase", "purge", "wipe", "trash", "clear", "clean"),
    "clear": ("clear", "empty", "wipe", "reset", "delete", "remove", "clean", "purge"),
    "truncate": ("truncate", "empty", "wipe", "clear"),
    "drop": ("drop", "delete", "remove"),
    "purge": ("purge", "delete", "clear"),
    "archive": ("archive",),
    "trash": ("trash", "delete", "remove", "bin"),
    "mark": ("mark", "flag"),
    "ban": ("ban", "block"),
    "kick": ("kick", "remove"),
    "cancel": ("cancel", "abort", "stop"),
    "revoke": ("revoke",),
    "deactivate": ("deactivate", "disable"),
    "disable": ("disable", "deactivate", "turn"),
    "suspend": ("suspend",),
    "unsubscribe": ("unsubscribe", "remove"),
    "lock": ("lock",),
}
#: Words that ask a message to wait for its recipient's answer (n8n's "send and wait").
_WAITS_FOR_AN_ANSWER = (
    "approve approval approvals approves approved confirm confirmation ask asks answer answers "
    "response respond responds decide decision sign review wait waits waiting hitl human reply "
    "replies yes"
).split()
#: Operation words every node has: they tell no operation from another.
_EVERY_NODE = frozenset({"get", "all", "many", "by", "and", "or", "to", "from", "of"})
_WORD = re.compile(r"[a-z][a-z0-9]*")
_READ = frozenset({"get", "getall", "list", "read", "search"})
_DETERMINERS = frozenset("the a an this that each every my our your their its his her".split())
#: Read-describing words that keep their meaning after a determiner ("my unread mail").
_DESCRIBE = frozenset({"unread"})
#: Who a verb is done to ("email me", "message them").
_PERSONS = frozenset("me us him her them it everyone".split())
#: What "set ... up" is done to: a person or the thing just named.
_PERSON_WORDS = _PERSONS | frozenset({"the", "this", "that", "each", "every"})
#: A node's record of people, which a person pronoun names ("remove them from the audience").
_PEOPLE = ("member", "contact", "subscriber", "person")
#: Everyday nouns -> the resource words nodes use for them.
NOUN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "email": ("message", "mail"),
    "mail": ("message", "email"),
    "dm": ("message",),
    "text": ("message",),
    "sms": ("message", "sm"),
    "post": ("message", "post"),
    "row": ("sheet", "row"),
    "spreadsheet": ("sheet", "spreadsheet"),
    "meeting": ("event", "meeting"),
    "appointment": ("event",),
    "busy": ("availability",),
    "available": ("availability",),
    "slot": ("availability", "event"),
    "ticket": ("ticket", "issue"),
    "pr": ("pull", "request"),
    "prs": ("pull", "request"),  # too short for _stem to read as a plural
    "mr": ("merge", "request"),
    "bug": ("issue",),
    "task": ("task", "card", "issue"),
    "todo": ("task",),
    "note": ("note", "engagement"),
    "attachment": ("attachment", "file"),
    "document": ("file", "document"),
    "pdf": ("file", "document"),
    "customer": ("customer", "contact", "user"),
    "person": ("contact", "person"),
    "people": ("contact", "person"),
    "lead": ("lead", "contact"),
    "subscriber": ("member", "subscriber", "contact"),
    "audience": ("list", "audience"),
    # who a verb is done to ("remove them from the audience"): a node's record of people - not
    # its campaign, which "remove" also deletes
    "them": _PEOPLE,
    "him": _PEOPLE,
    "her": _PEOPLE,
    "invitee": ("member", "contact", "attendee", "subscriber"),
    "attendee": ("member", "contact", "attendee", "subscriber"),
    "entry": ("record", "row", "entry"),
    "item": ("record", "item"),
}
_DESTINATION = re.compile(r"\b(into|onto)(\s+(a|an|the|my|our|your|new|that|this))?\s*$", re.I)
#: Nouns that read what follows "of": "a summary of", "a digest of", "the list of".
READING_NOUNS = frozenset(
    "summary summaries digest recap overview roundup round-up rundown briefing list report "
    "count total number wrap-up wrapup takeaways synopsis gist breakdown update roll-up "
    "rollup".split()
)
#: "a summary of (the week's new) <App> ...": what the app holds is read, whatever verb
#: delivers the summary.
#: Where an object lives, written between it and the app: "the current cycle for our team in
#: <Linear>", "a tag in our <GitLab> repo".
CONTAINER_NOUNS = frozenset(
    """team teams board repo repository server workspace account project org organization
    instance site space guild store shop company""".split()
)
#: "<object> for/of our <container> in <App>": read as "<object> from <App>".
_CONTAINER_TAIL = re.compile(
    r"\s+(?:for|of|on|in|from|at)\s+(?:our|my|the|your|their)\s+(?:"
    + "|".join(sorted(CONTAINER_NOUNS))
    + r")\s+(?:in|on|from|at)\s+$",
    re.I,
)
_SUMMARY_OF = re.compile(
    r"\b(" + "|".join(sorted(READING_NOUNS)) + r")\s+of\s+"
    r"((?!(to|into|onto|on|in|via|with|for|by|at|it|them|this|that)\b)[\w'\u2019-]+\s+){0,5}$",
    re.I,
)
#: Data goes to a record that exists, named right before the app: "onto the matching".
_EXISTING = re.compile(
    r"\b(?:to|into|onto|on|in)\s+(?:the|that|its|their)\s+"
    r"(?:matching|existing|same|corresponding|related)\s*$",
    re.I,
)
#: The clause ends in "to" right before the app: data goes there.
_TO_APP = re.compile(r"\b(to|via)(\s+(a|an|the|my|our|your))?\s*$", re.I)
_WRITE_VERBS = ("append", "create", "insert", "upload", "add")
_STOP = frozenset("a an the of on in to for from by with and or".split())


#: Where "drop" puts something rather than destroys it: "drop the draft in Slack", "drop the
#: answers into Airtable", "drop a note on the deal". "into/onto/to" always place; "in/on"
#: place unless what is dropped is a store's structure ("drop the users table in Postgres").
_PLACED_BY = frozenset("into onto to".split())
_PLACED_IN = frozenset("in on inside".split())
_TAKEN_FROM = frozenset("from off out".split())
_PLACE_OR_SOURCE = _PLACED_BY | _PLACED_IN | _TAKEN_FROM
_STRUCTURE = frozenset(
    "table tables column columns database databases schema index row rows".split()
)


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``; a "drop" that places something reads as "dropin"
    (see :func:`placing_drops`)."""
    return placing_drops(_WORD.findall(text.lower()))


#: A name the request quotes ("the 'Weekly close' sheet", "the "Done" list").
_QUOTED = re.compile(
    r"(?<![\w'\u2019])['\u2018\u201c\"][^'\u2019\u201d\"\n]{1,60}['\u2019\u201d\"](?!\w)"
)


def order_words(text: str) -> list[str]:
    """:func:`words` as an order is read when its operation is chosen: without the names it
    quotes (the 'Weekly close' sheet closes nothing), a verb of two words as the one it means
    (see :func:`phrasal_verbs`), a verb's third person as the verb ("the AI drafts a reply")."""
    return _as_order(words(_QUOTED.sub(" ", text)))


def _as_order(plain: list[str]) -> list[str]:
    """``plain`` words with two-word verbs and third persons read as the verbs they are."""
    seq = phrasal_verbs(plain)
    nxt = seq[1:] + [""]
    return [
        w[:-1]
        if w.endswith("s")
        and w[:-1] in ORDER_VERBS
        and (nxt[i] in _DETERMINERS | _PERSONS or w[:-1] in _ONLY_VERBS)
        and not (i > 0 and seq[i - 1] in _DETERMINERS)
        and w not in _RECEIVED
        and w[:-1] not in _SAID_AS_ORDERS
        else w
        for i, w in enumerate(seq)
    ]


#: Third persons that say what a place receives, not what the step does: "our Telegram group
#: gets a reply from an AI" sends a message there; reading it as "get" read a file instead.
_RECEIVED = frozenset({"gets"})
#: Destructive or state-changing verbs (``_ASK_FIRST``) count only as said: "Notion archives
#: every page" or "the archives" must not unlock an archive operation the request never asks.
_SAID_AS_ORDERS = frozenset(_ASK_FIRST) | frozenset(w for ws in _ASK_FIRST.values() for w in ws)


#: Verbs no one uses as a noun: their third person is always the verb ("gpt adds vendor and
#: amount to the sheet"); other verbs ("posts", "updates") only before what they act on.
_ONLY_VERBS = frozenset(
    "add create send read fetch pull get write append insert upload download delete remove "
    "move".split()
)


#: Verbs that, with "off" a few words on, take something off a list: "take them off the
#: audience", "pull the contact off the 'Customers' list", "strike her off".
_OFF_VERBS = frozenset("take takes pull pulls strike strikes cross crosses knock".split())


#: States that finish a piece of work: marking something so is completing it.
_DONE_STATES = frozenset("done complete completed finished closed resolved".split())


def _after_as(ahead: list[str]) -> list[str]:
    """The word after "as" in ``ahead`` ("the task as done" -> ["done"]), else nothing."""
    return ahead[ahead.index("as") + 1 :][:1] if "as" in ahead else []


def phrasal_verbs(seq: list[str]) -> list[str]:
    """``seq`` with each verb of two words read as the one verb it means ("take ... off" ->
    "remove", "set ... up" / "set a" -> "setup").

    Why: the catalog's actions say "Remove a contact from a list" and "Create a vendor"; the
    request's "take them off the list" or "set them up as a vendor" has neither word, and its
    "take" alone reads as a get."""
    if not _OFF_VERBS.intersection(seq) and not {"set", "mark", "flag"}.intersection(seq):
        return seq
    out = list(seq)
    for i, w in enumerate(seq):
        ahead = seq[i + 1 : i + 5]
        if w in _OFF_VERBS and "off" in ahead and "from" not in ahead[: ahead.index("off")]:
            out[i] = "remove"
        elif w == "set" and (ahead[:1] == ["up"] or ahead[:1] and ahead[0] in ("a", "an")):
            out[i] = "setup"
        elif w == "set" and "up" in ahead[:3] and ahead[0] in _PERSON_WORDS:
            out[i] = "setup"  # "set them up", "set the customer up"
        elif w in ("mark", "flag") and _DONE_STATES.intersection(_after_as(seq[i + 1 : i + 8])):
            out[i] = "complete"  # "mark the task as done": Todoist's "Close a task"
    return out


def placing_drops(seq: list[str]) -> list[str]:
    """``seq`` with each "drop" that puts something somewhere read as "dropin" (put there).

    Why: "drop" maps to delete operations, and a wrong delete costs the user's data; in
    requests it more often means "put" ("drop the details in Discord" was building Discord's
    Delete Channel). The first place or source word after it decides; "from" keeps delete."""
    if "drop" not in seq and "drops" not in seq:
        return seq  # words() runs on every clause: no copy when there is nothing to read
    out = list(seq)
    for i, w in enumerate(seq):
        if w not in ("drop", "drops"):
            continue
        ahead = seq[i + 1 : i + 9]
        at = next((j for j, x in enumerate(ahead) if x in _PLACE_OR_SOURCE), None)
        if at is None or ahead[at] in _TAKEN_FROM:
            continue
        if ahead[at] in _PLACED_IN and _STRUCTURE & set(ahead[:at]):
            continue
        out[i] = "dropin"
    return out


def _stem(w: str) -> str:
    """Plural to singular, enough for resource nouns (issues, entries, addresses, boxes)."""
    if len(w) <= 3:
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _camel_words(value: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][a-z0-9]*", value or "")]


@dataclass(frozen=True)
class Candidate:
    resource: str | None
    operation: str | None
    verbs: frozenset[str]  # canonical verbs this operation performs
    nouns: frozenset[str]  # resource / object words
    prior: float  # log pattern support
    is_default: bool


@lru_cache(maxsize=1)
def mined_patterns() -> tuple[dict[str, Any], ...]:
    """The mined node patterns, read once per process (shared with ``typical``)."""
    from indexing.patterns import load_patterns

    try:
        return tuple(load_patterns())
    except Exception:  # noqa: BLE001 - patterns are a prior, never a requirement
        log.warning("mined node patterns unreadable; operations chosen without", exc_info=True)
        return ()


@lru_cache(maxsize=1)
def _pattern_support() -> dict[tuple[str, str | None, str | None], int]:
    out: dict[tuple[str, str | None, str | None], int] = {}
    for p in mined_patterns():
        if p.get("kind") == "operation":
            key = (p["node_type"], p.get("resource"), p.get("operation"))
            out[key] = int((p.get("support") or {}).get("workflows", 0))
    return out


@lru_cache(maxsize=2048)
def candidates(node_type: str) -> tuple[Candidate, ...]:
    """Every (resource, operation) the node's default version offers, with its words."""
    cat = load_catalog()
    tv = cat.default_version(node_type)
    nv = cat.get(node_type, tv)
    if nv is None:
        return ()
    support = _pattern_support()
    try:
        base = resolve_parameters(nv, {}, tv, type_name=node_type)
    except ParameterResolutionError:
        base = {}
    default_res, default_op = base.get("resource"), base.get("operation")
    res_props = [p for p in nv.properties if p.name == "resource" and p.type == "options"]
    resources: list[tuple[str | None, str]] = []
    for rp in res_props:
        if not is_displayed(rp, base, tv, type_name=node_type, root=base):
            continue
        for o in rp.option_values:
            if o.value != "__CUSTOM_API_CALL__" and isinstance(o.value, str):
                resources.append((o.value, o.name or o.value))
    if not resources:
        resources = [(None, "")]
    out: list[Candidate] = []
    seen: set[tuple[str | None, str | None]] = set()
    op_props = [p for p in nv.properties if p.name == "operation" and p.type == "options"]
    for res, res_label in resources:
        values = {"resource": res} if res is not None else {}
        try:
            resolved = resolve_parameters(nv, values, tv, type_name=node_type)
        except ParameterResolutionError:
            continue
        nouns = frozenset(_stem(w) for w in _camel_words(res or "") + words(res_label))
        found_op = False
        for op_prop in op_props:
            if not is_displayed(op_prop, resolved, tv, type_name=node_type, root=resolved):
                continue
            for o in op_prop.option_values:
                if o.value == "__CUSTOM_API_CALL__" or not isinstance(o.value, str):
                    continue
                if (res, o.value) in seen:
                    continue
                seen.add((res, o.value))
                found_op = True
                toks = _camel_words(o.value) + words(o.name or "") + words(o.action or "")
                verbs = _operation_verbs(o.value, o.action or "", toks)
                obj = (
                    frozenset(
                        _stem(t)
                        for t in toks
                        if (t not in VERB_SYNONYMS or t in _DESCRIBE) and t not in verbs
                    )
                    | nouns
                    | _noun_operation(o.value, o.action or "")
                ) - _STOP
                n = support.get((node_type, res, o.value), 0)
                out.append(
                    Candidate(
                        res,
                        o.value,
                        frozenset(verbs),
                        obj,
                        math.log1p(n),
                        res == default_res and o.value == default_op,
                    )
                )
        if not found_op and (res, None) not in seen:
            seen.add((res, None))
            n = support.get((node_type, res, None), 0)
            out.append(Candidate(res, None, frozenset(), nouns, math.log1p(n), res == default_res))
    return tuple(out)


def _resource_names_at(cands: tuple[Candidate, ...], seq: list[str]) -> frozenset[int]:
    """Where ``seq`` writes one of the node's resources of two words and more, by the index
    of its first word: "the merged pull requests" names GitHub's pullRequest - "pull" there
    is no verb."""
    names = {tuple(_camel_words(c.resource or "")[:2]) for c in cands}
    return frozenset(
        j
        for j in range(len(seq) - 1)
        if (seq[j], _stem(seq[j + 1])) in names and seq[j] in VERB_SYNONYMS
    )


def _operation_verbs(value: str, action: str, toks: list[str]) -> set[str]:
    """The canonical verbs an operation performs, from its value and its words ``toks``."""
    verbs = {value.lower(), *toks[:2]}
    canon = _OP_TOKEN_CANON.get(value.lower())
    if canon:
        verbs.add(canon)
    if "get" in toks and ("all" in toks or "many" in toks):
        verbs.add("getall")  # getAllPeople, Get Many
    if _reads_many(value):
        verbs.add("getall")  # getPullRequests: the repository's pull requests
    if _noun_operation(value, action):
        verbs.add("get")  # "availability", "history": what it returns is read
    return verbs


def _reads_many(value: str) -> bool:
    """An operation named "get" and a plural of two words, the first a verb's word
    ("getPullRequests"): a list - the
    only reading of "list the merged pull requests" once "pull" is no verb there (see
    ``_resource_names_at``)."""
    split = _camel_words(value)
    compound = len(split) == 3 and split[1] in VERB_SYNONYMS  # not "getUserIssues"
    return compound and split[0] == "get" and _stem(split[-1]) != split[-1]


def _made_words(c: Candidate) -> frozenset[str]:
    """What an operation makes, when a verb may name it: the thing of a compound create
    ("createComment": comment) or of a resource only added ("contactTag"/add: tag)."""
    op = _camel_words(c.operation or "")
    made = {op[1]} if len(op) == 2 and op[0] in ("create", "add") else set()
    res = _camel_words(c.resource or "")
    if len(op) == 1 and op[0] in ("create", "add") and len(res) > 1:
        made.add(res[-1])
    return frozenset(made)


#: A word that begins an order: at the start, after a mark, or after a word that leads one.
_ORDER_START = re.compile(
    r"(?:^\s*|[,;:.!?>\n]\s*|\b(?:and|then|also|please|to|should|must|will|can|i|we)\s+)"
    r"([a-z]+)\s+(?=(?:on|to|the|a|an|them|it|this|that|their|each|every|all|him|her)\b)",
    re.I,
)


def _verbs_naming_things(before: str) -> frozenset[str]:
    """Words used as verbs that name a thing ("comment on the PR", ", tag them as cold"):
    a bare word no verb list knows, beginning an order in the clause before the app, and
    followed by what it is done to ("... table and also": no verb)."""
    return frozenset(
        w
        for w in (m.group(1).lower() for m in _ORDER_START.finditer(before[-80:]))
        if len(w) > 2
        and (w not in ORDER_VERBS or w in VERB_NOUNS)
        and w not in _STOP
        and _stem(w) == w
    )


def _noun_operation(value: str, action: str) -> frozenset[str]:
    """A read named by a noun alone (Google Calendar's "availability", "Get availability in a
    calendar"; Slack's "history"): that noun is what it returns. Empty for anything else."""
    split = _camel_words(value)
    if len(split) != 1 or split[0] in VERB_SYNONYMS or split[0] in _OP_TOKEN_CANON:
        return frozenset()
    first = words(action)[:1]
    return frozenset({_stem(split[0])}) if first in (["get"], ["list"]) else frozenset()


def operation_verb(operation: str | None) -> str:
    """The verb an operation value starts with, lower case ("getAll" -> "get",
    "markAsUnread" -> "mark"); "" for none."""
    words = _camel_words(operation or "")
    return words[0] if words else ""


def _asked_for(c: Candidate, request_words: set[str]) -> bool:
    """False for a destructive or state-changing operation the request does not ask for."""
    needs = _ASK_FIRST.get(operation_verb(c.operation))
    if (c.operation or "").lower() == "sendandwait":
        needs = _WAITS_FOR_AN_ANSWER  # "send" alone posts; waiting is asked for
    return needs is None or any(w in request_words for w in needs)


#: Words that describe a thing between its determiner and its name ("the existing message").
_DESCRIBING = frozenset(
    """new existing same current latest last first original previous old whole daily weekly
    monthly matching related pinned""".split()
)


def _is_noun(seq: list[str], j: int) -> bool:
    """``seq[j]``, a verb-like word, names a thing or which ones here: "the email", "a post"
    (after a determiner); "mark it as unread" (the state to set); "get new comments"."""
    if seq[j] in _DESCRIBE:  # "mark unread messages as read" marks
        return "mark" in seq or (j > 0 and seq[j - 1] == "as")
    if seq[j] == "new" and j > 0 and seq[j - 1] in ("any", "all", "for"):
        # "check for new rows": which ones; "a folder for new hires": create
        return any(w in ORDER_VERBS for w in seq[: j - 1])
    if seq[j] == "new" and j > 1 and seq[j - 1] == "s":
        return True  # "the week's new orders": a possessive, then which ones
    if seq[j] == "new" and j > 0 and set(ORDER_VERBS.get(seq[j - 1], ())) & _READ:
        return True  # "get new comments": a read, then which ones
    if j > 1 and seq[j - 2] in _DETERMINERS and seq[j - 1] in _DESCRIBING:
        return True  # "the existing message", "a new email arrives": a thing, described
    return j > 0 and seq[j - 1] in _DETERMINERS or in_place_phrase(seq, j)


#: Words that join one order to the next ("and log them", "then send it").
_JOINS = frozenset("and then or but".split())
#: Words that begin where something goes or comes from ("to the 'Beta' list"), or for whom
#: it is made ("an invoice for the customer").
_PLACE_WORDS = frozenset("to into onto on in from off at inside for".split())
#: What a verb makes or works on when the verb names it: "draft an email" makes a draft,
#: "attach it" an attachment, "upload it" a file.
VERB_NOUNS = {
    "draft": "draft",
    "comment": "comment",
    "attach": "attachment",
    "upload": "file",
    "tag": "tag",
    "label": "label",
    "reply": "reply",
}


def in_place_phrase(seq: list[str], j: int, start: int = 0) -> bool:
    """``seq[j]`` stands in a place phrase - "to/on/from" and a determiner before it, no verb
    between ("add them to the 'Beta testers' list", "files from the backups folder").

    Why: such a word is where the step acts, not what it does ("list" there is no "Get
    many") nor, in most cases, the record it acts on (the file, not the folder)."""
    if seq[j] in ORDER_VERBS and seq[j + 1 : j + 2] and seq[j + 1] in _DETERMINERS | _PERSONS:
        return False  # "... tool => raise a <PagerDuty> incident": a verb and its object
    for k in range(j - 1, max(start - 1, j - 6), -1):
        w = seq[k]
        if w == "for" and seq[k + 1 : k + 2] in (["each"], ["every"]):
            return False  # "for each one, check in ...": which ones, not for whom
        if w in _PLACE_WORDS:
            return any(x in _DETERMINERS for x in seq[k + 1 : j])
        if w in _JOINS:
            return False  # "... in the chat and log it": a new order begins
        if w in ORDER_VERBS and not (k > 0 and seq[k - 1] in _DETERMINERS):
            return False
    return False


def _add_verbs(verbs: dict[str, float], word: str, weight: float) -> None:
    """Each canonical verb ``word`` means, and ``word`` itself as "=word" (see _score)."""
    for v in ORDER_VERBS.get(word, ()):
        first = ORDER_VERBS[word][0]
        verbs[v] = max(verbs.get(v, 0), weight * (1.0 if v == first else 0.7))
    if word in ORDER_VERBS:
        verbs["=" + word] = max(verbs.get("=" + word, 0.0), weight)


#: Verbs so general that every app has an operation named by them: the request saying one is
#: no sign of which resource it is done to ("add a contact" is no contact-list add).
_GENERAL_VERBS = frozenset("add create get read list send post".split())


def _clause_words(
    bw: list[str],
    aw: list[str],
    named: frozenset[int] = frozenset(),
    context: int = 0,
    aw_cut: int | None = None,
) -> tuple[dict[str, float], dict[str, float]]:
    """The canonical verbs and the nouns of the words before (``bw``) and after (``aw``) the
    app, each weighted by its nearness to the app (words before count more); the words at
    ``named`` in ``bw`` begin a resource's name ("pull requests") and are no verbs. The first
    ``context`` words of ``bw`` come before the order ("When a pull request is merged, close
    the issue"): they say what happened, not what to do, and count less. A noun in a place
    phrase is also kept as "@noun" (see :func:`_membership`). The words of ``aw`` from
    ``aw_cut`` on follow a comma after the app: a clause of their own."""
    verbs: dict[str, float] = {}
    nouns: dict[str, float] = {}
    seq = bw + aw  # a place phrase may begin before the app and end after it
    cuts = (context, len(bw) + (len(aw) if aw_cut is None else aw_cut))
    acted = joined = False  # an order's verb seen, then "and": what lies further is another
    for i, w in enumerate(reversed(bw)):
        j = len(bw) - 1 - i
        weight = (1.0 - min(i, 8) * 0.06) * (0.4 if j < context else 1.0)
        joined = joined or (acted and w in _JOINS)
        if not _noun_in(seq, j, cuts) and j not in named:
            _add_verbs(verbs, w, weight * (0.5 if joined else 1.0))
            _add_noun(nouns, VERB_NOUNS.get(w), weight)
            acted = acted or w in ORDER_VERBS
        if j + 1 < len(bw) and w in ORDER_VERBS and bw[j + 1] in _DETERMINERS | _PERSONS:
            continue  # "list the campaigns": "list" is what is done, not a thing
        if j + 1 == len(bw) and aw and w in ORDER_VERBS and not _noun_in(seq, j, cuts):
            continue  # "list SendGrid contacts": the verb, then the app and what of it
        if len(w) > 1:  # "week's" leaves an "s" that would match "Get row(s)"
            _add_word(nouns, _stem(w), weight, in_place_phrase(seq, j, _start(j, cuts)))
    # "In Gmail, reply to it": the order's verb comes right after the app
    leads = (not verbs or context >= len(bw)) and aw_cut != 0 and bool(aw) and aw[0] in ORDER_VERBS
    for i, w in enumerate(aw):
        weight = 1.0 if leads and i == 0 else 0.6 - min(i, 6) * 0.05
        later = i >= cuts[1] - len(bw)  # ", create a tag": the next order's words
        if not _noun_in(seq, len(bw) + i, cuts):
            _add_verbs(verbs, w, weight)
            _add_noun(nouns, VERB_NOUNS.get(w), weight)
        if len(w) > 1:
            at = len(bw) + i
            place = in_place_phrase(seq, at, _start(at, cuts))
            _add_word(nouns, _stem(w), weight * (0.3 if later else 1.0), place)
    return verbs, nouns


def _start(j: int, cuts: tuple[int, ...]) -> int:
    """Where the clause of ``seq[j]`` begins, given the clause boundaries ``cuts``."""
    return max((c for c in cuts if c <= j), default=0)


def _noun_in(seq: list[str], j: int, cuts: tuple[int, ...]) -> bool:
    """:func:`_is_noun` read within the clause of ``seq[j]``: a word of the order never looks
    back past the comma into what happened ("in each article, log them")."""
    start = _start(j, cuts)
    return _is_noun(seq[start:], j - start)


def _add_word(nouns: dict[str, float], noun: str, weight: float, place: bool) -> None:
    """A noun of the clause; one in a place phrase counts less, and is kept as "@noun"."""
    _add_noun(nouns, noun, weight * (0.6 if place else 1.0))
    if place:
        _add_noun(nouns, "@" + noun, weight)


def _context_words(before: str, bw: list[str]) -> int:
    """How many of ``bw`` (the last words of ``before``) come before the order: the words up
    to the last comma when what follows it gives the order ("When X happens, close the"), all
    of them when ``before`` ends at a comma."""
    head, comma, tail = before.rpartition(",")
    if not comma:
        return 0
    tail_words = order_words(tail)
    if tail_words and not any(
        w in ORDER_VERBS and not _is_noun(tail_words, j) for j, w in enumerate(tail_words)
    ):
        return 0
    return max(0, len(bw) - len(tail_words))


def _add_noun(nouns: dict[str, float], noun: str | None, weight: float) -> None:
    if noun:
        nouns[noun] = max(nouns.get(noun, 0.0), weight)


def _implied(before: str, verbs: dict[str, float], nouns: dict[str, float]) -> None:
    """What the clause implies beyond its words: a destination is written to, what is sent is
    a message, and everyday nouns also mean the nodes' resource words."""
    if _DESTINATION.search(before):
        # "pull refunds into a Google Sheet": the app right after "into" is where data goes,
        # whatever verb began the clause
        for v in _WRITE_VERBS:
            verbs[v] = max(verbs.get(v, 0.0), 1.3)
        verbs["=put"] = max(verbs.get("=put", 0.0), 1.0)  # put there (see _membership)
    if not any(verbs.values()) and _TO_APP.search(before):
        # "... events to Discord": nothing else is done with the app - it receives
        for v in ("send", "post", "create", "append", "upload"):
            verbs[v] = max(verbs.get(v, 0.0), 1.0)
    sending = max(verbs.get("send", 0.0), verbs.get("post", 0.0))
    if sending:  # "send it to Teams": what is sent is a message
        nouns["message"] = max(nouns.get("message", 0.0), 0.5 * sending)
    for noun, weight in list(nouns.items()):
        for alias in NOUN_SYNONYMS.get(noun, ()):
            nouns[alias] = max(nouns.get(alias, 0.0), weight * 0.5)


def _written_onto_existing(
    before: str, cands: tuple[Candidate, ...], verbs: dict[str, float], nouns: dict[str, float]
) -> None:
    """ "push the new values onto the matching <Salesforce> contact", "copy the amount into the
    matching <Airtable> record": data written onto a record that exists updates it. Only when
    what is written is no record of the node ("add a note to the matching deal" makes a note).
    """
    if not _EXISTING.search(before):
        return
    kinds = {w for c in cands for w in _resource_words(c)}
    written = {w for w, x in nouns.items() if x >= _OBJECT_WEIGHT and w[:1] not in "@="}
    if written & kinds - {w[1:] for w in nouns if w.startswith("@")}:
        return
    writing = max([verbs.get(v, 0.0) for v in _WRITE_VERBS] + [1.0])
    verbs["update"] = max(verbs.get("update", 0.0), writing + 0.1)
    verbs["upsert"] = max(verbs.get("upsert", 0.0), writing)
    for place in [w for w in nouns if w.startswith("@")]:  # the record written to
        nouns[place[1:]] = max(nouns.get(place[1:], 0.0), nouns[place])


#: Canonical verbs of operations that deliver a message.
SENDS = frozenset({"send", "post", "sendmessage"})
#: A delivery verb, then where to, right before the app: "drop the draft in <Slack>", "share
#: the link in the #releases <Slack> channel", "post the task name to <Microsoft Teams>".
DELIVERED_TO = re.compile(
    r"\b(?:send|post|drop|share|put|push|forward|ping|notify|tell|dm|message|text)\w*\b"
    r"[^,;:.!?\n]*\b(?:in|on|to|into|onto|via|through|over)\s+(?:[\w#@'-]+\s+){0,4}$",
    re.I,
)
#: What is delivered is a file, which chat apps take by an upload, not a message.
_FILE_SENT = re.compile(
    r"\b(files?|images?|photos?|pictures?|videos?|attachments?|pdfs?|documents?|screenshots?|"
    r"audio|voice)\b",
    re.I,
)


#: Resources that post into a channel or chat (a direct message is not where a post goes:
#: X's "post it to X" is a tweet, not a DM).
_POSTS = frozenset({"message", "chatmessage", "channelmessage"})


def _messages_only(cands: tuple[Candidate, ...], before: str) -> tuple[Candidate, ...]:
    """A message delivered into a chat app ("post the task name to <Teams>") is sent as a
    message whatever it talks about: without this, "task" chose Teams' Planner task create."""
    clause = re.split(r"[.;:!?\n]", before)[-1]  # "post the name and who did it to <Teams>"
    if not DELIVERED_TO.search(clause) or _FILE_SENT.search(clause):
        return cands
    sending = tuple(c for c in cands if c.verbs & SENDS or (c.resource or "").lower() in _POSTS)
    return sending or cands


#: What the app holds goes on to another named place: "... events on Telegram", "... to Slack".
_TO_ANOTHER = re.compile(
    r"^\s*(?:[\w'-]+\s+){1,5}?(?:to|on|via|in|into)(?:\s+(?:the\s+)?[A-Z#]|\s*$)"
    r"|^[^.;]*?\b(?:by|via|over)\s+e-?mail\b"
)


def _delivered_elsewhere(before: str, after: str) -> bool:
    """The clause sends what it names to another place ("send me today's <Google Calendar>
    events on Telegram"): for an app that cannot send, its part is a read."""
    said = words(before)[-6:]
    return any(w in ("send", "post", "forward", "share", "push") for w in said) and bool(
        _TO_ANOTHER.match(after)
    )


def choose_operation(
    node_type: str, before: str, after: str = "", *, reads_only: bool = False
) -> tuple[str | None, str | None]:
    """The (resource, operation) best matching the words around the app mention.

    ``before`` is the clause text leading up to the mention (verbs usually come first: "add a
    row to Google Sheets"), ``after`` the text following it ("Google Sheets: append the row").
    """
    ranked = ranked_operations(node_type, before, after, reads_only=reads_only)
    if not ranked:
        return None, None
    return ranked[0][2].resource, ranked[0][2].operation


#: Stands for the app between the words before and after it, so they are read as one order.
_APP_MARK = "zzappzz"


def _order_around(before: str, after: str) -> tuple[list[str], list[str]]:
    """The order's words before the app (last 10) and after it (first 8), read as one
    sentence: "mark the <Todoist> task as done" completes, though "as done" follows the app."""
    plain = words(_QUOTED.sub(" ", before)), words(_QUOTED.sub(" ", after))
    seq = _as_order([*plain[0], _APP_MARK, *plain[1]])
    at = len(plain[0])  # the readings keep every word in place
    return seq[:at][-10:], seq[at + 1 :][:8]


def ranked_operations(
    node_type: str, before: str, after: str = "", *, reads_only: bool = False
) -> list[tuple[float, int, Candidate]]:
    """Every candidate operation with its score, best first (see :func:`choose_operation`);
    the whole ranking shows why one operation beat another."""
    cands = candidates(node_type)
    before = _CONTAINER_TAIL.sub(" from ", before)  # "the incidents for our team in <App>"
    if _SUMMARY_OF.search(before):
        reads_only = True  # "send a summary of new HubSpot deals": the deals are read
    if _delivered_elsewhere(before, after) and not any(c.verbs & SENDS for c in cands):
        reads_only = True  # "send me today's Google Calendar events on Telegram": read here
    if reads_only:  # what a schedule polls: never a write, whatever the words
        cands = tuple(c for c in cands if c.verbs & _READ)
    if not cands:
        return []
    # "open a ticket" is an action, "the open issues" is not
    before = re.sub(r"\bopen (?=(a|an|new)\b)", "create ", before, flags=re.I)
    bw, aw = _order_around(before, after)
    aw_cut = len(order_words(re.split(r"[,;.!?]", after)[0]))
    verbs, nouns = _clause_words(
        bw, aw, _resource_names_at(cands, bw), _context_words(before, bw), aw_cut
    )
    _implied(before, verbs, nouns)
    _written_onto_existing(before, cands, verbs, nouns)
    asked = set(order_words(before)) | set(aw)  # the whole clause may ask ("delete ... older than")
    safe = tuple(c for c in cands if _asked_for(c, asked))
    cands = _messages_only(safe or cands, before)
    any_verb = any(verbs.get(v, 0.0) > 0 for c in cands for v in c.verbs)
    # the words right around the app, within its clause, for _score's named words
    near = bw[-6:] + order_words(re.split(r"[,.;:!?]", after)[0])[:4]
    said = {_stem(w) for w in near} | {VERB_NOUNS[w] for w in near if w in VERB_NOUNS}
    # "the comments", "new tickets": a plural near the app reads many
    plural = {_stem(w) for w in bw[-4:] + aw[:3] if _stem(w) != w}
    named_by_verb = _verbs_naming_things(before)
    objects = _object_resources(cands, nouns)
    scored: list[tuple[float, int, Candidate]] = []
    for idx, c in enumerate(cands):
        score = _score(c, verbs, nouns, said) + (0.8 if not any_verb and c.verbs & _READ else 0)
        score -= _not_the_object(c, objects, nouns)
        if named_by_verb & _made_words(c):
            score += 3.0  # "comment on the PR": createComment, as a verb's own match would
        if "getall" in c.verbs and c.nouns & plural:
            score += 0.6
        scored.append((score, -idx, c))
    return sorted(scored, key=lambda k: k[:2], reverse=True)


def _resource_words(c: Candidate) -> frozenset[str]:
    return _words_of_resource(c.resource or "")


def _place_only(word: str, nouns: dict[str, float]) -> bool:
    """``word`` is said only as where the step acts ("to the card"), never as what it acts on."""
    return "@" + word in nouns and nouns.get(word, 0.0) <= 0.6 * nouns["@" + word] + 1e-9


#: A noun this near the order (not in a clause before it) can be what the order acts on.
_OBJECT_WEIGHT = 0.45


def _object_resources(cands: tuple[Candidate, ...], nouns: dict[str, float]) -> frozenset[str]:
    """The node's resources the order names as what it acts on: every word of the resource
    said (a place word may complete it - "them ... on the list": contactList), at least one
    of them as the object ("attach the file to the card": attachment, not card)."""
    said = {w for w, x in nouns.items() if x >= _OBJECT_WEIGHT and w[:1] not in ("@", "=")}
    objects = {w for w in said if not _place_only(w, nouns)}
    places = {w[1:] for w in nouns if w.startswith("@")}
    return frozenset(
        c.resource
        for c in cands
        if c.resource
        and (words := _resource_words(c))
        and words <= objects | places
        and words & objects
    )


def _words_of_resource(resource: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _camel_words(resource)) - _EVERY_NODE


def _not_the_object(c: Candidate, objects: frozenset[str], nouns: dict[str, float]) -> float:
    """A penalty for a resource the order does not act on when it names one it does: "close
    the linked GitHub issue" after "when a pull request is merged" closes the issue, not the
    pull request; a resource said only as the place ("to the Trello card") loses more."""
    if not objects or c.resource is None or c.resource in objects:
        return 0.0
    words = _resource_words(c)
    if any(words & _words_of_resource(o) for o in objects):
        return 0.0  # "the Notion database" and databasePage: named in part, see _score
    place = bool(words) and all(_place_only(w, nouns) for w in words)
    return 1.2 + (0.5 if place else 0.0)


def _named_words(c: Candidate) -> frozenset[str]:
    """The words of the candidate's resource and operation values ("issueComment", "add"),
    stemmed, without the ones every node has ("get", "all")."""
    raw = _camel_words(c.resource or "") + _camel_words(c.operation or "")
    return frozenset(_stem(w) for w in raw if w not in _EVERY_NODE)


def _score(c: Candidate, verbs: dict[str, float], nouns: dict[str, float], said: set[str]) -> float:
    """How well a candidate fits the clause: its best verb and noun, the mined prior, n8n's
    default - and each further word of its resource and operation the clause says ("add a
    comment to the Jira issue" says all of issueComment/add, only "issue" of issue/create)."""
    score = max((verbs.get(v, 0.0) for v in c.verbs), default=0.0) * 3.0
    score += max((nouns.get(n, 0.0) for n in c.nouns), default=0.0) * 2.5
    score += 0.35 * c.prior
    if c.is_default:
        score += 0.6
    named = _named_words(c)
    score += 1.0 * max(0, len(named & said) - 1)
    # "the YouTube playlists" name a playlist, not a playlist item: a resource named in part
    # loses for each of its words the clause does not say
    resource = {_stem(w) for w in _camel_words(c.resource or "")} - _EVERY_NODE
    if resource & said:
        score -= 0.8 * len(resource - said - set(nouns))
    return (
        score
        + (1.0 if len(named) > 1 and named <= said else 0.0)
        + _own_verb(c, verbs)
        + _membership(c, resource, verbs, nouns)
        - 0.3 * len(_qualifiers(c, resource) - said - set(nouns))
    )


#: Request verbs that put a thing into a place or take it out ("add them to the list",
#: "drop the contact from the list"), as opposed to making a new thing there.
_PUT_IN = frozenset("add put insert push subscribe enroll enrol attach tag dropin".split())
_TAKE_OUT = frozenset("remove drop delete unsubscribe kick".split())
_MAKE = frozenset("create make new open raise setup".split())


def _membership(
    c: Candidate, resource: set[str], verbs: dict[str, float], nouns: dict[str, float]
) -> float:
    """A bonus for a resource of two words whose operation puts its first into its second
    (contactList/add "Add a contact to a list", taskProject/add) when the request puts the
    object into that place or takes it out: "put them on the 'Paying' list in HubSpot" says
    "list" only as where they go, and would otherwise be a contact upsert."""
    if len(resource) < 2 or not any("@" + w in nouns for w in resource):
        return 0.0
    verb = operation_verb(c.operation)
    family = _PUT_IN if verb == "add" else _TAKE_OUT if verb in ("remove", "delete") else None
    if family is None:
        return 0.0
    said = max((verbs.get("=" + w, 0.0) for w in family), default=0.0)
    made = max((verbs.get("=" + w, 0.0) for w in _MAKE), default=0.0)
    return 1.5 if said > made else 0.0


def _own_verb(c: Candidate, verbs: dict[str, float]) -> float:
    """A bonus when the request's own verb is the operation's ("reply" for Reply, "archive"
    for Archive): an exact word outweighs a synonym's match plus how common an operation is
    (Gmail's "send" is used far more often than its "reply")."""
    verb = operation_verb(c.operation)
    if verb in _GENERAL_VERBS:
        return 0.0
    return 1.2 * verbs.get("=" + verb, 0.0)


def _qualifiers(c: Candidate, resource: set[str]) -> set[str]:
    """The words of an operation's value after its verb that are neither verbs nor its
    resource ("template" of sendTemplate, "document" of sendDocument): each is a kind the
    request must say, else the plain operation fits better."""
    split = _camel_words(c.operation or "")[1:]
    return {_stem(w) for w in split if w not in ORDER_VERBS} - _EVERY_NODE - resource
