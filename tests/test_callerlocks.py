"""``service.callerlocks``: one caller's sign-ins take bounded turns in a process."""

from __future__ import annotations

import threading

import pytest

from service.callerlocks import CallerLocks


def _other_stripe_key(locks: CallerLocks, key: str) -> str:
    """A key whose stripe differs from ``key``'s (found by trying, as hashes vary per run)."""
    stripes = locks.stripes
    return next(
        f"other-{i}" for i in range(10_000) if hash(f"other-{i}") % stripes != hash(key) % stripes
    )


def test_a_caller_gets_in_flight_turns_and_then_waits() -> None:
    locks = CallerLocks(in_flight=2)
    with locks.turn("token-a"):
        assert not locks.would_wait("token-a")
        with locks.turn("token-a"):
            assert locks.would_wait("token-a")
        assert not locks.would_wait("token-a")


def test_another_callers_stripe_is_not_held_up() -> None:
    locks = CallerLocks(in_flight=1)
    other = _other_stripe_key(locks, "token-a")
    with locks.turn("token-a"):
        assert locks.would_wait("token-a")
        assert not locks.would_wait(other)


def test_a_waiting_sign_in_goes_in_when_a_turn_ends() -> None:
    locks = CallerLocks(in_flight=1)
    entered = threading.Event()

    def sign_in() -> None:
        with locks.turn("token-a"):
            entered.set()

    with locks.turn("token-a"):
        waiter = threading.Thread(target=sign_in)
        waiter.start()
        assert not entered.is_set()  # it cannot have a turn while this one holds the only one
    waiter.join(timeout=10)
    assert entered.is_set() and not waiter.is_alive()


def test_a_turn_ended_by_an_error_is_given_back() -> None:
    locks = CallerLocks(in_flight=1)
    with pytest.raises(RuntimeError), locks.turn("token-a"):
        raise RuntimeError("the sign-in failed")
    assert not locks.would_wait("token-a")


@pytest.mark.parametrize("stripes, in_flight", [(0, 1), (1, 0), (-3, 2)])
def test_a_lock_set_needs_a_stripe_and_a_turn(stripes: int, in_flight: int) -> None:
    with pytest.raises(ValueError, match="at least one stripe"):
        CallerLocks(stripes, in_flight)
