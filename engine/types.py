"""The pipeline's data model: what each stage hands to the next, with no I/O.

Intent -> spec -> retrieved context -> generation -> validation/repair -> ``GenerationResult``.
Every stage module reads and returns these types, so stages can be swapped (local vs LLM intent,
offline vs Claude generation) without the pipeline knowing which one ran.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Intent = Literal["workflow_request", "workflow_modification", "question", "general_conversation"]
INTENTS: tuple[str, ...] = (
    "workflow_request",
    "workflow_modification",
    "question",
    "general_conversation",
)
WORKFLOW_INTENTS = frozenset({"workflow_request", "workflow_modification"})


@dataclass(frozen=True)
class Message:
    """One conversation turn; ``workflow`` is set on assistant turns that produced one."""

    role: Literal["user", "assistant"]
    content: str
    workflow: dict[str, Any] | None = None


@dataclass(frozen=True)
class Entity:
    """Something the request names: an app (matched to a node type), a trigger hint, a schedule,
    an AI vendor. ``span`` is the text it was found in."""

    kind: Literal["app", "trigger", "schedule", "ai"]
    span: str
    node_type: str | None = None
    value: dict[str, Any] | None = None


@dataclass(frozen=True)
class IntentResult:
    intent: Intent
    confidence: float
    entities: tuple[Entity, ...] = ()
    classifier: str = "local"
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class TriggerSpec:
    """How the workflow starts. ``kind``: schedule, webhook, form, chat, app, manual,
    subworkflow, error. ``schedule`` holds e.g. {"interval": "weeks", "weekday": 1, "hour": 9}."""

    kind: str
    node_type: str
    schedule: dict[str, Any] | None = None
    app_event: str | None = None


@dataclass(frozen=True)
class StepSpec:
    """One action in order: a node type with its resource/operation and what it is for."""

    node_type: str
    purpose: str = ""
    resource: str | None = None
    operation: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    branch: str | None = None  # e.g. "true"/"false" of the preceding IF, or a Switch case label


@dataclass(frozen=True)
class AiSpec:
    """AI usage: the root node (agent/chain) and the sub-nodes it needs."""

    root: str  # e.g. @n8n/n8n-nodes-langchain.agent
    model: str | None = None  # e.g. @n8n/n8n-nodes-langchain.lmChatOpenAi
    memory: str | None = None
    tools: tuple[str, ...] = ()
    output_parser: str | None = None
    vector_store: str | None = None
    embeddings: str | None = None
    prompt: str = ""
    model_name: str | None = None  # the model the user named, e.g. "gpt-4o-mini"


@dataclass(frozen=True)
class Spec:
    """The structured reading of a request (the prompt-optimization stage's output)."""

    request: str
    trigger: TriggerSpec
    steps: tuple[StepSpec, ...] = ()
    ai: AiSpec | None = None
    branching: Literal["none", "if", "switch"] = "none"
    condition: str = ""
    data_flow: str = ""
    name: str = ""
    optimizer: str = "local"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ContextItem:
    """One retrieved knowledge item as the generator sees it (from ``indexing.search``)."""

    kind: str
    key: str
    title: str
    content: str
    score: float
    node_types: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.key}"


@dataclass
class Usage:
    """Tokens and cost of provider calls (zero for the offline provider)."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cost_usd: float = 0.0
    calls: int = 0

    def add(self, other: Usage) -> None:
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cache_read_tokens += other.cache_read_tokens
        self.cost_usd += other.cost_usd
        self.calls += other.calls


@dataclass
class GenerationResult:
    """Everything one request produced; ``workflow`` is None for non-workflow intents and for
    failures (``status`` says which), never an invalid workflow presented as valid."""

    request: str
    intent: IntentResult
    status: Literal["succeeded", "answered", "failed"] = "failed"
    workflow: dict[str, Any] | None = None
    answer: str | None = None
    spec: Spec | None = None
    context_ids: list[str] = field(default_factory=list)
    #: Node types each retrieved item names, parallel to ``context_ids`` (retrieval metrics).
    context_node_types: list[list[str]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    fixes: list[dict[str, Any]] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)
    provider: str = "offline"
    model: str = "offline"
    prompt_hash: str = ""
    repair_rounds: int = 0
    cached: bool = False
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["intent"]["entities"] = [asdict(e) for e in self.intent.entities]
        return out


@dataclass(frozen=True)
class GenerationRequest:
    """What a provider gets to produce (or fix) a workflow.

    ``feedback`` holds the validator's findings (as dicts: code, severity, node, path, message,
    suggestion) of the previous attempt in a repair round; ``attempt`` counts from 0.
    """

    request: str
    spec: Spec | None = None
    context: tuple[ContextItem, ...] = ()
    previous_workflow: dict[str, Any] | None = None
    conversation: tuple[Message, ...] = ()
    feedback: tuple[dict[str, Any], ...] = ()
    failed_workflow: dict[str, Any] | None = None
    attempt: int = 0
