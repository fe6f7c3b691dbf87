"""The distilled n8n 2.41 catalog: counts, version lookup, run-time twins, search and the CLI."""

from __future__ import annotations

import gzip
import json
import time

import pytest

from indexing.catalog.load import (
    DEFAULT_PATH,
    Catalog,
    iter_all_entries,
    load_catalog,
    read_catalog_file,
)
from indexing.catalog.model import Port, Property
from nodepilot.cli import main
from nodepilot.paths import SEEDS_DIR

B = "n8n-nodes-base."
LC = "@n8n/n8n-nodes-langchain."


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog()


# ------------------------------------------------------------------ the seed file
def test_manifest_records_sources_and_matches_the_file() -> None:
    manifest = json.loads((SEEDS_DIR / "catalog" / "manifest.json").read_text())
    versions = {p["name"]: p["version"] for p in manifest["packages"]}
    assert versions == {"n8n-nodes-base": "2.41.2", "@n8n/n8n-nodes-langchain": "2.41.1"}
    counts = {p["name"]: (p["entries"], p["node_names"]) for p in manifest["packages"]}
    assert counts == {"n8n-nodes-base": (503, 444), "@n8n/n8n-nodes-langchain": (131, 124)}
    assert all(len(h) == 64 for h in manifest["files"].values())
    import hashlib

    assert manifest["output"]["sha256"] == hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()


def test_seed_file_is_small_and_header_first() -> None:
    assert DEFAULT_PATH.stat().st_size < 3_000_000
    first = gzip.open(DEFAULT_PATH, "rt").readline()
    header = json.loads(first)
    assert header["format"] == 1
    assert "properties" not in header["nodes"][0]


def test_load_is_fast_from_a_cold_start() -> None:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        header, lines = read_catalog_file(DEFAULT_PATH)
        Catalog(header, lines, source=str(DEFAULT_PATH))
        best = min(best, time.perf_counter() - t0)
    assert best < 0.5  # ~40 ms measured; generous bound for a loaded CI machine


def test_load_catalog_is_cached(cat: Catalog) -> None:
    assert load_catalog() is cat
    assert load_catalog(DEFAULT_PATH) is cat


# ------------------------------------------------------------------ counts
def test_counts_per_package(cat: Catalog) -> None:
    base = [nv for nv in iter_all_entries(cat) if nv.variant == "base"]
    by_pkg: dict[str, list] = {}
    for nv in base:
        by_pkg.setdefault(nv.package, []).append(nv)
    assert len(by_pkg["n8n-nodes-base"]) == 503
    assert len({nv.type_name for nv in by_pkg["n8n-nodes-base"]}) == 444
    assert len(by_pkg["@n8n/n8n-nodes-langchain"]) == 131
    assert len({nv.type_name for nv in by_pkg["@n8n/n8n-nodes-langchain"]}) == 124
    assert len(cat.credential_types()) == 409 + 38


def test_type_names_match_n8n_server_with_twins(cat: Catalog) -> None:
    names = cat.types()
    assert len(names) == 848  # what the n8n 2.41.3 server serves (checked with the oracle)
    assert len([t for t in names if t.endswith("HitlTool")]) == 10
    assert len(cat.types(include_variants=False)) == 444 + 124


# ------------------------------------------------------------------ lookups
def test_version_lookup(cat: Catalog) -> None:
    nv = cat.get(B + "set", 3.4)
    assert nv is not None and 3.4 in nv.versions
    assert cat.get(B + "set", 2) is cat.get(B + "set", 2.0)
    assert 2 in cat.get(B + "set", 2).versions
    assert cat.get(B + "set", 9) is None
    assert cat.get(B + "set", True) is None
    assert cat.get(B + "set", "3.4") is nv  # editor keys versions by String(v)
    assert cat.get(B + "set", "3.40") is None
    assert cat.get(B + "set") is cat.get(B + "set", max(cat.versions(B + "set")))
    assert cat.get("slack") is None  # full names only
    assert cat.get("n8n-nodes-base.nope") is None


def test_version_helpers(cat: Catalog) -> None:
    assert cat.versions(LC + "agent")[:2] == [1.0, 1.1]
    assert cat.default_version(LC + "agent") == 3.1
    assert cat.closest_version(B + "set", 3.45) == 3.5
    assert cat.closest_version(B + "set", 99) == 3.5
    assert cat.closest_version(B + "nope", 1) is None
    assert [len(e.versions) > 0 for e in cat.entries(LC + "agent")] == [True, True, True]


def test_name_resolution_and_suggestions(cat: Catalog) -> None:
    assert cat.resolve_name("slack") == B + "slack"
    assert cat.resolve_name("agent") == LC + "agent"
    assert cat.resolve_name("HTTPREQUEST") == B + "httpRequest"
    assert cat.resolve_name(B + "slack") == B + "slack"
    assert cat.resolve_name("definitelyNotANode") is None
    assert cat.has_type(B + "slack") and not cat.has_type("slack")
    assert B + "slack" in cat.closest_types("slak")
    assert B + "httpRequest" in cat.closest_types("n8n-nodes-base.httpReqest")
    assert cat.closest_types("") == []


def test_triggers_hidden_and_removed_types(cat: Catalog) -> None:
    for t in ("scheduleTrigger", "webhook", "cron", "emailReadImap", "manualTrigger"):
        assert cat.is_trigger(B + t), t
    assert cat.is_trigger(LC + "chatTrigger")
    assert not cat.is_trigger(B + "slack")
    assert cat.get(B + "function").hidden and cat.get(B + "cron").hidden
    assert not cat.get(B + "slack").hidden
    assert not cat.has_type(B + "start")  # removed in n8n 1.0


def test_the_catalog_answers_is_a_sub_node_where_the_name_rule_is_wrong(cat: Catalog) -> None:
    """``Catalog.is_sub_node`` is the ``declared`` the generator passes to
    ``is_sub_node_type``: it corrects the name rule both ways; None leaves the name to decide."""
    from nodepilot.workflow import is_sub_node_type

    for t in ("lmOllama", "modelSelector", "vectorStorePineconeLoad", "documentGithubLoader"):
        assert cat.is_sub_node(LC + t) and not is_sub_node_type(LC + t), t
        assert is_sub_node_type(LC + t, cat.is_sub_node(LC + t)), t
    for t in ("memoryManager", "memoryChatRetriever", "toolExecutor"):
        assert cat.is_sub_node(LC + t) is False and is_sub_node_type(LC + t), t
    assert cat.is_sub_node(LC + "lmChatOpenAi") and cat.is_sub_node(B + "slack") is False
    assert cat.is_sub_node(B + "switch") is None  # outputs computed at run time
    assert cat.is_sub_node(B + "noSuchNode") is None


def test_node_version_facts(cat: Catalog) -> None:
    slack = cat.get(B + "slack", 2.3)
    assert slack.display_name == "Slack" and slack.usable_as_tool
    assert {c.name for c in slack.credentials} == {"slackApi", "slackOAuth2Api"}
    assert slack.credentials[0].display_options == {"show": {"authentication": ["accessToken"]}}
    assert cat.get(B + "manualTrigger").max_nodes == 1
    assert cat.get(LC + "lmChatOpenAi").is_sub_node
    assert not slack.is_sub_node
    assert all(isinstance(p, Property) for p in slack.properties)
    paths = dict(cat.get(B + "httpRequest", 4.2).iter_properties())
    assert "options.timeout" in paths
    cred = cat.credential_type("slackApi")
    assert cred is not None and cred.display_name
    assert cat.credential_type("nope") is None


def test_custom_api_call_injected_like_the_server(cat: Catalog) -> None:
    injected = [
        nv
        for nv in iter_all_entries(cat)
        if nv.variant == "base"
        and any(
            o.value == "__CUSTOM_API_CALL__"
            for p in nv.properties
            if p.name in ("resource", "operation")
            for o in p.option_values
        )
    ]
    assert len(injected) > 100
    for nv in injected:
        # the server only injects into descriptions whose version is the default one
        dv = nv.raw.get("defaultVersion")
        assert dv is None or (not isinstance(nv.raw["version"], list) and dv == nv.raw["version"])


# ------------------------------------------------------------------ twins
def test_tool_twin(cat: Catalog) -> None:
    tool = cat.get(B + "slackTool", 2.3)
    assert tool is not None and tool.variant == "tool" and tool.base_type == B + "slack"
    assert tool.display_name == "Slack Tool"
    assert tool.inputs_raw == [] and tool.outputs_raw == ["ai_tool"]
    assert not tool.usable_as_tool
    names = [p.name for p in tool.properties]
    assert names[:2] == ["descriptionType", "toolDescription"]
    desc = tool.properties[1]
    assert desc.required and desc.display_options == {"show": {"descriptionType": ["manual"]}}
    assert names[2:] == [p.name for p in cat.get(B + "slack", 2.3).properties]
    assert tool.codex["subcategories"]["Tools"] == ["Other Tools"]
    assert cat.is_tool_capable(B + "slackTool") and not cat.is_tool_capable(B + "slack")


def test_tool_twin_without_resource_and_with_replacements(cat: Catalog) -> None:
    tool = cat.get(B + "httpRequestTool")
    first = tool.properties[0]
    assert first.name == "toolDescription" and first.display_options is None
    assert tool.codex["subcategories"]["Tools"] == ["Recommended Tools"]


def test_tool_twin_goes_after_the_last_callout() -> None:
    from indexing.catalog.load import _tool_twin
    from indexing.catalog.model import NodeVersion

    props = [
        {"name": "intro", "type": "callout", "default": ""},
        {"name": "a", "type": "string", "default": ""},
        {"name": "tip", "type": "callout", "default": ""},
        {"name": "b", "type": "string", "default": ""},
    ]
    base = NodeVersion(
        {"name": "x.demo", "displayName": "Demo", "version": 1, "description": "Does things"},
        lambda: props,
    )
    twin = _tool_twin(base)
    assert [p.name for p in twin.properties] == ["intro", "a", "tip", "toolDescription", "b"]
    assert twin.properties[3].default == "Does things"
    assert twin.type_name == "x.demoTool" and [p.name for p in base.properties][3] == "b"


def test_no_twin_without_usable_as_tool(cat: Catalog) -> None:
    assert not cat.get(B + "set").usable_as_tool
    assert not cat.has_type(B + "setTool")


def test_hitl_twins(cat: Catalog) -> None:
    hitl = sorted(t.rsplit(".", 1)[1] for t in cat.types() if t.endswith("HitlTool"))
    assert hitl == sorted(
        f"{n}HitlTool"
        for n in (
            "chat",
            "discord",
            "emailSend",
            "gmail",
            "googleChat",
            "microsoftOutlook",
            "microsoftTeams",
            "slack",
            "telegram",
            "whatsApp",
        )
    )
    nv = cat.get(B + "slackHitlTool", 2.3)
    assert nv.variant == "hitl" and nv.display_name == "Slack"
    props = {p.name: p for p in nv.properties}
    assert nv.properties[0].name == "message" and nv.properties[0].required
    assert props["resource"].type == "hidden" and props["resource"].default == "message"
    assert props["operation"].default == "sendAndWait"
    assert Port.from_n8n(nv.inputs_raw[0]).required
    out = Port.from_n8n(nv.outputs_raw[0])
    assert out.type == "ai_tool" and out.filter.nodes == (LC + "agent", LC + "agentTool")
    assert cat.get(B + "emailSendHitlTool").property_named("resource")[0].default == "email"
    assert cat.get(LC + "chatHitlTool").property_named("resource") == []
    # only versions that offer sendAndWait get a twin
    assert cat.versions(B + "slackHitlTool") == [v for v in cat.versions(B + "slack") if v >= 2]


# ------------------------------------------------------------------ search
def test_search(cat: Catalog) -> None:
    hits = [nv.type_name for nv in cat.search("send email")]
    assert hits[0] == B + "emailSend"
    assert cat.search("schedule")[0].type_name == B + "scheduleTrigger"
    assert cat.search("") == []
    assert cat.search("zzzzqqq") == []
    assert all(not nv.hidden for nv in cat.search("function"))
    assert any(nv.hidden for nv in cat.search("function", include_hidden=True))


# ------------------------------------------------------------------ CLI
def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(args)
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_cli_show_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["catalog", "show", "slack"], capsys)
    assert code == 0
    assert out.startswith("n8n-nodes-base.slack  (Slack)")
    assert "credential: slackApi (required)" in out
    assert "default 2.7" in out


def test_cli_show_json_with_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        ["catalog", "show", LC + "agent", "--version", "1.7", "--format", "json"], capsys
    )
    assert code == 0
    data = json.loads(out)
    assert data["type"] == LC + "agent" and 1.7 in data["versions"]
    assert data["inputs"]["dynamic"] is True and data["inputs"]["rule"]
    assert any(p["name"] == "agent" for p in data["properties"])


def test_cli_show_dynamic_outputs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["catalog", "show", "switch", "--version", "3.2"], capsys)
    assert code == 0 and "outputs: computed from parameters (Switch" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["catalog", "show", "slak"], "unknown node type 'slak'"),
        (["catalog", "show", "slack", "--version", "9"], "has no version 9"),
        (["catalog", "show", "slack", "--version", "x"], "--version must be a number"),
        (["catalog", "show", "slack", "--version", "nan"], "finite number"),
        (["catalog", "list", "--search", "  "], "--search needs at least one word"),
    ],
)
def test_cli_bad_input(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(args, capsys)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err
    assert "Traceback" not in err


def test_cli_unknown_type_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run_cli(["catalog", "show", "slak"], capsys)
    assert "hint: did you mean n8n-nodes-base.slack" in err


def test_cli_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["catalog", "list", "--trigger", "--format", "json"], capsys)
    rows = json.loads(out)
    assert code == 0 and rows and all(r["trigger"] for r in rows)
    assert B + "scheduleTrigger" in {r["type"] for r in rows}
    assert not any(r["hidden"] for r in rows)
    code, out, err = run_cli(["catalog", "list", "--search", "slack"], capsys)
    assert out.splitlines()[0].startswith(B + "slack\t")
    assert err.strip().endswith("node types")


def test_distill_script_reproduces_the_committed_seed() -> None:
    """The committed seed is exactly what scripts/distill_catalog.py makes of ../shared."""
    import importlib.util

    from nodepilot.paths import PROJECT_ROOT, shared_data_dir

    if not (shared_data_dir() / "n8n" / "catalog").is_dir():
        pytest.skip("../shared/data not available on this machine")
    spec = importlib.util.spec_from_file_location(
        "distill_catalog", PROJECT_ROOT / "scripts" / "distill_catalog.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    catalog, manifest = module.build(shared_data_dir())
    assert module.encode(catalog) == gzip.decompress(DEFAULT_PATH.read_bytes())
    committed = json.loads((SEEDS_DIR / "catalog" / "manifest.json").read_text())
    assert manifest["files"] == committed["files"]
