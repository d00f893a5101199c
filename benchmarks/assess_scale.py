"""How the corpus-level work grows with the corpus: ingest + analysis against resolve + assess
+ brief, for N documents.

    python benchmarks/assess_scale.py                      # 1,000 documents
    python benchmarks/assess_scale.py --docs 10000 --workers 2
    python benchmarks/assess_scale.py --docs 300 500 1000  # several sizes, one line each

The target: ``sitrep assess`` on 10,000 documents takes at most twice the time of analysing
them, i.e. resolution, assessment and the brief together take no longer than ingest and
analysis. Texts: the PolNeAR train and dev articles when ``../shared/data`` (or
``$SITREP_DATA``) has them, then news-like documents generated from templates (the same
generator as ``throughput.py``) for the rest; each document gets one of twelve outlets and a
date within a month, as in a month of coverage of one crisis. Generated documents reuse a
few dozen claims and names, so they group into many large storylines: a harder case for the
assessment than real coverage.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

DATA = Path(os.environ.get("SITREP_DATA", ROOT.parent / "shared" / "data"))
OUTLETS = [
    "Meridian Press",
    "the Drovna Herald",
    "Northern Ledger",
    "Veskaria Today",
    "Radio Lir",
    "Coastline Wire",
    "Eastern Bulletin",
    "Hollen Times",
    "Pravik Observer",
    "Korvath Daily",
    "Arvenian Post",
    "state television",
]


def corpus_texts(n: int) -> tuple[list[str], str]:
    """``n`` distinct texts: real articles first, generated ones for the rest."""
    from throughput import generated_texts

    real: list[str] = []
    for split in ("train", "dev"):
        folder = DATA / "polnear" / split / "text"
        if folder.is_dir():
            real += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    real = real[:n]
    made = list(generated_texts(n - len(real), sentences=25, seed=11)) if n > len(real) else []
    return real + made, f"{len(real)} PolNeAR articles + {len(made)} generated documents"


def write_corpus(folder: Path, texts: list[str]) -> int:
    """Plain text files with sidecars; returns the number of words."""
    rng = random.Random(5)
    words = 0
    for i, text in enumerate(texts):
        stem = folder / f"doc-{i:05d}"
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")
        day = 1 + rng.randrange(30)
        stem.with_suffix(".meta.toml").write_text(
            f'outlet = "{rng.choice(OUTLETS)}"\npublished = "2026-11-{day:02d}"\n', encoding="utf-8"
        )
        words += len(text.split())
    return words


def run_once(n: int, workers: int) -> dict[str, float]:
    from sitrep import pipeline
    from sitrep.deliver.brief import render_brief
    from sitrep.store.db import connect

    texts, what = corpus_texts(n)
    with tempfile.TemporaryDirectory(prefix="sitrep-scale-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        words = write_corpus(folder, texts)
        engine = connect(str(Path(tmp) / "s.db"))
        settings = pipeline.JobSettings(out_dir=Path(tmp) / "brief", workers=workers)
        gaz = pipeline.gazetteer_in_force(engine, [str(folder)], None, lambda _l: None)
        t0 = time.perf_counter()
        pipeline.ingest_and_analyze(engine, [str(folder)], settings, gazetteer=gaz)
        t1 = time.perf_counter()
        items, resolution = pipeline.resolve(engine, gaz)
        t2 = time.perf_counter()
        assessment = pipeline.assess_and_save(engine, items, resolution, None, None)
        t3 = time.perf_counter()
        _html, md = render_brief(items, settings.out_dir, resolution, assessment=assessment)
        t4 = time.perf_counter()
        brief_words = len(md.read_text(encoding="utf-8").split())
        engine.dispose()
    return {
        "docs": n,
        "what": what,
        "words": words,
        "analyze": t1 - t0,
        "resolve": t2 - t1,
        "assess": t3 - t2,
        "brief": t4 - t3,
        "brief_words": brief_words,
        "storylines": len(assessment.storylines),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, nargs="+", default=[1000], help="corpus sizes to run")
    parser.add_argument("--workers", type=int, default=1, help="analysis workers (as --workers)")
    args = parser.parse_args()
    print(
        f"{'docs':>6} {'ingest+analyze':>15} {'resolve':>8} {'assess':>8} {'brief':>7} "
        f"{'after/analysis':>15} {'storylines':>10} {'brief/corpus words':>19}"
    )
    for n in args.docs:
        r = run_once(n, args.workers)
        after = r["resolve"] + r["assess"] + r["brief"]
        print(
            f"{r['docs']:>6} {r['analyze']:>14.1f}s {r['resolve']:>7.1f}s {r['assess']:>7.1f}s "
            f"{r['brief']:>6.1f}s {after / r['analyze']:>14.2f}x {r['storylines']:>10} "
            f"{r['brief_words'] / max(r['words'], 1):>18.3f}   ({r['what']})",
            flush=True,
        )
    print("target: after/analysis <= 1.00x (assess within 2x the time of analysing the corpus)")


if __name__ == "__main__":
    main()
