"""A country's name and the adjective made from it (Arvenia / Arvenian, China / Chinese).

Chains use the shared stem to count "the Arvenian ministry" and "Arvenia's ministry" as one
body; place resolution uses the adjective as evidence that a name is written as its author
means it: a writer who also says "Arvenian" did not mistype "Armenia".
"""

from __future__ import annotations

import re

VOWELS = "aeiouy"
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "i")
_WORD = re.compile(r"[^\W\d_]+")


def country_stem(word: str) -> str:
    """One stem for a country's name and its adjective: Arvenia, Arvenian -> arven; Ukraine,
    Ukrainian -> ukrain; Germany, German -> germ. Other words keep their stem ("interior")."""
    for form in (
        word,
        word.rstrip(VOWELS),
    ):  # "Chinese" ends in -ese, "Germany" in -an once the y is off
        for ending in DEMONYM_ENDINGS:
            if form.endswith(ending) and len(form) - len(ending) >= 4:
                return form[: -len(ending)].rstrip(VOWELS)
    return word.rstrip(VOWELS) or word


def adjective_of(word: str, name: str) -> bool:
    """True when ``word`` is the adjective or people-noun made from the one-word place
    ``name``: 'Arvenian', 'Arvenians' for 'Arvenia' (not 'Arvenia' itself)."""
    w, n = word.lower(), name.lower()
    if w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if w == n or not w[:1].isalpha() or not any(w.endswith(e) for e in DEMONYM_ENDINGS):
        return False
    stem = country_stem(n)
    return len(stem) >= 4 and country_stem(w) == stem and w.startswith(stem)


def writes_adjective(text: str, name: str) -> bool:
    """True when ``text`` uses the adjective of the one-word place ``name`` (capitalised, as
    adjectives of places are in English)."""
    if not name or " " in name.strip():
        return False
    head = name.strip()[:3].lower()
    return any(
        adjective_of(m.group(), name)
        for m in _WORD.finditer(text)
        if m.group()[:1].isupper() and m.group()[:3].lower() == head
    )
