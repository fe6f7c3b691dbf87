"""Reading a chat's server-sent events in the service tests: one helper, so every test parses
the stream the way a browser's EventSource does (an ``event:`` line names the ``data:`` lines
after it)."""

from __future__ import annotations

import json
from typing import Any

from starlette.testclient import TestClient


def stream_chat(
    client: TestClient, headers: dict[str, str], body: dict[str, Any]
) -> tuple[int, str, list[tuple[str | None, Any]]]:
    """POST ``body`` to /api/chat/message asking for a stream: the status, the content type
    and the events as (event name, decoded data) in order."""
    events: list[tuple[str | None, Any]] = []
    with client.stream(
        "POST",
        "/api/chat/message",
        json=body,
        headers={**headers, "Accept": "text/event-stream"},
    ) as response:
        kind = None
        for line in response.iter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                events.append((kind, json.loads(line.split(":", 1)[1])))
        return response.status_code, response.headers.get("content-type", ""), events


def stages_of(events: list[tuple[str | None, Any]]) -> list[str]:
    """The pipeline stages the stream reported, in order."""
    return [data["stage"] for kind, data in events if kind == "stage"]
