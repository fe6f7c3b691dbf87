"""Does the named app's node have an operation for what the request asks of that app?

n8n nodes cover part of an app's API: the Stripe node has no refunds, the Shopify node no
abandoned checkouts, the Notion node no comments. Picking "the best" of the node's operations
for such a request builds something unrelated (Stripe ``balance/get`` for "refunds"). n8n's own
answer is the HTTP Request node authenticated with the app's credential ("predefined credential
type"): the same account, any endpoint of the API.

The decision reads only the catalog, the same way for every app, and errs towards keeping the
app node - a wrong HTTP call costs the user more than a near-miss operation:

1. the node's credential must be one the HTTP Request node can use (it authenticates any
   request of the API, or is OAuth: the catalog's credential facts);
2. the request must name the object it wants of the app right beside it ("Stripe refunds",
   "the comments from Notion"), and that object's head noun must be unknown to the node: no
   resource or operation names it (stems, plural forms and everyday synonyms compared) and it
   appears nowhere in the node's description (parameter names, labels, help texts, options);
3. the noun must say *what* is asked, not where or when: "my Slack workspace", "yesterday's
   data", "the Shopify store" keep the app node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from engine.offline.operations import (
    CONTAINER_NOUNS,
    DELIVERED_TO,
    NOUN_SYNONYMS,
    READING_NOUNS,
    SENDS,
    VERB_SYNONYMS,
    Candidate,
    candidates,
    choose_operation,
    words,
)
from engine.types import StepSpec
from indexing.catalog.load import load_catalog
from indexing.catalog.params import ParameterResolutionError, display_parameter, resolve_parameters
from nodepilot.workflow import BASE

HTTP_REQUEST = BASE + "httpRequest"

#: Nouns that say where, when or how much - never the thing an API call fetches or makes.
GENERIC_NOUNS = frozenset(
    """account workspace instance api app apps data info information detail details stuff thing
    things record records item items entry entries update updates event events result results
    list stat stats number numbers everything anything crm store shop site website team org
    organization dashboard portal integration bot server inbox channel change changes activity
    trigger webhook node credential key token connection side end one ones last latest recent
    new old open closed all each every any some total count summary digest recap overview
    notification notifications alert alerts message messages email emails mail step steps
    nodes content contents text body""".split()
)
#: Words of time and manner after the object: they end its phrase ("Stripe refunds weekly").
TIME_WORDS = frozenset(
    """today yesterday tomorrow tonight daily weekly monthly hourly nightly yearly week month
    day days morning evening night hour minute time now later again first already instead
    otherwise too also anymore only automatically""".split()
)
#: Kinds of file: a node that keeps files keeps these.
FILE_KINDS = frozenset(
    """image photo picture video audio recording csv pdf invoice receipt contract screenshot
    attachment document doc spreadsheet presentation slide logo thumbnail backup""".split()
)
#: Actions VERB_SYNONYMS does not list, with what they do: a read or a write.
EXTRA_ACTIONS = {
    "export": "get",
    "reconcile": "get",
    "compare": "get",
    "poll": "get",
    "scan": "get",
    "monitor": "get",
    "watch": "get",
    "download": "get",
    "issue": "create",
    "refund": "create",
    "cancel": "update",
    "void": "update",
    "capture": "create",
    "enroll": "create",
    "enrol": "create",
    "leave": "create",  # "leave a comment on ..."
    "pause": "update",
    "resume": "update",
    "snooze": "update",
    "reopen": "update",
    "restore": "update",
    "unarchive": "update",
    "redeem": "create",
}
#: Actions done to a thing the node has that only some APIs offer, with the operation names
#: that offer them ("duplicate" is Mailchimp's "replicate"): see ``_unoffered_action``.
_OFFERED_AS = {
    "schedule": ("schedule",),
    "duplicate": ("duplicate", "replicate", "copy", "clone"),
    "clone": ("duplicate", "replicate", "copy", "clone"),
    "publish": ("publish", "update"),  # a post's update sets its status
    "unpublish": ("unpublish", "update"),
    "approve": ("approve", "review"),
    "pin": ("pin",),
}
#: Things whose scheduling is their making: "schedule a meeting" creates one.
_MADE_BY_SCHEDULING = frozenset(
    "meeting event appointment call session interview webinar booking post tweet message".split()
)
#: Actions that name their own object in an API ("refund the payment" creates a refund).
VERB_OBJECTS = frozenset({"refund"})
#: Words that end the object phrase after the app's name ("Stripe refunds into ...").
_PHRASE_END = frozenset(
    """a an the of on in to for from by with and or into onto via then when if that which
    who as at so but while where after before per each every all my our your their its
    this under over about through across within without since until during like than
    using""".split()
)
#: "<object> from Stripe": the word before one of these, right before the app, is the object.
_SOURCE_PREPOSITION = re.compile(r"(?:^|\s)([A-Za-z][\w-]*)\s+(from|in|on)\s+(?:\w+\s+)?$")
#: Words between a verb and its object that end the verb's reach ("... if the customer").
_BREAKS = frozenset(
    "if when whether while because and or but then that which who to on in at into onto for "
    "with via by through from".split()
)


@dataclass(frozen=True)
class ApiCall:
    """An HTTP Request to the app's own API in place of its node: ``app`` the node type whose
    credential it uses, ``credential`` that credential type, ``object`` what it reads or makes
    (the request's noun, plural), ``write`` whether it creates/changes something (POST)."""

    app: str
    credential: str
    object: str
    write: bool = False


def call_hints(call: ApiCall, write: bool) -> dict[str, object]:
    """The hints of a step that calls ``call``'s API: ``@api`` the app node, ``@credential``
    its credential type, ``@object`` the path asked for, ``@write`` whether it is a POST."""
    return {
        "@api": call.app,
        "@credential": call.credential,
        "@object": call.object,
        "@write": write,
    }


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _accepted_by_http_request(name: str) -> bool:
    """The HTTP Request node's "predefined credential type" list takes ``name``: it defines
    ``authenticate`` or extends OAuth (n8n's filter ``extends:oAuth2Api``, ``extends:oAuth1Api``,
    ``has:authenticate``)."""
    cat = load_catalog()
    seen: set[str] = set()
    todo = [name]
    while todo:
        ctype = cat.credential_type(todo.pop())
        if ctype is None or ctype.name in seen:
            continue
        seen.add(ctype.name)
        if ctype.authenticates or {"oAuth2Api", "oAuth1Api"} & set(ctype.extends):
            return True
        todo.extend(ctype.extends)
    return False


#: Credentials of no app: a header, a token, a login any HTTP service takes. A utility node
#: that accepts one (Wait's resume webhook, an MCP client, a Webhook, GraphQL) has no API of
#: its own behind it, so it never stands in for an app's API call.
GENERIC_CREDENTIALS = frozenset(
    """httpHeaderAuth httpBearerAuth httpBasicAuth httpQueryAuth httpDigestAuth httpCustomAuth
    httpMultipleHeadersAuth httpSslAuth oAuth1Api oAuth2Api jwtAuth mcpOAuth2Api""".split()
)


@lru_cache(maxsize=512)
def proxy_credential(node_type: str) -> str | None:
    """The credential type the HTTP Request node can use in place of ``node_type``: the one
    the node asks for with its default parameters when the HTTP Request node accepts it, else
    the first of its others it accepts; None for a node without one, and for a node whose
    only such credentials are generic ones (``GENERIC_CREDENTIALS``)."""
    cat = load_catalog()
    version = cat.default_version(node_type)
    nv = cat.get(node_type, version) if version is not None else None
    if nv is None or version is None:
        return None
    try:
        shown = resolve_parameters(nv, {}, version, type_name=node_type)
    except ParameterResolutionError:
        shown = {}
    usable = [
        c
        for c in nv.credentials
        if c.name not in GENERIC_CREDENTIALS and _accepted_by_http_request(c.name)
    ]
    for c in usable:
        if not c.display_options or display_parameter(
            shown, {"displayOptions": c.display_options}, version, type_name=node_type, root=shown
        ):
            return c.name
    return usable[0].name if usable else None


def api_base_url(credential: str) -> str:
    """The API's base URL for ``credential``: the catalog's, with each account-specific part
    (``{{$credentials.shopSubdomain}}``) as a marked placeholder (``REPLACE_WITH_SHOPSUBDOMAIN``);
    without a usable one, a placeholder host naming the app."""
    ctype = load_catalog().credential_type(credential)
    base = (ctype.base_url or "") if ctype else ""
    base = base.removeprefix("=")
    base = re.sub(
        r"\{\{\s*\$credentials\??\.(\w+)\s*\}\}",
        lambda m: "REPLACE_WITH_" + m.group(1).upper(),
        base,
    )
    if re.fullmatch(r"https://[A-Za-z0-9_.-]+(/[\w.-]+)*/?", base):
        return base.rstrip("/")
    app = re.sub(r"(OAuth2?|Api|Token|AccessToken)+$", "", credential) or credential
    return f"https://REPLACE_WITH_{app.upper()}_API_URL"


#: First words of an option's name that make the node return more things: Gmail's
#: ``downloadAttachments``, HubSpot's ``includeAssociations``.
_FETCHING_OPTIONS = frozenset("download get include return fetch load resolve expand".split())


def _property_names(value: object) -> list[str]:
    """Every ``name`` of a parameter or option in a node's description, at any depth."""
    if isinstance(value, dict):
        own = [value["name"]] if isinstance(value.get("name"), str) else []
        return own + [n for v in value.values() for n in _property_names(v)]
    if isinstance(value, list):
        return [n for v in value for n in _property_names(v)]
    return []


@lru_cache(maxsize=512)
def object_vocabulary(node_type: str) -> frozenset[str]:
    """Words naming what the node acts on: its resources and operations (values, names and
    action labels, camelCase split, stemmed) and what its options fetch ("attachments" from
    ``downloadAttachments``). Not every word of its description: a field of another object
    ("Fulfillment Status" of a Shopify order, an invoice total in a Stripe help text) is not
    an object the node can read or make."""
    out: set[str] = set()
    for c in candidates(node_type):
        out |= c.nouns
        out |= {_stem(w) for v in c.verbs for w in words(re.sub(r"([a-z])([A-Z])", r"\1 \2", v))}
    cat = load_catalog()
    nv = cat.get(node_type, cat.default_version(node_type))
    for name in _property_names(nv.raw_properties if nv else []):
        split = words(re.sub(r"([a-z])([A-Z])", r"\1 \2", name))
        if len(split) >= 2 and split[0] in _FETCHING_OPTIONS:
            out |= {_stem(w) for w in split[1:]}
    return frozenset(out)


def known_to_node(node_type: str, noun: str) -> bool:
    """The node names ``noun`` somewhere: a resource/operation word, a synonym of one, or any
    word of its description ("repo" for "repository" counts)."""
    stem = _stem(noun)
    asked = {stem, noun, *NOUN_SYNONYMS.get(stem, ())}
    # and the everyday words for it: "contact" is Pipedrive's "person"
    asked |= {word for word, aliases in NOUN_SYNONYMS.items() if stem in aliases}
    if stem in FILE_KINDS:
        asked |= {"file", "object"}  # "each image from Google Drive" is a file there
    if stem in _PERSONS:
        asked |= _PERSONS  # "the client in <HubSpot>" is one of its contacts
    for c in candidates(node_type):
        if asked & c.nouns or any(len(n) >= 6 and n.startswith(stem) for n in c.nouns):
            return True  # "doc" is Google Docs' document, "org" an organization
    vocab = object_vocabulary(node_type)
    if asked & vocab:
        return True
    # "repo" / "repository", "detection" / "detect": one word grown from the other
    return any(
        (len(stem) >= 4 and w.startswith(stem)) or (len(w) >= 6 and stem.startswith(w))
        for w in vocab
    )


#: Words for a person an app keeps a record of: any of them names a node's people resource
#: ("client" is HubSpot's contact, Slack's user). Roles in a record (owner, assignee) are not.
_PERSONS = frozenset(
    """client customer user member people person contact subscriber lead attendee guest
    participant student patient volunteer candidate employee buyer shopper recipient
    sender""".split()
)


#: Resource words of nodes that store whatever the user puts in them (Sheets rows, Airtable
#: records, database tables) or report whatever is measured (Google Analytics reports):
#: "leads from Google Sheets" are rows, "Google Analytics traffic" a report - not a missing
#: operation.
_STORAGE_NOUNS = frozenset({"row", "record", "table", "report"})


def stores_anything(node_type: str) -> bool:
    """The node's resources are generic rows/records/tables (see ``_STORAGE_NOUNS``)."""
    return any(c.nouns & _STORAGE_NOUNS for c in candidates(node_type))


#: Words that stand for something named elsewhere: never the object itself.
_PRONOUNS = frozenset("them they these those this that it its everything everyone".split())


def is_object_noun(word: str) -> bool:
    """``word`` may name what an API call reads or makes: not where, when or how much - but
    a place named in the plural is a collection of things ("Salesforce dashboards")."""
    generic = word in GENERIC_NOUNS or (_stem(word) in GENERIC_NOUNS and word not in _PLACES)
    return (
        len(word) >= 4
        and word.isalpha()
        and not generic
        and word not in TIME_WORDS
        and word not in _PRONOUNS
        and word not in VERB_SYNONYMS
        and word not in _PHRASE_END
    )


#: Plurals of ``GENERIC_NOUNS`` places that an API lists as things of their own.
_PLACES = frozenset("dashboards portals websites sites workspaces servers".split())


def _governing_action(before_words: list[str]) -> str | None:
    """The action that governs the object: the nearest verb before it ("pull", "list",
    "add") with at most three describing words between ("all", "yesterday's", "new", "my"),
    or "get" for "a digest of ..." (a reading noun, then "of"); None when there is none."""
    tail = before_words[-5:]
    for i in range(len(tail) - 1, -1, -1):
        word = tail[i]
        if i + 1 < len(tail) and tail[i + 1] == "s":
            continue  # "each issue's ...": a possessive noun, not the verb "issue"
        if word.endswith("s") and word[:-1] in VERB_SYNONYMS:
            word = word[:-1]  # "a step that pulls ...": the verb's third person
        if word == "of" and i > 0 and tail[i - 1] in READING_NOUNS:
            return "get"
        if (word in VERB_SYNONYMS and word not in _DESCRIBING) or word in EXTRA_ACTIONS:
            return word
        if word == "for" and i > 0 and tail[i - 1] in _SEARCHING:
            return tail[i - 1]  # "check for new payouts": a search, then what it finds
        if word in _BREAKS:
            return None
    return None


def _governing_verb(before_words: list[str]) -> bool:
    return _governing_action(before_words) is not None


def _source_fits(m: re.Match[str], before: str) -> bool:
    """ "<object> from <App>" always names what is read; "<object> in/on <App>" under one
    of ``EXTRA_ACTIONS`` ("cancel the subscription in Stripe"), or a plural thing ("look up
    the customer's invoices in Stripe"): after everyday verbs the word is as often a person
    or a place ("DM the owner on Slack", "find the client in HubSpot")."""
    if m.group(2).lower() == "from":
        return True
    if _governing_action(words(before[: m.start(1)])) in EXTRA_ACTIONS:
        return True
    word = m.group(1).lower()
    if re.search(r"\b(?:current|active|upcoming|next|latest)\s+$", before[: m.start(1)]):
        return _is_made_thing(word)  # "the current sprint in <Jira>": one of a kind of thing
    return _stem(word) != word and _is_made_thing(word) and _own_object(before[: m.start(1)])


def _own_object(lead: str) -> bool:
    """No other name stands between the verb and the object: in "post a digest of Stripe
    refunds in Slack" the refunds are Stripe's, not asked of Slack."""
    return not any(t[:1].isupper() for t in lead.split()[-4:][1:])


#: Verbs that look inside an app for something ("check Stripe for new disputes").
_SEARCHING = frozenset("check search query look scan poll monitor watch find".split())
#: The app is the means: "use Stripe to ...", "with Stripe to ...".
_USING = re.compile(r"\b(use|using|with|via)\s*$", re.I)
#: "<object> to/in/on <App>" after a verb that makes something: "add a comment to the Notion
#: page", "create the fulfillment in Shopify".
_TARGET_PREPOSITION = re.compile(r"(?:^|\s)([A-Za-z][\w-]*)\s+(to|in|on)\s+(?:\w+\s+)?$")
#: People and the everyday things every work app holds: after "in/on/to <App>" they are
#: where something goes or who it is for, never an API object the node lacks.
_PEOPLE = frozenset(
    """client customer user member people person owner recipient employee candidate lead
    contact subscriber guest participant colleague manager teammate team admin assignee
    reviewer author sender vendor partner student patient volunteer them him her everyone""".split()
)
_PEOPLE_AND_ITEMS = _PEOPLE | frozenset(
    """task ticket issue item card note entry page post event todo story bug record row document
    doc file folder message project deal meeting appointment list board sheet table channel
    thread chat group space""".split()
)
#: Where an object lives, written between it and the app ("the current cycle for our team in
#: <Linear>") or right after the app ("a scheduled event on our <Discord> server").
_CONTAINERS = CONTAINER_NOUNS
#: "<object> for/of/on/in our [<container>] in/on <App>": the object, then where it lives.
_ACROSS_CONTAINER = re.compile(
    r"(?:^|\s)([a-z][\w-]*)\s+(?:for|of|on|in|from|to|at)\s+(?:our|my|the|your|their)\s+"
    r"(?:([a-z][\w-]*)\s+(?:in|on|from|at)\s+)?$"
)


def _object_across_container(before: str, after: str) -> tuple[list[str], str] | None:
    """The object of a clause that says where it lives between it and the app: "get the
    current cycle for our team in <Linear>", "create a tag in our <GitLab> repo". People
    (who something is for) are not objects here; None when the shape is not there."""
    m = _ACROSS_CONTAINER.search(before)
    if m is None:
        return None
    place = m.group(2) or (words(after)[:1] or [""])[0]
    word = m.group(1)
    thing = len(word) >= 3 and word.isalpha() and word not in _PRONOUNS | _PHRASE_END
    if place not in _CONTAINERS or not thing or word in _CONTAINERS or _stem(word) in _PEOPLE:
        return None
    named = re.search(r"\b(?:a|an|the|new)\s+$", before[: m.start(1)])  # "a label": a thing
    if word in TIME_WORDS or (word in VERB_SYNONYMS and not named) or word in _NEVER_THINGS:
        return None
    kind = re.search(r"\b([a-z]+)\s+$", before[: m.start(1)])  # "merge requests", "pull ..."
    if kind and kind.group(1) not in _WHICH_ONES and _names_kind(kind.group(1), word):
        return [kind.group(1), word], before[: kind.start(1)]
    return [word], before[: m.start(1)]


def _is_made_thing(word: str) -> bool:
    """``word`` (after "in/on/to <App>") may name an object of the app's API: a thing, not a
    person or an everyday item that any work app holds (``_PEOPLE_AND_ITEMS``)."""
    return is_object_noun(word) and _stem(word) not in _PEOPLE_AND_ITEMS


#: "<object> for each <record> from <App>": the object, not the record it is read for.
_FOR_EACH_SOURCE = re.compile(
    r"(?:^|\s)([a-z][\w-]*)\s+(?:for|of|on)\s+(?:each|every|all|the|their|its)\s+[a-z]+\s+"
    r"from\s+(?:\w+\s+)?$"
)


def _object_before(before: str, after_phrase: bool) -> tuple[list[str], str] | None:
    """The object written before the app's name and the text leading to it: "the comments
    from <Notion>", "refunds in <Stripe>" (see ``_source_fits``); or, after a verb that makes
    something, "a comment to the <Notion> page", "the fulfillment in <Shopify>". None when the
    object is not there."""
    each = _FOR_EACH_SOURCE.search(before)
    if each and not after_phrase and each.group(1).islower():
        return [each.group(1)], before[: each.start(1)]  # "the refunds for each order from"
    m = _SOURCE_PREPOSITION.search(before)
    if m and not after_phrase and m.group(1).islower() and _source_fits(m, before):
        word = m.group(1).lower()  # "timeline events from <GitHub>": a kind, then the object
        kind = _kind_before(before, word) if _stem(word) in GENERIC_NOUNS else []
        return [*kind, word], before[: m.start(1) - (len(kind[0]) + 1 if kind else 0)]
    t = _TARGET_PREPOSITION.search(before)
    made_as = t is not None and re.search(r"\bas\s+(?:a|an|new)\s+$", before[: t.start(1)])
    if made_as and is_object_noun(t.group(1)) and _stem(t.group(1)) not in _PEOPLE:
        return [t.group(1)], before[: t.start(1)]  # "create it as a project in <Linear>"
    if t is None or not t.group(1).islower() or not _is_made_thing(t.group(1).lower()):
        return None
    if not _own_object(before[: t.start(1)]):
        return None
    action = _governing_action(words(before[: t.start(1)]))
    if VERB_SYNONYMS.get(action or "", ("",))[0] not in ("create", "append", "insert"):
        return None
    return [t.group(1).lower()], before[: t.start(1)]


def _kind_before(before: str, head: str) -> list[str]:
    """The kind word written right before an object named before the app ("a discount code
    in <Shopify>": discount); empty when there is none."""
    m = re.search(
        r"([a-z][a-z-]*)\s+" + re.escape(head) + r"\s+(?:from|in|on|to)\s+(?:\w+\s+)?$", before
    )
    if m and _names_kind(m.group(1), head) and m.group(1) not in _PHRASE_END | _WHICH_ONES:
        return [m.group(1)]
    return []


#: Words that say which one of a kind ("the current sprint"), never what kind.
_WHICH_ONES = frozenset("current active upcoming next latest open new last first".split())


#: People put into something of the app's: "enroll them in a <HubSpot> sequence", "add the
#: contact to a <Mailchimp> segment" - the sequence is what the clause asks of the app.
_ENROLLED = re.compile(
    r"\b(?:add|enrol|enroll|subscribe|register|sign\s+up|put)\s+(?:them|him|her|the\s+(?:"
    + "|".join(sorted(_PEOPLE - {"them", "him", "her", "everyone", "people"}))
    + r")s?)\s+(?:to|in|into|for|on)\s+(?:a|an|the|our|my|their)\s+$",
    re.I,
)
#: "add a comment to it in <App>": the record at hand, between the object and the app.
_TO_IT = re.compile(r"\s+(?:to|on|for)\s+(?:it|them)\s+(?=(?:in|on|to)\s+(?:\w+\s+)?$)")


def asked_object(before: str, after: str, *, any_thing: bool = False) -> tuple[str, ...]:
    """The noun phrase (head noun last) naming what the clause asks of the app: the shapes
    ``_asked_by_shape`` knows first, else the phrase its action governs wherever the app is
    named in the clause (``clause_object``)."""
    shaped = _asked_by_shape(before, after, any_thing=any_thing)
    if shaped or NAMES_ITS_API.match(after):
        return shaped  # "the QuickBooks API (http)": a call the request names itself
    return clause_object(before, after, any_thing=any_thing)


def _asked_by_shape(before: str, after: str, *, any_thing: bool = False) -> tuple[str, ...]:
    """The noun phrase (head noun last) naming what the clause asks of the app between
    ``before`` and ``after``, when an action governs it: "pull yesterday's Stripe refunds into
    ..." -> ("refunds",), the phrase after the name; "get the comments from Notion" ->
    ("comments",). Empty when no action verb comes right before ("ERPNext posts to a
    webhook"), when the name goes on ("Google Doc") or punctuation follows it ("Stripe: ..."),
    or when the head says where or when rather than what."""
    looked_for = re.match(r"\s*(?:(?:every|each)\s+\w+\s+|[a-z]+ly\s+)?for\s+(.*)", after, re.S)
    if looked_for and _governing_action(words(before)) in _SEARCHING:
        after = " " + looked_for.group(1)  # "check Stripe for new disputes"
    heading = re.match(r"\s*:\s*(\w+)\s+(.*)", after, re.S)
    if heading and not words(before[-30:]) or heading and _only_when(before):
        # "Each morning Stripe: list yesterday's refunds": the app heads what is asked of it
        return asked_object(heading.group(1) + " ", " " + heading.group(2), any_thing=any_thing)
    product = re.match(r"\s*([A-Z][a-z]{2,})\s+(?:to|for)\s", after)
    if product and _USING.search(before) and product.group(1).lower() not in _NEVER_THINGS:
        return (product.group(1).lower(),)  # "use Twilio Lookup to ...": a product of its API
    used_to = re.match(r"\s*to\s+(\w+)\s+(.*)", after, re.S)
    if used_to and _USING.search(before):  # "use Stripe to list yesterday's payouts"
        return asked_object(used_to.group(1) + " ", " " + used_to.group(2), any_thing=any_thing)
    if NAMES_ITS_API.match(after):
        return ()  # "the Stripe API ...": a call the request names (see ``explicit_api``)
    gloss = re.match(r"\s*(?:'s\s+)?([a-z][a-z -]*?)\s*\)", after)
    if gloss and before.rstrip().endswith("(") and "(" not in before.rstrip()[:-1][-40:]:
        # "find out who owns it (<HubSpot>'s owners)": the gloss names what the clause reads
        return asked_object("get ", " " + gloss.group(1), any_thing=any_thing)
    phrase: list[str] = []
    tokens = re.split(r"\s+", after.strip())
    for i, token in enumerate(tokens):
        if token[:1].isupper() and not re.fullmatch(r"[A-Z]{2,4}s?[,.;:!?]?", token):
            return ()  # "Nextcloud Talk", "Google Doc": the name goes on, another product
        word = token.lower().strip("'\u2019")
        if not phrase and i == 0 and word == "s" and token[:1] in "'\u2019":
            continue  # "<Shopify>'s abandoned checkouts": the possessive, then the object
        if not re.fullmatch(r"[a-z][a-z-]*(?:'s)?[,.;:!?]?", word):
            break
        bare = word.rstrip(",.;:!?").removesuffix("'s")
        if not phrase and bare == word and _compound_head(tokens[i + 1 : i + 2]):
            phrase.append(bare)  # "pull requests", "time entries": one noun of two words
            continue
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if not phrase and bare == word == "time" and nxt.isalpha() and nxt not in _PHRASE_END:
            phrase.append(bare)  # "time tracking entries", "time off requests"
            continue
        if bare in TIME_WORDS and bare != word:
            continue  # "yesterday's payouts": which ones, then the object
        if not phrase and bare in _DESCRIBING:
            continue  # "for new fraud warnings": which ones, then the object
        if bare in _PHRASE_END or bare in VERB_SYNONYMS or bare in TIME_WORDS:
            break
        if phrase and (bare.endswith("ed") or _acts(bare, tokens[i + 1 : i + 2])):
            break  # "the Stripe disputes opened today": what follows describes them
        phrase.append(bare)
        if word != word.rstrip(",.;:!?"):
            break
    ends = (words(after)[1:2] or ["and"])[0] in _PHRASE_END  # not "newsletter list"
    if len(phrase) == 1 and ends and _ENROLLED.search(before) and is_object_noun(phrase[0]):
        return tuple(phrase)  # "enroll them in a <HubSpot> sequence": what they join
    found = _object_before(_TO_IT.sub(" ", before), bool(phrase))
    if found is None and (not phrase or phrase[-1] in _CONTAINERS):
        across = _object_across_container(before, after)
        if across is not None and _governing_verb(words(across[1])):
            return tuple(across[0])  # "a tag in our <GitLab> repo": any thing, short or generic
    if _READ_AFTER.match(after) and _object_word(before):
        phrase, lead = [_object_word(before)], "get "  # "all payouts <Stripe> made last week"
    elif found is not None:  # "the comments from Notion", "add a comment to the Notion page"
        phrase, lead = found
    elif phrase and not _SOURCE_PREPOSITION.search(before):
        lead = before
    else:
        return ()  # nothing asked, or "posts from our Ghost blog": data in a named container
    head = phrase[-1]
    fits = is_object_noun(head) or (any_thing and _is_thing(head)) or _kind_of_many(phrase)
    if not (_governing_verb(words(lead)) or _read_without_verb(lead, after)) or not fits:
        return ()
    return tuple(phrase)


#: What an app did, right after its name: "payouts Stripe made", "refunds Shopify issued".
_READ_AFTER = re.compile(r"\s+(?:made|sent|paid|issued|processed|created|received|logged)\b")
#: The object's phrase goes on to where it is put, with no verb: "<App> payouts every Monday
#: to Google Sheets", "<App> ticket audits -> Google Sheets"; or it is done to passively:
#: "<App> refunds get copied into Airtable".
_PUT_SOMEWHERE = re.compile(
    r"^\s*(?:[\w'-]+\s+){1,5}?(?:->|\u2192|to\s|into\s|(?:get|gets|are|is|be)\s+\w+ed\b)"
    r"|^\s*(?:[\w'-]+\s+){0,4}[\w'-]+:\s*(?:list|get|pull|fetch|grab|read|collect|export)\b"
)


def _object_word(before: str) -> str:
    """The plural noun right before the app's name ("all payouts <Stripe>"), or ""."""
    m = re.search(r"\b([a-z]{4,})\s+$", before)
    word = m.group(1) if m else ""
    return word if word.endswith("s") and is_object_noun(word) else ""


def _read_without_verb(lead: str, after: str) -> bool:
    """No verb governs the object, but the clause reads it: it starts with the app (after
    only words of when) and puts the object somewhere (see ``_PUT_SOMEWHERE``)."""
    put = _PUT_SOMEWHERE.match(after)
    first = (words(after)[:1] or [""])[0]
    if put is None or first.removesuffix("s") in VERB_SYNONYMS:
        return False  # "<App> posts to a webhook": the app acts, nothing is asked of it
    return put.group(0).rstrip().endswith("ed") or not words(lead) or _only_when(lead)


def _acts(word: str, following: list[str]) -> bool:
    """An "-ing" word that acts on what follows ("comments mentioning me", "requests waiting
    on review"), not one naming a kind ("time tracking entries")."""
    if not word.endswith("ing"):
        return False
    nxt = following[0].lower().strip(",.;:!?") if following else ""
    return not nxt or nxt in _PHRASE_END or nxt in _PRONOUNS or nxt in ("me", "us", "you")


def _only_when(before: str) -> bool:
    """``before`` says only when ("Each morning ", "Every Monday at 9 "): no action."""
    said = words(before)
    return bool(said) and all(
        w in TIME_WORDS or w in _WHEN_WORDS or w.isdigit() or len(w) <= 2 for w in said
    )


#: Words that say when, besides ``TIME_WORDS`` (week days, "every", "each").
_WHEN_WORDS = frozenset(
    """every each at on in the a an monday tuesday wednesday thursday friday saturday sunday
    weekday weekdays weekend am pm noon midnight""".split()
)


def _kind_of_many(phrase: list[str] | tuple[str, ...]) -> bool:
    """ "time entries", "marketing emails", "activity logs": a generic plural head after a
    word that says which kind of thing - together they name an object."""
    if len(phrase) < 2:
        return False
    head, kind = phrase[-1], phrase[-2]
    generic = _stem(head) in GENERIC_NOUNS and _stem(head) != head
    return generic and (kind == "time" or (is_object_noun(kind) and not kind.endswith("ed")))


def _compound_head(following: list[str]) -> bool:
    """The next word is a plural noun ("requests", "entries"): a verb-like or time word right
    before it ("pull", "time") begins a compound noun, not an action or a time."""
    nxt = following[0].lower() if following else ""
    return (
        nxt.isalpha()
        and len(nxt) >= 4
        and nxt.endswith("s")
        and not nxt.endswith("ss")
        and nxt not in _PHRASE_END
        and nxt not in VERB_SYNONYMS
        and nxt not in TIME_WORDS
        and nxt not in _PRONOUNS
    )


#: Nouns that never name what an API call reads or makes, even of an app with no actions.
_NEVER_THINGS = frozenset(
    """account workspace instance api app apps data info information detail details stuff
    thing things everything anything integration bot server side end one ones""".split()
)


def _is_thing(word: str) -> bool:
    """``word`` may name a thing of an app whose node has no actions at all ("Calendly
    events", "Typeform responses"): generic words of records count there, not of places."""
    return (
        len(word) >= 4
        and word.isalpha()
        and _stem(word) not in _NEVER_THINGS
        and word not in _NEVER_THINGS
        and word not in TIME_WORDS
        and word not in _PRONOUNS
        and word not in VERB_SYNONYMS
        and word not in _PHRASE_END
    )


#: The app's place in a clause handed to ``clause_object``.
_APP = "\x00"
#: A clause's tokens: a quoted name, a word (a possessive kept whole), a number, a mark.
_CLAUSE_TOKEN = re.compile(
    r"'[^'\x00]{1,40}'(?!\w)|\"[^\"\x00]{1,40}\"|\u2018[^\u2019\x00]{1,40}\u2019"
    r"|\u201c[^\u201d\x00]{1,40}\u201d|\x00|'s\b|[#@]?[A-Za-z][\w'\u2019/-]*|\d[\w:./-]*|\S"
)
#: Words before an object that say which ones or whose, never what it is (or a particle of
#: its verb: "look up the ...").
_WHICH = _WHICH_ONES | frozenset(
    """the a an all any every each some both my our your their its this these those many
    unread up out down back off one two three four five six seven eight nine ten few several
    couple multiple""".split()
)
#: Units of time written short ("every 30 min"), besides ``TIME_WORDS`` and their plurals.
_SHORT_TIMES = frozenset("min mins hr hrs sec secs wk wks".split())
#: Words that begin what is said about the object, not more of its name.
_RELATIVE = frozenset(
    """who whom whose which that nobody someone everyone where plus whenever once unless
    because we i you they he she""".split()
)
#: The last preposition before the app says it is where something goes, not where it is.
_INTO = frozenset({"to", "into", "onto"})


def _as_action(word: str) -> str | None:
    """``word`` as an action ("schedules" -> "schedule"); None when it is none."""
    for bare in (
        word,
        word[:-1] if word.endswith("s") else "",
        word[:-2] if word.endswith("es") else "",
    ):
        if bare in VERB_SYNONYMS or bare in EXTRA_ACTIONS or bare in _OFFERED_AS:
            return None if bare in _DESCRIBING else bare
    return None


def _clause_tokens(before: str, after: str) -> list[str]:
    """The clause's tokens, the app's naming as ``_APP``: quoted names and numbers kept as
    written, words lower-cased except proper names (capitalised past the first token)."""
    out: list[str] = []
    for m in _CLAUSE_TOKEN.finditer(before + " " + _APP + " " + after):
        tok = m.group(0).replace("\u2019", "'")
        common = tok.lower().removesuffix("s") in FILE_KINDS | set(NOUN_SYNONYMS)  # "PDFs"
        proper = tok[:1].isupper() and bool(out) and tok != "I" and not common
        out.append(tok if proper or not tok[:1].isupper() else tok.lower())
    return out


def _is_name(tok: str) -> bool:
    """A quoted name, a number, an acronym ("ENG", "NPS"): what a thing is called, never what."""
    return (
        tok[:1] in "'\"\u2018\u201c"
        or tok[:1].isdigit()
        or bool(re.fullmatch(r"[A-Z0-9]{2,5}s?", tok))
    )


def _governing_at(tokens: list[str], app: int) -> int | None:
    """The index of the action nearest before the app that a determiner does not make a noun
    ("create a git branch ... in our <GitHub> repo": create; "the issue key": a noun)."""
    for i in range(app - 1, -1, -1):
        tok = tokens[i]
        if tok in ".;:!?()" or (tok[:1].isupper() and not _is_name(tok)):
            return None  # another product's name ("a Google Sheet"): its action, not the app's
        before = tokens[i - 1] if i else ""
        two_back = tokens[i - 2] if i > 1 else ""
        named = (  # "an admin reply"; not "each night fetch"
            two_back in ("a", "an", "the") and not _as_action(before) and before not in TIME_WORDS
        )
        if _as_action(tok) and before not in _WHICH and not before.endswith("'s") and not named:
            return i
    return None


def _phrase_at(tokens: list[str], i: int) -> tuple[list[str], int]:
    """The noun phrase from ``tokens[i]`` (head last) and the index after it: which-words,
    names and owners ("the month's") skipped, the app kept out as a modifier ("the open
    <Intercom> conversations"); it ends at a preposition, a relative word, a verb, a time,
    a mark, or a word describing it ("named after", "waiting on")."""
    phrase: list[str] = []
    while i < len(tokens):
        tok, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else ""
        i += 1
        if tok == _APP:
            ends = not nxt.isalpha() or nxt in _PHRASE_END or nxt == "node"
            if ends or (phrase and nxt.endswith("ed")):  # not "a <Discord> scheduled event"
                return phrase, i - 1  # "the refunds <Stripe> made", "with the <YouTube> node"
            continue
        timed = _stem(tok) in TIME_WORDS or tok in _SHORT_TIMES  # "every 30 min"
        if _is_name(tok) or (not phrase and (tok in _WHICH or timed or tok == "of")):
            continue
        if tok[:1].isupper() or not re.fullmatch(r"[a-z][a-z-]*(?:'s)?", tok):
            return phrase, i - 1
        if tok.endswith("'s"):
            phrase.clear()  # "the month's bank transactions": whose, then what
            continue
        pointing = tok in ("that", "this", "these", "those") and nxt.isalpha()
        if not phrase and pointing and nxt not in _PHRASE_END | _BREAKS | _RELATIVE:
            continue  # "add that person as a member": which one, then what
        if tok in _PHRASE_END or tok in _RELATIVE or tok in _BREAKS or tok in _PRONOUNS:
            if tok in _PRONOUNS and not phrase:
                return [tok], i
            return phrase, i - 1
        compound = not phrase and _compound_head([nxt])  # "pull requests"
        # "an admin reply in": the last word of a phrase, not an action
        last = not nxt.isalpha() or (nxt in _PHRASE_END | _BREAKS and nxt not in _WHICH)
        if (_as_action(tok) and not compound and not (phrase and last)) or tok in _EVENT_VERBS:
            return phrase, i - 1
        if phrase and timed:
            return phrase, i - 1
        if phrase and (tok.endswith("ed") or _acts(tok, [nxt])):
            return phrase, i - 1
        phrase.append(tok)
    return phrase, i


def _linked(tokens: list[str], start: int, app: int) -> bool:
    """The words from ``start`` to the app tie the object to it ("the current cycle for our
    ENG team in <Linear>") - no other product named, no other action, no mark - and do not
    make the app where the thing goes ("save new stories to <Notion>", "pull ... into
    <Excel>"): what is put into an app is its content, made by the node; nor read from a
    place named after the app ("domains from a <Notion> database"): that place's content."""
    between = tokens[start:app]
    if any(not (t[:1].isalnum() or t[:1] in "#@" or _is_name(t)) for t in between):
        return False  # a mark: "->", "(", ","
    if any((t[:1].isupper() and not _is_name(t)) or _names_app(t) for t in between):
        return False  # another product: "a Google Sheet", "closed hubspot tickets"
    if any(
        (_as_action(t) and tokens[start + j - 1] not in _WHICH) or _done(t)
        for j, t in enumerate(between)
    ):
        return False  # another action, or "an AI summary posted on <LinkedIn>": put there
    preps = [t for t in between if t in _PHRASE_END and t not in _WHICH]
    nxt = tokens[app + 1] if app + 1 < len(tokens) else ""
    named_place = nxt.isalpha() and nxt.islower() and nxt not in _PHRASE_END | _BREAKS
    # "our domains from a <Notion> database": data kept in a named place of the app
    return not (preps and (preps[-1] in _INTO or (preps[-1] == "from" and named_place)))


def _put_after(tokens: list[str], start: int) -> bool:
    """The phrase from ``start`` is put somewhere by a participle right after it ("I want
    <Pipedrive>'s sales goals posted in Slack"): what the app owns is read."""
    _phrase, end = _phrase_at(tokens, start)
    return end < len(tokens) and _done(tokens[end])


def _noun_like(word: str) -> bool:
    """``word`` may be the head of a thing's name: not where, when, whose, or a small word."""
    generic = _stem(word) in GENERIC_NOUNS or word in GENERIC_NOUNS or word in _NEVER_THINGS
    return (
        len(word) >= 3
        and word.isalpha()
        and not generic
        and word not in TIME_WORDS | _PRONOUNS | _PHRASE_END | _BREAKS
    )


def _names_app(word: str) -> bool:
    """``word`` alone names an app, even lower-cased ("hubspot"): not the clause's app."""
    return any(proxy_credential(t) is not None for t in _apps_in(word))


def _done(word: str) -> bool:
    """``word`` is an action's past participle ("posted", "saved", "logged", "sent")."""
    if word in ("sent", "put", "made", "written"):
        return True
    stems = (word[:-2], word[:-1], word[:-3]) if word.endswith("ed") else ()
    return any(_as_action(w) for w in stems if len(w) > 2)


def clause_action(before: str) -> str | None:
    """The action nearest before the app in its clause (see ``_governing_at``), or None."""
    tokens = _clause_tokens(before, "")
    at = _governing_at(tokens, tokens.index(_APP)) if _APP in tokens else None
    return _as_action(tokens[at]) if at is not None else None


def clause_object(before: str, after: str, *, any_thing: bool = False) -> tuple[str, ...]:
    """What the clause's action is done to when the app's naming is anywhere in the clause,
    the phrase read the same way wherever it stands: after the action and before the app
    ("pull all of the month's bank transactions from <Xero>", "get the active sprint of our
    <Jira> board"), around it ("fetch the open <Intercom> conversations nobody answered"), or
    "as a ..." after a pronoun ("create them as a customer in <Shopify>"). Head noun last;
    empty when no action governs a thing, or the thing is another product's."""
    tokens = _clause_tokens(before, re.sub(r"^['\u2019]s\b", " 's", after))
    if _APP not in tokens:
        return ()
    app = tokens.index(_APP)
    at = _governing_at(tokens, app)
    owned = tokens[app + 1 : app + 2] == ["'s"] and (
        at is not None or tokens[app - 1 : app] == ["from"] or _put_after(tokens, app + 2)
    )
    if at is None and not owned:
        return ()
    # "email from <HubSpot>'s owners": what the app owns is read
    phrase, end = _phrase_at(tokens, app + 2 if owned else at + 1)
    if phrase and tokens[end : end + 1] in (["a"], ["an"], ["the"]):
        phrase, end = _phrase_at(tokens, end)  # "send the sales team a digest": to whom, what
    if phrase[-1:] and phrase[-1] in _PRONOUNS:  # "create them as a customer in <Shopify>"
        as_a = next((j for j in range(end, app) if tokens[j] == "as"), None)
        phrase, end = _phrase_at(tokens, as_a + 1) if as_a is not None else ([], end)
    elif phrase and tokens[end : end + 1] == ["as"]:  # "the delivery as an event in <Calendar>"
        phrase, end = _phrase_at(tokens, end + 1)
    if not phrase or (end <= app and not _linked(tokens, end, app)):
        return ()
    if phrase[-1] in READING_NOUNS and tokens[end : end + 1] == ["of"]:
        phrase, end = _phrase_at(tokens, end + 1)  # "a short recap of my <App> events"
    if not phrase or any(map(_names_app, phrase)) or phrase[-1].endswith("ing"):
        return ()  # "summarize closed hubspot tickets -> <Slack>": another app's things
    head = phrase[-1]
    # "a tag", "an admin reply": short, or a verb's word made a noun by the one before it
    named = _noun_like(head) and (len(head) == 3 or len(phrase) > 1)
    generic_kind = (  # "a journal entry", "a scheduled event": the kind names the thing
        len(phrase) > 1
        and _stem(head) in GENERIC_NOUNS
        and head not in READING_NOUNS
        and _stem(head) not in _NEVER_THINGS | _CONTAINERS
        and phrase[-2].isalpha()
    )
    fits = is_object_noun(head) or named or generic_kind or (any_thing and _is_thing(head))
    return tuple(phrase) if fits else ()


def delivers_content(node_type: str, before: str) -> bool:
    """The clause sends something into a messaging app that can send: what is sent ("the
    draft", "a reminder", "the details") is the message's content, not a record of the app's
    API. Without this, "drop the draft in Slack" became a call to a Slack "drafts" endpoint."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    if not DELIVERED_TO.search(clause):
        return False
    return any(c.verbs & SENDS for c in candidates(node_type))


def missing_operation(node_type: str, before: str, after: str) -> str | None:
    """The object the clause asks of ``node_type``'s app when the node has no operation for it
    (see the module docstring for the rule); None when the node can do it or we are unsure."""
    if proxy_credential(node_type) is None:
        return None
    if not node_type.startswith(BASE) and not any(c.resource for c in candidates(node_type)):
        return None  # an AI node (a vector store on Supabase) is not the app's node
    if stores_anything(node_type) or drops_something(_CLAUSE_BREAK.split(before)[-1]):
        return None
    if delivers_content(node_type, before):
        return None
    action = _missing_action(node_type, before) or _unoffered_action(node_type, before, after)
    if action:
        return action  # "refund the payment in Stripe": the payment is known, refunds are not
    phrase = asked_object(before, after)
    if not phrase and _reads(before) and not any(c.verbs & _READS for c in candidates(node_type)):
        # "pull yesterday's Twilio messages": the node only sends - whatever is read, even a
        # generic "messages", is its API's
        phrase = asked_object(before, after, any_thing=True)
        return phrase[-1] if phrase and phrase[-1] not in _NEVER_THINGS else None
    if not phrase or _sends_message(node_type, before) or _changes_field(node_type, before):
        return None
    if _saves_file(node_type, before) or _does_it_itself(node_type, before):
        return None
    if _part_of_record(node_type, before, after):
        return None
    head = phrase[-1]
    if _unoffered_on_resource(node_type, before, head):
        return head  # "create a draft Mailchimp campaign": campaigns, but no create
    if _new_kind(node_type, phrase):
        return head  # "timeline events" of GitHub: events the node knows, of a kind it lacks
    if known_to_node(node_type, head):
        return None
    if any(known_to_node(node_type, w) for w in phrase[:-1] if len(w) > 2):
        # "HubSpot deal stage" is a field of a deal the node reads; but a read of a plural
        # the node lacks is a collection of its own ("the LinkedIn post comments")
        return head if _reads_collection(head, before) else None
    return head


#: Word endings of describing words ("important", "direct" aside): never a kind of thing.
_DESCRIBING_ENDINGS = ("ant", "ent", "al", "ive", "ous", "ful", "ic", "ly", "ed", "ing", "est")


def _new_kind(node_type: str, phrase: tuple[str, ...]) -> bool:
    """A generic plural after a noun that says which kind ("timeline events", "marketing
    emails"), the kind unknown to the node: the node's own "events" or "emails" are others."""
    if not _kind_of_many(phrase) or phrase[-1] not in _KINDS_OF_MANY:
        return False
    kind = phrase[-2]
    return not kind.endswith(_DESCRIBING_ENDINGS) and not known_to_node(node_type, kind)


#: Generic plurals whose kind word names what they are (see ``_new_kind``).
_KINDS_OF_MANY = frozenset("events entries items records updates results emails".split())


def _reads_collection(head: str, before: str) -> bool:
    """``head`` is a plural noun ("comments", "call logs") and the clause reads it."""
    if _stem(head) == head or head.endswith(("us", "ss", "is")):
        return False
    action = _clause_action(before)
    if action is None:
        return True  # no verb, yet an object was asked: "<App> ticket audits -> Sheets"
    meaning = VERB_SYNONYMS.get(action, ("",))[0]
    return meaning in ("get", "getall", "read", "search") or action in ("export", "download")


#: Canonical verbs of operations that deliver a message: what such a verb governs is the
#: message's content or its recipient, never an object of the app's API.
_DELIVERING = frozenset({"send", "post", "sendmessage", "reply"})


def _clause_action(before: str) -> str | None:
    """The action governing the clause's object (see ``_governing_action``); for "<object>
    from/in/on <App>", the one before the object."""
    source = _SOURCE_PREPOSITION.search(before)
    return _governing_action(words(before[: source.start(1)] if source else before))


def _sends_message(node_type: str, before: str) -> bool:
    """ "email the customer from Gmail", "send me a Gmail hot lead alert": the clause sends a
    message with an app whose node sends messages - the node does it, whatever the words
    after the verb say the message is about."""
    action = _clause_action(before) or clause_action(before)
    to_whom = _TO_RECIPIENT.search(_CLAUSE_BREAK.split(before)[-1])
    if action is None and to_whom is not None:  # "send a weekly report to the team on <Gmail>"
        action = _governing_action(words(to_whom.group(1)))
    if action is None or VERB_SYNONYMS.get(action, ("",))[0] not in _DELIVERING:
        return False
    return any(c.verbs & _DELIVERING for c in candidates(node_type))


#: "<send ... message> to <the team> on/in/via <App>": who gets it, between it and the app.
_TO_RECIPIENT = re.compile(
    r"^(.*?)\s+to\s+(?:the\s+|our\s+|my\s+|all\s+)?[a-z]+\s+(?:on|in|via|through|over)\s+$"
)


def _saves_file(node_type: str, before: str) -> bool:
    """ "save the reports in Google Drive", "store the invoices in Dropbox": whatever is put in
    a file store (a node that uploads files and keeps folders) is a file there."""
    target = _TARGET_PREPOSITION.search(before)
    action = _clause_action(before) or (
        _governing_action(words(before[: target.start(1)])) if target else None
    )
    if VERB_SYNONYMS.get(action or "", ("",))[0] not in ("create", "append", "upload"):
        return False
    cands = candidates(node_type)  # a file store: it uploads, and keeps folders or buckets
    return any("upload" in c.verbs for c in cands) and any(
        c.nouns & {"folder", "bucket", "directory"} for c in cands
    )


#: Canonical verbs that change a record in place: what they govern is a field of it.
_CHANGING = frozenset({"update", "mark"})


def _changes_field(node_type: str, before: str) -> bool:
    """ "update HubSpot status", "change the Shopify order's note": an everyday verb that
    changes something governs a field of a record the node updates, not an object of the
    API the node lacks. (``EXTRA_ACTIONS`` such as "cancel" are actions of their own.)"""
    action = _clause_action(before)
    if action is None or VERB_SYNONYMS.get(action, ("",))[0] not in _CHANGING:
        return False
    return any(c.verbs & {"update", "upsert"} for c in candidates(node_type))


#: What each record action may be offered as, by operation words (see ``candidates``).
_OFFERED_FOR = {
    "create": frozenset("create add insert append upsert createorupdate appendorupdate".split()),
    "update": frozenset("update upsert edit patch createorupdate appendorupdate".split()),
    "delete": frozenset("delete remove archive trash".split()),
}
#: Resources that are messages: making one is sending it.
_MESSAGE_NOUNS = frozenset("message mail email sms chat post".split())


def _unoffered_on_resource(node_type: str, before: str, head: str) -> bool:
    """The clause creates, changes or deletes a record the node has as a resource, and no
    operation of that resource does it ("create a draft <Mailchimp> campaign": the campaign
    resource sends, replicates and deletes, never creates) - the API has it."""
    action = clause_action(before) or _clause_action(before) or ""
    meaning = EXTRA_ACTIONS.get(action) or VERB_SYNONYMS.get(action, ("",))[0]
    offered_as = _OFFERED_FOR.get(meaning)
    stem = _stem(head)
    held = [c for c in candidates(node_type) if stem in {_stem(w) for w in _camel_words_of(c)}]
    if offered_as is None or not held or any(c.operation is None for c in held):
        return False  # no operations read for the resource: nothing to say it lacks one
    if meaning == "create" and any(c.nouns & _MESSAGE_NOUNS for c in held):
        offered_as = offered_as | {"send", "post", "sendmessage"}
    return not any(c.verbs & offered_as for c in held)


def _camel_words_of(c: Candidate) -> list[str]:
    """The words of a candidate's resource value ("listGroup" -> list, group)."""
    return words(re.sub(r"([a-z])([A-Z])", r"\1 \2", c.resource or ""))


def _part_of_record(node_type: str, before: str, after: str) -> bool:
    """ "update the tags of the matching <Shopify> order": what is asked is part of a record
    the node has (named right after the app), not an object of its own."""
    if not re.search(r"\bof\s+(?:[a-z]+\s+){0,2}$", before):
        return False
    record = (words(after)[:1] or [""])[0]
    return len(record) > 2 and record not in _PHRASE_END and known_to_node(node_type, record)


#: Canonical verbs that only say what is done to a record (read, made, changed, removed,
#: sent): what they govern must be a record the node has.
_RECORD_VERBS = frozenset(
    """get getall read list search create add insert append update upsert delete remove send
    post""".split()
)


def _does_it_itself(node_type: str, before: str) -> bool:
    """The clause's action is one the node performs beyond keeping records ("translate the
    text parts with <Google Translate>"), or the node has no operations to choose from (a
    single-purpose node such as Mailgun's send): what the action governs is its input."""
    cands = candidates(node_type)
    if not any(c.resource or c.operation for c in cands):
        return True
    action = clause_action(before) or _clause_action(before) or ""
    return bool(action) and action not in _RECORD_VERBS and any(action in c.verbs for c in cands)


def _missing_action(node_type: str, before: str) -> str | None:
    """ "refund the payment in Stripe": an action that is itself the API's object
    (``VERB_OBJECTS``), in the clause before the app, which the node does not know."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    for word in reversed(words(clause)):
        if word in VERB_OBJECTS:
            return None if known_to_node(node_type, word) else word
    return None


_THAT_THING = re.compile(
    r"\b(\w+)\s+(?:that|this|those|these|each|every|the)\s+(?:(?:new|same)\s+)?"
    r"((?:[a-z]+\b\s*){0,3})"
)


def _unoffered_action(node_type: str, before: str, after: str) -> str | None:
    """ "schedule that campaign", "duplicate this board in <Trello>": an action done to a thing
    the node has (the campaign, the board) that none of that thing's operations offers
    (``_OFFERED_AS``) - the thing, as the API's object; None otherwise."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    acts = [m for m in _THAT_THING.finditer(clause) if _as_action(m.group(1).lower())]
    m = acts[-1] if acts else None  # the last action ("... to go out at that time": none)
    verb = _as_action(m.group(1).lower()) if m is not None else None  # "schedules" too
    if m is None or verb not in _OFFERED_AS:
        return None
    named = (m.group(2) or "").split() or words(after)[:3]  # "the draft campaign in ..."
    for thing in named:
        if thing in _PRONOUNS or thing in _PHRASE_END:
            return None
        asked = {_stem(thing), thing, *NOUN_SYNONYMS.get(_stem(thing), ())}
        held = [c for c in candidates(node_type) if asked & c.nouns]
        if held:
            break
    else:
        return None
    if verb == "schedule" and _stem(thing) in _MADE_BY_SCHEDULING:
        return None
    offered = _OFFERED_AS[verb]
    if any(o in (c.operation or "").lower() for c in held for o in offered):
        return None
    if any(o in (c.resource or "").lower() for c in candidates(node_type) for o in offered):
        return None  # GitHub approves a pull request as a "review" of it
    return _stem(thing)


def api_call(node_type: str, noun: str, write: bool) -> ApiCall | None:
    """The HTTP Request stand-in for ``node_type`` asked for ``noun``."""
    credential = proxy_credential(node_type)
    if credential is None:
        return None
    return ApiCall(node_type, credential, plural_of(noun), write)


def plural_of(noun: str) -> str:
    """The plural an API path names a collection by: "branch" -> "branches", "entry" ->
    "entries"; a word already ending in "s" is taken as plural."""
    if noun.endswith("s"):
        return noun
    if noun.endswith(("x", "ch", "sh", "z")):
        return noun + "es"
    if len(noun) > 2 and noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


#: Canonical verbs that create or change something: the stand-in call is a POST (anything
#: else - a read, "summarize", "check" - is a GET).
_WRITE_MEANINGS = frozenset(
    "create append add insert update upsert delete remove send post upload move copy archive "
    "clear publish share invite subscribe".split()
)
#: Words VERB_SYNONYMS reads as verbs that describe which things, not what to do with them.
_DESCRIBING = frozenset({"new", "all", "many", "unread"})


#: The object phrase after the app goes on to another place: "post yesterday's Stripe refunds
#: to #finance", "add the day's Shopify refunds to a Google Sheet", "send me the payouts by
#: email" - the verb delivers what the API call reads.
_DELIVERED = re.compile(
    r"^\s*(?:[A-Za-z][\w'-]*\s+){1,5}(?:to|into|onto|by|via)\s+"
    r"(?:#|[A-Z]|(?:a|an|the|my|our|their|your)\b|e-?mail\b|mail\b)"
)


#: Verbs that put what they govern somewhere else (not "create", "issue": those make it).
_DELIVERING_WORDS = frozenset(
    """send post add append insert save store log put push copy export email mail forward
    share upload write record publish dm message notify ping""".split()
)


def asks_to_write(before: str, after: str = "") -> bool:
    """The action governing the object creates or changes something ("create", "add"):
    the call is a POST; a read, a summary, or no action makes it a GET. Read from the clause itself,
    not from the node's operation (which was the wrong one to begin with)."""
    before = _TO_IT.sub(" ", before)  # "add a comment to it in ..."
    clause = re.split(r"[.;:!?\n]|,\s", before)[-1]
    acted = [m.group(1).lower() for m in _THAT_THING.finditer(clause)]
    if any(w in VERB_OBJECTS for w in words(clause)) or (acted and acted[-1] in _OFFERED_AS):
        return True  # "refund ...", "schedule that campaign": actions of their own
    used = re.match(r"\s*(?:[A-Z][a-z]{2,}\s+)?to\s+([a-z]+)\b", after)
    if used and _USING.search(before):  # "use Stripe Checkout to create ...": that action
        said = used.group(1)
        return (EXTRA_ACTIONS.get(said) or VERB_SYNONYMS.get(said, ("get",))[0]) in _WRITE_MEANINGS
    action = _clause_action(before)  # "cancel the subscription in ..."
    target = _TARGET_PREPOSITION.search(before)  # "add a comment to the ..."
    if action is None and target is not None:
        action = _governing_action(words(before[: target.start(1)]))
    if action is None and re.search(r"\bfrom\s+(?:\w+\s+)?$", before):
        return False  # "name and email from <HubSpot>'s owners": the app is read
    action = action or clause_action(before)  # "add that person as a member in ..."
    meaning = EXTRA_ACTIONS.get(action or "") or VERB_SYNONYMS.get(action or "", ("get",))[0]
    if action in _DELIVERING_WORDS and _DELIVERED.match(after):
        return False  # what is delivered elsewhere is read here
    return meaning in _WRITE_MEANINGS


def _names_kind(word: str, head: str) -> bool:
    """A word before the head that says which kind of thing ("satisfaction ratings",
    "discount codes"), not which ones: "failed payouts" are payouts - unless the head alone
    says nothing ("scheduled events")."""
    if not is_object_noun(word) or word in _WHICH_ONES:
        return False  # "the active subscription" is a subscription
    return not word.endswith("ed") or _stem(head) in GENERIC_NOUNS or head in GENERIC_NOUNS


def _object_path(before: str, after: str, noun: str, node_type: str = "") -> str:
    """The object as an API path segment: the words of its phrase that name things, joined
    ("satisfaction ratings" -> "satisfaction_ratings"); the noun itself for an action."""
    asked = asked_object(before, after, any_thing=True)
    if not asked or asked[-1] != noun:
        return noun
    if len(asked) == 1:  # named before the app: a kind word the node knows owns it instead
        kind = [w for w in _kind_before(before, noun) if not known_to_node(node_type, w)]
        return "_".join([*kind, noun])
    # a word the node knows names the record that owns the object ("post comments"), not it
    phrase = [w for w in asked[:-2] if _names_kind(w, noun) and not known_to_node(node_type, w)]
    w = asked[-2]  # "pull requests", "time entries": a compound keeps its first word
    compound = _compound_head([noun]) and (
        w == "time" or (w in VERB_SYNONYMS and w not in _DESCRIBING)
    )
    if (_names_kind(w, noun) or compound) and not known_to_node(node_type, w):
        phrase.append(w)
    phrase.append(noun)
    return "_".join(phrase)


def api_stand_in(step: StepSpec, before: str, after: str) -> StepSpec:
    """``step`` itself, or - when its app's node has no operation for what the clause asks
    (``missing_operation``) - an HTTP Request step that calls the app's API with the app's
    credential. The step keeps its purpose and hints; ``@api`` names the app node,
    ``@credential`` its credential type, ``@object`` the object asked for and ``@write``
    whether the call changes something (the node's best operation was not a read)."""
    noun = missing_operation(step.node_type, before, after)
    call = (
        api_call(step.node_type, _object_path(before, after, noun, step.node_type), False)
        if noun
        else None
    )
    if call is None:
        return step
    params = dict(step.parameters)
    params.update(call_hints(call, asks_to_write(before, after)))
    return StepSpec(HTTP_REQUEST, purpose=step.purpose, parameters=params, branch=step.branch)


def app_names(node_type: str) -> tuple[str, ...]:
    """How a request writes the node's app, longest first: its display name ("Google
    Sheets") and the type's short name ("googleSheets"). Not a first word alone: "Google"
    also begins "Google Gemini"."""
    nv = load_catalog().get(node_type)
    display = nv.display_name if nv else ""
    short = node_type.rsplit(".", 1)[-1]
    names = {display, short}
    if nv is not None and nv.is_trigger:  # "Calendly Trigger" is written "Calendly"
        names = {display.removesuffix(" Trigger"), short.removesuffix("Trigger")}
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


@lru_cache(maxsize=1)
def trigger_only_apps() -> tuple[str, ...]:
    """Trigger nodes of apps n8n has no action node for (Calendly, Typeform, Eventbrite...)
    whose credential the HTTP Request node can use: anything asked of such an app is its API."""
    cat = load_catalog()
    types = set(cat.types(include_variants=False))
    return tuple(
        t
        for t in sorted(types)
        if t.endswith("Trigger")
        and t.removesuffix("Trigger") not in types
        and proxy_credential(t) is not None
    )


#: What belongs to the thing a trigger reported: "its", "their", "the order's".
_OWNER = re.compile(r"\b(?:its|their|(?:the|each|every)\s+[a-z]+(?:'s|\u2019s))\s+")


def trigger_app_calls(request: str, trigger: str) -> list[tuple[int, StepSpec]]:
    """An HTTP Request step, with its position in the request, for what a later clause asks
    of the triggering app's record without naming the app ("when a new order comes in on
    Shopify, fetch its transactions and save them to Airtable": the order's transactions are
    the Shopify API's, which the Shopify node cannot read) - or the app's node when it can
    ("... get its comments": Jira's issue comments). See ``implied_call``."""
    app = trigger.removesuffix("Trigger")
    if app == trigger or load_catalog().get(app) is None or proxy_credential(app) is None:
        return []
    places = namings(trigger, request)
    for a, b in places:  # "create the fulfillment in Shopify" under a Shopify trigger
        before, after = clause_at(request, a, b)
        if re.search(
            r"\bwhen\w*|\bonce\b|\b(each|every) time\b|\bif\b|\bas soon as\b", before, re.I
        ):
            continue  # the trigger's own event ("whenever I log an activity on Strava")
        noun = missing_operation(app, before, after)
        call = api_call(app, _object_path(before, after, noun, app), False) if noun else None
        if call is not None:
            purpose = (before + request[a:b] + after).strip()
            params = call_hints(call, asks_to_write(before, after))
            return [(a, StepSpec(HTTP_REQUEST, purpose=purpose, parameters=params))]
    found = implied_call(app, request, places[0][1], node_too=True) if places else None
    return [found] if found else []


#: A read of what belongs to the record at hand, named after the object: "fetch the quotes
#: linked to it", "list the line items of them".
_BACK_REFERENCE = re.compile(
    r"^(.*?\b(?:get|fetch|pull|list|retrieve|grab|load|read|collect|export|download)s?\s+)"
    r"(?:(?:the|all|all the)\s+)?([a-z][a-z ]*?)\s+"
    r"(?:linked to|attached to|associated with|of|for|on|from|in)\s+(?:it|them)\b"
)


#: Something made on the record at hand: "leave a comment on that page", "add a note to
#: the ticket", "post a reply under this issue".
_ON_RECORD = re.compile(
    r"^\s*(?:\w+\s+)?(?:leave|post|add|write|attach|put|create|drop|make|log|record)s?\s+"
    r"(?:a|an|the|some)?"
    r"\s*([a-z][a-z ]*?)\s+(?:on|to|under|for|in|against)\s+(that|this|the|each|it)\b\s*([a-z]*)"
)


def _on_record(part: str) -> tuple[str, str, str] | None:
    """The clause as (before, after) around the thing it makes on the record at hand
    (``_ON_RECORD``), the verb read as "create", and the record's word ("page"); None when
    it does not."""
    m = _ON_RECORD.match(part)
    if m is None or not m.group(1).split()[-1].isalpha():
        return None
    thing = re.split(r"\bas\s+(?:a|an)\s+", m.group(1))[-1]  # "the alert as a comment"
    if thing.split()[-1] in _PRONOUNS:
        return None  # "add them to the sheet": what is made is named elsewhere
    return "create ", " " + thing, "" if m.group(2) == "it" else m.group(3)


def _of_event(made: tuple[str, str, str] | None, part: str, event: str) -> bool:
    """``part`` makes something on "that/this <record>" the event named ("when a GitHub issue
    is labeled, ... add a comment to that issue"), with no other app named in it."""
    if made is None or not made[2] or any(t[:1].isupper() for t in part.split()[1:]):
        return False
    return bool(re.search(r"\b(?:that|this)\s+" + made[2], part)) and made[2] in words(event)


def _event_object(event: str) -> str:
    """The head noun of what an event happens to ("when a merge request is opened" ->
    "request"); "" when the event names none."""
    lead = _EVENT_CLAUSE.search(event)
    head = ""
    for word in words(event[lead.end() :] if lead else "")[:5]:
        if word in _EVENT_VERBS or word in _PHRASE_END - {"a", "an", "the"}:
            break
        if word not in ("a", "an", "the", "new") and not _names_app(word):
            head = word
    return head


def _on_unknown(
    app: str, made: tuple[str, str, str] | None, event: str, node_too: bool
) -> str | None:
    """The thing made on the event's record when the node does not know that record ("when
    a GitLab merge request is opened, post a comment on that merge request": GitLab's node
    comments on issues only); None otherwise, and for any record the event did not name."""
    record = made[2] or _event_object(event) if made is not None else ""
    if not node_too or made is None or not _is_thing(record):
        return None  # "post a comment on it": "it" is the event's record
    if not re.search(r"\b" + record + r"\b", event) or known_to_node(app, record):
        return None
    thing = words(made[1])
    return _stem(thing[-1]) if thing else None


def _made_operation(app: str, thing: str, record: str) -> tuple[str | None, str | None]:
    """The node's operation that makes ``thing`` on the ``record`` at hand, read as if the app
    were named ("add a comment to the <Jira> issue", "add a <Pipedrive> note"): the first
    reading whose resource or operation names the thing (Trello's cardComment, Pipedrive's
    note), else the first."""
    readings = [(f"add a {thing} to the ", f" {record}"), ("add a ", f" {thing}")]
    chosen = [choose_operation(app, before, after) for before, after in readings]
    stem = _stem(thing.split()[-1]) if thing else ""
    for res, op in chosen:
        if stem and stem in f"{res or ''} {op or ''}".lower():
            return res, op
    return chosen[0]


def implied_call(
    app: str, request: str, start: int, *, node_too: bool = False
) -> tuple[int, StepSpec] | None:
    """The step, with its position, for the first clause after ``start`` that asks the app
    for something without naming it or any other app: "fetch its transactions", "pull the
    order's fulfillment events" (what belongs to the record at hand), "refund it" (an action
    the API has as an object). An HTTP Request when the node lacks it; with ``node_too``, the
    app node for a read it has. None when no such clause follows."""
    event = request[: start + len(re.split(r"[,.;:!?\n]", request[start:])[0])].lower()
    for clause in re.finditer(r"[^.;!?\n,]+", request[start:]):
        other_app = False
        for n, part in enumerate(re.split(r"\b(?:and|then)\s|->|\u2192", clause.group(0))):
            if n == 0 and clause.start() == 0:
                continue  # the rest of the naming's own clause ("Stripe API to create ...")
            if drops_something(part):
                continue  # "we don't need the page anymore": nothing is asked
            made = _on_record(part)
            named = any(t[:1].isupper() for t in part.split()[1:]) or another_actor(app, part)
            if named or other_app:
                other_app = True  # another app (or the same one, named) takes over - but
                if not _of_event(made, part, event):  # "a comment to that issue" is the event's
                    continue
            pos = start + clause.start() + clause.group(0).find(part)
            action = _missing_action(app, part) or _unoffered_action(app, part, "")
            owner = _OWNER.search(part)
            back = _BACK_REFERENCE.match(part)
            if owner is not None:
                before, after = part[: owner.start()], " " + part[owner.end() :]
            elif back is not None:  # "fetch the quotes linked to it"
                before, after = back.group(1), " " + back.group(2)
            elif action is not None:
                before, after = part, ""
            elif made is not None:  # "leave a comment on that page"
                before, after = made[:2]
            else:
                continue
            unknown = _on_unknown(app, made, request[:pos].lower(), node_too)
            noun = action or missing_operation(app, before, after) or unknown
            call = api_call(app, _object_path(before, after, noun, app), False) if noun else None
            if call is None and node_too and made and not owner and not back:
                res, op = _made_operation(app, after.strip(), made[2])
                return pos, StepSpec(app, purpose=part.strip(), resource=res, operation=op)
            if call is None and node_too and asked_object(before, after) and _reads(before):
                res, op = choose_operation(app, before, after, reads_only=True)
                return pos, StepSpec(app, purpose=part.strip(), resource=res, operation=op)
            acts = _governing_action(words(before)) in EXTRA_ACTIONS  # "cancel their ..."
            if call is not None and (action is not None or made or _reads(before) or acts):
                params = call_hints(call, asks_to_write(before, after))
                return pos, StepSpec(HTTP_REQUEST, purpose=part.strip(), parameters=params)
    return None


#: Canonical verbs of operations that read.
_READS = frozenset({"get", "getall", "read", "search", "list"})


#: "the Stripe REST API", "my WordPress site REST api", "Shopify's GraphQL API": a call the
#: request names itself (see ``explicit_api``), not something asked of the app's node.
NAMES_ITS_API = re.compile(
    r"\s*(?:'s\s+)?(?:(?:" + "|".join(sorted(CONTAINER_NOUNS)) + r")\s+)?"
    r"(?:rest\s+|graphql\s+)?api\b",
    re.I,
)
#: A clause that takes something away: it asks no app for anything ("we dont need the notion
#: page anymore", "skip the Slack part", "get rid of the email step").
_DROPS = re.compile(
    r"\b(?:do\s*n[o'\u2019]?t|dont|no\s+longer|never)\s+(?:need|want|use|send|create|make)\b"
    r"|\banymore\b|\bget\s+rid\s+of\b|\bskip\b|\bleave\s+out\b|\bwithout\s+the\b"
    r"|\b(?:remove|drop|delete|cut)\s+(?:the\s+|that\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:step|node|part|bit|action)s?\b",
    re.I,
)
#: A subject that writes or decides for itself: "OpenAI writes a note", "the AI drafts ...".
_AI_SUBJECT = re.compile(
    r"^\s*(?:(?:then|and|also)\s+)?(?:the\s+|an?\s+)?"
    r"(?:ai|llm|gpt[\w.-]*|chatgpt|model|agent|assistant|chatbot)\s+[a-z]+s\b",
    re.I,
)


def drops_something(clause: str) -> bool:
    """The clause removes or leaves out something (``_DROPS``): no call is asked there."""
    return bool(_DROPS.search(clause))


def another_actor(app: str, part: str) -> bool:
    """``part`` names an app other than ``app`` - even lowercase ("make a notion page for it"
    under a Linear trigger) or as the clause's subject ("OpenAI writes a personal note for
    each") - or an AI does the clause: what it makes is not ``app``'s object."""
    if _AI_SUBJECT.match(part):
        return True
    own = app.rsplit(".", 1)[-1].removesuffix("Trigger").lower()
    return any(
        t.rsplit(".", 1)[-1].removesuffix("Trigger").lower() != own
        and proxy_credential(t) is not None  # an app, not "schedule" or "wait"
        for t in _apps_in(part)
    )


@lru_cache(maxsize=2048)
def _apps_in(text: str) -> tuple[str, ...]:
    """The node types the entity reader finds named in ``text`` (lowercase names too)."""
    from engine.intent.entities import extract_entities

    return tuple(e.node_type for e in extract_entities(text) if e.node_type)


def _reads(before: str) -> bool:
    """The clause's action reads ("get", "list", "fetch")."""
    action = _clause_action(before) or ""
    return VERB_SYNONYMS.get(action, ("",))[0] in ("get", "getall", "read", "search", "list")


def trigger_only_calls(request: str, trigger: str) -> list[tuple[int, StepSpec]]:
    """An HTTP Request step, with its position in the request, for each app named with an
    action whose only n8n node is a trigger ("every morning pull Calendly scheduled events
    into Google Sheets": the Calendly API's scheduled_events). The workflow's own trigger is
    not asked anything."""
    out: list[tuple[int, StepSpec]] = []
    for app in trigger_only_apps():
        if app == trigger:
            continue
        for start, end in namings(app, request):
            before, after = clause_at(request, start, end)
            phrase = asked_object(before, after, any_thing=True)
            if not phrase or _sends_message(app, before):
                continue
            call = api_call(app, _object_path(before, after, phrase[-1], app), False)
            if call is None:
                continue
            params = call_hints(call, asks_to_write(before, after))
            purpose = (before + request[start:end] + after).strip()
            out.append((start, StepSpec(HTTP_REQUEST, purpose=purpose, parameters=params)))
            break
    return out


def stand_in_for(step: StepSpec) -> StepSpec:
    """``api_stand_in`` for a step whose clause is its ``purpose`` (the spec writes the clause
    around the app's name there): the text before and after each naming of the app, the
    first that asks for something the node lacks."""
    if not step.purpose or proxy_credential(step.node_type) is None:
        return step
    for start, end in namings(step.node_type, step.purpose):
        stand_in = api_stand_in(step, step.purpose[:start], step.purpose[end:])
        if stand_in is not step:
            return stand_in
    return step


def namings(node_type: str, text: str) -> list[tuple[int, int]]:
    """Where ``text`` names the node's app, in order, each place once (the longest name
    there): "when a HubSpot deal closes, get its quotes from HubSpot" names it twice, the
    trigger's clause first and the asked object second."""
    low, found = text.lower(), []
    for name in app_names(node_type):
        for m in re.finditer(r"\b" + re.escape(name.lower()) + r"\b", low):
            if not any(a <= m.start() < b for a, b in found):
                found.append((m.start(), m.end()))
    return sorted(found)


def later_use(step: StepSpec, request: str) -> StepSpec | None:
    """The app node's own step when the request names the app again after the clause whose
    object the node lacks ("get my YouTube subscriptions from its API ..., then get the video
    details with the YouTube node"): the spec keeps one step per app, so the stand-in would
    otherwise take the node's place for both. None when the app is named once, or when the
    later clause asks for something the node lacks too."""
    low, piece = request.lower(), step.purpose.lower()
    start = low.find(piece) if piece else -1
    if start < 0:
        return None
    for name in app_names(step.node_type):
        # "the YouTube API" is the stand-in's own call, not a use of the node
        named = re.compile(r"\b" + re.escape(name.lower()) + r"\b(?!\s+api\b)")
        m = named.search(low, start + len(piece))
        if m is None:
            continue
        clause_start = max(low.rfind(mark, 0, m.start()) for mark in (",", ";", ".", "\n"))
        before = request[max(clause_start + 1, m.start() - 80) : m.start()]
        after = re.split(r"[,;.\n]", request[m.end() : m.end() + 60])[0]
        if missing_operation(step.node_type, before, after) or is_place(before, after):
            return None
        res, op = choose_operation(step.node_type, before, after)
        purpose = (before + request[m.start() : m.end()] + after).strip()
        return StepSpec(step.node_type, purpose=purpose, resource=res, operation=op)
    return None


#: "a Stripe tool to list refunds", "Stripe, which can fetch refunds": the tool's own action.
_TOOL_ACTION = re.compile(
    r"^\W*(?:tools?\W+)?(?:to|that|which|for|can)\s+(?:can\s+)?(\w+(?:\s+up)?)\s+(.*)"
)


#: "tools for <App> ...", "a tool for the <App> ...": what follows is what the tool reads.
_TOOLS_FOR = re.compile(r"\btools?\s+(for|over|on)\s+(the\s+|my\s+|our\s+)?$", re.I)


#: "questions about (our) <App> ...": what follows is read to answer them.
_ABOUT = re.compile(
    r"\b(?:questions?|asks?|answers?)\s+(?:about|on|regarding)\s+(?:our\s+|my\s+|the\s+)?$", re.I
)
#: "<App> tool for <object>": the object the tool is for.
_TOOL_FOR_OBJECT = re.compile(
    r"^\W*tools?\s+for\s+(?:the\s+|our\s+|my\s+)?([a-z][a-z ]*?)(?=\s+and\b|\s*[,.;]|$)"
)


def tool_stand_in(tool: str, before: str, after: str, purpose: str) -> StepSpec | None:
    """The HTTP Request Tool that stands in for an agent's app tool (``tool`` is its
    ``...Tool`` type) whose node has no operation for what the request gives it to do:
    "refunds from Stripe", or the action written after the tool ("a Stripe tool to list
    refunds"); None when the node can do it."""
    base = tool.removesuffix("Tool")
    if _TOOLS_FOR.search(before) or _ABOUT.search(before):
        before = "get "  # "tools for Jira worklogs", "questions about our Stripe refunds"
    tool_for = _TOOL_FOR_OBJECT.match(after)
    if tool_for:  # "a HubSpot tool for quotes": what the tool is for is read
        before, after = "get ", " " + tool_for.group(1)
    noun = missing_operation(base, before, after)
    verb_text = before
    if noun is None:
        m = _TOOL_ACTION.match(after)
        if m is None:
            return None
        verb_text, after = m.group(1) + " ", " " + m.group(2)
        noun = missing_operation(base, verb_text, after)
    call = api_call(base, _object_path(verb_text, after, noun, base), False) if noun else None
    if call is None:
        return None
    params = call_hints(call, asks_to_write(verb_text))
    return StepSpec(HTTP_REQUEST + "Tool", purpose=purpose, parameters=params)


#: Where a clause before an app's name begins: a sentence mark, ", ", or "and"/"then" (a
#: second action: "refund it in Stripe and tell #billing on Slack").
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]|,\s|\b(?:and|then)\s")


def clause_at(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause around the naming ``text[start:end]``: up to 80 characters before it back to
    the last sentence mark or ", ", and after it up to the next one or "and"/"or"/"then"."""
    before = _CLAUSE_BREAK.split(text[max(0, start - 80) : start])[-1]
    after = re.split(r"[.;!?\n]|,\s|\b(?:and|or|then)\b", text[end : end + 80])[0]
    return before, after


def stand_in_at(node_type: str, text: str, pos: int) -> StepSpec | None:
    """``api_stand_in`` for the app named at ``pos`` of ``text`` (a change request adding the
    app: "also pull the Stripe refunds into the sheet"); None when the name is not there or
    the node can do what is asked."""
    low = text.lower()
    for name in app_names(node_type):
        if low.startswith(name.lower(), pos):
            end = pos + len(name)
            before, after = clause_at(text, pos, end)
            step = StepSpec(node_type, purpose=(before + text[pos:end] + after).strip())
            stand_in = api_stand_in(step, before, after)
            return stand_in if stand_in is not step else None
    return None


#: An event written before the app's name: "when a new <App> conversation starts".
_EVENT_LEAD = re.compile(
    r"\b(when|whenever|once|each time|every time)\s+(a|an|the)?\s*(new\s+)?$", re.I
)
#: Verbs of an event after its object: they end the object's phrase.
_EVENT_VERBS = frozenset(
    """is are was gets get has have starts start arrives arrive comes come appears appear lands
    land opens open closes close happens begins ends changes goes becomes exists exist remains
    remain""".split()
)


def _polled_stand_in(step: StepSpec, clauses: list[tuple[str, str]]) -> StepSpec:
    """The stand-in for an app the workflow polls ("when a new Intercom conversation starts":
    a schedule, then a read) when the object of the event is one the node cannot read; the
    step itself otherwise."""
    verb = (step.operation or "").lower()
    if not (verb.startswith("get") or verb in ("list", "search")):
        return step
    for before, after in clauses:
        if not _EVENT_LEAD.search(before):
            continue
        head = []
        for word in words(after)[:4]:
            if word in _EVENT_VERBS or word in _PHRASE_END:
                break
            head.append(word)
        if (
            head
            and is_object_noun(head[-1])
            and not any(known_to_node(step.node_type, w) for w in head)
        ):
            return api_stand_in(step, "get all ", " " + " ".join(head))
    return step


def is_place(before: str, after: str) -> bool:
    """ "... from our Stripe account", "in my Shopify store": the naming says where, not
    what is asked of the app."""
    return bool(
        re.match(r"\s*(account|workspace|store|shop|instance|dashboard)\b", after)
        and re.search(r"\b(from|in|on|of)\s+(our|my|the|your)\s*$", before)
    )


def asks_node(node_type: str, before: str, after: str) -> bool:
    """The clause around a naming asks the app node itself for something it can do: an action
    governs the naming ("get the Stripe customers", "create the contact in HubSpot", "add it
    to Stripe"), not only an event ("when a HubSpot deal closes")."""
    if missing_operation(node_type, before, after):
        return False
    if is_place(before, after) or NAMES_ITS_API.match(after):
        return False  # "the Stripe API ...": a call the request names, not the node
    return bool(asked_object(before, after)) or _clause_action(before) is not None


def _with_write_from(
    stand_in: StepSpec, node_type: str, clauses: list[tuple[str, str]]
) -> StepSpec:
    """``stand_in`` whose POST/GET is read from the request's whole clause (a step's purpose
    may stop before "to Dropbox" in "save Zoom cloud recordings to Dropbox")."""
    for before, after in clauses:
        if missing_operation(node_type, before, after):
            params = {**stand_in.parameters, "@write": asks_to_write(before, after)}
            return replace(stand_in, parameters=params)
    return stand_in


#: The clause of an event: "when a Trello card is created", "once a deal is won".
_EVENT_CLAUSE = re.compile(r"\bwhen\w*|\bonce\b|\b(each|every) time\b|\bif\b|\bas soon as\b", re.I)


def _made_on_record(step: StepSpec, request: str, places: list[tuple[int, int]]) -> StepSpec:
    """``step`` doing what a later clause makes on the record of the event naming its app
    ("when a Trello card is created, add a comment to that card": Trello's cardComment, not
    another card) - when the app is named only in that event; ``step`` itself otherwise."""
    if len(places) != 1 or not _EVENT_CLAUSE.search(clause_at(request, *places[0])[0]):
        return step
    found = implied_call(step.node_type, request, places[0][1], node_too=True)
    if found is None or found[1].node_type != step.node_type or not _on_record(found[1].purpose):
        return step
    return replace(step, resource=found[1].resource, operation=found[1].operation)


def _made_in_place(
    step: StepSpec, request: str, places: list[tuple[int, int]], call: StepSpec
) -> bool:
    """``call`` makes on the event's record what ``step`` was there for ("when a Zendesk ticket
    is created, add a comment on that ticket": the comment's API call, no other ticket): the
    app is named only in the event, and the step's clause is the call's."""
    if len(places) != 1 or not _EVENT_CLAUSE.search(clause_at(request, *places[0])[0]):
        return False
    return _on_record(call.purpose) is not None and call.purpose in (step.purpose or "")


def app_steps(step: StepSpec, request: str) -> list[StepSpec]:
    """The steps that do what the request asks of ``step``'s app: the step itself; or its
    HTTP Request stand-in when the app's node lacks the asked operation at some naming of the
    app (in the step's clause, else anywhere in the request: "when a Stripe charge fails, tell
    #billing and refund it in Stripe"). The node stays beside the stand-in when the request
    also asks it for something it can do - before ("create the contact in HubSpot, ... list
    its HubSpot quotes") or after (``later_use``)."""
    stand_in = stand_in_for(step)
    places = namings(step.node_type, request) if request else []
    clauses = [clause_at(request, start, end) for start, end in places]
    if stand_in is step and proxy_credential(step.node_type) is not None:
        for before, after in clauses:
            stand_in = api_stand_in(step, before, after)
            if stand_in is not step:
                break
    if stand_in is step:
        stand_in = _polled_stand_in(step, clauses)
    if stand_in is step:
        # "look up their last charge in Stripe, refund it": the node, then the API for what
        # the next clause asks of the same app without naming it
        implied = implied_call(step.node_type, request, places[0][1]) if places else None
        if implied is None:
            return [_made_on_record(step, request, places)]
        return (
            [implied[1]]
            if _made_in_place(step, request, places, implied[1])
            else [step, implied[1]]
        )
    stand_in = _with_write_from(stand_in, step.node_type, clauses)
    later = later_use(step, request)
    if later is not None:
        return [stand_in, later]
    if any(asks_node(step.node_type, *clause) for clause in clauses):
        return [step, stand_in]  # the request asks the node too: it stays
    return [stand_in]


def tool_clause(tool: str, request: str) -> tuple[str, str] | None:
    """The lower-cased text before and after the first naming of a tool's app in the request
    (60 characters each way, the after part cut at the next sentence or "<x> tool"); None when
    the app is not named."""
    base = tool.removesuffix("Tool")
    nv = load_catalog().get(base)
    if nv is None or not request:
        return None
    low = request.lower()
    label = nv.display_name.lower()
    pos = low.find(label)
    if pos < 0:  # "Jira" for "Jira Software": the short name, and its own length
        label = base.split(".")[-1].lower()
        pos = low.find(label)
    if pos < 0:
        return None
    before = low[max(0, pos - 60) : pos]
    after = low[pos + len(label) : pos + len(label) + 60]
    return before, re.split(r"[;.\n]|,\s*(?=[a-z]+ tool)", after)[0]


def tool_stand_in_for(tool: str, request: str) -> StepSpec | None:
    """``tool_stand_in`` for an agent tool as the request names it (see ``tool_clause``)."""
    clause = tool_clause(tool, request)
    return tool_stand_in(tool, *clause, purpose="") if clause else None
