"""The attribution tagger's state scores for a whole document, without building feature strings.

The features are exactly ``quote_features.token_features`` (the same columns
feed both, and a test holds the two together), scored as in ``hedge_scores``:
one table per template; templates over one token attribute remembered across
documents by its string hash, pair templates looked up as pairs of ids; the
weights of all templates added as arrays.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LEMMA, LOWER, POS, SHAPE, TAG

from sitrep.analyze.crf_runtime import (
    Coded,
    CrfModel,
    KeyedRows,
    PairTable,
    TemplateScorer,
    Vocabulary,
)
from sitrep.analyze.quote_features import PRONOUNS, WINDOW, token_columns
from sitrep.analyze.quote_layout import Layout


class QuoteScorer(TemplateScorer):
    def __init__(self, model: CrfModel) -> None:
        super().__init__(model)
        zero = model.zero
        words, rels, poss, deps, cues = (Vocabulary() for _ in range(5))
        self.pairs = {
            "rp": PairTable(self._table("rp"), rels, poss, zero),
            "hd": PairTable(self._table("hd"), deps, cues, zero),
            "w-1w": PairTable(self._table("w-1w"), words, words, zero),
            "ww+1": PairTable(self._table("ww+1"), words, words, zero),
        }
        self.rels, self.cues = rels, cues
        self.no_word = words.add("<>")  # what stands beyond either end of the document
        row = self._row
        self.by_word = KeyedRows(
            {
                "w": row("w"),
                "x3": row("x3", lambda w: w[-3:]),
                "id": words.id_of,
                "pron": lambda w: w in PRONOUNS,
            }
            | {pw[:-1]: row(pw[:-1]) for _, pw, *_ in WINDOW}
        )
        self.by_lemma = KeyedRows({"l": row("l"), "hl": row("hl")})
        self.by_pos = KeyedRows(
            {"p": row("p"), "id": poss.id_of} | {pp[:-1]: row(pp[:-1]) for _, _, pp, *_ in WINDOW}
        )
        self.by_tag = KeyedRows({"t": row("t")})
        self.by_dep = KeyedRows({"d": row("d"), "id": deps.id_of})
        self.by_shape = KeyedRows({"s": row("s", lambda v: v[:4])})

    def scores(self, lay: Layout, lexicon: dict[str, float], only: list[int]) -> np.ndarray:
        """(tokens of the document, labels) state scores; rows of tokens not in ``only`` are not
        meaningful."""
        state, zero, pairs = self.model.state, self.model.zero, self.pairs
        tab = lay.table
        n = len(lay.toks)
        if not n:
            return np.zeros((0, len(self.model.labels)))
        cols = token_columns(lay, lexicon, only)
        cue_s, st_s = cols.cue, lay.state
        rel_s = [cols.rel.get(i, "-") for i in range(n)]
        keys = lay.sdoc.to_array([LOWER, LEMMA, POS, TAG, DEP, SHAPE, ENT_IOB, ENT_TYPE]).T
        word = self.by_word.lookup(keys[0], lay.lower.__getitem__)
        lemma = self.by_lemma.lookup(keys[1], lay.lemma.__getitem__)
        pos = self.by_pos.lookup(keys[2], tab.pos.__getitem__)
        tag = self.by_tag.lookup(keys[3], tab.tag.__getitem__)
        dep = self.by_dep.lookup(keys[4], tab.dep.__getitem__)
        shape = self.by_shape.lookup(keys[5], tab.shape.__getitem__)
        ent_type = Coded.by_key(keys[7], tab.ent_type.__getitem__)
        ent = Coded.by_key(
            ent_type.index * 4 + keys[6].astype(np.intp),  # ENT_IOB is 0-3
            lambda i: tab.ent_iob[i] + tab.ent_type[i],
        )
        state_c, cue, rel = Coded.of(st_s), Coded.of(cue_s), Coded.of(rel_s)
        heads = np.array(lay.head, dtype=np.intp)
        no_cue = np.array([c == "0" for c in cue.values], dtype=bool)[cue.index]
        cue_id = np.array([self.cues.id_of(c) for c in cue.values], dtype=np.intp)[cue.index]
        rel_id = np.array([self.rels.id_of(r) for r in rel.values], dtype=np.intp)[rel.index]
        word_id = word["id"]
        prev_id = np.concatenate(([self.no_word], word_id[:-1]))
        next_id = np.concatenate((word_id[1:], [self.no_word]))
        t = self._table
        rows = [
            word["w"],
            lemma["l"],
            pos["p"],
            tag["t"],
            dep["d"],
            shape["s"],
            word["x3"],
            state_c.rows(t("q"), zero),
            cue.rows(t("c"), zero),
            rel.rows(t("r"), zero),
            pairs["rp"].lookup(rel_id, pos["id"]),
            np.where(no_cue[heads], t("hl").get("-", zero), lemma["hl"][heads]),
            pairs["hd"].lookup(dep["id"], cue_id[heads]),
            Coded.by_key(
                np.array(cols.sent_cue, dtype=np.intp) * len(state_c.values) + state_c.index,
                lambda i: str(cols.sent_cue[i]) + st_s[i],
            ).rows(t("sc"), zero),
            Coded.by_key(
                np.array(cols.sent_quote, dtype=np.intp), lambda i: str(cols.sent_quote[i])
            ).rows(t("sq"), zero),
            ent.rows(t("e"), zero),
            Coded.by_key(
                np.array([{None: 2, True: 1}.get(v, 0) for v in tab.is_sent_start], dtype=np.intp),
                lambda i: str(tab.is_sent_start[i]),
            ).rows(t("ss"), zero),
            pairs["w-1w"].lookup(prev_id, word_id),
            pairs["ww+1"].lookup(word_id, next_id),
        ]
        emit = np.repeat(state[self._flag("b")][None], n, axis=0)
        for r in rows:
            emit += state[r]
        emit[word["pron"].astype(bool)] += state[self._flag("pron")]
        for k, pw, pp, pq, pc in WINDOW:
            lo = max(0, -k)
            hi = max(lo, min(n, n - k))  # tokens i in [lo, hi) have 0 <= i + k < n
            if lo < hi:
                j = slice(lo + k, hi + k)
                emit[lo:hi] += (
                    state[word[pw[:-1]][j]]
                    + state[pos[pp[:-1]][j]]
                    + state[state_c.rows(t(pq[:-1]), zero)[j]]
                    + state[cue.rows(t(pc[:-1]), zero)[j]]
                )
            edge = t(pw[:-1]).get("<>", zero)
            emit[:lo] += state[edge]
            emit[hi:] += state[edge]
        return emit

    def tag(
        self, lay: Layout, lexicon: dict[str, float], paragraphs: list[list[int]]
    ) -> list[list[str]]:
        """The best labelling of each paragraph (a list of token indices)."""
        emit = self.scores(lay, lexicon, [i for p in paragraphs for i in p])
        return self.model.decode([emit[p] for p in paragraphs])

    def tag_with_marginals(
        self, lay: Layout, lexicon: dict[str, float], paragraphs: list[list[int]]
    ) -> tuple[list[list[str]], list[list[float]]]:
        """The best labelling of each paragraph and, per token, how sure the CRF is of it."""
        emit = self.scores(lay, lexicon, [i for p in paragraphs for i in p])
        seqs = [emit[p] for p in paragraphs]
        paths = self.model.decode(seqs)
        return paths, self.model.label_marginals(seqs, paths)
