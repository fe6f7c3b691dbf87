"""Webhook authenticity: Stripe's signature scheme and Clerk's (Svix) scheme, via their SDKs.

Both verify the raw request body, byte for byte, against a shared secret and a timestamp inside
a tolerance window (5 minutes), so a captured request cannot be replayed later and a re-encoded
body fails. The error messages say what was wrong, never the secret or the expected signature.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import stripe
from standardwebhooks.webhooks import EmptyWebhookSecretError
from svix.webhooks import Webhook as SvixWebhook
from svix.webhooks import WebhookVerificationError

#: Seconds a signed timestamp stays acceptable (Stripe's and Svix's default).
TOLERANCE_S = 300


class InvalidWebhook(Exception):
    """The request is not a genuine, fresh provider webhook (answered with 400)."""


class BadWebhookSecret(Exception):
    """The configured signing secret cannot be used (answered with 503, like a missing one)."""


@dataclass(frozen=True)
class VerifiedEvent:
    """A verified webhook: the provider's delivery id, event type, event time and payload."""

    id: str
    type: str
    created: int | None
    data: dict[str, Any]


def verify_stripe(payload: bytes, signature: str | None, secret: str) -> VerifiedEvent:
    """``stripe.Webhook.construct_event`` on the raw body; returns the event as plain JSON."""
    if not signature:
        raise InvalidWebhook("missing Stripe-Signature header")
    try:
        stripe.Webhook.construct_event(payload, signature, secret, tolerance=TOLERANCE_S)
    except stripe.SignatureVerificationError as exc:
        raise InvalidWebhook(f"invalid Stripe signature: {exc.user_message or exc}") from None
    except (ValueError, IndexError, UnicodeDecodeError):
        raise InvalidWebhook("malformed Stripe webhook (signature header or JSON body)") from None
    doc = json.loads(payload)
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
        raise InvalidWebhook("a Stripe event needs an id")
    obj = (doc.get("data") or {}).get("object")
    if not isinstance(obj, dict) or not isinstance(doc.get("type"), str):
        raise InvalidWebhook("a Stripe event needs a type and data.object")
    created = doc.get("created")
    return VerifiedEvent(doc["id"], doc["type"], created if isinstance(created, int) else None, doc)


def verify_clerk(payload: bytes, headers: Mapping[str, str], secret: str) -> VerifiedEvent:
    """``svix.webhooks.Webhook.verify`` (Clerk signs with Svix); the id is the svix-id."""
    wanted = ("svix-id", "svix-timestamp", "svix-signature")
    lowered = {k.lower(): v for k, v in headers.items()}
    missing = [h for h in wanted if not lowered.get(h)]
    if missing:
        raise InvalidWebhook(f"missing header {', '.join(missing)}")
    try:
        verifier = SvixWebhook(secret)
    except (ValueError, EmptyWebhookSecretError):
        raise BadWebhookSecret("CLERK_WEBHOOK_SECRET is not a Svix secret (whsec_...)") from None
    try:
        verifier.verify(payload, {h: lowered[h] for h in wanted})
        doc = json.loads(payload)
    except WebhookVerificationError as exc:
        raise InvalidWebhook(f"invalid Clerk (Svix) signature: {exc}") from None
    except (ValueError, TypeError):
        raise InvalidWebhook("malformed Clerk webhook (headers or JSON body)") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("type"), str):
        raise InvalidWebhook("a Clerk event needs a type")
    if not isinstance(doc.get("data"), dict):
        raise InvalidWebhook("a Clerk event needs a data object")
    timestamp = lowered["svix-timestamp"]
    return VerifiedEvent(
        lowered["svix-id"], doc["type"], int(timestamp) if timestamp.isdigit() else None, doc
    )
