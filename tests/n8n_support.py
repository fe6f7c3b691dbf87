"""Fixtures for the deploy tests: a real n8n 2.41.1 on loopback, clients and clean-up.

The instance is started through ``../shared/tools/real-n8n/start`` (idempotent: it reuses a
running instance; the first run installs Node and n8n, ~3-5 minutes), exactly as CI does on a
fresh clone - these tests never skip. Everything a test creates in n8n is deleted afterwards.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from service.n8n import errors
from service.n8n.client import N8nClient

ROOT = Path(__file__).resolve().parent.parent
START = ROOT.parent / "shared" / "tools" / "real-n8n" / "start"


@dataclass(frozen=True)
class RealN8n:
    url: str
    api_key: str

    def client(self, **kw: object) -> N8nClient:
        return N8nClient(self.url, self.api_key, allow_private=True, **kw)  # type: ignore[arg-type]


def _read_env(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}


@pytest.fixture(scope="session")
def real_n8n() -> RealN8n:
    """Start (or reuse) the real n8n and return its URL and API key."""
    rn = Path(os.environ.get("RN") or Path(tempfile.gettempdir()) / "real-n8n")
    proc = subprocess.run(
        [str(START)],
        capture_output=True,
        text=True,
        timeout=1200,
        env={**os.environ, "RN": str(rn)},
    )
    if proc.returncode != 0:
        pytest.fail(f"real n8n did not start ({proc.returncode}):\n{proc.stderr[-3000:]}")
    env = _read_env(rn / "env")
    found = RealN8n(env["N8N_URL"], env["N8N_API_KEY"])
    _wait_for_editor(found)
    return found


def _wait_for_editor(found: RealN8n, timeout: float = 120.0) -> None:
    """Wait until the editor page announces n8n's release: ``start`` waits for the REST API
    only, and a freshly started n8n answers it before the page that carries the version (a
    clean-clone CI run read no version in its first deploy test, session 19)."""
    import threading
    import time

    client = found.client()
    deadline = time.monotonic() + timeout
    while client.version() is None:
        if time.monotonic() > deadline:
            pytest.fail(f"n8n at {found.url} answered its API but its editor page named no release")
        threading.Event().wait(0.5)


@dataclass
class Cleanup:
    """Ids of what a test created in n8n; deleted when the test ends, even when it failed."""

    client: N8nClient
    workflows: set[str] = field(default_factory=set)
    credentials: set[str] = field(default_factory=set)

    def credential(self, type_name: str, data: dict) -> dict:
        cred = self.client.create_credential(
            f"test {type_name} {uuid.uuid4().hex[:8]}", type_name, data
        )
        self.credentials.add(cred["id"])
        return cred

    def run(self) -> None:
        """Delete everything recorded (four at a time: n8n unpublishes in the background)."""
        from concurrent.futures import ThreadPoolExecutor

        def gone(delete, item_id: str) -> None:  # noqa: ANN001
            try:
                delete(item_id)
            except errors.NotFound:
                pass

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda w: gone(self.client.delete_workflow, w), self.workflows))
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda c: gone(self.client.delete_credential, c), self.credentials))


@pytest.fixture()
def n8n(real_n8n: RealN8n) -> Iterator[Cleanup]:
    """A client for the real n8n plus a record of what to delete afterwards."""
    with real_n8n.client() as client:
        cleanup = Cleanup(client)
        try:
            yield cleanup
        finally:
            cleanup.run()


def schedule_code_noop(name: str = "schedule code noop") -> dict:
    """Schedule -> Code -> No Operation: a workflow that needs no credential."""
    return {
        "name": name,
        "nodes": [
            _node("Schedule Trigger", "n8n-nodes-base.scheduleTrigger", 1.2, 0,
                  {"rule": {"interval": [{"field": "hours"}]}}),
            _node("Code", "n8n-nodes-base.code", 2, 220, {"jsCode": "return [{ json: {} }];"}),
            _node("No Operation", "n8n-nodes-base.noOp", 1, 440, {}),
        ],
        "connections": {
            "Schedule Trigger": {"main": [[{"node": "Code", "type": "main", "index": 0}]]},
            "Code": {"main": [[{"node": "No Operation", "type": "main", "index": 0}]]},
        },
        "settings": {"executionOrder": "v1"},
    }  # fmt: skip


def schedule_slack(name: str = "schedule slack") -> dict:
    """Schedule -> Slack message: needs a slackApi credential (access-token authentication)."""
    wf = schedule_code_noop(name)
    wf["nodes"] = [
        wf["nodes"][0],
        _node("Post to Slack", "n8n-nodes-base.slack", 2.3, 220, {
            "select": "channel",
            "channelId": {"__rl": True, "mode": "name", "value": "#general"},
            "text": "hello",
            "otherOptions": {},
        }),
    ]  # fmt: skip
    wf["connections"] = {
        "Schedule Trigger": {"main": [[{"node": "Post to Slack", "type": "main", "index": 0}]]}
    }
    return wf


def form_noop(name: str, webhook_id: str) -> dict:
    """Form Trigger -> No Operation; the form's URL path is its ``webhookId``."""
    form = _node("Form", "n8n-nodes-base.formTrigger", 2.2, 0, {
        "formTitle": "Contact", "formFields": {"values": [{"fieldLabel": "Name"}]}, "options": {},
    })  # fmt: skip
    form["webhookId"] = webhook_id
    return {
        "name": name,
        "nodes": [form, _node("No Operation", "n8n-nodes-base.noOp", 1, 220, {})],
        "connections": {"Form": {"main": [[{"node": "No Operation", "type": "main", "index": 0}]]}},
        "settings": {},
    }


def stand_in_data(schema: dict) -> dict:
    """Values for every field a credential schema requires (also under its if/then rules):
    enough for n8n to store the credential, useless for calling the service."""
    props = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    for rule in schema.get("allOf") or []:
        for part in (rule.get("then") or {}).get("allOf") or []:
            required.update(part.get("required") or [])
    if "serverUrl" in props:  # OAuth2 types: n8n wants an OAuth URL the schema does not require
        required.add("serverUrl")
    kinds = {"number": 1, "boolean": False, "json": {}}
    data = {}
    for name in sorted(required):
        prop = props.get(name) or {}
        enum = prop.get("enum")
        if enum:
            data[name] = enum[0]
        elif name.lower().endswith("url"):
            data[name] = "https://stand-in.example"
        else:
            data[name] = kinds.get(prop.get("type"), "stand-in")
    return data


def form_is_live(base_url: str, webhook_id: str, timeout: float = 30.0) -> bool:
    """Whether n8n serves the form at /form/<webhookId> within ``timeout`` (n8n registers a
    published workflow's webhooks in the background)."""
    import threading
    import time

    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if httpx.get(f"{base_url}/form/{webhook_id}", timeout=5).status_code == 200:
            return True
        threading.Event().wait(0.2)
    return False


def _node(name: str, type_name: str, version: float, x: int, params: dict) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "name": name,
        "type": type_name,
        "typeVersion": version,
        "position": [x, 0],
        "parameters": params,
    }


class ScriptedHttp:
    """A loopback HTTP server answering every request with one scripted reply, for what a real
    n8n does not do on demand (redirects, 5xx, echoing the key, HTML). ``seen`` records the
    requests' paths and headers; ``answer`` changes the reply for the requests that follow."""

    def __init__(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):
        import http.server
        import threading

        self._reply: list[tuple[int, bytes, dict[str, str]]] = []
        self.answer(status, body, headers)
        replies = self._reply
        seen: list[tuple[str, dict[str, str]]] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                seen.append((self.path, dict(self.headers)))
                reply = replies[0]
                self.send_response(reply[0])
                for k, v in reply[2].items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(reply[1])))
                self.end_headers()
                self.wfile.write(reply[1])

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.seen = seen
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        """Reply with this to every request from now on."""
        self._reply[:] = [(status, body, headers or {"Content-Type": "application/json"})]

    def __enter__(self) -> ScriptedHttp:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
