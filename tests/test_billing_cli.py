"""``nodepilot billing``: balance, history, grant and revoke against the session database."""

from __future__ import annotations

import json

import pytest
from billing_support import ledger_rows, ledger_sum, make_user
from click.testing import CliRunner

from nodepilot.cli import cli
from nodepilot.config import Settings
from nodepilot.db import connect
from nodepilot.errors import UserError


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, ["billing", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_grant_revoke_balance_history(migrated_db: Settings) -> None:
    user_id = make_user(migrated_db, "Operator.Test@example.com")
    assert _run("balance", "OPERATOR.test@example.com") == (
        "operator.test@example.com: 25 credits\n"
    )
    assert "+10, balance 35" in _run("grant", str(user_id), "10", "--reason", "support  goodwill")
    out = _run("revoke", "operator.test@example.com", "50", "--reason", "chargeback")
    assert "-35 (15 fewer than asked: the balance was lower), balance 0" in out

    with connect(migrated_db) as conn:
        rows = ledger_rows(conn, user_id)
        assert [(r["kind"], r["amount"], r["remaining_balance"]) for r in rows] == [
            ("trial", 25, 25),
            ("adjustment", 10, 35),
            ("adjustment", -35, 0),
        ]
        assert rows[1]["description"].endswith(": support goodwill")
        assert rows[2]["description"].endswith(": chargeback")
        assert ledger_sum(conn, user_id) == 0

    items = json.loads(_run("history", "operator.test@example.com", "--format", "json"))
    assert [i["amount"] for i in items] == [-35, 10, 25] and items[0]["balance_after"] == 0
    assert "chargeback" in _run("history", str(user_id), "--limit", "1")


def test_unknown_user_and_missing_reason_are_clear_errors(migrated_db: Settings) -> None:
    with pytest.raises(UserError, match="no user 'nobody@example.com'"):
        CliRunner().invoke(
            cli, ["billing", "balance", "nobody@example.com"], catch_exceptions=False
        )
    make_user(migrated_db, "reasonless@example.com")
    with pytest.raises(UserError, match="--reason must say why"):
        CliRunner().invoke(
            cli,
            ["billing", "grant", "reasonless@example.com", "5", "--reason", "   "],
            catch_exceptions=False,
        )
    res = CliRunner().invoke(
        cli, ["billing", "grant", "reasonless@example.com", "0", "--reason", "x"]
    )
    assert res.exit_code == 2 and "0 is not in the range x>=1" in res.output
