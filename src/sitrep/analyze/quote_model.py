"""The shipped attribution tagger and cue lexicon, loaded once per process."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

MODELS = Path(__file__).resolve().parent.parent / "models"
MODEL_PATH = MODELS / "quotes.crfsuite"
CUES_PATH = MODELS / "quotes_cues.json"
#: cues analysts use that PolNeAR's election news barely has ("Hollis assessed that ...")
ANALYST_CUES = {"assess": 0.8}


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, float]:
    """lemma -> how often it is an attribution cue in PolNeAR train ({} when not trained yet)."""
    if not CUES_PATH.exists():
        return {}
    lexicon = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    for lemma, score in ANALYST_CUES.items():
        lexicon[lemma] = max(score, lexicon.get(lemma, 0.0))
    return lexicon


@lru_cache(maxsize=1)
def load_tagger():
    """The CRF tagger, or None when the model file is absent (rules still run)."""
    if not MODEL_PATH.exists():
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


@lru_cache(maxsize=1)
def load_scorer():
    """The same model read as arrays (``quote_scores``), or None when it cannot be."""
    from sitrep.analyze.crf_runtime import CrfModel, ModelFormatError
    from sitrep.analyze.quote_scores import QuoteScorer

    if not MODEL_PATH.exists():
        return None
    try:
        return QuoteScorer(CrfModel.load(MODEL_PATH))
    except (
        ModelFormatError
    ):  # pragma: no cover - a model python-crfsuite reads but this reader does not
        return None
