"""``--workers N``: per-document analysis in a pool of processes, streamed in input order.

Each worker loads the spaCy pipeline once (in its initializer) and then analyzes
batches of documents with the same ``analyze_docs`` the single-process path uses,
so the records are identical. At most ``workers * AHEAD`` batches are in flight:
the input is pulled lazily and results are yielded as soon as the batch at the head
of the queue is done, so memory stays flat however long the stream is.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from sitrep.lexicon.gazetteer import Gazetteer
from sitrep.records import Analysis, Document

#: documents per task at most: large enough to amortize pickling and ``nlp.pipe`` batching,
#: small enough that a worker never sits on much of the corpus
BATCH = 8
#: characters per task at most (a task holds at least one document): tasks of even size, so
#: that when the stream ends the last worker still busy has at most this much left to do
#: while the others idle (a batch of 8 long articles takes seconds)
BATCH_CHARS = 12_000
#: batches queued per worker beyond the one it is working on, so no worker idles
AHEAD = 2
#: a worker is replaced (forked afresh from the warm server) after this many batches, some
#: 12 million characters (2 million words) at up to ``BATCH_CHARS`` a batch, so that what
#: grows with every new string it sees (spaCy's vocabulary and tokenizer cache) stays
#: bounded; not much sooner, as a fresh worker pays again for filling those caches
TASKS_PER_WORKER = 1000


def _start_worker() -> None:
    """Load the pipeline once per worker (already done when the worker was forked from a
    warmed fork server)."""
    from sitrep.interrupts import quiet_worker
    from sitrep.scale.warm import warm

    quiet_worker()
    warm()


def analyze_batch(docs: list[Document], user_places: str | None) -> list[Analysis]:
    """One task: the gazetteer travels as its user file's path (loaded once per worker)."""
    from sitrep.analyze import analyze_docs
    from sitrep.lexicon.gazetteer import load_gazetteer

    gaz = load_gazetteer(Path(user_places) if user_places else None)
    return [analysis for _doc, analysis in analyze_docs(docs, gazetteer=gaz)]


def document_batches(docs: Iterable[Document], size: int, chars: int) -> Iterator[list[Document]]:
    """Consecutive runs of ``docs`` of at most ``size`` documents, each closed as soon as
    its texts reach ``chars`` characters."""
    batch: list[Document] = []
    length = 0
    for doc in docs:
        batch.append(doc)
        length += len(doc.text)
        if len(batch) >= size or length >= chars:
            yield batch
            batch, length = [], 0
    if batch:
        yield batch


def _context():
    """``forkserver`` where available: workers fork from a clean server process (no inherited
    threads or database connections) that has loaded and warmed the pipeline once, so they
    start at once and share the model's memory; ``spawn`` elsewhere."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["sitrep.scale.warm"])
    return ctx


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """The pool ``analyze_parallel`` runs on. One pool can serve several streams in turn:
    its workers keep what they have warmed (spaCy's tokenizer and lemma caches, the
    vocabulary, the taggers' lookup memories) from one stream to the next."""
    ctx = _context()
    recycle = {"max_tasks_per_child": TASKS_PER_WORKER} if ctx.get_start_method() != "fork" else {}
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_start_worker, **recycle
    )


def analyze_parallel(
    docs: Iterable[Document],
    workers: int,
    batch: int = BATCH,
    *,
    batch_chars: int = BATCH_CHARS,
    pool: ProcessPoolExecutor | None = None,
    gazetteer: Gazetteer | None = None,
) -> Iterator[tuple[Document, Analysis]]:
    """Analyze ``docs`` in ``workers`` processes; yields ``(document, analysis)`` in input order.

    A task holds ``batch`` documents, fewer when their texts reach ``batch_chars`` characters.
    ``pool``: a ``worker_pool(workers)`` to use (and leave running); by default one is
    started for this stream and shut down after it. An exception raised while analyzing
    a batch is re-raised here, as it would be in one process. Closing the generator early
    cancels what is still queued. ``gazetteer``: the one to place names with (the base one
    unless given); workers load the same from its user file.
    """
    if workers <= 1:
        from sitrep.analyze import analyze_docs

        yield from analyze_docs(docs, gazetteer=gazetteer)
        return
    user_places = str(gazetteer.user_file) if gazetteer and gazetteer.user_file else None
    if pool is None:
        with worker_pool(workers) as own:
            yield from _stream(
                document_batches(docs, batch, batch_chars), workers, own, user_places
            )
        return
    yield from _stream(document_batches(docs, batch, batch_chars), workers, pool, user_places)


def _stream(
    batches: Iterable[list[Document]],
    workers: int,
    pool: ProcessPoolExecutor,
    user_places: str | None,
) -> Iterator[tuple[Document, Analysis]]:
    pending: deque[tuple[list[Document], Future]] = deque()
    try:
        for chunk in batches:
            pending.append((chunk, pool.submit(analyze_batch, chunk, user_places)))
            while len(pending) >= workers * (AHEAD + 1) or (pending and pending[0][1].done()):
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())
    finally:
        for _chunk, fut in pending:
            fut.cancel()


def _collect(item: tuple[list[Document], Future]) -> Iterator[tuple[Document, Analysis]]:
    chunk, fut = item
    yield from zip(chunk, fut.result(), strict=True)
