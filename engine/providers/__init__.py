"""Generation providers behind one interface (see ``engine/providers/base.py``).

``get_provider(name, model=None, settings=None)`` returns ``offline`` (default, no network),
``anthropic``, ``openai``, ``openai-compatible`` or a ``FallbackProvider`` chain. Vendor SDKs are
imported only when their provider is built, keeping the offline CLI path fast.
"""

from engine.providers.base import (
    Attempt,
    Completion,
    InvalidOutputError,
    Provider,
    ProviderError,
    ProviderOutput,
    ProviderRequestError,
    ProviderUnavailableError,
    UnsupportedError,
)
from engine.providers.fallback import FallbackProvider
from engine.providers.registry import PROVIDER_NAMES, chain_entries, get_provider
from engine.providers.retry import RetryPolicy

__all__ = [
    "PROVIDER_NAMES",
    "Attempt",
    "chain_entries",
    "Completion",
    "FallbackProvider",
    "InvalidOutputError",
    "Provider",
    "ProviderError",
    "ProviderOutput",
    "ProviderRequestError",
    "ProviderUnavailableError",
    "RetryPolicy",
    "UnsupportedError",
    "get_provider",
]
