"""The hedge tagger's state scores for a whole document, without building feature strings.

``hedge_features.sentence_features`` spells out every feature of every token as
a string (about 27 a token), which is what CRFsuite trains on. At run time the
same sums come cheaper: the model's attributes are split by template
(``l=``, ``t-1=``, ``dhl=`` ...) into one table per template; every template over
one attribute (the lemma is read nine ways) is looked up once per distinct
value, and remembered across documents (``KeyedRows``); a template over two
values (``lt=say|VBD``) is looked up as a pair of ids with one sorted search
(``PairTable``); and the weights of all templates are added as arrays. The
features are exactly those of ``sentence_features`` (a test holds the two
together on real text); only the order of the additions differs.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, TAG

from sitrep.analyze.crf_runtime import (
    Coded,
    CrfModel,
    KeyedRows,
    PairTable,
    TemplateScorer,
    Vocabulary,
)
from sitrep.analyze.hedge_features import (
    CERTAINTY_WORDS,
    CLAUSE_DEPS,
    WINDOW,
    lex_type,
    phrase_starts,
    rate_bucket,
)
from sitrep.analyze.token_table import token_table

BUCKETS = ("none", "0", "1", "2", "3")  # rate_bucket's values, by code


class HedgeScorer(TemplateScorer):
    def __init__(self, model: CrfModel, rates: dict[str, float] | None) -> None:
        super().__init__(model)
        self.rates = rates
        zero = model.zero
        lemmas, tags, deps = Vocabulary(), Vocabulary(), Vocabulary()
        self.pairs = {
            "lt": PairTable(self._table("lt"), lemmas, tags, zero),
            "ld": PairTable(self._table("ld"), lemmas, deps, zero),
            "dhl": PairTable(self._table("dhl"), deps, lemmas, zero),
            "lcd": PairTable(self._table("lcd"), lemmas, deps, zero),
            "bg-": PairTable(self._table("bg-"), lemmas, lemmas, zero),
            "bg+": PairTable(self._table("bg+"), lemmas, lemmas, zero),
        }
        row = self._row
        lemma = {name: row(name) for name in ("l", "hl", "lpass", *(f"l{off}" for off in WINDOW))}
        lemma |= {
            "lx": row("lx", lex_type),
            "hlx": row("hlx", lex_type),
            "id": lemmas.id_of,
            "certain": lambda v: v in CERTAINTY_WORDS,
        }
        if rates is not None:
            lemma["wr"] = row("wr", lambda v: rate_bucket(rates.get(v)))
            lemma["bucket"] = lambda v: BUCKETS.index(rate_bucket(rates.get(v)))
        self.by_lemma = KeyedRows(lemma)
        self.by_lower = KeyedRows(
            {
                "w": row("w"),
                "s3": row("s3", lambda w: w[-3:]),
                "it": lambda w: w == "it",
                "if": lambda w: w in ("if", "unless"),
            }
        )
        self.by_tag = KeyedRows(
            {name: row(name) for name in ("t", "ht", *(f"t{off}" for off in WINDOW))}
            | {"id": tags.id_of, "md": lambda v: v == "MD"}
        )
        self.by_dep = KeyedRows(
            {
                "d": row("d"),
                "cd": row("cd"),
                "id": deps.id_of,
                "clause": lambda v: v in CLAUSE_DEPS,
                "neg": lambda v: v == "neg",
                "pass": lambda v: v in ("auxpass", "nsubjpass"),
                "expl": lambda v: v == "expl",
                "subj": lambda v: v in ("nsubj", "nsubjpass"),
            }
        )

    def scores(self, sdoc, bounds: list[tuple[int, int]]) -> list[np.ndarray]:
        """(tokens, labels) state scores of each unit ``bounds`` names
        (token ranges of ``sdoc``)."""
        n_labels = len(self.model.labels)
        tab = token_table(sdoc)
        n = len(tab.lower)
        if not n or not bounds:
            return [np.zeros((hi - lo, n_labels)) for lo, hi in bounds]
        state, zero, pairs = self.model.state, self.model.zero, self.pairs
        lower, lemma, tag, dep = tab.lower, tab.lemma_lower, tab.tag, tab.dep
        heads = np.array(tab.head, dtype=np.intp)
        keys = sdoc.to_array([LOWER, LEMMA, TAG, DEP]).T
        low_k = self.by_lower.lookup(keys[0], lower.__getitem__)
        lem_k = self.by_lemma.lookup(keys[1], lemma.__getitem__)
        tag_k = self.by_tag.lookup(keys[2], tag.__getitem__)
        dep_k = self.by_dep.lookup(keys[3], dep.__getitem__)
        lem_id, tag_id, dep_id = lem_k["id"], tag_k["id"], dep_k["id"]

        rows = [
            low_k["w"],
            lem_k["l"],
            tag_k["t"],
            dep_k["d"],
            lem_k["lx"],
            lem_k["hl"][heads],
            tag_k["ht"][heads],
            pairs["dhl"].lookup(dep_id, lem_id[heads]),
            pairs["lt"].lookup(lem_id, tag_id),
            pairs["ld"].lookup(lem_id, dep_id),
            low_k["s3"],
            lem_k["hlx"][heads],
        ]
        if self.rates is not None:
            bucket = lem_k["bucket"]
            rows.append(lem_k["wr"])
            rows.append(
                Coded.by_key(
                    bucket * tag_k.size + tag_k.index,
                    lambda i: BUCKETS[bucket[i]] + "|" + tag[i][:2],
                ).rows(self._table("wrt"), zero)
            )
        emit = np.repeat(state[self._flag("b")][None], n, axis=0)
        for r in rows:
            emit += state[r]

        # the dependents: each distinct relation a token's dependents bear
        # to it, and flags read from them
        child = np.flatnonzero(heads != np.arange(n))
        parent = heads[child]
        _, first = np.unique(parent * dep_k.size + dep_k.index[child], return_index=True)
        p, c = parent[first], child[first]
        np.add.at(emit, p, state[dep_k["cd"][c]] + state[pairs["lcd"].lookup(lem_id[p], dep_id[c])])
        neg, passive, it_subj = (
            np.zeros(n, dtype=bool),
            np.zeros(n, dtype=bool),
            np.zeros(n, dtype=bool),
        )
        neg[parent[dep_k["neg"][child].astype(bool)]] = True
        passive[parent[dep_k["pass"][child].astype(bool)]] = True
        it_subj[
            parent[(dep_k["expl"][child] | low_k["it"][child] & dep_k["subj"][child]).astype(bool)]
        ] = True
        neg |= neg[heads]
        emit[neg] += state[self._flag("neg")]
        emit[neg & lem_k["certain"].astype(bool)] += state[self._flag("negcert")]
        emit[passive] += state[self._flag("pass")] + state[lem_k["lpass"][passive]]
        emit[it_subj] += state[self._flag("it-subj")]
        emit[dep_k["clause"].astype(bool)] += state[self._flag("clause")]

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
            lw, tw = lem_k[f"l{off}"], tag_k[f"t{off}"]
            emit[ok] += state[lw[j[ok]]] + state[tw[j[ok]]]
            emit[edge] += state[self._table(f"l{off}").get("<>", zero)]
        if n > 1:
            joined = unit[1:] == unit[:-1]
            joined &= inside[1:]
            at = np.flatnonzero(joined)  # pairs (k, k+1) inside one unit
            emit[at + 1] += state[pairs["bg-"].lookup(lem_id[at], lem_id[at + 1])]
            emit[at] += state[pairs["bg+"].lookup(lem_id[at], lem_id[at + 1])]

        md = tag_k["md"].astype(bool)
        has_if = low_k["if"].astype(bool)
        if_row, q_row, mdif_row = self._flag("sent-if"), self._flag("question"), self._flag("md-if")
        phrase_row, start_row = self._flag("phrase"), self._flag("phrase-start")
        out = []
        for lo, hi in bounds:
            e = emit[lo:hi]
            lowers = lower[lo:hi]
            if has_if[lo:hi].any():
                e += state[if_row]
                e[md[lo:hi]] += state[mdif_row]
            if hi > lo and lowers[-1] == "?":
                e += state[q_row]
            starts = phrase_starts(lowers)
            if starts:
                in_phrase = np.zeros(hi - lo, dtype=bool)
                for i, length in starts.items():
                    in_phrase[i : i + length] = True
                e[in_phrase] += state[phrase_row]
                e[list(starts)] += state[start_row]
            out.append(e)
        return out

    def tag(self, sdoc, bounds: list[tuple[int, int]]) -> list[list[str]]:
        return self.model.decode(self.scores(sdoc, bounds))
