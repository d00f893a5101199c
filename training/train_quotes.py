"""Train the attribution tagger shipped in src/sitrep/models/ from PolNeAR train.

Reproduces ``quotes.crfsuite`` (a linear-chain CRF over paragraphs, BIO tags for
source / cue / content) and ``quotes_cues.json`` (the cue lexicon: for each lemma,
how often it is annotated as an attribution cue when it occurs). Only PolNeAR
*train* is read; dev is for measuring. Run: ``make train-quotes``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

from sitrep.analyze.quote_features import token_features
from sitrep.analyze.quote_layout import Layout
from sitrep.analyze.quote_model import CUES_PATH, MODEL_PATH
from sitrep.eval.polnear import data_root, parsed_split

MIN_CUE_COUNT = 3
PARAMS = {
    "c1": 2.0,
    "c2": 0.1,
    "max_iterations": 100,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}


def build_lexicon(articles, docs) -> dict[str, float]:
    """lemma -> share of its occurrences that annotators marked as (the head of) a cue."""
    as_cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for art, sdoc in zip(articles, docs, strict=True):
        for t in sdoc:
            total[t.lemma_.lower()] += 1
        for g in art.attributions:
            seen = set()
            for a, b in g.cue:
                span = sdoc.char_span(a, b, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                for t in span:
                    lemma = t.lemma_.lower()
                    if lemma not in seen and not t.is_space:
                        as_cue[lemma] += 1
                        seen.add(lemma)
    return {
        lemma: round(n / total[lemma], 3)
        for lemma, n in sorted(as_cue.items())
        if n >= MIN_CUE_COUNT and total[lemma]
    }


def gold_labels(art, sdoc) -> list[str]:
    """BIO labels per token; cues overwrite sources overwrite contents (nested attributions)."""
    labels = ["O"] * len(sdoc)
    for role, tag in (("content", "Q"), ("source", "S"), ("cue", "C")):
        for g in art.attributions:
            for a, b in getattr(g, role):
                span = sdoc.char_span(a, b, alignment_mode="expand")
                if span is None:
                    continue
                first = True
                for t in span:
                    if t.is_space:
                        continue
                    labels[t.i] = ("B-" if first else "I-") + tag
                    first = False
    return labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--cues", type=Path, default=CUES_PATH)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N articles only")
    args = ap.parse_args(argv)
    if data_root() is None:
        print("PolNeAR not found (../shared/data/polnear or $SITREP_DATA): nothing to train on")
        return 1
    t0 = time.time()
    articles, docs = parsed_split("train")
    if args.limit:
        articles, docs = articles[: args.limit], docs[: args.limit]
    print(f"parsed {len(docs)} train articles in {time.time() - t0:.0f}s", flush=True)
    lexicon = build_lexicon(articles, docs)
    args.cues.write_text(json.dumps(lexicon, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"cue lexicon: {len(lexicon)} lemmas -> {args.cues.name}", flush=True)

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(PARAMS)
    for art, sdoc in zip(articles, docs, strict=True):
        lay = Layout(sdoc)
        feats = token_features(lay, lexicon)
        labels = gold_labels(art, sdoc)
        for para in lay.paragraphs:
            trainer.append([feats[i] for i in para], [labels[i] for i in para])
    t1 = time.time()
    trainer.train(str(args.out))
    print(
        f"trained CRF in {time.time() - t1:.0f}s -> {args.out.name} "
        f"({args.out.stat().st_size / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
