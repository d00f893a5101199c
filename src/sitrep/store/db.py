"""Opening the store: a SQLite file by default (WAL, FTS5), any SQLAlchemy URL otherwise."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text

from sitrep.store.location import POSTGRES_HINT, StoreError, check_sqlite_path
from sitrep.store.schema import ANALYSIS_TABLES, SCHEMA_VERSION, documents, metadata, settings

DEFAULT_DB = "sitrep.db"

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(document_id UNINDEXED, title, "
    "text)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(quote_id UNINDEXED, document_id "
    "UNINDEXED, speaker, text)",
]


def resolve_url(db: str | None) -> str:
    """``--db`` accepts a file path or a SQLAlchemy URL; ``SITREP_DB`` is the default."""
    db = db or os.environ.get("SITREP_DB") or DEFAULT_DB
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://") :]
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE: a deferred transaction that reads
    # and then writes fails at once (SQLITE_BUSY) when another process wrote in between.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = 60000")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def connect(db: str | None = None, create: bool = True) -> Engine:
    """An engine with the schema in place; safe to call from several processes at once."""
    url = resolve_url(db)
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        check_sqlite_path(path, create)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    else:
        engine = server_engine(url)
    if create:
        init_schema(engine)
    return engine


def server_engine(url: str) -> Engine:
    """A database server's engine; a missing driver is named with the extra that installs it."""
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        if url.startswith("postgresql"):
            raise StoreError(POSTGRES_HINT) from exc
        raise StoreError(
            f"no driver for {url.split(':', 1)[0]} ({exc}); install it, or use --db FILE"
        ) from exc


def add_new_columns(conn, tables) -> None:
    """A store an earlier version wrote gets the columns added since to ``tables``."""
    from sqlalchemy import inspect

    found = inspect(conn)
    for table in tables:
        have = {c["name"] for c in found.get_columns(table.name)}
        for col in table.columns:
            if col.name not in have:
                conn.execute(
                    text(
                        f'ALTER TABLE {table.name} ADD COLUMN "{col.name}" '
                        f"{col.type.compile(conn.dialect)}"
                    )
                )


def init_schema(engine: Engine) -> None:
    with engine.begin() as conn:
        metadata.create_all(conn, checkfirst=True)
        add_new_columns(conn, (documents, *ANALYSIS_TABLES))
        if is_sqlite(engine):
            for ddl in SQLITE_FTS:
                conn.execute(text(ddl))
        existing = conn.execute(settings.select().where(settings.c.key == "schema_version")).first()
        if existing is None:
            try:
                with conn.begin_nested():
                    conn.execute(
                        settings.insert().values(key="schema_version", value=str(SCHEMA_VERSION))
                    )
            except Exception:  # another process created it first
                pass
