"""The assessment's tables: saved and read back, replaced whole on a rerun."""

from __future__ import annotations

from factories import corpus
from sitrep.assess import assess_corpus
from sitrep.store import write
from sitrep.store.assessment import (
    load_contradictions,
    load_judgments,
    load_storylines,
    save_assessment,
)
from sitrep.store.db import connect


def test_save_and_load(tmp_path):
    engine = connect(str(tmp_path / "s.db"))
    items = corpus()
    for doc, an in items:
        write.add_document(engine, doc)
        write.save_analysis(engine, doc.id, an, "test")
    a = assess_corpus(items)
    save_assessment(engine, a)
    save_assessment(engine, a)  # a rerun replaces, never duplicates
    stored = load_storylines(engine)
    assert [s["id"] for s in stored] == [s.id for s in a.storylines]
    by_id = {s.id: s for s in a.storylines}
    for row in stored:
        s = by_id[row["id"]]
        assert row["origin_count"] == len(s.origins) and len(row["members"]) == len(s.members)
        assert row["status"] in ("confirmed", "single-origin", "circular", "syndicated")
        for m in row["members"]:
            doc = next(d for d, _ in items if d.id == m["document_id"])
            assert doc.text[m["start"] : m["end"]] == m["text"]
    assert any(r["status"] == "circular" for r in stored)
    kinds = sorted(c["kind"] for c in load_contradictions(engine))
    assert kinds == ["figure", "stance"]
    stance = next(c for c in load_contradictions(engine) if c["kind"] == "stance")
    assert [s["stance"] for s in stance["sides"]] == ["dismissive", "accusatory"]
    assert len(load_judgments(engine)) == len(a.judgments)
