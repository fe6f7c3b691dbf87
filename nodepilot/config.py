"""Settings read from ``NODEPILOT_*`` environment variables (and ``DATABASE_URL``).

One typed object, so every part of NodePilot agrees on where data lives, which database to use
and which provider keys exist. Secrets are ``SecretStr`` so they never print by accident.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("nodepilot", appauthor=False))


class Settings(BaseSettings):
    """Effective NodePilot configuration."""

    model_config = SettingsConfigDict(env_prefix="NODEPILOT_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Where the embedded database, model exports and caches live.",
    )
    model_dir: Path | None = Field(
        default=None,
        description="Where the exported embedding model lives; unset means <data_dir>/models.",
    )
    database_url: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "NODEPILOT_DATABASE_URL"),
        description="PostgreSQL with pgvector; unset means the embedded server in data_dir.",
    )
    provider: str = Field(default="offline", description="Default generation provider.")
    anthropic_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NODEPILOT_ANTHROPIC_API_KEY", "ANTHROPIC_API_KEY"),
    )
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NODEPILOT_OPENAI_API_KEY", "OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(default=None, description="OpenAI-compatible server URL.")
    anthropic_base_url: str | None = None
    provider_timeout: float = Field(
        default=120.0,
        gt=0,
        description="Seconds per HTTP call to an LLM vendor (a large workflow takes a while).",
    )

    # -- service (issue #12): auth, limits ---------------------------------------------------
    jwks_url: str | None = Field(
        default=None, description="JWKS URL of the identity provider (Clerk); unset = dev tokens."
    )
    jwt_issuer: str | None = Field(default=None, description="Expected `iss` of bearer JWTs.")
    allowed_origins: list[str] = Field(
        default_factory=list,
        description="Origins allowed by CORS and accepted as a JWT's `azp` (JSON list in env).",
    )
    rate_limit_per_minute: int = Field(default=100, description="Requests per user per minute.")
    trial_credits: int = Field(default=25, description="Credits a new user's trial grants.")
    trial_days: int = Field(default=7, description="Days the trial credits stay valid.")
    admin_emails: list[str] = Field(
        default_factory=list, description="Users with these emails get the admin role."
    )

    # -- billing and identity webhooks (issue #13) --------------------------------------------
    stripe_secret_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NODEPILOT_STRIPE_SECRET_KEY", "STRIPE_SECRET_KEY"),
    )
    stripe_webhook_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NODEPILOT_STRIPE_WEBHOOK_SECRET", "STRIPE_WEBHOOK_SECRET"),
    )
    stripe_api_base: str | None = Field(
        default=None, description="Stripe API base URL (a local Stripe-speaking server in tests)."
    )
    clerk_webhook_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NODEPILOT_CLERK_WEBHOOK_SECRET", "CLERK_WEBHOOK_SECRET"),
    )
    clerk_publishable_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NODEPILOT_CLERK_PUBLISHABLE_KEY", "CLERK_PUBLISHABLE_KEY"),
    )
    public_url: str | None = Field(
        default=None, description="The service's public URL (checkout return links)."
    )

    # -- deploying to the user's n8n (issue #15) -----------------------------------------------
    n8n_url: str | None = Field(
        default=None, validation_alias=AliasChoices("NODEPILOT_N8N_URL", "N8N_URL")
    )
    n8n_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NODEPILOT_N8N_API_KEY", "N8N_API_KEY")
    )
    encryption_key: SecretStr | None = Field(
        default=None, description="Fernet key that encrypts stored n8n API keys."
    )
    allow_private_n8n: bool = Field(
        default=False, description="Let the service call n8n URLs on private/loopback addresses."
    )

    @property
    def pgdata_dir(self) -> Path:
        """Data folder of the embedded PostgreSQL server."""
        return self.data_dir / "pgdata"

    def masked(self) -> dict[str, Any]:
        """Settings as plain values with every secret replaced by a mask."""
        out: dict[str, Any] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                out[name] = mask_secret(value.get_secret_value(), is_url=name == "database_url")
            elif isinstance(value, Path):
                out[name] = str(value)
            else:
                out[name] = value
        return out


def mask_secret(value: str, is_url: bool = False) -> str:
    """Hide a secret: URLs keep scheme/host/db with the password masked; keys keep 4 chars."""
    if is_url:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(value)
        if parts.password:
            netloc = parts.netloc.replace(f":{parts.password}@", ":****@", 1)
            return urlunsplit(parts._replace(netloc=netloc))
        return value
    if len(value) <= 8:
        return "****"
    return value[:4] + "…" + "*" * 4


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once; tests call ``get_settings.cache_clear()``)."""
    return Settings()
