"""Writes: idempotent and transactional per document, so reruns and concurrent writers are safe."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, and_, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from sitrep.lexicon.names import name_key
from sitrep.records import Analysis, Document, to_dict
from sitrep.store import schema as s
from sitrep.store.db import is_sqlite


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def add_document(
    engine: Engine,
    doc: Document,
    bands: Iterable[tuple[int, int]] | Callable[[], Iterable[tuple[int, int]]] = (),
) -> bool:
    """Insert a document; False when the same content is already stored (a no-op).

    ``bands`` are its MinHash LSH ``(band, key)`` pairs (``ingest.dedupe.band_keys``), stored
    with it, or a function giving them, called only when the document is new (re-ingesting a
    folder hashes nothing twice); without them, near-duplicate marking computes them later."""
    row = {
        "id": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "author": doc.author,
        "published": doc.published,
        "url": doc.url,
        "path": doc.path,
        "language": doc.language,
        "encoding": doc.encoding,
        "format": doc.format,
        "text": doc.text,
        "meta_json": json.dumps(doc.meta, ensure_ascii=False) if doc.meta else None,
        "near_duplicate_of": doc.meta.get("near_duplicate_of") if doc.meta else None,
        "ingested_at": now(),
    }
    with engine.begin() as conn:
        if conn.execute(select(s.documents.c.id).where(s.documents.c.id == doc.id)).first():
            return False
        try:
            with conn.begin_nested():
                conn.execute(insert(s.documents).values(**row))
        except IntegrityError:  # a concurrent writer stored it between our check and insert
            return False
        if is_sqlite(engine):
            conn.exec_driver_sql(
                "INSERT INTO documents_fts (document_id, title, text) VALUES (?, ?, ?)",
                (doc.id, doc.title or "", doc.text),
            )
        save_band_keys(conn, doc.id, bands() if callable(bands) else bands)
    return True


def replace_text(conn: Connection, doc_id: str, text: str, meta: dict) -> None:
    """A document's text with more furniture blanked (same length, so every offset holds):
    its search index and near-duplicate keys follow, and it is analyzed again."""
    d = s.documents.c
    conn.execute(
        update(s.documents)
        .where(d.id == doc_id)
        .values(
            text=text,
            meta_json=json.dumps(meta, ensure_ascii=False) if meta else None,
            analyzed_at=None,
            analyzer_version=None,
        )
    )
    conn.execute(delete(s.minhash_bands).where(s.minhash_bands.c.document_id == doc_id))
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "UPDATE documents_fts SET text = ? WHERE document_id = ?", (text, doc_id)
        )


def set_setting(conn: Connection, key: str, value: str) -> None:
    """One row per key in ``settings``: what a finished step records so a rerun can skip it."""
    st = s.settings
    conn.execute(delete(st).where(st.c.key == key))
    conn.execute(insert(st).values(key=key, value=value))


def save_band_keys(conn: Connection, doc_id: str, bands: Iterable[tuple[int, int]]) -> None:
    """One document's MinHash LSH keys, inside the caller's transaction."""
    rows = [{"document_id": doc_id, "band": band, "key": key} for band, key in bands]
    if rows:
        conn.execute(insert(s.minhash_bands), rows)


def analysis_rows(doc_id: str, analysis: Analysis) -> dict:
    """Flatten one analysis into table rows; ids are ``<document>:<kind><n>`` and so stable."""
    rows: dict = {t.name: [] for t in s.ANALYSIS_TABLES}
    for i, q in enumerate(analysis.quotes):
        qid = f"{doc_id}:q{i}"
        rows["quotes"].append(
            {
                "id": qid,
                "document_id": doc_id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "confidence": q.confidence,
                "speaker_id": q.speaker.id if q.speaker else None,
                "speaker_local_id": q.speaker.id if q.speaker else None,
                "speaker_name": q.speaker.name if q.speaker else None,
                "source_text": " / ".join(x.text for x in q.sources) or None,
                "cue_text": q.cue.text if q.cue else None,
                "content_text": " … ".join(x.text for x in q.contents),
            }
        )
        spans = [("cue", q.cue)] if q.cue else []
        spans += [("source", x) for x in q.sources] + [("content", x) for x in q.contents]
        for role, sp in spans:
            rows["quote_spans"].append(
                {
                    "quote_id": qid,
                    "document_id": doc_id,
                    "role": role,
                    "start": sp.start,
                    "end": sp.end,
                    "text": sp.text,
                }
            )
    hedge_ids: dict[tuple[int, int], str] = {}
    for i, h in enumerate(analysis.hedges):
        hid = f"{doc_id}:h{i}"
        hedge_ids[(h.start, h.end)] = hid
        rows["hedges"].append(
            {
                "id": hid,
                "document_id": doc_id,
                "claim_id": None,
                "start": h.start,
                "end": h.end,
                "text": h.text,
                "type": h.type,
                "scope_start": h.scope_start,
                "scope_end": h.scope_end,
            }
        )
    by_hid = {r["id"]: r for r in rows["hedges"]}
    for i, c in enumerate(analysis.claims):
        cid = f"{doc_id}:c{i}"
        rows["claims"].append(
            {
                "id": cid,
                "document_id": doc_id,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "source_kind": c.source.kind,
                "source_id": c.source.id,
                "source_name": c.source.name,
                "source_local_id": c.source.id,
                "cue_text": c.cue.text if c.cue else None,
                "band": c.band,
                "hypothesis": c.hypothesis,
            }
        )
        for h in c.hedges:
            hid = hedge_ids.get((h.start, h.end))
            if hid is not None:
                by_hid[hid]["claim_id"] = cid
    n = 0
    for ent in analysis.entities:
        for m in ent.mentions:
            rows["mentions"].append(
                {
                    "id": f"{doc_id}:m{n}",
                    "document_id": doc_id,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "label": m.label,
                    "local_entity_id": m.entity or ent.id,
                    "entity_id": m.entity or ent.id,
                    "misspelled": m.misspelled,
                }
            )
            n += 1
    n = 0
    for ent in analysis.entities:
        for r in ent.role_spans:
            rows["roles"].append(
                {
                    "id": f"{doc_id}:r{n}",
                    "document_id": doc_id,
                    "start": r.start,
                    "end": r.end,
                    "text": r.text,
                    "kind": r.kind,
                    "sentence_start": r.sentence_start,
                    "sentence_end": r.sentence_end,
                    "local_entity_id": ent.id,
                    "entity_id": ent.id,
                }
            )
            n += 1
    for kind, key, records in (
        ("p", "places", analysis.places),
        ("f", "figures", analysis.figures),
        ("d", "dates", analysis.dates),
    ):
        for i, r in enumerate(records):
            row = {"id": f"{doc_id}:{kind}{i}", "document_id": doc_id, **to_dict(r)}
            if key == "places":
                row["alternatives_json"] = json.dumps(row.pop("alternatives"), ensure_ascii=False)
            rows[key].append(row)
    rows["analyses"].append(
        {"document_id": doc_id, "analysis_json": json.dumps(to_dict(analysis), ensure_ascii=False)}
    )
    return rows


def _replace_analysis(
    conn: Connection, doc_id: str, analysis: Analysis, version: str, sqlite: bool
) -> None:
    for table in s.ANALYSIS_TABLES:
        conn.execute(delete(table).where(table.c.document_id == doc_id))
    if sqlite:
        conn.exec_driver_sql("DELETE FROM quotes_fts WHERE document_id = ?", (doc_id,))
    rows = analysis_rows(doc_id, analysis)
    for table in reversed(s.ANALYSIS_TABLES):  # parents (quotes) before children (quote_spans)
        if rows[table.name]:
            conn.execute(insert(table), rows[table.name])
    if sqlite and rows["quotes"]:
        conn.exec_driver_sql(
            "INSERT INTO quotes_fts (quote_id, document_id, speaker, text) VALUES (?, ?, ?, ?)",
            [
                (r["id"], doc_id, r["speaker_name"] or r["source_text"] or "", r["content_text"])
                for r in rows["quotes"]
            ],
        )
    conn.execute(
        update(s.documents)
        .where(s.documents.c.id == doc_id)
        .values(
            analyzed_at=now(),
            analyzer_version=version,
            analysis_note=analysis.note,
        )
    )


def save_analysis(engine: Engine, doc_id: str, analysis: Analysis, version: str) -> None:
    """Replace a document's records in one transaction: all of them land, or none."""
    with engine.begin() as conn:
        _replace_analysis(conn, doc_id, analysis, version, is_sqlite(engine))


def record_problem(
    engine: Engine, path: str | None, message: str, stage: str, line: int | None = None
) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(s.problems).values(path=path, line=line, stage=stage, message=message, at=now())
        )


def save_resolution(engine: Engine, resolution) -> None:
    """Replace the canonical entities and point every mention, speaker and source at its
    canonical actor, per document (the same surname may be two people in two reports)."""
    exact = [
        {"d": d, "l": loc, "c": can, "n": resolution.entities[can].name}
        for d, loc, can in resolution.id_map()
        if can in resolution.entities
    ]
    with engine.begin() as conn:
        conn.execute(delete(s.entity_aliases))
        conn.execute(delete(s.entities))
        alias_rows = [
            {"local_entity_id": k, "entity_id": v} for k, v in resolution.canonical_of.items()
        ]
        if alias_rows:
            conn.execute(insert(s.entity_aliases), alias_rows)
        if exact:
            m, q, c = s.mentions, s.quotes, s.claims
            for t in (m, s.roles):
                conn.execute(
                    update(t)
                    .where(
                        and_(
                            t.c.document_id == bindparam("d"), t.c.local_entity_id == bindparam("l")
                        )
                    )
                    .values(entity_id=bindparam("c")),
                    exact,
                )
            conn.execute(
                update(q)
                .where(
                    and_(q.c.document_id == bindparam("d"), q.c.speaker_local_id == bindparam("l"))
                )
                .values(speaker_id=bindparam("c"), speaker_name=bindparam("n")),
                exact,
            )
            conn.execute(
                update(c)
                .where(
                    and_(c.c.document_id == bindparam("d"), c.c.source_local_id == bindparam("l"))
                )
                .values(source_id=bindparam("c"), source_name=bindparam("n")),
                exact,
            )
        _places_as_written(conn, resolution.own_places)
        counts: dict[str, int] = {}
        docs: dict[str, set[str]] = {}
        for row in conn.execute(select(s.mentions.c.entity_id, s.mentions.c.document_id)):
            counts[row.entity_id] = counts.get(row.entity_id, 0) + 1
            docs.setdefault(row.entity_id, set()).add(row.document_id)
        ent_rows = [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases_json": json.dumps(sorted(set(e.aliases)), ensure_ascii=False),
                "roles_json": json.dumps(e.roles, ensure_ascii=False),
                "descriptions_json": json.dumps(e.descriptions, ensure_ascii=False),
                "mention_count": counts.get(e.id, 0),
                "document_count": len(docs.get(e.id, ())),
            }
            for e in resolution.entities.values()
        ]
        if ent_rows:
            conn.execute(insert(s.entities), ent_rows)


def _places_as_written(conn: Connection, own_places: set[str]) -> None:
    """Stored places undo the near-spelling guess the corpus overrules ('Arvenia' beside
    'Arvenian' is not 'Armenia'), so the map and the evidence browser agree with the brief."""
    if not own_places:
        return
    from sitrep.resolve import as_written_reason

    p = s.places
    rows = conn.execute(select(p.c.id, p.c.text, p.c.name).where(p.c.match == "fuzzy")).all()
    fix = [
        {"pid": r.id, "why": as_written_reason(r.text, r.name)}
        for r in rows
        if name_key(r.text) in own_places
    ]
    if fix:
        conn.execute(
            update(p)
            .where(p.c.id == bindparam("pid"))
            .values(
                name=None,
                country=None,
                lat=None,
                lon=None,
                geonameid=None,
                match="unresolved",
                alternatives_json="[]",
                reason=bindparam("why"),
            ),
            fix,
        )
