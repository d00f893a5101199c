"""What a figure counts, so that "close to 6,000 held" and "some 4,500 arrests" compare.

A figure's ``counted`` and ``event`` words (and the words just after it) are
mapped to a quantity key; figures with the same key about the same days are
statements about the same quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.records import Figure

GROUPS = {
    "arrests": "arrest arrested arrests detain detained detainee detainees detention held "
    "jailed rounded",
    "deaths": "killed dead death deaths died fatalities kill",
    "injured": "injured wounded injuries hurt",
    "protesters": "protesters protestors marchers demonstrators crowd marched numbered "
    "gathering rally",
    "refugees": "refugees fled fleeing displaced",
    "soldiers": "soldiers troops servicemen",
}
#: counts of who is present at a scene: many units in many places, so two such counts are one
#: only when they name the same unit or place (40 soldiers at a bridge, 30 at a radio station)
PRESENCE = frozenset({"soldiers"})
KEY_OF = {w: key for key, words in GROUPS.items() for w in words.split()}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
VAGUE = re.compile(r"^\D*$")  # "thousands", "dozens", "tens of thousands": no digits


def quantity_key(fig: Figure, context: str = "") -> str | None:
    """The quantity a figure counts (``arrests``, ``deaths``, ...), or its counted noun, or None."""
    words = []
    for field in (fig.counted, fig.event):
        if field:
            words += WORD.findall(field.lower())
    stop = CLAUSE_END.search(context)  # "16 people dead and thousands in detention": the dead
    near = words + WORD.findall((context[: stop.start()] if stop else context).lower())[:8]
    found = {KEY_OF[w] for w in near if w in KEY_OF}
    for key in GROUPS:  # the event ("arrested") outranks who it happened to ("protesters")
        if key in found:
            return key
    if fig.unit:
        return None  # money and percentages need more than a noun to be "the same quantity"
    if fig.counted:
        noun = WORD.findall(fig.counted.lower())
        if noun and noun[-1] not in ("people", "them", "those", "which", "who"):
            return singular(noun[-1]) or None
    return None


def singular(word: str) -> str:
    """A plural noun's singular, near enough to group "countries" with "country"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def is_vague(fig: Figure) -> bool:
    """Counts said in words ("thousands") are not precise enough to contradict anything."""
    return fig.value is None or bool(VAGUE.match(fig.text)) and fig.low is None


def interval(fig: Figure, tolerance: float = 0.05) -> tuple[float, float]:
    """The values a figure allows: its range, widened a little when approximate ("close to")."""
    lo = fig.low if fig.low is not None else fig.value
    hi = fig.high if fig.high is not None else fig.value
    lo, hi = float(lo or 0), float(hi or 0)
    slack = tolerance * 2 if fig.approximate else tolerance
    return lo * (1 - slack), hi * (1 + slack)


def agree(a: Figure, b: Figure) -> bool:
    (a0, a1), (b0, b1) = interval(a), interval(b)
    return a0 <= b1 and b0 <= a1


def context_after(fig: Figure, doc_text: str) -> str:
    """A few words after the figure in its document (where "arrests" in "4,500 arrests" is)."""
    return doc_text[fig.end : fig.end + 60]


# --- what exactly is counted: a figure's identity beyond its quantity key -------------------------

MEASURES = {
    "mile",
    "miles",
    "km",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "metre",
    "metres",
    "meter",
    "meters",
    "feet",
    "foot",
    "yard",
    "yards",
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "acre",
    "acres",
    "hectare",
    "hectares",
    "kg",
    "kilograms",
    "litres",
    "liters",
    "barrels",
}
GENERIC_WHO = {
    "people",
    "persons",
    "person",
    "individuals",
    "those",
    "them",
    "others",
    "who",
    "which",
    "participants",
    "men",
    "women",
}
NOISE = {
    "more",
    "other",
    "some",
    "about",
    "additional",
    "further",
    "total",
    "least",
    "than",
    "nearly",
    "almost",
    "around",
    "roughly",
    "the",
    "a",
    "an",
    "of",
    "estimated",
    "approximately",
    "over",
    "up",
    "to",
    "new",
    "another",
    "all",
}
PLACE_WORDS = {
    "border",
    "frontier",
    "front",
    "coast",
    "capital",
    "city",
    "region",
    "country",
    "abroad",
    "north",
    "south",
    "east",
    "west",
    "border's",
}
PLACE_PREP = re.compile(
    r"^\s*(?:(?:were|was|are|is|have|has|had|been|being|\w+ed)\s+){0,3}(?:in|at|near|on|along|across|inside|outside|around|throughout|within|"
    r"в|на|у|под)\s+(?:the\s+|its\s+|their\s+)?(?P<w>[\w'’-]+(?:\s+[A-ZА-Я][\w'’-]*)*)",
    re.UNICODE,
)
OWNER_OF = re.compile(
    r"^\s*(?:of|from)\s+(?:the\s+)?(?P<w>[A-ZА-Я][\w'’-]*(?:\s+[A-ZА-Я][\w'’-]*)*)", re.UNICODE
)
POSSESSOR = re.compile(
    r"(?P<w>[A-ZА-Я][\w-]*(?:\s+[A-ZА-Я][\w-]*)*)['’]s?\s+(?:own\s+)?$", re.UNICODE
)
HOLDER = re.compile(
    r"(?P<w>[A-ZА-Я][\w-]*(?:\s+[A-ZА-Я][\w-]*)*)\s+(?:has|have|had|keeps|keep|kept|maintains|"
    r"maintain|maintained)?\s*(?:now\s+|already\s+)?(?:deployed|massed|amassed|stationed|sent|"
    r"moved|gathered|keeps|keep|maintains|has|have|had)\s+(?:some\s+|about\s+|around\s+|up\s+to\s+|"
    r"more\s+than\s+|at\s+least\s+|nearly\s+|close\s+to\s+)?$",
    re.UNICODE,
)
PLACE_BEFORE = re.compile(
    r"\b(?i:in|at|near|inside|across)\s+(?i:the\s+)?(?P<w>[A-ZА-Я][\w'’-]*(?:\s+[A-ZА-Я][\w'’-]*)*)"
    r",?\s+(?i:(?:some|about|around|nearly|almost|at least|more than|over)\s+)?$",
    re.UNICODE,
)
CALENDAR = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"понед|вторн|сред|четв|пятн|субб|воскр|январ|феврал|март|апрел|ма[йя]|июн|июл|август|"
    r"сентябр|октябр|ноябр|декабр)",
    re.IGNORECASE,
)
CLAUSE_END = re.compile(r"[,;:.!?\n()]|\s(?:while|whereas|but|and|as)\s")


@dataclass(frozen=True)
class Counted:
    """What one figure counts: its quantity and the qualifiers that tell two such counts apart.

    ``None`` in a slot means the report does not say; two counts are the same thing only if
    no slot both fill disagrees (80,000 US troops in Europe are not 130,000 Russian troops at
    the border).
    """

    key: str
    unit: str | None = None
    who: str | None = None  # the counted noun when it narrows the quantity: soldiers among the dead
    modifiers: frozenset[str] = (
        frozenset()
    )  # words on the counted noun: "swing" in "11 swing states"
    owner: str | None = None  # whose count: "NATO's 30 members", "100,000 Russian troops"
    place: str | None = None  # where: "in Europe", "at the border"
    generic: bool = False  # the key is just the counted noun, not a quantity sitrep knows

    def same_thing(self, other: Counted) -> bool:
        if self.key != other.key or self.unit != other.unit:
            return False
        if self.generic or other.generic:
            if self.modifiers != other.modifiers:
                return False
        elif self.modifiers and other.modifiers and not (self.modifiers & other.modifiers):
            return False
        for mine, theirs in (
            (self.who, other.who),
            (self.owner, other.owner),
            (self.place, other.place),
        ):
            if mine is not None and theirs is not None and not same_name(mine, theirs):
                return False
        # "30 countries" and "27 countries", or 40 and 30 soldiers: only the same owner or
        # place makes them one count
        if self.generic or self.key in PRESENCE:
            return any(
                a is not None and b is not None
                for a, b in ((self.owner, other.owner), (self.place, other.place))
            )
        return True

    @property
    def bare(self) -> bool:
        return not (self.who or self.modifiers or self.owner or self.place)


def same_name(a: str, b: str) -> bool:
    """Two qualifiers name the same thing: equal, or one a form of the other (Russia / Russian)."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short[:-1]) and len(long_) - len(short) <= 3


def _name(words: str) -> str:
    words = re.sub(r"^(?:the|its|their)\s+", "", words.strip(), flags=re.IGNORECASE)
    return (
        words.rstrip("'’s").strip().lower()
        if words.endswith(("'s", "’s"))
        else words.strip().lower()
    )


def counted_thing(fig: Figure, doc_text: str, key: str) -> Counted:
    """The figure's :class:`Counted`, read from its record and the words around it in its clause."""
    unit = fig.unit
    head_words = WORD.findall((fig.counted or "").lower())
    head = head_words[-1] if head_words else None
    if unit is None and head in MEASURES:
        unit, head_words, head = head.rstrip("s"), [], None
    generic = key not in GROUPS
    after = doc_text[fig.end : fig.end + 120]
    end = CLAUSE_END.search(after)
    clause_after = after[: end.start()] if end else after
    before = doc_text[max(0, fig.start - 80) : fig.start]
    cut = max(before.rfind(c) for c in ",;:.!?\n(")
    clause_before = before[cut + 1 :] if cut >= 0 else before
    # words between the number and its noun: "30 NATO member countries", "100,000 Russian troops"
    noun_at = clause_after.lower().find(head) if head else -1
    between = clause_after[:noun_at] if noun_at > 0 else ""
    modifiers = {w for w in head_words[:-1] if w not in NOISE}
    owner = None
    for w in re.findall(r"[\w'’-]+", between):
        if w[0].isupper():
            owner = owner or _name(w)
        elif w.lower() not in NOISE:
            modifiers.add(w.lower())
    rest = clause_after[noun_at + len(head) :] if noun_at >= 0 and head else clause_after
    if owner is None:
        m = POSSESSOR.search(clause_before) or HOLDER.search(clause_before) or OWNER_OF.match(rest)
        owner = _name(m.group("w")) if m else None
    place = None
    m = PLACE_PREP.match(rest)
    if m:
        w = m.group("w")
        if (w[0].isupper() and not CALENDAR.match(w)) or w.lower().split()[0] in PLACE_WORDS:
            place = _name(w)
    if place is None:  # "In Lir, 3,000 people were arrested"
        m = PLACE_BEFORE.search(before)
        if m and m.group("w")[0].isupper() and not CALENDAR.match(m.group("w")):
            place = _name(m.group("w"))
    who = None
    if not generic and head and head not in GENERIC_WHO and KEY_OF.get(head) != key:
        who = head.rstrip("s")
    return Counted(key, unit, who, frozenset(modifiers), owner, place, generic)
