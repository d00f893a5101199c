"""Token features for the hedge-cue tagger.

Shared by training and run time so the two cannot drift apart. Features are
local to one sentence (words, parse relations, a few lexicon flags), so a
sentence parsed alone during training looks the same as inside a document.
A small table learned from the encyclopedia corpus (how often each word is a
cue there) adds a graded prior, so news can borrow what Wikipedia knows about
rare cue words without training on all of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.analyze.hedge_lexicon import CERTAINTY_WORDS, CUE_TYPES, PHRASES_BY_FIRST
from sitrep.analyze.token_table import TokenTable, token_table

FEATURE_VERSION = "6"
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "csubj", "relcl", "acl", "conj", "parataxis"})


def lex_type(lemma: str) -> str:
    return CUE_TYPES.get(lemma, "-")


def phrase_starts(lowers: list[str]) -> dict[int, int]:
    """Index -> length of a lexicon phrase starting there."""
    found: dict[int, int] = {}
    for i, w in enumerate(lowers):
        for phrase, _meaning in PHRASES_BY_FIRST.get(w, ()):
            n = len(phrase)
            if tuple(lowers[i : i + n]) == phrase:
                found[i] = n
                break
    return found


def rate_bucket(rate: float | None) -> str:
    if rate is None:
        return "none"
    return "0" if rate < 0.1 else "1" if rate < 0.3 else "2" if rate < 0.6 else "3"


def rate_features(lemma: str, tag: str, rates: dict[str, float]) -> list[str]:
    b = rate_bucket(rates.get(lemma))
    return ["wr=" + b, "wrt=" + b + "|" + tag[:2]]


def add_rates(features: list[list[str]], rates: dict[str, float]) -> list[list[str]]:
    """Features plus the cue-rate prior of each token's lemma (read back from ``l=``/``t=``)."""
    return [f + rate_features(f[2][2:], f[3][2:], rates) for f in features]


@dataclass(slots=True)
class Children:
    """What the features ask of each token's dependents, from the shared token table."""

    deps: list[frozenset[str]]
    neg: list[bool]
    it_subj: list[bool]


NO_DEPS: frozenset[str] = frozenset()


def children_of(table: TokenTable) -> Children:
    lower, dep = table.lower, table.dep
    kids: list[list[int]] = [[] for _ in dep]
    for i, h in enumerate(table.head):
        if h != i:
            kids[h].append(i)
    deps = [frozenset([dep[c] for c in ks]) if ks else NO_DEPS for ks in kids]
    return Children(
        deps,
        ["neg" in cd for cd in deps],
        [
            bool(ks)
            and any(
                dep[c] == "expl" or lower[c] == "it" and dep[c] in ("nsubj", "nsubjpass")
                for c in ks
            )
            for ks in kids
        ],
    )


@dataclass(slots=True)
class Columns:
    """Every feature string of every token that does not depend on where its sentence
    ends, built once per document with list comprehensions."""

    base: list[list[str]]
    window: dict[
        int, list[tuple[str, str]]
    ]  # offset -> ("l{off}=lemma", "t{off}=tag") of each token
    bigram: list[str]  # "bg-=" previous lemma | lemma ("" for the first token)
    rated: list[list[str]] | None


WINDOW = (-2, -1, 1, 2)
NO_NEIGHBOUR = {off: f"l{off}=<>" for off in WINDOW}
WINDOW_PREFIXES = {off: (f"l{off}=", f"t{off}=") for off in WINDOW}


def _columns(table: TokenTable, rates: dict[str, float] | None) -> Columns:
    lower, lemma, tag, dep, head = table.lower, table.lemma_lower, table.tag, table.dep, table.head
    kids = children_of(table)
    head_lemma = [lemma[h] for h in head]
    lex = [lex_type(lm) for lm in lemma]
    base = [
        [
            "b",
            "w=" + w,
            "l=" + lm,
            "t=" + tg,
            "d=" + dp,
            "lx=" + lx,
            "hl=" + hlm,
            "ht=" + tag[h],
            "dhl=" + dp + "|" + hlm,
            "lt=" + lm + "|" + tg,
            "ld=" + lm + "|" + dp,
            "s3=" + w[-3:],
            "hlx=" + lex_type(hlm),
        ]
        for w, lm, tg, dp, lx, hlm, h in zip(
            lower, lemma, tag, dep, lex, head_lemma, head, strict=True
        )
    ]
    for k, f in enumerate(base):
        lm, cds = lemma[k], kids.deps[k]
        for c in cds:
            f.append("cd=" + c)
            f.append("lcd=" + lm + "|" + c)
        if kids.neg[k] or kids.neg[head[k]]:
            f.append("neg")
            if lm in CERTAINTY_WORDS:
                f.append("negcert")
        if "auxpass" in cds or "nsubjpass" in cds:
            f.append("pass")
            f.append("lpass=" + lm)
        if kids.it_subj[k]:
            f.append("it-subj")
        if dep[k] in CLAUSE_DEPS:
            f.append("clause")
    window = {
        off: [(pl + lm, pt + tg) for lm, tg in zip(lemma, tag, strict=True)]
        for off, (pl, pt) in WINDOW_PREFIXES.items()
    }
    bigram = [""] + ["bg-=" + a + "|" + b for a, b in zip(lemma, lemma[1:], strict=False)]
    rated = (
        None
        if rates is None
        else [rate_features(lm, tg, rates) for lm, tg in zip(lemma, tag, strict=True)]
    )
    return Columns(base, window, bigram, rated)


def sentence_features(tokens, rates: dict[str, float] | None = None) -> list[list[str]]:
    """One feature list per token of a sentence (a spaCy ``Span`` or ``Doc``).

    The first four entries are always bias, word, lemma and tag (``add_rates`` relies on it).
    """
    doc = getattr(tokens, "doc", tokens)
    table = token_table(doc)
    key = "sitrep_hedge_columns" if rates is None else f"sitrep_hedge_columns_{id(rates)}"
    cols = doc.user_data.get(key)
    if cols is None:
        cols = doc.user_data[key] = _columns(table, rates)
    lo = getattr(tokens, "start", 0)
    hi = getattr(tokens, "end", len(doc))
    n = hi - lo
    lowers = table.lower[lo:hi]
    has_if = any(w in ("if", "unless") for w in lowers)
    question = n > 0 and lowers[-1] == "?"
    phrase_at = phrase_starts(lowers)
    in_phrase = [False] * n
    for i, length in phrase_at.items():
        for j in range(i, min(n, i + length)):
            in_phrase[j] = True
    unit_flags = (["sent-if"] if has_if else []) + (["question"] if question else [])
    tags = table.tag
    base, window, bigram, rated = cols.base, cols.window, cols.bigram, cols.rated
    out: list[list[str]] = []
    for i in range(n):
        k = lo + i
        f = base[k] + unit_flags
        if has_if and tags[k] == "MD":
            f.append("md-if")
        if in_phrase[i]:
            f.append("phrase")
            if i in phrase_at:
                f.append("phrase-start")
        for off in WINDOW:
            j = k + off
            if lo <= j < hi:
                f += window[off][j]
            else:
                f.append(NO_NEIGHBOUR[off])
        if k > lo:
            f.append(bigram[k])
        if k + 1 < hi:
            f.append("bg+=" + bigram[k + 1][4:])
        if rated is not None:
            f += rated[k]
        out.append(f)
    return out
