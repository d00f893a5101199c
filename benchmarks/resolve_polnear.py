"""People in real news: are the names of one person one actor, and is every actor a person?

Reads ten PolNeAR dev articles from ``../shared/data/polnear/dev/text`` and a hand-checked
truth file of our own (``benchmarks/resolve_truth/polnear_dev_people.json``: each name as
written in an article -> the person it means, or null for a "person" that is none), runs
the whole analysis and the corpus resolution, and prints

- pairwise precision and recall of person mentions grouped into one actor, within each
  document and across the corpus (merging two people is the costlier error);
- the junk rate: document-level "people" whose every name is no person (or a name the
  truth does not know, listed so the truth file can be checked);
- people named in the text that no actor holds, and whether each person's actor is
  called by the person's full correct name.

    python benchmarks/resolve_polnear.py [--errors]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
TRUTH = ROOT / "benchmarks" / "resolve_truth" / "polnear_dev_people.json"


def _pairs(counter: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counter.values())


def pairwise(rows: list[tuple[str, str]]) -> tuple[float, float, int, int]:
    """``rows``: (predicted cluster, true person) per mention -> precision, recall, pairs."""
    predicted = Counter(p for p, _ in rows)
    gold = Counter(g for _, g in rows)
    agree = _pairs(Counter(rows))
    return (
        agree / max(_pairs(predicted), 1),
        agree / max(_pairs(gold), 1),
        _pairs(predicted),
        _pairs(gold),
    )


def main(argv: list[str]) -> int:
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found (PolNeAR dev is read from ../shared/data)")
        return 0
    from sitrep.analyze import analyze_docs
    from sitrep.records import Document
    from sitrep.resolve import resolve_corpus

    truth: dict[str, dict[str, str | None]] = json.loads(TRUTH.read_text())["articles"]
    docs = [
        Document(id=name, text=(DATA / f"{name}.txt").read_text(encoding="utf-8"), language="en")
        for name in truth
    ]
    items = list(analyze_docs(docs))
    res = resolve_corpus(items)

    local_rows, corpus_rows = [], []
    junk: list[tuple[str, str]] = []
    unknown = people = 0
    held: dict[tuple[str, str], Counter] = {}
    for doc, analysis in items:
        forms = truth[doc.id]
        for ent in analysis.entities:
            names = [m for m in ent.mentions if m.text[:1].isupper()]
            canon = res.by_document[doc.id].get(ent.id, ent.id)
            resolved = res.entities.get(canon)
            kind = resolved.type if resolved is not None else ent.type
            if kind != "person" or not names:  # the corpus may say a lone "org" is a surname
                continue
            people += 1
            gold = [forms.get(m.text) for m in names]
            if all(g is None for g in gold):
                junk.append((doc.id, ent.name))
                unknown += sum(1 for m in names if m.text not in forms)
            for g in gold:
                if g is None:
                    continue
                local_rows.append((f"{doc.id}/{ent.id}", f"{doc.id}/{g}"))
                corpus_rows.append((canon, g))
                held.setdefault((doc.id, g), Counter())[canon] += 1
    missed = []
    right_name = wrong_name = 0
    named = {}
    for name, forms in truth.items():
        text = next(d.text for d in docs if d.id == name)
        for form, who in forms.items():
            if who and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                named.setdefault((name, who), True)
    wrong = []
    for key in named:
        if key not in held:
            missed.append(key)
            continue
        canon = held[key].most_common(1)[0][0]
        entity = res.entities.get(canon)
        if entity is not None and entity.name.replace("’", "'") == key[1]:
            right_name += 1
        else:
            wrong_name += 1
            wrong.append((key, entity.name if entity else canon))

    lp, lr, lpp, lgp = pairwise(local_rows)
    cp, cr, cpp, cgp = pairwise(corpus_rows)
    print(
        f"PolNeAR dev, {len(docs)} articles, {len(corpus_rows)} person name mentions of "
        f"{len({g for _, g in corpus_rows})} people (hand-checked truth)"
    )
    print(f"  within a document: merge precision {lp:.3f} recall {lr:.3f} ({lpp}/{lgp} pairs)")
    print(f"  across the corpus: merge precision {cp:.3f} recall {cr:.3f} ({cpp}/{cgp} pairs)")
    print(
        f"  junk 'people': {len(junk)} of {people} ({len(junk) / max(people, 1):.1%}); "
        f"{unknown} of their names are not in the truth file"
    )
    print(
        f"  people named but held by no person actor: {len(missed)} of {len(named)}; "
        f"actor called by the full correct name: {right_name} of {right_name + wrong_name}"
    )
    if "--errors" in argv:
        for doc_id, name in junk:
            print(f"    junk: {name!r} in {doc_id}")
        for doc_id, who in missed:
            print(f"    missed: {who!r} in {doc_id}")
        for (doc_id, who), called in wrong:
            print(f"    named {called!r}, is {who!r} in {doc_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
