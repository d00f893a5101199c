"""Questions the CLI and the web app ask of the store, in one place."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, and_, create_engine, event, exists, func, inspect, or_, select

from sitrep.store import schema as s

WORD = re.compile(r"\w+", re.UNICODE)


class NoSuchActor(LookupError):
    """A ``--speaker``/``--about`` name that matches no actor's name or alias."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"no actor is called {name!r} (try `sitrep entities` for the names stored)"
        )
        self.name = name


class AmbiguousActor(LookupError):
    """A name that fits several different actors: mixing their quotes would mislead, so ask."""

    def __init__(self, name: str, candidates: list[dict]) -> None:
        listed = "; ".join(f"{c['name']} ({c['type']}, {c['id']})" for c in candidates[:10])
        super().__init__(
            f"{name!r} names {len(candidates)} different actors: {listed}; "
            "give a fuller name or an id"
        )
        self.name = name
        self.candidates = candidates


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def _has_words(haystack: str, needle: list[str]) -> bool:
    """True when ``needle`` occurs in ``haystack`` as whole consecutive words."""
    words = _words(haystack)
    n = len(needle)
    return any(words[i : i + n] == needle for i in range(len(words) - n + 1))


def match_actors(conn, name: str) -> list[dict]:
    """The canonical actors ``name`` can stand for, best tier only.

    An id picks one actor; so does a name equal to exactly one actor's canonical name.
    Otherwise every actor whose name or an alias holds ``name`` as whole words is a
    candidate (a bare surname fits each person of that surname, even one who was
    resolved as its owner), and only when none does, a plain substring. Each candidate
    carries its type and counts so that a caller can list them.
    """
    e = s.entities.c
    cols = (e.id, e.name, e.type, e.aliases_json, e.mention_count, e.document_count)
    row = conn.execute(select(*cols).where(e.id == name)).first()
    if row is not None:
        return [_candidate(conn, row)]
    wanted, folded = _words(name), name.casefold().strip()
    if not folded:
        return []
    # in Python, not SQL: the database's lower() folds ASCII only, and names come in any script
    rows = [
        r
        for r in conn.execute(select(*cols))
        if folded in r.name.casefold() or folded in (r.aliases_json or "").casefold()
    ]
    same = [r for r in rows if r.name.casefold() == folded]
    if len(same) == 1 and not _namesakes_of(same[0], rows):
        return [_candidate(conn, same[0])]

    def names(r) -> list[str]:
        return [r.name, *json.loads(r.aliases_json or "[]")]

    tier = [r for r in rows if wanted and any(_has_words(x, wanted) for x in names(r))]
    if not tier:
        tier = [r for r in rows if any(folded in x.casefold() for x in names(r))]
    found = [_candidate(conn, r) for r in tier]
    return sorted(found, key=lambda c: (-(c["mention_count"] or 0), c["name"]))


def _namesakes_of(row, rows) -> bool:
    """A bare surname ("Ivanek") that is also the surname of people named in full: the name
    fits them as much as the bare actor, so the user must choose."""
    if row.type != "person" or len(_words(row.name)) != 1:
        return False
    last = _words(row.name)
    return any(r.id != row.id and r.type == "person" and _words(r.name)[-1:] == last for r in rows)


def _candidate(conn, row) -> dict:
    q, a = s.quotes.c, s.entity_aliases.c
    ids = select(a.local_entity_id).where(a.entity_id == row.id)
    quotes = conn.execute(
        select(func.count())
        .select_from(s.quotes)
        .where(q.kind != "scare", or_(q.speaker_id == row.id, q.speaker_id.in_(ids)))
    ).scalar_one()
    return {
        "id": row.id,
        "name": row.name,
        "type": row.type,
        "mention_count": row.mention_count or 0,
        "document_count": row.document_count or 0,
        "quote_count": quotes,
    }


def resolve_actor(conn, name: str) -> list[str]:
    """The one actor ``name`` stands for, as a list of its id; [] when none.

    Raises AmbiguousActor when the name fits several actors.
    """
    found = match_actors(conn, name)
    if len(found) > 1:
        raise AmbiguousActor(name, found)
    return [c["id"] for c in found]


def find_quotes(
    engine: Engine,
    speaker: str | None = None,
    about: str | None = None,
    limit: int = 200,
    min_confidence: float = 0.0,
) -> list[dict]:
    """Quotes by ``speaker`` and/or quotes whose words mention ``about``, at
    ``min_confidence`` or above (0.3 marks likely scare quotes; any other confidence is the
    share of quotes of that shape that are right on PolNeAR dev).

    "About X" means X is mentioned inside what was said (a resolved mention, under any
    alias, in a content span), not that X said it and not that a word merely matches.
    """
    q, d = s.quotes.c, s.documents.c
    stmt = (
        select(
            q.id,
            q.document_id,
            q.start,
            q.end,
            q.kind,
            q.speaker_id,
            q.speaker_name,
            q.source_text,
            q.content_text,
            q.confidence,
            d.title,
            d.outlet,
            d.published,
            d.path,
        )
        .join(s.documents, d.id == q.document_id)
        .where(q.kind != "scare")
        .order_by(d.published, d.id, q.start)
        .limit(limit)
    )
    with engine.connect() as conn:
        if min_confidence > 0:
            stmt = stmt.where(q.confidence >= min_confidence)
        if speaker:
            ids = resolve_actor(conn, speaker)
            unresolved = and_(
                q.speaker_id.is_(None), func.lower(q.speaker_name).like(f"%{speaker.lower()}%")
            )
            if not ids and not conn.execute(select(q.id).where(unresolved).limit(1)).first():
                raise NoSuchActor(speaker)
            alias_ids = select(s.entity_aliases.c.local_entity_id).where(
                s.entity_aliases.c.entity_id.in_(ids)
            )
            stmt = stmt.where(or_(q.speaker_id.in_(ids), q.speaker_id.in_(alias_ids), unresolved))
        if about:
            ids = resolve_actor(conn, about)
            if not ids:
                raise NoSuchActor(about)
            alias_ids = select(s.entity_aliases.c.local_entity_id).where(
                s.entity_aliases.c.entity_id.in_(ids)
            )
            m, sp = s.mentions.c, s.quote_spans.c
            inside = exists().where(
                and_(
                    sp.quote_id == q.id,
                    sp.role == "content",
                    m.document_id == q.document_id,
                    or_(m.entity_id.in_(ids), m.local_entity_id.in_(alias_ids)),
                    m.start >= sp.start,
                    m.end <= sp.end,
                )
            )
            stmt = stmt.where(inside, or_(q.speaker_id.is_(None), q.speaker_id.not_in(ids)))
        return [dict(r._mapping) for r in conn.execute(stmt)]


# --- the evidence browser's questions (read-only; every row a plain JSON-ready dict) ---


def open_readonly(db: str | None = None) -> Engine:
    """An engine that cannot write: SQLite opened with ``mode=ro``, PostgreSQL in read-only
    transactions. The web app uses it so that no request can change the store."""
    from sitrep.store.db import resolve_url, server_engine
    from sitrep.store.location import check_sqlite_path

    url = resolve_url(db)
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :]).resolve()
        check_sqlite_path(path, create=False)
        engine = create_engine(
            f"sqlite:///file:{quote(str(path))}?mode=ro&uri=true",
            connect_args={"timeout": 30, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _ro(dbapi_conn, _record) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA query_only = ON")
            cur.execute("PRAGMA busy_timeout = 30000")
            cur.close()

        return engine
    engine = server_engine(url)
    if engine.dialect.name == "postgresql":

        @event.listens_for(engine, "connect")
        def _pg_ro(dbapi_conn, _record) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            cur.close()
            dbapi_conn.commit()

    return engine


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _rows(result) -> list[dict]:
    return [dict(r._mapping) for r in result]


def _doc_cols():
    d = s.documents.c
    return [
        d.id,
        d.title,
        d.outlet,
        d.author,
        d.published,
        d.url,
        d.path,
        d.language,
        d.format,
        d.near_duplicate_of,
    ]


def corpus_counts(engine: Engine) -> dict[str, int]:
    out = {}
    with engine.connect() as conn:
        for t in (s.documents, s.quotes, s.claims, s.entities, s.figures, s.dates, s.places):
            out[t.name] = conn.execute(select(func.count()).select_from(t)).scalar_one()
    return out


def list_documents(engine: Engine, limit: int = 100, offset: int = 0) -> dict:
    """Documents by publication date, with how many quotes and claims each holds."""
    d, q, c = s.documents.c, s.quotes.c, s.claims.c
    nq = select(func.count()).where(q.document_id == d.id).scalar_subquery().label("quote_count")
    nc = select(func.count()).where(c.document_id == d.id).scalar_subquery().label("claim_count")
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(s.documents)).scalar_one()
        rows = _rows(
            conn.execute(
                select(*_doc_cols(), nq, nc)
                .order_by(d.published, d.title, d.id)
                .limit(limit)
                .offset(offset)
            )
        )
    return {"total": total, "limit": limit, "offset": offset, "documents": rows}


def get_document(engine: Engine, doc_id: str) -> dict | None:
    """A document with every record that points into it."""
    d = s.documents.c
    with engine.connect() as conn:
        row = conn.execute(select(s.documents).where(d.id == doc_id)).first()
        if row is None:
            return None
        doc = dict(row._mapping)
        doc.pop("meta_json", None)
        doc["meta"] = json.loads(row.meta_json) if row.meta_json else {}

        def of(table, *order):
            return _rows(
                conn.execute(
                    select(table)
                    .where(table.c.document_id == doc_id)
                    .order_by(*(order or (table.c.start, table.c.end)))
                )
            )

        quotes = of(s.quotes)
        spans: dict[str, list[dict]] = {}
        for sp in of(s.quote_spans):
            spans.setdefault(sp["quote_id"], []).append(
                {"role": sp["role"], "start": sp["start"], "end": sp["end"], "text": sp["text"]}
            )
        for qrow in quotes:
            qrow["spans"] = spans.get(qrow["id"], [])
        m, e = s.mentions.c, s.entities.c
        mentions = _rows(
            conn.execute(
                select(s.mentions, e.name.label("entity_name"), e.type.label("entity_type"))
                .outerjoin(s.entities, e.id == m.entity_id)
                .where(m.document_id == doc_id)
                .order_by(m.start, m.end)
            )
        )
        return {
            "document": doc,
            "quotes": quotes,
            "claims": of(s.claims),
            "hedges": of(s.hedges),
            "mentions": mentions,
            "places": of(s.places),
            "figures": of(s.figures),
            "dates": of(s.dates),
        }


def _aliases_of(conn, entity_id: str) -> list[str]:
    """Every id (document-level or canonical) that stands for this actor."""
    a = s.entity_aliases.c
    ids = [entity_id]
    ids += [
        r.local_entity_id
        for r in conn.execute(select(a.local_entity_id).where(a.entity_id == entity_id))
        if r.local_entity_id != entity_id
    ]
    return ids


def _entity(row) -> dict:
    ent = dict(row._mapping)
    for key in ("aliases", "roles", "descriptions"):
        raw = ent.pop(f"{key}_json", None)
        ent[key] = json.loads(raw) if raw else []
    return ent


def list_actors(
    engine: Engine, limit: int = 200, offset: int = 0, type_: str | None = None
) -> dict:
    """Canonical actors, most mentioned first, with how many quotes each is the speaker of."""
    e, q, a = s.entities.c, s.quotes.c, s.entity_aliases.c
    with engine.connect() as conn:
        stmt = select(s.entities)
        count = select(func.count()).select_from(s.entities)
        if type_:
            stmt, count = stmt.where(e.type == type_), count.where(e.type == type_)
        total = conn.execute(count).scalar_one()
        rows = [
            _entity(r)
            for r in conn.execute(
                stmt.order_by(e.mention_count.desc(), e.name).limit(limit).offset(offset)
            )
        ]
        canon = {
            r.local_entity_id: r.entity_id
            for r in conn.execute(select(a.local_entity_id, a.entity_id))
        }
        spoken: dict[str, int] = {}
        for r in conn.execute(
            select(q.speaker_id, func.count().label("n"))
            .where(q.kind != "scare")
            .group_by(q.speaker_id)
        ):
            if r.speaker_id:
                key = canon.get(r.speaker_id, r.speaker_id)
                spoken[key] = spoken.get(key, 0) + r.n
    for r in rows:
        r["quote_count"] = spoken.get(r["id"], 0)
    return {"total": total, "limit": limit, "offset": offset, "actors": rows}


def _quote_cols():
    q, d = s.quotes.c, s.documents.c
    return [
        q.id,
        q.document_id,
        q.start,
        q.end,
        q.text,
        q.kind,
        q.confidence,
        q.speaker_id,
        q.speaker_name,
        q.source_text,
        q.cue_text,
        q.content_text,
        d.title,
        d.outlet,
        d.published,
    ]


def statements_over_time(quotes: list[dict], claims: list[dict]) -> list[dict]:
    """Quotes by an actor and claims sourced to them, each statement once.

    A reported quote is usually also stored as a claim over the same words; the
    timeline shows the quote and carries the claim's band onto it.
    """
    rows = [{**r, "quote_kind": r["kind"], "kind": "quote"} for r in quotes]
    for c in claims:
        same = next(
            (
                r
                for r in rows
                if r["kind"] == "quote"
                and r["document_id"] == c["document_id"]
                and r["start"] < c["end"]
                and c["start"] < r["end"]
            ),
            None,
        )
        if same is None:
            rows.append({**c, "kind": "claim"})
        elif same.get("band") is None:
            same["band"] = c["band"]
    return rows


def get_actor(engine: Engine, entity_id: str, limit: int = 500) -> dict | None:
    """An actor: names and roles, quotes by and about them, claims they
    source, where they appear."""
    e, q, d, m, c = s.entities.c, s.quotes.c, s.documents.c, s.mentions.c, s.claims.c
    with engine.connect() as conn:
        row = conn.execute(select(s.entities).where(e.id == entity_id)).first()
        if row is None:
            return None
        actor = _entity(row)
        ids = _aliases_of(conn, entity_id)
        order = (d.published, d.id, q.start)
        by = _rows(
            conn.execute(
                select(*_quote_cols())
                .join(s.documents, d.id == q.document_id)
                .where(q.speaker_id.in_(ids), q.kind != "scare")
                .order_by(*order)
                .limit(limit)
            )
        )
        inside = exists().where(
            and_(
                m.document_id == q.document_id,
                m.entity_id.in_(ids),
                m.start >= q.start,
                m.end <= q.end,
            )
        )
        about = _rows(
            conn.execute(
                select(*_quote_cols())
                .join(s.documents, d.id == q.document_id)
                .where(
                    inside, q.kind != "scare", or_(q.speaker_id.is_(None), q.speaker_id.not_in(ids))
                )
                .order_by(*order)
                .limit(limit)
            )
        )
        claims = _rows(
            conn.execute(
                select(
                    c.id,
                    c.document_id,
                    c.start,
                    c.end,
                    c.text,
                    c.band,
                    c.hypothesis,
                    c.cue_text,
                    c.source_kind,
                    d.title,
                    d.outlet,
                    d.published,
                )
                .join(s.documents, d.id == c.document_id)
                .where(c.source_id.in_(ids))
                .order_by(d.published, d.id, c.start)
                .limit(limit)
            )
        )
        mentions = _rows(
            conn.execute(
                select(
                    m.id,
                    m.document_id,
                    m.start,
                    m.end,
                    m.text,
                    m.label,
                    d.title,
                    d.outlet,
                    d.published,
                )
                .join(s.documents, d.id == m.document_id)
                .where(m.entity_id.in_(ids))
                .order_by(d.published, d.id, m.start)
                .limit(limit)
            )
        )
        r = s.roles.c
        roles = _rows(
            conn.execute(
                select(
                    r.id,
                    r.document_id,
                    r.start,
                    r.end,
                    r.text,
                    r.kind,
                    r.sentence_start,
                    r.sentence_end,
                    func.substr(
                        d.text, r.sentence_start + 1, r.sentence_end - r.sentence_start
                    ).label("sentence"),
                    d.title,
                    d.outlet,
                    d.published,
                )
                .join(s.documents, d.id == r.document_id)
                .where(r.entity_id.in_(ids))
                .order_by(d.published, d.id, r.start)
                .limit(limit)
            )
        )
    documents: dict[str, dict] = {}
    for key, group in (("mentions", mentions), ("quotes", by)):
        for r in group:
            doc = documents.setdefault(
                r["document_id"],
                {
                    "id": r["document_id"],
                    "title": r["title"],
                    "outlet": r["outlet"],
                    "published": r["published"],
                    "mentions": 0,
                    "quotes": 0,
                },
            )
            doc[key] += 1
    timeline = sorted(
        statements_over_time(by, claims),
        key=lambda r: (r["published"] or "", r["document_id"], r["start"]),
    )
    actor.update(
        {
            "ids": ids,
            "quotes_by": by,
            "quotes_about": about,
            "claims": claims,
            "mentions": mentions,
            "role_records": roles,  # each role with the sentence that gives it, oldest first
            "names_seen": sorted({r["text"] for r in mentions}),
            "documents": sorted(documents.values(), key=lambda x: (x["published"] or "", x["id"])),
            "timeline": timeline,
        }
    )
    return actor


def get_quote(engine: Engine, quote_id: str) -> dict | None:
    q, d = s.quotes.c, s.documents.c
    with engine.connect() as conn:
        row = conn.execute(
            select(*_quote_cols()).join(s.documents, d.id == q.document_id).where(q.id == quote_id)
        ).first()
        if row is None:
            return None
        out = dict(row._mapping)
        sp = s.quote_spans.c
        out["spans"] = _rows(
            conn.execute(
                select(sp.role, sp.start, sp.end, sp.text)
                .where(sp.quote_id == quote_id)
                .order_by(sp.start)
            )
        )
    return out


def _pg_words(form: str) -> list[str]:
    """A name form as words safe inside ``to_tsquery`` (no operators)."""
    return [w.lower() for w in WORD.findall(form)]


def search_terms(query: str) -> list[str]:
    """The words of a free-text query (FTS operators and punctuation dropped)."""
    return WORD.findall(query or "")[:16]


def _names_index(conn) -> dict[str, set[str]]:
    """Every stored name form (lower case) -> all forms of the same actor or place.

    Actors bring their aliases (other spellings, other scripts); places bring each
    surface form the text used for one resolved place ("Kalingrad" for Kaliningrad).
    """
    groups: list[set[str]] = []
    e = s.entities.c
    for r in conn.execute(select(e.name, e.type, e.aliases_json)):
        forms = {f for f in (r.name, *json.loads(r.aliases_json or "[]")) if f}
        groups.append(forms)
        if r.type == "person":  # a query is read word by word: "Varlamov" finds "Олег Варламов"
            surnames = {f.split()[-1] for f in forms if f.split()}
            if len(surnames) > 1:
                groups.append(surnames)
    p = s.places.c
    by_place: dict[str, set[str]] = {}
    for r in conn.execute(select(p.name, p.text, p.geonameid).distinct()):
        if r.name:
            by_place.setdefault(str(r.geonameid or r.name.lower()), {r.name}).add(r.text)
    groups += by_place.values()
    index: dict[str, set[str]] = {}
    for forms in groups:
        for f in forms:
            index.setdefault(f.lower(), set()).update(forms)
    return index


def _phrases(terms: list[str], index: dict[str, set[str]]) -> list[str]:
    """The query's words with each run of words that is a stored name form joined into one
    term (longest run first), so a full name is looked up as the name it is."""
    out, i = [], 0
    while i < len(terms):
        for j in range(min(len(terms), i + 6), i + 1, -1):
            phrase = " ".join(terms[i:j])
            if phrase.lower() in index:
                out.append(phrase)
                i = j
                break
        else:
            out.append(terms[i])
            i += 1
    return out


def expand_terms(conn, terms: list[str], cutoff: float = 85.0) -> list[list[str]]:
    """Each query word with the other names of the actor or place it names.

    A run of words that is a stored name form ("Oleg Varlamov") is one term with all the
    forms of that name; a word that is a stored name form brings that name's other forms;
    a word of five letters or more that is one or two letters off a stored name form
    ("Kalingrad") brings the forms of the closest one. Words that name nothing stay as
    they are.
    """
    from rapidfuzz import fuzz, process

    index = _names_index(conn)
    single = [k for k in index if " " not in k]
    out = []
    for t in _phrases(terms, index):
        if " " in t:  # a full name, read whole: "Oleg Varlamov" finds "Олег Варламов"
            out.append(sorted(index[t.lower()] | {t}, key=lambda f: (f != t, f)))
            continue
        forms = {t}
        key = t.lower()
        if key in index:
            forms |= index[key]
        elif len(key) >= 5 and single:
            best = process.extractOne(key, single, scorer=fuzz.ratio, score_cutoff=cutoff)
            if best is not None:
                forms |= index[best[0]]
        out.append(sorted(forms, key=lambda f: (f != t, f)))
    return out


def _ranked_ids(conn, id_col, vec, tsq, limit: int) -> list:
    """PostgreSQL: the ids whose text vector ``vec`` matches ``tsq``, best ranked first."""
    query = select(id_col).where(vec.op("@@")(tsq)).order_by(func.ts_rank(vec, tsq).desc())
    return [r[0] for r in conn.execute(query.limit(limit))]


def _containing_ids(conn, id_col, text_col, groups, limit: int) -> list:
    """Without full-text search: the ids whose ``text_col`` holds, for every group of
    forms, one of its forms (case aside)."""
    where = and_(*(or_(*(func.lower(text_col).contains(f.lower()) for f in g)) for g in groups))
    return [r[0] for r in conn.execute(select(id_col).where(where).limit(limit))]


def search(engine: Engine, query: str, limit: int = 50) -> dict:
    """Documents and quotes matching every word of ``query``, each word also under the other
    names of what it names (aliases, spellings, scripts): FTS5 on SQLite, ``tsvector`` on
    PostgreSQL, ``LIKE`` elsewhere."""
    terms = search_terms(query)
    out: dict = {"query": query, "terms": terms, "documents": [], "quotes": []}
    if not terms:
        return out
    d, q = s.documents.c, s.quotes.c
    dialect = engine.dialect.name
    with engine.connect() as conn:
        groups = expand_terms(conn, terms)
        out["terms"] = sorted({f for g in groups for f in g}, key=len, reverse=True)
        out["expanded"] = {g[0]: g[1:] for g in groups if len(g) > 1}
        if dialect == "sqlite" and {"documents_fts", "quotes_fts"} <= table_names(engine):
            match = " AND ".join(
                "(" + " OR ".join('"' + f.replace('"', '""') + '"' for f in g) + ")" for g in groups
            )
            doc_ids = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT document_id FROM documents_fts WHERE documents_fts MATCH ? ORDER "
                    "BY rank LIMIT ?",
                    (match, limit),
                )
            ]
            quote_ids = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT quote_id FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank "
                    "LIMIT ?",
                    (match, limit),
                )
            ]
        elif dialect == "postgresql":
            tsq = func.to_tsquery(
                "simple",
                " & ".join(
                    "("
                    + " | ".join("(" + " <-> ".join(_pg_words(f)) + ")" for f in g if _pg_words(f))
                    + ")"
                    for g in groups
                    if any(_pg_words(f) for f in g)
                )
                or "''",
            )
            dvec = func.to_tsvector("simple", func.coalesce(d.title, "") + " " + d.text)
            doc_ids = _ranked_ids(conn, d.id, dvec, tsq, limit)
            qvec = func.to_tsvector(
                "simple",
                func.coalesce(q.speaker_name, "") + " " + func.coalesce(q.content_text, ""),
            )
            quote_ids = _ranked_ids(conn, q.id, qvec, tsq, limit)
        else:
            doc_ids = _containing_ids(conn, d.id, d.text, groups, limit)
            quote_ids = _containing_ids(conn, q.id, q.content_text, groups, limit)
        docs = (
            {
                r.id: dict(r._mapping)
                for r in conn.execute(select(*_doc_cols(), d.text).where(d.id.in_(doc_ids)))
            }
            if doc_ids
            else {}
        )
        quotes = (
            {
                r.id: dict(r._mapping)
                for r in conn.execute(
                    select(*_quote_cols())
                    .join(s.documents, d.id == q.document_id)
                    .where(q.id.in_(quote_ids))
                )
            }
            if quote_ids
            else {}
        )
    out["documents"] = [docs[i] for i in doc_ids if i in docs]
    out["quotes"] = [quotes[i] for i in quote_ids if i in quotes]
    return out
