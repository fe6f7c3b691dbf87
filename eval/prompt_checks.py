"""Prompt checks that need no model: run on every commit, they catch what no offline score can.

* **names** - the 13 prompts the project ships all exist (and parse).
* **variables** - every ``render`` call site in the code fills exactly the variables its prompt
  declares (a static scan of the code, so LLM-only paths are checked without an LLM); prompts
  no code reads are listed as notes.
* **json** - every JSON example in a prompt (fenced, in backticks, or inline ``{"key": ...}``)
  parses (``...`` may stand for a value), and each object example fits the output contract the
  prompt's answer is parsed with (``WORKFLOW_TOOL_SCHEMA``, ``INTENT_SCHEMA``, ``SPEC_SCHEMA``):
  the object schemas naming one of its keys accept it. The contract's required top-level
  fields are named in the prompt and its enum values appear.
* **budget** - each prompt's size in tokens stays under its budget. No vendor tokenizer is
  available offline (tiktoken downloads its vocabularies at run time; the Anthropic SDK ships
  none), so tokens are estimated as ceil(characters / 3.5): English prose runs about 4
  characters per token, markdown and JSON fewer, so the estimate errs high.

``python -m eval.prompt_checks [DIR]`` prints the findings and exits 1 when any is an error.
"""

from __future__ import annotations

import ast
import importlib
import json
import math
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nodepilot.paths import PROJECT_ROOT

#: The prompt names the project ships (seeds/prompts).
EXPECTED_PROMPTS: frozenset[str] = frozenset(
    {
        "intent_classification",
        "workflow_generation",
        "prompt_optimization",
        "conversation",
        "workflow_repair",
        "workflow_modification",
        "question_answering",
        "entity_extraction",
        "node_selection",
        "parameter_filling",
        "connection_planning",
        "workflow_summary",
        "title_generation",
    }
)
#: Packages whose code may render prompts.
CODE_ROOTS = ("engine", "service", "indexing", "nodepilot")
#: The schema each prompt's answer is checked against ("module:attribute").
OUTPUT_CONTRACTS: dict[str, str] = {
    "workflow_generation": "engine.providers.output:WORKFLOW_TOOL_SCHEMA",
    "workflow_repair": "engine.providers.output:WORKFLOW_TOOL_SCHEMA",
    "workflow_modification": "engine.providers.output:WORKFLOW_TOOL_SCHEMA",
    "intent_classification": "engine.intent.classifier:INTENT_SCHEMA",
    "prompt_optimization": "engine.spec_llm:SPEC_SCHEMA",
}
#: Prompts whose required fields and enums must be named (task prompts rely on the system one).
NAMES_CONTRACT = ("workflow_generation", "intent_classification", "prompt_optimization")
#: Estimated-token budgets: the system prompt is sent (cached) with every generation; task
#: prompts wrap a request and should stay short.
TOKEN_BUDGETS: dict[str, int] = {"workflow_generation": 2000}
DEFAULT_TOKEN_BUDGET = 800
CHARS_PER_TOKEN = 3.5


@dataclass(frozen=True)
class Finding:
    """One problem (``error``) or remark (``note``) about one prompt."""

    prompt: str
    check: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.severity}: {self.prompt}: {self.check}: {self.message}"


@dataclass(frozen=True)
class PromptUse:
    """One place the code renders a prompt and the variables it fills there."""

    prompt: str
    where: str
    fills: frozenset[str]
    #: ``render(**mapping)``: the variables are whatever the mapping offers (``fills``).
    dynamic: bool = False


# ------------------------------------------------------------------------- code scan


def _const_str(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _prompt_of(node: ast.AST, bound: Mapping[str, str]) -> str | None:
    """``get_prompt("x")`` -> x; a name bound to such a call -> x."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "get_prompt":
        return _const_str(node.args[0]) if node.args else None
    if isinstance(node, ast.Name):
        return bound.get(node.id)
    return None


def _uses_in(func: ast.AST, where: str) -> Iterator[PromptUse]:
    bound: dict[str, str] = {}
    offered: set[str] = set()
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            name = _prompt_of(node.value, {})
            if name and isinstance(node.targets[0], ast.Name):
                bound[node.targets[0].id] = name
        if isinstance(node, ast.Dict) and node.keys and all(_const_str(k) for k in node.keys):
            offered.update(_const_str(k) or "" for k in node.keys)
    for node in ast.walk(func):
        if not isinstance(node, ast.Call):
            continue
        prompt = None
        if getattr(node.func, "id", None) == "render" and node.args:
            prompt = _const_str(node.args[0])
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "render":
            prompt = _prompt_of(node.func.value, bound)
        if prompt is None:
            continue
        keywords = {k.arg for k in node.keywords if k.arg}
        dynamic = any(k.arg is None for k in node.keywords)
        fills = frozenset(offered if dynamic else keywords)
        yield PromptUse(prompt, f"{where}:{node.lineno}", fills, dynamic)


def prompt_uses(roots: tuple[str, ...] = CODE_ROOTS, base: Path = PROJECT_ROOT) -> list[PromptUse]:
    """Every call site rendering a prompt by a literal name, per function, in ``roots``."""
    uses: list[PromptUse] = []
    for root in roots:
        for path in sorted((base / root).rglob("*.py")):
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            except (OSError, SyntaxError):
                continue
            where = str(path.relative_to(base))
            for func in ast.walk(tree):
                if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                    uses.extend(_uses_in(func, where))
    # A nested function is walked inside its parent too: keep one use per call site.
    return list({(u.prompt, u.where): u for u in uses}.values())


def prompts_used_by_code() -> set[str]:
    """Names of the prompts some code renders."""
    return {u.prompt for u in prompt_uses()}


# ------------------------------------------------------------------------- checks


def check_names(prompts: Mapping[str, Any]) -> list[Finding]:
    missing = sorted(EXPECTED_PROMPTS - set(prompts))
    return [Finding(n, "names", "the prompt file is missing") for n in missing]


def check_variables(prompts: Mapping[str, Any], uses: list[PromptUse]) -> list[Finding]:
    """Call sites fill exactly the declared variables; unknown prompts; unread prompts (notes)."""
    out: list[Finding] = []
    for use in uses:
        prompt = prompts.get(use.prompt)
        if prompt is None:
            out.append(Finding(use.prompt, "variables", f"{use.where} renders an unknown prompt"))
            continue
        declared = set(prompt.variables)
        missing = sorted(declared - use.fills)
        extra = [] if use.dynamic else sorted(use.fills - declared)
        if missing:
            out.append(
                Finding(use.prompt, "variables", f"{use.where} does not fill {', '.join(missing)}")
            )
        if extra:
            out.append(
                Finding(
                    use.prompt,
                    "variables",
                    f"{use.where} fills {', '.join(extra)}, which the prompt does not declare",
                )
            )
    used = {u.prompt for u in uses}
    for name in sorted(set(prompts) - used):
        out.append(Finding(name, "variables", "no code renders this prompt", "note"))
    return out


#: ``...`` standing for a value in a shape example (``{"mode": ..., "value": ...}``).
_ELLIPSIS = re.compile(r"(?<=[:\[,])\s*(?:\.\.\.|…)\s*(?=[,}\]])")
_FENCED = re.compile(r"```json\s*\n(.*?)\n\s*```", re.DOTALL)
_INLINE = re.compile(r"`([{\[][^`]*)`")


def json_examples(text: str) -> list[str]:
    """JSON-looking snippets: ```json blocks, `{...}` code spans, and bare ``{"...}`` objects."""
    found = [m.group(1) for m in _FENCED.finditer(text)]
    rest = _FENCED.sub(" ", text)
    found += [m.group(1) for m in _INLINE.finditer(rest)]
    rest = _INLINE.sub(" ", rest)
    start = rest.find('{"')
    while start >= 0:
        end = _balanced_end(rest, start)
        if end is None:
            found.append(rest[start : start + 80])
            break
        found.append(rest[start:end])
        start = rest.find('{"', end)
    # ``{{var}}`` placeholders and n8n ``{{ expressions }}`` are not JSON examples.
    return [f for f in found if not f.lstrip().startswith("{{")]


def _balanced_end(text: str, start: int) -> int | None:
    depth = 0
    in_string = False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            in_string = ch != '"' or text[i - 1] == "\\"
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _object_schemas(schema: Any) -> Iterator[dict[str, Any]]:
    """Every (sub)schema of ``schema`` that describes an object."""
    if not isinstance(schema, dict):
        return
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "object" in kinds or "properties" in schema:
        yield schema
    for key in ("items", "additionalProperties"):
        yield from _object_schemas(schema.get(key))
    for sub in (schema.get("properties") or {}).values():
        yield from _object_schemas(sub)


def _fits(example: dict[str, Any], validators: list[Any]) -> bool:
    """An example fits when the object schemas naming one of its keys accept it (when none
    names any, some object schema must: an open one such as node ``parameters`` will)."""
    naming = [v for v in validators if example.keys() & (v.schema.get("properties") or {}).keys()]
    return any(v.is_valid(example) for v in (naming or validators))


def load_contract(spec: str) -> dict[str, Any]:
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def check_json(prompts: Mapping[str, Any]) -> list[Finding]:
    """JSON examples parse and fit the output contract; contract fields and enums are named."""
    from jsonschema import Draft202012Validator

    out: list[Finding] = []
    for name, prompt in sorted(prompts.items()):
        contract = load_contract(OUTPUT_CONTRACTS[name]) if name in OUTPUT_CONTRACTS else None
        schemas = [Draft202012Validator(s) for s in _object_schemas(contract)] if contract else []
        for snippet in json_examples(prompt.template):
            try:
                value = json.loads(_ELLIPSIS.sub("null", " ".join(snippet.split())))
            except ValueError as exc:
                out.append(Finding(name, "json", f"example does not parse ({exc}): {snippet[:60]}"))
                continue
            if schemas and isinstance(value, dict) and not _fits(value, schemas):
                out.append(
                    Finding(
                        name,
                        "json",
                        f"example {json.dumps(value)[:80]} fits no object of the output schema "
                        f"{OUTPUT_CONTRACTS[name]}",
                    )
                )
        if contract and name in NAMES_CONTRACT:
            out += _named_fields(name, prompt.template, contract)
    return out


def _named_fields(name: str, text: str, contract: dict[str, Any]) -> list[Finding]:
    out = []
    for field in contract.get("required") or ():
        if f"`{field}" not in text:
            out.append(
                Finding(name, "json", f"the parser requires `{field}`; the prompt never names it")
            )
    for prop in (contract.get("properties") or {}).values():
        for value in (prop or {}).get("enum") or ():
            if isinstance(value, str) and not re.search(rf"\b{re.escape(value)}\b", text):
                out.append(Finding(name, "json", f"the allowed value {value!r} is never mentioned"))
    return out


def estimate_tokens(text: str) -> int:
    """Tokens a vendor tokenizer would count, estimated high (see the module docstring)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def check_budgets(prompts: Mapping[str, Any]) -> list[Finding]:
    out = []
    for name, prompt in sorted(prompts.items()):
        budget = TOKEN_BUDGETS.get(name, DEFAULT_TOKEN_BUDGET)
        tokens = estimate_tokens(prompt.template)
        if tokens > budget:
            out.append(
                Finding(name, "budget", f"about {tokens} tokens, over its budget of {budget}")
            )
    return out


def run_checks(directory: Path | None = None) -> list[Finding]:
    """Every check on the prompt folder (default seeds/prompts)."""
    from engine.prompts import PROMPTS_DIR, load_prompts

    prompts = load_prompts(directory or PROMPTS_DIR)
    return [
        *check_names(prompts),
        *check_variables(prompts, prompt_uses()),
        *check_json(prompts),
        *check_budgets(prompts),
    ]


def main(argv: list[str]) -> int:
    from engine.prompts import PromptError

    try:
        findings = run_checks(Path(argv[0]) if argv else None)
    except PromptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for finding in findings:
        print(finding)
    errors = sum(1 for f in findings if f.severity == "error")
    print(f"prompt checks: {errors} error(s), {len(findings) - errors} note(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
