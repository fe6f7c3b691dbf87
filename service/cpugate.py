"""Few threads compute at once; many may wait on a remote model.

Generations run in threads (off the event loop). A hundred of them doing CPU work together
would starve the event loop of the GIL, and ``/api/health`` with it. So each generation holds a
slot of a small per-process semaphore during CPU stages (intent, optimize, retrieval,
validation, ...) and gives it back while a remote provider is awaited (generation, answer).

The slots are handed over in arrival order (``FairSlots``). With a plain semaphore a thread
just back from the provider usually took a freed slot before the waiter it was meant for
could wake, so a burst's late requests reached their provider call last, after the early ones
had finished: the CPU then sat idle through the last requests' 2 s wait. In arrival order,
every request of a burst gets to its provider call first and the short finishing work fills
those waits (a simulation of 200 chats at once, 34 ms of CPU before the call and 19 ms after,
2 cores: all done at 5.4 s in arrival order, 6.7 s when the returning threads go first).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable


class FairSlots:
    """A counting semaphore that serves its waiters first come, first served.

    ``release`` hands the slot straight to the longest waiter (it never becomes free in
    between, so no thread can jump the queue), and a non-blocking ``acquire`` fails while
    anyone waits. No waiter starves: each is served after those before it.
    """

    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError(f"a CPU gate needs at least one slot, not {slots}")
        self._free = slots
        self._lock = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()

    @property
    def waiting(self) -> int:
        """Threads queued for a slot now."""
        return len(self._waiters)

    def acquire(self, blocking: bool = True) -> bool:
        with self._lock:
            if self._free and not self._waiters:
                self._free -= 1
                return True
            if not blocking:
                return False
            baton = threading.Lock()
            baton.acquire()
            self._waiters.append(baton)
        baton.acquire()  # released by ``release``: the slot it frees is this thread's
        return True

    def release(self) -> None:
        with self._lock:
            if self._waiters:
                self._waiters.popleft().release()
            else:
                self._free += 1


#: Stages that mostly wait on a remote model (when the provider is not the offline one).
WAIT_STAGES = frozenset({"generation", "answer"})


class StageGate:
    """Acquire/release one CPU slot as the pipeline's stages begin (one per generation)."""

    def __init__(
        self,
        slots: FairSlots,
        remote: bool,
        on_wait: Callable[[], None] | None = None,
    ) -> None:
        self.slots = slots
        self.remote = remote
        #: what else to let go of while waiting (the database connection), for a remote
        #: model or for a CPU slot
        self.on_wait = on_wait
        self.holding = False

    def start(self, stage: str) -> None:
        if self.remote and stage in WAIT_STAGES:
            self.done()
            if self.on_wait is not None:
                self.on_wait()
        elif not self.holding:
            if not self.slots.acquire(blocking=False):
                if self.on_wait is not None:  # nothing held while waiting for a slot either
                    self.on_wait()
                self.slots.acquire()
            self.holding = True

    def done(self) -> None:
        if self.holding:
            self.holding = False
            self.slots.release()
