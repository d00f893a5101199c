"""Russian documents -> the same records as the English path, with offsets into the original text.

natasha parses (:mod:`.nlp`); entities come in their nominative forms
(:mod:`.entities`); quotes, claims and hedges follow Russian typography and
formulas (:mod:`.quotes`, :mod:`.claims`); dates and figures are the
plain-text Russian finders shared with the English modules. Like
``analyze_parsed``, :func:`analyze_ru` is a pure function of the document and
the loaded models.
"""

from __future__ import annotations

from sitrep.analyze.dates_ru import extract_dates_text
from sitrep.analyze.figures_ru import extract_figures_text
from sitrep.analyze.ru.claims import extract_claims_ru
from sitrep.analyze.ru.entities import RuDocEntities, extract_entities_ru
from sitrep.analyze.ru.nlp import load_models, parse_ru
from sitrep.analyze.ru.quotes import extract_quotes_ru
from sitrep.records import Analysis, Document, Place

__all__ = ["analyze_ru", "load_models", "parse_ru"]


def extract_places_ru(ents: RuDocEntities, text: str, gaz=None) -> list[Place]:
    """Place mentions, resolved through the nominative the gazetteer knows."""
    from sitrep.analyze.ru.entities import place_name

    if gaz is None:
        from sitrep.lexicon.gazetteer import load_gazetteer

        gaz = load_gazetteer()
    places = []
    for ent in ents.entities:
        if ent.type != "place":
            continue
        _name, hit = place_name(ent.name, ent.name, gaz)
        for m in ent.mentions:
            if hit is None:
                places.append(Place(m.start, m.end, text[m.start : m.end], None))
                continue
            e = hit.entry
            match = {"historical-user": "historical"}.get(hit.match, hit.match)
            places.append(
                Place(
                    m.start,
                    m.end,
                    text[m.start : m.end],
                    e.name,
                    e.country,
                    e.lat,
                    e.lon,
                    match,
                    e.geonameid,
                )
            )
    places.sort(key=lambda p: p.start)
    return places


def analyze_ru(document: Document, gaz=None) -> Analysis:
    """Every extractor over one Russian document (places from ``gaz``, the base gazetteer
    unless given)."""
    if gaz is None:
        from sitrep.lexicon.gazetteer import load_gazetteer

        gaz = load_gazetteer()
    doc = parse_ru(document.text)
    ents = extract_entities_ru(doc, gaz)
    quotes = extract_quotes_ru(doc, ents, document)
    claims, hedges = extract_claims_ru(doc, document, ents, quotes)
    return Analysis(
        quotes=quotes,
        claims=claims,
        hedges=hedges,
        entities=ents.entities,
        places=extract_places_ru(ents, document.text, gaz),
        figures=extract_figures_text(document.text, "ru"),
        dates=extract_dates_text(document.text, document.published, "ru"),
    )
