"""Place mentions resolved to a gazetteer.

A place mention is a spaCy GPE/LOC/FAC entity, a name from the user's gazetteer
wherever it occurs (fictional places are rarely tagged), or a word spaCy took
for a person or organization right after "in", "near", "from"... that the
gazetteer knows well. Each is looked up twice: once alone, then with the
countries of the document's other places, so a document about Ukraine puts
"Odessa" in Ukraine. A name the gazetteer cannot place is kept with
``name=None``: never forced onto the nearest spelling.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from sitrep.analyze.nlp import doc_text
from sitrep.lexicon.demonyms import writes_adjective
from sitrep.lexicon.gazetteer import Gazetteer, GeoHit, load_gazetteer
from sitrep.records import Place

__all__ = ["extract_places", "load_gazetteer", "places_from_spans"]

LOCATIVE = frozenset(
    "in near to from outside at around into across towards toward via off inside".split()
)
MATCH_NAMES = {"historical-user": "historical"}
MIN_POPULATION_UNTAGGED = 100_000


@lru_cache(maxsize=8)
def _user_pattern(gaz: Gazetteer) -> re.Pattern | None:
    """One regex over the user's place names (the layer above the base gazetteer)."""
    if gaz.parent is None:
        return None
    names = sorted(set(gaz.user_names), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _mentions(sdoc, ents, gaz: Gazetteer) -> list[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    others: list[tuple[int, int]] = []  # names of people and organizations
    for ent in ents.entities:
        for m in ent.mentions:
            if ent.type == "place":
                spans.add((m.start, m.end))
            elif " " not in m.text and _after_locative(sdoc, m.start) and _well_known(gaz, m.text):
                spans.add((m.start, m.end))
            elif ent.type in ("person", "org"):
                others.append((m.start, m.end))
    pattern = _user_pattern(gaz)
    if pattern is not None:
        for found in pattern.finditer(doc_text(sdoc)):
            s, e = found.span()
            if any(a < e and s < b for a, b in spans):
                continue
            # "Veskaria Today" is an outlet; an organization named exactly
            # like the place is the place
            if any(a < e and s < b and (a, b) != (s, e) for a, b in others):
                continue
            spans.add((s, e))
    return sorted(spans)


def _after_locative(sdoc, start: int) -> bool:
    tok = sdoc.char_span(start, start + 1, alignment_mode="expand")
    if tok is None or tok.start == 0:
        return False
    return sdoc[tok.start - 1].lower_ in LOCATIVE


def _well_known(gaz: Gazetteer, name: str) -> bool:
    hit = gaz.lookup(name, fuzzy=False)
    return hit is not None and (
        hit.match in ("user", "historical-user", "country")
        or hit.entry.population >= MIN_POPULATION_UNTAGGED
    )


MAX_ALTERNATIVES = 3


def _place(
    text: str,
    start: int,
    end: int,
    ranked: list[GeoHit],
    alone: GeoHit | None = None,
    context: dict[str, int] | None = None,
) -> Place:
    if not ranked:
        return Place(start, end, text[start:end], None)
    hit, e = ranked[0], ranked[0].entry
    others = [h for h in ranked[1:] if h.entry.country != e.country or h.entry.name != e.name]
    return Place(
        start,
        end,
        text[start:end],
        e.name,
        e.country,
        e.lat,
        e.lon,
        MATCH_NAMES.get(hit.match, hit.match),
        e.geonameid,
        alternatives=[_label(h) for h in others[:MAX_ALTERNATIVES]],
        reason=_reason(text[start:end], hit, others, alone, context or {}),
    )


def _label(hit: GeoHit) -> str:
    e = hit.entry
    return f"{e.name}, {e.country}" if e.country else e.name


def _reason(
    said: str, hit: GeoHit, others: list[GeoHit], alone: GeoHit | None, context: dict[str, int]
) -> str | None:
    """Why this place, in a sentence a reader can check: only where there was a choice to make."""
    e = hit.entry
    if hit.match == "fuzzy":
        return f"'{said}' is not a known name; read as a near-spelling of {_label(hit)}"
    if hit.match in ("historical", "historical-user"):
        return f"'{said}' is a former name of {_label(hit)}"
    if not others:
        return None
    namesakes = f"{len(others) + 1} places are called '{said}'"
    where = ", ".join(
        f"{c} ×{n}" if n > 1 else c
        for c, n in sorted(context.items(), key=lambda x: (-x[1], x[0]))[:3]
    )
    if (
        alone is not None
        and (alone.entry.name, alone.entry.country) != (e.name, e.country)
        and context
    ):
        return (
            f"{namesakes}; {_label(hit)} because the document's other places are in {where} "
            f"(alone it would be {_label(alone)})"
        )
    if hit.match == "user":
        return f"{namesakes}; {_label(hit)} from the user's gazetteer"
    if hit.match == "country":
        return f"'{said}' is the country; {len(others)} namesake place(s) set aside"
    why = (
        ["the best known (largest population)"]
        if e.population >= max(h.entry.population for h in others)
        else []
    )
    if context and e.country in context:
        why.append(f"the document's other places are in {where}")
    return f"{namesakes}; {_label(hit)}: " + (" and ".join(why) if why else "the closest match")


def _unless_own_name(text: str, said: str, ranked: list[GeoHit]) -> list[GeoHit]:
    """No near-spelling guess for a name its own document also writes as an adjective:
    'Arvenia' beside 'the Arvenian army' is a place the gazetteer lacks, not 'Armenia'."""
    if ranked and ranked[0].match == "fuzzy" and writes_adjective(text, said):
        return []
    return ranked


def extract_places(sdoc, ents, gaz: Gazetteer | None = None) -> list[Place]:
    """Every place mention, resolved where the gazetteer allows (the base one unless given)."""
    gaz = gaz or load_gazetteer()
    return places_from_spans(doc_text(sdoc), _mentions(sdoc, ents, gaz), gaz)


def places_from_spans(
    text: str, spans: list[tuple[int, int]], gaz: Gazetteer | None = None
) -> list[Place]:
    """Resolve place mentions found by any tagger (the Russian pipeline uses this too).

    Two passes: each name alone, then again with the countries of the document's
    other places (its own vote left out), so context can settle namesakes.
    """
    gaz = gaz or load_gazetteer()
    first = [_unless_own_name(text, text[s:e], gaz.ranked(text[s:e])) for s, e in spans]
    countries = Counter(
        r[0].entry.country for r in first if r and r[0].match != "fuzzy" and r[0].entry.country
    )
    places = []
    for (s, e), ranked in zip(spans, first, strict=True):
        hit = ranked[0] if ranked else None
        near = countries.copy()
        if hit is not None and hit.match != "fuzzy" and hit.entry.country:
            near[hit.entry.country] -= 1
        context = {c: n for c, n in near.items() if n > 0}
        # a name with no reading alone (unknown, or refused as a near-spelling) gets none here
        final = (
            _unless_own_name(text, text[s:e], gaz.ranked(text[s:e], context))
            if context and ranked
            else ranked
        )
        places.append(_place(text, s, e, final, hit, context))
    return places
