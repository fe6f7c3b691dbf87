"""benchmarks/lean_http.py: the service benchmarks' client reads what a real HTTP/1.1 server sends,
keeps its connection, and refuses (loudly) any framing it does not read - a benchmark that
mis-read a response would time the wrong thing."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from lean_http import (  # noqa: E402
    LeanHttpError,
    body_length,
    lean_pool,
    parse_head,
)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn answers

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        answer = json.dumps(
            {
                "got": json.loads(body),
                "auth": self.headers.get("authorization"),
                "port": self.client_address[1],  # the client's port: same connection or not
            }
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        self.wfile.write(b"2\r\nok\r\n0\r\n\r\n")


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_reads_what_httpx_reads_and_keeps_the_connection(server_url: str) -> None:
    body = {"message": "every Monday pull Stripe refunds ✓", "n": [1, 2, 3]}
    headers = {"authorization": "Bearer abc"}

    async def run() -> tuple[list[dict], dict]:
        async with lean_pool(server_url) as lean, httpx.AsyncClient(base_url=server_url) as hx:
            ours = [(await lean.post("/x", json=body, headers=headers)).json() for _ in range(3)]
            theirs = (await hx.post("/x", json=body, headers=headers)).json()
        return ours, theirs

    ours, theirs = asyncio.run(run())
    assert [{k: v for k, v in o.items() if k != "port"} for o in ours] == [
        {k: v for k, v in theirs.items() if k != "port"}
    ] * 3
    assert ours[0]["got"] == body
    assert len({o["port"] for o in ours}) == 1  # one kept-alive connection for all three


def test_a_chunked_answer_is_refused_by_name(server_url: str) -> None:
    async def run() -> None:
        async with lean_pool(server_url) as lean:
            await lean.get("/chunked")

    with pytest.raises(LeanHttpError, match="transfer-encoding 'chunked'"):
        asyncio.run(run())


def test_only_plain_http_urls() -> None:
    with pytest.raises(LeanHttpError, match="only http://"):
        asyncio.run(lean_pool("https://example.org").__aenter__())


_token = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=20)
_value = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


@given(st.integers(100, 599), st.dictionaries(_token, _value, max_size=8))
def test_parse_head_round_trips(status: int, headers: dict[str, str]) -> None:
    head = f"HTTP/1.1 {status} Whatever Reason\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    parsed_status, parsed = parse_head(head.encode("latin-1"))
    assert parsed_status == status
    assert parsed == {name: value.strip() for name, value in headers.items()}


@given(
    st.one_of(
        # no lone surrogates: text that UTF-8 cannot carry never reaches the wire
        st.text(
            alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)),
            max_size=30,
        ),
        st.builds("HTTP/1.1 {} OK".format, st.text(max_size=4)),
    )
)
def test_parse_head_refuses_what_is_not_a_status_line(line: str) -> None:
    parts = line.split(" ", 2)
    code = parts[1] if len(parts) >= 2 else ""
    if parts[0].startswith("HTTP/1.") and code and all("0" <= c <= "9" for c in code):
        return  # a valid status line: the round-trip property covers it
    with pytest.raises(LeanHttpError, match="status line"):
        parse_head((line + "\r\n\r\n").encode("utf-8"))


@pytest.mark.parametrize(
    ("headers", "expected"),
    [({"content-length": "12"}, 12), ({}, 0)],
)
def test_body_length(headers: dict[str, str], expected: int) -> None:
    assert body_length(headers) == expected


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"content-length": "-1"}, "bad content-length"),
        ({"content-length": "\u00b2"}, "bad content-length"),
        ({"transfer-encoding": "gzip"}, "gzip"),
    ],
)
def test_body_length_refuses(headers: dict[str, str], message: str) -> None:
    with pytest.raises(LeanHttpError, match=message):
        body_length(headers)
