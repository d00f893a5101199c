"""Quality of the assessment against an answer key written before the documents.

Runs the main job in-process (a temporary SQLite store, a temporary brief folder)
over ``benchmarks/assess_corpus`` (32 reports of a fictional flood) and over the
one-document case ``benchmarks/assess_corpus_single``, then scores what the
assessment found against each folder's ``answers.toml``:

- confirmed storylines (two or more first sources) and not-confirmed relays (one
  first source, however many outlets), matched to the key's events by their member
  documents (and a cue the storyline's statements must match);
- circular and syndicated flags; contradictions (figure and statement conflicts,
  matched by the documents on each side); stance changes (speaker, the documents of
  the earlier and later statement);
- for the one document: the author's estimates as key judgments with ICD 203
  words, the one-origin caveat, the quoted speaker's stance change.

Precision counts every prediction (an unkeyed confirmed storyline, a trap flagged
as a contradiction are false positives); the misses and false positives are listed.

With ``--outlets`` it scores ``benchmarks/assess_corpus_outlets`` instead (41 scraped
reports of a fictional coup attempt, page furniture and credit lines left in, some
documents undated or without outlet) with the same tables, and adds:

- page furniture: the key's furniture lines (ads, prompts, share buttons, mastheads)
  dropped at ingest; a dropped line that reads as a sentence of the story (eight words
  or more, closed by a full stop or a quotation mark) and is not in the key is a false
  positive; furniture lines reaching a storyline or judgment;
- copies (wire copy, translations credited or not) and credit lines: the document's
  origin is the outlet it copies or credits, and its own outlet when a credit names its
  own reporters;
- the brief's length against the corpus (words of brief.md / words of reporting).

    python benchmarks/assess.py [--outlets] [--quiet]
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import sitrep.store.db
from sitrep import pipeline

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "assess_corpus"
SINGLE = HERE / "assess_corpus_single"
OUTLETS = HERE / "assess_corpus_outlets"
ONE_SOURCE = {"relay", "circular", "syndicated"}


@dataclass
class Score:
    """Counts for one row of the table, with what went wrong, to print."""

    name: str
    tp_pred: int = 0  # predictions that are right
    n_pred: int = 0
    tp_key: int = 0  # key items found
    n_key: int = 0
    notes: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(a: int, b: int) -> str:
        return f"{a / b:.2f}" if b else "—"

    def row(self) -> str:
        return (
            f"| {self.name} | {self.ratio(self.tp_pred, self.n_pred)} "
            f"({self.tp_pred}/{self.n_pred}) | {self.ratio(self.tp_key, self.n_key)} "
            f"({self.tp_key}/{self.n_key}) |"
        )


def run(folder: Path, brief_words: list[int] | None = None):
    """The assessment of one folder, from a fresh store; and the file name of each document id.
    ``brief_words`` gets the word count of the Markdown brief."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = sitrep.store.db.connect(str(Path(tmp) / "bench.db"))
        settings = pipeline.JobSettings(
            out_dir=Path(tmp) / "brief",
            sources=folder / "sources.toml" if (folder / "sources.toml").is_file() else None,
        )
        job = pipeline.run_assessment(engine, [str(folder)], settings, note=lambda *a, **k: None)
        engine.dispose()
        if brief_words is not None:
            md = next(Path(tmp, "brief").rglob("*.md"), None)
            brief_words.append(len(md.read_text(encoding="utf-8").split()) if md else 0)
    a = job.assessment
    names = {d.id: Path(d.path).stem if d.path else d.id for d in a.documents}
    return a, names


def storyline_docs(s, names) -> set[str]:
    return {names.get(d, d) for d in s.documents}


def match_event(s, events: list[dict], names) -> dict | None:
    """The key event a storyline is about: at least half of its documents report the event
    (or mention it), and its statements match the event's cue in two of them, one a report."""
    docs = storyline_docs(s, names)
    best, best_key = None, (0, 0.0)
    for e in events:
        about = set(e["docs"]) | set(e.get("mentions", []))
        if len(docs & about) / len(docs) < 0.5:
            continue
        cued = {names.get(m.doc.id) for m in s.members if re.search(e["cue"], m.text)} & about
        if len(cued) < 2 or not cued & set(e["docs"]):
            continue
        k = (len(cued), len(docs & about) / len(docs | about))
        if k > best_key:
            best, best_key = e, k
    return best


def short(s, names) -> str:
    return f"{s.title[:70]!r} [{', '.join(sorted(storyline_docs(s, names)))[:160]}]"


def score_storylines(a, names, key) -> list[Score]:
    events = key["event"]
    multi = [s for s in a.storylines if len(s.documents) >= 2]
    matched = {id(s): match_event(s, events, names) for s in multi}
    conf = Score("confirmed storylines (2+ first sources)")
    relay = Score("not confirmed: one first source")
    flags = Score("circular / syndicated flags")
    for s in multi:
        e = matched[id(s)]
        if s.confirmed:
            conf.n_pred += 1
            if e is not None and e["kind"] == "confirmed":
                conf.tp_pred += 1
            else:
                conf.notes.append(
                    f"FP confirmed: {short(s, names)} -> key {e['id'] if e else 'none'}"
                )
        elif e is not None:  # an unconfirmed storyline outside the key claims nothing
            relay.n_pred += 1
            if e["kind"] in ONE_SOURCE:
                relay.tp_pred += 1
            else:
                relay.notes.append(
                    f"FP not confirmed: key {e['id']} is confirmed: {short(s, names)}"
                )
        if s.circular:
            flags.n_pred += 1
            if e is not None and e["kind"] in ("circular", "syndicated"):
                flags.tp_pred += 1
                if e["kind"] != s.circular:
                    flags.notes.append(
                        f"note: {e['id']} flagged {s.circular}, key says {e['kind']}"
                    )
            else:
                flags.notes.append(
                    f"FP {s.circular}: {short(s, names)} -> key {e['id'] if e else 'none'}"
                )
    for e in events:
        mine = [s for s in multi if matched[id(s)] is e]
        if e["kind"] == "confirmed":
            conf.n_key += 1
            if any(s.confirmed for s in mine):
                conf.tp_key += 1
            else:
                conf.notes.append(
                    f"missed confirmed: {e['id']} ({len(mine)} storylines match, none confirmed)"
                )
        else:
            relay.n_key += 1
            if mine and not any(s.confirmed for s in mine):
                relay.tp_key += 1
            else:
                relay.notes.append(
                    f"missed one-source: {e['id']} "
                    f"({'confirmed' if mine else 'no storyline matches'})"
                )
        if e["kind"] in ("circular", "syndicated"):
            flags.n_key += 1
            if any(s.circular for s in mine):
                flags.tp_key += 1
            else:
                flags.notes.append(f"missed {e['kind']}: {e['id']} ({len(mine)} storylines match)")
    return [conf, relay, flags]


def conflict_sides(a, names) -> list[tuple[str, set[str], set[str]]]:
    """Each contradiction as (summary, documents of one side, documents of the other)."""
    out = []
    for c in a.figure_conflicts:
        groups = [{names.get(ev.doc.id, ev.doc.id) for ev, _f in g.members} for g in c.groups]
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                out.append((c.summary[:160], groups[i], groups[j]))
    for c in a.statement_conflicts:
        out.append(
            (
                f"{c.speaker}: {c.a_text[:60]!r} / {c.b_text[:60]!r}",
                {names.get(c.a.doc.id, c.a.doc.id)},
                {names.get(c.b.doc.id, c.b.doc.id)},
            )
        )
    return out


def _pair_in(x: set[str], y: set[str], a: list[str], b: list[str]) -> bool:
    return bool((x & set(a) and y & set(b)) or (x & set(b) and y & set(a)))


def score_conflicts(a, names, key) -> Score:
    sc = Score("contradictions")
    found = conflict_sides(a, names)
    sc.n_pred = len(found)
    for summary, x, y in found:
        hit = [c for c in key["contradiction"] if _pair_in(x, y, c["side_a"], c["side_b"])]
        if hit:
            sc.tp_pred += 1
            continue
        trap = [
            t["id"]
            for t in key.get("not_contradiction", [])
            if _pair_in(x, y, t["side_a"], t["side_b"])
        ]
        sc.notes.append(f"FP contradiction{' (trap ' + trap[0] + ')' if trap else ''}: {summary}")
    for c in key["contradiction"]:
        sc.n_key += 1
        if any(_pair_in(x, y, c["side_a"], c["side_b"]) for _s, x, y in found):
            sc.tp_key += 1
        else:
            sc.notes.append(f"missed contradiction: {c['id']} ({c['quantity']})")
    return sc


def _surname(name: str | None) -> str:
    return (name or "").split()[-1].lower() if name else ""


def score_stance(a, names, key, single: bool = False) -> Score:
    sc = Score("stance changes" + (" (one document)" if single else ""))
    changes = a.stance_changes
    sc.n_pred = len(changes)
    expected = key.get("stance_change", [])
    hits: set[str] = set()
    for c in changes:
        before, after = names.get(c.before.evidence.doc.id), names.get(c.after.evidence.doc.id)
        ok = [
            k
            for k in expected
            if _surname(k["speaker"]) == _surname(c.speaker)
            and (single or (before in k["before"] and after in k["after"]))
        ]
        if ok:
            sc.tp_pred += 1
            hits.add(ok[0]["id"])
        else:
            trap = [
                t["id"]
                for t in key.get("not_stance_change", [])
                if {before, after} & set(t.get("docs", []))
                or _surname(t.get("speaker")) == _surname(c.speaker)
            ]
            sc.notes.append(
                f"FP stance change{' (trap ' + trap[0] + ')' if trap else ''}: {c.summary} "
                f"({before} -> {after})"
            )
    for k in expected:
        sc.n_key += 1
        if k["id"] in hits:
            sc.tp_key += 1
        else:
            sc.notes.append(f"missed stance change: {k['id']}")
    return sc


def score_single(a, key) -> list[Score]:
    from sitrep.likelihood import ICD203_WORDS

    icd = sorted(ICD203_WORDS.values(), key=len, reverse=True)
    est = Score("one document: estimates as judgments with ICD 203 words")
    estimates = [j for j in a.judgments if j.kind == "estimate"]
    est.n_pred = len(estimates)

    def words_of(j) -> str | None:
        text = j.likelihood_text or ""
        return next(
            (w for w in icd if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)), None
        )

    def covers(j, k) -> bool:
        return bool(
            re.search(k["cue"], j.statement)
            or any(re.search(k["cue"], ev.text) for ev in j.evidence)
        )

    right = set()
    for j in estimates:
        ks = [k for k in key["estimate"] if covers(j, k)]
        w = words_of(j)
        if ks and w and (not ks[0]["words"] or w in ks[0]["words"]):
            est.tp_pred += 1
            right.add(ks[0]["id"])
        else:
            est.notes.append(f"FP estimate: {j.statement[:80]!r} ({j.likelihood_text})")
    for k in key["estimate"]:
        est.n_key += 1
        if k["id"] in right:
            est.tp_key += 1
            continue
        put = [j for j in a.judgments if covers(j, k)]
        est.notes.append(
            f"missed estimate: {k['id']}"
            + (
                f", put as {put[0].kind}: {put[0].statement[:70]!r} ({put[0].likelihood_text})"
                if put
                else ""
            )
        )
    cav = Score('one document: caveat "one origin"')
    cav.n_key = cav.n_pred = 1
    if a.one_origin:
        cav.tp_key = cav.tp_pred = 1
    else:
        cav.notes.append("missed: the assessment does not rest on one origin")
    return [est, cav]


def _origin_key(name: str) -> str:
    from sitrep.assess.grades import outlet_key

    return outlet_key(name)


def score_furniture(a, names, key, folder: Path) -> list[Score]:
    """Furniture lines dropped at ingest, against the key's patterns on the files as written."""
    drop = Score("page furniture dropped at ingest")
    leak = Score("furniture in storylines and judgments (precision: clean items)")
    patterns = [re.compile(f["pattern"]) for f in key["furniture"]]
    by_name = {names[d.id]: d for d in a.documents}
    other = 0
    for f, pat in zip(key["furniture"], patterns, strict=True):
        for doc_name in f["docs"]:
            raw = (folder / f"{doc_name}.txt").read_text(encoding="utf-8")
            doc = by_name.get(doc_name)
            dropped = (
                {d["text"].strip() for d in (doc.meta.get("furniture") or [])} if doc else set()
            )
            for m in pat.finditer(raw):
                drop.n_key += 1
                if m.group(0).strip() in dropped:
                    drop.tp_key += 1
                else:
                    drop.notes.append(f"kept {f['what']}: {m.group(0).strip()[:70]!r} ({doc_name})")
    for doc in a.documents:
        for d in doc.meta.get("furniture") or []:
            line = d["text"].strip()
            drop.n_pred += 1
            if any(p.fullmatch(line) or p.search(line + "\n") for p in patterns):
                drop.tp_pred += 1
            elif (
                len(line.split()) >= 8
                and line[-1] in ".!?\"”’'"
                and not re.match(r"(?:[-–•*]|\d+\.)\s", line)  # an item of a headline list
            ):
                drop.notes.append(f"FP: a sentence dropped: {line[:80]!r} ({names[doc.id]})")
            else:  # breadcrumbs, bylines, headline lists: furniture the key does not list
                drop.tp_pred += 1
                other += 1
    drop.notes.append(f"{other} dropped lines not in the key and not sentences (counted right)")
    items = [m.text for s in a.storylines for m in s.members] + [j.statement for j in a.judgments]
    items += [ev.text for j in a.judgments for ev in j.evidence]
    leak.n_pred = len(items)
    for t in items:
        if any(re.search(f["pattern"], line) for f in key["furniture"] for line in t.splitlines()):
            leak.notes.append(f"furniture in: {t[:80]!r}")
        else:
            leak.tp_pred += 1
    return [drop, leak]


def score_copies(a, names, key) -> list[Score]:
    """Each copy traced to its origin; each credit line read as the origin it names."""
    ids = {v: k for k, v in names.items()}
    own = {names[d.id]: d.outlet or names[d.id] for d in a.documents}

    def origin_of(doc_name: str):
        return a.doc_origins.get(ids.get(doc_name, ""))

    copies = Score("copies traced to their origin (wire, translation)")
    expected: dict[str, str] = {}
    for c in key["copy"]:
        of = c["of"]
        want = origin_of(of).key if of in ids and origin_of(of) else _origin_key(of)
        expected[c["doc"]] = want
        copies.n_key += 1
        got = origin_of(c["doc"])
        if got is not None and got.key == want:
            copies.tp_key += 1
        else:
            copies.notes.append(
                f"missed {c['how']} copy ({'credited' if c['credited'] else 'uncredited'}): "
                f"{c['doc']} -> {got.name if got else None}, key {of}"
            )
    credits = Score("credit lines read as the origin they name")
    credited = {c["doc"]: c for c in key["credit"]}
    for doc_name, o in ((names[i], o) for i, o in a.doc_origins.items()):
        if o.via == "own":
            continue
        copies.n_pred += 1
        want = expected.get(doc_name)
        c = credited.get(doc_name)
        if want is None and c is not None and c["credits"]:
            want = _origin_key(c["credits"])
        if want == o.key:
            copies.tp_pred += 1
        else:
            copies.notes.append(f"FP copy: {doc_name} -> {o.name} ({o.via}, {o.credit!r})")
    for c in key["credit"]:
        credits.n_key += 1
        credits.n_pred += 1
        want = _origin_key(c["credits"] or own.get(c["doc"], c["doc"]))
        got = origin_of(c["doc"])
        if got is not None and got.key == want:
            credits.tp_key += 1
            credits.tp_pred += 1
        else:
            credits.notes.append(
                f"credit {c['line']!r} ({c['kind']}) in {c['doc']}: origin "
                f"{got.name if got else None}, key {c['credits'] or 'its own outlet'}"
            )
    return [copies, credits]


def corpus_rows(a, names, key) -> list[Score]:
    """The rows every corpus gets: storylines, contradictions, stance changes."""
    return score_storylines(a, names, key) + [
        score_conflicts(a, names, key),
        score_stance(a, names, key),
    ]


def report(rows: list[Score], quiet: bool) -> int:
    print("| what | precision | recall |\n|---|---|---|")
    for r in rows:
        print(r.row())
    if not quiet:
        print()
        for r in rows:
            for n in r.notes:
                print(f"[{r.name}] {n}")
    return 0


def outlets_main(quiet: bool) -> int:
    t0 = time.perf_counter()
    words: list[int] = []
    a, names = run(OUTLETS, words)
    t1 = time.perf_counter()
    key = tomllib.loads((OUTLETS / "answers.toml").read_text(encoding="utf-8"))
    rows = corpus_rows(a, names, key)
    rows += score_furniture(a, names, key, OUTLETS) + score_copies(a, names, key)
    corpus_words = sum(len(p.read_text(encoding="utf-8").split()) for p in OUTLETS.glob("*.txt"))
    print(
        f"outlets corpus: {len(a.documents)} documents, {len(a.storylines)} storylines "
        f"({sum(len(s.documents) >= 2 for s in a.storylines)} across documents), {t1 - t0:.1f} s; "
        f"brief {words[0]} words for {corpus_words} words of reporting "
        f"({words[0] / corpus_words:.2f})\n"
    )
    return report(rows, quiet)


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    if "--outlets" in argv:
        return outlets_main(quiet)
    t0 = time.perf_counter()
    a, names = run(CORPUS)
    t1 = time.perf_counter()
    key = tomllib.loads((CORPUS / "answers.toml").read_text(encoding="utf-8"))
    rows = corpus_rows(a, names, key)
    sa, snames = run(SINGLE)
    t2 = time.perf_counter()
    skey = tomllib.loads((SINGLE / "answers.toml").read_text(encoding="utf-8"))
    rows += score_single(sa, skey) + [score_stance(sa, snames, skey, single=True)]
    print(
        f"corpus: {len(a.documents)} documents, {len(a.storylines)} storylines "
        f"({sum(len(s.documents) >= 2 for s in a.storylines)} across documents), {t1 - t0:.1f} s; "
        f"one document: {len(sa.judgments)} key judgments, {t2 - t1:.1f} s\n"
    )
    return report(rows, quiet)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
