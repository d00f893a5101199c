"""Sentences about the reporting itself, not about the events: never evidence.

Every wire story ends "(Reporting by X; Editing by Y)"; many say "the ministry has not
commented", "did not respond to a request for comment", "could not independently verify
the claim". Said by several outlets they look like a corroborated storyline, and they rank
as key judgments; they tell an analyst nothing about what happened.
"""

from __future__ import annotations

import re

STAFF_CREDIT = re.compile(
    r"^\W*\(?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|translated|produced|graphics|"
    r"photos?|video)\s+(?:by|from)\b[^()]*\)?\W*"
    r"(?:[—–-]+\s*[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*){0,3}\W*)?$",  # "... Maes) — MPA"
    re.IGNORECASE,
)
NO_COMMENT = re.compile(
    r"\b(?:(?:has|have|had|did)\s+not|hasn't|haven't|didn't|declined|refused|was\s+not\s+available|"
    r"were\s+not\s+available|could\s+not\s+be\s+reached|not\s+immediately)\b[^.]{0,40}?"
    r"\b(?:comment(?:ed)?|respond(?:ed)?|reply|replied|available)\b",
    re.IGNORECASE,
)
UNVERIFIED = re.compile(r"\bcould\s+not\s+(?:independently\s+)?(?:verify|confirm)\b", re.IGNORECASE)
MAX_PROCEDURAL_WORDS = 30


def is_procedural(sentence: str) -> bool:
    """A staff credit, a "no comment" or a "could not verify" sentence,
    short enough to be only that."""
    text = sentence.strip()
    if STAFF_CREDIT.match(text):
        return True
    if len(text.split()) > MAX_PROCEDURAL_WORDS:
        return False
    return bool(NO_COMMENT.search(text) or UNVERIFIED.search(text))
