"""Dates normalized against the publication date (English).

Candidates come from patterns over the characters (month-day, weekdays,
"yesterday", "two days later", years after "in", numeric dates) plus spaCy's
DATE entities that no pattern covered ("the summer of 2019", "mid-March"),
which are read by dateparser. Resolution, including the news conventions for
a missing year, a bare weekday and "the next day", is in ``date_resolve``.

dateparser is only ever called on short candidate strings, and cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from sitrep.analyze import number_words
from sitrep.analyze.date_resolve import DAY, MONTH, WEEK, YEAR, DateExpr, Resolver
from sitrep.analyze.nlp import doc_text
from sitrep.analyze.patterns import starting_with
from sitrep.records import DateRef

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
M_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
M_ANY = rf"(?:{M_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
WD = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)\.)"
)
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"
NUMW = (
    r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|twenty|thirty)"
)
UNIT = r"(?P<u>days?|weeks?|months?|years?)"
PREPS = {
    "in",
    "since",
    "by",
    "until",
    "till",
    "of",
    "from",
    "during",
    "before",
    "after",
    "throughout",
    "through",
    "early",
    "late",
    "mid",
    "mid-",
    "the",
    "year",
    "for",
    "to",
    "between",
    "and",
}
PARTS = r"(?:morning|afternoon|evening|night)"
NUMW_FIRST = r"\daotfsen"  # the first letters of NUMW

DAY_MONTH = starting_with(
    r"\dMTWFSt",
    rf"\b(?:{WD},?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{M_ANY})"
    rf"(?:,?\s+(?P<y>{YEAR_RE})\b)?",
)
MONTH_DAY = starting_with(
    "JFMASONDTW",
    rf"\b(?:{WD},?\s+)?(?P<m>{M_ANY})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?:of\s+)?(?P<y>{YEAR_RE})\b)?",
)
MONTH_YEAR = starting_with(
    "lLnNtTeEmMJFASOD",
    rf"\b(?:(?P<rel>(?i:last|next|this))\s+|(?P<part>(?i:early|mid-|mid|late))\s*)?(?P<m>{M_FULL}|Sept\.)"
    rf"(?:,?\s+(?:of\s+)?(?P<y>{YEAR_RE}))?\b",
)
ISO = starting_with(r"\d", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
SLASHED = starting_with(r"\d", r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b")
DOTTED = starting_with(r"\d", r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b")
BARE_YEAR = starting_with("12", rf"\b(?P<y>{YEAR_RE})\b(?!['’]s|\s*[-–]\s*\d)")
WEEKDAY = starting_with(
    "lLnNtTcCpPMWFS",
    rf"\b(?:(?P<mod>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+)?(?P<wd>{WD})"
    rf"(?:\s+{PARTS})?\b",
)
NAMED_DAY = starting_with(
    "tylp",
    r"\b(?:(?P<dby>the\s+day\s+before\s+yesterday)|(?P<dat>the\s+day\s+after\s+tomorrow)"
    rf"|(?P<w>yesterday|today|tonight|tomorrow)(?:\s+{PARTS})?"
    rf"|(?P<this>this|last|past)\s+(?P<part>{PARTS}))\b",
    re.I,
)
REL_PERIOD = starting_with(
    "eltn", r"\b(?:(?:earlier|later)\s+)?(?P<rel>this|last|next)\s+(?P<u>week|month|year)\b", re.I
)
AGO = starting_with(NUMW_FIRST, rf"\b(?P<n>{NUMW})\s+{UNIT}\s+ago\b", re.I)
FOLLOWING = starting_with(
    "t",
    rf"\bthe\s+(?P<rel>next|following|previous|preceding|same|prior)\s+(?P<u>day|week|month|year|{PARTS})\b"
    r"|\bthat\s+(?:same\s+)?(?P<that>day|morning|evening|night)\b"
    r"|\bthe\s+day\s+(?P<ba>before|after)(?=\s*[,.;:)]|\s*$)",
    re.I,
)
LATER = starting_with(
    NUMW_FIRST,
    rf"\b(?P<n>{NUMW})\s+{UNIT}\s+(?P<d>later|earlier|afterwards|after(?=\s*[,.;:)])|before(?=\s*[,.;:)]))",
    re.I,
)
QUALIFIER = re.compile(
    r"^(?:the\s+)?(?:(?:very\s+)?(?:beginning|start|end|middle|first\s+half|second\s+half|"
    r"spring|summer|autumn|fall|winter|first\s+days?|last\s+days?)\s+of\s+|early\s+|late\s+|mid-?\s*)",
    re.I,
)
DURATION = re.compile(
    r"\b(?:days|weeks|months|years|hours|decades|centuries|annual|daily|"
    r"weekly|monthly|yearly|past|age|old)\b",
    re.I,
)
DATEISH = re.compile(rf"{M_ANY}|{WD}|{YEAR_RE}|\b(?:yesterday|today|tomorrow)\b", re.I)
DECADE = re.compile(r"\d0s\b|['’]\d0s\b|\b(?:nineteen|twenty)\w*ies\b", re.I)
CLOCK = re.compile(r"\s*(?:GMT|UTC|CET|EET|MSK|hrs|hours|h\b|local|Z\b)", re.I)
FUTURE_AUX = {"will", "shall", "'ll", "wo"}


def _count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in ("a", "an"):
        return 1
    value = number_words.words_value(word, "en")
    return int(value) if value is not None else None


def _unit(word: str) -> str:
    word = word.lower().rstrip("s")
    return word if word in (DAY, WEEK, MONTH, YEAR) else DAY


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _preceding_word(text: str, start: int) -> str:
    m = re.search(r"([\w-]+)\s*$", text[max(0, start - 20) : start])
    return m.group(1).lower() if m else ""


# "Veskaria Today", "USA Today": a capitalized word, then "Today" on the same line, is a name.
_OUTLET_TODAY = re.compile(r"(?<![.!?:;\"“”])\b[A-Z][\w'’.-]*[ \t]+$")


def _outlet_today(text: str, found) -> bool:
    """``found``: a regex match or a spaCy span."""
    if isinstance(found, re.Match):
        start, end = found.start(), found.end()
    else:
        start, end = found.start_char, found.end_char
    return (
        text[start:end] == "Today"
        and _OUTLET_TODAY.search(text[max(0, start - 40) : start]) is not None
    )


def find_en(text: str) -> Iterator[tuple[int, int, DateExpr]]:
    """Every date expression the English patterns recognize, possibly overlapping."""
    for pattern in (DAY_MONTH, MONTH_DAY):
        for m in pattern.finditer(text):
            month, day = _month(m.group("m")), int(m.group("d"))
            if month is None or not 1 <= day <= 31:
                continue
            if (
                m.group("m") == "May"
                and not m.group("y")
                and pattern is MONTH_DAY
                and _preceding_word(text, m.start()) not in PREPS | {"on"}
            ):
                continue  # "May 5" after a noun may be the modal verb
            yield m.start(), m.end(), DateExpr("parse", DAY, text=m.group())
    for m in MONTH_YEAR.finditer(text):
        if not (
            m.group("rel")
            or m.group("part")
            or m.group("y")
            or _preceding_word(text, m.start()) in PREPS
        ):
            continue
        if m.group("m") == "May" and not (m.group("y") or m.group("rel")):
            if _preceding_word(text, m.start()) not in (
                "in",
                "since",
                "until",
                "of",
                "early",
                "late",
            ):
                continue
        direction = {"last": "last", "next": "next", "this": "this"}.get(
            (m.group("rel") or "").lower(), "past"
        )
        year = int(m.group("y")) if m.group("y") else None
        yield (
            m.start(),
            m.end(),
            DateExpr("absolute", MONTH, year, _month(m.group("m")), direction=direction),
        )
    for pattern in (ISO, SLASHED, DOTTED):
        for m in pattern.finditer(text):
            year = int(m.group("y"))
            year += 2000 if year < 100 else 0
            month, day = int(m.group("m")), int(m.group("d"))
            if 1 <= month <= 12 and 1 <= day <= 31 and 1800 <= year <= 2100:
                yield m.start(), m.end(), DateExpr("absolute", DAY, year, month, day)
    for m in BARE_YEAR.finditer(text):
        if _preceding_word(text, m.start()) in PREPS:
            yield m.start(), m.end(), DateExpr("absolute", YEAR, int(m.group("y")))
    for m in WEEKDAY.finditer(text):
        mod = re.sub(r"\s+", " ", (m.group("mod") or "").lower())
        direction = {
            "last": "last",
            "this past": "last",
            "past": "last",
            "next": "next",
            "this coming": "next",
            "coming": "next",
        }.get(mod, "past")
        wd = WEEKDAYS[m.group("wd").lower().rstrip(".")]
        yield m.start(), m.end(), DateExpr("weekday", DAY, weekday=wd, direction=direction)
    yield from relative_exprs(
        NAMED_DAY.finditer(text),
        "from_pub",
        lambda m: None if _outlet_today(text, m) else _named_day(m),
    )
    yield from relative_exprs(
        REL_PERIOD.finditer(text),
        "from_pub",
        lambda m: {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()],
        lambda m: m.group("u").lower(),
    )
    yield from ago_exprs(AGO.finditer(text), _count, _unit)
    yield from relative_exprs(FOLLOWING.finditer(text), "from_prev", _following, _following_unit)
    yield from later_exprs(
        LATER.finditer(text),
        _count,
        _unit,
        lambda m: -1 if m.group("d").lower() in ("earlier", "before") else 1,
    )


def _named_day(m: re.Match) -> int:
    """Days from publication: "yesterday" -1, "the day after tomorrow" 2, "last night" -1."""
    if m.group("dby"):
        return -2
    if m.group("dat"):
        return 2
    if m.group("w"):
        return {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m.group("w").lower()]
    return -1 if (m.group("this").lower() != "this" and m.group("part").lower() == "night") else 0


def _following(m: re.Match) -> int:
    """Units from the date named last: "that day" 0, "the day before" -1, "the next week" 1."""
    if m.group("that"):
        return 0
    if m.group("ba"):
        return -1 if m.group("ba").lower() == "before" else 1
    return {
        "next": 1,
        "following": 1,
        "previous": -1,
        "preceding": -1,
        "prior": -1,
        "same": 0,
    }[m.group("rel").lower()]


def _following_unit(m: re.Match) -> str:
    return DAY if m.group("that") or m.group("ba") else _unit(m.group("u"))


Span = tuple[int, int, DateExpr]


def relative_exprs(
    matches: Iterable[re.Match],
    kind: str,
    offset: Callable[[re.Match], int | None],
    unit: Callable[[re.Match], str] = lambda _m: DAY,
    granularity: Callable[[str], str] = lambda u: u,
) -> Iterator[Span]:
    """The relative-date loop both languages share: each match is ``offset(m)`` units
    (``unit(m)``, a day unless told) from publication (``kind`` "from_pub") or from the
    date the text named last ("from_prev"); a match whose offset is None is skipped."""
    for m in matches:
        n = offset(m)
        if n is None:
            continue
        u = unit(m)
        yield m.start(), m.end(), DateExpr(kind, granularity(u), unit=u, offset=n)


def _counted(count: Callable[[str], int | None], sign: Callable[[re.Match], int]):
    """The offset of a counted date ("three days"): the count of group ``n``, signed."""

    def offset(m: re.Match) -> int | None:
        n = count(m.group("n"))
        return None if n is None else sign(m) * n

    return offset


def ago_exprs(
    matches: Iterable[re.Match], count: Callable[[str], int | None], unit: Callable[[str], str]
) -> Iterator[Span]:
    """ "three days ago" (and its Russian twin): ``n`` units before publication. Each
    language's patterns name the groups ``n`` and ``u`` and bring their own readers."""
    return relative_exprs(
        matches, "from_pub", _counted(count, lambda _m: -1), lambda m: unit(m.group("u"))
    )


def later_exprs(
    matches: Iterable[re.Match],
    count: Callable[[str], int | None],
    unit: Callable[[str], str],
    sign: Callable[[re.Match], int] = lambda _m: 1,
) -> Iterator[Span]:
    """ "two days later" / "a week earlier": ``n`` units from the date the text named last
    (a week is counted in days: "a week later" is a day, not a calendar week)."""
    return relative_exprs(
        matches,
        "from_prev",
        _counted(count, sign),
        lambda m: unit(m.group("u")),
        lambda u: DAY if u == WEEK else u,
    )


def _entity_expr(text: str, after: str = "") -> DateExpr | None:
    """A spaCy DATE entity no pattern covered, when it names a calendar period."""
    if not DATEISH.search(text) or (DURATION.search(text) and "ago" not in text.lower()):
        return None
    if DECADE.search(text):
        return None  # "the 1990s": no ISO value at a granularity we report
    if re.fullmatch(r"\d{4}", text.strip()) and CLOCK.match(after):
        return None  # "(2000 GMT)" is a time
    rest = QUALIFIER.sub("", text).strip()
    return DateExpr("parse", DAY, text=rest, guess=True) if rest else None


def select(candidates: list[tuple[int, int, DateExpr]]) -> list[tuple[int, int, DateExpr]]:
    """Longest non-overlapping candidates, in reading order (earlier patterns win ties)."""
    ranked = sorted(enumerate(candidates), key=lambda ic: (-(ic[1][1] - ic[1][0]), ic[0]))
    chosen: list[tuple[int, int, DateExpr]] = []
    for _, (start, end, expr) in ranked:
        if start < end and all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, expr))
    return sorted(chosen, key=lambda c: c[0])


def resolve_all(text: str, chosen, published: str | None) -> list[DateRef]:
    resolver = Resolver(published)
    refs: list[DateRef] = []
    for start, end, expr in chosen:
        value, granularity = resolver.resolve(expr, start, text)
        if value is None and expr.guess:
            continue  # an entity dateparser could not read: probably not a date
        refs.append(DateRef(start, end, text[start:end], value, granularity))
    return refs


def extract_dates(sdoc, published: str | None) -> list[DateRef]:
    text = doc_text(sdoc)
    candidates = list(find_en(text))
    for start, end, expr in candidates:
        if expr.kind == "weekday" and expr.direction == "past" and _future(sdoc, start, end):
            expr.direction = "future"
    for ent in sdoc.ents:
        if ent.label_ == "DATE" and not _outlet_today(text, ent):
            expr = _entity_expr(ent.text, text[ent.end_char : ent.end_char + 8])
            if expr is not None:
                candidates.append((ent.start_char, ent.end_char, expr))
    return resolve_all(text, select(candidates), published)


def _future(sdoc, start: int, end: int) -> bool:
    """Whether the clause governing a weekday is in the future tense ("will meet on Friday")."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            break
        node = node.head
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in node.children)
