"""Flow steps between trigger and destination: a delay, and stopping the run with an error.

A delay is a Wait step, however it is said ("wait 3 days", "hold off for 2 hours", "waiting a
second between batches"), lasting what the words say (n8n's Wait runs 1 unit of its default
otherwise). "Pause" is a delay only with a duration ("pause for 10 minutes"); "pause the Emelia
campaign", "pause the Spotify player" is something an app does, and the Wait the spec read
from the word goes.

Stopping with an error ("halt the run with an error if none came in", "abort the workflow
when there are any", "fail the execution if the order doesn't exist") is n8n's Stop and Error
node on the branch of an IF that tests the condition: it has no output, so what the request
does otherwise goes on the IF's other branch. Its message is the one quoted, else the words of
the condition. The word "error" alone ("if the call errors, retry") asks for no such step, nor
an error workflow's failure ("when a workflow fails").
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from engine.lexicon import (
    AFTER_RETRIES,
    CONDITION_WORD,
    DELAY_CLAUSE_END,
    DELAY_WORDS,
    DESCRIBES_A_TOOL_BEFORE,
    DURATION,
    DURATION_COUNT_WORDS,
    DURATION_UNITS,
    FAILS_OR_TIMES_OUT,
    PAUSE_WORD,
    PAUSES_A_THING,
    RETRY,
    RETRY_COUNT_WORDS,
    STATE_OF_RECORD_BEFORE,
    STOP_WORDS,
    TRIES_WORD,
)
from engine.offline.named_nodes import mentioned_at
from engine.types import Spec, StepSpec
from nodepilot.workflow import BASE

WAIT = BASE + "wait"
STOP = BASE + "stopAndError"
IF = BASE + "if"

_QUOTED = re.compile(r"['\"“‘]([^'\"”’]{3,120})['\"”’]")


def _clause_after(text: str, start: int) -> str:
    end = DELAY_CLAUSE_END.search(text, start + 1)
    return text[start : end.start() if end else len(text)]


def wait_parameters(words: str) -> dict[str, Any]:
    """The Wait's interval read from the first duration in ``words`` ("90 days" -> 90 days,
    "half an hour" -> 30 minutes, "a week" -> 7 days); {} when none is said."""
    found = DURATION.search(words)
    if found is None:
        return {}
    said, unit = found.group("n").lower(), found.group("unit").lower()
    amount = float(said) if said[0].isdigit() else float(DURATION_COUNT_WORDS.get(said, 1))
    if said.startswith("half"):
        amount, unit = (30.0, "min") if unit.startswith("h") else (0.5, unit)
    if unit.startswith("week"):
        amount, unit = amount * 7, "day"
    name = next(n for prefix, n in DURATION_UNITS if unit.startswith(prefix))
    number = int(amount) if amount == int(amount) else amount
    return {"resume": "timeInterval", "amount": number, "unit": name}


def _pauses_an_app(purpose: str) -> bool:
    """The Wait's words are "pause" with something paused and no duration ("pause the
    Emelia campaign that promotes it"): an app's action, no delay."""
    found = PAUSES_A_THING.match(purpose.lstrip())
    if found is None:
        return False
    return DURATION.search(_clause_after(purpose.lstrip(), 0)) is None


def _delay_at(request: str) -> int | None:
    """Where the request asks for a delay in other words than the spec's ("hold off for 2
    hours", "waiting a second"): a delay word with a duration in its clause."""
    for found in DELAY_WORDS.finditer(request):
        before = request[: found.start()]
        if PAUSE_WORD.match(found.group(0)) or DESCRIBES_A_TOOL_BEFORE.search(before):
            continue  # "pause" is the spec's own word; "a tool that sleeps" is no step
        if STATE_OF_RECORD_BEFORE.search(before):
            continue  # "has been waiting 2 days": how long the record waited, not a delay
        if DURATION.search(_clause_after(request, found.start())[:60]):
            return found.start()
    return None


def _after_named(spec: Spec, steps: list[StepSpec], at: int) -> int:
    """The index after the last step whose app the request names before ``at``."""
    before = [
        i for i, s in enumerate(steps) if (mentioned_at(spec.request, s.node_type) or at) < at
    ]
    return before[-1] + 1 if before else 0


def with_delays(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with each Wait lasting what its words say, without a Wait that only read
    "pause <something>", and with a Wait where the request asks for a delay in words the spec
    does not read (placed after the last step named before them)."""
    out: list[StepSpec] = []
    for step in steps:
        if step.node_type != WAIT:
            out.append(step)
        elif not _pauses_an_app(step.purpose or ""):
            timing = wait_parameters(_clause_after(step.purpose or "", 0))
            out.append(dataclasses.replace(step, parameters={**timing, **step.parameters}))
    at = None if any(s.node_type == WAIT for s in out) else _delay_at(spec.request)
    if at is None:
        return out
    place = _after_named(spec, out, at)
    if place < len(out) and out[place].branch is not None:
        return out  # which branch waits is not said
    words = _clause_after(spec.request, at)
    wait = StepSpec(WAIT, purpose=words[:80], parameters=wait_parameters(words))
    return [*out[:place], wait, *out[place:]]


def _error_message(words: str) -> str:
    """The message the run stops with: the words quoted, else the condition's words."""
    quoted = _QUOTED.search(words)
    if quoted:
        return quoted.group(1)
    condition = CONDITION_WORD.search(words)
    said = words[condition.start() :] if condition else words
    said = re.sub(r"\s+", " ", said).strip(" ,;:-")[:120]
    return said[:1].upper() + said[1:] if said else "Stopped on purpose"


def _stop_step(words: str, branch: str | None) -> StepSpec:
    params = {"errorType": "errorMessage", "errorMessage": _error_message(words)}
    return StepSpec(STOP, purpose=words[:80], parameters=params, branch=branch)


def _stop_words(request: str) -> tuple[int, str] | None:
    """Where the request asks to stop with an error, and the words around it (from the
    sentence's condition, if one comes first, to the end of the clause after the cue)."""
    found = STOP_WORDS.search(request)
    if found is None:
        return None
    start = max(request.rfind(c, 0, found.start()) for c in ".;\n,") + 1
    end = DELAY_CLAUSE_END.search(request, found.end())
    after = request[found.end() : end.start() if end else len(request)]
    if not CONDITION_WORD.search(request[start : found.start()]) and not CONDITION_WORD.search(
        after
    ):
        tail = DELAY_CLAUSE_END.search(request, end.end()) if end else None
        after = request[found.end() : tail.start() if tail else len(request)]
    return found.start(), request[start : found.end() + len(after)]


def with_stop_on_error(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with the run stopped by a Stop and Error node where the request says so (see
    the module docstring): the spec's own Stop and Error moved onto the "true" branch of the
    IF after it, or a new one there, with an IF testing the condition when there is none. Not
    in an error workflow (it reports failures, it does not make them)."""
    if spec.trigger.kind == "error":
        return steps
    stops = [i for i, s in enumerate(steps) if s.node_type == STOP]
    if stops and steps[stops[0]].branch is not None:
        return [_with_message(s) if s.node_type == STOP else s for s in steps]
    asked = _stop_words(spec.request)
    if not stops and asked is None:
        return steps
    at, words = asked if asked else (0, steps[stops[0]].purpose or "")
    rest = [s for s in steps if s.node_type != STOP]
    ifs = [i for i, s in enumerate(rest) if s.node_type == IF]
    if len(ifs) > 1 or any(s.branch not in (None, "true", "false") for s in rest):
        return steps  # a Switch or several tests: which one stops is not said
    if ifs:
        where = ifs[0] + 1
        rest = [dataclasses.replace(s, branch="false") if i >= where and s.branch is None
                else s for i, s in enumerate(rest)]  # fmt: skip
        return [*rest[:where], _stop_step(words, "true"), *rest[where:]]
    place = _after_named(spec, rest, at) if asked else stops[0]
    test = StepSpec(IF, purpose=words[:80], parameters={"condition": words})
    later = [dataclasses.replace(s, branch="false") for s in rest[place:]]
    return [*rest[:place], test, _stop_step(words, "true"), *later]


def _with_message(step: StepSpec) -> StepSpec:
    if "errorMessage" in step.parameters:
        return step
    params = {"errorType": "errorMessage", "errorMessage": _error_message(step.purpose or "")}
    return dataclasses.replace(step, parameters={**params, **step.parameters})


def _tries(found: re.Match[str]) -> int:
    """The node's ``maxTries``: the tries said ("max 3 tries", "3 attempts"), else the
    retries said plus the first try ("retry it three times" -> 4); n8n allows up to 5."""
    said = (found.group("n") or found.group("m")).lower()
    count = int(said) if said.isdigit() else RETRY_COUNT_WORDS.get(said, 3)
    total = TRIES_WORD.search(found.group(0)) is not None
    return min(count if total else count + 1, 5)


def _retry_test(spec: Spec, steps: list[StepSpec], at: int) -> int | None:
    """The IF that only reads the retry's own condition ("if it fails, retry ..."): an IF
    whose words say a failure and sit within the retry's sentence."""
    ifs = [i for i, s in enumerate(steps) if s.node_type == IF]
    if len(ifs) != 1 or not FAILS_OR_TIMES_OUT.search(steps[ifs[0]].purpose or ""):
        return None
    said = spec.request.find((steps[ifs[0]].purpose or "").strip()[:20])
    return ifs[0] if said >= 0 and abs(said - at) < 80 else None


def with_retries(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with the retry the request asks for set on the step it retries (``@retry``:
    the number of tries the generator writes into the node's ``retryOnFail``/``maxTries``),
    the step named last before the words; without the IF that only read "if it fails" (its
    branches become the main chain), unless the request says what happens once the retries
    are used up."""
    found = RETRY.search(spec.request)
    if found is None:
        return steps
    test = None if AFTER_RETRIES.search(spec.request) else _retry_test(spec, steps, found.start())
    if test is not None:
        steps = [dataclasses.replace(s, branch=None) if i > test else s
                 for i, s in enumerate(steps) if i != test]  # fmt: skip
    work = [i for i, s in enumerate(steps) if s.node_type not in (IF, WAIT, STOP)]
    if not work:
        return steps
    named = [i for i in work if (mentioned_at(spec.request, steps[i].node_type) or 10**6)
             < found.start()]  # fmt: skip
    urls = [i for i in work if steps[i].node_type == BASE + "httpRequest"]
    target = named[-1] if named else (urls[0] if urls else work[0])
    tries = {"@retry": _tries(found)}
    out = list(steps)
    out[target] = dataclasses.replace(steps[target], parameters={**steps[target].parameters,
                                                                 **tries})  # fmt: skip
    return out
