"""The stages wired together: ingest -> analyze -> store -> resolve -> assess -> deliver.

The CLI calls these; each takes an engine (the store) and reports progress
through an optional callback so it runs the same with or without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)

from sitrep import failpoints
from sitrep.analyze import ANALYZER_VERSION, analyze_docs
from sitrep.ingest import IngestProblem, read_sources
from sitrep.ingest.dedupe import BAND_SCHEME, band_keys
from sitrep.records import Analysis, Document
from sitrep.store import read, schema, write

Progress = Callable[[str, int, int | None], None]  # (stage, advance, total)


def _noop(stage: str, advance: int, total: int | None) -> None:
    pass


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)


def ingest(engine: Engine, paths: Iterable[str], overrides: dict | None = None,
           progress: Progress = _noop, on_problem: Callable[[IngestProblem], None] | None = None) -> IngestReport:
    """Store every readable document; the same content twice is a no-op."""
    report = IngestReport()
    for item in read_sources(paths, overrides):
        if isinstance(item, IngestProblem):
            report.problems.append(item)
            write.record_problem(engine, item.path, item.message, "ingest", item.line)
            if on_problem:
                on_problem(item)
        elif write.add_document(engine, item, partial(band_keys, item.text)):
            report.added.append(item.path or item.id)
        else:
            report.already.append(item.path or item.id)
        progress("ingest", 1, None)
        failpoints.reached("ingest")
    return report


def mark_near_duplicates(engine: Engine) -> int | None:
    """Record which documents are near-copies (wire copy) of an earlier one.

    The same answer as ``ingest.dedupe.near_duplicates`` over the corpus in (published, id)
    order, undated documents first, but the LSH index is the ``minhash_bands`` table: each
    document asks the database for earlier documents sharing a band key, and its root is
    the earliest root among them. Memory stays flat however large the corpus is.

    Skipped (returns None) when the corpus has not changed since the last time, which
    the ``settings`` table records; a run killed before this step redoes it next time.
    """
    d, st = schema.documents.c, schema.settings
    with engine.connect() as conn:
        size = str(conn.execute(select(func.count()).select_from(schema.documents)).scalar_one())
        done = conn.execute(select(st.c.value).where(st.c.key == "near_duplicates_for")).scalar()
    if done == size:
        return None
    fill_band_keys(engine)
    marked = 0
    with engine.begin() as conn:  # one transaction: the roots written so far are read back
        conn.execute(update(schema.documents).values(near_duplicate_of=None))
        order = func.coalesce(d.published, "")
        rows = conn.execute(select(d.id, order.label("sort_key")).order_by(order, d.id),
                            execution_options={"yield_per": 256})  # streamed; only this query
        find_root = _earliest_root_query()
        mark = (update(schema.documents).where(d.id == bindparam("doc_id"))
                .values(near_duplicate_of=bindparam("root")))
        for row in rows:
            root = conn.execute(find_root, {"doc_id": row.id, "sort_key": row.sort_key}).scalar()
            if root is not None:
                conn.execute(mark, {"doc_id": row.id, "root": root})
                marked += 1
        _set(conn, "near_duplicates_for", size)
    return marked


@cache
def _earliest_root_query() -> Select:
    """The earliest root among the documents before ``:doc_id`` that share a band key with it
    (a hit's root is what it was marked a copy of, else itself). Built once: constructing
    the statement costs more than running it."""
    me, other = schema.minhash_bands.alias("me"), schema.minhash_bands.alias("other")
    hit, root = schema.documents.alias("hit"), schema.documents.alias("root")
    hit_key, root_key = func.coalesce(hit.c.published, ""), func.coalesce(root.c.published, "")
    doc_id, sort_key = bindparam("doc_id"), bindparam("sort_key")
    return (select(root.c.id)
            .select_from(me)
            .join(other, and_(other.c.band == me.c.band, other.c.key == me.c.key))
            .join(hit, hit.c.id == other.c.document_id)
            .join(root, root.c.id == func.coalesce(hit.c.near_duplicate_of, hit.c.id))
            .where(me.c.document_id == doc_id,
                   or_(hit_key < sort_key, and_(hit_key == sort_key, hit.c.id < doc_id)))
            .order_by(root_key, root.c.id)
            .limit(1))


def fill_band_keys(engine: Engine, batch: int = 256) -> int:
    """Compute the MinHash LSH keys of stored documents that have none (stored by an older
    sitrep, or without them); all of them again when the key scheme changed. Returns how many."""
    d, mb, st = schema.documents.c, schema.minhash_bands, schema.settings
    with engine.begin() as conn:
        if conn.execute(select(st.c.value).where(st.c.key == "minhash_bands")).scalar() != BAND_SCHEME:
            conn.execute(delete(mb))
            _set(conn, "minhash_bands", BAND_SCHEME)
    filled, after = 0, ""
    while True:
        with engine.begin() as conn:  # a page per transaction: text of ``batch`` documents at a time
            rows = conn.execute(select(d.id, d.text)
                                .where(d.id > after, ~exists().where(mb.c.document_id == d.id))
                                .order_by(d.id).limit(batch)).all()
            for row in rows:
                write.save_band_keys(conn, row.id, band_keys(row.text))
        if not rows:
            return filled
        filled += len(rows)
        after = rows[-1].id


def _set(conn: Connection, key: str, value: str) -> None:
    st = schema.settings
    conn.execute(delete(st).where(st.c.key == key))
    conn.execute(insert(st).values(key=key, value=value))


@dataclass
class AnalyzeReport:
    analyzed: int = 0
    not_analyzed: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def analyze_pending(engine: Engine, workers: int = 1, progress: Progress = _noop,
                    batch: int = 64) -> AnalyzeReport:
    """Analyze every document not yet analyzed; each lands in its own transaction, so a
    killed run resumes where it stopped. Documents are read ``batch`` at a time and fed
    to one analysis stream (one worker pool for the whole run), so memory stays flat.
    Documents in languages sitrep cannot analyze are stored and reported, never dropped."""
    total = read.count_pending(engine, ANALYZER_VERSION)
    progress("analyze", 0, total)

    def documents() -> Iterator[Document]:  # pages of pending ids by key: none held beyond a page
        after = None
        while ids := read.pending_documents(engine, ANALYZER_VERSION, after=after, limit=batch):
            yield from read.get_documents(engine, ids)
            after = ids[-1]

    report = AnalyzeReport()
    for doc, analysis in analyze_stream(documents(), workers):
        write.save_analysis(engine, doc.id, analysis, ANALYZER_VERSION)
        report.analyzed += 1
        if not analysis.analyzed:
            report.not_analyzed.append((doc.path or doc.id, analysis.note or "not analyzed"))
        progress("analyze", 1, total)
        failpoints.reached("analyze")
    return report


def analyze_stream(docs: Iterable[Document], workers: int = 1) -> Iterator[tuple[Document, Analysis]]:
    """``(document, analysis)`` in input order, in this process or a pool of ``workers``."""
    if workers > 1:
        from sitrep.scale.pool import analyze_parallel

        return analyze_parallel(docs, workers)
    return analyze_docs(docs)


def resolve(engine: Engine):
    from sitrep.resolve import resolve_corpus

    resolution = resolve_corpus(read.iter_corpus(engine))
    write.save_resolution(engine, resolution)
    return resolution


def resolved_corpus(engine: Engine, resolution) -> list[tuple[Document, Analysis]]:
    """The stored corpus with speakers, sources and mentions pointed at canonical actors."""
    from sitrep.resolve import apply_resolution

    items = list(read.iter_corpus(engine))
    for doc, analysis in items:
        apply_resolution(analysis, resolution, doc.id)
    return items
