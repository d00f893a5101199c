"""Corpus level: one canonical entity per actor across documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sitrep.records import Analysis, Document, Entity


@dataclass
class Resolution:
    """Canonical entities and the map from each document-level entity id to one of them."""

    entities: dict[str, Entity] = field(default_factory=dict)
    canonical_of: dict[str, str] = field(default_factory=dict)

    def canonical(self, local_id: str | None) -> Entity | None:
        if local_id is None:
            return None
        return self.entities.get(self.canonical_of.get(local_id, local_id))


def resolve_corpus(items: Iterable[tuple[Document, Analysis]]) -> Resolution:
    res = Resolution()
    for _doc, analysis in items:
        for ent in analysis.entities:
            canon = res.entities.get(ent.id)
            if canon is None:
                res.entities[ent.id] = Entity(ent.id, ent.name, ent.type, [ent.name], list(ent.roles))
            res.canonical_of[ent.id] = ent.id
    return res


def apply_resolution(analysis: Analysis, res: Resolution) -> None:
    """Point speakers and sources at canonical entities, in place."""
    for rec in [*(q.speaker for q in analysis.quotes), *(c.source for c in analysis.claims)]:
        if rec is not None and rec.id is not None:
            canon = res.canonical(rec.id)
            if canon is not None:
                rec.id, rec.name = canon.id, canon.name
