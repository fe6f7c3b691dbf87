"""The name table entity extraction matches against: catalog names plus our curated aliases.

Why curated on top of the catalog: the catalog's display names ("Google Sheets") and short names
(``googleSheets``) cover most mentions, but its codex aliases are search keywords for the node
panel ("CSV", "Sheet", "email", "human", "form"), far too generic to turn a word into a node.
Users also write "gsheets", "postgresql", "ms teams", "gpt-4o", "claude". So the table is built
from display/short names of app nodes (not the core utilities: a "filter" or "merge" in a request
is a design decision for the spec stage, not an app) and a short alias list written by hand.

Names that are everyday words ("notion", "box", "linear", "teams", "outlook") are marked
*ambiguous*: they only count with app context (see ``entities``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from engine.lexicon import (
    AI_VENDORS,
    AMBIGUOUS_APP_NAMES,
    APP_NAME_ALIASES,
    CATALOG_NAMES_NOT_APPS,
    VENDOR_EDITION_SUFFIX,
    VENDOR_SHORT_FORMS,
)
from nodepilot.workflow import BASE, LC


@dataclass(frozen=True)
class Name:
    """One matchable name: ``key`` is the lower-case name with everything but [a-z0-9] removed."""

    key: str
    node_type: str
    kind: str = "app"  # app | trigger | ai
    ambiguous: bool = False
    vendor: str | None = None  # for kind "ai"


#: Ambiguous names so common as words that only their capitalised form is the app ("lands in
#: Drive"; "my shared drive", "drive to work" are not).
CAPITALISED_ONLY: frozenset[str] = frozenset({"drive"})

#: Catalog categories whose nodes are design elements, not apps someone names.
_CORE = "Core Nodes"


def name_key(text: str) -> str:
    """What names are compared by: lower case, only letters and digits."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _display_variants(display: str) -> list[str]:
    base = re.sub(r"\s*\([^)]*\)", "", display).strip()
    out = [base]
    if base.endswith(" Trigger"):
        out.append(base[: -len(" Trigger")])
    return out


def _camel_words(short: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", short)


@lru_cache(maxsize=1)
def name_table() -> dict[str, tuple[Name, ...]]:
    """key -> names (several only when a key is genuinely shared, e.g. an app and its trigger)."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    table: dict[str, list[Name]] = {}

    def add(name: Name) -> None:
        if not name.key or name.key in CATALOG_NAMES_NOT_APPS:
            return
        bucket = table.setdefault(name.key, [])
        if all(n.node_type != name.node_type for n in bucket):
            bucket.append(name)

    for type_name in cat.types(include_variants=False):
        nv = cat.get(type_name)
        if nv is None or nv.hidden or nv.variant != "base":
            continue
        cats = set(nv.categories)
        if _CORE in cats or "AI" in cats or not type_name.startswith(BASE):
            continue
        is_trigger = nv.is_trigger
        app_type = type_name
        if is_trigger and type_name.endswith("Trigger"):
            action = type_name[: -len("Trigger")]
            if cat.has_type(action):
                app_type = action  # "Slack Trigger" the name, Slack the app
        words = {*_display_variants(nv.display_name), _camel_words(nv.short_name)}
        if is_trigger:
            words.add(re.sub(r"\s*Trigger$", "", _camel_words(nv.short_name)))
        for word in words:
            key = name_key(word)
            if not key or len(key) < 3:
                continue
            # "Gmail Trigger" names the trigger itself; "Gmail" names the app.
            if is_trigger and word.lower().endswith("trigger"):
                add(Name(key, type_name, kind="trigger"))
            else:
                add(Name(key, app_type, ambiguous=word.lower() in AMBIGUOUS_APP_NAMES))
    for key, names in _first_word_nicknames(cat, table).items():
        table.setdefault(key, list(names))
    for key, names in _singular_product_names(cat, table).items():
        table.setdefault(key, list(names))
    for key, names in _vendor_forms(cat, table).items():
        table.setdefault(key, list(names))
    for alias, node_type in APP_NAME_ALIASES.items():
        key = name_key(alias)
        if node_type is None:
            table.pop(key, None)
            continue
        table[key] = [Name(key, node_type, ambiguous=alias in AMBIGUOUS_APP_NAMES)]
    for alias, (vendor, node_type) in AI_VENDORS.items():
        key = name_key(alias)
        table[key] = [Name(key, node_type, kind="ai", vendor=vendor)]
    return {k: tuple(v) for k, v in table.items()}


def _singular_product_names(cat: Any, table: dict[str, list[Name]]) -> dict[str, tuple[Name, ...]]:
    """A product named in the plural said in the singular ("our Facebook lead ad" for
    Facebook Lead Ads, "a Google doc"): the key without its final "s", for names of two or
    more words whose singular key names nothing else."""
    out: dict[str, tuple[Name, ...]] = {}
    for key, names in table.items():
        words = {n.node_type for n in names}
        if len(key) < 8 or not key.endswith("s") or key.endswith("ss") or len(words) != 1:
            continue
        nv = cat.get(names[0].node_type)
        display = _display_variants(nv.display_name) if nv is not None else []
        if not any(len(d.split()) > 1 and name_key(d) == key for d in display):
            continue  # a one-word name ("Currents") is not a product said in the plural
        single = key[:-1]
        if single not in table:
            out[single] = tuple(names)
    return out


def _vendor_forms(cat: Any, table: dict[str, list[Name]]) -> dict[str, tuple[Name, ...]]:
    """How people write a vendor's product besides its display name: the vendor's short forms
    (``VENDOR_SHORT_FORMS``: "MS Outlook", "G Docs", "Amazon S3") and the suite edition after
    the product's first word (``VENDOR_EDITION_SUFFIX``: "Outlook 365", "Dynamics 365").
    Derived for every app of the vendor in the catalog, so a product nobody listed is named too;
    each form has two words or more, so none is an everyday word. Only keys naming nothing else."""
    out: dict[str, tuple[Name, ...]] = {}
    for names in list(table.values()):
        name = names[0]
        nv = cat.get(name.node_type) if name.kind == "app" else None
        words = _display_variants(nv.display_name)[0].split() if nv is not None else []
        if len(words) < 2 or name_key(" ".join(words)) != name.key:
            continue
        vendor, rest = words[0].lower(), words[1:]
        forms = [f"{short} {' '.join(rest)}" for short in VENDOR_SHORT_FORMS.get(vendor, ())]
        if vendor in VENDOR_EDITION_SUFFIX:
            forms.append(f"{rest[0]} {VENDOR_EDITION_SUFFIX[vendor]}")
        for form in forms:
            key = name_key(form)
            if key not in table:
                out.setdefault(key, (Name(key, name.node_type),))
    return out


def _first_word_nicknames(cat: Any, table: dict[str, list[Name]]) -> dict[str, tuple[Name, ...]]:
    """ "acuity" for Acuity Scheduling, "magento" for Magento 2: the first word of a multi-word
    app name, when no other app's name starts with it, it names nothing already, it is no
    English word (``known_words``) and no record of the app itself ("Invoice Ninja" is not
    "invoice"). People shorten a product's name to its brand; ambiguous, so it counts only with
    app context ("acuity - if a client reschedules ...", "in acuity")."""
    firsts: dict[str, set[str]] = {}
    for names in table.values():
        for name in names:
            if name.kind != "app":
                continue
            nv = cat.get(name.node_type) if cat.has_type(name.node_type) else None
            words = _display_variants(nv.display_name)[0].split() if nv is not None else []
            if len(words) >= 2:
                firsts.setdefault(name_key(words[0]), set()).add(name.node_type)
    vocab = known_words()
    out = {}
    for key, types in firsts.items():
        if len(types) != 1 or key in table or key in vocab or len(key) < 4:
            continue
        node_type = next(iter(types))
        if stem(key) in record_words(node_type):
            continue
        out[key] = (Name(key, node_type, ambiguous=True),)
    return out


#: Apps a typo is mapped to: the well-known ones people misspell. Fuzzy matching against all
#: 400 catalog apps turns ordinary words into obscure apps ("upload" ~ Uplead).
FUZZY_TARGETS: frozenset[str] = frozenset(
    BASE + t
    for t in (
        "slack gmail googleSheets googleDrive googleDocs googleCalendar airtable hubspot "
        "telegram notion trello asana jira shopify stripe discord dropbox salesforce pipedrive "
        "mailchimp zendesk twilio postgres mySql mongoDb github gitlab wordpress wooCommerce "
        "clickUp todoist microsoftOutlook microsoftTeams microsoftExcel microsoftOneDrive "
        "whatsApp linkedIn twitter youTube supabase quickbooks xero intercom freshdesk sendGrid "
        "mailgun baserow nocoDb mondayCom webflow reddit spotify googleBigQuery snowflake redis "
        "elasticsearch openWeatherMap typeformTrigger calendlyTrigger jotFormTrigger "
        "googleTranslate deepL perplexity activeCampaign convertKit mautic zoom"
    ).split()
) | {LC + "vectorStorePinecone", LC + "vectorStoreQdrant", LC + "lmChatAnthropic",
     LC + "lmChatOpenAi", LC + "lmChatGoogleGemini", LC + "lmChatOllama"}  # fmt: skip


@lru_cache(maxsize=2048)
def trigger_for(app_type: str) -> str | None:
    """The trigger node of an app (``n8n-nodes-base.gmail`` -> ``...gmailTrigger``), if any."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    if cat.is_trigger(app_type):
        return app_type
    for node in (newer_edition(app_type), app_type):
        candidate = f"{node}Trigger" if node else ""
        if candidate and cat.has_type(candidate) and cat.is_trigger(candidate):
            return candidate
    return None


@lru_cache(maxsize=2048)
def newer_edition(app_type: str) -> str | None:
    """The node that is a numbered, newer edition of ``app_type`` in the catalog ("TheHive" ->
    "TheHive 5", ``theHiveProject``), or None. Why: a workflow started by the app's events
    today listens with the newer edition's trigger (the legacy one serves old instances); the
    app's own steps keep the node the request names."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    nv = cat.get(app_type) if cat.has_type(app_type) else None
    return _editions().get(nv.display_name) if nv is not None else None


#: A display name ending in an edition number: "TheHive 5", "Mautic v2", "Foo 1.5".
_EDITION_NAME = re.compile(r"(.+?)\s+v?\d+(?:\.\d+)?")


@lru_cache(maxsize=1)
def _editions() -> dict[str, str]:
    """Display name -> the first visible node (catalog order) whose display name is that name
    plus an edition number. Built in one pass: ``newer_edition`` is asked of every app a
    request names, and walking the catalog for each took ~1 ms per app."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    found: dict[str, str] = {}
    for type_name in cat.types(include_variants=False):
        other = cat.get(type_name)
        m = _EDITION_NAME.fullmatch(other.display_name) if other is not None else None
        if m and not other.hidden:
            found.setdefault(m.group(1), type_name)
    return found


#: Trigger parameters whose options are the events a trigger node starts on.
_EVENT_PARAMS = frozenset("event events updates trigger triggerOn resource".split())


#: Trigger events that are someone writing in: a message, or a conversation opened with a
#: support inbox (Help Scout's "conversation created") - where an auto-responder lives.
_TALK_EVENTS = ("message", "conversation")


@lru_cache(maxsize=2048)
def message_trigger_for(app_type: str) -> str | None:
    """The app's trigger when that trigger starts on an incoming message (Telegram, WhatsApp,
    Slack, Teams, Twilio SMS, Gmail ...): the app a bot or assistant can live on.

    Why from the catalog: which apps a bot can live on is what n8n's trigger nodes offer, not a
    list we keep (Discord has no trigger, so "a Discord bot" cannot start from one)."""
    from indexing.catalog.load import load_catalog

    trig = trigger_for(app_type)
    nv = load_catalog().get(trig) if trig else None
    if nv is None or nv.hidden:
        return None
    for prop in nv.properties:
        if prop.name in _EVENT_PARAMS and any(
            word in f"{o.name} {o.value}".lower()
            for o in prop.option_values
            for word in _TALK_EVENTS
        ):
            return trig
    return None


#: Words of a catalog option that name no record ("Contact Created": "created").
_NOT_RECORDS = frozenset(
    "created create deleted delete updated update changed change property new all any custom "
    "api call event events item items record records data added removed the and for from with "
    "not has have was were status value values field fields type name option options trigger "
    "webhook get getall upsert other creation deletion sent made opened posted within home "
    "public shared document cleaned address entry app".split()
)


def stem(word: str) -> str:
    """A word's first six letters, plural "s" dropped: "subscribers" and "subscribe",
    "tickets" and "ticket" meet ("subscr", "ticket")."""
    word = word.lower()
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


@lru_cache(maxsize=2048)
def record_words(app_type: str) -> frozenset[str]:
    """Stems of the records an app's trigger can start on: the app node's resources and the
    names of its trigger's events ("deal", "ticket", "order", "subscribe") - from the catalog,
    so which app owns "a deal is won" is n8n's answer, not a list we keep."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    names: list[str] = []
    for node_type in (app_type, trigger_for(app_type)):
        nv = cat.get(node_type) if node_type and cat.has_type(node_type) else None
        for path, prop in nv.iter_properties() if nv is not None else ():
            if path.rsplit(".", 1)[-1] in _EVENT_PARAMS | {"name"}:
                names += [str(o.name) for o in prop.option_values]
    words = re.findall(r"[A-Z]?[a-z]+", " ".join(names))
    return frozenset(stem(w) for w in words if len(w) > 2 and w.lower() not in _NOT_RECORDS)


#: Resources of an app node that people write messages through (a chat or text app).
_MESSAGE_RESOURCES = frozenset("message messages chat dm sms mms".split())


@lru_cache(maxsize=2048)
def messaging_app_without_trigger(app_type: str) -> bool:
    """People write messages through the app (its node has a message, chat or SMS resource)
    but n8n has no trigger for it (Discord, Mattermost, Google Chat, Matrix, Vonage SMS ...):
    a bot living there is reached by the app calling an n8n Webhook, and answers through the
    app's node.

    Why from the catalog: the same facts that make ``message_trigger_for`` say which apps have
    a trigger; what is left with a message resource is where a webhook stands in."""
    from indexing.catalog.load import load_catalog

    cat = load_catalog()
    nv = cat.get(app_type) if cat.has_type(app_type) else None
    if nv is None or nv.hidden or cat.is_trigger(app_type) or trigger_for(app_type):
        return False
    return any(
        prop.name == "resource"
        and any(str(o.value) in _MESSAGE_RESOURCES for o in prop.option_values)
        for prop in nv.properties
    )


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Whole words of the embedding model's English vocabulary: real words are never "typos".

    Fuzzy matching only looks at tokens outside this set ("telegarm", "hubspto"), so everyday
    words one letter away from an app ("stack" ~ "slack") are never turned into apps.
    """
    from indexing.embeddings import packaged_model

    path: Path = packaged_model().directory / "vocab.txt"
    try:
        words = path.read_text(encoding="utf-8").split()
    except OSError:
        return frozenset()
    return frozenset(w for w in words if w.isalpha())
