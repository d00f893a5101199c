"""The CRFsuite model reader and the array scorer give exactly what python-crfsuite gives."""

from __future__ import annotations

import itertools

import numpy as np
import pycrfsuite
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.analyze import hedges
from sitrep.analyze.crf_runtime import CrfModel, KeyedRows, ModelFormatError, PairTable, Vocabulary
from sitrep.analyze.hedge_features import sentence_features

HEDGE_WORDS = [
    "may",
    "likely",
    "if",
    "unless",
    "whether",
    "I",
    "think",
    "not",
    "don't",
    "seems",
    "it",
    "is",
    "possible",
    "that",
    "was",
    "arrested",
    "by",
    "police",
    "almost",
    "certainly",
    "reportedly",
    "could",
    "the",
    "army",
    "attacked",
    ".",
    ",",
    "?",
    "\n",
    "remote",
    "chance",
    "Kell",
    "said",
]


def tagged_alike(sdoc, tagger) -> None:
    """Every unit: the scorer's state scores equal the feature strings' summed weights, and its
    labels equal python-crfsuite's."""
    bounds = hedges.unit_bounds(sdoc)
    scores = tagger.scorer.scores(sdoc, bounds)
    labels = tagger.scorer.tag(sdoc, bounds)
    for (start, end), got, labs in zip(bounds, scores, labels, strict=True):
        feats = sentence_features(sdoc[start:end], tagger.rates)
        np.testing.assert_allclose(got, tagger.scorer.model.string_scores(feats), rtol=0, atol=1e-9)
        assert labs == tagger.crf.tag(feats)


@pytest.fixture(scope="module")
def tagger():
    t = hedges.load_tagger()
    assert t is not None and t.scorer is not None
    return t


def test_example_corpus_scores_as_crfsuite_does(nlp, examples_dir, tagger):
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    assert texts
    for sdoc in nlp.pipe(texts):
        tagged_alike(sdoc, tagger)


@given(st.lists(st.sampled_from(HEDGE_WORDS), max_size=40))
def test_any_word_order_scores_as_crfsuite_does(nlp, words):
    tagged_alike(nlp(" ".join(words)), hedges.load_tagger())


def test_cues_do_not_depend_on_the_scorer(nlp, tagger):
    text = (
        "If the talks fail, the army may well move on the capital. It is almost certain that "
        "Kell was arrested?\nOfficials do not think so; the chance of a deal is remote."
    )
    sdoc = nlp(text)
    plain = hedges.Tagger(
        tagger.crf, tagger.rates, tagger.threshold
    )  # feature strings, one unit at a time
    assert hedges.find_cues(sdoc, tagger) == hedges.find_cues(sdoc, plain)
    assert hedges.find_cues(sdoc, tagger)


def test_reader_on_a_model_with_awkward_names(tmp_path):
    """Attribute names with '=', '|', spaces, line breaks and non-Latin letters.

    Labels of any kind.
    """
    trainer = pycrfsuite.Trainer(verbose=False)
    seqs = [
        ([["w=a=b", "x|y"], ["w=\n", "Ω=ж"], ["w= "]], ["O", "B-X", "I-X"]),
        ([["w=\n"], ["x|y", "w=a=b"]], ["B-X", "O"]),
        ([["Ω=ж"], ["w= ", "x|y"], ["w=a=b"]], ["O", "O", "B-X"]),
    ]
    for xseq, yseq in seqs:
        trainer.append(xseq, yseq)
    trainer.set_params({"c2": 0.01, "max_iterations": 50})
    path = tmp_path / "toy.crfsuite"
    trainer.train(str(path))
    model = CrfModel.load(path)
    crf = pycrfsuite.Tagger()
    crf.open(str(path))
    assert set(model.labels) == {"O", "B-X", "I-X"}
    assert {"w=a=b", "x|y", "w=\n", "Ω=ж", "w= "} <= set(model.index)
    for xseq, _ in [*seqs, ([["unknown"], []], None)]:
        assert model.decode([model.string_scores(xseq)])[0] == crf.tag(xseq)


def test_decode_many_sequences_at_once():
    """Batched Viterbi against every path scored one by one, on sequences of unequal length."""
    rng = np.random.default_rng(7)
    model = CrfModel(["O", "B", "I"], {}, np.zeros((1, 3)), rng.normal(size=(3, 3)))
    emissions = [rng.normal(size=(n, 3)) for n in (4, 0, 1, 6, 2)]
    best = []
    for e in emissions:
        paths = list(itertools.product(range(3), repeat=len(e)))
        score = [
            sum(e[t, p[t]] for t in range(len(e)))
            + sum(model.transition[p[t - 1], p[t]] for t in range(1, len(e)))
            for p in paths
        ]
        best.append([model.labels[y] for y in paths[int(np.argmax(score))]] if len(e) else [])
    assert model.decode(emissions) == best


def test_pair_table_finds_every_split_of_a_key():
    """'a|b|c' is the feature string of both ('a', 'b|c') and ('a|b', 'c')."""
    left, right = Vocabulary(), Vocabulary()
    pairs = PairTable({"a|b|c": 1, "a|x": 2, "|": 3}, left, right, zero=9)
    ids = [
        (left.id_of(a), right.id_of(b))
        for a, b in [
            ("a", "b|c"),
            ("a|b", "c"),
            ("a", "x"),
            ("", ""),
            ("a", "c"),
            ("zz", "x"),
            ("a", "nope"),
        ]
    ]
    got = pairs.lookup(np.array([i for i, _ in ids]), np.array([j for _, j in ids]))
    assert got.tolist() == [1, 1, 2, 3, 9, 9, 9]
    empty = PairTable({}, Vocabulary(), Vocabulary(), zero=4)
    assert empty.lookup(np.array([0, -1]), np.array([0, 0])).tolist() == [4, 4]


@given(
    st.lists(
        st.lists(st.sampled_from(["say", "Say", "claim", "x", "ж", ""]), max_size=12), max_size=6
    )
)
def test_keyed_rows_remember_nothing_that_changes_a_result(docs):
    """Documents looked up one after another, with a memory small enough to be emptied on the
    way, get what a fresh lookup of each word gives."""
    table = {"say": 1, "claim": 2}
    templates = {"row": lambda v: table.get(v, 0), "len": len}
    rows = KeyedRows(templates, limit=3)
    for words in docs:
        keys = np.array([hash(w) % 2**64 for w in words], dtype=np.uint64)
        got = rows.lookup(keys, words.__getitem__)
        assert got["row"].tolist() == [table.get(w, 0) for w in words]
        assert got["len"].tolist() == [len(w) for w in words]
        codes = got.index.tolist()
        assert all(
            (codes[i] == codes[j]) == (words[i] == words[j])
            for i in range(len(words))
            for j in range(i)
        )


def test_not_a_model(tmp_path):
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model at all, just some bytes" * 3)
    with pytest.raises(ModelFormatError):
        CrfModel.load(bad)
    (tmp_path / "short.crfsuite").write_bytes(b"lCRF")
    with pytest.raises(ModelFormatError):
        CrfModel.load(tmp_path / "short.crfsuite")


QUOTE_WORDS = [
    "\u201c",
    "\u201d",
    '"',
    "'",
    "said",
    "told",
    "reporters",
    ":",
    "according",
    "to",
    "Kell",
    "he",
    "the",
    "minister",
    "we",
    "will",
    "not",
    "negotiate",
    ".",
    ",",
    "\n\n",
    "CNN",
    "is",
    "reporting",
    "that",
    "troops",
    "left",
    "Drovna",
    "on",
    "Monday",
    "she",
    "added",
]


def quoted_alike(sdoc) -> None:
    """Every paragraph the tagger reads: array scores equal the feature strings' summed weights,
    and the labels equal python-crfsuite's."""
    from sitrep.analyze.quote_features import token_features, worth_tagging
    from sitrep.analyze.quote_layout import Layout
    from sitrep.analyze.quote_model import load_lexicon, load_scorer, load_tagger

    lay, lexicon, scorer, crf = Layout(sdoc), load_lexicon(), load_scorer(), load_tagger()
    paras = [p for p in lay.paragraphs if worth_tagging(lay, p, lexicon)]
    only = [i for p in paras for i in p]
    feats = token_features(lay, lexicon, only)
    emit = scorer.scores(lay, lexicon, only)
    labels, sure = scorer.tag_with_marginals(lay, lexicon, paras)
    assert labels == scorer.tag(lay, lexicon, paras)
    for para, labs, probs in zip(paras, labels, sure, strict=True):
        seq = [feats[i] for i in para]
        np.testing.assert_allclose(emit[para], scorer.model.string_scores(seq), rtol=0, atol=1e-9)
        assert labs == crf.tag(seq)
        want = [crf.marginal(y, t) for t, y in enumerate(labs)]
        np.testing.assert_allclose(probs, want, rtol=0, atol=1e-6)


def test_example_corpus_quotes_score_as_crfsuite_does(nlp, examples_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    for sdoc in nlp.pipe(texts):
        quoted_alike(sdoc)


@given(st.lists(st.sampled_from(QUOTE_WORDS), max_size=40))
def test_any_quote_words_score_as_crfsuite_does(nlp, words):
    quoted_alike(nlp(" ".join(words)))
