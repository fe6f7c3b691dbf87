"""The Stripe calls billing makes, through the official SDK over real HTTP to the local Stripe
server (tests/stripe_server.py): what the SDK sends (form fields, auth, idempotency keys) and how
Stripe's answers and errors come back. Nothing inside the SDK is patched.
"""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from stripe_server import API_KEY, StripeError, StripeTestServer, decode_form, running_stripe_server

from nodepilot.config import Settings
from service.billing import stripe_client as sc

USER = sc.BillingUser("0b7e9a52-3f6e-4e0a-9d7c-2a1f5c3b8e11", "ada@example.com", "Ada L", None)


@pytest.fixture()
def stripe_server():
    with running_stripe_server() as server:
        server.add_price("price_pro", 2100, interval="month")
        server.add_price("price_pack", 800)
        yield server


def _client(server: StripeTestServer, key: str = API_KEY):
    settings = Settings(stripe_secret_key=SecretStr(key), stripe_api_base=server.url)
    return sc.stripe_client(settings)


def test_form_decoding_matches_stripe_nesting() -> None:
    form = decode_form("a=1&m%5Bk%5D=v&l%5B0%5D%5Bp%5D=x&l%5B0%5D%5Bq%5D=2&l%5B1%5D%5Bp%5D=y")
    assert form == {"a": "1", "m": {"k": "v"}, "l": [{"p": "x", "q": "2"}, {"p": "y"}]}


def test_customer_is_created_once_per_user(stripe_server: StripeTestServer) -> None:
    client = _client(stripe_server)
    first = sc.create_customer(client, USER)
    again = sc.create_customer(client, USER)  # e.g. two racing first checkouts
    assert first == again and list(stripe_server.customers) == [first]
    sent = stripe_server.requests[0]
    assert sent.headers["authorization"] == f"Bearer {API_KEY}"
    assert sent.headers["idempotency-key"] == f"nodepilot-customer-{USER.id}"
    assert sent.form == {
        "email": "ada@example.com",
        "name": "Ada L",
        "metadata": {"nodepilot_user_id": USER.id},
    }


def test_checkout_session_for_a_plan_and_a_pack(stripe_server: StripeTestServer) -> None:
    client = _client(stripe_server)
    customer = sc.create_customer(client, USER)
    url = sc.create_checkout_session(
        client,
        customer_id=customer,
        user_id=USER.id,
        price_id="price_pro",
        mode="subscription",
        item_key="pro",
        base_url="https://app.example",
    )
    session = next(iter(stripe_server.sessions.values()))
    assert url == session["url"] and session["mode"] == "subscription"
    form = stripe_server.requests[-1].form
    assert form["line_items"] == [{"price": "price_pro", "quantity": "1"}]
    assert form["client_reference_id"] == USER.id
    assert form["metadata"] == {"nodepilot_user_id": USER.id, "item": "pro"}
    assert form["subscription_data"]["metadata"]["item"] == "pro"
    assert form["success_url"].startswith("https://app.example/?checkout=success")
    assert "{CHECKOUT_SESSION_ID}" in form["success_url"]

    sc.create_checkout_session(
        client,
        customer_id=customer,
        user_id=USER.id,
        price_id="price_pack",
        mode="payment",
        item_key="payg_100",
        base_url="https://app.example",
    )
    form = stripe_server.requests[-1].form
    assert form["mode"] == "payment" and form["payment_intent_data"]["metadata"]["item"] == (
        "payg_100"
    )


def test_stripe_errors_become_safe_messages(stripe_server: StripeTestServer) -> None:
    client = _client(stripe_server)
    customer = sc.create_customer(client, USER)
    with pytest.raises(sc.StripeUnavailable) as err:
        sc.create_checkout_session(
            client,
            customer_id=customer,
            user_id=USER.id,
            price_id="price_gone",
            mode="payment",
            item_key="x",
            base_url="https://a",
        )
    assert err.value.status == 502 and "No such price: 'price_gone'" in err.value.message
    with pytest.raises(sc.StripeUnavailable) as err:  # a recurring price in payment mode
        sc.create_checkout_session(
            client,
            customer_id=customer,
            user_id=USER.id,
            price_id="price_pro",
            mode="payment",
            item_key="x",
            base_url="https://a",
        )
    assert "recurring price" in err.value.message
    with pytest.raises(sc.StripeUnavailable) as err:
        sc.create_portal_session(client, "cus_nobody", "https://a/")
    assert "No such customer" in err.value.message


def test_wrong_key_is_a_503_that_never_shows_the_key(
    stripe_server: StripeTestServer, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "sk_test_wrong_key_that_must_not_leak"
    with pytest.raises(sc.StripeUnavailable) as err:
        sc.create_customer(_client(stripe_server, wrong), USER)
    assert err.value.status == 503 and "rejected the key" in err.value.message
    assert wrong not in err.value.message and wrong not in caplog.text
    assert not stripe_server.customers


def test_a_server_error_is_retried_with_the_same_idempotency_key(
    stripe_server: StripeTestServer,
) -> None:
    client = _client(stripe_server)
    customer = sc.create_customer(client, USER)
    stripe_server.fail_next.append(StripeError(500, "try again", kind="api_error"))
    url = sc.create_portal_session(client, customer, "https://app.example/")
    first, second = stripe_server.requests[-2:]
    assert first.path == second.path == "/v1/billing_portal/sessions"
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert url.startswith(stripe_server.url + "/p/session/bps_")
    assert second.form == {"customer": customer, "return_url": "https://app.example/"}


def test_unavailable_stripe_is_a_503(stripe_server: StripeTestServer) -> None:
    client = _client(stripe_server)
    for _ in range(3):  # the first try and the SDK's two retries
        stripe_server.fail_next.append(StripeError(503, "down", kind="api_error"))
    with pytest.raises(sc.StripeUnavailable) as err:
        sc.create_customer(client, USER)
    assert err.value.status == 503 and not stripe_server.customers


def test_no_secret_key_means_not_configured() -> None:
    with pytest.raises(sc.BillingNotConfigured):
        sc.stripe_client(Settings(stripe_secret_key=None))
