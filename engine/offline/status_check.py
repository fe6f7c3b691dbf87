"""A URL checked for its HTTP status before the workflow reacts to it.

"Every 5 minutes check the status page https://status.acme.io and alert Teams if it isn't
200", "ping https://shop.example.com/health; if the response code is not 200 ...": the spec
read the alert and its IF but no call, or the call but no test of what it answered. The check is
an HTTP Request (GET of the URL) that returns the whole response, status code included, and
never fails on a non-2xx code (else the run stops there and the alert never goes out); then an
IF on ``statusCode`` whose "true" branch holds what the request does about it.

Only a request that writes a URL and says it is about the status ("status page", "status/
response code", "isn't 200", "non-200", "goes down", "health check", "uptime") gets it; "GET
https://api.example.com/orders and add each order to Sheets" keeps its plain call.
"""

from __future__ import annotations

import dataclasses

from engine.lexicon import ABOUT_STATUS, SAID_AS_ERROR, WEB_ADDRESS
from engine.types import Spec, StepSpec
from nodepilot.workflow import BASE

HTTP = BASE + "httpRequest"
IF = BASE + "if"

#: The HTTP Request's options: the whole response (status code included), never an error.
FULL_RESPONSE = {"response": {"response": {"fullResponse": True, "neverError": True}}}


def _checked_url(request: str) -> str | None:
    """The URL whose status the request checks, None when it asks about no status."""
    if not ABOUT_STATUS.search(request):
        return None
    found = WEB_ADDRESS.search(request)
    return found.group(0).rstrip(".,;:!?") if found else None


def _check_call(url: str, existing: StepSpec | None) -> StepSpec:
    params = {"method": "GET", "url": url, "options": FULL_RESPONSE}
    if existing is None:
        return StepSpec(HTTP, purpose=f"check the status of {url}", parameters=params)
    return dataclasses.replace(existing, parameters={**existing.parameters, **params})


def with_status_check(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with the status check the request asks for (see the module docstring): the
    URL's call first (or the request's own call of it, made to return the status), then an
    IF on the status code before what follows, which goes on its "true" branch. Unchanged when
    the steps branch other than on one IF, or already call an API with credentials."""
    url = _checked_url(spec.request)
    if url is None or any(s.branch not in (None, "true", "false") for s in steps):
        return steps
    calls = [i for i, s in enumerate(steps) if s.node_type == HTTP]
    if calls and "@credential" in steps[calls[0]].parameters:
        return steps
    ifs = [i for i, s in enumerate(steps) if s.node_type == IF]
    if len(ifs) > 1:
        return steps
    at = calls[0] if calls else None
    call = _check_call(url, steps[at] if at is not None else None)
    rest = [s for i, s in enumerate(steps) if i != at]
    where = next((i for i, s in enumerate(rest) if s.node_type == IF), None)
    if where is None and at is not None:
        where = at  # a call without a test: the test goes right after it
    where = 0 if where is None else where
    code = "statusCode >= 400" if SAID_AS_ERROR.search(spec.request) else "statusCode >= 300"
    test = StepSpec(IF, purpose=f"status of {url} is not OK", parameters={"condition": code})
    if where < len(rest) and rest[where].node_type == IF:
        test = dataclasses.replace(rest[where], parameters={**rest[where].parameters,
                                                            "condition": code})  # fmt: skip
        after = rest[where + 1 :]
    else:
        after = [dataclasses.replace(s, branch="true") if s.branch is None else s
                 for s in rest[where:]]  # fmt: skip
    return [*rest[:where], call, test, *after]
