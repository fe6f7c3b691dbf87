"""``nodepilot billing``: operators read a user's balance and history and grant or revoke
credits. Every change is a ledger row whose description carries the operator's reason.
"""

from __future__ import annotations

import getpass
import json
from uuid import UUID

import click
import psycopg

from nodepilot.db import open_database
from nodepilot.errors import UserError
from service import ledger


def _find_user(conn: psycopg.Connection, who: str) -> tuple[UUID, str]:
    """(id, email) of the user named by email address or id."""
    try:
        row = conn.execute("SELECT id, email FROM users WHERE id = %s", (UUID(who),)).fetchone()
    except ValueError:
        row = conn.execute(
            "SELECT id, email FROM users WHERE lower(email) = lower(%s)", (who,)
        ).fetchone()
    if row is None:
        raise UserError(f"no user {who!r}", hint="give the user's email address or id")
    return row[0], row[1]


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise UserError("--reason must say why (it is recorded in the ledger)")
    return reason[:300]


def _operator() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "operator"


@click.group()
def billing() -> None:
    """Credit balances and history; operator grants and revokes (recorded with a reason)."""


@billing.command()
@click.argument("user")
def balance(user: str) -> None:
    """Print USER's balance (USER: email or id)."""
    with open_database() as conn:
        user_id, email = _find_user(conn, user)
        click.echo(f"{email}: {ledger.balance(conn, user_id)} credits")
        conn.commit()


@billing.command()
@click.argument("user")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def history(user: str, limit: int, fmt: str) -> None:
    """USER's latest ledger rows, newest first (amount, kind, balance after, cause)."""
    with open_database() as conn:
        user_id, _ = _find_user(conn, user)
        ledger.balance(conn, user_id)  # lets a lapsed trial write its expiry row first
        conn.commit()
        rows = conn.execute(
            """SELECT created_at, amount, transaction_type, remaining_balance, cause, description
               FROM credit_history WHERE user_id = %s
               ORDER BY created_at DESC, id DESC LIMIT %s""",
            (user_id, limit),
        ).fetchall()
    if fmt == "json":
        keys = ("created_at", "amount", "kind", "balance_after", "cause", "description")
        items = [dict(zip(keys, (r[0].isoformat(), *r[1:]), strict=True)) for r in rows]
        click.echo(json.dumps(items, indent=2))
        return
    for at, amount, kind, after, cause, description in rows:
        click.echo(
            f"{at:%Y-%m-%d %H:%M:%S}  {amount:+6d}  {kind:<12} {after:6d}  "
            f"{cause or '-':<28} {description or ''}"
        )


@billing.command()
@click.argument("user")
@click.argument("amount", type=click.IntRange(min=1))
@click.option("--reason", required=True, help="why (recorded in the ledger)")
def grant(user: str, amount: int, reason: str) -> None:
    """Give USER AMOUNT credits."""
    why = _reason(reason)
    with open_database() as conn:
        user_id, email = _find_user(conn, user)
        after = ledger.grant(
            conn, user_id, amount, "adjustment", f"Granted by {_operator()}: {why}"
        )
        conn.commit()
    click.echo(f"{email}: +{amount}, balance {after}")


@billing.command()
@click.argument("user")
@click.argument("amount", type=click.IntRange(min=1))
@click.option("--reason", required=True, help="why (recorded in the ledger)")
def revoke(user: str, amount: int, reason: str) -> None:
    """Take up to AMOUNT credits from USER (never below zero; says how many it could take)."""
    why = _reason(reason)
    with open_database() as conn:
        user_id, email = _find_user(conn, user)
        taken, short = ledger.debit_up_to(
            conn, user_id, amount, "adjustment", f"Revoked by {_operator()}: {why}"
        )
        after = ledger.balance(conn, user_id)
        conn.commit()
    note = f" ({short} fewer than asked: the balance was lower)" if short else ""
    click.echo(f"{email}: -{taken}{note}, balance {after}")
