"""The worker pool.

Same records as one process, input order, bounded look-ahead, resumable store runs.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import make_doc

from sitrep import pipeline
from sitrep.analyze import analyze_docs
from sitrep.records import Document, to_dict
from sitrep.scale import pool
from sitrep.store import read, write
from sitrep.store.db import connect

TEXTS = [
    '"We stand ready," said General Varlamov in Drovna on Monday.',
    "About 300 people were killed in the fighting, officials said.",
    "The council will probably announce new elections in March, according to Reuters.",
    "Такой текст не анализируется.",
    "Prime Minister Anna Kell told reporters that the airport was closed.",
    "Protesters gathered outside the parliament on 26 February 2026.",
    "It is unlikely that the army will withdraw before the summer.",
]


def _docs() -> list[Document]:
    docs = [make_doc(t, language="ru" if t.startswith("Т") else "en") for t in TEXTS]
    return docs * 3  # repeats: order must still hold, ids repeat


def test_pool_matches_one_process_in_input_order_and_pulls_lazily():
    docs = _docs()
    pulled = 0

    def stream():
        nonlocal pulled
        for d in docs:
            pulled += 1
            yield d

    out = pool.analyze_parallel(stream(), workers=2, batch=2)
    parallel = [next(out)]
    # only the batches in flight were read ahead: at most workers * (AHEAD + 1) of them
    assert pulled <= 2 * 2 * (pool.AHEAD + 1)
    parallel += list(out)
    local = [(d.id, to_dict(a)) for d, a in analyze_docs(docs)]
    assert [(d.id, to_dict(a)) for d, a in parallel] == local
    assert [d.id for d, _ in parallel] == [d.id for d in docs]


def test_pool_with_one_worker_is_the_local_path():
    docs = _docs()[:3]
    assert [to_dict(a) for _, a in pool.analyze_parallel(docs, workers=1)] == [
        to_dict(a) for _, a in analyze_docs(docs)
    ]


def test_parallel_store_run_equals_serial_run(tmp_path: Path):
    counts = []
    for workers in (1, 2):
        engine = connect(str(tmp_path / f"w{workers}.db"))
        for d in _docs()[: len(TEXTS)]:
            write.add_document(engine, d)
        assert pipeline.analyze_pending(engine, workers=workers, batch=3).analyzed == len(TEXTS)
        assert (
            pipeline.analyze_pending(engine, workers=workers).analyzed == 0
        )  # idempotent: nothing left
        counts.append(read.count_rows(engine))
    assert counts[0] == counts[1]


def test_workers_replaced_midway_give_the_same_records(monkeypatch):
    monkeypatch.setattr(pool, "TASKS_PER_WORKER", 1)  # a fresh worker for every batch
    docs = _docs()[:6]
    assert [to_dict(a) for _, a in pool.analyze_parallel(docs, workers=2, batch=2)] == [
        to_dict(a) for _, a in analyze_docs(docs)
    ]


def test_one_pool_serves_several_streams():
    """A pool passed in is used and left running: a second stream on it (workers warm from
    the first) gives the same records, and so does a stream closed early before it."""
    docs = _docs()[:7]
    local = [to_dict(a) for _, a in analyze_docs(docs)]
    with pool.worker_pool(2) as shared:
        first = pool.analyze_parallel(docs, workers=2, batch=2, pool=shared)
        next(first)
        first.close()
        for _ in range(2):
            assert [
                to_dict(a) for _, a in pool.analyze_parallel(docs, workers=2, batch=2, pool=shared)
            ] == local


@given(
    st.lists(st.integers(min_value=0, max_value=50), max_size=40),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=120),
)
def test_batches_keep_order_and_respect_both_limits(lengths, size, chars):
    docs = [Document(id=str(i), text="x" * n) for i, n in enumerate(lengths)]
    batches = list(pool.document_batches(iter(docs), size, chars))
    assert [d for b in batches for d in b] == docs
    for b in batches:
        assert 1 <= len(b) <= size
        # a batch is closed as soon as it reaches the budget:
        # without its last document it was under it
        assert sum(len(d.text) for d in b[:-1]) < chars
    for b in batches[:-1]:  # and only then, or when full
        assert len(b) == size or sum(len(d.text) for d in b) >= chars


def test_long_documents_go_one_per_task():
    docs = [make_doc("word " * 4000), make_doc("short."), make_doc("word " * 4000)]
    assert [len(b) for b in pool.document_batches(docs, 8, pool.BATCH_CHARS)] == [1, 2]
