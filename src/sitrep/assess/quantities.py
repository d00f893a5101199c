"""What a figure counts, so that "close to 6,000 held" and "some 4,500 arrests" compare.

A figure's ``counted`` and ``event`` words (and the words just after it) are
mapped to a quantity key; figures with the same key about the same days are
statements about the same quantity.
"""

from __future__ import annotations

import re

from sitrep.records import Figure

GROUPS = {
    "arrests": "arrest arrested arrests detain detained detainee detainees detention held jailed rounded",
    "deaths": "killed dead death deaths died fatalities kill",
    "injured": "injured wounded injuries hurt",
    "protesters": "protesters protestors marchers demonstrators crowd marched numbered gathering rally",
    "refugees": "refugees fled fleeing displaced",
    "soldiers": "soldiers troops servicemen",
}
KEY_OF = {w: key for key, words in GROUPS.items() for w in words.split()}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
VAGUE = re.compile(r"^\D*$")  # "thousands", "dozens", "tens of thousands": no digits


def quantity_key(fig: Figure, context: str = "") -> str | None:
    """The quantity a figure counts (``arrests``, ``deaths``, ...), or its counted noun, or None."""
    words = []
    for field in (fig.counted, fig.event):
        if field:
            words += WORD.findall(field.lower())
    near = words + WORD.findall(context.lower())[:8]
    found = {KEY_OF[w] for w in near if w in KEY_OF}
    for key in GROUPS:  # the event ("arrested") outranks who it happened to ("protesters")
        if key in found:
            return key
    if fig.unit:
        return None  # money and percentages need more than a noun to be "the same quantity"
    if fig.counted:
        noun = WORD.findall(fig.counted.lower())
        if noun and noun[-1] not in ("people", "them", "those", "which", "who"):
            return noun[-1].rstrip("s") or None
    return None


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
    return doc_text[fig.end:fig.end + 60]
