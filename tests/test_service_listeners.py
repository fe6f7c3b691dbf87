"""Each worker of ``nodepilot serve --workers N`` listens on a socket of its own: in a worker,
the socket list uvicorn hands over yields only the socket that worker claimed, a replacement
worker claims the socket of the worker it replaces, and a taken port is refused."""

from __future__ import annotations

import multiprocessing
import socket

import pytest

from nodepilot.errors import UserError
from service import listeners


def _claimed_port(sockets: listeners.WorkerSockets, done) -> None:  # noqa: ANN001
    mine = list(iter(sockets))
    done.put([s.getsockname()[1] for s in mine] + [sockets.claimed[0]])
    done.get()  # hold the claim until the test says so


def test_each_worker_claims_its_own_socket() -> None:
    sockets = listeners.worker_sockets("127.0.0.1", 0, 1)  # port 0: only to get a free one
    port = list.__getitem__(sockets, 0).getsockname()[1]
    for sock in list.__iter__(sockets):
        sock.close()
    sockets = listeners.worker_sockets("127.0.0.1", port, 2)
    assert len(list(iter(sockets))) == 2  # the supervisor sees every socket
    spawn = multiprocessing.get_context("spawn")
    queues = [spawn.Queue(), spawn.Queue()]
    workers = [spawn.Process(target=_claimed_port, args=(sockets, q)) for q in queues]
    try:
        for worker in workers:
            worker.start()
        first, second = (q.get(timeout=60) for q in queues)
        assert first[0] == second[0] == port
        assert {first[-1], second[-1]} == {0, 1}  # one socket each
        queues[0].put("exit")
        workers[0].join(timeout=30)
        replacement = spawn.Process(target=_claimed_port, args=(sockets, queues[0]))
        replacement.start()
        workers.append(replacement)
        assert queues[0].get(timeout=60)[-1] == first[-1]  # the freed socket
    finally:
        for queue in queues:
            queue.put("exit")
        for worker in workers:
            worker.join(timeout=30)
        for sock in list.__iter__(sockets):
            sock.close()


def test_taken_port_is_refused() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(UserError, match="already in use"):
            listeners.worker_sockets("127.0.0.1", taken.getsockname()[1], 2)
