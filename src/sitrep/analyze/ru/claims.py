"""Russian claims: who relays each statement, its hedge cues and its ICD 203 band.

Quote contents are claims by the quote's speaker. Agency and source formulas
give the source of the rest: "как сообщает ТАСС" (named), "по данным
источников" (unnamed-plural), "по данным источника" (unnamed-person), "по
сообщениям", "по имеющимся данным", "сообщается, что" (passive). Every other
assertive sentence is the author's; a question is a hypothesis.

Hedges come from :data:`sitrep.analyze.ru.lexicon.HEDGES` and govern the
sentence they stand in. As on the English path, attribution is never
likelihood: "якобы" types a claim's hedge as ``disputed`` and leaves its band
None unless another cue in the sentence sets one; "по сообщениям" is
``weasel``, with no band.
"""

from __future__ import annotations

import re

from sitrep.analyze.ru.lexicon import ACCORDING_NOUNS, DOXASTIC_FORMS, HEDGES, REPORT_VERBS
from sitrep.analyze.ru.nlp import RuDoc
from sitrep.analyze.ru.speakers import actor, author_ref
from sitrep.records import ActorRef, Claim, Hedge, Quote, Span

HEDGES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, int | None]]]] = {}
for _phrase, _meaning in sorted(HEDGES.items(), key=lambda kv: -len(kv[0])):
    HEDGES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _meaning))
# estimative words outrank modals, which outrank views and inferences
PRIORITY = {"probable": 3, "possible": 2, "doxastic": 1, "evidential": 1}
PASSIVE = re.compile(
    r"(?:^|[\s,(])(?:(?:как\s+)?сообщается|по\s+(?:некоторым\s+|имеющимся\s+|неофициальным\s+)?"
    r"(?:сообщениям|данным|информации)(?=\s*[,.])|по\s+имеющимся\s+данным|по\s+некоторым\s+данным"
    r"|стало\s+известно)",
    re.I,
)
AS_REPORTS = re.compile(
    r"\bкак\s+(сообща\w+|переда\w+|пиш\w+|писал\w*|сообщил\w*|информир\w+)\s+", re.I
)
ACCORDING = re.compile(
    r"\bпо\s+(данным|информации|сообщению|сообщениям|сведениям|оценкам|мнению)\s+", re.I
)


def find_hedges(doc: RuDoc) -> list[tuple[Hedge, int | None]]:
    """Every hedge cue, with the band it supports, scoped to its sentence."""
    out = []
    toks = doc.tokens
    for si, (a, b) in enumerate(doc.sents):
        s_start, s_end = doc.sent_span(si)
        low = [t.text.lower() for t in toks[a:b]]
        i = 0
        while i < len(low):
            found = None
            for phrase, meaning in HEDGES_BY_FIRST.get(low[i], []):
                if tuple(low[i : i + len(phrase)]) == phrase:
                    found = (len(phrase), meaning)
                    break
            if found is None and low[i] in DOXASTIC_FORMS:
                negated = i > 0 and low[i - 1] == "не"
                found = (1, ("doxastic", 3 if negated else 5))
            if found is None:
                i += 1
                continue
            n, (kind, band) = found
            start, end = toks[a + i].start, toks[a + i + n - 1].end
            out.append((Hedge(start, end, doc.text[start:end], kind, s_start, s_end), band))
            i += n
    return out


def _band(hedges: list[tuple[Hedge, int | None]]) -> int | None:
    best = None
    for h, band in hedges:
        if band is None:
            continue
        rank = PRIORITY.get(h.type, 0)
        if best is None or rank > best[0]:
            best = (rank, band)
    return None if best is None else best[1]


def _governing(hedges, start: int, end: int):
    return [
        (h, b)
        for h, b in hedges
        if (start <= h.start and h.end <= end)
        or (h.scope_start is not None and h.scope_start <= start and end <= h.scope_end)
    ]


def _claim(
    doc: RuDoc,
    start: int,
    end: int,
    source: ActorRef,
    cue: Span | None,
    hedges,
    hypothesis: bool = False,
) -> Claim:
    mine = _governing(hedges, start, end)
    return Claim(
        start,
        end,
        doc.text[start:end],
        source,
        cue,
        [h for h, _b in mine],
        None if hypothesis else _band(mine),
        hypothesis,
    )


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",:;—–"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",:;—–.!?…"):
        b -= 1
    return a, b


def _source_after(
    doc: RuDoc, ents, document, a: int, s_end: int
) -> tuple[tuple[int, int], ActorRef]:
    """The source phrase after a formula: up to the next comma or the sentence end."""
    m = re.compile(r"[,.;:!?\n]").search(doc.text, a, s_end)
    stop = m.start() if m else s_end
    if m is not None and doc.text[stop] == ",":
        # "источников, близких к Совету, ...": a participle phrase belongs to the source
        k = doc.token_at(stop + 1)
        if (
            k is not None
            and doc.tokens[k].text[:1].islower()
            and (doc.tokens[k].feats.get("VerbForm") == "Part" or doc.tokens[k].pos == "ADJ")
        ):
            m2 = re.compile(r"[,.;:!?\n]").search(doc.text, stop + 1, s_end)
            if m2 is not None and doc.text[m2.start()] == ",":
                stop = m2.start()
    s, e = _strip(doc.text, a, stop)
    if e <= s:
        return (a, a), ActorRef(None, None, "passive")
    return (s, e), actor(doc, ents, s, e, document)


def _rest(text: str, s_start: int, s_end: int, cue_start: int, src_end: int) -> tuple[int, int]:
    """The sentence less its attribution formula: the longer of the parts after and before it."""
    m = re.compile(r",").search(text, src_end, s_end)
    after = _strip(text, m.end() if m else src_end, s_end)
    before = (
        _strip(text, s_start, cue_start)
        if text[s_start:cue_start].rstrip().endswith(",")
        else (cue_start, cue_start)
    )
    return before if before[1] - before[0] > after[1] - after[0] else after


def _relayed(doc: RuDoc, si: int, ents, document) -> list[tuple[int, int, ActorRef, Span]]:
    text = doc.text
    s_start, s_end = doc.sent_span(si)
    sent = text[s_start:s_end]
    out = []
    for m in AS_REPORTS.finditer(sent):
        cue = (s_start + m.start(), s_start + m.start() + len(m.group(0).rstrip()))
        (ss, se), source = _source_after(doc, ents, document, s_start + m.end(), s_end)
        if source.kind == "passive":
            continue
        a, b = _rest(text, s_start, s_end, cue[0], se)
        out.append((a, b, source, Span.of(text, *cue)))
    for m in ACCORDING.finditer(sent):
        cue = (s_start + m.start(), s_start + m.start() + len(m.group(0).rstrip()))
        (ss, se), source = _source_after(doc, ents, document, s_start + m.end(), s_end)
        k = doc.token_at(ss)
        # "по имеющимся данным" has no source after it; "по данным, ..." neither
        if source.kind == "passive" or (
            k is not None
            and doc.tokens[k].pos in ("ADJ", "DET")
            and se - ss < 20
            and doc.tokens[k].text[:1].islower()
            and doc.tokens[k].lemma not in ACCORDING_NOUNS
        ):
            continue
        a, b = _rest(text, s_start, s_end, cue[0], se)
        out.append((a, b, source, Span.of(text, *cue)))
    if not out:
        for m in PASSIVE.finditer(sent):
            word = m.group(0).strip(" ,(")
            cs = s_start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" ,(")))
            cue = Span.of(text, cs, cs + len(word))
            that = re.match(r"\s*,\s*что\s+", text[cue.end : s_end])
            if that:
                a, b = _strip(text, cue.end + that.end(), s_end)
            else:
                a, b = _rest(text, s_start, s_end, cue.start, cue.end)
            out.append((a, b, ActorRef(None, word, "passive"), cue))
            break
    if not out:
        # "источники сообщают, что ...", "ТАСС передаёт, что ..."
        toks = doc.tokens
        for i in range(*doc.sents[si]):
            t = toks[i]
            if t.lemma in REPORT_VERBS:
                that = re.match(r"\s*,\s*что\s+", text[t.end : s_end])
                subj = next((c for c in t.children if toks[c].rel.startswith("nsubj")), None)
                if that and subj is not None:
                    from sitrep.analyze.ru.speakers import phrase_span

                    ps, pe = phrase_span(doc, subj)
                    a, b = _strip(text, t.end + that.end(), s_end)
                    out.append(
                        (a, b, actor(doc, ents, ps, pe, document), Span.of(text, t.start, t.end))
                    )
    return [(a, b, s, c) for a, b, s, c in out if b > a]


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def extract_claims_ru(
    doc: RuDoc, document, ents, quotes: list[Quote]
) -> tuple[list[Claim], list[Hedge]]:
    """Claims with source and band, and every hedge cue, for a parsed Russian document."""
    hedges = find_hedges(doc)
    claims: list[Claim] = []
    contents = [(q, c) for q in quotes for c in q.contents]
    for q, c in contents:
        source = q.speaker or (
            ActorRef(None, q.sources[0].text, "unnamed-person")
            if q.sources
            else ActorRef(None, None, "unnamed-person")
        )
        claims.append(_claim(doc, c.start, c.end, source, q.cue, hedges))
    for si in range(len(doc.sents)):
        s_start, s_end = doc.sent_span(si)
        a, b = _strip(doc.text, s_start, s_end)
        if b <= a:
            continue
        covered = sum(_overlap(a, b, c.start, c.end) for _q, c in contents)
        if any(q.cue is not None and a <= q.cue.start and q.cue.end <= b for q in quotes):
            continue  # the sentence is an attribution: its content is the quote's claim
        inside = any(c.start <= a and b <= c.end for _q, c in contents)
        if doc.text[s_start:s_end].rstrip().endswith("?"):
            src = next(
                (q.speaker for q, c in contents if c.start <= a and b <= c.end and q.speaker), None
            )
            claims.append(
                _claim(doc, a, b, src or author_ref(document), None, hedges, hypothesis=True)
            )
            continue
        if inside or covered >= 0.5 * (b - a):
            continue
        relayed = _relayed(doc, si, ents, document)
        for ra, rb, source, cue in relayed:
            if any(_overlap(ra, rb, c.start, c.end) >= 0.5 * (rb - ra) for _q, c in contents):
                continue
            claims.append(_claim(doc, ra, rb, source, cue, hedges))
        if relayed:
            continue
        toks = doc.tokens[doc.sents[si][0] : doc.sents[si][1]]
        if not any(
            t.pos in ("VERB", "AUX") or "VerbForm" in t.feats or t.feats.get("Variant") == "Short"
            for t in toks
        ):
            continue  # a heading, a dateline or a signature asserts nothing
        claims.append(_claim(doc, a, b, author_ref(document), None, hedges))
    claims.sort(key=lambda c: (c.start, c.end))
    return claims, [h for h, _b in hedges]
