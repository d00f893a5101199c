"""Speed of corpus-level entity resolution and of place resolution.

Generates a corpus of document-level entities (people with full names, bare
surnames, titles, Cyrillic spellings and typos; organizations with short forms;
places with historical and misspelled names) totalling N mentions, times
``resolve_corpus`` on it, then times the gazetteer: building it (cold, once per
process) and looking up place names. Also times the per-document entity
extractor and ``actor_for`` on the English example corpus.

    python benchmarks/resolve.py [N]      # N mentions, default 10000
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from sitrep.ids import entity_id
from sitrep.records import Analysis, Document, Entity, Mention
from sitrep.resolve import resolve_corpus

ROOT = Path(__file__).resolve().parents[1]

FIRST = [
    "Leonid",
    "Anton",
    "Dana",
    "Katrin",
    "Stefan",
    "Oleg",
    "Richard",
    "Ilse",
    "Maria",
    "Pavel",
    "Jana",
    "Lukas",
    "Tom",
    "Jack",
    "Irina",
    "Sergei",
    "Olga",
    "Viktor",
    "Elena",
    "Marek",
]
LAST = [
    "Ivashov",
    "Ivanek",
    "Vell",
    "Horvel",
    "Varlamov",
    "Deverell",
    "Marrow",
    "Sevik",
    "Koskinen",
    "Harker",
    "Petrov",
    "Novak",
    "Kowalski",
    "Lindqvist",
    "Meren",
    "Sokolov",
    "Orlov",
    "Baranov",
]
ROLES = [
    "President",
    "Defence Minister",
    "Health Minister",
    "Major",
    "Colonel-General",
    "footballer",
    "spokesman",
    "ambassador",
    "professor",
    "journalist",
]
ORGS = [
    ("Fox News", "Fox"),
    ("Ministry of Defence", "Defence Ministry"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("Meridian Press", "Meridian"),
    ("Land Forces", "Land Forces"),
    ("European Union", "EU"),
]
PLACES = [
    "Saint Petersburg",
    "Petrograd",
    "Leningrad",
    "Kaliningrad",
    "Kalingrad",
    "Königsberg",
    "Kyiv",
    "Kiev",
    "Odessa",
    "Riga",
    "Moscow",
    "Russia",
    "Drovna",
    "Volgograd",
    "Stalingrad",
    "Danzig",
    "Gdansk",
    "Vilnius",
    "Zzyzxgrad",
    "Lviv",
]
CYR = {
    "Leonid": "Леонид",
    "Ivashov": "Ивашов",
    "Oleg": "Олег",
    "Varlamov": "Варламов",
    "Sergei": "Сергей",
    "Sokolov": "Соколов",
    "Petrov": "Петров",
    "Olga": "Ольга",
}


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + rng.choice("aeiou") + word[i + 1 :]


def person_name(rng: random.Random) -> tuple[str, list[str], str]:
    """(name as written, roles, who it really is): a fixed population of people in
    which each surname has up to three first names, each person one role."""
    last = rng.choice(LAST)
    first = FIRST[(LAST.index(last) * 7 + rng.randrange(3)) % len(FIRST)]
    roles = [ROLES[(FIRST.index(first) + LAST.index(last)) % len(ROLES)]]
    truth = f"{first} {last}"
    r = rng.random()
    if r < 0.25:
        return last, roles if rng.random() < 0.5 else [], truth
    if r < 0.35 and first in CYR and last in CYR:
        return f"{CYR[first]} {CYR[last]}", [], truth
    if r < 0.40:
        return f"{first} {typo(last, rng)}", roles, truth
    return f"{first} {last}", roles, truth


def make_corpus(n_mentions: int, seed: int = 7) -> tuple[list[tuple[Document, Analysis]], dict]:
    """Documents of entities totalling ``n_mentions``, and who each person entity really is."""
    rng = random.Random(seed)
    items, total, d = [], 0, 0
    truth: dict[tuple[str, str], str] = {}
    while total < n_mentions:
        ents: dict[str, Entity] = {}
        for _ in range(rng.randint(4, 12)):
            kind = rng.random()
            who = None
            if kind < 0.6:
                name, roles, who = person_name(rng)
                type_, aliases = "person", []
            elif kind < 0.8:
                full, short = rng.choice(ORGS)
                name, roles, type_, aliases = (
                    full,
                    [],
                    "org",
                    ([short] if rng.random() < 0.5 else []),
                )
                if rng.random() < 0.3:
                    name, aliases = short, []
            else:
                name, roles, type_, aliases = rng.choice(PLACES), [], "place", []
            eid = entity_id(type_, name)
            if who is not None:
                truth.setdefault((f"doc{d}", eid), who)
            count = rng.randint(1, 4)
            ent = ents.setdefault(eid, Entity(eid, name, type_, [name, *aliases], roles))
            for _ in range(count):
                ent.mentions.append(Mention(total, total + len(name), name, type_, eid))
                total += 1
        items.append((Document(f"doc{d}", ""), Analysis(entities=list(ents.values()))))
        d += 1
    return items, truth


def pairwise(res, truth: dict) -> tuple[float, float]:
    """Pairwise precision and recall of the person clusters against who they really are."""
    from collections import Counter

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    predicted = Counter(res.by_document[doc][eid] for doc, eid in truth)
    gold = Counter(truth.values())
    both = Counter((res.by_document[doc][eid], who) for (doc, eid), who in truth.items())
    agree = pairs(both)
    return agree / max(pairs(predicted), 1), agree / max(pairs(gold), 1)


def main(n: int = 10_000) -> None:
    items, truth = make_corpus(n)
    mentions = sum(len(e.mentions) for _, a in items for e in a.entities)
    local = sum(len(a.entities) for _, a in items)

    from sitrep.lexicon.gazetteer import base_gazetteer

    t0, c0 = time.perf_counter(), time.process_time()
    gaz = base_gazetteer()
    build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"gazetteer build (once per process): {build:.2f} s wall, {build_cpu:.2f} s CPU, "
        f"{len(gaz.index):,} name keys, {len(gaz.entries):,} places"
    )

    t0 = time.perf_counter()
    res = resolve_corpus(items)
    took = time.perf_counter() - t0
    people = sum(1 for e in res.entities.values() if e.type == "person")
    print(
        f"resolve_corpus: {mentions:,} mentions, {local:,} document-level entities in "
        f"{len(items):,} documents -> {len(res.entities):,} canonical ({people} people; "
        f"{len(set(truth.values()))} really) in {took:.3f} s ({mentions / took:,.0f} mentions/s)"
    )
    precision, recall = pairwise(res, truth)
    print(
        f"  people, pairwise against the generated truth: precision {precision:.3f}, recall "
        f"{recall:.3f} (bare surnames shared by several people are left apart by design)"
    )

    rng = random.Random(3)
    names = [rng.choice(PLACES) for _ in range(n)]
    typos = [typo(p, rng) for p in rng.choices(PLACES, k=n // 10)]
    for label, batch in (("known or unknown names", names), ("names with a random typo", typos)):
        t0 = time.perf_counter()
        found = sum(1 for name in batch if gaz.lookup(name, {"RU"}) is not None)
        took = time.perf_counter() - t0
        print(
            f"place lookups, {label}: {len(batch):,} in {took:.3f} s "
            f"({took / len(batch) * 1e6:.0f} µs each), {found:,} resolved"
        )

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    texts = [t for t in texts if not any("а" <= c <= "я" for c in t[:300])]
    if texts:
        from sitrep.analyze.entities import extract_entities
        from sitrep.analyze.nlp import load_nlp
        from sitrep.analyze.places import extract_places

        nlp = load_nlp()
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parse_time = time.perf_counter() - t0
        extract_entities(docs[0], None)  # the first call loads the gazetteer and name lists
        t0 = time.perf_counter()
        parsed = [extract_entities(d, None) for d in docs]
        ent_time = time.perf_counter() - t0
        t0 = time.perf_counter()
        calls = 0
        for d, ents in zip(docs, parsed, strict=True):
            for tok in d:
                if tok.pos_ in ("PRON", "PROPN") or tok.lower_ in (
                    "minister",
                    "general",
                    "ministry",
                ):
                    ents.actor_for(tok.idx, tok.idx + len(tok.text))
                    calls += 1
        actor_time = time.perf_counter() - t0
        t0 = time.perf_counter()
        n_places = sum(len(extract_places(d, e)) for d, e in zip(docs, parsed, strict=True))
        place_time = time.perf_counter() - t0
        words = sum(len(d) for d in docs)
        print(
            f"spaCy parse of {len(docs)} English example documents ({words:,} tokens): "
            f"{parse_time:.3f} s"
        )
        print(
            f"extract_entities: {ent_time:.3f} s ({ent_time / parse_time:.0%} of the parse); "
            f"actor_for: {calls:,} calls in {actor_time * 1e3:.1f} ms; "
            f"extract_places: {n_places} places in {place_time:.3f} s"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
