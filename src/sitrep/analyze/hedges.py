"""Hedge cues, their types, the clause each one governs, and the band it supports.

Cues come from a linear-chain CRF trained on typed uncertainty cues in news and
encyclopedia text (``training/train_hedges.py``; read through its per-token
cue probabilities when a cross-validated threshold ships beside it), joined
with a small lexicon
for what the corpus rarely shows: ICD 203 estimative phrases ("almost
certainly", "remote chance") and negated certainty ("I don't think we can
conclude"). The scope of a cue is read off the dependency parse: its clause,
or the complement it governs, never the whole paragraph.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitrep.analyze.crf_runtime import CrfModel, ModelFormatError
from sitrep.analyze.hedge_features import sentence_features
from sitrep.analyze.hedge_lexicon import (
    CERTAINTY_WORDS,
    CUE_BANDS,
    CUE_TYPES,
    NEGATED_CUE_BANDS,
    NEGATED_WORDS,
    NO_BAND_TYPES,
    PHRASES,
    PHRASES_BY_FIRST,
)
from sitrep.analyze.hedge_scores import HedgeScorer
from sitrep.analyze.nlp import doc_text as _doc_text
from sitrep.analyze.token_table import token_table
from sitrep.records import Hedge

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "hedges.crfsuite"
RATES_PATH = MODEL_PATH.with_name("hedges_rates.json")
THRESHOLD_PATH = MODEL_PATH.with_name("hedges_threshold.json")

CLAUSE_DEPS = frozenset(
    {
        "ROOT",
        "ccomp",
        "xcomp",
        "advcl",
        "csubj",
        "csubjpass",
        "relcl",
        "acl",
        "conj",
        "parataxis",
        "pcomp",
    }
)
LABEL_TYPES = {"COND": "conditional", "INV": "investigative", "DOX": "doxastic", "MOD": "possible"}
# Words that name a likelihood outright outrank modals, which outrank a view held.
ESTIMATIVE = frozenset(
    {"likely", "unlikely", "probable", "improbable", "probably", "remote", "likelihood"}
)
ATTRIBUTION_ADVERBS = frozenset(
    {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly"}
)
# Words that hedge wherever they occur: a backstop for what the tagger misses.
SURE_CUES = frozenset(
    {
        "seem",
        "seemingly",
        "apparently",
        "probably",
        "possibly",
        "perhaps",
        "maybe",
        "presumably",
        "conceivably",
        "likely",
        "unlikely",
        "improbable",
        "whether",
        "possible",
    }
)
SURE_MODALS = frozenset({"may", "might"})
NEGATORS = frozenset({"not", "n't", "never", "hardly"})
# Words that hedge only when they take a clause: "appears to", not "appeared in court";
# "I think the vote was rigged", which the news corpus marks only now and then.
CLAUSAL_CUES = frozenset({"appear", "suspect", "believe", "think"})
# "The chance of a deal is remote": an estimate, where "a remote village" is not.
ODDS = frozenset({"chance", "possibility", "likelihood", "prospect", "odds", "probability"})
NEGATED_BANDS = {"think": 3, "believe": 3, "expect": 3}
# Verbs whose negation denies the evidence itself: "found no proof", "do not have evidence".
EVIDENCE_VERBS = frozenset(
    {"have", "find", "see", "show", "offer", "provide", "produce", "present", "give"}
)


@dataclass(slots=True)
class Cue:
    """A hedge as found, with what the record does not carry: its band and weight."""

    hedge: Hedge
    band: int | None
    priority: int  # 3 estimative words, 2 modals, 1 views and inferences, 0 no band


@dataclass(slots=True)
class Tagger:
    """The CRF, the cue-rate table its features were trained with, and its cue threshold.

    With a threshold, a token is part of a cue when the CRF's marginal probability
    that it is not "O" reaches it (chosen by cross-validation inside the training
    data); without one, the single best labelling decides.
    """

    crf: object
    rates: dict[str, float] | None = None
    threshold: float | None = None
    scorer: HedgeScorer | None = None  # the same model scored as arrays (labels identical)


@lru_cache(maxsize=4)
def load_tagger(
    path: str | None = None, rates_path: str | None = None, threshold_path: str | None = None
) -> Tagger | None:
    """The shipped cue tagger, or None when the model file is missing (lexicon only)."""
    import pycrfsuite

    model = Path(path) if path else MODEL_PATH
    if not model.exists():
        return None
    crf = pycrfsuite.Tagger()
    crf.open(str(model))
    rates_file = Path(rates_path) if rates_path else RATES_PATH
    rates = json.loads(rates_file.read_text()) if rates_file.exists() else None
    threshold_file = Path(threshold_path) if threshold_path else THRESHOLD_PATH
    threshold = (
        json.loads(threshold_file.read_text())["threshold"] if threshold_file.exists() else None
    )
    try:
        scorer = HedgeScorer(CrfModel.load(model), rates)
    except (
        ModelFormatError
    ):  # pragma: no cover - a model python-crfsuite reads but this reader does not
        scorer = None
    return Tagger(crf, rates, threshold, scorer)


def find_hedges(sdoc, tagger=None) -> list[Hedge]:
    """Every hedge cue in a parsed document, in text order."""
    return [c.hedge for c in find_cues(sdoc, tagger)]


def find_cues(sdoc, tagger=None) -> list[Cue]:
    tagger = tagger if tagger is not None else load_tagger()
    bounds = unit_bounds(sdoc)
    out: list[Cue] = []
    for (start, end), labels in zip(bounds, _unit_labels(sdoc, bounds, tagger), strict=True):
        out.extend(sentence_cues(sdoc[start:end], tagger, labels))
    return out


def _unit_labels(sdoc, bounds, tagger) -> list[list[str] | None]:
    """The CRF's labels for every unit at once where the array scorer can give them (the
    best labelling, no threshold); None where each unit is tagged from feature strings."""
    if tagger is None or tagger.scorer is None or tagger.threshold is not None:
        return [None] * len(bounds)
    return tagger.scorer.tag(sdoc, bounds)


def units(sdoc):
    """Sentences, also cut at line breaks: a heading is a unit of its own."""
    for start, end in unit_bounds(sdoc):
        yield sdoc[start:end]


def unit_bounds(sdoc) -> list[tuple[int, int]]:
    """Token ranges of :func:`units`, read from the token table once per document and
    shared with the claim extractor, so claims and the cues bearing on them are cut
    alike. spaCy's trailing whitespace is one space at most, so only a space token
    holds a line break."""
    bounds = sdoc.user_data.get("sitrep_units")
    if bounds is not None:
        return bounds
    tab = token_table(sdoc)
    bounds = []
    for sent in sdoc.sents:
        start = sent.start
        for i in range(sent.start + 1, sent.end):
            if tab.is_space[i] and "\n" in tab.text[i]:
                bounds.append((start, i))
                start = i
        if start < sent.end:
            bounds.append((start, sent.end))
    sdoc.user_data["sitrep_units"] = bounds
    return bounds


def tagged_spans(sent, tagger, labels: list[str] | None = None) -> list[tuple[int, int, str]]:
    """CRF cue spans in a sentence as (first token, end token, label), sentence-relative;
    ``labels`` are the tagger's, when already known."""
    if tagger is None or len(sent) == 0:
        return []
    if labels is None:
        labels = cue_labels(tagger.crf, sentence_features(sent, tagger.rates), tagger.threshold)
    spans: list[tuple[int, int, str]] = []
    for i, lab in enumerate(labels):
        if lab == "O":
            continue
        kind = lab[2:]
        if lab.startswith("I-") and spans and spans[-1][1] == i and spans[-1][2] == kind:
            spans[-1] = (spans[-1][0], i + 1, kind)
        else:
            spans.append((i, i + 1, kind))
    return spans


def cue_labels(crf, features: list[list[str]], threshold: float | None = None) -> list[str]:
    """BIO labels for one sentence: the best labelling, or cue marginals against a threshold.

    Thresholding the marginals trades the CRF's own precision/recall balance for
    one chosen on held-out training text; a token raised to a cue takes its
    likeliest cue label, continuing the cue before it when that has the same kind.
    """
    labels = crf.tag(features)
    if threshold is None or not labels:
        return labels
    out: list[str] = []
    for i, lab in enumerate(labels):
        if 1.0 - crf.marginal("O", i) < threshold:
            out.append("O")
            continue
        if lab == "O":
            lab = max((x for x in crf.labels() if x != "O"), key=lambda x: crf.marginal(x, i))
        kind = lab[2:]
        prev = out[-1][2:] if out and out[-1] != "O" else None
        out.append(("I-" if prev == kind else "B-") + kind if lab.startswith("I-") else lab)
    return out


def sentence_cues(sent, tagger, labels: list[str] | None = None) -> list[Cue]:
    toks = sent  # indexed, not listed: a Token is built only where a rule looks closer
    tab = token_table(sent.doc)
    lowers = tab.lower[sent.start : sent.end]
    lemmas = tab.lemma_lower[sent.start : sent.end]
    # (start, end, type or None, band or None, key token index)
    found: dict[tuple[int, int], tuple[str | None, int | None, int]] = {}
    for s, e, label in tagged_spans(sent, tagger, labels):
        found[(s, e)] = (_crf_type(toks, s, e, label), None, _key(toks, s, e))
    _add_rules(toks, lowers, lemmas, found)
    for k in [k for k in found if k[1] - k[0] == 1 and _non_epistemic(toks, k[0])]:
        del found[k]
    cues = []
    lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    for (s, e), (kind, band, key) in sorted(found.items()):
        c = _make_cue(toks, s, e, kind, band, key)
        h = c.hedge
        h.scope_start, h.scope_end = max(lo, h.scope_start), min(hi, h.scope_end)
        if h.scope_start >= h.scope_end:  # a parse that strays outside the unit
            h.scope_start, h.scope_end = lo, hi
        cues.append(c)
    return cues


def _key(toks, s: int, e: int) -> int:
    """The token that carries a multi-token cue's meaning."""
    for i in range(s, e):
        if toks[i].lemma_.lower() in CUE_TYPES:
            return i
    return e - 1


def _crf_type(toks, s: int, e: int, label: str) -> str:
    lemma = toks[_key(toks, s, e)].lemma_.lower()
    lex = CUE_TYPES.get(lemma) or CUE_TYPES.get(toks[_key(toks, s, e)].lower_)
    if label in ("COND", "INV"):
        return LABEL_TYPES[label]
    if label == "DOX":
        return lex if lex in ("disputed", "weasel", "evidential", "doxastic") else "doxastic"
    return lex if lex and lex != "conditional" else "possible"


# "possible" that rates no chance: "the fastest possible", "as soon as possible", "if possible".
UNHEDGED_BEFORE_POSSIBLE = frozenset({"if", "where", "wherever", "when", "whenever"})
SET_PHRASE_IF = frozenset({"possible", "necessary", "needed", "required", "appropriate", "any"})


# Every word some rule below looks at; the rest of a sentence is skipped unread.
RULE_WORDS = (
    SURE_CUES
    | SURE_MODALS
    | CLAUSAL_CUES
    | {"remote"}
    | ATTRIBUTION_ADVERBS
    | NEGATED_WORDS
    | CERTAINTY_WORDS
)


def _non_epistemic(toks, i: int) -> bool:
    """A one-word cue that is not about likelihood: a superlative's or an equative's
    "possible", "if possible" and its kin, an "if" that ranks ("dozens if not hundreds")."""
    t = toks[i]
    if t.lower_ == "if" and i + 1 < len(toks):
        nxt = toks[i + 1].lower_
        # "if necessary", "if any"; "dozens if not hundreds" ranks, it does not condition
        return nxt in SET_PHRASE_IF or (
            nxt == "not" and i > 0 and toks[i - 1].tag_ in ("CD", "NNS", "JJ")
        )
    if t.lower_ != "possible" or i == 0:
        return False
    prev = toks[i - 1]
    if prev.tag_ in ("JJS", "RBS") or prev.lower_ in UNHEDGED_BEFORE_POSSIBLE:
        return True
    return prev.lower_ == "as" and any(x.lower_ == "as" for x in toks[max(0, i - 4) : i - 1])


def _overlapping(found, s: int, e: int) -> list[tuple[int, int]]:
    return [k for k in found if k[0] < e and s < k[1]]


def _add_rules(toks, lowers: list[str], lemmas: list[str], found) -> None:
    n = len(toks)
    # estimative phrases: widen an overlapping tagged cue to the whole phrase
    i = 0
    while i < n:
        for phrase, (kind, band) in PHRASES_BY_FIRST.get(lowers[i], ()):
            if band is not None and i > 0 and lowers[i - 1] in NEGATORS:
                continue  # "not very likely", "not certain to": the one-word cue, negated
            if tuple(lowers[i : i + len(phrase)]) == phrase:
                e = i + len(phrase)
                for k in _overlapping(found, i, e):
                    del found[k]
                found[(i, e)] = (kind, band, _key(toks, i, e))
                i = e - 1
                break
        i += 1
    for i in range(n):
        lemma = lemmas[i]
        if lemma not in RULE_WORDS and lowers[i] not in RULE_WORDS:
            continue
        t = toks[i]
        covered = _overlapping(found, i, i + 1)
        if covered:
            pass
        elif (
            lemma in SURE_CUES
            or lowers[i] in SURE_CUES
            or (lowers[i] in SURE_MODALS and t.tag_ == "MD")
            or (
                lemma in CLAUSAL_CUES
                and t.pos_ in ("VERB", "AUX")
                and any(c.dep_ in ("xcomp", "ccomp", "acomp") for c in t.children)
            )
            or (
                lemma == "remote"
                and t.dep_ in ("acomp", "attr")
                and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ODDS
                    for c in t.head.children
                )
            )
        ):
            found[(i, i + 1)] = (CUE_TYPES.get(lemma) or CUE_TYPES.get(lowers[i]), None, i)
            continue
        if lowers[i] in ATTRIBUTION_ADVERBS and not covered:
            found[(i, i + 1)] = (CUE_TYPES.get(lowers[i], "weasel"), None, i)
        elif lowers[i] in NEGATED_WORDS and not covered:
            found[(i, i + 1)] = ("negated", None, i)
        elif lemma in CERTAINTY_WORDS:
            neg = _negation(t)
            lo, hi = toks[0].i, toks[-1].i
            if neg is None or not lo <= neg.i <= hi:
                continue  # a "not" the parse hangs on it from another unit (past a line break)
            first = neg
            if neg.i > lo and neg.nbor(-1).dep_ == "aux" and neg.nbor(-1).tag_ != "MD":
                first = neg.nbor(-1)  # "do n't think"
            s, e = min(first.i, t.i) - toks[0].i, max(neg.i, t.i) - toks[0].i + 1
            if e - s > 4:  # "not" far away governs something else
                s, e = i, i + 1
            for k in _overlapping(found, s, e):
                del found[k]
            found[(s, e)] = ("negated", NEGATED_BANDS.get(lemma), i)


def _negation(t):
    """The 'not' that negates a certainty word: on it, its auxiliary, or its copula."""
    for c in t.children:
        if c.dep_ == "neg" or (c.lower_ == "no" and c.dep_ == "det"):
            return c
    if t.pos_ == "NOUN" and t.dep_ == "dobj" and t.head.lemma_ not in EVIDENCE_VERBS:
        return None  # "would not divulge the evidence": the act is negated, not the certainty
    if t.dep_ in ("acomp", "attr", "dobj", "xcomp") or t.pos_ in ("ADJ", "NOUN"):
        for c in t.head.children:
            if c.dep_ == "neg" and c.i < t.i:
                return c
    return None


def _make_cue(toks, s: int, e: int, kind: str | None, band: int | None, key: int) -> Cue:
    first, last, kt = toks[s], toks[e - 1], toks[key]
    doc_text = _doc_text(kt.doc)
    start, end = first.idx, last.idx + len(last.text)
    lemma = kt.lemma_.lower()
    kind = kind or CUE_TYPES.get(lemma, "possible")
    phrase = tuple(t.lower_ for t in toks[s:e])
    if band is None and kind not in NO_BAND_TYPES and kind != "negated" and phrase not in PHRASES:
        band = CUE_BANDS.get(lemma) or CUE_BANDS.get(kt.lower_)
        if lemma in NEGATED_CUE_BANDS and e - s == 1 and _negation(kt) is not None:
            band = NEGATED_CUE_BANDS[lemma]  # "not likely" is unlikely, not likely
    if kind in NO_BAND_TYPES:
        band = None
    if band is None:
        priority = 0
    elif phrase in PHRASES or lemma in ESTIMATIVE:
        priority = 3
    elif kt.tag_ == "MD" or kind == "possible":
        priority = 2
    else:
        priority = 1
    scope_start, scope_end = scope_of(kt, kind)
    hedge = Hedge(start, end, doc_text[start:end], kind, scope_start, scope_end)
    return Cue(hedge, band, priority)


def _clause_head(t):
    while t.dep_ not in CLAUSE_DEPS and t.head is not t:
        t = t.head
    return t


def _span_of(head, skip_deps=("conj", "cc")) -> tuple[int, int]:
    """Character span of a clause: its subtree less coordinated clauses and edge punctuation."""
    skipped = set()
    for c in head.children:
        if c.dep_ in skip_deps:
            skipped.update(x.i for x in c.subtree)
    toks = [x for x in head.subtree if x.i not in skipped]
    while len(toks) > 1 and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while len(toks) > 1 and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def scope_of(t, kind: str) -> tuple[int, int]:
    """The clause a cue governs, from the dependency parse."""
    if kind == "conditional" and t.dep_ == "mark" and t.head.dep_ == "advcl":
        return _span_of(_clause_head(t.head.head))
    if kind == "investigative" and t.dep_ == "mark":
        return _span_of(t.head)
    for c in t.children:
        if c.dep_ == "ccomp":
            return _span_of(c)
    if t.dep_ == "amod":  # "a possible coup": the noun phrase
        return _span_of(t.head)
    return _span_of(_clause_head(t))


def band_of(cues: list[Cue]) -> int | None:
    """The ICD 203 band the strongest estimative wording supports, None when flat."""
    best = None
    for c in cues:
        if c.band is None:
            continue
        if best is None or c.priority > best.priority:
            best = c
    return None if best is None else best.band
