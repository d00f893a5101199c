"""Corpus level: one canonical entity per actor across documents.

Every document names its own entities (``person:leonid-ivashov`` in one report,
``person:ivashov`` in another, ``person:leonid-ivashov`` again for Леонид Ивашов).
:func:`resolve_corpus` groups those document-level entities into canonical
actors and :func:`apply_resolution` rewrites a document's records to point at
them. The rules, in order:

* people are blocked by transliterated surname; within a surname, full names
  group when their first names agree and neither gender nor field of work
  conflicts (Major Anton Ivanek and Health Minister Dana Ivanek stay apart);
* a group whose surname is a near-spelling of another's joins it when the
  context agrees: same first name, a shared role, or shared company in the
  documents (Deverall / Deverell);
* a bare surname joins the one group it fits, and stays on its own when two fit
  equally (a minister and a footballer who share a surname);
* organizations meet on their names' content words and on the short forms and
  acronyms each document already tied to them; places meet on the gazetteer
  entry they resolve to (Petrograd = Saint Petersburg); groups on their name.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitrep.ids import entity_id
from sitrep.lexicon.demonyms import writes_adjective
from sitrep.lexicon.gazetteer import Gazetteer, load_gazetteer
from sitrep.lexicon.names import (
    first_names_compatible,
    has_cyrillic,
    name_key,
    near_spelling,
    role_heads,
    roles_conflict,
)
from sitrep.records import Analysis, Document, Entity, Place
from sitrep.unionfind import UnionFind

__all__ = ["Resolution", "apply_all", "apply_resolution", "resolve_and_apply", "resolve_corpus"]


@dataclass
class Resolution:
    """Canonical entities and the map from each document-level entity id to one of them.

    ``canonical_of`` maps a local id to the canonical id it most often stands for;
    ``by_document`` is exact per document (the same surname may be two people in
    two reports). ``counts`` and ``documents`` say how often and where each
    canonical entity is named.
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    canonical_of: dict[str, str] = field(default_factory=dict)
    by_document: dict[str, dict[str, str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    documents: dict[str, list[str]] = field(default_factory=dict)
    misspellings: dict[str, set[str]] = field(default_factory=dict)  # canonical id -> surname keys
    fingerprints: dict[str, str] = field(default_factory=dict)  # analysis fingerprint -> doc id
    own_places: set[str] = field(default_factory=set)  # name keys never read as near-spellings
    #: a bare surname kept apart because namesakes share it -> the namesakes' ids
    undecided: dict[str, list[str]] = field(default_factory=dict)

    def canonical_id(self, local_id: str | None, doc_id: str | None = None) -> str | None:
        if local_id is None:
            return None
        if doc_id is not None:
            found = self.by_document.get(doc_id, {}).get(local_id)
            if found is not None:
                return found
        return self.canonical_of.get(local_id, local_id if local_id in self.entities else None)

    def canonical(self, local_id: str | None, doc_id: str | None = None) -> Entity | None:
        cid = self.canonical_id(local_id, doc_id)
        return None if cid is None else self.entities.get(cid)

    def id_map(self) -> list[tuple[str, str, str]]:
        """(document id, local id, canonical id) rows, for the store."""
        return [(d, loc, can) for d, m in self.by_document.items() for loc, can in m.items()]


@dataclass
class _Local:
    doc: str
    ent: Entity
    type: str = ""
    first: str | None = None
    last: str | None = None
    context: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()


_RU_CASE_ENDINGS = (
    "ogo",
    "ego",
    "omu",
    "emu",
    "ym",
    "im",
    "om",
    "em",
    "oy",
    "ey",
    "u",
    "a",
    "e",
    "y",
)


def _surname_variants(last_raw: str, key: str) -> list[str]:
    """Nominative guesses for an inflected Cyrillic surname (Путина -> putin)."""
    if not has_cyrillic(last_raw):
        return []
    return [key[: -len(e)] for e in _RU_CASE_ENDINGS if key.endswith(e) and len(key) - len(e) >= 3]


def _person_parts(name: str) -> tuple[str | None, str]:
    parts = [p for p in name.split() if p.strip(".")]
    if not parts:
        return None, name
    last = parts[-1]
    if len(parts) > 1 and parts[-1].lower().rstrip(".") in ("jr", "sr", "ii", "iii"):
        last = parts[-2]
    return (parts[0] if len(parts) > 1 else None), last


def _heads_of(ent: Entity) -> frozenset[str]:
    heads: set[str] = set()
    for text in (*ent.roles, *ent.descriptions):
        heads |= role_heads(text) - _GENERIC_HEADS
    return frozenset(heads)


def _org_key(name: str) -> frozenset[str]:
    return frozenset(w for w in name_key(name).split() if w not in ("the", "of", "and", "for", "s"))


_GENERIC_ORG = frozenset(
    {
        frozenset({w})
        for w in "ministry government army police council court parliament party agency "
        "office committee commission company group forces service union news".split()
    }
)


def resolve_corpus(
    items: Iterable[tuple[Document, Analysis]], gazetteer: Gazetteer | None = None
) -> Resolution:
    """Group the corpus's document-level entities into canonical actors; places meet on
    ``gazetteer`` (the one the corpus was analyzed with; the base one unless given)."""
    gaz = gazetteer or load_gazetteer()
    locals_: list[_Local] = []
    res = Resolution()
    own_names = res.own_places  # places written as their authors mean them (see _own_name)
    for doc, analysis in items:
        res.fingerprints[_fingerprint(analysis)] = doc.id
        names = {name_key(e.name) for e in analysis.entities}
        for ent in analysis.entities:
            if _own_name(doc.text, ent.name, gaz):
                own_names.add(name_key(ent.name))
            loc = _Local(
                doc.id,
                ent,
                ent.type,
                context=frozenset(names - {name_key(ent.name)}),
                heads=_heads_of(ent),
            )
            if ent.type == "person":
                first, last = _person_parts(ent.name)
                loc.first, loc.last = first, name_key(last)
            locals_.append(loc)
    _surnames_tagged_as_orgs(locals_)
    _places_tagged_as_others(locals_)
    uf = UnionFind(len(locals_))
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, loc in enumerate(locals_):
        by_type[loc.type].append(i)
    misspelled: dict[int, set[str]] = defaultdict(set)
    undecided: dict[int, list[int]] = {}
    _resolve_people(locals_, by_type.get("person", []), uf, misspelled, undecided)
    _resolve_by_keys(locals_, by_type.get("org", []), uf, _org_keys)
    _resolve_by_keys(
        locals_, by_type.get("place", []), uf, lambda loc: _place_keys(loc, gaz, own_names)
    )
    _resolve_by_keys(locals_, by_type.get("group", []), uf, _group_keys)
    for type_, idxs in by_type.items():
        if type_ not in ("person", "org", "place", "group"):
            _resolve_by_keys(locals_, idxs, uf, lambda loc: [name_key(loc.ent.name)])
    _build(res, locals_, uf, misspelled, gaz)
    _name_the_undecided(res, locals_, uf, undecided)
    return res


def _own_name(text: str, name: str, gaz: Gazetteer) -> bool:
    """A name the gazetteer lacks whose document also writes its adjective ('Arvenia' beside
    'Arvenian'): a place of its own, never read as a near-spelling of another ('Armenia')."""
    return (
        " " not in name.strip()
        and gaz.lookup(name, fuzzy=False) is None
        and writes_adjective(text, name)
    )


def _surnames_tagged_as_orgs(locals_: list[_Local]) -> None:
    """A lone capitalized word tagged as an organization in one report ("Wrona said") that is
    the surname of a person named in full elsewhere, and never part of an organization's
    name, is a person's surname: that person's when there is one, a bare surname kept
    apart when namesakes share it."""
    people: dict[str, set[str]] = defaultdict(set)
    org_words: set[str] = set()
    for loc in locals_:
        if loc.type == "person" and loc.first:
            people[loc.last or ""].add(name_key(loc.first))
        elif loc.type == "org":
            for alias in (loc.ent.name, *loc.ent.aliases):
                words = name_key(alias).split()
                if len(words) > 1:
                    org_words.update(words)
    for loc in locals_:
        name = loc.ent.name
        if loc.type != "org" or " " in name.strip() or name.isupper() or len(loc.ent.aliases) > 1:
            continue
        key = name_key(name)
        if key in org_words or not people.get(key):
            continue
        loc.type, loc.first, loc.last = "person", None, key


def _places_tagged_as_others(locals_: list[_Local]) -> None:
    """A lone word tagged as a person or an organization in one report ("left Drovna",
    "DROVNA -") that other reports name as a place, with no first name, role or
    description and not the surname of anyone named in full, is that place: one name
    is not a place in one report and a person in the next."""
    places: set[str] = set()
    surnames: set[str] = set()
    for loc in locals_:
        if loc.type == "place":
            places.update(name_key(a) for a in (loc.ent.name, *loc.ent.aliases))
        elif loc.type == "person" and loc.first:
            surnames.add(loc.last or "")
    for loc in locals_:
        ent = loc.ent
        if loc.type not in ("person", "org") or loc.first or ent.roles or ent.descriptions:
            continue
        keys = {name_key(a) for a in (ent.name, *ent.aliases)}
        if all(" " not in k and k in places and k not in surnames for k in keys):
            loc.type, loc.last = "place", None


# -- people ------------------------------------------------------------------


_GENERIC_HEADS = frozenset(("head", "chief", "leader", "member"))


class _Group:
    """People believed to be one person, with what their documents say about them, summed."""

    __slots__ = ("idxs", "firsts", "long_firsts", "genders", "roles", "heads", "context", "docs")

    def __init__(self) -> None:
        self.idxs: list[int] = []
        self.firsts: set[str] = set()
        self.long_firsts: set[str] = set()
        self.genders: set[str] = set()
        self.roles: set[str] = set()
        self.heads: set[str] = set()
        self.context: set[str] = set()
        self.docs: set[str] = set()

    @classmethod
    def of(cls, locals_: list[_Local], idxs: Iterable[int]) -> _Group:
        g = cls()
        for i in idxs:
            g.add(i, locals_[i])
        return g

    def add(self, i: int, loc: _Local) -> None:
        self.idxs.append(i)
        if loc.first:
            key = name_key(loc.first)
            self.firsts.add(key)
            if len(loc.first.rstrip(".")) > 1:
                self.long_firsts.add(key)
        if loc.ent.gender:
            self.genders.add(loc.ent.gender)
        self.roles.update(loc.ent.roles)
        self.roles.update(loc.ent.descriptions)
        self.heads.update(loc.heads)
        self.context.update(loc.context)
        self.docs.add(loc.doc)

    def absorb(self, other: _Group, locals_: list[_Local]) -> None:
        for i in other.idxs:
            self.add(i, locals_[i])


def _compatible(a: _Group, b: _Group) -> bool:
    if (
        a.firsts
        and b.firsts
        and not any(first_names_compatible(x, y) for x in a.firsts for y in b.firsts)
    ):
        return False
    if len(a.genders) == 1 and len(b.genders) == 1 and a.genders != b.genders:
        return False
    return not roles_conflict(list(a.roles), list(b.roles))


def _kept_apart(namesake_heads: frozenset[str] | None, bare: _Group) -> bool:
    """A bare surname whose report names a namesake in full, under roles that share nothing
    with the surname's title ("President Obama" beside "first lady Michelle Obama"): the
    report kept the two apart, so the corpus does not join them."""
    return bool(namesake_heads) and bool(bare.heads) and not namesake_heads & bare.heads


def _agreement(a: _Group, b: _Group) -> float:
    """How much two groups' context agrees: shared first name, roles,
    co-mentioned names, documents."""
    score = 3.0 if a.long_firsts & b.long_firsts else 0.0
    score += 2.0 * len(a.heads & b.heads)
    score += min(len(a.context & b.context), 3)
    if a.docs & b.docs:
        score += 4.0
    return score


def _resolve_people(
    locals_: list[_Local], idxs: list[int], uf: UnionFind, misspelled, undecided
) -> None:
    """``undecided`` receives each bare surname that two namesakes fit equally, with one
    member of each namesake's group."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in idxs:
        blocks[locals_[i].last or ""].append(i)
    # 1. within a surname: full names whose first names, genders and fields agree
    groups: dict[str, list[_Group]] = {}
    bare: dict[str, list[int]] = defaultdict(list)
    for last, members in blocks.items():
        full = [i for i in members if locals_[i].first]
        full.sort(key=lambda i: -len(locals_[i].ent.mentions))
        gl: list[_Group] = []
        for i in full:
            one = _Group.of(locals_, [i])
            for g in gl:
                if _compatible(g, one):
                    g.add(i, locals_[i])
                    break
            else:
                gl.append(one)
        groups[last] = gl
        bare[last] = [i for i in members if not locals_[i].first]
    # inflected Cyrillic surnames with no block of their own join their nominative block
    for last in list(blocks):
        if groups.get(last) or not bare.get(last):
            continue
        for i in list(bare[last]):
            raw = _person_parts(locals_[i].ent.name)[1]
            for variant in _surname_variants(raw, last):
                if variant in blocks and variant != last:
                    bare[variant].append(i)
                    bare[last].remove(i)
                    break
    # 2. near-spellings across surnames, when the context agrees
    by_initial: dict[str, list[str]] = defaultdict(list)
    for s in sorted(k for k in groups if k):
        by_initial[s[0]].append(s)
    for bucket in by_initial.values():
        bucket.sort(
            key=lambda s: -sum(len(locals_[i].ent.mentions) for g in groups[s] for i in g.idxs)
        )
        for a_pos, a in enumerate(bucket):
            for b in bucket[a_pos + 1 :]:
                if (
                    abs(len(a) - len(b)) > 2
                    or not groups[b]
                    or not groups[a]
                    or not near_spelling(a, b)
                ):
                    continue
                for gb in list(groups[b]):
                    best, best_score = None, 0.0
                    for ga in groups[a]:
                        if not _compatible(ga, gb):
                            continue
                        score = _agreement(ga, gb)
                        if score >= 3.0 and score > best_score:
                            best, best_score = ga, score
                    if best is not None:
                        best.absorb(gb, locals_)
                        groups[b].remove(gb)
                        misspelled[best.idxs[0]].update((a, b))
                if not groups[b] and bare.get(b):
                    # every full name under this spelling was a
                    # misspelling: so are its bare surnames
                    bare[a].extend(bare.pop(b))
    # bare surnames with no exact block: a near-spelling of a known surname, when context agrees
    for last in [k for k in bare if k and not groups.get(k) and bare[k]]:
        for other in by_initial.get(last[0], []):
            if other != last and groups.get(other) and near_spelling(last, other):
                for i in list(bare[last]):
                    one = _Group.of(locals_, [i])
                    fits = [
                        g
                        for g in groups[other]
                        if _compatible(g, one) and _agreement(g, one) >= 1.0
                    ]
                    if len(fits) == 1:
                        fits[0].add(i, locals_[i])
                        bare[last].remove(i)
                        misspelled[fits[0].idxs[0]].update((last, other))
                break
    # 3. bare surnames join the one group they fit
    for last, members in bare.items():
        gl = groups.setdefault(last, [])
        named = list(gl)
        # the roles each report gives a namesake it names in full
        in_full = {
            id(g): {locals_[j].doc: _heads_of(locals_[j].ent) for j in g.idxs if locals_[j].first}
            for g in named
        }
        leftovers: list[_Group] = []
        for i in members:
            one = _Group.of(locals_, [i])
            fits = [
                g
                for g in named
                if _compatible(g, one) and not _kept_apart(in_full[id(g)].get(locals_[i].doc), one)
            ]
            if len(fits) > 1:
                scored = sorted(((_agreement(g, one), k) for k, g in enumerate(fits)), reverse=True)
                if scored[0][0] == scored[1][0]:
                    undecided[i] = [g.idxs[0] for g in fits]
                fits = [fits[scored[0][1]]] if scored[0][0] > scored[1][0] else []
            if fits:
                fits[0].add(i, locals_[i])
                continue
            for g in leftovers:
                if _compatible(g, one):
                    g.add(i, locals_[i])
                    break
            else:
                leftovers.append(one)
        gl.extend(leftovers)
    for gl in groups.values():
        for g in gl:
            for j in g.idxs[1:]:
                uf.union(g.idxs[0], j)


# -- organizations, places, groups --------------------------------------------


def _org_keys(loc: _Local) -> list:
    keys = {_org_key(a) for a in (loc.ent.name, *loc.ent.aliases)}
    return [k for k in keys if k and k not in _GENERIC_ORG]


def _place_keys(loc: _Local, gaz: Gazetteer, own_names: set[str] = frozenset()) -> list:
    keys: list = [name_key(a) for a in (loc.ent.name, *loc.ent.aliases)]
    hit = gaz.lookup(loc.ent.name, fuzzy=name_key(loc.ent.name) not in own_names)
    if hit is not None:
        keys.append(("geo", hit.entry.name, hit.entry.country))
    return keys


def _group_keys(loc: _Local) -> list:
    keys = []
    for alias in (loc.ent.name, *loc.ent.aliases):
        k = name_key(alias)
        keys.append(k[:-1] if k.endswith("s") else k)
    return keys


def _resolve_by_keys(locals_: list[_Local], idxs: list[int], uf: UnionFind, keys_of) -> None:
    seen: dict = {}
    for i in idxs:
        for key in keys_of(locals_[i]):
            if key in seen:
                uf.union(seen[key], i)
            else:
                seen[key] = i


# -- canonical entities ---------------------------------------------------------


def _canonical_name(
    members: list[_Local], type_: str, gaz: Gazetteer, own_names: set[str] = frozenset()
) -> str:
    forms: Counter = Counter()
    for loc in members:
        forms[loc.ent.name] += max(len(loc.ent.mentions), 1)
    latin = [f for f in forms if not has_cyrillic(f)] or list(forms)
    if type_ == "person":
        return max(latin, key=lambda f: (len(f.split()) > 1, forms[f], len(f.split()), len(f), f))
    if type_ == "place":
        best = max(latin, key=lambda f: (forms[f], f))
        hit = gaz.lookup(best, fuzzy=name_key(best) not in own_names)
        if hit is not None:
            return hit.entry.name
    if type_ == "org":
        return max(latin, key=lambda f: (len(_org_key(f)), forms[f], len(f), f))
    return max(latin, key=lambda f: (forms[f], len(f), f))


def _build(
    res: Resolution, locals_: list[_Local], uf: UnionFind, misspelled, gaz: Gazetteer
) -> None:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(locals_)):
        clusters[uf.find(i)].append(i)
    taken: Counter = Counter()
    votes: dict[str, Counter] = defaultdict(Counter)
    for root in sorted(clusters, key=lambda r: min(clusters[r])):
        idxs = clusters[root]
        members = [locals_[i] for i in idxs]
        type_ = members[0].type
        name = _canonical_name(members, type_, gaz, res.own_places)
        cid = entity_id(type_, name)
        taken[cid] += 1
        if taken[cid] > 1:
            cid = f"{cid}-{taken[cid]}"
        aliases: dict[str, None] = {}
        roles: dict[str, None] = {}
        descriptions: dict[str, None] = {}
        genders: Counter = Counter()
        count = 0
        docs: dict[str, None] = {}
        for loc in members:
            for a in (loc.ent.name, *loc.ent.aliases):
                aliases.setdefault(a, None)
            for r in loc.ent.roles:
                roles.setdefault(r, None)
            for d in loc.ent.descriptions:
                descriptions.setdefault(d, None)
            if loc.ent.gender:
                genders[loc.ent.gender] += 1
            count += max(len(loc.ent.mentions), 1)
            docs.setdefault(loc.doc, None)
            res.by_document.setdefault(loc.doc, {})[loc.ent.id] = cid
            votes[loc.ent.id][cid] += 1
        res.entities[cid] = Entity(
            cid,
            name,
            type_,
            list(aliases),
            list(roles),
            list(descriptions),
            [],
            genders.most_common(1)[0][0] if genders else None,
        )
        res.counts[cid] = count
        res.documents[cid] = list(docs)
        wrong = set().union(*(misspelled.get(i, set()) for i in idxs))
        if type_ == "person":
            wrong.discard(name_key(_person_parts(name)[1]))
        if wrong:
            res.misspellings[cid] = wrong
    for local_id, counter in votes.items():
        res.canonical_of[local_id] = counter.most_common(1)[0][0]
    for cid in res.entities:
        res.canonical_of.setdefault(cid, cid)


def _name_the_undecided(
    res: Resolution, locals_: list[_Local], uf: UnionFind, undecided: dict[int, list[int]]
) -> None:
    """A bare surname kept apart because namesakes share it says who it could be ("could be
    Jan Ivanek or Petr Ivanek"), so the brief and the actor page never pass it off as
    someone known."""
    cid_of = {}
    for i, loc in enumerate(locals_):
        cid_of.setdefault(uf.find(i), res.by_document.get(loc.doc, {}).get(loc.ent.id))
    for i, options in undecided.items():
        cid = cid_of.get(uf.find(i))
        ent = res.entities.get(cid or "")
        ids = {c for j in options if (c := cid_of.get(uf.find(j))) in res.entities} - {cid}
        if ent is None or len(ids) < 2:
            continue
        ids = sorted(ids, key=lambda c: res.entities[c].name)
        res.undecided[ent.id] = ids
        names = " or ".join(res.entities[c].name for c in ids)
        note = f"could be {names}: only the surname is given"
        if note not in ent.descriptions:
            ent.descriptions.append(note)


def _fingerprint(analysis: Analysis) -> str:
    """Identifies a document's analysis without its document id (for apply_resolution)."""
    parts = [f"{e.id}@{e.mentions[0].start if e.mentions else -1}" for e in analysis.entities]
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()


def apply_resolution(analysis: Analysis, res: Resolution, doc_id: str | None = None) -> None:
    """Point entities, mentions, speakers and sources at canonical entities, in place.

    ``doc_id`` picks the exact per-document map; without it the analysis is
    recognized by its entities, and failing that the corpus-wide map is used.
    """
    if doc_id is None:
        doc_id = res.fingerprints.get(_fingerprint(analysis))
    local_to_canon: dict[str, str] = {}
    for ent in analysis.entities:
        cid = res.canonical_id(ent.id, doc_id)
        canon = res.entities.get(cid) if cid else None
        if canon is None:
            continue
        local_to_canon[ent.id] = cid
        wrong = res.misspellings.get(cid, set())
        for m in ent.mentions:
            m.entity = cid
            if wrong and name_key(m.text.split()[-1] if m.text.split() else m.text) in wrong:
                m.misspelled = True
        if ent.name not in ent.aliases:
            ent.aliases.append(ent.name)
        if ent.type != canon.type:  # a surname that spaCy took for an organization
            ent.type = canon.type
            for m in ent.mentions:
                m.label = canon.type
        ent.id, ent.name = cid, canon.name
    for place in analysis.places:
        if place.match == "fuzzy" and name_key(place.text) in res.own_places:
            _take_as_written(place)
    for rec in [*(q.speaker for q in analysis.quotes), *(c.source for c in analysis.claims)]:
        if rec is not None and rec.id is not None:
            cid = local_to_canon.get(rec.id) or res.canonical_id(rec.id, doc_id)
            canon = res.entities.get(cid) if cid else None
            if canon is not None:
                rec.id, rec.name = canon.id, canon.name


def _take_as_written(place: Place) -> None:
    """Undo a near-spelling guess for a name the corpus writes as a place of its own."""
    place.reason = as_written_reason(place.text, place.name)
    place.name = place.country = place.lat = place.lon = place.geonameid = None
    place.match, place.alternatives = "unresolved", []


def as_written_reason(said: str, guess: str | None) -> str:
    not_as = f", not as {guess}" if guess else ""
    return f"'{said}' is taken as written{not_as}: the corpus also uses its adjective"


def apply_all(items: Iterable[tuple[Document, Analysis]], res: Resolution) -> None:
    """Point every document's records at the canonical actors of ``res``, in place."""
    for doc, analysis in items:
        apply_resolution(analysis, res, doc.id)


def resolve_and_apply(
    items: list[tuple[Document, Analysis]], gazetteer: Gazetteer | None = None
) -> Resolution:
    """Resolve a corpus and point its records at the canonical actors (the
    one way both are done)."""
    res = resolve_corpus(items, gazetteer)
    apply_all(items, res)
    return res
