"""Paired bootstrap and exact McNemar against values known by hand or from scipy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.stats import (
    binomial_two_sided,
    mcnemar_exact,
    pair_values,
    paired_bootstrap,
)

# (A-only, B-only, p) worked out by hand: p = 2 * sum_{i<=min} C(n, i) / 2^n.
HAND_MCNEMAR = [
    (1, 6, 2 * (1 + 7) / 2**7),  # 0.125
    (0, 5, 2 / 2**5),  # 0.0625
    (2, 2, 1.0),  # symmetric: capped at 1
    (0, 0, 1.0),  # no discordant pair
    (0, 10, 2 / 2**10),
    (3, 12, 2 * (1 + 15 + 105 + 455) / 2**15),
]


def outcomes(a_only: int, b_only: int, both: int = 4, neither: int = 3) -> tuple[list, list]:
    a = [1] * a_only + [0] * b_only + [1] * both + [0] * neither
    b = [0] * a_only + [1] * b_only + [1] * both + [0] * neither
    return a, b


@pytest.mark.parametrize(("a_only", "b_only", "p"), HAND_MCNEMAR)
def test_mcnemar_exact_hand_values(a_only: int, b_only: int, p: float) -> None:
    a, b = outcomes(a_only, b_only)
    result = mcnemar_exact(a, b)
    assert (result.a_only, result.b_only) == (a_only, b_only)
    assert result.p_value == pytest.approx(p)


@pytest.mark.parametrize(("k", "n"), [(0, 1), (1, 9), (4, 20), (17, 60), (30, 61)])
def test_binomial_matches_scipy(k: int, n: int) -> None:
    stats = pytest.importorskip("scipy.stats")
    assert binomial_two_sided(k, n) == pytest.approx(stats.binomtest(k, n, 0.5).pvalue)


def test_mcnemar_rejects_non_binary_values() -> None:
    with pytest.raises(ValueError, match="binary"):
        mcnemar_exact([0.5], [1])
    with pytest.raises(ValueError, match="equally long"):
        mcnemar_exact([1, 0], [1])


def test_bootstrap_constant_difference_has_a_point_interval() -> None:
    a = np.linspace(0, 1, 50)
    ci = paired_bootstrap(a, a + 0.25)
    assert ci.delta == pytest.approx(0.25)
    assert ci.low == pytest.approx(0.25) and ci.high == pytest.approx(0.25)
    assert ci.resamples >= 10_000


def test_bootstrap_interval_matches_the_normal_approximation() -> None:
    # Differences of N(0.1, 1) over 400 pairs: the 95% CI is close to mean +/- 1.96 sd/sqrt(n).
    rng = np.random.default_rng(7)
    d = rng.normal(0.1, 1.0, 400)
    ci = paired_bootstrap(np.zeros(400), d)
    half = 1.96 * d.std(ddof=1) / np.sqrt(400)
    assert ci.delta == pytest.approx(d.mean())
    assert ci.low == pytest.approx(d.mean() - half, abs=0.01)
    assert ci.high == pytest.approx(d.mean() + half, abs=0.01)


def test_bootstrap_two_valued_differences() -> None:
    # 30 of 100 pairs improve by 1, the rest do not change: mean 0.3, sd of the mean
    # sqrt(0.3 * 0.7 / 100) = 0.0458 -> CI about [0.21, 0.39].
    a = [0] * 100
    b = [1] * 30 + [0] * 70
    ci = paired_bootstrap(a, b)
    assert ci.delta == pytest.approx(0.3)
    assert ci.low == pytest.approx(0.21, abs=0.015)
    assert ci.high == pytest.approx(0.39, abs=0.015)


def test_bootstrap_is_seeded() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.random(60), rng.random(60)
    assert paired_bootstrap(a, b, seed=3) == paired_bootstrap(a, b, seed=3)
    assert paired_bootstrap(a, b, seed=3) != paired_bootstrap(a, b, seed=4)


def test_bootstrap_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="no paired"):
        paired_bootstrap([], [])
    with pytest.raises(ValueError, match="equally long"):
        paired_bootstrap([1, 2], [1])
    with pytest.raises(ValueError, match="1,000"):
        paired_bootstrap([1], [1], resamples=10)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=40))
def test_bootstrap_interval_contains_the_observed_mean(pairs: list[tuple[float, float]]) -> None:
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    ci = paired_bootstrap(a, b, resamples=2000)
    assert ci.low - 1e-9 <= ci.delta <= ci.high + 1e-9
    assert min(np.subtract(b, a)) - 1e-9 <= ci.low


def test_pair_values_keeps_common_ids_in_order() -> None:
    ids, a, b = pair_values({"x": 1.0, "y": 0.0, "z": 1.0}, {"z": 0.0, "x": 1.0, "w": 1.0})
    assert ids == ["x", "z"] and a == [1.0, 1.0] and b == [1.0, 0.0]
