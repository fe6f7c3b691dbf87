"""Reading the fields billing needs out of Stripe's JSON objects, across API versions.

Stripe moved fields between API versions (a subscription's period went from the subscription to
its items in 2025-03; an invoice's subscription moved under ``parent.subscription_details``; an
invoice line's price under ``pricing.price_details``). Webhooks arrive in the endpoint's pinned
version, so each reader accepts both shapes and returns None rather than raising on a gap.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def ref(value: Any) -> str | None:
    """An object reference: Stripe sends either the id or the expanded object."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


def when(seconds: Any) -> datetime | None:
    """A Stripe Unix timestamp as an aware datetime."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def _first_item(subscription: dict) -> dict:
    items = (subscription.get("items") or {}).get("data") or []
    return items[0] if items and isinstance(items[0], dict) else {}


def subscription_price(subscription: dict) -> str | None:
    """The price id of the subscription's (first) item."""
    item = _first_item(subscription)
    return ref(item.get("price")) or ref((subscription.get("plan") or {}).get("id"))


def subscription_period(subscription: dict) -> tuple[datetime | None, datetime | None]:
    """(current period start, end): on the item in new API versions, on the subscription before."""
    item = _first_item(subscription)
    start = item.get("current_period_start", subscription.get("current_period_start"))
    end = item.get("current_period_end", subscription.get("current_period_end"))
    return when(start), when(end)


def invoice_subscription(invoice: dict) -> str | None:
    """The subscription an invoice bills, if any."""
    details = ((invoice.get("parent") or {}).get("subscription_details")) or {}
    return ref(details.get("subscription")) or ref(invoice.get("subscription"))


def _line_is_proration(line: dict) -> bool:
    if line.get("proration"):
        return True
    parent = line.get("parent") or {}
    for key in ("subscription_item_details", "invoice_item_details"):
        if (parent.get(key) or {}).get("proration"):
            return True
    return False


def _line_price(line: dict) -> str | None:
    details = (line.get("pricing") or {}).get("price_details") or {}
    return ref(details.get("price")) or ref(line.get("price"))


def invoice_plan_line(invoice: dict) -> tuple[str | None, datetime | None, datetime | None]:
    """(price id, period start, period end) of the invoice's first non-proration line."""
    for line in (invoice.get("lines") or {}).get("data") or []:
        if not isinstance(line, dict) or _line_is_proration(line):
            continue
        period = line.get("period") or {}
        return _line_price(line), when(period.get("start")), when(period.get("end"))
    return None, when(invoice.get("period_start")), when(invoice.get("period_end"))
