"""Typed errors for talking to an n8n instance.

Each one is a :class:`~nodepilot.errors.UserError` (the CLI prints it as one line, the service
maps it to a JSON error) and carries a short machine ``code``. Messages are built from n8n's
answer and our own words only, never from request headers, so the API key cannot leak into them.
"""

from __future__ import annotations

from nodepilot.errors import UserError


class N8nError(UserError):
    """Base class: something about the n8n instance or its answer stops the deploy."""

    code = "n8n_error"
    #: the HTTP status the service answers with: 422 when what the user gave is wrong (URL, key,
    #: workflow), 502 when their n8n failed; never 401, which would read as *our* auth failing
    status = 502

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint, exit_code=1)


class UnsafeUrl(N8nError):
    """The URL is not one the service may call (scheme, metadata, private address...)."""

    code = "n8n_url_refused"
    status = 422

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.exit_code = 2


class Unreachable(N8nError):
    """No HTTP answer: DNS failure, refused connection, timeout, TLS failure."""

    code = "n8n_unreachable"


class WrongKey(N8nError):
    """401 from the public API: the API key is wrong, expired or revoked."""

    code = "n8n_unauthorized"
    status = 422


class Forbidden(N8nError):
    """403: the key lacks a scope, or the instance's licence does not allow the call."""

    code = "n8n_forbidden"
    status = 422


class ApiMissing(N8nError):
    """The URL answers but no n8n public API is there (disabled, wrong path, not n8n)."""

    code = "n8n_api_unavailable"
    status = 422


class Redirected(N8nError):
    """n8n answered with a redirect; we never follow one to another host."""

    code = "n8n_redirect_refused"
    status = 422


class NotFound(N8nError):
    """The workflow or credential asked for does not exist (or the key cannot see it)."""

    code = "n8n_not_found"
    status = 404


class Rejected(N8nError):
    """n8n refused the request (400/409/422...); ``n8n_message`` is its own words."""

    code = "n8n_rejected"
    status = 422

    def __init__(self, status_code: int, n8n_message: str, hint: str | None = None) -> None:
        self.status_code = status_code
        self.n8n_message = n8n_message
        self.field = _field_of(n8n_message)
        where = f" (field {self.field})" if self.field else ""
        super().__init__(f"n8n refused the request ({status_code}){where}: {n8n_message}", hint)


class ServerError(N8nError):
    """5xx from n8n: its own failure, quoted."""

    code = "n8n_server_error"


def _field_of(message: str) -> str | None:
    """The body path n8n's validator names: ``request/body/settings ...`` -> ``settings``."""
    prefix = "request/body"
    if not message.startswith(prefix):
        return None
    head = message.split(" ", 1)[0][len(prefix) :].strip("/")
    return head.replace("/", ".") or "body"
