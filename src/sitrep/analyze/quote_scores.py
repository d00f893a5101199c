"""The attribution tagger's state scores for a whole document, without building feature strings.

The features are exactly ``quote_features.token_features`` (the same columns
feed both, and a test holds the two together), scored as in ``hedge_scores``:
one table per template, looked up once per distinct value of the document,
the weights of all templates added as arrays.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LEMMA, LOWER, POS, SHAPE, TAG

from sitrep.analyze.crf_runtime import Coded, CrfModel
from sitrep.analyze.quote_features import PRONOUNS, WINDOW, token_columns
from sitrep.analyze.quote_layout import Layout


class QuoteScorer:
    def __init__(self, model: CrfModel) -> None:
        self.model = model
        self.tables = model.templates()

    def _table(self, name: str) -> dict[str, int]:
        return self.tables.get(name, {})

    def scores(self, lay: Layout, lexicon: dict[str, float], only: list[int]) -> np.ndarray:
        """(tokens of the document, labels) state scores; rows of tokens not in ``only`` are not
        meaningful."""
        state, zero = self.model.state, self.model.zero
        tab = lay.table
        n = len(lay.toks)
        if not n:
            return np.zeros((0, len(self.model.labels)))
        cols = token_columns(lay, lexicon, only)
        cue_s, st_s, words, lemmas, heads = cols.cue, lay.state, lay.lower, lay.lemma, lay.head
        rel_s = [cols.rel.get(i, "-") for i in range(n)]
        keys = lay.sdoc.to_array([LOWER, LEMMA, POS, TAG, DEP, SHAPE, ENT_IOB, ENT_TYPE]).T
        word = Coded.by_key(keys[0], words.__getitem__)
        lemma = Coded.by_key(keys[1], lemmas.__getitem__)
        pos = Coded.by_key(keys[2], tab.pos.__getitem__)
        tag = Coded.by_key(keys[3], tab.tag.__getitem__)
        dep = Coded.by_key(keys[4], tab.dep.__getitem__)
        shape = Coded.by_key(keys[5], lambda i: tab.shape[i][:4])
        ent_type = Coded.by_key(keys[7], tab.ent_type.__getitem__)
        ent = Coded.by_key(ent_type.index * 4 + keys[6].astype(np.intp),  # ENT_IOB is 0-3
                           lambda i: tab.ent_iob[i] + tab.ent_type[i])
        state_c, cue, rel = Coded.of(st_s), Coded.of(cue_s), Coded.of(rel_s)
        no_cue = np.array([c == "0" for c in cue.values], dtype=bool)
        heads_a = np.array(heads, dtype=np.intp)
        prev = np.concatenate(([0], np.arange(n - 1))).astype(np.intp)
        nxt = np.concatenate((np.arange(1, n), [n - 1])).astype(np.intp)
        first, last = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
        first[0] = last[-1] = True
        t = self._table
        rows = [
            np.full(n, t("").get("b", zero), dtype=np.intp),
            word.rows(t("w"), zero),
            lemma.rows(t("l"), zero),
            pos.rows(t("p"), zero),
            tag.rows(t("t"), zero),
            dep.rows(t("d"), zero),
            shape.rows(t("s"), zero),
            word.rows(t("x3"), zero, lambda w: w[-3:]),
            state_c.rows(t("q"), zero),
            cue.rows(t("c"), zero),
            rel.rows(t("r"), zero),
            rel.pair(pos, None, lambda i: rel_s[i] + "|" + tab.pos[i]).rows(t("rp"), zero),
            Coded.by_key(np.where(no_cue[cue.index[heads_a]], -1, lemma.index[heads_a]),
                         lambda i: lemmas[heads[i]] if cue_s[heads[i]] != "0" else "-").rows(t("hl"), zero),
            dep.pair(cue, heads_a, lambda i: tab.dep[i] + "|" + cue_s[heads[i]]).rows(t("hd"), zero),
            Coded.by_key(np.array(cols.sent_cue, dtype=np.intp) * len(state_c.values) + state_c.index,
                         lambda i: str(cols.sent_cue[i]) + st_s[i]).rows(t("sc"), zero),
            Coded.by_key(np.array(cols.sent_quote, dtype=np.intp),
                         lambda i: str(cols.sent_quote[i])).rows(t("sq"), zero),
            ent.rows(t("e"), zero),
            Coded.by_key(np.array([{None: 2, True: 1}.get(v, 0) for v in tab.is_sent_start], dtype=np.intp),
                         lambda i: str(tab.is_sent_start[i])).rows(t("ss"), zero),
            Coded.by_key(np.where(first, -1, word.index[prev] * len(word.values) + word.index),
                         lambda i: (words[i - 1] if i else "<>") + "|" + words[i]).rows(t("w-1w"), zero),
            Coded.by_key(np.where(last, -1, word.index * len(word.values) + word.index[nxt]),
                         lambda i: words[i] + "|" + (words[i + 1] if i + 1 < n else "<>")).rows(t("ww+1"), zero),
        ]
        emit = state[rows[0]].copy()
        for r in rows[1:]:
            emit += state[r]
        pron = np.array([w in PRONOUNS for w in word.values], dtype=bool)[word.index]
        emit[pron] += state[t("").get("pron", zero)]
        for k, pw, pp, pq, pc in WINDOW:
            lo = max(0, -k)
            hi = max(lo, min(n, n - k))  # tokens i in [lo, hi) have 0 <= i + k < n
            if lo < hi:
                j = slice(lo + k, hi + k)
                emit[lo:hi] += (state[word.rows(t(pw[:-1]), zero)[j]] + state[pos.rows(t(pp[:-1]), zero)[j]]
                                + state[state_c.rows(t(pq[:-1]), zero)[j]] + state[cue.rows(t(pc[:-1]), zero)[j]])
            edge = t(pw[:-1]).get("<>", zero)
            emit[:lo] += state[edge]
            emit[hi:] += state[edge]
        return emit

    def tag(self, lay: Layout, lexicon: dict[str, float], paragraphs: list[list[int]]) -> list[list[str]]:
        """The best labelling of each paragraph (a list of token indices)."""
        emit = self.scores(lay, lexicon, [i for p in paragraphs for i in p])
        return self.model.decode([emit[p] for p in paragraphs])
