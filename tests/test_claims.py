"""Claims: who relays each clause, how firmly it is put, and what is only a question."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_doc
from sitrep.analyze.claims import extract_claims
from sitrep.analyze.entities import extract_entities
from sitrep.records import ActorRef, Analysis, Quote, Span, analysis_from_dict, to_dict


def run(nlp, text, quotes=None, **meta):
    meta.setdefault("author", "Jane Roe")
    doc = make_doc(text, **meta)
    sdoc = nlp(text)
    return extract_claims(sdoc, doc, extract_entities(sdoc, doc), quotes or [])


def claims(nlp, text, **kw):
    return run(nlp, text, **kw)[0]


def claim(nlp, text, covered, **kw):
    found = [c for c in claims(nlp, text, **kw) if c.text == covered]
    assert found, f"no claim {covered!r} in {[c.text for c in claims(nlp, text, **kw)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "covered", "kind", "name", "cue"),
    [
        (
            "CNN is reporting that troops have surrounded the parliament.",
            "troops have surrounded the parliament",
            "named",
            "CNN",
            "is reporting",
        ),
        (
            "Reuters reported that the airport was closed.",
            "the airport was closed",
            "named",
            "Reuters",
            "reported",
        ),
        (
            "There are numerous reports that shots were fired near the palace.",
            "shots were fired near the palace",
            "unnamed-plural",
            "numerous reports",
            "reports",
        ),
        (
            "According to reports, the president has left the country.",
            "the president has left the country",
            "unnamed-plural",
            "reports",
            "According to",
        ),
        (
            "Sources say the airport is closed.",
            "the airport is closed",
            "unnamed-plural",
            "Sources",
            "say",
        ),
        (
            "A person in Germany reports that a long convoy is heading east.",
            "a long convoy is heading east",
            "unnamed-person",
            "A person in Germany",
            "reports",
        ),
        (
            "Several ministers are reported to have fled the capital.",
            "Several ministers are reported to have fled the capital",
            "passive",
            None,
            "are reported",
        ),
        (
            "It is reported that the border has been closed.",
            "the border has been closed",
            "passive",
            None,
            "is reported",
        ),
        (
            "The general reportedly ordered the arrests.",
            "The general reportedly ordered the arrests",
            "passive",
            "reportedly",
            "reportedly",
        ),
        (
            "Officials believe the attack was planned.",
            "the attack was planned",
            "unnamed-plural",
            "Officials",
            "believe",
        ),
    ],
)
def test_reported_claim_forms(nlp, text, covered, kind, name, cue):
    c = claim(nlp, text, covered)
    assert c.source.kind == kind
    assert c.source.name == name
    assert c.cue is not None and c.cue.text == cue
    assert not c.hypothesis


def test_named_source_is_resolved_to_its_entity(nlp):
    c = claim(nlp, "Reuters reported that the airport was closed.", "the airport was closed")
    assert c.source.id is not None


def test_author_assertion_has_the_author_as_source(nlp):
    c = claim(nlp, "The bridge was destroyed on Monday.", "The bridge was destroyed on Monday")
    assert c.source == ActorRef(None, "Jane Roe", "author")
    assert c.cue is None and c.band is None


def test_author_falls_back_to_outlet(nlp):
    c = claims(nlp, "The bridge was destroyed on Monday.", author=None, outlet="Daily Post")[0]
    assert (c.source.kind, c.source.name) == ("author", "Daily Post")


def test_first_person_view_is_the_authors(nlp):
    c = claim(nlp, "I think the election was stolen.", "the election was stolen")
    assert c.source.kind == "author" and c.band == 5


def test_every_assertive_sentence_has_a_source(nlp):
    text = (
        "Troops crossed the border at dawn. CNN is reporting that the capital is calm. "
        "Shops stayed closed."
    )
    found = claims(nlp, text)
    for sentence in (
        "Troops crossed the border at dawn",
        "the capital is calm",
        "Shops stayed closed",
    ):
        assert any(c.text == sentence and c.source.kind for c in found), sentence


@pytest.mark.parametrize(
    ("text", "covered", "band"),
    [
        (
            "It's likely that the talks will collapse.",
            "It's likely that the talks will collapse",
            5,
        ),
        (
            "It seems likely that the army will intervene.",
            "It seems likely that the army will intervene",
            5,
        ),
        (
            "The rebels will almost certainly attack tonight.",
            "The rebels will almost certainly attack tonight",
            7,
        ),
        ("A ceasefire is very unlikely.", "A ceasefire is very unlikely", 2),
        ("It's possible that the vote was rigged.", "It's possible that the vote was rigged", 4),
        ("Aid may arrive tomorrow.", "Aid may arrive tomorrow", 4),
        ("The chance of a deal is remote.", "The chance of a deal is remote", 1),
        ("CNN is reporting that an attack is highly likely.", "an attack is highly likely", 6),
    ],
)
def test_bands(nlp, text, covered, band):
    assert claim(nlp, text, covered).band == band


@pytest.mark.parametrize(
    "text",
    [
        "The bridge was destroyed on Monday.",
        "Protesters gathered in the square and police closed the road.",
        "CNN is reporting that troops have surrounded the parliament.",
        "The general reportedly ordered the arrests.",
        "According to reports, the president has left the country.",
    ],
)
def test_flat_statements_stay_flat(nlp, text):
    assert all(c.band is None for c in claims(nlp, text))


def test_reportedly_goes_to_the_source_not_the_band(nlp):
    plain = claims(nlp, "The general may have ordered the arrests.")[0]
    reported = claims(nlp, "The general reportedly may have ordered the arrests.")[0]
    assert plain.band == reported.band == 4
    assert reported.source.kind == "passive" and plain.source.kind == "author"


def test_heading_question_is_a_hypothesis(nlp):
    text = "Possible Coup?\n\nTroops surrounded the parliament on Monday."
    found = claims(nlp, text)
    heading = [c for c in found if c.text.startswith("Possible Coup")]
    assert len(heading) == 1
    assert heading[0].hypothesis and heading[0].band is None
    body = [c for c in found if c.text.startswith("Troops")]
    assert body and not body[0].hypothesis


def test_question_is_never_a_claim(nlp):
    found = claims(nlp, "Will the army intervene?")
    assert [c.hypothesis for c in found] == [True]


def test_verbless_heading_asserts_nothing(nlp):
    assert (
        claims(nlp, "Timeline of the crisis\n\nThe bridge was destroyed.")[0].text
        == "The bridge was destroyed"
    )


def test_a_headline_claim_ends_with_its_line(nlp):
    """The parse may run a headline's "says" clause over the line break into the wire
    dateline ("Norland says 120 sailors detained KESSA, Apr 6 (ANS"): the claim ends with
    the headline, and no claim holds the headline and the body both."""
    text = (
        "Norland says 120 sailors detained\n\nKESSA, Apr 6 (ANS) — Norland's navy said on "
        "Monday that 120 sailors involved in a mutiny had been detained."
    )
    found = claims(nlp, text)
    headline = next(c for c in found if c.cue is not None and c.cue.text == "says")
    assert headline.text == "120 sailors detained"
    assert all("\n" not in c.text for c in found)


def test_hedges_attach_to_their_claim_and_the_document(nlp):
    text = "Officials believe the attack was planned. The bridge was destroyed."
    found, hedges = run(nlp, text)
    assert [h.text for h in hedges] == ["believe"]
    planned = claim(nlp, text, "the attack was planned")
    assert [h.text for h in planned.hedges] == ["believe"]
    assert claim(nlp, text, "The bridge was destroyed").hedges == []


def test_hedges_outside_claims_are_listed(nlp):
    _, hedges = run(nlp, "Possible Coup?\n\nIf the talks fail, fighting will resume.")
    assert "If" in [h.text for h in hedges]


def test_claim_inside_a_quote_has_the_speakers_source(nlp):
    text = 'The minister spoke on Monday. "The army may strike tonight," she said.'
    content_start = text.index('"The army')  # contents as a quote tagger gives them: with the marks
    content_end = text.index(" she")
    speaker = ActorRef("person:ana-kovac", "Ana Kovac", "named")
    quote = Quote(
        content_start,
        len(text) - 1,
        text[content_start : len(text) - 1],
        Span.of(text, text.index("said"), text.index("said") + 4),
        [Span.of(text, text.index("she"), text.index("she") + 3)],
        [Span.of(text, content_start, content_end)],
        speaker,
        "direct",
    )
    found = claims(nlp, text, quotes=[quote])
    quoted = [c for c in found if c.text == "The army may strike tonight"]
    assert len(quoted) == 1
    assert quoted[0].source == speaker and quoted[0].band == 4
    assert quoted[0].cue.text == "said"
    assert not any(c.source.kind == "author" and "army" in c.text for c in found)


def test_round_trip_through_json(nlp):
    found, hedges = run(nlp, "CNN is reporting that an attack is highly likely. Possible Coup?")
    analysis = Analysis(claims=found, hedges=hedges)
    back = analysis_from_dict(to_dict(analysis))
    assert back.claims == found and back.hedges == hedges


def check(text, found, hedges):
    for c in found:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.source.kind in ("named", "unnamed-plural", "unnamed-person", "passive", "author")
        assert c.band is None or 1 <= c.band <= 7
        assert not (c.hypothesis and c.band is not None)
        if c.cue is not None:
            assert text[c.cue.start : c.cue.end] == c.cue.text
    for h in hedges:
        assert text[h.start : h.end] == h.text


@given(st.text(max_size=300))
def test_any_text_gives_valid_claims(nlp, text):
    found, hedges = run(nlp, text)
    check(text, found, hedges)
    assert analysis_from_dict(to_dict(Analysis(claims=found, hedges=hedges))).claims == found


@given(
    st.lists(
        st.sampled_from(
            [
                "CNN",
                "reported",
                "that",
                "according",
                "to",
                "reports",
                "sources",
                "say",
                "reportedly",
                "are",
                "is",
                "it",
                "likely",
                "may",
                "troops",
                "fled",
                "there",
                "numerous",
                ".",
                ",",
                "?",
                "\n\n",
                "Possible",
                "Coup",
                "I",
                "think",
                "officials",
                "believe",
                "not",
                "almost",
                "certainly",
            ]
        ),
        max_size=40,
    )
)
def test_claim_words_in_any_order(nlp, words):
    text = " ".join(words)
    check(text, *run(nlp, text))


def test_units_cut_sentences_at_line_breaks(nlp):
    """Claims and hedge cues share one cut: sentences, and a new unit at every line break,
    so a heading never runs into the sentence under it."""
    from sitrep.analyze.claims import unit_bounds
    from sitrep.analyze.hedges import units

    text = (
        "BREAKING\nTroops may have crossed the border, officials said.\n\n"
        "Kelmar Today  \n  Reports that the airport closed are unconfirmed. Is it over?\nNo."
    )
    sdoc = nlp(text)
    bounds = unit_bounds(sdoc)
    assert bounds == [(u.start, u.end) for u in units(sdoc)]
    assert [b for _, b in bounds[:-1]] == [a for a, _ in bounds[1:]]  # contiguous
    assert bounds[0][0] == 0 and bounds[-1][1] == len(sdoc)
    texts = [sdoc[a:b].text.strip() for a, b in bounds]
    assert all("\n" not in t for t in texts)
    for line in ("BREAKING", "Kelmar Today", "No."):
        assert line in texts
    assert len(bounds) > len(list(sdoc.sents))


def test_an_unnamed_source_is_not_the_person_named_last(nlp):
    text = (
        "Governor Ilse Brandt visited the dam on Monday. The spillway had cracked days earlier, "
        "another source said. Engineers had warned the ministry in March, a senior official said."
    )
    found = {c.text: c.source for c in claims(nlp, text)}
    crack = next(s for t, s in found.items() if t.startswith("The spillway"))
    warned = next(s for t, s in found.items() if t.startswith("Engineers"))
    assert crack.id is None and crack.name == "another source"
    assert warned.id is None and warned.name == "a senior official"


def test_a_shared_surname_is_the_story_s_subject_not_a_relative_named_in_passing(nlp):
    text = (
        "Mayor Tomas Halvorsen left the meeting early and drove to his brother Erik Halvorsen's "
        "house, aides said.\n\nHalvorsen had told the council that he would not resign."
    )
    ents = extract_entities(nlp(text), make_doc(text))
    mention = text.rindex("Halvorsen had")
    ref = ents.actor_for(mention, mention + len("Halvorsen"))
    assert ref is not None and ref.name == "Tomas Halvorsen"


@pytest.mark.parametrize(
    ("text", "covered", "name"),
    [
        (
            "Troops crossed the river at dawn, the Korvath Insider news site reported on "
            "Wednesday, citing two officials in the regional council.",
            "Troops crossed the river at dawn",
            "Korvath Insider",
        ),
        (
            "The ferry to Dellow stopped running, Varn Radio reported, citing the harbour office.",
            "The ferry to Dellow stopped running",
            "Varn Radio",
        ),
    ],
)
def test_trailing_relay_is_the_claims_source(nlp, text, covered, name):
    c = claim(nlp, text, covered)
    assert c.source.kind == "named" and c.source.name == name
    assert not any(
        x.text.startswith(("two officials", "the harbour office")) for x in claims(nlp, text)
    )


def test_one_a_speaker_tells_of_in_the_third_person_is_not_the_speaker(nlp):
    """In a nurse's quote, "The minister said last night that the dam was safe" is the
    minister's claim, passed on by the nurse: its source is "The minister", never the nurse."""
    from sitrep.analyze.quotes import extract_quotes

    text = (
        '"We had five minutes, maybe less," said Elena Dobre, a nurse who escaped with her sons. '
        '"The minister said last night that the dam was safe. We believed her."'
    )
    doc = make_doc(text, author="Jane Roe")
    sdoc = nlp(text)
    ents = extract_entities(sdoc, doc)
    quotes = extract_quotes(sdoc, ents)
    found = extract_claims(sdoc, doc, ents, quotes)[0]
    inner = [c for c in found if c.text == "the dam was safe"]
    assert inner and inner[0].source.name == "The minister"
    assert inner[0].source.kind == "unnamed-person"
