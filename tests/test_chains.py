"""Independence traced to the first source, on a made-up corpus.

Four outlets each report the council's detention figure ("according to the
council", "the council said"): four origins, one first source. Two outlets whose
own correspondents saw the burning depot: two first sources.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from sitrep.assess import assess_corpus
from sitrep.assess.chains import Chain, cited_in_text, first_sources
from sitrep.assess.evidence import Evidence
from sitrep.deliver.web.app import create_app
from sitrep.ids import content_id
from sitrep.records import ActorRef, Analysis, Claim, Document, Span

RELAYS = {
    "Ash Daily": "About 3,000 people were detained in Oskar overnight, according to the council.",
    "Birch Post": "The council said about 3,000 people were detained in Oskar overnight.",
    "Cedar News": "About 3,000 people were detained overnight in Oskar, the council said on "
    "Monday.",
    "Dune Radio": "According to the council, about 3,000 people were detained in Oskar overnight.",
}
SEEN = {
    "Elm Times": "A fuel depot on the edge of Oskar burned through the night, our "
    "correspondent saw.",
    "Fern Herald": "A fuel depot on the edge of Oskar burned through the night as firefighters "
    "watched.",
}


def _corpus(texts: dict[str, str]) -> list[tuple[Document, Analysis]]:
    out = []
    for outlet, body in texts.items():
        text = f"Report from Oskar\n\n{body}"
        out.append(
            (
                Document(
                    content_id(outlet + text),
                    text,
                    path=f"{outlet}.txt",
                    outlet=outlet,
                    published="2026-04-06",
                ),
                Analysis(),
            )
        )
    return out


def _story(a, word: str):
    return next(s for s in a.storylines if word in s.lead.text)


def test_four_outlets_citing_one_council_are_one_first_source():
    a = assess_corpus(_corpus(RELAYS | SEEN))
    s = _story(a, "detained")
    assert len(s.origins) == 4 and len(s.first_sources) == 1 and "council" in s.first_sources[0]
    assert not s.confirmed
    j = next(j for j in a.judgments if j.storyline is s)
    assert j.kind == "attributed" and "that this is accurate" not in (j.likelihood_text or "")
    assert "rests on" in j.likelihood_text and "council" in j.statement
    assert all("→ council" in a.chain_of(m) for m in s.members)


def test_independent_eyewitness_reports_are_two_first_sources():
    a = assess_corpus(_corpus(RELAYS | SEEN))
    s = _story(a, "depot")
    assert len(s.first_sources) == 2 and s.confirmed


def test_in_text_citations():
    ev = Evidence("x:e0", Document("x", "t"), 0, 1, "")
    for text, who in (
        ("Ten were hurt, according to the interior ministry.", "interior ministry"),
        ("The army said ten were hurt.", "army"),
        ("Ten were hurt, according to Civic Watch.", "Civic Watch"),
        ("Ten were hurt at 2000 GMT.", None),
    ):
        ev.text = text
        assert cited_in_text(ev) == who
    # "the ministry" is the interior ministry the other report names
    assert first_sources(
        [Chain("Ash Daily", None, "the interior ministry"), Chain("Birch Post", None, "ministry")]
    ) == ["the interior ministry"]


@given(
    st.lists(st.sampled_from(["Ash", "Birch", "Cedar"]), min_size=1, max_size=6),
    st.sampled_from([None, "council", "Civic Watch"]),
)
def test_first_sources_never_outnumber_the_outlets(outlets, cites):
    chains = [Chain(o, None, cites) for o in outlets]
    found = first_sources(chains)
    assert 1 <= len(found) <= len(set(outlets))
    if cites:
        assert found == [cites]


def test_web_brief_shows_the_file_briefs_judgments(tmp_path):
    from fastapi.testclient import TestClient

    from sitrep.store.queries import open_readonly

    items = _corpus(RELAYS | SEEN)
    db, engine, a = _stored(items, tmp_path)
    engine.dispose()
    page = TestClient(create_app(open_readonly(db)), base_url="http://127.0.0.1:8000").get("/").text
    assert a.judgments
    for j in a.judgments:
        assert j.statement.split("“")[0].strip()[:30] in page.replace("&#39;", "'").replace(
            "&#34;", '"'
        )


PARAPHRASE = {
    "Gale Gazette": "The Tarn bridge was destroyed overnight, according to Governor Ilse Vahr.",
    "Heath Wire": "Our correspondent in Tarn saw the bridge's central span lying in the river "
    "on Tuesday morning.",
    "Isle Post": "The Tarn bridge reopened to traffic after repairs, the city said.",
}


def test_one_event_in_other_words_is_one_storyline():
    a = assess_corpus(_corpus(PARAPHRASE))
    s = _story(a, "bridge")
    outlets = set(s.outlets)
    assert {"Gale Gazette", "Heath Wire"} <= outlets and "Isle Post" not in outlets
    assert (
        len(s.first_sources) == 2 and s.confirmed
    )  # the governor, and what Heath Wire's correspondent saw


def test_event_frames():
    from sitrep.assess.storylines import event_frames

    assert ("destroyed", "bridge") in event_frames("The bridge's span lies in the river.")
    assert event_frames("The bridge reopened to traffic.") == frozenset()
    assert event_frames("Talks resumed in the capital.") == frozenset()
    assert ("captured", "base") in event_frames("Mutineers were in control of Orvel air base.")
    assert ("captured", "base") in event_frames("The brigade occupied the airbase overnight.")
    assert ("closed", "television") in event_frames("It took the television channel off the air.")


def test_chain_written_in_the_sentence():
    from sitrep.assess.chains import relay_in_text

    cases = {
        "Troops crossed the river at dawn, the Korvath Insider news site reported on Wednesday, "
        "citing two officials in the regional council.": ("Korvath Insider", "regional council"),
        "Troops crossed the river, Korvath Insider reported, citing the regional council.": (
            "Korvath Insider",
            "regional council",
        ),
        "Troops crossed the river, according to Korvath Insider, which cited the regional "
        "council.": (
            "Korvath Insider",
            "regional council",
        ),
        "Troops crossed the river, a council spokesman told Varn Radio.": ("Varn Radio", "council"),
        "A source in the interior ministry, who asked not to be named, told Varn Radio that "
        "troops crossed.": (
            "Varn Radio",
            "interior ministry",
        ),
        "Troops crossed the river, the regional council said in a statement carried by Korvath "
        "Insider.": (
            "Korvath Insider",
            "regional council",
        ),
        "Troops crossed the river, the mayor told reporters.": (None, None),
        '"The company cut corners, and the people of Pravik have paid for it," Mirela Dascu told '
        "Varn Radio.": ("Varn Radio", "Mirela Dascu"),
        "Troops crossed the river at dawn.": (None, None),
    }
    for text, want in cases.items():
        assert relay_in_text(text) == want, text


RELAYED = {
    "Ash Daily": "Troops crossed the Vell river at dawn, the Korvath Insider news site reported on "
    "Wednesday, citing two officials in the regional council.",
    "Birch Post": "Troops crossed the Vell river at dawn, according to Korvath Insider, which "
    "cited the regional council.",
    "Cedar News": "Troops crossed the Vell river at dawn, the regional council said in a statement "
    "carried by Korvath Insider.",
}


def test_relayed_outlet_then_first_source():
    a = assess_corpus(_corpus(RELAYED))
    s = _story(a, "Vell")
    assert len(s.members) == 3 and s.first_sources == ["regional council"] and not s.confirmed
    for m in s.members:
        assert a.chain_of(m) == f"{m.outlet} → Korvath Insider → regional council"


BRIDGED = {
    "Gale Gazette": "The Tarn bridge was destroyed overnight.",
    "Heath Wire": "In Tarn the bridge was destroyed and the airport was closed on Monday.",
    "Isle Post": "Shelling closed the Tarn airport to all flights.",
}


def test_storylines_do_not_chain_through_a_bridge():
    a = assess_corpus(_corpus(BRIDGED))
    for s in a.storylines:
        assert not {"Gale Gazette", "Isle Post"} <= set(s.outlets), s.outlets
    assert any(
        {"Gale Gazette", "Heath Wire"} <= set(s.outlets)
        or {"Heath Wire", "Isle Post"} <= set(s.outlets)
        for s in a.storylines
    )


def test_a_statement_joins_a_storyline_it_agrees_with():
    from sitrep.assess.storylines import agreeing_groups

    docs = ["a", "b", "c", "d"]
    # a-b-c agree with one another; d is linked to c alone: it stays out
    groups = agreeing_groups(
        4, [(0, 1, "text"), (1, 2, "text"), (0, 2, "content"), (2, 3, "event")], docs
    )
    assert [0, 1, 2] in groups and [3] in groups
    # a chain a-b, b-c, c-d is never one group
    groups = agreeing_groups(4, [(0, 1, "text"), (1, 2, "text"), (2, 3, "text")], docs)
    assert all(len(g) <= 2 for g in groups)


def test_an_outlet_reporting_what_someone_else_found_relays_it():
    from sitrep.assess.chains import relay_in_text

    text = (
        "Vell Radio reports that the governor has lost ground among farmers, "
        "according to the Drummond Institute for Polling."
    )
    assert relay_in_text(text) == ("Vell Radio", "Drummond Institute for Polling")
    # a person who wrote something, according to papers, is not relaying the papers
    person = "Ilse Vahr wrote that the levee would hold, according to court papers."
    assert relay_in_text(person, people=frozenset({"Ilse Vahr"})) == (None, None)


POLLED = {
    "Ash Daily": "Vell Radio reports that the governor has lost ground among farmers, "
    "according to the Drummond Institute for Polling.",
    "Birch Post": "The governor has lost ground among farmers, the Drummond Institute for "
    "Polling said.",
}


def test_relayed_poll_rests_on_the_pollster():
    a = assess_corpus(_corpus(POLLED))
    s = _story(a, "farmers")
    ash = next(m for m in s.members if m.outlet == "Ash Daily")
    assert a.chain_of(ash) == "Ash Daily → Vell Radio → Drummond Institute for Polling"
    assert s.first_sources == ["Drummond Institute for Polling"] and not s.confirmed


def test_one_body_whatever_form_its_country_takes():
    forms = (
        "the Arvenian interior ministry",
        "Arvenia's interior ministry",
        "the interior ministry of Arvenia",
        "Arvenia’s Interior Ministry",
        "the Interior Ministry of Arvenia",
    )
    assert len({Chain("Ash Daily", None, f).key for f in forms}) == 1
    assert (
        Chain("Ash Daily", None, "Arvenia's council").key
        == Chain("Birch Post", None, "the Arvenian council").key
    )
    assert (
        Chain("Ash Daily", None, "the Ministry of Defence").key
        == Chain("Birch Post", None, "the defence ministry").key
    )
    different = (
        ("the Arvenian interior ministry", "the Arvenian defence ministry"),
        ("the interior ministry", "the defence ministry"),
        ("Arvenia's interior ministry", "Belmaria's interior ministry"),
        ("the Arvenian council", "the Arvenian army"),
    )
    for one, other in different:
        assert Chain("Ash Daily", None, one).key != Chain("Birch Post", None, other).key


def test_first_sources_count_bodies_not_their_spellings():
    same = [
        Chain("Ash Daily", None, "the Arvenian interior ministry"),
        Chain("Birch Post", None, "Arvenia's interior ministry"),
        Chain("Cedar News", None, "the ministry"),
        Chain("Dune Radio", None, "the interior ministry of Arvenia"),
    ]
    assert first_sources(same) == ["the Arvenian interior ministry"]
    two = [
        Chain("Ash Daily", None, "the Arvenian interior ministry"),
        Chain("Birch Post", None, "the Arvenian defence ministry"),
        Chain("Cedar News", None, "the ministry"),
    ]
    assert len(first_sources(two)) == 2
    # the body is named as a report names it in full, whichever report comes first
    assert first_sources([same[2], same[0]]) == ["the Arvenian interior ministry"]


def test_a_country_and_its_adjective_share_a_stem():
    from sitrep.assess.chains import country_stem

    for country, adjective in (
        ("Arvenia", "Arvenian"),
        ("Belmaria", "Belmarian"),
        ("Korvath", "Korvathi"),
        ("Ukraine", "Ukrainian"),
        ("China", "Chinese"),
        ("Germany", "German"),
        ("Europe", "European"),
    ):
        assert country_stem(country.lower()) == country_stem(adjective.lower()), country
    assert country_stem("austria") != country_stem("australian")
    assert country_stem("interior") != country_stem("defence")


ONE_SOURCE = {
    "Cedar News": "About 3,000 people were detained overnight in Oskar.",
    "Ash Daily": "About 3,000 people were detained in Oskar overnight, according to the council.",
    "Birch Post": "The council said about 3,000 people were detained in Oskar overnight.",
    "Dune Radio": "According to the council, about 3,000 people were detained in Oskar overnight.",
}


def test_one_first_source_relayed_by_reliable_outlets_is_no_more_than_one_source(tmp_path):
    from sitrep.assess.grades import credibility

    sources = tmp_path / "sources.toml"
    sources.write_text("".join(f'"{o}" = "A"\n' for o in ONE_SOURCE), encoding="utf-8")
    a = assess_corpus(_corpus(ONE_SOURCE), None, sources)
    s = _story(a, "detained")
    assert len(s.origins) >= 3 and len(s.first_sources) == 1
    one = credibility(1, "A", False, False)  # what one report from an A outlet supports
    assert s.credibility >= one and (s.band or 0) <= 5 and s.confidence != "high"
    j = next(j for j in a.judgments if j.storyline is s)
    assert j.kind == "attributed" and "council" in j.statement
    assert "that this is accurate" not in (j.likelihood_text or "")
    assert "rests on the council alone" in j.basis and "one source" in j.basis
    # the report that names no one does not report that the council said it
    assert "three independent origins report it" in j.likelihood_text
    assert "according to the council" in j.statement.lower() or "council said" in j.statement


def test_a_headline_names_no_first_source():
    head = "Norland says 200 rebels captured"
    body = "Two hundred rebels were captured near Kapital overnight, the army said."
    text = f"{head}\n\n{body}\n"
    doc = Document("h", text, outlet="Ash Daily", published="2026-04-06")
    says = Span(head.index("says"), head.index("says") + 4, "says")
    norland = Claim(0, len(head), head, ActorRef("org:norland", "Norland"), cue=says)
    ev = Evidence("h:e0", doc, 0, len(text) - 1, text[:-1], claims=[norland])
    assert cited_in_text(ev) != "Norland"
    army = Claim(text.index(body), len(text) - 1, body, ActorRef("org:army", "the army"))
    ev = Evidence("h:e0", doc, 0, len(text) - 1, text[:-1], claims=[norland, army])
    assert cited_in_text(ev) == "the army"
    # a claim that runs on from the headline, its cue in the body, still names its source
    said = Span(text.index("said"), text.index("said") + 4, "said")
    army = Claim(0, len(text) - 1, text[:-1], ActorRef("org:army", "the army"), cue=said)
    ev = Evidence("h:e0", doc, 0, len(text) - 1, text[:-1], claims=[army])
    assert cited_in_text(ev) == "the army"
    # a one-line document has no headline: its sentence may name its source
    one_line = Document("o", head, outlet="Ash Daily")
    ev = Evidence("o:e0", one_line, 0, len(head), head, claims=[norland])
    assert cited_in_text(ev) == "Norland"


def test_a_person_is_one_first_source_with_or_without_the_title_written_before_the_name():
    """'Defence Minister Stefan Horvel' in a relay and 'Stefan Horvel' in the interview it
    relays are one first source, so the storyline rests on him alone; a body keeps its
    full name ('National Security Council' is not the 'Security Council')."""
    from sitrep.lexicon.names import without_title

    relay = Chain("Meridian Press", "Veskaria Today", "Defence Minister Stefan Horvel")
    own = Chain("Veskaria Today", None, "Stefan Horvel")
    assert relay.key == own.key
    assert len(first_sources([relay, own])) == 1
    assert without_title("Major Anton Ivanek") == "Anton Ivanek"
    assert without_title("President Vell") == "President Vell"  # one word left: keep it whole
    assert without_title("National Security Council") == "National Security Council"
    assert without_title("The Kesvar Herald") == "The Kesvar Herald"


def test_a_statement_relayed_inside_another_rests_on_who_made_it():
    """'Of the 120 sailors the navy said it had arrested, 90 were freed, he said': the navy's
    attribution lies inside what the prosecutor said, so the navy is the first source."""
    text = (
        "Of the 120 sailors the navy said it had arrested, about 90 were freed by Sunday, he said."
    )
    doc = Document("n", text, outlet="Ash Daily")
    inner_said = Span(text.index("said"), text.index("said") + 4, "said")
    outer_said = Span(text.rindex("said"), text.rindex("said") + 4, "said")
    comma = text.index(",")
    outer = Claim(0, comma, text[:comma], ActorRef("person:ida-morn", "Ida Morn"), cue=outer_said)
    inner = Claim(
        inner_said.end + 1,
        len(text) - 10,
        text[inner_said.end + 1 : -10],
        ActorRef(None, "navy"),
        cue=inner_said,
    )
    ev = Evidence("n:e0", doc, 0, len(text), text, claims=[outer, inner])
    assert cited_in_text(ev) == "navy"
    # the cue lies outside the other claim: the sentence's first claim names its source
    plain = "The navy said it had arrested 120 sailors, and about 90 were freed, Ida Morn said."
    doc = Document("p", plain, outlet="Ash Daily")
    navy_said = Span(plain.index("said"), plain.index("said") + 4, "said")
    morn_said = Span(plain.rindex("said"), plain.rindex("said") + 4, "said")
    first = plain.index(", and")
    morn = Claim(
        first + 6,
        morn_said.start - 12,
        plain[first + 6 : morn_said.start - 12],
        ActorRef("person:ida-morn", "Ida Morn"),
        cue=morn_said,
    )
    navy = Claim(
        navy_said.end + 1,
        first,
        plain[navy_said.end + 1 : first],
        ActorRef(None, "navy"),
        cue=navy_said,
    )
    ev = Evidence("p:e0", doc, 0, len(plain), plain, claims=[morn, navy])
    assert cited_in_text(ev) == "Ida Morn"
    # a claim inside the same person's own statement is still that person's
    same = Claim(0, len(text), text, ActorRef(None, "navy"), cue=outer_said)
    ev = Evidence(
        "n:e0", Document("n", text, outlet="Ash Daily"), 0, len(text), text, claims=[same, inner]
    )
    assert cited_in_text(ev) == "navy"


def test_a_figure_relayed_by_a_prosecutor_rests_on_the_body_that_gave_it():
    """End to end, through the extractors: three outlets report the defence ministry's 120
    detentions, one of them through the prosecutor's words; the storyline rests on the
    ministry alone, not on the prosecutor who repeats its figure."""
    from sitrep.analyze import analyze_docs

    texts = {
        "Ash Daily": "The defence ministry said on Friday that 120 soldiers had been detained.",
        "Birch Post": "The defence ministry said 120 soldiers had been detained after the mutiny.",
        "Cedar News": '"Forty officers have been charged. Most of the others have been released," '
        "Prosecutor General Oskar Brin told reporters. Of the 120 soldiers the defence ministry "
        "said it had detained, about 90 had been released by Friday, he said.",
    }
    docs = [d for d, _a in _corpus(texts)]
    a = assess_corpus(list(analyze_docs(docs)))
    s = _story(a, "120")
    assert "Cedar News" in s.outlets
    assert len(s.first_sources) == 1 and "ministry" in s.first_sources[0]
    assert not s.confirmed


def test_a_named_spokesperson_speaks_for_the_body():
    """'health ministry spokesman Jan Orlik' relays the health ministry: a live blog's 'the
    health ministry says six died' and the spokesman's own words are one first source."""
    from sitrep.assess.chains import spoken_for

    said = '"Six people have died," ministry spokesman Jan Orlik told a news conference.'
    assert spoken_for(said, "Jan Orlik") == "ministry"
    assert (
        spoken_for("Norland's army spokeswoman Ana Lind said so.", "Ana Lind") == "Norland's army"
    )
    assert (
        spoken_for("Ten died, a spokeswoman for the interior ministry, Ana Lind, said.", "Ana Lind")
        == "interior ministry"
    )
    assert spoken_for("Ten died, Ana Lind told reporters.", "Ana Lind") is None
    assert spoken_for("It was told to Interior ministry spokeswoman Ana Lind.", "Ana Lind") == (
        "Interior ministry"
    )
    relay = Chain("Ash Live", None, "health ministry")
    own = Chain("Birch Press", None, spoken_for(said, "Jan Orlik"))
    assert len(first_sources([relay, own])) == 1


def test_a_toll_a_live_blog_credits_to_the_ministry_is_the_spokesmans_toll():
    """End to end: the agency quotes the spokesman, the live blog credits the ministry; one
    first source, not a confirmation."""
    from sitrep.analyze import analyze_docs

    texts = {
        "Ash Live": "16:05  The health ministry says six people have died at Palm Square.",
        "Birch Press": '"As of 4 p.m., six people have died in the clashes at Palm Square," '
        "ministry spokesman Jan Orlik told a news conference.",
    }
    docs = [d for d, _a in _corpus(texts)]
    a = assess_corpus(list(analyze_docs(docs)))
    s = _story(a, "six people")
    assert set(s.outlets) == {"Ash Live", "Birch Press"}
    assert len(s.first_sources) == 1 and "ministry" in s.first_sources[0]
    assert not s.confirmed


def test_a_teller_named_by_surname_is_the_speaker_in_full():
    """'..., Dascu told The Arvenian Post' and another paper's 'Mirela Dascu said' rest on
    one person; the quote marks before the teller hide no body ("the people of Pravik")."""
    from sitrep.assess.chains import chain_of
    from sitrep.assess.origins import Origin
    from sitrep.records import Quote

    text = (
        '"The company cut corners, and the people of Pravik have paid for it," Dascu told '
        "The Arvenian Post."
    )
    doc = Document("d1", text, path="post.txt", outlet="The Arvenian Post")
    q = Quote(
        0,
        len(text),
        text,
        None,
        [],
        [Span(1, 60, text[1:60])],
        ActorRef("person:mirela-dascu", "Mirela Dascu"),
        "direct",
    )
    ev = Evidence("d1:0", doc, 0, len(text), text, quotes=[q])
    chain = chain_of(ev, Origin("the arvenian post", "The Arvenian Post"))
    assert chain.cites == "Mirela Dascu"
    other = Chain("Korvath Daily", None, "Mirela Dascu")
    assert first_sources([chain, other]) == ["Mirela Dascu"]


def test_a_person_named_in_the_telling_phrase_is_who_told_it():
    from sitrep.assess.chains import relay_in_text

    text = (
        "The commander of the Hallin border post, Major Ivo Renner, told the Courier that no "
        "vehicle had crossed."
    )
    assert relay_in_text(text, people=frozenset({"Ivo Renner"})) == ("Courier", "Ivo Renner")


def test_a_quote_inside_the_reporters_own_sentence_is_the_speakers():
    """The reporter's voice (a claim given to the author, spanning the sentence) passes nothing
    on: 'the ministry's spokeswoman, Ana Lind, said' speaks for the ministry, and a live blog's
    'the interior ministry says' is the same first source, not a confirmation."""
    from sitrep.analyze import analyze_docs

    texts = {
        "Ash Live": "- Armoured vehicles block the Tarn Bridge, the interior ministry says",
        "Birch Herald": "Armoured vehicles blocked the Tarn Bridge early on Tuesday, the interior "
        'ministry said.\n\n"At around 3 a.m. a column of armoured vehicles stopped on the Tarn '
        'Bridge and closed it to all traffic. The police have withdrawn to the south bank," the '
        "ministry's spokeswoman, Ana Lind, said at a briefing.",
    }
    docs = [replace(d, author="Eva Holm") for d, _a in _corpus(texts)]
    a = assess_corpus(list(analyze_docs(docs)))
    s = _story(a, "Tarn Bridge")
    assert set(s.outlets) == {"Ash Live", "Birch Herald"}
    assert len(s.first_sources) == 1 and "ministry" in s.first_sources[0]
    assert not s.confirmed
    quoted = next(ev for ev in a.evidence if "Lind" in ev.text)
    assert any(c.source and c.source.kind == "author" for c in quoted.claims)
    assert str(a.chains[quoted.id]) == "Birch Herald → ministry"


def test_the_outlets_own_correspondent_is_a_first_source():
    """'An ANS correspondent ... counted the tanks' in an Alder News Service report, 'the Post's
    correspondent saw' in the Birch Post's: first-hand. Another outlet's correspondent is not."""
    from sitrep.assess.chains import chain_of
    from sitrep.assess.origins import Origin

    def seen(text: str, outlet: str) -> bool:
        ev = Evidence("x:e0", Document("x", text, outlet=outlet), 0, len(text), text)
        return chain_of(ev, Origin(outlet.lower(), outlet)).seen

    assert seen("An ANS correspondent at the bridge counted six tanks.", "Alder News Service")
    assert seen("The Post's correspondent saw the span fall.", "The Birch Post")
    assert seen("A Cedar Wire correspondent at the scene said so.", "Cedar Wire")
    assert not seen("An ANS correspondent at the bridge counted six tanks.", "Birch Post")
    assert not seen("A correspondent at the bridge counted six tanks.", "Birch Post")


def test_armour_at_a_named_place_is_one_event_in_other_words():
    """'Six tanks stood nose to tail across the Tarn Bridge' and 'armoured vehicles blocked the
    Tarn Bridge': one event; the correspondent's 'the bridge' is the Tarn Bridge its report
    names. The ministry and the correspondent who counted the tanks are two first sources."""
    from sitrep.assess.storylines import event_frames

    assert ("armour", "bridge") in event_frames("Six tanks stood across the Tarn Bridge.")
    assert ("armour", "runway") in event_frames("There were tanks on the runway.")
    assert event_frames("The armoured brigade's commander has not been seen.") == frozenset()
    texts = {
        "Birch Herald": "Armoured vehicles blocked the Tarn Bridge early on Tuesday, cutting the "
        "main road to the north, the interior ministry said.",
        "Alder News Service": "OSKAR, Norland (ANS) — Six tanks stood nose to tail across the "
        "Tarn Bridge on Tuesday morning while commuters waited for trams.\n\nAn ANS "
        "correspondent who walked to the north end of the bridge counted the six tanks and "
        "about 40 soldiers.",
    }
    a = assess_corpus(_corpus(texts))
    s = next(s for s in a.storylines if any("tanks" in m.text for m in s.members))
    assert set(s.outlets) == {"Birch Herald", "Alder News Service"}
    assert any("correspondent" in m.text for m in s.members)
    assert s.confirmed and len(s.first_sources) == 2


def test_water_reported_unsafe_in_other_words_is_one_storyline():
    """'Residents of Tarn must not drink tap water' (the water company) and 'drinking water in
    flooded Tarn was contaminated' (the Red Cross): one report of a state, two first sources.
    Water named in passing ('food and drinking water had been stored') is no such report."""
    from sitrep.assess.storylines import event_frames

    assert ("contaminated", "water") in event_frames("The tap water is not safe to drink.")
    assert ("contaminated", "water") in event_frames("Drinking water was contaminated.")
    assert event_frames("Food and drinking water had been stored in the town hall.") == frozenset()
    assert event_frames("The floodwater reached the first floors.") == frozenset()
    texts = {
        "Gale Radio": "Residents of Tarn must not drink tap water until further notice because "
        "the supply has been contaminated by floodwater, the town's water company said on "
        "Wednesday.",
        "Heath Times": "The Norland Red Cross warned on Wednesday that drinking water in flooded "
        "Tarn was contaminated and could spread disease.",
    }
    a = assess_corpus(_corpus(texts))
    s = next(s for s in a.storylines if any("drink" in m.text for m in s.members))
    assert set(s.outlets) == {"Gale Radio", "Heath Times"}
    assert s.confirmed


def test_a_thing_said_to_be_safe_is_one_state_in_other_words():
    """'The Tarn dam is safe', 'the dam upstream was holding' and 'there is no threat to the
    Tarn dam': one reassurance, however it is worded; what is safe is the object of the
    sentence, so 'mutineers are holding the air base', 'a safe place near the hospital' and
    'the dam is not safe' are no such report."""
    from sitrep.assess.storylines import event_frames

    for text in (
        "Minister: Tarn dam is safe, talk of a breach is scaremongering",
        "She said the Tarn dam upstream was holding.",
        '"There is no threat to the Tarn dam," she said.',
        "The bridge remains intact.",
    ):
        assert {f for f in event_frames(text) if f[0] == "safe"}, text
    for text in (
        "Mutineers are holding Orvel air base.",
        "I am speaking to you from a safe place near the hospital.",
        "The dam is not safe.",
        "The garrison was holding the bridge.",
        "Pupils will study at schools in the north until their own buildings are safe.",
    ):
        assert not {f for f in event_frames(text) if f[0] == "safe"}, text


def test_a_minister_a_resident_quotes_is_the_minister_another_report_names():
    """End to end: two outlets quote Emergency Minister Mirela Vancu saying the Tarn dam is
    safe; a nurse tells a third outlet "The minister said last night that the dam was safe".
    One storyline, one first source (the minister, not the nurse who repeats her): not
    confirmed."""
    from sitrep.analyze import analyze_docs

    texts = {
        "Ash Daily": "Emergency Minister Mirela Vancu said on Monday the Tarn dam upstream was "
        'holding. "The dam is safe and there is no reason for anyone to leave," she said.',
        "Birch Post": '"There is no threat to the Tarn dam. The structure is sound," Emergency '
        "Minister Mirela Vancu told reporters.",
        "Cedar News": '"We had five minutes, maybe less," said Elena Dobre, a nurse who escaped '
        'below the Tarn dam with her sons. "The minister said last night that the dam was safe. '
        'We believed her."',
    }
    docs = [d for d, _a in _corpus(texts)]
    a = assess_corpus(list(analyze_docs(docs)))
    s = next(s for s in a.storylines if "Cedar News" in s.outlets)
    assert set(s.outlets) == {"Ash Daily", "Birch Post", "Cedar News"}
    assert s.first_sources == ["Mirela Vancu"]
    assert not s.confirmed


def test_web_brief_shows_the_file_briefs_storyline_headings(tmp_path):
    """One brief model: the heading chosen for a storyline (its statement less the dateline
    and headline line) is set once by the assessment and stored; the file brief, the web
    brief and the storyline page all show that stored heading, none redoes it."""
    import html as html_lib

    from fastapi.testclient import TestClient

    from sitrep.deliver.brief import render_brief
    from sitrep.store.assessment import storylines as storyline_table
    from sitrep.store.queries import open_readonly

    texts = {
        "Ash Daily": "OSKAR, Norland (ANS) — About 3,000 people were detained in Oskar "
        "overnight, the council said.",
        "Birch Post": "OSKAR (Birch Post) — The council said about 3,000 people were detained "
        "in Oskar overnight.",
        **SEEN,
    }
    items = _corpus(texts)
    db, engine, a = _stored(items, tmp_path)
    with engine.connect() as conn:
        stored = {r.id: r.heading for r in conn.execute(storyline_table.select())}
    engine.dispose()
    _html, md = render_brief(items, tmp_path / "brief", assessment=a)
    text = md.read_text(encoding="utf-8")
    part = text[text.index("## Storylines") :]
    file_headings = [line[4:].strip() for line in part.splitlines() if line.startswith("### ")]
    assert file_headings and not any("(ANS)" in h or "OSKAR" in h for h in file_headings)
    assert (
        "The council said about 3,000 people were detained in Oskar overnight." in stored.values()
    )
    assert set(file_headings) <= set(stored.values())
    client = TestClient(create_app(open_readonly(db)), base_url="http://127.0.0.1:8000")
    page = html_lib.unescape(client.get("/brief").text)
    for s in a.storylines:
        assert stored[s.id] in page
        assert stored[s.id] in html_lib.unescape(client.get(f"/storylines/{s.id}").text)
    assert "(ANS)" not in page and "(Birch Post) —" not in page  # no dateline before it


def _stored(items, tmp_path):
    """The corpus's documents, analyses and assessment in a fresh store: (path, engine, a)."""
    from sitrep.store import write
    from sitrep.store.assessment import save_assessment
    from sitrep.store.db import connect

    db = str(tmp_path / "s.db")
    engine = connect(db)
    for doc, analysis in items:
        write.add_document(engine, doc)
        write.save_analysis(engine, doc.id, analysis, "test")
    a = assess_corpus(items)
    save_assessment(engine, a)
    return db, engine, a
