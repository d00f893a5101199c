"""Credit lines and datelines: the outlet a document says it comes from.

"(Outlet) —" and "PLACE, date (Agency) -" open a story; "Source: X", "X contributed to
this report", "with reporting by X", "— X" close it. A document that credits another
outlet is a copy or relay of that outlet, so it is not an independent origin; a
translation that credits its original ("Источник: X") is a copy of X too. "Reporting by"
and "contributed" usually name the outlet's own reporters: they credit an outlet only
when the name is one (a known outlet or a news agency), and then the outlet is a
co-reporter: the document shares its origin without being a copy of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.lexicon.names import outlet_key

#: where a credit is looked for: the opening and the closing lines of a document
HEAD, TAIL = 800, 1200

SOURCE_WORDS = (
    r"(?:sources?|источники?|джерел[оа]|źródło|źródła|крыніц[аы]|quelle|fuente|"
    r"istochnik|dzherelo|zrodlo)"
)
OPENING = re.compile(r"^[ \t]*\((?P<name>[^()\n\d]{2,40})\)[ \t]*[-–—]", re.MULTILINE)
DATELINE = re.compile(
    r"^[ \t]*[A-ZÀ-ÞА-ЯІЇЄЎ][A-ZÀ-ÞА-ЯІЇЄЎ .'’-]{1,40}(?:,[^()\n]{0,60})?"
    r"\((?P<name>[^()\n]{2,60})\)[ \t]*[-–—]",
    re.MULTILINE,
)
SOURCE = re.compile(
    rf"^[ \t]*(?:[^\n:]{{2,60}}?[.;][ \t]+)?{SOURCE_WORDS}[ \t]*[:：]"
    rf"[ \t]*(?P<name>[^\n]{{2,120}}?)[ \t.]*$",
    re.MULTILINE | re.IGNORECASE,
)
CONTRIBUTED = re.compile(
    r"(?P<name>[^\n.;()]{2,80}?)\s+contributed\s+(?:to\s+this\s+(?:report|story|article)|"
    r"reporting)",
    re.IGNORECASE,
)
REPORTING_BY = re.compile(
    r"(?:with|additional)\s+reporting\s+(?:by|from)\s+(?P<name>[^\n.;()]{2,80})", re.IGNORECASE
)
FIRST_PUBLISHED = re.compile(
    r"(?:(?:this|the)\s+(?:article|story|report)\s+)?(?:was\s+)?(?:first|originally)\s+(?:published|appeared)\s+"
    r"(?:by|in|on)\s+(?:the\s+)?(?P<name>[^\n.;()]{2,60})|translated\s+from\s+(?:an?\s+|the\s+)?(?:\w+\s+)?"
    r"(?:original\s+|article\s+|report\s+)?(?:by|of|in)\s+(?P<name2>[^\n.;()]{2,60})",
    re.IGNORECASE,
)
CLOSING = re.compile(r"^[ \t]*[-–—][ \t]*(?P<name>[A-Z][\w .&'’-]{1,40}?)[ \t.]*$", re.MULTILINE)
#: a line that is a credit, never furniture (the furniture rules leave it alone)
CREDIT_LINE = re.compile(
    rf"(?:{SOURCE_WORDS}\s*[:：].{{2,120}}|.{{2,80}}\s+contributed\s+(?:to\s+this\s+(?:report|story|article)|reporting)"
    r"\.?|\(?(?:with\s+|additional\s+)?reporting\s+(?:by|from)\s.{2,200}"
    r"|[-–—]\s*[A-Z][\w .&'’-]{1,40})",
    re.IGNORECASE,
)
#: news agencies, whose name in "reporting by" or "contributed" is a credit, not a reporter
AGENCIES = (
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "dpa",
    "EFE",
    "ANSA",
    "Interfax",
    "TASS",
    "RIA Novosti",
    "Ukrinform",
    "UNIAN",
    "PAP",
    "BelTA",
    "Xinhua",
    "Bloomberg",
    "Kyodo",
    "Yonhap",
    "Anadolu",
    "Sputnik",
    "Press Association",
    "PA",
    "Canadian Press",
    "AAP",
)
#: credit kinds that name a co-reporter, whose reporting the document adds to, not copies
CO_REPORTING = frozenset({"contributed", "reporting"})
SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&|\+)\s*")
URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?P<host>[\w-]+)\.[a-z]{2,}(?:\.[a-z]{2})?(?:/\S*)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Credit:
    """An outlet a document credits: ``line`` is the credit as written, at ``start``-``end``."""

    name: str
    kind: str  # dateline | opening | source | contributed | reporting | first-published | closing
    start: int
    end: int
    line: str


key = outlet_key  # names compared across case, punctuation and script

AGENCY_KEYS = {key(a) for a in AGENCIES}

_MINOR = {"of", "and", "for", "de", "&"}


def initials(name: str) -> str:
    """ "Meridian Press Agency" -> "mpa": how an outlet signs its datelines and credits."""
    words = [w for w in key(name).split() if w not in _MINOR]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def same_outlet(a: str | None, b: str | None) -> bool:
    """One outlet by name or by its initials ("MPA" and "Meridian Press Agency"): a short
    name in capitals that spells the other's initials is that outlet."""
    if not a or not b:
        return False
    ka, kb = key(a), key(b)
    if ka == kb:
        return True
    for short, full in ((a, b), (b, a)):
        compact = short.replace(".", "").strip()
        if 2 <= len(compact) <= 6 and compact.isupper() and " " not in compact:
            if key(compact) == initials(full):
                return True
    return False


def _names(raw: str) -> list[str]:
    """The outlet names in a credit's name part: "Reuters, AP" is two; a URL is its site."""
    raw = raw.strip().strip(".").strip()
    m = URL.fullmatch(raw)
    if m and " " not in raw:
        return [m.group("host")]
    out = []
    for part in SPLIT.split(raw):
        part = part.strip().strip("\"'“”«»").strip()
        part = re.sub(r"^(?:the|by)\s+", "", part, flags=re.IGNORECASE)
        if part and len(part.split()) <= 6 and not any(ch.isdigit() for ch in part):
            out.append(part)
    return out


def _outlet_like(name: str) -> bool:
    return name[:1].isupper() or name[:1].isdigit() or not name[:1].isalpha()


def find_credits(text: str, known: set[str] | frozenset[str] = frozenset()) -> list[Credit]:
    """Every outlet the opening or closing lines of ``text`` credit, in text order.

    ``known`` are outlet names (any case); "reporting by" and "contributed" credit only
    those and news agencies, since they mostly name reporters.
    """
    known_keys = {key(n) for n in known} | AGENCY_KEYS
    tail_from = max(0, len(text) - TAIL)
    found: list[Credit] = []

    def add(m: re.Match, group: str, kind: str, offset: int, need_known: bool) -> None:
        raw = m.group(group)
        if raw is None:
            return
        for name in _names(raw):
            if need_known and key(name) not in known_keys:
                continue
            if not _outlet_like(name):
                continue
            start, end = m.start() + offset, m.end() + offset
            found.append(Credit(name, kind, start, end, text[start:end].strip()))

    head = text[:HEAD]
    for m in DATELINE.finditer(head):
        add(m, "name", "dateline", 0, False)
        break
    for m in OPENING.finditer(head):
        add(m, "name", "opening", 0, False)
        break
    tail = text[tail_from:]
    for pattern, kind, need in (
        (SOURCE, "source", False),
        (CONTRIBUTED, "contributed", True),
        (REPORTING_BY, "reporting", True),
    ):
        for m in pattern.finditer(tail):
            add(m, "name", kind, tail_from, need)
    for m in FIRST_PUBLISHED.finditer(text):
        add(m, "name", "first-published", 0, False)
        add(m, "name2", "first-published", 0, False)
    last = [m for m in CLOSING.finditer(tail)]
    if last and not text[tail_from + last[-1].end() :].strip():
        add(last[-1], "name", "closing", tail_from, False)
    seen: set[tuple[str, int]] = set()
    out = []
    for c in sorted(found, key=lambda c: c.start):
        if (key(c.name), c.start) not in seen:
            seen.add((key(c.name), c.start))
            out.append(c)
    return out


def credited_outlet(
    text: str, own: str | None, known: set[str] | frozenset[str] = frozenset()
) -> Credit | None:
    """The first credit naming an outlet other than the document's own, else None."""
    for c in find_credits(text, known):
        if not same_outlet(c.name, own):
            return c
    return None
