"""The title of a generated workflow, read from the request that asked for it.

Why a module of its own: the spec builder (provider-independent) and the offline generator both
name workflows; with the rule here neither has to import the other.
"""

from __future__ import annotations

import re

from engine.lexicon import TITLE_TAIL_WORDS


def workflow_title(text: str) -> str:
    """A short workflow title from the request: first clause, at most ~60 characters, cut at a
    word boundary without a dangling "and"/"to"."""
    clean = re.sub(r"\s+", " ", text).strip()
    clause = re.split(r"[.;!?\n]|->|→", clean, maxsplit=1)[0].strip() or clean
    words = clause.split(" ")
    out: list[str] = []
    for w in words:
        if len(" ".join([*out, w])) > 60:
            break
        out.append(w)
    while out and out[-1].lower().strip(",:") in TITLE_TAIL_WORDS:
        out.pop()
    title = " ".join(out).rstrip(" .,;:-")
    if not title:
        return "Generated workflow"
    return title[:1].upper() + title[1:]
