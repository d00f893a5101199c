"""Key judgments: a storyline put in estimative words (ICD 203), with its grades and confidence.

Likelihood (the band) and confidence in the analysis are different things and
are written as separate sentences: :func:`likelihood_sentence` never says how
confident we are, :func:`confidence_sentence` never says how likely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.assess.evidence import Evidence
from sitrep.assess.grades import credibility
from sitrep.assess.origins import DATELINE
from sitrep.assess.storylines import Storyline
from sitrep.likelihood import ICD203

BULLET = re.compile(r"^[-–—•*·]+\s*")
# Markdown emphasis a source writes around words ("**SAINT AUREL** — ..."): the words stay
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# a dateline that opens a story, with or without the agency: "DROVNA - ", "SAINT AUREL — ",
# "TESKA, Arvenia, Oct 13 (Coastline Wire) - "; the place in capitals, then a dash
LEAD_DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ.'’-]+(?: [A-ZÀ-Þ][A-ZÀ-Þ.'’-]*){0,4}(?:,[^()\n—–]{1,60}?)?"
    r"(?:\s*\([^()\n]{2,60}\))?\s*(?:-+\s+|[–—]\s*)(?=\S)",
    re.MULTILINE,
)
# a live blog entry's time stamp ("08:20  Interior ministry spokeswoman ..."): when, not what
TIME_STAMP = re.compile(r"^\d{1,2}[:.]\d{2}\s+(?=[A-Z\"“‘«])")
BAND_OF_CREDIBILITY = {1: 6, 2: 5, 3: 4, 4: 3, 5: 2, 6: None}
NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
}


def count(n: int, noun: str) -> str:
    word = NUMBER_WORDS.get(n, str(n))
    return f"{word} {noun}" + ("" if n == 1 else "s")


class Banded:
    """A judgment's ICD 203 band in words ("very likely") and as a probability range."""

    band: int

    @property
    def words(self) -> str:
        return ICD203[self.band][0]

    @property
    def probability(self) -> str:
        return ICD203[self.band][1]


@dataclass
class Judgment:
    """One key judgment, as the file brief, the web brief and the store all show it.

    ``statement`` says what is assessed; ``likelihood_text`` how likely (ICD 203
    words), and only where independent origins support the statement itself;
    ``confidence_text`` how sure we are of the analysis. An attributed statement
    is put as "X says Y", never as Y.
    """

    kind: str  # corroborated | attributed | estimate | stance
    statement: str
    likelihood_text: str | None
    confidence_text: str
    band: int | None
    reliability: str
    credibility: int
    confidence: str
    evidence: list[Evidence]
    storyline: Storyline | None = None
    speaker: str | None = None
    chain: str | None = None
    caveat: str | None = None

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"

    @property
    def words(self) -> str | None:
        return ICD203[self.band][0] if self.band else None

    @property
    def probability(self) -> str | None:
        return ICD203[self.band][1] if self.band else None

    @property
    def lead(self) -> Evidence:
        return self.evidence[0]

    @property
    def likelihood(self) -> str | None:
        return self.likelihood_text

    @property
    def basis(self) -> str:
        """Likelihood, confidence, chain and caveat, each its own sentence."""
        parts = [
            self.likelihood_text,
            self.confidence_text,
            f"Chain: {self.chain}." if self.chain else None,
            self.caveat,
        ]
        return " ".join(p for p in parts if p)


def drop_headline(text: str) -> str:
    """A span from the headline line the sentence splitter kept before the dateline, from
    the dateline: "Headline\n\nPLACE, date (Agency) - ..." is "PLACE, date (Agency) - ...".
    Line breaks are kept, so this comes before anything that joins a span's lines."""
    later = [m for m in LEAD_DATELINE.finditer(text) if m.start() and text[m.start() - 1] == "\n"]
    if later and not LEAD_DATELINE.match(text.lstrip()):
        return text[later[0].start() :]
    return text


def without_dateline(text: str) -> str:
    """Words without the dateline they open with ("KESVAR, Nov 10 (MPA) — ", "DROVNA - ")."""
    if DATELINE.match(text):
        return DATELINE.sub("", text, count=1).lstrip()
    return LEAD_DATELINE.sub("", text, count=1).lstrip()


def clean_statement(text: str) -> str:
    """A statement fit to quote in a judgment: no liveblog bullet, no dateline, one line.

    Why: a story's dateline ("DROVNA - ", a Markdown source's "**SAINT AUREL** — ") is
    where it was filed, not what it says; left in, a judgment reads "SAINT AUREL** — The
    council said ...". A headline line the sentence splitter kept before the dateline goes too.
    """
    text = drop_headline(EMPHASIS.sub(r"\2", text.strip()))
    text = " ".join(text.split())
    text = without_dateline(TIME_STAMP.sub("", BULLET.sub("", text)))
    # a quotation mark the next sentence opens, left at the end by the sentence splitter
    # ('... was "welcome but not enough". "'): it closes nothing here
    end = re.search(r"\s+[\"“‘«„]$", text)
    if end and (text[-1] != '"' or text.count('"') % 2):
        text = text[: end.start()]
    return text[:1].upper() + text[1:]


def the(name: str) -> str:
    """A first source as a sentence names it: "council" is "the council", a name stays a name."""
    return (
        name
        if name[:1].isupper() or name.lower().startswith(("the ", "a ", "an "))
        else f"the {name}"
    )


def confidence_sentence(s: Storyline) -> str:
    basis = (
        f"{count(len(s.origins), 'independent origin')} across "
        f"{count(len(s.documents), 'document')}"
    )
    if s.first_sources and len(s.first_sources) < len(s.origins):
        basis += (
            f", all relaying one first source, {the(s.first_sources[0])}"
            if len(s.first_sources) == 1
            else f", resting on {count(len(s.first_sources), 'first source')}"
        )
    extra = []
    if s.contested:
        extra.append("other reporting gives different figures")
    if s.circular:
        extra.append("the reports relay one another")
    hedging = [m for m in s.members if m.claims]
    if hedging and all(m.hedged for m in hedging):
        extra.append("the sources hedge")
    elif any(m.hedged for m in hedging):
        extra.append("some sources hedge")
    tail = f"; {', '.join(extra)}" if extra else ""
    return f"We have {s.confidence} confidence in this assessment ({basis}{tail})."


def grade_storyline(s: Storyline, grade_of, hedge_bands: bool = True) -> None:
    """Fill in reliability, credibility, band and confidence of a storyline, in place."""
    from sitrep.assess.grades import best_grade

    grades = [grade_of(o.name) for o in s.origins]
    s.grade = best_grade(grades)
    hedged = (
        bool(s.members)
        and all(m.hedged or m.questions for m in s.members if m.claims)
        and any(m.claims for m in s.members)
    )
    # corroboration counts independent first sources: four outlets relaying one council are
    # one source, graded as the source itself when it is graded, else as its best relay
    n = independent(s)
    if n == 1 and s.first_sources and grade_of(s.first_sources[0]) != "F":
        s.grade = grade_of(s.first_sources[0])
    s.credibility = credibility(n, s.grade, hedged, s.contested)
    band = BAND_OF_CREDIBILITY[s.credibility]
    if band is not None and s.credibility == 1 and n >= 3 and s.grade in "AB":
        band = 7
    bands = [b for m in s.members for b in m.bands]
    if band is not None and hedge_bands and hedged and bands:
        band = min(band, max(bands))
    s.band = band
    if s.circular or (n < 2 and s.grade not in "AB"):
        s.confidence = "low"
    elif n >= 3 and s.grade in "AB" and not s.contested and not hedged:
        s.confidence = "high"
    else:
        s.confidence = "moderate" if (n >= 2 or s.grade in "AB") and not s.contested else "low"


def independent(s: Storyline) -> int:
    """How many independent sources a storyline rests on: its first sources, else its origins."""
    return min(len(s.first_sources), len(s.origins)) if s.first_sources else len(s.origins)
