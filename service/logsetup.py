"""The logs of a served process: the access, error and service loggers, one line each to stderr.

``nodepilot serve`` configures them in its own process and every worker configures them again
in the app factory. uvicorn *spawns* its workers (``--workers N``): a spawned process starts with
logging unconfigured, so the supervisor's set-up never reached it and each request's INFO line
died at the root logger's WARNING level - the README's ``serve --workers 2`` logged no request.
What the workers should do travels in the environment (``ACCESS_LOG_ENV``), the one thing a
spawned process inherits; an app built without ``nodepilot serve`` (the tests' in-process
client, an embedding application) leaves logging to its host.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: The service's loggers: one JSON line per request, unexpected errors, start-up notes.
LOGGERS = ("nodepilot.access", "nodepilot.errors", "nodepilot.service")
#: Set by ``nodepilot serve`` for its workers: "1" logs every request, "0" only problems.
ACCESS_LOG_ENV = "NODEPILOT_ACCESS_LOG"


def configure(access_log: bool) -> None:
    """Send the service's loggers to stderr, each message as is (the access lines are JSON).

    Idempotent: the handlers are replaced, not added to, so a process configured twice (one
    worker: the serve command, then its app factory) writes each line once."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
    if not access_log:
        logging.getLogger("nodepilot.access").setLevel(logging.WARNING)


@contextmanager
def configure_for_workers(access_log: bool) -> Iterator[None]:
    """The serve command's set-up, for the block: this process, and the workers it starts
    (through the environment they inherit).

    Both are undone when the block ends, so a process that ran ``serve`` in-process (a test's
    CliRunner, an embedding application) is left as it was: a later ``create_app`` there
    does not find the variable and reconfigure its host's logging."""
    saved_env = os.environ.get(ACCESS_LOG_ENV)
    saved = {n: (lg.handlers[:], lg.level, lg.propagate) for n, lg in _loggers()}
    os.environ[ACCESS_LOG_ENV] = "1" if access_log else "0"
    configure(access_log)
    try:
        yield
    finally:
        if saved_env is None:
            os.environ.pop(ACCESS_LOG_ENV, None)
        else:
            os.environ[ACCESS_LOG_ENV] = saved_env
        for name, logger in _loggers():
            logger.handlers[:], level, logger.propagate = saved[name]
            logger.setLevel(level)


def _loggers() -> list[tuple[str, logging.Logger]]:
    return [(name, logging.getLogger(name)) for name in LOGGERS]


def configure_worker() -> None:
    """In a worker's app factory: the set-up ``configure_for_workers`` asked for, if any."""
    wanted = os.environ.get(ACCESS_LOG_ENV)
    if wanted is not None:
        configure(access_log=wanted != "0")
