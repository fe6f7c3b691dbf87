"""Schemathesis over the served ``/openapi.json`` (a real ``nodepilot serve`` process,
authenticated as an administrator with plenty of credits): no 5xx anywhere and every response
matches its documented status, content type and schema. The case count is printed."""

from __future__ import annotations

import json
from collections import Counter

import hypothesis
import requests
import schemathesis
from hypothesis import HealthCheck
from schemathesis import checks
from service_support import auth, dev_token, running_service, set_balance, unique_email

from nodepilot.config import Settings

EXAMPLES_PER_OPERATION = 15
#: The service core's endpoints (billing, deploy and the web page test their own).
OWN_PREFIXES = (
    "/api/config",
    "/api/dev",
    "/api/health",
    "/api/chat",
    "/api/workflow",
    "/api/conversations",
    "/api/credits",
    "/api/users",
    "/api/keys",
    "/api/admin",
)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def test_every_operation_conforms_and_never_5xx(indexed: Settings, db_conn) -> None:
    email = unique_email("fuzz")
    env = {
        "NODEPILOT_RATE_LIMIT_PER_MINUTE": "1000000",
        "NODEPILOT_ADMIN_EMAILS": json.dumps([email]),
    }
    with running_service(indexed, workers=1, **env) as server:
        headers = auth(dev_token(indexed, email))
        assert requests.get(f"{server.url}/api/users/me", headers=headers).status_code == 200
        set_balance(db_conn, email, 100_000)
        schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
        statuses: Counter[int] = Counter()
        session = requests.Session()
        operations = [
            op
            for op in (result.ok() for result in schema.get_all_operations())
            if op.path.startswith(OWN_PREFIXES)
        ]
        for operation in operations:
            if operation.path == "/api/users/me" and operation.method.upper() == "DELETE":
                continue  # deleting the account mid-run would end it; tested in test_service_api

            @hypothesis.given(case=operation.as_strategy())
            @hypothesis.settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: schemathesis.Case) -> None:
                response = case.call_and_validate(
                    base_url=server.url, session=session, headers=headers, checks=CHECKS
                )
                statuses[response.status_code] += 1

            run()
        total = sum(statuses.values())
        print(f"\nschemathesis: {len(operations)} operations, {total} cases, statuses {statuses}")
        assert total >= 5 * len(operations)
        assert not any(code >= 500 for code in statuses)
