"""Quoted stretches in Russian typography: «ёлочки» (nested „лапки“), “…” and straight quotes.

A quotation that runs over several paragraphs opens every paragraph with «
and closes only at its end; such a stretch keeps one content span per
paragraph. An opening mark never closed is left alone: it is not a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"'}
PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[—–«])")


@dataclass(slots=True)
class Stretch:
    open: int  # index of the opening mark
    close: int  # index of the closing mark
    contents: list[tuple[int, int]] = field(default_factory=list)  # inside the marks, per paragraph

    @property
    def start(self) -> int:
        return self.contents[0][0]

    @property
    def end(self) -> int:
        return self.contents[-1][1]


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in PARAGRAPH.finditer(text)] + [len(text)]


def _close_of(text: str, i: int, limit: int) -> int | None:
    """The mark closing the one at ``i`` before ``limit``, minding nested «…»."""
    opener = text[i]
    closer = PAIRS[opener]
    depth = 0
    j = i + 1
    while j < limit:
        ch = text[j]
        if opener == '"' and ch == '"':
            return j
        if opener != '"' and ch == opener:
            depth += 1
        elif ch == closer:
            if depth == 0:
                return j
            depth -= 1
        elif opener == "„" and ch == "”":
            return j
        j += 1
    return None


def quoted_stretches(text: str) -> list[Stretch]:
    """Every outermost quoted stretch, in text order."""
    ends = _paragraph_ends(text)
    out: list[Stretch] = []
    i = 0
    n = len(text)
    para = 0
    while i < n:
        while para < len(ends) - 1 and ends[para] <= i:
            para += 1
        ch = text[i]
        if ch not in PAIRS or (ch == "“" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        limit = ends[para]
        close = _close_of(text, i, limit)
        contents: list[tuple[int, int]] = []
        start = i + 1
        p = para
        while close is None and ch == "«" and p + 1 < len(ends):
            # a paragraph that ends open and a next one that opens with « again
            nxt = text.find("«", limit, ends[p + 1])
            between = text[limit:nxt] if nxt >= 0 else ""
            if nxt < 0 or between.strip():
                break
            contents.append((start, _rstrip(text, start, limit)))
            start, p = nxt + 1, p + 1
            limit = ends[p]
            close = _close_of(text, nxt, limit)
        if close is None:
            i += 1
            continue
        contents.append((start, close))
        contents = [(a, b) for a, b in contents if b > a]
        if contents:
            out.append(Stretch(i, close, contents))
        i = close + 1
    return out


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
