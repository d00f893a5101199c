"""The stages wired together: ingest -> analyze -> store -> resolve -> assess -> deliver.

The CLI calls these; each takes an engine (the store) and reports progress
through an optional callback so it runs the same with or without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine, update

from sitrep.analyze import ANALYZER_VERSION, analyze_docs
from sitrep.ingest import IngestProblem, read_sources
from sitrep.ingest.dedupe import near_duplicates
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
        elif write.add_document(engine, item):
            report.added.append(item.path or item.id)
        else:
            report.already.append(item.path or item.id)
        progress("ingest", 1, None)
    return report


def mark_near_duplicates(engine: Engine) -> int | None:
    """Record which documents are near-copies (wire copy) of an earlier one.

    Skipped (returns None) when the corpus has not changed since the last time, which
    the ``settings`` table records; a run killed before this step redoes it next time.
    """
    from sqlalchemy import delete, func, insert, select

    d, st = schema.documents.c, schema.settings
    with engine.connect() as conn:
        size = str(conn.execute(select(func.count()).select_from(schema.documents)).scalar_one())
        done = conn.execute(select(st.c.value).where(st.c.key == "near_duplicates_for")).scalar()
    if done == size:
        return None
    with engine.connect() as conn:  # streamed: one document's text in memory at a time
        rows = conn.execution_options(yield_per=256).execute(select(d.id, d.text).order_by(d.published, d.id))
        dupes = near_duplicates((r.id, r.text) for r in rows)
    with engine.begin() as conn:
        conn.execute(update(schema.documents).values(near_duplicate_of=None))
        for doc_id, first in dupes.items():
            conn.execute(update(schema.documents).where(d.id == doc_id).values(near_duplicate_of=first))
        conn.execute(delete(st).where(st.c.key == "near_duplicates_for"))
        conn.execute(insert(st).values(key="near_duplicates_for", value=size))
    return len(dupes)


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
    pending = read.pending_documents(engine, ANALYZER_VERSION)
    progress("analyze", 0, len(pending))

    def documents() -> Iterator[Document]:
        for i in range(0, len(pending), batch):
            yield from read.get_documents(engine, pending[i:i + batch])

    report = AnalyzeReport()
    for doc, analysis in analyze_stream(documents(), workers):
        write.save_analysis(engine, doc.id, analysis, ANALYZER_VERSION)
        report.analyzed += 1
        if not analysis.analyzed:
            report.not_analyzed.append((doc.path or doc.id, analysis.note or "not analyzed"))
        progress("analyze", 1, len(pending))
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
