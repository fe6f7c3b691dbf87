"""Schemathesis over the n8n endpoints of the in-process service (a user with a Fernet key
configured, private n8n addresses refused as in production): never a 5xx, and every answer
matches its documented status, content type and schema."""

from __future__ import annotations

from collections import Counter

import hypothesis
import schemathesis
from cryptography.fernet import Fernet
from hypothesis import HealthCheck
from pydantic import SecretStr
from schemathesis import checks
from service_support import auth, dev_token, unique_email

from nodepilot.config import Settings

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
OWN = ("/api/n8n/connection", "/api/workflows/{workflow_id}/deploy")


def test_n8n_operations_conform_and_never_5xx(migrated_db: Settings) -> None:
    from service.app import create_app

    settings = migrated_db.model_copy(
        update={
            "encryption_key": SecretStr(Fernet.generate_key().decode()),
            "rate_limit_per_minute": 1_000_000,
        }  # fmt: skip
    )
    app = create_app(settings)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = auth(dev_token(settings, unique_email("fuzz-n8n")))
    statuses: Counter[int] = Counter()
    operations = [op for op in (r.ok() for r in schema.get_all_operations()) if op.path in OWN]
    assert len(operations) == 4
    for operation in operations:

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=15, deadline=None, derandomize=True, database=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        def run(case: schemathesis.Case) -> None:
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            statuses[response.status_code] += 1

        run()
    print(f"\nschemathesis n8n: {len(operations)} operations, statuses {dict(statuses)}")
    assert sum(statuses.values()) >= 20, statuses
