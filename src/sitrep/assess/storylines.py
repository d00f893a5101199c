"""Storylines: statements in different documents that say the same thing.

Two evidence units from different documents are linked when their text is a
near-duplicate (MinHash over word 3-shingles), when they give the same figure
for the same quantity, when the same speaker says something similar, when they
share actors, days and most of their claim's own words (the people they name are a
condition, not evidence; a day counts only when known), or when they report the same
action on the same object, place and day in other words (an event frame: "the
bridge was destroyed" and "the bridge's span lies in the river"). Linked units form a
storyline when they agree with it as a whole (average linkage, see ``agreeing_groups``),
never through a chain of single links; the storyline then lists its independent origins.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS

from sitrep.assess.evidence import Evidence
from sitrep.assess.origins import DATELINE, DATELINE_WINDOW, Origin
from sitrep.assess.quantities import agree, context_after, is_vague, quantity_key
from sitrep.lexicon.names import ROLE_WORDS

WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 64
SHINGLE = 3
NEAR_DUPLICATE = 0.5  # Jaccard of word 3-shingles
CONTENT_SAME_DAY = 0.3  # Jaccard of content words, with a shared actor, within a day
CONTENT_ONE_ACTOR = 0.35  # ... or with one shared actor
CONTENT_ANY_DAY = 0.5  # Jaccard of content words within three days, no shared actor needed
SPEAKER_SIMILAR = 60  # rapidfuzz token_sort_ratio of content words, for the same speaker
SPEAKER_SHARED = 0.2  # ... and a share of the claim's own words in common
MIN_WORDS = 4  # content words a statement needs before its wording can link it to another
FIGURE_DAYS = 2


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _body(text: str) -> str:
    """The statement without a wire dateline, whose place and date words
    every story that day shares."""
    m = DATELINE.match(text)
    return text[m.end() :] if m else text


def content_words(text: str) -> frozenset[str]:
    out = set()
    for w in _words(text):
        if w in STOP_WORDS or len(w) < 3 or w.isdigit():
            continue
        out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return frozenset(out)


def shingles(text: str) -> set[str]:
    words = _words(text)
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def jaccard(a: frozenset | set, b: frozenset | set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def days_apart(a: Evidence, b: Evidence) -> int | None:
    da, db = _day(a.date), _day(b.date)
    return None if da is None or db is None else abs((da - db).days)


@dataclass
class Storyline:
    """Statements that say the same thing, with the origins they rest on."""

    id: str
    members: list[Evidence]
    origin_of: dict[str, Origin]  # evidence id -> origin
    lead: Evidence
    origins: list[Origin] = field(
        default_factory=list
    )  # one per independent origin, earliest first
    grade: str = "F"  # best reliability among the origins
    credibility: int = 6
    band: int | None = None
    confidence: str = "low"
    contested: bool = False
    circular: str | None = None  # None | "circular" | "syndicated"
    conflicts: list = field(default_factory=list)  # contradictions.FigureConflict touching it
    first_sources: list[str] = field(
        default_factory=list
    )  # who the statements rest on (chains.first_sources)
    heading: Evidence | None = None  # the statement it is headed by (keyjudgments.heading_of)
    # that statement as every brief shows it (no dateline, headline line or bullet), set once
    # by the assessment and stored: the file brief and the web brief read this, never redo it
    heading_text: str | None = None

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(m.doc.id for m in self.members))

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(m.outlet for m in self.members))

    @property
    def confirmed(self) -> bool:
        """Two independent origins that do not both relay one first source."""
        if self.first_sources:
            return len(self.origins) >= 2 and len(self.first_sources) >= 2
        return len(self.origins) >= 2

    @property
    def first_date(self) -> str | None:
        dates = [m.date for m in self.members if m.date]
        return min(dates) if dates else None

    @property
    def last_date(self) -> str | None:
        dates = [m.date for m in self.members if m.date]
        return max(dates) if dates else None

    @property
    def title(self) -> str:
        """What the storyline is headed by: its most substantive statement, else its lead."""
        return (self.heading or self.lead).text


def link_pairs(items: list[Evidence]) -> list[tuple[int, int, str]]:
    """Every pair of units (from different documents) that says the same thing, and why."""
    pairs: list[tuple[int, int, str]] = []
    texts = [_body(ev.text) for ev in items]
    sh = [shingles(t) for t in texts]
    cw = [content_words(t) for t in texts]
    names = [
        frozenset(e.split(":", 1)[-1] for e in ev.entities) for ev in items
    ]  # "person:x" and "org:x" agree
    # 1. near-duplicate text: MinHash LSH candidates, checked on the exact shingle sets
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
    for i, s in enumerate(sh):
        m = MinHash(num_perm=NUM_PERM, seed=11)
        m.update_batch([x.encode() for x in s])
        for j in lsh.query(m):
            if items[j].doc.id != items[i].doc.id and jaccard(sh[i], sh[j]) >= NEAR_DUPLICATE:
                pairs.append((j, i, "text"))
        lsh.insert(i, m)
    # 2. the same figure for the same quantity, a day or two apart
    figs: dict[str, list[tuple[int, object]]] = defaultdict(list)
    for i, ev in enumerate(items):
        for f in ev.figures:
            if is_vague(f):
                continue
            key = quantity_key(f, context_after(f, ev.doc.text))
            if key:
                figs[key].append((i, f))
    for entries in figs.values():
        for x, (i, fi) in enumerate(entries):
            for j, fj in entries[x + 1 :]:
                if items[i].doc.id == items[j].doc.id or not agree(fi, fj):
                    continue
                gap = days_apart(items[i], items[j])
                if gap is None or gap <= FIGURE_DAYS:
                    pairs.append((i, j, "figure"))
    actor_words = [_name_words(_actors(ev.entities)) for ev in items]
    claim = [cw[i] - actor_words[i] for i in range(len(items))]
    # 3. the same speaker saying something similar, in words beyond the names they mention
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, ev in enumerate(items):
        for sp in {s.id or s.name for s in ev.speakers}:
            by_speaker[sp].append(i)
    for idxs in by_speaker.values():
        idxs = [i for i in idxs if len(cw[i]) >= MIN_WORDS]
        words = [" ".join(sorted(cw[i])) for i in idxs]
        for a, b in similar_pairs(words, SPEAKER_SIMILAR):
            i, j = idxs[a], idxs[b]
            if items[i].doc.id != items[j].doc.id and jaccard(claim[i], claim[j]) >= SPEAKER_SHARED:
                pairs.append((i, j, "speaker"))
    pairs += _same_line_pairs(items, texts, actor_words)
    # 4. shared actors, days and content words. The claim's own words decide (the names
    # it mentions are a condition, not evidence: two reports naming the same politicians
    # say nothing alike by that), and only a known day counts as the same day.
    day_no = [d.toordinal() if (d := _day(ev.date)) else None for ev in items]
    candidates = set(content_candidates(cw, CONTENT_ANY_DAY))
    candidates.update(content_candidates(claim, CONTENT_SAME_DAY))
    for i, j in sorted(candidates):
        di, dj = day_no[i], day_no[j]
        gap = None if di is None or dj is None else abs(di - dj)
        if (gap is not None and gap > 3) or items[i].doc.id == items[j].doc.id:
            continue
        if min(len(cw[i]), len(cw[j])) < MIN_WORDS:
            continue
        shared = len(names[i] & names[j])
        said = jaccard(claim[i], claim[j])
        near_day = gap is not None and gap <= 1  # unknown is not the same day ...
        if (
            near_day and shared and said >= (CONTENT_SAME_DAY if shared >= 2 else CONTENT_ONE_ACTOR)
        ) or (  # ... nor a veto: what is said alike links on any day
            jaccard(cw[i], cw[j]) >= CONTENT_ANY_DAY
            and _beyond_names(cw[i], cw[j], names[i] | names[j])
        ):
            pairs.append((min(i, j), max(i, j), "content"))
    # 5. one event in other words: the same action on the same object, place and day
    pairs += _frame_pairs(items, texts, names)
    return pairs


SAME_LINE = 4  # words in a row that one speaker's two reports share ("there is no coup")
SAME_LINE_DAYS = 1
# the reporter's words around a line, not the line: "Varga said it is what it is"
_SPEECH_WORDS = frozenset(
    "said says say saying told tells tell added adds asked asks stated states declared "
    "declares insisted insists repeated repeats reporters interview statement".split()
)


def _lines(text: str, names: frozenset[str]) -> set[str]:
    """The runs of ``SAME_LINE`` words of a statement that hold a word of its own, beyond
    stop words, names and titles: what a speaker's line is recognised by in another report."""
    words = _words(text)
    own = {w for w in words if w not in STOP_WORDS and len(w) > 2 and not w.isdigit()}
    own -= names | _SPEECH_WORDS
    return {
        " ".join(words[k : k + SAME_LINE])
        for k in range(len(words) - SAME_LINE + 1)
        if own.intersection(words[k : k + SAME_LINE])
    }


def _same_line_pairs(
    items: list[Evidence], texts: list[str], actor_words: list[frozenset[str]]
) -> list[tuple[int, int, str]]:
    """One speaker's statement in two reports of the same day or the next that share a line
    word for word: a paper's "There is no coup and there will be no coup" and a transcript's
    "I am telling you there is no coup, there is no threat" are one statement, whatever else
    each report put around it. The speaker is each statement's first: one who is only quoted
    beside another ("the people of Pravik", said by two people in two sentences) links none."""
    by_line: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, ev in enumerate(items):
        if not ev.speakers:
            continue
        who = ev.speakers[0].id or ev.speakers[0].name
        for line in _lines(texts[i], actor_words[i]):
            by_line[(who, line)].append(i)
    out: set[tuple[int, int]] = set()
    for holders in by_line.values():
        if len(holders) > 50:  # a formula every report repeats, not one statement
            continue
        for x, i in enumerate(holders):
            for j in holders[x + 1 :]:
                if items[i].doc.id == items[j].doc.id:
                    continue
                gap = days_apart(items[i], items[j])
                if gap is not None and gap <= SAME_LINE_DAYS:
                    out.add((min(i, j), max(i, j)))
    return [(i, j, "speaker") for i, j in sorted(out)]


def similar_pairs(texts: list[str], cutoff: float, rows: int = 512) -> Iterator[tuple[int, int]]:
    """Pairs (a < b) whose token_sort_ratio reaches ``cutoff``, scored in rapidfuzz's C++ loop
    a block of rows at a time (one speaker can say thousands of things in a month)."""
    for r0 in range(0, len(texts), rows):
        block = texts[r0 : r0 + rows]
        scores = process.cdist(
            block, texts[r0:], scorer=fuzz.token_sort_ratio, score_cutoff=cutoff, dtype=np.float64
        )
        for a, c in zip(*np.nonzero(scores), strict=True):
            if c > a:  # columns start at r0: column c is text r0 + c, row a is text r0 + a
                yield (r0 + int(a), r0 + int(c))


def content_candidates(sets: list[frozenset[str]], threshold: float) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) of word sets that may have a Jaccard of at least ``threshold``.

    Prefix filtering, exact: with the words of every set ordered rarest first, two sets
    with Jaccard >= t share a word among the first ``|x| - ceil(t|x|) + 1`` of each, so
    only sets meeting in those prefixes are compared (not every pair in a month of news).
    Sets under ``MIN_WORDS`` are left out, as the linking leaves them out.
    """
    freq: Counter[str] = Counter(w for s in sets if len(s) >= MIN_WORDS for w in s)
    index: dict[str, list[int]] = defaultdict(list)
    order = sorted(
        (i for i, s in enumerate(sets) if len(s) >= MIN_WORDS), key=lambda i: len(sets[i])
    )
    for i in order:  # shortest first: a set meets the shorter ones already indexed
        words = sorted(sets[i], key=lambda w: (freq[w], w))
        n = len(words)
        prefix = n - math.ceil(threshold * n - 1e-9) + 1
        seen: set[int] = set()
        for w in words[:prefix]:
            for j in index[w]:
                if j not in seen and len(sets[j]) >= threshold * n - 1e-9:
                    seen.add(j)
                    yield (min(i, j), max(i, j))
            index[w].append(i)


# event frames: what happened (a class of actions) to what (an object), for
# reports worded differently
EVENTS = {
    "destroyed": r"destroy|demolish|collaps|blown up|blew up|blow up|in the river|razed|flattened"
    r"|wrecked|levelled|leveled|brought down|lies? in ruins",
    "attacked": r"attack|shell|struck|strike|bomb|fired on|came under fire|hit by",
    "captured": r"seiz|captur|took control|taken control|in control of|fell to|overran|overrun"
    r"|occupied|occupying|stormed|took over|taken over|(?:had|have|has) taken it|took it\b",
    "closed": r"closed|shut|suspended|blocked|cordoned|off the air|fell silent",
    # armour standing at a place is the event, whatever verb puts it there: "six tanks stood
    # across the bridge", "armoured vehicles blocked the bridge", "tanks on the runway"
    "armour": r"tanks?\b|armou?red (?:vehicles?|cars?|carriers?|personnel carriers?|columns?)"
    r"|APCs?\b",
}
_EVENT = {k: re.compile(rf"\b(?:{v})", re.IGNORECASE) for k, v in EVENTS.items()}
OBJECTS = (
    "bridge",
    "airport",
    "depot",
    "dam",
    "station",
    "plant",
    "base",
    "hospital",
    "school",
    "tower",
    "port",
    "railway",
    "pipeline",
    "checkpoint",
    "barracks",
    "border crossing",
    "refinery",
    "embassy",
    "headquarters",
    "parliament",
    "palace",
    "ministry",
    "broadcaster",
    "television",
    "airfield",
    "airbase",
    "runway",
    "garrison",
    "city hall",
    "town hall",
    "prison",
)
_OBJECT = re.compile(r"\b(" + "|".join(OBJECTS) + r")(?:s|'s)?\b", re.IGNORECASE)
_PLACE_WORD = re.compile(r"\b(?:[A-Z][a-z]{2,}|[A-Z]{2,6})\b")  # "Orvel", "SNRT"
# a transcript turn's label ("LUCIE HARMAT, REPORTER (live):") names the speaker, not the event
_TURN_LABEL = re.compile(r"^\s*[A-Z][A-Z .,'-]*(?:\([^)]*\))?\s*:\s*")


# one object under two names
_SAME_OBJECT = {"airbase": "base", "airfield": "airport", "town hall": "city hall"}


# states a thing is reported in, each with the things it is said of (water is everywhere in a
# flood, so it is an object of this state alone): "residents must not drink tap water" and
# "drinking water in Pravik was contaminated" are one report
STATES = {
    "contaminated": (
        r"contaminat|polluted|poisoned|undrinkable|unfit to drink|(?:not |un)safe to drink"
        r"|(?:must|should|could|can|do|does|did) ?n[o']t drink|not to drink|nobody should drink"
        r"|no one should drink|boil(?:-water)? (?:notice|order|advisory)",
        r"(?:tap|drinking) water|water (?:supply|supplies|network|system)|wells?|water",
        "water",
    ),
}
_STATE = {
    k: (re.compile(rf"\b(?:{p})", re.IGNORECASE), re.compile(rf"\b(?:{o})\b", re.IGNORECASE), n)
    for k, (p, o, n) in STATES.items()
}


# a thing said to be safe, the reassurance an official gives in a crisis ("the Sarn dam is
# safe", "the bridge remains intact", "there is no threat to the dam"): the object is what
# is safe (its subject, or what there is no threat to), so "mutineers are holding the air
# base" and "a safe place near the hospital" are no such report, nor is "is not safe"
_OBJECTS_ALT = "|".join(OBJECTS)
_SAFE_WORDS = (
    r"safe|sound|intact|secure|stable|undamaged|under control"
    r"|holding(?=\s*[.,;:!?\"”’]|\s+(?:up|firm)\b)"
)
_SAFE = re.compile(
    rf"\b({_OBJECTS_ALT})(?:s|'s)?(?:\s+[\w-]+){{0,2}}?\s+"
    r"(?:is|was|are|were|remains?|remained|stays?|stayed|will be|would be|has been|had been)"
    r"(?:\s+(?:still|completely|perfectly|structurally|entirely|fully|quite))?"
    rf"\s+(?:{_SAFE_WORDS})\b"
    rf"|\bno (?:threat|danger|risk) (?:to|for) (?:the\s+)?(?:[\w-]+\s+){{0,3}}?({_OBJECTS_ALT})\b",
    re.IGNORECASE,
)


def safe_objects(text: str) -> set[str]:
    """The objects a statement says are safe."""
    return {
        _SAME_OBJECT.get(o, o)
        for m in _SAFE.finditer(text)
        if (o := (m.group(1) or m.group(2)).lower())
    }


def event_frames(text: str) -> frozenset[tuple[str, str]]:
    """(action class, object) pairs a statement reports: ("destroyed", "bridge"), and the
    states it reports things in: ("contaminated", "water"), ("safe", "dam")."""
    states = {(k, n) for k, (p, o, n) in _STATE.items() if p.search(text) and o.search(text)}
    states |= {("safe", o) for o in safe_objects(text)}
    objects = {_SAME_OBJECT.get(o, o) for m in _OBJECT.finditer(text) if (o := m.group(1).lower())}
    if not objects:
        return frozenset(states)
    actions = {(k, o) for k, p in _EVENT.items() if p.search(text) for o in objects}
    return frozenset(actions | states)


def _acts(text: str) -> bool:
    return any(p.search(text) for p in _EVENT.values()) or any(
        p.search(text) for p, _o, _n in _STATE.values()
    )


CONTEXT_CHARS = 300


def _said_before(ev: Evidence) -> str:
    """The sentence before a statement in its paragraph, where an action with no object of
    its own ("The entrance is blocked by two armoured carriers", "They had taken it in the
    night") finds what it acts on ("the SNRT television centre")."""
    text = ev.doc.text
    lo = max(0, ev.start - CONTEXT_CHARS)
    before = text[lo : ev.start]
    cut = before.rfind("\n\n")
    before = before[cut + 2 :] if cut >= 0 else before
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’']?\s", before.rstrip())]
    return before[ends[-1] :] if ends else before


def _scene(text: str, obj: str) -> frozenset[str]:
    """The names a report gives an object somewhere in it ("the Iron Bridge", "Orvel air
    base", "the SNRT television centre"): a sentence of the report that says only "the
    bridge" or "the runway" is about the object the report names, and the place its
    dateline gives ("ORVEL, Seravia (NNS)" is Orvel)."""
    nouns = [o for o, same in (*_SAME_OBJECT.items(), (obj, obj)) if same == obj]
    pattern = re.compile(
        r"((?:\b(?:[A-Z][a-z]{2,}|[A-Z]{2,6})(?:['’]s)?\s+){1,3})(?:[a-z]+\s+)?(?i:"
        + "|".join(re.escape(n) for n in nouns)
        + r")\b"
    )
    words = {w for m in pattern.finditer(text) for w in _PLACE_WORD.findall(m.group(1))}
    m = DATELINE.search(text[:DATELINE_WINDOW])
    if m:
        place = m.group(0).split(",")[0].split("(")[0].strip()
        words |= {w.capitalize() for w in place.split() if w.isalpha()}
    return frozenset(words) - _SENTENCE_WORDS


def _frame_pairs(
    items: list[Evidence], texts: list[str], names: list[frozenset[str]]
) -> list[tuple[int, int, str]]:
    """Two reports of one event in different words: same action on the same
    object, place and day."""
    by_frame: dict[tuple[str, str], list[int]] = defaultdict(list)
    framed = []
    for i, t in enumerate(texts):
        frames = event_frames(t)
        if not frames and _acts(t):  # "The entrance is blocked": the object is said before
            t = f"{_said_before(items[i])} {t}"
            frames = event_frames(t)
        framed.append(t)
        for f in frames:
            by_frame[f].append(i)
    caps = [
        frozenset(_PLACE_WORD.findall(_TURN_LABEL.sub("", t))) - _SENTENCE_WORDS for t in framed
    ]
    scenes: dict[tuple[str, str], frozenset[str]] = {}
    for f, idxs in by_frame.items():
        for i in idxs:  # "the bridge" of a report is the Iron Bridge it names elsewhere
            key = (items[i].doc.id, f[1])
            if key not in scenes:
                scenes[key] = _scene(items[i].doc.text, f[1])
            caps[i] = caps[i] | scenes[key]
    out = []
    for idxs in by_frame.values():
        for x, i in enumerate(idxs):
            for j in idxs[x + 1 :]:
                if items[i].doc.id == items[j].doc.id:
                    continue
                gap = days_apart(items[i], items[j])
                if gap is not None and gap > 1:
                    continue
                if names[i] & names[j] or caps[i] & caps[j]:
                    out.append((i, j, "event"))
    return out


_SENTENCE_WORDS = frozenset(
    {
        "The",
        "A",
        "An",
        "It",
        "He",
        "She",
        "They",
        "We",
        "On",
        "In",
        "At",
        "By",
        "Our",
        "This",
        "That",
        "According",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    }
)


# whose names a claim only mentions; places and bodies stay part of what it says
ACTOR_TYPES = ("person",)


def _actors(entities: frozenset[str]) -> frozenset[str]:
    return frozenset(e.split(":", 1)[-1] for e in entities if e.split(":", 1)[0] in ACTOR_TYPES)


def _name_words(names: frozenset[str]) -> frozenset[str]:
    """The content words of the actors a statement names, and of their titles."""
    return _names_as_words(names) | _ROLE_CONTENT


_ROLE_CONTENT = content_words(" ".join(ROLE_WORDS))


def _names_as_words(names: frozenset[str]) -> frozenset[str]:
    return content_words(" ".join(n.replace("-", " ") for n in names))


def _beyond_names(a: frozenset[str], b: frozenset[str], names: frozenset[str]) -> bool:
    """Days apart, two statements must share more than the actors they name."""
    words = _name_words(names)
    return jaccard(a - words, b - words) >= CONTENT_SAME_DAY


# the order links are tried in: the surest first, so a storyline forms
# around what is surely one event
LINK_ORDER = {"text": 0, "figure": 1, "event": 2, "speaker": 3, "content": 4}
# a storyline takes in a statement (or another storyline) linked to more than this share of it
AGREEMENT = 0.5


def agreeing_groups(
    n: int, pairs: list[tuple[int, int, str]], doc_of: list[str]
) -> list[list[int]]:
    """Groups of units where every joining unit agrees with the group, not with one member of it.

    Average linkage, not single link: two groups merge only when more than
    ``AGREEMENT`` of their cross-document member pairs are linked. A statement that
    shares one sentence with a storyline (a bridge named in passing) does not carry
    its whole report into it, and A–B, B–C linked with A–C unrelated do not make
    one storyline of A and C.
    """
    links: dict[int, set[int]] = defaultdict(set)
    for i, j, _why in pairs:
        links[i].add(j)
        links[j].add(i)
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    per_doc: dict[int, Counter[str]] = {}  # group -> members per document, for pairs across
    for i, j, _why in sorted(
        pairs, key=lambda p: (LINK_ORDER.get(p[2], 9), min(p[0], p[1]), max(p[0], p[1]))
    ):
        a, b = group[i], group[j]
        if a == b:
            continue
        small, large = (a, b) if len(members[a]) <= len(members[b]) else (b, a)
        linked = sum(1 for x in members[small] for y in links[x] if group[y] == large)
        ds, dl = (
            _docs_in(small, members, doc_of, per_doc),
            _docs_in(large, members, doc_of, per_doc),
        )
        across = len(members[small]) * len(members[large]) - sum(
            k * dl.get(d, 0) for d, k in ds.items()
        )
        if across and linked > AGREEMENT * across:
            keep, gone = min(a, b), max(a, b)
            for x in members[gone]:
                group[x] = keep
            members[keep] += members.pop(gone)
            per_doc[keep] = ds + dl
            per_doc.pop(gone, None)
    return [sorted(m) for m in members.values()]


def _docs_in(
    g: int, members: dict[int, list[int]], doc_of: list[str], per_doc: dict[int, Counter[str]]
) -> Counter[str]:
    if g not in per_doc:
        per_doc[g] = Counter(doc_of[x] for x in members[g])
    return per_doc[g]


def group_storylines(items: list[Evidence], origin_of: dict[str, Origin]) -> list[Storyline]:
    """Groups of linked units that agree with one another and span at least two documents.

    A sentence that a later report prints word for word in its own voice becomes a copy
    of the earlier one's origin, here and in ``origin_of`` (chains read the same origin).
    """
    groups = []
    for idxs in agreeing_groups(len(items), link_pairs(items), [ev.doc.id for ev in items]):
        members = [items[i] for i in idxs]
        if len({m.doc.id for m in members}) < 2:
            continue
        members.sort(key=lambda m: (m.date or "9999", m.doc.published or "", m.doc.id, m.start))
        groups.append(members)
    words = {m.id: _own_words(m.text) for members in groups for m in members}
    copying = _copying_documents(groups, origin_of, words)
    out = []
    for members in groups:
        sid = "s-" + hashlib.sha1("|".join(sorted(m.id for m in members)).encode()).hexdigest()[:10]
        own = {m.id: origin_of[m.id] for m in members}
        for m_id, origin in _verbatim_copies(members, own, words, copying).items():
            own[m_id] = origin_of[m_id] = origin
        out.append(Storyline(sid, members, own, _lead(members, own), _origins(members, own)))
    out.sort(key=lambda s: (-len(s.origins), -len(s.documents), s.first_date or ""))
    return out


COPY_WORDS = 8  # a reporter's own words, outside quotation marks, that two reports share exactly
_QUOTED = re.compile(r"[\"“«„][^\"“”«»„]*[\"”»]")


def _own_words(text: str) -> str:
    """The words of a statement outside its quotation marks, space-joined (two reporters
    may well quote one speaker alike; they do not write the same eight words around it by
    chance)."""
    return " ".join(_words(_QUOTED.sub(" ", _body(text))))


def _within(short: str, long: str) -> bool:
    return bool(short) and f" {short} " in f" {long} "


def _copying_documents(
    groups: list[list[Evidence]], origin_of: dict[str, Origin], words: dict[str, str]
) -> set[frozenset[str]]:
    """Pairs of documents that print one passage of eight or more words of their own alike.

    A passage lies within a statement only if the statement holds the passage's first
    eight words, so each statement is compared with those that do (an index of eight-word
    runs), not with every other member of its storyline."""
    out: set[frozenset[str]] = set()
    for members in groups:
        own = [m for m in members if origin_of[m.id].via == "own"]
        runs: dict[tuple[str, ...], list[Evidence]] = defaultdict(list)
        for m in own:
            w = words[m.id].split()
            for k in dict.fromkeys(
                tuple(w[x : x + COPY_WORDS]) for x in range(len(w) - COPY_WORDS + 1)
            ):
                runs[k].append(m)
        for a in own:
            w = words[a.id].split()
            if len(w) < COPY_WORDS:
                continue
            for b in runs[tuple(w[:COPY_WORDS])]:
                if b.doc.id != a.doc.id and _within(words[a.id], words[b.id]):
                    out.add(frozenset((a.doc.id, b.doc.id)))
    return out


def _verbatim_copies(
    members: list[Evidence],
    own: dict[str, Origin],
    words: dict[str, str],
    copying: set[frozenset[str]],
) -> dict[str, Origin]:
    """A sentence two reports print word for word in their own voice is one origin: an
    uncredited copy, a shared press release or an outlet's standing editor's note, never
    two outlets confirming each other. The earlier report (by date) keeps its origin; a
    later one printing the same words (all of them, or a piece of eight or more; a shorter
    piece where the two documents copy a longer passage elsewhere) is returned as its copy.
    Every such pair of documents is in ``copying``, so only their members are compared."""
    partners: dict[str, set[str]] = defaultdict(set)
    for pair in copying:
        a, b = tuple(pair)
        partners[a].add(b)
        partners[b].add(a)
    by_doc: dict[str, list[int]] = defaultdict(list)
    for y, m in enumerate(members):
        by_doc[m.doc.id].append(y)
    copies: dict[str, Origin] = {}
    for y, b in enumerate(members):
        if own[b.id].via != "own" or b.doc.id not in partners:
            continue
        earlier = sorted(x for d in partners[b.doc.id] for x in by_doc.get(d, ()) if x < y)
        for a in (members[x] for x in earlier):
            if own[a.id].via != "own":
                continue
            wa, wb = words[a.id], words[b.id]
            short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            if not _within(short, long):
                continue
            first = copies.get(a.id, own[a.id])
            if first.key != own[b.id].key:
                copies[b.id] = Origin(first.key, first.name, via="copy")
            break
    return copies


def _origins(members: list[Evidence], origin_of: dict[str, Origin]) -> list[Origin]:
    """The independent origins of some statements, one each, in the statements' order."""
    origins: dict[str, Origin] = {}
    for m in members:
        origins.setdefault(origin_of[m.id].key, origin_of[m.id])
    return list(origins.values())


def _lead(members: list[Evidence], origin_of: dict[str, Origin]) -> Evidence:
    """The statement that stands for the storyline: the earliest first-hand
    one, firm before hedged."""

    def rank(m: Evidence):
        o = origin_of[m.id]
        return (
            m.doc.language not in (None, "en"),
            m.date or "9999",
            o.via != "own",
            m.questions,
            m.kind != "records",
            len(m.text) > 320,
            m.start,
        )

    return min(members, key=rank)


def vias_of(s: Storyline) -> set[str]:
    """How the statements of a storyline reach their outlets (own, wire, copy, cited, ...)."""
    return {o.via for o in s.origin_of.values()}


def republished(s: Storyline) -> bool:
    """Whether a storyline is one report republished by several outlets: one origin, its
    statements copied (wire copy, a credited or uncredited copy or translation), not cited in
    other words, nor only shared with a co-reporter."""
    if len(s.origins) != 1 or len(set(s.outlets)) < 2:
        return False
    vias = vias_of(s)
    return "cited" not in vias and vias - {"own"} != {"co-reported"}


def merge_copies(storylines: list[Storyline]) -> list[Storyline]:
    """One storyline per republished article: the sentences that only travel together as copy.

    Sentence by sentence, syndicated wire copy would make a storyline of every
    sentence; what the reader needs is "this report, republished by these outlets".
    """
    out: list[Storyline] = []
    by_copy: dict[tuple, Storyline] = {}
    for s in storylines:
        if not s.circular or not republished(s):
            out.append(s)
            continue
        originals = frozenset(m.doc.id for m in s.members if s.origin_of[m.id].via == "own")
        key = (s.origins[0].key, originals or frozenset(s.documents))  # the copies of one original
        into = by_copy.get(key)
        if into is None:
            by_copy[key] = s
            out.append(s)
            continue
        into.members += s.members
        into.origin_of.update(s.origin_of)
        into.members.sort(
            key=lambda m: (m.date or "9999", m.doc.published or "", m.doc.id, m.start)
        )
        into.lead = min(into.members, key=lambda m: (into.origin_of[m.id].via != "own", m.start))
        into.contested = into.contested or s.contested
        into.conflicts += [c for c in s.conflicts if c not in into.conflicts]
    return out


RETOLD_STORYLINES = 3  # storylines a retelling shares with its original ...
RETOLD_SHARE = 0.6  # ... holding this share of the retelling's statements, in the same order
RETOLD_MAX_DOCUMENTS = 100  # documents of a storyline whose pairs are compared


def retellings(
    storylines: list[Storyline], evidence: list[Evidence], origin_of: dict[str, Origin]
) -> dict[str, Origin]:
    """Documents that retell an earlier one in other words and credit nobody: an uncredited
    translation or rewrite. A later report whose statements, most of them, stand in three or
    more storylines beside an earlier report's, in the order the earlier one told them, is
    the earlier one's copy (its convoy, its petrol-station owner, its border commander, its
    closing line of geography), not a second origin. Returns the document id of each
    retelling with the origin it copies. Two reporters at one press conference share what
    the speaker said, so the count of first sources is the same either way; two eyewitness
    reports share one or two storylines, not most of what each says, in one order."""
    units: Counter[str] = Counter(ev.doc.id for ev in evidence)
    own_doc: dict[str, Origin] = {}
    for ev in evidence:
        own_doc.setdefault(ev.doc.id, origin_of[ev.id])
    shared: dict[tuple[str, str], list[Storyline]] = defaultdict(list)
    for s in storylines:
        docs = s.documents
        if len(docs) > RETOLD_MAX_DOCUMENTS:
            continue  # a story everyone carries says nothing of who retold whom
        for a in docs:
            for b in docs:
                if a != b:
                    shared[(a, b)].append(s)
    when = {ev.doc.id: ev.doc.published or ev.date for ev in evidence}
    out: dict[str, Origin] = {}
    for (a, b), stories in sorted(shared.items()):
        if len(stories) < RETOLD_STORYLINES or b in out:
            continue
        first, later = own_doc[a], own_doc[b]
        if later.via != "own" or first.key == later.key:
            continue
        if not (when.get(a) and when.get(b) and when[a][:10] < when[b][:10]):
            continue  # who retold whom is known only from the dates
        held = sum(1 for s in stories for m in s.members if m.doc.id == b)
        if held < RETOLD_SHARE * units[b]:
            continue
        if _told_order(stories, a) == _told_order(stories, b):
            out[b] = Origin(first.key, first.name, via="copy")
    return out


def _told_order(stories: list[Storyline], doc: str) -> list[str]:
    """The storylines in the order one document tells them."""
    starts = {s.id: min(m.start for m in s.members if m.doc.id == doc) for s in stories}
    return sorted(starts, key=starts.__getitem__)


def retold(
    storylines: list[Storyline],
    evidence: list[Evidence],
    copies: dict[str, Origin],
    origin_of: dict[str, Origin],
) -> None:
    """Each statement of a retelling rests on the origin it copies, in ``origin_of`` and in
    every storyline (its origins and lead chosen again)."""
    for ev in evidence:
        if ev.doc.id in copies and origin_of[ev.id].via == "own":
            origin_of[ev.id] = copies[ev.doc.id]
    for s in storylines:
        if not any(m.doc.id in copies for m in s.members):
            continue
        s.origin_of = {m.id: origin_of[m.id] for m in s.members}
        s.origins = _origins(s.members, s.origin_of)
        s.lead = _lead(s.members, s.origin_of)
