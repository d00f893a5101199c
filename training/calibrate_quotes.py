"""Count how often each quote shape is right on PolNeAR dev -> models/quotes_confidence.json.

The tagger was trained on train, so on train it is surer and righter than on any new
text: its rates there are too high. Dev is text it has not seen. The script also prints
a two-fold check (rates counted on one half of dev, scored on the other), the figure to
trust for new text. Run after train_quotes.py:

    .venv/bin/python training/calibrate_quotes.py [--split dev]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sitrep.analyze.entities import extract_entities
from sitrep.analyze.quote_confidence import MIN_SEEN, RATES_PATH, fit_rates
from sitrep.analyze.quotes import extract_quotes
from sitrep.eval.polnear import data_root, parsed_split
from sitrep.eval.quote_metric import as_predicted, right_predictions
from sitrep.records import Document

Seen = list[tuple[tuple[str, ...], bool]]


def shapes_and_rights(articles, docs) -> list[Seen]:
    """Per article: each quote's shape and whether it is right."""
    out: list[Seen] = []
    for art, sdoc in zip(articles, docs, strict=True):
        shapes: list[tuple[str, ...]] = []
        quotes = extract_quotes(sdoc, extract_entities(sdoc, Document(art.name, art.text)), shapes)
        rights = right_predictions(art.text, art.attributions, [as_predicted(q) for q in quotes])
        out.append(list(zip(shapes, rights, strict=True)))
    return out


def rate_of(shape: tuple[str, ...], rates: dict[str, tuple[float, int]]) -> float:
    return next((rates[k][0] for k in shape if k in rates), 0.0)


def two_fold(seen: list[Seen]) -> list[tuple[float, bool]]:
    halves = (seen[0::2], seen[1::2])
    scored: list[tuple[float, bool]] = []
    for fit, held in (halves, halves[::-1]):
        rates = fit_rates([x for article in fit for x in article])
        scored += [(rate_of(s, rates), r) for article in held for s, r in article]
    return scored


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--out", type=Path, default=RATES_PATH)
    args = ap.parse_args(argv)
    if data_root() is None:
        print("PolNeAR not found (../shared/data/polnear or $SITREP_DATA): nothing to count")
        return 1
    articles, docs = parsed_split(args.split)
    seen = shapes_and_rights(articles, docs)
    rates = fit_rates([x for article in seen for x in article])
    payload = {"split": args.split, "min_seen": MIN_SEEN, "rates": rates}
    args.out.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(rates)} quote shapes with a rate -> {args.out.name}")
    scored = two_fold(seen)
    for lo in (0.5, 0.7, 0.8, 0.9):
        sel = [r for c, r in scored if c >= lo]
        if sel:
            share = sum(sel) / len(sel)
            print(f"two-fold check: confidence >= {lo}: {len(sel)} quotes, {share:.3f} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
