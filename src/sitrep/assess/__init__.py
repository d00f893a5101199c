"""Corpus level: independent origins, circular reporting, contradictions, grades, key judgments.

:func:`assess_corpus` is a pure function of the analyzed corpus (and the
user's source grades): it reads nothing from the store and writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.assess.chains import Chain, chain_of, display_name, first_sources
from sitrep.assess.contradictions import (
    FigureConflict,
    StatementConflict,
    figure_conflicts,
    statement_conflicts,
)
from sitrep.assess.evidence import Evidence, document_evidence
from sitrep.assess.grades import SourceGrades, credibility, load_sources
from sitrep.assess.judgments import (
    BAND_OF_CREDIBILITY,
    Banded,
    Judgment,
    clean_statement,
    grade_storyline,
)
from sitrep.assess.keyjudgments import build_judgments, heading_of
from sitrep.assess.origins import (
    Citations,
    Origin,
    document_origins,
    evidence_origin,
    known_outlets,
)
from sitrep.assess.stance import LABELS, StanceChange, stance_changes
from sitrep.assess.storylines import (
    Storyline,
    group_storylines,
    merge_copies,
    republished,
    retellings,
    retold,
    vias_of,
)
from sitrep.ingest.credits import AGENCY_KEYS
from sitrep.ingest.credits import key as credit_key
from sitrep.records import Analysis, Document

__all__ = [
    "Assessment",
    "assess_corpus",
    "circular_reporting",
    "Storyline",
    "Judgment",
    "Origin",
    "Evidence",
]


@dataclass
class TimelineEvent:
    date: str | None
    kind: str  # first-report | stance | contradiction | report
    text: str
    evidence: Evidence | None = None
    storyline: Storyline | None = None


@dataclass
class StanceJudgment(Banded):
    """A change of stance put as a judgment: likely that the speaker said both, in that order."""

    change: StanceChange
    band: int | None
    reliability: str
    credibility: int
    confidence: str

    @property
    def statement(self) -> str:
        c = self.change
        return (
            f"{c.speaker} changed stance: {LABELS.get(c.before.stance, c.before.stance)} on "
            f"{c.before.date}, then {LABELS.get(c.after.stance, c.after.stance)} on {c.after.date}."
        )

    @property
    def confidence_text(self) -> str:
        return (
            f"We have {self.confidence} confidence in this assessment; the stance of each "
            f"statement is read from its wording and should be checked against the evidence."
        )


@dataclass
class Assessment:
    evidence: list[Evidence]
    documents: list[Document]
    doc_origins: dict[str, Origin]
    origin_of: dict[str, Origin]
    storylines: list[Storyline]
    judgments: list[Judgment]
    figure_conflicts: list[FigureConflict]
    statement_conflicts: list[StatementConflict]
    stance_changes: list[StanceChange]
    grades: SourceGrades
    unanalyzed: list[Document] = field(default_factory=list)
    chains: dict[str, Chain] = field(
        default_factory=dict
    )  # evidence id -> outlet → relayed → first source
    matrix: object | None = None  # hypotheses.Matrix when a hypotheses file was given

    def chain_of(self, ev: Evidence) -> str | None:
        """The chain as the briefs print it, when there is more to it than the outlet."""
        c = self.chains.get(ev.id)
        return str(c) if c is not None and (c.via or c.cites) else None

    @property
    def one_origin(self) -> str | None:
        """The single origin everything rests on, when there is only one."""
        names = {o.key: o.name for o in self.origin_of.values()}
        names.update({c.key: c.first for c in self.chains.values() if c.cites is None})
        return display_name(next(iter(names.values()))) if len(names) == 1 else None

    @property
    def confirmed(self) -> list[Storyline]:
        return [s for s in self.storylines if s.confirmed]

    @property
    def single_origin(self) -> list[Storyline]:
        return [s for s in self.storylines if not s.confirmed]

    @property
    def circular(self) -> list[Storyline]:
        return [s for s in self.storylines if s.circular]

    def grade_of(self, name: str | None) -> str:
        return self.grades.grade(name)

    def credibility_of(self, ev: Evidence) -> int:
        o = self.origin_of.get(ev.id)
        return credibility(1, self.grades.grade(o.name if o else ev.outlet), ev.hedged, False)

    def statement_grade(self, ev: Evidence) -> tuple[str, int]:
        """Reliability and credibility of one statement: its storyline's, or its own origin's."""
        s = self.storyline_of(ev.id)
        if s is not None:
            return s.grade, s.credibility
        o = self.origin_of.get(ev.id)
        grade = self.grades.grade(o.name if o else ev.outlet)
        return grade, credibility(1, grade, ev.hedged, False)

    def stance_judgments(self) -> list[StanceJudgment]:
        """Each change of stance as a key judgment, graded by the weaker of its two statements."""
        out = []
        for c in self.stance_changes:
            grades = [
                self.statement_grade(c.before.evidence),
                self.statement_grade(c.after.evidence),
            ]
            grade = max((g for g, _ in grades), key="ABCDEF".index)
            cred = max(n for _, n in grades)
            band = BAND_OF_CREDIBILITY[
                cred
            ]  # None when the source cannot be judged: no likelihood, still a change
            both = all(
                self.storyline_of(st.evidence.id) and self.storyline_of(st.evidence.id).confirmed
                for st in (c.before, c.after)
            )
            out.append(StanceJudgment(c, band, grade, cred, "moderate" if both else "low"))
        return out

    def storyline_of(self, evidence_id: str) -> Storyline | None:
        for s in self.storylines:
            if any(m.id == evidence_id for m in s.members):
                return s
        return None

    def timeline(self) -> list[TimelineEvent]:
        events = [
            TimelineEvent(s.first_date, "first-report", s.title, s.lead, s) for s in self.storylines
        ]
        for c in self.stance_changes:
            events.append(
                TimelineEvent(
                    c.before.date,
                    "stance",
                    f"{c.speaker} ({c.before.stance}): {c.before.text}",
                    c.before.evidence,
                )
            )
            events.append(
                TimelineEvent(
                    c.after.date,
                    "stance",
                    f"{c.speaker} ({c.after.stance}): {c.after.text}",
                    c.after.evidence,
                )
            )
        for c in self.figure_conflicts:
            events.append(
                TimelineEvent(c.date, "contradiction", c.summary, c.groups[0].members[0][0])
            )
        for j in (
            self.judgments
        ):  # single-origin judgments, on the day the sentence names, else its report's
            if j.storyline is None and j.kind != "stance":
                events.append(
                    TimelineEvent(j.lead.event_date or j.lead.date, "report", j.statement, j.lead)
                )
        order = {"first-report": 0, "stance": 1, "contradiction": 2, "report": 3}
        return sorted(events, key=lambda e: (e.date or "9999", order[e.kind]))


def circular_reporting(s: Storyline) -> str | None:
    """Several outlets, one origin: syndicated copy of one wire story, or circular reporting
    (outlets that cite, copy or translate one outlet's report). Outlets that only share a
    co-reporter ("X contributed to this report") are neither."""
    if not republished(s) and not _cited(s):
        return None
    return "syndicated" if not _cited(s) and _wire_origin(s) else "circular"


def _cited(s: Storyline) -> bool:
    return len(s.origins) == 1 and len(set(s.outlets)) >= 2 and "cited" in vias_of(s)


# a wire service by its name: "Coastline Wire", "Meridian Press Agency", "Alder News Service"
WIRE_NAME = re.compile(r"\b(?:Wire|Agency|News Service|Press Association)\b", re.IGNORECASE)


def _wire_origin(s: Storyline) -> bool:
    """Whether a storyline's one origin is a wire service: a copy credits it as wire (its
    dateline, a news agency), or its name is a wire service's."""
    origin = s.origins[0]
    return (
        "wire" in vias_of(s)
        or credit_key(origin.name) in AGENCY_KEYS
        or bool(WIRE_NAME.search(origin.name))
    )


def assess_corpus(
    items: Iterable[tuple[Document, Analysis]],
    resolution=None,
    sources_file: Path | None = None,
    grades: SourceGrades | None = None,
) -> Assessment:
    """Group statements into storylines, count their independent origins, grade them, and judge."""
    items = list(items)
    grades = grades if grades is not None else load_sources(sources_file)
    docs = [d for d, _ in items]
    doc_origins = document_origins(docs, grades.names.values())
    citations = Citations(known_outlets(docs, grades, doc_origins))
    evidence: list[Evidence] = []
    for doc, analysis in items:
        evidence += document_evidence(doc, analysis, resolution)
    origin_of = {ev.id: evidence_origin(ev, doc_origins[ev.doc.id], citations) for ev in evidence}
    storylines = group_storylines(evidence, origin_of)
    copies = retellings(storylines, evidence, origin_of)
    if copies:  # uncredited rewrites and translations: their original's origin
        retold(storylines, evidence, copies, origin_of)
        doc_origins.update(copies)
    conflicts = figure_conflicts(evidence, origin_of)
    contested = {ev.id for c in conflicts for g in c.groups for ev, _ in g.members}
    for s in storylines:
        ids = {m.id for m in s.members}
        s.conflicts = [
            c for c in conflicts if any(ev.id in ids for g in c.groups for ev, _ in g.members)
        ]
        s.contested = any(m.id in contested for m in s.members)
        s.circular = circular_reporting(s)
    storylines = merge_copies(storylines)
    chains = {ev.id: chain_of(ev, origin_of[ev.id]) for ev in evidence}
    for s in storylines:
        s.first_sources = first_sources([chains[m.id] for m in s.members])
        grade_storyline(s, grades.grade)
        s.heading = heading_of(s)
        s.heading_text = clean_statement(s.title) or " ".join(s.title.split())
    out = Assessment(
        evidence=evidence,
        documents=docs,
        doc_origins=doc_origins,
        origin_of=origin_of,
        storylines=storylines,
        judgments=[],
        figure_conflicts=conflicts,
        statement_conflicts=statement_conflicts(evidence),
        stance_changes=stance_changes(evidence),
        grades=grades,
        unanalyzed=[d for d, a in items if not a.analyzed],
        chains=chains,
    )
    out.judgments = build_judgments(out)
    return out
