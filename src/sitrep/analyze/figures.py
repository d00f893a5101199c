"""Numbers with what they count and the event they belong to (English).

``quantities`` finds the number expressions in the characters; the spaCy parse
then says what each one counts (the noun it modifies, or the ``of`` object of
"hundreds of ...") and the event (the verb that noun phrase is subject or
object of): "close to 6,000 protesters were arrested" -> 6000, approximate,
counted "protesters", event "arrested".

The parse and the entity labels also rule out what is not a count: years
("in 1991"), dates and durations ("Feb. 27", "three days"), times, ordinals,
identifiers ("Article 5", "Boeing 737"), and "one" as a pronoun ("one of the
reasons"). The value conventions (ranges and vague plurals give their lower
bound) are documented in ``quantities`` and ``number_words``.
"""

from __future__ import annotations

from sitrep.analyze.nlp import doc_text
from sitrep.analyze.quantities import Quantity, find_quantities
from sitrep.records import Figure

NOT_COUNT_ENTS = {
    "DATE",
    "TIME",
    "ORDINAL",
    "LAW",
    "PRODUCT",
    "FAC",
    "ORG",
    "WORK_OF_ART",
    "EVENT",
    "PERSON",
    "GPE",
    "LOC",
}
TIME_UNITS = {
    "second",
    "minute",
    "hour",
    "day",
    "night",
    "week",
    "fortnight",
    "month",
    "year",
    "decade",
    "century",
    "millennium",
    "weekend",
    "o'clock",
    "a.m.",
    "p.m.",
    "am",
    "pm",
}
ONE_IDIOMS = {
    "point",
    "day",
    "time",
    "way",
    "side",
    "hand",
    "thing",
    "another",
    "other",
    "kind",
    "sort",
    "reason",
    "case",
    "example",
    "instance",
    "morning",
    "evening",
    "night",
}
ID_PREFIXES = {
    "no",
    "no.",
    "nos",
    "nos.",
    "#",
    "number",
    "page",
    "p.",
    "pp.",
    "article",
    "section",
    "chapter",
    "paragraph",
    "resolution",
    "flight",
    "route",
    "highway",
    "room",
    "unit",
    "brigade",
    "division",
    "regiment",
    "battalion",
    "corps",
    "army",
    "squadron",
    "fig.",
    "figure",
    "table",
    "line",
    "level",
    "grade",
    "version",
    "channel",
}
SUBJ_OBJ = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "dative", "agent", "csubj"}
CURRENCY_WORDS = {
    "dollars",
    "euros",
    "pounds",
    "rubles",
    "roubles",
    "yuan",
    "yen",
    "hryvnias",
    "francs",
    "usd",
    "eur",
    "gbp",
    "rub",
    "uah",
    "m",
    "bn",
    "million",
    "billion",
}
EVENT_PREPS = {
    "on",
    "against",
    "to",
    "at",
    "from",
    "with",
    "by",
    "of",
    "for",
    "among",
    "upon",
    "into",
    "including",
}


def extract_figures(sdoc) -> list[Figure]:
    text = doc_text(sdoc)
    figures: list[Figure] = []
    for q in find_quantities(text, "en"):
        span = sdoc.char_span(q.start, q.end, alignment_mode="expand")
        num = sdoc.char_span(q.num_start, q.num_end, alignment_mode="expand")
        if span is None or num is None or len(num) == 0:
            continue
        figure = _figure(text, q, span, num)
        if figure is not None:
            figures.append(figure)
    return figures


def _figure(text: str, q: Quantity, span, num) -> Figure | None:
    core = span.doc.char_span(q.num_start, q.end, alignment_mode="expand")
    root = (core if core is not None and len(core) else num).root  # markers left out
    if _not_a_count(q, span, num, root):
        return None
    noun = _counted_noun(span, root)
    if (
        noun is not None
        and q.unit not in (None, "percent", "percentage point")
        and (noun.i < span.end or noun.lower_ in CURRENCY_WORDS)
    ):
        noun = None  # "$40 million": the money is the thing, not a count of something
    if noun is not None and noun.lemma_.lower() in TIME_UNITS and q.unit is None:
        return None  # a duration ("three days"), which is a date matter
    if q.spelled and q.value == 1 and not q.approximate and not q.is_range:
        following = span.doc[span.end] if span.end < len(span.doc) else None
        if (
            root.dep_ != "nummod"
            or noun is None
            or noun.lemma_.lower() in ONE_IDIOMS
            or (following is not None and following.lower_ == "of")
        ):
            return None  # "one of the reasons", "at one point", "no one"
    event = _event(noun if noun is not None and root.head == noun else root, noun)
    return Figure(
        q.start,
        q.end,
        text[q.start : q.end],
        q.value,
        approximate=q.approximate,
        counted=_noun_text(noun) if noun is not None else None,
        event=event,
        low=q.low,
        high=q.high,
        unit=q.unit,
    )


def _not_a_count(q: Quantity, span, num, root) -> bool:
    first = num[0]
    counts_plural = (
        first.dep_ == "nummod"
        and first.head.i > first.i
        and first.head.tag_ in ("NNS", "NNPS")
        and first.head.lemma_.lower() not in TIME_UNITS
    )
    if q.plain_int and not q.is_range and q.unit is None and 1000 <= q.value <= 2100:
        # a year unless it plainly counts a plural noun to its right ("2000 soldiers")
        return not counts_plural
    if q.unit is None and any(t.ent_type_ in NOT_COUNT_ENTS for t in num):
        return True
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in ID_PREFIXES and not q.approximate and q.unit is None:
        return True  # "No. 10", "Article 5", "page 4"
    head = first.head
    if (
        first.dep_ in ("nummod", "appos", "npadvmod", "compound", "nmod")
        and head.i < first.i
        and head.pos_ == "PROPN"
        and q.unit is None
    ):
        return True  # "Flight 17", "Boeing 737"
    return False


def _counted_noun(span, root):
    """The noun a number counts: its head ("6,000 protesters") or its ``of`` object."""
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and root.head.i >= span.end:
        if root.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            return root.head
    node = root
    for _ in range(4):
        of = next(
            (
                c
                for c in node.children
                if c.dep_ == "prep" and c.lower_ == "of" and c.i >= span.end - 1
            ),
            None,
        )
        if of is None:
            return None
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        if obj.like_num or obj.lower_ in ("thousands", "millions", "billions", "hundreds"):
            node = obj
            continue
        return obj
    return None


def _noun_text(noun) -> str:
    """The noun with the compound modifiers right before it ("riot police officers")."""
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ == "compound" and noun.doc[start - 1].head == noun:
        if noun.doc[start - 1].like_num:
            break
        start -= 1
    return noun.doc[start : noun.i + 1].text


def _event(node, noun) -> str | None:
    """The verb the figure's noun phrase is subject or object of, else a participle on the noun."""
    for _ in range(6):
        dep, head = node.dep_, node.head
        if head == node:
            break
        if dep in ("conj", "appos", "nummod", "quantmod", "compound", "nmod") and head.pos_ in (
            "NOUN",
            "PROPN",
            "NUM",
        ):
            node = head
            continue
        if dep == "pobj" and head.dep_ == "prep":
            if head.lower_ not in EVENT_PREPS:
                break
            node = head
            if node.head.pos_ == "VERB":
                return _verb_text(node.head)
            break
        if dep in SUBJ_OBJ:
            if head.pos_ == "VERB":
                return _verb_text(head)
            if head.pos_ == "AUX":
                comp = next(
                    (
                        c
                        for c in head.children
                        if c.dep_ in ("acomp", "oprd") and c.tag_ in ("VBN", "JJ")
                    ),
                    None,
                )
                return comp.text if comp is not None else None
        break
    if noun is not None:
        for child in noun.children:
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                return _verb_text(child)
    return None


def _verb_text(verb) -> str:
    prt = next((c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1), None)
    return f"{verb.text} {prt.text}" if prt is not None else verb.text
