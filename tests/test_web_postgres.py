"""The evidence browser over PostgreSQL: pages render and search uses PostgreSQL full text.

Needs a server: ``make test`` starts one (scripts/services.d/postgres.sh) and writes its
URL to build/services/postgres.url; or set SITREP_TEST_PG to a URL you own.
"""

from __future__ import annotations

import os
import uuid

import pytest
from fastapi.testclient import TestClient
from tests.conftest import ROOT
from tests.test_web_store import TRUSTED, build_store

pytestmark = pytest.mark.postgres

URL_FILE = ROOT / "build" / "services" / "postgres.url"


@pytest.fixture
def pg_db():
    psycopg = pytest.importorskip("psycopg")
    from sqlalchemy.engine import make_url

    url = os.environ.get("SITREP_TEST_PG") or (
        URL_FILE.read_text(encoding="utf-8").strip() if URL_FILE.is_file() else ""
    )
    if not url:
        pytest.skip("no PostgreSQL server: run `make services` (or set SITREP_TEST_PG)")
    base = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"sitrep_web_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL server not reachable: {exc}")
    yield base.set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_browser_reads_postgres_and_searches_with_full_text(pg_db: str):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from sitrep.deliver.web.app import create_app
    from sitrep.store.queries import open_readonly

    build_store(pg_db)
    engine = open_readonly(pg_db)
    assert engine.dialect.name == "postgresql"
    client = TestClient(create_app(engine), base_url="http://127.0.0.1")
    found = client.get("/api/search", params={"q": "soldiers airport"}).json()
    assert [d["id"] for d in found["documents"]] == ["d0c0ffee00000001"]
    assert [q["content_text"] for q in found["quotes"]] == [
        "about 300 soldiers will probably hold the airport,"
    ]
    assert (
        client.get("/api/search", params={"q": "silenced"}).json()["quotes"][0]["document_id"]
        == "bad0bad0bad0bad0"
    )
    assert client.get("/api/search", params={"q": "zebra"}).json()["documents"] == []
    doc = client.get("/api/documents/d0c0ffee00000001").json()
    assert doc["document"]["text"] == TRUSTED
    for path in (
        "/",
        "/documents/d0c0ffee00000001",
        "/actors/person:oleg-varlamov",
        "/search?q=airport",
    ):
        assert client.get(path).status_code == 200, path
    with pytest.raises(DBAPIError, match="read-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))
    engine.dispose()
