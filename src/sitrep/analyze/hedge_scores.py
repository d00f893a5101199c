"""The hedge tagger's state scores for a whole document, without building feature strings.

``hedge_features.sentence_features`` spells out every feature of every token as
a string (about 27 a token), which is what CRFsuite trains on. At run time the
same sums come cheaper: the model's attributes are split by template
(``l=``, ``t-1=``, ``dhl=`` ...) into one table per template, a template over
the lemma is looked up once per distinct lemma of the document instead of once
per token, and the weights of all templates are added as arrays. The features
are exactly those of ``sentence_features`` (a test holds the two together on
real text); only the order of the additions differs.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, TAG

from sitrep.analyze.crf_runtime import Coded, CrfModel
from sitrep.analyze.hedge_features import (
    CERTAINTY_WORDS,
    CLAUSE_DEPS,
    WINDOW,
    children_of,
    lex_type,
    phrase_starts,
    rate_bucket,
)
from sitrep.analyze.token_table import token_table


class HedgeScorer:
    def __init__(self, model: CrfModel, rates: dict[str, float] | None) -> None:
        self.model, self.rates = model, rates
        self.tables = model.templates()

    def _table(self, name: str) -> dict[str, int]:
        return self.tables.get(name, {})

    def _flag(self, name: str) -> int:
        return self._table("").get(name, self.model.zero)

    def scores(self, sdoc, bounds: list[tuple[int, int]]) -> list[np.ndarray]:
        """(tokens, labels) state scores of each unit ``bounds`` names (token ranges of ``sdoc``)."""
        n_labels = len(self.model.labels)
        tab = token_table(sdoc)
        n = len(tab.lower)
        if not n or not bounds:
            return [np.zeros((hi - lo, n_labels)) for lo, hi in bounds]
        state, zero = self.model.state, self.model.zero
        lower, lemma, tag, dep, head = tab.lower, tab.lemma_lower, tab.tag, tab.dep, tab.head
        heads = np.array(head, dtype=np.intp)
        keys = sdoc.to_array([LOWER, LEMMA, TAG, DEP]).T
        low_c = Coded.by_key(keys[0], lower.__getitem__)
        lem_c = Coded.by_key(keys[1], lemma.__getitem__)
        tag_c = Coded.by_key(keys[2], tag.__getitem__)
        dep_c = Coded.by_key(keys[3], dep.__getitem__)
        lem_u, lem_i = lem_c.values, lem_c.index
        lem_tag = lem_c.pair(tag_c, None, lambda i: lemma[i] + "|" + tag[i])

        rows = [
            np.full(n, self._flag("b"), dtype=np.intp),
            low_c.rows(self._table("w"), zero),
            lem_c.rows(self._table("l"), zero),
            tag_c.rows(self._table("t"), zero),
            dep_c.rows(self._table("d"), zero),
            lem_c.rows(self._table("lx"), zero, lex_type),
            lem_c.rows(self._table("hl"), zero)[heads],
            tag_c.rows(self._table("ht"), zero)[heads],
            dep_c.pair(lem_c, heads, lambda i: dep[i] + "|" + lemma[head[i]]).rows(self._table("dhl"), zero),
            lem_tag.rows(self._table("lt"), zero),
            lem_c.pair(dep_c, None, lambda i: lemma[i] + "|" + dep[i]).rows(self._table("ld"), zero),
            low_c.rows(self._table("s3"), zero, lambda w: w[-3:]),
            lem_c.rows(self._table("hlx"), zero, lex_type)[heads],
        ]
        if self.rates is not None:
            rates = self.rates
            bucket = [rate_bucket(rates.get(v)) for v in lem_u]
            rows.append(Coded(bucket, lem_i).rows(self._table("wr"), zero))
            rows.append(lem_c.pair(tag_c, None, lambda i: bucket[lem_i[i]] + "|" + tag[i][:2])
                        .rows(self._table("wrt"), zero))
        emit = state[rows[0]].copy()
        for r in rows[1:]:
            emit += state[r]

        # dependents and the flags read from them
        kids = children_of(tab)
        extra_tok: list[int] = []
        extra_row: list[int] = []
        cd, lcd = self._table("cd"), self._table("lcd")
        for k, cds in enumerate(kids.deps):
            if cds:
                lm = lemma[k]
                for c in cds:
                    extra_tok += (k, k)
                    extra_row += (cd.get(c, zero), lcd.get(lm + "|" + c, zero))
        neg = np.array(kids.neg, dtype=bool)
        neg = neg | neg[heads]
        certain = np.array([v in CERTAINTY_WORDS for v in lem_u], dtype=bool)[lem_i]
        passive = np.array(["auxpass" in c or "nsubjpass" in c for c in kids.deps], dtype=bool)
        clause = np.array([d in CLAUSE_DEPS for d in dep_c.values], dtype=bool)[dep_c.index]
        emit[neg] += state[self._flag("neg")]
        emit[neg & certain] += state[self._flag("negcert")]
        emit[passive] += state[self._flag("pass")]
        lpass = lem_c.rows(self._table("lpass"), zero)
        extra_tok += np.flatnonzero(passive).tolist()
        extra_row += lpass[passive].tolist()
        emit[np.array(kids.it_subj, dtype=bool)] += state[self._flag("it-subj")]
        emit[clause] += state[self._flag("clause")]
        if extra_tok:
            np.add.at(emit, np.array(extra_tok, dtype=np.intp), state[np.array(extra_row, dtype=np.intp)])

        # what depends on where each unit starts and ends
        unit = np.full(n, -1, dtype=np.intp)
        for u, (lo, hi) in enumerate(bounds):
            unit[lo:hi] = u
        inside = unit >= 0
        positions = np.arange(n)
        for off in WINDOW:
            j = positions + off
            ok = (j >= 0) & (j < n)
            ok[ok] = unit[j[ok]] == unit[ok]
            ok &= inside
            edge = inside & ~ok
            lw = lem_c.rows(self._table(f"l{off}"), zero)
            tw = tag_c.rows(self._table(f"t{off}"), zero)
            emit[ok] += state[lw[j[ok]]] + state[tw[j[ok]]]
            emit[edge] += state[self._table(f"l{off}").get("<>", zero)]
        if n > 1:
            joined = unit[1:] == unit[:-1]
            joined &= inside[1:]
            at = np.flatnonzero(joined)  # pairs (k, k+1) inside one unit
            if len(at):
                pair = Coded.by_key(lem_i[at] * len(lem_u) + lem_i[at + 1],
                                    lambda p: lemma[at[p]] + "|" + lemma[at[p] + 1])
                emit[at + 1] += state[pair.rows(self._table("bg-"), zero)]
                emit[at] += state[pair.rows(self._table("bg+"), zero)]

        md = np.array([t == "MD" for t in tag_c.values], dtype=bool)[tag_c.index]
        if_row, q_row, mdif_row = self._flag("sent-if"), self._flag("question"), self._flag("md-if")
        phrase_row, start_row = self._flag("phrase"), self._flag("phrase-start")
        out = []
        for lo, hi in bounds:
            e = emit[lo:hi]
            lowers = lower[lo:hi]
            if any(w in ("if", "unless") for w in lowers):
                e += state[if_row]
                e[md[lo:hi]] += state[mdif_row]
            if hi > lo and lowers[-1] == "?":
                e += state[q_row]
            starts = phrase_starts(lowers)
            if starts:
                in_phrase = np.zeros(hi - lo, dtype=bool)
                for i, length in starts.items():
                    in_phrase[i:i + length] = True
                e[in_phrase] += state[phrase_row]
                e[list(starts)] += state[start_row]
            out.append(e)
        return out

    def tag(self, sdoc, bounds: list[tuple[int, int]]) -> list[list[str]]:
        return self.model.decode(self.scores(sdoc, bounds))
