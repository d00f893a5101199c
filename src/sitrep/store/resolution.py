"""The corpus resolution, saved once per change of the corpus and loaded by every later reader.

``sitrep assess`` resolves the corpus and saves the result here (beside the rewritten
entity rows of ``write.save_resolution``); ``sitrep brief``, ``export`` and ``hypotheses``
load it instead of resolving again. The row carries a stamp of the analyses it was made
from, so a store that changed since (new documents, a new analyzer) is resolved afresh.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

from sqlalchemy import Engine, delete, insert, select

from sitrep.records import Entity, Mention, Role
from sitrep.resolve import Resolution
from sitrep.store import schema as s


def corpus_stamp(engine: Engine) -> str:
    """Which analyses the corpus holds now: their document ids and when each was analyzed."""
    h = hashlib.sha256()
    with engine.connect() as conn:
        rows = conn.execute(
            select(s.documents.c.id, s.documents.c.analyzed_at)
            .join(s.analyses, s.analyses.c.document_id == s.documents.c.id)
            .order_by(s.documents.c.id)
        )
        for row in rows:
            h.update(f"{row.id}:{row.analyzed_at}\n".encode())
    return h.hexdigest()


def save(engine: Engine, resolution: Resolution, stamp: str) -> None:
    body = json.dumps(_to_json(resolution), ensure_ascii=False, sort_keys=True)
    with engine.begin() as conn:
        conn.execute(delete(s.resolutions))
        conn.execute(insert(s.resolutions).values(id=1, stamp=stamp, resolution_json=body))


def load(engine: Engine, stamp: str) -> Resolution | None:
    """The saved resolution when it was made from the corpus as it is now, else None."""
    with engine.connect() as conn:
        row = conn.execute(select(s.resolutions).where(s.resolutions.c.id == 1)).first()
    if row is None or row.stamp != stamp:
        return None
    return _from_json(json.loads(row.resolution_json))


def _to_json(res: Resolution) -> dict:
    out = {f.name: getattr(res, f.name) for f in dataclasses.fields(res)}
    out["entities"] = {k: dataclasses.asdict(e) for k, e in res.entities.items()}
    out["misspellings"] = {k: sorted(v) for k, v in res.misspellings.items()}
    out["own_places"] = sorted(res.own_places)
    return out


def _from_json(data: dict) -> Resolution:
    known = {f.name for f in dataclasses.fields(Resolution)}
    data = {k: v for k, v in data.items() if k in known}
    entity_fields = {f.name for f in dataclasses.fields(Entity)}
    mention_fields = {f.name for f in dataclasses.fields(Mention)}
    entities = {}
    for k, e in data.get("entities", {}).items():
        e = {f: v for f, v in e.items() if f in entity_fields}
        e["mentions"] = [
            Mention(**{f: v for f, v in m.items() if f in mention_fields})
            for m in e.get("mentions", [])
        ]
        e["role_spans"] = [Role(**r) for r in e.get("role_spans", [])]
        entities[k] = Entity(**e)
    data["entities"] = entities
    data["misspellings"] = {k: set(v) for k, v in data.get("misspellings", {}).items()}
    data["own_places"] = set(data.get("own_places", []))
    return Resolution(**data)
