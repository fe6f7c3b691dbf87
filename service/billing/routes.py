"""Billing endpoints: the public plan list, checkout and portal for signed-in users, and the
Stripe and Clerk webhooks (verified on the raw body, applied once).

Without the keys, the endpoints that need them answer 503 ``billing_not_configured``; the rest
of the service is unaffected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, SecretStr, model_validator
from starlette.concurrency import run_in_threadpool

from nodepilot.config import Settings
from service.billing import checkout
from service.billing.clerk import process_clerk_event
from service.billing.events import Outcome, RetryLater, process_stripe_event
from service.billing.plans import load_catalog, public_plans
from service.billing.stripe_client import BillingNotConfigured, StripeUnavailable
from service.billing.verify import (
    BadWebhookSecret,
    InvalidWebhook,
    VerifiedEvent,
    verify_clerk,
    verify_stripe,
)
from service.deps import CurrentUser, current_user, limit_by_address, require_session, runtime
from service.errors import ApiError

router = APIRouter(prefix="/api", tags=["billing"])
log = logging.getLogger(__name__)
SignedIn = Annotated[CurrentUser, Depends(current_user)]


def not_configured(what: str) -> ApiError:
    return ApiError(
        503,
        "billing_not_configured",
        "billing is not configured",
        hint=f"the operator has to set {what}",
    )


class ErrorBody(BaseModel):
    error: dict = Field(description="{code, message, hint, request_id}")


def _errors(*codes: int) -> dict:
    described = {
        400: "the webhook's signature is missing, forged, from another secret or too old",
        403: "the caller signed in with an API key (a session token is needed)",
        409: "the user already has a live plan (change it in the portal)",
        422: "unknown plan or pack, or not exactly one of them",
        502: "Stripe refused the request",
        503: "billing is not configured, or Stripe / the database is unavailable",
    }
    return {c: {"model": ErrorBody, "description": described[c]} for c in codes}


#: Webhook bodies are verified as raw bytes, so they are documented rather than parsed.
WEBHOOK_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


class TrialInfo(BaseModel):
    name: str
    credits: int
    days: int


class PlanInfo(BaseModel):
    key: str
    name: str
    price_usd: float
    interval: str
    credits_per_period: int
    purchasable: bool = Field(description="a Stripe price id is configured for it")


class PackInfo(BaseModel):
    key: str
    name: str
    price_usd: float
    credits: int
    purchasable: bool


class PlansResponse(BaseModel):
    billing: bool = Field(description="whether purchases are possible on this service")
    trial: TrialInfo
    plans: list[PlanInfo]
    packs: list[PackInfo]


class CheckoutRequest(BaseModel):
    plan: str | None = Field(default=None, max_length=40, description="a plan key, e.g. 'pro'")
    pack: str | None = Field(default=None, max_length=40, description="a pack key, e.g. 'payg_100'")

    @model_validator(mode="after")
    def exactly_one(self) -> CheckoutRequest:
        if (self.plan is None) == (self.pack is None):
            raise ValueError("give exactly one of 'plan' or 'pack'")
        return self


class RedirectResponse(BaseModel):
    url: str = Field(description="where to send the browser (Stripe's hosted page)")


class WebhookResponse(BaseModel):
    received: bool
    result: str


def _base_url(settings: Settings, request: Request) -> str:
    return (settings.public_url or str(request.base_url)).rstrip("/")


@router.get(
    "/billing/plans", response_model=PlansResponse, dependencies=[Depends(limit_by_address)]
)
def plans(request: Request) -> PlansResponse:
    """Plans, packs and the trial with their prices and credits (no sign-in needed)."""
    settings = runtime(request).settings
    return PlansResponse(billing=settings.stripe_secret_key is not None, **public_plans(settings))


def _redirect(fn, *args) -> RedirectResponse:  # noqa: ANN001 - one of the checkout starters
    try:
        return RedirectResponse(url=fn(*args))
    except BillingNotConfigured as exc:
        raise not_configured(str(exc).replace(" is not set", "")) from None
    except StripeUnavailable as exc:
        raise ApiError(
            exc.status, "payment_provider_unavailable", exc.message, hint="retry in a moment"
        ) from None


@router.post(
    "/billing/checkout", response_model=RedirectResponse, responses=_errors(409, 422, 502, 503)
)
def start_checkout(body: CheckoutRequest, request: Request, user: SignedIn) -> RedirectResponse:
    """A Stripe Checkout URL for a plan (subscription) or a credit pack (one-off payment)."""
    rt = runtime(request)
    if rt.settings.stripe_secret_key is None:
        raise not_configured("STRIPE_SECRET_KEY")
    try:
        item = checkout.resolve_item(load_catalog(), body.plan, body.pack)
    except checkout.UnknownItem as exc:
        raise ApiError(422, "invalid_input", str(exc)) from None
    except BillingNotConfigured as exc:
        raise not_configured(str(exc)) from None
    try:
        return _redirect(
            checkout.start_checkout,
            rt.settings,
            rt.pool,
            load_catalog(),
            user.id,
            item,
            _base_url(rt.settings, request),
        )
    except checkout.AlreadySubscribed as exc:
        raise ApiError(
            409,
            "already_subscribed",
            f"you already have the {exc.tier} plan",
            hint="change or cancel it with POST /api/billing/portal",
        ) from None


@router.post("/billing/portal", response_model=RedirectResponse, responses=_errors(403, 502, 503))
def open_portal(request: Request, user: SignedIn) -> RedirectResponse:
    """A Stripe customer-portal URL: change plan, payment method, invoices, cancel. Not for an
    API key (``require_session``): the portal can end the subscription or change the card."""
    require_session(user, "open the billing portal")
    rt = runtime(request)
    if rt.settings.stripe_secret_key is None:
        raise not_configured("STRIPE_SECRET_KEY")
    return _redirect(
        checkout.start_portal, rt.settings, rt.pool, user.id, _base_url(rt.settings, request)
    )


def _apply(request: Request, process, event: VerifiedEvent, extra) -> Outcome:  # noqa: ANN001
    """Run an event handler on an owner connection; a failure is a 503 so the provider retries
    (the event's claim rolled back with it)."""
    try:
        with runtime(request).pool.connection() as conn:
            return process(conn, event, extra)
    except StripeUnavailable as exc:
        log.warning("webhook event %s (%s) deferred: %s", event.id, event.type, exc.message)
        raise ApiError(
            503,
            "payment_provider_unavailable",
            exc.message,
            hint="the provider redelivers it later",
        ) from None
    except RetryLater as exc:
        log.warning("webhook event %s (%s) deferred: %s", event.id, event.type, exc)
        raise ApiError(
            503,
            "event_out_of_order",
            str(exc),
            hint="the provider redelivers it after the event it depends on",
        ) from None
    except Exception:
        log.exception("webhook event %s (%s) failed; the provider will retry", event.id, event.type)
        raise ApiError(
            503, "webhook_failed", "the event could not be applied now", hint="it will be retried"
        ) from None


async def _receive(
    request: Request,
    provider: str,
    secret: SecretStr | None,
    env_name: str,
    verify: Callable[[bytes, str], VerifiedEvent],
    process,
    extra,  # noqa: ANN001
) -> WebhookResponse:
    """The shared webhook path: configured? genuine? then apply once, off the event loop."""
    if secret is None:
        raise not_configured(env_name)
    payload = await request.body()
    try:
        event = verify(payload, secret.get_secret_value())
    except BadWebhookSecret:
        raise not_configured(f"a valid {env_name} (whsec_...)") from None
    except InvalidWebhook as exc:
        log.warning("%s webhook rejected: %s", provider, exc)
        raise ApiError(400, "invalid_signature", str(exc)) from None
    outcome = await run_in_threadpool(_apply, request, process, event, extra)
    return WebhookResponse(received=True, result=outcome.result)


@router.post(
    "/stripe/webhook",
    response_model=WebhookResponse,
    responses=_errors(400, 503),
    openapi_extra=WEBHOOK_BODY,
)
async def stripe_webhook(request: Request) -> WebhookResponse:
    """Stripe events, verified with the endpoint's signing secret (400 when not genuine)."""
    settings = runtime(request).settings
    signature = request.headers.get("stripe-signature")
    return await _receive(
        request,
        "stripe",
        settings.stripe_webhook_secret,
        "STRIPE_WEBHOOK_SECRET",
        lambda payload, secret: verify_stripe(payload, signature, secret),
        process_stripe_event,
        load_catalog(),
    )


@router.post(
    "/clerk/webhook",
    response_model=WebhookResponse,
    responses=_errors(400, 503),
    openapi_extra=WEBHOOK_BODY,
)
async def clerk_webhook(request: Request) -> WebhookResponse:
    """Clerk user events, verified with Svix (400 when not genuine)."""
    settings = runtime(request).settings
    return await _receive(
        request,
        "clerk",
        settings.clerk_webhook_secret,
        "CLERK_WEBHOOK_SECRET",
        lambda payload, secret: verify_clerk(payload, request.headers, secret),
        process_clerk_event,
        settings,
    )
