"""An ordered registry of small named rules (the pattern ``eval.metrics`` uses for metrics).

Why: the spec builder (``engine.spec.SPEC_RULES``) and the modifier
(``engine.offline.modify.CHANGE_RULES``) are each a list of rule functions run in order over a
draft; adding or removing a rule touches one place, and a name registered twice is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


class Rules(Generic[T]):
    """Rule functions over a ``T``, in the order they were registered."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._rules: list[Callable[[T], None]] = []

    def register(self, fn: Callable[[T], None]) -> Callable[[T], None]:
        """Decorator: ``fn`` becomes the next rule (each name once)."""
        if any(r.__name__ == fn.__name__ for r in self._rules):
            raise ValueError(f"{self.kind} {fn.__name__!r} is registered twice")
        self._rules.append(fn)
        return fn

    def run(self, draft: T, until: Callable[[T], bool] | None = None) -> None:
        """Every rule over ``draft``, in order; with ``until``, none after the first rule
        that makes ``until(draft)`` true (rules where the first to answer wins)."""
        for rule in self._rules:
            rule(draft)
            if until is not None and until(draft):
                return

    @contextmanager
    def without(self, name: str) -> Iterator[None]:
        """The registry with the rule ``name`` left out for the ``with`` block: what a rule
        does is what changes when it is gone (the per-rule tests' ablation check)."""
        kept = self._rules
        if not any(r.__name__ == name for r in kept):
            raise KeyError(f"no {self.kind} {name!r}")
        self._rules = [r for r in kept if r.__name__ != name]
        try:
            yield
        finally:
            self._rules = kept

    def __iter__(self) -> Iterator[Callable[[T], None]]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __getitem__(self, index: int) -> Callable[[T], None]:
        return self._rules[index]
