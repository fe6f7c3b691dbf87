"""Typed model of n8n node types, with no I/O (the spirit of n8n's ``packages/workflow``).

The catalog keeps n8n's descriptions as plain JSON dicts (parsed lazily per version entry) and
wraps them in these small read-only views, so loading stays cheap and the parameter algorithms in
:mod:`indexing.catalog.params` can work on the same dicts n8n's own code walks. Every view keeps
its source dict in ``raw`` for facts the typed attributes do not surface.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

#: Connection types n8n 2.41 knows (``NodeConnectionTypes``).
CONNECTION_TYPES: frozenset[str] = frozenset(
    {
        "main",
        "ai_agent",
        "ai_chain",
        "ai_document",
        "ai_embedding",
        "ai_languageModel",
        "ai_memory",
        "ai_outputParser",
        "ai_retriever",
        "ai_reranker",
        "ai_textSplitter",
        "ai_tool",
        "ai_vectorStore",
    }
)

#: Property types whose value is a nested object of further properties.
COMPLEX_TYPES: frozenset[str] = frozenset({"collection", "fixedCollection"})
#: Property types that carry no value (editor decoration only).
DISPLAY_ONLY_TYPES: frozenset[str] = frozenset({"notice", "callout", "button"})

Variant = Literal["base", "tool", "hitl"]


@dataclass(frozen=True, slots=True)
class PortFilter:
    """Which sub-node types may connect to an input (n8n ``INodeInputFilter``)."""

    nodes: tuple[str, ...] = ()
    excluded_nodes: tuple[str, ...] = ()

    def allows(self, node_type: str) -> bool:
        """True when ``node_type`` passes the filter (n8n's editor applies the same test)."""
        if self.nodes and node_type not in self.nodes:
            return False
        return node_type not in self.excluded_nodes


@dataclass(frozen=True, slots=True)
class Port:
    """One input or output of a node (n8n ``INodeInputConfiguration`` / output configuration).

    ``index`` is the position among ports *of the same type* (the connection index a workflow's
    ``connections`` use); ``category == "error"`` marks the extra output ``onError:
    continueErrorOutput`` adds.
    """

    type: str
    display_name: str | None = None
    required: bool = False
    max_connections: int | None = None
    filter: PortFilter | None = None
    category: str | None = None
    index: int = 0

    @classmethod
    def from_n8n(cls, value: Any, index: int = 0) -> Port:
        """Build from n8n's port value: a bare type string or a configuration object."""
        if isinstance(value, str):
            return cls(type=value, index=index)
        if not isinstance(value, dict):
            return cls(type=str(value), index=index)
        flt = value.get("filter")
        port_filter = None
        if isinstance(flt, dict):
            port_filter = PortFilter(
                nodes=tuple(flt.get("nodes") or ()),
                excluded_nodes=tuple(flt.get("excludedNodes") or ()),
            )
        mc = value.get("maxConnections")
        return cls(
            type=str(value.get("type", "main")),
            display_name=value.get("displayName") or None,
            required=bool(value.get("required", False)),
            max_connections=mc if isinstance(mc, int) and not isinstance(mc, bool) else None,
            filter=port_filter,
            category=value.get("category"),
            index=index,
        )


def number_ports(ports: list[Port]) -> list[Port]:
    """Set each port's ``index`` to its position among ports of its type."""
    seen: dict[str, int] = {}
    out = []
    for p in ports:
        i = seen.get(p.type, 0)
        seen[p.type] = i + 1
        out.append(p if p.index == i else _replace_index(p, i))
    return out


def _replace_index(p: Port, i: int) -> Port:
    return Port(p.type, p.display_name, p.required, p.max_connections, p.filter, p.category, i)


@dataclass(frozen=True, slots=True)
class OptionValue:
    """One choice of an ``options`` / ``multiOptions`` property."""

    name: str
    value: Any
    description: str | None = None
    action: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


class Property:
    """A node parameter (n8n ``INodeProperties``): a thin view over its description dict."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __repr__(self) -> str:
        return f"Property({self.name!r}, {self.type!r})"

    name = property(lambda self: str(self.raw.get("name", "")))
    display_name = property(lambda self: str(self.raw.get("displayName", "")))
    type = property(lambda self: str(self.raw.get("type", "")))
    default = property(lambda self: self.raw.get("default"))
    required = property(lambda self: bool(self.raw.get("required", False)))
    description = property(lambda self: self.raw.get("description"))
    placeholder = property(lambda self: self.raw.get("placeholder"))
    display_options = property(lambda self: self.raw.get("displayOptions"))
    type_options = property(lambda self: self.raw.get("typeOptions") or {})
    no_data_expression = property(lambda self: bool(self.raw.get("noDataExpression", False)))
    is_node_setting = property(lambda self: bool(self.raw.get("isNodeSetting", False)))

    @property
    def multiple_values(self) -> bool:
        """``typeOptions.multipleValues``: the value is a list (collections: list of objects)."""
        return self.type_options.get("multipleValues") is True

    @property
    def load_options(self) -> bool:
        """Option list fetched from a service at edit time (cannot be checked offline)."""
        to = self.type_options
        return bool(to.get("loadOptionsMethod") or to.get("loadOptions"))

    @property
    def option_values(self) -> list[OptionValue]:
        """Static choices of an ``options`` / ``multiOptions`` property (empty otherwise)."""
        if self.type not in ("options", "multiOptions"):
            return []
        out = []
        for o in self.raw.get("options") or []:
            if isinstance(o, dict) and "value" in o:
                out.append(
                    OptionValue(
                        str(o.get("name", "")),
                        o["value"],
                        o.get("description"),
                        o.get("action"),
                        o,
                    )
                )
        return out

    @property
    def children(self) -> list[Property]:
        """Child properties of a ``collection`` (each option is itself a property)."""
        if self.type != "collection":
            return []
        return [Property(o) for o in self.raw.get("options") or [] if isinstance(o, dict)]

    @property
    def groups(self) -> list[PropertyGroup]:
        """Named groups of a ``fixedCollection``."""
        if self.type != "fixedCollection":
            return []
        return [PropertyGroup(o) for o in self.raw.get("options") or [] if isinstance(o, dict)]


class PropertyGroup:
    """One named group of a ``fixedCollection`` (``{name, displayName, values: [...]}``)."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __repr__(self) -> str:
        return f"PropertyGroup({self.name!r})"

    name = property(lambda self: str(self.raw.get("name", "")))
    display_name = property(lambda self: str(self.raw.get("displayName", "")))

    @property
    def values(self) -> list[Property]:
        return [Property(v) for v in self.raw.get("values") or [] if isinstance(v, dict)]


@dataclass(frozen=True, slots=True)
class CredentialRequirement:
    """A credential a node version can use; ``display_options`` decide when it applies."""

    name: str
    required: bool = False
    display_options: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class CredentialType:
    """A credential type (n8n ``ICredentialType``, distilled)."""

    name: str
    display_name: str
    extends: tuple[str, ...] = ()
    generic_auth: bool = False
    hidden: bool = False
    supported_nodes: tuple[str, ...] = ()
    http_request_node: bool = False
    #: the HTTP Request node can authenticate any request with it (``authenticate`` defined)
    authenticates: bool = False
    #: the API's base URL from the credential's test request (may be an n8n expression)
    base_url: str | None = None


class NodeVersion:
    """The description of one node type for a range of ``typeVersion`` values.

    ``raw`` is the distilled n8n description (with ``properties``). ``variant`` says whether
    this is a description from the packages (``base``) or a run-time twin n8n derives
    (``tool`` = ``<name>Tool``, ``hitl`` = ``<name>HitlTool``); ``base_type`` names the original.
    """

    __slots__ = ("raw", "variant", "base_type", "_props_loader", "_raw_props", "_props", "package")

    def __init__(
        self,
        raw: dict[str, Any],
        properties_loader: Callable[[], list[dict[str, Any]]],
        *,
        variant: Variant = "base",
        base_type: str | None = None,
        package: str = "",
    ) -> None:
        self.raw = raw
        self.variant: Variant = variant
        self.base_type = base_type or raw["name"]
        self.package = package
        self._props_loader = properties_loader
        self._raw_props: list[dict[str, Any]] | None = None
        self._props: tuple[Property, ...] | None = None

    def __repr__(self) -> str:
        return f"NodeVersion({self.type_name!r}, versions={list(self.versions)})"

    @property
    def type_name(self) -> str:
        """Full type name as workflows write it, e.g. ``n8n-nodes-base.slack``."""
        return str(self.raw["name"])

    @property
    def short_name(self) -> str:
        return self.type_name.rsplit(".", 1)[-1]

    @property
    def display_name(self) -> str:
        return str(self.raw.get("displayName", self.short_name))

    @property
    def description(self) -> str:
        return str(self.raw.get("description") or "")

    @property
    def default_name(self) -> str:
        """The node name n8n gives a new node of this type (``defaults.name``)."""
        return str(self.raw.get("defaultName") or self.display_name)

    @property
    def versions(self) -> tuple[float, ...]:
        v = self.raw.get("version")
        vs = v if isinstance(v, list) else [v]
        return tuple(sorted(x for x in vs if isinstance(x, int | float)))

    @property
    def default_version(self) -> float:
        """The node class's ``defaultVersion`` (the version the editor adds), else the highest."""
        dv = self.raw.get("defaultVersion")
        return dv if isinstance(dv, int | float) else max(self.versions)

    @property
    def group(self) -> tuple[str, ...]:
        return tuple(self.raw.get("group") or ())

    @property
    def is_trigger(self) -> bool:
        """n8n's ``isTriggerNode`` (group contains ``trigger``) or a polling node."""
        return "trigger" in self.group or bool(self.raw.get("polling"))

    @property
    def polling(self) -> bool:
        return bool(self.raw.get("polling"))

    @property
    def hidden(self) -> bool:
        """Hidden from the node panel (deprecated or internal): valid to import, not to generate."""
        return bool(self.raw.get("hidden"))

    @property
    def usable_as_tool(self) -> bool:
        return bool(self.raw.get("usableAsTool"))

    @property
    def max_nodes(self) -> int | None:
        return self.raw.get("maxNodes")

    @property
    def inputs_raw(self) -> list[Any] | str:
        """n8n's ``inputs``: a static list, or an ``={{ ... }}`` expression string."""
        return self.raw.get("inputs", [])

    @property
    def outputs_raw(self) -> list[Any] | str:
        return self.raw.get("outputs", [])

    @property
    def dynamic_inputs(self) -> bool:
        return isinstance(self.raw.get("inputs"), str)

    @property
    def dynamic_outputs(self) -> bool:
        return isinstance(self.raw.get("outputs"), str)

    @property
    def output_names(self) -> tuple[str, ...]:
        """Editor labels of static outputs (e.g. If: ``true``, ``false``)."""
        return tuple(self.raw.get("outputNames") or ())

    @property
    def input_names(self) -> tuple[str, ...]:
        """Editor labels of static inputs (e.g. Compare Datasets: ``Input A``, ``Input B``)."""
        return tuple(self.raw.get("inputNames") or ())

    @property
    def is_sub_node(self) -> bool:
        """n8n's ``isSubNodeType``: static outputs include a non-``main`` type."""
        outs = self.raw.get("outputs")
        if not isinstance(outs, list):
            return False
        return any(Port.from_n8n(o).type != "main" for o in outs)

    @property
    def credentials(self) -> tuple[CredentialRequirement, ...]:
        return tuple(
            CredentialRequirement(c["name"], bool(c.get("required")), c.get("displayOptions"))
            for c in self.raw.get("credentials") or ()
        )

    @property
    def webhooks(self) -> list[dict[str, Any]]:
        return list(self.raw.get("webhooks") or ())

    @property
    def codex(self) -> dict[str, Any]:
        return dict(self.raw.get("codex") or {})

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self.codex.get("categories") or ())

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(self.codex.get("alias") or ())

    @property
    def raw_properties(self) -> list[dict[str, Any]]:
        """The properties as n8n-shaped dicts (what :mod:`params` walks). Do not mutate."""
        if self._raw_props is None:
            self._raw_props = self._props_loader()
        return self._raw_props

    @property
    def properties(self) -> tuple[Property, ...]:
        if self._props is None:
            self._props = tuple(Property(p) for p in self.raw_properties)
        return self._props

    def property_named(self, name: str) -> list[Property]:
        """All top-level properties called ``name`` (n8n allows same-named variants)."""
        return [p for p in self.properties if p.name == name]

    def iter_properties(self) -> Iterator[tuple[str, Property]]:
        """Every property at any depth with a dotted path (groups add ``group.`` segments)."""
        yield from _walk("", self.properties)


def _walk(
    prefix: str, props: tuple[Property, ...] | list[Property]
) -> Iterator[tuple[str, Property]]:
    for p in props:
        path = f"{prefix}{p.name}"
        yield path, p
        if p.type == "collection":
            yield from _walk(path + ".", p.children)
        elif p.type == "fixedCollection":
            for g in p.groups:
                yield from _walk(f"{path}.{g.name}.", g.values)
