"""One pass over a parsed document: tokens, sentences, paragraphs and quotation state.

Every quote step reads these lists instead of going back to the spaCy ``Doc``
(each ``doc[i]`` and ``doc.text`` builds new objects, which would cost more than
the tagging itself).
"""

from __future__ import annotations

from sitrep.analyze.quote_marks import ALL_MARKS, Stretch, quoted_stretches


class Layout:
    """Per token: sentence id, paragraph id, quote state ('o' out, 'q' in double marks,
    's' in single marks, 'm' a mark) and whether it is filler (punctuation, space, mark)."""

    def __init__(self, sdoc):
        from spacy.attrs import HEAD

        self.sdoc = sdoc
        self.toks = toks = list(sdoc)
        # Doc.text would build every token again
        self.text = "".join([t.text_with_ws for t in toks])
        self.stretches = stretches = quoted_stretches(self.text)
        self.lemma = [t.lemma_.lower() for t in toks]
        self.lower = [t.lower_ for t in toks]
        n = len(toks)
        rel = sdoc.to_array([HEAD]).astype("int64").reshape(-1)
        self.head = [i + int(h) for i, h in enumerate(rel)]
        self.idx = [t.idx for t in toks]
        self.end = [t.idx + len(t) for t in toks]
        self.space = [t.is_space for t in toks]
        self.brk = [sp and "\n" in t.text for sp, t in zip(self.space, toks, strict=True)]
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
        self.people = [(e.start, e.end) for e in sdoc.ents if e.label_ == "PERSON"] + [
            (i, i + 1) for i, t in enumerate(toks) if t.lower_ in ("he", "she")
        ]
        self.people.sort()
        self.filler = [
            t.is_punct or sp or st == "m" for t, sp, st in zip(toks, self.space, self.state, strict=True)
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
        for i, t in enumerate(self.toks):
            if state[i] == "o" and t.text and t.text[0] in ALL_MARKS and all(c in ALL_MARKS for c in t.text):
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
