"""The OFFLINE generator: a ``Spec`` (plus retrieved context) -> an n8n workflow, no network.

Deterministic: the same spec gives byte-identical JSON (uuid5 ids from the request and node
names, fixed layout). Always valid under the ``strict`` profile: every workflow goes through
``finalize`` which fills what the validator still finds missing, applies the deterministic
repair, drops nodes it cannot make valid, and in the worst case returns a minimal trigger-only
workflow - never an invalid document.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
from collections import Counter
from dataclasses import replace
from typing import Any

from engine.lexicon import (
    BATCH_SIZE,
    EMAIL_APPS,
    EMBEDDINGS_FOR_MODEL,
    MAIL_RECIPIENT,
    WEB_ADDRESS,
)
from engine.naming import workflow_title
from engine.offline import nodes as N
from engine.offline.api_credentials import api_base_url
from engine.offline.app_naming import app_names
from engine.offline.assemble import Draft
from engine.offline.coverage import app_steps
from engine.offline.downloads import with_download_step
from engine.offline.explicit_api import explicit_api_calls, tool_api_call
from engine.offline.implied_calls import trigger_app_calls, trigger_only_calls
from engine.offline.mail_attachments import download_attachments, reads_an_attachment
from engine.offline.operations import candidates, choose_operation
from engine.offline.params import (
    complete_parameters,
    find_property,
    request_words,
    resource_locator,
    set_path,
    value_for,
)
from engine.offline.summary import with_summary_step
from engine.offline.tool_stand_ins import tool_clause, tool_stand_in
from engine.offline.typical import apply_typical
from engine.types import AiSpec, ContextItem, Spec, StepSpec
from indexing.catalog.load import load_catalog
from indexing.catalog.model import NodeVersion
from indexing.catalog.params import (
    MISSING,
    ParameterResolutionError,
    display_parameter,
    resolve_parameters,
    resolve_parameters_shared,
)
from nodepilot.workflow import STICKY_NOTE, is_sub_node_type

log = logging.getLogger(__name__)
BASE, LC = N.BASE, N.LC
AI_ROOTS = frozenset(
    LC + t
    for t in (
        "agent",
        "chainLlm",
        "chainSummarization",
        "chainRetrievalQa",
        "informationExtractor",
        "textClassifier",
        "sentimentAnalysis",
    )
)
BRANCH_TYPES = frozenset({BASE + "if", BASE + "switch"})
CHAT_TRIGGER = LC + "chatTrigger"
RESPOND = BASE + "respondToWebhook"
DEFAULT_MODEL = LC + "lmChatOpenAi"
DEFAULT_EMBEDDINGS = LC + "embeddingsOpenAi"


def catalog() -> Any:
    return load_catalog()


def generate_workflow(
    spec: Spec, context: list[ContextItem] | tuple[ContextItem, ...] = ()
) -> dict[str, Any]:
    """The new workflow for ``spec``.

    A failure while building propagates: a near-empty stand-in workflow would look like an
    answer (and be charged for) while hiding an engine bug, so the provider turns the error
    into a failed generation that names it."""
    draft = build_draft(with_context_operations(spec, context))
    wf = finalize(draft, spec.request or spec.name or "workflow")
    tz = (spec.trigger.schedule or {}).get("timezone")
    if isinstance(tz, str) and re.fullmatch(r"[A-Za-z]+(?:/[A-Za-z0-9_+-]+)+", tz):
        wf["settings"]["timezone"] = tz
    return wf


def with_context_operations(spec: Spec, context: Any) -> Spec:
    """Steps without a resource/operation (e.g. from an LLM spec) take the best-ranked
    retrieved catalog operation of their node type."""
    if not context or all(s.operation for s in spec.steps):
        return spec
    best: dict[str, tuple[str | None, str | None]] = {}
    for item in context:
        if getattr(item, "kind", None) != "operation":
            continue
        parts = str(item.key).split(":")
        if len(parts) == 3 and parts[0] not in best:
            best[parts[0]] = (parts[1] or None, parts[2] or None)
    if not best:
        return spec
    steps = []
    for s in spec.steps:
        if not s.operation and s.node_type in best:
            res, op = best[s.node_type]
            s = replace(s, resource=s.resource or res, operation=op)
        steps.append(s)
    return replace(spec, steps=tuple(steps))


# ---------------------------------------------------------------------- building


class NodeBuilder:
    """Builds the nodes of one spec (the generator's and the modifier's node factory)."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.cat = catalog()
        self.draft = Draft(spec.name or _workflow_name(spec.request))
        self.chat_input = spec.trigger.node_type == CHAT_TRIGGER
        self.has_respond = any(s.node_type == RESPOND for s in spec.steps)
        self.field_hints: dict[str, Any] = {}
        self.words = request_words(spec.request)

    # -- one node --------------------------------------------------------------------------
    def node(
        self,
        node_type: str,
        *,
        step: StepSpec | None = None,
        prev: tuple[str, str] | None = None,
        name: str | None = None,
        extra_params: dict[str, Any] | None = None,
    ) -> str:
        cat = self.cat
        if not cat.has_type(node_type):
            resolved = cat.resolve_name(node_type)
            node_type = resolved if resolved else BASE + "noOp"
        tv = cat.default_version(node_type)
        nv: NodeVersion = cat.get(node_type, tv)
        params, hints = self.params_for(node_type, nv, tv, step, prev)
        if extra_params:
            params.update(copy.deepcopy(extra_params))
        free = self.typical(node_type, nv, params, hints)
        complete_parameters(nv, params, tv, hints)
        if free:
            fill_typical(nv, tv, params, free, hints)
        extra: dict[str, Any] = {}
        tries = step.parameters.get("@retry") if step is not None else None
        if tries:  # a retry asked for is the node's own setting (flow_steps.with_retries)
            extra.update(retryOnFail=True, maxTries=int(tries))
        if nv.webhooks or node_type in (BASE + "webhook", BASE + "formTrigger", CHAT_TRIGGER):
            extra["webhookId"] = "pending"
        creds = credentials_for(nv, params, tv) or predefined_credential(params)
        if creds:
            extra["credentials"] = creds
        label = name or api_call_name(step) or node_name(nv, params, tv, step)
        return self.draft.add(node_type, tv, label, params, **extra)

    def typical(
        self, node_type: str, nv: NodeVersion, params: dict[str, Any], hints: dict[str, Any]
    ) -> list[str]:
        """Apply the mined typical options; returns typically-set free parameters."""
        if nv.is_trigger or node_type.startswith(LC):
            return []
        res, op = params.get("resource"), params.get("operation")
        if res is None or op is None:
            default = next((c for c in candidates(node_type) if c.is_default), None)
            if default is not None:
                res = res if res is not None else default.resource
                op = op if op is not None else default.operation
        extra = apply_typical(nv, params, res, op)
        for key, mode in extra.items():
            if mode:
                hints[f"{key}@mode"] = mode
        return [k for k, v in extra.items() if not v]

    def params_for(
        self,
        node_type: str,
        nv: NodeVersion,
        tv: float,
        step: StepSpec | None,
        prev: tuple[str, str] | None,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The node's parameters and the hints ``complete_parameters`` fills the rest from:
        hand-shaped parameters for flow and AI nodes, then the step's resource/operation and
        its own parameters where the node version has them."""
        purpose = step.purpose if step else ""
        prev_name, prev_type = prev if prev else (None, None)
        text_expr = N.text_expression(prev_type, prev_name)
        step_params = dict(step.parameters) if step else {}
        address = WEB_ADDRESS.search(purpose)
        if address and "@address" not in step_params:
            step_params["@address"] = address.group(0).rstrip(".,;")
        recipient = MAIL_RECIPIENT.search(purpose) if node_type in EMAIL_APPS else None
        if recipient and "@email" not in step_params:  # "emails each submission to hello@..."
            step_params["@email"] = recipient.group(1).rstrip(".")
        hints = self.hints_for(node_type, text_expr, step_params)
        key = f"{self.spec.request}\x1f{node_type}\x1f{purpose}"
        params = self.flow_params(node_type, step, step_params, prev_type, text_expr, key)
        if params is None:
            params = self.ai_params(node_type, step, step_params, prev_type, text_expr)
        params = params if params is not None else {}
        self.app_params(params, node_type, nv, step, step_params)
        return params, hints

    def hints_for(
        self, node_type: str, text_expr: str, step_params: dict[str, Any]
    ) -> dict[str, Any]:
        """What parameter completion reads: the incoming text, a subject, the trigger's
        fields, the request's words, and the step's ``@``/``@hint`` entries (moved out of
        ``step_params``)."""
        hints: dict[str, Any] = {"@text": text_expr, "@subject": _subject(self.spec)}
        hints.update(self.field_hints)
        hints["@words"] = self.words
        if node_type.endswith("Tool"):
            hints["@fromAI"] = True
        for k in list(step_params):
            if k.startswith("@") or k.endswith("@hint"):
                hints[k] = step_params.pop(k)
        return hints

    def flow_params(
        self,
        node_type: str,
        step: StepSpec | None,
        step_params: dict[str, Any],
        prev_type: str | None,
        text_expr: str,
        key: str,
    ) -> dict[str, Any] | None:
        """Hand-shaped parameters of triggers and flow nodes (None: not one of them)."""
        spec = self.spec
        request = spec.request
        purpose = step.purpose if step else ""
        if node_type == BASE + "scheduleTrigger":
            params = N.schedule_rule(spec.trigger.schedule)
        elif node_type == BASE + "webhook":
            params = N.webhook_params(request, self.has_respond)
        elif node_type == BASE + "formTrigger":
            params = N.form_params(request)
        elif node_type == CHAT_TRIGGER:
            params = {"options": {}}
        elif node_type == BASE + "if":
            params = N.if_params(step_params.pop("condition", spec.condition or purpose), key)
        elif node_type == BASE + "filter":
            params = N.filter_params(step_params.pop("condition", spec.condition or purpose), key)
        elif node_type == BASE + "switch":
            labels = step_params.pop("labels", None) or ["A", "B"]
            params = N.switch_params([str(x) for x in labels], key)
        elif node_type == BASE + "set":
            fields = step_params.pop("fields", None) or [("data", text_expr)]
            params = N.set_params([tuple(f) for f in fields], key)
        elif node_type == BASE + "code":
            params = N.code_params(purpose)
        elif (
            node_type.startswith(BASE + "httpRequest") and step and "@credential" in step.parameters
        ):
            params = api_params(step.parameters)
            if node_type.endswith("Tool"):
                params["toolDescription"] = N.tool_description("HTTP Request", purpose)
        elif node_type in (BASE + "httpRequest", BASE + "httpRequestTool"):
            params = N.http_params(request if step is None else purpose or request, purpose)
            if node_type.endswith("Tool"):
                params["toolDescription"] = N.tool_description("HTTP Request", purpose)
        elif node_type == BASE + "respondToWebhook":
            params = N.respond_params(prev_type)
        elif node_type == BASE + "wait":
            params = {"amount": 1}
        elif node_type == BASE + "splitInBatches":
            params = {"options": {}}
            size = BATCH_SIZE.search(request)
            if size:
                params["batchSize"] = int(size.group(1))
        elif node_type == BASE + "executeWorkflowTrigger":
            params = {"inputSource": "passthrough"}
        elif node_type == BASE + "executeWorkflow":
            params = {
                "workflowId": {"__rl": True, "mode": "id", "value": "REPLACE_WITH_WORKFLOW_ID"},
                "options": {},
            }
        else:
            return None
        return params

    def ai_params(
        self,
        node_type: str,
        step: StepSpec | None,
        step_params: dict[str, Any],
        prev_type: str | None,
        text_expr: str,
    ) -> dict[str, Any] | None:
        """Hand-shaped parameters of AI nodes (None: not one of them)."""
        spec = self.spec
        short = node_type.split(".")[-1]
        params: dict[str, Any] = {}
        if node_type == LC + "agent":
            ai = spec.ai
            params = N.agent_params(
                self.chat_input and prev_type == CHAT_TRIGGER, ai.prompt if ai else "", text_expr
            )
            if ai and ai.output_parser:
                params["hasOutputParser"] = True
        elif node_type == LC + "chainLlm":
            ai = spec.ai
            prompt = ai.prompt if ai else str(step.parameters.get("@prompt", "") if step else "")
            params = N.chain_params(
                self.chat_input and prev_type == CHAT_TRIGGER, prompt, text_expr
            )
            if ai and ai.output_parser:
                params["hasOutputParser"] = True
        elif node_type in (
            LC + "informationExtractor",
            LC + "sentimentAnalysis",
            LC + "textClassifier",
            LC + "chainSummarization",
        ):
            if node_type != LC + "chainSummarization":
                params = {"text": text_expr}
            if node_type == LC + "textClassifier":
                labels = step_params.pop("labels", None) or ["relevant", "other"]
                params["categories"] = {
                    "categories": [
                        {"category": str(x), "description": f"Items about {x}"} for x in labels
                    ]
                }
            if node_type == LC + "informationExtractor":
                params["schemaType"] = "fromJson"
                params["jsonSchemaExample"] = N.output_parser_params()["jsonSchemaExample"]
        elif short.startswith("memory"):
            params = N.memory_params(self.chat_input)
            if short != "memoryBufferWindow":
                params.pop("contextWindowLength", None)
        elif short == "outputParserStructured":
            params = N.output_parser_params()
        elif short.startswith("vectorStore"):
            mode = step.operation if step and step.operation else "retrieve-as-tool"
            params = {"mode": mode}
            if mode == "retrieve-as-tool":
                params["toolDescription"] = "Searches the knowledge base for relevant passages."
            if mode == "load":
                params["prompt"] = text_expr
        else:
            return None
        return params

    def app_params(
        self,
        params: dict[str, Any],
        node_type: str,
        nv: NodeVersion,
        step: StepSpec | None,
        step_params: dict[str, Any],
    ) -> None:
        """The step's resource/operation where the node has them, a tool's description, and
        the step's own parameters the node version knows."""
        purpose = step.purpose if step else ""
        short = node_type.split(".")[-1]
        # resource/operation for app nodes
        res = step.resource if step else None
        op = step.operation if step else None
        if res and _has_option(nv, "resource", res):
            params.setdefault("resource", res)
        if op and not short.startswith("vectorStore"):
            resolved_res = params.get("resource", res)
            if _has_option(nv, "operation", op, resolved_res):
                params.setdefault("operation", op)
        if node_type.endswith("Tool") and node_type not in (BASE + "httpRequestTool",):
            if any(p.name == "toolDescription" for p in nv.properties):
                params.setdefault("descriptionType", "manual")
                params.setdefault("toolDescription", N.tool_description(nv.display_name, purpose))
        for k, v in step_params.items():
            if any(p.name == k for p in nv.properties):
                params[k] = v
        if not params and short.startswith("tool"):
            _describe_tool(params, nv, purpose)

    # -- whole workflow --------------------------------------------------------------------
    def build(self) -> Draft:
        """The draft of the whole spec: the trigger, then each step wired into the main chain
        (see ``MainChain``), or - for a trigger without a main output - its tools."""
        spec = self.spec
        trig_type = spec.trigger.node_type or BASE + "manualTrigger"
        steps = self.main_steps()
        # a Respond to Webhook step added by a rule (not only one the spec named) switches the
        # Webhook to answer through it; n8n fails the run when the two disagree
        self.has_respond = self.has_respond or any(s.node_type == RESPOND for s in steps)
        trigger = self.node(trig_type, name=None)
        self.field_hints = trigger_field_hints(self.draft.by_name[trigger])
        ai = spec.ai
        if not has_main_output(self.cat, trig_type):
            self.tools_of_trigger(trigger, steps, ai)
            return self.draft
        if ai and not any(s.node_type == ai.root for s in steps) and ai.root in AI_ROOTS:
            # after the download of the file that started the workflow, if there is one
            first = 1 if steps and steps[0].node_type + "Trigger" == trig_type else 0
            steps.insert(first, StepSpec(node_type=ai.root, purpose=ai.prompt))
        chain = MainChain(self, (trigger, trig_type), ai)
        for step in steps:
            chain.add(step)
        chain.close()
        self.other_entry_points(trigger)
        if reads_an_attachment(self.draft.by_name.values()):
            download_attachments(self.draft.by_name[trigger])
        return self.draft

    def other_entry_points(self, trigger: str) -> None:
        """Each further start the request names ("on a form submission or every night") is a
        trigger of its own feeding the same first step(s) as the primary one: n8n runs the
        workflow from whichever fires (``engine.entry_points``)."""
        from engine.entry_points import entry_points

        firsts = self.draft.targets(trigger)
        for extra in entry_points(self.spec.request, self.spec.trigger)[1:]:
            if not has_main_output(self.cat, extra.node_type):
                continue
            params = N.schedule_rule(extra.schedule) if extra.schedule else None
            other = self.node(extra.node_type, name=None, extra_params=params)
            for _out, dst, index in firsts:
                self.draft.connect(other, dst, "main", 0, index)

    def main_steps(self) -> list[StepSpec]:
        """The spec's steps of the main chain (no sub-nodes, no triggers). A step whose app
        node has no operation for what it asks calls the app's API instead (its HTTP Request
        stand-in); the node itself stays when the request names the app again later. A
        summary the request sends gets the AI step that writes it (``summary``)."""
        out: list[StepSpec] = []
        twice = {t for t, n in Counter(s.node_type for s in self.spec.steps).items() if n > 1}
        for s in self.spec.steps:
            sub_node = is_sub_node_type(s.node_type, self.cat.is_sub_node(s.node_type))
            if sub_node or self.cat.is_trigger(s.node_type):
                continue
            # an app with two steps (a polled read, then a call): each reads its own clause
            out.extend(app_steps(s, s.purpose if s.node_type in twice else self.spec.request))
        out = explicit_api_calls(self.spec, with_trigger_only_calls(self.spec, out))
        out = [s for i, s in enumerate(out) if not _repeats_call(s, out[:i])]
        return with_summary_step(self.spec, with_download_step(self.spec, out))

    def tools_of_trigger(self, trigger: str, steps: list[StepSpec], ai: AiSpec | None) -> None:
        """A trigger with no main output (an MCP Server Trigger): the apps become its tools,
        nothing hangs off "main"."""
        ai_tools = tuple(ai.tools) if ai else ()
        extra = []
        for s in steps:
            variant = s.node_type + "Tool"
            if self.cat.has_type(variant) and not _hidden(self.cat, variant):
                if variant not in ai_tools and variant not in extra:
                    extra.append(variant)
        for tool in ai_tools + tuple(extra):
            if _hidden(self.cat, tool):
                continue
            t = self.node(tool, step=StepSpec(node_type=tool, purpose=self.spec.request[:160]))
            self.draft.connect(t, trigger, "ai_tool")

    def can_merge_parallel(self, chain: list[str]) -> bool:
        """The last two chained steps A -> B can become two branches feeding a Merge."""
        if len(chain) < 2:
            return False
        a, b = chain[-2], chain[-1]
        if self.draft.sources(b) != [(a, 0, 0)] or len(self.draft.sources(a)) != 1:
            return False
        return not any(
            self.draft.by_name[x]["type"] in BRANCH_TYPES | {BASE + "splitInBatches"}
            for x in (a, b)
        )

    def merge_parallel(self, merge: str, chain: list[str]) -> bool:
        """Turn the last two chained steps A -> B into parallel branches A, B from A's source,
        both feeding ``merge`` (inputs 0 and 1)."""
        if not self.can_merge_parallel(chain):
            return False
        a, b = chain[-2], chain[-1]
        src, oi, _ii = self.draft.sources(a)[0]
        self.draft.disconnect(a, b)
        self.draft.connect(src, b, "main", oi)
        self.draft.connect(a, merge, "main", 0, 0)
        self.draft.connect(b, merge, "main", 0, 1)
        return True

    def attach_ai(self, root: str, ai: AiSpec) -> None:
        model = ai.model or DEFAULT_MODEL
        if not model.startswith(LC + "lmChat") and not model.startswith(LC + "lm"):
            model = DEFAULT_MODEL
        m = self.node(model)
        set_model_name(self.draft.by_name[m], ai.model_name)
        self.draft.connect(m, root, "ai_languageModel")
        root_type = self.draft.by_name[root]["type"]
        if ai.memory and root_type == LC + "agent":
            mem = self.node(ai.memory)
            self.draft.connect(mem, root, "ai_memory")
        if ai.output_parser and root_type in (LC + "agent", LC + "chainLlm"):
            op = self.node(ai.output_parser)
            self.draft.connect(op, root, "ai_outputParser")
        if root_type == LC + "agent":
            for n, tool in enumerate(ai.tools):
                if _hidden(self.cat, tool):
                    continue
                st = tool_step(tool, self.spec.request, n)
                t = self.node(st.node_type, step=st)
                self.draft.connect(t, root, "ai_tool")
                if tool == LC + "agentTool":
                    sub_model = self.node(model)
                    self.draft.connect(sub_model, t, "ai_languageModel")
            if ai.vector_store:
                vs = self.node(
                    ai.vector_store,
                    step=StepSpec(node_type=ai.vector_store, operation="retrieve-as-tool"),
                )
                self.draft.connect(vs, root, "ai_tool")
                emb = self.node(
                    ai.embeddings or EMBEDDINGS_FOR_MODEL.get(model, DEFAULT_EMBEDDINGS)
                )
                self.draft.connect(emb, vs, "ai_embedding")

    def attach_vector_inputs(self, store: str, ai: AiSpec | None, mode: str) -> None:
        model = ai.model if ai and ai.model else DEFAULT_MODEL
        emb_type = (ai.embeddings if ai and ai.embeddings else None) or EMBEDDINGS_FOR_MODEL.get(
            model, DEFAULT_EMBEDDINGS
        )
        emb = self.node(emb_type)
        self.draft.connect(emb, store, "ai_embedding")
        if mode == "insert":
            binary = self.spec.trigger.node_type == BASE + "formTrigger" or any(
                w in self.spec.request.lower() for w in ("pdf", "file", "upload", "document")
            )
            loader = self.node(
                LC + "documentDefaultDataLoader",
                extra_params={
                    "dataType": "binary" if binary else "json",
                    "textSplittingMode": "custom",
                    "options": {},
                },
            )
            self.draft.connect(loader, store, "ai_document")
            splitter = self.node(LC + "textSplitterRecursiveCharacterTextSplitter")
            self.draft.connect(splitter, loader, "ai_textSplitter")


_MODEL_PREFIXES = {
    LC + "lmChatOpenAi": ("gpt", "o1", "o3", "o4", "chatgpt"),
    LC + "lmChatAnthropic": ("claude",),
}


class MainChain:
    """Wires steps one after another into the main chain of a draft, remembering the open
    loop (Loop Over Items), the open branch (IF, Switch, Text Classifier) and whether the
    spec's AI parts are attached yet."""

    def __init__(self, builder: NodeBuilder, start: tuple[str, str], ai: AiSpec | None) -> None:
        self.b = builder
        self.draft = builder.draft
        self.ai = ai
        self.prev = start
        self.loop_node: str | None = None
        self.names: list[str] = []
        self.branch_node: str | None = None
        self.branch_labels: list[str] = []
        self.branch_ends: dict[str, tuple[str, str]] = {}
        self.ai_attached = False

    def add(self, step: StepSpec) -> None:
        """One step: its node, its incoming connection, then what it opens or needs."""
        b = self.b
        if step.node_type in BRANCH_TYPES and step.node_type == BASE + "switch":
            labels = step.parameters.get("labels") or []
            self.branch_labels = [str(x) for x in labels] or ["A", "B"]
        if step.node_type == BASE + "merge" and not b.can_merge_parallel(self.names):
            return  # one branch only: a Merge would wait forever for its second input
        name = b.node(step.node_type, step=step, prev=self.prev)
        ntype = self.draft.by_name[name]["type"]
        if ntype == BASE + "merge" and b.merge_parallel(name, self.names):
            self.advance(name, ntype)
            return
        if self.loop_node is not None and ntype == BASE + "respondToWebhook":
            # the loop body ends; the answer goes out once, from the loop's "done" output
            if self.prev[0] != self.loop_node:
                self.draft.connect(self.prev[0], self.loop_node)
            self.draft.connect(self.loop_node, name, "main", 0)
            self.loop_node = None
            self.advance(name, ntype)
            return
        self.connect_in(name, ntype, step)
        self.advance(name, ntype)
        self.opens(name, ntype, step)
        self.attach(name, ntype, step)

    def advance(self, name: str, ntype: str) -> None:
        self.prev = (name, ntype)
        self.names.append(name)

    def connect_in(self, name: str, ntype: str, step: StepSpec) -> None:
        """The step's incoming main connection: from its branch output, after the branch
        closes, from the loop's "loop" output, or from the previous step."""
        draft = self.draft
        if step.branch is not None and self.branch_node is not None:
            label = str(step.branch)
            if label in self.branch_ends:
                draft.connect(self.branch_ends[label][0], name)
            else:
                idx = _branch_index(label, self.branch_labels)
                draft.connect(self.branch_node, name, "main", idx)
            self.branch_ends[label] = (name, ntype)
        elif self.branch_node is not None:
            src = next(iter(self.branch_ends.values()), None)
            if src is None:
                draft.connect(self.branch_node, name, "main", 0)
            else:
                draft.connect(src[0], name)
            self.branch_node = None
            self.branch_ends = {}
        elif self.prev[0] == self.loop_node:
            draft.connect(self.prev[0], name, "main", 1)  # the "loop" output
        else:
            draft.connect(self.prev[0], name)

    def opens(self, name: str, ntype: str, step: StepSpec) -> None:
        """A loop or a branch the step opens for the steps after it."""
        if ntype == BASE + "splitInBatches" and self.loop_node is None:
            self.loop_node = name
        if ntype in BRANCH_TYPES:
            self.branch_node = name
            self.branch_ends = {}
            if ntype == BASE + "if":
                self.branch_labels = ["true", "false"]
        elif ntype == LC + "textClassifier":
            labels = [str(x) for x in step.parameters.get("labels") or []]
            if labels:
                self.branch_node, self.branch_ends, self.branch_labels = name, {}, labels

    def attach(self, name: str, ntype: str, step: StepSpec) -> None:
        """The sub-nodes an AI step or a vector store needs (the spec's AI parts go to the
        first node of its root type; another AI root gets its own model)."""
        ai = self.ai
        if ai and ntype == ai.root and not self.ai_attached:
            self.b.attach_ai(name, ai)
            self.ai_attached = True
        elif ntype in AI_ROOTS:
            own = step.parameters.get("@model")
            model = own if isinstance(own, str) else (ai.model if ai else None)
            self.b.attach_ai(name, AiSpec(root=ntype, model=model))
        elif ntype.startswith(LC + "vectorStore"):
            self.b.attach_vector_inputs(name, ai, step.operation or "insert")

    def close(self) -> None:
        """An open loop's last step goes back to the loop for the next batch."""
        if self.loop_node is not None and self.prev[0] != self.loop_node:
            self.draft.connect(self.prev[0], self.loop_node)


def set_model_name(node: dict[str, Any], name: str | None) -> None:
    """Use the model the user named on OpenAI/Anthropic chat model nodes (their model is a
    resource locator whose list mode takes any model id)."""
    if not name or not name.startswith(_MODEL_PREFIXES.get(node["type"], ("\x00",))):
        return
    model = node["parameters"].get("model")
    value = {"__rl": True, "mode": "list", "value": name, "cachedResultName": name}
    if isinstance(model, dict) or model is None:
        node["parameters"]["model"] = value


def tool_step(tool: str, request: str, index: int = 0) -> StepSpec:
    """A tool's operation from the words around its app in the request ("HubSpot tools to
    search contacts" -> contact search)."""
    base = tool[: -len("Tool")] if tool.endswith("Tool") else tool
    cat = catalog()
    nv = cat.get(base)
    if base == BASE + "httpRequest":  # "HTTP request tools with the Stripe credential"
        call = tool_api_call(request, index)
        if call is not None:
            obj = str(call.parameters["@object"]).replace("_", " ") or "a call"
            return replace(call, purpose=f"Calls the {api_call_name(call) or 'app'} for {obj}")
    clause = tool_clause(tool, request)
    if nv is None or clause is None:
        return StepSpec(node_type=tool)
    before, after = clause
    res, op = choose_operation(base, before, after.replace(" tools ", " ").replace(" tool ", " "))
    params = {k: v for k, v in (("resource", res), ("operation", op)) if v}
    action = node_name(nv, params, cat.default_version(base) or 1, None)
    purpose = f"{action} in {nv.display_name}" if action != nv.display_name else action
    # the node has no operation for what the agent is given to do: its API instead
    stand_in = tool_stand_in(tool, before, after, f"Calls the {nv.display_name} API")
    if stand_in is not None:
        obj = str(stand_in.parameters["@object"]).replace("_", " ")
        return replace(stand_in, purpose=f"Calls the {nv.display_name} API for {obj}")
    return StepSpec(node_type=tool, resource=res, operation=op, purpose=purpose)


def fill_typical(
    nv: NodeVersion, tv: float, params: dict[str, Any], names: list[str], hints: dict[str, Any]
) -> None:
    """Fill parameters real workflows usually set, when shown for these parameters."""
    todo = [n for n in names if n not in params]
    if not todo:
        return
    try:
        resolved = resolve_parameters(nv, params, tv, type_name=nv.type_name)
    except ParameterResolutionError:
        return
    for prop in nv.properties:
        if prop.name not in todo or prop.name in params or prop.name not in resolved:
            continue
        if prop.type == "resourceMapper":
            params[prop.name] = {
                "mappingMode": "autoMapInputData",
                "value": {},
                "matchingColumns": [],
                "schema": [],
            }
        elif prop.type == "string":
            value = value_for(prop, hints)
            if isinstance(value, str) and value:
                params[prop.name] = value


def _hidden(cat: Any, node_type: str) -> bool:
    nv = cat.get(node_type)
    return nv is None or bool(nv.hidden)


def has_main_output(cat: Any, node_type: str) -> bool:
    nv = cat.get(node_type, cat.default_version(node_type))
    if nv is None:
        return True
    outs = nv.outputs_raw
    if isinstance(outs, list):
        return any((o if isinstance(o, str) else (o or {}).get("type")) == "main" for o in outs)
    return True


def _branch_index(label: str, labels: list[str]) -> int:
    low = label.lower()
    if low in ("true", "yes", "then"):
        return 0
    if low in ("false", "no", "else", "otherwise"):
        return 1
    for i, x in enumerate(labels):
        if x.lower() == low:
            return i
    return 0


def _has_option(nv: NodeVersion, pname: str, value: str, resource: str | None = None) -> bool:
    for prop in nv.properties:
        if prop.name != pname or prop.type != "options":
            continue
        if pname == "operation" and resource is not None:
            show = (prop.display_options or {}).get("show", {})
            if "resource" in show and resource not in show["resource"]:
                continue
        if any(o.value == value for o in prop.option_values):
            return True
    return False


def trigger_field_hints(node: dict[str, Any]) -> dict[str, Any]:
    """Expressions for person fields a form trigger collects (email, name), so later steps
    address the submitter: ``={{ $('Form').item.json.Email }}``."""
    if node.get("type") != BASE + "formTrigger":
        return {}
    fields = ((node.get("parameters") or {}).get("formFields") or {}).get("values") or []
    out: dict[str, Any] = {}
    for f in fields:
        label = str(f.get("fieldLabel") or "")
        ref = "={{ $('" + node["name"] + "').item.json['" + label.replace("'", "") + "'] }}"
        if label.lower() == "email":
            out["@email"] = ref
        elif label.lower() == "name":
            out["@name"] = ref
    return out


def _subject(spec: Spec) -> str:
    base = spec.name or _workflow_name(spec.request)
    return (base[:1].upper() + base[1:])[:80] if base else "Update from n8n"


def _workflow_name(request: str) -> str:
    return workflow_title(request or "")


def node_name(nv: NodeVersion, params: dict[str, Any], tv: float, step: StepSpec | None) -> str:
    """A readable node name: the operation's action label ("Append row in sheet") or the
    node's display name."""
    op = params.get("operation")
    res = params.get("resource")
    if isinstance(op, str) and not nv.is_trigger:
        for prop in nv.properties:
            if prop.name != "operation" or prop.type != "options":
                continue
            show = (prop.display_options or {}).get("show", {})
            if res is not None and "resource" in show and res not in show["resource"]:
                continue
            for o in prop.option_values:
                if o.value == op and o.action:
                    label = o.action[:1].upper() + o.action[1:]
                    return f"{label}" if len(label) <= 48 else nv.display_name
    return nv.display_name


def api_params(hints: dict[str, Any]) -> dict[str, Any]:
    """The HTTP Request parameters of a step that stands in for an app node (see
    ``engine.offline.coverage``): the app's API, authenticated with the app's credential."""
    credential = str(hints["@credential"])
    params = N.api_call_params(
        api_base_url(credential),
        str(hints.get("@object") or ""),
        credential,
        bool(hints.get("@write")),
        str(hints.get("@method") or ""),
    )
    if hints.get("@url"):  # the request wrote the endpoint out: it is kept as written
        params["url"] = str(hints["@url"])
    return params


def api_call_name(step: StepSpec | None) -> str | None:
    """The name "Stripe API: refunds" of a step standing in for an app node; else None."""
    if step is None or "@api" not in step.parameters:
        return None
    nv = catalog().get(str(step.parameters["@api"]))
    app = nv.display_name.removesuffix(" Trigger") if nv else "App"
    return f"{app} API: {step.parameters.get('@object') or 'call'}"


def with_trigger_only_calls(spec: Spec, steps: list[StepSpec]) -> list[StepSpec]:
    """``steps`` with the API call of each app the request asks something of whose only n8n
    node is a trigger (``coverage.trigger_only_calls``), placed in the request's order."""
    trigger = spec.trigger.node_type or ""
    calls = trigger_only_calls(spec.request, trigger) + trigger_app_calls(spec.request, trigger)
    if not calls:
        return steps
    out = list(steps)
    for pos, call in calls:
        if any(_same_call(s, call) for s in out):
            continue  # the app's node (or its API call) is already a step
        at = next((i for i, s in enumerate(out) if _named_at(s, spec.request) > pos), len(out))
        if not call.parameters.get("@write"):  # what an AI step works on is read before it
            at = next((i for i, s in enumerate(out[:at]) if s.node_type.startswith(LC)), at)
        out.insert(at, call)
    return out


def _repeats_call(step: StepSpec, earlier: list[StepSpec]) -> bool:
    """``step`` calls an app's API for the same object as a step before it."""
    if "@api" not in step.parameters:
        return False
    key = ("@api", "@object", "@write")
    return any(all(s.parameters.get(k) == step.parameters.get(k) for k in key) for s in earlier)


def _same_call(step: StepSpec, call: StepSpec) -> bool:
    """``step`` already does what ``call`` would: the same app node, or the same app's API."""
    if "@api" in call.parameters:
        return step.parameters.get("@api") == call.parameters["@api"]
    return step.node_type == call.node_type and "@api" not in step.parameters


def _named_at(step: StepSpec, request: str) -> int:
    """Where the request first names the step's app (else where its clause starts; -1 when
    neither is found)."""
    names = {n for name in app_names(step.node_type) for n in (name, name.removesuffix("s"))}
    places = [m.start() for name in names for m in _finditer(name, request)]
    if places:
        return min(places)
    return request.lower().find((step.purpose or "").lower()[:40]) if step.purpose else -1


def _finditer(name: str, text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"\b" + re.escape(name.lower()) + r"\b", text.lower()))


def predefined_credential(params: dict[str, Any]) -> dict[str, Any]:
    """The placeholder credential an HTTP Request with a predefined credential type uses (the
    node's description does not list it: it is chosen by ``nodeCredentialType``)."""
    name = params.get("nodeCredentialType")
    if params.get("authentication") != "predefinedCredentialType" or not isinstance(name, str):
        return {}
    return credential_placeholder(name)


def credential_placeholder(name: str) -> dict[str, Any]:
    """``{name: {id, name}}`` with a marked id the user replaces by their credential's."""
    ctype = catalog().credential_type(name)
    label = (ctype.display_name if ctype else name) or name
    return {
        name: {
            "id": "REPLACE_" + re.sub(r"[^A-Z0-9]", "", name.upper()) + "_ID",
            "name": f"{label} account",
        }
    }


def credentials_for(nv: NodeVersion, params: dict[str, Any], tv: float) -> dict[str, Any]:
    """Placeholder credential for the first required credential shown for these parameters.
    The node's values are final here, so their resolution is the validator's next one
    (shared, read only)."""
    try:
        resolved = resolve_parameters_shared(nv, params, tv)
    except ParameterResolutionError:
        return {}
    for req in nv.credentials:
        if not req.required:
            continue
        if req.display_options and not display_parameter(
            resolved,
            {"displayOptions": req.display_options},
            tv,
            type_name=nv.type_name,
            root=resolved,
        ):
            continue
        return credential_placeholder(req.name)
    return {}


def build_draft(spec: Spec) -> Draft:
    return NodeBuilder(spec).build()


# ---------------------------------------------------------------------- safety net


def _seed(request: str) -> str:
    return hashlib.sha256(request.encode("utf-8", "replace")).hexdigest()[:16]


_NODE_PATH = re.compile(r"^\$\.nodes\[(\d+)\]\.parameters\.(.+)$")


def _fill_findings(wf: dict[str, Any], findings: list[Any]) -> bool:
    """Fill parameters the validator reports missing or invalid; True if anything changed."""
    cat = catalog()
    changed = False
    for f in findings:
        if f.severity != "error":
            continue
        m = _NODE_PATH.match(f.path or "")
        if not m:
            continue
        node = wf["nodes"][int(m.group(1))]
        dotted = m.group(2)
        nv = cat.get(node["type"], node.get("typeVersion"))
        if nv is None:
            continue
        prop = find_property(nv, dotted, node["parameters"])
        if prop is None:
            continue
        if f.code == "parameter_required_missing" or f.code == "parameter_option_invalid":
            value = value_for(prop, {})
            if prop.type == "resourceLocator":
                value = resource_locator(prop)
        elif f.code == "parameter_invalid" and prop.type == "resourceLocator":
            value = resource_locator(prop)
            value = {"__rl": True, "mode": "list", "value": value["value"]}
        else:
            continue
        if value is None or value is MISSING:
            continue
        if set_path(node["parameters"], dotted, value):
            changed = True
    return changed


def _error_nodes(findings: list[Any]) -> set[str]:
    return {f.node for f in findings if f.severity == "error" and f.node}


#: How each finalize call ended (for benchmarks): first, filled, repaired, pruned, fallback.
FINALIZE_STATS: Counter[str] = Counter()


def _ensure_trigger(draft: Draft) -> None:
    """A chain of steps with nothing to start it (a modification replaced or removed the
    trigger) gets a manual trigger in front of each first step. Without one the workflow
    fails validation and the fallback below would throw every step away."""
    cat = catalog()
    if any(cat.has_type(n["type"]) and cat.is_trigger(n["type"]) for n in draft.nodes):
        return
    feeding = draft.ai_feeders()
    firsts = [
        n["name"]
        for n in draft.nodes
        if n["type"] != STICKY_NOTE
        and not is_sub_node_type(n["type"], cat.is_sub_node(n["type"]))
        and n["name"] not in feeding
        and not draft.sources(n["name"])
    ]
    if not firsts:
        return
    manual = BASE + "manualTrigger"
    trigger = draft.add(manual, cat.default_version(manual), "When clicking 'Execute workflow'", {})
    draft.nodes.insert(0, draft.nodes.pop())  # the trigger comes first, as n8n lays it out
    for name in firsts:
        draft.connect(trigger, name)


def finalize(draft: Draft, request: str) -> dict[str, Any]:
    """Validate strictly; fill, repair, prune; never return an invalid workflow."""
    from engine.validation.repair import repair_workflow
    from engine.validation.validator import validate_workflow

    seed = _seed(request)
    _ensure_trigger(draft)
    wf = draft.to_workflow(seed)
    for attempt in range(3):
        report = validate_workflow(wf, profile="strict")
        if report.valid:
            FINALIZE_STATS["first" if attempt == 0 else "filled"] += 1
            return wf
        if not _fill_findings(wf, report.findings):
            break
    repaired = repair_workflow(wf).workflow
    report = validate_workflow(repaired, profile="strict")
    if report.valid:
        FINALIZE_STATS["repaired"] += 1
        return repaired
    # prune the nodes that stay invalid (and what only they fed), rewire around them
    bad = _error_nodes(report.findings)
    trigger_names = {n["name"] for n in wf["nodes"] if catalog().is_trigger(n["type"])}
    if bad and not bad & trigger_names:
        d = Draft.from_workflow(wf)
        for name in bad:
            for sub in d.sub_nodes(name):
                d.remove(sub)
            ins = d.sources(name)
            outs = d.targets(name)
            d.remove(name)
            for src, oi, _ii in ins:
                for _o, dst, di in outs:
                    d.connect(src, dst, "main", oi, di)
        wf2 = d.to_workflow(seed)
        rep2 = validate_workflow(wf2, profile="strict")
        if rep2.valid:
            FINALIZE_STATS["pruned"] += 1
            return wf2
    FINALIZE_STATS["fallback"] += 1
    fallback = Draft(draft.name)
    cat = catalog()
    trig = next((n for n in wf["nodes"] if cat.is_trigger(n["type"])), None)
    if trig is not None and trig["name"] not in bad:
        t = fallback.add(
            trig["type"],
            trig["typeVersion"],
            trig["name"],
            copy.deepcopy(trig["parameters"]),
            **{k: v for k, v in trig.items() if k in ("webhookId", "credentials")},
        )
    else:
        t = fallback.add(
            BASE + "manualTrigger",
            cat.default_version(BASE + "manualTrigger"),
            "When clicking 'Execute workflow'",
            {},
        )
    n = fallback.add(BASE + "noOp", cat.default_version(BASE + "noOp"), "Next step", {})
    fallback.connect(t, n)
    wf3 = fallback.to_workflow(seed)
    if validate_workflow(wf3, profile="strict").valid:
        return wf3
    fb = Draft(draft.name)
    t = fb.add(
        BASE + "manualTrigger",
        cat.default_version(BASE + "manualTrigger"),
        "When clicking 'Execute workflow'",
        {},
    )
    n = fb.add(BASE + "noOp", cat.default_version(BASE + "noOp"), "Next step", {})
    fb.connect(t, n)
    return fb.to_workflow(seed)


def _describe_tool(params: dict[str, Any], nv: NodeVersion, purpose: str) -> None:
    """A LangChain tool (Think, Code, ...) says what it is for, so the agent knows when to call it
    (a tool with nothing set is the ``tool_no_parameters`` lint)."""
    for p in nv.properties:
        if p.name == "description" and p.type == "string":
            default = p.default if isinstance(p.default, str) else ""
            params["description"] = default or N.tool_description(nv.display_name, purpose)
            return
