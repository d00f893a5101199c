"""Who said what: direct, indirect and mixed quotes with their cue and speaker.

A CRF trained on PolNeAR tags source / cue / content pieces paragraph by
paragraph (``quote_features``, ``quote_model``); ``quote_decode`` joins them into
attributions. Rules then add what marks make certain: every quoted stretch long
enough to be speech is a direct quote, attributed to the reporting verb in its
sentence, to a colon lead-in in the paragraph before, or to the previous
speaker (a continuation). Short quoted phrases with no cue near them are scare
quotes and are dropped.
"""

from __future__ import annotations

from sitrep.analyze.junk import find_lines
from sitrep.analyze.quote_according import retag_according
from sitrep.analyze.quote_confidence import (
    FRAGMENT_CONFIDENCE,
    confidence_for,
    shape_of,
    source_kind,
)
from sitrep.analyze.quote_decode import (
    Draft,
    Piece,
    antecedent,
    decode,
    pieces_from_tags,
    subject_of,
)
from sitrep.analyze.quote_features import token_features, worth_tagging
from sitrep.analyze.quote_layout import Layout
from sitrep.analyze.quote_marks import ALL_MARKS, Stretch
from sitrep.analyze.quote_model import load_lexicon, load_scorer, load_tagger
from sitrep.analyze.quote_speech import is_reported_speech, names_an_act
from sitrep.lexicon.headlines import title_lines
from sitrep.records import Quote, Span

MIN_SPEECH_WORDS = 4  # a quoted stretch shorter than this with no cue is a scare quote
CONTINUATION_PARAGRAPHS = 2  # how far back a continuation looks for its speaker
STRONG_CUE = 0.4


def extract_quotes(sdoc, ents, shapes: list | None = None) -> list[Quote]:
    """All attributions in ``sdoc`` as Citron-shaped quotes, in text order. ``shapes``,
    when given, receives each quote's shape (``quote_confidence``), for calibration."""
    if not len(sdoc):
        return []
    lay = Layout(sdoc)
    stretches = lay.stretches
    if not lay.text.strip():
        return []
    lexicon = load_lexicon()
    headings = find_lines(sdoc, lay.text).headings
    lay.people = [e for e in lay.people if not _in_heading(lay, e[0], e[1], headings)]
    tags = tag_tokens(lay, lexicon)
    retag_according(tags, lay)
    drafts = decode(pieces_from_tags(tags), lay)
    for d in drafts:
        if d.cue is None and not d.sources and lay.state[d.contents[0].start] in "qm":
            _trim_signature(d, lay)
            attach_cue(d, lay, lexicon)
    drafts += direct_quote_rules(lay, stretches, drafts, lexicon)
    for d in drafts:
        _signed(d, lay)
    drafts = speaker_colon_rules(lay, drafts)
    drafts = [d for d in drafts if d.cue is not None or not _scare(d, lay)]
    drafts = _off_headings(drafts, lay, (*headings, *title_lines(lay.text)))
    for d in drafts:
        d.fragment = _fragment(d, lay, lexicon)
    drafts.sort(key=lambda d: d.contents[0].start)
    link_continuations(drafts, lay)
    quotes = []
    for d in drafts:
        q = to_quote(d, lay, stretches, ents, lexicon)
        if q is None or not is_reported_speech(sdoc, q):
            continue
        quotes.append(q)
        if shapes is not None:
            shapes.append(_shape(d, q, lay, lexicon))
    for q in quotes:
        if names_an_act(sdoc, q):
            q.kind = "act"
    return quotes


def _in_heading(lay: Layout, a: int, b: int, headings) -> bool:
    """Tokens [a, b) lie on a section heading line ("Military Situation")."""
    s, e = lay.idx[a], lay.end[b - 1]
    return any(h0 <= s and e <= h1 for h0, h1 in headings)


def _off_headings(drafts: list[Draft], lay: Layout, headings) -> list[Draft]:
    """A heading or a title says nothing and speaks for no one: drop quotes whose words
    are all on such lines, and sources found on one."""
    if not headings:
        return drafts
    out = []
    for d in drafts:
        if all(_in_heading(lay, p.start, p.end, headings) for p in d.contents):
            continue
        d.sources = [p for p in d.sources if not _in_heading(lay, p.start, p.end, headings)]
        out.append(d)
    return out


def _scare(d: Draft, lay: Layout) -> bool:
    """A few quoted words with no cue of their own (is no “dove”) are not speech."""
    alpha = lay.table.is_alpha
    words = sum(1 for p in d.contents for i in range(p.start, p.end) if alpha[i])
    return words < MIN_SPEECH_WORDS


FRAGMENT_WORDS = 3  # a quoted stretch of at most this many words is a fragment ("the line")
WEAK_CUE = 0.3


def _quoted_runs(d: Draft, lay: Layout) -> list[int]:
    """Word counts of the runs of quoted tokens in the contents."""
    runs: list[int] = []
    alpha, state = lay.table.is_alpha, lay.state
    for p in d.contents:
        cur = None
        for i in range(p.start, p.end):
            if state[i] in "qs":
                cur = (cur or 0) + alpha[i]
            elif state[i] == "o" and not lay.filler[i] and cur is not None:
                runs.append(cur)
                cur = None
        if cur is not None:
            runs.append(cur)
    return runs


def _fragment(d: Draft, lay: Layout, lexicon: dict[str, float]) -> bool:
    """Likely scare quotes, not speech: the author's own sentence with a few quoted words
    and no cue or source (Orlov is no “dove”), or a few quoted words after a verb that is
    not one of saying (wanted “to be one”, crossed “the line”). PolNeAR annotates most of
    these as attributions, so they are kept, at a confidence that sets them apart."""
    runs = _quoted_runs(d, lay)
    if not runs or max(runs) > FRAGMENT_WORDS:
        return False
    if d.cue is None:
        alpha = lay.table.is_alpha
        return not d.sources and any(
            alpha[i] and lay.state[i] == "o" for p in d.contents for i in range(p.start, p.end)
        )
    return max(lexicon.get(lay.lemma[i], 0.0) for i in range(d.cue.start, d.cue.end)) < WEAK_CUE


def tag_tokens(lay: Layout, lexicon: dict[str, float]) -> list[str]:
    """BIO tags per token from the shipped CRF ('O' everywhere when no model is installed);
    ``lay.sure`` gets, per token, the CRF's probability of its tag (1.0 where untagged)."""
    tags = ["O"] * len(lay.toks)
    lay.sure = [1.0] * len(lay.toks)
    tagger = load_tagger()
    if tagger is None:
        return tags
    paras = [p for p in lay.paragraphs if worth_tagging(lay, p, lexicon)]
    scorer = load_scorer()
    if scorer is not None:
        labels, sure = scorer.tag_with_marginals(lay, lexicon, paras)
    else:
        feats = token_features(lay, lexicon, [i for p in paras for i in p])
        labels, sure = [], []
        for para in paras:
            labels.append(tagger.tag([feats[i] for i in para]))
            sure.append([tagger.marginal(y, t) for t, y in enumerate(labels[-1])])
    for para, labs, probs in zip(paras, labels, sure, strict=True):
        for i, tag, prob in zip(para, labs, probs, strict=True):
            tags[i] = tag
            lay.sure[i] = prob
    return tags


def _chains(stretches: list[Stretch], text: str) -> list[list[Stretch]]:
    """Stretches joined over paragraphs: an unclosed stretch continues in the next paragraph."""
    chains: list[list[Stretch]] = []
    for s in stretches:
        if chains and chains[-1][-1].open_end and not s.single:
            prev = chains[-1][-1]
            between = text[prev.end : s.start]
            if between.strip() == "" and between.count("\n") >= 1:
                chains[-1].append(s)
                continue
        chains.append([s])
    return chains


def _covered(a: int, b: int, drafts: list[Draft], lay: Layout) -> float:
    """Share of characters [a, b) already inside a drafted content."""
    if b <= a:
        return 1.0
    hit = 0
    for d in drafts:
        for p in d.contents:
            s, e = lay.idx[p.start], lay.end[p.end - 1]
            hit += max(0, min(b, e) - max(a, s))
    return hit / (b - a)


def _tokens(lay: Layout, a: int, b: int) -> Piece | None:
    rng = lay.token_range(a, b)
    return None if rng is None else Piece("Q", rng[0], rng[1])


def _cue_near(piece: Piece, lay: Layout, lexicon: dict[str, float]) -> Piece | None:
    """The reporting verb in the quote's sentence(s), outside the quote, nearest to it."""
    first, last = lay.sent[piece.start], lay.sent[piece.end - 1]
    best = None
    pos, lower = lay.table.pos, lay.lower
    for k in range(max(0, first - 1), min(len(lay.sent_bounds), last + 2)):
        s0, s1 = lay.sent_bounds[k]
        for i in range(s0, s1):
            if piece.start <= i < piece.end or lay.state[i] != "o":
                continue
            if lay.para[i] != lay.para[piece.start]:
                continue
            score = lexicon.get(lay.lemma[i], 0.0)
            if score < STRONG_CUE or pos[i] not in ("VERB", "ADP") and lower[i] != "according":
                continue
            d = piece.start - i if i < piece.start else i - piece.end
            d += 0 if first <= k <= last else 30
            if best is None or d < best[0]:
                best = (d, i)
    return None if best is None else Piece("C", best[1], best[1] + 1)


def _lead_in(piece: Piece, lay: Layout, lexicon: dict[str, float]) -> Piece | None:
    """'He wrote:' closing the paragraph before the quote."""
    i = piece.start - 1
    while i >= 0 and (lay.space[i] or lay.state[i] == "m"):
        i -= 1
    if i < 0 or lay.table.text[i] != ":":
        return None
    p = lay.para[i]
    j = i - 1
    while j >= 0 and lay.para[j] == p and lay.sent[j] == lay.sent[i]:
        if lexicon.get(lay.lemma[j], 0.0) >= STRONG_CUE and lay.table.pos[j] == "VERB":
            return Piece("C", j, j + 1)
        j -= 1
    return Piece("C", i, i + 1)


def direct_quote_rules(lay: Layout, stretches, drafts, lexicon) -> list[Draft]:
    """Direct quotes the tagger missed: every quoted stretch that reads as speech."""
    out: list[Draft] = []
    for chain in _chains(stretches, lay.text):
        a, b = chain[0].start, chain[-1].end
        if _covered(a, b, drafts, lay) >= 0.5:
            continue
        pieces = [p for s in chain if (p := _tokens(lay, s.start, s.end)) is not None]
        if not pieces:
            continue
        words = sum(1 for p in pieces for i in range(p.start, p.end) if lay.table.is_alpha[i])
        if words < MIN_SPEECH_WORDS:
            continue  # scare quote or a title: not an attribution
        d = Draft(pieces, rule=True)
        attach_cue(d, lay, lexicon)
        out.append(d)
    return out


def speaker_colon_rules(lay: Layout, drafts: list[Draft]) -> list[Draft]:
    """Transcripts and headlines: a paragraph opening 'WALLACE: ...' or 'Pence: ...', also
    when the transcript is printed as one long quotation whose every turn opens with a mark
    ('"WALLACE: ...'). In a dialogue (two turns or more) each turn is one quote by the name
    before its colon, and what else was found inside the turns gives way to them. Returns
    ``drafts`` so amended."""
    turns: list[tuple[list[int], int, tuple[int, int]]] = []  # (paragraph, colon, speaker)
    for para in lay.paragraphs:
        skip = 0
        while skip < min(2, len(para)) and lay.toks[para[skip]].is_quote:
            skip += 1
        colon = next(
            (
                k
                for k in range(skip, min(skip + LABEL_TOKENS, len(para)))
                if lay.table.text[para[k]] in TURN_COLONS
            ),
            None,
        )
        if colon is None or colon == skip or len(para) - colon < 5:
            continue
        who = turn_speaker(
            [lay.toks[i] for i in para[skip:colon]], closed=lay.table.text[para[colon]] == "):"
        )
        if who is not None:
            turns.append((para, colon, (para[skip + who[0]], para[skip + who[1] - 1] + 1)))
    if not turns:
        return drafts
    spans = [(para[0], para[-1] + 1) for para, _c, _w in turns]

    def in_a_turn(d: Draft) -> bool:
        pieces = [*d.contents, *d.sources, *([d.cue] if d.cue else [])]
        a, b = min(p.start for p in pieces), max(p.end for p in pieces)
        return any(a < e and s < b for s, e in spans)

    dialogue = len(turns) > 1  # a transcript: its turns are what was said, and by whom
    kept = [d for d in drafts if not in_a_turn(d)] if dialogue else drafts
    out: list[Draft] = []
    for para, colon, (s, e) in turns:
        a, b = para[colon + 1], para[-1] + 1
        if not dialogue and _covered(lay.idx[a], lay.end[b - 1], kept, lay) >= 0.5:
            continue
        c = para[colon]
        out.append(
            Draft(
                [Piece("Q", a, b)],
                cue=Piece("C", c, c + 1),
                sources=[Piece("S", s, e)],
                rule=True,
            )
        )
    return kept + out


LABEL_TOKENS = 10  # "LUCIE HARMAT, REPORTER (live):" is eight tokens before its colon
NAME_TOKENS = 4  # a speaker's name, and the role after its comma, are short
TURN_COLONS = (":", "):")  # spaCy keeps "):" one token


def _capitalised(t) -> bool:
    return t.pos_ == "PROPN" or t.text[:1].isupper() and t.is_alpha


def turn_speaker(label, closed: bool = False) -> tuple[int, int] | None:
    """Who speaks a transcript turn, from the tokens before its colon: the range (into
    ``label``) of the name. 'WALLACE', 'TOMAS HALVIK, DEFENCE MINISTER' (the name before
    the comma), 'LUCIE HARMAT, REPORTER (live)' (a note in brackets is no name) and
    'ANCHOR (PETR SALEK)' or 'TECHNICIAN (MILAN)' (a one-word role names its holder in
    brackets). None when the label is no speaker's: lower-case words outside the brackets,
    more than one comma, brackets left open. ``closed``: the colon token was '):'."""
    outer: list[int] = []
    inner: list[int] = []
    depth = 0
    for k, t in enumerate(label):
        if t.text == "(":
            depth += 1
            if depth > 1 or inner:
                return None
        elif t.text == ")":
            depth -= 1
            if depth < 0:
                return None
        else:
            (inner if depth else outer).append(k)
    depth -= closed
    if depth or not outer:
        return None
    commas = [k for k in outer if label[k].text == ","]
    if len(commas) > 1 or any(not _capitalised(label[k]) for k in outer if k not in commas):
        return None
    name = [k for k in outer if not commas or k < commas[0]]
    if not name or name != list(range(name[0], name[-1] + 1)) or len(name) > NAME_TOKENS:
        return None  # "Veto Power Impedes Peace Efforts:" opens a paragraph, not a turn
    if len(outer) - len(name) - len(commas) > NAME_TOKENS:
        return None
    if (
        len(name) == 1
        and not commas
        and inner
        and inner == list(range(inner[0], inner[-1] + 1))
        and all(
            label[k].is_alpha and label[k].text[:1].isupper() and len(label[k]) > 1 for k in inner
        )
    ):
        return inner[0], inner[-1] + 1  # 'ANCHOR (PETR SALEK)'
    return name[0], name[-1] + 1


def _trim_signature(d: Draft, lay: Layout) -> None:
    """A quoted content the tagger ran past its closing mark into '― Name' ends at the mark."""
    last = d.contents[-1]
    k = last.end - 1
    while k > last.start and lay.state[k] == "o":
        k -= 1
    tail = range(k + 1, last.end)
    if 0 < len(tail) <= 5 and all(lay.toks[i].pos_ in ("PROPN", "PUNCT", "SPACE") for i in tail):
        last.end = k + 1


def _signed(d: Draft, lay: Layout) -> None:
    """'“...” ― Krystal Correa' at the end of its line: the name signed after the closing
    mark is the speaker, whatever the tagger linked (a list of readers' answers signs each
    one after it, so the name before belongs to the answer before)."""
    while len(d.contents) > 1 and all(
        lay.filler[i] or lay.toks[i].text in SIGNATURE_DASHES
        for i in range(d.contents[-1].start, d.contents[-1].end)
    ):
        d.contents.pop()  # the tagger took the signature's dash for more content
    last = d.contents[-1]
    if lay.state[last.start] not in "qm":
        return
    n = len(lay.toks)
    j = last.end
    if j - last.start > 1 and lay.toks[j - 1].text.strip(ALL_MARKS) in SIGNATURE_DASHES:
        j -= 1  # '.”―' read as one token and taken into the content
    while j < n and not lay.brk[j] and lay.state[j] in "qs":
        j += 1  # the rest of the quoted stretch the tagger left out
    inside = j
    while j < n and (lay.space[j] and not lay.brk[j] or lay.state[j] == "m"):
        j += 1
    if j + 1 >= n or lay.toks[j].text.strip(ALL_MARKS) not in SIGNATURE_DASHES:
        return
    if lay.para[j] != lay.para[last.start]:
        return
    name = _speaker_after(lay, j)
    if name is None:
        return
    k = name[1]
    while k < n and not lay.brk[k] and (lay.space[k] or lay.toks[k].is_punct):
        k += 1
    if k < n and not lay.brk[k]:
        return  # the line goes on: not a signature
    last.end = inside
    d.cue = Piece("C", j, j + 1)
    d.sources = [Piece("S", name[0], name[1])]


SIGNATURE_DASHES = {"—", "–", "―", "-", "--"}


def attach_cue(d: Draft, lay: Layout, lexicon: dict[str, float]) -> None:
    """Find the cue and source of a quote from the marks and the parse."""
    whole = Piece("Q", d.contents[0].start, d.contents[-1].end)
    cue = _cue_near(whole, lay, lexicon) or _lead_in(whole, lay, lexicon) or _dash_lead(whole, lay)
    if cue is None:
        return
    d.cue = cue
    rng = subject_of(lay.toks[cue.start])
    if rng is None and _is_lead(lay.toks[cue.start].text):
        rng = (
            _speaker_after(lay, cue.start)
            if cue.start >= whole.end
            else _speaker_before(lay, cue.start)
        )
    if rng is not None and not (whole.start <= rng[0] < whole.end):
        d.sources = [Piece("S", rng[0], rng[1])]


LEAD_MARKS = {":", "—", "–", "―", "-", "--"}


def _speaker_before(lay: Layout, i: int, same_sentence: bool = True) -> tuple[int, int] | None:
    """The person named (or pronoun) nearest before token ``i``: the sentence subject when it
    is there, else the last person mention; across sentences only when asked."""
    sent = lay.sent[i]
    root = lay.toks[lay.sent_bounds[sent][0]].sent.root
    if root.i < i:
        rng = subject_of(root)
        if rng is not None and rng[1] <= i:
            return rng
    lo = lay.sent_bounds[sent][0] if same_sentence else 0
    for e in reversed(lay.people):
        if lo <= e[0] and e[1] <= i:
            return e
    return None


def _is_lead(word: str) -> bool:
    """A colon or dash, also when glued to a closing mark ('”―')."""
    return word.strip(ALL_MARKS) in LEAD_MARKS


def _speaker_after(lay: Layout, i: int) -> tuple[int, int] | None:
    """The name signed after a dash: proper nouns from token i+1 on, same paragraph."""
    a = i + 1
    while a < len(lay.toks) and lay.space[a] and not lay.brk[a]:
        a += 1  # '―\xa0Jorge Falcon'
    j = a
    while j < len(lay.toks) and not lay.space[j] and lay.toks[j].pos_ == "PROPN":
        j += 1
    return (a, j) if j > a else None


def _dash_lead(piece: Piece, lay: Layout) -> Piece | None:
    """'The general was blunt — “...”': a dash or colon right before the quote, same sentence;
    or a signature after it: '“...” — Anna Keller'."""
    j = piece.end
    n = len(lay.toks)
    while j < n and (lay.space[j] and not lay.brk[j] or lay.state[j] == "m"):
        j += 1
    if j + 1 < n and _is_lead(lay.toks[j].text) and lay.para[j] == lay.para[piece.end - 1]:
        nxt = lay.toks[j + 1]
        if nxt.pos_ == "PROPN" or nxt.ent_type_ == "PERSON":
            return Piece("C", j, j + 1)
    i = piece.start - 1
    while i >= 0 and (lay.space[i] and not lay.brk[i] or lay.state[i] == "m"):
        i -= 1
    if i < 0 or lay.toks[i].text not in LEAD_MARKS or lay.para[i] != lay.para[piece.start]:
        return None
    return Piece("C", i, i + 1)


def link_continuations(drafts: list[Draft], lay: Layout) -> None:
    """A quote with no cue and no source continues the previous speaker's quote; failing
    that, a direct quote opening a paragraph is the person the paragraph before is about."""
    prev: Draft | None = None
    for d in drafts:
        if d.cue is None and not d.sources:
            first = d.contents[0].start
            gap = lay.para[first] - lay.para[prev.contents[-1].end - 1] if prev else 99
            if prev is not None and gap <= CONTINUATION_PARAGRAPHS:
                d.sources = list(prev.sources)
                d.continuation = True
            elif lay.state[first] in "qm" and lay.para_start(first) and first > 0:
                rng = _speaker_before(lay, first - 1, same_sentence=False)
                if rng is not None and lay.para[first] - lay.para[rng[0]] == 1:
                    d.sources = [Piece("S", rng[0], rng[1])]
                    d.continuation = True
        if d.sources:
            prev = d


def quote_kind(contents: list[Span], marked: list[tuple[int, int]]) -> str:
    """direct when quotation marks cover the contents, partial when only short marked
    phrases do, mixed otherwise, indirect with no marks. ``marked`` are the (start, end)
    character ranges of quoted stretches; the Russian path uses the same rule."""
    total = sum(c.end - c.start for c in contents) or 1
    inside = 0
    hit: list[tuple[int, int]] = []
    for s_start, s_end in marked:
        for c in contents:
            ov = min(c.end, s_end) - max(c.start, s_start)
            if ov > 0:
                inside += ov
                hit.append((s_start, s_end))
    if not hit:
        return "indirect"
    if inside / total >= 0.9:
        return "direct"
    if all(e - s <= 40 for s, e in hit):
        return "partial"
    return "mixed"


def _clip(p: Piece, para: int, lay: Layout) -> Piece | None:
    """A source stays inside the paragraph of its cue, without surrounding spaces."""
    a, b = p.start, p.end
    while a < b and (lay.para[a] != para or lay.space[a]):
        a += 1
    while b > a and (lay.para[b - 1] != para or lay.space[b - 1]):
        b -= 1
    return Piece(p.role, a, b) if a < b else None


RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def _with_antecedent(sources: list[Piece], lay: Layout) -> list[Piece]:
    """A speaker given by a relative pronoun ("the mayor, who said ...") is the noun it stands
    for: that noun becomes the first source span (the one the speaker is read from), the
    pronoun stays as the second."""
    if len(sources) != 1 or sources[0].end - sources[0].start != 1:
        return sources
    i = sources[0].start
    tok = lay.toks[i]
    if tok.lower_ not in RELATIVE_PRONOUNS or tok.pos_ != "PRON" or tok.head.dep_ != "relcl":
        return sources
    noun = antecedent(tok.head, lay)
    if noun is None or lay.sent[noun.start] != lay.sent[i]:
        return sources
    return [noun, sources[0]]


def _span(lay: Layout, p: Piece) -> Span:
    return Span.of(lay.text, lay.idx[p.start], lay.end[p.end - 1])


def _shape(d: Draft, q: Quote, lay: Layout, lexicon: dict[str, float]) -> tuple[str, ...]:
    first = d.sources[0] if d.sources else None
    source = "none" if first is None else source_kind(lay.toks[first.start : first.end])
    lemma, score = None, 0.0
    if d.cue is not None:
        score, lemma = max(
            (lexicon.get(lay.lemma[i], 0.0), lay.lemma[i]) for i in range(d.cue.start, d.cue.end)
        )
    words = sum(lay.table.is_alpha[i] for p in d.contents for i in range(p.start, p.end))
    toks = [i for p in d.contents for i in range(p.start, p.end) if not lay.space[i]]
    sure = None if d.rule or not toks else sum(lay.sure[i] for i in toks) / len(toks)
    return shape_of(q.kind, lemma, score, source, words, d.continuation, sure)


def to_quote(
    d: Draft, lay: Layout, stretches: list[Stretch], ents, lexicon: dict[str, float]
) -> Quote | None:
    contents = [_span(lay, p) for p in d.contents]
    contents = [c for c in contents if c.text.strip()]
    if not contents:
        return None
    cue = _span(lay, d.cue) if d.cue is not None else None
    anchor = d.cue.start if d.cue is not None else d.contents[0].start
    if not d.continuation:
        d.sources = [p for s in d.sources if (p := _clip(s, lay.para[anchor], lay)) is not None]
    sources = [_span(lay, s) for s in _with_antecedent(d.sources, lay)]
    parts = contents + sources + ([cue] if cue else [])
    if not d.continuation:
        start, end = min(p.start for p in parts), max(p.end for p in parts)
    else:
        start, end = min(c.start for c in contents), max(c.end for c in contents)
    speaker = ents.actor_for(sources[0].start, sources[0].end) if sources else None
    kind = quote_kind(contents, [(s.start, s.end) for s in stretches])
    q = Quote(start, end, lay.text[start:end], cue, sources, contents, speaker, kind)
    if d.fragment:
        q.confidence = FRAGMENT_CONFIDENCE
    else:
        shape = _shape(d, q, lay, lexicon)
        q.confidence = min(0.99, confidence_for(shape, cue is not None, bool(sources)))
        q.confidence = max(q.confidence, FRAGMENT_CONFIDENCE + 0.2)
    return q
