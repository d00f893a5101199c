"""A small store written record by record, shared by the evidence browser's tests.

No spaCy: the records are placed by hand, so the tests know exactly which
characters each highlight must cover (overlaps included) and run in a second.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert

from sitrep.records import (
    ActorRef,
    Analysis,
    Claim,
    DateRef,
    Document,
    Entity,
    Figure,
    Hedge,
    Mention,
    Quote,
    Span,
)
from sitrep.store import schema, write
from sitrep.store.db import connect

HOSTILE = (
    "Breaking <script>window.__pwned=1</script> news. <img src=x "
    'onerror="window.__pwned=2;alert(1)"> Read <a href="javascript:window.__pwned=3">this</a> and '
    '<svg onload=alert(1)></svg>. "We will not be silenced <b>ever</b>," said Ivo <i>Kask</i>.'
)
TRUSTED = (
    'General Oleg Varlamov said on 26 February 2026 that "about 300 soldiers will probably '
    'hold the airport," and Varlamov added that Vell "must resign".'
)


def _span(t: str, s: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = t.index(s, start + 1)
    return Span(start, start + len(s), s)


def trusted_doc() -> tuple[Document, Analysis]:
    t = TRUSTED
    doc = Document(
        id="d0c0ffee00000001",
        text=t,
        title="Varlamov on the airport",
        outlet="Drovna Herald",
        published="2026-02-26",
        url="https://drovna-herald.example/a/1",
        format="txt",
    )
    q0_content = _span(t, "about 300 soldiers will probably hold the airport,")
    q0 = Quote(
        q0_content.start - 1,
        q0_content.end + 1,
        t[q0_content.start - 1 : q0_content.end + 1],
        _span(t, "said"),
        [_span(t, "General Oleg Varlamov")],
        [q0_content],
        ActorRef("person:oleg-varlamov", "Oleg Varlamov"),
        "direct",
    )
    q1_content = _span(t, "must resign")
    q1_start = t.index("Varlamov added")
    q1 = Quote(
        q1_start,
        q1_content.end + 1,
        t[q1_start : q1_content.end + 1],
        _span(t, "added"),
        [_span(t, "Varlamov", 1)],
        [q1_content],
        ActorRef("person:varlamov", "Varlamov"),
        "mixed",
    )
    hedge = Hedge(*_astuple(_span(t, "probably")), type="probable")
    claim_span = _span(t, "about 300 soldiers will probably hold the airport")
    claim = Claim(
        claim_span.start,
        claim_span.end,
        claim_span.text,
        ActorRef("person:oleg-varlamov", "Oleg Varlamov"),
        _span(t, "said"),
        [hedge],
        band=5,
    )
    fig = _span(t, "about 300 soldiers")
    date = _span(t, "26 February 2026")
    ents = [
        Entity(
            "person:oleg-varlamov",
            "Oleg Varlamov",
            "person",
            mentions=[
                Mention(*_astuple(_span(t, "Oleg Varlamov")), "person", "person:oleg-varlamov")
            ],
        ),
        Entity(
            "person:varlamov",
            "Varlamov",
            "person",
            mentions=[Mention(*_astuple(_span(t, "Varlamov", 1)), "person", "person:varlamov")],
        ),
        Entity(
            "person:vell",
            "Vell",
            "person",
            mentions=[Mention(*_astuple(_span(t, "Vell")), "person", "person:vell")],
        ),
    ]
    analysis = Analysis(
        quotes=[q0, q1],
        claims=[claim],
        hedges=[hedge],
        entities=ents,
        figures=[Figure(fig.start, fig.end, fig.text, 300.0, True, "soldiers")],
        dates=[DateRef(date.start, date.end, date.text, "2026-02-26")],
    )
    return doc, analysis


def hostile_doc() -> tuple[Document, Analysis]:
    t = HOSTILE
    doc = Document(
        id="bad0bad0bad0bad0",
        text=t,
        title='<script>window.__pwned=4</script>Hostile "title"',
        outlet="<b>Evil</b> Outlet",
        published="2026-02-27",
        url="javascript:window.__pwned=5",
        format="txt",
        meta={"note": "<img src=x onerror=alert(2)>"},
    )
    content = _span(t, "We will not be silenced <b>ever</b>,")
    q = Quote(
        content.start - 1,
        content.end + 1,
        t[content.start - 1 : content.end + 1],
        _span(t, "said"),
        [_span(t, "Ivo <i>Kask</i>")],
        [content],
        ActorRef("person:ivo-kask", 'Ivo <i>Kask</i>" onmouseover="x'),
        "direct",
    )
    analysis = Analysis(
        quotes=[q],
        entities=[
            Entity(
                "person:ivo-kask",
                "Ivo <i>Kask</i>",
                "person",
                mentions=[
                    Mention(*_astuple(_span(t, "Ivo <i>Kask</i>")), "person", "person:ivo-kask")
                ],
            )
        ],
    )
    return doc, analysis


def _astuple(sp: Span) -> tuple[int, int, str]:
    return sp.start, sp.end, sp.text


def build_store(path: Path) -> str:
    """Write the two documents, their records and a resolution (Varlamov = Oleg Varlamov)."""
    engine = connect(str(path))
    for doc, analysis in (trusted_doc(), hostile_doc()):
        write.add_document(engine, doc)
        write.save_analysis(engine, doc.id, analysis, "test")
    with engine.begin() as conn:
        conn.execute(
            insert(schema.entities),
            [
                {
                    "id": "person:oleg-varlamov",
                    "name": "Oleg Varlamov",
                    "type": "person",
                    "aliases_json": '["Oleg Varlamov", "Varlamov"]',
                    "roles_json": '["General"]',
                    "descriptions_json": "[]",
                    "mention_count": 2,
                    "document_count": 1,
                },
                {
                    "id": "person:vell",
                    "name": "Vell",
                    "type": "person",
                    "aliases_json": '["Vell"]',
                    "roles_json": '["President"]',
                    "descriptions_json": "[]",
                    "mention_count": 1,
                    "document_count": 1,
                },
                {
                    "id": "person:ivo-kask",
                    "name": "Ivo <i>Kask</i>",
                    "type": "person",
                    "aliases_json": "[]",
                    "roles_json": '["<script>alert(1)</script>"]',
                    "descriptions_json": "[]",
                    "mention_count": 1,
                    "document_count": 1,
                },
            ],
        )
        conn.execute(
            insert(schema.entity_aliases),
            [
                {"local_entity_id": "person:varlamov", "entity_id": "person:oleg-varlamov"},
                {"local_entity_id": "person:oleg-varlamov", "entity_id": "person:oleg-varlamov"},
            ],
        )
        conn.execute(
            schema.mentions.update()
            .where(schema.mentions.c.entity_id == "person:varlamov")
            .values(entity_id="person:oleg-varlamov")
        )
    engine.dispose()
    return str(path)


def add_assessment(path: str) -> None:
    """A stored assessment: one storyline with one member passage, its origin, a judgment and a
    stance change, written straight into the assessment's tables."""
    from sitrep.store import assessment as a

    engine = connect(path)
    s, e = TRUSTED.index("about 300"), TRUSTED.index(" and Varlamov")
    v = TRUSTED.index("Vell")
    with engine.begin() as conn:
        conn.execute(
            insert(a.storylines).values(
                id="s-1",
                rank=1,
                title="Troops hold the airport",
                status="single-origin",
                origin_count=1,
                document_count=1,
                reliability="B",
                credibility=3,
                band=5,
                likelihood="likely",
                confidence="low",
                contested=False,
                first_date="2026-02-26",
                last_date="2026-02-26",
                lead_document_id="d0c0ffee00000001",
                lead_start=s,
                lead_end=e,
            )
        )
        conn.execute(
            insert(a.storyline_members).values(
                storyline_id="s-1",
                document_id="d0c0ffee00000001",
                start=s,
                end=e,
                text=TRUSTED[s:e],
                outlet="Drovna Herald",
                published="2026-02-26",
                origin="Drovna Herald",
                origin_via="own",
            )
        )
        conn.execute(
            insert(a.origins).values(
                storyline_id="s-1", name="Drovna Herald", via="own", reliability="B"
            )
        )
        conn.execute(
            insert(a.judgments).values(
                rank=1,
                storyline_id="s-1",
                statement="Troops likely hold the airport",
                band=5,
                likelihood="likely",
                probability="55–80%",
                reliability="B",
                credibility=3,
                confidence="low",
                likelihood_text="It is likely (55–80%) that troops hold the airport.",
                confidence_text="We have low confidence in this assessment (one origin).",
            )
        )
        cid = conn.execute(
            insert(a.contradictions).values(
                kind="stance",
                subject="Oleg Varlamov",
                date="2026-02-26",
                summary="Oleg Varlamov: supportive, then accusatory",
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(a.contradiction_sides),
            [
                {
                    "contradiction_id": cid,
                    "side": "before",
                    "stance": "supportive",
                    "document_id": "d0c0ffee00000001",
                    "start": s,
                    "end": e,
                    "text": TRUSTED[s:e],
                    "origin": "Drovna Herald",
                },
                {
                    "contradiction_id": cid,
                    "side": "after",
                    "stance": "accusatory",
                    "document_id": "d0c0ffee00000001",
                    "start": v,
                    "end": len(TRUSTED),
                    "text": TRUSTED[v:],
                    "origin": "Drovna Herald",
                },
            ],
        )
    engine.dispose()


def test_the_test_store_points_at_the_right_characters(tmp_path: Path):
    """Every stored span of the hand-built store covers exactly its text, overlaps included."""
    from sqlalchemy import select

    from sitrep.store.queries import get_document, open_readonly

    engine = open_readonly(build_store(tmp_path / "s.db"))
    for doc_id in ("d0c0ffee00000001", "bad0bad0bad0bad0"):
        data = get_document(engine, doc_id)
        body = data["document"]["text"]
        rows = [
            r
            for key in ("quotes", "claims", "hedges", "mentions", "figures", "dates")
            for r in data[key]
        ]
        rows += [sp for q in data["quotes"] for sp in q["spans"]]
        assert rows
        for r in rows:
            assert body[r["start"] : r["end"]] == r["text"]
    with engine.connect() as conn:
        assert (
            conn.execute(
                select(schema.mentions.c.entity_id).where(schema.mentions.c.text == "Varlamov")
            ).scalar_one()
            == "person:oleg-varlamov"
        )
