"""Questions the CLI and the web app ask of the store, in one place."""

from __future__ import annotations

from sqlalchemy import Engine, and_, exists, or_, select

from sitrep.store import schema as s


def _actor_ids(conn, name: str) -> list[str]:
    """Canonical entity ids whose name or aliases contain ``name`` (case-insensitive)."""
    e = s.entities.c
    pattern = f"%{name.lower()}%"
    from sqlalchemy import func

    rows = conn.execute(select(e.id).where(or_(func.lower(e.name).like(pattern),
                                                  func.lower(e.aliases_json).like(pattern))))
    return [r.id for r in rows]


def find_quotes(engine: Engine, speaker: str | None = None, about: str | None = None,
                limit: int = 200) -> list[dict]:
    q, d = s.quotes.c, s.documents.c
    stmt = (select(q.id, q.document_id, q.start, q.end, q.kind, q.speaker_id, q.speaker_name, q.source_text,
                   q.content_text, d.title, d.outlet, d.published, d.path)
            .join(s.documents, d.id == q.document_id)
            .where(q.kind != "scare")
            .order_by(d.published, d.id, q.start).limit(limit))
    from sqlalchemy import func

    with engine.connect() as conn:
        if speaker:
            ids = _actor_ids(conn, speaker)
            alias_ids = select(s.entity_aliases.c.local_entity_id).where(s.entity_aliases.c.entity_id.in_(ids))
            stmt = stmt.where(or_(q.speaker_id.in_(ids), q.speaker_id.in_(alias_ids),
                                  func.lower(q.speaker_name).like(f"%{speaker.lower()}%")))
        if about:
            ids = _actor_ids(conn, about)
            m = s.mentions.c
            inside = exists().where(and_(m.document_id == q.document_id, m.entity_id.in_(ids),
                                         m.start >= q.start, m.end <= q.end))
            stmt = stmt.where(or_(inside, func.lower(q.content_text).like(f"%{about.lower()}%")))
        return [dict(r._mapping) for r in conn.execute(stmt)]
