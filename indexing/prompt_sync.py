"""``ai_prompts`` follows the prompt files, except where an administrator chose a version.

Every prompt version lives in ``ai_prompts``; the engine renders the active one
(``engine.prompts.prompts_in_force``). Versions come from two places: the files
(``seeds/prompts``, stored by ``nodepilot index`` and the service's first start; their rows have
``created_by`` NULL) and administrators (``PUT /api/admin/prompts/{name}``, ``created_by`` set).
An administrator's activation (an edit, or ``POST .../activate``: a rollback) records
``activated_by``; an activation by this sync leaves it NULL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from indexing.prompt_files import Prompt, load_prompts

#: The advisory lock every writer of ``ai_prompts`` takes (sync, seeding, the admin routes).
PROMPTS_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('nodepilot.ai_prompts'))"


@dataclass
class SyncReport:
    """What ``sync_prompts`` did, by prompt name.

    ``inserted``: a new file text, now active. ``reactivated``: a stored file text made active
    again. ``unchanged``: the file text is already active. ``held``: an administrator's
    activation stays in force; ``stored`` lists those of them whose new file text was stored
    as an inactive version (activating it hands the name back to the files).
    """

    inserted: list[str] = field(default_factory=list)
    reactivated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StoredVersion:
    """One stored version of a prompt, as the sync rule sees it."""

    id: int
    version: int
    content_hash: str
    is_active: bool
    from_files: bool  # created_by IS NULL
    activated_by_admin: bool  # activated_by IS NOT NULL


def admin_holds(rows: list[StoredVersion]) -> bool:
    """Whether an administrator has activated a version other than the files' newest one.

    The files' newest version is the one the files last put in force when their text changed.
    An administrator who activates it (say after rolling back, to resume) hands the name back
    to the files; any other admin activation - an edit, a rollback to an older version - holds
    the name until an administrator activates the files' newest version again.
    """
    active = next((r for r in rows if r.is_active), None)
    if active is None or not active.activated_by_admin:
        return False
    from_files = [r for r in rows if r.from_files]
    newest = max(from_files, key=lambda r: r.version) if from_files else None
    return newest is None or active.id != newest.id


def sync_prompts(conn: Any, prompts: Mapping[str, Prompt] | None = None) -> SyncReport:
    """Store each prompt file's text in ``ai_prompts`` and put it in force unless an
    administrator chose another version.

    The rule, per prompt name:

    1. The file text is stored once (``UNIQUE (name, content_hash)``): a changed text becomes a
       new version, numbered by its front-matter version or one above the highest stored
       version if that is not higher, so versions always increase.
    2. When no administrator holds the name (``admin_holds``: they activated a version other
       than the files' newest), the file text's version becomes the active one - a new row, or
       an older row with the same text re-activated (a reverted file).
    3. When an administrator holds it, their active version stays: ``nodepilot index`` never
       undoes an edit or a rollback made through the admin API. A changed file text is stored
       as an inactive version (``report.stored``) for the administrator to activate.

    Unchanged input is a no-op (idempotent). Runs in one transaction under the advisory lock
    every writer takes, so concurrent syncs and admin activations cannot interleave.
    """
    prompts = load_prompts() if prompts is None else prompts
    report = SyncReport()
    with conn.transaction():
        conn.execute(PROMPTS_LOCK_SQL)
        for name in sorted(prompts):
            _sync_one(conn, prompts[name], report)
    return report


_VERSION_COLUMNS = """id, version, content_hash, is_active, created_by IS NULL,
                      activated_by IS NOT NULL"""


def _rows(conn: Any, name: str) -> list[StoredVersion]:
    rows = conn.execute(
        f"SELECT {_VERSION_COLUMNS} FROM ai_prompts WHERE name = %s", (name,)
    ).fetchall()
    return [StoredVersion(*r) for r in rows]


def held_by_admin(conn: Any) -> set[str]:
    """The prompt names an administrator holds (``admin_holds``): for these, ``nodepilot
    index`` stores a changed file text without activating it."""
    by_name: dict[str, list[StoredVersion]] = {}
    for name, *columns in conn.execute(f"SELECT name, {_VERSION_COLUMNS} FROM ai_prompts"):
        by_name.setdefault(name, []).append(StoredVersion(*columns))
    return {name for name, rows in by_name.items() if admin_holds(rows)}


def _sync_one(conn: Any, prompt: Prompt, report: SyncReport) -> None:
    rows = _rows(conn, prompt.name)
    same = next((r for r in rows if r.content_hash == prompt.content_hash), None)
    if same is not None and same.is_active:
        report.unchanged.append(prompt.name)
        return
    held = admin_holds(rows)
    if held:
        report.held.append(prompt.name)
        if same is None:
            _insert(conn, prompt, rows, active=False)
            report.stored.append(prompt.name)
        return
    conn.execute(
        "UPDATE ai_prompts SET is_active = false WHERE name = %s AND is_active", (prompt.name,)
    )
    if same is not None:
        conn.execute(
            """UPDATE ai_prompts SET is_active = true, activated_at = now(), activated_by = NULL
               WHERE id = %s""",
            (same.id,),
        )
        report.reactivated.append(prompt.name)
        return
    _insert(conn, prompt, rows, active=True)
    report.inserted.append(prompt.name)


def _insert(conn: Any, prompt: Prompt, rows: list[StoredVersion], *, active: bool) -> None:
    top = max((r.version for r in rows), default=0)
    conn.execute(
        """INSERT INTO ai_prompts (name, version, content, content_hash, description, is_active,
                                   activated_at)
           VALUES (%s, %s, %s, %s, %s, %s, CASE WHEN %s THEN now() END)""",
        (
            prompt.name,
            max(prompt.version, top + 1),
            prompt.content,
            prompt.content_hash,
            prompt.description,
            active,
            active,
        ),
    )
