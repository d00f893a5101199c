"""Token features for the hedge-cue tagger.

Shared by training and run time so the two cannot drift apart. Features are
local to one sentence (words, parse relations, a few lexicon flags), so a
sentence parsed alone during training looks the same as inside a document.
A small table learned from the encyclopedia corpus (how often each word is a
cue there) adds a graded prior, so news can borrow what Wikipedia knows about
rare cue words without training on all of it. Every feature is emitted twice, once plain and once prefixed with the text
domain ("news:" or "wiki:"), so one model learns what hedges look like in
general and where news usage differs (the "frustratingly easy" domain
adaptation of Daumé III, 2007).
"""

from __future__ import annotations

from sitrep.analyze.hedge_lexicon import CERTAINTY_WORDS, CUE_TYPES, PHRASES_BY_FIRST

FEATURE_VERSION = "5"
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "csubj", "relcl", "acl", "conj", "parataxis"})


def _lex(lemma: str) -> str:
    return CUE_TYPES.get(lemma, "-")


def _phrase_starts(lowers: list[str]) -> dict[int, int]:
    """Index -> length of a lexicon phrase starting there."""
    found: dict[int, int] = {}
    for i, w in enumerate(lowers):
        for phrase, _meaning in PHRASES_BY_FIRST.get(w, ()):
            n = len(phrase)
            if tuple(lowers[i:i + n]) == phrase:
                found[i] = n
                break
    return found


def rate_bucket(rate: float | None) -> str:
    if rate is None:
        return "none"
    return "0" if rate < 0.1 else "1" if rate < 0.3 else "2" if rate < 0.6 else "3"


def add_rates(features: list[list[str]], rates: dict[str, float], domain: str) -> list[list[str]]:
    """Features plus the cue-rate prior of each token's lemma (read back from ``l=``/``t=``)."""
    out = []
    for f in features:
        lemma, tag = f[2][2:], f[3][2:]
        b = rate_bucket(rates.get(lemma))
        extra = ["wr=" + b, "wrt=" + b + "|" + tag[:2]]
        out.append(f + extra + [domain + ":" + x for x in extra])
    return out


def sentence_features(tokens, domain: str = "news", rates: dict[str, float] | None = None) -> list[list[str]]:
    """One feature list per token of a sentence (a spaCy ``Span`` or ``Doc``).

    The first four entries are always bias, word, lemma and tag (``add_rates`` relies on it).
    """
    toks = list(tokens)
    n = len(toks)
    lowers = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    tags = [t.tag_ for t in toks]
    has_if = any(w in ("if", "unless") for w in lowers)
    question = n > 0 and toks[-1].text == "?"
    phrase_at = _phrase_starts(lowers)
    in_phrase = [False] * n
    for i, length in phrase_at.items():
        for j in range(i, min(n, i + length)):
            in_phrase[j] = True
    out: list[list[str]] = []
    for i, t in enumerate(toks):
        head = t.head
        children = list(t.children)
        child_deps = {c.dep_ for c in children}
        lem = lemmas[i]
        f = [
            "b",
            "w=" + lowers[i],
            "l=" + lem,
            "t=" + tags[i],
            "d=" + t.dep_,
            "lx=" + _lex(lem),
            "hl=" + head.lemma_.lower(),
            "ht=" + head.tag_,
            "dhl=" + t.dep_ + "|" + head.lemma_.lower(),
            "lt=" + lem + "|" + tags[i],
            "ld=" + lem + "|" + t.dep_,
            "s3=" + lowers[i][-3:],
            "hlx=" + _lex(head.lemma_.lower()),
        ]
        for c in child_deps:
            f.append("cd=" + c)
            f.append("lcd=" + lem + "|" + c)
        if "neg" in child_deps or any(c.dep_ == "neg" for c in head.children):
            f.append("neg")
            if lem in CERTAINTY_WORDS:
                f.append("negcert")
        if "auxpass" in child_deps or "nsubjpass" in child_deps:
            f.append("pass")
            f.append("lpass=" + lem)
        if any(c.dep_ == "expl" or c.lower_ == "it" and c.dep_ in ("nsubj", "nsubjpass") for c in children):
            f.append("it-subj")
        if t.dep_ in CLAUSE_DEPS:
            f.append("clause")
        if has_if:
            f.append("sent-if")
            if tags[i] == "MD":
                f.append("md-if")
        if question:
            f.append("question")
        if in_phrase[i]:
            f.append("phrase")
            if i in phrase_at:
                f.append("phrase-start")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                f.append(f"l{off}=" + lemmas[j])
                f.append(f"t{off}=" + tags[j])
            else:
                f.append(f"l{off}=<>")
        if i > 0:
            f.append("bg-=" + lemmas[i - 1] + "|" + lem)
        if i + 1 < n:
            f.append("bg+=" + lem + "|" + lemmas[i + 1])
        prefix = domain + ":"
        f.extend([prefix + x for x in f])
        out.append(f)
    return out if rates is None else add_rates(out, rates, domain)
