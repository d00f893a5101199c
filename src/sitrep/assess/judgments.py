"""Key judgments: a storyline put in estimative words (ICD 203), with its grades and confidence.

Likelihood (the band) and confidence in the analysis are different things and
are written as separate sentences: :func:`likelihood_sentence` never says how
confident we are, :func:`confidence_sentence` never says how likely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.assess.grades import credibility
from sitrep.assess.origins import DATELINE
from sitrep.assess.storylines import Storyline

BANDS = {
    1: ("almost no chance", "1–5%"), 2: ("very unlikely", "5–20%"), 3: ("unlikely", "20–45%"),
    4: ("roughly even chance", "45–55%"), 5: ("likely", "55–80%"), 6: ("very likely", "80–95%"),
    7: ("almost certain", "95–99%"),
}
BULLET = re.compile(r"^[-–—•*·]+\s*")
BAND_OF_CREDIBILITY = {1: 6, 2: 5, 3: 4, 4: 3, 5: 2, 6: None}
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def count(n: int, noun: str) -> str:
    word = NUMBER_WORDS.get(n, str(n))
    return f"{word} {noun}" + ("" if n == 1 else "s")


class Banded:
    """A judgment's ICD 203 band in words ("very likely") and as a probability range."""

    band: int

    @property
    def words(self) -> str:
        return BANDS[self.band][0]

    @property
    def probability(self) -> str:
        return BANDS[self.band][1]


@dataclass
class Judgment(Banded):
    """One key judgment: the statement, its band, its Admiralty grade and our confidence."""

    storyline: Storyline
    band: int
    confidence: str

    @property
    def grade(self) -> str:
        return f"{self.storyline.grade}{self.storyline.credibility}"

    @property
    def statement(self) -> str:
        return clean_statement(self.storyline.title)

    @property
    def caveat(self) -> str | None:
        """What the judgment's reader must know: figures in it that other reporting contradicts."""
        if not self.storyline.conflicts:
            return None
        return "Figures disagree: " + "; ".join(c.summary for c in self.storyline.conflicts) + "."

    @property
    def likelihood(self) -> str:
        return likelihood_sentence(self)

    @property
    def confidence_text(self) -> str:
        return confidence_sentence(self)


def clean_statement(text: str) -> str:
    """A statement fit to quote in a judgment: no liveblog bullet, no wire dateline, one line."""
    text = " ".join(text.split())
    text = BULLET.sub("", text)
    text = DATELINE.sub("", text, count=1) if DATELINE.match(text) else text
    return text[:1].upper() + text[1:]


def likelihood_sentence(j: Judgment) -> str:
    return f"It is {j.words} ({j.probability}) that this is accurate: {j.statement}"


def confidence_sentence(j: Judgment) -> str:
    s = j.storyline
    basis = f"{count(len(s.origins), 'independent origin')} across {count(len(s.documents), 'document')}"
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
    return f"We have {j.confidence} confidence in this assessment ({basis}{tail})."


def grade_storyline(s: Storyline, grade_of, hedge_bands: bool = True) -> None:
    """Fill in reliability, credibility, band and confidence of a storyline, in place."""
    from sitrep.assess.grades import best_grade

    grades = [grade_of(o.name) for o in s.origins]
    s.grade = best_grade(grades)
    hedged = bool(s.members) and all(m.hedged or m.questions for m in s.members if m.claims) and any(
        m.claims for m in s.members)
    s.credibility = credibility(len(s.origins), s.grade, hedged, s.contested)
    band = BAND_OF_CREDIBILITY[s.credibility]
    if band is not None and s.credibility == 1 and len(s.origins) >= 3 and s.grade in "AB":
        band = 7
    bands = [b for m in s.members for b in m.bands]
    if band is not None and hedge_bands and hedged and bands:
        band = min(band, max(bands))
    s.band = band
    if s.circular or (len(s.origins) < 2 and s.grade not in "AB"):
        s.confidence = "low"
    elif len(s.origins) >= 3 and s.grade in "AB" and not s.contested and not hedged:
        s.confidence = "high"
    else:
        s.confidence = "moderate" if (len(s.origins) >= 2 or s.grade in "AB") and not s.contested else "low"


def key_judgments(storylines: list[Storyline], limit: int = 8) -> list[Judgment]:
    """The storylines worth leading with: gradable, best corroborated first."""
    ranked = sorted(
        (s for s in storylines if s.band is not None and not all(m.questions for m in s.members)),
        key=lambda s: (-(len(s.documents) + 2 * len(s.origins)), s.credibility, s.first_date or ""),
    )
    return [Judgment(s, s.band, s.confidence) for s in ranked[:limit]]
