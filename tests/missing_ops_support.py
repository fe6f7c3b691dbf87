"""The check the missing-operation tests share: the workflow calls an app's API with the app's
own credential ("predefined credential type"), at the path of the object asked for."""

from __future__ import annotations

from typing import Any

from node_choice_support import api_calls


def assert_calls_api(
    wf: dict[str, Any], credential: str, url_end: str, method: str | None = None
) -> None:
    """``wf`` has an HTTP Request authenticated with ``credential`` whose URL ends in
    ``url_end`` (and, when given, whose method is ``method``)."""
    calls = [n for n in api_calls(wf) if n["parameters"]["nodeCredentialType"] == credential]
    assert calls, [n["type"] for n in wf["nodes"]]
    assert calls[0]["parameters"]["url"].endswith(url_end), calls[0]["parameters"]["url"]
    if method is not None:
        assert calls[0]["parameters"].get("method", "GET") == method
