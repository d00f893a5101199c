"""Checking where ``--db`` points before SQLAlchemy does, so the message says what to do.

SQLAlchemy's own errors ("unable to open database file", a link to its FAQ) do not say
whether the folder is missing, the path is a folder, the place is read-only, or the file
is something else; these checks do, in words a user can act on.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
POSTGRES_HINT = (
    "PostgreSQL needs its driver: pip install 'sitrep[postgres]' (or pip install "
    "'psycopg[binary]'), or use a SQLite file with --db FILE"
)


class StoreError(Exception):
    """A database location that cannot be used; the message names the path and the remedy."""


def check_sqlite_path(path: Path, create: bool) -> None:
    if path.is_dir():
        raise StoreError(
            f"{path} is a folder, not a database file; name a file in it, e.g. --db "
            f"{path / 'sitrep.db'}"
        )
    if not path.exists():
        if not create:
            raise StoreError(
                f"no sitrep database at {path} (run `sitrep ingest` or `sitrep assess` first)"
            )
        folder = path.parent
        if not folder.is_dir():
            what = "is a file, not a folder" if folder.exists() else "does not exist"
            raise StoreError(
                f"cannot create {path}: the folder {folder} {what}; create it first "
                "or choose another --db"
            )
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(
                f"cannot create {path}: the folder {folder} is not writable; choose another --db"
            )
        return
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read {path} (permission denied)")
    if create and not os.access(path, os.W_OK):
        raise StoreError(
            f"{path} is read-only; choose another --db, or use `sitrep serve` to browse it"
        )
    check_is_sitrep(path)


def check_is_sitrep(path: Path) -> None:
    """An existing file must be SQLite, and empty or one sitrep made."""
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if not head:
        return  # an empty file becomes a new store
    if head != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not a sitrep database (not a SQLite file); choose another --db"
        )
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is a damaged SQLite file ({exc}); choose another --db") from exc
    if tables and not {"settings", "documents"} <= tables:
        shown = ", ".join(sorted(tables)[:5])
        raise StoreError(
            f"{path} is a SQLite database but not sitrep's (its tables: {shown}); choose "
            "another --db"
        )


def plain_reason(exc: BaseException) -> str:
    """The driver's own first line ("connection refused"), without SQLAlchemy's wrapper and link."""
    orig = getattr(exc, "orig", None) or exc
    first = next(
        (line.strip() for line in str(orig).splitlines() if line.strip()), type(orig).__name__
    )
    hint = ""
    if "refused" in first or "could not translate host" in first or "timeout" in first.lower():
        hint = " (is the server running, and are the host and port in the URL right?)"
    elif "password" in first or "authentication" in first:
        hint = " (check the user and password in the URL, or PGPASSWORD)"
    elif "does not exist" in first and "database" in first:
        hint = " (create the database first: createdb NAME)"
    return first + hint
