"""A speaker's stance over time: who first dismissed an event and later blamed an actor.

Each statement a speaker makes in their own words (a quote, or a claim with a verb of
saying) gets a coarse stance from cue words (dismissive, accusatory, supportive); a
speaker whose stance differs between two days has changed it. What others say about a
speaker is not the speaker's stance: a statement that names its own speaker, or that a
reporter frames with a verb that is not one of saying ("he supported", "she noted"), is
left out. Dismissing a situation and later blaming someone for it is a change about the
situation itself; praising and blaming (or dismissing and praising) are a change only
when both statements name the same target. Two statements in one document are ordered by
the days their sentences name ("on Monday ... the next day"), so a change inside one
report is found too, also when the later one is dated from the earlier ("the next day").
Cue words are a first pass an analyst checks against the evidence
linked beside each change.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep.assess.evidence import Evidence, strip_marks
from sitrep.records import ActorRef

CUES = {
    "dismissive": [
        "training exercise", "an exercise", "a drill", "routine", "no reason for alarm", "nothing more",
        "rumour", "rumor", "calm", "under control", "nothing to worry", "no coup", "exaggerat", "fake news",
        "scheduled", "as it does every", "border dispute", "a misunderstanding", "overblown", "hysteria",
        "nothing unusual", "no invasion", "not an invasion", "internal matter", "a provocation",
    ],
    "accusatory": [
        "betray", "treason", "traitor", "blame", "answer for", "coup", "seiz", "illegal", "crime",
        "criminal", "usurp", "junta", "responsible for", "accus", "lied", "guilty", "i was wrong",
        "apologis", "apologiz", "believed the wrong", "aggression", "invaders",
    ],
    "supportive": [
        "praise", "we support", "i support", "welcome", "proud of", "salute", "thank", "ready to come home",
        "patriot", "saviour", "savior", "restored order", "stand with", "stand by",
    ],
}
_PATTERNS = {k: re.compile("|".join(re.escape(c) for c in v), re.IGNORECASE) for k, v in CUES.items()}
LABELS = {"dismissive": "dismissive", "accusatory": "accusing or blaming", "supportive": "supportive"}
SITUATION = frozenset({"dismissive", "accusatory"})  # playing a situation down, then blaming someone for it
# verbs that report what someone said (a reporter's "he supported" or "she noted" reports no stance of theirs)
SAYING = re.compile(
    r"^(?::|—|-|according|s[ae]ys?|said|tell|told|add|stat|declar|announc|insist|claim|call|describ|dismiss|blam|"
    r"accus|wr[io]te|tweet|post|argu|warn|ask|repl|den[iy]|admit|acknowledg|conced|vow|promis|urg|prais|"
    r"condemn|attack|express|stress|explain|remark|comment|respond|reiterat|assur|suggest|predict|"
    r"заяв|сказал|сообщ|отмет|подчеркн|призвал|обвин)", re.IGNORECASE)


# what others said, inside a statement: "responded to accusations that he exaggerated ..."
OTHERS = re.compile(r"\b(?:accusations?|allegations?|claims?|reports?|suggestions?|charges?|criticism|"
                    r"complaints?)\s+(?:that|of)\b.*", re.IGNORECASE | re.DOTALL)


OTHERS_BEFORE = re.compile(r"\b(?:accusations?|allegations?|claims?|reports?|suggestions?|charges?|criticism|"
                           r"complaints?|rumou?rs?)\s+(?:that\s+|of\s+)?$", re.IGNORECASE)


def stance_of(text: str) -> str | None:
    """The dominant stance in a statement, or None when no cue (or a tie).

    What the statement says others said ("accusations that he exaggerated") is theirs,
    not the speaker's, and is left out.
    """
    text = OTHERS.sub(" ", text)
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
    targets: frozenset[str] = field(default_factory=frozenset)  # who or what else the sentence names
    day: str | None = None  # the day the change was ordered by, once it is part of one

    @property
    def date(self) -> str | None:
        return self.day or self.evidence.date

    @property
    def said_on(self) -> str | None:
        """The day it was said: the day its sentence names, when that is not after publication."""
        ev = self.evidence
        if ev.event_date and (ev.date is None or ev.event_date <= ev.date):
            return ev.event_date
        return ev.date


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


def _own_words(speaker: ActorRef, text: str) -> bool:
    """A statement about its own speaker ("Oz's recommendations ...") is someone else's words about them."""
    surname = (speaker.name or "").split()[-1:]
    return not surname or len(surname[0]) < 3 or not re.search(rf"\b{re.escape(surname[0])}\b", text)


def statements(items: list[Evidence]) -> dict[str, list[Statement]]:
    """Each speaker's statements in their own words, oldest first."""
    out: dict[str, list[Statement]] = defaultdict(list)
    for ev in items:
        said: list[tuple[ActorRef, str, bool, int]] = []
        for q in ev.quotes:
            if not (q.speaker and q.speaker.name) or q.kind == "scare":
                continue
            if q.kind != "direct" and q.cue is not None and not SAYING.match(q.cue.text.strip()):
                continue
            text = " … ".join(strip_marks(c.text) for c in q.contents) or q.text
            said.append((q.speaker, text, q.kind == "direct", min((c.start for c in q.contents), default=q.start)))
        for c in ev.claims:
            if c.source and c.source.name and c.source.kind == "named" and (
                    c.cue is not None and SAYING.match(c.cue.text.strip())):
                said.append((c.source, c.text, False, c.start))
        for speaker, text, direct, start in said:
            if not _own_words(speaker, text) or OTHERS_BEFORE.search(ev.doc.text[max(0, start - 40):start]):
                continue
            key = speaker.id or speaker.name
            out[key].append(Statement(speaker.name, key if ":" in key else None, ev, text, stance_of(text),
                                      direct, ev.entities - {key}))
    for key in out:  # first by day; on a day, the speaker's own quoted words before a paraphrase or a relay
        out[key].sort(key=lambda s: (s.date or "", not s.direct, s.evidence.doc.id, s.evidence.start))
    return out


NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
AFTER = re.compile(r"\b(?:(?P<next>the (?:next|following) day|the day after)|(?P<n>a|one|two|three|four|five|six|"
                   r"seven|\d{1,2}) days? later)\b", re.IGNORECASE)


def _days_later(text: str) -> int | None:
    """How many days after the statement before it a sentence says it was ("the next day": 1), if it does."""
    m = AFTER.search(text)
    if m is None:
        return None
    if m.group("next"):
        return 1
    n = m.group("n").lower()
    return int(n) if n.isdigit() else NUMBER_WORDS[n]


def _order(a: Statement, b: Statement) -> tuple[Statement, Statement, str | None, str | None] | None:
    """The two statements in the order they were said, with the days to show inside one report.

    Across reports, the days they were published; inside one report, the days its
    sentences name ("on February 24"), or a day counted from the statement before it
    ("the next day", "two days later" after a dated one), and no order without them.
    """
    if a.evidence.doc.id == b.evidence.doc.id:
        first, second = sorted((a, b), key=lambda s: s.evidence.start)
        if first.evidence.event_date and second.evidence.event_date:
            da, db = first.said_on, second.said_on
        elif first.evidence.event_date and (n := _days_later(second.evidence.text)) is not None:
            da = first.said_on
            db = (date.fromisoformat(da) + timedelta(days=n)).isoformat() if da else None
        else:
            return None
        if not da or not db or da == db:
            return None
        return (first, second, da, db) if da < db else (second, first, db, da)
    da, db = a.evidence.date, b.evidence.date
    if not da or not db or da == db:
        return None
    return (a, b, None, None) if da < db else (b, a, None, None)


def _changed(before: Statement, after: Statement) -> bool:
    if before.stance == after.stance:
        return False
    if {before.stance, after.stance} == SITUATION:
        return True
    return bool(before.targets & after.targets)  # praise then blame: of the same actor


def stance_changes(items: list[Evidence]) -> list[StanceChange]:
    """For each speaker, the first stance and the first different stance said on a later day."""
    out = []
    for _key, said in statements(items).items():
        firm = [s for s in said if s.stance]
        found = None
        for i, a in enumerate(firm):
            for b in firm[i + 1:]:
                pair = _order(a, b)
                if pair is not None and _changed(pair[0], pair[1]):
                    found = pair
                    break
            if found:
                break
        if found is not None:
            before, after, before.day, after.day = found
            out.append(StanceChange(before.speaker, before.speaker_id, before, after))
    out.sort(key=lambda c: (c.after.date or "", c.speaker))
    return out
