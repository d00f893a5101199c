"""From per-token source / cue / content tags to attributions.

The tagger marks pieces; a reader joins them: pieces of one quote split around
its cue or running over paragraphs become one content, each content takes the
nearest cue (same sentence first, then a colon lead-in in the paragraph before),
and each cue the nearest source, else the subject of the reporting verb. A quote
with no cue of its own continues the previous speaker's quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.analyze.quote_layout import Layout
from sitrep.analyze.quote_model import load_lexicon

SAYING_CUE = 0.4  # lexicon score of a verb that is mostly a cue of saying


@dataclass(slots=True)
class Piece:
    role: str  # S | C | Q
    start: int  # token index
    end: int  # exclusive


@dataclass
class Draft:
    """An attribution in token offsets, before it becomes a Quote record."""

    contents: list[Piece]
    cue: Piece | None = None
    sources: list[Piece] = field(default_factory=list)
    continuation: bool = False
    rule: bool = False
    fragment: bool = False  # a few quoted words with no speech around them


def pieces_from_tags(tags: list[str]) -> list[Piece]:
    out: list[Piece] = []
    cur: Piece | None = None
    for i, tag in enumerate(tags):
        if tag == "O":
            cur = None
            continue
        bio, role = tag[0], tag[2:]
        if cur is not None and bio == "I" and cur.role == role and cur.end == i:
            cur.end = i + 1
        else:
            cur = Piece(role, i, i + 1)
            out.append(cur)
    return out


def split_at_paragraphs(pieces: list[Piece], lay: Layout) -> list[Piece]:
    """A content piece the tagger ran over a paragraph break is two pieces, unless the
    first paragraph's quotation stays open to its end (a quote over several paragraphs)."""
    out: list[Piece] = []
    for p in pieces:
        if p.role != "Q" or lay.para[p.start] == lay.para[p.end - 1]:
            out.append(p)
            continue
        start = p.start
        for i in range(p.start + 1, p.end):
            if lay.para[i] == lay.para[i - 1] or lay.space[i]:
                continue
            j = i - 1
            while j > start and lay.space[j]:
                j -= 1
            if j >= start and not lay.space[j] and not _open_to_end(lay, j + 1):
                out.append(Piece("Q", start, j + 1))
                start = i
        while start < p.end and lay.space[start]:
            start += 1
        if start < p.end:
            out.append(Piece("Q", start, p.end))
    return out


def _dist(a: Piece, b: Piece) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def join_contents(contents: list[Piece], others: list[Piece], lay: Layout) -> list[list[Piece]]:
    """Group content pieces that belong to one quote (split around a cue, over paragraphs)."""
    groups: list[list[Piece]] = []
    cue_sents = {lay.sent[o.start] for o in others if o.role == "C"}
    for c in contents:
        if groups and _continues(groups[-1], c, others, cue_sents, lay):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _continues(group: list[Piece], c: Piece, others: list[Piece], cue_sents, lay: Layout) -> bool:
    last = group[-1]
    if (
        lay.sent[last.end - 1] != lay.sent[c.start]
        and lay.sent[c.start] in cue_sents
        and any(lay.sent[p.start] in cue_sents for p in group)
    ):
        return False  # two sentences, each with its own cue: two quotes
    if (
        lay.sent[last.end - 1] != lay.sent[c.start]
        and lay.state[c.start] == "m"
        and lay.state[_last_word(last, lay)] == "o"
    ):
        return False  # a reported sentence, then a quoted one: two quotes
    between = [o for o in others if last.end <= o.start and o.end <= c.start]
    same_para = lay.para[last.end - 1] == lay.para[c.start]
    quoted = lay.state[c.start] in ("q", "m") and lay.state[last.end - 1] in ("q", "m")
    if lay.gap_is_filler(last.end, c.start) and same_para:
        return True
    if _according_between(last, c, between, lay):
        return True  # "Among them, according to X, are 60 children."
    cues_between = [o for o in between if o.role == "C"]
    adding = len(cues_between) > 1 or any(
        lay.lemma[i] == "add" and lay.state[i] == "o" for i in range(last.end, c.start)
    )
    if quoted and same_para and c.start - last.end <= 14 and between and not adding:
        return True  # "A," he said, "B."  (but "A," he said, adding, "B." is two)
    # a paragraph that opens a mark and does not close it continues
    return (
        quoted
        and lay.para[c.start] == lay.para[last.end - 1] + 1
        and lay.para_start(c.start)
        and not between
        and _open_to_end(lay, last.end)
    )


def _last_word(p: Piece, lay: Layout) -> int:
    i = p.end - 1
    while i > p.start and lay.filler[i] and lay.state[i] != "m":
        i -= 1
    return i


def _according_between(last: Piece, c: Piece, between: list[Piece], lay: Layout) -> bool:
    """Two contents of one sentence with only 'according to X' between them."""
    return (
        lay.sent[last.end - 1] == lay.sent[c.start]
        and any(o.role == "C" and lay.lower[o.start] == "according" for o in between)
        and all(o.role == "S" or lay.lower[o.start] == "according" for o in between)
        and sum(o.end - o.start for o in between) + 4 >= c.start - last.end
    )


def _open_to_end(lay: Layout, i: int) -> bool:
    """True when the quote around token i-1 runs to the end of its paragraph unclosed
    (a quotation over several paragraphs), not when it closes there: 'said that all must
    engage in "more learning."' ends its paragraph with a closed mark."""
    n = len(lay.toks)
    p = lay.para[i - 1]
    j = i
    while j < n and lay.para[j] == p:
        if lay.state[j] == "m" or (lay.state[j] == "o" and not lay.space[j]):
            return False
        j += 1
    k = i - 1
    while k > 0 and lay.space[k]:
        k -= 1
    pos = lay.idx[k]
    return any(s.open_end and s.start <= pos < s.end for s in lay.stretches)


VERBAL = ("VERB", "AUX")


def subject_of(tok) -> tuple[int, int] | None:
    """Token range of the grammatical subject of a reporting verb (fallback source).

    A cue opening on an auxiliary ("is known for") reads its verb; a gerund after a
    preposition ("surprised Ryan by declaring ...", "after saying ...") and a verb in
    a coordinated, open or adverbial clause take the subject of the verb they hang on."""
    verb = tok.head if tok.dep_ in ("aux", "auxpass", "neg") else tok
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child.left_edge.i, child.right_edge.i + 1
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in VERBAL:
            verb = verb.head.head
        else:
            break
    if tok.lower_ == "according":
        for child in tok.children:
            if child.dep_ == "prep":
                for gc in child.children:
                    if gc.dep_ == "pobj":
                        return gc.left_edge.i, gc.right_edge.i + 1
    return None


def decode(pieces: list[Piece], lay: Layout) -> list[Draft]:
    contents = [p for p in split_at_paragraphs(pieces, lay) if p.role == "Q"]
    cues = [p for p in pieces if p.role == "C"]
    sources = [p for p in pieces if p.role == "S" and not _quoted_title(p, lay)]
    groups = join_contents(contents, cues + sources, lay)
    drafts: list[Draft] = []
    used: set[int] = set()
    by_para: dict[int, list[Piece]] = {}
    for c in cues:
        by_para.setdefault(lay.para[c.start], []).append(c)
    for g in groups:
        d = Draft(g)
        paras = sorted({lay.para[p.start] for p in g})
        near = [c for k in [paras[0] - 1, *paras] for c in by_para.get(k, ())]
        d.cue = _pick_cue(g, near, used, lay)
        if d.cue is not None:
            used.add(id(d.cue))
            d.sources = _pick_sources(d.cue, g, sources, lay)
            _after_colon(d, lay)
        drafts.append(d)
    for c in cues:
        if id(c) in used:
            continue
        rng = content_of(c, lay)
        parts = [rng] if rng is not None else around_aside(c, lay)
        if not parts or any(p.start < b and a < p.end for a, b in parts for g in groups for p in g):
            continue
        d = Draft([Piece("Q", a, b) for a, b in parts], cue=c)
        d.sources = _pick_sources(c, d.contents, sources, lay)
        drafts.append(d)
    return drafts


NOMINAL = ("NOUN", "PROPN", "PRON")


def _whole_noun(p: Piece, lay: Layout) -> Piece:
    """A source piece the tagger cut short ("the" of "the regional police") grows to its noun."""
    toks = lay.toks
    root = toks[p.start]
    for i in range(p.start, p.end):
        if not (p.start <= lay.head[i] < p.end):
            root = toks[i]
            break
    steps = 0
    while (
        root.pos_ not in NOMINAL
        and root.dep_ in ("det", "amod", "compound", "poss", "nummod")
        and steps < 3
    ):
        root = root.head
        steps += 1
    if root.pos_ not in NOMINAL or lay.sent[root.i] != lay.sent[p.start]:
        return p
    return Piece("S", min(p.start, root.left_edge.i), max(p.end, root.i + 1))


def content_of(cue: Piece, lay: Layout) -> tuple[int, int] | None:
    """What a cue the tagger left without content reports, from the parse: the clause a
    reporting verb governs (after it, or before it and set off by a comma: "The talks
    will resume in May, the ministry said"), or the rest of the clause around "according
    to X"."""
    toks = lay.toks
    for i in range(cue.start, cue.end):
        t = toks[i]
        if t.lower_ == "according":
            clause = t.head
            if clause.i == t.i:
                return None
            lo, hi = clause.left_edge.i, clause.right_edge.i + 1
            a, b = t.left_edge.i, t.right_edge.i + 1
            rng = (b, hi) if a <= lo + 1 else (lo, a)
            return _trim(rng, lay)
        if t.pos_ in ("VERB", "AUX"):
            comps = [c for c in t.children if c.dep_ == "ccomp"]
            after = [c for c in comps if c.i > t.i]
            if after:
                return _trim((after[0].left_edge.i, after[0].right_edge.i + 1), lay)
            before = [c for c in comps if _fronted(c, t, lay)]
            if before:
                return _trim((before[-1].left_edge.i, before[-1].right_edge.i + 1), lay)
    return None


def around_aside(cue: Piece, lay: Layout) -> list[tuple[int, int]]:
    """What a reporting clause set off by commas inside a sentence reports: the sentence on
    both sides of it ("The bridge, the governor said, was destroyed on Tuesday")."""
    tab = lay.table
    for i in range(cue.start, cue.end):
        if tab.pos[i] != "VERB" or tab.dep[i] != "parataxis":
            continue
        if load_lexicon().get(lay.lemma[i], 0.0) < SAYING_CUE:
            return []
        tok = lay.toks[i]
        a, b = tok.left_edge.i, tok.right_edge.i
        if tab.text[a] != ",":
            a -= 1
        if tab.text[b] != ",":
            b += 1
        lo, hi = lay.sent_bounds[lay.sent[i]]
        if not (lo < a < b < hi - 1) or tab.text[a] != "," or tab.text[b] != ",":
            return []
        parts = [_trim((lo, a), lay), _trim((b + 1, hi), lay)]
        return [p for p in parts if p is not None] if all(parts) else []
    return []


def _fronted(clause, verb, lay: Layout) -> bool:
    """A clause before its reporting verb, set off by a comma, in the verb's sentence
    ("The talks will resume in May, the ministry said")."""
    end = clause.right_edge.i + 1
    return (
        end < verb.i
        and lay.table.text[end] in (",", "—", "-")
        and lay.sent[clause.left_edge.i] == lay.sent[verb.i]
    )


def _trim(rng: tuple[int, int], lay: Layout) -> tuple[int, int] | None:
    a, b = rng
    while a < b and lay.filler[a] and lay.state[a] != "m":
        a += 1
    while b > a and lay.filler[b - 1] and lay.state[b - 1] != "m":
        b -= 1
    return (a, b) if b - a >= 2 else None


def _after_colon(d: Draft, lay: Layout) -> None:
    """'X said: A. B. C.' -- what follows a colon cue runs to the end of its paragraph."""
    cue, first, last = d.cue, d.contents[0], d.contents[-1]
    j = cue.end
    while j < first.start and (lay.space[j] or lay.state[j] == "m"):
        j += 1
    colon = lay.table.text[cue.end - 1] == ":" or (j < first.start and lay.table.text[j] == ":")
    if not colon or first.start < cue.end or lay.para[first.start] != lay.para[cue.start]:
        return
    end = last.end
    n = len(lay.toks)
    while end < n and lay.para[end] == lay.para[last.end - 1] and not lay.brk[end]:
        end += 1
    while end > last.end and lay.space[end - 1]:
        end -= 1
    last.end = end


def _pick_cue(g: list[Piece], cues: list[Piece], used: set[int], lay: Layout) -> Piece | None:
    sents = {lay.sent[p.start] for p in g} | {lay.sent[p.end - 1] for p in g}
    paras = {lay.para[p.start] for p in g}
    best, best_score = None, None
    for c in cues:
        inside = any(p.start <= c.start and c.end <= p.end for p in g)
        if inside or lay.lower[c.start] == "according" and lay.sent[c.start] not in sents:
            continue  # "according to X" reports its own sentence only
        d = min(_dist(c, p) for p in g)
        if lay.sent[c.start] in sents and lay.para[c.start] in paras:
            score = d
        elif lay.para[c.start] in paras:
            score = 40 + d
        elif lay.para[c.start] == min(paras) - 1 and _ends_with_colon(lay, c):
            score = 80 + d
        else:
            continue
        if id(c) in used:
            score += 30
        if best_score is None or score < best_score:
            best, best_score = c, score
    return best


def _ends_with_colon(lay: Layout, c: Piece) -> bool:
    """A lead-in: the cue's paragraph ends with a colon ("He wrote:")."""
    p, j, last = lay.para[c.start], c.end, None
    n = len(lay.para)
    while j < n and lay.para[j] == p:
        if not lay.space[j]:
            last = j
        j += 1
    return last is not None and lay.table.text[last] == ":"


def _pick_sources(cue: Piece, g: list[Piece], sources: list[Piece], lay: Layout) -> list[Piece]:
    sent = lay.sent[cue.start]
    cands = [
        s
        for s in sources
        if lay.sent[s.start] == sent
        and lay.para[s.start] == lay.para[cue.start]
        and not any(p.start <= s.start and s.end <= p.end for p in g)
    ]
    heard = [s for s in cands if _addressee(s, cue, lay)]
    if heard and subject_of(lay.toks[cue.start]) is not None:
        cands = [s for s in cands if s not in heard]  # "X told Fox and Friends": X speaks
    if cands:
        best = _whole_noun(min(cands, key=lambda s: _dist(s, cue)), lay)
        return [out_of_relative(best, cue, lay)]
    rng = subject_of(lay.toks[cue.start]) or subject_of(lay.toks[cue.end - 1])
    if rng is None or _quoted_title(Piece("S", *rng), lay):
        rng = person_near(cue, g, lay)
    if rng is not None:
        return [Piece("S", rng[0], rng[1])]
    return []


def _quoted_title(p: Piece, lay: Layout) -> bool:
    """A source piece wholly in quotation marks is a title ('on Fox News's “Fox and
    Friends”'), not someone who speaks."""
    return all(lay.state[i] != "o" or lay.filler[i] for i in range(p.start, p.end))


def _addressee(s: Piece, cue: Piece, lay: Layout) -> bool:
    """The one spoken to: the object of 'told', 'said to reporters', 'told USA TODAY'."""
    verb = lay.toks[cue.start]
    root = next(
        (lay.toks[i] for i in range(s.start, s.end) if not s.start <= lay.head[i] < s.end), None
    )
    if root is None:
        return False
    if root.head.i == verb.i and root.dep_ in ("dobj", "dative"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.i == verb.i


def person_near(cue: Piece, g: list[Piece], lay: Layout) -> tuple[int, int] | None:
    """The person named nearest a verb of saying whose subject the parse lost ("Mr. Slinker,
    whose start-up uses big data, said ..." read with the name inside the relative clause):
    same sentence, outside the quote."""
    tok = lay.toks[cue.start]
    if tok.pos_ != "VERB" or load_lexicon().get(lay.lemma[cue.start], 0.0) < SAYING_CUE:
        return None
    sent = lay.sent[cue.start]
    best = None
    for a, b in lay.people:
        if lay.sent[a] != sent or lay.para[a] != lay.para[cue.start]:
            continue
        if any(p.start < b and a < p.end for p in g) or (cue.start < b and a < cue.end):
            continue
        d = cue.start - b if b <= cue.start else a - cue.end
        if best is None or d < best[0]:
            best = (d, (a, b))
    return None if best is None else best[1]


def out_of_relative(p: Piece, cue: Piece, lay: Layout) -> Piece:
    """A source inside a relative clause that does not hold the cue is the noun the clause
    modifies: in "An aide, who asked not to be named, said ..." the speaker is the aide,
    not "who"."""
    toks = lay.toks
    root = next(
        (toks[i] for i in range(p.start, p.end) if not p.start <= lay.head[i] < p.end), None
    )
    tok, steps = root, 0
    while tok is not None and steps < 6 and tok.head is not tok:
        if tok.dep_ == "relcl":
            if tok.left_edge.i <= cue.start <= tok.right_edge.i:
                return p
            noun = antecedent(tok, lay)
            if noun is None or lay.sent[noun.start] != lay.sent[cue.start]:
                return p
            return noun
        tok, steps = tok.head, steps + 1
    return p


def antecedent(relcl, lay: Layout) -> Piece | None:
    """The noun phrase a relative clause modifies ("an aide to the governor, who ..."), up to
    the clause, as a source piece; None when the clause hangs on no noun."""
    noun = relcl.head
    if noun.pos_ not in NOMINAL or noun.i >= relcl.left_edge.i:
        return None
    top = noun
    while top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ in NOMINAL:
        top = top.head.head
    end = max(noun.i + 1, relcl.left_edge.i)
    while end > noun.i + 1 and lay.filler[end - 1]:
        end -= 1
    return Piece("S", top.left_edge.i, end)
