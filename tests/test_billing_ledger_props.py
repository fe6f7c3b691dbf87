"""Property: any sequence of 200 billing events - pack checkouts, paid invoices, refunds, replays
and chat spending, some of it delivered concurrently - leaves the visible balance equal to the
ledger's sum and to an exact model, never negative, with each event applied at most once.

Concurrent batches hold only operations whose combined effect does not depend on their order
(grants, double deliveries of one event, spending the balance the batch starts with), so the
model stays exact; refunds, whose effect depends on the balance at that moment, run in between.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from uuid import UUID

import billing_support
from billing_support import BillingService, ledger_rows, ledger_sum, stripe_event
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from nodepilot.db import connect
from service import ledger

billing_service = billing_support.billing_service

PACK_CREDITS, PACK_CENTS, PRO_CREDITS = 100, 800, 500

grant_op = st.sampled_from([("pack",), ("invoice",)])
spend_op = st.tuples(st.just("spend"), st.integers(1, 4))
refund_op = st.tuples(st.just("refund"), st.floats(0, 1), st.sampled_from([200, 400, None]))
replay_op = st.tuples(st.just("replay"), st.floats(0, 1))
batch_op = st.tuples(
    st.just("batch"),
    st.lists(st.one_of(grant_op, spend_op, st.just(("double",))), min_size=2, max_size=6),
)
ops = st.lists(
    st.one_of(grant_op, spend_op, refund_op, replay_op, batch_op), min_size=200, max_size=200
)


@dataclass
class Run:
    """One example: the user, the events sent, and the model of what the ledger must say."""

    svc: BillingService
    email: str
    user_id: UUID
    subscription: str
    balance: int = 0
    sent: list[dict] = field(default_factory=list)
    charges: dict[str, int] = field(default_factory=dict)  # charge id -> credits refunded

    def post(self, event: dict, expect_new: bool = True) -> str:
        res = self.svc.send_stripe(event)
        assert res.status_code == 200, res.text
        result = res.json()["result"]
        assert (result != "duplicate") == expect_new, result
        return result

    def pack_event(self) -> dict:
        res = self.svc.client.post(
            "/api/billing/checkout", json={"pack": "payg_100"}, headers=self.svc.auth(self.email)
        )
        assert res.status_code == 200, res.text
        done = self.svc.stripe.complete_checkout(res.json()["url"].rsplit("/", 1)[1])
        self.charges[done["charge"]["id"]] = 0
        return stripe_event("checkout.session.completed", done["session"])

    def invoice_event(self) -> dict:
        return stripe_event("invoice.paid", self.svc.stripe.renew(self.subscription)["invoice"])

    def spend(self, credits: int) -> bool:
        with connect(self.svc.settings) as conn:
            held = ledger.reserve(conn, self.user_id, credits)
            if held is not None:
                ledger.commit(conn, self.user_id, held, "chat")
            conn.commit()
        return held is not None

    def refund(self, pick: float, cents: int | None) -> None:
        charge_id = sorted(self.charges)[int(pick * (len(self.charges) - 1))]
        charge = self.svc.stripe.refund(charge_id, cents)
        target = (
            PACK_CREDITS
            if charge["amount_refunded"] >= charge["amount"]
            else PACK_CREDITS * charge["amount_refunded"] // charge["amount"]
        )
        owed = target - self.charges[charge_id]
        self.charges[charge_id] = target
        self.post(stripe_event("charge.refunded", charge))
        self.balance -= min(owed, self.balance)


def _start(svc: BillingService, n: int) -> Run:
    email = f"prop{n}@example.com"
    user_id = svc.sign_in(email)
    res = svc.client.post("/api/billing/checkout", json={"plan": "pro"}, headers=svc.auth(email))
    done = svc.stripe.complete_checkout(res.json()["url"].rsplit("/", 1)[1])
    run = Run(svc, email, user_id, done["subscription"]["id"], balance=25)
    for event in (
        stripe_event("checkout.session.completed", done["session"]),
        stripe_event("invoice.paid", done["invoice"]),
    ):
        run.post(event)
        run.sent.append(event)
    run.balance += PRO_CREDITS
    return run


def _batch(run: Run, items: list[tuple]) -> None:
    """Run ``items`` at once; spending is capped at the balance the batch starts with."""
    budget, jobs, new_events = run.balance, [], []
    for item in items:
        if item[0] == "spend":
            if item[1] <= budget:
                budget -= item[1]
                run.balance -= item[1]
                jobs.append(lambda n=item[1]: "spent" if run.spend(n) else "spend refused")
            continue
        event = run.pack_event() if item[0] in ("pack", "double") else run.invoice_event()
        new_events.append(event)
        jobs.append(lambda e=event: run.svc.send_stripe(e).json()["result"])
        if item[0] == "double":  # the same delivery twice, at the same time
            jobs.append(lambda e=event: run.svc.send_stripe(e).json()["result"])
        run.balance += PRO_CREDITS if event["type"] == "invoice.paid" else PACK_CREDITS
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda job: job(), jobs))
    assert "spend refused" not in results
    assert len([r for r in results if r.startswith("granted")]) == len(new_events)
    run.sent.extend(new_events)


def _apply(run: Run, op: tuple) -> None:
    kind = op[0]
    if kind == "pack" or kind == "invoice":
        event = run.pack_event() if kind == "pack" else run.invoice_event()
        assert run.post(event).startswith("granted")
        run.sent.append(event)
        run.balance += PACK_CREDITS if kind == "pack" else PRO_CREDITS
    elif kind == "spend":
        assert run.spend(op[1]) == (op[1] <= run.balance)
        run.balance -= op[1] if op[1] <= run.balance else 0
    elif kind == "refund" and run.charges:
        run.refund(op[1], op[2])
    elif kind == "replay":
        run.post(run.sent[int(op[1] * (len(run.sent) - 1))], expect_new=False)
    elif kind == "batch":
        _batch(run, op[1])


def _check(run: Run) -> None:
    with connect(run.svc.settings) as conn:
        visible = ledger.balance(conn, run.user_id)
        conn.commit()
        rows = ledger_rows(conn, run.user_id)
        assert visible == ledger_sum(conn, run.user_id) == run.balance >= 0
        assert all(r["remaining_balance"] >= 0 for r in rows)
        causes = [r["cause"] for r in rows if r["cause"]]
        assert len(causes) == len(set(causes))  # no event applied twice
        grants = [r for r in rows if r["kind"] in ("purchase", "subscription")]
        granting = [e["id"] for e in run.sent if e["data"]["object"].get("mode") != "subscription"]
        assert sorted(r["cause"] for r in grants) == sorted(granting)


@given(sequence=ops)
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a DB run takes ages
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
def test_random_event_sequences_keep_the_ledger_exact(
    billing_service: BillingService, sequence: list[tuple]
) -> None:
    run = _start(billing_service, len(billing_service.stripe.customers))
    for step, op in enumerate(sequence):
        _apply(run, op)
        if step % 25 == 0 or op[0] == "batch":
            with connect(run.svc.settings) as conn:
                assert ledger.balance(conn, run.user_id) == run.balance, (step, op)
                conn.commit()
    _check(run)
