"""People, organizations, places and groups in one document, and who a span refers to.

spaCy finds the names; this module decides which names are one actor. Titles
before a name ("Defence Minister", "Colonel-General") and appositives after it
(", former ambassador to Veskaria,") become the entity's roles and descriptions,
a surname joins the full name it abbreviates, a one-off near-spelling of a
salient person is that person (``Mention.misspelled``), and an organization
joins its short form or acronym. :meth:`DocEntities.actor_for` then answers,
for any source span the quote and claim extractors find (a name, "he", "the
general", "the ministry"), which entity it is.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from sitrep.analyze.junk import (
    Lines,
    find_lines,
    is_adjective_form,
    is_common_noun,
    title_case_headline,
    title_case_line,
)
from sitrep.analyze.nlp import common_words, doc_text
from sitrep.analyze.token_table import token_table
from sitrep.ids import entity_id
from sitrep.lexicon.gazetteer import Gazetteer, load_gazetteer
from sitrep.lexicon.names import (
    CANDIDACY,
    HONORIFICS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SOUGHT_OFFICE,
    first_names_compatible,
    gender_of_name,
    gender_of_words,
    name_key,
    near_spelling,
    role_heads,
    role_words,
    roles_conflict,
)
from sitrep.records import ActorRef, Entity, Mention, Role

LABELS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}

PRONOUNS: dict[str, tuple[str | None, str]] = {
    "he": ("m", "person"),
    "him": ("m", "person"),
    "his": ("m", "person"),
    "himself": ("m", "person"),
    "she": ("f", "person"),
    "her": ("f", "person"),
    "hers": ("f", "person"),
    "herself": ("f", "person"),
    "they": (None, "plural"),
    "them": (None, "plural"),
    "their": (None, "plural"),
    "it": (None, "thing"),
    "its": (None, "thing"),
}
DETERMINERS = frozenset("the a an this that these those his her their its our my".split())
PERSON_NOUNS = {"man": "m", "woman": "f", "official": None, "person": None}
ANONYMOUS_NOUNS = frozenset({"source", "sources", "insider", "insiders", "witness", "witnesses"})
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "two", "three"})
# Role nouns said differently: "the congressman" for "Rep. X", "the spokeswoman" for "spokesperson".
ROLE_SYNONYMS = {
    "congresswoman": "congressman",
    "congressmember": "congressman",
    "rep": "congressman",
    "representative": "congressman",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "chairwoman": "chairman",
    "chairperson": "chairman",
    "chair": "chairman",
    "gen": "general",
    "sen": "senator",
    "gov": "governor",
    "prof": "professor",
    "adm": "admiral",
    "col": "colonel",
    "capt": "captain",
    "lt": "lieutenant",
    "maj": "major",
    "sgt": "sergeant",
    "premier": "prime minister",
    "advisor": "adviser",
    "defense": "defence",
}
ORG_STOP = frozenset("the of and for 's s".split())
GENERIC_ORG_WORDS = frozenset(
    "ministry department government army navy police council court parliament party agency "
    "office committee commission company group forces force service union news bank".split()
)
TYPE_PREFERENCE = {"person": 0, "org": 1, "group": 2, "place": 3}
MAX_PRONOUN_SENTENCES = 3
# Words before a title that make it a holder to come, not one: "a President Dorn would".
HYPOTHETICAL = frozenset("a an future would-be".split())
# Offices a just-named person is often referred back to by ("Horvel said ... The minister added");
# a "spokesman" or an "official" is more often someone new.
OFFICES = frozenset(
    "minister president general colonel-general prime chancellor senator congressman governor "
    "mayor ambassador admiral commander premier secretary envoy".split()
)
SPEECH_VERBS = frozenset(
    "say tell add disagree argue warn claim insist deny confirm note write explain state announce "
    "reply respond ask suggest agree acknowledge accuse declare comment stress urge predict "
    "describe admit allege assert complain concede contend estimate maintain recall remark report "
    "reiterate reveal tweet post".split()
)
# Places and buildings that speak for governments: "the Kremlin said" is not a person.
INSTITUTIONS = frozenset(
    "Kremlin Pentagon Congress Parliament Duma Rada Senate Bundestag Elysee Élysée Whitehall "
    "Downing Knesset Sejm Seimas Saeima Riigikogu Storting Riksdag Majlis Politburo Vatican "
    "Government Ministry Army Navy Police Court Council Commission Cabinet Presidency".split()
)
# Head words that make a "person" an organization or a place.
ORG_HEADS = frozenset(
    "watch party council union movement front army forces force brigade battalion regiment "
    "division ministry university institute centre center committee commission agency office "
    "service bank company group association alliance league federation foundation guard police "
    "court assembly parliament government staff command revolution network press news radio "
    # pollsters and firms: "Morning Consult", "Rasmussen Reports", "Pew Research"
    "consult consulting reports research polling analytics strategies associates partners".split()
)
# Social platforms (world knowledge): spaCy often calls "Twitter" a person ("on Twitter").
PLATFORMS = frozenset(
    "twitter facebook youtube instagram tiktok telegram whatsapp reddit vkontakte snapchat "
    "linkedin weibo wechat parler gab rumble odnoklassniki".split()
)
# Nouns a name qualifies when it is a pollster or a platform, not a person: "a Rasmussen poll",
# "his Twitter account", "Telegram users".
POLL_NOUNS = frozenset("poll polls polling survey surveys pollster".split())
PLATFORM_NOUNS = frozenset(
    "account accounts feed feeds post posts tweet tweets user users video videos page channel "
    "channels livestream app".split()
)
PLACE_HEADS = frozenset(
    "square street avenue road bridge river airport station port harbour harbor bay sea lake "
    "palace cathedral hospital district region province oblast county valley "
    "mountains island islands coast border crossing airbase".split()
)
NAMED_BY_ORG_NOUN = frozenset(
    "agency newspaper broadcaster channel website outlet portal daily weekly tabloid magazine "
    "network group organisation organization party movement company firm ngo charity".split()
)
NOT_NAMES = frozenset(
    "writing editing reporting additional compiled via photo video update".split()
)
MEDIA_WORDS = frozenset(
    "Today Times Post News Herald Tribune Journal Radio TV Television Daily Gazette Telegraph "
    "Express Review Insider Online Observer Chronicle Courier Monitor Standard Mirror Sun".split()
)
LOCATIVE = frozenset(
    "in near to from outside at around into across towards toward via off inside".split()
)
# "the mayor of Drovna", "residents of Kessa": the name after "of" is a place
OF_A_PLACE = frozenset(
    "mayor mayors governor governors outskirts residents inhabitants suburbs townspeople "
    "town city village port".split()
)


def _norm_role(word: str) -> str:
    return ROLE_SYNONYMS.get(word, word)


def _heads(text: str) -> set[str]:
    out = set()
    for h in role_heads(text):
        out.add(" ".join(_norm_role(w) for w in h.split()))
    return out


@dataclass
class _Cand:
    """One name occurrence, cleaned of titles and possessives."""

    start: int
    end: int
    text: str
    label: str
    tok_start: int
    tok_end: int
    role: str | None = None
    description: str | None = None
    role_span: tuple[int, int] | None = None  # character offsets of ``role``
    description_span: tuple[int, int] | None = None
    sentence: tuple[int, int] = (0, 0)  # the sentence the name is in
    subject: bool = False
    title_start: int | None = None
    gender_hint: str | None = None
    hypothetical: bool = False  # "a President Dorn would": the title is not held yet


@dataclass
class _Cluster:
    label: str
    cands: list[_Cand] = field(default_factory=list)
    first: str | None = None
    last: str | None = None  # name key of the surname (persons)
    key: frozenset[str] = frozenset()  # content words (orgs)
    misspelled: set[int] = field(default_factory=set)  # positions in cands
    gender: str | None = None
    pronoun_votes: Counter = field(default_factory=Counter)

    @property
    def roles(self) -> list[str]:
        return _unique(c.role for c in self.cands if c.role)

    @property
    def descriptions(self) -> list[str]:
        return _unique(c.description for c in self.cands if c.description)

    def role_heads(self) -> set[str]:
        heads: set[str] = set()
        for text in (*self.roles, *self.descriptions):
            heads |= _heads(text)
        return heads


def _unique(items) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


@dataclass
class DocEntities:
    """The document's entities plus a lookup from character spans to actors."""

    entities: list[Entity] = field(default_factory=list)
    _spans: list[tuple[int, int, int]] = field(
        default_factory=list, repr=False
    )  # start, end, entity
    _span_starts: list[int] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _person_mentions: list[tuple[int, int, int, bool]] = field(default_factory=list, repr=False)
    _person_starts: list[int] = field(default_factory=list, repr=False)
    _org_mentions: list[tuple[int, int, int]] = field(default_factory=list, repr=False)
    _org_starts: list[int] = field(default_factory=list, repr=False)
    _heads: list[set[str]] = field(default_factory=list, repr=False)
    _alias: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _text: str = field(default="", repr=False)
    _cache: dict[tuple[int, int], ActorRef | None] = field(default_factory=dict, repr=False)

    def actor_for(self, start: int, end: int) -> ActorRef | None:
        """The entity a source span refers to (a name, a surname, a pronoun, a title)."""
        key = (start, end)
        if key not in self._cache:
            idx = self._resolve(start, end)
            self._cache[key] = None if idx is None else self._ref(idx)
        ref = self._cache[key]
        return None if ref is None else ActorRef(ref.id, ref.name, ref.kind)

    def entity_at(self, start: int, end: int) -> Entity | None:
        idx = self._resolve(start, end)
        return None if idx is None else self.entities[idx]

    def _ref(self, idx: int) -> ActorRef:
        ent = self.entities[idx]
        return ActorRef(ent.id, ent.name)

    # -- resolution ---------------------------------------------------------

    def _resolve(self, start: int, end: int) -> int | None:
        text = self._text[start:end] if self._text else ""
        comma = text.find(",")
        if 0 < comma < len(text.rstrip(", ")):
            # an appositive: "Anton Ivanek, the council's spokesman," is Anton Ivanek
            found = self._resolve(start, start + comma)
            if found is not None:
                return found
        words = _words(text)
        lowered = [w.lower() for w in words]
        # "his spokesman", "Putin's spokesman": the role noun is the head, not the possessor
        if len(lowered) >= 2 and (
            lowered[0] in ("his", "her", "their", "its") or "'s" in text or "’s" in text
        ):
            # the title of a name that follows: "Putin's spokesman Dmitry Peskov"
            cut = max(text.replace("’", "'").rfind("'s "), 0)
            lo = bisect.bisect_left(self._person_starts, start + cut)
            if lo < len(self._person_mentions) and self._person_mentions[lo][0] <= end + 2:
                return self._person_mentions[lo][2]
            return self._nominal(lowered, start)
        hit = self._overlapping(start, end)
        if hit is not None:
            return hit
        if not words or self._any_name_inside(start, end):
            return None  # names there, but none of them is who the span means
        if len(lowered) == 1 and lowered[0] in PRONOUNS:
            return self._pronoun(lowered[0], start)
        forms = [" ".join(words)] if _PREPOSITION.search(text) else [" ".join(words), words[-1]]
        for form in forms:
            cands = self._alias.get(name_key(form))
            if cands:
                return self._most_recent(cands, start)
        return self._nominal(lowered, start)

    def _overlapping(self, start: int, end: int) -> int | None:
        lo = bisect.bisect_left(self._span_starts, start - 200)
        best, best_rank = None, None
        for s, e, idx in self._spans[lo:]:
            if s >= end:
                break
            if e <= start:
                continue
            if not self._heads_span(start, end, s, e, self.entities[idx].type):
                continue
            overlap = min(e, end) - max(s, start)
            rank = (TYPE_PREFERENCE[self.entities[idx].type], -overlap)
            if best_rank is None or rank < best_rank:
                best, best_rank = idx, rank
        return best

    def _any_name_inside(self, start: int, end: int) -> bool:
        lo = bisect.bisect_left(self._span_starts, start - 200)
        return any(s < end and start < e for s, e, _idx in self._spans[lo:] if s < end)

    def _heads_span(self, start: int, end: int, s: int, e: int, type_: str) -> bool:
        """Whether a name inside a source span is who the span means: not "a person in
        Kelmar" nor "sources close to Varlamov", but "the head of the army, Oleg Varlamov"."""
        if not self._text:
            return True
        before = self._text[start:s] if s > start else ""
        if type_ in ("place", "group"):
            rest = (before + " " + (self._text[e:end] if end > e else "")).lower()
            return not [w for w in _WORD.findall(rest) if w not in DETERMINERS]
        if type_ == "org" and _SPEAKS_FOR.search(before):
            return True  # "a spokesman for the Ministry of Defence" speaks for the ministry
        preps = list(_PREPOSITION.finditer(before))
        return not preps or "," in before[preps[-1].end() :]

    def _sent(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_starts, pos) - 1

    def _most_recent(self, idxs: list[int], pos: int) -> int:
        """Which of several people a shared surname means: the one the story is about so far
        (named most often as the subject of a clause, then most often), else the one named last.
        "Hillary Clinton was headed ... to daughter Chelsea Clinton's apartment ... Clinton had
        told police" is Hillary Clinton: a relative named once in passing does not take the name."""
        if len(idxs) == 1:
            return idxs[0]
        weight: dict[int, tuple[int, int, int]] = {}
        for s, _e, idx, subj in self._person_mentions:
            if s >= pos:
                break
            if idx in idxs:
                as_subject, mentions, _last = weight.get(idx, (0, 0, -1))
                weight[idx] = (as_subject + int(subj), mentions + 1, s)
        if not weight:
            return idxs[0]
        return max(weight, key=lambda i: weight[i])

    def _pronoun(self, word: str, pos: int) -> int | None:
        gender, kind = PRONOUNS[word]
        if kind == "person":
            return self._salient_person(pos, gender=gender)
        return self._salient_org(pos, None)

    def _salient_person(
        self, pos: int, gender: str | None = None, heads: set[str] | None = None
    ) -> int | None:
        here = self._sent(pos)
        scores: dict[int, float] = {}
        untitled_near: set[int] = set()  # people just named, with no role known in this document
        hi = bisect.bisect_left(self._person_starts, pos)
        for s, _e, idx, subj in reversed(self._person_mentions[:hi]):
            dist = here - self._sent(s)
            if heads is None and dist > MAX_PRONOUN_SENTENCES:
                break
            if dist <= 2:
                untitled_near.add(idx)
            if idx in scores:
                continue
            ent = self.entities[idx]
            if gender and ent.gender and ent.gender != gender:
                scores[idx] = float("-inf")
                untitled_near.discard(idx)
                continue
            if heads is not None:
                overlap = heads & self._heads[idx]
                if not overlap:
                    scores[idx] = float("-inf")
                    if self._heads[idx] and not roles_conflict(list(self._heads[idx]), list(heads)):
                        pass
                    elif self._heads[idx]:
                        untitled_near.discard(idx)
                    continue
                score = 3.0 * len(overlap) - 0.3 * dist
            else:
                score = -2.0 * dist + (1.0 if subj else 0.0) + (0.0 if ent.gender else -1.5)
            score += 0.1 * min(len(ent.mentions), 5) + s / max(pos, 1) * 0.5
            scores[idx] = score
        live = {i: sc for i, sc in scores.items() if sc != float("-inf")}
        if not live and heads is not None and heads & OFFICES:
            # "Horvel told reporters ... The minister said": the one person just named,
            # whose role this document never gave, nor one that contradicts the noun
            near = [
                i
                for i in untitled_near
                if not self._heads[i] or not roles_conflict(list(self._heads[i]), list(heads))
            ]
            return near[0] if len(near) == 1 else None
        return max(live, key=live.get) if live else None

    def _salient_org(self, pos: int, head: str | None) -> int | None:
        hi = bisect.bisect_left(self._org_starts, pos)
        here = self._sent(pos)
        for s, _e, idx in reversed(self._org_mentions[:hi]):
            if head is None and here - self._sent(s) > MAX_PRONOUN_SENTENCES - 1:
                return None
            if head is None or head in self._heads[idx]:
                return idx
        return None

    def _nominal(self, lowered: list[str], pos: int) -> int | None:
        words = [w for w in lowered if w not in DETERMINERS and w not in ("'s", "’s")]
        # drop a possessor before the head: "putin 's spokesman" -> "spokesman"
        if "'s" in lowered or "’s" in lowered:
            cut = max(i for i, w in enumerate(lowered) if w in ("'s", "’s"))
            words = [w for w in lowered[cut + 1 :] if w not in DETERMINERS]
        if not words or len(words) > 5:
            return None
        phrase = " ".join(words)
        heads = _heads(phrase)
        if heads:
            return self._salient_person(pos, gender=gender_of_words(words), heads=heads)
        head = words[-1]
        if head in ANONYMOUS_NOUNS or (head in PERSON_NOUNS and lowered[0] in INDEFINITE):
            # "another source said", "a senior official said": someone the report does not name,
            # never the person named last ("the source added" is that unnamed source again)
            return None
        if head in PERSON_NOUNS:
            return self._salient_person(pos, gender=PERSON_NOUNS[head])
        singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
        return self._salient_org(pos, singular)


_WORD = re.compile(r"\w+")
_SPEAKS_FOR = re.compile(
    r"(?i)(?:spokes\w*|representative|press (?:service|office|secretary)|statement|"
    r"officials?|sources?)\s+(?:for|of|from|at)\s+(?:the\s+)?$"
)
_PREPOSITION = re.compile(
    r"(?i)(?<!\w)(?:in|at|from|near|of|to|with|for|inside|outside|among|around|about|against|"
    r"behind|by|close|via|в|во|на|из|у|от|к|с|со|при|около|возле|близкий|близких)(?!\w)"
)


def _words(text: str) -> list[str]:
    out = []
    for raw in text.replace("’", "'").split():
        w = raw.strip('.,;:!?"“”()[]')
        if w.lower().endswith("'s") and len(w) > 2:
            out += [w[:-2], "'s"]
        elif w:
            out.append(w)
    return out


# -- mention finding ---------------------------------------------------------


def _is_role_token(tok) -> bool:
    w = tok.text.lower().rstrip(".")
    return w in ROLE_WORDS and w not in ("former", "ex", "member", "witness", "resident")


def _title_start(sdoc, i: int, floor: int) -> int | None:
    """First token of a title run ending just before token ``i`` ("Defence Minister")."""
    j = i - 1
    start = None
    while j >= floor:
        tok = sdoc[j]
        w = tok.text.lower().rstrip(".")
        if _is_role_token(tok):
            start = j
        elif tok.text == "-" and j > floor and _is_role_token(sdoc[j - 1]):
            pass
        elif (
            tok.text in ("'s", "’s")
            and start is not None
            and j > floor
            and sdoc[j - 1].pos_ == "PROPN"
        ):
            j -= 1
            while j - 1 >= floor and sdoc[j - 1].pos_ == "PROPN":
                j -= 1
            start = j
        elif start is not None and (
            (w in ROLE_MODIFIERS and w not in ("the", "of", "and", "for"))
            or tok.ent_type_ == "NORP"
            or (tok.dep_ == "compound" and tok.pos_ in ("PROPN", "NOUN") and tok.text[:1].isupper())
        ):
            start = j
        else:
            break
        j -= 1
    return start


def _clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A role's characters: its first line, no unclosed bracket, no edge punctuation."""
    line = text[start:end].split("\n")[0]
    if line.count("(") > line.count(")"):
        line = line[: line.rfind("(")]
    stripped = line.strip(" ,;:-")
    if not stripped:
        return None
    s = start + line.index(stripped)
    return s, s + len(stripped)


def _appositive(sdoc, tok_start: int, tok_end: int) -> tuple[int, int] | None:
    """ ", former ambassador to Veskaria," after a name, without the article: its offsets."""
    if tok_end >= len(sdoc) or sdoc[tok_end].text != ",":
        return None
    for tok in sdoc[tok_start:tok_end]:
        for child in tok.children:
            if child.dep_ == "appos" and child.i >= tok_end and child.pos_ in ("NOUN", "PROPN"):
                if child.ent_type_ == "PERSON" or child.like_num:
                    continue
                left, right = child.left_edge.i, child.right_edge.i
                if left != tok_end + 1 or right - left > 15:
                    continue
                span = sdoc[left : right + 1]
                words = [t for t in span]
                while words and (words[0].lower_ in DETERMINERS or words[0].is_punct):
                    words = words[1:]
                while words and words[-1].is_punct:
                    words = words[:-1]
                if words and any(_is_role_token(t) or t.pos_ == "NOUN" for t in words):
                    span = sdoc[words[0].i : words[-1].i + 1]
                    return _clean_span(doc_text(sdoc), span.start_char, span.end_char)
    return None


def _appositive_before(sdoc, a: int, b: int, title_start: int | None) -> tuple[int, int] | None:
    """ "The former commander of the British Joint Forces, Richard Barrons," and
    "Former US ambassador to Russia Michael McFaul": a description ahead of the name.
    "The mayor of Drovna, Petr Kolas": the parser may hang the name on "Drovna"; the
    description is the role noun that "Drovna" completes."""
    root = sdoc[a:b].root
    head = root.head
    if (
        root.dep_ == "appos"
        and head.dep_ == "pobj"
        and head.head.dep_ == "prep"
        and head.head.head.i < head.i
    ):
        if _is_role_token(head.head.head) and head.i < a:
            head = head.head.head
    if (
        root.dep_ != "appos"
        or head.i >= a
        or head.pos_ not in ("NOUN", "PROPN")
        or not _is_role_token(head)
    ):
        return None
    left = head.left_edge.i
    if a - left > 16:
        return None
    words = list(sdoc[left:a])
    while words and (words[0].lower_ in DETERMINERS or words[0].is_punct):
        words = words[1:]
    if title_start is not None:  # "the council's spokesman, Major Anton Ivanek": not ", Major"
        words = [w for w in words if w.idx < title_start]
    while words and (words[-1].is_punct or words[-1].is_space):
        words = words[:-1]
    if not words:
        return None  # already read as the title
    span = sdoc[words[0].i : words[-1].i + 1]
    return _clean_span(doc_text(sdoc), span.start_char, span.end_char)


def _ent_parts(sdoc, ent) -> list[tuple[int, int]]:
    """An entity span cut at line breaks (a byline and a dateline run together) and,
    for places and organizations, at commas ("Drovna, Ostrovets")."""
    parts, a = [], ent.start
    for i in range(ent.start, ent.end):
        tok = sdoc[i]
        spaced_dash = (
            tok.text in ("-", "–", "—")
            and bool(tok.whitespace_)
            and i > 0
            and bool(sdoc[i - 1].whitespace_)
        )
        cut_here = (
            tok.is_space
            or "\n" in tok.text
            or spaced_dash
            or (tok.text == "," and ent.label_ != "PERSON")
        )
        if cut_here:
            if i > a:
                parts.append((a, i))
            a = i + 1
        elif "\n" in tok.whitespace_:
            parts.append((a, i + 1))
            a = i + 1
    if ent.end > a:
        parts.append((a, ent.end))
    return parts


def _title_word(tok) -> bool:
    w = tok.lower_.rstrip(".")
    return _is_role_token(tok) or w in HONORIFICS or w in ROLE_MODIFIERS or tok.text in ("-", "–")


def _exact_place(name: str, gaz: Gazetteer):
    """The gazetteer's hit for ``name``, never a near-spelling guess (the callers trust
    only names the gazetteer knows as written)."""
    return gaz.lookup(name, fuzzy=False)


def _strong_place(text: str, located: bool, gaz: Gazetteer) -> bool:
    """The gazetteer knows this name well enough to overrule spaCy's label."""
    hit = _exact_place(text, gaz)
    if hit is None:
        return False
    if hit.match in ("user", "historical-user", "country", "historical"):
        return True
    return located and hit.entry.population >= 100_000


def _relabel(sdoc, a: int, b: int, label: str, gaz: Gazetteer) -> tuple[int, int, str] | None:
    """Clean a name's token range and fix spaCy's label where the words say otherwise."""
    tab = token_table(sdoc)
    while b > a and (
        tab.text[b - 1] in ("'s", "’s", "'", "’") or tab.is_punct[b - 1] or tab.is_space[b - 1]
    ):
        b -= 1
    while a < b and (tab.lower[a] in ("the", "a", "an") or tab.is_punct[a] or tab.is_space[a]):
        a += 1
    if b <= a or all(_title_word(t) for t in sdoc[a:b]):
        return None  # "Major-General", "Interior": a title, not a name
    first, last = sdoc[a], sdoc[b - 1]
    if _of_a_place(sdoc, a, b):
        return a, b, "place"
    if _a_platform(sdoc, a, b):
        return a, b, "org"
    located = a > 0 and sdoc[a - 1].lower_ in LOCATIVE
    if label != "person":
        # "Mr Horvel", "Major-General Viktor Saburov" tagged as organizations
        c = a
        while c < b - 1 and _title_word(sdoc[c]):
            c += 1
        if (
            c > a
            and last.lower_ not in ORG_HEADS
            and any(  # not "General Staff"
                _is_role_token(t) or t.lower_.rstrip(".") in HONORIFICS for t in sdoc[a:c]
            )
        ):
            if b - c <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in sdoc[c:b]):
                return c, b, "person"
        # an organization or place right after a person's title is a person ("President Vell")
        if a > 0 and _is_role_token(sdoc[a - 1]) and sdoc[a - 1].text[:1].isupper() and b - a <= 3:
            if all(t.pos_ == "PROPN" for t in sdoc[a:b]):
                return a, b, "person"
        text = sdoc[a:b].text
        if label == "org" and all(t.is_lower or not t.is_alpha for t in sdoc[a:b]):
            return None  # "the council", "white bison": not a name
        if label == "org" and _strong_place(text, located or text.isupper(), gaz):
            return a, b, "place"  # datelines ("VIENNA -"), "flights to Kelmar", "Drovna said"
        if (
            label == "org"
            and 2 <= b - a <= 3
            and _known_first_name(first)
            and last.lower_ not in ORG_HEADS
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in sdoc[a:b])
        ):
            if gaz.lookup(text) is None and last.text not in MEDIA_WORDS:
                return a, b, "person"  # "Irina Toll" tagged as an organization
        if (
            label == "place"
            and 2 <= b - a <= 3
            and _known_first_name(first)
            and last.lower_ not in PLACE_HEADS
            and all(t.pos_ == "PROPN" for t in sdoc[a:b])
        ):
            if gaz.lookup(text) is None:
                return a, b, "person"  # "Hanna Strand"
        return a, b, label
    a0 = a
    while a < b - 1 and (
        _is_role_token(sdoc[a])
        or sdoc[a].text in ("-", "–")
        or sdoc[a].lower_.rstrip(".") in HONORIFICS
    ):
        a += 1
    first, last = sdoc[a], sdoc[b - 1]
    head = last.lower_
    if a > a0 and head in ORG_HEADS and all(t.text[:1].isupper() for t in sdoc[a0:b]):
        return a0, b, "org"  # "General Staff": the title word is the organization's own
    if a > 0 and sdoc[a - 1].lower_ in NAMED_BY_ORG_NOUN:
        return a, b, "org"  # "the news agency Zapad-Info", "the rights group Civic Watch"
    if b - a == 1 and head.endswith("ians"):
        return a, b, "group"  # "Veskarians"
    if (head in ORG_HEADS or last.text in MEDIA_WORDS) and b - a >= 1:
        return a, b, "org"  # "Civic Watch", "Mechanised Brigade"
    if head in PLACE_HEADS:
        return a, b, "place"
    if b - a == 1 and (
        _is_role_token(first)
        or not first.text[:1].isupper()
        or first.lower_ in NOT_NAMES
        or first.lower_.endswith("ing")
    ):
        return None
    return a, b, "person"


def _a_platform(sdoc, a: int, b: int) -> bool:
    """ "On Twitter", "a Telegram channel": a social platform is an organization, whatever
    spaCy called it (it often reads "Twitter" as a person). "X" is one only where it is
    written on ("posted on X")."""
    if b - a != 1 or not sdoc[a].text[:1].isupper():
        return False
    word = sdoc[a].text
    if word.lower() in PLATFORMS:
        return True
    return word == "X" and a > 0 and sdoc[a - 1].lower_ in ("on", "via")


def _orgs_taken_for_people(sdoc, people: list[_Cluster], orgs: list[_Cand]) -> list[_Cluster]:
    """A lone name that the text uses as a pollster or a platform is an organization, not a
    person: it qualifies "poll", "survey" ("a Rasmussen poll"), or "account", "video",
    "users" while never the subject of a verb ("Telegram users"), or it stands in "X and
    Y" with an organization ("Morning Consult and Rasmussen had similar numbers"). Someone
    named in full, or given a role, stays a person ("a Clinton poll" after "Hillary
    Clinton" is hers); a person's own things take a possessive ("Trump's account")."""
    # the organizations a lone name may be paired with: "Morning Consult", not a lone "Bill"
    org_tokens = {
        i
        for c in orgs
        if sdoc[c.tok_end - 1].lower_ in ORG_HEADS or _a_platform(sdoc, c.tok_start, c.tok_end)
        for i in range(c.tok_start, c.tok_end)
    }
    keep = []
    for cl in people:
        single = all(c.tok_end - c.tok_start == 1 for c in cl.cands)
        if cl.first or cl.roles or cl.descriptions or not single:
            keep.append(cl)
            continue
        toks = [sdoc[c.tok_start] for c in cl.cands]
        if gender_of_name(toks[0].text) is not None:
            keep.append(cl)  # "Bill, Hillary and Chelsea": a first name is someone's
            continue
        # a capital that only starts the sentence says nothing ("Exit polls showed")
        named = [t for t in toks if not t.is_sent_start]
        polled = any(t.dep_ == "compound" and t.head.lemma_.lower() in POLL_NOUNS for t in named)
        posted = any(
            t.dep_ == "compound" and t.head.lemma_.lower() in PLATFORM_NOUNS for t in named
        ) and not any(t.dep_ in ("nsubj", "nsubjpass") for t in toks)
        paired = any(
            (t.dep_ == "conj" and t.head.i in org_tokens)
            or any(c.dep_ == "conj" and c.i in org_tokens for c in t.children)
            for t in toks
        )
        if polled or posted or paired:
            for c in cl.cands:
                c.label = "org"
            cl.label = "org"
            org_tokens.update(c.tok_start for c in cl.cands)
        else:
            keep.append(cl)
    return keep


def _of_a_place(sdoc, a: int, b: int) -> bool:
    """ "The mayor of Drovna, Petr Kolas": a one- or two-word name right after "mayor of",
    "residents of", ... is a place, whatever spaCy called it ("Drovna" read as an organization)."""
    if a < 2 or b - a > 2 or sdoc[a - 1].lower_ != "of" or sdoc[a - 2].lower_ not in OF_A_PLACE:
        return False
    words = sdoc[a:b]
    return sdoc[b - 1].lower_ not in ORG_HEADS and all(
        t.pos_ == "PROPN" and t.text[:1].isupper() for t in words
    )


def _is_known_place(word: str, gaz: Gazetteer) -> bool:
    hit = _exact_place(word, gaz)
    return hit is not None and (
        hit.match in ("country", "user", "historical-user") or hit.entry.population >= 100_000
    )


def _known_first_name(tok) -> bool:
    return _first_name_like(tok.pos_, tok.text)


def _first_name_like(pos: str, text: str) -> bool:
    return (
        pos == "PROPN"
        and text[:1].isupper()
        and text.isalpha()
        and len(text) > 1
        and gender_of_name(text) is not None
    )


def _outlet_spans(sdoc, outlet: str | None) -> list[tuple[int, int]]:
    """Token ranges naming a news outlet: the document's own, or a place + "Today", "Times"..."""
    spans = []
    if outlet and len(outlet) > 2:
        for m in re.finditer(r"(?<!\w)" + re.escape(outlet) + r"(?!\w)", doc_text(sdoc)):
            span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                spans.append((span.start, span.end))
    for ent in sdoc.ents:
        if ent.label_ in ("GPE", "LOC", "NORP", "ORG") and ent.end < len(sdoc):
            nxt = sdoc[ent.end]
            if nxt.text in MEDIA_WORDS:
                spans.append((ent.start, ent.end + 1))
    return spans


def _candidates(sdoc, gaz: Gazetteer, outlet: str | None = None) -> list[_Cand]:
    taken = [False] * (len(sdoc) + 1)
    out: list[_Cand] = []
    for a, b in _outlet_spans(sdoc, outlet):
        if not any(taken[a:b]):
            out.append(_make(sdoc, a, b, "org"))
            for i in range(a, b):
                taken[i] = True
    for ent in sdoc.ents:
        label = LABELS.get(ent.label_)
        if label is None or any(taken[ent.start : ent.end]):
            continue
        for a, b in _ent_parts(sdoc, ent):
            fixed = _relabel(sdoc, a, b, label, gaz)
            if fixed is None:
                continue
            a, b, part_label = fixed
            out.append(_make(sdoc, a, b, part_label))
        for i in range(ent.start, ent.end):
            taken[i] = True
    # names spaCy missed: a known first name followed by capitalized proper nouns
    tab = token_table(sdoc)
    pos, words = tab.pos, tab.text
    i = 0
    n = len(sdoc)
    while i < n:
        if not taken[i] and _first_name_like(pos[i], words[i]):
            j = i + 1
            while (
                j < n
                and not taken[j]
                and pos[j] == "PROPN"
                and words[j][:1].isupper()
                and words[j].isalpha()
            ):
                j += 1
            if j - i >= 2 and j - i <= 4:
                fixed = _relabel(sdoc, i, j, "person", gaz)
                if fixed is not None:
                    out.append(_make(sdoc, *fixed))
                i = j
                continue
        i += 1
    # organizations inside a person's title are part of the title ("Interior Minister Lena Barsky")
    titles = [
        (c.title_start, c.start) for c in out if c.label == "person" and c.title_start is not None
    ]
    if titles:
        out = [
            c
            for c in out
            if c.label == "person"
            or not any(t0 <= c.start and c.end <= t1 for t0, t1 in titles)
            or c.label == "place"
            and "'s" in doc_text(sdoc)[c.end : c.end + 3]
        ]
    # a proper noun that says something is someone ("Ivashov disagreed")
    for k in range(n):
        if (
            not taken[k]
            and pos[k] == "PROPN"
            and tab.dep[k] == "nsubj"
            and tab.is_alpha[k]
            and words[k][:1].isupper()
            and not words[k].isupper()
            and tab.lemma[tab.head[k]] in SPEECH_VERBS
        ):
            tok = sdoc[k]
            a = tok.i
            while (
                a > 0
                and not taken[a - 1]
                and sdoc[a - 1].dep_ == "compound"
                and sdoc[a - 1].pos_ == "PROPN"
                and sdoc[a - 1].head.i == tok.i
            ):
                a -= 1
            if (
                not _is_role_token(tok)
                and tok.text not in INSTITUTIONS
                and not _is_known_place(tok.text, gaz)
            ):
                fixed = _relabel(sdoc, a, tok.i + 1, "person", gaz)
                if fixed is not None:
                    out.append(_make(sdoc, *fixed))
                for i in range(a, tok.i + 1):
                    taken[i] = True
    out.sort(key=lambda c: c.start)
    return _drop_junk(sdoc, out)


def _drop_junk(sdoc, cands: list[_Cand]) -> list[_Cand]:
    """Headings, page furniture, "pro-X" adjectives and common nouns are not actors.

    A person or organization named only in headings is dropped; one the text also
    names is kept (its heading mention included). Places in headings stay places.
    """
    text = doc_text(sdoc)
    lines = find_lines(sdoc, text)
    top = title_case_headline(text)
    if top is not None:
        lines = Lines((*lines.headings, top), lines.boilerplate)
    seen: set[tuple[int, int]] = set()
    unique = []
    for c in cands:  # two passes may find the same name ("Oleg Varlamov said"): keep it once
        if (c.start, c.end) not in seen:
            seen.add((c.start, c.end))
            unique.append(c)
    kept = [
        c
        for c in unique
        if not lines.boilerplate_at(c.start, c.end)
        and not is_adjective_form(c.text, text[max(0, c.start - 5) : c.start])
        and not (c.label != "place" and is_common_noun(c.text))
        and not _a_pageant(c, text)
    ]
    people = {c.text.casefold() for c in kept if c.label == "person"}
    if people:
        common = {t.text for t in sdoc if t.is_alpha and t.text.islower()}
        kept = [_trim_headline_word(sdoc, c, people, common) for c in kept]
    if not lines.headings:
        return kept
    in_body: dict[str, str] = {}
    for c in kept:
        if not lines.heading_at(c.start, c.end):
            in_body.setdefault(c.text.casefold(), c.label)
            in_body.setdefault(_person_parts(c.text)[1].casefold(), c.label)
    out = []
    for c in kept:
        if c.label == "place" or not lines.heading_at(c.start, c.end):
            out.append(c)
            continue
        label = in_body.get(c.text.casefold()) or in_body.get(_person_parts(c.text)[1].casefold())
        words = c.text.split()
        if (
            label == "person"
            and c.text.casefold() not in in_body
            and len(words) == 2
            and c.tok_end - c.tok_start == 2
            and not _first_name_like("PROPN", words[0])
        ):  # "Derelict Halvik And ...": the headline's word is no first name
            c = _make(sdoc, c.tok_start + 1, c.tok_end, "person")
        if label is not None:
            c.label = (
                label if " " not in c.text else c.label
            )  # the text says what a heading's word is
            out.append(c)
    return out


PAGEANTS = frozenset("Universe World Earth International America USA".split())


def _a_pageant(c: _Cand, text: str) -> bool:
    """ "A former Miss Universe" is a title someone won, not a woman called Universe."""
    return c.text in PAGEANTS and text[max(0, c.start - 5) : c.start] == "Miss "


def _trim_headline_word(sdoc, c: _Cand, people: set[str], common: set[str]) -> _Cand:
    """A title-case headline runs its words into the name ("Veterans Rip Donald Trump",
    "President Obama Says"): when the rest is a person the text names elsewhere, the
    words cut off are no first names ("Mary Ann Smith" stays whole) before the name,
    and words the text also writes in lower case ("says") after it."""
    words = c.text.split()
    if c.label != "person" or c.tok_end - c.tok_start != len(words):
        return c
    for k in range(1, len(words) - 1):
        if _first_name_like("PROPN", words[k - 1]):
            break
        if " ".join(words[k:]).casefold() in people:
            return _make(sdoc, c.tok_start + k, c.tok_end, "person")
    if len(words) == 2 and words[1].casefold() in people and _headline_word(sdoc, c, words[0]):
        return _make(sdoc, c.tok_start + 1, c.tok_end, "person")
    for k in range(1, len(words)):
        if words[-k].lower() not in common:
            break
        if " ".join(words[:-k]).casefold() in people:
            return _make(sdoc, c.tok_start, c.tok_end - k, "person")
    return c


def _headline_word(sdoc, c: _Cand, word: str) -> bool:
    """A common word a title-case line puts before a surname the text names alone
    ("Derelict Obama and Clinton;" over a story about Obama): an English adjective or noun,
    no first name, and written nowhere else in the text."""
    text = doc_text(sdoc)
    return (
        word.isalpha()
        and word.lower() in common_words()
        and not _first_name_like("PROPN", word)
        and text.count(word) == 1
        and title_case_line(text, c.start, c.end)
    )


def _make(sdoc, a: int, b: int, label: str) -> _Cand:
    span = sdoc[a:b]
    cand = _Cand(span.start_char, span.end_char, span.text, label, a, b)
    root = span.root
    cand.subject = root.dep_ in ("nsubj", "nsubjpass") or (
        root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")
    )
    if label == "person":
        sent = span.sent
        text = doc_text(sdoc)
        sent_text = sent.text
        lead = len(sent_text) - len(sent_text.lstrip())
        cand.sentence = (sent.start_char + lead, sent.start_char + len(sent_text.rstrip()))
        t = _title_start(sdoc, a, sent.start)
        if t is not None:
            raw = sdoc[t:a]
            title = raw.text.strip(" -")
            cand.title_start = sdoc[t].idx
            cand.hypothetical = t > sent.start and sdoc[t - 1].lower_ in HYPOTHETICAL
            if all(w.lower().rstrip(".") in HONORIFICS for w in title.split()):
                cand.gender_hint = gender_of_words(title.split())  # "Mrs" says who, not what
            elif title:
                cand.role = title
                r0 = raw.start_char + raw.text.index(title)
                cand.role_span = (r0, r0 + len(title))
        desc = _appositive(sdoc, a, b) or _appositive_before(sdoc, a, b, cand.title_start)
        if desc is not None:
            cand.description_span = desc
            cand.description = text[desc[0] : desc[1]]
    return cand


def _role_records(cl: _Cluster) -> list[Role]:
    """The cluster's titles and appositions, each once, in the order the text gives them."""
    out: dict[tuple[int, int], Role] = {}
    for c in cl.cands:
        for span, text, kind in (
            (c.role_span, c.role, "title"),
            (c.description_span, c.description, "apposition"),
        ):
            if span is not None and text:
                out.setdefault(span, Role(span[0], span[1], text, kind, *c.sentence))
    return sorted(out.values(), key=lambda r: r.start)


# -- clustering --------------------------------------------------------------


# Words that belong to the surname they stand before: "Bill de Blasio" is Mr de Blasio,
# and a headline's "De Blasio" is the same man, not a person whose first name is "De".
SURNAME_PARTICLES = frozenset(
    "de da di del della der den van von ter ten la le du dos das bin ibn".split()
)


def _person_parts(text: str) -> tuple[str | None, str]:
    parts = [p for p in text.replace("’", "'").split() if p.strip(".")]
    if not parts:
        return None, text
    end = len(parts)
    if end > 1 and parts[-1].lower().rstrip(".") in ("jr", "sr", "ii", "iii"):
        end -= 1
    begin = end - 1
    while begin > 0 and parts[begin - 1].lower() in SURNAME_PARTICLES:
        begin -= 1
    last = " ".join(parts[begin:end])
    first = parts[0] if begin > 0 else None
    return first, last


def _cluster_people(cands: list[_Cand]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    singles: list[_Cand] = []
    for cand in cands:
        first, last = _person_parts(cand.text)
        if first is None:
            singles.append(cand)
            continue
        lk = name_key(last)
        match = None
        for cl in clusters:
            if cl.last == lk and first_names_compatible(cl.first, first):
                match = cl
                break
        if match is None:
            match = _Cluster("person", first=first, last=lk)
            clusters.append(match)
        elif match.first and len(match.first.rstrip(".")) == 1 and len(first) > 2:
            match.first = first
        match.cands.append(cand)
    for cand in singles:
        lk = name_key(cand.text)
        options = [cl for cl in clusters if cl.last == lk] or _first_name_owner(clusters, lk)
        hint = cand.role or cand.description
        if len(options) > 1 and hint:
            fitting = [
                cl for cl in options if not roles_conflict(cl.roles + cl.descriptions, [hint])
            ]
            by_head = [cl for cl in fitting if _heads(hint) & cl.role_heads()]
            if not by_head and cand.role and _an_office(cand.role):
                # of namesakes none given the office here, one given another role is not the
                # holder: "President Obama" beside "first lady Michelle Obama" and "Barack
                # Obama" is Barack, though the story is about her
                fitting = [
                    cl for cl in fitting if not _another_office(cl, cand.role, cand.hypothetical)
                ] or fitting
            options = by_head or fitting or options
        if len(options) > 1:
            gender = gender_of_words((cand.role or "").split())
            options = [
                cl for cl in options if not (gender and _gender(cl) and _gender(cl) != gender)
            ] or options
        if len(options) > 1:
            options = [_surname_owner(options, cand.start)]
        if options and cand.role and _another_office(options[0], cand.role, cand.hypothetical):
            options = []
        if options:
            options[0].cands.append(cand)
        else:
            clusters.append(_Cluster("person", [cand], first=None, last=lk))
    _merge_misspellings(clusters)
    for cl in clusters:
        cl.cands.sort(key=lambda c: c.start)
    return clusters


def _an_office(title: str) -> bool:
    """A title that names an office someone holds ("President", "Senator"), not a courtesy."""
    return any(h.split()[-1] in OFFICES for h in _heads(title))


def _another_office(cl: _Cluster, title: str, hypothetical: bool = False) -> bool:
    """A bare surname under a title the person named in full never had here: "President
    Clinton" in a story that introduced "Democratic presidential candidate Hillary
    Clinton", "President Obama" beside "first lady Michelle Obama". The reader knows it is
    someone else; the document does not say who, so the surname stays apart (the corpus
    may know). A candidate holds no office: the office sought is not theirs, but for "a
    President Clinton would" ("hypothetical"), while a past one may be ("Senator Sanders"
    beside "presidential candidate Bernie Sanders")."""
    full = [c for c in cl.cands if " " in c.text and (c.role or c.description)]
    if not full:
        return False
    heads: set[str] = set()
    sought: set[str] = set()
    for c in full:
        for text in (c.role or "", c.description or ""):
            heads |= _heads(text)
            sought |= _sought(text)
    held = {h for h in heads if h.split()[-1] not in CANDIDACY}
    wanted = _heads(title)
    if wanted & held:
        return False
    if wanted & sought:
        return not hypothetical
    return bool(held)


def _sought(role: str) -> set[str]:
    """The offices a candidacy names ("presidential candidate" -> president); a candidate or
    nominee of no named race is taken to seek the presidency, the race most reported."""
    words = role_words(role)
    sought: set[str] = set()
    for i, w in enumerate(words):
        if w in CANDIDACY:
            named = {SOUGHT_OFFICE[v] for v in words[:i] if v in SOUGHT_OFFICE}
            sought |= named or {"president"}
    return {_norm_role(w) for w in sought}


def _first_name_owner(clusters: list[_Cluster], key: str) -> list[_Cluster]:
    """The one person a lone first name means ("Hillary's health" after "Hillary Clinton"):
    the only person of the document with that first name, where no one has it as a surname.
    Two people sharing it leave the name alone rather than guess."""
    if len(key) < 3:
        return []
    owners = [cl for cl in clusters if cl.first and name_key(cl.first) == key]
    return owners if len(owners) == 1 else []


def _surname_owner(options: list[_Cluster], pos: int) -> _Cluster:
    """Of several people sharing a surname, the one a bare surname means: the one named
    most often so far, and on a tie the one named first (the story's subject: "Hillary
    Clinton ... daughter Chelsea Clinton's apartment ... Clinton had told police")."""
    before = [cl for cl in options if cl.cands[0].start < pos] or options
    return max(
        before, key=lambda cl: (sum(1 for c in cl.cands if c.start < pos), -cl.cands[0].start)
    )


def _gender(cl: _Cluster) -> str | None:
    if cl.gender is None:
        words = [w for r in cl.roles for w in r.split()]
        hints = {c.gender_hint for c in cl.cands if c.gender_hint}
        cl.gender = (
            gender_of_words(words)
            or (hints.pop() if len(hints) == 1 else None)
            or gender_of_name(cl.first, cl.last)
        )
    return cl.gender


def _merge_misspellings(clusters: list[_Cluster]) -> None:
    """A person named once with a near-spelling of a more salient person is that person,
    unless another person in the document is as close a spelling: then a reader cannot
    tell which one was meant, and two people must never be merged by a guess."""
    for cl in sorted(clusters, key=lambda c: len(c.cands)):
        if len(cl.cands) != 1 or not cl.cands:
            continue
        if cl.last is not None and _competing_spellings(cl, clusters):
            continue
        target = None
        for other in clusters:
            if other is cl or not other.cands or other.last is None or cl.last is None:
                continue
            salient = (
                len(other.cands) > 1
                or (other.first and not cl.first)
                or (
                    other.cands[0].start < cl.cands[0].start and bool(other.first) == bool(cl.first)
                )
            )
            if not salient or not near_spelling(cl.last, other.last):
                continue
            if not first_names_compatible(cl.first, other.first):
                continue
            if roles_conflict(cl.roles, other.roles):
                continue
            g1, g2 = _gender(cl), _gender(other)
            if g1 and g2 and g1 != g2:
                continue
            if target is None or len(other.cands) > len(target.cands):
                target = other
        if target is not None:
            target.misspelled.add(id(cl.cands[0]))
            target.cands.extend(cl.cands)
            cl.cands = []
    clusters[:] = [cl for cl in clusters if cl.cands]


def _competing_spellings(cl: _Cluster, clusters: list[_Cluster]) -> bool:
    """Two or more other people whose surnames are near-spellings of this one at the same,
    smallest distance ("Orlev" after both "Pavel Orlov" and "Petr Orlav")."""
    dists = sorted(
        Levenshtein.distance(cl.last, other.last)
        for other in clusters
        if other is not cl and other.cands and other.last and near_spelling(cl.last, other.last)
    )
    return len(dists) > 1 and dists[0] == dists[1]


def _places_taken_for_people(
    sdoc, people: list[_Cluster], place_keys: set[str], gaz: Gazetteer
) -> list[_Cluster]:
    """A lone capitalized word spaCy called a person that the gazetteer knows as a place
    ("Drovna's airport"): a user-gazetteer name or a country anywhere, a large city after
    "in", "near", "from"; or that the same document names as a place elsewhere ("left
    Drovna" beside "in Drovna"): one name is not both a place and a person."""
    keep = []
    for cl in people:
        if cl.roles or any(role_heads(d) for d in cl.descriptions):
            keep.append(
                cl
            )  # a minister or "a retired general" is a person, whatever the gazetteer says
            continue
        if (
            not cl.first
            and all(" " not in c.text for c in cl.cands)
            and name_key(cl.cands[0].text) in place_keys
        ):
            for c in cl.cands:
                c.label = "place"
            cl.label = "place"
            continue
        hit = _exact_place(cl.cands[0].text, gaz)
        if hit is None:
            keep.append(cl)
            continue
        located = any(
            c.tok_start > 0 and sdoc[c.tok_start - 1].lower_ in LOCATIVE for c in cl.cands
        )
        strong = hit.match in ("user", "historical-user", "country", "historical")
        if strong or (located and not cl.first and hit.entry.population >= 100_000):
            for c in cl.cands:
                c.label = "place"
            cl.label = "place"
        else:
            keep.append(cl)
    return keep


def _names_a_thing(sdoc, cl: _Cluster) -> bool:
    """A lone word only ever used to qualify a common noun ("Iskander missiles") names a thing."""
    if cl.first or cl.roles or cl.descriptions:
        return False
    for c in cl.cands:
        if c.tok_end - c.tok_start != 1:
            return False
        tok = sdoc[c.tok_start]
        if not (tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.is_lower):
            return False
    return True


def _org_words(text: str) -> list[str]:
    return [w for w in name_key(text).split() if w not in ORG_STOP]


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words)


def _cluster_orgs(cands: list[_Cand]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_key: dict[frozenset[str], _Cluster] = {}
    for cand in sorted(cands, key=lambda c: (-len(_org_words(c.text)), c.start)):
        words = _org_words(cand.text)
        if not words:
            continue
        key = frozenset(words)
        cl = by_key.get(key)
        if cl is None and len(words) == 1:
            w = words[0]
            options = []
            for other in clusters:
                full = _org_words(other.cands[0].text)
                if len(full) < 2:
                    continue
                if cand.text.isupper() and len(w) >= 2 and _acronym(full) == w:
                    options.append(other)
                elif w not in GENERIC_ORG_WORDS and full[0] == w:
                    options.append(other)
            if options:
                cl = max(options, key=lambda o: len(o.cands))
        if cl is None:
            cl = _Cluster("org", key=key)
            clusters.append(cl)
        by_key.setdefault(key, cl)
        cl.cands.append(cand)
    for cl in clusters:
        cl.cands.sort(key=lambda c: c.start)
    return clusters


def _cluster_by_key(cands: list[_Cand], label: str) -> list[_Cluster]:
    by_key: dict[str, _Cluster] = {}
    for cand in cands:
        key = name_key(cand.text)
        if label == "group" and key.endswith("s"):
            key = key[:-1]
        by_key.setdefault(key, _Cluster(label)).cands.append(cand)
    return list(by_key.values())


def _canonical(cl: _Cluster) -> str:
    if cl.label == "person":
        forms = Counter(c.text for c in cl.cands if id(c) not in cl.misspelled) or Counter(
            c.text for c in cl.cands
        )
        return max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
    if cl.label == "org":
        return max((c.text for c in cl.cands), key=lambda f: (len(_org_words(f)), len(f)))
    forms = Counter(c.text for c in cl.cands)
    return max(forms, key=lambda f: (not f.isupper(), forms[f], len(f)))


def _absorb_surnames(people: list[_Cluster], others: list[_Cand]) -> list[_Cand]:
    """Single-word orgs/places that are a person's surname ("Ivanek said", tagged ORG)."""
    surnames = {cl.last for cl in people if cl.first}
    keep = []
    for cand in others:
        if (
            (" " not in cand.text or cand.text.split()[0].lower() in SURNAME_PARTICLES)
            and name_key(cand.text) in surnames
            and cand.label in ("org", "place", "group")
        ):
            cand.label = "person"
            _cluster_single(people, cand)
        else:
            keep.append(cand)
    return keep


def _cluster_single(people: list[_Cluster], cand: _Cand) -> None:
    lk = name_key(cand.text)
    options = [cl for cl in people if cl.last == lk]
    before = [cl for cl in options if cl.cands[0].start < cand.start] or options
    best = max(
        before, key=lambda cl: max((c.start for c in cl.cands if c.start < cand.start), default=-1)
    )
    best.cands.append(cand)
    best.cands.sort(key=lambda c: c.start)


def _untagged_surnames(sdoc, people: list[_Cluster], taken: list[tuple[int, int]]) -> list[_Cand]:
    """Surnames of people already named that spaCy did not tag again ("Varlamov added")."""
    surnames = {cl.last for cl in people if cl.first and cl.last}
    if not surnames:
        return []
    occupied = set()
    for s, e in taken:
        occupied.update(range(s, e))
    found = []
    tab = token_table(sdoc)
    for i, (pos, word) in enumerate(zip(tab.pos, tab.text, strict=True)):
        if (
            pos in ("PROPN", "NOUN", "X", "ADJ")
            and word[:1].isupper()
            and tab.idx[i] not in occupied
        ):
            if tab.is_alpha[i] and name_key(word) in surnames:
                found.append(_make(sdoc, i, i + 1, "person"))
    return found


def _pronoun_votes(sdoc, clusters: list[_Cluster]) -> None:
    """Gender from pronouns: "Ilse Marrow said ... she said" with no one else around."""
    sents = [(s.start, s.end) for s in sdoc.sents]
    by_sent: dict[int, set[int]] = {}
    sent_of = {}
    for si, (s0, s1) in enumerate(sents):
        for i in range(s0, s1):
            sent_of[i] = si
    for ci, cl in enumerate(clusters):
        for c in cl.cands:
            by_sent.setdefault(sent_of.get(c.tok_start, 0), set()).add(ci)
    tab = token_table(sdoc)
    for si, (s0, s1) in enumerate(sents):
        for i in range(s0, s1):
            w = tab.lower[i]
            if w in ("he", "she") and tab.dep[i] in ("nsubj", "nsubjpass"):
                near = by_sent.get(si, set()) | by_sent.get(si - 1, set())
                if len(near) == 1:
                    clusters[next(iter(near))].pronoun_votes["m" if w == "he" else "f"] += 1


def extract_entities(sdoc, document=None, gaz: Gazetteer | None = None) -> DocEntities:
    gaz = gaz or load_gazetteer()
    cands = _candidates(sdoc, gaz, getattr(document, "outlet", None))
    people_c = [c for c in cands if c.label == "person"]
    people = _cluster_people(people_c)
    people = _places_taken_for_people(
        sdoc, people, {name_key(c.text) for c in cands if c.label == "place"}, gaz
    )
    people = _orgs_taken_for_people(sdoc, people, [c for c in cands if c.label == "org"])
    people = [cl for cl in people if not _names_a_thing(sdoc, cl)]
    rest = _absorb_surnames(people, [c for c in cands if c.label != "person"])
    extra = _untagged_surnames(sdoc, people, [(c.start, c.end) for c in cands])
    for cand in extra:
        _cluster_single(people, cand)
    in_rest = {id(c) for c in rest}
    rest += [c for c in people_c if c.label in ("place", "org") and id(c) not in in_rest]
    orgs = _cluster_orgs([c for c in rest if c.label == "org"])
    places = _cluster_by_key([c for c in rest if c.label == "place"], "place")
    groups = _cluster_by_key([c for c in rest if c.label == "group"], "group")
    _pronoun_votes(sdoc, people)

    clusters = people + orgs + places + groups
    clusters.sort(key=lambda cl: cl.cands[0].start)
    text = doc_text(sdoc)
    result = DocEntities(_text=text)
    used_ids: Counter = Counter()
    for cl in clusters:
        name = _canonical(cl)
        eid = entity_id(cl.label, name)
        used_ids[eid] += 1
        if used_ids[eid] > 1:
            eid = f"{eid}-{used_ids[eid]}"
        gender = None
        if cl.label == "person":
            gender = _gender(cl)
            if gender is None and cl.pronoun_votes:
                gender = cl.pronoun_votes.most_common(1)[0][0]
        mentions = [
            Mention(c.start, c.end, text[c.start : c.end], cl.label, eid, id(c) in cl.misspelled)
            for c in cl.cands
        ]
        result.entities.append(
            Entity(
                eid,
                name,
                cl.label,
                _unique(c.text for c in cl.cands),
                cl.roles,
                cl.descriptions,
                mentions,
                gender,
                _role_records(cl),
            )
        )
    _index(result, sdoc, clusters)
    return result


def _index(result: DocEntities, sdoc, clusters: list[_Cluster]) -> None:
    """Precompute what actor_for needs: it is called for every source span."""
    result._sent_starts = [s.start_char for s in sdoc.sents] or [0]
    spans = []
    for idx, (ent, cl) in enumerate(zip(result.entities, clusters, strict=True)):
        subj = {c.start: c.subject for c in cl.cands}
        for m in ent.mentions:
            spans.append((m.start, m.end, idx))
            if ent.type == "person":
                result._person_mentions.append((m.start, m.end, idx, subj.get(m.start, False)))
            elif ent.type in ("org", "group"):
                result._org_mentions.append((m.start, m.end, idx))
        heads = (
            cl.role_heads()
            if ent.type == "person"
            else set(_org_words(ent.name)) | {w for a in ent.aliases for w in _org_words(a)}
        )
        result._heads.append(heads)
        if ent.type == "person":
            for alias in {*ent.aliases, ent.name}:
                _first, last = _person_parts(alias)
                for key in {name_key(alias), name_key(last)}:
                    if idx not in result._alias.setdefault(key, []):
                        result._alias[key].append(idx)
    spans.sort()
    result._spans = spans
    result._span_starts = [s for s, _e, _i in spans]
    result._person_mentions.sort()
    result._person_starts = [s for s, *_ in result._person_mentions]
    result._org_mentions.sort()
    result._org_starts = [s for s, *_ in result._org_mentions]
