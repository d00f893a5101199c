"""Quotation marks: where quoted stretches open and close, paragraph by paragraph.

News uses straight and curly double marks, single curly marks for quotes in
headlines and quotes inside quotes, and the convention that a quote running over
several paragraphs reopens each paragraph with a mark and closes only at its end.
A paragraph that opens with a mark that does not close is therefore a quote that
continues into the next paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
DOUBLE = OPEN_DOUBLE + CLOSE_DOUBLE + '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
ALL_MARKS = DOUBLE + SINGLE_OPEN + SINGLE_CLOSE + "'"

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(slots=True)
class Stretch:
    """A quoted stretch: ``start``/``end`` include the marks; ``open_end`` when unclosed."""

    start: int
    end: int
    open_end: bool = False
    single: bool = False
    mark: int = 1  # width of the marks: 2 for the typewriter style ''like this''

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.mark, self.end - (0 if self.open_end else self.mark)


def _double_stretches(text: str, p0: int, p1: int) -> list[Stretch]:
    out: list[Stretch] = []
    opened: int | None = None
    width = 1
    i = p0 - 1
    while i + 1 < p1:
        i += 1
        ch = text[i]
        if ch == "'" and text[i + 1 : i + 2] == "'":
            # two apostrophes stand for a double mark in some wire copy
            if opened is None:
                opened, width = i, 2
            else:
                out.append(Stretch(opened, i + 2, mark=width))
                opened = None
            i += 1
            continue
        if ch not in DOUBLE:
            continue
        width = 1
        if ch == '"':
            # a straight mark opens when nothing is open, else it closes
            if opened is None:
                opened = i
            else:
                out.append(Stretch(opened, i + 1, mark=width))
                opened = None
        elif ch in OPEN_DOUBLE:
            if opened is None:
                opened = i
            # a second opening mark in a row: keep the first (typo or nested)
        elif opened is not None:
            out.append(Stretch(opened, i + 1, mark=width))
            opened = None
        elif i == p0 or text[i - 1].isspace() or text[i - 1] in "([":
            opened = i  # a closing mark typed where an opening one belongs
    if opened is not None:
        end = p1
        while end > opened + 1 and text[end - 1].isspace():
            end -= 1
        out.append(Stretch(opened, end, open_end=True, mark=width))
    return out


def _single_stretches(text: str, p0: int, p1: int, taken: list[Stretch]) -> list[Stretch]:
    """‘…’ quotes outside double stretches (headline style); apostrophes are not marks."""
    out: list[Stretch] = []
    i = p0
    while i < p1:
        if text[i] == SINGLE_OPEN and not any(s.start <= i < s.end for s in taken):
            j = i + 1
            while j < p1:
                if text[j] == SINGLE_CLOSE and (j + 1 >= p1 or not text[j + 1].isalpha()):
                    break
                j += 1
            if j < p1 and j > i + 1:
                out.append(Stretch(i, j + 1, single=True))
                i = j + 1
                continue
        i += 1
    return out


def quoted_stretches(text: str) -> list[Stretch]:
    """Every quoted stretch in ``text``, in order, one per paragraph piece."""
    out: list[Stretch] = []
    for m in _PARAGRAPH.finditer(text):
        if not any(c in text[m.start() : m.end()] for c in ALL_MARKS):
            continue
        doubles = _double_stretches(text, m.start(), m.end())
        out.extend(doubles)
        if SINGLE_OPEN in m.group():
            out.extend(_single_stretches(text, m.start(), m.end(), doubles))
    out.sort(key=lambda s: s.start)
    return out
