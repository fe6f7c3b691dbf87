"""Distil n8n's node catalog (nodes.json / credentials.json of two npm packages) into seeds/catalog.

Why: the raw descriptions are ~10 MB of JSON with HTTP routing tables, icons, UI hints and long
help texts that neither validation, generation nor search need, and they live in ../shared which
a fresh machine does not have. This script keeps only the facts those parts use, applies the one
piece of server post-processing that changes node descriptions in place (the "Custom API Call"
resource/operation option n8n 2.41 injects for nodes whose credentials support proxy auth) and
writes ``seeds/catalog/catalog.jsonl.gz`` plus ``seeds/catalog/manifest.json`` (source package
versions, sha256 of every source file, counts).

The run-time ``<name>Tool`` / ``<name>HitlTool`` twins are *not* materialised here: they are
derived on demand by ``indexing.catalog.load`` from the base entries, which keeps the file small.

File layout (JSON Lines, gzipped, so ``zcat | head -1`` shows the index): line 1 is a header with
the packages, credential types and every node entry *without* its properties (plus the entry's
``sendAndWaitResource``/``sendAndWait`` facts needed to derive HITL twins); line ``2 + i`` is the
properties array of entry ``i``. Loading parses only the header (a few ms); properties of an
entry are parsed the first time that entry is used.

Usage: ``.venv/bin/python scripts/distill_catalog.py [--shared DIR] [--out DIR]``
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nodepilot.paths import SEEDS_DIR, shared_data_dir  # noqa: E402

#: (folder under n8n/catalog, npm package name = prefix of node type names)
PACKAGES: list[tuple[str, str]] = [
    ("n8n-nodes-base-2.41.2", "n8n-nodes-base"),
    ("n8n-nodes-langchain-2.41.1", "@n8n/n8n-nodes-langchain"),
]
FORMAT_VERSION = 1
DESCRIPTION_MAX = 240  # characters of help text kept for search and prompts

NODE_KEYS = (
    "displayName",
    "group",
    "version",
    "defaultVersion",
    "inputs",
    "outputs",
    "inputNames",
    "outputNames",
    "requiredInputs",
    "usableAsTool",
    "hidden",
    "maxNodes",
    "polling",
    "features",
)
PROPERTY_KEYS = (
    "displayName",
    "name",
    "type",
    "default",
    "required",
    "displayOptions",
    "disabledOptions",
    "typeOptions",
    "placeholder",
    "noDataExpression",
    "validateType",
    "isNodeSetting",
    "ignoreValidationDuringExecution",
    "credentialTypes",
    "allowArbitraryValues",
    "requiresDataPath",
    "extractValue",
)
#: typeOptions that only style the editor
TYPE_OPTIONS_DROP = {
    "containerClass",
    "calloutAction",
    "buttonConfig",
    "codeAutocomplete",
    "editorIsReadOnly",
    "noticeTheme",
    "alwaysOpenEditWindow",
    "showAlpha",
    "sectionHeader",
}
MODE_KEYS = ("displayName", "name", "type", "placeholder", "validation", "extractValue", "url")
OPTION_KEYS = (
    "name",
    "value",
    "action",
    "displayOptions",
    "outputConnectionType",
    "displayName",
    "default",
)
CUSTOM_API_CALL_NAME = "Custom API Call"
CUSTOM_API_CALL_KEY = "__CUSTOM_API_CALL__"


def short(text: Any) -> str | None:
    """First sentence-ish of a help text, capped, so search has words without n8n's full docs."""
    if not isinstance(text, str) or not text:
        return None
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1].rstrip() + "\u2026"
    return text


def distil_option(opt: Any) -> Any:
    """One entry of ``options``: a value choice, a fixedCollection group, or a nested property."""
    if not isinstance(opt, dict):
        return opt
    if "values" in opt and "type" not in opt:  # fixedCollection group
        out = {k: opt[k] for k in ("name", "displayName", "default", "typeOptions") if k in opt}
        out["values"] = [distil_property(p) for p in opt["values"] if isinstance(p, dict)]
        return out
    if "type" in opt:  # a collection's child property
        return distil_property(opt)
    out = {k: opt[k] for k in OPTION_KEYS if k in opt}
    desc = short(opt.get("description"))
    if desc:
        out["description"] = desc
    return out


def distil_property(prop: dict[str, Any]) -> dict[str, Any]:
    """Keep what parameter resolution, validation and generation read; drop routing and UI."""
    out = {k: prop[k] for k in PROPERTY_KEYS if k in prop}
    if "typeOptions" in out and isinstance(out["typeOptions"], dict):
        out["typeOptions"] = {
            k: v for k, v in out["typeOptions"].items() if k not in TYPE_OPTIONS_DROP
        }
        if not out["typeOptions"]:
            del out["typeOptions"]
    desc = short(prop.get("description"))
    if desc and prop.get("type") not in ("notice", "callout"):
        out["description"] = desc
    if isinstance(prop.get("options"), list):
        out["options"] = [distil_option(o) for o in prop["options"]]
    if isinstance(prop.get("modes"), list):
        out["modes"] = [
            {k: m[k] for k in MODE_KEYS if k in m} for m in prop["modes"] if isinstance(m, dict)
        ]
    return out


def distil_node(desc: dict[str, Any], package: str) -> dict[str, Any]:
    """One version entry of a node type, with its full ``package.name`` type name."""
    out: dict[str, Any] = {"name": f"{package}.{desc['name']}"}
    for key in NODE_KEYS:
        if key in desc:
            out[key] = desc[key]
    d = short(desc.get("description"))
    if d:
        out["description"] = d
    defaults = desc.get("defaults") or {}
    if isinstance(defaults, dict) and defaults.get("name"):
        out["defaultName"] = defaults["name"]
    creds = []
    for c in desc.get("credentials") or []:
        creds.append({k: c[k] for k in ("name", "required", "displayOptions") if k in c})
    if creds:
        out["credentials"] = creds
    if desc.get("webhooks"):
        out["webhooks"] = [
            {k: w[k] for k in ("name", "httpMethod", "path", "isFullPath") if k in w}
            for w in desc["webhooks"]
        ]
    codex = desc.get("codex") or {}
    if codex:
        kept = {k: codex[k] for k in ("categories", "subcategories", "alias") if k in codex}
        if kept:
            out["codex"] = kept
    hitl, hitl_resource = send_and_wait(desc)
    if hitl:
        out["sendAndWait"] = True
        if hitl_resource is not None:
            out["sendAndWaitResource"] = hitl_resource
    out["properties"] = [distil_property(p) for p in desc.get("properties", [])]
    return out


def _extends_proxy_auth(cred: dict[str, Any], creds: dict[str, Any], seen: set[str]) -> bool:
    for parent in cred.get("extends") or []:
        if parent in ("oAuth2Api", "googleOAuth2Api", "oAuth1Api"):
            return True
        if parent in seen:
            continue
        seen.add(parent)
        if parent in creds and _extends_proxy_auth(creds[parent], creds, seen):
            return True
    return False


def _supports_proxy_auth(node: dict[str, Any], creds: dict[str, Any]) -> bool:
    for c in node.get("credentials") or []:
        cred = creds.get(c.get("name"))
        if cred is None:
            continue
        if cred.get("authenticate") is not None or _extends_proxy_auth(cred, creds, set()):
            return True
    return False


def inject_custom_api_call(raw_nodes: list[dict[str, Any]], creds: dict[str, Any]) -> int:
    """Add n8n's "Custom API Call" resource/operation option where the 2.41 server adds it.

    The server does this only for the latest-version description (``defaultVersion`` absent or
    equal to ``version``: a description with a version *list* and a defaultVersion never
    qualifies, a quirk kept on purpose) of nodes whose credentials support proxy auth.
    """
    count = 0
    for node in raw_nodes:
        dv = node.get("defaultVersion")
        if dv is not None and dv != node.get("version"):
            continue
        if isinstance(node.get("version"), list) and dv is not None:
            continue
        if not _supports_proxy_auth(node, creds):
            continue
        for p in node.get("properties", []):
            opts = p.get("options")
            if p.get("name") in ("resource", "operation") and isinstance(opts, list) and opts:
                if opts[-1].get("name") != CUSTOM_API_CALL_NAME:
                    opts.append({"name": CUSTOM_API_CALL_NAME, "value": CUSTOM_API_CALL_KEY})
                    count += 1
    return count


def distil_credential(cred: dict[str, Any]) -> dict[str, Any]:
    out = {
        k: cred[k] for k in ("name", "displayName", "extends", "genericAuth", "hidden") if k in cred
    }
    if cred.get("supportedNodes"):
        out["supportedNodes"] = cred["supportedNodes"]
    if cred.get("httpRequestNode"):
        out["httpRequestNode"] = True
    if cred.get("authenticate") is not None:
        # the HTTP Request node's "predefined credential type" accepts it (n8n's filter
        # ``has:authenticate``; OAuth ones are known from ``extends``)
        out["authenticates"] = True
    base_url = _api_base_url(cred)
    if base_url:
        out["baseUrl"] = base_url
    return out


def _api_base_url(cred: dict[str, Any]) -> str | None:
    """The API's base URL as the credential's own test request writes it (an n8n expression
    when it depends on the account, e.g. a subdomain); None when the test names no separate
    path, since then ``baseURL`` is one endpoint rather than the base."""
    test = cred.get("test")
    request = test.get("request") if isinstance(test, dict) else None
    if not isinstance(request, dict):
        return None
    base, path = request.get("baseURL"), request.get("url")
    if isinstance(base, str) and base and isinstance(path, str) and path:
        return base
    return None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(shared: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (catalog document, manifest) from the raw package files under ``shared``."""
    raw_creds: dict[str, Any] = {}
    loaded = []
    for folder, package in PACKAGES:
        src = shared / "n8n" / "catalog" / folder
        nodes = json.loads((src / "nodes.json").read_text())
        creds = json.loads((src / "credentials.json").read_text())
        for c in creds:
            raw_creds[c["name"]] = c
        loaded.append((folder, package, src, nodes, creds))
    catalog: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "packages": [],
        "nodes": [],
        "credentials": [],
    }
    manifest: dict[str, Any] = {"format": FORMAT_VERSION, "packages": [], "files": {}}
    injected = 0
    for folder, package, src, nodes, creds in loaded:
        injected += inject_custom_api_call(nodes, raw_creds)
        pkg_json = json.loads((src / "package.json").read_text())
        catalog["packages"].append({"name": package, "version": pkg_json["version"]})
        catalog["nodes"].extend(distil_node(n, package) for n in nodes)
        catalog["credentials"].extend(distil_credential(c) for c in creds)
        manifest["packages"].append(
            {
                "name": package,
                "version": pkg_json["version"],
                "folder": folder,
                "entries": len(nodes),
                "node_names": len({n["name"] for n in nodes}),
                "credential_types": len(creds),
            }
        )
        for fname in ("nodes.json", "credentials.json", "package.json"):
            manifest["files"][f"{folder}/{fname}"] = sha256(src / fname)
    manifest["custom_api_call_options_injected"] = injected
    manifest["entries"] = len(catalog["nodes"])
    manifest["credential_types"] = len(catalog["credentials"])
    return catalog, manifest


def send_and_wait(desc: dict[str, Any]) -> tuple[bool, str | None]:
    """Whether n8n 2.41 derives a ``<name>HitlTool`` twin, and the resource it pins.

    Rule (server tool generation): a webhook-owning node whose name does not end in ``Tool`` with
    any ``operation`` property offering the ``sendAndWait`` value; the pinned resource is the first
    ``show.resource`` value of the first such operation property that has one.
    """
    if desc["name"].endswith("Tool") or not desc.get("webhooks"):
        return False, None
    found = False
    resource = None
    for p in desc.get("properties", []):
        opts = p.get("options")
        if p.get("name") != "operation" or not isinstance(opts, list):
            continue
        if any(isinstance(o, dict) and o.get("value") == "sendAndWait" for o in opts):
            found = True
            show = (p.get("displayOptions") or {}).get("show") or {}
            res = show.get("resource")
            if resource is None and isinstance(res, list) and res:
                resource = res[0]
    return found, resource


def encode(catalog: dict[str, Any]) -> bytes:
    """Header line (entries without properties) + one line of properties per entry."""
    header = dict(catalog)
    header["nodes"] = []
    lines = []
    for node in catalog["nodes"]:
        head = {k: v for k, v in node.items() if k != "properties"}
        header["nodes"].append(head)
        lines.append(json.dumps(node["properties"], separators=(",", ":"), ensure_ascii=False))
    first = json.dumps(header, separators=(",", ":"), ensure_ascii=False)
    return ("\n".join([first, *lines]) + "\n").encode()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=shared_data_dir(), help="../shared/data")
    ap.add_argument("--out", type=Path, default=SEEDS_DIR / "catalog")
    args = ap.parse_args(argv)
    if not (args.shared / "n8n" / "catalog").is_dir():
        print(f"error: no n8n/catalog under {args.shared}", file=sys.stderr)
        return 2
    catalog, manifest = build(args.shared)
    args.out.mkdir(parents=True, exist_ok=True)
    payload = encode(catalog)
    out_file = args.out / "catalog.jsonl.gz"
    # mtime=0 keeps the output byte-identical across runs, so git sees no spurious change
    with open(out_file, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(payload)
    manifest["output"] = {
        "file": "catalog.jsonl.gz",
        "sha256": sha256(out_file),
        "bytes": out_file.stat().st_size,
        "json_bytes": len(payload),
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(
        f"wrote {out_file} ({out_file.stat().st_size / 1e6:.2f} MB gz, "
        f"{len(payload) / 1e6:.2f} MB json): {manifest['entries']} entries, "
        f"{manifest['credential_types']} credential types"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
