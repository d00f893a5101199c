"""Roles as records: who the document says a person is, with the characters it says it in."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select
from tests.conftest import make_doc

from sitrep.analyze.entities import extract_entities
from sitrep.records import Analysis, analysis_from_dict, to_dict
from sitrep.store import schema, write
from sitrep.store.db import connect

HOLLIS = (
    "Mark Hollis, former head of the army, said the border was quiet. "
    "Defence Minister Ilse Varga disagreed. "
    "The mayor of Drovna, Petr Kolas, asked for calm."
)


@pytest.fixture(scope="module")
def ents_of(nlp):
    return lambda text: extract_entities(nlp(text), None)


def _person(ents, name):
    [ent] = [e for e in ents.entities if e.name == name]
    return ent


@pytest.mark.parametrize(
    ("name", "role", "kind"),
    [
        ("Mark Hollis", "former head of the army", "apposition"),
        ("Ilse Varga", "Defence Minister", "title"),
        ("Petr Kolas", "mayor of Drovna", "apposition"),
    ],
)
def test_titles_and_appositions_become_role_records_with_offsets(ents_of, name, role, kind):
    ent = _person(ents_of(HOLLIS), name)
    [rec] = [r for r in ent.role_spans if r.text == role]
    assert rec.kind == kind
    assert HOLLIS[rec.start : rec.end] == role
    sentence = HOLLIS[rec.sentence_start : rec.sentence_end]
    assert role in sentence and name in sentence and sentence.strip() == sentence
    assert rec.sentence_start <= rec.start < rec.end <= rec.sentence_end


def test_a_name_without_a_title_has_no_role_records(ents_of):
    ents = ents_of("Anna Brell said the bridge was closed. Brell left early.")
    assert _person(ents, "Anna Brell").role_spans == []


def test_role_records_survive_the_json_round_trip(ents_of):
    analysis = Analysis(entities=ents_of(HOLLIS).entities)
    back = analysis_from_dict(to_dict(analysis))
    assert [e.role_spans for e in back.entities] == [e.role_spans for e in analysis.entities]


def _stored_roles(engine):
    with engine.connect() as conn:
        return [
            r._asdict() for r in conn.execute(select(schema.roles).order_by(schema.roles.c.start))
        ]


def test_roles_are_stored_per_document_and_point_at_the_canonical_actor(tmp_path, ents_of):
    from sitrep.resolve import resolve_corpus

    engine = connect(str(tmp_path / "s.db"))
    doc = make_doc(HOLLIS)
    write.add_document(engine, doc)
    analysis = Analysis(entities=ents_of(HOLLIS).entities)
    write.save_analysis(engine, doc.id, analysis, "t")
    write.save_analysis(engine, doc.id, analysis, "t")  # replaced, not doubled
    rows = _stored_roles(engine)
    assert [r["text"] for r in rows] == [
        "former head of the army",
        "Defence Minister",
        "mayor of Drovna",
    ]
    for r in rows:
        assert r["document_id"] == doc.id
        assert HOLLIS[r["start"] : r["end"]] == r["text"]
        assert r["text"] in HOLLIS[r["sentence_start"] : r["sentence_end"]]
    write.save_resolution(engine, resolve_corpus([(doc, analysis)]))
    assert {r["entity_id"] for r in _stored_roles(engine)} == {
        "person:mark-hollis",
        "person:ilse-varga",
        "person:petr-kolas",
    }


def test_a_store_from_an_earlier_version_gets_the_roles_table(tmp_path):
    db = tmp_path / "old.db"
    connect(str(db)).dispose()
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE roles")
    connect(str(db)).dispose()
    with sqlite3.connect(db) as conn:
        cols = {r[1] for r in conn.execute("PRAGMA table_info(roles)")}
    assert {
        "entity_id",
        "local_entity_id",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
    } <= cols


def test_roles_are_exported_with_the_other_tables(tmp_path, ents_of):
    from sitrep.deliver.export import export_csv

    engine = connect(str(tmp_path / "s.db"))
    doc = make_doc(HOLLIS)
    write.add_document(engine, doc)
    write.save_analysis(engine, doc.id, Analysis(entities=ents_of(HOLLIS).entities), "t")
    written = {p.name: p for p in export_csv(engine, tmp_path / "csv")}
    assert "mayor of Drovna" in written["roles.csv"].read_text(encoding="utf-8")


def test_a_description_before_a_titled_name_stops_before_the_title(ents_of):
    text = "The council's spokesman, Major Tomas Brelk, said the roads were open."
    ent = _person(ents_of(text), "Tomas Brelk")
    assert [(r.text, r.kind) for r in ent.role_spans] == [
        ("council's spokesman", "apposition"),
        ("Major", "title"),
    ]


@pytest.mark.parametrize(
    ("text", "place", "person"),
    [
        ("The mayor of Drovna, Petr Kolas, asked for calm.", "Drovna", "Petr Kolas"),
        ("The mayor of Velmira, Ansel Drog, said the square was empty.", "Velmira", "Ansel Drog"),
        ("Residents of Kessa said Ivo Tamm had left.", "Kessa", "Ivo Tamm"),
    ],
)
def test_the_name_after_mayor_of_is_a_place(nlp, text, place, person):
    from sitrep.analyze import analyze_parsed

    analysis = analyze_parsed(make_doc(text), nlp(text))
    types = {e.name: e.type for e in analysis.entities}
    assert types[place] == "place" and types[person] == "person"
    assert place in [p.text for p in analysis.places]


def test_the_governor_of_a_bank_is_not_of_a_place(ents_of):
    ents = ents_of("The governor of the Central Bank, Ivo Tamm, resigned.")
    assert {e.name: e.type for e in ents.entities}["Central Bank"] == "org"


def test_russian_titles_become_role_records_as_the_text_writes_them():
    from sitrep.analyze.ru import analyze_ru

    text = (
        "Министр обороны Иван Петров заявил, что граница спокойна. "
        "Встреча министра обороны Ивана Петрова с послом прошла в Кессе."
    )
    [ent] = [e for e in analyze_ru(make_doc(text, language="ru")).entities if e.type == "person"]
    assert ent.name == "Иван Петров" and ent.roles == ["министр обороны"]
    assert [r.text for r in ent.role_spans] == ["Министр обороны", "министра обороны"]
    for r in ent.role_spans:
        assert r.kind == "title" and text[r.start : r.end] == r.text
        sentence = text[r.sentence_start : r.sentence_end]
        assert sentence.endswith(".") and r.text in sentence and "Петров" in sentence


def test_a_russian_former_title_keeps_former_in_any_case():
    """'Бывший' opens the sentence capitalised and declines with its noun: the role is the
    former minister in both, and the record spans the words the text writes."""
    from sitrep.analyze.ru import analyze_ru

    text = (
        "Бывший министр обороны Иван Петров заявил, что граница спокойна. "
        "Встреча бывшего министра обороны Ивана Петрова с послом прошла в Кессе."
    )
    [ent] = [e for e in analyze_ru(make_doc(text, language="ru")).entities if e.type == "person"]
    assert ent.roles == ["бывший министр обороны"]
    assert [r.text for r in ent.role_spans] == [
        "Бывший министр обороны",
        "бывшего министра обороны",
    ]
    assert all(text[r.start : r.end] == r.text for r in ent.role_spans)
