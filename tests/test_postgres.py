"""PostgreSQL: every store command works by URL, and gives the same rows as SQLite.

Needs a server: ``make test`` starts one (scripts/services.d/postgres.sh) and writes its
URL to build/services/postgres.url; or set SITREP_TEST_PG to a URL you own.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, ROOT, make_doc
from typer.testing import CliRunner

pytestmark = pytest.mark.postgres

URL_FILE = ROOT / "build" / "services" / "postgres.url"

OWN_DOCS = [
    '"We stand ready," General Varlamov said in Drovna on Monday.',
    "About 300 people were killed in the fighting, officials said on 26 February 2026.",
    "The council will probably announce new elections in March, according to the Drovna Herald.",
    "Prime Minister Anna Kell told reporters that the airport was closed.",
    "Такие тексты сохраняются, но не анализируются.",
]


def _server_url() -> str:
    url = os.environ.get("SITREP_TEST_PG")
    if not url and URL_FILE.is_file():
        url = URL_FILE.read_text(encoding="utf-8").strip()
    if not url:
        pytest.skip("no PostgreSQL server: run `make services` (or set SITREP_TEST_PG)")
    return url


def _fresh_database():
    """A fresh, empty database on the test server, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    from sqlalchemy.engine import make_url

    base = make_url(_server_url())
    name = f"sitrep_{uuid.uuid4().hex[:12]}"
    admin = base.render_as_string(hide_password=False)
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL server not reachable: {exc}")
    yield base.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


pg_url = pytest.fixture(_fresh_database)
module_pg_url = pytest.fixture(scope="module")(_fresh_database)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The example corpus when present, else a few documents of our own."""
    if EXAMPLES.is_dir():
        return EXAMPLES
    folder = tmp_path_factory.mktemp("corpus")
    for i, text in enumerate(OWN_DOCS):
        (folder / f"doc{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _cli(*args: str) -> None:
    from sitrep.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output + repr(result.exception)


def _export(db: str, out: Path) -> list[dict]:
    _cli("export", "--db", db, "-o", str(out))
    rows = [
        json.loads(line)
        for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return sorted(rows, key=lambda r: r["id"])


@pytest.fixture(scope="module")
def assessed(module_pg_url: str, corpus: Path, tmp_path_factory) -> tuple[str, str, Path]:
    """The corpus assessed into SQLite (one process) and PostgreSQL (two workers)."""
    out = tmp_path_factory.mktemp("assessed")
    sqlite = str(out / "s.db")
    _cli("assess", str(corpus), "--db", sqlite, "--out", str(out / "s"))
    _cli("assess", str(corpus), "--db", module_pg_url, "--out", str(out / "p"), "--workers", "2")
    return module_pg_url, sqlite, out


def test_assess_on_postgres_equals_sqlite(assessed):
    from sitrep.store import read
    from sitrep.store.db import connect

    pg, sqlite, out = assessed
    pg_counts = read.count_rows(connect(pg))
    assert pg_counts["documents"] > 0
    assert pg_counts == read.count_rows(connect(sqlite))
    assert _export(pg, out / "pe") == _export(sqlite, out / "se")
    assert _undated(out / "p" / "brief.md") == _undated(out / "s" / "brief.md")


def _undated(path: Path) -> str:
    """The brief without its generation time, which differs between the two runs."""
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "<generated>", path.read_text(encoding="utf-8"))


def test_store_commands_on_postgres(assessed, corpus: Path, tmp_path: Path):
    from sitrep.store import read
    from sitrep.store.db import connect

    pg, _sqlite, _out = assessed
    before = read.count_rows(connect(pg))
    _cli("ingest", str(corpus), "--db", pg)  # again: a no-op
    assert read.count_rows(connect(pg)) == before
    _cli("quotes", "--db", pg)
    _cli("brief", "--db", pg, "--out", str(tmp_path))
    assert (tmp_path / "brief.html").is_file()
    for fmt in ("csv", "parquet"):
        _cli("export", "--db", pg, "--format", fmt, "-o", str(tmp_path / fmt))
        assert (tmp_path / fmt / f"documents.{fmt}").is_file()


def test_writes_are_idempotent_on_postgres(pg_url: str):
    from sitrep.records import Analysis, Quote, Span
    from sitrep.store import read, write
    from sitrep.store.db import connect

    engine = connect(pg_url)
    text = '"We stand ready," said General Varlamov.'
    doc = make_doc(text, outlet="Drovna Herald")
    assert write.add_document(engine, doc) is True
    assert write.add_document(engine, doc) is False
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
    for _ in range(2):
        write.save_analysis(engine, doc.id, Analysis(quotes=[q]), "t")
    counts = read.count_rows(engine)
    assert counts["documents"] == 1 and counts["quotes"] == 1
    [(_, analysis)] = list(read.iter_corpus(engine))
    assert analysis.quotes[0].contents[0].text == "We stand ready"


def test_near_duplicates_on_postgres_equal_in_memory(pg_url: str):
    """The band-key queries are portable: the same roots as the in-memory LSH, undated
    documents first as on SQLite, and keys filled lazily for documents stored without them."""
    from tests.test_near_duplicates_store import _corpus, _in_memory, _marked

    from sitrep import pipeline
    from sitrep.ingest.dedupe import band_keys
    from sitrep.store import write
    from sitrep.store.db import connect

    engine = connect(pg_url)
    docs = _corpus()
    for i, doc in enumerate(docs):
        write.add_document(engine, doc, band_keys(doc.text) if i % 2 else ())
    assert pipeline.mark_near_duplicates(engine) == len(_in_memory(docs))
    assert _marked(engine) == _in_memory(docs)
    assert pipeline.mark_near_duplicates(engine) is None
