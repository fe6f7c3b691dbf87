"""A URL checked for its HTTP status (issue #17, Part 2): our own requests, written before the
fix they test (``engine.offline.status_check``).

"Check the status page https://... and alert Teams if it isn't 200" needs the call itself (a
GET returning the whole response, status code included, and never failing on a non-2xx code),
then an IF on ``statusCode`` feeding the alert. A plain call of a URL keeps its plain options.
Every workflow must pass the strict validator.

One case written with these failed for a reason outside this step and is reported, not kept
here: "When a form is submitted, POST the answers to https://hooks.example.com/intake" (no HTTP
Request at all).
"""

from __future__ import annotations

from typing import Any

import pytest
from generalise_support import BASE, run

HTTP = BASE + "httpRequest"
IF = BASE + "if"

#: (request, URL checked, node type of the alert on the IF's "true" branch)
CHECKS: list[tuple[str, str, str]] = [
    ("Every 5 minutes check the status page https://status.acme.io and alert Teams if it "
     "isn't 200", "https://status.acme.io", BASE + "microsoftTeams"),
    ("Ping https://shop.example.com/health every 10 minutes; if the response code is not 200, "
     "send me a Telegram message", "https://shop.example.com/health", BASE + "telegram"),
    ("Hourly: hit https://api.acme.dev/ping and post to Slack #ops when it returns an error "
     "status", "https://api.acme.dev/ping", BASE + "slack"),
    ("Uptime monitor: every minute request https://app.example.org/ and email "
     "oncall@example.org when it goes down", "https://app.example.org/",
     BASE + "gmail"),
    ("Each morning run a health check on https://intranet.corp.local/status and message "
     "#infra in Slack on a non-200 answer", "https://intranet.corp.local/status", BASE + "slack"),
]  # fmt: skip

#: Calls of a URL that ask about its body, not its status.
PLAIN = [
    "Every hour GET https://api.example.com/orders and add each order to Google Sheets",
    "Every morning fetch https://api.github.com/repos/n8n-io/n8n and post the star count to Slack",
]


def _http(wf: dict[str, Any]) -> dict[str, Any]:
    calls = [n for n in wf["nodes"] if n["type"] == HTTP]
    assert len(calls) == 1, [n["type"] for n in wf["nodes"]]
    return calls[0]


@pytest.mark.parametrize(("request_text", "url", "alert"), CHECKS)
def test_a_status_check_calls_the_url_then_tests_its_code(
    request_text: str, url: str, alert: str
) -> None:
    out = run(request_text)
    assert out.workflow is not None and out.strict_errors() == []
    wf = out.workflow
    call = _http(wf)
    params = call["parameters"]
    assert params["url"] == url and params.get("method", "GET") == "GET"
    response = params["options"]["response"]["response"]
    assert response["fullResponse"] is True and response["neverError"] is True
    after = [c["node"] for c in wf["connections"][call["name"]]["main"][0]]
    test = next(n for n in wf["nodes"] if n["name"] in after)
    assert test["type"] == IF
    assert "statusCode" in str(test["parameters"]["conditions"])
    on_true = [c["node"] for c in wf["connections"][test["name"]]["main"][0]]
    assert [n["type"] for n in wf["nodes"] if n["name"] in on_true] == [alert]


@pytest.mark.parametrize("request_text", PLAIN)
def test_a_plain_call_keeps_its_options(request_text: str) -> None:
    out = run(request_text)
    assert out.workflow is not None and out.strict_errors() == []
    assert "response" not in _http(out.workflow)["parameters"].get("options", {})
    assert IF not in out.types
