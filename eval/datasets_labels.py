"""Check operation and trigger-event labels (``expected.operations``, ``trigger_events``)
against n8n's node catalog.

A label names parameter *values* (``resource: "invoice"``, ``operation: "create"``, an event
such as ``customer.subscription.deleted``), so a typo or a value from another node version would
make every output score 0 on it without anyone noticing. The checker therefore requires each
value to exist in the node's default (latest) version, the one a new workflow gets. The metric
(:mod:`eval.metrics.operations`) reads trigger events through :func:`event_paths` too, so the
checker and the scorer agree on which parameter holds the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from indexing.catalog.params import display_under

#: A catch-all event ("*", "any_event") receives everything: it never counts as choosing one.
CATCH_ALL_EVENTS: frozenset[str] = frozenset({"*", "any_event"})


def default_entry(catalog: Any, node_type: str) -> Any:
    """The catalog entry a new node of ``node_type`` gets (its default version), or None."""
    version = catalog.default_version(node_type)
    return None if version is None else catalog.get(node_type, version)


def option_values(entry: Any, name: str) -> list[tuple[Any, set[str]]]:
    """Each top-level property called ``name`` with the string values it offers."""
    out = []
    for prop in entry.property_named(name):
        out.append((prop, {o.value for o in prop.option_values if isinstance(o.value, str)}))
    return out


def event_paths(entry: Any, values: tuple[str, ...] | list[str]) -> list[str]:
    """Dotted paths of the options parameters (at any depth) that offer every one of ``values``.

    Triggers name their event parameter differently (``events``, ``event``, ``topic``,
    ``triggerOn``, ``updates``, ``eventsUi.eventValues.name`` …), so the parameter is found by
    the values it offers rather than by a list of names. Same-named variants (one per
    credential or API version) are pooled.
    """
    offered: dict[str, set[str]] = {}
    for path, prop in entry.iter_properties():
        if prop.type in ("options", "multiOptions"):
            offered.setdefault(path, set()).update(
                o.value for o in prop.option_values if isinstance(o.value, str)
            )
    wanted = set(values)
    return [path for path, vals in offered.items() if wanted and wanted <= vals]


def operation_problems(
    node_type: str, resource: str | None, operation: str, catalog: Any
) -> Iterator[str]:
    """What is wrong with one labelled operation in the node's default version (nothing: ok)."""
    entry = default_entry(catalog, node_type)
    if entry is None:
        yield f"unknown node type {node_type!r}"
        return
    version = catalog.default_version(node_type)
    resources = option_values(entry, "resource")
    offered_resources = set().union(*(vals for _, vals in resources)) if resources else set()
    fixed: dict[str, str] = {}
    if resource is not None:
        if resource not in offered_resources:
            yield (
                f"{node_type} v{version:g} has no resource {resource!r} "
                f"(has: {', '.join(sorted(offered_resources)) or 'none'})"
            )
            return
        fixed["resource"] = resource
    elif len(offered_resources) > 1:
        yield f"{node_type} has resources: the label must name one"
        return
    shown: set[str] = set()
    for prop, vals in option_values(entry, "operation"):
        if display_under(prop, fixed, version, node_type)[0]:
            shown |= vals
    if operation not in shown:
        where = f" for resource {resource!r}" if resource else ""
        yield (
            f"{node_type} v{version:g} has no operation {operation!r}{where} "
            f"(has: {', '.join(sorted(shown)) or 'none'})"
        )


def label_problems(
    trigger: str,
    operations: Sequence[Iterable[tuple[str, str | None, str]]],
    trigger_events: Sequence[str],
    catalog: Any,
) -> Iterator[str]:
    """Every operation or trigger-event label the catalog does not offer, as messages.

    ``operations`` holds each label's alternatives as (type, resource, operation). Needs the
    full catalog (``get`` and ``default_version``); a minimal stand-in that only knows type
    names skips these checks.
    """
    if not (hasattr(catalog, "get") and hasattr(catalog, "default_version")):
        return
    for i, label in enumerate(operations):
        for node_type, resource, operation in label:
            for message in operation_problems(node_type, resource, operation, catalog):
                yield f"expected.operations[{i}]: {message}"
    if trigger_events:
        entry = default_entry(catalog, trigger)
        if entry is None:
            return  # the unknown trigger type is reported by the node-type check
        if set(trigger_events) & CATCH_ALL_EVENTS:
            yield "expected.trigger_events: a catch-all event does not choose an event"
        elif not event_paths(entry, trigger_events):
            yield (
                f"expected.trigger_events: no parameter of {trigger} offers "
                f"all of {', '.join(trigger_events)}"
            )
