"""'According to X, Y', 'Y, according to X' and 'Y1, according to X, Y2': X is the source
and Y, all of it, the content.

The tagger often runs the source on past the appositive into the clause's own
subject ("According to Ann Lowe, a former ambassador, Orlov was ...") and lends
the cue to the sentence before. The parse knows better: the object of "to" with
its appositive is the source, the rest of the sentence is what X said, and the
cue serves no other sentence. These sentences are re-tagged from the parse.
"""

from __future__ import annotations

from sitrep.analyze.quote_layout import Layout


def according_cues(lay: Layout) -> list[int]:
    """Token index of every 'according' followed by 'to', outside quotation marks."""
    low = lay.lower
    return [
        i
        for i in range(len(low) - 1)
        if low[i] == "according" and low[i + 1] == "to" and lay.state[i] == "o"
    ]


def _source(lay: Layout, to: int) -> tuple[int, int] | None:
    """The object of 'to' with its appositive ('Ann Lowe, a former ambassador')."""
    tok = lay.toks[to]
    for child in tok.children:
        if child.dep_ == "pobj":
            a, b = child.left_edge.i, child.right_edge.i + 1
            while b > a and lay.filler[b - 1]:
                b -= 1
            return (a, b) if b > a else None
    return None


RELATIVE = frozenset({"who", "which", "whose", "whom", "that", "where"})


def _strip(lay: Layout, a: int, b: int, least: int = 3) -> tuple[int, int] | None:
    """Without the commas, spaces and final stop around a content (marks stay)."""
    while a < b and lay.filler[a] and lay.state[a] != "m":
        a += 1
    while b > a and lay.filler[b - 1] and lay.state[b - 1] != "m":
        b -= 1
    return (a, b) if b - a >= least else None


def according_spans(lay: Layout, i: int) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """(source, contents) token ranges for the 'according to' at token ``i``, when the
    sentence is the plain shape: the phrase opens it, closes it or sits inside it, set
    off by commas ("Among them, according to Civic Watch, are 60 children": both sides)."""
    s0, s1 = lay.sent_bounds[lay.sent[i]]
    src = _source(lay, i + 1)
    if src is None or src[0] != i + 2:
        return None
    first = s0
    while first < i and lay.filler[first]:
        first += 1
    if first == i:
        j = src[1]
        if j >= s1 or lay.table.text[j] != ",":
            return None
        content = _strip(lay, j + 1, s1)
    else:
        k = i - 1
        while k > s0 and lay.space[k]:
            k -= 1
        if lay.table.text[k] != ",":
            return None
        rest = src[1]
        while rest < s1 and lay.filler[rest]:
            rest += 1
        if rest < s1:
            return _inside(lay, s0, s1, k, src)
        content = _strip(lay, s0, k)
    if content is None or any(lay.para[t] != lay.para[i] for t in (content[0], content[1] - 1)):
        return None
    return src, [content]


def _inside(
    lay: Layout, s0: int, s1: int, comma: int, src: tuple[int, int]
) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """'Y1, according to X, Y2.': the clause on both sides of the phrase is the content."""
    j = src[1]
    if lay.table.text[j] != ",":
        return None  # "Y, according to X who ..." or no comma after it: leave it to the tagger
    head = _strip(lay, s0, comma, least=1)
    tail = _strip(lay, j + 1, s1, least=2)
    if head is None or tail is None or lay.lower[tail[0]] in RELATIVE:
        return None
    if len({lay.para[t] for t in (head[0], tail[1] - 1, src[0])}) != 1:
        return None
    return src, [head, tail]


def retag_according(tags: list[str], lay: Layout) -> list[int]:
    """Rewrite the tags of plain 'according to' sentences; returns the cue tokens rewritten."""
    done = []
    for i in according_cues(lay):
        spans = according_spans(lay, i)
        if spans is None:
            continue
        (sa, sb), contents = spans
        s0, s1 = lay.sent_bounds[lay.sent[i]]
        for k in range(s0, s1):
            tags[k] = "O"
        tags[i], tags[i + 1] = "B-C", "I-C"
        for k in range(sa, sb):
            tags[k] = "B-S" if k == sa else "I-S"
        for ca, cb in contents:
            for k in range(ca, cb):
                tags[k] = "B-Q" if k == ca else "I-Q"
        done.append(i)
    return done
