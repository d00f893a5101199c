"""People, organizations, places and groups in one document, and who a span refers to."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.ids import entity_id
from sitrep.records import ActorRef, Entity, Mention

LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}


@dataclass
class DocEntities:
    """The document's entities plus a lookup from character spans to actors."""

    entities: list[Entity] = field(default_factory=list)

    def actor_for(self, start: int, end: int) -> ActorRef | None:
        """The entity a source span refers to (a name, a surname, a pronoun, a title)."""
        for ent in self.entities:
            for m in ent.mentions:
                if m.start < end and start < m.end:
                    return ActorRef(ent.id, ent.name)
        return None


def extract_entities(sdoc, document) -> DocEntities:
    by_id: dict[str, Entity] = {}
    for ent in sdoc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        eid = entity_id(label, ent.text)
        entity = by_id.setdefault(eid, Entity(eid, ent.text, label))
        entity.mentions.append(Mention(ent.start_char, ent.end_char, ent.text, label, eid))
    return DocEntities(list(by_id.values()))
