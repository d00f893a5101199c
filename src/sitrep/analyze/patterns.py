"""Regular expressions that skip ahead: the text patterns of dates and figures run over
every character of every document, so how Python's engine scans them matters."""

from __future__ import annotations

import re


def starting_with(first: str, pattern: str, flags: int = 0) -> re.Pattern:
    """``pattern``, whose matches can only start at one of the characters ``first`` (a
    character class body), behind a lookahead saying so: the engine then passes over
    every other position at once instead of trying the whole pattern there, which halves
    the time of most of these patterns. The matches are the same (tests hold each such
    pattern to the plain one)."""
    return re.compile(rf"(?=[{first}])" + pattern, flags)


def plain(pattern: re.Pattern) -> re.Pattern:
    """The pattern without the lookahead ``starting_with`` put in front of it (for tests)."""
    return re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", pattern.pattern), pattern.flags)


def gated(namespace: dict) -> list[re.Pattern]:
    """The patterns among ``namespace``'s values that ``starting_with`` made."""
    return [
        p for p in namespace.values() if isinstance(p, re.Pattern) and p.pattern.startswith("(?=[")
    ]
