"""A speaker's stance over time: who first dismissed an event and later blamed an actor.

Each attributed statement gets a coarse stance from cue words (dismissive,
accusatory, supportive); a speaker whose stance differs between two days has
changed it. Cue words are a first pass an analyst checks against the evidence
linked beside each change.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sitrep.assess.contradictions import _statements
from sitrep.assess.evidence import Evidence

CUES = {
    "dismissive": [
        "exercise", "drill", "training", "routine", "no reason for alarm", "nothing more", "rumour",
        "rumor", "calm", "under control", "nothing to worry", "no coup", "exaggerat", "fake news",
        "scheduled", "as it does every",
    ],
    "accusatory": [
        "betray", "treason", "traitor", "blame", "answer for", "coup", "seiz", "illegal", "crime",
        "criminal", "usurp", "junta", "responsible for", "accus", "lied", "guilty", "i was wrong",
        "apologis", "apologiz", "believed the wrong",
    ],
    "supportive": [
        "praise", "support", "welcome", "proud", "salute", "thank", "ready to come home", "patriot",
        "saviour", "savior", "restored order",
    ],
}
_PATTERNS = {k: re.compile("|".join(re.escape(c) for c in v), re.IGNORECASE) for k, v in CUES.items()}
LABELS = {"dismissive": "dismissive", "accusatory": "accusing or blaming", "supportive": "supportive"}


def stance_of(text: str) -> str | None:
    """The dominant stance in a statement, or None when no cue (or a tie)."""
    counts = {k: len(p.findall(text)) for k, p in _PATTERNS.items()}
    best = max(counts.values())
    if best == 0:
        return None
    top = [k for k, v in counts.items() if v == best]
    return top[0] if len(top) == 1 else None


@dataclass
class Statement:
    speaker: str
    speaker_id: str | None
    evidence: Evidence
    text: str
    stance: str | None
    direct: bool = False  # the speaker's own words in quotation marks

    @property
    def date(self) -> str | None:
        return self.evidence.date


@dataclass
class StanceChange:
    """A speaker's earlier and later statements with different stances."""

    speaker: str
    speaker_id: str | None
    before: Statement
    after: Statement

    @property
    def summary(self) -> str:
        return (f"{self.speaker}: {self.before.stance} on {self.before.date or 'an earlier day'}, "
                f"{self.after.stance} on {self.after.date or 'a later day'}")


def statements(items: list[Evidence]) -> dict[str, list[Statement]]:
    out: dict[str, list[Statement]] = defaultdict(list)
    for key, said in _statements(items).items():
        for name, ev, text in said:
            direct = any(q.kind == "direct" and q.speaker and (q.speaker.id or q.speaker.name) == key
                         for q in ev.quotes)
            out[key].append(Statement(name, key if ":" in key else None, ev, text, stance_of(text), direct))
        # first by day; on a day, the speaker's own quoted words before a paraphrase or a relay
        out[key].sort(key=lambda s: (s.date or "", not s.direct, s.evidence.doc.id, s.evidence.start))
    return out


def stance_changes(items: list[Evidence]) -> list[StanceChange]:
    """For each speaker, the first stance and the first different stance on a later day."""
    out = []
    for _key, said in statements(items).items():
        firm = [s for s in said if s.stance and s.date]
        if not firm:
            continue
        first = firm[0]
        later = next((s for s in firm if s.date > first.date and s.stance != first.stance), None)
        if later is not None:
            out.append(StanceChange(first.speaker, first.speaker_id, first, later))
    out.sort(key=lambda c: (c.after.date or "", c.speaker))
    return out
