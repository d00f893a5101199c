"""Admiralty grades (STANAG 2511): source reliability A-F from the user, credibility 1-6 computed.

Reliability is the user's call about a source, read from ``sources.toml``
(``"Outlet name" = "B"``; a ``[sources]`` or ``[outlets]`` table works too). A
source the file does not name is F, "cannot be judged". Credibility is about one
piece of information and is graded independently of its source.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.lexicon.names import outlet_key

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by independent sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


class SourcesFileError(ValueError):
    """sources.toml cannot be used; the message says what to fix."""


@dataclass
class SourceGrades:
    """Outlet (or speaker) -> reliability grade; unknown names are F."""

    grades: dict[str, str] = field(default_factory=dict)  # normalized name -> grade
    names: dict[str, str] = field(default_factory=dict)  # normalized name -> name as written

    def lookup(self, name: str | None) -> str | None:
        """The normalized known name ``name`` refers to, or None."""
        if not name:
            return None
        key = outlet_key(name)
        if key in self.grades:
            return key
        # "The Northern Ledger — World" is The Northern Ledger: the longest
        # known name it starts with
        best = None
        for known in self.grades:
            if known and key.startswith(known + " ") and (best is None or len(known) > len(best)):
                best = known
        return best

    def grade(self, name: str | None) -> str:
        key = self.lookup(name)
        return self.grades[key] if key else "F"


def load_sources(path: Path | None) -> SourceGrades:
    if path is None:
        return SourceGrades()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourcesFileError(f"no sources file at {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(f"{path} is not valid TOML: {exc}") from exc
    table: dict = {}
    for section in ("sources", "outlets"):
        if isinstance(data.get(section), dict):
            table.update(data[section])
    table.update({k: v for k, v in data.items() if k not in ("sources", "outlets")})
    out = SourceGrades()
    for name, value in table.items():
        grade = value.get("grade") or value.get("reliability") if isinstance(value, dict) else value
        if not isinstance(grade, str) or grade.strip().upper() not in RELIABILITY:
            raise SourcesFileError(
                f"{path}: {name!r} has grade {grade!r}; use one of A, B, C, D, E, F"
            )
        out.grades[outlet_key(name)] = grade.strip().upper()
        out.names[outlet_key(name)] = name
    return out


GRADE_ORDER = "ABCDEF"


def best_grade(grades: list[str]) -> str:
    return min(grades, key=GRADE_ORDER.index) if grades else "F"


def credibility(
    origins: int, grade: str, hedged: bool, contested: bool, refuted: bool = False
) -> int:
    """Information credibility 1-6 from how many independent origins carry it and how firmly.

    1 needs two or more independent origins, stated firmly and not contested;
    two origins that hedge or are contested make it probably true (2). One origin
    is as good as its source: A/B firm 2, A/B hedged or C 3, D/E 4, unknown (F) 6.
    Information contradicted by more independent origins than carry it is improbable (5).
    """
    if refuted:
        return 5
    if origins >= 2:
        return 2 if (hedged or contested) else 1
    if grade in "AB":
        base = 3 if hedged else 2
    elif grade == "C":
        base = 3
    elif grade in "DE":
        base = 4
    else:
        return 6
    return min(base + (1 if contested else 0), 5)
