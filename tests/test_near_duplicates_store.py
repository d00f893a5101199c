"""Near-duplicates through the store: the LSH band keys live in ``minhash_bands``, marking
gives the same roots as the in-memory ``near_duplicates``, and the origins read the marks
from the documents the store hands them (computing them only for documents built in memory)."""

from __future__ import annotations

import random
from pathlib import Path

from datasketch.lsh import _optimal_param
from sqlalchemy import delete, func, select, update
from tests.conftest import make_doc

from sitrep import pipeline
from sitrep.assess.origins import document_origins
from sitrep.ingest.dedupe import LSH_BANDS, NUM_PERM, ROWS, THRESHOLD, band_keys, near_duplicates
from sitrep.records import Analysis, Document
from sitrep.store import read, schema, write
from sitrep.store.db import connect


def _words(rng: random.Random, n: int) -> list[str]:
    return [f"w{rng.randint(0, 5000)}" for _ in range(n)]


def _chain() -> tuple[str, str, str]:
    """a; b = a with its start rewritten; c = b with its end rewritten. c is close to b but
    not to a, so c reaches a only through b (checked in the test, not assumed)."""
    rng = random.Random(0)
    a = _words(rng, 200)
    b = _words(rng, 30) + a[30:]
    c = b[:170] + _words(rng, 30)
    return " ".join(a), " ".join(b), " ".join(c)


def _corpus() -> list[Document]:
    """Near-copies, a chain, unrelated documents, ties on the date and undated documents."""
    rng = random.Random(1)
    a, b, c = _chain()
    other = " ".join(_words(rng, 120))
    other_copy = other + " and a closing line added by the second outlet"
    docs = [
        make_doc(c, published="2026-03-03"),
        make_doc(a, published="2026-03-01"),
        make_doc(b, published="2026-03-02"),
        make_doc(other_copy, published="2026-03-01"),  # same day as its original: id decides
        make_doc(other, published="2026-03-01"),
        make_doc(a + " Updated with a correction.", published=None),  # undated: counts as first
    ]
    docs += [
        make_doc(" ".join(_words(rng, 80)), published=f"2026-03-0{i % 9 + 1}") for i in range(12)
    ]
    return docs


def _in_memory(docs: list[Document]) -> dict[str, str]:
    ordered = sorted(docs, key=lambda d: (d.published or "", d.id))
    return near_duplicates((d.id, d.text) for d in ordered)


def _marked(engine) -> dict[str, str]:
    d = schema.documents.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(d.id, d.near_duplicate_of).where(d.near_duplicate_of.is_not(None))
        )
        return {r.id: r.near_duplicate_of for r in rows}


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_band_split_is_the_one_minhashlsh_chooses():
    assert _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5) == (LSH_BANDS, ROWS)
    keys = band_keys("Soldiers took the television centre before dawn.")
    assert [b for b, _ in keys] == list(range(LSH_BANDS))
    assert all(-(2**63) <= k < 2**63 for _, k in keys)
    assert keys == band_keys("Soldiers took the television centre before dawn.")
    assert keys != band_keys("Soldiers took the radio station after dusk.")


def test_store_marks_the_same_roots_as_in_memory(tmp_path: Path):
    a, b, c = _chain()
    assert near_duplicates([("a", a), ("c", c)]) == {}  # c is no direct copy of a ...
    assert near_duplicates([("a", a), ("b", b), ("c", c)]) == {
        "b": "a",
        "c": "a",
    }  # ... but reaches it via b
    docs = _corpus()
    engine = connect(str(tmp_path / "s.db"))
    for doc in docs:
        write.add_document(engine, doc, band_keys(doc.text))
    expected = _in_memory(docs)
    assert len(expected) >= 4
    assert pipeline.mark_near_duplicates(engine) == len(expected)
    assert _marked(engine) == expected
    ids = {doc.text: doc.id for doc in docs}
    assert (
        expected[ids[c]] == ids[a + " Updated with a correction."]
    )  # the undated copy is the root


def test_documents_of_a_second_ingest_are_matched_against_earlier_ones(tmp_path: Path):
    a, b, c = _chain()
    engine = connect(str(tmp_path / "s.db"))
    folder = tmp_path / "first"
    folder.mkdir()
    (folder / "a.txt").write_text(a, encoding="utf-8")
    pipeline.ingest(engine, [str(folder)], {"published": "2026-03-02"})
    assert _count(engine, schema.minhash_bands) == LSH_BANDS  # computed at ingest
    assert pipeline.mark_near_duplicates(engine) == 0
    with engine.connect() as conn:
        stored = conn.execute(select(schema.documents.c.id)).scalar_one()
    later, earlier = make_doc(c, published="2026-03-05"), make_doc(b, published="2026-03-01")
    for doc in (later, earlier):
        write.add_document(engine, doc, band_keys(doc.text))
    assert pipeline.mark_near_duplicates(engine) == 2
    # b, published first though stored last, is the root of both
    assert _marked(engine) == {stored: earlier.id, later.id: earlier.id}


def test_old_database_without_band_keys_gets_them(tmp_path: Path):
    docs = _corpus()
    engine = connect(str(tmp_path / "s.db"))
    for doc in docs:
        write.add_document(engine, doc)  # as an older sitrep stored them: no band keys
    assert _count(engine, schema.minhash_bands) == 0
    assert pipeline.mark_near_duplicates(engine) == len(_in_memory(docs))
    assert _count(engine, schema.minhash_bands) == LSH_BANDS * len(docs)
    assert _marked(engine) == _in_memory(docs)
    with engine.begin() as conn:  # some keys lost, and a stale mark to be cleared
        conn.execute(
            delete(schema.minhash_bands).where(schema.minhash_bands.c.document_id == docs[0].id)
        )
        conn.execute(
            update(schema.documents)
            .where(schema.documents.c.id == docs[-1].id)
            .values(near_duplicate_of=docs[0].id)
        )
    write.add_document(engine, make_doc("A new unrelated note about the weather in the north."))
    assert pipeline.mark_near_duplicates(engine) == len(_in_memory(docs))
    assert _count(engine, schema.minhash_bands) == LSH_BANDS * (len(docs) + 1)
    assert _marked(engine) == _in_memory(docs)


def test_band_keys_are_recomputed_when_the_scheme_changes(tmp_path: Path):
    engine = connect(str(tmp_path / "s.db"))
    doc = make_doc("Soldiers took the television centre before dawn and the website went dark.")
    write.add_document(engine, doc, [(0, 1), (1, 2)])  # keys of some other scheme
    with engine.begin() as conn:
        conn.execute(schema.settings.insert().values(key="minhash_bands", value="an older scheme"))
    assert pipeline.fill_band_keys(engine) == 1
    with engine.connect() as conn:
        stored = conn.execute(
            select(schema.minhash_bands.c.band, schema.minhash_bands.c.key).order_by(
                schema.minhash_bands.c.band
            )
        ).all()
    assert [tuple(r) for r in stored] == band_keys(doc.text)
    assert pipeline.fill_band_keys(engine) == 0


def test_pending_documents_page_by_key(tmp_path: Path):
    engine = connect(str(tmp_path / "s.db"))
    for i in range(7):
        write.add_document(engine, make_doc(f"Report number {i} from Ostrovets about the curfew."))
    everything = read.pending_documents(engine, "1")
    assert read.count_pending(engine, "1") == 7
    pages, after = [], None
    while page := read.pending_documents(engine, "1", after=after, limit=3):
        pages.append(page)
        after = page[-1]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [i for p in pages for i in p] == everything == sorted(everything)


def test_band_keys_are_hashed_only_for_new_documents(tmp_path: Path):
    engine = connect(str(tmp_path / "s.db"))
    doc = make_doc("Soldiers took the television centre before dawn and the website went dark.")
    calls = []

    def keys():
        calls.append(1)
        return band_keys(doc.text)

    assert write.add_document(engine, doc, keys) is True
    assert write.add_document(engine, doc, keys) is False  # already stored: nothing hashed
    assert len(calls) == 1
    assert _count(engine, schema.minhash_bands) == LSH_BANDS


def test_origins_read_the_stored_marks_and_compute_them_only_without():
    a = Document(id="a", text="Troops crossed the river at dawn.", outlet="Lir Gazette")
    b = Document(id="b", text="The mayor reopened the market square.", outlet="Osprey Post")
    assert document_origins([a, b])["b"].via == "own"  # no marks: computed, and no copy
    a.near_duplicate_of, b.near_duplicate_of = "", "a"  # as ingest marked them
    copy = document_origins([a, b])["b"]
    assert (copy.key, copy.via) == ("lir gazette", "copy")
    a.near_duplicate_of = None  # one document without a mark: all computed again
    assert document_origins([a, b])["b"].via == "own"


def test_the_corpus_carries_the_marks_only_when_they_were_made_over_it(tmp_path: Path):
    docs = _corpus()
    engine = connect(str(tmp_path / "s.db"))
    for doc in docs:
        write.add_document(engine, doc, band_keys(doc.text))
    pipeline.mark_near_duplicates(engine)
    for doc in docs[:-1]:
        write.save_analysis(engine, doc.id, Analysis(), "1")
    # one document not analyzed: the marks were made over more than the corpus assessed
    assert {d.near_duplicate_of for d, _ in read.iter_corpus(engine)} == {None}
    write.save_analysis(engine, docs[-1].id, Analysis(), "1")
    carried = {d.id: d.near_duplicate_of for d, _ in read.iter_corpus(engine)}
    assert {k: v for k, v in carried.items() if v} == _in_memory(docs)
    assert None not in carried.values()
    new = make_doc("A new unrelated note about the weather in the north.")
    write.add_document(engine, new)
    write.save_analysis(engine, new.id, Analysis(), "1")
    # a document stored and analyzed since the marks were made: they are not current
    assert {d.near_duplicate_of for d, _ in read.iter_corpus(engine)} == {None}
