"""Clerk user webhooks over HTTP, signed with svix's own signer; the service without any
billing keys (503 ``billing_not_configured`` on the billing endpoints, everything else up); and
the three secrets kept out of logs and out of ``nodepilot config``.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from uuid import UUID

import billing_support
import pytest
from billing_support import (
    CLERK_WEBHOOK_SECRET,
    STRIPE_WEBHOOK_SECRET,
    BillingService,
    billing_settings,
    clerk_user,
    event_outcome,
    ledger_rows,
    stripe_event,
    user_row,
)
from click.testing import CliRunner
from fastapi.testclient import TestClient
from stripe_server import API_KEY, StripeError

from nodepilot.cli import cli
from nodepilot.config import Settings, get_settings
from nodepilot.db import connect

# the shared fixtures, bound here so pytest finds them
billing_service = billing_support.billing_service


def _user(svc: BillingService, clerk_id: str) -> dict | None:
    with connect(svc.settings) as conn:
        cur = conn.execute(
            "SELECT id, email, name FROM users WHERE clerk_user_id = %s", (clerk_id,)
        )
        row = cur.fetchone()
        return None if row is None else {"id": row[0], "email": row[1], "name": row[2]}


def _owned_rows(svc: BillingService, user_id: UUID) -> int:
    with connect(svc.settings) as conn:
        return sum(
            conn.execute(f"SELECT count(*) FROM {table} WHERE user_id = %s", (user_id,)).fetchone()[
                0
            ]
            for table in (
                "credit_history",
                "credit_purchases",
                "subscriptions",
                "conversations",
                "api_keys",
            )
        )


def test_user_created_updated_and_replayed(billing_service: BillingService) -> None:
    svc = billing_service
    created = svc.send_clerk(
        "user.created", clerk_user("user_2abc", "grace@example.com"), msg_id="msg_created_1"
    )
    assert created.status_code == 200 and created.json()["result"] == "upserted"
    user = _user(svc, "user_2abc")
    assert (user["email"], user["name"]) == ("grace@example.com", "Ada Lovelace")
    with connect(svc.settings) as conn:
        assert [(r["kind"], r["amount"]) for r in ledger_rows(conn, user["id"])] == [("trial", 25)]

    replay = svc.send_clerk(
        "user.created", clerk_user("user_2abc", "grace@example.com"), msg_id="msg_created_1"
    )
    assert replay.json()["result"] == "duplicate"
    svc.send_clerk(
        "user.updated", clerk_user("user_2abc", "Grace.H@Example.com", "Grace", "Hopper")
    )
    user = _user(svc, "user_2abc")
    assert (user["email"], user["name"]) == ("grace.h@example.com", "Grace Hopper")
    with connect(svc.settings) as conn:
        assert len(ledger_rows(conn, user["id"])) == 1  # the trial was granted once


def test_webhook_fills_in_a_signed_in_user_and_never_takes_an_email(
    billing_service: BillingService,
) -> None:
    from service.auth import Identity
    from service.auth.users import ensure_user

    svc = billing_service
    with connect(svc.settings) as conn:  # a Clerk session JWT without an email claim
        user_id, placeholder, _ = ensure_user(conn, Identity("user_jwt_first", None), svc.settings)
        conn.commit()
    assert placeholder == "user_jwt_first@users.invalid"
    svc.send_clerk("user.created", clerk_user("user_jwt_first", "first@example.com"))
    assert _user(svc, "user_jwt_first") == {
        "id": user_id,
        "email": "first@example.com",
        "name": "Ada Lovelace",
    }
    with connect(svc.settings) as conn:
        assert len(ledger_rows(conn, user_id)) == 1  # one trial, not a second one

    svc.send_clerk("user.created", clerk_user("user_other", "other@example.com"))
    taken = svc.send_clerk("user.updated", clerk_user("user_other", "first@example.com"))
    assert taken.json()["result"] == "email held by another account"
    assert _user(svc, "user_other")["email"] == "other@example.com"
    assert _user(svc, "user_jwt_first")["email"] == "first@example.com"


def test_clerk_signatures_that_are_not_genuine(billing_service: BillingService) -> None:
    svc = billing_service
    data = clerk_user("user_forged", "mallory@example.com")
    other_secret = "whsec_" + "c29tZW9uZS1lbHNlcy1zZWNyZXQ="
    stale = datetime.now(UTC) - timedelta(minutes=10)
    for res in (
        svc.send_clerk("user.created", data, secret=other_secret),
        svc.send_clerk("user.created", data, at=stale),
        svc.client.post("/api/clerk/webhook", json={"type": "user.created", "data": data}),
    ):
        assert res.status_code == 400 and res.json()["error"]["code"] == "invalid_signature"
        assert CLERK_WEBHOOK_SECRET not in res.text
    assert _user(svc, "user_forged") is None


def test_user_deleted_removes_everything_and_stays_deleted(
    billing_service: BillingService,
) -> None:
    svc = billing_service
    svc.send_clerk("user.created", clerk_user("user_gone", "gone@example.com"))
    user_id = _user(svc, "user_gone")["id"]
    with connect(svc.settings) as conn:
        conn.execute("INSERT INTO conversations (user_id, title) VALUES (%s, 'x')", (user_id,))
        conn.execute(
            "INSERT INTO api_keys (user_id, name, prefix, key_hash) "
            "VALUES (%s, 'k', 'np_', 'hash-of-gone')",
            (user_id,),
        )
        conn.commit()
    assert _owned_rows(svc, user_id) == 3

    res = svc.send_clerk(
        "user.deleted", {"id": "user_gone", "object": "user", "deleted": True}, msg_id="msg_deleted"
    )
    assert res.json()["result"] == "deleted"
    assert _user(svc, "user_gone") is None and _owned_rows(svc, user_id) == 0
    # a late update (delivered after the deletion) must not bring the account back
    late = svc.send_clerk("user.updated", clerk_user("user_gone", "gone@example.com"))
    assert late.json()["result"] == "user was deleted" and _user(svc, "user_gone") is None
    assert (
        svc.send_clerk(
            "user.deleted", {"id": "user_gone", "deleted": True}, msg_id="msg_deleted"
        ).json()["result"]
        == "duplicate"
    )
    ignored = svc.send_clerk("session.created", {"id": "sess_1"})
    assert ignored.json()["result"] == "ignored"
    with connect(svc.settings) as conn:
        assert event_outcome(conn, "clerk", "msg_deleted") == "deleted"


def test_without_keys_billing_answers_503_and_the_rest_works(migrated_db: Settings) -> None:
    from service.app import create_app
    from service.auth import devtokens

    settings = billing_settings(migrated_db, None)
    with TestClient(create_app(settings)) as client:
        headers = {"Authorization": f"Bearer {devtokens.create_token(settings, 'n@x.io')}"}
        for path in (
            "/api/billing/checkout",
            "/api/billing/portal",
            "/api/stripe/webhook",
            "/api/clerk/webhook",
        ):
            body = {"pack": "payg_100"} if path.endswith("checkout") else None
            res = client.post(path, json=body, headers=headers)
            assert res.status_code == 503, path
            error = res.json()["error"]
            assert (error["code"], error["message"]) == (
                "billing_not_configured",
                "billing is not configured",
            ), path
        plans = client.get("/api/billing/plans")
        assert plans.status_code == 200 and plans.json()["billing"] is False
        assert [p["key"] for p in plans.json()["plans"]] == ["starter", "pro"]
        assert plans.json()["trial"] == {"name": "Free Trial", "credits": 25, "days": 7}
        assert client.get("/api/config/public").json()["billing"] is False
        unsigned = client.post(
            "/api/stripe/webhook", json=stripe_event("invoice.paid", {"id": "in_1"})
        )
        assert unsigned.status_code == 503


def test_secrets_are_masked_and_never_logged(
    billing_service: BillingService,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    svc = billing_service
    with caplog.at_level(logging.DEBUG):
        svc.send_clerk("user.created", clerk_user("user_logs", "logs@example.com"))
        svc.send_clerk(
            "user.created",
            clerk_user("user_logs", "logs@example.com"),
            secret="whsec_" + "b3RoZXI=",
        )
        svc.send_stripe(stripe_event("invoice.paid", {"id": "in_x", "customer": "cus_x"}))
        svc.send_stripe(stripe_event("invoice.paid", {"id": "in_y"}), secret="whsec_wrong")
        svc.client.post(
            "/api/billing/checkout", json={"pack": "payg_100"}, headers=svc.auth("logs@example.com")
        )
    for secret in (CLERK_WEBHOOK_SECRET, STRIPE_WEBHOOK_SECRET, API_KEY):
        assert secret not in caplog.text

    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_live_do_not_print_me")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_do_not_print_me")
    monkeypatch.setenv("CLERK_WEBHOOK_SECRET", "whsec_clerk_do_not_print_me")
    get_settings.cache_clear()
    try:
        out = CliRunner().invoke(cli, ["config", "--format", "json"]).output
    finally:
        get_settings.cache_clear()
    shown = json.loads(out)
    assert shown["stripe_secret_key"] == "sk_l…****"
    assert "do_not_print_me" not in out


def test_deleting_a_subscriber_cancels_their_stripe_billing_first(
    billing_service: BillingService,
) -> None:
    from service.billing import stripe_client as sc
    from service.billing.store import remember_customer

    svc = billing_service
    svc.send_clerk("user.created", clerk_user("user_payer", "payer@example.com"))
    user_id = _user(svc, "user_payer")["id"]
    client = sc.stripe_client(svc.settings)
    customer = sc.create_customer(
        client, sc.BillingUser(str(user_id), "payer@example.com", None, None)
    )
    with connect(svc.settings) as conn:
        remember_customer(conn, user_id, customer)
        conn.commit()
    url = sc.create_checkout_session(
        client,
        customer_id=customer,
        user_id=str(user_id),
        price_id="price_pro_m",
        mode="subscription",
        item_key="pro",
        base_url="http://x",
    )
    sub_id = svc.stripe.complete_checkout(url.rsplit("/", 1)[1])["subscription"]["id"]

    for _ in range(3):  # Stripe down for the first try and the SDK's two retries
        svc.stripe.fail_next.append(StripeError(503, "down", kind="api_error"))
    deleted = {"id": "user_payer", "object": "user", "deleted": True}
    down = svc.send_clerk("user.deleted", deleted, msg_id="msg_del_payer")
    assert down.status_code == 503  # Svix redelivers; nothing was deleted meanwhile
    assert _user(svc, "user_payer") is not None and customer in svc.stripe.customers

    again = svc.send_clerk("user.deleted", deleted, msg_id="msg_del_payer")
    assert again.json()["result"] == "deleted"
    assert _user(svc, "user_payer") is None
    assert customer not in svc.stripe.customers
    assert svc.stripe.subscriptions[sub_id]["status"] == "canceled"
    assert svc.stripe.requests[-1].method == "DELETE"


def test_deleting_my_account_cancels_stripe_billing_first(billing_service: BillingService) -> None:
    """DELETE /api/users/me takes the same path as Clerk's user.deleted: Stripe is told first,
    and while Stripe is down the account stays (503, retry) rather than leaving a billed ghost."""
    from service.billing import stripe_client as sc
    from service.billing.store import remember_customer

    svc = billing_service
    user_id = svc.sign_in("leaver@example.com")
    client = sc.stripe_client(svc.settings)
    customer = sc.create_customer(
        client, sc.BillingUser(str(user_id), "leaver@example.com", None, None)
    )
    with connect(svc.settings) as conn:
        remember_customer(conn, user_id, customer)
        conn.commit()

    for _ in range(3):  # the first try and the SDK's two retries
        svc.stripe.fail_next.append(StripeError(503, "down", kind="api_error"))
    down = svc.client.delete("/api/users/me", headers=svc.auth("leaver@example.com"))
    assert down.status_code == 503
    assert down.json()["error"]["code"] == "payment_provider_unavailable"
    with connect(svc.settings) as conn:
        assert user_row(conn, user_id) is not None
    assert customer in svc.stripe.customers

    gone = svc.client.delete("/api/users/me", headers=svc.auth("leaver@example.com"))
    assert gone.status_code == 204
    with connect(svc.settings) as conn:
        assert user_row(conn, user_id) is None
    assert customer not in svc.stripe.customers
