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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from engine.lexicon import (
    ASK_FIRST_VERBS,
    BASIC_READ_OPERATIONS,
    CHANNEL_APPS,
    CLAUSE_BREAK_BEFORE_APP,
    CLAUSE_END_AFTER_APP,
    CONTAINER_TAIL,
    CREATING_OPERATIONS,
    DELIVERED_TO,
    DESCRIBING_WORDS,
    DETERMINER_WORDS,
    DONE_STATES,
    DROP_PLACED_IN,
    DROP_TAKEN_FROM,
    EVERY_NODE_OPERATION_WORDS,
    EXISTING_RECORD_BEFORE,
    FILE_SENT,
    GENERAL_VERBS,
    INTO_DESTINATION,
    INTO_THE_APP,
    JOIN_WORDS,
    MAKE_VERBS,
    NOUN_SYNONYMS,
    OFF_VERBS,
    ONLY_VERBS,
    OPEN_AS_CREATE,
    OPERATION_STOP_WORDS,
    OPERATION_TOKEN_CANON,
    ORDER_START,
    ORDER_VERBS,
    PAST_WINDOW,
    PERSON_PRONOUNS,
    PLACE_OR_SOURCE_WORDS,
    PLACE_WORDS,
    POSTING_RESOURCES,
    PUT_IN_VERBS,
    QUOTED_NAME,
    READ_DESCRIBING_WORDS,
    RECEIVED_THIRD_PERSON,
    RECORD_SYNONYMS,
    SAID_AS_ORDERS,
    SENDS,
    SET_UP_OBJECT_WORDS,
    STORE_STRUCTURE_NOUNS,
    SUMMARY_OF,
    TAKE_OUT_VERBS,
    TAKEN_ELSEWHERE_VERBS,
    TO_ANOTHER_APP,
    TO_APP_BEFORE,
    VERB_NOUNS,
    VERB_SYNONYMS,
    WAITS_FOR_AN_ANSWER,
    WRITE_ORDER_VERBS,
)
from indexing.catalog.load import load_catalog
from indexing.catalog.params import ParameterResolutionError, is_displayed, resolve_parameters

log = logging.getLogger(__name__)

_WORD = re.compile(r"[a-z][a-z0-9]*")


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``; a "drop" that places something reads as "dropin"
    (see :func:`placing_drops`)."""
    return placing_drops(_WORD.findall(text.lower()))


def order_words(text: str) -> list[str]:
    """:func:`words` as an order is read when its operation is chosen: without the names it
    quotes (the 'Weekly close' sheet closes nothing), a verb of two words as the one it means
    (see :func:`phrasal_verbs`), a verb's third person as the verb ("the AI drafts a reply")."""
    return _as_order(words(QUOTED_NAME.sub(" ", text)))


def _as_order(plain: list[str]) -> list[str]:
    """``plain`` words with two-word verbs and third persons read as the verbs they are."""
    seq = phrasal_verbs(plain)
    nxt = seq[1:] + [""]
    return [
        w[:-1]
        if w.endswith("s")
        and w[:-1] in ORDER_VERBS
        and (nxt[i] in DETERMINER_WORDS | PERSON_PRONOUNS or w[:-1] in ONLY_VERBS)
        and not (i > 0 and seq[i - 1] in DETERMINER_WORDS)
        and w not in RECEIVED_THIRD_PERSON
        and w[:-1] not in SAID_AS_ORDERS
        else w
        for i, w in enumerate(seq)
    ]


def _after_as(ahead: list[str]) -> list[str]:
    """The word after "as" in ``ahead`` ("the task as done" -> ["done"]), else nothing."""
    return ahead[ahead.index("as") + 1 :][:1] if "as" in ahead else []


def phrasal_verbs(seq: list[str]) -> list[str]:
    """``seq`` with each verb of two words read as the one verb it means ("take ... off" ->
    "remove", "set ... up" / "set a" -> "setup").

    Why: the catalog's actions say "Remove a contact from a list" and "Create a vendor"; the
    request's "take them off the list" or "set them up as a vendor" has neither word, and its
    "take" alone reads as a get."""
    if not OFF_VERBS.intersection(seq) and not {"set", "mark", "flag"}.intersection(seq):
        return seq
    out = list(seq)
    for i, w in enumerate(seq):
        ahead = seq[i + 1 : i + 5]
        if w in OFF_VERBS and "off" in ahead and "from" not in ahead[: ahead.index("off")]:
            out[i] = "remove"
        elif w == "set" and (ahead[:1] == ["up"] or ahead[:1] and ahead[0] in ("a", "an")):
            out[i] = "setup"
        elif w == "set" and "up" in ahead[:3] and ahead[0] in SET_UP_OBJECT_WORDS:
            out[i] = "setup"  # "set them up", "set the customer up"
        elif w in ("mark", "flag") and DONE_STATES.intersection(_after_as(seq[i + 1 : i + 8])):
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
        at = next((j for j, x in enumerate(ahead) if x in PLACE_OR_SOURCE_WORDS), None)
        if at is None or ahead[at] in DROP_TAKEN_FROM:
            continue
        if ahead[at] in DROP_PLACED_IN and STORE_STRUCTURE_NOUNS & set(ahead[:at]):
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
    return list(_camel_split(value or ""))


@lru_cache(maxsize=8192)
def _camel_split(value: str) -> tuple[str, ...]:
    """The lower-case words of a camelCase value, split once per value: every candidate's
    resource and operation are split again for every clause scored (#12: CPU per request)."""
    return tuple(w.lower() for w in re.findall(r"[A-Za-z][a-z0-9]*", value))


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
def mined_operation_support() -> Mapping[tuple[str, str | None, str | None], int]:
    """How many public workflows use each (node type, resource, operation) the mined patterns
    hold, in the patterns' order: the operation ranking's prior, and the operations the
    service's warm-up prepares (``engine.node_facts``). Read-only (shared by every caller)."""
    out: dict[tuple[str, str | None, str | None], int] = {}
    for p in mined_patterns():
        if p.get("kind") == "operation":
            key = (p["node_type"], p.get("resource"), p.get("operation"))
            out[key] = int((p.get("support") or {}).get("workflows", 0))
    return MappingProxyType(out)


@lru_cache(maxsize=2048)
def candidates(node_type: str) -> tuple[Candidate, ...]:
    """Every (resource, operation) the node's default version offers, with its words."""
    cat = load_catalog()
    tv = cat.default_version(node_type)
    nv = cat.get(node_type, tv)
    if nv is None:
        return ()
    support = mined_operation_support()
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
                        if (t not in VERB_SYNONYMS or t in READ_DESCRIBING_WORDS) and t not in verbs
                    )
                    | nouns
                    | _noun_operation(o.value, o.action or "")
                ) - OPERATION_STOP_WORDS
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
    canon = OPERATION_TOKEN_CANON.get(value.lower())
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
    return _made_by(c.resource or "", c.operation or "")


@lru_cache(maxsize=8192)
def _made_by(resource: str, operation: str) -> frozenset[str]:
    op = _camel_words(operation)
    made = {op[1]} if len(op) == 2 and op[0] in ("create", "add") else set()
    res = _camel_words(resource)
    if len(op) == 1 and op[0] in ("create", "add") and len(res) > 1:
        made.add(res[-1])
    return frozenset(made)


def _verbs_naming_things(before: str) -> frozenset[str]:
    """Words used as verbs that name a thing ("comment on the PR", ", tag them as cold"):
    a bare word no verb list knows, beginning an order in the clause before the app, and
    followed by what it is done to ("... table and also": no verb)."""
    return frozenset(
        w
        for w in (m.group(1).lower() for m in ORDER_START.finditer(before[-80:]))
        if len(w) > 2
        and (w not in ORDER_VERBS or w in VERB_NOUNS)
        and w not in OPERATION_STOP_WORDS
        and _stem(w) == w
    )


def _noun_operation(value: str, action: str) -> frozenset[str]:
    """A read named by a noun alone (Google Calendar's "availability", "Get availability in a
    calendar"; Slack's "history"): that noun is what it returns. Empty for anything else."""
    split = _camel_words(value)
    if len(split) != 1 or split[0] in VERB_SYNONYMS or split[0] in OPERATION_TOKEN_CANON:
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
    needs = ASK_FIRST_VERBS.get(operation_verb(c.operation))
    if (c.operation or "").lower() == "sendandwait":
        needs = WAITS_FOR_AN_ANSWER  # "send" alone posts; waiting is asked for
    return needs is None or any(w in request_words for w in needs)


def _is_noun(seq: list[str], j: int) -> bool:
    """``seq[j]``, a verb-like word, names a thing or which ones here: "the email", "a post"
    (after a determiner); "mark it as unread" (the state to set); "get new comments"."""
    if seq[j] in READ_DESCRIBING_WORDS:  # "mark unread messages as read" marks
        return "mark" in seq or (j > 0 and seq[j - 1] == "as")
    if seq[j] == "new" and j > 0 and seq[j - 1] in ("any", "all", "for"):
        # "check for new rows": which ones; "a folder for new hires": create
        return any(w in ORDER_VERBS for w in seq[: j - 1])
    if seq[j] == "new" and j > 1 and seq[j - 1] == "s":
        return True  # "the week's new orders": a possessive, then which ones
    if seq[j] == "new" and j > 0 and set(ORDER_VERBS.get(seq[j - 1], ())) & BASIC_READ_OPERATIONS:
        return True  # "get new comments": a read, then which ones
    if j > 1 and seq[j - 2] in DETERMINER_WORDS and seq[j - 1] in DESCRIBING_WORDS:
        return True  # "the existing message", "a new email arrives": a thing, described
    return j > 0 and seq[j - 1] in DETERMINER_WORDS or in_place_phrase(seq, j)


def in_place_phrase(seq: list[str], j: int, start: int = 0) -> bool:
    """``seq[j]`` stands in a place phrase - "to/on/from" and a determiner before it, no verb
    between ("add them to the 'Beta testers' list", "files from the backups folder").

    Why: such a word is where the step acts, not what it does ("list" there is no "Get
    many") nor, in most cases, the record it acts on (the file, not the folder)."""
    if (
        seq[j] in ORDER_VERBS
        and seq[j + 1 : j + 2]
        and seq[j + 1] in DETERMINER_WORDS | PERSON_PRONOUNS
    ):
        return False  # "... tool => raise a <PagerDuty> incident": a verb and its object
    for k in range(j - 1, max(start - 1, j - 6), -1):
        w = seq[k]
        if w == "for" and seq[k + 1 : k + 2] in (["each"], ["every"]):
            return False  # "for each one, check in ...": which ones, not for whom
        if w in PLACE_WORDS:
            return any(x in DETERMINER_WORDS for x in seq[k + 1 : j])
        if w in JOIN_WORDS:
            return False  # "... in the chat and log it": a new order begins
        if w in ORDER_VERBS and not (k > 0 and seq[k - 1] in DETERMINER_WORDS):
            return False
    return False


def _add_verbs(verbs: dict[str, float], word: str, weight: float) -> None:
    """Each canonical verb ``word`` means, and ``word`` itself as "=word" (see _score)."""
    for v in ORDER_VERBS.get(word, ()):
        first = ORDER_VERBS[word][0]
        verbs[v] = max(verbs.get(v, 0), weight * (1.0 if v == first else 0.7))
    if word in ORDER_VERBS:
        verbs["=" + word] = max(verbs.get("=" + word, 0.0), weight)


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
        joined = joined or (acted and w in JOIN_WORDS)
        if not _noun_in(seq, j, cuts) and j not in named:
            _add_verbs(verbs, w, weight * (0.5 if joined else 1.0))
            _add_noun(nouns, VERB_NOUNS.get(w), weight)
            acted = acted or w in ORDER_VERBS
        if j + 1 < len(bw) and w in ORDER_VERBS and bw[j + 1] in DETERMINER_WORDS | PERSON_PRONOUNS:
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
    if INTO_DESTINATION.search(before):
        # "pull refunds into a Google Sheet": the app right after "into" is where data goes,
        # whatever verb began the clause
        for v in CREATING_OPERATIONS:
            verbs[v] = max(verbs.get(v, 0.0), 1.3)
        verbs["=put"] = max(verbs.get("=put", 0.0), 1.0)  # put there (see _membership)
    if not any(verbs.values()) and TO_APP_BEFORE.search(before):
        # "... events to Discord": nothing else is done with the app - it receives
        for v in ("send", "post", "create", "append", "upload"):
            verbs[v] = max(verbs.get(v, 0.0), 1.0)
    sending = max(verbs.get("send", 0.0), verbs.get("post", 0.0))
    if sending:  # "send it to Teams": what is sent is a message
        nouns["message"] = max(nouns.get("message", 0.0), 0.5 * sending)
    for noun, weight in list(nouns.items()):
        for alias in NOUN_SYNONYMS.get(noun, ()):
            nouns[alias] = max(nouns.get(alias, 0.0), weight * 0.5)


def _other_names(cands: tuple[Candidate, ...], nouns: dict[str, float]) -> None:
    """A record said under an everyday name no resource of the node uses ("create a
    <Pipedrive> contact", "the open opps in <Salesforce>", "the day's <Shopify> sales") names
    the node's record of that kind under its own name (person, opportunity, order:
    ``RECORD_SYNONYMS``), as strongly as the word itself - else the node's default resource
    wins for want of a noun."""
    held = {n for c in cands if c.resource for n in c.nouns}
    for noun, weight in list(nouns.items()):
        mark, word = ("@", noun[1:]) if noun.startswith("@") else ("", noun)
        if noun.startswith("=") or word in held:
            continue
        for same in RECORD_SYNONYMS:
            for mate in same & held if word in same else ():
                nouns[mark + mate] = max(nouns.get(mark + mate, 0.0), weight)


def _written_onto_existing(
    before: str, cands: tuple[Candidate, ...], verbs: dict[str, float], nouns: dict[str, float]
) -> None:
    """ "push the new values onto the matching <Salesforce> contact", "copy the amount into the
    matching <Airtable> record": data written onto a record that exists updates it. Only when
    what is written is no record of the node ("add a note to the matching deal" makes a note).
    """
    if not EXISTING_RECORD_BEFORE.search(before):
        return
    kinds = {w for c in cands for w in _resource_words(c)}
    written = {w for w, x in nouns.items() if x >= _OBJECT_WEIGHT and w[:1] not in "@="}
    if written & kinds - {w[1:] for w in nouns if w.startswith("@")}:
        return
    writing = max([verbs.get(v, 0.0) for v in CREATING_OPERATIONS] + [1.0])
    verbs["update"] = max(verbs.get("update", 0.0), writing + 0.1)
    verbs["upsert"] = max(verbs.get("upsert", 0.0), writing)
    for place in [w for w in nouns if w.startswith("@")]:  # the record written to
        nouns[place[1:]] = max(nouns.get(place[1:], 0.0), nouns[place])


def _messages_only(cands: tuple[Candidate, ...], before: str) -> tuple[Candidate, ...]:
    """A message delivered into a chat app ("post the task name to <Teams>") is sent as a
    message whatever it talks about: without this, "task" chose Teams' Planner task create."""
    clause = re.split(r"[.;:!?\n]", before)[-1]  # "post the name and who did it to <Teams>"
    if not DELIVERED_TO.search(clause) or FILE_SENT.search(clause):
        return cands
    sending = tuple(
        c for c in cands if c.verbs & SENDS or (c.resource or "").lower() in POSTING_RESOURCES
    )
    return sending or cands


def _records_of_a_past_window(before: str, after: str) -> bool:
    """The app's records are qualified by a time already past (``PAST_WINDOW``): "the new
    <Chargebee> customers from last week", "<Trello> cards created yesterday", "last month's
    <Stripe> refunds" - records that exist, so the app's part is a read. Why: "new" and
    "created" read as create, and the app made records on a schedule that only reports them
    (the destination named first, so ``_delivered_elsewhere`` had no place after the app)."""
    ordered = CLAUSE_BREAK_BEFORE_APP.split(before)[-1]
    if set(words(ordered)) & WRITE_ORDER_VERBS or INTO_THE_APP.search(before):
        return False  # "create a <Jira> issue for ..."; "back up last month's reports to <GitHub>"
    clause = CLAUSE_END_AFTER_APP.split(after)[0]
    near = " ".join(words(before)[-3:])
    return bool(PAST_WINDOW.search(clause) or PAST_WINDOW.search(near))


def _delivered_elsewhere(before: str, after: str) -> bool:
    """The clause sends what it names to another place ("send me today's <Google Calendar>
    events on Telegram", "put last week's <WooCommerce> sales into a Google Sheet"): for an
    app that cannot send, its part is a read."""
    said = words(before)[-6:]
    return any(w in TAKEN_ELSEWHERE_VERBS for w in said) and bool(TO_ANOTHER_APP.match(after))


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
    plain = words(QUOTED_NAME.sub(" ", before)), words(QUOTED_NAME.sub(" ", after))
    seq = _as_order([*plain[0], _APP_MARK, *plain[1]])
    at = len(plain[0])  # the readings keep every word in place
    return seq[:at][-10:], seq[at + 1 :][:8]


def _new_of_its_own(bw: list[str], aw: list[str], cands: tuple[Candidate, ...]) -> list[str]:
    """The words before the app without a "new" that describes another app's records: "show
    new Zendesk tickets in <Slack>" makes no Slack channel - the tickets are new, Zendesk's -
    while "a new <Slack> channel" and "one new delivery task in <Onfleet>" keep it. Why: "new"
    reads as create (``VERB_SYNONYMS``), and a chat app named after another app's new
    records got its channel/create instead of a message. Only for chat apps
    (``CHANNEL_APPS``): elsewhere that "new" was the one word saying the record is made
    ("thank the user on <Twitter>" after "new github star" is a tweet)."""
    out = []
    for i, word in enumerate(bw):
        following = bw[i + 1 : i + 3] if i + 1 < len(bw) else aw[:1]
        if word == "new" and following and _names_an_app(following):
            continue
        out.append(word)
    return out


def _names_an_app(said: list[str]) -> bool:
    """The words open an app's name ("zendesk tickets", "google sheets"): one word, or two."""
    from engine.intent.names import name_table

    table = name_table()
    keys = [said[0], "".join(said[:2])] if len(said) > 1 else [said[0]]
    return any(
        name.kind != "ai" and not name.ambiguous for key in keys for name in table.get(key, ())
    )


def ranked_operations(
    node_type: str, before: str, after: str = "", *, reads_only: bool = False
) -> list[tuple[float, int, Candidate]]:
    """Every candidate operation with its score, best first (see :func:`choose_operation`);
    the whole ranking shows why one operation beat another."""
    cands = candidates(node_type)
    before = CONTAINER_TAIL.sub(" from ", before)  # "the incidents for our team in <App>"
    if SUMMARY_OF.search(before):
        reads_only = True  # "send a summary of new HubSpot deals": the deals are read
    if _delivered_elsewhere(before, after) and not any(c.verbs & SENDS for c in cands):
        reads_only = True  # "send me today's Google Calendar events on Telegram": read here
    if _records_of_a_past_window(before, after) and not any(c.verbs & SENDS for c in cands):
        reads_only = True  # "post in Slack the new <Chargebee> customers from last week"
    if reads_only:  # what a schedule polls: never a write, whatever the words
        cands = tuple(c for c in cands if c.verbs & BASIC_READ_OPERATIONS)
    if not cands:
        return []
    # "open a ticket" is an action, "the open issues" is not
    before = OPEN_AS_CREATE.sub("create ", before)
    bw, aw = _order_around(before, after)
    if node_type in CHANNEL_APPS:
        bw = _new_of_its_own(bw, aw, cands)
    aw_cut = len(order_words(re.split(r"[,;.!?]", after)[0]))
    verbs, nouns = _clause_words(
        bw, aw, _resource_names_at(cands, bw), _context_words(before, bw), aw_cut
    )
    _implied(before, verbs, nouns)
    _other_names(cands, nouns)
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
    plural |= {m for same in RECORD_SYNONYMS if plural & same for m in same}  # "sales": orders
    named_by_verb = _verbs_naming_things(before)
    objects = _object_resources(cands, nouns)
    scored: list[tuple[float, int, Candidate]] = []
    for idx, c in enumerate(cands):
        score = _score(c, verbs, nouns, said) + (
            0.8 if not any_verb and c.verbs & BASIC_READ_OPERATIONS else 0
        )
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


@lru_cache(maxsize=8192)
def _words_of_resource(resource: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _camel_words(resource)) - EVERY_NODE_OPERATION_WORDS


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
    return _named_by(c.resource or "", c.operation or "")


@lru_cache(maxsize=8192)
def _named_by(resource: str, operation: str) -> frozenset[str]:
    raw = _camel_words(resource) + _camel_words(operation)
    return frozenset(_stem(w) for w in raw if w not in EVERY_NODE_OPERATION_WORDS)


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
    resource = set(_resource_words(c))
    if resource & said:
        score -= 0.8 * len(resource - said - set(nouns))
    return (
        score
        + (1.0 if len(named) > 1 and named <= said else 0.0)
        + _own_verb(c, verbs)
        + _membership(c, resource, verbs, nouns)
        - 0.3 * len(_qualifiers(c, resource) - said - set(nouns))
    )


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
    family = (
        PUT_IN_VERBS if verb == "add" else TAKE_OUT_VERBS if verb in ("remove", "delete") else None
    )
    if family is None:
        return 0.0
    said = max((verbs.get("=" + w, 0.0) for w in family), default=0.0)
    made = max((verbs.get("=" + w, 0.0) for w in MAKE_VERBS), default=0.0)
    return 1.5 if said > made else 0.0


def _own_verb(c: Candidate, verbs: dict[str, float]) -> float:
    """A bonus when the request's own verb is the operation's ("reply" for Reply, "archive"
    for Archive): an exact word outweighs a synonym's match plus how common an operation is
    (Gmail's "send" is used far more often than its "reply")."""
    verb = operation_verb(c.operation)
    if verb in GENERAL_VERBS:
        return 0.0
    return 1.2 * verbs.get("=" + verb, 0.0)


def _qualifiers(c: Candidate, resource: set[str]) -> set[str]:
    """The words of an operation's value after its verb that are neither verbs nor its
    resource ("template" of sendTemplate, "document" of sendDocument): each is a kind the
    request must say, else the plain operation fits better."""
    split = _camel_words(c.operation or "")[1:]
    return {_stem(w) for w in split if w not in ORDER_VERBS} - EVERY_NODE_OPERATION_WORDS - resource
