"""The chat page's routes (service/web/routes.py) without a browser: the HTML shell, its assets,
caching, the strict CSP it relies on, and refusing anything outside static/."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from nodepilot.config import Settings
from service.app import ROUTERS, create_app
from service.web import routes


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_text.append(data)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    # no lifespan (no `with`): the page and its files need no database
    settings = Settings(data_dir=tmp_path_factory.mktemp("web-data"))
    app = create_app(settings)
    app.state.runtime = SimpleNamespace(settings=settings)  # what the lifespan would set
    return TestClient(app)


def page_tags(client: TestClient) -> _Tags:
    parsed = _Tags()
    parsed.feed(client.get("/").text)
    return parsed


def test_router_is_registered() -> None:
    assert "service.web.routes:router" in ROUTERS


def test_page_has_no_inline_script_or_style(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    parsed = page_tags(client)
    assert parsed.script_text == []
    scripts = [a for t, a in parsed.tags if t == "script"]
    assert [s["src"].split("?")[0] for s in scripts] == [f"/static/{routes.BUNDLE}"]
    assert all("defer" in s for s in scripts)
    assert all(
        "style" not in attrs and not any(k.startswith("on") for k in attrs)
        for _, attrs in parsed.tags
    )
    assert "<style" not in response.text


def test_every_referenced_asset_is_served_with_its_type(client: TestClient) -> None:
    parsed = page_tags(client)
    urls = [a.get("src") or a.get("href") for t, a in parsed.tags if t in ("script", "link")]
    assert len(urls) == 1 + len(routes.STYLES) + 1  # the bundle, styles, the icon
    for url in urls:
        assert url.endswith(f"?v={routes.asset_version()}")
        response = client.get(url)
        assert response.status_code == 200, url
        suffix = Path(url.split("?")[0]).suffix
        assert response.headers["content-type"] == routes.MEDIA_TYPES[suffix]
        assert "immutable" in response.headers["cache-control"]
    plain = client.get("/static/app.css")
    assert plain.status_code == 200 and plain.headers["cache-control"] == "no-cache"


def test_bundle_joins_every_script_in_order(client: TestClient) -> None:
    text = client.get(f"/static/{routes.BUNDLE}").text
    starts = [text.index((routes.STATIC_DIR / name).read_text()) for name in routes.SCRIPTS]
    assert starts == sorted(starts)
    for name in routes.SCRIPTS:  # each part also served on its own (debugging)
        assert client.get(f"/static/{name}").status_code == 200


def test_page_carries_the_public_config(client: TestClient) -> None:
    body = [a for t, a in page_tags(client).tags if t == "body"][0]
    assert body["data-auth"] == "dev" and body["data-billing"] == "false"
    assert body["data-clerk-key"] == ""


def test_every_label_points_at_a_control(client: TestClient) -> None:
    parsed = page_tags(client)
    ids = {a["id"] for _, a in parsed.tags if a.get("id")}
    targets = [a["for"] for t, a in parsed.tags if t == "label"]
    assert targets and all(t in ids for t in targets)
    controls = [a for t, a in parsed.tags if t == "button"]
    assert all(a.get("type") in ("button", "submit") for a in controls)
    referenced = re.findall(
        r'getElementById\("([^"]+)"\)|\$\("([^"]+)"\)',
        (routes.STATIC_DIR / "js" / "app.js").read_text(),
    )
    missing = {a or b for a, b in referenced} - ids
    assert not {m for m in missing if "${" not in m}, missing


@pytest.mark.parametrize(
    "path",
    [
        "/static/../routes.py",
        "/static/%2e%2e/routes.py",
        "/static/..%2froutes.py",
        "/static/js/../../routes.py",
        "/static/templates/index.html",
        "/static/nothing.js",
        "/static/",
        "/static/js",
    ],
)
def test_nothing_outside_static_is_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_static_file_refuses_traversal_and_unknown_types(tmp_path: Path) -> None:
    assert routes.static_file("js/app.js") == routes.STATIC_DIR / "js" / "app.js"
    for bad in ("", "../routes.py", "js/../../__init__.py", "/etc/passwd", "a\\b.js", "x\x00.js"):
        assert routes.static_file(bad) is None, bad
