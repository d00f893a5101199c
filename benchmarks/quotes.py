"""Quote extraction and speaker attribution on PolNeAR dev, with textacy side by side.

Prints P/R/F1 under the project's metric (a prediction matches a gold attribution
when its contents cover >= 50% of the gold content characters, one-to-one),
speaker accuracy (matched pairs with a gold source whose predicted source span
overlaps it), recall on direct quotes (gold contents with quotation marks) and
exact-span recall; then spaCy parse time against quote-stage time.

    .venv/bin/python benchmarks/quotes.py [--split dev]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from sitrep.analyze.entities import extract_entities
from sitrep.analyze.nlp import load_nlp
from sitrep.analyze.quotes import extract_quotes
from sitrep.eval.polnear import data_root, parsed_split
from sitrep.eval.quote_metric import (
    Predicted,
    Tally,
    as_predicted,
    right_predictions,
    score_document,
)
from sitrep.records import Document


def textacy_predictions(sdoc) -> list[Predicted]:
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(sdoc):
        content = triple.content
        speaker = [(t.idx, t.idx + len(t)) for t in triple.speaker]
        out.append(Predicted([(content.start_char, content.end_char)], speaker))
    return out


LEVELS = (0.8, 0.9)


def reliability(articles, quotes_per_article) -> str:
    """How often a quote at each confidence is right (content matched, speaker right)."""
    pairs: list[tuple[float, bool]] = []
    for art, quotes in zip(articles, quotes_per_article, strict=True):
        pred = [as_predicted(q) for q in quotes]
        rights = right_predictions(art.text, art.attributions, pred)
        pairs += [(q.confidence, r) for q, r in zip(quotes, rights, strict=True)]
    lines = ["confidence  quotes  right (content matched and speaker right)"]
    edges = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    for lo, hi in zip(edges, edges[1:], strict=False):
        sel = [r for c, r in pairs if lo <= c < hi]
        if sel:
            lines.append(f"  {lo:.1f}-{min(hi, 1):.1f}   {len(sel):>5}  {sum(sel) / len(sel):.3f}")
    for lo in LEVELS:
        sel = [r for c, r in pairs if c >= lo]
        if sel:
            lines.append(f"  >= {lo:.1f}    {len(sel):>5}  {sum(sel) / len(sel):.3f}")
    return "\n".join(lines)


def row(name: str, t: Tally, extra: str = "") -> str:
    s = t.summary()
    return (
        f"{name:<10} P {s['P']:.3f}  R {s['R']:.3f}  F1 {s['F1']:.3f}  speaker {s['speaker']:.3f}"
        f" (n={t.speaker_n})  direct_R {s['direct_R']:.3f}  exact_R {s['exact_R']:.3f}"
        f"  pred {t.pred} gold {t.gold}{extra}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    nlp = load_nlp()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from quotes_by_hand import CASES, run

    right, total, wrong, not_total = run(nlp)
    print(
        f"by hand (benchmarks/quotes_by_hand.py): {len(CASES)} texts, right speaker"
        f" {right}/{total}; headings, captions, narration quoted {wrong}/{not_total}"
    )
    if data_root() is None:
        print("skipped: PolNeAR not found (../shared/data/polnear or $SITREP_DATA)")
        return 0
    articles, docs = parsed_split(args.split, nlp)
    ents = [
        extract_entities(d, Document(a.name, a.text)) for a, d in zip(articles, docs, strict=True)
    ]
    found = [extract_quotes(sdoc, e) for sdoc, e in zip(docs, ents, strict=True)]
    ours = Tally()
    for art, quotes in zip(articles, found, strict=True):
        ours.add(score_document(art.text, art.attributions, [as_predicted(q) for q in quotes]))
    print(f"PolNeAR {args.split}: {len(articles)} documents, first annotator file per article")
    print(row("sitrep", ours))
    print(reliability(articles, found))

    if not args.no_textacy and importlib.util.find_spec("textacy") is None:
        print("textacy       not installed (pip install -e '.[bench]'): its row is skipped")
    elif not args.no_textacy:
        theirs, crashes = Tally(), 0
        for art, sdoc in zip(articles, docs, strict=True):
            try:
                pred = textacy_predictions(sdoc)
            except Exception:  # textacy crashes on some real articles: count them
                crashes += 1
                pred = []
            theirs.add(score_document(art.text, art.attributions, pred))
        print(row("textacy", theirs, f"  crashes {crashes}/{len(articles)}"))

    if not args.no_speed:
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        # batches of 16, parse then quotes, interleaved so a busy machine slows both alike
        parse_s = quote_s = 0.0
        for k in range(0, len(texts), 16):
            t0 = time.perf_counter()
            parsed = list(nlp.pipe(texts[k : k + 16], batch_size=16))
            t1 = time.perf_counter()
            for sdoc, e in zip(parsed, ents[k : k + 16], strict=True):
                extract_quotes(sdoc, e)
            parse_s += t1 - t0
            quote_s += time.perf_counter() - t1
        print(
            f"speed: spaCy parse {parse_s:.2f}s ({words / parse_s:,.0f} words/s), quote stage "
            f"{quote_s:.2f}s ({words / quote_s:,.0f} words/s) = {100 * quote_s / parse_s:.1f}% "
            "of parse"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
