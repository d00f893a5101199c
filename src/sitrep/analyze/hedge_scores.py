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

from collections import defaultdict

import numpy as np

from sitrep.analyze.crf_runtime import CrfModel
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


def _distinct(values: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct values in first-seen order, and each token's position among them."""
    seen: dict[str, int] = {}
    idx = [seen.setdefault(v, len(seen)) for v in values]
    return list(seen), np.array(idx, dtype=np.intp)


def _lookup(table: dict[str, int], keys: list[str], zero: int) -> np.ndarray:
    return np.array([table.get(k, zero) for k in keys], dtype=np.intp)


class HedgeScorer:
    def __init__(self, model: CrfModel, rates: dict[str, float] | None) -> None:
        self.model, self.rates = model, rates
        tables: dict[str, dict[str, int]] = defaultdict(dict)
        for attr, row in model.index.items():
            name, sep, value = attr.partition("=")
            if sep:
                tables[name][value] = row
            else:
                tables[""][name] = row  # flags: "b", "neg", "question" ...
        self.tables = dict(tables)

    def _table(self, name: str) -> dict[str, int]:
        return self.tables.get(name, {})

    def _flag(self, name: str) -> int:
        return self._table("").get(name, self.model.zero)

    def _rows(self, name: str, distinct: list[str], idx: np.ndarray, key=None) -> np.ndarray:
        """Each token's row for template ``name`` over a column given as distinct values + index."""
        table, zero = self._table(name), self.model.zero
        if key is None:
            per_value = [table.get(v, zero) for v in distinct]
        else:
            per_value = [table.get(key(v), zero) for v in distinct]
        return np.array(per_value, dtype=np.intp)[idx]

    def _pairs(self, name: str, firsts: list[str], seconds: list[str]) -> np.ndarray:
        return _lookup(self._table(name), [a + "|" + b for a, b in zip(firsts, seconds, strict=True)],
                       self.model.zero)

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
        lem_u, lem_i = _distinct(lemma)
        low_u, low_i = _distinct(lower)
        tag_u, tag_i = _distinct(tag)
        dep_u, dep_i = _distinct(dep)
        head_lemma = [lemma[h] for h in head]

        rows = [
            np.full(n, self._flag("b"), dtype=np.intp),
            self._rows("w", low_u, low_i),
            self._rows("l", lem_u, lem_i),
            self._rows("t", tag_u, tag_i),
            self._rows("d", dep_u, dep_i),
            self._rows("lx", lem_u, lem_i, lex_type),
            self._rows("hl", lem_u, lem_i)[heads],
            self._rows("ht", tag_u, tag_i)[heads],
            self._pairs("dhl", dep, head_lemma),
            self._pairs("lt", lemma, tag),
            self._pairs("ld", lemma, dep),
            self._rows("s3", low_u, low_i, lambda w: w[-3:]),
            self._rows("hlx", lem_u, lem_i, lex_type)[heads],
        ]
        if self.rates is not None:
            rates = self.rates
            bucket = [rate_bucket(rates.get(v)) for v in lem_u]
            rows.append(self._rows("wr", bucket, lem_i))
            rows.append(_lookup(self._table("wrt"), [bucket[b] + "|" + tg[:2] for b, tg in
                                                     zip(lem_i.tolist(), tag, strict=True)], zero))
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
        clause = np.array([d in CLAUSE_DEPS for d in dep_u], dtype=bool)[dep_i]
        emit[neg] += state[self._flag("neg")]
        emit[neg & certain] += state[self._flag("negcert")]
        emit[passive] += state[self._flag("pass")]
        lpass = self._rows("lpass", lem_u, lem_i)
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
            lw = self._rows(f"l{off}", lem_u, lem_i)
            tw = self._rows(f"t{off}", tag_u, tag_i)
            emit[ok] += state[lw[j[ok]]] + state[tw[j[ok]]]
            emit[edge] += state[self._table(f"l{off}").get("<>", zero)]
        if n > 1:
            bigram = [a + "|" + b for a, b in zip(lemma, lemma[1:], strict=False)]  # tokens k, k+1
            bg_prev, bg_next = self._table("bg-"), self._table("bg+")
            joined = unit[1:] == unit[:-1]
            joined &= inside[1:]
            after = np.flatnonzero(joined).tolist()  # pairs (k, k+1) inside one unit
            if after:
                at = np.array(after, dtype=np.intp)
                emit[at + 1] += state[_lookup(bg_prev, [bigram[k] for k in after], zero)]
                emit[at] += state[_lookup(bg_next, [bigram[k] for k in after], zero)]

        md = np.array([t == "MD" for t in tag_u], dtype=bool)[tag_i]
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
