"""Billing on a real ``nodepilot serve --workers 2``: checkouts through the process's Stripe SDK
to the local Stripe server, then every Stripe event delivered three times at once, so the copies
can land on different workers - each is applied exactly once, and the ledger stays exact while the
user spends credits concurrently.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx
from billing_support import (
    CLERK_WEBHOOK_SECRET,
    PRICES,
    STRIPE_WEBHOOK_SECRET,
    ledger_rows,
    ledger_sum,
    make_user,
    stripe_event,
    stripe_signature,
)
from service_process_support import wait_for_every_worker
from service_support import running_service
from stripe_server import API_KEY, running_stripe_server

from nodepilot.config import Settings
from nodepilot.db import connect
from service import ledger
from service.auth import devtokens


def _deliver(url: str, event: dict) -> str:
    payload = json.dumps(event).encode()
    res = httpx.post(
        f"{url}/api/stripe/webhook",
        content=payload,
        timeout=30,
        headers={
            "Stripe-Signature": stripe_signature(payload, STRIPE_WEBHOOK_SECRET),
            "content-type": "application/json",
        },
    )
    assert res.status_code == 200, res.text
    return res.json()["result"]


def _spend_one(settings: Settings, user_id) -> bool:  # noqa: ANN001 - a UUID
    with connect(settings) as conn:
        held = ledger.reserve(conn, user_id)
        if held is not None:
            ledger.commit(conn, user_id, held, "chat")
        conn.commit()
    return held is not None


def test_duplicate_deliveries_across_workers_apply_once(migrated_db: Settings) -> None:
    email = "workers.billing@example.com"
    user_id = make_user(migrated_db, email)
    headers = {"Authorization": f"Bearer {devtokens.create_token(migrated_db, email)}"}
    with running_stripe_server() as stripe:
        env = {
            "STRIPE_SECRET_KEY": API_KEY,
            "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
            "CLERK_WEBHOOK_SECRET": CLERK_WEBHOOK_SECRET,
            "NODEPILOT_STRIPE_API_BASE": stripe.url,
            "NODEPILOT_RATE_LIMIT_PER_MINUTE": "100000",
        }
        for key, (price_id, cents) in PRICES.items():
            env[f"NODEPILOT_STRIPE_PRICE_{key.upper()}"] = price_id
            stripe.add_price(price_id, cents, interval=None if key.startswith("payg") else "month")
        with running_service(migrated_db, workers=2, **env) as service:
            wait_for_every_worker(service, 2)  # else the first worker up takes every request
            events = []
            for _ in range(8):
                res = httpx.post(
                    f"{service.url}/api/billing/checkout",
                    headers=headers,
                    json={"pack": "payg_100"},
                    timeout=30,
                )
                assert res.status_code == 200, res.text
                done = stripe.complete_checkout(res.json()["url"].rsplit("/", 1)[1])
                events.append(stripe_event("checkout.session.completed", done["session"]))
            jobs = [lambda e=e: _deliver(service.url, e) for e in events for _ in range(3)]
            jobs += [lambda: "spent" if _spend_one(migrated_db, user_id) else "refused"] * 20
            with ThreadPoolExecutor(max_workers=12) as pool:
                results = list(pool.map(lambda job: job(), jobs))
    assert results.count("granted 100") == 8 and results.count("duplicate") == 16
    assert results.count("spent") == 20  # 25 trial credits cover them whatever the order
    assert len(stripe.customers) == 1
    with connect(migrated_db) as conn:
        assert ledger_sum(conn, user_id) == 25 + 8 * 100 - 20
        purchases = [r for r in ledger_rows(conn, user_id) if r["kind"] == "purchase"]
        assert sorted(r["cause"] for r in purchases) == sorted(e["id"] for e in events)
