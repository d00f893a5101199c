"""End to end through the CLI on the example corpus: assess, re-ingest, extract, quotes, export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory, examples_dir) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = runner.invoke(
        app, ["assess", str(examples_dir), "--db", str(out / "s.db"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_assess_writes_brief_and_store(demo: Path):
    html = (demo / "brief.html").read_text()
    md = (demo / "brief.md").read_text()
    assert "<html" in html and "Varlamov" in html and "Varlamov" in md
    with sqlite3.connect(demo / "s.db") as conn:
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        ru = conn.execute("SELECT count(*) FROM documents WHERE language = 'ru'").fetchone()[0]
    assert docs >= 20 and quotes > 0 and ru >= 1


def test_reingest_is_a_noop(demo: Path, examples_dir: Path):
    result = runner.invoke(app, ["ingest", str(examples_dir), "--db", str(demo / "s.db")])
    assert result.exit_code == 0, result.output
    assert "0 new document(s)" in result.output and "already stored" in result.output


def test_extract_emits_the_contract(examples_dir: Path):
    result = runner.invoke(app, ["extract", str(examples_dir), "--jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) >= 20
    from sitrep.ingest import read_sources
    from sitrep.records import Document

    walk_order = [d.path for d in read_sources([str(examples_dir)]) if isinstance(d, Document)]
    assert [d["path"] for d in lines] == walk_order  # stable: the order files are found in
    for d in lines:
        assert d["format"] == "sitrep/1"
        for key in (
            "title",
            "outlet",
            "author",
            "published",
            "text",
            "quotes",
            "claims",
            "entities",
            "places",
            "figures",
            "dates",
        ):
            assert key in d
        text = d["text"]
        for kind in ("quotes", "claims", "hedges", "places", "figures", "dates"):
            for rec in d[kind]:
                assert text[rec["start"] : rec["end"]] == rec["text"], (kind, rec)
        for q in d["quotes"]:
            for span in [q["cue"], *q["sources"], *q["contents"]]:
                if span:
                    assert text[span["start"] : span["end"]] == span["text"]


def test_extract_reports_problems_and_goes_on(tmp_path: Path):
    (tmp_path / "good.txt").write_text(
        "“We will not leave,” said Mayor Elin Sorn of Kelmar on Friday."
    )
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = runner.invoke(app, ["extract", str(tmp_path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.stdout.count('"format": "sitrep/1"') == 1
    assert "bad.txt" in result.stderr and "missing.txt" in result.stderr


def test_quotes_view_and_exports(demo: Path):
    result = runner.invoke(app, ["quotes", "--db", str(demo / "s.db"), "--limit", "500"])
    assert result.exit_code == 0, result.output
    for fmt in ("jsonl", "csv", "parquet"):
        target = demo / f"export-{fmt}"
        result = runner.invoke(
            app, ["export", "--db", str(demo / "s.db"), "--format", fmt, "--out", str(target)]
        )
        assert result.exit_code == 0, result.output
    first = json.loads((demo / "export-jsonl" / "documents.jsonl").read_text().splitlines()[0])
    assert first["format"] == "sitrep/1"
    assert (demo / "export-csv" / "quotes.csv").exists() and (
        demo / "export-parquet" / "quotes.parquet"
    ).exists()


def test_missing_database_is_a_clear_error(tmp_path: Path):
    result = runner.invoke(app, ["quotes", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 2 and "no sitrep database" in result.output


def test_entities_and_entity_views(demo: Path, monkeypatch):
    from sitrep.commands import entities as cmd

    monkeypatch.setattr(cmd.out, "width", 240)  # a wide terminal: no cell is cut short
    db = str(demo / "s.db")
    result = runner.invoke(app, ["entities", "--db", db, "--type", "person", "--limit", "200"])
    assert result.exit_code == 0, result.output
    assert "Varlamov" in result.stdout
    result = runner.invoke(
        app, ["entity", "Варламов", "--db", db]
    )  # a Cyrillic alias finds the same actor
    assert result.exit_code == 0, result.output
    assert "person:oleg-varlamov" in result.stdout and "Quotes by" in result.stdout
    assert runner.invoke(app, ["entities", "--db", db, "--type", "planet"]).exit_code == 2
    assert runner.invoke(app, ["entity", "Nobody Atall", "--db", db]).exit_code == 1


def test_quotes_about_means_mentioned_in_what_was_said(demo: Path):
    from sitrep.store.queries import NoSuchActor, find_quotes, open_readonly

    engine = open_readonly(str(demo / "s.db"))
    about = find_quotes(engine, about="Varlamov", limit=500)
    by = {r["id"] for r in find_quotes(engine, speaker="Varlamov", limit=500)}
    assert about and not by & {r["id"] for r in about}, (
        "a quote by Varlamov is not a quote about him"
    )
    with pytest.raises(NoSuchActor):
        find_quotes(engine, about="Nobody")
    result = runner.invoke(app, ["quotes", "--db", str(demo / "s.db"), "--about", "Nobody"])
    assert result.exit_code == 1 and "no actor is called 'Nobody'" in result.output


def test_a_name_that_fits_several_actors_is_asked_about_not_mixed(demo: Path):
    from sitrep.store.queries import AmbiguousActor, find_quotes, open_readonly

    db = str(demo / "s.db")
    engine = open_readonly(db)
    with pytest.raises(AmbiguousActor) as caught:  # Anton Ivanek and Dana Ivanek share a surname
        find_quotes(engine, speaker="Ivanek")
    assert {c["id"] for c in caught.value.candidates} >= {
        "person:anton-ivanek",
        "person:dana-ivanek",
    }
    for args in (
        ["quotes", "--speaker", "Ivanek"],
        ["quotes", "--about", "Ivanek"],
        ["entity", "Ivanek"],
    ):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 1, (args, result.output)
        assert "person:anton-ivanek" in result.stderr and "person:dana-ivanek" in result.stderr
        assert "fuller name" in result.stderr and "Quotes by" not in result.stdout
    dana = find_quotes(engine, speaker="Dana Ivanek", limit=500)
    assert dana and {r["id"] for r in dana} == {
        r["id"] for r in find_quotes(engine, speaker="person:dana-ivanek", limit=500)
    }
    anton = {r["id"] for r in find_quotes(engine, speaker="Anton Ivanek", limit=500)}
    assert anton and not anton & {r["id"] for r in dana}
    result = runner.invoke(app, ["entity", "person:dana-ivanek", "--db", db])
    assert result.exit_code == 0 and "Dana Ivanek" in result.stdout
    result = runner.invoke(
        app, ["entity", "Veskaria", "--db", db]
    )  # one actor has exactly that name
    assert result.exit_code == 0 and "place:veskaria" in result.stdout


def test_quotes_min_confidence_keeps_only_surer_quotes(demo: Path):
    from sitrep.store.queries import find_quotes, open_readonly

    engine = open_readonly(str(demo / "s.db"))
    every = find_quotes(engine, limit=5000)
    sure = find_quotes(engine, limit=5000, min_confidence=0.8)
    assert sure and len(sure) < len(every)
    assert all(r["confidence"] >= 0.8 for r in sure)
    assert {r["id"] for r in sure} <= {r["id"] for r in every}
    result = runner.invoke(
        app, ["quotes", "--db", str(demo / "s.db"), "--min-confidence", "0.8", "--limit", "500"]
    )
    assert result.exit_code == 0, result.output
    assert (
        runner.invoke(
            app, ["quotes", "--db", str(demo / "s.db"), "--min-confidence", "2"]
        ).exit_code
        == 2
    )
