"""Fixtures and helpers for the billing tests: the service with Stripe and Clerk configured
against the local Stripe server, webhook signers written from the providers' documentation,
Stripe event envelopes, and ledger/user row readers.

The Stripe signer is our own implementation of Stripe's documented scheme
(``Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">``), so the service's
verification through the SDK is checked against the documentation, not against itself. Clerk's
deliveries are signed with ``svix``'s own signer.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import psycopg
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from stripe_server import API_KEY, StripeTestServer, running_stripe_server
from svix.webhooks import Webhook as SvixWebhook

from nodepilot.config import Settings

STRIPE_WEBHOOK_SECRET = "whsec_local_stripe_signing_secret"
CLERK_WEBHOOK_SECRET = "whsec_" + "bm9kZXBpbG90LWNsZXJrLXRlc3Qtc2VjcmV0"  # base64, as Clerk's
PRICES = {
    "starter": ("price_starter_m", 1400),
    "pro": ("price_pro_m", 2100),
    "payg_100": ("price_payg_100", 800),
}
_event_ids = itertools.count(1)


def stripe_signature(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header Stripe sends for ``payload``."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def svix_headers(
    payload: bytes,
    secret: str = CLERK_WEBHOOK_SECRET,
    msg_id: str | None = None,
    at: datetime | None = None,
) -> dict[str, str]:
    """The three headers Clerk (through Svix) sends, signed with svix's signer."""
    msg_id = msg_id or f"msg_{secrets.token_hex(8)}"
    at = at or datetime.now(UTC)
    return {
        "svix-id": msg_id,
        "svix-timestamp": str(int(at.timestamp())),
        "svix-signature": SvixWebhook(secret).sign(msg_id, at, payload.decode()),
        "content-type": "application/json",
    }


def stripe_event(
    kind: str, obj: dict, *, created: int | None = None, event_id: str | None = None
) -> dict[str, Any]:
    """A Stripe event envelope (API version as the SDK pins it) around ``obj``."""
    return {
        "id": event_id or f"evt_test_{next(_event_ids):06d}{secrets.token_hex(3)}",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": int(time.time()) if created is None else created,
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": kind,
    }


def clerk_user(clerk_id: str, email: str, first: str = "Ada", last: str = "Lovelace") -> dict:
    """The ``data`` of a Clerk user.created/updated event."""
    return {
        "id": clerk_id,
        "object": "user",
        "first_name": first,
        "last_name": last,
        "primary_email_address_id": "idn_1",
        "username": None,
        "email_addresses": [
            {"id": "idn_0", "object": "email_address", "email_address": f"old.{email}"},
            {"id": "idn_1", "object": "email_address", "email_address": email},
        ],
        "created_at": int(time.time() * 1000),
        "updated_at": int(time.time() * 1000),
    }


@dataclass
class BillingService:
    """The running app, the local Stripe server and the settings both were started with."""

    client: TestClient
    stripe: StripeTestServer
    settings: Settings

    def token(self, email: str) -> str:
        from service.auth import devtokens

        return devtokens.create_token(self.settings, email)

    def auth(self, email: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(email)}"}

    def sign_in(self, email: str) -> UUID:
        """Create the user as a first signed-in request does (trial granted); their id."""
        return make_user(self.settings, email)

    def send_stripe(
        self,
        event: dict,
        *,
        secret: str = STRIPE_WEBHOOK_SECRET,
        timestamp: int | None = None,
        signature: str | None = None,
    ) -> Any:
        payload = json.dumps(event).encode()
        header = signature or stripe_signature(payload, secret, timestamp)
        return self.client.post(
            "/api/stripe/webhook",
            content=payload,
            headers={"Stripe-Signature": header, "content-type": "application/json"},
        )

    def send_clerk(
        self,
        kind: str,
        data: dict,
        *,
        secret: str = CLERK_WEBHOOK_SECRET,
        msg_id: str | None = None,
        at: datetime | None = None,
    ) -> Any:
        payload = json.dumps({"type": kind, "object": "event", "data": data}).encode()
        return self.client.post(
            "/api/clerk/webhook", content=payload, headers=svix_headers(payload, secret, msg_id, at)
        )


def make_user(settings: Settings, email: str) -> UUID:
    """A user created the way a first dev-token sign-in creates one (trial granted)."""
    from nodepilot.db import connect
    from service.auth import Identity
    from service.auth.users import ensure_user

    with connect(settings) as conn:
        email = email.lower()  # as a dev token carries it
        user_id, _, _ = ensure_user(conn, Identity(f"dev:{email}", email), settings)
        conn.commit()
    return user_id


def billing_settings(base: Settings, stripe_url: str | None, **overrides: Any) -> Settings:
    """``base`` with Stripe and Clerk configured (or, with ``stripe_url=None``, without)."""
    if stripe_url is None:
        values: dict[str, Any] = {
            "stripe_secret_key": None,
            "stripe_webhook_secret": None,
            "clerk_webhook_secret": None,
            "stripe_api_base": None,
        }
    else:
        values = {
            "stripe_secret_key": SecretStr(API_KEY),
            "stripe_webhook_secret": SecretStr(STRIPE_WEBHOOK_SECRET),
            "clerk_webhook_secret": SecretStr(CLERK_WEBHOOK_SECRET),
            "stripe_api_base": stripe_url,
            "public_url": "http://nodepilot.test",
            "rate_limit_per_minute": 100_000,
        }  # the property test sends thousands
    values.update(overrides)
    return base.model_copy(update=values)


def use_test_prices(monkeypatch: pytest.MonkeyPatch, server: StripeTestServer | None) -> None:
    """Point every plan and pack at a price the local Stripe server knows."""
    from service.billing.plans import PRICE_ENV_PREFIX, load_catalog

    for key, (price_id, cents) in PRICES.items():
        monkeypatch.setenv(PRICE_ENV_PREFIX + key.upper(), price_id)
        if server is not None:
            server.add_price(price_id, cents, interval=None if key.startswith("payg") else "month")
    load_catalog.cache_clear()


@pytest.fixture()
def billing_service(
    migrated_db: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[BillingService]:
    """The service with billing configured against a fresh local Stripe server."""
    from service.app import create_app
    from service.billing.plans import load_catalog

    with running_stripe_server() as server:
        use_test_prices(monkeypatch, server)
        settings = billing_settings(migrated_db, server.url)
        with TestClient(create_app(settings)) as client:
            yield BillingService(client, server, settings)
    load_catalog.cache_clear()


# -- reading rows --------------------------------------------------------------------------------
def ledger_rows(conn: psycopg.Connection, user_id: UUID) -> list[dict[str, Any]]:
    """The user's credit_history rows, oldest first."""
    cur = conn.execute(
        """SELECT amount, transaction_type AS kind, cause, remaining_balance, description
           FROM credit_history WHERE user_id = %s ORDER BY created_at, remaining_balance""",
        (user_id,),
    )
    names = [d.name for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    conn.rollback()
    return rows


def ledger_sum(conn: psycopg.Connection, user_id: UUID) -> int:
    row = conn.execute(
        "SELECT coalesce(sum(amount), 0) FROM credit_history WHERE user_id = %s", (user_id,)
    ).fetchone()
    conn.rollback()
    return int(row[0])


def user_row(conn: psycopg.Connection, user_id: UUID) -> dict[str, Any] | None:
    cur = conn.execute(
        "SELECT email, name, subscription_tier, stripe_customer_id FROM users WHERE id = %s",
        (user_id,),
    )
    row = cur.fetchone()
    conn.rollback()
    return None if row is None else dict(zip([d.name for d in cur.description], row, strict=True))


def subscription_row(conn: psycopg.Connection, sub_id: str) -> dict[str, Any] | None:
    cur = conn.execute(
        """SELECT tier, status, cancel_at_period_end, current_period_end, last_event_id
           FROM subscriptions WHERE external_subscription_id = %s""",
        (sub_id,),
    )
    row = cur.fetchone()
    conn.rollback()
    return None if row is None else dict(zip([d.name for d in cur.description], row, strict=True))


def event_outcome(conn: psycopg.Connection, provider: str, event_id: str) -> str | None:
    row = conn.execute(
        "SELECT outcome FROM billing_events WHERE provider = %s AND event_id = %s",
        (provider, event_id),
    ).fetchone()
    conn.rollback()
    return row[0] if row else None


__all__ = ["running_stripe_server"]
