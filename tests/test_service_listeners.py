"""Each worker of ``nodepilot serve --workers N`` listens on a socket of its own: in a worker,
the socket list uvicorn hands over yields only the socket that worker claimed, a replacement
worker claims the socket of the worker it replaces, and a taken port is refused.

Workers are simulated in this process: each is a copy of the list as a worker receives it
(through multiprocessing's pickler) whose owner is another process; the claims are file
locks, which conflict between two open files in one process as between processes.
(tests/test_service_workers.py runs the real ``serve --workers 2``.)"""

from __future__ import annotations

import socket
from multiprocessing.reduction import ForkingPickler

import pytest

from nodepilot.errors import UserError
from service import listeners


def _as_received_by_a_worker(sockets: listeners.WorkerSockets) -> listeners.WorkerSockets:
    copy = ForkingPickler.loads(ForkingPickler.dumps(sockets))
    copy.owner_pid = -1  # not the supervisor
    return copy


def test_each_worker_claims_its_own_socket() -> None:
    sockets = listeners.worker_sockets("127.0.0.1", 0, 1)  # port 0: only to get a free one
    port = list.__getitem__(sockets, 0).getsockname()[1]
    for sock in list.__iter__(sockets):
        sock.close()
    sockets = listeners.worker_sockets("127.0.0.1", port, 2)
    workers = []
    try:
        assert len(list(iter(sockets))) == 2  # the supervisor sees every socket
        first, second, extra = (_as_received_by_a_worker(sockets) for _ in range(3))
        workers += [first, second, extra]
        mine = [list(iter(w)) for w in (first, second)]
        assert [len(m) for m in mine] == [1, 1]
        assert {m[0].getsockname()[1] for m in mine} == {port}
        assert {first.claimed[0], second.claimed[0]} == {0, 1}
        assert len(list(iter(extra))) == 2 and extra.claimed is None  # none free: all
        first.claimed[1].close()  # the first worker exits: its lock goes with it
        replacement = _as_received_by_a_worker(sockets)
        workers.append(replacement)
        assert len(list(iter(replacement))) == 1
        assert replacement.claimed[0] == first.claimed[0]
    finally:
        for copy in [sockets, *workers]:
            for sock in list.__iter__(copy):
                sock.close()
            if copy.claimed is not None:
                copy.claimed[1].close()


def test_taken_port_is_refused() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(UserError, match="already in use"):
            listeners.worker_sockets("127.0.0.1", taken.getsockname()[1], 2)
