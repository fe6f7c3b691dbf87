"""The ONNX embedder: same document vectors as sentence-transformers, int8 query vectors that
agree with them, no torch on the query path, and an export that concurrent processes can share.

The whole module exports the model once (two processes racing for it, which is itself tested)
into a temporary cache folder; nothing touches the user's data directory.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexing import embeddings
from indexing.embeddings import (
    MIN_AGREEMENT,
    MIN_INT8_AGREEMENT,
    Embedder,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    packaged_model,
)
from nodepilot.errors import UserError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

_EXPORT_SCRIPT = """
import sys
from pathlib import Path
from indexing.embeddings import ensure_onnx_model
print(ensure_onnx_model(Path(sys.argv[1])))
"""


@pytest.fixture(scope="module")
def export_race(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two processes export into one fresh cache folder at the same time.

    A leftover of an 'interrupted' earlier export is planted first; the winner must remove it.
    """
    cache = tmp_path_factory.mktemp("models")
    stale = cache / f".export-{Path(packaged_model().onnx_filename).stem}-interrupted"
    stale.mkdir()
    (stale / "raw.onnx").write_bytes(b"half a model")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _EXPORT_SCRIPT, str(cache)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    return {"cache": cache, "results": results}


@pytest.fixture(scope="module")
def cache_dir(export_race: dict[str, Any]) -> Path:
    for code, _out, err in export_race["results"]:
        assert code == 0, err
    return export_race["cache"]


@pytest.fixture(scope="module")
def embedder(cache_dir: Path) -> OnnxEmbedder:
    """The default: fp32 documents, int8 queries."""
    instance = OnnxEmbedder(cache_dir=cache_dir)
    instance.load()
    return instance


@pytest.fixture(scope="module")
def fp32_embedder(cache_dir: Path) -> OnnxEmbedder:
    """Queries on the fp32 export too: must match documents and torch exactly."""
    instance = OnnxEmbedder(cache_dir=cache_dir, query_precision="fp32")
    instance.load()
    return instance


@pytest.fixture(scope="module")
def reference() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


def _varied_texts(n: int) -> list[str]:
    """Deterministic texts of many shapes: short, long past 256 tokens, unicode, punctuation."""
    rng = random.Random(7)
    words = (
        "send slack message when new row google sheets webhook respond http request "
        "pagination schedule trigger every monday 9am cron ai agent openai chat model memory "
        "tools postgres insert update vector store embeddings pinecone qdrant gmail label "
        "if switch merge loop batch items error workflow retry code node javascript python "
        "$json.body.email {{ $now }} n8n-nodes-base.httpRequest résumé naïve 東京 🚀 -> :: ,"
    ).split()
    fixed = ["", " ", "a", "?", "Hello, world!", "word " * 600, "ünïcödé 日本語 🚀🚀", "\n\t x \n"]
    out = list(fixed)
    while len(out) < n:
        k = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 13, 16, 20, 25, 30, 40, 60, 90, 400])
        out.append(" ".join(rng.choice(words) for _ in range(k)))
    return out


def test_concurrent_export_shares_one_valid_file(export_race: dict[str, Any]) -> None:
    cache: Path = export_race["cache"]
    paths = set()
    for code, out, err in export_race["results"]:
        assert code == 0, err
        paths.add(out.strip())
    assert len(paths) == 1
    path = Path(paths.pop())
    assert path.parent == cache and path.stat().st_size > 50_000_000
    assert not list(cache.glob(".export-*")), "temporary export folders must not be left behind"
    meta = json.loads(path.with_suffix(".json").read_text())
    assert meta["model_id"] == packaged_model().model_id
    assert min(meta["raw_agreement"], meta.get("fused_agreement", 1.0)) >= MIN_AGREEMENT


def test_ensure_reuses_existing_export(cache_dir: Path) -> None:
    path = embeddings.ensure_onnx_model(cache_dir)
    before = path.stat().st_mtime_ns
    assert embeddings.ensure_onnx_model(cache_dir) == path
    assert path.stat().st_mtime_ns == before
    assert embeddings.onnx_model_path(cache_dir) == path


def test_embedder_interface(embedder: OnnxEmbedder) -> None:
    assert isinstance(embedder, Embedder)
    assert embedder.dimension == 384
    assert embedder.max_seq_length == 256
    assert embedder.model_id == packaged_model().model_id
    assert embedder.model_id.startswith("all-MiniLM-L6-v2@")


def test_query_vector_is_unit_float32(embedder: OnnxEmbedder) -> None:
    vector = embedder.embed_query("send a Slack message when a Google Sheets row is added")
    assert vector.dtype == np.float32 and vector.shape == (384,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_documents_keep_input_order_and_match_queries(fp32_embedder: OnnxEmbedder) -> None:
    texts = ["short", "a much longer text about webhooks and responses " * 5, "medium text here"]
    docs = fp32_embedder.embed_documents(texts, batch_size=2, progress=False)
    assert docs.dtype == np.float32 and docs.shape == (3, 384)
    for row, text in zip(docs, texts, strict=True):
        assert float(row @ fp32_embedder.embed_query(text)) > 0.99999


def test_agrees_with_sentence_transformers(
    fp32_embedder: OnnxEmbedder, embedder: OnnxEmbedder, reference: SentenceTransformerEmbedder
) -> None:
    texts = _varied_texts(200)
    # Documents are fp32 whatever the query precision: the default embedder's are torch's.
    ours = embedder.embed_documents(texts, batch_size=32, progress=False)
    theirs = reference.embed_documents(texts, batch_size=32, progress=False)
    cosines = (ours * theirs).sum(axis=1)
    worst = int(np.argmin(cosines))
    assert cosines[worst] >= MIN_AGREEMENT, repr(texts[worst][:80])
    queries = [t for t in texts[:60] if t.strip()]
    single = np.vstack([fp32_embedder.embed_query(t) for t in queries])
    expected = theirs[[i for i, t in enumerate(texts[:60]) if t.strip()]]
    assert (single * expected).sum(axis=1).min() >= MIN_AGREEMENT
    # Sanity: the agreement is not trivial (different texts give clearly different vectors).
    assert float(ours[2] @ ours[4]) < 0.9


def test_empty_inputs(embedder: OnnxEmbedder, reference: SentenceTransformerEmbedder) -> None:
    for blank in ("", "   ", "\n\t"):
        with pytest.raises(UserError, match="query is empty"):
            embedder.embed_query(blank)
    assert embedder.embed_documents([], progress=False).shape == (0, 384)
    # An empty document is allowed (keeps rows aligned) and embeds as sentence-transformers does.
    ours = embedder.embed_documents(["", "x"], progress=False)
    theirs = reference.embed_documents(["", "x"], progress=False)
    assert float(ours[0] @ theirs[0]) >= MIN_AGREEMENT
    assert abs(float(np.linalg.norm(ours[0])) - 1.0) < 1e-5


def test_truncates_at_max_seq_length(embedder: OnnxEmbedder, fp32_embedder: OnnxEmbedder) -> None:
    tokenizer = embeddings._load_tokenizer(packaged_model())
    words = ["cat", "dog", "bird", "fish"]
    assert all(len(tokenizer.encode(w).ids) == 3 for w in words)  # [CLS] word [SEP]
    long = " ".join(words[i % 4] for i in range(1000))
    prefix_254 = " ".join(words[i % 4] for i in range(254))  # + [CLS] + [SEP] = 256 tokens
    prefix_126 = " ".join(words[i % 4] for i in range(126))  # what a 128 cut would keep
    vectors = embedder.embed_documents([long, prefix_254, prefix_126], progress=False)
    assert float(vectors[0] @ vectors[1]) > 0.99999
    assert float(vectors[0] @ vectors[2]) < 0.99999
    assert float(fp32_embedder.embed_query(long) @ vectors[1]) > 0.99999
    # int8 queries are cut at the same place: the long text and its kept prefix are one query.
    assert float(embedder.embed_query(long) @ embedder.embed_query(prefix_254)) > 0.99999
    assert float(embedder.embed_query(long) @ embedder.embed_query(prefix_126)) < 0.99999


def test_bad_inputs_are_named(embedder: OnnxEmbedder) -> None:
    with pytest.raises(TypeError, match="query must be a str"):
        embedder.embed_query(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="one str"):
        embedder.embed_documents("not a list")
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        embedder.embed_documents(["ok", 3], progress=False)  # type: ignore[list-item]
    with pytest.raises(ValueError, match="batch_size"):
        embedder.embed_documents(["ok"], batch_size=0)


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    embedder: OnnxEmbedder, capfd: pytest.CaptureFixture[str]
) -> None:
    embedder.embed_documents(["one", "two", "three"], batch_size=1, progress=True)
    assert capfd.readouterr().err == ""


def test_concurrent_first_use_from_threads(cache_dir: Path, embedder: OnnxEmbedder) -> None:
    fresh = OnnxEmbedder(cache_dir=cache_dir)
    texts = [f"workflow number {i} posts to slack" for i in range(16)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        vectors = list(pool.map(fresh.embed_query, texts))
        documents = list(pool.map(lambda t: fresh.embed_documents([t], progress=False)[0], texts))
    expected = np.vstack([embedder.embed_query(t) for t in texts])
    assert (np.vstack(vectors) * expected).sum(axis=1).min() > 0.99999
    exact = embedder.embed_documents(texts, progress=False)
    assert (np.vstack(documents) * exact).sum(axis=1).min() > 0.99999


def test_queries_run_on_one_thread_with_the_vectors_two_threads_give(
    cache_dir: Path, embedder: OnnxEmbedder
) -> None:
    """One intra-op thread per query session (a worker per core), documents on up to two;
    the thread count never changes a vector, so intent and retrieval see the same numbers."""
    assert embedder._session.get_session_options().intra_op_num_threads == 1
    assert embeddings.QUERY_THREADS == 1
    documents = embedder._documents_session()
    assert documents.get_session_options().intra_op_num_threads == embeddings._default_threads()
    two = OnnxEmbedder(cache_dir=cache_dir, threads=2)
    for text in [t for t in _varied_texts(60) if t.strip()]:
        assert np.array_equal(embedder.embed_query(text), two.embed_query(text)), text


def test_int8_query_copy_is_made_next_to_the_export_and_checked(
    cache_dir: Path, embedder: OnnxEmbedder, fp32_embedder: OnnxEmbedder
) -> None:
    fp32 = embeddings.onnx_model_path(cache_dir)
    int8 = embeddings.int8_model_path(fp32)
    assert embedder.query_precision == "int8" and fp32_embedder.query_precision == "fp32"
    assert int8.parent == cache_dir and int8.is_file()
    assert int8.stat().st_size < fp32.stat().st_size / 3  # int8 weights, not a copy
    meta = json.loads(int8.with_suffix(".json").read_text())
    assert meta["source"] == fp32.name and meta["per_channel"] is True
    assert meta[f"agreement_reduce_range_{str(meta['reduce_range']).lower()}"] >= (
        MIN_INT8_AGREEMENT
    )
    assert embeddings.ensure_int8_model(source=fp32) == int8
    # Query vectors are never stored: the index key stays the fp32 model's.
    assert embedder.model_id == fp32_embedder.model_id == packaged_model().model_id


def test_unfused_skip_layer_norm_graph_computes_the_same_vectors(
    cache_dir: Path, tmp_path: Path, fp32_embedder: OnnxEmbedder
) -> None:
    """The int8 recipe first rewrites SkipLayerNormalization as plain ops (a faster kernel
    mix on CPU): every one is replaced, and the fp32 graph's vectors do not move."""
    import onnx

    fp32 = embeddings.onnx_model_path(cache_dir)
    out = tmp_path / "unfused.onnx"
    fused_count = sum(n.op_type == "SkipLayerNormalization" for n in onnx.load(fp32).graph.node)
    assert embeddings._unfuse_skip_layer_norm(fp32, out) == fused_count > 0
    ops = [n.op_type for n in onnx.load(out).graph.node]
    assert "SkipLayerNormalization" not in ops and ops.count("LayerNormalization") >= fused_count
    unfused = OnnxEmbedder(onnx_path=out, query_precision="fp32")
    texts = [t for t in _varied_texts(60) if t.strip()]
    a = np.vstack([unfused.embed_query(t) for t in texts])
    b = np.vstack([fp32_embedder.embed_query(t) for t in texts])
    assert (a * b).sum(axis=1).min() > 0.99999
    meta = json.loads(embeddings.int8_model_path(fp32).with_suffix(".json").read_text())
    assert meta["skip_layer_norms_unfused"] == fused_count


def test_int8_queries_agree_with_fp32_and_keep_the_ranking(
    embedder: OnnxEmbedder, fp32_embedder: OnnxEmbedder
) -> None:
    texts = [t for t in _varied_texts(300) if t.strip()]
    int8 = np.vstack([embedder.embed_query(t) for t in texts])
    fp32 = np.vstack([fp32_embedder.embed_query(t) for t in texts])
    cosines = (int8 * fp32).sum(axis=1)
    assert cosines.mean() >= 0.98 and cosines.min() >= 0.9, (cosines.mean(), cosines.min())
    assert cosines.max() < 0.99999  # really a different model, not the fp32 file again
    # Against fp32 documents, the nearest document of a query rarely changes.
    documents = fp32_embedder.embed_documents(texts, progress=False)
    nearest_int8 = np.argsort(-(int8 @ documents.T), axis=1)[:, 1:6]  # [:, 0] is itself
    nearest_fp32 = np.argsort(-(fp32 @ documents.T), axis=1)[:, 1:6]
    overlap = np.mean(
        [len(set(a) & set(b)) / 5 for a, b in zip(nearest_int8, nearest_fp32, strict=True)]
    )
    assert overlap >= 0.8, overlap


def test_int8_copy_that_disagrees_is_rejected_once_and_queries_use_fp32(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fp32 = tmp_path / packaged_model().onnx_filename
    fp32.symlink_to(embeddings.onnx_model_path(cache_dir))
    monkeypatch.setattr(embeddings, "MIN_INT8_AGREEMENT", 1.01)  # nothing can pass
    assert embeddings.ensure_int8_model(source=fp32) is None
    meta = json.loads(embeddings.int8_model_path(fp32).with_suffix(".json").read_text())
    assert meta["file"] is None and "agreement_reduce_range_true" in meta
    assert not embeddings.int8_model_path(fp32).exists()
    assert not list(tmp_path.glob(".export-*"))

    def no_retry(*args: object, **kwargs: object) -> None:
        raise AssertionError("a rejected copy must not be quantized again")

    monkeypatch.setattr(embeddings, "_quantize", no_retry)
    fallback = OnnxEmbedder(cache_dir=tmp_path)
    assert fallback.query_precision == "fp32"
    text = "post new Stripe refunds to #finance"
    exact = fallback.embed_documents([text], progress=False)[0]
    assert float(fallback.embed_query(text) @ exact) > 0.99999


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=5))
def test_any_text_gives_finite_unit_vectors(embedder: OnnxEmbedder, texts: list[str]) -> None:
    vectors = embedder.embed_documents(texts, batch_size=2, progress=False)
    assert vectors.shape == (len(texts), 384)
    assert np.isfinite(vectors).all()
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_fingerprint_changes_with_the_model(tmp_path: Path) -> None:
    source = packaged_model().directory
    copy = tmp_path / "model"
    copy.mkdir()
    (copy / "1_Pooling").mkdir()
    for name in ("config.json", "tokenizer.json", "sentence_bert_config.json", "modules.json"):
        (copy / name).write_bytes((source / name).read_bytes())
    (copy / "1_Pooling" / "config.json").write_bytes(
        (source / "1_Pooling/config.json").read_bytes()
    )
    (copy / "model.safetensors").symlink_to(source / "model.safetensors")
    original = embeddings._fingerprint(copy)
    assert original == packaged_model().fingerprint
    config = json.loads((copy / "config.json").read_text())
    config["hidden_dropout_prob"] = 0.5
    (copy / "config.json").write_text(json.dumps(config))
    assert embeddings._fingerprint(copy) != original


def test_query_path_does_not_import_torch(cache_dir: Path, embedder: OnnxEmbedder) -> None:
    script = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        started = time.perf_counter()
        import indexing.embeddings as e
        after_import = sorted(m for m in ("onnxruntime", "tokenizers", "torch") if m in sys.modules)
        vector = e.OnnxEmbedder(cache_dir=Path(sys.argv[1])).embed_query("schedule a report")
        heavy = sorted(
            m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules
        )
        print(after_import, heavy, vector.shape)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(cache_dir)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[] [] (384,)"


def test_damaged_export_is_a_clear_error(tmp_path: Path) -> None:
    damaged = tmp_path / packaged_model().onnx_filename
    damaged.write_bytes(b"not an onnx model")
    with pytest.raises(UserError, match="cannot load the ONNX embedding model") as caught:
        OnnxEmbedder(cache_dir=tmp_path).embed_query("hello")
    assert str(damaged) in caught.value.message and caught.value.hint


def test_unwritable_cache_dir_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(UserError, match="cannot create the model cache folder"):
        embeddings.ensure_onnx_model(blocker / "models")


def test_repeated_query_is_served_from_the_recent_cache() -> None:
    from indexing.embeddings import get_embedder

    embedder = get_embedder()
    first = embedder.embed_query("send the weekly report to #sales on Slack")
    again = embedder.embed_query("send the weekly report to #sales on Slack")
    assert again is first  # no second model run
    assert not first.flags.writeable  # shared, so callers cannot corrupt it
    other = embedder.embed_query("send the weekly report to #ops on Slack")
    assert other is not first and float(other @ first) < 0.9999


def test_a_failing_int8_build_falls_back_to_fp32_and_is_retried_later(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    fp32 = tmp_path / packaged_model().onnx_filename
    fp32.symlink_to(embeddings.onnx_model_path(cache_dir))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("quantizer crashed")

    monkeypatch.setattr(embeddings, "_quantize", broken)
    fallback = OnnxEmbedder(cache_dir=tmp_path)
    assert fallback.query_precision == "fp32"
    assert fallback.embed_query("post to slack").shape == (fallback.dimension,)
    assert "quantizer crashed" in capsys.readouterr().err
    # not recorded as a rejection: a later process tries again
    assert not embeddings.int8_model_path(fp32).with_suffix(".json").exists()
    monkeypatch.undo()
    assert embeddings.ensure_int8_model(source=fp32) == embeddings.int8_model_path(fp32)


def test_int8_copies_are_named_by_recipe_and_cpu_features(cache_dir: Path) -> None:
    name = embeddings.int8_model_path(embeddings.onnx_model_path(cache_dir)).name
    assert f"-int8r{embeddings._INT8_RECIPE}-{embeddings._cpu_tag()}.onnx" in name
    assert len(embeddings._cpu_tag()) == 6
