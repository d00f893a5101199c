"""Document -> records. A pure function of the text, its metadata and the loaded pipeline.

``analyze_parsed`` is the unit of work: it runs the same in one process, in a
pool, or inside a Spark partition. It does no I/O and keeps no state between
documents; the gazetteer it places names with is an argument (the base one unless
the run chose a user file), never a process-wide setting.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sitrep.analyze import claims, dates, entities, figures, places, quotes
from sitrep.analyze.nlp import load_nlp, parse_texts
from sitrep.lexicon.gazetteer import Gazetteer, load_gazetteer
from sitrep.records import Analysis, Document

__all__ = ["analyze_docs", "analyze_parsed", "load_nlp"]

ANALYZER_VERSION = "1"
CACHE_PREFIX = "sitrep_"  # user_data keys of the extractors' per-document caches


@contextmanager
def _collector_paused():
    """The extractors allocate several hundred thousand short-lived lists and strings per
    document, nearly all freed by reference counting; the cyclic collector, triggered
    every 700 allocations, would meanwhile rescan the whole heap (the loaded models
    included) again and again. Pausing it for one document's extraction cuts about a
    seventh of the extractors' time; it runs again as soon as the document is done."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def analyze_parsed(document: Document, sdoc, gazetteer: Gazetteer | None = None) -> Analysis:
    """Run every extractor over one parsed document."""
    with _collector_paused():
        try:
            return _extract(document, sdoc, gazetteer or load_gazetteer())
        finally:
            _drop_caches(sdoc)
            _freeze_models_once()


_models_frozen = False


def _freeze_models_once() -> None:
    """After the first document every model is loaded (spaCy's, the taggers', the lexicons
    and gazetteer): ``gc.freeze`` moves what is alive now out of the collector's sight, so
    the full collections a long run triggers stop rescanning a few hundred thousand objects
    that live as long as the process (about 0.15 s each here). Done once per process; the
    worker pool's fork server does the same before it forks."""
    global _models_frozen
    if not _models_frozen:
        _models_frozen = True
        gc.freeze()


def _drop_caches(sdoc) -> None:
    """Free the extractors' per-document caches (token table, feature columns, sentence
    units) while the collector is still paused: freed here by reference counting, they
    are never scanned, where otherwise the first collection after the pause walks them all."""
    data = sdoc.user_data
    for key in [k for k in data if isinstance(k, str) and k.startswith(CACHE_PREFIX)]:
        del data[key]


def _extract(document: Document, sdoc, gaz: Gazetteer) -> Analysis:
    ents = entities.extract_entities(sdoc, document, gaz)
    found_quotes = quotes.extract_quotes(sdoc, ents)
    found_claims, hedges = claims.extract_claims(sdoc, document, ents, found_quotes)
    return Analysis(
        quotes=found_quotes,
        claims=found_claims,
        hedges=hedges,
        entities=ents.entities,
        places=places.extract_places(sdoc, ents, gaz),
        figures=figures.extract_figures(sdoc),
        dates=dates.extract_dates(sdoc, document.published),
    )


def analyze_docs(
    documents: Iterable[Document],
    nlp=None,
    batch_size: int = 16,
    gazetteer: Gazetteer | None = None,
) -> Iterator[tuple[Document, Analysis]]:
    """Analyze a stream of documents with ``nlp.pipe``, yielding in input order.

    Documents in a language sitrep does not analyze come back with
    ``analyzed=False`` and a note, never dropped.
    """
    nlp = nlp or load_nlp()
    gaz = gazetteer or load_gazetteer()
    pending: list[Document] = []

    def flush() -> Iterator[tuple[Document, Analysis]]:
        for doc, sdoc in zip(
            pending, parse_texts(nlp, [d.text for d in pending], batch_size), strict=True
        ):
            yield doc, analyze_parsed(doc, sdoc, gaz)
        pending.clear()

    for document in documents:
        if document.language in OWN_PIPELINES:
            yield from flush()
            yield document, _analyze_other(document, gaz)
            continue
        if document.language and document.language not in SUPPORTED_LANGUAGES:
            yield from flush()
            yield (
                document,
                Analysis(
                    analyzed=False, note=f"language {document.language!r} is not analyzed yet"
                ),
            )
            continue
        pending.append(document)
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


def _analyze_other(document: Document, gaz: Gazetteer) -> Analysis:
    """A language with its own pipeline (Russian: natasha), imported only when needed."""
    from sitrep.analyze.ru import analyze_ru

    return analyze_ru(document, gaz)


OWN_PIPELINES = {"ru"}
SUPPORTED_LANGUAGES = {"en", *OWN_PIPELINES}
