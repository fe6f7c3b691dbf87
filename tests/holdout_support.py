"""Helpers of the held-out set tests (datasets/generalise, holdout_b … holdout_e): word overlap
between requests, families, tags and the catalog checks of their labels.

Why here: the near-copy rule (a held-out request must not be a light rewording of a request the
engine's authors have seen) needs the same tokeniser for every comparison, in both sets' tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> frozenset[str]:
    """The lower-cased words and numbers of ``text`` (punctuation and emoji dropped)."""
    return frozenset(_WORD.findall(text.lower()))


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    """Shared words over all words of the two sets (0.0 when both are empty)."""
    union = left | right
    return len(left & right) / len(union) if union else 0.0


def closest_overlap(text: str, others: Iterable[frozenset[str]]) -> float:
    """The highest word overlap between ``text`` and any of ``others`` (0.0 when none)."""
    mine = tokens(text)
    return max((jaccard(mine, other) for other in others), default=0.0)


HTTP_REQUEST = "n8n-nodes-base.httpRequest"
ERROR_TRIGGER = "n8n-nodes-base.errorTrigger"
#: token Jaccard at which a held-out request counts as a near-copy of a request already seen
NEAR_COPY = 0.6
#: trigger kinds a bot on a messaging app must not start from
NOT_A_BOT_START = frozenset({"chat", "manual", "schedule", "form"})


def family(cases: Iterable, name: str) -> list:
    """The cases of one issue #17 family (their ``category``)."""
    return [c for c in cases if c.category == name]


def tag_values(case, prefix: str) -> list[str]:
    """What follows ``prefix`` in each of the case's tags that start with it."""
    return [t.removeprefix(prefix) for t in case.tags if t.startswith(prefix)]


def resources_and_operations(catalog, node_type: str) -> set[str]:
    """Every resource and operation (value and label) any version of ``node_type`` offers."""
    words: set[str] = set()
    for entry in catalog.entries(node_type):
        for name in ("resource", "operation"):
            for prop in entry.property_named(name):
                for option in prop.option_values:
                    words |= {str(option.value).lower(), option.name.lower()}
    return words


def usable_by_http_request(catalog, name: str) -> bool:
    """HTTP Request's "predefined credential type" list: a credential that defines
    ``authenticate`` or descends from OAuth. The whole ``extends`` chain counts: Google's and
    Microsoft's app credentials extend a vendor parent that extends ``oAuth2Api``."""
    seen, todo = set(), [name]
    while todo:
        cred = catalog.credential_type(todo.pop())
        if cred is None or cred.name in seen:
            continue
        seen.add(cred.name)
        if cred.authenticates or {"oAuth2Api", "oAuth1Api"} & set(cred.extends):
            return True
        todo.extend(cred.extends)
    return False


def usable_credentials(catalog, node_type: str) -> set[str]:
    """The node's own credentials an HTTP Request can use as a predefined credential type."""
    names = {req.name for entry in catalog.entries(node_type) for req in entry.credentials}
    short = node_type.rsplit(".", 1)[-1]
    return {
        name
        for name in names
        if usable_by_http_request(catalog, name)
        and short in catalog.credential_type(name).supported_nodes
    }


def missing_operation_problems(case, catalog) -> list[str]:
    """Why a ``missing_operation`` case's labels do not hold (empty when they do).

    The tags say which node (``app:``) lacks what (``lacks:``) and which credentials an HTTP
    Request may use instead (``credential:A|B``): the HTTP Request must be required, the word
    absent from every resource and operation of the node, and every credential usable by HTTP
    Request and one of that node's own.
    """
    problems = []
    if frozenset({HTTP_REQUEST}) not in case.expected.required_sets:
        problems.append("HTTP Request is not required")
    [app], [lacks], [names] = (tag_values(case, p) for p in ("app:", "lacks:", "credential:"))
    offered = resources_and_operations(catalog, app)
    if not offered or [w for w in offered if lacks in w]:
        problems.append(f"{app} offers no operations or offers {lacks!r}")
    for name in names.split("|"):
        cred = catalog.credential_type(name)
        if cred is None or not usable_by_http_request(catalog, name):
            problems.append(f"credential {name} cannot authenticate an HTTP Request")
        elif app.rsplit(".", 1)[-1] not in cred.supported_nodes:
            problems.append(f"credential {name} is not one of {app}'s")
    return problems


def entry_point_problems(cases: Iterable) -> list[str]:
    """Ids of cases that accept several triggers but do not require them all or lack the
    ``multi_trigger`` tag (the user named every entry point, so every one is needed)."""
    bad = []
    for case in (c for c in cases if c.expected and c.expected.trigger_any):
        required = {t for s in case.expected.required_sets for t in s}
        if not set(case.expected.triggers) <= required or "multi_trigger" not in case.tags:
            bad.append(case.id)
    return bad


def near_copies(cases: Iterable, others: Iterable[str], threshold: float) -> list[str]:
    """Ids of ``cases`` whose request's word overlap with any of ``others`` reaches
    ``threshold`` (a held-out request must not be a light rewording of one already seen)."""
    seen = [tokens(text) for text in others]
    return [c.id for c in cases if closest_overlap(c.request, seen) >= threshold]


def repeated_requests(cases: Iterable) -> list[str]:
    """Requests (as their sorted words) that occur more than once among ``cases``."""
    counts: dict[str, int] = {}
    for case in cases:
        key = " ".join(sorted(tokens(case.request)))
        counts[key] = counts.get(key, 0) + 1
    return [text for text, n in counts.items() if n > 1]
