"""Lines an outlet repeats across its stories, blanked in the stored texts
(see ``ingest.furniture``).

Repetition is a corpus fact: a line becomes furniture when the third story of an outlet
carries it, so this runs over the store after ingest, like near-duplicate marking.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import Engine, delete, func, select

from sitrep.ingest import furniture
from sitrep.store import schema, write


def mark_repeated_lines(engine: Engine, batch: int = 256) -> dict[str, str]:
    """Blank the lines an outlet repeats across its stories.

    Two passes over the stored texts, a page at a time: count each line's stories per
    outlet, then blank the repeated lines in place (same length: offsets hold). A document
    that changes is analyzed again and its near-duplicate keys recomputed. Returns
    path -> what its document now has dropped, for the documents changed; skipped (empty)
    when the corpus has not changed since the last time.
    """
    d, st = schema.documents.c, schema.settings
    with engine.connect() as conn:
        size = str(conn.execute(select(func.count()).select_from(schema.documents)).scalar_one())
        done = conn.execute(select(st.c.value).where(st.c.key == "repeated_lines_for")).scalar()
    if done == size:
        return {}
    counter = furniture.RepeatedLines()
    cols = (d.id, d.outlet, d.path, d.near_duplicate_of, d.text, d.meta_json)
    for row in _pages(engine, cols, batch):
        counter.add(row.outlet, row.near_duplicate_of or row.id, row.text, _meta(row.meta_json))
    changed: dict[str, str] = {}
    for row in _pages(engine, cols, batch):
        dropped = counter.dropped(row.outlet, row.text)
        if dropped:
            meta = furniture.merge(_meta(row.meta_json), dropped)
            with engine.begin() as conn:
                write.replace_text(conn, row.id, furniture.blank(row.text, dropped), meta)
            changed[row.path or row.id] = furniture.summary(meta)
    with engine.begin() as conn:
        write.set_setting(conn, "repeated_lines_for", size)
        if changed:  # the blanked texts need their near-duplicate keys again
            conn.execute(delete(st).where(st.c.key == "near_duplicates_for"))
    return changed


def _pages(engine: Engine, cols, batch: int) -> Iterator:
    """Rows of ``documents`` in id order, ``batch`` per query: never the whole corpus at once."""
    d, after = schema.documents.c, ""
    while True:
        with engine.connect() as conn:
            rows = conn.execute(select(*cols).where(d.id > after).order_by(d.id).limit(batch)).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].id


def _meta(meta_json: str | None) -> dict:
    return json.loads(meta_json) if meta_json else {}
