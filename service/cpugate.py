"""Few threads compute at once; many may wait on a remote model.

Generations run in threads (off the event loop). A hundred of them doing CPU work together
would starve the event loop of the GIL, and ``/api/health`` with it. So each generation holds a
slot of a small per-process semaphore during CPU stages (intent, optimize, retrieval,
validation, ...) and gives it back while a remote provider is awaited (generation, answer).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

#: Stages that mostly wait on a remote model (when the provider is not the offline one).
WAIT_STAGES = frozenset({"generation", "answer"})


class StageGate:
    """Acquire/release one CPU slot as the pipeline's stages begin (one per generation)."""

    def __init__(
        self,
        slots: threading.Semaphore,
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
