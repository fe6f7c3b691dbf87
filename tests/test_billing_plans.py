"""The plans config: the shipped file, price ids from the environment, and clear errors."""

from __future__ import annotations

import pytest

from nodepilot.errors import UserError
from service.billing.plans import PRICE_ENV_PREFIX, Pack, Plan, load_catalog, parse_catalog


def test_shipped_plans_match_the_offer(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("STARTER", "PRO", "PAYG_100"):
        monkeypatch.delenv(PRICE_ENV_PREFIX + key, raising=False)
    load_catalog.cache_clear()
    catalog = load_catalog()
    assert {k: (p.price_usd, p.interval) for k, p in catalog.plans.items()} == {
        "starter": (14, "month"),
        "pro": (21, "month"),
    }
    assert {k: (p.price_usd, p.credits) for k, p in catalog.packs.items()} == {"payg_100": (8, 100)}
    assert catalog.trial_name == "Free Trial"
    assert all(p.price_id is None for p in (*catalog.plans.values(), *catalog.packs.values()))
    load_catalog.cache_clear()


def test_price_ids_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PRICE_ENV_PREFIX + "PRO", "price_live_pro")
    monkeypatch.setenv(PRICE_ENV_PREFIX + "PAYG_100", "price_live_pack")
    load_catalog.cache_clear()
    catalog = load_catalog()
    found = catalog.by_price_id("price_live_pro")
    assert isinstance(found, Plan) and found.key == "pro"
    assert isinstance(catalog.by_price_id("price_live_pack"), Pack)
    assert catalog.by_price_id("price_other") is None and catalog.by_price_id(None) is None
    load_catalog.cache_clear()


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (
            {"plans": {"pro": {"price_usd": 21, "credits_per_period": -5}}},
            "plans.pro.credits_per_period must be a non-negative number",
        ),
        (
            {"plans": {"pro": {"price_usd": "21", "credits_per_period": 5}}},
            "plans.pro.price_usd must be a non-negative number",
        ),
        ({"packs": {"p": {"price_usd": 8, "credits": 2.5}}}, "packs.p.credits must be a whole"),
        (
            {"packs": {"p": {"price_usd": 8, "credits": 1, "price_id": 7}}},
            "packs.p.price_id must be a string",
        ),
        (
            {
                "plans": {"x": {"price_usd": 1, "credits_per_period": 1}},
                "packs": {"x": {"price_usd": 1, "credits": 1}},
            },
            "share a key",
        ),
    ],
)
def test_mistakes_name_table_and_field(doc: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_catalog(doc)
