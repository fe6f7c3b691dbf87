"""Fixtures for the web page's browser tests: Debian's Chromium driven by playwright, a real
``nodepilot serve`` subprocess on a free loopback port (offline provider), console-error
capture and screenshots saved as test artifacts.

The browser is never skipped: when /usr/bin/chromium is missing the fixture installs Debian's
``chromium`` package (as root) or fails with the command to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from service_support import free_port, unique_email

from nodepilot.config import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ROOT = Path(__file__).resolve().parent.parent
SHOTS_COPY = ROOT / "runs" / "web-screenshots"
TRIAL_CREDITS = 25
START_TIMEOUT_S = 90.0


def ensure_chromium() -> Path:
    """Debian's Chromium, installed with apt-get when missing and we are root; else fail."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0:
        pytest.fail(
            f"{CHROMIUM} is missing and this user cannot install it: run "
            "`sudo apt-get install -y chromium` (the web tests need a real browser)"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            pytest.fail(f"`{' '.join(cmd)}` failed:\n{done.stderr[-2000:]}")
    if not CHROMIUM.exists():
        pytest.fail(f"apt-get installed chromium but {CHROMIUM} is still missing")
    return CHROMIUM


@dataclass
class Server:
    """A running ``nodepilot serve``: its base URL and the log it writes."""

    base_url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


def wait_until_serving(server: Server) -> None:
    """Poll the health endpoint until the service answers (or the process dies)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"nodepilot serve exited with {server.process.returncode}:\n{server.log()}")
        try:
            if httpx.get(server.base_url + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)  # polling a readiness condition, not waiting for a guessed duration
    pytest.fail(f"nodepilot serve did not become ready in {START_TIMEOUT_S:.0f} s:\n{server.log()}")


def start_server(settings: Settings, log_dir: Path, extra_env: dict[str, str]) -> Server:
    """``nodepilot serve`` on a free loopback port, using the test session's database."""
    port = free_port()
    env = {
        **os.environ,
        "NODEPILOT_DATA_DIR": str(settings.data_dir),
        "NODEPILOT_PROVIDER": "offline",
        "NODEPILOT_TRIAL_CREDITS": str(TRIAL_CREDITS),
        # The limiter is shared through the session database, and every test that signs in
        # anonymously does so from 127.0.0.1: other modules' traffic in the same minute must
        # not use up this server's sign-ins. The rate-limit test passes its own, lower limit.
        "NODEPILOT_RATE_LIMIT_PER_MINUTE": "5000",
        **extra_env,
    }
    for key in ("NODEPILOT_JWKS_URL", "NODEPILOT_STRIPE_SECRET_KEY", "STRIPE_SECRET_KEY"):
        env.pop(key, None)
    log_path = log_dir / f"serve-{port}.log"
    exe = Path(sys.executable).with_name("nodepilot")
    cmd = [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), "--db-pool", "4"]
    process = subprocess.Popen(
        cmd, env=env, stdout=log_path.open("wb"), stderr=subprocess.STDOUT, cwd=ROOT
    )
    server = Server(f"http://127.0.0.1:{port}", process, log_path)
    try:
        wait_until_serving(server)
    except BaseException:
        stop_server(server)
        raise
    return server


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@dataclass
class PageWatch:
    """Console errors and uncaught exceptions of one page, and where its screenshots go."""

    page: object
    shots_dir: Path
    errors: list[str] = field(default_factory=list)

    def shot(self, name: str) -> Path:
        """Save a full-page screenshot as a test artifact (and a copy under runs/)."""
        path = self.shots_dir / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        SHOTS_COPY.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS_COPY / path.name)
        return path

    def own_errors(self, allowed_statuses: tuple[int, ...] = ()) -> list[str]:
        """Errors from the page's own JavaScript. Chromium also logs every non-2xx response as a
        console error; those are dropped only for the statuses the test provoked on purpose."""
        allowed = tuple(f"status of {s} " for s in allowed_statuses)
        return [
            e
            for e in self.errors
            if not (
                e.startswith("console: Failed to load resource") and any(a in e for a in allowed)
            )
        ]


def watch(page: object, shots_dir: Path) -> PageWatch:
    watched = PageWatch(page, shots_dir)
    page.on(
        "console",
        lambda m: watched.errors.append(f"console: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: watched.errors.append(f"pageerror: {e}"))
    return watched


# Module scope, not session: each test module imports these fixtures, which makes a separate
# fixture per module; a session-scoped one would start a second playwright in the same process.
@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[object]:
    """One headless Chromium per test module."""
    from playwright.sync_api import sync_playwright

    path = ensure_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(path), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def web_server(indexed: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``nodepilot serve`` over the session database with the subset index built."""
    server = start_server(indexed, tmp_path_factory.mktemp("serve"), {})
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture()
def web_page(chromium_browser: object, tmp_path: Path) -> Iterator[PageWatch]:
    """A fresh browser context and page (desktop size) with console errors captured."""
    shots = tmp_path / "screenshots"
    shots.mkdir()
    context = chromium_browser.new_context(
        viewport={"width": 1440, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        yield watch(page, shots)
    finally:
        context.close()


def sign_in(page: object, base_url: str, email: str) -> str:
    """Dev-mode sign-in through the page's own form, as a new user; the address used.

    The session database is shared with every other module, so a plain "broke@example.com" may
    already belong to another test's user with another balance: a unique tag keeps each sign-in
    a first one (trial credits granted)."""
    email = unique_email(email.partition("@")[0])
    page.goto(base_url + "/")
    page.locator("#dev-email").fill(email)
    page.locator("#dev-sign-in button[type=submit]").click()
    page.locator("#app").wait_for(state="visible")
    page.locator("#credits-count").filter(has_text=str(TRIAL_CREDITS)).wait_for()
    return email


STAGE_RECORDER = """
(() => {
  window.__npEvents = [];
  const note = (what) => window.__npEvents.push([what, performance.now()]);
  const seen = (n) => {
    if (n.nodeType !== 1) return;
    if (n.matches('.stage[data-state=done]')) note('stage:' + n.dataset.stage);
    if (n.matches('.wf-card') || n.querySelector('.wf-card')) note('card');
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') seen(r.target);
      for (const n of r.addedNodes || []) seen(n);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true,
                         attributeFilter: ['data-state'] });
})();
"""
