"""Reads: what later stages and the web app need from the store."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import Engine, func, or_, select

from sitrep.records import Analysis, Document, analysis_from_dict
from sitrep.store import schema as s


def _document(row) -> Document:
    return Document(
        id=row.id,
        text=row.text,
        path=row.path,
        title=row.title,
        outlet=row.outlet,
        author=row.author,
        published=row.published,
        url=row.url,
        language=row.language,
        encoding=row.encoding,
        format=row.format,
        meta=json.loads(row.meta_json) if row.meta_json else {},
    )


def _pending(version: str):
    d = s.documents.c
    return or_(d.analyzed_at.is_(None), d.analyzer_version != version)


def pending_documents(
    engine: Engine, version: str, after: str | None = None, limit: int | None = None
) -> list[str]:
    """Ids of documents not yet analyzed by this analyzer version (a rerun resumes here), in id
    order; ``after``/``limit`` page through them by key, so a caller need not hold them all."""
    d = s.documents.c
    q = select(d.id).where(_pending(version)).order_by(d.id).limit(limit)
    if after is not None:
        q = q.where(d.id > after)
    with engine.connect() as conn:
        return [r.id for r in conn.execute(q)]


def count_pending(engine: Engine, version: str) -> int:
    with engine.connect() as conn:
        q = select(func.count()).select_from(s.documents).where(_pending(version))
        return conn.execute(q).scalar_one()


def get_documents(engine: Engine, ids: list[str]) -> list[Document]:
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(s.documents).where(s.documents.c.id.in_(ids)))}
    return [_document(rows[i]) for i in ids if i in rows]


def get_document(engine: Engine, doc_id: str) -> Document | None:
    found = get_documents(engine, [doc_id])
    return found[0] if found else None


def iter_corpus(engine: Engine) -> Iterator[tuple[Document, Analysis]]:
    """Every analyzed document with its records, oldest publication first. Each carries its
    near-duplicate mark when the marks are current and were made over these documents only
    (every stored document analyzed), so the origins need not compute them again."""
    d = s.documents.c
    with engine.connect() as conn:
        marked = _marks_cover_analyzed(conn)
        q = (
            select(s.documents, s.analyses.c.analysis_json)
            .join(s.analyses, s.analyses.c.document_id == d.id)
            .order_by(d.published, d.id)
        )
        for row in conn.execute(q):
            doc = _document(row)
            if marked:
                doc.near_duplicate_of = row.near_duplicate_of or ""
            yield doc, analysis_from_dict(json.loads(row.analysis_json))


def _marks_cover_analyzed(conn) -> bool:
    """The near-duplicate marks were made over the whole store as it is (the settings row
    says for how many documents), and every stored document is analyzed."""
    st = s.settings.c
    done = conn.execute(select(st.value).where(st.key == "near_duplicates_for")).scalar()
    total = conn.execute(select(func.count()).select_from(s.documents)).scalar_one()
    analyzed = conn.execute(select(func.count()).select_from(s.analyses)).scalar_one()
    return done == str(total) and analyzed == total


def count_rows(engine: Engine) -> dict[str, int]:
    out = {}
    with engine.connect() as conn:
        for t in (
            s.documents,
            s.quotes,
            s.claims,
            s.entities,
            s.places,
            s.figures,
            s.dates,
            s.problems,
        ):
            out[t.name] = conn.execute(select(func.count()).select_from(t)).scalar_one()
    return out


def furniture_counts(engine: Engine) -> tuple[int, int]:
    """(documents, lines) of page furniture dropped across the store."""
    d = s.documents.c
    docs = lines = 0
    with engine.connect() as conn:
        for (meta_json,) in conn.execute(
            select(d.meta_json).where(d.meta_json.like('%"furniture"%'))
        ):
            found = json.loads(meta_json).get("furniture") or []
            docs += bool(found)
            lines += len(found)
    return docs, lines
