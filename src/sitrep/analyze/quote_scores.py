"""The attribution tagger's state scores for a whole document, without building feature strings.

The features are exactly ``quote_features.token_features`` (the same columns
feed both, and a test holds the two together), scored as in ``hedge_scores``:
one table per template, looked up once per distinct value of the document,
the weights of all templates added as arrays.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from sitrep.analyze.crf_runtime import CrfModel
from sitrep.analyze.quote_features import PRONOUNS, WINDOW, token_columns
from sitrep.analyze.quote_layout import Layout


def _distinct(values: list[str]) -> tuple[list[str], np.ndarray]:
    seen: dict[str, int] = {}
    idx = [seen.setdefault(v, len(seen)) for v in values]
    return list(seen), np.array(idx, dtype=np.intp)


class QuoteScorer:
    def __init__(self, model: CrfModel) -> None:
        self.model = model
        tables: dict[str, dict[str, int]] = defaultdict(dict)
        for attr, row in model.index.items():
            name, sep, value = attr.partition("=")
            tables[name if sep else ""][value if sep else name] = row
        self.tables = dict(tables)

    def _rows(self, name: str, values: list[str]) -> np.ndarray:
        """Each token's row for template ``name`` given each token's value."""
        table, zero = self.tables.get(name, {}), self.model.zero
        distinct, idx = _distinct(values)
        return np.array([table.get(v, zero) for v in distinct], dtype=np.intp)[idx]

    def scores(self, lay: Layout, lexicon: dict[str, float], only: list[int]) -> np.ndarray:
        """(tokens of the document, labels) state scores; rows of tokens not in ``only`` are not
        meaningful."""
        state, zero = self.model.state, self.model.zero
        tab = lay.table
        n = len(lay.toks)
        if not n:
            return np.zeros((0, len(self.model.labels)))
        cols = token_columns(lay, lexicon, only)
        cue, st = cols.cue, lay.state
        words, lemmas, pos, deps, heads = lay.lower, lay.lemma, tab.pos, tab.dep, lay.head
        rel = [cols.rel.get(i, "-") for i in range(n)]
        flags = self.tables.get("", {})
        rows = [
            np.full(n, flags.get("b", zero), dtype=np.intp),
            self._rows("w", words),
            self._rows("l", lemmas),
            self._rows("p", pos),
            self._rows("t", tab.tag),
            self._rows("d", deps),
            self._rows("s", [s[:4] for s in tab.shape]),
            self._rows("x3", [w[-3:] for w in words]),
            self._rows("q", st),
            self._rows("c", cue),
            self._rows("r", rel),
            self._rows("rp", [r + "|" + p for r, p in zip(rel, pos, strict=True)]),
            self._rows("hl", [lemmas[h] if cue[h] != "0" else "-" for h in heads]),
            self._rows("hd", [d + "|" + cue[h] for d, h in zip(deps, heads, strict=True)]),
            self._rows("sc", [str(c) + s for c, s in zip(cols.sent_cue, st, strict=True)]),
            self._rows("sq", [str(q) for q in cols.sent_quote]),
            self._rows("e", [a + b for a, b in zip(tab.ent_iob, tab.ent_type, strict=True)]),
            self._rows("ss", [str(s) for s in tab.is_sent_start]),
            self._rows("w-1w", [a + "|" + b for a, b in zip(["<>", *words[:-1]], words, strict=True)]),
            self._rows("ww+1", [a + "|" + b for a, b in zip(words, [*words[1:], "<>"], strict=True)]),
        ]
        emit = state[rows[0]].copy()
        for r in rows[1:]:
            emit += state[r]
        pron = np.array([w in PRONOUNS for w in words], dtype=bool)
        emit[pron] += state[flags.get("pron", zero)]
        for k, pw, pp, pq, pc in WINDOW:
            w_rows = self._rows(pw[:-1], words)
            p_rows = self._rows(pp[:-1], pos)
            q_rows = self._rows(pq[:-1], st)
            c_rows = self._rows(pc[:-1], cue)
            lo = max(0, -k)
            hi = max(lo, min(n, n - k))  # tokens i in [lo, hi) have 0 <= i + k < n
            if lo < hi:
                j = slice(lo + k, hi + k)
                emit[lo:hi] += state[w_rows[j]] + state[p_rows[j]] + state[q_rows[j]] + state[c_rows[j]]
            edge = self.tables.get(pw[:-1], {}).get("<>", zero)
            emit[:lo] += state[edge]
            emit[hi:] += state[edge]
        return emit

    def tag(self, lay: Layout, lexicon: dict[str, float], paragraphs: list[list[int]]) -> list[list[str]]:
        """The best labelling of each paragraph (a list of token indices)."""
        emit = self.scores(lay, lexicon, [i for p in paragraphs for i in p])
        return self.model.decode([emit[p] for p in paragraphs])
