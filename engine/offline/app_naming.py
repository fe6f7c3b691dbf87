"""Where a request names an app, and the clause around each naming.

The clause readers look only at the words around an app's name; this module finds those
places (display name or type name, longest first) and tells apps apart from other words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engine.lexicon import (
    AI_SUBJECT_OPENING,
    CLAUSE_BREAK_BEFORE_APP,
    CLAUSE_END_AFTER_APP,
    EVERYDAY_NOT_APP_WORDS,
    OWNED_PLACE_BEFORE_APP,
    PLACE_NOUN_AFTER_APP,
)
from engine.offline.api_credentials import proxy_credential
from engine.offline.clause_words import GENERIC_NOUNS
from engine.offline.node_vocabulary import known_to_node
from engine.offline.operations import VERB_SYNONYMS
from indexing.catalog.load import load_catalog


def names_app(word: str) -> bool:
    """``word`` alone names an app, even lower-cased ("hubspot"): not the clause's app."""
    return any(proxy_credential(t) is not None for t in _apps_in(word))


@lru_cache(maxsize=4096)
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
    names |= {_without_domain(n) for n in names}
    names |= {_without_vendor(n) for n in names}
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


def _without_vendor(name: str) -> str:
    """ "SharePoint", "OneDrive", "BigQuery": a product name of its own shape (capitals inside
    one word) written without its vendor; "" for others ("Microsoft Teams": "teams")."""
    m = re.fullmatch(r"(?:Microsoft|Google|Amazon|AWS|Azure)\s+([A-Z][a-z]+[A-Z][A-Za-z]+)", name)
    return m.group(1) if m else ""


def _without_domain(name: str) -> str:
    """ "Sentry.io" as requests write it, "Sentry"; "" when the name has no domain ending or
    the rest is an everyday word a request uses otherwise ("Monday.com", "Customer.io")."""
    m = re.fullmatch(r"([A-Za-z]{5,})\.(?:io|com|so|ai|app|dev|co)", name)
    word = m.group(1).lower() if m else ""
    everyday = word in GENERIC_NOUNS or word in VERB_SYNONYMS or word in EVERYDAY_NOT_APP_WORDS
    return "" if not word or everyday else m.group(1)


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


def another_actor(app: str, part: str) -> bool:
    """``part`` names an app other than ``app`` - even lowercase ("make a notion page for it"
    under a Linear trigger) or as the clause's subject ("OpenAI writes a personal note for
    each") - or an AI does the clause: what it makes is not ``app``'s object."""
    if AI_SUBJECT_OPENING.match(part):
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


@lru_cache(maxsize=8192)
def namings(node_type: str, text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` names the node's app, in order, each place once (the longest name
    there): "when a HubSpot deal closes, get its quotes from HubSpot" names it twice, the
    trigger's clause first and the asked object second.

    Cached, and answered without a regular expression when no name of the app is in the text
    at all: the spec's readers ask it of every app with an API credential (~90 per request,
    ``explicit_api``), and of the same app and text again from several modules."""
    low, found = text.lower(), []
    own = app_names(node_type)
    if not any(name.lower() in low for name in own) and not any(
        e.node_type == node_type for e in _app_entities(text)
    ):
        return ()  # each name below is one of ``own`` or an entity's span of this app
    for name in (*own, *_entity_names(node_type, text)):
        for m in re.finditer(r"\b" + re.escape(name.lower()) + r"\b", low):
            if not any(a <= m.start() < b for a, b in found):
                found.append((m.start(), m.end()))
    return tuple(sorted(found))


def _entity_names(node_type: str, text: str) -> tuple[str, ...]:
    """The names the entity reader found for the app in ``text`` beyond its own: its display
    name without its vendor, capitalised ("Outlook" for Microsoft Outlook, "Teams"), or
    another form of its name (``_other_name``). The spec chose the node from it, so its
    clauses are read there too - else what is asked of "the QBO credit memos" was never
    weighed against the node."""
    nv = load_catalog().get(node_type)
    display = set((nv.display_name if nv else "").split()[1:])
    spans = {
        e.span
        for e in _app_entities(text)
        if e.node_type == node_type
        and ((e.span in display and e.span[:1].isupper()) or _other_name(node_type, e.span))
    }
    return tuple(sorted(spans, key=len, reverse=True))


def _other_name(node_type: str, span: str) -> bool:
    """``span`` is the app's name in another form - an alias or a spelling in words ("QBO",
    "SFDC", "Woo", "monday", "Quickbooks Online", "Mailer Lite") - not what the app keeps or
    runs: a record the node knows ("tweets" for Twitter), a model ("gpt-4o"), or one of its
    records named by the app's name in the singular ("a Google Doc", "a Google Sheet")."""
    if not re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+)*", span):
        return False
    joined = span.replace(" ", "").lower()
    own = {n.replace(" ", "").lower() for n in app_names(node_type)}
    if joined + "s" in own:
        return False  # "a Google Doc": one of Google Docs' documents
    return not known_to_node(node_type, span.lower())


@lru_cache(maxsize=256)
def _app_entities(text: str) -> tuple:
    """The entity reader's findings in ``text`` (see ``_apps_in``)."""
    from engine.intent.entities import extract_entities

    return tuple(e for e in extract_entities(text) if e.kind == "app")


def clause_at(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause around the naming ``text[start:end]``: up to 80 characters before it back to
    the last sentence mark or ", ", and after it up to the next one or "and"/"or"/"then"."""
    before = CLAUSE_BREAK_BEFORE_APP.split(text[max(0, start - 80) : start])[-1]
    after = CLAUSE_END_AFTER_APP.split(text[end : end + 80])[0]
    return before, after


def is_place(before: str, after: str) -> bool:
    """ "... from our Stripe account", "in my Shopify store": the naming says where, not
    what is asked of the app."""
    return bool(PLACE_NOUN_AFTER_APP.match(after) and OWNED_PLACE_BEFORE_APP.search(before))
