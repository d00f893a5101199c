"""Quote extraction: one test per pattern news uses, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import make_doc

from sitrep.analyze.entities import extract_entities
from sitrep.analyze.quote_marks import quoted_stretches
from sitrep.analyze.quotes import extract_quotes, quote_kind
from sitrep.eval.polnear import parse_ann
from sitrep.eval.quote_metric import Predicted, score_document
from sitrep.records import Span


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def run(text: str):
        sdoc = nlp(text)
        return extract_quotes(sdoc, extract_entities(sdoc, make_doc(text)))

    return run


def only(quotes):
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def content_text(q) -> str:
    return " ".join(c.text for c in q.contents)


def test_direct_quote_in_curly_marks_with_cue_after(quotes_of):
    q = only(
        quotes_of("“We will rebuild the bridge before the winter comes,” said Mayor Anna Keller.")
    )
    assert q.kind == "direct"
    assert "rebuild the bridge" in content_text(q)
    assert q.cue is not None and q.cue.text == "said"
    assert "Keller" in q.sources[0].text


def test_direct_quote_in_straight_marks_with_pronoun_source(quotes_of):
    text = (
        'Anna Keller spoke on Monday. "The budget is balanced for the first time in years," '
        "she said."
    )
    q = only(quotes_of(text))
    assert q.kind == "direct"
    assert q.sources[0].text == "she"
    assert "budget is balanced" in content_text(q)


def test_quote_split_around_its_cue_is_one_quote(quotes_of):
    text = "“We are ready,” Keller said, “and we will not wait for the ministry any longer.”"
    q = only(quotes_of(text))
    assert len(q.contents) == 2
    assert "ready" in q.contents[0].text and "any longer" in q.contents[1].text
    assert q.sources[0].text == "Keller"


def test_quote_over_paragraphs_continues_while_the_mark_stays_open(quotes_of):
    text = (
        "Keller told the council on Monday:\n\n"
        "“The first part of the plan is to repair the roads in the north of the city.\n\n"
        "“The second part is to build new schools before the end of the decade.”\n"
    )
    q = only(quotes_of(text))
    joined = content_text(q)
    assert "repair the roads" in joined and "new schools" in joined
    assert "Keller" in q.sources[0].text


def test_paragraph_ending_in_a_closed_partial_quote_does_not_run_on(quotes_of):
    # the indirect report closes its quoted phrase; the next paragraph's quote has its own cue
    text = (
        "In an interview on Sunday, Mayor Anna Keller said the floods demand that every "
        'district take part in "more planning" and "more spending."\n\n'
        '"It is a hard winter for us," Keller said. "And the city has to find new ways '
        'of keeping the river out of the houses."\n'
    )
    qs = quotes_of(text)
    first = next(q for q in qs if "more planning" in content_text(q))
    assert "hard winter" not in content_text(first)
    assert any("hard winter" in content_text(q) for q in qs if q is not first)


def test_a_reporting_clause_set_off_by_commas_reports_the_sentence_around_it(quotes_of):
    text = (
        "The floods began on Monday. The bridge at Dascu, the governor said, was destroyed "
        "by the water on Tuesday night."
    )
    q = only(quotes_of(text))
    assert [c.text for c in q.contents] == [
        "The bridge at Dascu",
        "was destroyed by the water on Tuesday night",
    ]
    assert q.sources[0].text == "the governor" and q.cue.text == "said"


def test_a_relative_pronoun_speaker_is_the_noun_it_stands_for(quotes_of):
    text = (
        "The strike was condemned by Mayor Anna Keller, who said the port would be rebuilt "
        "within a year."
    )
    q = only(quotes_of(text))
    assert [s.text for s in q.sources] == ["Mayor Anna Keller", "who"]
    assert q.speaker is not None and "Keller" in (q.speaker.name or "")


def test_colon_lead_in_in_the_paragraph_before(quotes_of):
    text = (
        "In a letter to the board, Peter Brandt wrote:\n\n“The company cannot survive "
        "another year of losses like these.”"
    )
    q = only([q for q in quotes_of(text) if "survive" in content_text(q)])
    assert "Brandt" in q.sources[0].text
    assert q.speaker is not None and "Brandt" in q.speaker.name


def test_speaker_before_a_dash(quotes_of):
    text = "General Ivan Petrov was blunt — “We will never surrender the city to anyone at all.”"
    q = only([q for q in quotes_of(text) if "surrender" in content_text(q)])
    assert "Petrov" in q.sources[0].text


def test_signature_after_a_dash(quotes_of):
    text = (
        "Readers wrote to us.\n\n“The new bridge is the best thing this council has ever "
        "built.” ― Sonya Brandt\n"
    )
    q = only([q for q in quotes_of(text) if "new bridge" in content_text(q)])
    assert q.sources[0].text == "Sonya Brandt"


def test_transcript_speaker_colon(quotes_of):
    text = "HOLT: Governor, the question tonight is about the budget and what you will cut first.\n"
    q = only([q for q in quotes_of(text) if q.cue and q.cue.text == ":"])
    assert q.sources[0].text == "HOLT"
    assert content_text(q).startswith("Governor")


def test_quoted_transcript_is_one_quote_per_turn(quotes_of):
    """A transcript printed as one long quotation, each turn opening with a mark and a name."""
    text = (
        "On Sunday's broadcast, Governor Ilse Varga spoke to the host Tomas Brenn.\n\n"
        "Partial transcript as follows:\n\n"
        '"BRENN: Governor, the river is still rising in the east. Will the levee hold tonight?\n\n'
        '"VARGA: Well, look, the engineers tell me the levee is sound. We have moved sand and '
        "pumps "
        "to every weak point, and the army is on standby.\n\n"
        '"BRENN: But your own agency warned of a breach last week.\n\n'
        '"VARGA: That warning was about the old section, which we have repaired since.\n'
    )
    turns = [q for q in quotes_of(text) if q.cue and q.cue.text == ":"]
    assert [q.sources[0].text for q in turns] == ["BRENN", "VARGA", "BRENN", "VARGA"]
    assert content_text(turns[1]).startswith("Well, look")
    assert "BRENN" not in content_text(turns[1])
    for q in quotes_of(text):  # no quote runs across two turns
        assert sum(q.text.count(n + ":") for n in ("BRENN", "VARGA")) <= 1, q.text


def test_transcript_labels_with_roles_and_brackets_name_the_speaker(quotes_of):
    """A broadcast transcript's first turns carry the role: 'ANCHOR (NAME):' names the one in
    brackets, 'NAME, ROLE:' the one before the comma, and a note in brackets is no name."""
    text = (
        "ANCHOR (IVA MORAVEC): Good evening. The defence minister joins us. What is happening?\n\n"
        "TOMAS HALVIK, DEFENCE MINISTER: What is happening is a training exercise, nothing "
        "more.\n\n"
        "LUCIE HARMAT, REPORTER (live): I can count at least twenty soldiers on the steps.\n\n"
        "MORAVEC: Minister, thank you for joining us tonight on the programme.\n"
    )
    turns = [q for q in quotes_of(text) if q.cue and q.cue.text in (":", "):")]
    assert [q.sources[0].text for q in turns] == [
        "IVA MORAVEC",
        "TOMAS HALVIK",
        "LUCIE HARMAT",
        "MORAVEC",
    ]
    assert content_text(turns[1]).startswith("What is happening")


def test_a_long_title_before_a_colon_is_no_turn(quotes_of):
    text = (
        "Veto Power Impedes Peace Efforts: ending the scourge of war was one of the first "
        "goals of the organisation, and the council has the tools to end conflicts.\n"
    )
    assert not [q for q in quotes_of(text) if q.cue and q.cue.text == ":"]


def test_continuation_quote_takes_the_previous_speaker(quotes_of):
    text = (
        "“We will win this election,” Maria Lopez said on Tuesday.\n\n"
        "“Nobody can stop us now, not the weather and not the polls.”"
    )
    quotes = quotes_of(text)
    second = only([q for q in quotes if "Nobody can stop us" in content_text(q)])
    first = only([q for q in quotes if "win this election" in content_text(q)])
    assert second.sources and second.sources[0].start == first.sources[0].start
    assert second.speaker == first.speaker


def test_speaker_in_the_neighbouring_paragraph(quotes_of):
    text = (
        "Maria Lopez walked to the podium after the vote.\n\n"
        "“This is the best day of my whole life, and I thank every volunteer.”"
    )
    q = only([q for q in quotes_of(text) if "best day" in content_text(q)])
    assert "Lopez" in q.sources[0].text


def test_indirect_speech_with_that(quotes_of):
    q = only(quotes_of("The minister said that the budget would be balanced by next year."))
    assert q.kind == "indirect"
    assert q.cue is not None and q.cue.text == "said"
    assert "budget would be balanced" in content_text(q)
    assert "minister" in q.sources[0].text


def test_according_to(quotes_of):
    q = only(
        quotes_of("According to the regional police, forty people were evacuated from the town.")
    )
    assert "evacuated" in content_text(q)
    assert "police" in q.sources[0].text
    assert "According" in q.cue.text


def test_spokesman_as_source(quotes_of):
    q = only(quotes_of("Keller's spokesman told reporters the mayor would not run again."))
    assert "spokesman" in q.sources[0].text
    assert "not run again" in content_text(q)


def test_partial_quote_inside_a_sentence(quotes_of):
    q = only(
        quotes_of("The senator called the new tax plan a “recipe for disaster” during the debate.")
    )
    assert "recipe for disaster" in content_text(q)
    assert q.kind in ("partial", "mixed")
    assert "senator" in q.sources[0].text


@pytest.mark.parametrize(
    "text",
    [
        "On the question of sanctions the minister is no “dove” at all.",
        "The “blame NATO” crowd gathered outside the embassy again.",
    ],
)
def test_scare_quotes_are_not_attributions(quotes_of, text):
    assert all(q.kind == "scare" and q.speaker is None for q in quotes_of(text))


def test_scare_quote_after_a_real_quote_is_not_a_continuation(quotes_of):
    text = (
        "“We will win this election,” Maria Lopez said.\n\nSince then she is no “dove” in "
        "the party."
    )
    quotes = quotes_of(text)
    assert any("win this election" in content_text(q) for q in quotes)
    assert not any("dove" in content_text(q) and q.kind != "scare" for q in quotes)


def test_quotation_marks_paragraph_rule():
    text = "“Open here\n“and closed here.”\nHe said ''typewriter style'' too."
    s = quoted_stretches(text)
    assert [text[x.start : x.end] for x in s] == [
        "“Open here",
        "“and closed here.”",
        "''typewriter style''",
    ]
    assert s[0].open_end and not s[1].open_end
    assert text[slice(*s[2].inner)] == "typewriter style"


def test_apostrophes_are_not_single_quotes():
    assert quoted_stretches("It’s the mayor’s plan, and ‘a good one’ too.")[0].single
    assert len(quoted_stretches("It’s the mayor’s plan.")) == 0


def test_kind_from_marks():
    text = "“All of it.” and more words here"
    s = [(x.start, x.end) for x in quoted_stretches(text)]
    assert quote_kind([Span.of(text, 0, 12)], s) == "direct"
    assert quote_kind([Span.of(text, 13, 32)], s) == "indirect"
    assert (
        quote_kind([Span.of(text, 0, 32)], s) == "partial"
    )  # a short marked phrase in a longer content


def test_metric_matches_half_the_gold_characters_one_to_one():
    text = "Keller said the roads will be repaired soon."
    gold = parse_ann(
        "T1\tContent 12 43\tthe roads will be repaired soon\nT2\tCue 7 11\tsaid\n"
        "T3\tSource 0 6\tKeller\nE1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n"
    )
    half = Predicted([(12, 30)], [(0, 6)])
    t = score_document(text, gold, [half, Predicted([(12, 43)])])
    assert (t.matched, t.pred, t.gold) == (1, 2, 1)
    assert t.exact == 1  # the full-span prediction wins the match
    assert score_document(text, gold, [Predicted([(12, 18)])]).matched == 0


WORDS = st.sampled_from(
    [
        "said",
        "told",
        "“",
        "”",
        '"',
        "'",
        "''",
        "‘",
        "’",
        ":",
        "—",
        "\n",
        "\n\n",
        ",",
        ".",
        "He",
        "Keller",
        "according",
        "to",
        "the",
        "minister",
        "that",
        "we",
        "will",
        "win",
        "warned",
    ]
)


@given(st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=40).map(" ".join))
def test_any_text_gives_spans_inside_the_text(nlp, text):
    sdoc = nlp(text)
    for q in extract_quotes(sdoc, extract_entities(sdoc, make_doc(text))):
        assert 0 <= q.start <= q.end <= len(text) and text[q.start : q.end] == q.text
        spans = q.contents + q.sources + ([q.cue] if q.cue else [])
        assert q.contents
        for s in spans:
            assert q.start <= s.start <= s.end <= q.end or s in q.sources
            assert text[s.start : s.end] == s.text
        assert q.kind in ("direct", "indirect", "mixed", "partial", "scare", "act")
        assert 0.0 <= q.confidence <= 1.0


def test_according_to_with_an_appositive_gives_the_clause_to_the_source(quotes_of):
    text = (
        "Kovar is no “dove”. According to Ilse Marten, a former ambassador, Kovar was one of "
        "the most “hawkish” generals in the army."
    )
    quotes = quotes_of(text)
    q = only([q for q in quotes if q.cue is not None and "According" in q.cue.text])
    assert q.sources[0].text == "Ilse Marten, a former ambassador"
    assert q.speaker is not None and q.speaker.name == "Ilse Marten"
    assert content_text(q).startswith("Kovar was one of") and "army" in content_text(q)
    # the author's own sentence before it is not Marten's, and not speech
    before = [x for x in quotes if "dove" in content_text(x)]
    assert all(
        x.confidence < 0.5 and (x.speaker is None or x.speaker.name != "Ilse Marten")
        for x in before
    )


def test_according_to_closing_the_sentence(quotes_of):
    q = only(quotes_of("The bridge was closed for repairs, according to Tomas Wendt."))
    assert q.sources[0].text == "Tomas Wendt"
    assert content_text(q) == "The bridge was closed for repairs"


def test_according_to_inside_the_sentence_gives_both_sides_to_the_source(quotes_of):
    q = only(
        quotes_of("Among the wounded, according to the Orvel Civic Watch, are sixty children.")
    )
    assert q.sources[0].text == "the Orvel Civic Watch"
    assert [c.text for c in q.contents] == ["Among the wounded", "are sixty children"]


def test_according_to_followed_by_a_relative_clause_is_left_to_the_tagger(quotes_of):
    quotes = quotes_of(
        "The dam held, according to Petra Holm, who inspected it on Sunday with two engineers."
    )
    assert all("who inspected" not in content_text(q) for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "Kovar is no “dove” on the question of sanctions.",
        "The minister wanted “to be one” of the reformers.",
        "She crossed “the line” again in the spring.",
    ],
)
def test_scare_quote_fragments_get_low_confidence(quotes_of, text):
    assert all(q.confidence < 0.5 for q in quotes_of(text))


def test_a_short_quote_after_a_verb_of_saying_keeps_its_confidence(quotes_of):
    q = only(quotes_of("The senator called the plan “a disaster” on Monday."))
    assert q.confidence >= 0.5


def test_open_letter_over_paragraphs_is_one_quote_under_the_full_name(quotes_of):
    text = (
        "General Piotr Varga, a retired commander, published an open letter on Sunday. He "
        "wrote:\n\n"
        '"Citizens of the republic, I address you at a dark hour.\n\n'
        '"We do not need a war, and nobody in this country wants one.\n\n'
        '"We will do everything possible to stop the war."\n'
    )
    q = only([q for q in quotes_of(text) if "dark hour" in content_text(q)])
    assert len(q.contents) == 3 and "stop the war" in q.contents[-1].text
    assert q.speaker is not None and q.speaker.name == "Piotr Varga"


def test_interview_pronoun_and_the_quote_after_it_go_to_the_interviewee(quotes_of):
    text = (
        "President Danvers ordered the offensive in March.\n\n"
        "In a TV interview with Mark Hollis, former head of the army, Hollis assessed that the "
        'offensive had stalled near the river. He warned, though, that "it is early days," and '
        'that the front could still move. "I don\'t think we can conclude yet."'
    )
    quotes = quotes_of(text)
    for words in ("early days", "conclude yet"):
        q = only([q for q in quotes if words in content_text(q)])
        assert q.speaker is not None and q.speaker.name == "Mark Hollis"


@pytest.mark.parametrize(
    "text",
    [
        "Given the number of people still missing, it seems likely that the final death toll "
        "in Pravik will rise.",
        "The inquiry under Maria Ionescu will probably find that the siren network was never "
        "installed.",
        "Velcor will almost certainly be sued by families, whatever the inquiry concludes "
        "about its work on the wall.",
    ],
)
def test_the_author_s_own_estimate_is_not_anyone_s_quote(quotes_of, text):
    assert all(
        q.speaker is None or q.speaker.name not in ("Pravik", "Maria Ionescu", "the inquiry")
        for q in quotes_of(text)
    ), [(q.speaker, content_text(q)) for q in quotes_of(text)]


def test_a_quote_that_will_be_repeated_is_still_a_quote(quotes_of):
    found = quotes_of('"We will rebuild the bridge," Mayor Ana Dascu said on Tuesday.')
    assert found and found[0].speaker is not None and "Dascu" in found[0].speaker.name


def test_a_section_heading_is_never_a_quote_nor_a_speaker(quotes_of):
    quotes = quotes_of(
        "Lessons From Kessler\n\n“The enemy has lost two brigades near Varna this week alone.”\n\n"
        "The claim could not be verified."
    )
    assert any("two brigades" in content_text(q) for q in quotes)
    assert all("Kessler" not in s.text for q in quotes for s in q.sources), (
        "the heading is no speaker"
    )
    assert all("Lessons" not in c.text for q in quotes for c in q.contents)


def test_a_photo_caption_is_not_a_quote(quotes_of):
    quotes = quotes_of(
        "Two of his generals watch him as he announces the new offensive in Velmar.\n\n"
        "The president spoke for an hour."
    )
    assert not any("offensive" in content_text(q) for q in quotes), [q.text for q in quotes]


def test_the_authors_narration_is_not_a_quote(quotes_of):
    quotes = quotes_of(
        "We saw it in living colour in the border towns last spring.\n\n"
        "The ministry denied any losses, its spokesman said."
    )
    assert not any("living colour" in content_text(q) for q in quotes), [q.text for q in quotes]
    assert any("losses" in content_text(q) for q in quotes)


def test_assessed_that_is_a_cue(quotes_of):
    q = only(
        quotes_of(
            "In a TV interview with Mark Hollis, former head of the army, "
            "Hollis assessed that the offensive had stalled."
        )
    )
    assert q.cue is not None and q.cue.text == "assessed"
    assert "offensive had stalled" in content_text(q)
    assert [s.text for s in q.sources] == ["Hollis"]


@pytest.mark.parametrize(
    "text",
    [
        "The council will vote on the tax next week, the Korvath Insider news site reported on "
        "Wednesday, citing two officials in the council.",
        "Troops left the town overnight, Radio Pelsk said, quoting a spokesman for the ministry.",
        "The port was closed on Friday, the agency reported, citing Dorin Aslan, the harbour "
        "master.",
    ],
)
def test_the_source_a_report_cites_is_not_what_it_said(quotes_of, text):
    quotes = quotes_of(text)
    assert not any(
        q.cue is not None and q.cue.text.lower() in ("citing", "quoting") for q in quotes
    ), [content_text(q) for q in quotes]


def test_citing_a_reason_is_still_a_quote(quotes_of):
    quotes = quotes_of("The mayor resigned on Monday, citing the cost of the new stadium.")
    assert any("cost of the new stadium" in content_text(q) for q in quotes)


@pytest.mark.parametrize(
    "title",
    [
        "Arvenia declares state of emergency",
        "Minister Dana Holt says talks with Pelsk will resume",
        "## Council announces curfew in Drovna",
    ],
)
def test_a_title_line_is_never_a_quote(quotes_of, title):
    body = (
        "The government declared a state of emergency on Tuesday after floods hit the capital. "
        "“We will rebuild every house,” said Mayor Anna Keller."
    )
    quotes = quotes_of(f"{title}\n\n{body}")
    title_end = len(title)
    assert all(c.start >= title_end for q in quotes for c in q.contents), [q.text for q in quotes]
    assert any("rebuild every house" in content_text(q) for q in quotes)


def test_a_sentence_broken_over_lines_is_not_a_title(quotes_of):
    quotes = quotes_of(
        "The minister said the talks\nwould resume on Monday in Pelsk.\n\nNo date was set."
    )
    assert any("talks" in content_text(q) for q in quotes), [q.text for q in quotes]


@pytest.mark.parametrize(
    "text",
    [
        "The cut passed because several members of the party were uneasy about it. "
        "General Mirek Dovan knew that.",
        "Soldiers are already reported to have refused orders in Pelsk.",
        "Mayor Ilka Ren will return on Saturday. She is expected to address the council on Monday.",
        "The fund was moved abroad in May, which the minister denied.",
    ],
)
def test_a_lone_pronoun_or_the_source_itself_is_no_content(quotes_of, text):
    for q in quotes_of(text):
        words = content_text(q).strip(" .").split()
        assert not (len(words) == 1 and words[0].lower() in ("that", "which", "it")), q.text
        assert not (q.sources and content_text(q).strip() == q.sources[0].text.strip()), q.text


def test_a_quoted_pronoun_after_a_cue_is_kept(quotes_of):
    quotes = quotes_of("Asked which bridge had failed first, the engineer Tomas Bek said: “That.”")
    assert any(content_text(q).strip(" .“”") == "That" for q in quotes), [q.text for q in quotes]


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("The talks will resume in May, the ministry said.", "the ministry", "talks will resume"),
        (
            "The front has not moved since Tuesday, Colonel Ana Brek said on Monday.",
            "Colonel Ana Brek",
            "front has not moved",
        ),
        (
            "The bridge was closed for repairs, Tomas Wendt told reporters.",
            "Tomas Wendt",
            "bridge was closed",
        ),
    ],
)
def test_a_clause_before_its_reporting_verb_is_the_content(quotes_of, text, source, content):
    q = only(quotes_of(text))
    assert content in content_text(q)
    assert q.sources and q.sources[0].text == source


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The general has always denied the charges.", "act"),
        ("A spokesman for the council declined to comment on the report.", "act"),
        ("The minister said the bridge had been destroyed overnight.", "indirect"),
        ("The council demanded an amnesty for all members of the armed forces.", "indirect"),
        ("The agency reported 2,100 arrivals at the crossing.", "indirect"),
    ],
)
def test_a_reported_act_is_no_statement(quotes_of, text, kind):
    """A short verbless content says that something was said or done, not what."""
    kinds = [q.kind for q in quotes_of(text)]
    assert kinds == [kind], kinds


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        (
            "Senator Lira Vandt surprised her party by declaring that the treaty was dead.",
            "declaring",
            "Senator Lira Vandt",
        ),
        (
            "The mayor of Ostrava angered the unions after saying that the port would close.",
            "saying",
            "The mayor of Ostrava",
        ),
        (
            "Ambassador Tomas Brel has boasted of his talks with the rebels.",
            "has",
            "Ambassador Tomas Brel",
        ),
        (
            "Colonel Ivo Marsh is known for saying that the border is safe.",
            "is",
            "Colonel Ivo Marsh",
        ),
    ],
)
def test_speaker_of_a_gerund_cue_or_one_opening_on_an_auxiliary(nlp, text, cue, speaker):
    """'X surprised them by declaring ...': the gerund's speaker is the subject of the verb
    it hangs on; a cue opening on 'is'/'has' reads the verb's subject."""
    from sitrep.analyze.quote_decode import subject_of

    sdoc = nlp(text)
    tok = next(t for t in sdoc if t.text == cue)
    rng = subject_of(tok)
    assert rng is not None and sdoc[rng[0] : rng[1]].text == speaker


@pytest.mark.parametrize(
    "text, source, cue, speaker",
    [
        (
            "An aide to the governor, who asked not to be named, said the budget would shrink.",
            "who",
            "said",
            "An aide to the governor",
        ),
        (
            "The inquiry, which was set up by the port board in May, found that the crane failed.",
            "set",
            "found",
            "The inquiry",
        ),
        (
            "An aide to the governor, who asked not to be named, said the budget would shrink.",
            "who",
            "asked",
            "who",
        ),
    ],
)
def test_a_source_inside_a_relative_clause_is_the_noun_it_modifies(nlp, text, source, cue, speaker):
    """'An aide, who asked not to be named, said ...': the speaker of 'said' is the aide,
    not 'who'; 'who' stays the speaker of a cue inside its own clause ('who asked')."""
    from sitrep.analyze.quote_decode import Piece, out_of_relative
    from sitrep.analyze.quote_layout import Layout

    sdoc = nlp(text)
    lay = Layout(sdoc)
    at = {t.text: t.i for t in sdoc}
    got = out_of_relative(
        Piece("S", at[source], at[source] + 1), Piece("C", at[cue], at[cue] + 1), lay
    )
    assert sdoc[got.start : got.end].text == speaker


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        (
            "Maria Lind, whose company builds ferries for the islands, said the port would close.",
            "said",
            "Maria Lind",
        ),
        ("The port would close in May, she said.", "said", "she"),
        (
            "Maria Lind, whose company builds ferries for the islands, said the port would close.",
            "builds",
            None,
        ),
    ],
)
def test_a_verb_of_saying_without_a_subject_takes_the_person_named_nearest(nlp, text, cue, speaker):
    """When the parse loses the subject of 'said' (the name read into a relative clause),
    the speaker is the person named nearest the verb in its sentence; a verb that is not
    one of saying ('builds') gets no such guess."""
    from sitrep.analyze.quote_decode import Piece, person_near
    from sitrep.analyze.quote_layout import Layout

    sdoc = nlp(text)
    lay = Layout(sdoc)
    at = {t.text: t.i for t in sdoc}
    content = Piece("Q", at["port"] - 1, at["close"] + 1)
    got = person_near(Piece("C", at[cue], at[cue] + 1), [content], lay)
    assert (sdoc[got[0] : got[1]].text if got else None) == speaker


def test_a_list_of_signed_answers_gives_each_answer_to_the_name_after_it(quotes_of):
    text = (
        "We asked residents of Pravik what the flood changed for them.\n"
        "“The water took the ground floor of our school and the town forgot us within a week.”"
        " ― Ilona Varga\n"
        "“Nobody from the ministry came to see the bridge until the cameras did, and then they"
        " left again. A disgrace.”― Tomas Brenner\n"
        "“We rebuilt the bakery with our own hands and the loans still have not arrived.”"
        " ― Marta Ruzic\n"
    )
    by_content = {content_text(q)[:12]: q for q in quotes_of(text)}
    speakers = {
        k: [s.text.strip() for s in q.sources] for k, q in by_content.items() if k[0] == "“"
    }
    assert speakers == {
        "“The water t": ["Ilona Varga"],
        "“Nobody from": ["Tomas Brenner"],
        "“We rebuilt ": ["Marta Ruzic"],
    }, speakers


def test_a_second_cue_of_adding_makes_a_second_quote(quotes_of):
    text = (
        "“We cannot pay for the dams alone,” Keller said on Monday, adding later, “the"
        " ministry has to carry its share of the cost of every new wall on the river.”"
    )
    quotes = quotes_of(text)
    assert len(quotes) == 2, [content_text(q) for q in quotes]


def test_a_reported_sentence_and_a_quoted_sentence_with_its_own_cue_are_two_quotes(
    quotes_of,
):
    text = (
        "Governor Lena Adler said the dam at Kesvar had held through the night. “We were lucky"
        " this time, and luck is not a plan,” Adler told reporters outside the town hall."
    )
    quotes = quotes_of(text)
    assert len(quotes) == 2, [content_text(q) for q in quotes]
    assert all("Adler" in q.sources[0].text for q in quotes)


def test_confidence_rates_are_counted_over_the_quotes_that_fall_to_each_shape():
    from sitrep.analyze.quote_confidence import MIN_SEEN, fit_rates

    fine = ("direct|say|name", "direct|say", "direct")
    other = ("direct|weak|none", "direct|weak", "direct")
    seen = [(fine, True)] * MIN_SEEN + [(other, False)] * 3 + [(other, True)]
    rates = fit_rates(seen)
    assert rates["direct|say|name"] == (1.0, MIN_SEEN)
    assert "direct|weak|none" not in rates and "direct|weak" not in rates
    # the coarsest shape is counted over the four quotes that fell to it, not all of them,
    # and its share (1 of 4) is taken one standard error low
    assert rates["direct"] == (round(0.25 - (0.25 * 0.75 / 4) ** 0.5, 3), 4)


def test_a_share_counted_on_few_quotes_promises_less_than_the_same_share_on_many():
    from sitrep.analyze.quote_confidence import MIN_SEEN, fit_rates

    shape = ("indirect|say|name", "indirect|say", "indirect")
    few = [(shape, True)] * (MIN_SEEN - 3) + [(shape, False)] * 3
    many = few * 20
    assert fit_rates(few)[shape[0]][0] < fit_rates(many)[shape[0]][0] < 0.9


def test_a_said_quote_by_a_named_speaker_is_surer_than_a_bare_quoted_line(quotes_of):
    from sitrep.analyze.quote_confidence import load_rates

    assert load_rates(), "the shipped calibration table is missing"
    named = only(
        quotes_of(
            "“The levee will hold through the weekend, and the pumps are running again,”"
            " Governor Lena Adler said on Friday."
        )
    )
    bare = only(
        quotes_of(
            "The town was quiet on Friday.\n\n“The levee will hold through the weekend, and the"
            " pumps are running again.”"
        )
    )
    assert 0.5 <= bare.confidence < named.confidence <= 0.99
