"""Prometheus metrics. With several workers, ``PROMETHEUS_MULTIPROC_DIR`` (set by ``nodepilot
serve``) makes every process write its samples there and ``/metrics`` sums them."""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

REQUESTS = Counter(
    "nodepilot_http_requests_total", "HTTP requests served", ["method", "route", "status"]
)
LATENCY = Histogram(
    "nodepilot_http_request_duration_seconds",
    "HTTP request latency",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
GENERATIONS = Counter(
    "nodepilot_generations_total", "Generations by outcome and provider", ["status", "provider"]
)
CREDITS_SPENT = Counter("nodepilot_credits_spent_total", "Credits charged for generations")
RATE_LIMITED = Counter("nodepilot_rate_limited_total", "Requests rejected by the rate limiter")


def render() -> tuple[bytes, str]:
    """The exposition text for this process, or for all workers in multi-process mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    from prometheus_client import REGISTRY

    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
