"""How often a quote of a given shape is right: the confidence each quote carries.

A quote is *right* when its content is a real attribution and its speaker is the
annotated one (the project's metric, design.md). How often that holds depends on the
quote's shape: quoted or reported, a cue of saying or a weak one, a name, a pronoun or
nobody as its speaker, a continuation of the quote before. ``training/calibrate_quotes.py``
counts it per shape on PolNeAR dev (text the tagger never saw); a shape seen too rarely
borrows from a coarser one, and each share is taken one standard error low, so a rate
counted on a few dozen quotes does not promise more than it showed. Quotes at confidence
>= 0.8 are right at least nine times in ten on dev and on train, where the rates were
not counted (``benchmarks/quotes.py`` prints the table).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

RATES_PATH = Path(__file__).resolve().parent.parent / "models" / "quotes_confidence.json"
#: without a calibration file: the hand-set scale of the first version
FALLBACK = {"cue+speaker": 0.9, "speaker": 0.7, "none": 0.5}
#: a few quoted words that are not speech: capped, whatever PolNeAR counts them as
FRAGMENT_CONFIDENCE = 0.3
MIN_SEEN = 30  # a shape seen fewer times borrows the rate of its coarser shape
MARGIN = 1.0  # standard errors taken off each share: a confidence is a lower estimate


SAYING = frozenset({"say", "tell"})


def shape_of(
    kind: str,
    cue_lemma: str | None,
    cue_score: float,
    source: str,
    words: int,
    continuation: bool,
    sure: float | None,
) -> tuple[str, ...]:
    """From finest to coarsest: each key drops a distinction of the one before. ``sure`` is
    the tagger's mean probability of the content's tags (None for a quote a rule found)."""
    if cue_lemma is None:
        cue = "none"
    elif cue_lemma in SAYING:
        cue = "say"
    else:
        cue = "strong" if cue_score >= 0.6 else "weak"
    size = "short" if words <= 5 else "mid" if words <= 15 else "long"
    if continuation:
        source = "carried"
    tagger = (
        "rule" if sure is None else "sure" if sure >= 0.95 else "fair" if sure >= 0.8 else "unsure"
    )
    return (
        "|".join((kind, cue, source, size, tagger)),
        "|".join((kind, cue, size, tagger)),
        "|".join((kind, cue, tagger)),
        "|".join((kind, cue)),
        kind,
    )


def source_kind(tokens) -> str:
    """name | pronoun | noun | none, from the source's tokens."""
    toks = [t for t in tokens if not t.is_punct and not t.is_space]
    if not toks:
        return "none"
    if len(toks) == 1 and toks[0].pos_ == "PRON":
        return "pronoun"
    if any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in toks):
        return "name"
    return "noun"


@lru_cache(maxsize=1)
def load_rates() -> dict[str, float]:
    if not RATES_PATH.exists():
        return {}
    rates = json.loads(RATES_PATH.read_text(encoding="utf-8"))["rates"]
    return {k: v[0] if isinstance(v, list) else float(v) for k, v in rates.items()}


def confidence_for(shape: tuple[str, ...], has_cue: bool, has_source: bool) -> float:
    rates = load_rates()
    for key in shape:
        if key in rates:
            return rates[key]
    if has_cue and has_source:
        return FALLBACK["cue+speaker"]
    return FALLBACK["speaker"] if has_source else FALLBACK["none"]


def fit_rates(seen: list[tuple[tuple[str, ...], bool]]) -> dict[str, tuple[float, int]]:
    """Shape -> (share right, quotes), finest shapes first: a shape seen MIN_SEEN times
    gets its own rate, the rest fall to the next coarser shape, whose rate is counted
    over those that fell (so each rate is the share right of exactly the quotes given it)."""
    rates: dict[str, tuple[float, int]] = {}
    left = list(seen)
    depth = max((len(s) for s, _ in seen), default=0)
    for level in range(depth):
        tally: dict[str, list[int]] = {}
        for shape, right in left:
            t = tally.setdefault(shape[level], [0, 0])
            t[0] += right
            t[1] += 1
        last = level == depth - 1
        for key, (ok, n) in tally.items():
            if n >= MIN_SEEN or last:
                share = ok / n
                rates[key] = (round(share - MARGIN * (share * (1 - share) / n) ** 0.5, 3), n)
        left = [(s, r) for s, r in left if s[level] not in rates]
    return rates
