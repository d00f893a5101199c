"""The resolution is saved once and read back: later commands do not resolve again."""

from __future__ import annotations

import dataclasses

from sitrep import pipeline
from sitrep.store import resolution as stored
from sitrep.store.db import connect


def test_saved_resolution_reads_back_equal_and_goes_stale(tmp_path, examples_dir, monkeypatch):
    engine = connect(str(tmp_path / "s.db"))
    docs = sorted(examples_dir.glob("*.txt"))[:4]
    settings = pipeline.JobSettings()
    gaz = pipeline.gazetteer_in_force(engine, [str(examples_dir)], None, lambda _l: None)
    pipeline.ingest_and_analyze(engine, [str(d) for d in docs[:3]], settings, gazetteer=gaz)
    items, made = pipeline.resolve(engine, gaz)
    loaded = stored.load(engine, stored.corpus_stamp(engine))
    assert loaded is not None
    for f in dataclasses.fields(made):
        assert getattr(loaded, f.name) == getattr(made, f.name), f.name

    calls = []
    real = pipeline.resolve_corpus
    monkeypatch.setattr(
        pipeline, "resolve_corpus", lambda items, gaz=None: calls.append(1) or real(items, gaz)
    )
    again, _ = pipeline.resolved(engine)
    assert calls == []  # the saved one was used
    assert [d.id for d, _a in again] == [d.id for d, _a in items]
    assert [[q.speaker.name for q in a.quotes if q.speaker] for _d, a in again] == [
        [q.speaker.name for q in a.quotes if q.speaker] for _d, a in items
    ]

    pipeline.ingest_and_analyze(
        engine, [str(docs[3])], settings, gazetteer=gaz
    )  # the corpus changed: resolved afresh
    pipeline.resolved(engine)
    assert calls == [1]


def test_brief_from_the_store_matches_the_main_job(tmp_path, examples_dir):
    from typer.testing import CliRunner

    from sitrep.cli import app

    db, first, second = tmp_path / "s.db", tmp_path / "a", tmp_path / "b"
    sources = examples_dir / "sources.toml"
    r = CliRunner().invoke(
        app,
        [
            "assess",
            str(examples_dir),
            "--db",
            str(db),
            "--out",
            str(first),
            "--sources",
            str(sources),
        ],
    )
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["brief", "--db", str(db), "--out", str(second)])
    assert r.exit_code == 0, r.output

    def body(folder):
        return [
            line
            for line in (folder / "brief.md").read_text(encoding="utf-8").splitlines()
            if "Generated" not in line and "generated" not in line
        ]

    assert body(first) == body(second)
