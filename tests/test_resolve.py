"""Corpus-level resolution: one actor across documents, spellings and scripts; namesakes apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.ids import entity_id
from sitrep.lexicon.names import name_key, near_spelling, roles_conflict, translit
from sitrep.records import ActorRef, Analysis, Claim, Document, Entity, Mention, Quote, Span
from sitrep.resolve import apply_resolution, resolve_corpus


def ent(name, type_="person", roles=(), desc=(), gender=None, n=1, aliases=()):
    eid = entity_id(type_, name)
    mentions = [Mention(i * 40, i * 40 + len(name), name, type_, eid) for i in range(n)]
    return Entity(eid, name, type_, [name, *aliases], list(roles), list(desc), mentions, gender)


def corpus(*docs):
    return [(Document(f"d{i}", "x"), Analysis(entities=list(ents))) for i, ents in enumerate(docs)]


def canon(res, doc_items, doc_index, local_name, type_="person"):
    doc, _ = doc_items[doc_index]
    cid = res.canonical_id(entity_id(type_, local_name), doc.id)
    return res.entities[cid]


def test_transliteration_and_names_helpers():
    assert translit("Леонид Ивашов") == "Leonid Ivashov"
    assert name_key("Зеленский") == name_key("Zelensky") == name_key("Zelenskyy")
    assert name_key("Dmitriy") == name_key("Dmitry")
    assert near_spelling("Deverall", "Deverell")
    assert not near_spelling("Deverell", "Beverell")  # a different initial
    assert not near_spelling("Ivan", "Iran")  # too short to call a typo
    assert roles_conflict(["Foreign Minister"], ["footballer"])
    assert not roles_conflict(["Defence Minister"], ["former minister"])


def test_scripts_and_surnames_meet():
    items = corpus(
        [
            ent("Leonid Ivashov", desc=["retired Russian general"], gender="m", n=2),
            ent("Vladimir Putin", roles=["President"], n=3),
        ],
        [ent("Леонид Ивашов", n=2), ent("Путин"), ent("Путина")],
        [ent("Ivashov"), ent("Putin")],
    )
    res = resolve_corpus(items)
    ivashov = canon(res, items, 1, "Леонид Ивашов")
    assert ivashov.id == entity_id("person", "Leonid Ivashov")
    assert "Леонид Ивашов" in ivashov.aliases
    assert canon(res, items, 2, "Ivashov") is ivashov
    putin = canon(res, items, 1, "Путина")
    assert putin.name == "Vladimir Putin"
    assert canon(res, items, 1, "Путин") is putin and canon(res, items, 2, "Putin") is putin
    assert res.counts[putin.id] == 6
    assert res.documents[putin.id] == ["d0", "d1", "d2"]
    assert putin.roles == ["President"]


def test_namesakes_with_conflicting_first_names_or_roles_stay_apart():
    items = corpus(
        [
            ent("Anton Ivanek", roles=["Major"], gender="m"),
            ent("Tom Harker", roles=["Foreign Minister"]),
        ],
        [
            ent("Dana Ivanek", roles=["Health Minister"], gender="f"),
            ent("Jack Harker", roles=["footballer"]),
        ],
        [ent("Ivanek", roles=["Major"]), ent("Harker", roles=["striker"])],
        [ent("Ivanek", roles=["Health Minister"])],
        [ent("Harker", roles=["Foreign Minister"])],
    )
    res = resolve_corpus(items)
    anton, dana = canon(res, items, 0, "Anton Ivanek"), canon(res, items, 1, "Dana Ivanek")
    assert anton.id != dana.id
    assert canon(res, items, 2, "Ivanek") is anton
    assert canon(res, items, 3, "Ivanek") is dana
    tom, jack = canon(res, items, 0, "Tom Harker"), canon(res, items, 1, "Jack Harker")
    assert tom.id != jack.id
    assert canon(res, items, 2, "Harker") is jack
    assert canon(res, items, 4, "Harker") is tom
    assert "footballer" not in tom.roles and "Foreign Minister" not in jack.roles


def test_a_bare_surname_that_fits_two_people_is_not_forced_and_says_who_it_could_be():
    items = corpus(
        [ent("Anton Ivanek", roles=["Major"], gender="m")],
        [ent("Dana Ivanek", roles=["Health Minister"], gender="f")],
        [ent("Ivanek")],
    )
    res = resolve_corpus(items)
    bare = canon(res, items, 2, "Ivanek")
    assert bare.name == "Ivanek"
    anton, dana = canon(res, items, 0, "Anton Ivanek"), canon(res, items, 1, "Dana Ivanek")
    assert bare.id not in (anton.id, dana.id)
    # and it says who it could be
    assert res.undecided[bare.id] == [anton.id, dana.id]
    assert "could be Anton Ivanek or Dana Ivanek: only the surname is given" in bare.descriptions
    assert not res.undecided.get(anton.id) and not anton.descriptions


def test_a_surname_tagged_as_an_organization_with_two_namesakes_is_a_person_kept_apart():
    items = corpus(
        [ent("Jan Ivanek", roles=["defence minister"])],
        [ent("Petr Ivanek", roles=["opposition deputy"])],
        [ent("Ivanek", "org")],
    )
    res = resolve_corpus(items)
    bare = canon(res, items, 2, "Ivanek", "org")
    assert bare.type == "person" and bare.name == "Ivanek"
    assert len(res.undecided[bare.id]) == 2


def test_a_bare_surname_with_one_candidate_joins_it():
    items = corpus([ent("Katrin Vell", roles=["President"])], [ent("Vell")])
    res = resolve_corpus(items)
    assert canon(res, items, 1, "Vell").name == "Katrin Vell"


def test_misspellings_merge_when_context_agrees():
    items = corpus(
        [ent("Richard Deverell", desc=["former commander of the British Joint Forces"], n=3)],
        [ent("Richard Deverall", desc=["former commander"])],
        [ent("Lena Bennig"), ent("Karl Benning", n=2)],
    )
    res = resolve_corpus(items)
    deverell = canon(res, items, 1, "Richard Deverall")
    assert deverell.name == "Richard Deverell"
    assert "Richard Deverall" in deverell.aliases
    # different first names: not a typo
    assert canon(res, items, 2, "Lena Bennig").id != canon(res, items, 2, "Karl Benning").id
    _, analysis = items[1]
    apply_resolution(analysis, res)
    assert analysis.entities[0].id == deverell.id
    assert analysis.entities[0].mentions[0].misspelled


def test_misspelling_without_agreeing_context_stays_apart():
    items = corpus(
        [ent("Deverell", roles=["footballer"], n=3)],
        [ent("Deverall", roles=["Defence Minister"])],
    )
    res = resolve_corpus(items)
    assert canon(res, items, 0, "Deverell").id != canon(res, items, 1, "Deverall").id


def test_organizations_places_and_groups():
    items = corpus(
        [
            ent("Fox News", "org", aliases=["Fox"]),
            ent("NATO", "org"),
            ent("Petrograd", "place"),
            ent("Ministry of Defence", "org", aliases=["Defence Ministry"]),
        ],
        [
            ent("Fox", "org"),
            ent("North Atlantic Treaty Organization", "org", aliases=["NATO"]),
            ent("Saint Petersburg", "place"),
            ent("Russians", "group"),
            ent("Defence Ministry", "org"),
        ],
        [
            ent("Leningrad", "place"),
            ent("Russian", "group"),
            ent("Ministry", "org"),
            ent("Drovna", "place"),
        ],
    )
    res = resolve_corpus(items)
    assert canon(res, items, 1, "Fox", "org").name == "Fox News"
    assert canon(res, items, 0, "NATO", "org").name == "North Atlantic Treaty Organization"
    assert canon(res, items, 1, "Defence Ministry", "org").name == "Ministry of Defence"
    # a generic word alone does not pull organizations together
    assert canon(res, items, 2, "Ministry", "org").name == "Ministry"
    spb = canon(res, items, 2, "Leningrad", "place")
    assert spb.name == "Saint Petersburg" and spb.id == entity_id("place", "Saint Petersburg")
    assert canon(res, items, 0, "Petrograd", "place") is spb
    assert canon(res, items, 2, "Drovna", "place").name == "Drovna"
    assert canon(res, items, 1, "Russians", "group") is canon(res, items, 2, "Russian", "group")


def test_apply_resolution_rewrites_speakers_sources_and_mentions():
    local = ent("Ivashov")
    quote = Quote(
        0,
        10,
        "x",
        None,
        [Span(0, 7, "Ivashov")],
        [Span(8, 10, "ab")],
        ActorRef(local.id, "Ivashov"),
        "direct",
    )
    claim = Claim(0, 10, "x", ActorRef(local.id, "Ivashov"))
    unknown = Claim(0, 10, "x", ActorRef(None, None, "unnamed-plural"))
    items = [
        (Document("a", "x"), Analysis(entities=[ent("Leonid Ivashov", n=2)])),
        (Document("b", "x"), Analysis(entities=[local], quotes=[quote], claims=[claim, unknown])),
    ]
    res = resolve_corpus(items)
    apply_resolution(items[1][1], res)  # recognized without its document id
    target = entity_id("person", "Leonid Ivashov")
    assert quote.speaker.id == target and quote.speaker.name == "Leonid Ivashov"
    assert claim.source.id == target
    assert unknown.source.id is None
    assert local.id == target and all(m.entity == target for m in local.mentions)
    assert "Ivashov" in local.aliases
    assert ("b", entity_id("person", "Ivashov"), target) in res.id_map()
    assert res.canonical_of[entity_id("person", "Ivashov")] == target


def test_canonical_ids_are_unique_for_distinct_actors():
    items = corpus(
        [ent("Anton Ivanek", roles=["Major"], gender="m")],
        [ent("Dana Ivanek", roles=["Health Minister"], gender="f")],
        [ent("Ivanek")],
        [ent("Ivanek", roles=["footballer"])],
    )
    res = resolve_corpus(items)
    assert len(res.entities) == len({e.id for e in res.entities.values()})


def test_end_to_end_with_documents(nlp):
    from sitrep.analyze.entities import extract_entities

    texts = [
        "Leonid Ivashov, a retired Russian general, said the drill was a bluff. Ivashov added "
        "that Major Anton Ivanek had confirmed it.",
        "Health Minister Dana Ivanek said hospitals were ready. Ivashov disagreed, and Ivanek "
        "said she would not comment further.",
    ]
    items = []
    for i, text in enumerate(texts):
        items.append(
            (Document(f"t{i}", text), Analysis(entities=extract_entities(nlp(text), None).entities))
        )
    res = resolve_corpus(items)
    people = {e.name for e in res.entities.values() if e.type == "person"}
    assert {"Leonid Ivashov", "Anton Ivanek", "Dana Ivanek"} <= people
    assert canon(res, items, 1, "Ivashov").name == "Leonid Ivashov"
    assert canon(res, items, 1, "Dana Ivanek").id != canon(res, items, 0, "Anton Ivanek").id


names = st.text(alphabet="AIVKNaeinovshkrлеонидИвашв -", min_size=1, max_size=14)


@given(
    st.lists(
        st.lists(
            st.tuples(names, st.sampled_from(["person", "org", "place", "group"])), max_size=5
        ),
        max_size=5,
    )
)
def test_any_corpus_resolves_every_local_entity(docs):
    items = corpus(*[[ent(n, t) for n, t in doc if n.strip(" -")] for doc in docs])
    res = resolve_corpus(items)
    for doc, analysis in items:
        for e in analysis.entities:
            canon_ent = res.canonical(e.id, doc.id)
            assert canon_ent is not None
            # a lone word may be a surname tagged as an org, or a place tagged as a person or org
            assert canon_ent.type == e.type or (e.type, canon_ent.type) in (
                ("org", "person"),
                ("person", "place"),
                ("org", "place"),
            )
    for doc, analysis in items:
        apply_resolution(analysis, res, doc.id)
        assert all(e.id in res.entities for e in analysis.entities)


@pytest.mark.parametrize("name", ["Ivashov", "Ивашов", "IVASHOV"])
def test_name_keys_ignore_script_and_case(name):
    assert name_key(name) == name_key("Ivashov")


def test_russian_titles_agree_with_english_ones():
    items = corpus(
        [
            ent("Anton Ivanek", roles=["Major"], gender="m"),
            ent("Oleg Varlamov", roles=["Colonel-General"]),
        ],
        [ent("Dana Ivanek", roles=["Health Minister"], gender="f")],
        [ent("Иванек", roles=["майор"]), ent("Олег Варламов", roles=["генерал-полковник"])],
    )
    res = resolve_corpus(items)
    # "майор" is a major, not a mayor: the Russian bare surname is Anton, not the minister
    assert canon(res, items, 2, "Иванек").name == "Anton Ivanek"
    varlamov = canon(res, items, 2, "Олег Варламов")
    assert varlamov.name == "Oleg Varlamov" and "Олег Варламов" in varlamov.aliases
    assert "генерал-полковник" in varlamov.roles


def test_a_surname_tagged_as_an_organization_joins_its_person():
    items = corpus(
        [
            ent("Tomasz Wrona", roles=["analyst"]),
            ent("Michael Fox"),
            ent("Fox News", "org", aliases=["Fox"]),
        ],
        [ent("Wrona", "org"), ent("Fox", "org")],
    )
    res = resolve_corpus(items)
    assert canon(res, items, 1, "Wrona", "org").name == "Tomasz Wrona"
    # "Fox" is part of an organization's name elsewhere: it stays the organization
    assert canon(res, items, 1, "Fox", "org").name == "Fox News"
    _, analysis = items[1]
    apply_resolution(analysis, res)
    wrona = analysis.entities[0]
    assert wrona.type == "person" and wrona.mentions[0].label == "person"


def test_a_place_tagged_as_a_person_in_one_report_is_the_place():
    items = corpus(
        [ent("Drovna", "place"), ent("Katrin Vell", roles=["President"])],
        [ent("Drovna", "person"), ent("Kelmar", "org")],
        [ent("Kelmar", "place")],
        [ent("Anna Vell"), ent("Vell", "person")],
    )
    res = resolve_corpus(items)
    assert (
        canon(res, items, 1, "Drovna").id
        == canon(res, items, 0, "Drovna", "place").id
        == "place:drovna"
    )
    assert canon(res, items, 1, "Kelmar", "org").type == "place"
    assert canon(res, items, 3, "Vell").name == "Anna Vell"  # a surname stays a person
    assert not [
        e for e in res.entities.values() if e.type != "place" and e.name in ("Drovna", "Kelmar")
    ]


def test_a_titled_surname_its_report_kept_apart_from_a_namesake_joins_the_other_one():
    """ "President Vell" in a report that names "first lady Marisa Vell" is not her: the
    report kept the two apart, so the corpus gives the surname to the president."""
    items = corpus(
        [ent("Anton Vell", roles=["President"], n=2)],
        [ent("Marisa Vell", roles=["first lady"]), ent("Vell", roles=["President"])],
    )
    res = resolve_corpus(items)
    assert canon(res, items, 1, "Vell").name == "Anton Vell"
    assert canon(res, items, 1, "Marisa Vell").name == "Marisa Vell"


def test_the_office_a_candidate_seeks_goes_to_its_holder_in_the_corpus():
    """ "President Vell" in a report that names "Democratic presidential candidate Marisa
    Vell" is kept apart from her there, and the corpus gives it to the president it knows."""
    items = corpus(
        [ent("Anton Vell", roles=["former President"], n=2)],
        [
            ent("Marisa Vell", roles=["Democratic presidential candidate"], n=2),
            ent("Vell", roles=["President"]),
        ],
    )
    res = resolve_corpus(items)
    assert canon(res, items, 1, "Vell").name == "Anton Vell"
    assert canon(res, items, 1, "Marisa Vell").name == "Marisa Vell"
