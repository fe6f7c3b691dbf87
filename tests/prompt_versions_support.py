"""Fixtures for the prompt-version tests: a database of their own on the session's server (the
tests activate prompt versions, which every other test reading prompts would otherwise see),
prompt texts made up for a test, and the strings an LLM request carried."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from pydantic import SecretStr

from engine.prompts import Prompt, parse_prompt
from nodepilot.config import Settings


@contextmanager
def own_database(settings: Settings) -> Iterator[tuple[Settings, str]]:
    """A fresh, migrated database beside the session's one: (its settings, its URL)."""
    from nodepilot.db import connect, database_url, migrate

    url = database_url(settings)
    name = f"prompt_versions_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    own_url = make_conninfo(**{**conninfo_to_dict(url), "dbname": name})
    own = settings.model_copy(update={"database_url": SecretStr(own_url)})
    try:
        with connect(own, check_vector=True) as conn:
            migrate(conn)
            conn.commit()
        yield own, own_url
    finally:
        from nodepilot.db.connect import close_pools

        close_pools()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def file_prompt(name: str, body: str, version: int = 1) -> Prompt:
    """A prompt as if read from ``seeds/prompts/NAME.md`` (one variable, ``request``)."""
    text = (
        f"---\nname: {name}\nversion: {version}\ndescription: a test prompt\n"
        f"variables: [request]\n---\n{body}\n\n{{{{request}}}}\n"
    )
    return parse_prompt(text, source=f"{name}.md")


def strings_in(value: object) -> list[str]:
    """Every string inside a parsed JSON body (what an LLM request carried)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []
