"""The prompts a run renders: the versions in force in ``ai_prompts``, or a pinned folder.

Which text ``get_prompt(name)`` returns, first match wins:

1. an explicit ``directory`` argument, or a folder pinned with ``using_prompts`` (an eval arm
   measures exactly its folder - ``seeds/prompts`` when it names none);
2. the set ``prompts_in_force(conn)`` put in force for the block - what ``Pipeline.run`` does:
   each name's active version in ``ai_prompts`` (what administrators edit, activate and roll
   back through ``/api/admin/prompts``), the file for a name with no stored version;
3. the prompt files (``seeds/prompts``).

The versions in force are read from PostgreSQL once per run, so every worker on every machine
renders an activation from the next request on: one query reads the active version ids, and the
parsed set is cached per process under those ids (a version's text never changes; an edit is a
new version). Every set has one hash (``prompt_set_hash``), recorded in generation results and
part of the generation cache key, so activating another version also bypasses cached results.

The file model (parsing, front-matter, ``Prompt.render``) is ``indexing.prompt_files``; storing
the files as versions is ``indexing.prompt_sync`` (``nodepilot index``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from psycopg.pq import TransactionStatus

from indexing.prompt_files import (
    PROMPTS_DIR,
    Prompt,
    PromptError,
    content_hash,
    folder_set_hash,
    forget_prompt_files,
    load_prompts,
    parse_prompt,
    set_hash,
    variables_problem,
)
from indexing.prompt_sync import SyncReport, sync_prompts

__all__ = [
    "ACTIVE_VERSIONS_SQL",
    "PROMPTS_DIR",
    "Prompt",
    "PromptError",
    "PromptSet",
    "SyncReport",
    "active_prompt_dir",
    "active_prompt_set",
    "content_hash",
    "get_prompt",
    "load_prompts",
    "parse_prompt",
    "prompt_set_hash",
    "prompts_in_force",
    "recording_prompt_reads",
    "reload_prompts",
    "render",
    "sync_prompts",
    "using_prompts",
    "version_ids",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PromptSet:
    """A whole set of prompts by name, its hash, and the ``ai_prompts`` ids it came from."""

    prompts: Mapping[str, Prompt]
    set_hash: str
    #: (name, ai_prompts.id) of each stored version in the set, sorted; files have none.
    version_ids: tuple[tuple[str, int], ...] = ()


#: The prompt folder pinned by ``using_prompts`` (an eval arm); wins over the versions in force.
_PINNED_DIR: ContextVar[Path | None] = ContextVar("nodepilot_prompt_dir", default=None)
#: The set ``prompts_in_force`` put in force for this context (a run).
_IN_FORCE: ContextVar[PromptSet | None] = ContextVar("nodepilot_prompt_set", default=None)
#: Names of prompts fetched while ``recording_prompt_reads`` is active (what a run measured).
_READS: ContextVar[set[str] | None] = ContextVar("nodepilot_prompt_reads", default=None)
#: Parsed sets of stored versions, keyed by their version ids (bounded; see ``_remember``).
_SETS_BY_IDS: dict[tuple[tuple[str, int], ...], PromptSet] = {}
_MAX_CACHED_SETS = 32


def reload_prompts() -> None:
    """Forget cached prompt files, hashes and stored sets (after editing files in a process)."""
    forget_prompt_files()
    _SETS_BY_IDS.clear()


def active_prompt_dir() -> Path:
    """The prompt folder pinned here by ``using_prompts``, else ``seeds/prompts``."""
    return _PINNED_DIR.get() or PROMPTS_DIR


@contextmanager
def using_prompts(directory: Path | None) -> Iterator[None]:
    """Read prompts from ``directory`` (None: ``seeds/prompts``) inside the block, whatever
    versions are active in the database: an eval arm measures exactly its folder."""
    folder = Path(directory) if directory is not None else PROMPTS_DIR
    load_prompts(folder)  # a broken folder fails here, naming the file
    token = _PINNED_DIR.set(folder)
    try:
        yield
    finally:
        _PINNED_DIR.reset(token)


@contextmanager
def recording_prompt_reads() -> Iterator[set[str]]:
    """Collect the names of the prompts fetched inside the block (the set fills as they are)."""
    reads: set[str] = set()
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def _current(directory: Path | None) -> tuple[Mapping[str, Prompt], str | None]:
    """The prompts a lookup here reads, and the set's hash when it is a stored set."""
    if directory is not None:
        return load_prompts(Path(directory)), None
    in_force = _IN_FORCE.get()
    if _PINNED_DIR.get() is None and in_force is not None:
        return in_force.prompts, in_force.set_hash
    return load_prompts(active_prompt_dir()), None


def get_prompt(name: str, directory: Path | None = None) -> Prompt:
    """One prompt by name (see the module docstring for which text); an unknown name lists the
    known ones."""
    prompts, _ = _current(directory)
    try:
        prompt = prompts[name]
    except KeyError:
        raise PromptError(f"unknown prompt {name!r}; known: {', '.join(sorted(prompts))}") from None
    reads = _READS.get()
    if reads is not None:
        reads.add(name)
    return prompt


def render(name: str, /, **values: Any) -> str:
    """Render the named prompt as ``get_prompt`` finds it."""
    return get_prompt(name).render(**values)


def prompt_set_hash(directory: Path | None = None) -> str:
    """The hash of the set ``get_prompt`` reads here (of ``directory``'s files when given)."""
    _, stored = _current(directory)
    if stored is not None:
        return stored
    return folder_set_hash(Path(directory) if directory is not None else active_prompt_dir())


# ------------------------------------------------------------ the versions in the database


#: The active version ids (rows of ``(name, id)``): what ``active_prompt_set`` reads, and what
#: a caller may read itself in a round trip it makes anyway (``version_ids`` of its rows).
ACTIVE_VERSIONS_SQL = "SELECT name, id FROM ai_prompts WHERE is_active ORDER BY name, id"


def version_ids(rows: Iterable[Sequence[Any]]) -> tuple[tuple[str, int], ...]:
    """``ACTIVE_VERSIONS_SQL``'s rows as ``active_prompt_set``'s ``ids``."""
    return tuple((name, int(row_id)) for name, row_id in rows)


def active_prompt_set(conn: Any, ids: tuple[tuple[str, int], ...] | None = None) -> PromptSet:
    """Each name's active ``ai_prompts`` version (the file for names with none stored).

    One query of the active version ids, none when the caller read them already (``ids``:
    ``version_ids`` of ``ACTIVE_VERSIONS_SQL``'s rows, e.g. in the service's sign-in round
    trip); the set is parsed only when those ids were not seen before in this process. A
    stored version that does not parse, or declares other variables than the code fills
    (written past the admin API, or older than a code change), is logged and replaced by its
    file, so a bad row cannot stop generation.
    """
    found = _SETS_BY_IDS.get(ids) if ids is not None else None
    if found is not None:  # nothing to read: ``conn`` is not touched
        return found
    with _outside_a_transaction(conn):
        if ids is None:
            ids = version_ids(conn.execute(ACTIVE_VERSIONS_SQL).fetchall())
        found = _SETS_BY_IDS.get(ids)
        if found is None:
            found = _remember(ids, _parse_stored(conn, ids))
    return found


@contextmanager
def _outside_a_transaction(conn: Any) -> Iterator[None]:
    """Reads in the block run in autocommit when the caller has no transaction open (a read
    only: the connection is left as found, idle) - one round trip per query instead of three
    (psycopg's implicit BEGIN, the query, the ROLLBACK) - and inside the caller's transaction
    when one is open. Switching autocommit is a client-side setting: nothing is sent."""
    if conn.autocommit or conn.info.transaction_status != TransactionStatus.IDLE:
        yield
        return
    conn.autocommit = True
    try:
        yield
    finally:
        if not conn.closed:
            conn.autocommit = False


def _parse_stored(conn: Any, ids: tuple[tuple[str, int], ...]) -> PromptSet:
    prompts = dict(load_prompts(PROMPTS_DIR))
    rows = conn.execute(
        "SELECT id, name, content FROM ai_prompts WHERE id = ANY(%s)", ([i for _, i in ids],)
    ).fetchall()
    for row_id, name, content in rows:
        try:
            prompt = parse_prompt(content, source=f"ai_prompts {name} (id {row_id})")
        except PromptError as exc:
            log.warning("stored prompt version not used, its file is: %s", exc)
            continue
        problem = variables_problem(prompt)
        if problem is not None:
            log.warning("ai_prompts %s (id %s) %s: its file is used", name, row_id, problem)
            continue
        prompts[name] = prompt
    frozen = MappingProxyType(prompts)
    return PromptSet(frozen, set_hash(frozen), ids)


def _remember(ids: tuple[tuple[str, int], ...], prompt_set: PromptSet) -> PromptSet:
    """Cache ``prompt_set`` under its ids; a full cache starts over (sets are few)."""
    if len(_SETS_BY_IDS) >= _MAX_CACHED_SETS:
        _SETS_BY_IDS.clear()
    _SETS_BY_IDS[ids] = prompt_set
    return prompt_set


@contextmanager
def prompts_in_force(
    conn: Any, ids: tuple[tuple[str, int], ...] | None = None
) -> Iterator[PromptSet | None]:
    """Render the database's active versions inside the block (read once, here; or given as
    ``ids``, see ``active_prompt_set``).

    Nothing is read when a folder is pinned (``using_prompts``: it wins) or a set is already in
    force (a run inside a run keeps its caller's set); the block then sees None.
    """
    if _PINNED_DIR.get() is not None or _IN_FORCE.get() is not None:
        yield None
        return
    prompt_set = active_prompt_set(conn, ids)
    token = _IN_FORCE.set(prompt_set)
    try:
        yield prompt_set
    finally:
        _IN_FORCE.reset(token)
