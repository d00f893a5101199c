"""Shared test corpora: records the extractors would give known texts, built without spaCy.

The eight-document crisis corpus (``corpus()``, graded by ``SOURCES``) is described in
tests/test_assess.py, which checks its right answers; other tests reuse it from here.
"""

from __future__ import annotations

from sitrep.ids import content_id
from sitrep.records import ActorRef, Analysis, Claim, Document, Figure, Quote, Span

SOURCES = """
"Alpha Wire" = "B"
"Beta Daily" = "C"
"Gamma Times" = "B"
"Delta TV" = "C"
"Epsilon Post" = "B"
"Zeta News" = "D"
"Eta Herald" = "B"
"""

ARRESTS = (
    "KAPITAL, March 7 (Alpha Wire) - Police arrested close to 6,000 protesters in Kapital on "
    "Friday, the interior ministry said on Saturday.\n\nThe ministry said all of them would face "
    "charges under the emergency law.\n\nWitnesses saw buses of detainees leave the city "
    "centre after midnight."
)
TEXTS = {
    "A": ("Kapital police arrest thousands\n\n" + ARRESTS, "Alpha Wire", "2026-03-07"),
    "B": ("Mass arrests follow Friday marches\n\n" + ARRESTS, "Beta Daily", "2026-03-07"),
    "C": (
        "Rights group counts fewer arrests\n\nThe rights group Watchers has verified some 4,500 "
        "arrests by name since Friday morning, its director said.",
        "Gamma Times",
        "2026-03-07",
    ),
    "D": (
        "Tanks at the airport\n\nTanks and armoured vehicles surrounded Kapital's main airport "
        "late on Wednesday, closing it to passengers, Delta TV has learned.\n\nDefence "
        "Minister Pavel Orlov said: "
        '"It is a training exercise, nothing more."',
        "Delta TV",
        "2026-03-04",
    ),
    "E": (
        "Broadcaster reports tanks at airport\n\nDelta TV is reporting that tanks and armoured "
        "vehicles surrounded Kapital's main airport late on Wednesday, closing it to passengers.",
        "Epsilon Post",
        "2026-03-04",
    ),
    "F": (
        "Airport closed\n\nAccording to Delta TV, tanks and armoured vehicles surrounded Kapital's "
        "main airport late on Wednesday and closed it to passengers.",
        "Zeta News",
        "2026-03-05",
    ),
    "G": (
        "President speaks\n\nPresident Mira Sand addressed the nation from Kelmar on Sunday "
        "evening and called on soldiers to return to their barracks.",
        "Gamma Times",
        "2026-03-08",
    ),
    "H": (
        "Sand addresses the nation\n\nOn Sunday evening President Mira Sand addressed the "
        "nation from Kelmar, "
        'calling on soldiers to return to their barracks.\n\n"General Varn betrayed his oath and '
        'will answer for every life lost," Orlov told reporters.',
        "Eta Herald",
        "2026-03-08",
    ),
}
ORLOV = ActorRef("person:pavel-orlov", "Pavel Orlov")


def span(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def claim(text: str, sub: str, source: ActorRef, band: int | None = None, hedges=()) -> Claim:
    s, e = span(text, sub)
    return Claim(s, e, text[s:e], source, band=band, hedges=list(hedges))


def quote(text: str, content: str, speaker: ActorRef) -> Quote:
    s, e = span(text, content)
    return Quote(s, e, text[s:e], None, [], [Span(s, e, text[s:e])], speaker, "direct")


def figure(
    text: str, sub: str, value: float, counted: str, event: str, approximate: bool = True
) -> Figure:
    s, e = span(text, sub)
    return Figure(s, e, text[s:e], value, approximate=approximate, counted=counted, event=event)


def corpus() -> list[tuple[Document, Analysis]]:
    """The eight documents with the records the extractors would give them."""
    out = []
    for key, (text, outlet, published) in TEXTS.items():
        doc = Document(
            id=content_id(text),
            text=text,
            outlet=outlet,
            published=published,
            title=text.split("\n")[0],
            url=f"https://{outlet.lower().replace(' ', '')}.example/{key}",
            path=f"{key}.txt",
        )
        own = ActorRef(None, outlet, "author")
        an = Analysis()
        for para in text.split("\n\n")[1:]:
            if not para.startswith(('"', "Defence Minister")):
                an.claims.append(claim(text, para, own))
        if key in ("A", "B"):
            an.figures.append(figure(text, "close to 6,000", 6000, "protesters", "arrested"))
        if key == "C":
            an.figures.append(figure(text, "some 4,500", 4500, "arrests", "verified"))
        if key == "D":
            an.quotes.append(quote(text, "It is a training exercise, nothing more.", ORLOV))
        if key == "H":
            an.quotes.append(
                quote(
                    text,
                    "General Varn betrayed his oath and will answer for every life lost,",
                    ORLOV,
                )
            )
        out.append((doc, an))
    return out
