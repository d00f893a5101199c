"""Speed of figure and date extraction next to the spaCy parse they run on.

Runs on the English example corpus (fictional, shipped with the project), split
into sentences and repeated up to N sentences; prints seconds per stage and
the extractors' share of the parse time. dateparser's cache is cleared first,
so the first pass is a cold one.

    python benchmarks/figures_dates_speed.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sitrep.analyze import date_resolve, number_words
from sitrep.analyze.dates import extract_dates
from sitrep.analyze.dates_ru import extract_dates_text
from sitrep.analyze.figures import extract_figures
from sitrep.analyze.figures_ru import extract_figures_text
from sitrep.analyze.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]


def main(n: int = 500) -> None:
    nlp = load_nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    english = [t for t in texts if not any("а" <= c <= "я" for c in t[:200])]
    russian = [t for t in texts if t not in english]
    sents = [s.text for doc in nlp.pipe(english) for s in doc.sents if s.text.strip()]
    sents = (sents * (n // max(len(sents), 1) + 1))[:n]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(sents, batch_size=64))
    parse = time.perf_counter() - t0
    date_resolve.parse_fields.cache_clear()
    number_words.words_value.cache_clear()
    timings = {}
    for name, fn in (
        ("figures", lambda d: extract_figures(d)),
        ("dates (cold cache)", lambda d: extract_dates(d, "2026-02-27")),
        ("dates (warm cache)", lambda d: extract_dates(d, "2026-02-27")),
    ):
        t0 = time.perf_counter()
        found = sum(len(fn(d)) for d in docs)
        timings[name] = (time.perf_counter() - t0, found)
    words = sum(len(d) for d in docs)
    print(f"{len(docs)} sentences, {words} tokens; spaCy parse {parse:.2f}s")
    for name, (secs, found) in timings.items():
        print(f"  {name:20s} {secs:.3f}s  {100 * secs / parse:5.1f}% of parse  ({found} records)")
    if russian:
        ru = "\n".join(russian)
        t0 = time.perf_counter()
        f, d = extract_figures_text(ru), extract_dates_text(ru, "2026-02-27")
        secs = time.perf_counter() - t0
        print(
            f"Russian plain text: {len(ru)} chars, {len(f)} figures, {len(d)} dates in {secs:.3f}s"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
