"""Evidence units: the sentences that carry a document's claims, quotes and figures.

An assessment weighs statements, not records: a sentence that holds a claim, a
quote and a figure is one piece of evidence. Each unit keeps the records it
covers and the canonical entities it mentions, so storylines can be grouped on
text, figures, speakers and actors alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

from sitrep.assess.procedural import is_procedural
from sitrep.records import ActorRef, Analysis, Claim, Document, Figure, Quote

MIN_FALLBACK_WORDS = 8


def doc_source(doc: Document) -> str:
    """Who a document comes from, as origins and chains name it: its outlet, author or
    title, else its file's name (not the folder it was read from)."""
    if doc.outlet or doc.author or doc.title:
        return doc.outlet or doc.author or doc.title or ""
    return PurePath(doc.path).name if doc.path else doc.id


def source_name(doc: Document) -> str:
    """Who published a document, as an evidence line names it: the outlet, else the file's
    name, else its title ("unknown outlet" on every line of a folder of plain articles
    would leave the reader no way back to the file)."""
    if doc.outlet:
        return doc.outlet
    return PurePath(doc.path).name if doc.path else doc.title or doc.id


@dataclass
class Evidence:
    """One sentence (or a run of sentences) of one document, with what was extracted from it."""

    id: str
    doc: Document
    start: int
    end: int
    text: str
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    entities: frozenset[str] = frozenset()
    date: str | None = None  # the day it was published (YYYY-MM-DD)
    kind: str = "records"  # records | sentence (no extractor output for the document)
    event_date: str | None = None  # the first day-resolved date written in the sentence itself
    days: tuple[
        tuple[int, int, str], ...
    ] = ()  # (start, end, day) of each day-resolved date in the sentence

    @property
    def speakers(self) -> list[ActorRef]:
        out = [q.speaker for q in self.quotes if q.speaker and q.speaker.name]
        out += [
            c.source for c in self.claims if c.source and c.source.name and c.source.kind == "named"
        ]
        return out

    @property
    def bands(self) -> list[int]:
        return [c.band for c in self.claims if c.band is not None]

    @property
    def hedged(self) -> bool:
        return any(c.hedges or (c.band is not None and c.band < 6) for c in self.claims)

    @property
    def questions(self) -> bool:
        return bool(self.claims) and all(c.hypothesis for c in self.claims)

    @property
    def outlet(self) -> str:
        return doc_source(self.doc)

    @property
    def source_name(self) -> str:
        """Who published it, as an evidence line names it once: the outlet, else the file's name."""
        return source_name(self.doc)

    @property
    def title_shown(self) -> str | None:
        """The document's title, when it says more than :attr:`source_name`."""
        title = (self.doc.title or "").strip()
        return title if title and title != self.source_name else None


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


LINE = re.compile(r"[^\n]+")
MARKS = "\"'“”‘’«»„"


def closes_inside(text: str) -> bool:
    """Whether the quotation mark that ends ``text`` closes a quote opened inside it, after
    its first character.

    Why: 'the deployment was “a training exercise”' and '“Go,” he said, calling it “a test”'
    must keep their last mark; only a mark closing the quote the text opens with
    ('“we will stay,”'), or closing nothing, is the frame around the words. An apostrophe
    ("don't", "soldiers’") is no quotation mark.
    """
    if len(text) < 2 or text[-1] not in MARKS:
        return False
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch not in MARKS:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        top = stack[-1][0] if stack else ""
        if ch in "“„«‘":
            if i == len(text) - 1 and ch == "“" and top == "„":  # „German“
                return stack[-1][1] > 0
            stack.append((ch, i))
            continue
        if ch in "'’" and before.isalnum() and after.isalnum():
            continue  # don't
        closes = {"”": "“„", "»": "«", "’": "‘", '"': '"', "'": "'"}[ch]
        if top and top in closes:
            if i == len(text) - 1:
                return stack[-1][1] > 0
            stack.pop()
        elif ch == '"' or (ch == "'" and after.isalnum()):
            stack.append((ch, i))  # a straight mark that closes nothing opens a quote
    return False


def strip_marks(text: str) -> str:
    """Quoted words without their quotation marks and trailing comma: what the speaker said.

    A closing mark that balances an opening one inside the words stays (see
    :func:`closes_inside`).
    """
    text = " ".join(text.split()).strip().rstrip(",")
    while text and text[-1] in MARKS and not closes_inside(text):
        text = text[:-1].rstrip(",")
    if len(text) > 1 and text[0] in MARKS:
        text = text[1:]
    return text.strip()


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: lines first (headlines and liveblog entries lack
    full stops), then spaCy's sentencizer."""
    nlp = _sentencizer()
    out: list[tuple[int, int]] = []
    for line in LINE.finditer(text):
        chunk = line.group()
        if not chunk.strip():
            continue
        for sent in nlp(chunk).sents:
            s, e = line.start() + sent.start_char, line.start() + sent.end_char
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
    return out


def _clip(text: str, start: int, end: int) -> int:
    """A claim that runs from a headline into the first paragraph is about the paragraph."""
    cut = text.rfind("\n", start, end)
    return cut + 1 if cut >= 0 and end - cut > 20 else start


def _day(published: str | None) -> str | None:
    return published[:10] if published and len(published) >= 10 else published


def _covering(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    inside = [(s, e) for s, e in spans if s < end and e > start]
    if not inside:
        return start, end
    return min(s for s, _ in inside), max(e for _, e in inside)


def _canonical(resolution, entity_id: str | None) -> str | None:
    if entity_id is None:
        return None
    if resolution is None:
        return entity_id
    return resolution.canonical_of.get(entity_id, entity_id)


def document_evidence(doc: Document, analysis: Analysis, resolution=None) -> list[Evidence]:
    """The evidence units of one document, in text order.

    A document the extractors found nothing in (not analyzed, or extractors that
    returned no claims or quotes) still contributes its longer sentences, marked
    ``kind="sentence"``, so wire copy and relays are still traced to their origin.
    """
    if not doc.text:
        return []
    spans = sentences(doc.text)
    units: list[list] = []  # [start, end, quotes, claims, figures]
    records: list[tuple[int, int, str, object]] = []
    for q in analysis.quotes:
        if q.kind == "scare":
            continue
        parts = q.contents or [q]
        records.append((min(p.start for p in parts), max(p.end for p in parts), "q", q))
    records += [(_clip(doc.text, c.start, c.end), c.end, "c", c) for c in analysis.claims]
    records += [(f.start, f.end, "f", f) for f in analysis.figures]
    fallback = not analysis.quotes and not analysis.claims
    for s, e, kind, rec in records:
        if not (0 <= s < e <= len(doc.text)):
            continue
        us, ue = _covering(spans, s, e)
        if is_procedural(doc.text[us:ue]):
            # "(Reporting by ...)", "has not commented": about the reporting, not the events
            continue
        units.append([us, ue, kind, rec])
    if fallback:
        covered = {(u[0], u[1]) for u in units}
        for s, e in spans:
            if (
                (s, e) not in covered
                and len(doc.text[s:e].split()) >= MIN_FALLBACK_WORDS
                and not is_procedural(doc.text[s:e])
            ):
                units.append([s, e, "s", None])
    units.sort(key=lambda u: (u[0], -u[1]))
    merged: list[Evidence] = []
    for s, e, kind, rec in units:
        if merged and s < merged[-1].end:
            ev = merged[-1]
            if e > ev.end:
                ev.end, ev.text = e, doc.text[ev.start : e]
        else:
            ev = Evidence(
                f"{doc.id}:e{len(merged)}",
                doc,
                s,
                e,
                doc.text[s:e],
                date=_day(doc.published),
                kind="sentence",
            )
            merged.append(ev)
        if kind == "q":
            ev.quotes.append(rec)
        elif kind == "c":
            ev.claims.append(rec)
        elif kind == "f":
            ev.figures.append(rec)
        if kind != "s":
            ev.kind = "records" if (ev.quotes or ev.claims or not fallback) else "sentence"
    mentions = [
        (m.start, m.end, _canonical(resolution, m.entity or ent.id))
        for ent in analysis.entities
        for m in ent.mentions
    ]
    days = [
        (d.start, d.end, d.value[:10])
        for d in analysis.dates
        if d.value and d.granularity == "day" and len(d.value) >= 10
    ]
    for ev in merged:
        ev.entities = frozenset(
            eid for s, e, eid in mentions if eid and s < ev.end and e > ev.start
        )
        ev.days = tuple((s, e, v) for s, e, v in days if ev.start <= s < ev.end)
        ev.event_date = ev.days[0][2] if ev.days else None
    return merged
