"""A worker runs with a short thread switch interval (``service.runtime.SWITCH_INTERVAL_MS``),
so its event loop waits less for the GIL while generation threads compute; the app sets it for
as long as it serves and gives the process its own back when it stops (an app run inside a
test's process). Its effect on /api/health under load is a benchmark figure
(benchmarks/service_load.py), not a test."""

from __future__ import annotations

import sys

import pytest
from service_support import service_client

from nodepilot.config import Settings
from service.runtime import (
    SWITCH_INTERVAL_ENV,
    SWITCH_INTERVAL_MS,
    switch_interval,
    switch_interval_s,
)


def test_default_is_shorter_than_pythons() -> None:
    assert SWITCH_INTERVAL_MS / 1000 < 0.005  # Python's default


@pytest.mark.parametrize(
    ("given", "expected_ms"),
    [
        (None, SWITCH_INTERVAL_MS),
        ("2.5", 2.5),
        ("0.5", 0.5),
        ("0", SWITCH_INTERVAL_MS),
        ("-3", SWITCH_INTERVAL_MS),
        ("nan", SWITCH_INTERVAL_MS),
        ("fast", SWITCH_INTERVAL_MS),
        ("1e9", SWITCH_INTERVAL_MS),
        ("10", 10.0),
        ("10.5", SWITCH_INTERVAL_MS),
    ],
)
def test_environment_sets_the_interval(
    monkeypatch: pytest.MonkeyPatch, given: str | None, expected_ms: float
) -> None:
    if given is None:
        monkeypatch.delenv(SWITCH_INTERVAL_ENV, raising=False)
    else:
        monkeypatch.setenv(SWITCH_INTERVAL_ENV, given)
    assert switch_interval_s() == pytest.approx(expected_ms / 1000)


def test_block_sets_then_restores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH_INTERVAL_ENV, "0.75")
    before = sys.getswitchinterval()
    with switch_interval():
        assert sys.getswitchinterval() == pytest.approx(0.00075)
    assert sys.getswitchinterval() == before


def test_the_app_serves_with_it_and_gives_it_back(
    migrated_db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SWITCH_INTERVAL_ENV, "1.5")
    before = sys.getswitchinterval()
    with service_client(migrated_db) as client:
        assert client.get("/api/config/public").status_code == 200
        assert sys.getswitchinterval() == pytest.approx(0.0015)
    assert sys.getswitchinterval() == before
