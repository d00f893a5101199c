"""Which language a document is in: lingua restricted to a few languages loads fast and small."""

from __future__ import annotations

from functools import lru_cache

LANGS = ("ENGLISH", "RUSSIAN", "UKRAINIAN", "GERMAN", "FRENCH", "SPANISH", "POLISH")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in LANGS)).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot tell."""
    sample = text[:2000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    lang = _detector().detect_language_of(sample)
    return lang.iso_code_639_1.name.lower() if lang is not None else None
