"""Store: idempotent per-document writes, resume after interruption, concurrent writers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select
from tests.conftest import make_doc

from sitrep import pipeline
from sitrep.records import Analysis, Quote, Span
from sitrep.store import read, schema, write
from sitrep.store.db import connect


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_add_document_is_idempotent(tmp_path: Path):
    engine = connect(str(tmp_path / "s.db"))
    doc = make_doc("Troops moved into Drovna, officials said.", outlet="Drovna Herald")
    assert write.add_document(engine, doc) is True
    assert write.add_document(engine, doc) is False
    assert _count(engine, schema.documents) == 1


def test_save_analysis_replaces_records_in_one_transaction(tmp_path: Path):
    engine = connect(str(tmp_path / "s.db"))
    text = '"We stand ready," said General Varlamov.'
    doc = make_doc(text)
    write.add_document(engine, doc)
    q = Quote(
        0,
        len(text),
        text,
        Span.of(text, 19, 23),
        [Span.of(text, 24, 40)],
        [Span.of(text, 1, 15)],
        None,
        "direct",
    )
    write.save_analysis(engine, doc.id, Analysis(quotes=[q]), "t")
    write.save_analysis(engine, doc.id, Analysis(quotes=[q]), "t")
    assert _count(engine, schema.quotes) == 1 and _count(engine, schema.quote_spans) == 3
    [(_, analysis)] = list(read.iter_corpus(engine))
    assert analysis.quotes[0].contents[0].text == "We stand ready"


def test_failed_write_leaves_nothing_half_written(tmp_path: Path):
    engine = connect(str(tmp_path / "s.db"))
    doc = make_doc("Some text about Kelmar.")
    write.add_document(engine, doc)
    bad = Analysis(quotes=[Quote(0, 4, "Some", None, [], [Span(0, 4, "Some")], None, "direct")])
    bad.quotes[0].sources.append(None)  # breaks while flattening, after the delete
    try:
        write.save_analysis(engine, doc.id, bad, "t")
    except Exception:
        pass
    assert _count(engine, schema.quotes) == 0
    assert read.pending_documents(engine, "t") == [doc.id]


def test_rerun_resumes_pending_documents(tmp_path: Path):
    engine = connect(str(tmp_path / "s.db"))
    for i in range(3):
        write.add_document(engine, make_doc(f"Report number {i} from Ostrovets about the curfew."))
    assert len(read.pending_documents(engine, "1")) == 3
    assert pipeline.analyze_pending(engine).analyzed == 3
    assert read.pending_documents(engine, "1") == []
    assert pipeline.analyze_pending(engine).analyzed == 0


def test_two_concurrent_ingest_processes(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        (corpus / f"d{i}.txt").write_text(
            f"Dispatch {i}: the curfew in Kelmar was extended, police said."
        )
    db = tmp_path / "c.db"
    code = (
        "import sys; from sitrep.store.db import connect; from sitrep import pipeline; "
        "e = connect(sys.argv[1]); pipeline.ingest(e, [sys.argv[2]])"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db), str(corpus)]) for _ in range(2)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    engine = connect(str(db))
    assert _count(engine, schema.documents) == 30


def test_near_duplicates_are_marked_once_per_corpus(tmp_path: Path):
    engine = connect(str(tmp_path / "s.db"))
    body = (
        "Soldiers took the television centre before dawn and the website went dark for six hours. "
        * 3
    )
    write.add_document(
        engine, make_doc("Headline one\n\n" + body, outlet="Meridian Press", published="2026-03-01")
    )
    write.add_document(
        engine,
        make_doc("Another headline\n\n" + body, outlet="Drovna Herald", published="2026-03-02"),
    )
    assert pipeline.mark_near_duplicates(engine) == 1
    assert pipeline.mark_near_duplicates(engine) is None  # unchanged corpus: not hashed again
    write.add_document(
        engine, make_doc("Third take\n\n" + body, outlet="Kelmar Courier", published="2026-03-03")
    )
    assert pipeline.mark_near_duplicates(engine) == 2


def test_a_store_from_an_earlier_version_gets_the_new_record_columns(tmp_path):
    import sqlite3

    from sitrep.store.db import connect

    db = tmp_path / "old.db"
    connect(str(db)).dispose()
    with sqlite3.connect(db) as conn:  # as an earlier version wrote it: no alternatives, no reason
        conn.execute("ALTER TABLE places DROP COLUMN reason")
        conn.execute("ALTER TABLE places DROP COLUMN alternatives_json")
    connect(str(db)).dispose()
    with sqlite3.connect(db) as conn:
        cols = {r[1] for r in conn.execute("PRAGMA table_info(places)")}
    assert {"reason", "alternatives_json"} <= cols
