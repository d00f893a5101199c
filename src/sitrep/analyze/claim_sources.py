"""Who relays a claim: a named outlet or person, or an explicit unnamed kind.

The kind is read from the source phrase's head word: a name is ``named``;
"numerous reports", "sources", "officials" are ``unnamed-plural``; "a person in
Germany", "a witness" is ``unnamed-person``; "I" and "we" outside a quote are
the document's ``author``.
"""

from __future__ import annotations

from sitrep.analyze.nlp import doc_text
from sitrep.records import ActorRef

NAMED_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
PLURAL_PRONOUNS = frozenset({"they", "them"})


def author_ref(document) -> ActorRef:
    name = getattr(document, "author", None) or getattr(document, "outlet", None)
    return ActorRef(None, name, "author")


def _name_span(head) -> tuple[int, int]:
    """The head word with its compound and flat-name parts ("Jane Doe", "CNN")."""
    toks = [head] + [c for c in head.children if c.dep_ in ("compound", "flat")]
    toks.sort(key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def source_ref(
    head, phrase_start: int, phrase_end: int, ents, document, in_quote: bool = False
) -> ActorRef:
    """Classify a source phrase (its head token and character span) as an ActorRef."""
    text = doc_text(head.doc)
    phrase = text[phrase_start:phrase_end]
    lower = head.lower_
    if head.pos_ == "PRON":
        if lower in FIRST_PERSON and not in_quote:
            return author_ref(document)
        found = ents.actor_for(head.idx, head.idx + len(head.text)) if ents is not None else None
        if found is not None:
            return ActorRef(found.id, found.name, "named")
        kind = "unnamed-plural" if lower in PLURAL_PRONOUNS else "unnamed-person"
        return ActorRef(None, phrase, kind)
    ns, ne = _name_span(head)
    found = ents.actor_for(ns, ne) if ents is not None else None
    if found is not None:
        return ActorRef(found.id, found.name, "named")
    if head.pos_ == "PROPN" or head.ent_type_ in NAMED_ENTS:
        return ActorRef(None, text[ns:ne], "named")
    if head.tag_ in ("NNS", "NNPS"):
        return ActorRef(None, phrase, "unnamed-plural")
    return ActorRef(None, phrase, "unnamed-person")
