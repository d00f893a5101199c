"""The assessment's tables: storylines, their members and origins,
contradictions, judgments, hypotheses.

Defined on the shared ``metadata`` so they are created with the rest of the
schema. The assessment is recomputed as a whole, so saving replaces every row
in one transaction. Names are meant to read well in Datasette.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)

from sitrep.store.schema import metadata

storylines = Table(
    "storylines",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("rank", Integer),
    Column("title", Text, nullable=False),
    Column("status", String(16)),  # confirmed | single-origin | circular | syndicated
    Column("origin_count", Integer),
    Column("document_count", Integer),
    Column("reliability", String(1)),
    Column("credibility", Integer),
    Column("band", Integer),
    Column("likelihood", Text),
    Column("confidence", String(8)),
    Column("contested", Boolean),
    Column("first_date", String(32)),
    Column("last_date", String(32)),
    Column("lead_document_id", String(32)),
    Column("lead_start", Integer),
    Column("lead_end", Integer),
    Column("first_sources", Text),  # who the statements rest on, "; "-separated (assess.chains)
    # the heading every brief shows (Storyline.heading_text) and the statement it is
    Column("heading", Text),
    Column("heading_document_id", String(32)),
    Column("heading_start", Integer),
    Column("heading_end", Integer),
)

storyline_members = Table(
    "storyline_members",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "storyline_id", String(16), ForeignKey("storylines.id", ondelete="CASCADE"), nullable=False
    ),
    Column(
        "document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("outlet", Text),
    Column("published", String(32)),
    Column("origin", Text),
    Column("origin_via", String(8)),  # own | wire | copy | cited
    Column(
        "chain", Text
    ),  # outlet → the outlet it relays → who it cites (the first source), when known
)

origins = Table(
    "origins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "storyline_id", String(16), ForeignKey("storylines.id", ondelete="CASCADE"), nullable=False
    ),
    Column("name", Text, nullable=False),
    Column("via", String(8)),
    Column("reliability", String(1)),
)

document_origins = Table(
    "document_origins",
    metadata,
    Column(
        "document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("origin", Text, nullable=False),
    Column("via", String(8)),
)

contradictions = Table(
    "contradictions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # figure | statement | stance
    Column("subject", Text),  # the quantity, or the speaker
    Column("date", String(32)),
    Column("summary", Text, nullable=False),
)

contradiction_sides = Table(
    "contradiction_sides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "contradiction_id",
        Integer,
        ForeignKey("contradictions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("side", Text),  # the value ("some 4,500"), or "before" / "after"
    Column("value", Float),
    Column("stance", String(16)),
    Column(
        "document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("origin", Text),
)

judgments = Table(
    "judgments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rank", Integer),
    Column(
        "storyline_id", String(16), ForeignKey("storylines.id", ondelete="CASCADE")
    ),  # None: one origin
    Column("kind", String(16)),  # corroborated | attributed | estimate | stance
    Column("statement", Text, nullable=False),
    Column("band", Integer),
    Column("likelihood", Text),
    Column("probability", String(16)),
    Column("reliability", String(1)),
    Column("credibility", Integer),
    Column("confidence", String(8)),
    Column("likelihood_text", Text),
    Column("confidence_text", Text),
    Column("chain", Text),
    Column("caveat", Text),
    Column("document_id", String(32)),
    Column("start", Integer),
    Column("end", Integer),
)

hypotheses = Table(
    "hypotheses",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("text", Text, nullable=False),
    Column("inconsistency", Float),
    Column("rank", Integer),
)

hypothesis_ratings = Table(
    "hypothesis_ratings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "hypothesis_id", String(64), ForeignKey("hypotheses.id", ondelete="CASCADE"), nullable=False
    ),
    Column("evidence_id", String(64), nullable=False),
    Column("evidence_text", Text),
    Column("credibility", Integer),
    Column("proposed", String(1)),
    Column("rating", String(1)),
    Column("overridden", Boolean),
)

ASSESSMENT_TABLES = (
    storyline_members,
    origins,
    judgments,
    storylines,
    document_origins,
    contradiction_sides,
    contradictions,
)
HYPOTHESIS_TABLES = (hypothesis_ratings, hypotheses)

Index("ix_storyline_members_storyline", storyline_members.c.storyline_id)
Index("ix_storyline_members_document", storyline_members.c.document_id)
Index("ix_contradiction_sides_contradiction", contradiction_sides.c.contradiction_id)


def _status(s) -> str:
    return s.circular or ("confirmed" if s.confirmed else "single-origin")


def save_assessment(engine: Engine, a) -> None:
    """Replace the stored assessment with ``a`` (an :class:`sitrep.assess.Assessment`)."""
    from sitrep.likelihood import ICD203

    _current_tables(engine)
    with engine.begin() as conn:
        for t in ASSESSMENT_TABLES:
            conn.execute(delete(t))
        rows = [
            {"document_id": doc_id, "origin": o.name, "via": o.via}
            for doc_id, o in a.doc_origins.items()
        ]
        if rows:
            conn.execute(insert(document_origins), rows)
        for rank, s in enumerate(a.storylines, 1):
            conn.execute(
                insert(storylines).values(
                    id=s.id,
                    rank=rank,
                    title=s.title,
                    status=_status(s),
                    origin_count=len(s.origins),
                    document_count=len(s.documents),
                    reliability=s.grade,
                    credibility=s.credibility,
                    band=s.band,
                    likelihood=ICD203[s.band][0] if s.band else None,
                    confidence=s.confidence,
                    contested=s.contested,
                    first_date=s.first_date,
                    last_date=s.last_date,
                    lead_document_id=s.lead.doc.id,
                    lead_start=s.lead.start,
                    lead_end=s.lead.end,
                    first_sources="; ".join(s.first_sources) or None,
                    heading=s.heading_text or s.title,
                    heading_document_id=(s.heading or s.lead).doc.id,
                    heading_start=(s.heading or s.lead).start,
                    heading_end=(s.heading or s.lead).end,
                )
            )
            conn.execute(
                insert(storyline_members),
                [
                    {
                        "storyline_id": s.id,
                        "document_id": m.doc.id,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "outlet": m.doc.outlet,
                        "published": m.doc.published,
                        "origin": s.origin_of[m.id].name,
                        "origin_via": s.origin_of[m.id].via,
                        "chain": a.chain_of(m),
                    }
                    for m in s.members
                ],
            )
            conn.execute(
                insert(origins),
                [
                    {
                        "storyline_id": s.id,
                        "name": o.name,
                        "via": o.via,
                        "reliability": a.grade_of(o.name),
                    }
                    for o in s.origins
                ],
            )
        for rank, j in enumerate(a.judgments, 1):
            conn.execute(
                insert(judgments).values(
                    rank=rank,
                    storyline_id=j.storyline.id if j.storyline else None,
                    kind=j.kind,
                    statement=j.statement,
                    band=j.band,
                    likelihood=j.words,
                    probability=j.probability,
                    reliability=j.reliability,
                    credibility=j.credibility,
                    confidence=j.confidence,
                    likelihood_text=j.likelihood_text,
                    confidence_text=j.confidence_text,
                    chain=j.chain,
                    caveat=j.caveat,
                    document_id=j.lead.doc.id,
                    start=j.lead.start,
                    end=j.lead.end,
                )
            )
        for c in a.figure_conflicts:
            cid = conn.execute(
                insert(contradictions).values(
                    kind="figure", subject=c.key, date=c.date, summary=c.summary
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(contradiction_sides),
                [
                    {
                        "contradiction_id": cid,
                        "side": g.text,
                        "value": f.value,
                        "stance": None,
                        "document_id": ev.doc.id,
                        "start": f.start,
                        "end": f.end,
                        "text": f.text,
                        "origin": a.origin_of[ev.id].name,
                    }
                    for g in c.groups
                    for ev, f in g.members
                ],
            )
        for c in a.statement_conflicts:
            cid = conn.execute(
                insert(contradictions).values(
                    kind="statement",
                    subject=c.speaker,
                    date=c.a.date,
                    summary=f"{c.speaker}: {c.a_text} / {c.b_text}",
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(contradiction_sides),
                [_side(cid, side, None, ev, a) for side, ev in (("a", c.a), ("b", c.b))],
            )
        for c in a.stance_changes:
            cid = conn.execute(
                insert(contradictions).values(
                    kind="stance", subject=c.speaker, date=c.after.date, summary=c.summary
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(contradiction_sides),
                [
                    _side(cid, side, st.stance, st.evidence, a)
                    for side, st in (("before", c.before), ("after", c.after))
                ],
            )


def _current_tables(engine: Engine) -> None:
    """A store written by an earlier version gets today's columns (the
    tables are rewritten every run)."""
    from sqlalchemy import inspect

    from sitrep.store.db import add_new_columns

    for table in (judgments, storyline_members, storylines):
        have = {c["name"] for c in inspect(engine).get_columns(table.name)}
        if table is judgments and "kind" not in have:  # storyline_id became nullable: a new table
            table.drop(engine)
            table.create(engine)
            continue
        with engine.begin() as conn:
            add_new_columns(conn, (table,))


def _side(cid: int, side: str, stance: str | None, ev, a) -> dict:
    return {
        "contradiction_id": cid,
        "side": side,
        "value": None,
        "stance": stance,
        "document_id": ev.doc.id,
        "start": ev.start,
        "end": ev.end,
        "text": ev.text,
        "origin": a.origin_of[ev.id].name,
    }


def save_matrix(engine: Engine, matrix) -> None:
    """Replace the stored hypotheses matrix (:class:`sitrep.assess.hypotheses.Matrix`)."""
    ranking = [h.id for h in matrix.ranking()]
    with engine.begin() as conn:
        for t in HYPOTHESIS_TABLES:
            conn.execute(delete(t))
        for h in matrix.hypotheses:
            conn.execute(
                insert(hypotheses).values(
                    id=h.id,
                    text=h.text,
                    inconsistency=matrix.inconsistency(h.id),
                    rank=ranking.index(h.id) + 1,
                )
            )
        rows = [
            {
                "hypothesis_id": h.id,
                "evidence_id": e.id,
                "evidence_text": e.text,
                "credibility": e.credibility,
                "proposed": matrix.cells[(e.id, h.id)].proposed,
                "rating": matrix.cells[(e.id, h.id)].rating,
                "overridden": matrix.cells[(e.id, h.id)].overridden,
            }
            for e in matrix.evidence
            for h in matrix.hypotheses
        ]
        if rows:
            conn.execute(insert(hypothesis_ratings), rows)


def _all(engine: Engine, query) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def load_storylines(engine: Engine) -> list[dict]:
    """Stored storylines, best first, each with its ``members`` and ``origins``."""
    out = _all(engine, select(storylines).order_by(storylines.c.rank))
    members = _all(
        engine,
        select(storyline_members).order_by(storyline_members.c.published, storyline_members.c.id),
    )
    origin_rows = _all(engine, select(origins).order_by(origins.c.id))
    for s in out:
        s["members"] = [m for m in members if m["storyline_id"] == s["id"]]
        s["origins"] = [o for o in origin_rows if o["storyline_id"] == s["id"]]
    return out


def load_judgments(engine: Engine) -> list[dict]:
    return _all(engine, select(judgments).order_by(judgments.c.rank))


def load_contradictions(engine: Engine) -> list[dict]:
    out = _all(engine, select(contradictions).order_by(contradictions.c.id))
    sides = _all(engine, select(contradiction_sides).order_by(contradiction_sides.c.id))
    for c in out:
        c["sides"] = [s for s in sides if s["contradiction_id"] == c["id"]]
    return out


def load_matrix(engine: Engine) -> dict:
    return {
        "hypotheses": _all(engine, select(hypotheses).order_by(hypotheses.c.rank)),
        "ratings": _all(engine, select(hypothesis_ratings).order_by(hypothesis_ratings.c.id)),
    }
