"""Who a statement rests on, traced to its first source: outlet → the
outlet it relays → who it cites.

Four outlets that each write "according to the council" are four reports of one
first source, the council. The chain of a statement is read from its own text
("according to X", "the ministry said", "X told Reuters") and from the speakers
the extractors found; the document-level origin (wire copy, republication, a
relayed outlet) comes from :mod:`sitrep.assess.origins`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from anyascii import anyascii

from sitrep.assess.evidence import Evidence
from sitrep.assess.grades import outlet_key
from sitrep.assess.origins import OUTLET_WORDS, Origin
from sitrep.ingest.credits import same_outlet
from sitrep.lexicon.demonyms import country_stem
from sitrep.lexicon.headlines import headline
from sitrep.lexicon.names import role_heads, without_title
from sitrep.records import ActorRef, Claim, Quote

# bodies that are cited by their common noun: "the council said", "according to the ministry"
BODIES = (
    "council",
    "ministry",
    "government",
    "army",
    "military",
    "police",
    "presidency",
    "office",
    "agency",
    "committee",
    "commission",
    "court",
    "parliament",
    "junta",
    "command",
    "staff",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "authorities",
    "officials",
    "embassy",
    "regime",
)
_BODY = "|".join(BODIES)
NAME = r"[A-Z][\w'’.-]*(?:\s+(?:of|for|the|and|[A-Z][\w'’.-]*))*"
ACCORDING = re.compile(
    rf"\b[Aa]ccording to\s+(?:[Tt]he\s+)?(?P<name>{NAME}|(?:[a-z-]+\s+)?(?:{_BODY}))\b"
)
BODY_SAID = re.compile(
    rf"(?:\b(?:[Tt]he|[Ii]ts|[Aa])\s+|\b[A-Z][\w-]*'s\s+)(?P<name>(?:[A-Za-z-]+\s+){{0,2}}(?:{_BODY}))"
    r"(?:'s?\s+\w+)?\s+(?:said|says|announced|reported|claimed|stated|confirmed|told)\b"
)

_OUTLET = rf"(?:[Tt]he\s+)?(?:{OUTLET_WORDS}\s+)?(?P<relay>{NAME})(?:\s+{OUTLET_WORDS})?"
_SAID = (
    r"(?:reported|reports|said|says|wrote|writes|published|broadcast|announced|claimed)"
    r"(?:\s+(?:on|late on|early on|last)\s+[A-Z]?\w+|\s+(?:earlier|later|today|yesterday"
    r"|overnight))?"
)
_CITED = r"(?P<cited>[^,;.\n]{2,120}?)(?=\s*(?:[,;.\n]|$| as saying| that | who ))"
# the chain written in one sentence: the outlet it relays, and who that outlet cites
RELAYS = (
    # "..., the Korvath Insider news site reported on Wednesday, citing two
    # officials in the council"
    re.compile(rf"{_OUTLET}\s+{_SAID},?\s+(?:citing|quoting)\s+{_CITED}"),
    # "according to X, which cited Y" / "according to X, citing Y"
    re.compile(rf"\b[Aa]ccording to\s+{_OUTLET},?\s+(?:which|who)\s+(?:cited|quoted)\s+{_CITED}"),
    re.compile(rf"\b[Aa]ccording to\s+{_OUTLET},?\s+(?:citing|quoting)\s+{_CITED}"),
    # "the council said in a statement carried by X"
    re.compile(
        rf"(?P<cited>(?:[Tt]he\s+|[Aa]n?\s+)?(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)\s+(?:said|says|announced)"
        rf"\s+in\s+a\s+statement\s+(?:carried|published|quoted|reported|released)\s+by\s+{_OUTLET}"
    ),
    # "Bloomberg reports that ..., according to the Roper Center": the outlet relays what the
    # centre found (a person who "wrote that ..., according to court papers" is left out below)
    re.compile(
        rf"{_OUTLET}\s+(?:reports|reported|is reporting|has reported|writes|wrote)\s+that\s"
        rf"[^;\n]*?,\s+according to\s+{_CITED}"
    ),
    # "a council spokesman told Reuters" (an outlet by its name, not "told reporters"): who told it
    # is read from all that comes before ("a source in the ministry, who asked ..., told X")
    re.compile(
        rf"(?P<cited>(?:[Tt]he\s+|[Aa]n?\s+)?(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+),?\s+(?:told|said\s+to)"
        rf"\s+(?:the\s+)?(?:{OUTLET_WORDS}\s+)?(?P<relay>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
    ),
)
# "two officials in the regional council", "a source at the Interior Ministry": the body
WITHIN = re.compile(
    rf"\b(?:in|at|from|of|by|inside|close to|within)\s+(?:the\s+)?(?:{OUTLET_WORDS}\s+)?"
    rf"(?P<body>{NAME}|(?:[a-z-]+\s+){{0,2}}(?:{_BODY}))(?:\s+{OUTLET_WORDS})?\b"
)
LEADING = re.compile(
    r"^(?:(?:the|a|an|its|their|two|three|four|several|some|unnamed|anonymous|senior|"
    r"local|\d+)\s+)+",
    re.IGNORECASE,
)
SPOKESPEOPLE = (
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "source",
    "sources",
)
QUOTE_MARKS = ('"', "“", "”", "«", "»", "„")
NOT_RELAYS = {"REPORTERS", "JOURNALISTS", "PARLIAMENT", "THE PRESS", "PRESS"}

FIRST_HAND = re.compile(
    r"\b(?:[Oo]ur|this paper's|this newspaper's) (?:own )?(?:correspondents?|reporters?|"
    r"photographers?|team)\b|\bwe (?:saw|witnessed|counted)\b"
)
# "an NNS correspondent", "the Post's correspondent", "a Coastline Wire reporter": the
# outlet's own people, when the name is the outlet's (its name, initials or a word of it)
OWN_REPORTER = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Tt]heir|[Ii]ts)\s+(?P<who>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)"
    r"{0,3})(?:['’]s)?\s+(?:own\s+)?(?:correspondents?|reporters?|photographers?|journalists?"
    r"|crew|team)\b"
)
NOT_SOURCES = {"GMT", "UTC", "CET", "EET", "LOCAL TIME", "THE PLAN", "PLAN"}


BODY_STOPWORDS = {"the", "of", "a", "an", "its", "their", "for", "and"}


def body_key(name: str) -> str | None:
    """ "body:ministry:arven interior" for "the Arvenian interior ministry", "Arvenia's interior
    ministry" and "the interior ministry of Arvenia"; None when ``name`` names no body (its head
    noun, one of :data:`BODIES`, last or before an "of ..." tail)."""
    text = re.sub(r"['’]s\b", " ", anyascii(name).lower())
    words = re.findall(r"[a-z0-9]+", text)
    of = words.index("of") if "of" in words else len(words)
    head = next((i for i in (of - 1, len(words) - 1) if 0 <= i and words[i] in BODIES), None)
    if head is None:
        return None
    mods = sorted(
        {country_stem(w) for i, w in enumerate(words) if i != head and w not in BODY_STOPWORDS}
    )
    return f"body:{words[head]}:{' '.join(mods)}"


def _broader(key: str, other: str) -> bool:
    """ "body:ministry:" is broader than "body:ministry:arven interior": same head, fewer words."""
    if not (key.startswith("body:") and other.startswith("body:")) or key == other:
        return False
    head, mods = key[5:].split(":", 1)
    other_head, other_mods = other[5:].split(":", 1)
    return head == other_head and set(mods.split()) < set(other_mods.split())


def display_name(name: str) -> str:
    """An origin named only by its file is shown by the file's name, not
    the folder it was read from."""
    return name.rstrip("/").rsplit("/", 1)[-1] if "/" in name and " " not in name else name


@dataclass(frozen=True)
class Chain:
    """A statement's chain from the outlet that published it to the first source."""

    outlet: str
    via: str | None = None  # an outlet or agency the document relays
    cites: str | None = None  # who the sentence cites
    seen: bool = False  # the outlet's own people saw it: first-hand, a source in its own right
    credit: str | None = None  # the line by which the document credits ``via`` ("Source: X")
    titles: frozenset[str] = frozenset()  # the titles the statement gives ``cites`` ("minister")

    @property
    def first(self) -> str:
        return self.cites or self.via or self.outlet

    @property
    def key(self) -> str:
        """What is counted: a body by its head noun and what qualifies it, however its country is
        written ("Arvenia's interior ministry" is "the Arvenian interior ministry"); a name by
        :func:`outlet_key`. :func:`first_sources` lets "the ministry" join the one it names."""
        return body_key(self.first) or outlet_key(without_title(self.first))

    def __str__(self) -> str:
        steps = [display_name(self.outlet)]
        for step in (self.via, self.cites):
            if step and outlet_key(step) != outlet_key(steps[-1]):
                if step is self.via and self.credit:
                    step = f"{step} (credited: “{self.credit}”)"
                steps.append(step)
        return " → ".join(steps)


@lru_cache(maxsize=64)  # asked for each sentence of a document in turn; a text hashes once
def headline_end(text: str) -> int:
    """Where a document's headline ends (0 when it has none): a headline sums the story up in
    the outlet's words ("Seravia says 340 detained"), so it names no first source."""
    line = headline(text)
    if line is None:
        return 0
    end = text.find(line) + len(line)
    return end if text[end:].strip() else 0


def _body(ev: Evidence) -> tuple[int, str]:
    """The part of a sentence after its document's headline: (its start, its text)."""
    cut = max(0, headline_end(ev.doc.text) - ev.start)
    return ev.start + cut, ev.text[cut:]


def _headline_only(rec, body_start: int) -> bool:
    """A quote or claim the headline makes: its cue ("says") or, without
    one, all of it lies there."""
    return (rec.cue.start if rec.cue is not None else rec.end - 1) < body_start


def _named(ref: ActorRef | None) -> str | None:
    """The name of a named speaker or claim source that is a source at all (not "GMT")."""
    if ref and ref.name and ref.kind == "named" and ref.name.upper() not in NOT_SOURCES:
        return ref.name
    return None


def _is_author(ref: ActorRef | None) -> bool:
    return ref is not None and ref.kind == "author"


def _speaker(rec: Quote | Claim) -> ActorRef | None:
    """Who a quote or claim is given to: a quote's speaker, a claim's source."""
    return rec.speaker if isinstance(rec, Quote) else rec.source


def _title_only(phrase: str | None) -> bool:
    """Whether a source is named by its title alone ("the minister", "the defence minister"):
    one particular person whom another report may name in full (not "a witness")."""
    words = (phrase or "").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and all(w.islower() for w in words) and bool(titles_of(" ".join(words)))


def titles_of(phrase: str) -> frozenset[str]:
    """The role nouns of a title ("Emergency Situations Minister" -> {"minister"})."""
    return frozenset(h for h in role_heads(phrase) if " " not in h)


def given_titles(text: str, name: str) -> frozenset[str]:
    """The titles a statement gives a person it names: before the name ("Emergency Situations
    Minister Mirela Dascu") or after it ("Mirela Dascu, the emergency minister,")."""
    person = re.escape(name)
    out: set[str] = set()
    for m in re.finditer(rf"((?:[A-Z][\w'’-]*\s+){{1,4}}){person}\b", text):
        out |= titles_of(m.group(1))
    for m in re.finditer(rf"\b{person},\s+(?:the\s+|a\s+)?([^,.;:]{{1,60}}?)(?=[,.;:])", text):
        out |= titles_of(m.group(1))
    return frozenset(out)


def nested_source(ev: Evidence, body_start: int) -> str | None:
    """Who a statement relayed inside another one rests on: in "Of the 340 soldiers the ministry
    said it had detained, 260 were freed, he said" the ministry's attribution ("the ministry
    said") lies within what "he" said, so "he" passes on the ministry's figure. A claim whose
    cue lies inside another quote or claim of the sentence, by someone else, names the first
    source. The reporter's own voice (a claim given to the document's author, which spans the
    whole sentence) passes nothing on: a quote inside it is still its speaker's."""
    records = [*ev.quotes, *ev.claims]
    for c in ev.claims:
        name = _named(c.source)
        if name is None and c.source is not None and c.source.kind == "unnamed-person":
            name = c.source.name if _title_only(c.source.name) else None  # "the minister said"
        if name is None or c.cue is None or _headline_only(c, body_start):
            continue
        for outer in records:
            if outer is c or _named(_speaker(outer)) == name or _is_author(_speaker(outer)):
                continue
            if outer.start <= c.cue.start and c.cue.end <= outer.end:
                return name
    return None


_SPEAKER_WORD = r"(?:spokesman|spokeswoman|spokesperson)"
# "health ministry spokesman Aleks Varin", "Seravia's army spokeswoman Ana Lind"
_BODY_BEFORE = rf"(?P<body>(?:[\w'’-]+\s+){{0,2}}(?:{_BODY}))(?:['’]s)?\s+{_SPEAKER_WORD},?\s+"
# "a spokeswoman for the interior ministry, Ana Lind"
_BODY_AFTER = (
    rf"\b{_SPEAKER_WORD}\s+(?:for|of|at)\s+(?:the\s+)?(?P<body>(?:[\w'’-]+\s+){{0,2}}(?:{_BODY}))"
    r",?\s+"
)
# the words before a body that are not part of its name ("told ministry spokesman X")
_NOT_BODY_WORDS = {
    "said", "says", "told", "and", "by", "to", "with", "from", "of", "for", "that", "as",
    "the", "a", "an", "according", "in", "at", "on",
}  # fmt: skip


def spoken_for(text: str, name: str) -> str | None:
    """The body a named spokesperson speaks for, as the sentence writes it ("health ministry
    spokesman Aleks Varin" speaks for the health ministry): a spokesperson's words are the
    body's, so the body is the first source (as "a council spokesman" is the council's)."""
    person = re.escape(name)
    for pattern in (rf"{_BODY_BEFORE}{person}\b", rf"{_BODY_AFTER}{person}\b"):
        m = re.search(pattern, text)
        if m:
            words = m.group("body").split()
            while len(words) > 1 and words[0].lower() in _NOT_BODY_WORDS:
                words.pop(0)
            return " ".join(words)
    return None


def cited_in_text(ev: Evidence) -> str | None:
    """The first source a sentence names: one relayed inside another's statement
    (:func:`nested_source`), a named speaker, "according to X", "the ministry said".
    A source named only in the headline is not one."""
    start, text = _body(ev)
    nested = nested_source(ev, start)
    if nested is not None:
        return nested
    for rec in (*ev.quotes, *ev.claims):  # a quote's speaker first, then a claim's source
        name = None if _headline_only(rec, start) else _named(_speaker(rec))
        if name is not None:
            return spoken_for(text, name) or name
    for pattern in (ACCORDING, BODY_SAID):
        for m in pattern.finditer(text):
            name = " ".join(m.group("name").split())
            if name.upper() not in NOT_SOURCES:
                return name
    return None


def cited_body(phrase: str) -> str:
    """Who a cited phrase names: "two officials in the regional council"
    rest on the regional council."""
    phrase = " ".join(phrase.split())
    m = WITHIN.search(phrase)
    if m:
        return LEADING.sub("", m.group("body")).strip()
    words = LEADING.sub("", phrase).strip().split()
    if len(words) > 1 and words[-1].lower() in SPOKESPEOPLE and words[-2].lower() in BODIES:
        words.pop()  # "a council spokesman" speaks for the council
    return " ".join(words) or phrase


def relay_in_text(text: str, people: frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
    """(the outlet a sentence relays, who that outlet cites), from a chain written out in it:
    "X reported, citing Y", "according to X, which cited Y", "Y told X", "Y said in a
    statement carried by X", "X reports that ..., according to Y". Either may be None.
    A relay named in ``people`` is a person, not an outlet: never a relay."""
    persons = {outlet_key(p) for p in people}
    for pattern in RELAYS:
        for m in pattern.finditer(text):
            relay = " ".join(m.group("relay").split()).rstrip(".")
            if relay.upper() in NOT_RELAYS or relay.upper() in NOT_SOURCES:
                continue
            if outlet_key(relay) in persons:
                continue
            head = text[: m.start("cited")]
            # the body is sought in the teller's own phrase, never inside the quote before it
            # ('"... the people of Pravik have paid," Dascu told the Post' rests on Dascu)
            head = head[max(head.rfind(mark) for mark in QUOTE_MARKS) + 1 :]
            before = head + m.group("cited")
            within = WITHIN.search(before) if m.start("relay") > m.start("cited") else None
            cited = cited_body(within.group(0) if within else m.group("cited"))
            # "The commander of the Hallin border post, Major Ivo Renner, told the Courier":
            # the person the phrase names told it, not the post; "Dascu told the Post" is
            # the speaker in full, so that another report's "Mirela Dascu" is the same source
            teller = [
                p
                for p in people
                if p in before or re.search(rf"\b{re.escape(p.split()[-1])}\b", m.group("cited"))
            ]
            if len(teller) == 1:
                cited = teller[0]
            if not cited or cited.lower() in ("it", "he", "she", "they", "which", "who"):
                cited = None
            return relay, cited
    return None, None


def people_in(ev: Evidence) -> frozenset[str]:
    """The people a sentence's speakers resolve to (a person is never an outlet it relays)."""
    return frozenset(
        who.name for who in ev.speakers if who.name and (who.id or "").startswith("person:")
    )


def chain_of(ev: Evidence, origin: Origin) -> Chain:
    outlet = ev.outlet
    via = (
        origin.name
        if origin.via in ("cited", "wire", "copy", "co-reported")
        and outlet_key(origin.name) != outlet_key(outlet)
        else None
    )
    body = _body(ev)[1]
    relay, cites = relay_in_text(body, people_in(ev))
    if relay is not None and origin.via not in ("wire", "copy"):
        via = relay if outlet_key(relay) != outlet_key(outlet) else None
    if cites is None:
        cites = cited_in_text(ev)
    if cites is not None and via is not None and outlet_key(cites) == outlet_key(via):
        cites = None
    if cites is not None and (
        outlet_key(cites) == outlet_key(outlet)
        or same_outlet(cites, outlet)
        or _first_hand(cites, outlet)
    ):
        cites = None  # "an MPA correspondent said" in an MPA report: its own, first-hand
    credit = origin.credit if via is not None and origin.via in ("wire", "copy") else None
    return Chain(
        outlet,
        via,
        cites,
        seen=cites is None and via is None and _first_hand(body, outlet),
        credit=credit,
        titles=given_titles(body, cites) if cites and not _title_only(cites) else frozenset(),
    )


def _first_hand(text: str, outlet: str | None) -> bool:
    """Whether the outlet's own people saw what a sentence reports: "our correspondent saw",
    "an NNS correspondent who walked to the bridge counted" in an NNS report."""
    if FIRST_HAND.search(text):
        return True
    if not outlet:
        return False
    own = set(outlet_key(outlet).split())
    for m in OWN_REPORTER.finditer(text):
        who = m.group("who")
        words = set(outlet_key(who).split())
        if same_outlet(who, outlet) or (words and words <= own):
            return True
    return False


def first_sources(chains: list[Chain]) -> list[str]:
    """The distinct first sources of some statements, in order of appearance.

    Where some reports name who they rest on, a report that names no one is not
    counted as a source of its own: it may well relay the same one unattributed. A
    report of what the outlet's own correspondent saw is its own first source.
    """
    cited = [c for c in chains if c.cites or c.via]
    named = [c for c in chains if c.cites or c.via or c.seen] if cited else []
    # a relay of an outlet that, in its own report, cites someone rests on that someone
    own_cites = {outlet_key(c.outlet): c.cites for c in chains if c.cites and not c.via}
    counted: list[Chain] = []
    for c in named or chains:
        if c.via and not c.cites and outlet_key(c.via) in own_cites:
            c = Chain(c.outlet, c.via, own_cites[outlet_key(c.via)], credit=c.credit)
        counted.append(c)
    # "the minister" is the minister another report names in full, if it names one
    for k, c in enumerate(counted):
        if c.cites and _title_only(c.cites):
            titled = {o.cites for o in counted if o.cites and titles_of(c.cites) & o.titles}
            if len(titled) == 1:
                counted[k] = replace(c, cites=titled.pop())
    # "the ministry" is the ministry another report names in full (the first one, if several)
    keys = list(dict.fromkeys(c.key for c in counted))
    joins = {k: next((o for o in keys if _broader(k, o)), k) for k in keys}
    seen: dict[str, str] = {}  # each body under the name a report gives it in full
    for c in counted:
        if seen.setdefault(joins[c.key], c.first) != c.first and c.key == joins[c.key]:
            if body_key(seen[c.key]) != c.key:
                seen[c.key] = c.first
    return list(seen.values())


def names_source(chain: Chain, first: str) -> bool:
    """Whether a statement's chain names ``first`` as who it rests on ("the ministry" names
    "the Arvenian interior ministry"); a report that names no one does not."""
    if not (chain.cites or chain.via):
        return False
    mine, theirs = chain.key, Chain(chain.outlet, None, first).key
    return mine == theirs or _broader(mine, theirs) or _broader(theirs, mine)
