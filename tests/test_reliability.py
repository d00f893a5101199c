"""Hostile input, interrupted runs and fuzzing: sitrep loses nothing and explains every refusal."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.ingest import IngestProblem, Limits, read_sources
from sitrep.records import Document

GOOD = "Soldiers blocked the bridge in Ostrovets on Sunday, residents said.\n"


def _read(paths, limits=None):
    docs, problems = [], []
    for item in read_sources([str(p) for p in paths], limits=limits):
        (problems if isinstance(item, IngestProblem) else docs).append(item)
    return docs, {Path(p.path.split("#")[0]).name: p.message for p in problems}


def test_hostile_corpus_every_good_document_goes_in(tmp_path: Path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (tmp_path / "huge.txt").write_bytes(b"")
    os.truncate(tmp_path / "huge.txt", 200_000_000)  # sparse: no disk used
    (tmp_path / "longline.txt").write_bytes(b"a" * 10_000_000)
    (tmp_path / "invalid.txt").write_bytes(
        "Президент заявил ".encode() + b"\xff\xfe\xfa" + " что армия".encode() * 20
    )
    (tmp_path / "nested.html").write_text(
        "<div>" * 5000 + "<p>" + GOOD * 5 + "</p>" + "</div>" * 5000
    )
    (tmp_path / "scripts.html").write_text(
        "<html><body><script>alert(1)</script><iframe src='https://x.invalid'></iframe>"
        "<article><p>"
        + GOOD * 4
        + "</p></article><script>document.write('x')</script></body></html>"
    )
    (tmp_path / "broken.html").write_text(
        "<html><body><p>unclosed <b>tags <i>everywhere " + GOOD * 3
    )
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "data.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (tmp_path / "lines.jsonl").write_text(json.dumps({"text": GOOD}) + "\n[1,2]\n{not json\n")
    docs, problems = _read([tmp_path])
    names = sorted(Path(d.path.split("#")[0]).name for d in docs)
    assert "good.txt" in names and "scripts.html" in names and "lines.jsonl" in names
    assert "invalid.txt" in names  # mixed/invalid UTF-8 is read, not refused
    assert "limit" in problems["huge.txt"] and "SITREP_MAX_BYTES" in problems["huge.txt"]
    assert "line longer" in problems["longline.txt"]
    assert "binary" in problems["png.txt"]
    assert "empty" in problems["empty.md"]
    assert "zip" in problems["data.zip"]
    assert "lines.jsonl" in problems
    scripts = next(d for d in docs if d.path.endswith("scripts.html"))
    assert "alert" not in scripts.text and "document.write" not in scripts.text


def test_limits_are_settings(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD * 10)
    docs, problems = _read([tmp_path], Limits(max_bytes=100))
    assert docs == [] and "limit" in problems["a.txt"]


def test_file_vanishing_mid_run_is_reported(tmp_path: Path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD + "More.")
    real_read = Path.read_bytes

    def flaky(self):
        if self.name == "a.txt":
            raise FileNotFoundError(self)
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", flaky)
    docs, problems = _read([tmp_path])
    assert [Path(d.path).name for d in docs] == ["b.txt"] and "vanished" in problems["a.txt"]


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch):
    (tmp_path / "secret.txt").write_text(GOOD)

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    docs, problems = _read([tmp_path])
    assert docs == [] and "permission denied" in problems["secret.txt"]


def test_language_not_analyzed_is_stored_and_reported(tmp_path: Path):
    from sitrep import pipeline
    from sitrep.store.db import connect

    (tmp_path / "de.txt").write_text(
        "Die Regierung hat am Dienstag den Ausnahmezustand verhängt, sagte der Sprecher. " * 3
    )
    engine = connect(str(tmp_path / "s.db"))
    report = pipeline.ingest(engine, [tmp_path])
    assert len(report.added) == 1
    analyzed = pipeline.analyze_pending(engine)
    assert analyzed.not_analyzed and "language" in analyzed.not_analyzed[0][1]
    with sqlite3.connect(tmp_path / "s.db") as conn:
        lang, note = conn.execute("SELECT language, analysis_note FROM documents").fetchone()
    assert lang == "de" and "not analyzed" in note


def _write_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:04d}.txt").write_text(
            f"Dispatch {i}. “We will hold Kelmar,” said Colonel Anna Rask on Tuesday. "
            f"According to Meridian Press, about {100 + i} soldiers crossed the bridge near "
            "Ostrovets. It is possible that more units will follow, officials said.\n"
        )


def _counts(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        return {
            "documents": conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            "distinct": conn.execute("SELECT count(DISTINCT path) FROM documents").fetchone()[0],
            "analyzed": conn.execute(
                "SELECT count(*) FROM documents WHERE analyzed_at IS NOT NULL"
            ).fetchone()[0],
            "analyses": conn.execute("SELECT count(*) FROM analyses").fetchone()[0],
            "orphans": conn.execute(
                "SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.document_id WHERE "
                "d.analyzed_at IS NULL"
            ).fetchone()[0],
        }


@pytest.mark.slow
def test_kill_9_during_assess_then_rerun_loses_nothing(tmp_path: Path):
    corpus, db, out = tmp_path / "corpus", tmp_path / "k.db", tmp_path / "out"
    _write_corpus(corpus, 400)
    cmd = [
        sys.executable,
        "-m",
        "sitrep.cli",
        "assess",
        str(corpus),
        "--db",
        str(db),
        "--out",
        str(out),
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.time() + 240
    while time.time() < deadline:
        time.sleep(0.5)
        if db.exists():
            try:
                if _counts(db)["analyzed"] >= 20:
                    break
            except sqlite3.OperationalError:
                continue
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _counts(db)
    assert partial["analyzed"] < 400, (
        "the run finished before it could be killed; raise the corpus size"
    )
    assert partial["orphans"] == 0 and partial["analyses"] == partial["analyzed"]
    subprocess.run(
        cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900
    )
    final = _counts(db)
    assert final == {
        "documents": 400,
        "distinct": 400,
        "analyzed": 400,
        "analyses": 400,
        "orphans": 0,
    }
    assert (out / "brief.html").exists()


@given(st.text(max_size=300), st.sampled_from(["txt", "md", "html", "jsonl", "xml"]))
def test_any_file_content_gives_documents_or_problems(tmp_path_factory, text: str, ext: str):
    d = tmp_path_factory.mktemp("f")
    f = d / f"x.{ext}"
    f.write_bytes(text.encode("utf-8", "replace"))
    for item in read_sources([str(f)]):
        assert isinstance(item, Document | IngestProblem)
        if isinstance(item, IngestProblem):
            assert item.message and "x." in item.path
