"""Fixtures and helpers for the service tests: an in-process app (Starlette TestClient, real
PostgreSQL), dev tokens, users with a chosen balance, and a real ``nodepilot serve`` process
on a free loopback port for the multi-worker tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psycopg
from starlette.testclient import TestClient

from nodepilot.config import Settings

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = ("127.0.0.1", 50000)


def unique_email(tag: str = "user") -> str:
    return f"{tag}-{uuid.uuid4().hex[:10]}@example.com"


def dev_token(settings: Settings, email: str) -> str:
    from service.auth import devtokens

    return devtokens.create_token(settings, email)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def service_client(settings: Settings, **overrides: Any) -> Iterator[TestClient]:
    """The app for ``settings`` (+ overrides) behind a TestClient whose client is loopback."""
    from service.app import create_app

    app = create_app(settings.model_copy(update=overrides))
    with TestClient(app, client=LOOPBACK, raise_server_exceptions=False) as client:
        yield client


def sign_in(client: TestClient, settings: Settings, email: str | None = None) -> dict[str, str]:
    """Headers of a new signed-in user (created by their first request)."""
    headers = auth(dev_token(settings, email or unique_email()))
    assert client.get("/api/users/me", headers=headers).status_code == 200
    return headers


def user_id_of(conn: psycopg.Connection, email: str) -> uuid.UUID:
    return conn.execute("SELECT id FROM users WHERE email = %s", (email,)).fetchone()[0]


def set_balance(conn: psycopg.Connection, email: str, credits: int) -> uuid.UUID:
    """Give the user exactly ``credits`` through the ledger (an adjustment row)."""
    from service import ledger

    user_id = user_id_of(conn, email)
    current = ledger.balance(conn, user_id)
    if credits > current:
        ledger.grant(conn, user_id, credits - current, "adjustment", "test balance")
    elif credits < current:
        ledger.debit_up_to(conn, user_id, current - credits, "adjustment", "test balance")
    conn.commit()
    return user_id


def ledger_rows(conn: psycopg.Connection, user_id: uuid.UUID) -> list[tuple]:
    return conn.execute(
        """SELECT amount, transaction_type, remaining_balance FROM credit_history
           WHERE user_id = %s ORDER BY created_at, remaining_balance DESC""",
        (user_id,),
    ).fetchall()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServeProcess:
    """A real ``nodepilot serve`` subprocess; ``url`` once it answers /api/config/public."""

    def __init__(self, env: dict[str, str], workers: int = 2, args: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [
            sys.executable,
            "-m",
            "nodepilot.cli",
            "serve",
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--no-access-log",
            *args,
        ]
        self.log = open(Path(env["NODEPILOT_DATA_DIR"]) / f"serve-{self.port}.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=self.log, stderr=self.log)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited with {self.proc.returncode}: {self.output()}")
            try:
                httpx.get(f"{self.url}/api/health", timeout=5)  # any answer: it is up
                return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)  # polling a starting process: there is no event to wait on
        raise RuntimeError(f"serve did not start: {self.output()}")

    def output(self) -> str:
        self.log.flush()
        return (Path(self.log.name).read_text(errors="replace"))[-3000:]

    def stop(self) -> int:
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=60)
        finally:
            self.log.close()


def serve_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["NODEPILOT_DATA_DIR"] = str(settings.data_dir)
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env.update(extra)
    return env


@contextmanager
def running_service(
    settings: Settings, workers: int = 2, args: tuple[str, ...] = (), **extra: str
) -> Iterator[ServeProcess]:
    server = ServeProcess(serve_env(settings, **extra), workers=workers, args=args)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()
