"""Read the three public template collections as one de-duplicated, licence-aware corpus.

Every consumer of real workflows (template index, pattern mining, benchmark building,
evaluation) reads them through this module so that three rules hold everywhere:

* **provenance** - each record carries a stable source id (``n8n-mcp@2.87.0#<id>``,
  ``awesome-n8n-templates:<relative/path.json>``, ``zie619@84c802cb:<file>``) and its licence;
* **licence use** - ``usable_for`` says what a record may feed. The zie619 collection states no
  licence, so its records are limited to ``{"statistics", "evaluation"}``: counts and benchmark
  references, never retrieval documents or stored example values;
* **one copy per workflow** - the same workflow published in several collections is yielded once
  (the most permissive licence wins: MIT, then CC-BY-4.0, then none), and the kept record lists
  every other copy in ``duplicates`` so that excluding a benchmark reference by any of its ids
  excludes all of its copies.

Duplicates are found with :func:`structural_hash` (see its docstring for what it ignores), then
by node names/types/edges to catch copies whose parameters were sanitised (:func:`dedupe`).
Bad files never raise: they are logged (``skip <where>: <reason>``) and reported to ``on_skip``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from nodepilot.paths import DATASETS_DIR, shared_data_dir
from nodepilot.workflow import STICKY_NOTE, Connection, Workflow

log = logging.getLogger(__name__)

N8N_MCP = "n8n-mcp"
AWESOME = "awesome-n8n-templates"
ZIE619 = "zie619"
#: All sources, in order of preference when the same workflow appears in several.
SOURCES: tuple[str, ...] = (N8N_MCP, AWESOME, ZIE619)

N8N_MCP_DIR = "n8n-mcp-2.87.0"
AWESOME_DIR = "awesome-n8n-templates"
ZIE619_DIR = "zie619-n8n-workflows-84c802cb"

LICENCES: dict[str, str] = {N8N_MCP: "MIT", AWESOME: "CC-BY-4.0", ZIE619: "none"}

#: What each source's records may be used for. ``mining`` means derived example values
#: (parameter shapes, enum values) may be stored; ``statistics`` means counts only.
USABLE_FOR: dict[str, frozenset[str]] = {
    N8N_MCP: frozenset({"retrieval", "mining", "statistics", "evaluation"}),
    AWESOME: frozenset({"retrieval", "mining", "statistics", "evaluation"}),
    ZIE619: frozenset({"statistics", "evaluation"}),
}

#: Node types that carry no behaviour (canvas notes); ignored by the structural hash.
NOTE_TYPES = frozenset({STICKY_NOTE})

#: Parameter keys that n8n fills from the live account when a resource is picked from a list:
#: display caches that differ between exports of the same workflow.
_CACHE_KEYS = frozenset({"cachedResultName", "cachedResultUrl"})

#: The same keys removed from compact sorted JSON text (faster than walking the value): a key
#: with its value and the following comma. Keys inside JSON strings are escaped, so never match.
_CACHE_RE = re.compile(r'"cachedResult(?:Name|Url)":(?:"(?:[^"\\]|\\.)*"|[^,}\]]*),?')

SkipHandler = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class TemplateRecord:
    """One real workflow with its provenance.

    ``content_hash`` is the :func:`structural_hash` of ``workflow`` (sha256 hex); records with
    equal hashes are copies of one workflow. ``duplicates`` lists the source ids of the other
    copies folded into this record; ``duplicate_of`` is set only on dropped copies (yielded with
    ``include_duplicates=True``) and names the kept record.
    """

    source_id: str
    source: str
    licence: str
    usable_for: frozenset[str]
    name: str
    workflow: dict[str, Any]
    content_hash: str
    description: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    duplicates: tuple[str, ...] = ()
    duplicate_of: str | None = None

    @property
    def all_ids(self) -> frozenset[str]:
        """This record's id plus the ids of every copy folded into it."""
        ids = {self.source_id, *self.duplicates}
        if self.duplicate_of:
            ids.add(self.duplicate_of)
        return frozenset(ids)

    def usable(self, purpose: str) -> bool:
        """True when the record's licence allows ``purpose`` (retrieval, mining, ...)."""
        return purpose in self.usable_for


# --------------------------------------------------------------------------- hashing


def _strip_cache(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_cache(v) for k, v in value.items() if k not in _CACHE_KEYS}
    if isinstance(value, list):
        return [_strip_cache(v) for v in value]
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _connections(workflow: Any) -> tuple[Connection, ...]:
    """Every connection of a workflow as the workflow model reads it (broken parts skipped)."""
    if not isinstance(workflow, Mapping):
        return ()
    return Workflow.from_n8n({"connections": workflow.get("connections")}, strict=False).connections


def structural_hash(workflow: Mapping[str, Any]) -> str:
    """A hash that is equal for two exports of the same workflow.

    Included: each node's ``type`` and ``parameters`` (minus the ``cachedResultName`` /
    ``cachedResultUrl`` display caches), and the connections as a multiset of
    (source node, connection type, output index, target node, input index) where a node is
    identified by its type+parameters digest, not by its name.
    Ignored: node ids, names, positions, typeVersion, credentials, webhookId, sticky notes,
    workflow name/id/meta/settings/tags/pinData. Names are ignored because collections rename
    nodes and workflows freely; typeVersion is ignored because re-exports bump it without
    changing what the workflow does. Malformed parts (non-dict nodes, odd connections) are
    skipped rather than raising, so any JSON value can be hashed.
    """
    nodes = workflow.get("nodes") if isinstance(workflow, Mapping) else None
    digest_by_name: dict[str, str] = {}
    node_digests: list[str] = []
    for node in nodes if isinstance(nodes, list) else []:
        if not isinstance(node, dict) or node.get("type") in NOTE_TYPES:
            continue
        params = node.get("parameters")
        text = _dumps([str(node.get("type")), params if params else {}])
        if "cachedResult" in text:
            text = _CACHE_RE.sub("", text)
        d = hashlib.sha256(text.encode()).hexdigest()[:32]
        node_digests.append(d)
        name = node.get("name")
        if isinstance(name, str):
            digest_by_name[name] = d
    edges = [
        (digest_by_name[c.source], c.type, c.output, digest_by_name[c.target], c.input)
        for c in _connections(workflow)
        if c.source in digest_by_name and c.target in digest_by_name
    ]
    payload = _dumps([sorted(node_digests), sorted(edges)])
    return hashlib.sha256(payload.encode()).hexdigest()


# --------------------------------------------------------------------------- readers


def templates_dir(root: Path | None = None) -> Path:
    """The folder holding the collections: ``root`` when given, else
    ``../shared/data/n8n/templates`` when it exists (the build scripts' copy), else the corpus
    ``nodepilot corpus fetch`` unpacks into the data folder (see ``indexing.corpus_fetch``)."""
    if root is not None:
        return root
    shared = shared_data_dir() / "n8n" / "templates"
    if shared.is_dir():
        return shared
    from indexing.corpus_fetch import fetched_templates_dir

    return fetched_templates_dir()


#: What a user without ``../shared`` learns when the n8n.io collection is missing.
FETCH_HINT = "the n8n.io templates are optional: `nodepilot corpus fetch` gets them"


def _skip(on_skip: SkipHandler | None, where: str, reason: str) -> None:
    log.warning("skip %s: %s", where, reason)
    if on_skip is not None:
        on_skip(where, reason)


def _missing(on_skip: SkipHandler | None, where: Path, hint: str | None) -> None:
    """A collection that is not there at all: the fetchable one says how to get it; the
    others (only ever in ``../shared``) are mentioned at info level, not warned about."""
    if hint is not None:
        _skip(on_skip, str(where), f"not found ({hint})")
        return
    log.info("no %s: the collection is only read from ../shared/data", where)


def _workflow_problem(wf: Any) -> str | None:
    """Why ``wf`` is not a usable workflow object, or None when it is."""
    if isinstance(wf, str):
        return "workflow is a JSON string (double-encoded), not an object"
    if not isinstance(wf, dict):
        return f"workflow is a {type(wf).__name__}, not an object"
    nodes = wf.get("nodes")
    if not isinstance(nodes, list):
        return "no 'nodes' list (not a workflow)"
    if not isinstance(wf.get("connections", {}), dict):
        return "'connections' is not an object"
    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            return f"node {i} is not an object"
        odd = [k for k in node if '"' in k or "\\" in k]
        if odd:
            return f"node {i} has double-escaped keys ({odd[0]!r})"
        if not isinstance(node.get("type"), str):
            return f"node {i} has no string 'type'"
    if not any(n["type"] not in NOTE_TYPES for n in nodes):
        return "no nodes other than sticky notes"
    return None


def _make(source: str, source_id: str, name: Any, wf: dict[str, Any], **kw: Any) -> TemplateRecord:
    label = name if isinstance(name, str) and name.strip() else source_id
    return TemplateRecord(
        source_id=source_id,
        source=source,
        licence=LICENCES[source],
        usable_for=USABLE_FOR[source],
        name=label,
        workflow=wf,
        content_hash=structural_hash(wf),
        **kw,
    )


def _read_jsonl_gz(
    path: Path, on_skip: SkipHandler | None, hint: str | None = None
) -> Iterator[tuple[int, Any]]:
    if not path.exists():
        _missing(on_skip, path, hint)
        return
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield lineno, json.loads(line)
                except json.JSONDecodeError as exc:
                    _skip(on_skip, f"{path}:{lineno}", f"invalid JSON ({exc.msg})")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        _skip(on_skip, str(path), f"cannot read ({exc})")


def read_n8n_mcp(
    root: Path | None = None, on_skip: SkipHandler | None = None
) -> Iterator[TemplateRecord]:
    """n8n.io templates packaged in n8n-mcp 2.87.0 (MIT package)."""
    path = templates_dir(root) / N8N_MCP_DIR / "templates.jsonl.gz"
    for lineno, row in _read_jsonl_gz(path, on_skip, FETCH_HINT):
        where = f"{path}:{lineno}"
        if not isinstance(row, dict) or "id" not in row:
            _skip(on_skip, where, "row without 'id'")
            continue
        wf = row.get("workflow")
        problem = _workflow_problem(wf)
        if problem:
            _skip(on_skip, where, problem)
            continue
        meta = row.get("metadata") if isinstance(row.get("metadata"), dict) else {}
        extra = {
            "url": row.get("url"),
            "views": row.get("views"),
            "created_at": row.get("created_at"),
            "categories": list(meta.get("categories") or []),
        }
        desc = row.get("description")
        yield _make(
            N8N_MCP,
            f"n8n-mcp@2.87.0#{row['id']}",
            row.get("name"),
            wf,
            description=desc if isinstance(desc, str) else None,
            extra=extra,
        )


def _load_json_file(path: Path) -> tuple[Any, str | None]:
    """Parse a JSON file; tolerate a BOM and trailing non-JSON text (a known quirk)."""
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    try:
        return json.loads(text), None
    except json.JSONDecodeError:
        value, end = json.JSONDecoder().raw_decode(text.lstrip())
        return value, f"ignored {len(text.lstrip()) - end} trailing characters after the JSON"


#: Files of the awesome collection that are data about it, not workflows.
_NOT_WORKFLOWS = frozenset({"Other/ALL_unique_nodes.json"})


def read_awesome(
    root: Path | None = None, on_skip: SkipHandler | None = None
) -> Iterator[TemplateRecord]:
    """enescingoz/awesome-n8n-templates (CC-BY-4.0): one workflow per ``*.json`` file."""
    base = templates_dir(root) / AWESOME_DIR
    if not base.is_dir():
        _missing(on_skip, base, None)
        return
    for path in sorted(base.rglob("*.json")):
        rel = path.relative_to(base).as_posix()
        if path.name.startswith("_") or rel in _NOT_WORKFLOWS:
            continue
        try:
            wf, note = _load_json_file(path)
        except (OSError, UnicodeDecodeError) as exc:
            _skip(on_skip, str(path), f"cannot read ({exc})")
            continue
        except json.JSONDecodeError as exc:
            _skip(on_skip, str(path), f"not JSON ({exc.msg} at line {exc.lineno})")
            continue
        problem = _workflow_problem(wf)
        if problem:
            _skip(on_skip, str(path), problem)
            continue
        if note:
            log.info("%s: %s", path, note)
        yield _make(
            AWESOME,
            f"awesome-n8n-templates:{rel}",
            wf.get("name") or path.stem,
            wf,
            extra={"folder": rel.split("/")[0] if "/" in rel else ""},
        )


def read_zie619(
    root: Path | None = None, on_skip: SkipHandler | None = None
) -> Iterator[TemplateRecord]:
    """Zie619/n8n-workflows at 84c802cb (no licence): statistics and evaluation only."""
    path = templates_dir(root) / ZIE619_DIR / "workflows.jsonl.gz"
    for lineno, row in _read_jsonl_gz(path, on_skip):
        where = f"{path}:{lineno}"
        if not isinstance(row, dict) or not isinstance(row.get("file"), str):
            _skip(on_skip, where, "row without 'file'")
            continue
        wf = row.get("workflow")
        problem = _workflow_problem(wf)
        if problem:
            _skip(on_skip, f"{where} ({row['file']})", problem)
            continue
        yield _make(ZIE619, f"zie619@84c802cb:{row['file']}", wf.get("name"), wf)


_READERS = {N8N_MCP: read_n8n_mcp, AWESOME: read_awesome, ZIE619: read_zie619}


# --------------------------------------------------------------------------- corpus


def _named_shape(workflow: Mapping[str, Any]) -> str:
    """Node names+types and named edges: equal for two exports of one workflow even when one
    copy had its parameters stripped (as n8n-mcp does for about a quarter of its nodes)."""
    nodes = {n["name"]: n["type"] for n in workflow["nodes"] if isinstance(n.get("name"), str)}
    nodes = {k: v for k, v in nodes.items() if v not in NOTE_TYPES}
    edges = [
        [c.source, c.type, c.output, c.target]
        for c in _connections(workflow)
        if c.source in nodes and c.target in nodes
    ]
    return _dumps([sorted(nodes.items()), sorted(edges)])


def _stripped_compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """True when every node's parameters agree, or are empty on one side."""
    pa = {n.get("name"): n.get("parameters") for n in a["nodes"]}
    for node in b["nodes"]:
        x, y = pa.get(node.get("name")), node.get("parameters")
        if x and y and _strip_cache(x) != _strip_cache(y):
            return False
    return True


#: Named shapes with at least this many behavioural nodes identify a workflow on their own.
_SHAPE_MIN_NODES = 4


def _merge_stripped_copies(groups: dict[str, list[TemplateRecord]]) -> None:
    """Merge hash groups that are one workflow published with edited or sanitised values.

    n8n-mcp strips the parameters of some nodes and replaces e-mail addresses and keys with
    placeholders; other collections carry small edits. Two groups merge when their named
    shape (node names, types, edges) is equal and either the shape has at least
    :data:`_SHAPE_MIN_NODES` nodes (a strong fingerprint: measured on the corpus, such pairs
    are re-exports of one template) or the parameters agree wherever both copies have them
    (small default-named workflows such as "Manual Trigger -> HTTP Request" are too common
    for the shape alone to be evidence).
    """
    by_shape: dict[str, list[str]] = {}
    size: dict[str, int] = {}
    for h, group in groups.items():
        wf = group[0].workflow
        n = sum(1 for node in wf["nodes"] if node["type"] not in NOTE_TYPES)
        if n < 2:
            continue
        key = _named_shape(wf)
        size[key] = n
        by_shape.setdefault(key, []).append(h)
    for key, hashes in by_shape.items():
        if len(hashes) < 2:
            continue
        merged: list[str] = []
        for h in hashes:
            target = next(
                (
                    m
                    for m in merged
                    if size[key] >= _SHAPE_MIN_NODES
                    or _stripped_compatible(groups[m][0].workflow, groups[h][0].workflow)
                ),
                None,
            )
            if target is None:
                merged.append(h)
            else:
                groups[target].extend(groups.pop(h))


def dedupe(records: Iterable[TemplateRecord]) -> list[TemplateRecord]:
    """Fold copies of one workflow into the preferred record.

    Copies are records with equal ``content_hash``, plus records with the same node names,
    types and edges (see :func:`_merge_stripped_copies`: n8n-mcp strips or sanitises some
    parameters, which changes the hash). A folded copy keeps its own ``content_hash``.

    The kept record is the one from the most permissive source (order of :data:`SOURCES`),
    then the smallest source id; it lists the others in ``duplicates``. Dropped copies are
    returned too, after the kept ones, with ``duplicate_of`` set; callers filter them.
    """
    records = list(records)
    groups: dict[str, list[TemplateRecord]] = {}
    for rec in records:
        groups.setdefault(rec.content_hash, []).append(rec)
    _merge_stripped_copies(groups)
    rank = {s: i for i, s in enumerate(SOURCES)}
    kept: list[TemplateRecord] = []
    dropped: list[TemplateRecord] = []
    for group in groups.values():
        group.sort(key=lambda r: (rank.get(r.source, len(rank)), r.source_id))
        head, rest = group[0], group[1:]
        others = tuple(r.source_id for r in rest)
        kept.append(replace(head, duplicates=others) if rest else head)
        for r in rest:
            dropped.append(
                replace(
                    r,
                    duplicate_of=head.source_id,
                    duplicates=tuple(x for x in (head.source_id, *others) if x != r.source_id),
                )
            )
    return kept + dropped


def iter_corpus(
    sources: Iterable[str] | None = None,
    include_duplicates: bool = False,
    *,
    root: Path | None = None,
    on_skip: SkipHandler | None = None,
) -> Iterator[TemplateRecord]:
    """Yield the de-duplicated corpus (all sources unless ``sources`` names some).

    With ``include_duplicates=True`` the dropped copies follow the kept records, each with
    ``duplicate_of`` set. Ordering is deterministic: by source preference, then source id.
    Filter by licence with ``rec.usable("retrieval")`` etc.; drop benchmark references
    with :func:`exclude`.
    """
    chosen = tuple(SOURCES if sources is None else sources)
    unknown = [s for s in chosen if s not in _READERS]
    if unknown:
        raise ValueError(f"unknown template source(s) {unknown}; known: {list(SOURCES)}")
    records: list[TemplateRecord] = []
    for src in SOURCES:
        if src in chosen:
            records.extend(_READERS[src](root, on_skip))
    rank = {s: i for i, s in enumerate(SOURCES)}
    out = dedupe(records)
    out.sort(key=lambda r: (r.duplicate_of is not None, rank[r.source], r.source_id))
    for rec in out:
        if include_duplicates or rec.duplicate_of is None:
            yield rec


def load_reference_ids(path: Path | None = None) -> set[str]:
    """Source ids of benchmark reference workflows (``datasets/reference_ids.txt``).

    One id per line; blank lines and ``#`` comments ignored. A missing file means the
    benchmark has not been built yet: the set is empty.
    """
    path = path if path is not None else DATASETS_DIR / "reference_ids.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    ids = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):  # no inline comments: n8n-mcp ids contain '#'
            ids.add(line)
    return ids


def is_excluded(record: TemplateRecord, reference_ids: set[str] | frozenset[str]) -> bool:
    """True when the record or any copy of it is a benchmark reference."""
    return not reference_ids.isdisjoint(record.all_ids)


def exclude(
    records: Iterable[TemplateRecord], reference_ids: set[str] | frozenset[str] | None = None
) -> Iterator[TemplateRecord]:
    """Drop benchmark reference workflows (by any of their copies' ids).

    ``reference_ids`` defaults to :func:`load_reference_ids`. A reference known under its
    zie619 id also removes the MIT/CC-BY copy that was kept in its place.
    """
    refs = load_reference_ids() if reference_ids is None else reference_ids
    for rec in records:
        if not is_excluded(rec, refs):
            yield rec
