"""A local HTTP server speaking the part of Stripe's API that NodePilot's billing calls.

The official ``stripe`` SDK talks to it over real HTTP (``stripe_api_base`` points here), so
form encoding, auth headers, idempotency keys, retries and error parsing run exactly as against
Stripe. It serves ``POST /v1/customers``, ``GET /v1/customers/{id}``,
``DELETE /v1/customers/{id}``, ``POST /v1/checkout/sessions`` and
``POST /v1/billing_portal/sessions`` with Stripe's JSON
objects and error bodies (``{"error": {"type", "message", "param", "code"}}``).

Beyond HTTP, tests drive what would happen on Stripe's side after a redirect - a customer paying
a checkout session, a period renewing, a refund, a plan change - with ``complete_checkout``,
``renew``, ``refund``, ``update_subscription`` and ``cancel_subscription``. Each returns the
Stripe objects as they would appear in the event that follows (see ``billing_support.event``).
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

API_KEY = "sk_test_nodepilot_local"
MONTH = 30 * 24 * 3600


class StripeError(Exception):
    """An API error answered with Stripe's error body."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        kind: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.kind, self.param, self.code = (
            status,
            message,
            kind,
            param,
            code,
        )

    def body(self) -> dict[str, Any]:
        err: dict[str, Any] = {"type": self.kind, "message": self.message}
        if self.param:
            err["param"] = self.param
        if self.code:
            err["code"] = self.code
        return {"error": err}


@dataclass(frozen=True)
class RecordedRequest:
    """One request as received: method, path, lower-cased headers, decoded form."""

    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, Any]


def decode_form(raw: str) -> dict[str, Any]:
    """Stripe's form encoding (``a[b][0][c]=v``) as nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(raw, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+|\[\]", key)
        node: Any = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            nxt: Any = value if last else ([] if parts[i + 1].isdigit() else {})
            if isinstance(node, list):
                index = int(part)
                while len(node) <= index:
                    node.append(None)
                if node[index] is None or last:
                    node[index] = nxt
                node = node[index]
            else:
                if part not in node or last:
                    node[part] = nxt
                node = node[part]
    return root


class StripeTestServer:
    """The server and Stripe's state (customers, prices, sessions, charges, subscriptions)."""

    def __init__(self, api_key: str = API_KEY) -> None:
        self.api_key = api_key
        self.lock = threading.RLock()
        self.requests: list[RecordedRequest] = []
        self.customers: dict[str, dict] = {}
        self.prices: dict[str, dict] = {}
        self.sessions: dict[str, dict] = {}
        self.charges: dict[str, dict] = {}
        self.subscriptions: dict[str, dict] = {}
        self.invoices: dict[str, dict] = {}
        self.fail_next: list[StripeError] = []
        self._idempotent: dict[str, tuple[str, int, dict]] = {}
        self._counter = itertools.count(1)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> StripeTestServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self._counter):06d}{secrets.token_hex(4)}"

    # -- catalog -------------------------------------------------------------------------------
    def add_price(self, price_id: str, unit_amount: int, *, interval: str | None = None) -> dict:
        """Register a price (recurring when ``interval`` is given)."""
        price = {
            "id": price_id,
            "object": "price",
            "active": True,
            "currency": "usd",
            "unit_amount": unit_amount,
            "product": f"prod_{price_id}",
            "type": "recurring" if interval else "one_time",
            "recurring": {"interval": interval, "interval_count": 1} if interval else None,
            "livemode": False,
        }
        with self.lock:
            self.prices[price_id] = price
        return price

    # -- HTTP endpoints ------------------------------------------------------------------------
    def handle(
        self, method: str, path: str, form: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict]:
        with self.lock:
            self.requests.append(RecordedRequest(method, path, headers, form))
            if headers.get("authorization") != f"Bearer {self.api_key}":
                shown = headers.get("authorization", "")[7:11] + "****"
                raise StripeError(401, f"Invalid API Key provided: {shown}")
            if self.fail_next:
                raise self.fail_next.pop(0)
            key = headers.get("idempotency-key")
            if method == "POST" and key and key in self._idempotent:
                seen_path, status, body = self._idempotent[key]
                if seen_path != path:
                    raise StripeError(
                        400,
                        "Keys for idempotent requests can only be used "
                        "with the same parameters they were first used with.",
                        kind="idempotency_error",
                    )
                return status, body
            status, body = self._route(method, path, form)
            if method == "POST" and key:
                self._idempotent[key] = (path, status, body)
            return status, body

    def _route(self, method: str, path: str, form: dict[str, Any]) -> tuple[int, dict]:
        if method == "POST" and path == "/v1/customers":
            return 200, self._create_customer(form)
        match = re.fullmatch(r"/v1/customers/([^/]+)", path)
        if method == "GET" and match:
            return 200, self._customer(match.group(1), "id")
        if method == "DELETE" and match:
            return 200, self._delete_customer(match.group(1))
        if method == "POST" and path == "/v1/checkout/sessions":
            return 200, self._create_session(form)
        if method == "POST" and path == "/v1/billing_portal/sessions":
            return 200, self._create_portal(form)
        raise StripeError(404, f"Unrecognized request URL ({method}: {path}).")

    def _customer(self, customer_id: Any, param: str) -> dict:
        if not customer_id:
            raise StripeError(
                400, f"Missing required param: {param}.", param=param, code="parameter_missing"
            )
        customer = self.customers.get(customer_id)
        if customer is None:
            raise StripeError(
                404 if param == "id" else 400,
                f"No such customer: '{customer_id}'",
                param=param,
                code="resource_missing",
            )
        return customer

    def _create_customer(self, form: dict[str, Any]) -> dict:
        customer = {
            "id": self.new_id("cus"),
            "object": "customer",
            "created": int(time.time()),
            "email": form.get("email"),
            "name": form.get("name"),
            "metadata": form.get("metadata") or {},
            "balance": 0,
            "currency": None,
            "delinquent": False,
            "description": form.get("description"),
            "livemode": False,
            "invoice_settings": {"default_payment_method": None},
            "preferred_locales": [],
            "tax_exempt": "none",
        }
        self.customers[customer["id"]] = customer
        return customer

    def _delete_customer(self, customer_id: str) -> dict:
        """Deleting a customer cancels its subscriptions at once, as Stripe does."""
        self._customer(customer_id, "id")
        del self.customers[customer_id]
        now = int(time.time())
        for sub in self.subscriptions.values():
            if sub["customer"] == customer_id and sub["status"] != "canceled":
                sub.update(status="canceled", canceled_at=now, ended_at=now)
        return {"id": customer_id, "object": "customer", "deleted": True}

    def _line_items(self, form: dict[str, Any], mode: str) -> list[dict]:
        items = form.get("line_items")
        if not isinstance(items, list) or not items:
            raise StripeError(
                400,
                "Missing required param: line_items.",
                param="line_items",
                code="parameter_missing",
            )
        out = []
        for i, item in enumerate(items):
            price = self.prices.get((item or {}).get("price"))
            if price is None:
                raise StripeError(
                    400,
                    f"No such price: '{(item or {}).get('price')}'",
                    param=f"line_items[{i}][price]",
                    code="resource_missing",
                )
            if (price["type"] == "recurring") != (mode == "subscription"):
                raise StripeError(
                    400,
                    f"You specified `{mode}` mode but passed a "
                    f"{price['type'].replace('_', '-')} price.",
                    param=f"line_items[{i}][price]",
                )
            out.append({"price": price, "quantity": int(item.get("quantity") or 1)})
        return out

    def _create_session(self, form: dict[str, Any]) -> dict:
        mode = form.get("mode")
        if mode not in ("payment", "subscription", "setup"):
            raise StripeError(
                400, "Missing required param: mode.", param="mode", code="parameter_missing"
            )
        if not form.get("success_url"):
            raise StripeError(
                400,
                "Missing required param: success_url.",
                param="success_url",
                code="parameter_missing",
            )
        if form.get("customer"):
            self._customer(form["customer"], "customer")
        items = self._line_items(form, mode)
        session_id = self.new_id("cs_test")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": mode,
            "customer": form.get("customer"),
            "client_reference_id": form.get("client_reference_id"),
            "metadata": form.get("metadata") or {},
            "success_url": form["success_url"],
            "cancel_url": form.get("cancel_url"),
            "url": f"{self.url}/c/pay/{session_id}",
            "status": "open",
            "payment_status": "unpaid",
            "currency": "usd",
            "livemode": False,
            "amount_total": sum(i["price"]["unit_amount"] * i["quantity"] for i in items),
            "created": int(time.time()),
            "expires_at": int(time.time()) + 86400,
            "payment_intent": None,
            "subscription": None,
            "invoice": None,
            "_items": items,
            "_pi_metadata": (form.get("payment_intent_data") or {}).get("metadata") or {},
        }
        self.sessions[session_id] = session
        return public(session)

    def _create_portal(self, form: dict[str, Any]) -> dict:
        customer = self._customer(form.get("customer"), "customer")
        portal_id = self.new_id("bps")
        return {
            "id": portal_id,
            "object": "billing_portal.session",
            "configuration": "bpc_local",
            "created": int(time.time()),
            "customer": customer["id"],
            "livemode": False,
            "locale": None,
            "on_behalf_of": None,
            "return_url": form.get("return_url"),
            "url": f"{self.url}/p/session/{portal_id}",
        }

    # -- what happens on Stripe's side --------------------------------------------------------
    def complete_checkout(self, session_id: str) -> dict[str, Any]:
        """The customer paid: returns {"session", and "charge" (payment) or "subscription" and
        "invoice" (subscription)} as the following events carry them."""
        with self.lock:
            session = self.sessions[session_id]
            session.update(status="complete", payment_status="paid")
            if session["mode"] == "payment":
                charge = self._charge(
                    session["customer"], session["amount_total"], session["_pi_metadata"]
                )
                session["payment_intent"] = charge["payment_intent"]
                return {"session": public(session), "charge": dict(charge)}
            item = session["_items"][0]
            sub = self._subscription(session["customer"], item["price"])
            invoice = self._invoice(sub, "subscription_create")
            session.update(subscription=sub["id"], invoice=invoice["id"])
            return {
                "session": public(session),
                "subscription": clone(sub),
                "invoice": clone(invoice),
            }

    def _charge(self, customer: str | None, amount: int, metadata: dict | None = None) -> dict:
        charge = {
            "id": self.new_id("ch"),
            "object": "charge",
            "amount": amount,
            "amount_captured": amount,
            "amount_refunded": 0,
            "currency": "usd",
            "customer": customer,
            "payment_intent": self.new_id("pi"),
            "paid": True,
            "refunded": False,
            "status": "succeeded",
            "created": int(time.time()),
            "livemode": False,
            "metadata": dict(metadata or {}),  # the PaymentIntent's
        }
        self.charges[charge["id"]] = charge
        return charge

    def _subscription(self, customer: str | None, price: dict) -> dict:
        now = int(time.time())
        sub_id = self.new_id("sub")
        sub = {
            "id": sub_id,
            "object": "subscription",
            "customer": customer,
            "status": "active",
            "cancel_at_period_end": False,
            "canceled_at": None,
            "ended_at": None,
            "created": now,
            "livemode": False,
            "metadata": {},
            "items": {
                "object": "list",
                "data": [
                    {
                        "id": self.new_id("si"),
                        "object": "subscription_item",
                        "price": price,
                        "quantity": 1,
                        "subscription": sub_id,
                        "current_period_start": now,
                        "current_period_end": now + MONTH,
                    }
                ],
            },
        }
        self.subscriptions[sub_id] = sub
        return sub

    def _invoice(self, sub: dict, reason: str) -> dict:
        item = sub["items"]["data"][0]
        price = item["price"]
        charge = self._charge(sub["customer"], price["unit_amount"])
        invoice = {
            "id": self.new_id("in"),
            "object": "invoice",
            "customer": sub["customer"],
            "status": "paid",
            "billing_reason": reason,
            "amount_paid": price["unit_amount"],
            "amount_due": price["unit_amount"],
            "currency": "usd",
            "livemode": False,
            "created": int(time.time()),
            "period_start": item["current_period_start"],
            "period_end": item["current_period_end"],
            "parent": {
                "type": "subscription_details",
                "quote_details": None,
                "subscription_details": {"subscription": sub["id"], "metadata": {}},
            },
            "lines": {
                "object": "list",
                "data": [
                    {
                        "id": self.new_id("il"),
                        "object": "line_item",
                        "amount": price["unit_amount"],
                        "quantity": 1,
                        "period": {
                            "start": item["current_period_start"],
                            "end": item["current_period_end"],
                        },
                        "pricing": {
                            "type": "price_details",
                            "unit_amount_decimal": str(price["unit_amount"]),
                            "price_details": {"price": price["id"], "product": price["product"]},
                        },
                    }
                ],
            },
            "payments": {
                "object": "list",
                "data": [
                    {
                        "payment": {
                            "type": "payment_intent",
                            "payment_intent": charge["payment_intent"],
                        }
                    }
                ],
            },
        }
        self.invoices[invoice["id"]] = invoice
        return invoice

    def renew(self, subscription_id: str) -> dict[str, Any]:
        """The next period starts and its invoice is paid: {"subscription", "invoice"}."""
        with self.lock:
            sub = self.subscriptions[subscription_id]
            item = sub["items"]["data"][0]
            item["current_period_start"] = item["current_period_end"]
            item["current_period_end"] += MONTH
            invoice = self._invoice(sub, "subscription_cycle")
            return {"subscription": clone(sub), "invoice": clone(invoice)}

    def update_subscription(
        self,
        subscription_id: str,
        *,
        price_id: str | None = None,
        cancel_at_period_end: bool | None = None,
        status: str | None = None,
    ) -> dict:
        """A plan change, a scheduled cancellation or a status change (the updated object)."""
        with self.lock:
            sub = self.subscriptions[subscription_id]
            if price_id is not None:
                sub["items"]["data"][0]["price"] = self.prices[price_id]
            if cancel_at_period_end is not None:
                sub["cancel_at_period_end"] = cancel_at_period_end
            if status is not None:
                sub["status"] = status
            return clone(sub)

    def cancel_subscription(self, subscription_id: str) -> dict:
        """The subscription ended (at period end or at once): the deleted event's object."""
        with self.lock:
            sub = self.subscriptions[subscription_id]
            now = int(time.time())
            sub.update(status="canceled", canceled_at=now, ended_at=now)
            return clone(sub)

    def refund(self, charge_id: str, amount: int | None = None) -> dict:
        """Refund ``amount`` cents more (all that is left by default): the refunded charge."""
        with self.lock:
            charge = self.charges[charge_id]
            left = charge["amount"] - charge["amount_refunded"]
            charge["amount_refunded"] += left if amount is None else min(amount, left)
            charge["refunded"] = charge["amount_refunded"] == charge["amount"]
            return dict(charge)


def clone(obj: dict) -> dict:
    return json.loads(json.dumps(obj))


def public(session: dict) -> dict:
    """A checkout session as Stripe shows it (without the server's private bookkeeping)."""
    return {k: v for k, v in clone({**session, "_items": None}).items() if not k.startswith("_")}


def _make_handler(server: StripeTestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            """Silent: tests read ``server.requests``."""

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            parts = urlsplit(self.path)
            form = decode_form(raw if method == "POST" else parts.query)
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                status, body = server.handle(method, parts.path, form, headers)
            except StripeError as exc:
                status, body = exc.status, exc.body()
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("request-id", f"req_{secrets.token_hex(6)}")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802 - stdlib naming
            self._serve("POST")

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            self._serve("GET")

        def do_DELETE(self) -> None:  # noqa: N802 - stdlib naming
            self._serve("DELETE")

    return Handler


@contextmanager
def running_stripe_server(api_key: str = API_KEY) -> Iterator[StripeTestServer]:
    """A started server, closed on exit."""
    server = StripeTestServer(api_key).start()
    try:
        yield server
    finally:
        server.close()
