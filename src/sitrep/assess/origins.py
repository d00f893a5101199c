"""Where a piece of information comes from: count origins, not articles.

A document's origin is its own outlet, unless it is wire copy (the dateline
names an agency: "DROVNA, Feb 28 (Meridian Press) -") or a near-duplicate of an
earlier document (the earlier one's origin). A sentence that cites another
outlet ("Veskaria Today is reporting that", "according to X", "told X") has
that outlet as its origin: five articles relaying one broadcaster are one origin.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from anyascii import anyascii

from sitrep.assess.evidence import Evidence, doc_source
from sitrep.assess.grades import SourceGrades, outlet_key
from sitrep.ingest.credits import AGENCY_KEYS, CO_REPORTING, credited_outlet, same_outlet
from sitrep.ingest.credits import key as credit_key
from sitrep.ingest.dedupe import near_duplicates
from sitrep.records import Document

DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40}(?:,[^()\n]{0,60})?\(([^()\n]{2,60})\)\s*[-–—]", re.MULTILINE
)
DATELINE_WINDOW = 800

VIA_WORDS = {
    "own": "own reporting",
    "wire": "wire copy",
    "copy": "republished copy",
    "cited": "cites",
    "co-reported": "co-reported with",
}


@dataclass(frozen=True)
class Origin:
    """An independent origin of information: ``key`` is what is counted."""

    key: str
    name: str
    via: str = "own"  # own | wire | copy | cited | co-reported
    credit: str | None = None  # the credit line or dateline that names it ("Source: X")


def wire_agency(doc: Document) -> str | None:
    """The agency a dateline credits, when it is not the document's own outlet."""
    m = DATELINE.search(doc.text[:DATELINE_WINDOW])
    if not m:
        return None
    agency = m.group(1).strip()
    if doc.outlet and same_outlet(agency, doc.outlet):
        return None
    if any(ch.isdigit() for ch in agency) or len(agency.split()) > 6:
        return None
    return agency


def document_origins(docs: list[Document], known: Iterable[str] = ()) -> dict[str, Origin]:
    """The origin of each document (by id): the agency of its dateline, the outlet it credits
    ("(X) —", "Source: X", "— X", "X contributed to this report" for a known outlet ``known``
    or a news agency), the root of its near-duplicates, or else its own outlet."""
    known = frozenset(known) | {d.outlet for d in docs if d.outlet}
    ordered = sorted(docs, key=lambda d: (d.published or "", d.id))
    roots = stored_roots(ordered)
    if roots is None:
        roots = near_duplicates((d.id, d.text) for d in ordered if d.text)
    out: dict[str, Origin] = {}
    for doc in ordered:
        agency = wire_agency(doc)
        credit = None if agency else credited_outlet(doc.text, doc.outlet, known)
        if agency:
            m = DATELINE.search(doc.text[:DATELINE_WINDOW])
            name = _known_name(agency, known)
            out[doc.id] = Origin(outlet_key(name), name, "wire", m.group(0).strip() if m else None)
        elif credit is not None:
            wire = credit.kind == "dateline" or credit_key(credit.name) in AGENCY_KEYS
            name = _known_name(credit.name, known)
            # a co-reporter shares the origin, but the document is no copy of it
            via = "co-reported" if credit.kind in CO_REPORTING else "wire" if wire else "copy"
            out[doc.id] = Origin(outlet_key(name), name, via, credit.line)
        elif (
            doc.id in roots
            and roots[doc.id] in out
            and out[roots[doc.id]].key != outlet_key(doc_source(doc))
        ):
            root = out[roots[doc.id]]
            out[doc.id] = Origin(root.key, root.name, "copy", root.credit)
        else:
            out[doc.id] = Origin(outlet_key(doc_source(doc)), doc_source(doc), "own")
    return out


def stored_roots(docs: list[Document]) -> dict[str, str] | None:
    """Each near-copy's root as ingest marked it (``Document.near_duplicate_of``), or None
    when some document carries no mark (built in memory): then the caller computes them."""
    if not docs or any(d.near_duplicate_of is None for d in docs):
        return None
    return {d.id: d.near_duplicate_of for d in docs if d.near_duplicate_of and d.text}


def _known_name(name: str, known: Iterable[str]) -> str:
    """A credited name as the corpus spells the outlet ("VESKARIA TODAY" is Veskaria Today,
    "MPA" the Meridian Press Agency when one outlet of the corpus has those initials)."""
    exact = next((k for k in known if outlet_key(k) == outlet_key(name)), None)
    if exact is not None:
        return exact
    by_initials = sorted({k for k in known if same_outlet(name, k)})
    return by_initials[0] if len(by_initials) == 1 else name


CITE_AFTER = (
    r"(?:is|was|has been|had been)?\s*(?:reporting|reported|reports|has reported|had reported|"
    r"has learned|learned|broadcast|says|said|has said|published|writes|wrote)\b"
)
CITE_BEFORE = (
    r"(?:according to|told|as reported by|reported by|quoted by|сообщает(?: агентство)?"
    r"|по данным(?: агентства)?|soobshchaet(?: agentstvo)?|po dannym(?: agentstva)?)\s+(?:the\s+)?"
)
# what an outlet is called beside its name: "the Korvath Insider news
# site", "the news site Eastern Bulletin"
OUTLET_WORDS = (
    r"(?:news\s+(?:site|agency|website|portal|channel|service)|newspaper|website|site|blog|agency|"
    r"broadcaster|channel|daily|weekly|outlet|portal|paper|tabloid|magazine|radio|television)"
)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


class Citations:
    """Finds the outlet a sentence relays: one regex over every known outlet name."""

    def __init__(self, names: Iterable[str]) -> None:
        uniq = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
        self.names = {outlet_key(n): n for n in uniq}
        if not uniq:
            self.pattern = None
            return
        alts = "|".join(re.escape(n) for n in uniq)
        self.pattern = re.compile(
            rf"(?:{CITE_BEFORE}(?:{OUTLET_WORDS}\s+)?(?P<a>{alts})\b)"
            rf"|(?:\b(?P<b>{alts})(?:\s+{OUTLET_WORDS})?\s+{CITE_AFTER})",
            re.IGNORECASE,
        )

    def cited(self, text: str, own: str | None) -> str | None:
        """The outlet ``text`` relays; a Russian sentence citing
        "Вескаринформ" cites Veskarinform."""
        if self.pattern is None:
            return None
        found = self._cited(text, own)
        if found is None and CYRILLIC.search(text):
            found = self._cited(anyascii(text), own)
        return found

    def _cited(self, text: str, own: str | None) -> str | None:
        own_key = outlet_key(own) if own else None
        for m in self.pattern.finditer(text):
            name = m.group("a") or m.group("b")
            key = outlet_key(name)
            if key != own_key:
                return self.names.get(key, name)
        return None


def known_outlets(
    docs: list[Document], grades: SourceGrades, doc_origins: dict[str, Origin]
) -> set[str]:
    names = {d.outlet for d in docs if d.outlet}
    names |= set(grades.names.values())
    names |= {o.name for o in doc_origins.values() if o.via == "wire"}
    return {n.removeprefix("The ").strip() if n.startswith("The ") else n for n in names} | names


def evidence_origin(ev: Evidence, doc_origin: Origin, citations: Citations) -> Origin:
    """A relayed report belongs to the outlet it cites; anything else to the document's origin."""
    cited = citations.cited(ev.text, ev.doc.outlet)
    if cited is None:
        for c in ev.claims:
            if (
                c.source
                and c.source.name
                and c.source.kind == "named"
                and outlet_key(c.source.name) in citations.names
            ):
                if outlet_key(c.source.name) != outlet_key(ev.doc.outlet or ""):
                    cited = citations.names[outlet_key(c.source.name)]
                    break
    if cited is not None and outlet_key(cited) != doc_origin.key:
        return Origin(outlet_key(cited), cited, "cited")
    return doc_origin
