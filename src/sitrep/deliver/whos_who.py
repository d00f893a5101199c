"""Who's who: the actors that matter, once each, with the names and roles the corpus gives them.

A reader of a brief needs to know who "Varlamov" is before weighing what he said: the
canonical name, the other spellings seen (misspellings flagged, other scripts named), the
roles as the reports give them and when ("Defence Minister" until one day, "former defence
minister" after), and in how many documents. Each role cites a sentence, as every other
statement of the brief does. Only actors that matter are listed: those quoted, those the
key judgments rest on, and those named in several documents, the most present first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from sitrep.assess import Assessment
from sitrep.assess.evidence import Evidence
from sitrep.records import NOT_STATEMENTS, Analysis, Document, Role

MIN_DOCUMENTS = 3  # an actor neither quoted nor judged is listed from this many documents
MAX_ROLES = 4  # per actor, the most often given
MAX_SPELLINGS = 5
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@dataclass
class RoleSeen:
    """One role of one actor, as often as the corpus gives it, from its first day to its last."""

    text: str
    key: str
    first: str | None = None
    last: str | None = None
    documents: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)  # first sentence, then last
    until: bool = False  # a later "former ..." says the actor no longer holds it
    since: bool = False  # this is the "former ..." that follows it

    def seen_in(self, document_id: str, day: str | None) -> None:
        """One more document giving the role (documents come oldest first)."""
        self.first = self.first or day
        self.last = day or self.last
        self.documents.add(document_id)

    @property
    def when(self) -> str:
        if self.until and self.last:
            return f"until {self.last}"
        if self.since and self.first:
            return f"from {self.first}"
        if self.first and self.last and self.first != self.last:
            return f"{self.first} to {self.last}"
        return self.first or "undated"


@dataclass
class Spelling:
    text: str
    count: int
    misspelled: bool = False

    @property
    def script(self) -> str | None:
        return "Cyrillic" if CYRILLIC.search(self.text) else None


@dataclass
class Actor:
    """One canonical actor as the Who's who shows it."""

    id: str
    name: str
    type: str
    documents: int
    mentions: int
    quoted: int = 0
    judged: bool = False
    spellings: list[Spelling] = field(default_factory=list)
    roles: list[RoleSeen] = field(default_factory=list)
    more_roles: int = 0
    could_be: list[str] = field(default_factory=list)  # namesakes a bare surname may be

    @property
    def misspelled(self) -> list[Spelling]:
        return [s for s in self.spellings if s.misspelled]


def role_key(text: str) -> str:
    """Roles that differ only in case, apostrophe or article are one ("Council's spokesman")."""
    t = " ".join(text.translate(APOSTROPHES).lower().split())
    return re.sub(r"^(the|a|an|its|his|her|their)\s+", "", t)


def _day(doc: Document) -> str | None:
    return doc.published[:10] if doc.published else None


def _sentence(doc: Document, role: Role, units: dict[str, list[Evidence]], made: dict) -> Evidence:
    """The evidence unit holding the role's sentence; a new one when no
    statement was taken from it."""
    for ev in units.get(doc.id, []):
        if ev.start <= role.start < ev.end:
            return ev
    key = (doc.id, role.sentence_start)
    if key not in made:
        s, e = role.sentence_start, role.sentence_end
        made[key] = Evidence(
            f"{doc.id}:role{s}", doc, s, e, doc.text[s:e], date=_day(doc), kind="sentence"
        )
    return made[key]


def _mark_changes(roles: list[RoleSeen]) -> None:
    """ "Defence Minister" then "former defence minister": the first until, the second from."""
    by_key = {r.key: r for r in roles}
    for r in roles:
        if not r.key.startswith("former "):
            continue
        base = by_key.get(r.key.removeprefix("former "))
        if base and base.last and r.first and base.last <= r.first:
            base.until, r.since = True, True


def _judged_ids(assessment: Assessment) -> set[str]:
    out: set[str] = set()
    for j in assessment.judgments:
        for ev in j.evidence:
            out |= set(ev.entities)
            out |= {s.id for s in ev.speakers if s.id}
    return out


def whos_who(
    items: list[tuple[Document, Analysis]],
    assessment: Assessment,
    resolution=None,
    min_documents: int = MIN_DOCUMENTS,
) -> list[Actor]:
    """Every actor that matters, most important first (the brief shows the top of the list)."""
    units: dict[str, list[Evidence]] = {}
    for ev in assessment.evidence:
        units.setdefault(ev.doc.id, []).append(ev)
    made: dict = {}
    docs: dict[str, set[str]] = {}
    mentions: Counter = Counter()
    forms: dict[str, Counter] = {}
    wrong: dict[str, set[str]] = {}
    kinds: dict[str, tuple[str, str]] = {}
    roles: dict[str, dict[str, RoleSeen]] = {}
    quoted: Counter = Counter()
    order = sorted(items, key=lambda di: (di[0].published or "9999", di[0].id))
    for doc, analysis in order:
        for q in analysis.quotes:
            if q.speaker and q.speaker.id and q.kind not in NOT_STATEMENTS:
                quoted[q.speaker.id] += 1
        for ent in analysis.entities:
            if ent.type not in ("person", "org"):
                continue
            cid = ent.id
            canon = resolution.entities.get(cid) if resolution is not None else None
            kinds.setdefault(cid, (canon.name if canon else ent.name, ent.type))
            docs.setdefault(cid, set()).add(doc.id)
            mentions[cid] += len(ent.mentions)
            seen = forms.setdefault(cid, Counter())
            for m in ent.mentions:
                if m.text[:1].isupper() or CYRILLIC.match(m.text):
                    seen[" ".join(m.text.split())] += 1
                if m.misspelled:
                    wrong.setdefault(cid, set()).add(" ".join(m.text.split()))
            mine = roles.setdefault(cid, {})
            for r in ent.role_spans:
                key = role_key(r.text)
                rs = mine.get(key)
                if rs is None:
                    rs = mine[key] = RoleSeen(r.text, key)
                rs.seen_in(doc.id, _day(doc))
                ev = _sentence(doc, r, units, made)
                if not rs.evidence:
                    rs.evidence.append(ev)
                elif ev.doc.id != rs.evidence[0].doc.id:
                    rs.evidence[1:] = [ev]  # the latest document that says it
    judged = _judged_ids(assessment)
    actors = []
    for cid, (name, type_) in kinds.items():
        n_docs = len(docs[cid])
        if not (quoted[cid] or cid in judged or n_docs >= min_documents):
            continue
        if type_ == "org" and not (quoted[cid] or cid in judged or roles.get(cid)):
            # an organisation named often but never heard from says little about who is who
            continue
        spellings = _spellings(forms[cid], name, wrong.get(cid, set()))
        seen = sorted(roles.get(cid, {}).values(), key=lambda r: (-len(r.documents), r.first or ""))
        shown = sorted(seen[:MAX_ROLES], key=lambda r: (r.first or "", r.text))
        _mark_changes(shown)
        actors.append(
            Actor(
                cid,
                name,
                type_,
                n_docs,
                mentions[cid],
                quoted[cid],
                cid in judged,
                spellings[:MAX_SPELLINGS],
                shown,
                len(seen) - len(shown),
                _namesakes(resolution, cid),
            )
        )
    return sorted(actors, key=lambda a: (not a.judged, -(a.quoted > 0), -a.documents, a.name))


def _namesakes(resolution, cid: str) -> list[str]:
    """The full names a bare surname could stand for, when resolution could not choose."""
    if resolution is None:
        return []
    ids = resolution.undecided.get(cid, [])
    return [resolution.entities[c].name for c in ids if c in resolution.entities]


def _spellings(forms: Counter, name: str, wrong: set[str]) -> list[Spelling]:
    """Other spellings of the name: misspellings flagged (the record's flag, or a full name one or
    two letters off the canonical one), other scripts by one full form, not
    each grammatical case."""
    out, other_script = [], None
    for text, count in forms.most_common():
        if text == name:
            continue
        if CYRILLIC.search(text) and not CYRILLIC.search(name):
            if len(text.split()) > 1 and (
                other_script is None or len(text) < len(other_script.text)
            ):
                other_script = Spelling(text, count)
            continue
        off = (
            len(text.split()) == len(name.split()) > 1 and 0 < Levenshtein.distance(text, name) <= 2
        )
        if text in wrong or off:
            out.append(Spelling(text, count, True))
        elif not _part_of(text, name):
            out.append(Spelling(text, count))
    return out + ([other_script] if other_script else [])


def _part_of(form: str, name: str) -> bool:
    """ "Varlamov" for Oleg Varlamov is a short form, not a spelling worth listing."""
    words = name.lower().split()
    return all(w in words for w in form.lower().split())


def roles_seen(rows: list[dict]) -> list[dict]:
    """Stored role rows (oldest first) grouped as the Who's who groups them, for the actor page:
    each role once with its dates and every sentence that gives it."""
    groups: dict[str, dict] = {}
    seen: dict[str, RoleSeen] = {}
    for row in rows:
        key = role_key(row["text"])
        day = (row.get("published") or "")[:10] or None
        rs = seen.get(key)
        if rs is None:
            rs = seen[key] = RoleSeen(row["text"], key)
            groups[key] = {"text": row["text"], "kind": row["kind"], "sources": []}
        rs.seen_in(row["document_id"], day)
        groups[key]["sources"].append(row)
    _mark_changes(list(seen.values()))
    out = []
    for key, g in groups.items():
        g.update(when=seen[key].when, documents=len(seen[key].documents))
        out.append(g)
    return sorted(out, key=lambda g: (seen[role_key(g["text"])].first or "", g["text"]))
