"""Token features for the attribution tagger (source / cue / content), one sequence per paragraph.

The features say what a reader of news looks at: the word and its part of speech,
whether it sits inside quotation marks, whether it is a reporting verb from the
cue lexicon learned on PolNeAR, and how it hangs from the nearest reporting verb
in the parse (its subject is the speaker, its complement what was said).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.analyze.quote_layout import Layout

PRONOUNS = {"he", "she", "they", "i", "we", "it", "you"}


def cue_bucket(score: float | None) -> str:
    if score is None:
        return "0"
    if score >= 0.5:
        return "3"
    if score >= 0.2:
        return "2"
    return "1"


def worth_tagging(lay: Layout, para: list[int], lexicon: dict[str, float]) -> bool:
    """A paragraph with no quotation mark, no colon and no word that is often a cue holds no
    attribution worth the tagger's time (nearly none in PolNeAR train)."""
    lemma, state = lay.lemma, lay.state
    return any(
        state[i] != "o" or lexicon.get(lemma[i], 0.0) >= QUIET_CUE or lemma[i] == ":" for i in para
    )


QUIET_CUE = 0.1
CUE_POS = frozenset({"VERB", "NOUN", "ADP", "PUNCT", "AUX"})
WINDOW = [(k, f"w{k}=", f"p{k}=", f"q{k}=", f"c{k}=") for k in (-2, -1, 1, 2)]


@dataclass(slots=True)
class Columns:
    """The per-token values the features are made of (``rel`` only for the tokens asked for)."""

    cue: list[str]
    rel: dict[int, str]
    sent_cue: list[bool]
    sent_quote: list[bool]


def token_columns(lay: Layout, lexicon: dict[str, float], only: list[int] | None = None) -> Columns:
    """Read by both the feature strings (training, the reference) and the array scorer (run
    time, ``quote_scores``), so the two cannot see different values."""
    tab = lay.table
    n = len(lay.toks)
    state = lay.state
    heads = lay.head
    pos = tab.pos
    cue = [
        cue_bucket(lexicon.get(lm)) if p in CUE_POS else "0"
        for lm, p in zip(lay.lemma, pos, strict=True)
    ]
    is_cue_verb = [c in ("2", "3") and p == "VERB" for c, p in zip(cue, pos, strict=True)]

    deps = tab.dep
    # how each token hangs from the nearest reporting verb above it
    path: list[str | None] = [None] * n

    def rel(i: int, depth: int = 0) -> str:
        if path[i] is not None:
            return path[i]
        h = heads[i]
        if h == i or depth > 40:
            r = "-"
        elif is_cue_verb[h]:
            r = deps[i]
        else:
            r = rel(h, depth + 1)
        path[i] = r
        return r

    sent_cue = [False] * n
    sent_quote = [False] * n
    for s0, s1 in lay.sent_bounds:
        has_cue = any(is_cue_verb[i] or (cue[i] == "3") for i in range(s0, s1))
        has_q = any(state[i] in ("q", "m") for i in range(s0, s1))
        sent_cue[s0:s1] = [has_cue] * (s1 - s0)
        sent_quote[s0:s1] = [has_q] * (s1 - s0)
    return Columns(
        cue, {i: rel(i) for i in (only if only is not None else range(n))}, sent_cue, sent_quote
    )


def token_features(
    lay: Layout, lexicon: dict[str, float], only: list[int] | None = None
) -> list[list[str]]:
    """One list of 'name=value' features per token of the document (empty for tokens not in
    ``only`` when it is given)."""
    tab = lay.table
    n = len(lay.toks)
    state = lay.state
    heads = lay.head
    lemmas = lay.lemma
    pos = tab.pos
    deps = tab.dep
    cols = token_columns(lay, lexicon, only)
    cue, sent_cue, sent_quote = cols.cue, cols.sent_cue, cols.sent_quote
    words = lay.lower
    tags, shapes, iob, ent_type, sent_start = (
        tab.tag,
        tab.shape,
        tab.ent_iob,
        tab.ent_type,
        tab.is_sent_start,
    )
    feats: list[list[str]] = [[] for _ in range(n)] if only is not None else []
    for i in only if only is not None else range(n):
        w = words[i]
        h = heads[i]
        f = [
            "b",
            "w=" + w,
            "l=" + lemmas[i],
            "p=" + pos[i],
            "t=" + tags[i],
            "d=" + deps[i],
            "s=" + shapes[i][:4],
            "x3=" + w[-3:],
            "q=" + state[i],
            "c=" + cue[i],
            "r=" + (r := cols.rel[i]),
            "rp=" + r + "|" + pos[i],
            "hl=" + (lemmas[h] if cue[h] != "0" else "-"),
            "hd=" + deps[i] + "|" + cue[h],
            "sc=" + str(sent_cue[i]) + state[i],
            "sq=" + str(sent_quote[i]),
            "e=" + iob[i] + ent_type[i],
            "ss=" + str(sent_start[i]),
        ]
        if w in PRONOUNS:
            f.append("pron")
        for k, pw, pp, pq, pc in WINDOW:
            j = i + k
            if 0 <= j < n:
                f += (pw + words[j], pp + pos[j], pq + state[j], pc + cue[j])
            else:
                f.append(pw + "<>")
        f.append("w-1w=" + (words[i - 1] if i else "<>") + "|" + w)
        f.append("ww+1=" + w + "|" + (words[i + 1] if i + 1 < n else "<>"))
        if only is None:
            feats.append(f)
        else:
            feats[i] = f
    return feats
