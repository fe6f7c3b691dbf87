"""Request-scoped dependencies: the runtime, the caller, and connections under row-level security.

``current_user`` authenticates (dev token, identity-provider JWT or API key), creates the user on
first sight and counts the request against the user's rate limit. ``user_conn`` is a pooled
connection inside a transaction running as ``nodepilot_app`` with ``app.user_id`` set, so every
query sees only the caller's rows even without a ``WHERE user_id``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar
from uuid import UUID

import psycopg
from fastapi import Depends, Request

from nodepilot.db import app_connection
from service import ratelimit
from service.auth import AuthError, Identity, apikeys, devtokens, users
from service.auth.users import ensure_user
from service.errors import ApiError, unauthorized
from service.runtime import SIGN_IN, Runtime

#: statements a caller queues behind the sign-in (see ``sign_in``)
Queue = Callable[[psycopg.Connection], Any]
#: SQL taking a lock for the user signed in, given as an SQL expression of their id
Lock = Callable[[str], str]
Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


@dataclass(frozen=True)
class CurrentUser:
    id: UUID
    email: str
    role: str
    #: signed in with an API key rather than a session token: such a caller may not create
    #: keys (a leaked key would otherwise outlive its revocation through the keys it made)
    by_api_key: bool = False


def require_session(user: CurrentUser, action: str) -> None:
    """Refuse ``action`` to a caller signed in with an API key (403).

    Keys are for machine clients doing the account's work. What outlives, ends or redirects
    the account — minting more keys (a leaked key would survive its revocation through them),
    deleting the account, the billing portal (cancel, change the card), the n8n connection
    (where deployments go), the admin endpoints — needs the owner's session token."""
    if user.by_api_key:
        raise ApiError(
            403,
            "forbidden",
            f"an API key cannot {action}",
            hint=f"{action} while signed in with your account (a session token), not a key",
        )


def runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def owner_conn(request: Request) -> Iterator[psycopg.Connection]:
    """An owner connection (no row-level security) for the few owner-only operations."""
    with runtime(request).connection() as conn:
        yield conn


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _apply(request: Request, decision: ratelimit.Decision) -> None:
    """Attach the rate-limit headers; 429 when the subject is over its limit."""
    request.state.rate_headers = decision.headers()
    if not decision.allowed:
        from service import metrics

        metrics.RATE_LIMITED.inc()
        raise ApiError(
            429,
            "rate_limited",
            f"more than {decision.limit} requests in a minute",
            hint=f"retry after {decision.reset_s} s",
            headers=decision.headers(),
        )


def _enforce(request: Request, conn: psycopg.Connection, subject: str) -> None:
    limit = runtime(request).settings.rate_limit_per_minute
    _apply(request, ratelimit.hit(conn, subject, limit))


def limit_by_address(request: Request) -> None:
    """Rate limit for unauthenticated endpoints: per client address."""
    with runtime(request).connection() as conn:
        _enforce(request, conn, f"ip:{client_address(request)}")


def _verified(rt: Runtime, token: str) -> Identity | None:
    """The identity a bearer token proves (kept for a while, ``rt.tokens``); None for an API
    key, which only the database can vouch for. AuthError for a token that does not verify."""
    if apikeys.is_api_key(token):
        return None
    identity = rt.tokens.get(token)
    if identity is None:
        if rt.verifier is not None:
            identity = rt.verifier.verify(token)
        else:
            identity = devtokens.verify_token(rt.settings, token)
        rt.tokens.put(token, identity)
    return identity


def _identify(
    rt: Runtime,
    conn: psycopg.Connection,
    token: str,
    identity: Identity | None,
    then: Queue | None = None,
    lock: Lock | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[CurrentUser, ratelimit.Decision, Any]:
    """The token's user (``identity``, or the API key's) and their request counted: one
    statement for a known user, with what ``then`` queues in the same round trip, under
    ``lock`` (see ``ratelimit.lookup_and_hit``; None is returned for it when it did not run
    under the user: on a user's first sight), and ``meanwhile()`` run while that round trip
    is in flight."""
    limit = rt.settings.rate_limit_per_minute
    if identity is None:
        params = {"key_hash": apikeys.hash_key(token)}
        row, decision, queued = ratelimit.lookup_and_hit(
            conn, apikeys.LOOKUP, params, limit, then, lock, meanwhile
        )
        if row is None or decision is None:
            raise AuthError("unknown or revoked API key")
        return CurrentUser(*row, by_api_key=True), decision, queued
    params = {"external_id": identity.external_id}
    row, decision, queued = ratelimit.lookup_and_hit(
        conn, users.LOOKUP, params, limit, then, lock, meanwhile
    )
    if row is None or decision is None:  # first sight: create the user and their trial
        row = ensure_user(conn, identity, rt.settings)
        decision = ratelimit.hit(conn, f"user:{row[0]}", limit)
    else:
        row = users.promote_if_admin(conn, row, rt.settings)
    return CurrentUser(*row), decision, queued


async def current_user(request: Request) -> CurrentUser:
    """The authenticated caller (401 otherwise), counted against their rate limit.

    In a thread of the runtime's sign-in pool (started with the worker, see
    ``Runtime.start_threads``), not anyio's, whose threads start on the event loop during a
    burst and end after 10 s idle."""
    rt = runtime(request)
    pool = rt.executor(SIGN_IN)
    return await asyncio.get_running_loop().run_in_executor(pool, _sign_in, request)


def _sign_in(request: Request) -> CurrentUser:
    return sign_in(request)[0]


def sign_in(
    request: Request,
    then: Queue | None = None,
    lock: Lock | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[CurrentUser, Any]:
    """``current_user``'s work, in the calling thread: the caller (401 / 429 otherwise) and
    what ``then(conn)`` queued behind the sign-in in the same round trip, as the caller under
    row-level security and ``lock`` (None when it could not run there: see ``_identify``). A
    chat calls it in its generation thread with its credit hold queued (``signs_in_itself``),
    and with ``meanwhile`` work to do while that round trip is in flight: with a token that
    verifies (a token that does not never reaches the database)."""
    token = _bearer(request)
    rt = runtime(request)
    try:
        if token is None:
            raise AuthError("missing bearer token")
        identity = _verified(rt, token)
    except AuthError as exc:
        limit_by_address(request)
        raise unauthorized(str(exc)) from None
    # the caller's turn first, then a connection: a sign-in waiting its turn holds none
    with rt.caller_locks.turn(token), rt.connection() as conn, ratelimit.autocommit(conn):
        try:
            user, decision, queued = _identify(rt, conn, token, identity, then, lock, meanwhile)
        except AuthError as exc:
            _enforce(request, conn, f"ip:{client_address(request)}")
            raise unauthorized(str(exc)) from None
        request.state.user_id = str(user.id)
        _apply(request, decision)
    return user, queued


def signs_in_itself(endpoint: Endpoint) -> Endpoint:
    """Mark a route that signs its caller in itself (``sign_in`` in the thread doing its work)
    instead of through the ``User`` dependency. For an invalid body the 422 handler signs the
    caller in first, so such a route answers 401 / 429 before 422 and counts the request, as a
    route with the dependency does."""
    endpoint.signs_in_itself = True  # type: ignore[attr-defined]
    return endpoint


async def sign_in_before_invalid_input(request: Request) -> None:
    """For the 422 handler: sign in when the route needs a signed-in caller — it signs in itself
    (see ``signs_in_itself``) or depends on ``current_user``. A body FastAPI cannot parse fails
    before any dependency runs, so without this an anonymous caller would learn "invalid input"
    where every other request to the route answers 401."""
    endpoint = request.scope.get("endpoint")
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if getattr(endpoint, "signs_in_itself", False) or (
        dependant is not None and _depends_on(dependant, current_user)
    ):
        user = await current_user(request)
        action = _session_action(dependant) if dependant is not None else None
        if action is not None:  # a route that needs a session: 403 for a key, as it gets
            require_session(user, action)  # for a valid body (``needs_session``)


def _depends_on(dependant: Any, call: Any) -> bool:
    """Whether ``call`` is anywhere in a FastAPI route's dependency tree."""
    return any(sub.call is call or _depends_on(sub, call) for sub in dependant.dependencies)


def _session_action(dependant: Any) -> str | None:
    """The action of a ``needs_session`` dependency in a route's tree, if it has one."""
    for sub in dependant.dependencies:
        action = getattr(sub.call, "session_action", None) or _session_action(sub)
        if action is not None:
            return action
    return None


def admin_user(user: Annotated[CurrentUser, Depends(current_user)]) -> CurrentUser:
    """An administrator signed in with a session token: a leaked admin's API key must not
    rewrite the prompts every user's generations run on (``require_session``)."""
    if user.role != "admin":
        raise ApiError(403, "forbidden", "this endpoint is for administrators")
    require_session(user, "use the admin endpoints")
    return user


def user_conn(
    request: Request, user: Annotated[CurrentUser, Depends(current_user)]
) -> Iterator[psycopg.Connection]:
    """A transaction as ``nodepilot_app`` with ``app.user_id`` = the caller (row-level security)."""
    with runtime(request).connection() as conn, app_connection(str(user.id), conn) as tx:
        yield tx


#: Route parameter types: ``user: User``, ``conn: UserConn``, ``admin: Admin``.
User = Annotated[CurrentUser, Depends(current_user)]
Admin = Annotated[CurrentUser, Depends(admin_user)]
UserConn = Annotated[psycopg.Connection, Depends(user_conn)]
OwnerConn = Annotated[psycopg.Connection, Depends(owner_conn)]


def needs_session(action: str) -> Any:
    """A route dependency (``dependencies=[needs_session("...")]``): ``require_session``
    before the request body is validated. FastAPI solves dependencies before it checks the
    body, so an API key gets 403 whatever body it sent (an invalid one got 422 from a check
    inside the route), as an anonymous caller gets 401; an unparseable body reaches the 422
    handler first, which asks the same (``sign_in_before_invalid_input``)."""

    def session_only(user: User) -> None:
        require_session(user, action)

    session_only.session_action = action  # type: ignore[attr-defined]
    return Depends(session_only)
