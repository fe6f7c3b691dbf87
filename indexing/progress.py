"""One progress display for a whole index build: the kind being embedded and the overall count.

On a terminal it is a single bar (tqdm) whose label names the kind; otherwise (CI logs, a pipe)
it prints a line about every ``interval`` seconds, so a long build never looks stuck and a log
does not fill with carriage returns.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO


class IndexProgress:
    """Counts embedded documents against ``total``; ``kind`` is what is being embedded now.

    ``stream`` defaults to stderr; ``clock`` is ``time.monotonic`` (a test gives its own).
    Use as a context manager: the bar is closed, or a final line printed, at the end.
    """

    def __init__(
        self,
        total: int,
        *,
        stream: TextIO | None = None,
        interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        terminal: bool | None = None,
    ) -> None:
        self.total = total
        self.done = 0
        self.kind = ""
        self._stream = stream if stream is not None else sys.stderr
        self._interval = interval
        self._clock = clock
        self._started = clock()
        self._last_line = self._started
        is_tty = getattr(self._stream, "isatty", lambda: False)()
        self._terminal = is_tty if terminal is None else terminal
        self._bar: Any = None

    def __enter__(self) -> IndexProgress:
        if self._terminal and self.total:
            from tqdm import tqdm

            self._bar = tqdm(
                total=self.total, unit="doc", desc="embedding", file=self._stream, leave=False
            )
        elif self.total:
            self._line(f"embedding {self.total:,} documents")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self.total and self.done:
            self._line(f"embedded {self.done:,} of {self.total:,} documents", elapsed=True)

    def start(self, kind: str) -> None:
        """The documents embedded from now on are of ``kind``."""
        self.kind = kind
        if self._bar is not None:
            self._bar.set_description(f"embedding {kind}s")

    def advance(self, n: int) -> None:
        """``n`` more documents are embedded."""
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            return
        now = self._clock()
        if now - self._last_line >= self._interval:
            self._last_line = now
            share = self.done / self.total if self.total else 1.0
            self._line(
                f"embedding {self.kind}s: {self.done:,} of {self.total:,} documents ({share:.0%})",
                elapsed=True,
            )

    def _line(self, text: str, elapsed: bool = False) -> None:
        if elapsed:
            text += f", {self._clock() - self._started:.0f}s"
        print(f"  {text}", file=self._stream, flush=True)
