"""Contradictions: different values for the same quantity, and a speaker saying opposite things."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sitrep.assess.evidence import Evidence, strip_marks
from sitrep.assess.origins import Origin
from sitrep.assess.quantities import (
    Counted,
    agree,
    context_after,
    counted_thing,
    interval,
    is_vague,
    quantity_key,
)
from sitrep.assess.storylines import FIGURE_DAYS, days_apart, similar_pairs
from sitrep.records import Figure

MAX_RATIO = 3.0  # 60 vs 6,000 is a sub-count ("60 of those detained"), not a contradiction
PARTITIVE = re.compile(r"^\s*(?:of|out of)\b", re.IGNORECASE)
NEGATION = re.compile(
    r"\b(?:not|no|never|nobody|none|nothing|cannot|neither|nor|deny|denies|denied)\b|n't\b",
    re.IGNORECASE,
)
# emphasis and set phrases that carry a negation word without negating anything
NOT_NEGATING = re.compile(
    r"\b(?:nothing (?:more|less|else|but)|no (?:more|less) than|not only|no doubt|"
    r"none other than)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d[\d,.]*")
SIMILAR_STATEMENT = 75  # rapidfuzz token_sort_ratio with negations and figures removed
MIN_STATEMENT_WORDS = 5


@dataclass
class FigureGroup:
    """One value (or range) for a quantity and everyone who gives it."""

    text: str
    low: float
    high: float
    members: list[tuple[Evidence, Figure]] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    attributed: list[str] = field(
        default_factory=list
    )  # who the reports credit: "the interior ministry"


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
            parts.append(
                f"{g.text} (per {', '.join(g.attributed)}; reported by {who})"
                if g.attributed
                else f"{g.text} ({who})"
            )
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
    reason: str = "negation"  # negation | figures


Entry = tuple[
    Evidence, Figure, Counted, frozenset[str]
]  # ... and the days named in the figure's clause
CLAUSE_BREAK = re.compile(r"[,;:\n]")


def _figures(items: list[Evidence]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = defaultdict(list)
    for ev in items:
        for f in ev.figures:
            if is_vague(f) or not f.value:
                continue
            after = context_after(f, ev.doc.text)
            if PARTITIVE.match(after):
                continue
            key = quantity_key(f, after)
            if key:
                out[key].append((ev, f, counted_thing(f, ev.doc.text, key), _days(ev, f)))
    return out


def _windows(entries: list[Entry]) -> list[list[Entry]]:
    """Split one quantity's figures into runs of days close enough to be about the same event."""
    entries = sorted(entries, key=lambda e: e[0].date or "")
    runs: list[list[Entry]] = []
    for e in entries:
        if runs:
            gap = days_apart(runs[-1][-1][0], e[0])
            if gap is None or gap <= FIGURE_DAYS:
                runs[-1].append(e)
                continue
        runs.append([e])
    return runs


def _days(ev: Evidence, f: Figure) -> frozenset[str]:
    """The days named in the figure's own clause ("14 were killed on
    Friday"), not elsewhere in its sentence."""
    text = ev.doc.text
    out = set()
    for s, e, v in ev.days:
        between = text[e : f.start] if e <= f.start else text[f.end : s]
        if not between.strip(" ,") or not CLAUSE_BREAK.search(
            between
        ):  # "On March 8, 9 people were killed"
            out.add(v)
    return frozenset(out)


def _same_day(a: Entry, b: Entry) -> bool:
    """Counts said of different days ("14 killed on Friday", "3 on Sunday")
    are different tallies."""
    return not (a[3] and b[3] and not a[3] & b[3])


def _distance(f: Figure, cluster: list[Entry]) -> float:
    """How far a value is from a count's values, as a log ratio (0 when it is one of them)."""
    values = [max(o[1].value or 0, 1e-9) for o in cluster]
    return min(abs(math.log(max(f.value or 0, 1e-9) / v)) for v in values)


def _same_things(run: list[Entry]) -> list[list[tuple[Evidence, Figure]]]:
    """Split a run into counts of one thing: every member is
    :meth:`Counted.same_thing` as every other.

    A figure that says nothing about whose or where joins the count it fits with the nearest
    values (a value more than MAX_RATIO from all of a count's is not about it).
    """
    clusters: list[list[Entry]] = []
    for e in sorted(run, key=lambda e: e[2].bare):
        fits = [
            c
            for c in clusters
            if all(e[2].same_thing(o[2]) and _same_day(e, o) for o in c)
            and _distance(e[1], c) <= math.log(MAX_RATIO)
        ]
        if fits:  # "some 4,500 arrests" fits 6,000 protesters and three students: the nearer count
            min(fits, key=lambda c: _distance(e[1], c)).append(e)
        else:
            clusters.append([e])
    return [[(ev, f) for ev, f, _, _ in c] for c in clusters if len(c) > 1]


def figure_conflicts(items: list[Evidence], origin_of: dict[str, Origin]) -> list[FigureConflict]:
    out = []
    for key, entries in _figures(items).items():
        for run in (c for w in _windows(entries) for c in _same_things(w)):
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
            # credit only a source the sentence names: a pronoun resolved
            # across paragraphs can be wrong
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
                    (
                        q.speaker.name,
                        ev,
                        " … ".join(strip_marks(c.text) for c in q.contents) or q.text,
                    )
                )
        for c in ev.claims:
            if c.source and c.source.name and c.source.kind == "named":
                out[c.source.id or c.source.name].append((c.source.name, ev, c.text))
    return out


def _polarity(text: str) -> int:
    return len(NEGATION.findall(NOT_NEGATING.sub(" ", text))) % 2


def _bare(text: str) -> str:
    return NUMBER.sub(" ", NEGATION.sub(" ", NOT_NEGATING.sub(" ", text)))


def opposed(a: Evidence, ta: str, b: Evidence, tb: str) -> str | None:
    """Why two statements by one speaker cannot both stand ("negation", "figures"), or None.

    Two statements about the same thing (alike once negations and numbers are set aside)
    oppose when exactly one of them is negated, or when on the same day they give different
    figures. Near-identical wording with the same polarity and figures ("a training exercise,
    planned weeks ago, nothing more" and "a training exercise, planned weeks ago") is a
    repetition, never a contradiction.
    """
    if min(len(ta.split()), len(tb.split())) < MIN_STATEMENT_WORDS:
        return None
    if fuzz.token_sort_ratio(_bare(ta), _bare(tb)) < SIMILAR_STATEMENT:
        return None
    return _opposition(a, ta, b, tb)


def _opposition(a: Evidence, ta: str, b: Evidence, tb: str) -> str | None:
    """What :func:`opposed` finds once two statements are known to be alike."""
    if _polarity(ta) != _polarity(tb):
        return "negation"
    na, nb = set(NUMBER.findall(ta)), set(NUMBER.findall(tb))
    if na and nb and not (na & nb) and (a.date is None or b.date is None or a.date == b.date):
        return "figures"
    return None


def statement_conflicts(items: list[Evidence]) -> list[StatementConflict]:
    out = []
    for key, said in _statements(items).items():
        seen = set()
        # the pairs opposed() would find alike, in its order, scored in rapidfuzz's C++ loop
        kept = [x for x in said if len(x[2].split()) >= MIN_STATEMENT_WORDS]
        for x, y in similar_pairs([_bare(t) for _n, _e, t in kept], SIMILAR_STATEMENT):
            (name, a, ta), (_name, b, tb) = kept[x], kept[y]
            if a.id == b.id or (a.id, b.id) in seen:
                continue
            reason = _opposition(a, ta, b, tb)
            if reason is not None:
                seen.add((a.id, b.id))
                out.append(
                    StatementConflict(name, key if ":" in key else None, a, b, ta, tb, reason)
                )
    return out
