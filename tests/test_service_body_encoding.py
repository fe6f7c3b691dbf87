"""A request body that is not UTF-8 at all is invalid input like any other: the documented 422
in the one error shape, on every operation that reads a JSON body (FastAPI's own answer was an
undocumented 400 "There was an error parsing the body", found by schemathesis). A caller with no
credentials gets 401 first on every route that needs one, whatever the body: a body that fails
to parse is met before any dependency runs, so this is checked route by route."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from service_support import service_client, sign_in
from starlette.testclient import TestClient

from nodepilot.config import Settings

#: Not UTF-8: 0xff never starts a character.
GARBLED = b"\xff,\x05"

#: Operations that read a JSON body and need a signed-in caller.
JSON_BODY_OPERATIONS = [
    ("POST", "/api/chat/message"),
    ("POST", "/api/workflow/fast-generate"),
    ("POST", "/api/keys"),
    ("PATCH", "/api/workflows/{id}"),
    ("PUT", "/api/admin/prompts/intent_classification"),
]


@pytest.fixture(scope="module")
def api(indexed: Settings) -> Iterator[TestClient]:
    with service_client(indexed, rate_limit_per_minute=100_000) as client:
        yield client


@pytest.mark.parametrize(("method", "path"), JSON_BODY_OPERATIONS)
def test_a_body_that_is_not_utf8_is_invalid_input(
    api: TestClient, indexed: Settings, method: str, path: str
) -> None:
    headers = {**sign_in(api, indexed), "content-type": "application/json"}
    url = path.replace("{id}", str(uuid.uuid4()))
    answer = api.request(method, url, content=GARBLED, headers=headers)
    if path.startswith("/api/admin"):  # a plain user may not edit prompts at all
        assert answer.status_code in {403, 422}, answer.text
        return
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "invalid_input" and "UTF-8" in error["message"]
    assert error["request_id"] == answer.headers["x-request-id"]


#: Every route that reads a JSON body from a signed-in caller (billing and deploy included).
SIGNED_IN_BODY_OPERATIONS = [
    *JSON_BODY_OPERATIONS,
    ("POST", "/api/n8n/connection"),
    ("POST", "/api/billing/checkout"),
    ("POST", "/api/billing/portal"),
]


@pytest.mark.parametrize("body", [GARBLED, b"{"], ids=["not-utf8", "broken-json"])
@pytest.mark.parametrize(("method", "path"), SIGNED_IN_BODY_OPERATIONS)
def test_without_credentials_a_bad_body_is_still_401(
    api: TestClient, method: str, path: str, body: bytes
) -> None:
    url = path.replace("{id}", str(uuid.uuid4()))
    answer = api.request(method, url, content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 401, answer.text
    assert answer.json()["error"]["code"] == "unauthorized"
