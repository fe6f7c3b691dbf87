"""Chat page load time on loopback, in headless Chromium against a real ``nodepilot serve``.

For each round a fresh browser context (empty cache) opens the page and we read, from the
browser's own clocks (navigation start = 0):
  * ``load``  — the window's load event (HTML, CSS, the five scripts, the icon),
  * ``interactive`` — the page's ``nodepilot:interactive`` mark: the sign-in form, or (signed
    in) the chat with its message box focused,
  * ``ready`` — the ``nodepilot:ready`` mark: signed in, also the credits and the conversation
    list loaded (two authenticated API calls); signed out it equals ``interactive``,
and the same after a reload in the same context (``warm``: versioned assets come from cache).
Baseline in the same run: loading one static file (``/static/icon.svg``) as a document, i.e.
the browser + server round trip that any page pays. Target: ``ready`` <= 300 ms (median).

    .venv/bin/python benchmarks/web_load.py [--rounds 20] [--url http://127.0.0.1:PORT]

Without --url it starts ``nodepilot serve`` on a free loopback port over the configured data
directory (offline provider, dev sign-in) and stops it afterwards.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
# functions, not strings: the page's CSP forbids eval, which polling a string expression uses
READY_JS = "() => performance.getEntriesByName('nodepilot:ready').length > 0"
LOADED_JS = "() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0"
TIMING_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const mark = (name) => (performance.getEntriesByName(name)[0] || {}).startTime;
  return [nav.loadEventEnd, mark('nodepilot:interactive'), mark('nodepilot:ready')];
}"""


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _row(name: str, values: list[float], baseline: float) -> str:
    med = statistics.median(values)
    return (
        f"{name:<26} median {med:7.1f} ms   p95 {_pct(values, 0.95):7.1f} ms   "
        f"x{med / baseline:5.1f} baseline   n={len(values)}"
    )


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("nodepilot")
    env = {**os.environ, "NODEPILOT_PROVIDER": "offline"}
    env.pop("NODEPILOT_JWKS_URL", None)
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), "--no-access-log"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"nodepilot serve exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)  # polling readiness
    proc.terminate()
    raise SystemExit("nodepilot serve did not become ready in 120 s")


def measure(browser, url: str, rounds: int, storage: dict | None) -> dict[str, list[float]]:
    names = ("load", "interactive", "ready")
    out: dict[str, list[float]] = {p + n: [] for p in ("", "warm ") for n in names}
    for _ in range(rounds):
        context = browser.new_context(storage_state=storage)
        page = context.new_page()
        for prefix in ("", "warm "):
            if prefix:
                page.reload()
            else:
                page.goto(url + "/")
            page.wait_for_function(READY_JS)
            page.wait_for_function(LOADED_JS)
            for name, value in zip(names, page.evaluate(TIMING_JS), strict=True):
                out[prefix + name].append(value)
        context.close()
    return out


def baseline(browser, url: str, rounds: int) -> list[float]:
    values = []
    for _ in range(rounds):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/static/icon.svg")
        page.wait_for_function(LOADED_JS)
        values.append(page.evaluate(TIMING_JS)[0])
        context.close()
    return values


def signed_in_state(browser, url: str) -> dict:
    token = httpx.post(url + "/api/dev/token", json={"email": "bench@example.com"}).json()["token"]
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/static/icon.svg")
    page.evaluate(
        """([t]) => { localStorage.setItem('nodepilot.token', t);
                                 localStorage.setItem('nodepilot.email', 'bench@example.com'); }""",
        [token],
    )
    state = context.storage_state()
    context.close()
    return state


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--url", default=None)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    proc, url = (None, args.url) if args.url else start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            measure(browser, url, 2, None)  # warm the server's template and file caches
            base = baseline(browser, url, args.rounds)
            signed_out = measure(browser, url, args.rounds, None)
            signed_in = measure(browser, url, args.rounds, signed_in_state(browser, url))
            browser.close()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    ref = statistics.median(base)
    print(f"page load on loopback ({url}), {args.rounds} rounds, fresh context each round")
    print(_row("baseline (one static file)", base, ref))
    for label, result in (("signed out", signed_out), ("signed in", signed_in)):
        for name, values in result.items():
            print(_row(f"{label}: {name}", values, ref))
    worst = max(statistics.median(signed_out["ready"]), statistics.median(signed_in["ready"]))
    print(f"target ready <= 300 ms: {'met' if worst <= 300 else 'NOT met'} ({worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
