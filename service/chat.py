"""One chat turn (or fast generation): reserve a credit, run the pipeline off the event loop,
then store the result and charge in ONE transaction — or release the credit when it failed.

So a request is charged exactly when its result is stored, whatever happens to the client
connection in between (the job is shielded from the request's cancellation).

Each of these transactions goes to the server in one round trip (``service.onetrip``): BEGIN,
the statements and COMMIT together, results read afterwards. Holding a credit goes with the
sign-in (``service.deps.sign_in``: no round trip of its own) and storing a new turn with its
charge is one, so the user's ledger lock is held for about one round trip and a COMMIT.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast
from uuid import UUID

import psycopg

from engine.pipeline import Pipeline
from engine.prompts import ACTIVE_VERSIONS_SQL, prompts_in_force, version_ids
from engine.types import GenerationResult, IntentResult, Message
from nodepilot.errors import UserError
from service import ledger, metrics, store
from service.cpugate import StageGate
from service.errors import ApiError, not_found
from service.onetrip import one_trip
from service.runtime import Runtime, use_generation_cache
from service.store import make_title

StageCallback = Callable[[str, float], None]


@dataclass(frozen=True)
class Turn:
    """What the caller asked for."""

    user_id: UUID
    message: str
    conversation_id: UUID | None = None
    provider: str | None = None
    model: str | None = None
    one_shot: bool = False  # fast-generate: always build, no conversation


#: the ``ai_prompts`` version ids in force (``engine.prompts.version_ids``)
PromptIds = tuple[tuple[str, int], ...]


@dataclass
class Prepared:
    turn: Turn
    history: list[Message]
    reservation_id: UUID
    #: the prompt versions in force, read with the hold (None: the pipeline reads them)
    prompt_ids: PromptIds | None = None
    #: the intent classified while the sign-in was in flight (``EarlyIntent``), if it was
    early_intent: EarlyIntent | None = None


def new_pipeline(runtime: Runtime, conn_factory: Callable[[], psycopg.Connection]) -> Pipeline:
    """The pipeline a generation runs: one place, so that ``EarlyIntent`` classifies as the
    run's intent stage would."""
    return Pipeline(
        provider=runtime.settings.provider,
        use_cache=use_generation_cache(),
        conn_factory=conn_factory,
    )


@dataclass
class EarlyIntent:
    """A first turn's intent, classified while its sign-in round trip is in flight.

    The sign-in (token, rate limit, credit hold) is a database round trip the thread would
    otherwise sit out, and the intent stage is the pipeline's first and needs nothing the
    sign-in answers when there is no conversation yet. Done in that wait (``deps.sign_in``'s
    ``meanwhile``), it takes the round trip off a chat's latency (#12: the service's overhead).

    The price: a request refused by that round trip (over the rate limit, unknown key, no
    credits) has had its request classified for nothing. That is bounded by the CPU gate: the
    classification takes a free slot or does not happen (the run then classifies as usual), so
    it only ever uses a core no generation was waiting for.
    """

    runtime: Runtime
    message: str
    intent: IntentResult | None = None
    ms: float = 0.0

    def __call__(self) -> None:
        slots = self.runtime.cpu_slots
        if not slots.acquire(blocking=False):
            return
        started = time.perf_counter()
        try:
            pipeline = new_pipeline(self.runtime, _no_connection)
            self.intent = pipeline.classify_locally(self.message)
        except Exception:  # noqa: BLE001 - the run's own intent stage classifies and reports
            logging.getLogger(__name__).warning("classifying early failed", exc_info=True)
            self.intent = None
        finally:
            slots.release()
        self.ms = round((time.perf_counter() - started) * 1000, 3)


def _no_connection() -> psycopg.Connection:
    raise RuntimeError("classifying early needs no database connection")


def insufficient_credits(runtime: Runtime) -> ApiError:
    """402, saying where to get credits: the checkout when this server sells them (billing
    configured), else its operator, since there is nothing to buy here."""
    message = "you have no credits left for this request (nothing was charged)"
    if runtime.settings.stripe_secret_key is not None:
        return ApiError(
            402,
            "insufficient_credits",
            message,
            hint="buy credits or choose a plan at /api/billing/checkout "
            "(plans and packs: GET /api/billing/plans)",
            extra={"checkout_url": "/api/billing/checkout"},
        )
    return ApiError(
        402,
        "insufficient_credits",
        message,
        hint="this server does not sell credits (billing is not configured): ask its operator "
        "to add some with `nodepilot billing grant EMAIL AMOUNT --reason ...`",
    )


#: the user's ledger lock, taken in the statement that sets the transaction's role and user
_LOCKED = (ledger.credit_lock("%(user_id)s::uuid"),)


@contextmanager
def _user_transaction(
    runtime: Runtime, user_id: UUID, durable: bool = True, locked: bool = False
) -> Iterator[psycopg.Connection]:
    """A pooled connection in a transaction under the user's row-level security, sent with its
    statements in one round trip (``service.onetrip``) and committed at the end. ``locked``:
    holding the user's ledger lock from its first statement (no statement of its own)."""
    also = _LOCKED if locked else ()
    with runtime.connection() as conn, one_trip(conn, str(user_id), durable=durable, also=also):
        yield conn


#: what ``send_hold`` queued: the history cursor (a follow-up turn), the hold's cursor and
#: the prompt versions' cursor
Queued = tuple[psycopg.Cursor | None, psycopg.Cursor, psycopg.Cursor]


def send_hold(tx: psycopg.Connection, conversation_id: UUID | None) -> Queued:
    """Queue the conversation's history read, the credit hold and the read of the prompt
    versions in force for the user the transaction runs as (row-level security), in a batch
    sent in one round trip that took the user's ledger lock already: on its own (``prepare``)
    or behind the sign-in, whose counting statement takes the lock (``service.deps.sign_in``
    with ``HOLD_LOCK``). The prompt versions are the pipeline's first read
    (``engine.prompts.prompts_in_force``): read here, the run needs no round trip of its own
    for them (#12 speed, session 10)."""
    found = store.send_history(tx, conversation_id) if conversation_id is not None else None
    held = ledger.send_reserve_current(tx, locked=True)
    return found, held, tx.execute(ACTIVE_VERSIONS_SQL)


#: the lock ``send_hold`` needs, for the sign-in's counting statement to take
HOLD_LOCK = ledger.credit_lock


def prepare(runtime: Runtime, turn: Turn, queued: Queued | None = None) -> Prepared:
    """Load the conversation and hold one credit (404 / 402 otherwise). Runs in a thread.

    One round trip, or none when ``queued`` (``send_hold``'s cursors) went with the sign-in:
    the history read and the hold go together, committed without waiting for the WAL flush
    (a hold lost in a crash costs nothing: the charge re-checks the balance).
    """
    if queued is None:
        with _user_transaction(runtime, turn.user_id, durable=False, locked=True) as tx:
            queued = send_hold(tx, turn.conversation_id)
    found, held, versions = queued
    due, reservation = held.fetchone()
    prompt_ids = version_ids(versions.fetchall())
    history = store.read_history(found) if found is not None else []
    if history is None:  # no such conversation of ours: give the hold back
        if reservation is not None:
            _release_hold(runtime, turn.user_id, reservation)
        raise not_found("conversation")
    if due:  # rare: lapsed grants expire first (ledger.reserve does that, then holds)
        with _user_transaction(runtime, turn.user_id) as tx:
            reservation = ledger.reserve(tx, turn.user_id)
    if reservation is None:
        raise insufficient_credits(runtime)
    return Prepared(turn, history, reservation, prompt_ids)


def _run_pipeline(
    runtime: Runtime, prepared: Prepared, on_stage: StageCallback | None
) -> GenerationResult:
    turn = prepared.turn
    early = prepared.early_intent
    intent = early.intent if early is not None else None
    if turn.one_shot:
        intent = IntentResult("workflow_request", 1.0, classifier="api")
    provider = turn.provider or runtime.settings.provider
    lease = runtime.lease()  # no connection held while a remote model is awaited
    gate = StageGate(runtime.cpu_slots, provider.strip() != "offline", lease.give_back)
    pipeline = new_pipeline(runtime, lambda: cast(psycopg.Connection, lease))
    try:
        # the versions read with the hold; the run reads none itself (a set is in force)
        with prompts_in_force(lease, prepared.prompt_ids):
            result = pipeline.run(
                turn.message,
                prepared.history,
                provider=turn.provider,
                model=turn.model,
                intent=intent,
                on_stage=on_stage,
                on_stage_start=gate.start,
            )
    except BaseException as exc:
        lease.give_back(exc)
        raise
    finally:
        gate.done()
    lease.give_back()
    if early is not None and early.intent is not None:  # the stage's time is when it ran
        result.timings_ms["intent"] = early.ms
    return result


def execute(runtime: Runtime, prepared: Prepared, on_stage: StageCallback | None = None) -> dict:
    """Run the pipeline, then store + charge, or record the failure + release. In a thread."""
    started = time.perf_counter()
    stored = False
    try:
        try:
            result = _run_pipeline(runtime, prepared, on_stage)
        except UserError as exc:
            raise ApiError(422, "invalid_input", exc.message, hint=exc.hint) from None
        elapsed = (time.perf_counter() - started) * 1000
        runtime.settle_heap()
        metrics.GENERATIONS.labels(result.status, result.provider).inc()
        if result.status == "failed":
            _record_failure(runtime, prepared, result, elapsed)
            raise generation_error(result)
        response = _store_and_charge(runtime, prepared, result, elapsed)
        stored = True
        return response
    finally:
        if not stored:
            _release(runtime, prepared)


def _store_and_charge(
    runtime: Runtime, prepared: Prepared, result: GenerationResult, elapsed: float
) -> dict[str, Any]:
    turn = prepared.turn
    conversation_id = None if turn.one_shot else turn.conversation_id
    description = f"{'Workflow' if result.workflow else 'Answer'}: {make_title(result.request)}"
    try:
        # one round trip: BEGIN, the settings with the ledger lock, the turn (a continued
        # conversation marked updated in the same statement), the charge, COMMIT
        with _user_transaction(runtime, turn.user_id, locked=True) as tx:
            if turn.one_shot:
                ids = {"generation_id": store.store_generation(tx, turn.user_id, result, elapsed)}
                ids["workflow_id"] = ids["generation_id"]
            else:
                ids = store.store_turn(tx, turn.user_id, conversation_id, result, elapsed)
            charged = ledger.send_commit(
                tx,
                turn.user_id,
                prepared.reservation_id,
                description,
                ids.get("workflow_id"),
                locked=True,
            )
    except psycopg.errors.CheckViolation as exc:
        if ledger.is_uncovered(exc):  # the hold lapsed and the credits went elsewhere
            raise insufficient_credits(runtime) from None
        raise
    except psycopg.errors.ForeignKeyViolation as exc:
        if store.is_missing_conversation(exc):  # deleted while the generation ran
            raise not_found("conversation") from None
        raise
    left = int(charged.fetchone()[0])
    metrics.CREDITS_SPENT.inc()
    return {**ids, "result": result, "credits_left": left}


def _record_failure(
    runtime: Runtime, prepared: Prepared, result: GenerationResult, elapsed: float
) -> None:
    turn = prepared.turn
    conversation_id = None if turn.one_shot else turn.conversation_id
    with _user_transaction(runtime, turn.user_id) as tx:
        if conversation_id is not None and not store.conversation_exists(tx, conversation_id):
            conversation_id = None
        store.store_failure(tx, turn.user_id, conversation_id, result, elapsed)


def _release(runtime: Runtime, prepared: Prepared) -> None:
    _release_hold(runtime, prepared.turn.user_id, prepared.reservation_id)


def _release_hold(runtime: Runtime, user_id: UUID, reservation_id: UUID) -> None:
    try:
        with _user_transaction(runtime, user_id, durable=False) as tx:
            ledger.release(tx, reservation_id)
    except Exception:  # noqa: BLE001 - the reservation lapses by itself (expires_at)
        logging.getLogger(__name__).warning(
            "releasing hold %s failed; it lapses at its expiry", reservation_id, exc_info=True
        )


def generation_error(result: GenerationResult) -> ApiError:
    """The API error for a failed generation: the provider failed, or no valid workflow."""
    error = result.error or "the generation failed"
    if error.startswith(f"{result.provider} failed:"):
        busy = any(
            w in error.lower() for w in ("rate", "429", "overloaded", "timed out", "timeout")
        )
        return ApiError(
            503 if busy else 502,
            "provider_unavailable",
            error,
            hint="retry in a moment or choose another provider; you were not charged",
            headers={"Retry-After": "10"} if busy else None,
        )
    return ApiError(
        502,
        "generation_failed",
        error,
        hint="rephrase the request or try another provider; you were not charged",
        extra={"findings": result.findings[:20]},
    )
