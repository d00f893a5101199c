"""Train the hedge-cue tagger shipped as src/sitrep/models/hedges.crfsuite.

A linear-chain CRF (python-crfsuite) over spaCy token features
(:mod:`sitrep.analyze.hedge_features`), BIO tags for four cue kinds (modal,
doxastic, conditional, investigative), trained on the Szeged uncertainty
corpus's FactBank news (``factbank_shared.xml``) plus a fixed, balanced sample of
Wikipedia sentences (``hedge_corpus.WIKI_SAMPLE``, 1,000). The Wikipedia part
(``wiki.xml``) contributes ``hedges_rates.json``: for each word that is a cue
there at least twice, the share of its occurrences that are cues, used as a
graded feature. With ``hedge_corpus.TUNE_THRESHOLD`` set, the stage reads the
CRF's cue marginals against a threshold (``hedges_threshold.json``) chosen by
5-fold cross-validation by document on the same training text. ``--wiki N`` sets
the size of the Wikipedia sample. Held-out figures come from
``benchmarks/certainty.py``, which retrains per fold with this recipe; this script
fits the final model on everything.

Run: ``python training/train_hedges.py`` (a few minutes on two cores; the first
run also parses the corpus, about three minutes, cached afterwards).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from sitrep.analyze.hedge_corpus import (
    CACHE_DIR,
    INNER_FOLDS,
    TUNE_THRESHOLD,
    WIKI_SAMPLE,
    choose_threshold,
    cue_rates,
    data_dir,
    load_corpora,
    train,
    wiki_sample,
)
from sitrep.analyze.hedges import MODEL_PATH, RATES_PATH, THRESHOLD_PATH
from sitrep.analyze.nlp import load_nlp

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--rates-out", type=Path, default=RATES_PATH)
    ap.add_argument("--threshold-out", type=Path, default=THRESHOLD_PATH)
    ap.add_argument("--wiki", type=int, default=WIKI_SAMPLE, help="Wikipedia sentences to add")
    ap.add_argument(
        "--cache", type=Path, default=CACHE_DIR, help="where parsed corpus features are cached"
    )
    args = ap.parse_args(argv)
    folder = data_dir(REPO)
    if folder is None:
        print(
            "no uncertainty data (set SITREP_DATA or place it at ../shared/data); nothing trained"
        )
        return 1
    t0 = time.time()
    nlp = load_nlp()
    news, wiki = load_corpora(folder, nlp, args.cache)
    rates = cue_rates(wiki)
    extra = wiki_sample(wiki, args.wiki)
    print(f"training on {len(news)} news + {len(extra)} wiki sentences, {len(rates)} cue rates")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    train(news + extra, args.out, rates=rates)
    args.rates_out.write_text(json.dumps(rates, indent=0, sort_keys=True) + "\n")
    if TUNE_THRESHOLD:
        threshold, inner_f1 = choose_threshold(news + extra, rates)
        print(
            f"cue-marginal threshold {threshold} ({INNER_FOLDS}-fold CV sentence F1 {inner_f1:.3f})"
        )
        args.threshold_out.write_text(
            json.dumps({"threshold": threshold, "inner_folds": INNER_FOLDS}) + "\n"
        )
    else:
        args.threshold_out.unlink(missing_ok=True)
    print(
        f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB), {args.rates_out} and "
        f"{args.threshold_out} in {time.time() - t0:.0f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
