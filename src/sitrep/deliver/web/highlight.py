"""Highlighted document text from character offsets.

Records overlap freely (a quote holds a claim that holds a hedge cue, an entity
and a date), so nesting tags would break. Instead the text is cut at every record
boundary into flat segments; each segment carries every record that covers it.
Every piece of text is escaped; only the tags built here are markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted record: ``css`` classes, an optional ``ref`` (record id) and tooltip."""

    start: int
    end: int
    css: str
    ref: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    marks: tuple[Mark, ...]


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text`` into maximal runs covered by the same set of marks.

    Marks outside the text are clipped, empty ones dropped; the segments tile the
    whole text in order, so joining their ``text`` gives back ``text``.
    """
    n = len(text)
    kept = []
    for m in marks:
        start, end = max(0, min(m.start, n)), max(0, min(m.end, n))
        if end > start:
            kept.append((start, end, m))
    cuts = sorted({0, n, *(s for s, _, _ in kept), *(e for _, e, _ in kept)})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (s, e, _) in enumerate(kept):
        opening.setdefault(s, []).append(i)
        closing.setdefault(e, []).append(i)
    active: dict[int, None] = {}  # insertion-ordered set of indexes into ``kept``
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for i in closing.get(a, ()):
            active.pop(i, None)
        for i in opening.get(a, ()):
            active[i] = None
        covering = tuple(
            kept[i][2] for i in sorted(active, key=lambda i: (kept[i][0], -kept[i][1], i))
        )
        out.append(Segment(a, b, text[a:b], covering))
    return out


def render(text: str, marks: Sequence[Mark], focus: str | None = None) -> Markup:
    """The document as HTML: plain escaped text, with one ``<span>`` per marked segment.

    A segment's ``data-ids`` lists the records covering it, so a reader (or a test)
    can collect every piece of one record. Segments of the ``focus`` record get the
    class ``focus``; the first of them the anchor ``id="focus"``.
    """
    parts: list[str] = []
    anchored = False
    for seg in segments(text, marks):
        shown = _shown(text, seg)
        if not seg.marks:
            parts.append(str(escape(shown)))
            continue
        classes: list[str] = ["hl"]
        refs: list[str] = []
        titles: list[str] = []
        for m in seg.marks:
            for c in m.css.split():
                if c not in classes:
                    classes.append(c)
            if m.ref and m.ref not in refs:
                refs.append(m.ref)
            if m.title and m.title not in titles:
                titles.append(m.title)
        attrs = ""
        if focus is not None and focus in refs:
            classes.append("focus")
            if not anchored:
                attrs += ' id="focus"'
                anchored = True
        attrs += f' class="{escape(" ".join(classes))}"'
        if refs:
            attrs += f' data-ids="{escape(" ".join(refs))}"'
        if titles:
            attrs += f' title="{escape(" · ".join(titles))}"'
        parts.append(f"<span{attrs}>{escape(shown)}</span>")
    return Markup("".join(parts))


def _shown(text: str, seg: Segment) -> str:
    """A segment's text as written to the page: a cut between the CR and the LF of one line
    end would read as two line ends, so the LF after a CR in the segment before is left out."""
    if seg.text.startswith("\n") and seg.start > 0 and text[seg.start - 1] == "\r":
        return seg.text[1:]
    return seg.text


def snippet_marks(text: str, terms: Sequence[str]) -> list[Mark]:
    """Marks on every case-insensitive occurrence of the search terms."""
    words = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return []
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return [
        Mark(m.start(), m.end(), "match") for m in pattern.finditer(text) if m.end() > m.start()
    ]


MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
MD_MARKS = re.compile(
    r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|\*\*|__|(?<!\w)[*_`](?=\S)|(?<=\S)[*_`](?!\w)"
)


def as_text(text: str) -> str:
    """Markdown read as text for a snippet: link text without its address, no heading,
    quote or emphasis marks. (Offsets do not matter in a snippet; documents keep theirs.)"""
    return MD_MARKS.sub("", MD_LINK.sub(r"\1", text))


def snippet(text: str, terms: Sequence[str], width: int = 220) -> Markup:
    """A window of ``text`` around the first search hit, hits marked, all escaped."""
    text = as_text(text)
    marks = snippet_marks(text, terms)
    first = min((m.start for m in marks), default=0)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    window = text[start:end]
    shifted = [Mark(m.start - start, m.end - start, m.css) for m in marks]
    body = render(window, shifted)
    return Markup(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))
