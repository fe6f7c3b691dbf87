"""A minimal keep-alive HTTP/1.1 client for the service benchmarks: the load generator's own cost
kept out of the service's figures.

The service benchmarks run their client on the same 2 cores as the service. httpx's async client
sends and parses in pure Python (h11 over anyio): measured in session 15, alternating on the same
server (``service_load.py`` prints its httpx arm beside this client's), it spent 2.4 ms
of CPU per chat request against 0.27 ms for this client, and each c=1 chat took 3.4 ms longer
from the client's side (``GET /api/health``: 1.39 against 0.41 ms).
That time is the client library's, not the service's, so counting it as "the service's overhead
over the in-process pipeline" overstated the overhead, and at concurrency 32 it took a core's
share away from the service under test. Load generators are lean for that reason (wrk, k6);
this is the same idea in a few lines of asyncio, with httpx kept as a reference arm.

It speaks only what the service answers on these routes: a status line, headers, and a body of
``Content-Length`` bytes on a connection that stays open. Anything else (a chunked body, a
closed connection, a malformed status line) raises :class:`LeanHttpError` naming what it saw,
so a change in the service's framing fails the benchmark loudly instead of mis-timing it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


class LeanHttpError(RuntimeError):
    """The server answered in a form this client does not read (see the module docstring)."""


@dataclass(frozen=True)
class LeanResponse:
    status_code: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.content)


def _digits(text: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts "²" and other digits ``int`` refuses."""
    return bool(text) and all("0" <= char <= "9" for char in text)


def parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    """Status code and headers (names lower-cased) of a response head ending in CRLF CRLF."""
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not _digits(parts[1]):
        raise LeanHttpError(f"not an HTTP/1.x status line: {lines[0]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise LeanHttpError(f"malformed header line: {line!r}")
        headers[name.strip().lower()] = value.strip()
    return int(parts[1]), headers


def body_length(headers: dict[str, str]) -> int:
    """The body's byte count; a framing other than ``Content-Length`` is refused."""
    if "transfer-encoding" in headers:
        raise LeanHttpError(f"transfer-encoding {headers['transfer-encoding']!r} not supported")
    length = headers.get("content-length", "0")
    if not _digits(length):
        raise LeanHttpError(f"bad content-length {length!r}")
    return int(length)


class LeanConnection:
    """One kept-alive connection; one request at a time (the caller keeps it that way)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise LeanHttpError(f"only http://host:port URLs are supported, got {url!r}")
        self.host, self.port = parts.hostname, parts.port or 80
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, json_body: Any = None
    ) -> LeanResponse:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        body = b"" if json_body is None else json.dumps(json_body).encode()
        lines = [f"{method} {path} HTTP/1.1", f"host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if json_body is not None:
            lines += ["content-type: application/json", f"content-length: {len(body)}"]
        self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        try:
            head = await self._reader.readuntil(b"\r\n\r\n")
            status, response_headers = parse_head(head)
            content = await self._reader.readexactly(body_length(response_headers))
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            await self.close()
            raise LeanHttpError(f"{method} {path}: connection closed mid-response") from error
        if response_headers.get("connection", "").lower() == "close":
            await self.close()
        return LeanResponse(status, response_headers, content)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = self._reader = None


class LeanPool:
    """``size`` connections to one server; a request waits for a free one (httpx's pool limit)."""

    def __init__(self, url: str, size: int) -> None:
        self._all = [LeanConnection(url) for _ in range(size)]
        self._free: asyncio.Queue[LeanConnection] = asyncio.Queue()
        for connection in self._all:
            self._free.put_nowait(connection)

    async def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, json_body: Any = None
    ) -> LeanResponse:
        connection = await self._free.get()
        try:
            return await connection.request(method, path, headers, json_body)
        finally:
            self._free.put_nowait(connection)

    async def post(self, path: str, json: Any, headers: dict[str, str] | None = None) -> Any:
        return await self.request("POST", path, headers, json)

    async def get(self, path: str, headers: dict[str, str] | None = None) -> LeanResponse:
        return await self.request("GET", path, headers)

    async def aclose(self) -> None:
        for connection in self._all:
            await connection.close()


@asynccontextmanager
async def lean_pool(url: str, size: int = 1) -> AsyncIterator[LeanPool]:
    pool = LeanPool(url, size)
    try:
        yield pool
    finally:
        await pool.aclose()
