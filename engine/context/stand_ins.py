"""The offline engine's API stand-ins of spec steps, kept per step for the prompt builder.

A prompt asks ``engine.offline.coverage`` twice per step whether the app's node lacks what
the clause asks (the schema section and the spec view), and a worker builds the prompt of the
same request again for every chat that repeats it and every repair round. The answer reads
only the step and the catalog, yet costs 1-4 ms a step the first time (the clause's app
namings, the node's operations) and ~0.2 ms after; here it is computed once per step value.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache

from engine.offline.coverage import stand_in_for, tool_stand_in_for
from engine.types import StepSpec

#: Steps remembered (a step is ~1 kB with its stand-in): far more than a burst's requests use.
_KEPT = 4096


def step_stand_in(step: StepSpec) -> StepSpec:
    """``stand_in_for(step)``: ``step`` itself when its app node covers the clause, else the
    HTTP Request step that calls the app's API (shared between callers: read it only)."""
    key = _step_key(step)
    if key is None:
        return stand_in_for(step)
    with _LOCK:
        known = key in _ANSWERS
        found = _ANSWERS.get(key)
        if known:
            _ANSWERS.move_to_end(key)
    if not known:
        stand_in = stand_in_for(step)
        found = None if stand_in is step else stand_in
        with _LOCK:
            _ANSWERS[key] = found
            if len(_ANSWERS) > _KEPT:
                _ANSWERS.popitem(last=False)
    return step if found is None else found


def tool_stand_in(tool: str, request: str) -> StepSpec | None:
    """``tool_stand_in_for(tool, request)``, computed once per pair (shared: read it only)."""
    return _tool_stand_in(tool, request)


#: Stand-in per step key; None for "no stand-in" (the caller gets its own step back, which
#: callers test with ``is``). Least recently used dropped first.
_ANSWERS: OrderedDict[tuple[object, ...], StepSpec | None] = OrderedDict()
_LOCK = threading.Lock()


def _step_key(step: StepSpec) -> tuple[object, ...] | None:
    """Every field of the step, its parameters by ``repr`` (which tells ``1`` from ``True``
    and keeps their order); None when a value is not plain JSON data, whose ``repr`` might
    not say all of it (then nothing is kept)."""
    if not _plain(step.parameters):
        return None
    params = repr(list(step.parameters.items()))
    return (step.node_type, step.purpose, step.resource, step.operation, step.branch, params)


def _plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


@lru_cache(maxsize=_KEPT)
def _tool_stand_in(tool: str, request: str) -> StepSpec | None:
    return tool_stand_in_for(tool, request)
