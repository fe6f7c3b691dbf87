"""An HTTP Request the request asks for by name, aimed at an app's API.

"Call the Stripe API to list payouts", "hit the Shopify REST API for abandoned checkouts",
"fetch the ticket audits through the Zendesk API": the spec makes one HTTP Request step for
the words "API"/"HTTP" and one step for the app it names. The user asked for that app's API,
so the HTTP Request calls it with the app's own n8n credential (the "predefined credential
type", as in ``coverage``) at the path of the object asked for, and the app node made from the
same words goes - unless the request asks the node for something else elsewhere.

Which app and which object are read from the sentence around the words "API"/"HTTP", the same
way for every app: the app named nearest to them, and the first thing an action governs there
(an explicit path such as ``/v1/refunds`` first).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from engine.lexicon import (
    ANOTHER_THING_AFTER,
    API_CALL_MENTION,
    API_CALL_OWN_WORDS,
    API_CLAUSE_BREAK,
    API_LEAD_IN_WORDS,
    API_OBJECT_END_WORDS,
    API_OBJECT_LEADING_WORDS,
    API_PATH_PREFIX_SEGMENT,
    API_TO_APP_GAP_WORDS,
    CALL_ONLY_VERBS,
    CREDENTIAL_AFTER_NAME,
    DETERMINER_WORDS,
    METHOD_AND_PATH,
    NODE_AFTER_NAME,
    NOT_A_CALL_AFTER_API,
    URL_PATH,
    URL_WITH_HOST,
)
from engine.offline.api_credentials import (
    HTTP_REQUEST,
    api_base_url,
    api_call,
    call_hints,
    proxy_credential,
)
from engine.offline.app_naming import clause_at, names_app, namings
from engine.offline.clause_words import (
    DETERMINERS,
    EXTRA_ACTIONS,
    NOUN_ACTIONS,
    TIME_WORDS,
    is_object_noun,
)
from engine.offline.coverage import asks_node
from engine.offline.node_vocabulary import known_to_node
from engine.offline.operations import VERB_SYNONYMS, words
from engine.types import Spec, StepSpec
from indexing.catalog.load import load_catalog
from nodepilot.workflow import BASE

#: Where a sentence ends: the app and object of an API call are named inside it.
_SENTENCE = re.compile(r"[.;!?\n]\s|[.;!?]$|\n")
#: A path written in the request ("/v1/refunds", "/repos/{owner}/{repo}/traffic/views").
_PATH = re.compile(r"(?<![\w.:/])/((?:[A-Za-z0-9_{}.-]+/)*[A-Za-z0-9_{}.-]+)")


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The start and end of the sentence of ``text`` holding ``pos``."""
    start = 0
    for m in _SENTENCE.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            return start, m.start()
    return start, len(text)


def _object_path(node_type: str, phrase: list[str]) -> str:
    """The API path of a phrase (head noun last): the head, after the words before it that
    say which kind ("click reports", "time entries") and the node does not name itself
    ("workflow runs" of GitHub are runs)."""
    kinds = [
        w
        for w in phrase[:-1]
        if (is_object_noun(w) or w == "time")
        and not w.endswith("ed")
        and not known_to_node(node_type, w)
    ]
    return "_".join([*kinds[-1:], phrase[-1]])


def _phrase_after(tokens: list[str], i: int, skip: set[int]) -> list[str]:
    """The noun phrase starting after ``tokens[i]``: which-words, possessives ("the team's")
    and the call's own words skipped first; it ends at a preposition, a verb or a time."""
    phrase: list[str] = []
    for j in range(i + 1, min(len(tokens), i + 9)):
        word = tokens[j]
        if j in skip or word in API_CALL_OWN_WORDS:
            if phrase:
                break
            continue
        if word.endswith("'s") or (
            not phrase and (word in API_OBJECT_LEADING_WORDS or word in TIME_WORDS)
        ):
            phrase.clear()  # "the team's scheduled reminders": the owner, then what
            continue
        if (
            word in API_OBJECT_END_WORDS
            or word in TIME_WORDS
            or word in VERB_SYNONYMS
            or word.isdigit()
        ):
            break
        if phrase and word.endswith("ed") and word not in ("need", "feed"):
            break  # "the quotes created this week": what follows describes them
        phrase.append(word)
    return phrase


def _is_thing(phrase: list[str]) -> bool:
    head = phrase[-1] if phrase else ""
    return is_object_noun(head) or (len(phrase) > 1 and head.isalpha() and len(head) >= 4)


def api_object(node_type: str, sentence: str, skip_spans: list[tuple[int, int]]) -> tuple[str, str]:
    """What the sentence asks of the app's API, as a path, and the action asking for it: an
    explicit path, else the first thing an action governs ("list payouts", "for abandoned
    checkouts", "<App> campaign click reports"); ("", action) when no thing is said."""
    url = URL_PATH.search(sentence)
    path = url or _PATH.search(sentence)
    if path:
        parts = [p for p in path.group(1).split("/") if p and "{" not in p and ":" not in p]
        parts = [p for p in parts if not API_PATH_PREFIX_SEGMENT.fullmatch(p)]
        if parts:
            return parts[-1].removesuffix(".json"), _first_action(sentence[: path.start()])
    tokens: list[str] = []
    skip: set[int] = set()
    for m in re.finditer(r"[A-Za-z][A-Za-z'\u2019-]*|\d+", sentence):
        if any(a <= m.start() < b for a, b in skip_spans):
            skip.add(len(tokens))
        tokens.append(m.group(0).lower().replace("\u2019", "'"))
    for i, word in enumerate(tokens):
        action = _action(word, tokens[i + 1] if i + 1 < len(tokens) else "")
        if i in skip and word not in API_CALL_OWN_WORDS | {"rest", "graphql"}:
            # "<App> campaign click reports": the app, then what of it
            action = "get" if i + 1 < len(tokens) and i + 1 not in skip else ""
        elif word == "for" and _after_call(tokens, i, skip):
            action = "get"  # "the Shopify REST API (every day) for abandoned checkouts"
        if not action or action in CALL_ONLY_VERBS:
            continue
        phrase = _phrase_after(tokens, i, skip)
        if phrase and _is_thing(phrase):
            return _object_path(node_type, phrase), action
    return "", _first_action(sentence)


def _after_call(tokens: list[str], i: int, skip: set[int]) -> bool:
    """``tokens[i]`` comes right after the call's words or the app, words of when aside."""
    j = i - 1
    while j >= 0 and (
        tokens[j] in TIME_WORDS or tokens[j] in ("every", "each") or tokens[j].isdigit()
    ):
        j -= 1
    return j >= 0 and (j in skip or tokens[j] in API_CALL_OWN_WORDS)


def _action(word: str, following: str = "") -> str:
    """``word`` as an action ("pulls" -> "pull"); "" when it is none, and for a word as often
    a noun unless a determiner follows ("the Linear trigger on ..." is none)."""
    bare = word[:-1] if word.endswith("s") and word[:-1] in VERB_SYNONYMS else word
    if bare in ("new", "all", "many") or (bare in NOUN_ACTIONS and following not in DETERMINERS):
        return ""
    return bare if bare in VERB_SYNONYMS or bare in EXTRA_ACTIONS else ""


def _first_action(text: str) -> str:
    said = words(text)
    actions = (_action(w, nxt) for w, nxt in zip(said, [*said[1:], ""], strict=True))
    return next((a for a in actions if a and a not in CALL_ONLY_VERBS), "")


def writes(action: str) -> bool:
    """The action creates or changes something (the call is a POST)."""
    meaning = EXTRA_ACTIONS.get(action) or VERB_SYNONYMS.get(action, ("get",))[0]
    return meaning not in ("get", "getall", "read", "search", "list")


def _clause_at(text: str, pos: int) -> tuple[int, int]:
    """The start and end of the clause of ``text`` holding ``pos``."""
    start, end = 0, len(text)
    for m in API_CLAUSE_BREAK.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


#: Words that may stand between an app's name and "API": "the", "'s", "REST", a few more.
_NEAR_WORDS = 4


def _beside(request: str, naming: tuple[int, int], mention: tuple[int, int]) -> bool:
    """The app named at ``naming`` is the one the "API"/"HTTP" words at ``mention`` are about.
    Named before them: at most a few words between, none another name or an arrow ("the
    Stripe API", "Mailchimp campaign click reports via HTTP"). Named after them: only the
    words of a call between ("an HTTP request to Stripe's", "an API call to Notion")."""
    if naming[1] <= mention[0]:
        gap = _PATH.sub(" ", request[naming[1] : mention[0]])  # "HubSpot's /crm/v3/quotes"
        tokens = re.findall(r"[A-Za-z][\w'-]*", gap)
        if any(mark in gap for mark in ("->", ",", "\u2192")) or (
            ("(" in gap or ")" in gap) and not set(map(str.lower, tokens)) <= API_CALL_OWN_WORDS
        ):
            return False  # "the Notion API (http request)": the same call, in brackets
        named = [t for t in tokens if t[:1].isupper()]
        return len(tokens) <= _NEAR_WORDS and (not named or _its_api_term(gap))
    tokens = words(request[mention[1] : naming[0]])
    return len(tokens) <= _NEAR_WORDS and set(tokens) <= API_TO_APP_GAP_WORDS


def _its_api_term(gap: str) -> bool:
    """The words between an app's name and "API"/"endpoint" (``gap``) are a term of that
    app's API, as its reference writes them ("the Xero BankTransactions endpoint", "the HubSpot
    Associations v4 API"): plain words after a space, no determiner, no other app's name, no
    name joined by hyphens or dots ("the YouTube-to-Blog API" is another service's). Why: a
    capitalised word there was read as another service's name, and the call went out with no
    credential to a placeholder host while the app node did something else."""
    tokens = gap.split()
    return (
        gap[:1].isspace()
        and 0 < len(tokens) <= 3
        and all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", t) for t in tokens)
        and not any(t.lower() in DETERMINER_WORDS or names_app(t) for t in tokens)
    )


def _own_api(request: str, mention: tuple[int, int]) -> bool:
    """The word right before "API" names another service ("the ssl-checker.io API", "the
    Dumpling AI extract-document API"): the API is that one's, not an app's named nearby."""
    before = re.findall(r"[\w.'-]+", request[max(0, mention[0] - 40) : mention[0]])
    if not before or before[-1].lower() in API_LEAD_IN_WORDS:
        return False
    word = before[-1]  # a name: "MadKudu", "ssl-checker.io", "extract-document"
    return word[:1].isupper() or "." in word or "-" in word


@lru_cache(maxsize=1)
def _api_apps() -> tuple[str, ...]:
    """Action nodes of n8n-nodes-base whose credential the HTTP Request node can use."""
    cat = load_catalog()
    return tuple(
        t
        for t in cat.types(include_variants=False)
        if t.startswith(BASE) and not cat.is_trigger(t) and proxy_credential(t) is not None
    )


def _apps_named_in(request: str) -> set[str]:
    """The apps of ``_api_apps`` the request names (for an API call the spec made no app step
    for: "query the Notion API (http request) for comments")."""
    return {t for t in _api_apps() if namings(t, request)}


def _app_named_beside(
    spec: Spec, steps: list[StepSpec], request: str, mention: tuple[int, int]
) -> tuple[str, tuple[int, int]] | None:
    """The app node type named beside the "API"/"HTTP" words at ``mention`` whose credential
    the HTTP Request node can use, with where it is named (the nearest such naming); None
    when none is, or when the nearest name beside them is an app without such a credential."""
    types = {s.node_type for s in steps} | {str(s.parameters.get("@api", "")) for s in steps}
    trigger = spec.trigger.node_type or ""
    types |= {trigger, trigger.removesuffix("Trigger"), *_apps_named_in(request)}
    found: list[tuple[int, str, tuple[int, int]]] = []
    for t in sorted(types):
        if not t.startswith(BASE) or t == HTTP_REQUEST or proxy_credential(t) is None:
            continue
        for a, b in namings(t, request):
            right_before = re.fullmatch(r"(?:'s)?\s*", request[b : mention[0]]) is not None
            term = _its_api_term(request[b : mention[0]])
            if not right_before and not term and _own_api(request, mention):
                continue
            if _beside(request, (a, b), mention):
                found.append((min(abs(a - mention[0]), abs(b - mention[0])), t, (a, b)))
    if not found:
        return None
    _distance, app, naming = min(found)
    return app, naming


@lru_cache(maxsize=1)
def _api_hosts() -> dict[str, str]:
    """API host -> the app node whose credential's base URL is on it ("api.hubapi.com" ->
    HubSpot), for hosts the catalog writes out whole."""
    out: dict[str, str] = {}
    for app in _api_apps():
        base = api_base_url(str(proxy_credential(app)))
        host = re.match(r"https://([^/]+)", base)
        if host and "REPLACE_WITH" not in base:
            out.setdefault(host.group(1).lower(), app)
    return out


def _app_of_url(request: str, http: StepSpec) -> tuple[str, tuple[int, int]] | None:
    """The app whose API the request's URL is on ("GET https://api.stripe.com/v1/..."), with
    where the URL is; None when there is no URL of a known API."""
    for m in URL_WITH_HOST.finditer(request):
        app = _api_hosts().get(m.group(1).lower())
        if app is not None:
            return app, (m.start(), m.end())
    return None


def _api_mention(request: str, http: StepSpec) -> tuple[int, int] | None:
    """Where the request asks for the HTTP step: the "API"/"HTTP" words in (or nearest to
    the start of) the step's clause; "API key", "API token" name a secret, not a call."""
    low = request.lower()
    piece = (http.purpose or "").lower().strip()
    at = low.find(piece[:40]) if piece else -1
    mentions = [
        (m.start(), m.end())
        for m in API_CALL_MENTION.finditer(request)
        if not re.match(NOT_A_CALL_AFTER_API, request[m.end() :], re.I)
    ]
    if not mentions:
        return None
    if at < 0:
        return mentions[0] if len(mentions) == 1 else None
    inside = [m for m in mentions if at <= m[0] <= at + max(len(piece), 40)]
    return inside[0] if inside else min(mentions, key=lambda m: abs(m[0] - at))


def explicit_api_calls(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with each HTTP Request the request asks for by name ("API", "HTTP") aimed at
    the app named beside it: the app's credential, the path of the object asked for; the app
    node made from the same words is dropped (the call does what was asked of it) unless the
    request asks the node for something elsewhere, and a second HTTP step for an app whose
    call is already there is dropped too."""
    request = spec.request or ""
    out = list(steps)
    for http in [s for s in steps if s.node_type == HTTP_REQUEST and "@api" not in s.parameters]:
        mention = _api_mention(request, http)
        named = _app_named_beside(spec, out, request, mention) if mention else None
        if named is None and mention and _in_written_endpoint(request, mention, out, http):
            out.remove(http)  # "GET /api/v2/... from <Zendesk>": the app's own call is there
            continue
        if named is None:
            named = _app_of_url(request, http)
        if mention is None and named is not None:
            mention = named[1]
        if mention is None or named is None:
            continue
        app, naming = named
        app_node = app.removesuffix("Trigger") if app.endswith("Trigger") else app
        if any(s.parameters.get("@api") == app_node for s in out if s is not http):
            out.remove(http)  # the app's API call is already there
            continue
        start, end = _sentence_at(request, mention[0])
        sentence = request[start:end]
        spans = [(a - start, b - start) for a, b in namings(app_node, request) if start <= a < end]
        spans += [(m.start(), m.end()) for m in API_CALL_MENTION.finditer(sentence)]
        obj, action = api_object(app_node, sentence, spans)
        call = api_call(app_node, obj, False)
        if call is None:
            continue
        params = {**http.parameters, **call_hints(call, writes(action))}
        params["@object"] = call.object if obj else ""
        written = URL_WITH_HOST.search(sentence)
        if written and written.group(1).lower() in _api_hosts():
            params["@url"] = written.group(0).rstrip(".,;")
        out[out.index(http)] = replace(http, parameters=params)
        if not _asked_elsewhere(app_node, request, naming):
            around = (min(naming[0], mention[0]), max(naming[1], mention[1]))
            out = [s for s in out if not _made_from(s, app_node, request, around)]
    return out


def _in_written_endpoint(
    request: str, mention: tuple[int, int], steps: list[StepSpec], http: StepSpec
) -> bool:
    """The "API" words are part of an endpoint the request writes with its method ("GET
    /api/v2/satisfaction_ratings from <Zendesk>"), and another step already calls an app's
    API named in that sentence (``node_gaps.written_endpoint`` made it): no second call."""
    start, end = _sentence_at(request, mention[0])
    inside = any(
        m.start(1) <= mention[0] < m.end(1) for m in METHOD_AND_PATH.finditer(request, start, end)
    )
    apps = {str(s.parameters.get("@api", "")) for s in steps if s is not http}
    return inside and any(namings(a, request[start:end]) for a in apps if a)


def _asked_elsewhere(app: str, request: str, naming: tuple[int, int]) -> bool:
    """The request names the app again, away from its API call, and asks its node for
    something there ("... and post the answer back in Slack"); "the <App> node" counts."""
    for a, b in namings(app, request):
        if (a, b) == naming:
            continue
        if NODE_AFTER_NAME.match(request[b:]):
            return True
        if asks_node(app, *clause_at(request, a, b)):
            return True
    return False


def _made_from(step: StepSpec, app: str, request: str, around: tuple[int, int]) -> bool:
    """The app node's step was made from the words of the API call: its clause holds the
    app's naming next to "API" (or the words between them)."""
    if step.node_type != app:
        return False
    piece = (step.purpose or "").lower()
    at = request.lower().find(piece[:40]) if piece else -1
    return at >= 0 and at < around[1] and around[0] < at + len(piece)


def tool_api_call(request: str, index: int = 0) -> StepSpec | None:
    """The HTTP Request Tool aimed at the app named beside "API"/"HTTP" in the request ("HTTP
    request tools with the Stripe credential", "a tool calling the Zendesk API"): the app's
    credential and the path of the ``index``-th thing the sentence asks for; None when no app
    with such a credential is named there."""
    for m in API_CALL_MENTION.finditer(request):
        mention = (m.start(), m.end())
        if re.match(NOT_A_CALL_AFTER_API, request[m.end() :], re.I):
            continue
        found = [
            (min(abs(a - mention[0]), abs(b - mention[0])), app, (a, b))
            for app in _apps_named_in(request)
            for a, b in namings(app, request)
            if _beside(request, (a, b), mention) or _credential_of(request, (a, b))
        ]
        if not found:
            continue
        _distance, app, _naming = min(found)
        start, end = _sentence_at(request, mention[0])
        sentence = request[start:end]
        spans = [(a - start, b - start) for a, b in namings(app, request) if start <= a < end]
        spans += [(w.start(), w.end()) for w in API_CALL_MENTION.finditer(sentence)]
        objects = _things_asked(app, sentence, spans)
        obj = objects[min(index, len(objects) - 1)] if objects else ("", "")
        call = api_call(app, obj[0], False)
        if call is None:
            return None
        params = {**call_hints(call, writes(obj[1])), "@object": call.object if obj[0] else ""}
        return StepSpec(HTTP_REQUEST + "Tool", purpose="", parameters=params)
    return None


def _credential_of(request: str, naming: tuple[int, int]) -> bool:
    """ "with the Stripe credential(s)", "using my HubSpot account": the app names the
    credential an HTTP Request uses."""
    return bool(CREDENTIAL_AFTER_NAME.match(request[naming[1] :]))


def _things_asked(app: str, sentence: str, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """Every (path, action) ``api_object`` reads in the sentence, in order ("look up Stripe
    payouts and disputes": payouts, then disputes)."""
    out: list[tuple[str, str]] = []
    rest, offset = sentence, 0
    while rest:
        obj, action = api_object(app, rest, [(a - offset, b - offset) for a, b in spans])
        if not obj:
            break
        out.append((obj, action))
        at = rest.lower().find(obj.split("_")[-1])
        if at < 0:
            break
        cut = at + len(obj.split("_")[-1])
        tail = rest[cut:]
        more = ANOTHER_THING_AFTER.match(tail)
        if more:  # "payouts and disputes": the next thing, read by the same action
            out.append((more.group(1), action))
        offset += cut
        rest = tail
        if more:
            break
    return out
