"""Build datasets/bench/workflow_requests.jsonl from our hand-written requests.

Why: each case pairs a request we wrote (scripts/datasets/requests/batch_*.jsonl) with the
skeleton derived from its reference workflow. Keeping the skeleton derivation in code and the
hand decisions as small per-case overrides makes every expectation reproducible and reviewable.

Batch line format (ours, not the dataset format):
  {"src": SOURCE_ID, "request": TEXT, "cat": DOMAIN,
   "ovr": ["+httpRequest", "-googleDrive", "~code"],   # promote / demote to optional / drop
   "exact": ["emailSend"],                              # do not widen these to any_of
   "any": [["gmail", "emailSend"]],                     # extra any_of groups (replace members)
   "trigger_any": ["emailReadImap"], "skip": false}
Short type names: "x" = n8n-nodes-base.x, "lc.x" = @n8n/n8n-nodes-langchain.x.

Run: .venv/bin/python scripts/datasets/build_workflow_requests.py
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refs import BASE, CHAT_MODELS, LC, MEMORIES, catalog, iter_references, known_type  # noqa: E402
from skeleton import derive, edges_for  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = ROOT / "datasets" / "bench" / "workflow_requests.jsonl"

VENDOR_APP = {
    LC + "lmChatOpenAi": LC + "openAi",
    LC + "lmChatAnthropic": LC + "anthropic",
    LC + "lmChatGoogleGemini": LC + "googleGemini",
}
APP_VENDOR = {v: k for k, v in VENDOR_APP.items()}
ROOTS_LOOSE = {LC + "chainLlm", LC + "agent"}
CLASSIFIERS = {LC + "textClassifier", LC + "informationExtractor", LC + "sentimentAnalysis"}
EMAIL_SEND = [BASE + "emailSend", BASE + "gmail", BASE + "microsoftOutlook"]
assert all(m in CHAT_MODELS for m in VENDOR_APP)


def full(short: str) -> str:
    """Expand the short type names used in batch files."""
    if short.startswith(("n8n-nodes-base.", "@n8n/")):
        return short
    return LC + short[3:] if short.startswith("lc.") else BASE + short


def widen(wf: dict[str, Any], required: list[str], exact: set[str]) -> tuple[list[Any], list[str]]:
    """Turn vendor/design-specific required types into any_of groups where others would do."""
    nodes = wf["nodes"]
    names = {n.get("name"): n["type"] for n in nodes if "type" in n}
    tool_targets = set()
    mem_targets = set()
    model_of: dict[str, str] = {}
    for src, outs in (wf.get("connections") or {}).items():
        for ctype, lists in (outs or {}).items():
            for lst in lists or []:
                for c in lst or []:
                    tgt = names.get(c.get("node"))
                    if ctype == "ai_tool":
                        tool_targets.add(tgt)
                    if ctype == "ai_memory":
                        mem_targets.add(tgt)
                    if ctype == "ai_languageModel" and names.get(src):
                        model_of[tgt] = names[src]
    text_only_app = {
        n["type"]
        for n in nodes
        if n.get("type") in APP_VENDOR
        and (n.get("parameters") or {}).get("resource", "text") == "text"
    } - {
        n["type"]
        for n in nodes
        if n.get("type") in APP_VENDOR
        and (n.get("parameters") or {}).get("resource", "text") != "text"
    }
    loose_roots = {
        t
        for t in required
        if (t in ROOTS_LOOSE and t not in tool_targets and t not in mem_targets) or t in CLASSIFIERS
    }
    loose_models = {model_of[r] for r in loose_roots if model_of.get(r) in VENDOR_APP}
    # a model feeding a strict root (agent with tools/memory) must stay exact
    strict_models = {m for r, m in model_of.items() if r in required and r not in loose_roots}
    loose_models -= strict_models
    out: list[Any] = []
    for t in required:
        if t in exact:
            out.append(t)
        elif t in loose_roots:
            vendors = [VENDOR_APP[model_of[t]]] if model_of.get(t) in VENDOR_APP else []
            group = [t] + sorted(ROOTS_LOOSE - {t}) + vendors
            out.append({"any_of": group})
        elif t in loose_models:
            out.append({"any_of": [t, VENDOR_APP[t]]})
        elif t in text_only_app:
            out.append({"any_of": [t, APP_VENDOR[t]]})
        elif t == LC + "memoryBufferWindow":
            out.append({"any_of": MEMORIES})
        elif t == BASE + "emailSend":
            out.append({"any_of": EMAIL_SEND})
        else:
            out.append(t)
    return out, sorted(loose_roots)


def apply(entry: dict[str, Any], wf: dict[str, Any]) -> dict[str, Any]:
    """Derived skeleton + the case's overrides + widening -> the `expected` object."""
    d = derive(wf)
    exp = d["expected"]
    req, opt = list(exp["required"]), list(exp["optional"])
    for o in entry.get("ovr", []):
        op, t = o[0], full(o[1:])
        if op == "+":
            if t not in req:
                req.append(t)
            opt = [x for x in opt if x != t]
        elif op in "-~":
            if t not in req and t not in opt:
                raise ValueError(f"{entry['src']}: override {o} names a type not in the skeleton")
            req = [x for x in req if x != t]
            if op == "-" and t not in opt:
                opt.append(t)
            if op == "~":
                opt = [x for x in opt if x != t]
    exact = {full(x) for x in entry.get("exact", [])}
    required, _ = widen(wf, req, exact)
    for grp in entry.get("any", []):
        members = [full(x) for x in grp]
        required = [r for r in required if not (isinstance(r, str) and r in members)] + [
            {"any_of": members}
        ]
    seen_groups: set[frozenset[str]] = set()
    deduped: list[Any] = []
    for item in required:
        key = frozenset(item["any_of"]) if isinstance(item, dict) else frozenset([item])
        if key not in seen_groups:
            seen_groups.add(key)
            deduped.append(item)
    required = deduped
    edges = edges_for(wf, set(req) | {exp["trigger"]})
    expected: dict[str, Any] = {"trigger": exp["trigger"]}
    if entry.get("trigger_any"):
        expected["trigger_any"] = [full(x) for x in entry["trigger_any"]]
    expected |= {"required": required, "optional": opt, "edges": edges}
    return {"expected": expected, "facts": d}


def types_in(expected: dict[str, Any]) -> list[str]:
    """Every node type string named in an expected object."""
    out = [expected["trigger"], *expected.get("trigger_any", [])]
    for item in expected["required"] + expected["optional"]:
        out += item["any_of"] if isinstance(item, dict) else [item]
    for e in expected["edges"]:
        out += e[:2]
    return out


ALIASES = {
    "googleSheets": "sheet",
    "lmChatOpenAi": "openai|gpt|chatgpt",
    "openAi": "openai|gpt|dall|whisper",
    "lmChatAnthropic": "claude|anthropic",
    "anthropic": "claude|anthropic",
    "lmChatGoogleGemini": "gemini",
    "googleGemini": "gemini",
    "agent": "agent|assistant|bot|ai",
    "chainLlm": "ai|llm|gpt|claude|gemini",
    "embeddingsOpenAi": "embed|openai",
    "memoryBufferWindow": "remember|memory|memoria|context|history",
    "twitter": "twitter|tweet|\\bx\\b",
    "sendInBlue": "brevo|sendinblue",
    "gmail": "gmail|email|mail",
    "emailSend": "email|mail|smtp",
    "microsoftOutlook": "outlook",
    "googleDrive": "drive",
    "textClassifier": "classif|categor|sort|label|route",
    "telegram": "telegram|tg",
    "informationExtractor": "extract|pull out|parse",
    "sentimentAnalysis": "sentiment|tone|mood",
    "lmChatOpenRouter": "openrouter",
    "lmChatAzureOpenAi": "azure",
    "microsoftTeams": "teams",
    "vectorStorePinecone": "pinecone",
    "vectorStoreQdrant": "qdrant",
    "vectorStoreSupabase": "supabase",
    "vectorStoreInMemory": "memory|in-memory|in memory",
    "lmChatMistralCloud": "mistral",
    "lmChatGroq": "groq",
    "lmOllama": "ollama",
    "lmOpenHuggingFaceInference": "hugging",
    "lmChatDeepSeek": "deepseek",
    "lmChatOllama": "ollama|local",
    "vectorStorePGVector": "pgvector|postgres",
    "whatsApp": "whatsapp",
    "mondayCom": "monday",
    "googleCalendar": "calendar",
    "httpRequest": "api|http|url|endpoint|fetch|scrape|download",
    "microsoftExcel": "excel",
    "discord": "discord",
    "hubspot": "hubspot",
    "rssFeedRead": "rss|feed",
    "googleDocs": "doc",
    "mcpClientTool": "mcp",
    "microsoftOneDrive": "onedrive",
    "microsoftSql": "sql server|mssql",
    "postgres": "postgres|pg",
    "mySql": "mysql",
}


def lint_names(request: str, expected: dict[str, Any]) -> list[str]:
    """Types in `required` whose app the request does not seem to name (a hint to re-read)."""
    text = request.lower()
    miss = []
    cat = catalog()
    for item in expected["required"]:
        group = item["any_of"] if isinstance(item, dict) else [item]
        ok = False
        for t in group:
            short = t.split(".")[-1]
            base = short[:-4] if short.endswith("Tool") and t not in cat else short
            alias = ALIASES.get(base)
            words = re.sub(r"(?<!^)(?=[A-Z])", " ", base).lower()
            words = words.replace("lm chat ", "").replace("vector store ", "")
            words = words.replace("embeddings ", "").replace(" trigger", "")
            pat = alias or re.escape(words.split(" ")[0] if len(words) > 3 else words)
            if re.search(r"\b(?:" + pat + ")", text):
                ok = True
        if not ok:
            miss.append("/".join(x.split(".")[-1] for x in group))
    return miss


def assign_splits(cases: list[dict[str, Any]]) -> None:
    """60/20/20 train/dev/test, stratified by trigger kind x AI x difficulty, seeded by id."""
    strata: dict[tuple, list[dict]] = defaultdict(list)
    for c in cases:
        strata[(c["_kind"], c["_ai"], c["difficulty"])].append(c)
    pattern = ["train", "dev", "train", "test", "train"]
    for key, lst in strata.items():
        lst.sort(key=lambda c: hashlib.sha256(c["id"].encode()).hexdigest())
        off = int(hashlib.sha256(str(key).encode()).hexdigest(), 16) % 5
        for k, c in enumerate(lst):
            c["split"] = pattern[(k + off) % 5]


def main() -> None:
    """Assemble, check, write."""
    entries = []
    for path in sorted((HERE / "requests").glob("batch_*.jsonl")):
        for ln, line in enumerate(path.read_text().splitlines(), 1):
            if line.strip():
                e = json.loads(line)
                e["_where"] = f"{path.name}:{ln}"
                entries.append(e)
    entries = [e for e in entries if not e.get("skip")]
    wanted = {e["src"] for e in entries}
    wfs = {r.source: r.workflow for r in iter_references() if r.source in wanted}
    errors, cases, warns = [], [], []
    seen_src: set[str] = set()
    for e in entries:
        if e["src"] in seen_src:
            errors.append(f"{e['_where']}: duplicate source {e['src']}")
            continue
        seen_src.add(e["src"])
        if e["src"] not in wfs:
            errors.append(f"{e['_where']}: unknown source {e['src']}")
            continue
        try:
            built = apply(e, wfs[e["src"]])
        except ValueError as exc:
            errors.append(f"{e['_where']}: {exc}")
            continue
        exp, facts = built["expected"], built["facts"]
        bad = [t for t in types_in(exp) if not known_type(t)]
        if bad:
            errors.append(f"{e['_where']}: unknown types {bad}")
        miss = lint_names(e["request"], exp)
        if miss:
            warns.append(f"{e['_where']}: request may not name {miss}")
        case = {
            "id": f"wf-{len(cases) + 1:04d}",
            "request": e["request"],
            "intent": "workflow_request",
            "expected": exp,
            "source": e["src"],
            "difficulty": e.get("difficulty", facts["difficulty"]),
            "split": "train",
        }
        if e.get("cat"):
            case["category"] = e["cat"]
        case["_kind"] = facts["trigger_kind"]
        case["_ai"] = any(t.startswith(LC) for t in types_in(exp))
        cases.append(case)
    assign_splits(cases)
    for w in warns:
        print("warn:", w)
    for er in errors:
        print("ERROR:", er)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w") as fh:
        for c in cases:
            fh.write(json.dumps({k: v for k, v in c.items() if not k.startswith("_")}) + "\n")
    print(f"wrote {len(cases)} cases to {OUT.relative_to(ROOT)}")
    for label, key in (
        ("kind", lambda c: c["_kind"]),
        ("ai", lambda c: c["_ai"]),
        ("difficulty", lambda c: c["difficulty"]),
        ("split", lambda c: c["split"]),
    ):
        print(label, dict(Counter(key(c) for c in cases).most_common()))
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
