"""Offline modification of a previous workflow: add / replace / remove nodes and rewire.

The change request is read with the same entities as a new request (apps, AI vendors, trigger
hints, schedules) plus the wording that says what to do with them: "instead of" / "replace X with
Y" (replace), "drop" / "no need for" (remove), "also" / "before" (add in parallel or in front),
"only ... everything else" (insert an IF), "if X fails" (error output), "memory" / "tool" (AI
sub-nodes). Everything not named keeps its node, parameters and wiring; the result goes through
the same ``finalize`` safety net as fresh generation, so it is always strict-valid.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from engine.lexicon import (
    AI_AS_TOPIC,
    AI_ASKED_WORD,
    AI_PART_WORDS,
    AI_STEP_WORDS,
    ALSO_ADD,
    BEFORE_WORD,
    CHANNEL,
    CHAT_WORD,
    EMBEDDINGS_FOR_MODEL,
    FAILS_WORD,
    FORM_WORD,
    GENERIC_NODE_WORDS,
    GENERIC_STEP,
    GENERIC_STEP_TYPES,
    GIVES_ABILITY,
    INSTEAD_OF_FORM,
    INSTEAD_WORD,
    MAKE_IT_INSTEAD,
    MANUAL,
    MEMORY,
    MODEL_NOT_WANTED_BEFORE,
    MOVE_STEP,
    NO_MAIL,
    NODE_WORD_AFTER,
    OLD_NAMED_BEFORE,
    ONLY_FILTER_ASK,
    ONLY_WHEN_WORD,
    REALTIME_WORD,
    REMOVAL_CLAUSE_END,
    REMOVE_ASK,
    REPLACE_ASK,
    STRUCTURED_WORD,
    SWAP_WORDS,
    THE_REST,
    TOOL_ASK,
    TRIGGER_CHANGE_CUE,
    TRIGGER_INSTEAD_WORD,
    TRIGGER_WORD,
    WEBHOOK_WORD,
    WIKIPEDIA_WORD,
)
from engine.offline.assemble import Draft
from engine.offline.coverage import proxy_credential, stand_in_at, trigger_only_calls
from engine.offline.generator import (
    AI_ROOTS,
    BASE,
    LC,
    NodeBuilder,
    finalize,
    generate_workflow,
    has_main_output,
    tool_step,
)
from engine.offline.keep_only import FILTER, filter_step, keep_some
from engine.offline.nodes import OUTPUT_FIELD, text_expression
from engine.offline.operations import choose_operation
from engine.offline.placement import Place, named_node, place_in
from engine.offline.summary import asks_for_summary, delivers, summarises_prose, summary_writers
from engine.rules import Rules
from engine.types import AiSpec, Entity, IntentResult, Spec, StepSpec, TriggerSpec
from nodepilot.workflow import STICKY_NOTE, is_sub_node_type

log = logging.getLogger(__name__)

#: What a step outputs when it is prose an AI step summarises (a feed, a mailbox, posts).
_PROSE_SOURCES = frozenset(
    BASE + t
    for t in (
        "rssFeedRead", "rssFeedReadTrigger", "gmail", "gmailTrigger", "microsoftOutlook",
        "microsoftOutlookTrigger", "emailReadImap", "reddit", "hackerNews", "wordpress",
    )
)  # fmt: skip
_RAW_ITEM = "={{ JSON.stringify($json) }}"
_CONDITIONS = frozenset({BASE + "filter", BASE + "if"})


def _entities_for(text: str, spec: Spec | None) -> tuple[Entity, ...]:
    """The apps, triggers and schedule the change request names (none when unreadable)."""
    from engine.intent.entities import extract_entities

    try:
        return tuple(extract_entities(text))
    except Exception:  # noqa: BLE001 - a change without entities still applies its other rules
        log.warning("could not read the entities of %r", text[:80], exc_info=True)
        return ()


def _pos(low: str, span: str) -> int:
    p = low.find((span or "").lower())
    return p if p >= 0 else len(low)


def _type_matches(node_type: str, wanted: str) -> bool:
    if node_type == wanted:
        return True
    if node_type in (wanted + "Tool", wanted + "Trigger"):
        return True
    return False


def modify(previous: dict[str, Any], text: str, spec: Spec | None = None) -> dict[str, Any]:
    """The previous workflow changed as ``text`` asks; always strict-valid."""
    try:
        return _Modifier(previous, text, spec).run()
    except Exception:  # noqa: BLE001 - keep the user's workflow rather than fail
        log.warning("could not apply %r; keeping the previous workflow", text[:80], exc_info=True)
        try:
            return finalize(Draft.from_workflow(copy.deepcopy(previous)), text or "modified")
        except Exception:  # noqa: BLE001 - the previous workflow is unusable too: start afresh
            log.warning("previous workflow unusable; generating from the request", exc_info=True)
            return generate_workflow(
                spec or Spec(request=text, trigger=TriggerSpec("manual", BASE + "manualTrigger"))
            )


class _Modifier:
    """The state every change rule shares (the request, its spec, the draft of the previous
    workflow, the node builder, the catalog) and the graph edits they make with it; what
    each rule does is in the rule (``CHANGE_RULES``)."""

    def __init__(self, previous: dict[str, Any], text: str, spec: Spec | None) -> None:
        self.text = text or ""
        self.low = self.text.lower()
        if spec is None:
            from engine.spec import build_spec

            spec = build_spec(self.text, IntentResult("workflow_modification", 1.0))
        self.spec = spec
        self.b = NodeBuilder(spec)
        self.b.chat_input = False
        self.draft = Draft.from_workflow(previous if isinstance(previous, dict) else {})
        self.b.draft = self.draft
        self.entities = _entities_for(self.text, spec)
        self.before_names = set(self.draft.by_name)
        from indexing.catalog.load import load_catalog

        self.cat = load_catalog()

    # ------------------------------------------------------------------ queries
    def nodes_of(self, node_type: str) -> list[str]:
        return [n["name"] for n in self.draft.nodes if _type_matches(n["type"], node_type)]

    def trigger(self) -> str | None:
        for n in self.draft.nodes:
            if self.cat.is_trigger(n["type"]):
                return n["name"]
        return None

    def is_sub_node(self, node_type: str) -> bool:
        """An AI sub-node by the catalog's word (the name rule for a type it lacks)."""
        return is_sub_node_type(node_type, self.cat.is_sub_node(node_type))

    def main_nodes(self) -> list[str]:
        feeding = self.draft.ai_feeders()
        return [
            n["name"]
            for n in self.draft.nodes
            if not self.is_sub_node(n["type"])
            and not self.cat.is_trigger(n["type"])
            and n["type"] != STICKY_NOTE
            and n["name"] not in feeding  # e.g. a vector store used as a tool
        ]

    def last_leaf(self) -> str | None:
        """The last main node with no main successor (the workflow's final action)."""
        leaves = [n for n in self.main_nodes() if not self.draft.targets(n)]
        if leaves:
            return leaves[-1]
        mains = self.main_nodes()
        return mains[-1] if mains else self.trigger()

    def agent(self) -> str | None:
        for n in self.draft.nodes:
            if n["type"] in (LC + "agent",):
                return n["name"]
        return None

    def root(self) -> str | None:
        for n in self.draft.nodes:
            if n["type"] in AI_ROOTS:
                return n["name"]
        return None

    # ------------------------------------------------------------------ edits
    def remove_node(self, name: str) -> None:
        """Remove and rewire predecessors to successors (main connections)."""
        for sub in self.draft.sub_nodes(name):
            # keep sub-nodes that also feed another root
            feeds = [t for _i, t, _j in _all_targets(self.draft, sub) if t != name]
            if not feeds:
                self.draft.remove(sub)
        ins = self.draft.sources(name)
        outs = self.draft.targets(name)
        self.draft.remove(name)
        for src, oi, _ii in ins:
            for _o, dst, di in outs:
                self.draft.connect(src, dst, "main", oi, di)

    def new_node(
        self,
        node_type: str,
        context: str = "",
        params: dict[str, Any] | None = None,
        prev: str | None = None,
    ) -> str:
        res, op = (None, None)
        stand_in = self.api_stand_in(node_type, context)
        if stand_in is not None:  # the app's node cannot do what is asked: its API
            node_type, params = stand_in.node_type, {**stand_in.parameters, **(params or {})}
        if "vectorStore" in node_type:
            op = "insert"  # in the main flow a vector store stores documents
        elif not self.is_sub_node(node_type) or node_type.endswith("Tool"):
            base = node_type[:-4] if node_type.endswith("Tool") else node_type
            res, op = choose_operation(base, context, "")
        prev_t = None
        if prev and prev in self.draft.by_name:
            prev_t = (prev, self.draft.by_name[prev]["type"])
        step = StepSpec(
            node_type=node_type,
            purpose=context[:160],
            resource=res,
            operation=op,
            parameters=params or {},
        )
        return self.b.node(node_type, step=step, prev=prev_t)

    def api_stand_in(self, node_type: str, context: str) -> StepSpec | None:
        """The HTTP Request standing in for an app node added right after ``context`` (the
        text before its name in the change request), when the node has no operation for
        what is asked (``engine.offline.coverage``)."""
        if not context or self.is_sub_node(node_type):  # every ...Tool is a sub-node
            return None
        if self.cat.has_type(node_type) and self.cat.is_trigger(node_type):
            return self.trigger_only_call(node_type)
        at = self.low.find(context)
        return stand_in_at(node_type, self.text, at + len(context)) if at >= 0 else None

    def trigger_only_call(self, app: str) -> StepSpec | None:
        """The API call the change asks of ``app``, an app whose only n8n node is a trigger
        ("also pull the Typeform responses into the sheet"); None when nothing is asked."""
        trig = self.trigger()
        current = self.draft.by_name[trig]["type"] if trig else ""
        calls = trigger_only_calls(self.text, current)
        return next((c for _p, c in calls if c.parameters.get("@api") == app), None)

    def calls_api_of(self, app: str) -> bool:
        """The workflow already calls ``app``'s API with its credential."""
        credential = proxy_credential(app)
        return any(
            n["parameters"].get("nodeCredentialType") == credential for n in self.draft.nodes
        )

    def replace_node(self, old: str, new_type: str, context: str) -> str:
        """A node of ``new_type`` takes ``old``'s place and all its connections."""
        old_node = self.draft.by_name[old]
        ins = [(s, o, i, c) for c in _ctypes(self.draft) for s, o, i in self.draft.sources(old, c)]
        outs = [(o, t, i, c) for c in _ctypes(self.draft) for o, t, i in self.draft.targets(old, c)]
        prev = ins[0][0] if ins else None
        if self.cat.is_trigger(new_type) or new_type.endswith("Tool"):
            name = self.b.node(new_type, step=StepSpec(node_type=new_type, purpose=context))
        else:
            name = self.new_node(new_type, context, prev=prev)
        new_node = self.draft.by_name[name]
        if "vectorStore" in new_type and "vectorStore" in old_node["type"]:
            mode = (old_node.get("parameters") or {}).get("mode")
            if isinstance(mode, str):
                new_node["parameters"]["mode"] = mode
                if mode == "retrieve-as-tool":
                    new_node["parameters"].setdefault(
                        "toolDescription", "Searches the knowledge base for relevant passages."
                    )
        # carry over AI-ish settings when swapping like for like (models keep options)
        if old_node.get("onError") and not self.cat.is_trigger(new_type):
            new_node["onError"] = old_node["onError"]
        self.draft.remove(old)
        for src, oi, ii, c in ins:
            if (
                c != "main"
                and self.cat.is_trigger(new_type)
                and not new_type.endswith("mcpTrigger")
            ):
                self.draft.remove(src)  # tools of an MCP trigger mean nothing to other triggers
                continue
            self.draft.connect(src, name, c, oi, ii if c != "main" else 0)
        for oi, dst, ii, c in outs:
            self.draft.connect(name, dst, c, oi if c != "main" else min(oi, 0), ii)
        # keep the draft order: put the new node where the old one was
        self.draft.nodes.remove(new_node)
        idx = next(
            (i for i, n in enumerate(self.draft.nodes) if n["position"] >= old_node["position"]),
            len(self.draft.nodes),
        )
        self.draft.nodes.insert(idx, new_node)
        return name

    def insert_before(
        self, target: str, node_type: str, context: str, params: dict[str, Any] | None = None
    ) -> str:
        ins = self.draft.sources(target)
        prev = ins[0][0] if ins else None
        name = self.new_node(node_type, context, params, prev=prev)
        for src, oi, ii in ins:
            self.draft.disconnect(src, target)
            self.draft.connect(src, name, "main", oi, ii)
        self.draft.connect(name, target)
        return name

    def append_after(
        self,
        source: str,
        node_type: str,
        context: str,
        params: dict[str, Any] | None = None,
        out_index: int = 0,
    ) -> str:
        name = self.new_node(node_type, context, params, prev=source)
        self.draft.connect(source, name, "main", out_index)
        return name

    # ------------------------------------------------------------------ plan
    def run(self) -> dict[str, Any]:
        """Apply every registered change rule, in order (see ``CHANGE_RULES``)."""
        mentions = sorted(((_pos(self.low, e.span), e) for e in self.entities), key=lambda p: p[0])
        apps = self._apps_named(mentions)
        old_types, new_apps = self._split_old_new(apps)
        change = Change(self, mentions, apps, old_types, new_apps)
        CHANGE_RULES.run(change)
        return finalize(self.draft, f"{self.text}\x1e{_digest(self.draft)}")

    def _apps_named(self, mentions: list[tuple[int, Entity]]) -> list[tuple[int, Entity]]:
        """The apps the change names, plus generic node words ("the code node", "the raw
        http request") for node types the workflow has."""
        apps = [(p, e) for p, e in mentions if e.kind == "app" and e.node_type]
        for word, t in GENERIC_NODE_WORDS.items():
            m = re.search(rf"\b{word}\b{NODE_WORD_AFTER}", self.low)
            if m and not any(e.node_type == t for _p, e in apps) and self.nodes_of(t):
                apps.append((m.start(), Entity("app", m.group(0), t)))
        apps.sort(key=lambda p: p[0])
        return apps

    def _split_old_new(self, apps: list[tuple[int, Entity]]) -> tuple[list[str], list]:
        low = self.low
        old: list[str] = []
        new: list[tuple[int, Entity]] = []
        rv = REPLACE_ASK.search(low)
        for p, e in apps:
            t = e.node_type or ""
            before = low[max(0, p - 25) : p]
            is_old = bool(OLD_NAMED_BEFORE.search(before))
            if rv and rv.start() <= p < rv.end() and e.span.lower() in rv.group("old"):
                is_old = True
            if is_old and self.nodes_of(t):
                old.append(t)
            else:
                new.append((p, e))
        if not old and INSTEAD_WORD.search(low):
            # "use X instead": X replaces the present node of the same family
            for _p, e in list(new):
                fam = _family(e.node_type or "")
                for n in self.draft.nodes:
                    if n["type"] != e.node_type and fam and _family(n["type"]) == fam:
                        old.append(n["type"])
                        break
        return old, new


# ------------------------------------------------------------------ change rules (registered)


@dataclass
class Change:
    """One change request being applied: what it names, and what the rules pass on."""

    m: _Modifier
    mentions: list[tuple[int, Entity]]
    apps: list[tuple[int, Entity]]
    old_types: list[str]
    new_apps: list
    #: node types ``ai_parts`` dealt with (``replacements`` does not add them as apps)
    handled: set[str] = field(default_factory=set)
    #: node types in the workflow before ``replacements`` (what ``removals`` may remove)
    present: set[str] = field(default_factory=set)
    #: apps still to add: set by ``replacements``, narrowed by ``removals`` and ``moves``,
    #: extended by ``capabilities`` and ``generic_steps``, added by ``additions``
    pending_new: list[tuple[int, Entity]] = field(default_factory=list)
    #: node types ``removals`` removed (``capabilities`` does not add them back)
    removed: set[str] = field(default_factory=set)


#: The modifier's rules, in the order they run (``change_rule`` appends). Each rule's example
#: requests are in ``tests/test_rule_examples.py``.
CHANGE_RULES: Rules[Change] = Rules("change rule")
change_rule = CHANGE_RULES.register


@change_rule
def ai_parts(c: Change) -> None:
    """Model and embeddings swaps, memory, output parser, agent tools, a new AI step; the
    node types dealt with go to ``c.handled`` (so they are not added again as apps)."""
    mod = c.m
    handled = c.handled = set()
    vendors = _named_vendors(mod, c.mentions, handled)
    if vendors:
        _swap_models(mod, vendors)
    root = mod.root()
    asked = AI_AS_TOPIC.sub(" ", mod.low)  # "only items about AI": a topic, no AI step
    wants_ai = bool(AI_ASKED_WORD.search(asked))
    trig = mod.trigger()
    no_main = trig is not None and not has_main_output(mod.cat, mod.draft.by_name[trig]["type"])
    if root is None and (wants_ai or vendors) and "embedding" not in mod.low and not no_main:
        root = _add_ai_step(mod, vendors, c.old_types)
        if root is None:
            return
    agent = mod.agent()
    if agent and MEMORY.search(mod.low):
        _memory_change(mod, agent)
    if root and STRUCTURED_WORD.search(mod.low):
        _output_parser_change(mod, root)
    if agent and (TOOL_ASK.search(mod.low) or _gives_ability(mod, agent)):
        _tool_changes(mod, agent, c.mentions, handled)
    if agent and WIKIPEDIA_WORD.search(mod.low) and not mod.nodes_of(LC + "toolWikipedia"):
        name = mod.b.node(LC + "toolWikipedia")
        mod.draft.connect(name, agent, "ai_tool")


def _named_vendors(
    mod: _Modifier, mentions: list[tuple[int, Entity]], handled: set[str]
) -> list[tuple[int, str]]:
    """(position, chat model type) for every AI vendor or model the change names."""
    from engine.spec import VENDOR_MODEL

    vendors = []
    for p, e in mentions:
        if e.kind == "ai":
            model = e.node_type if (e.node_type or "").startswith(LC + "lmChat") else None
            if model is None:
                v = str((e.value or {}).get("vendor") or e.span).lower()
                model = next((m for k, m in VENDOR_MODEL.items() if k in v), None)
            if model:
                vendors.append((p, model))
        elif e.kind == "app" and (e.node_type or "").startswith(LC + "lmChat"):
            vendors.append((p, e.node_type))
            handled.add(e.node_type or "")
    return vendors


def _swap_models(mod: _Modifier, vendors: list[tuple[int, str]]) -> None:
    """ "use Claude instead of GPT": the chat models (or, when embeddings are named, the
    embeddings) become the vendor asked for - the one not after "instead of" / "not"."""
    low = mod.low
    models = [n["name"] for n in mod.draft.nodes if n["type"].startswith(LC + "lmChat")]
    embeds = [n["name"] for n in mod.draft.nodes if n["type"].startswith(LC + "embeddings")]
    present_models = {n["type"] for n in mod.draft.nodes}
    allowed = [
        model
        for p, model in vendors
        if not MODEL_NOT_WANTED_BEFORE.search(low[max(0, p - 20) : p].strip() + " ")
    ]
    # the vendor asked for is usually the one the workflow does not use yet
    fresh = [m for m in allowed if m not in present_models]
    chosen = (fresh or allowed or [vendors[-1][1]])[0]
    if "embedding" in low and embeds:
        emb = EMBEDDINGS_FOR_MODEL.get(chosen)
        if emb:
            for name in embeds:
                if mod.draft.by_name[name]["type"] != emb:
                    mod.replace_node(name, emb, mod.text)
    elif models:
        for name in models:
            if mod.draft.by_name[name]["type"] != chosen:
                mod.replace_node(name, chosen, mod.text)


def _add_ai_step(
    mod: _Modifier, vendors: list[tuple[int, str]], old_types: list[str]
) -> str | None:
    """An AI agent where the change asks for AI and there is none: in place of a Code node
    the change names, else before the final action. Its name, or None if nowhere fits."""
    low = mod.low
    model = vendors[0][1] if vendors else LC + "lmChatOpenAi"
    code_nodes = mod.nodes_of(BASE + "code") if "code" in low else []
    ai = AiSpec(root=LC + "agent", model=model)
    mod.b.spec = Spec(request=mod.text, trigger=mod.spec.trigger, ai=ai)
    if code_nodes:
        name = mod.replace_node(code_nodes[0], LC + "agent", mod.text)
        if BASE + "code" in old_types:
            old_types.remove(BASE + "code")
    else:
        leaf = mod.last_leaf()
        if leaf and leaf != mod.trigger():
            name = mod.insert_before(leaf, LC + "agent", mod.text)
        elif leaf:
            name = mod.append_after(leaf, LC + "agent", mod.text)
        else:
            return None
    mod.b.attach_ai(name, ai)
    return name


def _memory_change(mod: _Modifier, agent: str) -> None:
    """ "remember the conversation": the memory kind named replaces the current one, or a
    window memory is attached (keyed by execution when no chat trigger gives a session)."""
    from engine.spec import MEMORY_TYPES

    low = mod.low
    wanted = LC + "memoryBufferWindow"
    for key, mtype in MEMORY_TYPES.items():
        if re.search(rf"\b{key}", low):
            wanted = mtype
    current = [
        s
        for s in mod.draft.sub_nodes(agent)
        if mod.draft.by_name[s]["type"].startswith(LC + "memory")
    ]
    if current and wanted != LC + "memoryBufferWindow":
        for name in current:
            if mod.draft.by_name[name]["type"] != wanted:
                mod.replace_node(name, wanted, mod.text)
    elif not current:
        mem = mod.b.node(wanted)
        if not any(mod.draft.by_name[n]["type"] == LC + "chatTrigger" for n in mod.draft.by_name):
            p = mod.draft.by_name[mem]["parameters"]
            p["sessionIdType"] = "customKey"
            p["sessionKey"] = "={{ $execution.id }}"
        mod.draft.connect(mem, agent, "ai_memory")


def _output_parser_change(mod: _Modifier, root: str) -> None:
    """ "structured output" / "json": a structured output parser on an agent or LLM chain."""
    rtype = mod.draft.by_name[root]["type"]
    if rtype in (LC + "agent", LC + "chainLlm") and not any(
        mod.draft.by_name[s]["type"].startswith(LC + "outputParser")
        for s in mod.draft.sub_nodes(root)
    ):
        op = mod.b.node(LC + "outputParserStructured")
        mod.draft.by_name[root]["parameters"]["hasOutputParser"] = True
        mod.draft.connect(op, root, "ai_outputParser")


def _gives_ability(mod: _Modifier, agent: str) -> bool:
    """The change gives a talking agent an ability (``GIVES_ABILITY``): the agent has a
    memory or tools already, or a chat starts the workflow."""
    if not GIVES_ABILITY.search(mod.low):
        return False
    talking = any(mod.draft.sources(agent, ctype) for ctype in ("ai_memory", "ai_tool"))
    trig = mod.trigger()
    chat = trig is not None and mod.draft.by_name[trig]["type"] == LC + "chatTrigger"
    return talking or chat


def _tool_changes(
    mod: _Modifier, agent: str, mentions: list[tuple[int, Entity]], handled: set[str]
) -> None:
    """ "let it look things up in Notion": the apps named become tools of the agent."""
    low = mod.low
    for p, e in mentions:
        t = e.node_type or ""
        if e.kind != "app" or not t or t in handled or t.startswith(LC + "lmChat"):
            continue
        tool = t if t.endswith("Tool") or t.startswith(LC + "tool") else t + "Tool"
        if not mod.cat.has_type(tool):
            continue
        if mod.nodes_of(tool):
            continue
        name = mod.b.node(
            tool,
            step=StepSpec(
                node_type=tool,
                resource=choose_operation(t, low[:p], "")[0],
                operation=choose_operation(t, low[:p], "")[1],
                purpose=mod.text,
            ),
        )
        mod.draft.connect(name, agent, "ai_tool")
        handled.add(t)


@change_rule
def trigger_change(c: Change) -> None:
    """ "start it from a webhook instead", "run it by hand": the trigger the change names
    (``_new_trigger_type``) takes the old one's place; a Respond to Webhook step stays only
    with a webhook, and a chat trigger feeds the agent directly."""
    mod = c.m
    trig = mod.trigger()
    if trig is None:
        return
    cur = mod.draft.by_name[trig]["type"]
    new_type = _new_trigger_type(mod, c.apps, cur)
    if new_type is None or new_type == cur:
        return
    if not has_main_output(mod.cat, new_type) and mod.main_nodes():
        return  # an MCP-style trigger cannot start the existing chain of steps
    sched = next((e.value for e in mod.entities if e.kind == "schedule" and e.value), None)
    mod.b.spec = Spec(
        request=mod.text,
        trigger=TriggerSpec("app", new_type, schedule=sched),
    )
    name = mod.replace_node(trig, new_type, mod.text)
    # a webhook that answered through a Respond node keeps doing so
    if new_type == BASE + "webhook" and any(
        n["type"] == BASE + "respondToWebhook" for n in mod.draft.nodes
    ):
        mod.draft.by_name[name]["parameters"]["responseMode"] = "responseNode"
    if new_type != BASE + "webhook":
        for n in list(mod.draft.nodes):
            if n["type"] == BASE + "respondToWebhook":
                mod.remove_node(n["name"])
    if new_type == LC + "chatTrigger":
        _chat_feeds_the_agent(mod, name)


def _new_trigger_type(mod: _Modifier, apps: list[tuple[int, Entity]], cur: str) -> str | None:
    """The trigger type the change asks for instead of ``cur``: a trigger it names after a
    cue, an app's trigger ("trigger it from Typeform", "in real time"), or a start said in
    words (by hand, webhook, chat, form, a schedule); None when it asks for none."""
    low = mod.low
    cue = TRIGGER_CHANGE_CUE.search(low)
    for e in mod.entities:
        if e.kind == "trigger" and e.node_type and e.node_type != cur and cue:
            return e.node_type
    if TRIGGER_WORD.search(low) or REALTIME_WORD.search(low):
        for _p, e in apps:
            cand = (e.node_type or "") + "Trigger"
            if mod.cat.has_type(cand) and cand != cur:
                return cand
    if MANUAL.search(low) and MAKE_IT_INSTEAD.search(low):
        return BASE + "manualTrigger"
    if WEBHOOK_WORD.search(low) and cur != BASE + "webhook" and TRIGGER_INSTEAD_WORD.search(low):
        return BASE + "webhook"
    if CHAT_WORD.search(low) and "instead" in low and cur != LC + "chatTrigger":
        return LC + "chatTrigger"
    if (
        FORM_WORD.search(low)
        and "instead" in low
        and cur != BASE + "formTrigger"
        and not INSTEAD_OF_FORM.search(low)
    ):
        return BASE + "formTrigger"
    if cur != BASE + "scheduleTrigger" and any(e.kind == "schedule" for e in mod.entities):
        return BASE + "scheduleTrigger"
    return None


def _chat_feeds_the_agent(mod: _Modifier, chat: str) -> None:
    """A chat trigger now starts the workflow: the mail steps go when the change says no
    mail is needed ("then no email needed"), and the agent reads the chat message directly
    (its own prompt settings dropped)."""
    for n in list(mod.draft.nodes):
        if n["type"] in (BASE + "gmail", BASE + "emailSend") and NO_MAIL.search(mod.low):
            mod.remove_node(n["name"])
    agent = mod.agent()
    if agent:
        mod.draft.disconnect(mod.draft.sources(agent)[0][0], agent) if mod.draft.sources(
            agent
        ) else None
        mod.draft.connect(chat, agent)
        p = mod.draft.by_name[agent]["parameters"]
        p.pop("promptType", None)
        p.pop("text", None)


@change_rule
def replacements(c: Change) -> None:
    """ "use Outlook instead of Gmail": each old app named gives way to the next new one
    (consumed from ``c.pending_new``); an old app without a new one is removed when the
    change removes things or names no new app."""
    mod = c.m
    c.present = {n["type"] for n in mod.draft.nodes}
    c.pending_new = [(p, e) for p, e in c.new_apps if e.node_type not in c.handled]
    drop_unpaired = bool(REMOVE_ASK.search(mod.low)) or not c.new_apps
    for old_t in c.old_types:
        targets = mod.nodes_of(old_t)
        if not targets:
            continue
        repl = c.pending_new.pop(0) if c.pending_new else None
        if repl is None:
            if drop_unpaired:
                for t in targets:
                    mod.remove_node(t)
            continue
        for t in targets:
            if mod.draft.by_name.get(t) is None:
                continue
            new_t = repl[1].node_type or ""
            if mod.draft.by_name[t]["type"].endswith("Tool") and not new_t.endswith("Tool"):
                variant = new_t + "Tool"
                if mod.cat.has_type(variant):
                    new_t = variant
            if mod.cat.is_trigger(mod.draft.by_name[t]["type"]):
                _replace_trigger_app(mod, t, new_t)
                continue
            mod.replace_node(t, new_t, mod.text)


def _replace_trigger_app(mod: _Modifier, trigger: str, app_type: str) -> None:
    """ "We're on Outlook, not Gmail" when a Gmail Trigger starts the workflow: the new
    app's own trigger takes its place; an app without one is polled instead (a Schedule
    Trigger, then the app reading what is new)."""
    variant = app_type if mod.cat.is_trigger(app_type) else app_type + "Trigger"
    if mod.cat.has_type(variant) and mod.cat.is_trigger(variant):  # e.g. emailReadImap
        mod.replace_node(trigger, variant, mod.text)
        return
    schedule = mod.replace_node(trigger, BASE + "scheduleTrigger", mod.text)
    firsts = mod.draft.targets(schedule)
    reader = mod.new_node(app_type, "get all new items", prev=schedule)
    node = mod.draft.by_name[reader]  # laid out right after the trigger
    mod.draft.nodes.remove(node)
    mod.draft.nodes.insert(mod.draft.nodes.index(mod.draft.by_name[schedule]) + 1, node)
    for _out, target, in_index in firsts:
        mod.draft.disconnect(schedule, target)
        mod.draft.connect(reader, target, "main", 0, in_index)
    mod.draft.connect(schedule, reader)


@change_rule
def removals(c: Change) -> None:
    """ "drop the Slack step": the apps named in the clause after a removal verb go; they
    are no longer pending additions (their types go to ``c.removed``)."""
    mod, low = c.m, c.m.low
    if not REMOVE_ASK.search(low):
        return
    pending_new = c.pending_new
    removed: set[str] = set()
    for rm in REMOVE_ASK.finditer(low):
        stop = REMOVAL_CLAUSE_END.search(low, rm.end())
        end = stop.start() if stop else len(low)
        for p, e in c.apps:
            t = e.node_type or ""
            if not (rm.start() <= p < end) or t in c.old_types or t not in c.present:
                continue
            for name in mod.nodes_of(t):
                mod.remove_node(name)
            removed.add(t)
            pending_new = [x for x in pending_new if x[1] is not e]
    c.pending_new = [x for x in pending_new if x[1].node_type not in removed]
    c.removed = removed


@change_rule
def ai_removal(c: Change) -> None:
    """ "skip the AI summary, just forward it as is": the AI steps (and a composed summary)
    go; the step after each reads the item it now receives instead of the removed step's
    text. Not for a swap of model or vendor, nor a part of the AI step."""
    mod = c.m
    if SWAP_WORDS.search(mod.low):
        return
    for rm in REMOVE_ASK.finditer(mod.low):
        stop = REMOVAL_CLAUSE_END.search(mod.low, rm.end())
        clause = mod.low[rm.end() : stop.start() if stop else len(mod.low)]
        if not AI_STEP_WORDS.search(clause) or AI_PART_WORDS.search(clause):
            continue
        writers = [
            n["name"]
            for n in mod.draft.nodes
            if n["type"] in AI_ROOTS
            or "summary" in clause
            and n["type"] == BASE + "code"
            and "summary:" in str(n["parameters"].get("jsCode", ""))
        ]
        for name in writers:
            _remove_writer(mod, name)
        return


def _remove_writer(mod: _Modifier, name: str) -> None:
    """Remove a step that wrote text; the steps that read its text read the incoming item
    (``text_expression`` of what now feeds them)."""
    field = OUTPUT_FIELD.get(mod.draft.by_name[name]["type"])
    after = [t for _o, t, _i in mod.draft.targets(name)]
    mod.remove_node(name)
    if field is None:
        return
    old = "={{ $json." + field + " }}"
    for target in after:
        node = mod.draft.by_name.get(target)
        feeders = mod.draft.sources(target)
        if node is None or not feeders:
            continue
        src = feeders[0][0]
        new = text_expression(mod.draft.by_name[src]["type"], src)
        params = node["parameters"]
        for key, value in list(params.items()):
            if value == old:
                params[key] = new


@change_rule
def capabilities(c: Change) -> None:
    """Capabilities named without an app (respond, wait, batches, sub-workflow, email,
    ``engine.spec.capability_steps``) join the pending additions, in text order."""
    from engine.spec import capability_steps

    mod = c.m
    trig = mod.trigger()
    trig_type = mod.draft.by_name[trig]["type"] if trig else ""
    now = {n["type"] for n in mod.draft.nodes} | {e.node_type for _p, e in c.pending_new}
    now |= c.removed | set(c.old_types) | c.present
    c.pending_new += [
        (pos, Entity("app", mod.text[pos : pos + 20], cap))
        for pos, cap in capability_steps(mod.text, trig_type, {t for t in now if t})
    ]
    c.pending_new.sort(key=lambda x: x[0])


@change_rule
def moves(c: Change) -> None:
    """ "move the Slack step before the Sheets step", "the email should come after the
    filter": an existing step is taken out (what fed it feeds what followed it) and wired
    at the place named; its app is no longer a pending addition."""
    mod = c.m
    found = MOVE_STEP.search(mod.text)
    if found is None:
        return
    group = "x" if found.group("x") else "y"
    moved = named_node(mod.draft, found.group(group))
    if moved is None or mod.cat.is_trigger(mod.draft.by_name[moved]["type"]):
        return
    place = place_in(mod.draft, mod.text, found.start(group))
    if place is None or moved in (place.after, place.before):
        return
    if place.before and mod.cat.is_trigger(mod.draft.by_name[place.before]["type"]):
        place = Place(after=place.before)
    ins, outs = mod.draft.sources(moved), mod.draft.targets(moved)
    for src, _o, _i in ins:
        mod.draft.disconnect(src, moved)
    for _o, target, _i in outs:
        mod.draft.disconnect(moved, target)
    for src, out_index, _i in ins:
        for _o, target, in_index in outs:
            mod.draft.connect(src, target, "main", out_index, in_index)
    _wire_at(mod, place, moved)
    moved_type = mod.draft.by_name[moved]["type"]
    c.pending_new = [(p, e) for p, e in c.pending_new if e.node_type != moved_type]


def _edge(mod: _Modifier, src: str, dst: str) -> tuple[int, int] | None:
    """(output, input) of the main connection ``src`` -> ``dst``, if there is one."""
    return next(((o, i) for o, t, i in mod.draft.targets(src) if t == dst), None)


def _wire_at(mod: _Modifier, place: Place, name: str) -> None:
    """Wire the unconnected node ``name`` at ``place``: on the connection between the two
    nodes, in front of one (taking its inputs), or right after one (taking over what
    followed it)."""
    draft = mod.draft
    if place.after and place.before and (edge := _edge(mod, place.after, place.before)):
        draft.disconnect(place.after, place.before)
        draft.connect(place.after, name, "main", edge[0])
        draft.connect(name, place.before, "main", 0, edge[1])
    elif place.before:
        for src, out_index, in_index in draft.sources(place.before):
            draft.disconnect(src, place.before)
            draft.connect(src, name, "main", out_index, in_index)
        draft.connect(name, place.before)
    elif place.after:
        for out_index, target, in_index in draft.targets(place.after):
            if out_index == 0:
                draft.disconnect(place.after, target)
                draft.connect(name, target, "main", 0, in_index)
        draft.connect(place.after, name)


@change_rule
def generic_steps(c: Change) -> None:
    """ "add a Code step", "insert a filter between X and Y": steps named by their kind
    that are not pending yet join the pending additions, in text order."""
    have = {e.node_type for _p, e in c.pending_new}
    for found in GENERIC_STEP.finditer(c.m.text):
        group = "word" if found.group("word") else "named"
        word = found.group(group)
        node_type = GENERIC_STEP_TYPES.get(word.lower(), BASE + word.lower())
        if node_type not in have:
            have.add(node_type)
            c.pending_new.append((found.start(group), Entity("app", word, node_type)))
    c.pending_new.sort(key=lambda x: x[0])


@change_rule
def additions(c: Change) -> None:
    """The new apps and capabilities as steps, in the order the change names them (never
    triggers, never a sub-node but a tool, never twice; ``_add_app`` wires each)."""
    mod = c.m
    for p, e in c.pending_new:
        t = e.node_type or ""
        if mod.cat.has_type(t) and mod.cat.is_trigger(t):
            if mod.trigger_only_call(t) is not None and not mod.calls_api_of(t):
                _add_app(mod, p, t)  # an app n8n has only a trigger for: its API call
            continue  # triggers are changed by trigger_change, never added as steps
        if (
            t in {n["type"] for n in mod.draft.nodes}
            or mod.is_sub_node(t)
            and not t.endswith("Tool")
        ):
            continue
        _add_app(mod, p, t)
        if t == BASE + "respondToWebhook":
            for n in mod.draft.nodes:
                if n["type"] == BASE + "webhook":
                    n["parameters"]["responseMode"] = "responseNode"


def _add_app(mod: _Modifier, p: int, node_type: str) -> None:
    low = mod.low
    ctx = low[max(0, p - 60) : p]
    leaf = mod.last_leaf()
    trig = mod.trigger()
    if trig is not None and not has_main_output(mod.cat, mod.draft.by_name[trig]["type"]):
        # an MCP Server Trigger: new apps become its tools
        variant = node_type if node_type.endswith("Tool") else node_type + "Tool"
        if mod.cat.has_type(variant) and not mod.nodes_of(variant):
            name = mod.b.node(variant, step=tool_step(variant, mod.text))
            mod.draft.connect(name, trig, "ai_tool")
        return
    if "vectorStore" in node_type:
        source = leaf or trig
        if source is None:
            return
        name = mod.append_after(source, node_type, ctx)
        mod.b.attach_vector_inputs(name, None, "insert")
        return
    # error handling: "if the X fails, post to Y"
    fail = FAILS_WORD.search(low)
    if fail:
        for n in mod.main_nodes():
            t = mod.draft.by_name[n]["type"]
            short = t.split(".")[-1].lower()
            if short in low[: fail.start()].replace(" ", "").lower():
                mod.draft.by_name[n]["onError"] = "continueErrorOutput"
                mod.append_after(n, node_type, ctx, out_index=1)
                return
    if _add_at_place(mod, p, node_type, ctx):
        return
    before = BEFORE_WORD.search(low)
    if before and leaf and leaf != trig:
        target = leaf
        after_words = low[before.end() : before.end() + 40]
        for n in mod.main_nodes():
            t = mod.draft.by_name[n]["type"].split(".")[-1].lower()
            if t[:5] in after_words.replace(" ", ""):
                target = n
                break
        if "crm" in after_words:
            target = next(
                (
                    n
                    for n in mod.main_nodes()
                    if mod.draft.by_name[n]["type"].split(".")[-1]
                    in ("hubspot", "salesforce", "pipedrive", "zohoCrm")
                ),
                target,
            )
        mod.insert_before(target, node_type, ctx)
        return
    only = ONLY_WHEN_WORD.search(low)
    rest = THE_REST.search(low)
    if only and leaf and leaf != trig and (rest or "route" in low):
        ins = mod.draft.sources(leaf)
        cond = low[only.start() : only.start() + 120]
        if_name = mod.insert_before(leaf, BASE + "if", cond, params={"condition": cond})
        mod.draft.disconnect(if_name, leaf)
        new_on_false = bool(rest and p > rest.start())
        mod.draft.connect(if_name, leaf, "main", 0 if new_on_false else 1)
        mod.append_after(if_name, node_type, ctx, out_index=1 if new_on_false else 0)
        del ins
        return
    if leaf is None:
        return
    if ALSO_ADD.search(low) and leaf != trig:
        srcs = mod.draft.sources(leaf)
        if srcs:
            src, oi, _ii = srcs[0]
            mod.append_after(src, node_type, ctx, out_index=oi)
            return
    mod.append_after(leaf, node_type, ctx)


def _add_at_place(mod: _Modifier, p: int, node_type: str, ctx: str) -> bool:
    """The new step wired where the change says ("between Pipedrive and Gmail", "before
    the Sheets step", "right after the trigger", see ``engine.offline.placement``).
    False when the change names no place among the workflow's steps."""
    place = place_in(mod.draft, mod.text, p)
    if place is None:
        return False
    if place.before and mod.cat.is_trigger(mod.draft.by_name[place.before]["type"]):
        place = Place(after=place.before)  # nothing runs before the trigger
    params = {"condition": mod.text} if node_type in _CONDITIONS else None
    if place.before and not (place.after and _edge(mod, place.after, place.before)):
        prev = next(iter(mod.draft.sources(place.before)), (None,))[0]
    else:
        prev = place.after
    name = mod.new_node(node_type, ctx, params, prev=prev)
    _wire_at(mod, place, name)
    return True


@change_rule
def summary_writers_added(c: Change) -> None:
    """ "also send a short summary of them to Slack": each step this change added that
    sends gets what writes the summary right before it (``summary_writers``: an LLM chain
    for prose, a Code step composing records), and sends that text, not the raw item."""
    mod = c.m
    if not asks_for_summary(mod.text):
        return
    for node in _summary_receivers(mod):
        params = node["parameters"]
        feeders = mod.draft.sources(node["name"])
        if not delivers(_as_step(node)) or len(feeders) != 1:
            continue
        source = mod.draft.by_name[feeders[0][0]]
        if source["type"].startswith(LC) or source["type"] == BASE + "code":
            continue  # something writes it already
        prose = summarises_prose(mod.text) or source["type"] in _PROSE_SOURCES
        many = str(source["parameters"].get("operation", "")).lower().startswith("getall")
        writers = summary_writers(mod.text, node["type"], prose, many or "rss" in source["type"])
        for writer in writers:
            name = mod.insert_before(
                node["name"], writer.node_type, writer.purpose, dict(writer.parameters)
            )
            if writer.node_type.startswith(LC):
                mod.b.attach_ai(name, AiSpec(root=writer.node_type))
        text = "={{ $json." + OUTPUT_FIELD[writers[-1].node_type] + " }}"
        for key, value in list(params.items()):
            if value == _RAW_ITEM:
                params[key] = text


def _summary_receivers(mod: _Modifier) -> list[dict[str, Any]]:
    """The nodes the summary goes to: those this change added, else - "send the totals as
    a table instead of the raw data" - the steps there before that send the raw item."""
    added = [n for n in mod.draft.nodes if n["name"] not in mod.before_names]
    if any(delivers(_as_step(n)) for n in added):
        return added
    return [n for n in mod.draft.nodes if _RAW_ITEM in n["parameters"].values()]


@change_rule
def only_filter(c: Change) -> None:
    """ "only for orders above 100", "skip the ones under $50" (``keep_some``, read as a
    first request reads it): a Filter in front of the final action, unless the change
    already added a branch."""
    mod = c.m
    m = ONLY_FILTER_ASK.search(mod.low)
    keep = keep_some(mod.text)
    if keep is None and (m is None or THE_REST.search(mod.low)):
        return
    if any(
        n["type"] in (BASE + "if", BASE + "filter", BASE + "switch")
        for n in mod.draft.nodes
        if n["name"] not in mod.before_names
    ):
        return
    leaf = mod.last_leaf()
    if leaf is None or leaf == mod.trigger():
        return
    if keep is not None:
        step = filter_step(keep, f"{mod.text}\x1f{FILTER}")
        mod.insert_before(leaf, FILTER, step.purpose, params=dict(step.parameters))
        return
    if m is not None:
        cond = mod.low[m.start() : m.start() + 120]
        mod.insert_before(leaf, FILTER, cond, params={"condition": cond})


@change_rule
def schedule_change(c: Change) -> None:
    """ "make it hourly": the schedule the change states becomes the Schedule Trigger's
    rule."""
    from engine.offline.nodes import schedule_rule

    mod = c.m
    sched = next((e.value for e in mod.entities if e.kind == "schedule" and e.value), None)
    if sched is None:
        return
    for n in mod.draft.nodes:
        if n["type"] == BASE + "scheduleTrigger":
            n["parameters"] = schedule_rule(sched)
            n["typeVersion"] = mod.cat.default_version(BASE + "scheduleTrigger")


@change_rule
def channel_change(c: Change) -> None:
    """ "post to #ops instead": the channel the change names becomes the Slack steps'."""
    m = CHANNEL.search(c.m.text)
    if not m:
        return
    chan = "#" + m.group(1)
    for n in c.m.draft.nodes:
        if n["type"] == BASE + "slack":
            p = n["parameters"]
            if isinstance(p.get("channelId"), dict):
                p["channelId"] = {"__rl": True, "mode": "name", "value": chan}


def _as_step(node: dict[str, Any]) -> StepSpec:
    """A node of the draft as the step that made it: its type, resource and operation."""
    params = node["parameters"]
    return StepSpec(node["type"], "", params.get("resource"), params.get("operation"))


def _family(node_type: str) -> str | None:
    """Coarse families for "use X instead": messaging, email, storage, sheets, db, crm."""
    short = node_type.split(".")[-1].lower()
    fams = {
        "chat": (
            "slack",
            "microsoftteams",
            "telegram",
            "discord",
            "whatsapp",
            "googlechat",
            "mattermost",
            "twilio",
            "rocketchat",
            "matrix",
        ),
        "email": (
            "gmail",
            "emailsend",
            "microsoftoutlook",
            "sendgrid",
            "mailgun",
            "mailjet",
            "awsses",
            "sendinblue",
            "brevo",
            "postmark",
        ),
        "files": ("googledrive", "dropbox", "microsoftonedrive", "box", "s3", "nextcloud", "awss3"),
        "table": (
            "googlesheets",
            "airtable",
            "notion",
            "baserow",
            "nocodb",
            "microsoftexcel",
            "seatable",
        ),
        "db": ("postgres", "mysql", "mongodb", "microsoftsql", "supabase", "redis"),
        "crm": ("hubspot", "salesforce", "pipedrive", "zohocrm", "copper", "agilecrm"),
        "tasks": ("asana", "clickup", "trello", "todoist", "jira", "linear", "mondaycom"),
    }
    for fam, members in fams.items():
        if short in members:
            return fam
    return None


def _ctypes(d: Draft) -> list[str]:
    """``main`` and every connection type the draft's edges use, in a fixed order."""
    return sorted({"main", *(c.kind for c in d.graph().edges())})


def _all_targets(d: Draft, src: str) -> list[tuple[int, str, int]]:
    out = []
    for c in _ctypes(d):
        out.extend(d.targets(src, c))
    return out


def _digest(d: Draft) -> str:
    return ",".join(n["name"] for n in d.nodes)
