"""How well sitrep finds uncertainty: sentence- and cue-level figures on held-out text.

Reads the Szeged uncertainty corpus (FactBank news ``factbank_shared.xml`` and
Wikipedia ``wiki.xml``) from ``$SITREP_DATA/uncertainty`` or
``../shared/data/uncertainty``; skips with a message when absent.

Nothing is scored on sentences it was trained on. FactBank: k-fold by document;
each fold's tagger is trained on the other folds' news, with cue rates from
Wikipedia, exactly as ``training/train_hedges.py`` trains the shipped model.
Wikipedia: k-fold by article; each fold's tagger is trained on all news, with
cue rates from the other folds' articles only. For each sentence it reports whether it contains
uncertainty (precision / recall / F1 of the uncertain class) and, per cue, exact
span matches. Systems: a keyword list (the baseline); the CRF alone, its single
best labelling ("crf-best"); the CRF read through its cue marginals ("crf-thr": a token is
a cue when its marginal reaches a threshold chosen by 5-fold CV inside the
fold's training text, never on the test fold; the stage reads it so only when
``hedge_corpus.TUNE_THRESHOLD`` is set); the hedge stage as shipped (CRF +
lexicon rules, ``sitrep.analyze.hedges``); and
"stage-sz", the same stage counting only the cue types the corpus annotates
(without vague attribution and negated knowledge, which it leaves unmarked; a negated
view such as "I don't think" stays in, as the corpus marks it doxastic).
"Flat" is the share of gold-certain sentences the stage leaves without a band.

Run: ``python benchmarks/certainty.py`` (``--folds``, ``--wiki-folds 0`` to skip
Wikipedia; FactBank alone takes about fifteen minutes on two busy cores, most of it parsing
and training).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sitrep.analyze.hedge_corpus import (
    CACHE_DIR,
    TUNE_THRESHOLD,
    WIKI_SAMPLE,
    Sentence,
    choose_threshold,
    cue_rates,
    data_dir,
    folds_by_document,
    load_corpora,
    train,
    wiki_sample,
)
from sitrep.analyze.hedge_features import add_rates
from sitrep.analyze.hedge_lexicon import BASELINE_WORDS
from sitrep.analyze.hedges import Tagger, band_of, cue_labels, load_tagger, sentence_cues, units
from sitrep.analyze.nlp import load_nlp

REPO = Path(__file__).resolve().parent.parent


def outside_scheme(c) -> bool:
    """Cues the corpus leaves unmarked: vague attribution ("experts say") and negated
    knowledge ("don't know", "not clear"). A negated view ("I don't think") is a
    doxastic cue there, and carries a band here, so it stays in."""
    return c.hedge.type == "weasel" or (c.hedge.type == "negated" and c.band is None)


WORD = re.compile(r"\w+")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: set, gold: set) -> None:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Result:
    sentence: Score
    cue: Score
    flat_kept: int = 0
    flat_total: int = 0
    banded_uncertain: int = 0


def new_result() -> Result:
    return Result(Score(), Score())


def gold_cues(s: Sentence) -> set[tuple[int, int]]:
    return {(a, b) for a, b, _ in s.cues}


def score_sentence(res: Result, s: Sentence, pred: set[tuple[int, int]]) -> None:
    res.sentence.add({0} if pred else set(), {0} if s.uncertain else set())
    res.cue.add(pred, gold_cues(s))


def baseline(s: Sentence) -> set[tuple[int, int]]:
    return {
        (m.start(), m.end()) for m in WORD.finditer(s.text) if m.group().lower() in BASELINE_WORDS
    }


def crf_cues(tagger: Tagger, s: Sentence) -> set[tuple[int, int]]:
    features = s.features if tagger.rates is None else add_rates(s.features, tagger.rates)
    labels = cue_labels(tagger.crf, features, tagger.threshold)
    out, cur = [], None
    for (a, b), lab in zip(s.token_spans, labels, strict=True):
        if lab == "O":
            cur = None
            continue
        if lab.startswith("I-") and cur is not None:
            cur[1] = b
        else:
            cur = [a, b]
            out.append(cur)
    return {tuple(c) for c in out}


def stage_cues(tagger, sdoc):
    return [c for u in units(sdoc) for c in sentence_cues(u, tagger)]


def evaluate(
    name: str,
    sentences: list[Sentence],
    docs,
    folds: list[set[str]],
    setup,
    results,
    with_threshold: bool = False,
) -> None:
    """Train one tagger per fold and score the held-out fold with each system.

    ``setup(fold)`` gives the training sentences and the cue-rate table for a fold,
    both drawn only from text outside it.
    """
    import pycrfsuite

    with tempfile.TemporaryDirectory() as tmp:
        for i, fold in enumerate(folds):
            t0 = time.time()
            model = Path(tmp) / f"fold{i}.crfsuite"
            training, rates = setup(fold)
            threshold, inner_f1 = (
                choose_threshold(training, rates) if with_threshold else (None, 0.0)
            )
            train(training, model, rates=rates)
            crf = pycrfsuite.Tagger()
            crf.open(str(model))
            tagger = Tagger(crf, rates, threshold if TUNE_THRESHOLD else None)
            for s, sdoc in zip(sentences, docs, strict=True):
                if s.doc not in fold:
                    continue
                score_sentence(results["crf-best"], s, crf_cues(Tagger(crf, rates, None), s))
                if with_threshold:
                    score_sentence(
                        results["crf-thr"], s, crf_cues(Tagger(crf, rates, threshold), s)
                    )
                cues = stage_cues(tagger, sdoc)
                score_sentence(results["stage"], s, {(c.hedge.start, c.hedge.end) for c in cues})
                score_sentence(
                    results["stage-sz"],
                    s,
                    {(c.hedge.start, c.hedge.end) for c in cues if not outside_scheme(c)},
                )
                banded = band_of(cues) is not None
                if s.uncertain:
                    results["stage"].banded_uncertain += banded
                else:
                    results["stage"].flat_total += 1
                    results["stage"].flat_kept += not banded
            chosen = (
                f"threshold {threshold} (inner-CV F1 {inner_f1:.3f}), " if with_threshold else ""
            )
            print(
                f"  {name} fold {i + 1}/{len(folds)}: {chosen}done in {time.time() - t0:.0f}s",
                flush=True,
            )


def report(name: str, sentences: list[Sentence], results: dict[str, Result]) -> None:
    n_unc = sum(s.uncertain for s in sentences)
    print(
        f"\n{name}: {len(sentences)} sentences, {n_unc} uncertain, "
        f"{sum(len(s.cues) for s in sentences)} cues"
    )
    print(
        f"  {'system':<10} {'sent P':>7} {'sent R':>7} {'sent F1':>8} {'cue P':>7} "
        f"{'cue R':>7} {'cue F1':>7}"
    )
    for system, res in results.items():
        sp, sr, sf = res.sentence.prf()
        cp, cr, cf = res.cue.prf()
        print(f"  {system:<10} {sp:7.3f} {sr:7.3f} {sf:8.3f} {cp:7.3f} {cr:7.3f} {cf:7.3f}")
    st = results["stage"]
    if st.flat_total:
        print(
            f"  flat: {st.flat_kept}/{st.flat_total} certain sentences get no band "
            f"({st.flat_kept / st.flat_total:.3f}); {st.banded_uncertain}/{n_unc} uncertain "
            "ones get one"
        )


def systems(with_threshold: bool) -> dict[str, Result]:
    """An empty result per system, in report order ("crf-thr" only when it is scored)."""
    names = ["keywords", "crf-best", *(["crf-thr"] if with_threshold else []), "stage", "stage-sz"]
    return {name: new_result() for name in names}


def parse(nlp, sentences: list[Sentence]):
    return list(nlp.pipe([s.text for s in sentences], batch_size=256))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=10, help="FactBank folds (by document)")
    ap.add_argument(
        "--wiki-folds", type=int, default=2, help="Wikipedia folds (by article); 0 skips"
    )
    ap.add_argument("--wiki-sample", type=int, default=WIKI_SAMPLE)
    ap.add_argument("--cache", type=Path, default=CACHE_DIR)
    ap.add_argument(
        "--threshold",
        action="store_true",
        help="also score the CRF read through a cue-marginal threshold chosen by inner CV (slow)",
    )
    args = ap.parse_args(argv)
    folder = data_dir(REPO)
    if folder is None:
        print(
            "skipped: no uncertainty corpus (set SITREP_DATA or place it at "
            "../shared/data/uncertainty)"
        )
        return 0
    nlp = load_nlp()
    news, wiki = load_corpora(folder, nlp, args.cache)

    news_docs = parse(nlp, news)
    t0 = time.time()
    n_tok = sum(len(d) for d in news_docs)
    shipped = load_tagger()
    for d in news_docs:
        stage_cues(shipped, d)
    dt = time.time() - t0
    print(
        f"hedge stage speed (shipped model, parse excluded): {len(news_docs) / dt:.0f} "
        f"sentences/s, {n_tok / dt:.0f} tokens/s"
    )

    base = {"keywords": new_result()}
    for s in news:
        score_sentence(base["keywords"], s, baseline(s))
    with_threshold = args.threshold or TUNE_THRESHOLD
    results = {**systems(with_threshold), "keywords": base["keywords"]}
    sample = wiki_sample(wiki, args.wiki_sample)
    rates = cue_rates(wiki)
    evaluate(
        "factbank",
        news,
        news_docs,
        folds_by_document(news, args.folds),
        lambda fold: ([s for s in news if s.doc not in fold] + sample, rates),
        results,
        with_threshold,
    )
    report(f"FactBank news, {args.folds}-fold by document", news, results)

    if args.wiki_folds:
        wiki_docs = parse(nlp, wiki)
        results = systems(with_threshold)
        for s in wiki:
            score_sentence(results["keywords"], s, baseline(s))

        def wiki_setup(fold):
            rest = [s for s in wiki if s.doc not in fold]
            return news + wiki_sample(rest, args.wiki_sample), cue_rates(rest)

        evaluate(
            "wiki",
            wiki,
            wiki_docs,
            folds_by_document(wiki, args.wiki_folds),
            wiki_setup,
            results,
            with_threshold,
        )
        report(f"Wikipedia, {args.wiki_folds}-fold by article", wiki, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
