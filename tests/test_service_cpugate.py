"""The CPU gate hands its slots over in arrival order (``service.cpugate.FairSlots``).

Why it matters: with a plain semaphore a thread back from a slow provider took a freed slot
before the waiter it was meant for woke, so a burst's late requests reached their provider
call last and the CPU idled through their wait (benchmarks/service_load.py --only-slow).
"""

from __future__ import annotations

import threading
import time

import pytest

from nodepilot.config import Settings
from service.cpugate import FairSlots, StageGate
from service.runtime import Runtime

#: bound on waiting for a thread to queue or finish (a loaded CI machine)
DEADLINE_S = 30.0


def _until(condition: object) -> None:
    """Poll an observable state (a queue length) with a deadline; never a timed sleep."""
    deadline = time.monotonic() + DEADLINE_S
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the state never came"
        time.sleep(0)  # yield the GIL to the thread being waited for


def _queue_waiters(slots: FairSlots, count: int) -> list[threading.Thread]:
    """Start ``count`` threads that acquire a slot, one after the other has queued."""
    threads = []
    for i in range(count):
        thread = threading.Thread(target=slots.acquire, name=f"waiter-{i}")
        thread.start()
        _until(lambda i=i: slots.waiting == i + 1)
        threads.append(thread)
    return threads


def test_released_slots_go_to_the_waiters_in_arrival_order() -> None:
    slots = FairSlots(2)
    assert slots.acquire() and slots.acquire()
    threads = _queue_waiters(slots, 5)
    for served, thread in enumerate(threads):
        slots.release()
        thread.join(DEADLINE_S)
        assert not thread.is_alive(), f"{thread.name} was not served by release {served + 1}"
        assert all(t.is_alive() for t in threads[served + 1 :]), "a later waiter went first"
    assert slots.waiting == 0


def test_a_thread_arriving_after_a_release_does_not_jump_the_queue() -> None:
    slots = FairSlots(1)
    assert slots.acquire()
    (waiter,) = _queue_waiters(slots, 1)
    slots.release()
    assert slots.acquire(blocking=False) is False  # the slot is the waiter's already
    waiter.join(DEADLINE_S)
    assert not waiter.is_alive()
    slots.release()
    assert slots.acquire(blocking=False) is True


def test_never_more_holders_than_slots_and_every_slot_comes_back() -> None:
    slots, holders, most = FairSlots(3), [0], [0]
    count = threading.Lock()

    def work() -> None:
        for _ in range(300):
            blocking = threading.get_ident() % 2 == 0
            if not slots.acquire(blocking=blocking):
                continue
            with count:
                holders[0] += 1
                most[0] = max(most[0], holders[0])
            with count:
                holders[0] -= 1
            slots.release()

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DEADLINE_S)
    assert 1 <= most[0] <= 3
    assert [slots.acquire(blocking=False) for _ in range(4)] == [True, True, True, False]


def test_a_gate_without_slots_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one slot"):
        FairSlots(0)


def test_the_runtime_gates_generations_with_fair_slots() -> None:
    runtime = Runtime(Settings())
    assert isinstance(runtime.cpu_slots, FairSlots)
    gate = StageGate(runtime.cpu_slots, remote=True)
    gate.start("intent")
    assert gate.holding
    gate.start("generation")  # waiting on a remote model: the slot goes back
    assert not gate.holding
    gate.done()
