"""Near-duplicate marks kept in the store: which documents are copies of an earlier one.

The MinHash LSH index lives in the ``minhash_bands`` table, so marking the corpus asks the
database for candidates instead of holding an index in memory; ``documents.near_duplicate_of``
is what later stages (origins, the brief) read.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import (
    Engine,
    Select,
    and_,
    bindparam,
    delete,
    exists,
    func,
    or_,
    select,
    update,
)

from sitrep.ingest.dedupe import BAND_SCHEME, band_keys
from sitrep.store import schema, write


def mark_near_duplicates(engine: Engine) -> int | None:
    """Record which documents are near-copies (wire copy) of an earlier one.

    The same answer as ``ingest.dedupe.near_duplicates`` over the corpus in (published, id)
    order, undated documents first, but the LSH index is the ``minhash_bands`` table: each
    document asks the database for earlier documents sharing a band key, and its root is
    the earliest root among them. Memory stays flat however large the corpus is.

    Skipped (returns None) when the corpus has not changed since the last time, which
    the ``settings`` table records; a run killed before this step redoes it next time.
    """
    d, st = schema.documents.c, schema.settings
    with engine.connect() as conn:
        size = str(conn.execute(select(func.count()).select_from(schema.documents)).scalar_one())
        done = conn.execute(select(st.c.value).where(st.c.key == "near_duplicates_for")).scalar()
    if done == size:
        return None
    fill_band_keys(engine)
    marked = 0
    with engine.begin() as conn:  # one transaction: the roots written so far are read back
        conn.execute(update(schema.documents).values(near_duplicate_of=None))
        order = func.coalesce(d.published, "")
        rows = conn.execute(
            select(d.id, order.label("sort_key")).order_by(order, d.id),
            execution_options={"yield_per": 256},
        )  # streamed; only this query
        find_root = _earliest_root_query()
        mark = (
            update(schema.documents)
            .where(d.id == bindparam("doc_id"))
            .values(near_duplicate_of=bindparam("root"))
        )
        for row in rows:
            root = conn.execute(find_root, {"doc_id": row.id, "sort_key": row.sort_key}).scalar()
            if root is not None:
                conn.execute(mark, {"doc_id": row.id, "root": root})
                marked += 1
        write.set_setting(conn, "near_duplicates_for", size)
    return marked


@cache
def _earliest_root_query() -> Select:
    """The earliest root among the documents before ``:doc_id`` that share a band key with it
    (a hit's root is what it was marked a copy of, else itself). Built once: constructing
    the statement costs more than running it."""
    me, other = schema.minhash_bands.alias("me"), schema.minhash_bands.alias("other")
    hit, root = schema.documents.alias("hit"), schema.documents.alias("root")
    hit_key, root_key = func.coalesce(hit.c.published, ""), func.coalesce(root.c.published, "")
    doc_id, sort_key = bindparam("doc_id"), bindparam("sort_key")
    return (
        select(root.c.id)
        .select_from(me)
        .join(other, and_(other.c.band == me.c.band, other.c.key == me.c.key))
        .join(hit, hit.c.id == other.c.document_id)
        .join(root, root.c.id == func.coalesce(hit.c.near_duplicate_of, hit.c.id))
        .where(
            me.c.document_id == doc_id,
            or_(hit_key < sort_key, and_(hit_key == sort_key, hit.c.id < doc_id)),
        )
        .order_by(root_key, root.c.id)
        .limit(1)
    )


def fill_band_keys(engine: Engine, batch: int = 256) -> int:
    """Compute the MinHash LSH keys of stored documents that have none (stored by an older
    sitrep, or without them); all of them again when the key scheme changed. Returns how many."""
    d, mb, st = schema.documents.c, schema.minhash_bands, schema.settings
    with engine.begin() as conn:
        if (
            conn.execute(select(st.c.value).where(st.c.key == "minhash_bands")).scalar()
            != BAND_SCHEME
        ):
            conn.execute(delete(mb))
            write.set_setting(conn, "minhash_bands", BAND_SCHEME)
    filled, after = 0, ""
    while True:
        with (
            engine.begin() as conn
        ):  # a page per transaction: text of ``batch`` documents at a time
            rows = conn.execute(
                select(d.id, d.text)
                .where(d.id > after, ~exists().where(mb.c.document_id == d.id))
                .order_by(d.id)
                .limit(batch)
            ).all()
            for row in rows:
                write.save_band_keys(conn, row.id, band_keys(row.text))
        if not rows:
            return filled
        filled += len(rows)
        after = rows[-1].id
