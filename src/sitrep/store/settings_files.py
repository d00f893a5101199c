"""The settings files a run used, kept in the store so later commands keep using them.

A ``sitrep brief`` run a week after ``sitrep assess`` must grade outlets with the same
table, place names with the same gazetteer and weigh the same hypotheses, even when the
files are not named again; silently falling back to "every outlet is F" would change
the assessment without saying so. Each change of a file is a new row: the history says
which table was in force when.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, insert, select

from sitrep.store import schema as s


@dataclass(frozen=True)
class StoredFile:
    kind: str  # "sources", "gazetteer" or "hypotheses"
    path: str | None
    text: str
    stored_at: str


def remember(engine: Engine, kind: str, path: Path) -> bool:
    """Store the file's text unless the latest stored copy of ``kind`` is
    the same; True if stored."""
    text = Path(path).read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    s.settings_files.create(engine, checkfirst=True)  # a store made before this table existed
    latest = recall(engine, kind)
    if latest is not None and hashlib.sha256(latest.text.encode("utf-8")).hexdigest() == digest:
        return False
    with engine.begin() as conn:
        conn.execute(
            insert(s.settings_files).values(
                kind=kind,
                path=str(path),
                sha256=digest,
                text=text,
                stored_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            )
        )
    return True


def recall(engine: Engine, kind: str) -> StoredFile | None:
    """The latest stored copy of ``kind``, or None when no run has used one."""
    c = s.settings_files.c
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, "settings_files"):
            return None
        row = conn.execute(
            select(c.kind, c.path, c.text, c.stored_at)
            .where(c.kind == kind)
            .order_by(c.id.desc())
            .limit(1)
        ).first()
    return StoredFile(row.kind, row.path, row.text, row.stored_at) if row else None


def history(engine: Engine, kind: str) -> list[StoredFile]:
    c = s.settings_files.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(c.kind, c.path, c.text, c.stored_at).where(c.kind == kind).order_by(c.id)
        )
        return [StoredFile(r.kind, r.path, r.text, r.stored_at) for r in rows]


@dataclass(frozen=True)
class Chosen:
    path: Path | None
    note: str | None  # what the command says about it, or None when nothing is worth saying


_KEEP: list = []  # temporary folders that must live as long as the process (workers read the files)


def choose(engine: Engine, kind: str, given: Path | None) -> Chosen:
    """The settings file a command uses: the one given (stored for next time), else the stored one.

    A stored copy is written to a temporary file, since the loaders and worker
    processes read files; the note says which copy is in force and since when.
    """
    if given is not None:
        changed = remember(engine, kind, given)
        return Chosen(
            given, f"{kind}: {given} (stored in the database{'' if changed else ', unchanged'})"
        )
    stored = recall(engine, kind)
    if stored is None:
        return Chosen(None, None)
    import tempfile

    folder = tempfile.TemporaryDirectory(prefix="sitrep-")
    _KEEP.append(folder)
    name = Path(stored.path).name if stored.path else f"{kind}.toml"
    path = Path(folder.name) / name
    path.write_text(stored.text, encoding="utf-8")
    return Chosen(
        path,
        f"{kind}: the copy of {stored.path} stored {stored.stored_at} "
        "(name a file again to change it)",
    )
