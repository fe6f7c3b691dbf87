"""Serves the chat page at ``/`` and its files at ``/static/...``.

The page is one HTML shell; everything it does happens in the hand-written scripts under
``static/`` (no build step). Asset URLs carry a content hash (``?v=``) so browsers may cache
them for a long time and still pick up a new release at once. Only files that exist under
``static/`` with a known type are served: anything else is a JSON 404 like every other endpoint.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from service.errors import ApiError
from service.routes.public import public_config

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
SCRIPTS = ("js/graph.js", "js/draw.js", "js/api.js", "js/views.js", "js/app.js")
BUNDLE = "bundle.js"  # SCRIPTS joined in order, served as one file (one request instead of five)
STYLES = ("app.css",)
CACHE_VERSIONED = "public, max-age=31536000, immutable"
CACHE_PLAIN = "no-cache"

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(WEB_DIR / "templates"),
        autoescape=select_autoescape(["html"]),
        auto_reload=False,
    )


@lru_cache(maxsize=1)
def asset_version() -> str:
    """A short hash over every static file: changes whenever any of them changes."""
    digest = hashlib.sha256()
    for path in sorted(STATIC_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(STATIC_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def bundle() -> bytes:
    """The page's scripts joined in order; each is a self-contained IIFE, so joining is safe."""
    parts = [f"/* {name} */\n{(STATIC_DIR / name).read_text()}" for name in SCRIPTS]
    return "\n;\n".join(parts).encode()


@lru_cache(maxsize=8)
def _page(auth: str, clerk_key: str | None, billing: bool) -> str:
    template = _templates().get_template("index.html")
    return template.render(
        version=asset_version(),
        scripts=(BUNDLE,),
        styles=STYLES,
        config={"auth": auth, "clerk_key": clerk_key or "", "billing": billing},
    )


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request) -> HTMLResponse:
    """The chat page (public: it signs in from the browser). The public configuration rides
    in the page itself, saving the browser one round trip before it can show sign-in."""
    config = public_config(request)
    page = _page(config.auth, config.clerk_publishable_key, config.billing)
    return HTMLResponse(page, headers={"Cache-Control": CACHE_PLAIN})


def static_file(relative: str) -> Path | None:
    """The file under ``static/`` named by ``relative``, or None (unknown type, outside, absent)."""
    if not relative or "\\" in relative or "\x00" in relative:
        return None
    path = (STATIC_DIR / relative).resolve()
    if not path.is_relative_to(STATIC_DIR) or path.suffix not in MEDIA_TYPES:
        return None
    return path if path.is_file() else None


@router.get("/static/{relative:path}")
def static(relative: str, request: Request) -> Response:
    """A page asset; long-cached when the URL names the current version."""
    versioned = request.query_params.get("v") == asset_version()
    cache = {"Cache-Control": CACHE_VERSIONED if versioned else CACHE_PLAIN}
    if relative == BUNDLE:
        return Response(bundle(), media_type=MEDIA_TYPES[".js"], headers=cache)
    path = static_file(relative)
    if path is None:
        raise ApiError(404, "not_found", f"no such file: /static/{relative}")
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=cache)
