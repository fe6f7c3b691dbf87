"""The plans config (``plans.toml``): subscription plans, credit packs and the trial.

Read once per process. Stripe price ids come from the file or, per deployment, from
``NODEPILOT_STRIPE_PRICE_<KEY>`` so the same checkout works in test and live mode without
editing the file. Webhooks map a Stripe price id back to a plan or pack with ``by_price_id``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nodepilot.config import Settings, get_settings
from nodepilot.errors import UserError

PLANS_FILE = Path(__file__).with_name("plans.toml")
PRICE_ENV_PREFIX = "NODEPILOT_STRIPE_PRICE_"


@dataclass(frozen=True)
class Plan:
    """A subscription plan: credits granted for each paid billing period."""

    key: str
    name: str
    price_usd: float
    interval: str
    credits_per_period: int
    price_id: str | None


@dataclass(frozen=True)
class Pack:
    """A one-off credit pack (Pay-As-You-Go)."""

    key: str
    name: str
    price_usd: float
    credits: int
    price_id: str | None


@dataclass(frozen=True)
class Catalog:
    """Everything a user can be on or buy."""

    trial_name: str
    plans: dict[str, Plan]
    packs: dict[str, Pack]

    def by_price_id(self, price_id: str | None) -> Plan | Pack | None:
        """The plan or pack sold under this Stripe price id (None when it is not ours)."""
        if not price_id:
            return None
        for item in (*self.plans.values(), *self.packs.values()):
            if item.price_id == price_id:
                return item
        return None


def _price_id(key: str, table: dict, where: str) -> str | None:
    env = os.environ.get(PRICE_ENV_PREFIX + key.upper())
    value = env if env is not None else table.get("price_id", "")
    if not isinstance(value, str):
        raise UserError(f"{where}.price_id must be a string in {PLANS_FILE}")
    return value.strip() or None


def _number(table: dict, field: str, where: str, kind: type = int) -> int | float:
    value = table.get(field)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise UserError(f"{where}.{field} must be a non-negative number in {PLANS_FILE}")
    if kind is int and not isinstance(value, int):
        raise UserError(f"{where}.{field} must be a whole number in {PLANS_FILE}")
    return value


def parse_catalog(doc: dict) -> Catalog:
    """Build the catalog from the parsed TOML, naming the table and field of any mistake."""
    plans: dict[str, Plan] = {}
    for key, table in (doc.get("plans") or {}).items():
        where = f"plans.{key}"
        plans[key] = Plan(
            key=key,
            name=str(table.get("name") or key),
            price_usd=_number(table, "price_usd", where, float),
            interval=str(table.get("interval") or "month"),
            credits_per_period=int(_number(table, "credits_per_period", where)),
            price_id=_price_id(key, table, where),
        )
    packs: dict[str, Pack] = {}
    for key, table in (doc.get("packs") or {}).items():
        where = f"packs.{key}"
        packs[key] = Pack(
            key=key,
            name=str(table.get("name") or key),
            price_usd=_number(table, "price_usd", where, float),
            credits=int(_number(table, "credits", where)),
            price_id=_price_id(key, table, where),
        )
    if set(plans) & set(packs):
        raise UserError(f"a plan and a pack share a key in {PLANS_FILE}: {set(plans) & set(packs)}")
    trial = doc.get("trial") or {}
    return Catalog(trial_name=str(trial.get("name") or "Free Trial"), plans=plans, packs=packs)


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The process-wide catalog (tests call ``load_catalog.cache_clear()`` after env changes)."""
    try:
        doc = tomllib.loads(PLANS_FILE.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"cannot read the plans config {PLANS_FILE}: {exc}") from None
    return parse_catalog(doc)


def public_plans(settings: Settings | None = None) -> dict:
    """What ``GET /api/billing/plans`` shows: prices and credits, never anything secret."""
    settings = settings or get_settings()
    catalog = load_catalog()
    return {
        "trial": {
            "name": catalog.trial_name,
            "credits": settings.trial_credits,
            "days": settings.trial_days,
        },
        "plans": [
            {
                "key": p.key,
                "name": p.name,
                "price_usd": p.price_usd,
                "interval": p.interval,
                "credits_per_period": p.credits_per_period,
                "purchasable": p.price_id is not None,
            }
            for p in catalog.plans.values()
        ],
        "packs": [
            {
                "key": p.key,
                "name": p.name,
                "price_usd": p.price_usd,
                "credits": p.credits,
                "purchasable": p.price_id is not None,
            }
            for p in catalog.packs.values()
        ],
    }
