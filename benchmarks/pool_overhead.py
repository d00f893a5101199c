"""Where a worker pool's time goes, beyond the analysis one process would do.

    python benchmarks/pool_overhead.py                        # all three parts
    python benchmarks/pool_overhead.py --parts accounting split

accounting  The pool analyzes rounds of new texts with a task that times itself: CPU seconds
            in the analysis, in pickling the records, in the main process and elsewhere, and
            the share of the wall time the workers are busy (the rest is the stream's end,
            when one worker finishes its last batch alone).
split       A process that analyzes every batch and one that analyzes every other batch (as
            one of two workers does), timed alternately on the batches both analyze: what
            splitting spaCy's caches and sitrep's look-up memories between workers costs.
contention  One process's CPU per word while the other core idles, runs a second analysis or
            spins in a Python loop, the three states taking turns batch by batch: what the
            machine charges when both cores work.

Texts: the PolNeAR train articles when ``../shared/data`` (or ``$SITREP_DATA``) has them,
else generated news-like documents. Each part runs for a few minutes.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import pickle
import resource
import time

from throughput import TRAIN, documents, generated_texts, train_texts, tree_cpu

ROUND = 84  # texts per round, as many as the PolNeAR dev set


def own_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def corpus(n: int, skip: int = 0) -> list[str]:
    if TRAIN.is_dir():
        return train_texts(n, skip)
    return list(generated_texts(n, sentences=25, seed=skip + 1))


def word_count(docs: list) -> int:
    return sum(len(d.text.split()) for d in docs)


def batches(texts: list[str]) -> list[list]:
    from sitrep.scale import pool

    return list(pool.document_batches(documents(texts), pool.BATCH, pool.BATCH_CHARS))


# --- accounting --------------------------------------------------------------------------------


def timed_task(docs: list) -> tuple[float, float]:
    """The pool's task, timing itself: (CPU in the analysis, CPU pickling its records). It
    returns the timings instead of the records, so the records are pickled once, here."""
    from sitrep.scale.pool import analyze_batch

    started = own_cpu()
    records = analyze_batch(docs, None)
    analysis = own_cpu() - started
    started = own_cpu()
    pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
    return analysis, own_cpu() - started


def accounting(rounds: int, workers: int) -> None:
    from sitrep.scale.pool import worker_pool

    print(f"accounting: {workers} workers, rounds of {ROUND} new texts (the first untimed)")
    texts = corpus(ROUND * (rounds + 1))
    with worker_pool(workers) as pool:
        for r in range(rounds + 1):
            chunk = batches(texts[r * ROUND : (r + 1) * ROUND])
            tree, wall, main = tree_cpu(), time.perf_counter(), own_cpu()
            timings = [f.result() for f in [pool.submit(timed_task, b) for b in chunk]]
            tree, wall, main = tree_cpu() - tree, time.perf_counter() - wall, own_cpu() - main
            if r == 0:
                continue
            analysis, pickling = (sum(t[i] for t in timings) for i in (0, 1))
            print(
                f"  round {r}: CPU {tree:6.2f} s = analysis {analysis / tree:6.1%}, pickling "
                f"{pickling / tree:4.1%}, main process {main / tree:4.1%}, other "
                f"{(tree - analysis - pickling - main) / tree:4.1%};  workers busy "
                f"{tree / (workers * wall):.1%} of {wall:.1f} s"
            )


# --- split -------------------------------------------------------------------------------------


def _analyzer(conn, texts: list[str]) -> None:
    """A process that analyzes the batches it is told to and answers with the CPU seconds."""
    import sitrep.scale.warm  # noqa: F401  (importing it analyzes a sample: every model is loaded before the first timed batch)
    from sitrep.analyze import analyze_docs, load_nlp

    chunk, nlp = batches(texts), load_nlp()
    while (k := conn.recv()) is not None:
        started = own_cpu()
        for _ in analyze_docs(chunk[k], nlp):
            pass
        conn.send(own_cpu() - started)


def split(texts_n: int) -> None:
    print(f"split: every batch vs every other batch of {texts_n} new texts, timed alternately")
    texts = corpus(texts_n)
    chunk = batches(texts)
    ctx = mp.get_context("spawn")
    ends = {}
    for name in ("all", "half"):
        here, there = ctx.Pipe()
        proc = ctx.Process(target=_analyzer, args=(there, texts), daemon=True)
        proc.start()
        ends[name] = (here, proc)
    warmup = max(1, len(chunk) // 6)
    cpu, words = {"all": 0.0, "half": 0.0}, 0
    for k in range(len(chunk)):
        turn = ["all", "half"] if k % 2 else ["all"]
        if k % 4 == 3:
            turn.reverse()
        for name in turn:
            ends[name][0].send(k)
            spent = ends[name][0].recv()
            if k >= warmup and k % 2:
                cpu[name] += spent
        if k >= warmup and k % 2:
            words += word_count(chunk[k])
    for here, proc in ends.values():
        here.send(None)
        proc.join()
    print(
        f"  on {words:,} words after a warm-up of {warmup} batches: every batch "
        f"{words / cpu['all']:,.0f}, every other batch {words / cpu['half']:,.0f} words per "
        f"CPU-second; CPU ratio half / all {cpu['half'] / cpu['all']:.3f}"
    )


# --- contention --------------------------------------------------------------------------------


def _load(kind: str, running, texts: list[str]) -> None:
    if kind == "analysis":
        from sitrep.analyze import analyze_docs, load_nlp

        nlp, docs = load_nlp(), documents(texts)
        while True:
            for doc in docs:
                running.wait()
                for _ in analyze_docs([doc], nlp):
                    pass
    x = 0
    while True:
        running.wait()
        for _ in range(100_000):
            x += 1


def contention(texts_n: int) -> None:
    from sitrep.analyze import analyze_docs, load_nlp

    print(
        f"contention: one analysis of {texts_n} new texts; the other core idle, analyzing, or "
        "spinning"
    )
    ctx = mp.get_context("spawn")
    running = {"analysis": ctx.Event(), "spin": ctx.Event()}
    other = corpus(texts_n, skip=texts_n)
    for kind, event in running.items():
        ctx.Process(target=_load, args=(kind, event, other), daemon=True).start()
    nlp, chunk = load_nlp(), batches(corpus(texts_n))
    states = ["idle", "analysis", "idle", "spin"]
    cpu, words = (
        dict.fromkeys(("idle", "analysis", "spin"), 0.0),
        dict.fromkeys(("idle", "analysis", "spin"), 0),
    )
    warmup = max(1, len(chunk) // 4)
    for _ in analyze_docs(chunk[0], nlp):  # loads the models while the loaders load theirs
        pass
    time.sleep(15)
    for k, batch in enumerate(chunk):
        state = states[k % len(states)]
        for kind, event in running.items():
            event.set() if kind == state else event.clear()
        time.sleep(0.5)  # a paused loader finishes the document it is on
        started = own_cpu()
        for _ in analyze_docs(batch, nlp):
            pass
        if k >= warmup:
            cpu[state] += own_cpu() - started
            words[state] += word_count(batch)
    for event in running.values():
        event.clear()
    rate = {s: words[s] / cpu[s] for s in cpu}
    print(
        f"  words per CPU-second: other core idle {rate['idle']:,.0f}, analyzing "
        f"{rate['analysis']:,.0f}, spinning {rate['spin']:,.0f}; CPU cost against idle: analyzing "
        f"{rate['idle'] / rate['analysis']:.3f}, spinning {rate['idle'] / rate['spin']:.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--parts",
        nargs="+",
        choices=["accounting", "split", "contention"],
        default=["accounting", "split", "contention"],
    )
    ap.add_argument("--rounds", type=int, default=5, help="accounting: timed rounds")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--texts", type=int, default=420, help="split, contention: texts analyzed")
    ap.add_argument(
        "--batch-chars",
        type=int,
        default=None,
        help="accounting: close a batch at this many characters (default: the pool's)",
    )
    args = ap.parse_args()
    if args.batch_chars:
        from sitrep.scale import pool

        pool.BATCH_CHARS = args.batch_chars
    if not TRAIN.is_dir():
        print(f"(no PolNeAR train texts at {TRAIN}: using generated documents)")
    if "accounting" in args.parts:
        accounting(args.rounds, args.workers)
    if "split" in args.parts:
        split(args.texts)
    if "contention" in args.parts:
        contention(args.texts)


if __name__ == "__main__":
    main()
