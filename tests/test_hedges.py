"""Hedge cues: types, the clause each one governs, bands, and what stays flat."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.analyze.hedge_corpus import (
    THRESHOLDS,
    Sentence,
    bio_labels,
    choose_threshold,
    read_corpus,
    sentence_f1,
    train,
)
from sitrep.analyze.hedges import band_of, cue_labels, find_cues, find_hedges, load_tagger


def cues(nlp, text):
    return find_cues(nlp(text))


def cue(nlp, text, covered):
    found = [c for c in cues(nlp, text) if c.hedge.text == covered]
    assert found, f"no cue {covered!r} in {[c.hedge.text for c in cues(nlp, text)]}"
    return found[0]


def scope_text(text, h):
    return text[h.scope_start : h.scope_end]


def test_shipped_model_loads():
    tagger = load_tagger()
    assert tagger is not None
    assert tagger.threshold is None or tagger.threshold in THRESHOLDS


def toy_corpus() -> list[Sentence]:
    """Twelve two-sentence documents in which "may" is always a cue and nothing else is."""
    out = []
    for d in range(12):
        for words in (["aid", "may", "come"], ["troops", "left", "town"]):
            feats = [["bias", "w=" + w, "l=" + w, "t=X"] for w in words]
            labels = ["B-MOD" if w == "may" else "O" for w in words]
            out.append(
                Sentence(
                    f"d{d}",
                    " ".join(words),
                    [(4, 7, "MOD")] if "may" in words else [],
                    feats,
                    labels,
                )
            )
    return out


def test_sentence_f1_counts_the_uncertain_class():
    pairs = [(True, 0.9), (True, 0.3), (False, 0.6), (False, 0.1)]
    assert sentence_f1(pairs, 0.5) == pytest.approx(0.5)
    assert sentence_f1(pairs, 0.2) == pytest.approx(0.8)
    assert sentence_f1(pairs, 0.95) == 0.0


def test_threshold_is_chosen_inside_the_given_text():
    threshold, f1 = choose_threshold(
        toy_corpus(), params={"max_iterations": 30, "feature.minfreq": 0}
    )
    assert threshold in THRESHOLDS
    assert f1 == 1.0


def test_marginal_threshold_reads_the_tagger(tmp_path):
    import pycrfsuite

    model = tmp_path / "toy.crfsuite"
    train(toy_corpus(), model, params={"max_iterations": 30, "feature.minfreq": 0})
    crf = pycrfsuite.Tagger()
    crf.open(str(model))
    feats = toy_corpus()[0].features
    assert cue_labels(crf, feats) == crf.tag(feats) == ["O", "B-MOD", "O"]
    assert cue_labels(crf, feats, 0.5) == ["O", "B-MOD", "O"]
    assert cue_labels(crf, feats, 1.01) == ["O", "O", "O"]
    everything = cue_labels(crf, feats, 0.0)
    assert "O" not in everything and everything[0].startswith("B-")


@pytest.mark.parametrize(
    ("text", "covered", "kind"),
    [
        ("Aid may arrive tomorrow.", "may", "possible"),
        ("The rebels might attack the town.", "might", "possible"),
        ("It is possible that the vote was rigged.", "possible", "possible"),
        ("The talks will probably collapse.", "probably", "probable"),
        ("It is likely that the army will intervene.", "likely", "probable"),
        ("I think the election was stolen.", "think", "doxastic"),
        ("Officials believe the attack was planned.", "believe", "doxastic"),
        ("If the talks fail, fighting will resume.", "If", "conditional"),
        (
            "Investigators are examining whether the fire was set deliberately.",
            "whether",
            "investigative",
        ),
        ("The government seems to have lost control of the north.", "seems", "evidential"),
        ("The building appears to have been hit by a missile.", "appears", "evidential"),
        ("I don't think we can conclude that the army was involved.", "don't think", "negated"),
        ("The general allegedly ordered the arrests.", "allegedly", "disputed"),
        ("The general reportedly ordered the arrests.", "reportedly", "weasel"),
        ("The claims remain unconfirmed.", "unconfirmed", "negated"),
    ],
)
def test_cue_types(nlp, text, covered, kind):
    assert cue(nlp, text, covered).hedge.type == kind


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("The rebels will almost certainly attack tonight.", 7),
        ("An attack tonight is very likely.", 6),
        ("It's likely that the talks will collapse.", 5),
        ("It seems likely that the army will intervene.", 5),
        ("Aid may arrive tomorrow.", 4),
        ("It's possible that the vote was rigged.", 4),
        ("It is possible that the Vessarian army will withdraw.", 4),
        ("The Vessarian army might withdraw.", 4),
        ("The army will possibly withdraw.", 4),
        ("There is a possibility that the army will withdraw.", 4),
        ("A ceasefire is not likely.", 3),
        ("There is a low likelihood of a ceasefire.", 3),
        ("There is a high likelihood of a ceasefire.", 6),
        ("A withdrawal is not possible.", None),
        ("A ceasefire is unlikely.", 3),
        ("A ceasefire is very unlikely.", 2),
        ("The chance of a deal is remote.", 1),
        ("The troops left the city on Monday.", None),
        ("The troops reached a remote village.", None),
        ("The general reportedly ordered the arrests.", None),
        ("If the talks fail, fighting will resume.", None),
        ("A breakthrough at the talks is improbable.", 3),
        ("I doubt that the ceasefire will hold.", 3),
        ("The council is certain to approve the budget.", 7),
        ("The bill is not certain to pass.", None),
        ("A deal is not very likely.", 3),
        ("Make sure to vote early.", None),
    ],
)
def test_bands(nlp, text, band):
    assert band_of(cues(nlp, text)) == band


def test_negated_act_is_not_negated_certainty(nlp):
    assert [
        c.hedge.type
        for c in cues(nlp, "Investigators would not divulge the evidence against him.")
        if c.hedge.type == "negated"
    ] == []
    assert "negated" in {
        c.hedge.type for c in cues(nlp, "Police do not have proof that he was there.")
    }


@pytest.mark.parametrize(
    "text",
    [
        "They called for the fastest possible ratification of the treaty.",
        "Aid must arrive as soon as possible.",
        "Civilians should leave the city if possible.",
        "The army will intervene if necessary.",
        "Police questioned dozens if not hundreds of witnesses.",
    ],
)
def test_set_phrases_are_not_hedges(nlp, text):
    assert [
        c.hedge.text for c in cues(nlp, text) if c.hedge.text.lower() in ("possible", "if")
    ] == []


def test_conditions_and_possibilities_stay(nlp):
    assert "possible" in {c.hedge.text for c in cues(nlp, "A coup is possible.")}
    assert "if" in {c.hedge.text for c in cues(nlp, "Fighting will resume if not stopped.")}


def test_longest_phrase_wins(nlp):
    found = [c.hedge.text for c in cues(nlp, "A ceasefire is very unlikely.")]
    assert found == ["very unlikely"]


@pytest.mark.parametrize(
    "text",
    [
        "The bridge was destroyed on Monday.",
        "Protesters gathered in the square and police closed the road.",
        "The minister resigned after the vote.",
    ],
)
def test_flat_statements_have_no_cue(nlp, text):
    assert find_hedges(nlp(text)) == []


def test_scope_is_the_clause_not_the_sentence(nlp):
    text = "The rebels may attack the town, and the army withdrew on Monday."
    h = cue(nlp, text, "may").hedge
    assert scope_text(text, h) == "The rebels may attack the town"


def test_doxastic_scope_is_the_complement(nlp):
    text = "Officials believe the attack was planned."
    assert scope_text(text, cue(nlp, text, "believe").hedge) == "the attack was planned"


def test_conditional_scope_is_the_main_clause_with_its_condition(nlp):
    text = "If the talks fail, fighting will resume. The envoy left."
    assert scope_text(text, cue(nlp, text, "If").hedge) == "If the talks fail, fighting will resume"


def test_whether_scope_is_the_open_question(nlp):
    text = "Investigators are examining whether the fire was set deliberately."
    assert (
        scope_text(text, cue(nlp, text, "whether").hedge) == "whether the fire was set deliberately"
    )


def test_scopes_stay_in_their_paragraph(nlp):
    text = "Aid may arrive tomorrow.\n\nThe port reopened on Friday after the storm."
    h = cue(nlp, text, "may").hedge
    assert h.scope_end <= text.index("\n")


def test_without_a_model_the_lexicon_still_works(nlp):
    from sitrep.analyze.hedges import sentence_cues

    sdoc = nlp("The rebels will almost certainly attack tonight.")
    found = [c.hedge.text for s in sdoc.sents for c in sentence_cues(s, None)]
    assert found == ["almost certainly"]


def test_corpus_reader_and_labels(tmp_path):
    xml = (
        "<Annotation><DocumentSet><Document><DocID>d1</DocID><DocumentPart>"
        '<Sentence id="S1">Aid <ccue type="speculation_modal_probable_">may</ccue> come '
        '<ccue type="speculation_hypo_condition _">if</ccue> asked.</Sentence>'
        '<Sentence id="S2">It came.</Sentence>'
        "</DocumentPart></Document></DocumentSet></Annotation>"
    )
    path = tmp_path / "c.xml"
    path.write_text(xml)
    sents = read_corpus(path)
    assert [s.uncertain for s in sents] == [True, False]
    s = sents[0]
    assert [s.text[a:b] for a, b, _ in s.cues] == ["may", "if"]
    assert [lab for *_, lab in s.cues] == ["MOD", "COND"]
    spans = [(0, 3), (4, 7), (8, 12), (13, 15), (16, 21)]
    assert bio_labels(spans, s.cues) == ["O", "B-MOD", "O", "B-COND", "O"]


@given(st.text(max_size=300))
def test_any_text_gives_valid_hedges(nlp, text):
    for h in find_hedges(nlp(text)):
        assert 0 <= h.start < h.end <= len(text)
        assert text[h.start : h.end] == h.text
        assert h.scope_start is not None and 0 <= h.scope_start <= h.scope_end <= len(text)


@given(
    st.lists(
        st.sampled_from(
            [
                "may",
                "likely",
                "if",
                "whether",
                "I",
                "think",
                "not",
                "don't",
                "seems",
                "very",
                "almost",
                "certainly",
                "reportedly",
                "the",
                "army",
                "attacked",
                ".",
                ",",
                "?",
                "\n",
                "remote",
                "chance",
            ]
        ),
        max_size=40,
    )
)
def test_hedge_words_in_any_order(nlp, words):
    text = " ".join(words)
    for h in find_hedges(nlp(text)):
        assert text[h.start : h.end] == h.text
        assert 0 <= h.scope_start <= h.scope_end <= len(text)


@pytest.mark.parametrize(
    "text", ["We cannot rule out a second attack.", "A second attack cannot be ruled out."]
)
def test_not_ruling_out_is_a_possibility(nlp, text):
    found = cues(nlp, text)
    assert [c.hedge.type for c in found] == ["possible"]
    assert "rule" in found[0].hedge.text


def test_a_negation_past_a_line_break_is_not_read_into_the_unit_before(nlp):
    # the parse hangs "not" on "think" across the line break; units are cut there
    for text in ("think\nnot", "think \n not", "I think\nnot"):
        for h in find_hedges(nlp(text)):
            assert 0 <= h.start < h.end <= len(text)
