"""Russian people, organizations and places, in their nominative forms, and who a span refers to.

natasha tags the names and gives each its nominative ("Олега Варламова" ->
"Олег Варламов"). This module groups the mentions into one entity per actor
(a full name and its later bare surname, "Совет" and "Совет национального
спасения", "МВД" and "Министерство внутренних дел"), corrects the tagger where
the gazetteer knows better (a lone word tagged as a person that is a place),
and reads titles before names ("генерал-полковник") as roles.
:class:`RuDocEntities` answers ``actor_for`` for Russian source spans: a name
in any case, a pronoun ("он", "она", "по его словам") chosen by gender, a
title ("министр", "майор").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from sitrep.analyze.entities import DocEntities, document_entity_id
from sitrep.analyze.name_groups import NameCandidate, NameCluster
from sitrep.analyze.ru.lexicon import FEMALE_ROLES, GENERIC_ORG, PRONOUNS, ROLE_LEMMAS
from sitrep.analyze.ru.nlp import RuDoc
from sitrep.lexicon.names import gender_of_name, name_key
from sitrep.records import Entity, Mention, Role

LABELS = {"PER": "person", "ORG": "org", "LOC": "place"}
PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ична|овна|евна|инична)$", re.I)
# Case endings tried, in order, to find a place's nominative the gazetteer knows
# ("Дровне" -> "Дровна", "Брюсселе" -> "Брюссель", "Вескарии" -> "Вескария").
PLACE_ENDINGS = (
    ("ии", "ия"),
    ("ию", "ия"),
    ("ией", "ия"),
    ("е", "а"),
    ("ы", "а"),
    ("у", "а"),
    ("ой", "а"),
    ("и", "а"),
    ("и", "я"),
    ("е", "я"),
    ("ю", "я"),
    ("ей", "я"),
    ("е", ""),
    ("а", ""),
    ("у", ""),
    ("ом", ""),
    ("е", "ь"),
    ("я", "ь"),
    ("ю", "ь"),
    ("ем", "ь"),
    ("ого", "ий"),
    ("ом", "ий"),
    ("ого", "ый"),
    ("ом", "ый"),
    ("ца", "ец"),
    ("це", "ец"),
    ("цу", "ец"),
    ("цем", "ец"),
)
USER_MATCHES = frozenset({"user", "historical-user", "country"})
GOOD_PLACE_MATCHES = frozenset(
    {"user", "historical-user", "country", "exact", "alias", "historical"}
)
ROLE_GAP_POS = frozenset({"NOUN", "ADJ", "PROPN", "NUM", "DET"})
# Words that say when or how someone holds a title, kept with it: "бывший министр обороны"
# is the former minister; "Бывший" may open the sentence, capitalised.
ROLE_QUALIFIERS = frozenset(
    {"бывший", "экс", "прежний", "отставной", "действующий", "временный", "новый", "нынешний"}
)


@dataclass
class _Cand(NameCandidate):
    normal: str  # the name in the nominative
    roles: list[str] = field(default_factory=list)
    role_heads: set[str] = field(default_factory=set)
    role_spans: list[Role] = field(default_factory=list)  # the titles as the text writes them


@dataclass
class _Cluster(NameCluster):
    cands: list[_Cand] = field(default_factory=list)
    name: str | None = None


@dataclass
class RuDocEntities(DocEntities):
    """DocEntities for a Russian document: names in any case, Russian pronouns and titles."""

    _lemmas: dict[int, tuple[int, str, str]] = field(
        default_factory=dict, repr=False
    )  # start -> end, lemma, pos
    _lemma_starts: list[int] = field(default_factory=list, repr=False)

    def _resolve(self, start: int, end: int) -> int | None:
        hit = self._overlapping(start, end)
        if hit is not None:
            return hit
        lo = bisect.bisect_left(self._lemma_starts, start)
        hi = bisect.bisect_left(self._lemma_starts, end)
        words = [
            (s, *self._lemmas[s]) for s in self._lemma_starts[lo:hi] if self._lemmas[s][0] <= end
        ]
        words = [w for w in words if w[3] != "PUNCT"]
        if not words:
            return None
        if len(words) == 1 and self._text[words[0][0] : words[0][1]].lower() in PRONOUNS:
            gender, kind = PRONOUNS[self._text[words[0][0] : words[0][1]].lower()]
            if kind == "person":
                return self._salient_person(start, gender=gender)
            return self._salient_org(start, None)
        surface = [self._text[s:e] for s, e, _l, _p in words]
        lemmas = [w[2] for w in words]
        for form in (" ".join(surface), " ".join(lemmas), surface[-1], words[-1][2]):
            cands = self._alias.get(name_key(form))
            if cands:
                return self._most_recent(cands, start)
        roles = {lemma for lemma in lemmas if lemma in ROLE_LEMMAS}
        if roles:
            gender = "f" if roles & FEMALE_ROLES else None
            return self._salient_person(start, gender=gender, heads=roles)
        head = lemmas[0]
        if words[0][3] == "NOUN" and len(words) <= 5:
            return self._salient_org(start, head)
        return None


# -- names -------------------------------------------------------------------------


def split_name(normal: str) -> tuple[str | None, str | None, str]:
    """(first name, patronymic, surname) of a normalized person name."""
    parts = normal.split()
    if len(parts) == 3 and PATRONYMIC.search(parts[1]):
        return parts[0], parts[1], parts[2]
    if len(parts) == 2 and PATRONYMIC.search(parts[1]):
        return parts[0], parts[1], ""
    if len(parts) >= 2:
        return parts[0], None, parts[-1]
    return None, None, normal


def place_name(text: str, normal: str, gaz) -> tuple[str, object | None]:
    """The nominative of a place name the gazetteer knows, and the gazetteer hit."""
    tried: list[str] = []
    words = text.split()
    stems = [normal, text]
    if words:
        head = words[-1] if len(words) == 1 else words[0]
        for old, new in PLACE_ENDINGS:
            if head.endswith(old) and len(head) - len(old) >= 2:
                fixed = head[: len(head) - len(old)] + new
                stems.append(" ".join([fixed] + words[1:]) if len(words) > 1 else fixed)
    if gaz is None:
        return normal, None
    hits = []
    for cand in stems:
        if cand in tried:
            continue
        tried.append(cand)
        hit = gaz.lookup(cand)
        if hit is not None and hit.match in GOOD_PLACE_MATCHES:
            hits.append((cand, hit))
    # the user's own places and countries first: "Лире" is Лир, not Lira in Uganda
    for cand, hit in hits:
        if hit.match in USER_MATCHES:
            return cand, hit
    return hits[0] if hits else (normal, None)


def _role_before(doc: RuDoc, a: int) -> tuple[list[str], set[str], list[Role]]:
    """Titles right before a name: "исполняющий обязанности министра ... генерал-майор".

    Each title twice: its dictionary form ("министр обороны", for resolution) and a
    :class:`Role` record of the characters the text writes ("министра обороны")."""
    toks = doc.tokens
    sent = toks[a].sent
    j = a - 1
    run: list[int] = []
    while j >= 0 and toks[j].sent == sent and len(run) < 10:
        t = toks[j]
        if (
            t.lemma in ROLE_LEMMAS
            or (t.pos in ROLE_GAP_POS and (t.text[:1].islower() or t.lemma in ROLE_QUALIFIERS))
            or t.text == "№"
            or (t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Gen")
        ):  # "секретарь Кремля"
            run.append(j)
            j -= 1
            continue
        break
    run.reverse()
    # the run must hold a role word, and starts at the first role word or adjective before it
    heads = [k for k in run if toks[k].lemma in ROLE_LEMMAS]
    if not heads:
        return [], set(), []
    roles: list[str] = []
    records: list[Role] = []
    s0, s1 = doc.sents[sent]
    sentence = (toks[s0].start, toks[s1 - 1].end)
    for n, h in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else a
        first = h
        while first - 1 in run and toks[first - 1].lemma in ROLE_QUALIFIERS:
            first -= 1  # "Бывшего министра": the qualifier in its dictionary form too
        words = [toks[k].lemma for k in range(first, h + 1)]
        words += [toks[k].text for k in range(h + 1, stop)]
        roles.append(" ".join(words))
        last = stop - 1
        while last > h and toks[last].pos == "PUNCT":
            last -= 1
        start, end = toks[first].start, toks[last].end
        records.append(Role(start, end, doc.text[start:end], "title", *sentence))
    return roles, {toks[h].lemma for h in heads}, records


# -- candidates --------------------------------------------------------------------


def _candidates(doc: RuDoc, gaz) -> list[_Cand]:
    out: list[_Cand] = []
    taken = [False] * len(doc.tokens)
    for span in doc.spans:
        label = LABELS.get(span.type)
        if label is None:
            continue
        a, b = span.tok_start, span.tok_end
        # a role word at the start of a tagged name is a title, not the name
        while label == "person" and b - a > 1 and doc.tokens[a].lemma in ROLE_LEMMAS:
            a += 1
        while b > a and doc.tokens[b - 1].pos == "PUNCT":
            b -= 1
        if b <= a:
            continue
        start, end = doc.tokens[a].start, doc.tokens[b - 1].end
        if "\n" in doc.text[start:end]:
            continue  # a heading run into the next line
        normal = (
            span.normal
            if (a, b) == (span.tok_start, span.tok_end)
            else _normal_words(doc, a, b, span)
        )
        cand = _Cand(start, end, doc.text[start:end], label, a, b, normal)
        if label in ("person", "org") and b - a == 1:
            name, hit = place_name(cand.text, normal, gaz)
            if hit is not None and hit.match in USER_MATCHES:
                cand.label, cand.normal = "place", name
        out.append(cand)
        for i in range(a, b):
            taken[i] = True
    # places from the user's gazetteer that the tagger missed ("в Лире", "Островца")
    for t in doc.tokens:
        if (
            taken[t.i]
            or not t.text[:1].isupper()
            or not t.text.isalpha()
            or t.pos in ("PUNCT", "NUM")
        ):
            continue
        name, hit = place_name(t.text, t.text, gaz)
        if hit is not None and hit.match in ("user", "historical-user"):
            out.append(_Cand(t.start, t.end, t.text, "place", t.i, t.i + 1, name))
            taken[t.i] = True
    out.sort(key=lambda c: c.start)
    for c in out:
        if c.label == "person":
            c.roles, c.role_heads, c.role_spans = _role_before(doc, c.tok_start)
            head = doc.tokens[c.tok_start]
            c.subject = head.rel in ("nsubj", "nsubj:pass") or any(
                doc.tokens[k].rel in ("nsubj", "nsubj:pass") for k in range(c.tok_start, c.tok_end)
            )
    return out


def _normal_words(doc: RuDoc, a: int, b: int, span) -> str:
    """The span's normal form less the words cut from its front."""
    cut = a - span.tok_start
    words = span.normal.split()
    if len(words) == span.tok_end - span.tok_start and cut < len(words):
        return " ".join(words[cut : cut + (b - a)])
    return doc.text[doc.tokens[a].start : doc.tokens[b - 1].end]


def _untagged_surnames(doc: RuDoc, people: list[_Cluster], cands: list[_Cand]) -> list[_Cand]:
    """Surnames of people already named that the tagger missed ("По словам Сабурова")."""
    surnames = {cl.last for cl in people if cl.first and cl.last}
    occupied = set()
    for c in cands:
        occupied.update(range(c.tok_start, c.tok_end))
    found = []
    for t in doc.tokens:
        if t.i in occupied or not t.text[:1].isupper() or not t.text.isalpha():
            continue
        key = name_key(t.lemma)
        if key in surnames or name_key(t.text) in surnames:
            found.append(
                _Cand(t.start, t.end, t.text, "person", t.i, t.i + 1, t.lemma.capitalize())
            )
    return found


# -- clustering ---------------------------------------------------------------------


def _cluster_people(cands: list[_Cand]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    singles: list[_Cand] = []
    first_only: list[_Cand] = []
    for c in cands:
        first, _patr, last = split_name(c.normal)
        if first is None:
            singles.append(c)
            continue
        if not last:
            first_only.append(c)
            continue
        lk = name_key(last)
        match = next(
            (
                cl
                for cl in clusters
                if cl.last == lk and name_key(cl.first or "") == name_key(first)
            ),
            None,
        )
        if match is None:
            match = _Cluster("person", first=first, last=lk, name=f"{first} {last}")
            clusters.append(match)
        match.cands.append(c)
    for c in singles:
        lk = name_key(c.normal)
        options = [cl for cl in clusters if cl.last == lk]
        if len(options) > 1:
            gender = "f" if c.role_heads & FEMALE_ROLES else None
            options = [
                cl for cl in options if not (gender and cl.gender and cl.gender != gender)
            ] or options
            before = [cl for cl in options if cl.cands[0].start < c.start] or options
            options = [
                max(
                    before,
                    key=lambda cl: max(
                        (x.start for x in cl.cands if x.start < c.start), default=-1
                    ),
                )
            ]
        if options:
            options[0].cands.append(c)
        else:
            found = next((cl for cl in clusters if cl.first is None and cl.last == lk), None)
            if found is None:
                found = _Cluster("person", last=lk, name=c.normal)
                clusters.append(found)
            found.cands.append(c)
    for c in first_only:  # "Олег Николаевич": the one person with that first name
        fk = name_key(c.normal.split()[0])
        options = [cl for cl in clusters if cl.first and name_key(cl.first) == fk]
        if len(options) == 1:
            options[0].cands.append(c)
        else:
            clusters.append(
                _Cluster("person", [c], first=c.normal.split()[0], last=None, name=c.normal)
            )
    for cl in clusters:
        cl.cands.sort(key=lambda x: x.start)
    return clusters


def _cluster_orgs(cands: list[_Cand], doc: RuDoc) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    for c in sorted(cands, key=lambda c: (-len(c.normal.split()), c.start)):
        key = name_key(c.normal)
        cl = by_key.get(key)
        words = c.normal.split()
        if cl is None and len(words) == 1:
            w = c.normal
            lemma = doc.tokens[c.tok_start].lemma
            options = []
            for other in clusters:
                full = other.name.split()
                if len(full) < 2:
                    continue
                if w.isupper() and len(w) >= 2 and "".join(x[0] for x in full).lower() == w.lower():
                    options.append(other)
                elif lemma not in GENERIC_ORG and full[0].lower() == lemma:
                    options.append(other)
            if len(options) == 1:
                cl = options[0]
        if cl is None:
            cl = _Cluster("org", name=c.normal)
            clusters.append(cl)
        by_key.setdefault(key, cl)
        cl.cands.append(c)
    for cl in clusters:
        cl.cands.sort(key=lambda x: x.start)
    return clusters


def _cluster_places(cands: list[_Cand], gaz) -> list[_Cluster]:
    by_key: dict[object, _Cluster] = {}
    for c in cands:
        name, hit = place_name(c.text, c.normal, gaz)
        c.normal = name
        key = ("geo", hit.entry.name, hit.entry.country) if hit is not None else name_key(name)
        by_key.setdefault(key, _Cluster("place", name=name)).cands.append(c)
    return list(by_key.values())


def _gender(doc: RuDoc, cl: _Cluster) -> str | None:
    heads = set().union(*(c.role_heads for c in cl.cands))
    if heads & FEMALE_ROLES:
        return "f"
    guess = gender_of_name(cl.first, cl.last) if cl.first else None
    if guess:
        return guess
    votes: Counter = Counter()
    for c in cl.cands:
        for t in doc.tokens[c.tok_start : c.tok_end]:
            g = t.feats.get("Gender")
            if g in ("Masc", "Fem") and t.pos == "PROPN":
                votes["m" if g == "Masc" else "f"] += 1
    # a past-tense verb agrees with its subject: "Велль заявила"
    for c in cl.cands:
        head = doc.tokens[c.tok_start]
        while head.rel == "flat:name" and head.head >= 0:
            head = doc.tokens[head.head]
        if head.rel.startswith("nsubj") and head.head >= 0:
            g = doc.tokens[head.head].feats.get("Gender")
            if g in ("Masc", "Fem"):
                votes["m" if g == "Masc" else "f"] += 2
    return votes.most_common(1)[0][0] if votes else None


def _canonical(cl: _Cluster) -> str:
    if cl.label == "person":
        return cl.name or cl.cands[0].normal
    if cl.label == "org":
        return max(
            (c.normal for c in cl.cands), key=lambda n: (len(n.split()), not n.isupper(), len(n))
        )
    forms = Counter(c.normal for c in cl.cands)
    return max(
        forms, key=lambda f: (not f.isupper(), forms[f], len(f))
    )  # not the dateline "МОСКВА"


def extract_entities_ru(doc: RuDoc, gaz=None) -> RuDocEntities:
    """Entities of a parsed Russian document, and the lookup quotes and claims use."""
    if gaz is None:
        from sitrep.lexicon.gazetteer import load_gazetteer

        gaz = load_gazetteer()
    cands = _candidates(doc, gaz)
    people = _cluster_people([c for c in cands if c.label == "person"])
    # a one-word organization or place that is a person's surname is that person
    surnames = {cl.last for cl in people if cl.first}
    rest = []
    for c in cands:
        if c.label != "person" and " " not in c.text and name_key(c.normal) in surnames:
            c.label = "person"
            cl = next(cl for cl in people if cl.first and cl.last == name_key(c.normal))
            cl.cands.append(c)
        elif c.label != "person":
            rest.append(c)
    for c in _untagged_surnames(doc, people, cands):
        cl = next(
            cl
            for cl in people
            if cl.first and cl.last == name_key(c.normal) or cl.last == name_key(c.text)
        )
        cl.cands.append(c)
    for cl in people:
        cl.cands.sort(key=lambda x: x.start)
        cl.gender = _gender(doc, cl)
    orgs = _cluster_orgs([c for c in rest if c.label == "org"], doc)
    places = _cluster_places([c for c in rest if c.label == "place"], gaz)
    clusters = sorted(people + orgs + places, key=lambda cl: cl.cands[0].start)

    result = RuDocEntities(_text=doc.text)
    used: Counter = Counter()
    for cl in clusters:
        name = _canonical(cl)
        eid = document_entity_id(used, cl.label, name)
        aliases = list(dict.fromkeys([name, *(c.normal for c in cl.cands)]))
        roles = list(dict.fromkeys(r for c in cl.cands for r in c.roles))
        mentions = [
            Mention(c.start, c.end, doc.text[c.start : c.end], cl.label, eid) for c in cl.cands
        ]
        records = {(r.start, r.end): r for c in cl.cands for r in c.role_spans}
        result.entities.append(
            Entity(
                eid,
                name,
                cl.label,
                aliases,
                roles,
                [],
                mentions,
                cl.gender,
                sorted(records.values(), key=lambda r: r.start),
            )
        )
    _index(result, doc, clusters)
    return result


def _index(result: RuDocEntities, doc: RuDoc, clusters: list[_Cluster]) -> None:
    result._sent_starts = [doc.tokens[a].start for a, _b in doc.sents] or [0]
    result._lemmas = {t.start: (t.end, t.lemma, t.pos) for t in doc.tokens}
    result._lemma_starts = sorted(result._lemmas)
    spans = []
    for idx, (ent, cl) in enumerate(zip(result.entities, clusters, strict=True)):
        result.index_mentions(idx, ent, {c.start: c.subject for c in cl.cands}, spans, ("org",))
        if ent.type == "person":
            result._heads.append(set().union(*(c.role_heads for c in cl.cands)))
            keys = {name_key(a) for a in ent.aliases}
            keys |= {name_key(split_name(a)[2]) for a in ent.aliases if split_name(a)[2]}
            keys |= {name_key(m.text) for m in ent.mentions}
            for key in keys:
                if key:
                    result.add_alias(key, idx)
        else:
            lemmas = set()
            keys = {name_key(a) for a in ent.aliases}
            for c in cl.cands:
                words = [t.lemma for t in doc.tokens[c.tok_start : c.tok_end]]
                lemmas |= set(words)
                keys.add(name_key(" ".join(words)))
            result._heads.append(lemmas)
            if ent.type == "org":
                for key in keys:
                    if key:
                        result.add_alias(key, idx)
    result.index_spans(spans)
