"""The Stripe calls NodePilot makes, through the official ``stripe`` SDK.

Customers (one per user, remembered), Checkout sessions (a plan or a pack) and billing-portal
sessions. ``settings.stripe_api_base`` points the SDK at another server (a local one in tests);
the secret key comes only from settings and never reaches a log or an error message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import stripe

from nodepilot.config import Settings

log = logging.getLogger(__name__)

#: Seconds before a Stripe call gives up (the SDK's default is 80).
TIMEOUT_S = 20


class BillingNotConfigured(Exception):
    """Stripe (or Clerk) keys are not set: billing endpoints answer 503."""


class StripeUnavailable(Exception):
    """Stripe refused or could not be reached; ``message`` is safe to show."""

    def __init__(self, message: str, status: int = 502) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class BillingUser:
    """Who is buying: the fields Stripe's customer record gets."""

    id: str
    email: str
    name: str | None
    stripe_customer_id: str | None


@lru_cache(maxsize=4)
def _client(secret_key: str, api_base: str | None) -> stripe.StripeClient:
    base = {"api": api_base.rstrip("/")} if api_base else None
    return stripe.StripeClient(
        secret_key,
        base_addresses=base,
        max_network_retries=2,
        http_client=stripe.new_default_http_client(timeout=TIMEOUT_S),
    )


def stripe_client(settings: Settings) -> stripe.StripeClient:
    """The SDK client for these settings (shared per process; raises BillingNotConfigured)."""
    if settings.stripe_secret_key is None or not settings.stripe_secret_key.get_secret_value():
        raise BillingNotConfigured("STRIPE_SECRET_KEY is not set")
    return _client(settings.stripe_secret_key.get_secret_value(), settings.stripe_api_base)


def _call(what: str, fn: Any, *args: Any, missing_ok: bool = False, **kwargs: Any) -> Any:
    """Run one SDK call, turning its errors into StripeUnavailable with a safe message (or
    None for a missing object when ``missing_ok``)."""
    try:
        return fn(*args, **kwargs)
    except stripe.InvalidRequestError as exc:
        if missing_ok and exc.code == "resource_missing":
            return None
        log.error("stripe refused to %s: %s (param %s)", what, exc.user_message, exc.param)
        raise StripeUnavailable(f"Stripe refused to {what}: {exc.user_message}") from None
    except stripe.AuthenticationError:
        log.error("stripe rejected the secret key while trying to %s", what)
        raise StripeUnavailable("billing is misconfigured (Stripe rejected the key)", 503) from None
    except stripe.StripeError as exc:
        log.warning("stripe call failed (%s): %s", what, type(exc).__name__)
        raise StripeUnavailable(f"Stripe is unavailable ({type(exc).__name__})", 503) from None


def create_customer(
    client: stripe.StripeClient, user: BillingUser, replaces: str | None = None
) -> str:
    """A new Stripe customer for this user. The idempotency key is the user id, so two racing
    first checkouts get the same customer back instead of two; after Stripe deleted the user's
    customer (``replaces``) the key changes, or Stripe would answer with the deleted one."""
    params: dict[str, Any] = {"email": user.email, "metadata": {"nodepilot_user_id": user.id}}
    if user.name:
        params["name"] = user.name
    customer = _call(
        "create a customer",
        client.v1.customers.create,
        params=params,
        options={
            "idempotency_key": f"nodepilot-customer-{user.id}"
            + (f"-after-{replaces}" if replaces else "")
        },
    )
    return str(customer.id)


def create_checkout_session(
    client: stripe.StripeClient,
    *,
    customer_id: str,
    user_id: str,
    price_id: str,
    mode: str,
    item_key: str,
    base_url: str,
) -> str:
    """A hosted Checkout session for one plan (mode=subscription) or pack (mode=payment);
    returns its URL. The user id rides along as client_reference_id and metadata so the
    completion webhook knows whom to credit even before the customer id is stored."""
    metadata = {"nodepilot_user_id": user_id, "item": item_key}
    params: dict[str, Any] = {
        "mode": mode,
        "customer": customer_id,
        "client_reference_id": user_id,
        "line_items": [{"price": price_id, "quantity": 1}],
        "success_url": f"{base_url}/?checkout=success&session_id={{CHECKOUT_SESSION_ID}}",
        "cancel_url": f"{base_url}/?checkout=cancelled",
        "metadata": metadata,
    }
    if mode == "subscription":
        params["subscription_data"] = {"metadata": metadata}
    else:
        params["payment_intent_data"] = {"metadata": metadata}
    session = _call("create a checkout session", client.v1.checkout.sessions.create, params=params)
    return str(session.url)


def create_portal_session(client: stripe.StripeClient, customer_id: str, return_url: str) -> str:
    """A customer-portal session (manage plan, payment method, invoices); returns its URL."""
    session = _call(
        "open the billing portal",
        client.v1.billing_portal.sessions.create,
        params={"customer": customer_id, "return_url": return_url},
    )
    return str(session.url)


def delete_customer(client: stripe.StripeClient, customer_id: str) -> None:
    """Delete the customer at Stripe, which cancels its subscriptions at once (an account being
    deleted must stop being billed). A customer Stripe no longer has counts as deleted."""
    _call("delete a customer", client.v1.customers.delete, customer_id, missing_ok=True)
