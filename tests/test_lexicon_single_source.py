"""Every cue the engine reads from a request is defined once, in ``engine/lexicon.py`` (issue
#17, "one lexicon"), and this test keeps it so.

A cue is a regex with words in it (``re.compile(r"\\b(daily|nightly)\\b")``) or a vocabulary
(a module- or class-level tuple / list / set / dict of five or more lowercase words); see
``tests/lexicon_support.py`` for exactly what is found. A regex of punctuation, ``\\d`` and
``{{ }}`` expression syntax is structural, not a cue.

Exempt: ``engine/lexicon.py`` itself, and ``engine/validation/``, which reads workflows and n8n
expressions (parameter names, ``$json`` paths, secrets in values), never a user's request.
``NOT_REQUEST_CUES`` names the few other findings that read something else than a request
(JSON schemas, catalog display names, parameter names), each with its reason.

What is not moved yet is listed, explicitly, as ``module:scope -> count`` (patterns: how many cue
regexes in that scope; vocabularies: how many words). Like ``tests/test_architecture.py``, the
test fails on a new finding, on a listed one that grew, and on a listed one that shrank or is
gone (update the count or delete the entry: the lists only shrink). A module that needs a new
cue adds it to ``engine/lexicon.py`` and imports it.
"""

from __future__ import annotations

import ast

import pytest
from lexicon_support import ROOT, is_lowercase_word, scan_engine, scan_source, words_in_regex

EXEMPT_MODULES = ("engine.lexicon", "engine.validation")

#: Findings that are not read from a request, with the reason.
NOT_REQUEST_CUES: dict[str, str] = {
    "engine.providers.output:_CONNECTION_TARGET": "JSON schema of the workflow tool's answer",
    "engine.providers.output:WORKFLOW_TOOL_SCHEMA": "JSON schema of the workflow tool's answer",
    "engine.providers.output:WORKFLOW_ACCEPT_SCHEMA": "JSON schema of an accepted workflow",
    "engine.spec_llm:SPEC_SCHEMA": "JSON schema of the LLM spec tool's answer",
    "engine.intent.classifier:INTENT_SCHEMA": "JSON schema of the LLM intent classifier's answer",
    "engine.intent.names:name_table": "strips 'Trigger' off catalog short names",
    "engine.intent.names:_EVENT_PARAMS": "catalog parameter names holding a trigger's events",
    "engine.intent.names:_MESSAGE_RESOURCES": "catalog resource values of message apps",
    "engine.intent.names:_NOT_RECORDS": "words of catalog option names that name no record",
    "engine.context.related:CORE_TYPES": "n8n node type names",
    "engine.context.related:_GENERIC_TAIL": "strips 'model' / 'node' off catalog display names",
    "engine.offline.generator:_NODE_PATH": "reads a validator finding's JSON path",
    "engine.offline.params:_TEXTY": "matches catalog parameter names (text, message …)",
    "engine.offline.params:_EMAILY": "matches catalog parameter names (sendTo, toRecipients …)",
    "engine.offline.params:_URLY": "matches catalog parameter names (url, endpoint …)",
    "engine.offline.params:_SUBJECTY": "matches catalog parameter names (subject, title …)",
    "engine.offline.summary:_CONTENT_NAME": "matches catalog parameter names (markdown, text …)",
    "engine.offline.keep_only:_OPPOSITE": "n8n filter operators and their negations",
    "engine.offline.api_credentials:api_base_url": "reads catalog credential names and base URLs",
    "engine.spec:store_chat_memories": "reads catalog display names ('Postgres Chat Memory')",
    "engine.offline.trigger_events:EVENT_PARAMETERS": "catalog parameter names of trigger events",
    "engine.offline.trigger_events:_SCOPE": "catalog option values choosing what is watched",
    "engine.offline.nodes:OUTPUT_FIELD": "n8n node types -> the JSON field their output is in",
    "engine.offline.explicit_api:_api_hosts": "reads the host of a catalog credential's base URL",
    "engine.offline.app_naming:_without_vendor": "strips a vendor off catalog display names",
    "engine.offline.app_naming:_without_domain": "strips '.io'/'.com' off catalog display names",
    "engine.offline.node_vocabulary:_FETCHING_OPTIONS": "first words of catalog option names",
}

#: Cue regexes still outside the lexicon: ``module:scope`` -> how many.
KNOWN_PATTERNS: dict[str, int] = {}

#: Vocabularies still outside the lexicon: ``module:name`` -> how many lowercase words.
KNOWN_VOCABULARIES: dict[str, int] = {}


def _compare(found: dict[str, int], known: dict[str, int], what: str) -> None:
    found = {k: v for k, v in found.items() if k not in NOT_REQUEST_CUES}
    new = {k: v for k, v in found.items() if k not in known}
    assert not new, f"new {what} outside engine/lexicon.py (define them there): {new}"
    grown = {k: (known[k], v) for k, v in found.items() if v > known[k]}
    assert not grown, f"listed {what} grew (listed, now) — define new cues in the lexicon: {grown}"
    shrunk = {k: (v, found.get(k, 0)) for k, v in known.items() if found.get(k, 0) < v}
    assert not shrunk, f"{what} moved: lower or delete them in this file (listed, now): {shrunk}"


def test_no_new_cue_patterns_outside_the_lexicon() -> None:
    patterns, _ = scan_engine(EXEMPT_MODULES)
    _compare(patterns, KNOWN_PATTERNS, "cue patterns")


def test_no_new_vocabularies_outside_the_lexicon() -> None:
    _, vocabularies = scan_engine(EXEMPT_MODULES)
    _compare(vocabularies, KNOWN_VOCABULARIES, "vocabularies")


def test_every_listed_exemption_is_still_found() -> None:
    """An exemption whose finding is gone is deleted, so the list stays true."""
    patterns, vocabularies = scan_engine(EXEMPT_MODULES)
    stale = sorted(set(NOT_REQUEST_CUES) - set(patterns) - set(vocabularies))
    assert not stale, f"no longer found, remove from NOT_REQUEST_CUES: {stale}"


def test_every_lexicon_cue_says_what_it_matches() -> None:
    """Each definition in the lexicon has a ``#:`` comment right above it (what it matches and
    why), so a reader can tell two near cues apart without running them."""
    path = ROOT / "engine" / "lexicon.py"
    lines = path.read_text(encoding="utf-8").splitlines()
    bare = [
        ast.unparse(stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target)
        for stmt in ast.parse("\n".join(lines)).body
        if isinstance(stmt, (ast.Assign, ast.AnnAssign))
        and not lines[stmt.lineno - 2].startswith("#:")
    ]
    assert not bare, f"lexicon definitions without a #: comment above them: {bare}"


# ------------------------------------------------------- the scan itself can fail


@pytest.mark.parametrize(
    ("regex", "words"),
    [
        (r"\b(daily|nightly)\b", ["daily", "nightly"]),
        (r"(?P<hour>\d{1,2}):(?P<minute>\d\d)", []),  # group names are not words
        (r"\{\{\s*\$json\.(\w+)\s*\}\}", []),  # n8n expression syntax
        (r"^[A-Za-z0-9_-]+$", []),
        (r"\bmon\b", ["mon"]),
        (r"\bat\b", []),  # two letters: too short to tell a cue from syntax
    ],
)
def test_words_in_a_regex(regex: str, words: list[str]) -> None:
    assert words_in_regex(regex) == words


@pytest.mark.parametrize(
    ("value", "word"),
    [
        ("daily", True),
        ("sign up", True),
        ("e-mail", True),
        ("sendTo", False),
        ("n8n", False),
        ("x", False),
        ("", False),
        (3, False),
    ],
)
def test_what_reads_as_a_lowercase_word(value: object, word: bool) -> None:
    assert is_lowercase_word(value) is word


SYNTHETIC = """
import re
from engine.lexicon import SCHEDULE

_HOURS = r"(one|two|three)"
_CUE = re.compile(r"\\b(?:at\\s+)?" + _HOURS + r"\\b", re.I)
_PUNCT = re.compile(r"[.!?;]+\\s*")
_BUILT = re.compile(r"\\b" + SCHEDULE.pattern + r"\\b")
_WORDS = ("daily", "weekly", "monthly", "hourly", "nightly")
_FOUR = ("daily", "weekly", "monthly", "hourly")
_TYPES = ("n8n-nodes-base.set", "n8n-nodes-base.code", "a", "b", "c")
_SPLIT = frozenset("in into to from via on".split())
_BARE_SPLIT = "of that which".split()


class Reader:
    VERBS = frozenset({"send", "post", "mail", "text", "ping"})

    def read(self, text):
        return re.search(r"\\bplease\\b", text) or re.sub(r"\\s+", " ", text)


def loose(text):
    return re.findall(f"(?:{_HOURS})", text)
"""


def test_the_scan_finds_cues_and_passes_structure() -> None:
    patterns, vocabularies = scan_source("engine.zz", SYNTHETIC)
    assert patterns == {"engine.zz:_CUE": 1, "engine.zz:Reader.read": 1, "engine.zz:loose": 1}
    assert vocabularies == {
        "engine.zz:_WORDS": 5,
        "engine.zz:_SPLIT": 6,
        "engine.zz:Reader.VERBS": 5,
    }


def test_the_lexicon_itself_would_be_found() -> None:
    """Were the lexicon not exempt, its cues would be findings: the scan reads real code
    (``CHANNEL``, ``#`` then letters and digits, is structural: no word in it)."""
    patterns, _ = scan_engine(("engine.validation",))
    lexicon_patterns = [k for k in patterns if k.startswith("engine.lexicon:")]
    assert "engine.lexicon:MANUAL" in lexicon_patterns and len(lexicon_patterns) >= 100
    assert "engine.lexicon:CHANNEL" not in lexicon_patterns
