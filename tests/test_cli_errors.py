"""Mistakes a new user makes get a message that says what is wrong and what to do."""

from __future__ import annotations

import json
import os
import sqlite3
import sys

import pytest
import typer
from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()
REPORT = 'Defence Minister Anna Teller said on 3 May that "the convoy is a routine exercise."\n'


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


@pytest.fixture()
def folder(tmp_path):
    f = tmp_path / "in"
    f.mkdir()
    (f / "report.txt").write_text(REPORT, encoding="utf-8")
    return f


def test_db_in_a_missing_folder_is_not_created(tmp_path, folder):
    db = tmp_path / "no-such-dir" / "x.db"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 2
    assert "does not exist" in result.output and "create it first" in result.output
    assert not db.parent.exists()


def test_db_that_is_a_folder(tmp_path, folder):
    result = run("ingest", str(folder), "--db", str(tmp_path))
    assert result.exit_code == 2 and "is a folder, not a database file" in result.output


def test_db_that_is_not_sitrep(tmp_path, folder):
    text = tmp_path / "notes.db"
    text.write_text("shopping list\n", encoding="utf-8")
    result = run("ingest", str(folder), "--db", str(text))
    assert result.exit_code == 2 and "not a sitrep database (not a SQLite file)" in result.output
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (n INTEGER)")
    result = run("brief", "--db", str(other))
    assert result.exit_code == 2 and "not sitrep's (its tables: invoices)" in result.output


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write anywhere")
def test_db_in_a_read_only_folder(tmp_path, folder):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run("ingest", str(folder), "--db", str(locked / "x.db"))
        assert result.exit_code == 2 and "not writable" in result.output
    finally:
        locked.chmod(0o700)


def test_postgres_without_its_driver_names_the_extra(monkeypatch, folder):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    result = run("ingest", str(folder), "--db", "postgresql://someone@127.0.0.1:1/nowhere")
    assert result.exit_code == 2
    assert "pip install 'sitrep[postgres]'" in result.output


def test_unreachable_postgres_says_so_without_sqlalchemy_links(folder):
    pytest.importorskip("psycopg")
    result = run("ingest", str(folder), "--db", "postgresql://someone@127.0.0.1:1/nowhere")
    assert result.exit_code == 2
    assert "sqlalche.me" not in result.output and "is the server running" in result.output


def test_nothing_read_means_no_brief(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    result = run("ingest", str(empty), "--db", str(tmp_path / "a.db"))
    assert result.exit_code == 1 and "no document found" in result.output
    result = run(
        "assess", str(tmp_path / "missing"), "--db", str(tmp_path / "b.db"), "--out", str(out)
    )
    assert result.exit_code == 1 and "nothing to assess" in result.output
    assert not (out / "brief.html").exists()
    run("ingest", str(empty), "--db", str(tmp_path / "c.db"))
    result = run("brief", "--db", str(tmp_path / "c.db"), "--out", str(out))
    assert result.exit_code == 1 and "holds no documents" in result.output
    assert not (out / "brief.md").exists()


def test_published_must_name_a_day(tmp_path, folder):
    db = tmp_path / "s.db"
    result = run("ingest", str(folder), "--db", str(db), "--published", "yesterday")
    assert result.exit_code == 2 and "not a date sitrep can pin down" in result.output
    result = run("ingest", str(folder), "--db", str(db), "--published", "7 March 2026")
    assert result.exit_code == 0, result.output
    assert "read as 2026-03-07" in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT published FROM documents").fetchone()[0] == "2026-03-07"


def test_version_and_help_read_cleanly():
    from sitrep import __version__

    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output
    command = typer.main.get_command(app)
    for name, sub in command.commands.items():
        text = run(name, "--help").output
        assert "<list[" not in text, name
        for param in sub.params:
            if param.name != "help" and param.param_type_name == "option":
                assert param.help, f"sitrep {name} {param.opts[0]} has no help text"


def test_extract_writes_json_lines_or_one_array(folder):
    lines = run("extract", str(folder)).stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["text"].startswith("Defence")
    array = json.loads(run("extract", str(folder), "--json").stdout)
    assert isinstance(array, list) and len(array) == 1
