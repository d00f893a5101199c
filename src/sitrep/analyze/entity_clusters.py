"""English name candidates grouped into one cluster per actor of the document.

A surname joins the full name it abbreviates, a lone first name the one person
who has it, a one-off near-spelling of a salient person is that person (unless
another person is as close a spelling), an organization joins its short form or
acronym, and names spaCy called people are given back to places, pollsters,
platforms and things where the text says so. A cluster's candidates become one
Entity's mentions (entities.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from sitrep.analyze.entity_candidates import Candidate, a_platform, exact_place, make_candidate
from sitrep.analyze.entity_words import (
    GENERIC_ORG_WORDS,
    LOCATIVE,
    OFFICES,
    ORG_HEADS,
    PLATFORM_NOUNS,
    POLL_NOUNS,
    SURNAME_PARTICLES,
    norm_role,
    org_words,
    person_parts,
    title_heads,
    unique,
)
from sitrep.analyze.name_groups import NameCluster
from sitrep.analyze.token_table import token_table
from sitrep.lexicon.gazetteer import Gazetteer
from sitrep.lexicon.names import (
    CANDIDACY,
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
from sitrep.records import Role


@dataclass
class Cluster(NameCluster):
    """The candidates that are one actor of the document, and what is known of it."""

    cands: list[Candidate] = field(default_factory=list)
    key: frozenset[str] = frozenset()  # content words (orgs)
    misspelled: set[int] = field(default_factory=set)  # ids of the misspelled candidates
    pronoun_votes: Counter = field(default_factory=Counter)

    @property
    def roles(self) -> list[str]:
        return unique(c.role for c in self.cands if c.role)

    @property
    def descriptions(self) -> list[str]:
        return unique(c.description for c in self.cands if c.description)

    def role_heads(self) -> set[str]:
        heads: set[str] = set()
        for text in (*self.roles, *self.descriptions):
            heads |= title_heads(text)
        return heads


def cluster_candidates(sdoc, cands: list[Candidate], gaz: Gazetteer) -> list[Cluster]:
    """The document's candidates as one cluster per actor, in the order first named."""
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
    return clusters


def _orgs_taken_for_people(sdoc, people: list[Cluster], orgs: list[Candidate]) -> list[Cluster]:
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
        if sdoc[c.tok_end - 1].lower_ in ORG_HEADS or a_platform(sdoc, c.tok_start, c.tok_end)
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


def role_records(cl: Cluster) -> list[Role]:
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


def _cluster_people(cands: list[Candidate]) -> list[Cluster]:
    clusters: list[Cluster] = []
    singles: list[Candidate] = []
    for cand in cands:
        first, last = person_parts(cand.text)
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
            match = Cluster("person", first=first, last=lk)
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
            by_head = [cl for cl in fitting if title_heads(hint) & cl.role_heads()]
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
                cl
                for cl in options
                if not (gender and cluster_gender(cl) and cluster_gender(cl) != gender)
            ] or options
        if len(options) > 1:
            options = [_surname_owner(options, cand.start)]
        if options and cand.role and _another_office(options[0], cand.role, cand.hypothetical):
            options = []
        if options:
            options[0].cands.append(cand)
        else:
            clusters.append(Cluster("person", [cand], first=None, last=lk))
    _merge_misspellings(clusters)
    for cl in clusters:
        cl.cands.sort(key=lambda c: c.start)
    return clusters


def _an_office(title: str) -> bool:
    """A title that names an office someone holds ("President", "Senator"), not a courtesy."""
    return any(h.split()[-1] in OFFICES for h in title_heads(title))


def _another_office(cl: Cluster, title: str, hypothetical: bool = False) -> bool:
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
            heads |= title_heads(text)
            sought |= _sought(text)
    held = {h for h in heads if h.split()[-1] not in CANDIDACY}
    wanted = title_heads(title)
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
    return {norm_role(w) for w in sought}


def _first_name_owner(clusters: list[Cluster], key: str) -> list[Cluster]:
    """The one person a lone first name means ("Hillary's health" after "Hillary Clinton"):
    the only person of the document with that first name, where no one has it as a surname.
    Two people sharing it leave the name alone rather than guess."""
    if len(key) < 3:
        return []
    owners = [cl for cl in clusters if cl.first and name_key(cl.first) == key]
    return owners if len(owners) == 1 else []


def _surname_owner(options: list[Cluster], pos: int) -> Cluster:
    """Of several people sharing a surname, the one a bare surname means: the one named
    most often so far, and on a tie the one named first (the story's subject: "Hillary
    Clinton ... daughter Chelsea Clinton's apartment ... Clinton had told police")."""
    before = [cl for cl in options if cl.cands[0].start < pos] or options
    return max(
        before, key=lambda cl: (sum(1 for c in cl.cands if c.start < pos), -cl.cands[0].start)
    )


def cluster_gender(cl: Cluster) -> str | None:
    """A person's gender from the titles, honorifics or first name the text gives (kept)."""
    if cl.gender is None:
        words = [w for r in cl.roles for w in r.split()]
        hints = {c.gender_hint for c in cl.cands if c.gender_hint}
        cl.gender = (
            gender_of_words(words)
            or (hints.pop() if len(hints) == 1 else None)
            or gender_of_name(cl.first, cl.last)
        )
    return cl.gender


def _merge_misspellings(clusters: list[Cluster]) -> None:
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
            g1, g2 = cluster_gender(cl), cluster_gender(other)
            if g1 and g2 and g1 != g2:
                continue
            if target is None or len(other.cands) > len(target.cands):
                target = other
        if target is not None:
            target.misspelled.add(id(cl.cands[0]))
            target.cands.extend(cl.cands)
            cl.cands = []
    clusters[:] = [cl for cl in clusters if cl.cands]


def _competing_spellings(cl: Cluster, clusters: list[Cluster]) -> bool:
    """Two or more other people whose surnames are near-spellings of this one at the same,
    smallest distance ("Orlev" after both "Pavel Orlov" and "Petr Orlav")."""
    dists = sorted(
        Levenshtein.distance(cl.last, other.last)
        for other in clusters
        if other is not cl and other.cands and other.last and near_spelling(cl.last, other.last)
    )
    return len(dists) > 1 and dists[0] == dists[1]


def _places_taken_for_people(
    sdoc, people: list[Cluster], place_keys: set[str], gaz: Gazetteer
) -> list[Cluster]:
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
        hit = exact_place(cl.cands[0].text, gaz)
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


def _names_a_thing(sdoc, cl: Cluster) -> bool:
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


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words)


def _cluster_orgs(cands: list[Candidate]) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_key: dict[frozenset[str], Cluster] = {}
    for cand in sorted(cands, key=lambda c: (-len(org_words(c.text)), c.start)):
        words = org_words(cand.text)
        if not words:
            continue
        key = frozenset(words)
        cl = by_key.get(key)
        if cl is None and len(words) == 1:
            w = words[0]
            options = []
            for other in clusters:
                full = org_words(other.cands[0].text)
                if len(full) < 2:
                    continue
                if cand.text.isupper() and len(w) >= 2 and _acronym(full) == w:
                    options.append(other)
                elif w not in GENERIC_ORG_WORDS and full[0] == w:
                    options.append(other)
            if options:
                cl = max(options, key=lambda o: len(o.cands))
        if cl is None:
            cl = Cluster("org", key=key)
            clusters.append(cl)
        by_key.setdefault(key, cl)
        cl.cands.append(cand)
    for cl in clusters:
        cl.cands.sort(key=lambda c: c.start)
    return clusters


def _cluster_by_key(cands: list[Candidate], label: str) -> list[Cluster]:
    by_key: dict[str, Cluster] = {}
    for cand in cands:
        key = name_key(cand.text)
        if label == "group" and key.endswith("s"):
            key = key[:-1]
        by_key.setdefault(key, Cluster(label)).cands.append(cand)
    return list(by_key.values())


def canonical_name(cl: Cluster) -> str:
    """The name an entity goes by: a person's fullest correct spelling, an organization's
    longest form, else the most frequent form not written in capitals."""
    if cl.label == "person":
        forms = Counter(c.text for c in cl.cands if id(c) not in cl.misspelled) or Counter(
            c.text for c in cl.cands
        )
        return max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
    if cl.label == "org":
        return max((c.text for c in cl.cands), key=lambda f: (len(org_words(f)), len(f)))
    forms = Counter(c.text for c in cl.cands)
    return max(forms, key=lambda f: (not f.isupper(), forms[f], len(f)))


def _absorb_surnames(people: list[Cluster], others: list[Candidate]) -> list[Candidate]:
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


def _cluster_single(people: list[Cluster], cand: Candidate) -> None:
    lk = name_key(cand.text)
    options = [cl for cl in people if cl.last == lk]
    before = [cl for cl in options if cl.cands[0].start < cand.start] or options
    best = max(
        before, key=lambda cl: max((c.start for c in cl.cands if c.start < cand.start), default=-1)
    )
    best.cands.append(cand)
    best.cands.sort(key=lambda c: c.start)


def _untagged_surnames(
    sdoc, people: list[Cluster], taken: list[tuple[int, int]]
) -> list[Candidate]:
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
                found.append(make_candidate(sdoc, i, i + 1, "person"))
    return found


def _pronoun_votes(sdoc, clusters: list[Cluster]) -> None:
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
