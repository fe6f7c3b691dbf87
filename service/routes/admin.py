"""Administrators: prompt versions (edit = new version, activate / roll back, who and when) and
usage statistics. These read across users, so they use the owner connection after the role
check.

The engine renders each prompt's active version from the next request on, on every worker
(``engine.prompts.prompts_in_force``); ``nodepilot index`` keeps an administrator's activation
in force (``indexing.prompt_sync``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from indexing.prompt_files import Prompt, PromptError, parse_prompt, variables_problem
from indexing.prompt_sync import PROMPTS_LOCK_SQL, held_by_admin
from service.deps import Admin, OwnerConn
from service.errors import ApiError, not_found
from service.schemas import Text

router = APIRouter(prefix="/api/admin", tags=["admin"])
PromptName = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]{0,63}$")]


class PromptSummary(BaseModel):
    name: str
    active_version: int | None
    versions: int
    activated_at: datetime | None
    follows_files: bool = Field(
        description="Whether `nodepilot index` puts a changed prompt file in force: false "
        "while an administrator's activation of another version holds the prompt."
    )


class PromptList(BaseModel):
    items: list[PromptSummary]


class PromptVersion(BaseModel):
    id: int
    name: str
    version: int
    content: str
    description: str | None
    is_active: bool
    created_at: datetime
    created_by: UUID | None
    activated_at: datetime | None
    activated_by: UUID | None


class PromptHistory(BaseModel):
    name: str
    versions: list[PromptVersion]


class PromptEdit(BaseModel):
    content: Text = Field(min_length=1, max_length=200_000)
    description: Text | None = Field(default=None, max_length=500)


class Activate(BaseModel):
    version: int = Field(ge=1)


_VERSION = """id, name, version, content, description, is_active, created_at, created_by,
              activated_at, activated_by"""
_FIELDS = tuple(PromptVersion.model_fields)


@router.get("/prompts", response_model=PromptList)
def list_prompts(admin: Admin, conn: OwnerConn) -> PromptList:
    rows = conn.execute(
        """SELECT name, max(version) FILTER (WHERE is_active), count(*),
                  max(activated_at) FILTER (WHERE is_active)
           FROM ai_prompts GROUP BY name ORDER BY name"""
    ).fetchall()
    held = held_by_admin(conn)
    conn.rollback()
    items = [
        PromptSummary(
            name=r[0],
            active_version=r[1],
            versions=r[2],
            activated_at=r[3],
            follows_files=r[0] not in held,
        )
        for r in rows
    ]
    return PromptList(items=items)


def _history(conn, name: str) -> PromptHistory:  # noqa: ANN001 - psycopg connection
    rows = conn.execute(
        f"SELECT {_VERSION} FROM ai_prompts WHERE name = %s ORDER BY version DESC", (name,)
    ).fetchall()
    if not rows:
        raise not_found(f"prompt {name!r}")
    return PromptHistory(
        name=name, versions=[PromptVersion(**dict(zip(_FIELDS, r, strict=True))) for r in rows]
    )


@router.get("/prompts/{name}", response_model=PromptHistory)
def prompt_history(name: PromptName, admin: Admin, conn: OwnerConn) -> PromptHistory:
    with conn.transaction():
        return _history(conn, name)


def _check_prompt(name: str, content: str) -> str:
    """The content's hash, or 422 naming what is wrong. The engine renders the active version
    with the variables its code fills, which are the ones the prompt file declares: a version
    declaring others would fail every generation that reads it, so it is refused here."""
    try:
        prompt = parse_prompt(content, source=f"prompt {name}")
    except PromptError as exc:
        raise ApiError(422, "invalid_input", f"content: {exc}") from None
    if prompt.name != name:
        raise ApiError(
            422, "invalid_input", f"content: front-matter names {prompt.name!r}, not {name!r}"
        )
    _check_variables(prompt, "content")
    return prompt.content_hash


def _check_variables(prompt: Prompt, what: str) -> None:
    problem = variables_problem(prompt)
    if problem is not None:
        raise ApiError(
            422,
            "invalid_input",
            f"{what}: {problem}",
            hint="use exactly the {{placeholders}} of the prompt file",
        )


@router.put("/prompts/{name}", response_model=PromptVersion)
def edit_prompt(name: PromptName, body: PromptEdit, admin: Admin, conn: OwnerConn) -> PromptVersion:
    """Store an edit as the new active version (identical content re-activates its version)."""
    digest = _check_prompt(name, body.content)
    with conn.transaction():
        conn.execute(PROMPTS_LOCK_SQL)
        top = conn.execute(
            "SELECT max(version) FROM ai_prompts WHERE name = %s", (name,)
        ).fetchone()[0]
        if top is None:
            raise not_found(f"prompt {name!r}")
        conn.execute(
            "UPDATE ai_prompts SET is_active = false WHERE name = %s AND is_active", (name,)
        )
        row = conn.execute(
            f"""INSERT INTO ai_prompts (name, version, content, content_hash, description,
                                        is_active, created_by, activated_at, activated_by)
                VALUES (%s, %s, %s, %s, %s, true, %s, now(), %s)
                ON CONFLICT (name, content_hash) DO UPDATE
                    SET is_active = true, activated_at = now(), activated_by = EXCLUDED.activated_by
                RETURNING {_VERSION}""",
            (name, top + 1, body.content, digest, body.description, admin.id, admin.id),
        ).fetchone()
    return PromptVersion(**dict(zip(_FIELDS, row, strict=True)))


@router.post("/prompts/{name}/activate", response_model=PromptVersion)
def activate_prompt(
    name: PromptName, body: Activate, admin: Admin, conn: OwnerConn
) -> PromptVersion:
    """Make an earlier (or later) version the active one: a rollback is an activation."""
    with conn.transaction():
        conn.execute(PROMPTS_LOCK_SQL)
        stored = conn.execute(
            "SELECT content FROM ai_prompts WHERE name = %s AND version = %s",
            (name, body.version),
        ).fetchone()
        if stored is None:
            raise not_found(f"prompt {name!r} version {body.version}")
        try:
            prompt = parse_prompt(stored[0], source=f"prompt {name} version {body.version}")
        except PromptError as exc:
            raise ApiError(422, "invalid_input", f"version: {exc}") from None
        _check_variables(prompt, f"version {body.version}")
        conn.execute(
            "UPDATE ai_prompts SET is_active = false WHERE name = %s AND is_active", (name,)
        )
        row = conn.execute(
            f"""UPDATE ai_prompts SET is_active = true, activated_at = now(), activated_by = %s
                WHERE name = %s AND version = %s RETURNING {_VERSION}""",
            (admin.id, name, body.version),
        ).fetchone()
    return PromptVersion(**dict(zip(_FIELDS, row, strict=True)))


class DayStats(BaseModel):
    day: date
    generations: int
    succeeded: int
    failed: int
    success_rate: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    intents: dict[str, int]
    credits_spent: int


class Stats(BaseModel):
    days: list[DayStats]


@router.get("/stats", response_model=Stats)
def stats(admin: Admin, conn: OwnerConn, days: Annotated[int, Query(ge=1, le=366)] = 30) -> Stats:
    """Per day: generations, success rate, latency percentiles, intent mix, credits spent."""
    with conn.transaction():
        rows = conn.execute(
            """WITH g AS (
                   SELECT date_trunc('day', created_at)::date AS day, status, intent,
                          generation_time_ms
                   FROM workflow_generations
                   WHERE created_at >= date_trunc('day', now()) - make_interval(days => %(d)s - 1)),
               spent AS (
                   SELECT date_trunc('day', created_at)::date AS day, -sum(amount) AS credits
                   FROM credit_history WHERE transaction_type = 'generation'
                     AND created_at >= date_trunc('day', now()) - make_interval(days => %(d)s - 1)
                   GROUP BY 1),
               intents AS (
                   SELECT day, jsonb_object_agg(coalesce(intent, 'unknown'), n) AS mix
                   FROM (SELECT day, intent, count(*) AS n FROM g GROUP BY 1, 2) x GROUP BY day)
               SELECT d.day, count(g.status), count(*) FILTER (WHERE g.status = 'succeeded'),
                      count(*) FILTER (WHERE g.status = 'failed'),
                      percentile_cont(0.5) WITHIN GROUP (ORDER BY g.generation_time_ms),
                      percentile_cont(0.95) WITHIN GROUP (ORDER BY g.generation_time_ms),
                      coalesce(i.mix, '{}'::jsonb), coalesce(s.credits, 0)
               FROM (SELECT day FROM g UNION SELECT day FROM spent) d
               LEFT JOIN g ON g.day = d.day
               LEFT JOIN intents i ON i.day = d.day
               LEFT JOIN spent s ON s.day = d.day
               GROUP BY d.day, i.mix, s.credits ORDER BY d.day""",
            {"d": days},
        ).fetchall()
    out = []
    for day, total, ok, failed, p50, p95, mix, spent in rows:
        rate = round(ok / (ok + failed), 4) if ok + failed else None
        out.append(
            DayStats(
                day=day,
                generations=total,
                succeeded=ok,
                failed=failed,
                success_rate=rate,
                latency_p50_ms=p50,
                latency_p95_ms=p95,
                intents=dict(mix),
                credits_spent=int(spent),
            )
        )
    return Stats(days=out)
