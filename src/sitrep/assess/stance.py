"""A speaker's stance over time: who first dismissed an event and later blamed an actor.

Each statement a speaker makes in their own words (a quote, or a claim with a verb of
saying) gets a coarse stance from cue words in two polarities about a situation,
playing it down (reassurance, minimising labels: "the dam is safe", "scaremongering",
"a border dispute") or alarm and blame (danger, catastrophe, failure or neglect,
culpability: "the government failed", "they ignored every warning", "a disaster"), and
one about a person (supportive); a negation turns a cue over ("no threat" reassures, "not
safe" alarms). A speaker whose stance differs between two days has changed it. What
others say about a speaker is not the speaker's stance: a statement that names its own
speaker, that is set inside another speaker's quote, that is a question put to them, or
that a reporter frames with a verb that is not one of saying ("he supported", "she
noted"), is left out. Dismissing a situation and later blaming someone for it is a change about the
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

# Two polarities about a situation, each in the few kinds of words that carry it, and one
# about a person. A word ending in * is a stem ("exaggerat*": exaggerated, exaggerating);
# a cue under a negation ("no threat", "is not safe") counts for the other side.
PLAYING_DOWN = {
    "reassurance": [
        "safe",
        "is sound",
        "are sound",
        "was sound",
        "structurally sound",
        "secure",
        "stable",
        "is holding",
        "was holding",
        "holding up",
        "under control",
        "in control",
        "calm",
        "normal",
        "routine",
        "as planned",
        "as designed",
        "as it does every",
        "scheduled",
        "nothing unusual",
        "nothing to worry*",
        "nothing more",
        "nothing will happen",
        "nothing is going to happen",
        "nothing is happening",
        "no cause for concern",
    ],
    "minimising labels": [
        "hysteri*",
        "scaremonger*",
        "fearmonger*",
        "alarmis*",
        "panic*",
        "rumou?r*",
        "fake news",
        "propaganda",
        "exaggerat*",
        "overblown",
        "overstated",
        "nonsense",
        "a misunderstanding",
        "a provocation",
        "border dispute",
        "internal matter",
        "training exercise",
        "an exercise",
        "a drill",
    ],
}
ALARM_OR_BLAME = {
    "danger": ["threat*", "danger*", "at risk", "alarm", "invasion", "aggression", "invaders"],
    "catastrophe": [
        "disaster*",
        "catastroph*",
        "tragedy",
        "tragic",
        "died",
        "killed",
        "deaths",
        "massacre*",
        "devastat*",
    ],
    "failure or neglect": [
        "fail*",
        "ignored",
        "ignoring",
        "neglect*",
        "negligen*",
        "incompeten*",
        "cut corners",
        "defective",
        "covered up",
        "cover-up",
        "hid it",
        "lied",
        "lying",
        "i was wrong",
        "believed the wrong",
        "apologi[sz]*",
    ],
    "culpability": [
        "blam*",
        "fault",
        "responsible for",
        "answer for",
        "held to account",
        "accountable",
        "guilty",
        "crime*",
        "criminal*",
        "illegal*",
        "betray*",
        "treason",
        "traitor*",
        "usurp*",
        "junta",
        "coup",
        "seiz*",
        "accus*",
    ],
}
CUES = {
    "dismissive": [w for words in PLAYING_DOWN.values() for w in words],
    "accusatory": [w for words in ALARM_OR_BLAME.values() for w in words],
    "supportive": [
        "prais*",
        "we support",
        "i support",
        "welcome*",
        "proud of",
        "salute",
        "thank*",
        "ready to come home",
        "patriot*",
        "saviou?r",
        "restored order",
        "stand with",
        "stand by",
    ],
}


def _cue(word: str) -> str:
    """A cue as a regular expression: whole words, a stem with *, an optional letter with ?."""
    stem = word.endswith("*")
    body = re.escape(word.rstrip("*")).replace(r"u\?", "u?").replace(r"\[sz\]", "[sz]")
    return body + (r"\w*" if stem else r"\b")


_PATTERNS = {
    k: re.compile(
        r"\b(?:" + "|".join(_cue(c) for c in sorted(v, key=len, reverse=True)) + ")", re.IGNORECASE
    )
    for k, v in CUES.items()
}
_MINIMISING = re.compile(
    r"\b(?:" + "|".join(_cue(c) for c in PLAYING_DOWN["minimising labels"]) + ")", re.IGNORECASE
)
_DANGER = re.compile("|".join(_cue(c) for c in ALARM_OR_BLAME["danger"]), re.IGNORECASE)
# a negation just before a cue turns it over: "no threat", "is not safe",
# "nothing to suggest a coup"
NEGATED = re.compile(
    r"\b(?:no|not|never|nothing|nobody|none|without|cannot)\b(?:\W+\w+){0,2}\W*$|n't\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
OPPOSITE = {"dismissive": "accusatory", "accusatory": "dismissive"}
LABELS = {
    "dismissive": "dismissive or reassuring",
    "accusatory": "alarmed or blaming",
    "supportive": "supportive",
}
SITUATION = frozenset(
    {"dismissive", "accusatory"}
)  # playing a situation down, then blaming someone for it
# verbs that report what someone said (a reporter's "he supported" or "she
# noted" reports no stance of theirs)
SAYING = re.compile(
    r"^(?::|—|-|according|s[ae]ys?|said|tell|told|add|stat|declar|announc|insist|claim|call|describ|dismiss|blam|"
    r"accus|wr[io]te|tweet|post|argu|warn|ask|repl|den[iy]|admit|acknowledg|conced|vow|promis|urg|prais|"
    r"condemn|attack|express|stress|explain|remark|comment|respond|reiterat|assur|suggest|predict|"
    r"заяв|сказал|сообщ|отмет|подчеркн|призвал|обвин)",
    re.IGNORECASE,
)


# what others said, inside a statement: "responded to accusations that he exaggerated ..."
OTHERS = re.compile(
    r"\b(?:accusations?|allegations?|claims?|reports?|suggestions?|charges?|criticism|"
    r"complaints?)\s+(?:that|of)\b.*",
    re.IGNORECASE | re.DOTALL,
)


OTHERS_BEFORE = re.compile(
    r"\b(?:accusations?|allegations?|claims?|reports?|suggestions?|charges?|criticism|"
    r"complaints?|rumou?rs?)\s+(?:that\s+|of\s+)?$",
    re.IGNORECASE,
)


def stance_of(text: str) -> str | None:
    """The dominant stance in a statement, or None when no cue (or a tie).

    What the statement says others said ("accusations that he exaggerated") is theirs,
    not the speaker's, and is left out.
    """
    text = OTHERS.sub(" ", text)
    counts = dict.fromkeys(_PATTERNS, 0)
    # a danger named to be played down is the object of the dismissal: "the threat was exaggerated"
    minimised = bool(_MINIMISING.search(text))
    for kind, pattern in _PATTERNS.items():
        for m in pattern.finditer(text):
            if kind == "accusatory" and minimised and _DANGER.fullmatch(m.group()):
                continue
            clause = re.split(r"[.;:!?\n]|\bbut\b", text[: m.start()])[-1]
            negated = kind in OPPOSITE and NEGATED.search(clause)
            counts[OPPOSITE[kind] if negated else kind] += 1
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
    targets: frozenset[str] = field(
        default_factory=frozenset
    )  # who or what else the sentence names
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
        return (
            f"{self.speaker}: {self.before.stance} on {self.before.date or 'an earlier day'}, "
            f"{self.after.stance} on {self.after.date or 'a later day'}"
        )


def _own_words(speaker: ActorRef, text: str) -> bool:
    """A statement about its own speaker ("Oz's recommendations ...") is
    someone else's words about them."""
    surname = (speaker.name or "").split()[-1:]
    return (
        not surname or len(surname[0]) < 3 or not re.search(rf"\b{re.escape(surname[0])}\b", text)
    )


# an indirect question is what the speaker was asked: "asked whether her
# ministry had ignored warnings"
QUESTION = re.compile(r"^\W*(?:whether|if|why|how|what|when)\b", re.IGNORECASE)


def _quoted_by_others(items: list[Evidence]) -> dict[str, list[tuple[int, int, str]]]:
    """Each document's quoted stretches (start, end, speaker): words inside
    another's quote are theirs."""
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for ev in items:
        for q in ev.quotes:
            if q.speaker and q.speaker.name and q.kind != "scare":
                out[ev.doc.id] += [
                    (c.start, c.end, q.speaker.id or q.speaker.name) for c in q.contents
                ]
    return out


def _inside_others(quoted: list[tuple[int, int, str]], key: str, start: int, end: int) -> bool:
    """A statement set inside someone else's quote ("On Monday the minister
    told them to stay," Brenn said)."""
    return any(
        s <= start and end <= e and who != key and (s, e) != (start, end) for s, e, who in quoted
    )


def statements(items: list[Evidence]) -> dict[str, list[Statement]]:
    """Each speaker's statements in their own words, oldest first.

    Left out: words set inside another speaker's quote (what a critic says the speaker
    said) and the questions a speaker was asked.
    """
    out: dict[str, list[Statement]] = defaultdict(list)
    quoted = _quoted_by_others(items)
    for ev in items:
        said: list[tuple[ActorRef, str, bool, int, int]] = []
        for q in ev.quotes:
            if not (q.speaker and q.speaker.name) or q.kind == "scare":
                continue
            if q.kind != "direct" and q.cue is not None and not SAYING.match(q.cue.text.strip()):
                continue
            text = " … ".join(strip_marks(c.text) for c in q.contents) or q.text
            said.append(
                (
                    q.speaker,
                    text,
                    q.kind == "direct",
                    min((c.start for c in q.contents), default=q.start),
                    max((c.end for c in q.contents), default=q.end),
                )
            )
        for c in ev.claims:
            if (
                c.source
                and c.source.name
                and c.source.kind == "named"
                and (c.cue is not None and SAYING.match(c.cue.text.strip()))
            ):
                said.append((c.source, c.text, False, c.start, c.end))
        for speaker, text, direct, start, end in said:
            key = speaker.id or speaker.name
            if (
                not _own_words(speaker, text)
                or OTHERS_BEFORE.search(ev.doc.text[max(0, start - 40) : start])
                or QUESTION.match(text)
                or _inside_others(quoted[ev.doc.id], key, start, end)
            ):
                continue
            out[key].append(
                Statement(
                    speaker.name,
                    key if ":" in key else None,
                    ev,
                    text,
                    stance_of(text),
                    direct,
                    ev.entities - {key},
                )
            )
    for key in (
        out
    ):  # first by day; on a day, the speaker's own quoted words before a paraphrase or a relay
        out[key].sort(
            key=lambda s: (s.date or "", not s.direct, s.evidence.doc.id, s.evidence.start)
        )
    return out


NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
AFTER = re.compile(
    r"\b(?:(?P<next>the (?:next|following) day|the day after)|(?P<n>a|one|two|three|four|five|six|"
    r"seven|\d{1,2}) days? later)\b",
    re.IGNORECASE,
)


def _days_later(text: str) -> int | None:
    """How many days after the statement before it a sentence says it was
    ("the next day": 1), if it does."""
    m = AFTER.search(text)
    if m is None:
        return None
    if m.group("next"):
        return 1
    n = m.group("n").lower()
    return int(n) if n.isdigit() else NUMBER_WORDS[n]


def _order(
    a: Statement, b: Statement
) -> tuple[Statement, Statement, str | None, str | None] | None:
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
            for b in firm[i + 1 :]:
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
