"""An ordered registry of small named rules (the pattern ``eval.metrics`` uses for metrics).

Why: the spec builder (``engine.spec.SPEC_RULES``) and the modifier
(``engine.offline.modify.CHANGE_RULES``) are each a list of rule functions run in order over a
draft; adding or removing a rule touches one place, and a name registered twice is an error.

Leaving a rule out (:meth:`Rules.without`, the per-rule tests' ablation) holds for the current
context only (a ``contextvars`` variable), never by changing the registry: the service runs
generations in threads, and a global swap would run them without the rule too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, TypeVar

T = TypeVar("T")


class Rules(Generic[T]):
    """Rule functions over a ``T``, in the order they were registered."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._rules: list[Callable[[T], None]] = []
        self._skipped: ContextVar[frozenset[str]] = ContextVar(
            f"skipped {kind}s", default=frozenset()
        )

    def register(self, fn: Callable[[T], None]) -> Callable[[T], None]:
        """Decorator: ``fn`` becomes the next rule (each name once)."""
        if any(r.__name__ == fn.__name__ for r in self._rules):
            raise ValueError(f"{self.kind} {fn.__name__!r} is registered twice")
        self._rules.append(fn)
        return fn

    def run(
        self,
        draft: T,
        until: Callable[[T], bool] | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> None:
        """Every rule over ``draft``, in order; with ``until``, none after the first rule
        that makes ``until(draft)`` true (rules where the first to answer wins). The rules
        named in ``skip``, or left out by :meth:`without` in this context, do not run."""
        unknown = skip - {r.__name__ for r in self._rules}
        if unknown:
            raise KeyError(f"no {self.kind} {sorted(unknown)}")
        left_out = skip | self._skipped.get()
        for rule in self._rules:
            if rule.__name__ in left_out:
                continue
            rule(draft)
            if until is not None and until(draft):
                return

    @contextmanager
    def without(self, name: str) -> Iterator[None]:
        """Every :meth:`run` in the current context (this thread, or this task and the tasks it
        starts) leaves the rule ``name`` out for the ``with`` block: what a rule does is what
        changes when it is gone (the per-rule tests' ablation check). Other threads still run
        it, and the registry itself is unchanged."""
        if not any(r.__name__ == name for r in self._rules):
            raise KeyError(f"no {self.kind} {name!r}")
        token = self._skipped.set(self._skipped.get() | {name})
        try:
            yield
        finally:
            self._skipped.reset(token)

    def __iter__(self) -> Iterator[Callable[[T], None]]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __getitem__(self, index: int) -> Callable[[T], None]:
        return self._rules[index]
