"""Deploying generated workflows to the user's own n8n through its public API (``/api/v1``).

* :mod:`service.n8n.safety` - which n8n URLs the service may call (no metadata, link-local or
  private addresses unless the operator allows them).
* :mod:`service.n8n.client` - a small HTTP client with timeouts, no cross-host redirects and typed
  errors that never echo the API key.
* :mod:`service.n8n.writable` - what the instance's create/update endpoints accept (read from its
  own OpenAPI document) and cleaning a workflow down to that, saying what was dropped.
* :mod:`service.n8n.credentials` - which nodes need which credential types (from our catalog)
  and attaching the user's existing n8n credentials where the choice is unambiguous.
* :mod:`service.n8n.versions` - the instance's n8n version and node ``typeVersion`` warnings.
* :mod:`service.n8n.deploy` - create or update, then publish only when nothing is missing.
* :mod:`service.n8n.errors` - the typed errors (each with the service's status and code).
* :mod:`service.n8n.memory` - the CLI's record of what it deployed where (a redeploy updates).
* :mod:`service.n8n.store` - the service's connections (API key Fernet-encrypted) and
  deployments per user, instance and generation (migration 0008).
* :mod:`service.n8n.routes` - ``/api/n8n/connection`` and ``/api/workflows/{id}/deploy``.
* :mod:`service.n8n.cli` - ``nodepilot deploy``.
"""
