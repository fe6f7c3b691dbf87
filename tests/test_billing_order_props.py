"""Property: however Stripe orders (and repeats) the deliveries of a subscription's events, the
stored subscription and the user's plan end as the newest event says - an older update never
rolls the state back, and once the subscription is deleted nothing revives it.
"""

from __future__ import annotations

import itertools

import billing_support
import pytest
from billing_support import PRICES, make_user, stripe_event, subscription_row, user_row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nodepilot.config import Settings
from nodepilot.db import connect
from service.billing.events import process_stripe_event
from service.billing.plans import load_catalog
from service.billing.verify import VerifiedEvent

_users = itertools.count(1)

state = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["active", "past_due", "trialing", "unpaid"]),
        "plan": st.sampled_from(["starter", "pro"]),
        "cancel_at_period_end": st.booleans(),
    }
)
history = st.tuples(st.lists(state, min_size=1, max_size=8), st.booleans()).flatmap(
    lambda h: st.tuples(
        st.just(h[0]),
        st.just(h[1]),
        st.permutations(range(len(h[0]) + int(h[1]))),
        st.lists(st.integers(0, len(h[0]) + int(h[1]) - 1), max_size=4),
    )
)


@pytest.fixture()
def prices(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - the catalog
    billing_support.use_test_prices(monkeypatch, None)
    yield load_catalog()
    load_catalog.cache_clear()


def _event(sub_id: str, customer: str, created: int, values: dict | None) -> dict:
    kind = "customer.subscription.deleted" if values is None else "customer.subscription.updated"
    values = values or {"status": "canceled", "plan": "pro", "cancel_at_period_end": False}
    obj = {
        "id": sub_id,
        "object": "subscription",
        "customer": customer,
        "status": values["status"],
        "cancel_at_period_end": values["cancel_at_period_end"],
        "items": {
            "data": [
                {
                    "price": {"id": PRICES[values["plan"]][0]},
                    "current_period_start": created,
                    "current_period_end": created + 3600,
                }
            ]
        },
    }
    return stripe_event(kind, obj, created=created)


@given(case=history)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_delivery_order_ends_in_the_newest_state(migrated_db: Settings, prices, case) -> None:  # noqa: ANN001
    updates, deleted, order, repeats = case
    n = next(_users)
    user_id = make_user(migrated_db, f"order-prop-{n}@example.com")
    customer, sub_id = f"cus_order_{n}", f"sub_order_{n}"
    with connect(migrated_db) as conn:
        conn.execute("UPDATE users SET stripe_customer_id = %s WHERE id = %s", (customer, user_id))
        conn.commit()
        events = [_event(sub_id, customer, 1_000_000 + 10 * i, v) for i, v in enumerate(updates)]
        if deleted:
            events.append(_event(sub_id, customer, 1_000_000 + 10 * len(updates), None))
        for index in [*order, *repeats]:
            e = events[index]
            process_stripe_event(conn, VerifiedEvent(e["id"], e["type"], e["created"], e), prices)
        row = subscription_row(conn, sub_id)
        tier = user_row(conn, user_id)["subscription_tier"]
    if deleted:
        assert row["status"] == "canceled" and tier == "free"
        return
    newest = updates[-1]
    assert (row["status"], row["tier"], row["cancel_at_period_end"]) == (
        newest["status"],
        newest["plan"],
        newest["cancel_at_period_end"],
    )
    assert row["last_event_id"] == events[-1]["id"]
    assert tier == (newest["plan"] if newest["status"] != "unpaid" else "free")
