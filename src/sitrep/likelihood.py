"""ICD 203 estimative language: seven bands, each with its words and its probability range.

Defined once, below every stage: hedges map a cue to a band (analyze), judgments put a
storyline in a band (assess), the store and the web pages print its words (store, deliver).
"""

from __future__ import annotations

ICD203: dict[int, tuple[str, str]] = {
    1: ("almost no chance", "1–5%"),
    2: ("very unlikely", "5–20%"),
    3: ("unlikely", "20–45%"),
    4: ("roughly even chance", "45–55%"),
    5: ("likely", "55–80%"),
    6: ("very likely", "80–95%"),
    7: ("almost certain", "95–99%"),
}
ICD203_WORDS: dict[int, str] = {band: words for band, (words, _range) in ICD203.items()}
