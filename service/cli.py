"""``nodepilot serve`` (uvicorn, one or more workers) and ``nodepilot token create EMAIL``."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import tempfile
from typing import Any

import click

from nodepilot.config import Settings, get_settings
from nodepilot.errors import UserError
from service import listeners, logsetup
from service.auth import check_identity_provider
from service.runtime import GENERATION_SLOTS, POOL_SIZE_ENV, SLOTS_ENV


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(
                ipaddress.ip_address(info[4][0]).is_loopback
                for info in socket.getaddrinfo(host, None)
            )
        except OSError:
            return False


def check_bind(host: str, jwks_url: str | None) -> None:
    """Refuse a non-loopback bind while sign-in is the local dev mode."""
    if not jwks_url and not _is_loopback(host):
        raise UserError(
            f"refusing to listen on {host}: no identity provider is configured, so anyone who "
            "can reach the port could sign in with a dev token",
            hint="set NODEPILOT_JWKS_URL (and NODEPILOT_JWT_ISSUER), or bind to 127.0.0.1",
        )


#: ``nodepilot serve --no-build-index`` as an environment variable (0 / false), e.g. for a
#: test session whose servers run on databases it indexes itself.
BUILD_INDEX_ENV = "NODEPILOT_SERVE_BUILD_INDEX"


def prepare_index(settings: Settings) -> None:
    """Build the knowledge index on first use, as ``generate`` does (``ensure_index``), in
    this process before any worker starts: the README's third command works on a fresh data
    dir on its own. On a fresh database that is ~40 s once (shipped vectors); on a built one,
    a few reads. A database that cannot be opened, or a build that fails, is reported and the
    service starts anyway (the workers keep retrying the database; /api/health says what is
    missing), as the workers' own start-up does."""
    from indexing.cli import ensure_index
    from nodepilot.db import open_database

    try:
        with open_database(settings) as conn:
            ensure_index(conn)
    except Exception as exc:  # noqa: BLE001 - start anyway, health reports it
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        click.echo(f"warning: the knowledge index was not prepared: {first}", err=True)
        click.echo("hint: run `nodepilot index` once the database is reachable", err=True)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--db-pool",
    default=20,
    show_default=True,
    type=click.IntRange(2, 500),
    help="Database connections per worker.",
)
@click.option(
    "--generation-slots",
    default=GENERATION_SLOTS,
    show_default=True,
    type=click.IntRange(1, 500),
    help="Concurrent generations per worker for each LLM provider (one waiting on the "
    "provider holds only a thread; CPU work is bounded separately).",
)
@click.option("--access-log/--no-access-log", default=True, show_default=True)
@click.option(
    "--build-index/--no-build-index",
    default=True,
    show_default=True,
    envvar=BUILD_INDEX_ENV,
    help="Before the workers start, build the knowledge index if it was never built (or "
    f"finish a build that stopped), as `generate` does. Env: {BUILD_INDEX_ENV}=0 to skip.",
)
def serve(
    host: str,
    port: int,
    workers: int,
    db_pool: int,
    generation_slots: int,
    access_log: bool,
    build_index: bool,
) -> None:
    """Run the HTTP service (API, OpenAPI at /docs, the web page)."""
    settings = get_settings()
    check_identity_provider(settings.jwks_url, settings.jwt_issuer)
    check_bind(host, settings.jwks_url)
    os.environ[POOL_SIZE_ENV] = str(db_pool)
    os.environ[SLOTS_ENV] = str(generation_slots)
    metrics_dir = None  # made here for the workers' metric files, removed when they stop
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        metrics_dir = tempfile.mkdtemp(prefix="nodepilot-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    with logsetup.configure_for_workers(access_log):
        if build_index:
            prepare_index(settings)
        mode = "JWKS" if settings.jwks_url else "dev tokens (loopback only)"
        click.echo(
            f"NodePilot service on http://{host}:{port} ({workers} worker(s), auth: {mode})",
            err=True,
        )
        _run(host, port, workers, metrics_dir)


def _run(host: str, port: int, workers: int, metrics_dir: str | None) -> None:
    """uvicorn until it stops, then the metrics folder ``serve`` made (if it made one)."""
    import uvicorn

    options: dict[str, Any] = {
        "factory": True,
        "host": host,
        "port": port,
        "workers": workers,
        "access_log": False,
        "log_level": "warning",
        "timeout_graceful_shutdown": 60,
    }
    try:
        if workers > 1 and listeners.can_balance():
            _run_balanced(uvicorn.Config("service.app:create_app", **options), workers)
        else:
            uvicorn.run("service.app:create_app", **options)
    finally:
        if metrics_dir is not None:
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _run_balanced(config: Any, workers: int) -> None:
    """uvicorn's worker supervisor, each worker on a socket of its own (service.listeners)."""
    from uvicorn.supervisors import Multiprocess

    sockets = listeners.worker_sockets(config.host, config.port, workers)
    try:
        Multiprocess(config, sockets=sockets).run()
    except KeyboardInterrupt:
        pass
    finally:
        for sock in list.__iter__(sockets):
            sock.close()
        shutil.rmtree(sockets.lock_dir, ignore_errors=True)


@click.group()
def token() -> None:
    """Local dev-mode sign-in tokens."""


@token.command("create")
@click.argument("email")
@click.option("--days", default=30, show_default=True, type=click.IntRange(1, 365))
def create(email: str, days: int) -> None:
    """Print a dev token for EMAIL (the service's dev mode accepts it)."""
    from service.auth import devtokens

    settings = get_settings()
    if settings.jwks_url:
        raise UserError(
            "an identity provider is configured (NODEPILOT_JWKS_URL): dev tokens are not accepted",
            hint="sign in through the identity provider",
        )
    if "@" not in email:
        raise UserError(f"{email!r} is not an email address")
    click.echo(devtokens.create_token(settings, email, lifetime_s=days * 86400))
