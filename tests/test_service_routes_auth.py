"""Every route the app serves, checked without credentials: a protected one answers 401 in the
one error shape, a public one answers (never 401, never 5xx); a route that is neither listed
public nor protected fails here. And every core operation is in ``/openapi.json``: the app
factory skips a router whose module fails to import, which would otherwise lose a whole area
silently."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from service_support import service_client
from starlette.routing import Route
from starlette.testclient import TestClient

from nodepilot.config import Settings

#: Operations of the API (issue #12's core, billing and deploy) that every build must serve.
CORE_OPERATIONS = {
    ("GET", "/api/config/public"),
    ("POST", "/api/dev/token"),
    ("GET", "/api/health"),
    ("POST", "/api/chat/message"),
    ("POST", "/api/workflow/fast-generate"),
    ("GET", "/api/workflows"),
    ("GET", "/api/workflows/{workflow_id}"),
    ("PATCH", "/api/workflows/{workflow_id}"),
    ("DELETE", "/api/workflows/{workflow_id}"),
    ("GET", "/api/workflows/{workflow_id}/download"),
    ("GET", "/api/conversations"),
    ("GET", "/api/conversations/{conversation_id}"),
    ("DELETE", "/api/conversations/{conversation_id}"),
    ("GET", "/api/conversations/{conversation_id}/messages"),
    ("GET", "/api/credits"),
    ("GET", "/api/credits/history"),
    ("GET", "/api/users/me"),
    ("DELETE", "/api/users/me"),
    ("GET", "/api/keys"),
    ("POST", "/api/keys"),
    ("DELETE", "/api/keys/{key_id}"),
    ("GET", "/api/admin/prompts"),
    ("GET", "/api/admin/prompts/{name}"),
    ("PUT", "/api/admin/prompts/{name}"),
    ("POST", "/api/admin/prompts/{name}/activate"),
    ("GET", "/api/admin/stats"),
    ("GET", "/api/billing/plans"),
    ("POST", "/api/billing/checkout"),
    ("POST", "/api/billing/portal"),
    ("POST", "/api/stripe/webhook"),
    ("POST", "/api/clerk/webhook"),
    ("GET", "/api/n8n/connection"),
    ("POST", "/api/n8n/connection"),
    ("DELETE", "/api/n8n/connection"),
    ("POST", "/api/workflows/{workflow_id}/deploy"),
}
#: Operations anyone may call: what a signed-out page needs, the probes, and the webhooks
#: (those verify their sender's signature instead).
PUBLIC_OPERATIONS = {
    ("GET", "/api/config/public"),
    ("POST", "/api/dev/token"),
    ("GET", "/api/health"),
    ("GET", "/api/billing/plans"),
    ("POST", "/api/stripe/webhook"),
    ("POST", "/api/clerk/webhook"),
}
#: Paths served outside the schema, all public: the docs, the metrics and the chat page.
PUBLIC_PAGES = {
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
    "/metrics",
    "/",
    "/static/{relative:path}",
}
#: What a path parameter is filled with: an id nobody owns, or a prompt's name.
PATH_VALUES = {"name": "workflow_generation", "relative:path": "app.css"}


def _schema_operations() -> list[tuple[str, str]]:
    """(method, path) of every operation the app documents, read at collection time."""
    from service.app import create_app

    doc = create_app(Settings()).openapi()
    return sorted(
        (method.upper(), path)
        for path, operations in doc["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    )


OPERATIONS = _schema_operations()


def served_paths(client: TestClient) -> set[str]:
    """Every path the app routes, whether or not it is in the schema."""
    found: set[str] = set()
    pending = list(client.app.routes)
    while pending:
        route = pending.pop()
        inner = getattr(route, "original_router", None) or getattr(route, "routes", None)
        if inner is not None and not isinstance(route, Route):
            pending.extend(inner.routes if hasattr(inner, "routes") else inner)
        elif hasattr(route, "path"):
            found.add(route.path)
    return found


def concrete(path: str) -> str:
    for name, value in PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + str(uuid.uuid4()) + path[end + 1 :]
    return path


@pytest.fixture(scope="module")
def anonymous(indexed: Settings) -> Iterator[TestClient]:
    """The app with a rate limit no test here reaches (each call counts against the address)."""
    with service_client(indexed, rate_limit_per_minute=100_000) as client:
        yield client


def test_every_core_operation_is_documented() -> None:
    assert sorted(CORE_OPERATIONS - set(OPERATIONS)) == []
    assert len(OPERATIONS) >= len(CORE_OPERATIONS)


def test_every_served_path_is_documented_or_a_known_public_page(anonymous: TestClient) -> None:
    documented = {path for _, path in OPERATIONS}
    served = served_paths(anonymous)
    assert documented <= served
    assert sorted(served - documented - PUBLIC_PAGES) == []


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_without_credentials_only_public_operations_answer(
    anonymous: TestClient, method: str, path: str
) -> None:
    body = {} if method in {"POST", "PUT", "PATCH"} else None
    response = anonymous.request(method, concrete(path), json=body)
    if (method, path) in PUBLIC_OPERATIONS:
        # an unconfigured webhook says so (503 billing_not_configured): anything but a crash
        assert response.status_code not in (401, 500), response.text
        assert response.json()
        return
    assert response.status_code == 401, response.text
    error = response.json()["error"]
    assert error["code"] == "unauthorized" and error["request_id"]
    assert "bearer" in error["message"].lower()


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_a_bad_token_is_refused_like_none(anonymous: TestClient, method: str, path: str) -> None:
    if (method, path) in PUBLIC_OPERATIONS:
        return
    body = {} if method in {"POST", "PUT", "PATCH"} else None
    headers = {"Authorization": "Bearer not-a-token"}
    response = anonymous.request(method, concrete(path), json=body, headers=headers)
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthorized"
