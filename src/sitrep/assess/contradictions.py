"""Contradictions: different values for the same quantity, and a speaker saying opposite things."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sitrep.assess.evidence import Evidence, strip_marks
from sitrep.assess.origins import Origin
from sitrep.assess.quantities import agree, context_after, interval, is_vague, quantity_key
from sitrep.assess.storylines import FIGURE_DAYS, days_apart
from sitrep.records import Figure

MAX_RATIO = 3.0  # 60 vs 6,000 is a sub-count ("60 of those detained"), not a contradiction
PARTITIVE = re.compile(r"^\s*(?:of|out of)\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:not|no|never|nobody|none|nothing|n't|neither|nor|deny|denies|denied)\b|n't\b",
                      re.IGNORECASE)
SIMILAR_STATEMENT = 75  # rapidfuzz token_sort_ratio with negations removed
MIN_STATEMENT_WORDS = 5


@dataclass
class FigureGroup:
    """One value (or range) for a quantity and everyone who gives it."""

    text: str
    low: float
    high: float
    members: list[tuple[Evidence, Figure]] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    attributed: list[str] = field(default_factory=list)  # who the reports credit: "the interior ministry"


@dataclass
class FigureConflict:
    """The same quantity about the same days with values that cannot all be true."""

    key: str
    date: str | None
    groups: list[FigureGroup]

    @property
    def summary(self) -> str:
        parts = []
        for g in self.groups:
            who = ", ".join(o.name for o in g.origins)
            parts.append(f"{g.text} (per {', '.join(g.attributed)}; reported by {who})" if g.attributed else f"{g.text} ({who})")
        return f"{self.key}: " + " vs ".join(parts)


@dataclass
class StatementConflict:
    """One speaker, two statements about the same thing, one of them negated."""

    speaker: str
    speaker_id: str | None
    a: Evidence
    b: Evidence
    a_text: str
    b_text: str


def _figures(items: list[Evidence]) -> dict[str, list[tuple[Evidence, Figure]]]:
    out: dict[str, list[tuple[Evidence, Figure]]] = defaultdict(list)
    for ev in items:
        for f in ev.figures:
            if is_vague(f) or not f.value:
                continue
            after = context_after(f, ev.doc.text)
            if PARTITIVE.match(after):
                continue
            key = quantity_key(f, after)
            if key:
                out[key].append((ev, f))
    return out


def _windows(entries: list[tuple[Evidence, Figure]]) -> list[list[tuple[Evidence, Figure]]]:
    """Split one quantity's figures into runs of days close enough to be about the same event."""
    entries = sorted(entries, key=lambda e: e[0].date or "")
    runs: list[list[tuple[Evidence, Figure]]] = []
    for e in entries:
        if runs:
            gap = days_apart(runs[-1][-1][0], e[0])
            if gap is None or gap <= FIGURE_DAYS:
                runs[-1].append(e)
                continue
        runs.append([e])
    return runs


def figure_conflicts(items: list[Evidence], origin_of: dict[str, Origin]) -> list[FigureConflict]:
    out = []
    for key, entries in _figures(items).items():
        for run in _windows(entries):
            groups: list[FigureGroup] = []
            for ev, f in sorted(run, key=lambda e: (e[0].date or "", -(e[1].value or 0))):
                lo, hi = interval(f, 0.0)
                home = next((g for g in groups if agree(g.members[0][1], f)), None)
                if home is None:
                    home = FigureGroup(f.text, lo, hi)
                    groups.append(home)
                home.members.append((ev, f))
                for who in _credited(ev, f):
                    if who not in home.attributed:
                        home.attributed.append(who)
                o = origin_of.get(ev.id)
                if o is not None and o.key not in {x.key for x in home.origins}:
                    home.origins.append(o)
            if len(groups) < 2:
                continue
            groups.sort(key=lambda g: (-len(g.origins), -len(g.members)))
            top = groups[0]
            rivals = [g for g in groups[1:] if _comparable(top, g) and not _update(top, g)]
            if not rivals:
                continue
            if {o.key for o in top.origins} == {o.key for g in rivals for o in g.origins}:
                continue  # one origin revising its own figure is an update, not a contradiction
            dates = [ev.date for g in [top, *rivals] for ev, _ in g.members if ev.date]
            out.append(FigureConflict(key, min(dates) if dates else None, [top, *rivals]))
    out.sort(key=lambda c: (c.date or "", c.key))
    return out


def _credited(ev: Evidence, f: Figure) -> list[str]:
    """Who the sentence credits with the figure: the source of a claim or quote that covers it."""
    out = []
    for c in ev.claims:
        if c.start <= f.start < c.end and c.source and c.source.name and c.source.kind == "named":
            # credit only a source the sentence names: a pronoun resolved across paragraphs can be wrong
            if c.source.name.split()[-1].lower() in ev.text.lower():
                out.append(c.source.name)
    for q in ev.quotes:
        if q.speaker and q.speaker.name and any(p.start <= f.start < p.end for p in q.contents):
            if q.speaker.name.split()[-1].lower() in ev.text.lower():
                out.append(q.speaker.name)
    return out


def _update(top: FigureGroup, g: FigureGroup) -> bool:
    """A later figure from origins that gave the first one too: a revision ("14 dead, later 16")."""
    first = {o.key for o in top.origins}
    if not {o.key for o in g.origins} <= first:
        return False
    top_first = min((ev.date or "" for ev, _ in top.members), default="")
    return min((ev.date or "" for ev, _ in g.members), default="") > top_first


def _comparable(a: FigureGroup, b: FigureGroup) -> bool:
    lo = max(min(a.low, b.low), 1e-9)
    hi = max(a.high, b.high)
    return hi / lo <= MAX_RATIO


def _statements(items: list[Evidence]) -> dict[str, list[tuple[str, Evidence, str]]]:
    """speaker key -> (name, evidence, what they said)."""
    out: dict[str, list[tuple[str, Evidence, str]]] = defaultdict(list)
    for ev in items:
        for q in ev.quotes:
            if q.speaker and q.speaker.name:
                out[q.speaker.id or q.speaker.name].append(
                    (q.speaker.name, ev, " … ".join(strip_marks(c.text) for c in q.contents) or q.text))
        for c in ev.claims:
            if c.source and c.source.name and c.source.kind == "named":
                out[c.source.id or c.source.name].append((c.source.name, ev, c.text))
    return out


def statement_conflicts(items: list[Evidence]) -> list[StatementConflict]:
    out = []
    for key, said in _statements(items).items():
        seen = set()
        for x, (name, a, ta) in enumerate(said):
            for _name, b, tb in said[x + 1:]:
                if a.id == b.id:
                    continue
                na, nb = bool(NEGATION.search(ta)), bool(NEGATION.search(tb))
                if na == nb:
                    continue
                if min(len(ta.split()), len(tb.split())) < MIN_STATEMENT_WORDS:
                    continue
                if fuzz.token_sort_ratio(NEGATION.sub(" ", ta), NEGATION.sub(" ", tb)) < SIMILAR_STATEMENT:
                    continue
                pair = (a.id, b.id)
                if pair not in seen:
                    seen.add(pair)
                    out.append(StatementConflict(name, key if ":" in key else None, a, b, ta, tb))
    return out
