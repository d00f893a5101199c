"""Train the hedge-cue tagger shipped as src/sitrep/models/hedges.crfsuite.

A linear-chain CRF (python-crfsuite) over spaCy token features
(:mod:`sitrep.analyze.hedge_features`), BIO tags for four cue kinds (modal,
doxastic, conditional, investigative), trained on the Szeged uncertainty corpus:
all of FactBank news in ``factbank_shared.xml`` plus a fixed sample of the
Wikipedia sentences in ``wiki.xml`` (features are domain-tagged, so the
encyclopedia's habits do not leak into news). Held-out figures come from
``benchmarks/certainty.py``, which retrains per fold; this script fits the
final model on everything.

Run: ``python training/train_hedges.py`` (about ten minutes on two cores).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sitrep.analyze.hedge_corpus import WIKI_SAMPLE, data_dir, load_featurized, train, wiki_sample
from sitrep.analyze.hedges import MODEL_PATH
from sitrep.analyze.nlp import load_nlp

REPO = Path(__file__).resolve().parent.parent


def training_set(folder: Path, nlp, wiki_n: int, cache: Path | None):
    news = load_featurized(folder / "factbank_shared.xml", nlp, "news", cache)
    wiki = load_featurized(folder / "wiki.xml", nlp, "wiki", cache) if wiki_n else []
    return news, wiki_sample(wiki, wiki_n)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--wiki", type=int, default=WIKI_SAMPLE, help="Wikipedia sentences to add")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "sitrep",
                    help="where parsed corpus features are cached")
    args = ap.parse_args(argv)
    folder = data_dir(REPO)
    if folder is None:
        print("no uncertainty data (set SITREP_DATA or place it at ../shared/data); nothing trained")
        return 1
    t0 = time.time()
    news, wiki = training_set(folder, load_nlp(), args.wiki, args.cache)
    print(f"training on {len(news)} news + {len(wiki)} wiki sentences")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    train(news + wiki, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
