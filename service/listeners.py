"""One listening socket per worker (``SO_REUSEPORT``), so the kernel spreads connections evenly.

With one socket shared by every worker, the worker whose event loop wakes first accepts every
connection waiting: a client opening its pool of keep-alive connections at once (an app
backend, a benchmark) lands on one worker. Measured on ``nodepilot serve --workers 2``: 147/53,
140/60 and 165/35 of 200 connections, and 2 of 7 bursts of 32 served by one worker alone.
With ``SO_REUSEPORT`` the kernel hashes each new connection to one of the sockets of the port.

uvicorn's supervisor hands every worker the same list of sockets; ``WorkerSockets`` is that
list, and inside a worker it yields only the socket the worker claimed (an exclusive lock on
a file per socket, released by the kernel when the worker exits, so a replacement worker
claims the socket of the one it replaces). A worker finding no free socket (more workers
than sockets) listens on all of them. The supervisor keeps every socket open, so
connections reaching the socket of a worker being replaced wait for its replacement.
"""

from __future__ import annotations

import fcntl
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nodepilot.errors import UserError


def can_balance() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and os.name == "posix"


def _in_use(host: str, port: int) -> bool:
    """Whether something already accepts connections on host:port (a reuse-port bind would
    succeed next to another of our own servers and silently share its traffic)."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _bound(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def worker_sockets(host: str, port: int, workers: int) -> WorkerSockets:
    """``workers`` sockets bound to host:port (UserError when the port is taken)."""
    if _in_use(host, port):
        raise UserError(f"{host}:{port} is already in use", hint="choose another --port")
    sockets: list[socket.socket] = []
    try:
        for _ in range(workers):
            sockets.append(_bound(host, port))
    except OSError as exc:
        for sock in sockets:
            sock.close()
        raise UserError(f"cannot listen on {host}:{port}: {exc}") from None
    return WorkerSockets(sockets, tempfile.mkdtemp(prefix="nodepilot-workers-"))


class WorkerSockets(list):
    """All workers' sockets in the supervisor; in a worker, the one socket it claimed."""

    def __init__(self, sockets: list[socket.socket], lock_dir: str) -> None:
        super().__init__(sockets)
        self.lock_dir = lock_dir
        self.owner_pid = os.getpid()
        self.claimed: Any = None  # (index, open lock file) in a worker

    def __iter__(self) -> Iterator[socket.socket]:
        if os.getpid() == self.owner_pid:  # the supervisor (and pickling for a new worker)
            return super().__iter__()
        index = self._claim()
        everything = list(super().__iter__())
        return iter(everything if index is None else [everything[index]])

    def _claim(self) -> int | None:
        if self.claimed is not None:
            return self.claimed[0]
        for index in range(len(self)):
            handle = open(Path(self.lock_dir) / f"socket-{index}.lock", "a")  # noqa: SIM115
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                continue
            self.claimed = (index, handle)  # held open (and locked) while this worker lives
            return index
        return None
