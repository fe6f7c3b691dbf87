"""What an app's node names: its resources, operations and what its options fetch.

Whether the node "knows" the object a clause asks for is read from the catalog alone (stems,
plurals and everyday synonyms compared), the same way for every app.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engine.lexicon import FILE_KIND_NOUNS, PERSON_RECORD_NOUNS, RECORD_SYNONYMS
from engine.offline.clause_words import is_object_noun, word_stem
from engine.offline.operations import NOUN_SYNONYMS, candidates, words
from indexing.catalog.load import load_catalog

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


@lru_cache(maxsize=2048)
def object_vocabulary(node_type: str) -> frozenset[str]:
    """Words naming what the node acts on: its resources and operations (values, names and
    action labels, camelCase split, stemmed) and what its options fetch ("attachments" from
    ``downloadAttachments``). Not every word of its description: a field of another object
    ("Fulfillment Status" of a Shopify order, an invoice total in a Stripe help text) is not
    an object the node can read or make."""
    out: set[str] = set()
    for c in candidates(node_type):
        out |= c.nouns
        out |= {
            word_stem(w) for v in c.verbs for w in words(re.sub(r"([a-z])([A-Z])", r"\1 \2", v))
        }
    cat = load_catalog()
    nv = cat.get(node_type, cat.default_version(node_type))
    for name in _property_names(nv.raw_properties if nv else []):
        split = words(re.sub(r"([a-z])([A-Z])", r"\1 \2", name))
        if len(split) >= 2 and split[0] in _FETCHING_OPTIONS:
            out |= {word_stem(w) for w in split[1:]}
    return frozenset(out)


def _description_strings(value: object) -> list[str]:
    """Every text of a node's description (names, labels, option names, help texts)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _description_strings(v)]
    if isinstance(value, list):
        return [t for v in value for t in _description_strings(v)]
    return []


@lru_cache(maxsize=2048)
def description_words(node_type: str) -> frozenset[str]:
    """The stemmed words of everything the node's description says (camelCase split): its
    fields ("Lifecycle Stage", ``dealstage``), options and help texts. A word nowhere in it
    is no field of any record the node keeps."""
    cat = load_catalog()
    nv = cat.get(node_type, cat.default_version(node_type))
    texts = _description_strings(nv.raw_properties if nv else [])
    split = (words(re.sub(r"([a-z])([A-Z])", r"\1 \2", t)) for t in texts)
    return frozenset(word_stem(w) for ws in split for w in ws)


def _field_strings(value: object) -> list[str]:
    """The names, labels and option values in a node's description, not its help texts: a
    word a help text says in passing ("see the docs") is no field or product of the node."""
    if isinstance(value, dict):
        own = [v for k, v in value.items() if k in _FIELD_KEYS and isinstance(v, str)]
        rest = [v for k, v in value.items() if k not in _FIELD_KEYS]
        return own + [t for v in rest for t in _field_strings(v)]
    if isinstance(value, list):  # identifiers listed bare ("whisper-1" shows a field) count
        ids = [v for v in value if isinstance(v, str) and " " not in v]
        return ids + [t for v in value for t in _field_strings(v)]
    return []


#: Keys of a description entry that name it (not the ones that explain it).
_FIELD_KEYS = frozenset({"name", "displayName", "value", "action"})


@lru_cache(maxsize=2048)
def field_words(node_type: str) -> frozenset[str]:
    """The stemmed words of the node's parameter and option names, labels and values
    (camelCase split): what it has a field or a choice for."""
    cat = load_catalog()
    nv = cat.get(node_type, cat.default_version(node_type))
    texts = _field_strings(nv.raw_properties if nv else [])
    split = (words(re.sub(r"([a-z])([A-Z])", r"\1 \2", t)) for t in texts)
    return frozenset(word_stem(w) for ws in split for w in ws)


def known_to_node(node_type: str, noun: str, *, other_names: bool = True) -> bool:
    """The node names ``noun`` somewhere: a resource/operation word, a synonym of one, or any
    word of its description ("repo" for "repository" counts). With ``other_names`` off, not
    under another everyday name of the record (``RECORD_SYNONYMS``): the word itself is the
    node's ("payment intents" are no charge's)."""
    stem = word_stem(noun)
    asked = {stem, noun, *NOUN_SYNONYMS.get(stem, ())}
    # and the everyday words for it: "contact" is Pipedrive's "person"
    asked |= {word for word, aliases in NOUN_SYNONYMS.items() if stem in aliases}
    if stem in FILE_KIND_NOUNS:
        asked |= {"file", "object"}  # "each image from Google Drive" is a file there
    if stem in PERSON_RECORD_NOUNS:
        asked |= PERSON_RECORD_NOUNS  # "the client in <HubSpot>" is one of its contacts
    for same in RECORD_SYNONYMS if other_names else ():
        if stem in same:
            asked |= same  # "an opportunity in <Zoho CRM>" is one of its deals
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


#: Resource words of nodes that store whatever the user puts in them (Sheets rows, Airtable
#: records, database tables) or report whatever is measured (Google Analytics reports):
#: "leads from Google Sheets" are rows, "Google Analytics traffic" a report - not a missing
#: operation.
_STORAGE_NOUNS = frozenset({"row", "record", "table", "report"})


def stores_anything(node_type: str) -> bool:
    """The node's resources are generic rows/records/tables (see ``_STORAGE_NOUNS``)."""
    return any(c.nouns & _STORAGE_NOUNS for c in candidates(node_type))


#: One entry of a store: what is made *on* one ("a comment on that row") is a part of it.
RECORD_NOUNS = frozenset({"row", "record", "entry", "item"})


def unknown_part_of_entry(
    node_type: str, thing: str, record: str, *, any_record: bool = False
) -> bool:
    """``thing``, made on ``record`` of a store that keeps any row ("add a comment on that
    <Airtable> record"), is a part of the entry the node has no resource for - not another
    row: the store's API has it (Airtable's record comments). With ``any_record``, on any
    record the node keeps (the event's: "a comment on that <Google Drive> file")."""
    entry = stores_anything(node_type) and word_stem(record) in RECORD_NOUNS
    return (
        (entry or (any_record and known_to_node(node_type, record)))
        and is_object_noun(thing)
        and word_stem(thing) not in RECORD_NOUNS | PERSON_RECORD_NOUNS
        and not known_to_node(node_type, thing)
    )


def _shown_for(prop: dict, resources: set[str], operations: frozenset[str] = frozenset()) -> bool:
    """The parameter is shown for one of ``resources`` (its ``displayOptions.show.resource``)
    and, given ``operations``, for one of those too (``show.operation``)."""
    show = (prop.get("displayOptions") or {}).get("show") or {}
    shown, ops = show.get("resource"), show.get("operation")
    if operations and not (isinstance(ops, list) and operations & set(ops)):
        return False
    return isinstance(shown, list) and bool(resources & set(shown))


#: Operation values that change a record in place (what ``updated_field_words`` reads).
_UPDATING = frozenset({"update", "edit", "upsert", "patch"})


@lru_cache(maxsize=1024)
def updated_field_words(node_type: str, record: str) -> frozenset[str]:
    """The stemmed words of the fields (names, labels, option values) the node's update of
    ``record`` sets: the states it can put the record in ("acknowledged", "resolved" of a
    <PagerDuty> incident). Not the fields its reads filter by ("Fulfillment Status" of a
    <Shopify> order lists orders; no update of it fulfils one). Switches included: a state is
    often one (a <Zendesk> user's "suspended", a <Trello> card's "closed")."""
    props = _record_props(node_type, record, _UPDATING)
    split = (_camel_words(t) for t in _field_strings(props))
    return frozenset(word_stem(w) for ws in split for w in ws)


def _record_props(node_type: str, record: str, operations: frozenset[str] = frozenset()) -> list:
    """The node's parameters shown for the resources named by ``record`` (its stem, plural or
    an everyday synonym), and for one of ``operations`` when given."""
    stem = word_stem(record)
    asked = {stem, record, *NOUN_SYNONYMS.get(stem, ())}
    resources = {
        c.resource
        for c in candidates(node_type)
        if c.resource and {word_stem(w) for w in _camel_words(c.resource)} <= asked
    }
    cat = load_catalog()
    nv = cat.get(node_type, cat.default_version(node_type))
    return [p for p in (nv.raw_properties if nv else []) if _shown_for(p, resources, operations)]


@lru_cache(maxsize=1024)
def record_field_words(node_type: str, record: str) -> frozenset[str]:
    """The stemmed head words of the fields the node offers on the resources named by
    ``record`` (the last word of each parameter, option and value: "Expected Payment Date" is
    a date, not a payment): what is part of such a record in the node. "the
    tags of the <Shopify> order" are a field of its order; "the sections of our <Asana>
    project" are not a field of its project (Asana's "section" is a parameter of moving a
    task), so they are a collection of their own."""
    props = _record_props(node_type, record)
    split = (_camel_words(t) for t in _field_strings(_no_switches(props)))
    return frozenset(word_stem(ws[-1]) for ws in split if ws)


def _camel_words(value: str) -> list[str]:
    """The words of a camelCase value ("boardItem" -> board, item)."""
    return words(re.sub(r"([a-z])([A-Z])", r"\1 \2", value))


def _no_switches(value: object) -> object:
    """``value`` without its boolean parameters: a switch of the operation ("keep revision
    forever") says how it runs, it is no part of the record."""
    if isinstance(value, dict):
        if value.get("type") == "boolean":
            return {}
        return {k: _no_switches(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_switches(v) for v in value]
    return value
