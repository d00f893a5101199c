"""The stored assessment as the browser shows it: key judgments, storylines, caveats.

The assessment stage writes these tables (``sitrep.store.assessment``); the browser
only reads them. A store made before any assessment ran has empty (or no) tables,
and the pages then say so while the rest of the browser works.
"""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import Engine, func, select

from sitrep.store import assessment as a
from sitrep.store.queries import table_names


def _rows(engine: Engine, stmt) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def available(engine: Engine) -> bool:
    """True when an assessment has been stored."""
    if "storylines" not in table_names(engine):
        return False
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(a.storylines)).scalar_one() > 0


def passage_link(document_id: str | None, start: int | None, end: int | None) -> str | None:
    """The document with this passage highlighted and scrolled to."""
    if not document_id:
        return None
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return f"/documents/{quote(document_id)}?span={start}-{end}#focus"
    return f"/documents/{quote(document_id)}"


def evidence_link(row: dict) -> str | None:
    """Where a row's evidence is: its passage, or the record it names."""
    for key in ("quote_id", "claim_id"):
        if isinstance(row.get(key), str) and ":" in row[key]:
            doc = row[key].split(":", 1)[0]
            return f"/documents/{quote(doc)}?focus={quote(row[key], safe='')}#focus"
    if row.get("lead_document_id"):
        return passage_link(row["lead_document_id"], row.get("lead_start"), row.get("lead_end"))
    return passage_link(row.get("document_id"), row.get("start"), row.get("end"))


def _leads(engine: Engine) -> dict[str, dict]:
    s = a.storylines.c
    return {
        r["id"]: r
        for r in _rows(
            engine,
            select(
                s.id,
                s.title,
                s.status,
                s.lead_document_id,
                s.lead_start,
                s.lead_end,
                s.origin_count,
                s.document_count,
            ),
        )
    }


def judgments(engine: Engine) -> list[dict]:
    """Key judgments, best first, each with its storyline's status and lead passage."""
    if not available(engine):
        return []
    leads = _leads(engine)
    out = []
    for j in a.load_judgments(engine):
        story = leads.get(j["storyline_id"], {}) if j["storyline_id"] else {}
        j.update(
            status=story.get("status") or ("stance" if j["kind"] == "stance" else "single-origin"),
            origin_count=story.get("origin_count"),
            document_count=story.get("document_count"),
            evidence=evidence_link(story)
            if story
            else passage_link(j["document_id"], j["start"], j["end"]),
        )
        out.append(j)
    return out


def storylines(engine: Engine, limit: int | None = None) -> list[dict]:
    if not available(engine):
        return []
    stmt = select(a.storylines).order_by(a.storylines.c.rank)
    if limit:
        stmt = stmt.limit(limit)
    rows = _rows(engine, stmt)
    for r in rows:
        r["evidence"] = evidence_link(r)
    return rows


def storyline(engine: Engine, storyline_id: str) -> dict | None:
    """One storyline with its members (each a link to its passage), origins and judgments."""
    if "storylines" not in table_names(engine):
        return None
    found = _rows(engine, select(a.storylines).where(a.storylines.c.id == storyline_id))
    if not found:
        return None
    story = found[0]
    m, o, j = a.storyline_members.c, a.origins.c, a.judgments.c
    story["evidence"] = evidence_link(story)
    story["members"] = _rows(
        engine,
        select(a.storyline_members)
        .where(m.storyline_id == storyline_id)
        .order_by(m.published, m.id),
    )
    for row in story["members"]:
        row["evidence"] = passage_link(row["document_id"], row["start"], row["end"])
    story["origins"] = _rows(
        engine, select(a.origins).where(o.storyline_id == storyline_id).order_by(o.id)
    )
    story["judgments"] = _rows(
        engine, select(a.judgments).where(j.storyline_id == storyline_id).order_by(j.rank)
    )
    return story


def contradictions(engine: Engine, subject: str | None = None) -> list[dict]:
    """Figures that disagree, speakers who contradict themselves, stances that change."""
    if "contradictions" not in table_names(engine):
        return []
    out = a.load_contradictions(engine)
    if subject is not None:
        out = [c for c in out if (c.get("subject") or "").lower() == subject.lower()]
    for c in out:
        for side in c["sides"]:
            side["evidence"] = passage_link(side["document_id"], side["start"], side["end"])
    return out


def hypotheses(engine: Engine) -> list[dict]:
    """Competing hypotheses, least inconsistent evidence first (when a matrix was stored)."""
    if "hypotheses" not in table_names(engine):
        return []
    return a.load_matrix(engine)["hypotheses"]
