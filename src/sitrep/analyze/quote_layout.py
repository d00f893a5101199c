"""One pass over a parsed document: tokens, sentences, paragraphs and quotation state.

Every quote step reads these lists (and the shared ``token_table``) instead
of going back to the spaCy ``Doc``
(each ``doc[i]`` and ``doc.text`` builds new objects, which would cost more than
the tagging itself).
"""

from __future__ import annotations

from sitrep.analyze.nlp import doc_text
from sitrep.analyze.quote_marks import ALL_MARKS, Stretch, quoted_stretches
from sitrep.analyze.token_table import token_table


class Layout:
    """Per token: sentence id, paragraph id, quote state ('o' out, 'q' in double marks,
    's' in single marks, 'm' a mark) and whether it is filler (punctuation, space, mark)."""

    def __init__(self, sdoc):
        self.sdoc = sdoc
        self.toks = sdoc  # Token objects on demand: only the rules look at a few of them
        self.table = tab = token_table(sdoc)
        self.text = doc_text(sdoc)
        self.stretches = stretches = quoted_stretches(self.text)
        self.lemma = tab.lemma_lower
        self.lower = tab.lower
        n = len(sdoc)
        self.head = tab.head
        self.idx = tab.idx
        self.end = tab.end
        self.space = tab.is_space
        self.brk = [sp and "\n" in w for sp, w in zip(self.space, tab.text, strict=True)]
        self.sent = [0] * n
        self.sent_bounds: list[tuple[int, int]] = []
        for k, s in enumerate(sdoc.sents):
            self.sent_bounds.append((s.start, s.end))
            for i in range(s.start, s.end):
                self.sent[i] = k
        self.para = [0] * n
        self.paragraphs: list[list[int]] = []
        p, cur = 0, []
        for i in range(n):
            if self.brk[i]:
                p += 1
                if cur:
                    self.paragraphs.append(cur)
                    cur = []
            self.para[i] = p
            if not self.space[i]:
                cur.append(i)
        if cur:
            self.paragraphs.append(cur)
        self.state = self._quote_state(stretches)
        self.sure: list[float] = []  # per token, the tagger's probability of its tag
        self.people = [(e.start, e.end) for e in sdoc.ents if e.label_ == "PERSON"] + [
            (i, i + 1) for i, w in enumerate(self.lower) if w in ("he", "she")
        ]
        self.people.sort()
        self.filler = [
            pu or sp or st == "m"
            for pu, sp, st in zip(tab.is_punct, self.space, self.state, strict=True)
        ]

    def _quote_state(self, stretches: list[Stretch]) -> list[str]:
        n = len(self.toks)
        state = ["o"] * n
        if not stretches:
            return state
        import bisect

        for s in stretches:
            a, b = s.inner
            tag = "s" if s.single else "q"
            i = max(0, bisect.bisect_right(self.idx, s.start) - 1)
            while i < n and self.idx[i] < s.end:
                if self.idx[i] >= a and self.end[i] <= b:
                    state[i] = tag
                i += 1
        for i, w in enumerate(self.table.text):
            if state[i] == "o" and w and w[0] in ALL_MARKS and all(c in ALL_MARKS for c in w):
                state[i] = "m"
        return state

    def token_range(self, a: int, b: int) -> tuple[int, int] | None:
        """Tokens overlapping characters [a, b)."""
        import bisect

        i = max(0, bisect.bisect_right(self.idx, a) - 1)
        if i < len(self.end) and self.end[i] <= a:
            i += 1
        j = bisect.bisect_left(self.idx, b)
        return (i, j) if i < j else None

    def gap_is_filler(self, a: int, b: int) -> bool:
        return all(self.filler[i] for i in range(a, b))

    def para_start(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and self.space[j] and not self.brk[j]:
            j -= 1
        return j < 0 or self.brk[j]
