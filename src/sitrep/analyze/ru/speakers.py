"""Who a Russian source phrase is: a resolved entity, or an explicit unnamed kind.

The same kinds as the English path: a name is ``named``; "источники",
"очевидцы", "они" are ``unnamed-plural``; "источник", "свидетель" are
``unnamed-person``; "мы" and "я" outside a quote are the document's
``author``; "сообщается", "по сообщениям" are ``passive``.
"""

from __future__ import annotations

from sitrep.analyze.ru.lexicon import FIRST_PERSON, PRONOUNS, UNNAMED_NOUNS
from sitrep.analyze.ru.nlp import RuDoc
from sitrep.records import ActorRef

QUOTE_MARKS = frozenset('«»„“"()')
STOP_RELS = frozenset({"punct", "acl", "acl:relcl", "advcl", "parataxis", "conj", "cc"})


def author_ref(document) -> ActorRef:
    name = getattr(document, "author", None) or getattr(document, "outlet", None)
    return ActorRef(None, name, "author")


def phrase_span(doc: RuDoc, head: int) -> tuple[int, int]:
    """The source phrase around ``head``: its name parts and modifiers,
    stopping at commas and clauses."""
    keep = {head}
    stack = [head]
    while stack:
        k = stack.pop()
        for c in doc.tokens[k].children:
            rel = doc.tokens[c].rel
            if (rel not in STOP_RELS or doc.tokens[c].text in QUOTE_MARKS) and c not in keep:
                keep.add(c)
                stack.append(c)
    lo = hi = head
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return doc.tokens[lo].start, doc.tokens[hi].end


def subject_of(doc: RuDoc, verb: int) -> int | None:
    """The subject of a verb, or of the verb it is coordinated with."""
    for k in (verb, doc.tokens[verb].head):
        if k is None or k < 0:
            continue
        for c in doc.tokens[k].children:
            if doc.tokens[c].rel.startswith("nsubj"):
                return c
        if doc.tokens[verb].rel != "conj":
            break
    return None


def actor(
    doc: RuDoc, ents, start: int, end: int, document=None, in_quote: bool = False
) -> ActorRef:
    """Classify the source phrase ``text[start:end]``."""
    k = doc.token_at(start)
    words = [t for t in doc.tokens[k:] if t.start < end] if k is not None else []
    words = [t for t in words if t.pos != "PUNCT"]
    phrase = doc.text[start:end]
    if len(words) == 1 and words[0].text.lower() in FIRST_PERSON and not in_quote:
        return author_ref(document)
    found = ents.actor_for(start, end) if ents is not None else None
    nouns = [t for t in words if t.pos in ("NOUN", "PROPN", "PRON")]
    if (
        nouns
        and nouns[0].lemma in UNNAMED_NOUNS
        and not (found and found.id and found.id.startswith("person:"))
    ):
        # "источников в Министерстве обороны": unnamed people, wherever they sit;
        # "представитель майор Антон Иванек" is the person named
        plural = nouns[0].feats.get("Number") == "Plur"
        return ActorRef(None, phrase, "unnamed-plural" if plural else "unnamed-person")
    if found is not None:
        return ActorRef(found.id, found.name, "named")
    if not words:
        return ActorRef(None, phrase or None, "passive")
    head = words[0]
    for t in words:
        if t.pos in ("NOUN", "PROPN", "PRON"):
            head = t
            break
    if head.text.lower() in PRONOUNS:
        kind = PRONOUNS[head.text.lower()][1]
        return ActorRef(None, phrase, "unnamed-plural" if kind == "plural" else "unnamed-person")
    if (
        head.pos == "PROPN"
        or (head.text[:1].isupper() and head is not words[0])
        or head.text.isupper()
    ):
        return ActorRef(None, phrase, "named")
    if head.feats.get("Number") == "Plur":
        return ActorRef(None, phrase, "unnamed-plural")
    return ActorRef(None, phrase, "unnamed-person")
