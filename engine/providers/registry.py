"""``get_provider``: a provider (or a fallback chain) by name, configured from settings.

Names: ``offline`` (default), ``anthropic``, ``openai``, ``openai-compatible``. A chain is a
comma-separated list, each entry optionally ``name:model``, e.g.
``NODEPILOT_PROVIDER="anthropic:claude-haiku-4-5,openai,offline"``. In a chain, members whose key
is missing are skipped (and recorded); a single provider with a missing key is a ``UserError``
naming the variable to set.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

from engine.providers.base import Attempt, Provider
from engine.providers.fallback import FallbackProvider
from nodepilot.config import Settings, get_settings
from nodepilot.errors import UserError

PROVIDER_NAMES = ("offline", "anthropic", "openai", "openai-compatible")

_instances: dict[tuple[Any, ...], Provider] = {}
_lock = threading.Lock()


def get_provider(
    name: str | None = None,
    model: str | None = None,
    settings: Settings | None = None,
    **options: Any,
) -> Provider:
    """The provider called ``name`` (default: ``settings.provider``) using ``model``.

    ``options`` go to the provider's constructor (``timeout``, ``retry``, ``max_tokens``,
    ``sleep``...). Instances built from settings alone are reused, so the SDK clients (and
    their connection pools) are created once per process.
    """
    settings = settings or get_settings()
    name = (name or settings.provider or "offline").strip()
    entries = chain_entries(name)
    if not entries:
        raise UserError("no provider given", hint=f"choose one of: {', '.join(PROVIDER_NAMES)}")
    if len(entries) == 1:
        entry_name, _, entry_model = entries[0].partition(":")
        return _cached(entry_name.strip(), model or entry_model.strip() or None, settings, options)
    members: list[Provider] = []
    skipped: list[Attempt] = []
    for i, entry in enumerate(entries):
        entry_name, _, entry_model = entry.partition(":")
        chosen = entry_model.strip() or (model if i == 0 else None)
        try:
            members.append(_cached(entry_name.strip(), chosen, settings, options))
        except UserError as exc:
            if entry_name.strip() not in PROVIDER_NAMES:
                raise
            skipped.append(Attempt(entry_name.strip(), chosen or "", False, str(exc)))
    if not members:
        raise UserError(
            "no provider in the chain is usable: " + "; ".join(a.error or "" for a in skipped)
        )
    return FallbackProvider(members, skipped=skipped)


def chain_entries(name: str) -> list[str]:
    """The entries of a provider name: one, or a comma-separated fallback chain."""
    return [e.strip() for e in name.split(",") if e.strip()]


def _cached(name: str, model: str | None, settings: Settings, options: dict[str, Any]) -> Provider:
    if options:
        return _build(name, model, settings, options)
    key = (name, model, _fingerprint(settings))
    with _lock:
        provider = _instances.get(key)
        if provider is None:
            provider = _build(name, model, settings, {})
            _instances[key] = provider
        return provider


def _fingerprint(settings: Settings) -> str:
    """Identifies the connection settings without keeping a key in a readable form."""
    parts = []
    for field in ("anthropic_api_key", "openai_api_key"):
        value = getattr(settings, field, None)
        parts.append(value.get_secret_value() if value is not None else "")
    parts += [settings.anthropic_base_url or "", settings.openai_base_url or ""]
    parts.append(repr(settings.provider_timeout))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _secret(settings: Settings, field: str) -> str | None:
    value = getattr(settings, field, None)
    if value is None:
        return None
    text = value.get_secret_value().strip()
    return text or None


def _build(name: str, model: str | None, settings: Settings, options: dict[str, Any]) -> Provider:
    if name == "offline":
        from engine.providers.offline import OfflineProvider

        return OfflineProvider()
    # every vendor call is bounded by the configured timeout unless the caller says otherwise
    # (the service lowers it so a hung vendor frees its worker slot and the user is not charged)
    options = {"timeout": settings.provider_timeout, **options}
    if name == "anthropic":
        key = _secret(settings, "anthropic_api_key")
        if key is None:
            raise UserError(
                "the anthropic provider needs an API key",
                hint="set NODEPILOT_ANTHROPIC_API_KEY (or ANTHROPIC_API_KEY)",
            )
        from engine.providers.anthropic_provider import DEFAULT_MODEL, AnthropicProvider

        return AnthropicProvider(
            api_key=key,
            model=model or DEFAULT_MODEL,
            base_url=settings.anthropic_base_url,
            **options,
        )
    if name == "openai":
        key = _secret(settings, "openai_api_key")
        if key is None:
            raise UserError(
                "the openai provider needs an API key",
                hint="set NODEPILOT_OPENAI_API_KEY (or OPENAI_API_KEY)",
            )
        from engine.prompts import prompt_set_hash
        from engine.providers.openai_provider import DEFAULT_MODEL, OpenAIProvider

        options.setdefault("cache_key", "nodepilot-" + prompt_set_hash()[:16])
        return OpenAIProvider(
            api_key=key, model=model or DEFAULT_MODEL, base_url=settings.openai_base_url, **options
        )
    if name == "openai-compatible":
        if not settings.openai_base_url:
            raise UserError(
                "the openai-compatible provider needs the server's URL",
                hint="set NODEPILOT_OPENAI_BASE_URL, e.g. http://localhost:11434/v1 for Ollama",
            )
        from engine.providers.openai_provider import (
            DEFAULT_COMPATIBLE_MODEL,
            OpenAICompatibleProvider,
        )

        return OpenAICompatibleProvider(
            base_url=settings.openai_base_url,
            api_key=_secret(settings, "openai_api_key"),
            model=model or DEFAULT_COMPATIBLE_MODEL,
            **options,
        )
    raise UserError(
        f"unknown provider {name!r}", hint=f"choose one of: {', '.join(PROVIDER_NAMES)}"
    )
