"""Throughput and memory: raw spaCy vs sitrep's full analysis in one and two processes.

    python benchmarks/throughput.py                 # all of it
    python benchmarks/throughput.py --repeats 5     # more rounds (medians reported)
    python benchmarks/throughput.py --skip-rss      # throughput only
    python benchmarks/throughput.py --fresh         # no configuration sees a text twice
    python benchmarks/throughput.py --rss-sizes 1000 10000 --rss-workers 2

Texts: the PolNeAR dev articles when ``../shared/data`` (or ``$SITREP_DATA``) has them,
else news-like documents generated from templates below. Memory: peak resident memory (PSS,
shared pages split) of a fresh process (and its worker processes) that stores N generated
documents in a SQLite file and analyzes them through the pipeline, at each N; it should not
grow with N.

The runs take turns, round after round, and each ratio is the median of the ratios within
a round. Within a round, raw spaCy and the one-process analysis alternate on slices of 16
texts (one ``nlp.pipe`` batch, a few seconds each), so the two figures of a ratio are
measured seconds apart rather than a minute apart: on a machine whose speed drifts (runs
of the same work here differ by up to 25%), that is what keeps the ratio steady. The
worker pool runs on the whole text set once per round, before the slices in one round and
after them in the next. Each configuration first makes
one pass that is not counted (its speed is printed): a process's first pass over a text
fills spaCy's caches and sitrep's lookup memories, and the pool stays up between rounds,
so warm runs are compared with warm runs, as in a long run over a large corpus.

``--fresh``: every round takes new texts (the PolNeAR train articles, one slice per round,
the first slice for the untimed pass), so that no configuration meets a text twice, as in
a run over a corpus larger than its caches; raw spaCy then runs on a pipeline of its own,
so that neither of the two warms the other's tokenizer cache.

Targets: full analysis >= 0.8x raw spaCy in one process; two workers >= 1.7x one.
On a machine shared with other work, the two-worker figure is understated.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("SITREP_DATA", ROOT.parent / "shared" / "data"))

# --- texts ---------------------------------------------------------------------------------

PEOPLE = [
    "Anna Kell",
    "Oleg Varlamov",
    "Ieva Marens",
    "Pieter Vos",
    "Ruben Adler",
    "Dana Ivanek",
    "Marek Belsky",
    "Katrin Vell",
    "Lukas Meren",
    "Hanna Strand",
    "Tomas Rieger",
    "Elif Sahin",
]
ROLES = [
    "the defence minister",
    "a senior army officer",
    "the interior ministry spokeswoman",
    "the opposition leader",
    "a government official",
    "the regional governor",
]
PLACES = [
    "Drovna",
    "Kelmar",
    "Lir",
    "Vienna",
    "Riga",
    "the capital",
    "the northern provinces",
    "the border",
]
OUTLETS = [
    "the Drovna Herald",
    "Meridian Press",
    "the Northern Ledger",
    "Veskaria Today",
    "state television",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
]
TEMPLATES = [
    '"{claim}," {person} told reporters in {place} on {weekday}.',
    "{person}, {role}, said that {claim_lc}.",
    "According to {outlet}, about {n} people were {event} in {place} on {day} {month}.",
    "{role_cap} is likely to announce new measures within {k} days, officials said.",
    "It remains unclear whether {person} will travel to {place}; {outlet} reported that talks "
    "could resume in {month}.",
    "Witnesses in {place} said at least {n} soldiers had been deployed overnight.",
    '{person} denied the reports, calling them "{adjective} and irresponsible".',
    "The government may postpone the vote until {month}, {role} suggested on {weekday}.",
    "Between {n} and {n2} protesters gathered outside the parliament in {place}, police said.",
    "{outlet} could not independently verify the claims made by {person}.",
]
CLAIMS = [
    "We will not negotiate under pressure",
    "The army remains loyal to the constitution",
    "Order has been restored in the city",
    "The situation is under control",
    "Nobody was hurt during the operation",
    "The elections will take place as planned",
]
EVENTS = ["killed", "injured", "detained", "evacuated", "arrested"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ADJECTIVES = ["baseless", "false", "misleading", "absurd"]


def generated_text(rng: random.Random, sentences: int) -> str:
    """A news-like paragraph from the templates; numbers make every document distinct."""
    out = []
    for _ in range(sentences):
        claim = rng.choice(CLAIMS)
        role = rng.choice(ROLES)
        out.append(
            rng.choice(TEMPLATES).format(
                claim=claim,
                claim_lc=claim[0].lower() + claim[1:],
                person=rng.choice(PEOPLE),
                role=role,
                role_cap=role[0].upper() + role[1:],
                place=rng.choice(PLACES),
                outlet=rng.choice(OUTLETS),
                n=rng.randint(2, 9000),
                n2=rng.randint(9001, 20000),
                k=rng.randint(2, 30),
                event=rng.choice(EVENTS),
                day=rng.randint(1, 28),
                month=rng.choice(MONTHS),
                weekday=rng.choice(WEEKDAYS),
                adjective=rng.choice(ADJECTIVES),
            )
        )
    return " ".join(out)


def generated_texts(n: int, sentences: int = 4, seed: int = 7) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(n):
        yield generated_text(rng, sentences)


TRAIN = DATA / "polnear" / "train" / "text"


def train_texts(count: int, skip: int = 0) -> list[str]:
    """PolNeAR train articles ``skip`` to ``skip + count``, in file order.

    Fewer if there are fewer.
    """
    return [p.read_text(encoding="utf-8") for p in sorted(TRAIN.glob("*.txt"))[skip : skip + count]]


def fresh_rounds(rounds: int, limit: int | None) -> tuple[list[list[str]], str]:
    """``rounds`` disjoint runs of the PolNeAR train articles (``limit`` texts each, by
    default as many as the dev set has): a text is never seen twice."""
    if not TRAIN.is_dir():
        raise SystemExit(f"--fresh needs the PolNeAR train texts at {TRAIN}")
    size = limit or 84
    texts = train_texts(size * rounds)
    if len(texts) < size * rounds:
        raise SystemExit(
            f"--fresh: {rounds} rounds of {size} texts need {size * rounds}; there are {len(texts)}"
        )
    return [
        texts[i * size : (i + 1) * size] for i in range(rounds)
    ], f"PolNeAR train articles, new ones every round ({TRAIN})"


def benchmark_texts(limit: int | None) -> tuple[list[str], str]:
    folder = DATA / "polnear" / "dev" / "text"
    if folder.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))][:limit]
        return texts, f"PolNeAR dev articles ({folder})"
    print(f"(no PolNeAR texts at {folder}: using generated documents)")
    return list(generated_texts(limit or 200, sentences=25)), "generated documents (templates)"


def documents(texts: list[str]):
    from sitrep.ids import content_id
    from sitrep.records import Document

    return [
        Document(id=content_id(t), text=t, language="en", published="2026-03-01") for t in texts
    ]


# --- memory ----------------------------------------------------------------------------------


def _rss_kib(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them), so the
    model pages a fork server shares with its workers are counted once; RSS where PSS is unknown."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            kids = []
        for k in kids:
            out.append(int(k))
            todo.append(int(k))
    return out


class PeakRss:
    """Samples the memory (PSS) of this process and of every process below it (the worker pool)."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval, self.peak_total, self.peak_self = interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            own = _rss_kib(me)
            total = own + sum(_rss_kib(p) for p in _descendants(me))
            self.peak_self, self.peak_total = max(self.peak_self, own), max(self.peak_total, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def rss_probe(n: int, workers: int) -> None:
    """Run in a fresh process: store ``n`` generated documents, analyze them, print peak RSS."""
    from sitrep import pipeline
    from sitrep.ids import content_id
    from sitrep.records import Document
    from sitrep.store import write
    from sitrep.store.db import connect

    with tempfile.TemporaryDirectory() as tmp, PeakRss() as peak:
        engine = connect(str(Path(tmp) / "probe.db"))
        started = time.perf_counter()
        for text in generated_texts(n, sentences=3, seed=n):
            write.add_document(
                engine,
                Document(
                    id=content_id(text),
                    text=text,
                    language="en",
                    published="2026-03-01",
                    path="generated",
                ),
            )
        pipeline.mark_near_duplicates(engine)
        pipeline.analyze_pending(engine, workers=workers)
        elapsed = time.perf_counter() - started
    print(f"RSS {n} {workers} {peak.peak_self} {peak.peak_total} {elapsed:.1f}")


# --- throughput ------------------------------------------------------------------------------

SLICE = 16  # texts per interleaved step: one nlp.pipe batch, as analyze_docs batches them


def tree_cpu() -> float:
    """CPU seconds used so far by this process and every process below it, the finished ones
    included (a reaped worker's time is in its parent's children-time fields)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in [os.getpid(), *_descendants(os.getpid())]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return total / tick


Steps = list[tuple[str, Callable[[], object]]]


def timed_rounds(rounds: list[Steps]) -> dict[str, tuple[list[float], list[float]]]:
    """Wall-clock and CPU seconds of each named run, summed over its steps within a round; every
    round runs its steps in the given order (several names interleaved, A B A B ...)."""
    out: dict[str, tuple[list[float], list[float]]] = {}
    for steps in rounds:
        this: dict[str, list[float]] = {}
        for name, fn in steps:
            started, cpu = time.perf_counter(), tree_cpu()
            fn()
            wall, used = this.setdefault(name, [0.0, 0.0])
            this[name] = [wall + time.perf_counter() - started, used + tree_cpu() - cpu]
        for name, (wall, used) in this.items():
            walls, cpus = out.setdefault(name, ([], []))
            walls.append(wall)
            cpus.append(used)
    return out


def round_steps(
    texts: list[str],
    raw_nlp,
    nlp,
    pool,
    workers: int,
    names: tuple[str, str, str],
    pool_first: bool,
) -> Steps:
    """One round over ``texts``: raw spaCy and the one-process analysis alternate on slices;
    the pool analyzes the whole set before them or after them (rounds take turns, so that
    a drift of the machine's speed within a round does not favour either side)."""
    from sitrep.analyze import analyze_docs
    from sitrep.analyze.nlp import parse_texts
    from sitrep.scale.pool import analyze_parallel

    raw, one, many = names
    docs = documents(texts)
    steps: Steps = []
    for lo in range(0, len(texts), SLICE):
        part, part_docs = texts[lo : lo + SLICE], docs[lo : lo + SLICE]
        steps.append((raw, lambda part=part: sum(1 for _ in parse_texts(raw_nlp, part))))
        steps.append(
            (one, lambda part_docs=part_docs: sum(1 for _ in analyze_docs(part_docs, nlp)))
        )
    pooled = (many, lambda: sum(1 for _ in analyze_parallel(docs, workers, pool=pool)))
    return [pooled, *steps] if pool_first else [*steps, pooled]


def paired(a: list[float], b: list[float]) -> float:
    """Median over rounds of b's time / a's time, i.e. a's speed relative to b's."""
    return statistics.median(y / x for x, y in zip(a, b, strict=True))


def spread(a: list[float], b: list[float]) -> str:
    ratios = sorted(y / x for x, y in zip(a, b, strict=True))
    return f"rounds {ratios[0]:.2f}-{ratios[-1]:.2f}" if len(ratios) > 1 else "one round"


def throughput(args: argparse.Namespace) -> None:
    from sitrep.analyze import load_nlp
    from sitrep.analyze.nlp import MODEL_PACKAGE, limit_blas_threads
    from sitrep.scale.pool import worker_pool

    if args.fresh:
        chunks, where = fresh_rounds(args.repeats + 1, args.docs)
    else:
        texts, where = benchmark_texts(args.docs)
        chunks = [texts] * (args.repeats + 1)
    words = [sum(len(t.split()) for t in chunk) for chunk in chunks]
    print(f"texts: {len(chunks[0])} {where}, {words[0]:,} words; {args.repeats} rounds, medians")
    nlp = load_nlp()
    # raw spaCy parses with a pipeline of its own: the same model, but its own tokenizer and
    # lemmatizer caches, so that neither run warms the other's
    raw_nlp = importlib.import_module(MODEL_PACKAGE).load()
    raw_nlp.max_length = nlp.max_length
    limit_blas_threads()
    names = (
        "raw spaCy nlp.pipe",
        "sitrep analyze, 1 process",
        f"sitrep analyze, {args.workers} workers",
    )
    with worker_pool(args.workers) as pool:
        rounds = [
            round_steps(chunk, raw_nlp, nlp, pool, args.workers, names, pool_first=i % 2 == 1)
            for i, chunk in enumerate(chunks)
        ]
        # One untimed pass first. A process's first pass over a text fills spaCy's tokenizer
        # and lemmatizer caches, the vocabulary and the taggers' lookup memories; the timed
        # rounds then compare warm runs with warm runs (the pool stays up, as in a long run
        # over a large corpus). With --fresh the texts are new every round all the same.
        first = timed_rounds(rounds[:1])
        # No memory sampling here: reading PSS walks every mapping of every process, which took
        # the parent about a fifth of a core, and so a share of the cores the workers run on.
        results = timed_rounds(rounds[1:])
    print(
        "  first (untimed) pass, cold caches: "
        + ", ".join(
            f"{name} {words[0] / walls[0]:,.0f} words/s" for name, (walls, _cpu) in first.items()
        )
    )
    timed_words = words[1:]
    for name, (walls, cpus) in results.items():
        rate = statistics.median(w / t for w, t in zip(timed_words, walls, strict=True))
        cpu_rate = statistics.median(w / t for w, t in zip(timed_words, cpus, strict=True))
        runs = ", ".join(f"{w / t:,.0f}" for w, t in zip(timed_words, walls, strict=True))
        print(
            f"  {name:<28} {rate:>9,.0f} words/s  (runs: {runs});  {cpu_rate:,.0f} words per "
            "CPU-second"
        )
    (raw_w, raw_c), (one_w, one_c), (many_w, many_c) = (results[n] for n in names)
    print("  ratios: the median over rounds of the ratio within each round")
    print(
        f"  full analysis / raw spaCy    {paired(one_w, raw_w):.2f}x wall, "
        f"{paired(one_c, raw_c):.2f}x CPU   (target >= 0.8; {spread(one_w, raw_w)})"
    )
    print(
        f"  {args.workers} workers / 1 process      {paired(many_w, one_w):.2f}x wall"
        f"   (target >= 1.7; {spread(many_w, one_w)})"
    )
    efficiency = paired(many_c, one_c)
    print(
        f"  pool CPU efficiency          {efficiency:.2f}  (CPU per word, 1 process / pool: "
        f"on {args.workers} idle cores the speedup is at most {args.workers * efficiency:.2f}x)"
    )
    print(
        f"  load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
        "(other work on the machine understates the worker speedup)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--docs", type=int, default=None, help="use at most this many texts")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--fresh",
        action="store_true",
        help="new texts every round (PolNeAR train): no configuration sees a text twice",
    )
    ap.add_argument("--skip-rss", action="store_true")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--rss-sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--rss-workers", type=int, default=2)
    ap.add_argument(
        "--rss-probe", type=int, nargs=2, metavar=("N", "WORKERS"), help=argparse.SUPPRESS
    )
    args = ap.parse_args()
    if args.rss_probe:
        rss_probe(*args.rss_probe)
        return

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    if not args.skip_throughput:
        throughput(args)
    if not args.skip_rss:
        print(
            "peak memory (PSS) by corpus size (fresh process; store + analyze, "
            f"{args.rss_workers} worker(s)):"
        )
        for n in args.rss_sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--rss-probe", str(n), str(args.rss_workers)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            line = next(x for x in out.splitlines() if x.startswith("RSS "))
            _, n_docs, _w, own, total, secs = line.split()
            print(
                f"  {int(n_docs):>7,} documents: {int(own) / 1024:6.0f} MiB main process, "
                f"{int(total) / 1024:6.0f} MiB with workers  ({float(secs):.0f}s)"
            )


if __name__ == "__main__":
    main()
