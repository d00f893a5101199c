"""Reported claims, their sources, hedge cues and ICD 203 bands.

A claim is a clause and who relays it. Relayed clauses are found on the
dependency parse: a reporting or believing verb and its complement ("CNN is
reporting that ...", "sources say ...", "officials believe ..."), the passive
("... are reported to have ..."), "according to X", "there are reports that
...", and attribution adverbs ("reportedly"). Quote contents are claims by the
quote's speaker. Every other assertive sentence is the author's own claim.
Questions are hypotheses, never claims. Attribution words decide the source;
only estimative wording decides the band.
"""

from __future__ import annotations

from sitrep.analyze.claim_sources import FIRST_PERSON, author_ref, source_ref
from sitrep.analyze.hedges import Cue, band_of, find_cues, unit_bounds
from sitrep.analyze.nlp import doc_text
from sitrep.analyze.token_table import TokenTable, token_table
from sitrep.records import ActorRef, Claim, Hedge, Span

REPORT_VERBS = frozenset(
    {
        "report",
        "say",
        "tell",
        "claim",
        "state",
        "announce",
        "confirm",
        "allege",
        "write",
        "add",
        "note",
        "insist",
        "warn",
        "assert",
        "declare",
        "reveal",
        "deny",
        "tweet",
        "post",
        "indicate",
        "suggest",
        "show",
        "acknowledge",
        "admit",
        "explain",
        "argue",
        "think",
        "believe",
        "suspect",
        "fear",
        "expect",
        "estimate",
        "doubt",
        "assume",
        "suppose",
        "conclude",
        "predict",
    }
)
OBJECT_REPORT_VERBS = frozenset(
    {"report", "confirm", "announce", "claim", "allege", "deny", "reveal"}
)
REPORT_NOUNS = frozenset(
    {"report", "rumor", "rumour", "claim", "allegation", "account", "indication", "sign"}
)
ATTRIBUTION_ADVERBS = frozenset(
    {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly"}
)
CONTENT_DEPS = ("ccomp", "xcomp")
CITING_CUES = frozenset({"citing", "quoting"})


def extract_claims(sdoc, document, ents, quotes) -> tuple[list[Claim], list[Hedge]]:
    """Claims with source and band, and every hedge cue found in the document."""
    cues = find_cues(sdoc)
    # "..., citing two officials in the council": who is cited, never what is said
    quote_contents = [
        (q, c)
        for q in quotes or []
        for c in q.contents
        if not (q.cue and q.cue.text.lower() in CITING_CUES)
    ]
    claims: list[Claim] = []
    for q, content in quote_contents:
        start, end = _trim(doc_text(sdoc), content.start, content.end)
        if start < end:
            claims.append(
                _claim(sdoc, start, end, _quote_source(sdoc, q, ents, document), q.cue, cues)
            )
    for lo, hi in unit_bounds(sdoc):
        claims.extend(_sentence_claims(sdoc, lo, hi, document, ents, quote_contents, cues))
    claims.sort(key=lambda c: (c.start, c.end))
    return claims, [c.hedge for c in cues]


QUOTE_EDGES = " \t\r\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e.,;:-\u2013\u2014"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote's content less its quotation marks and trailing punctuation."""
    while start < end and text[start] in QUOTE_EDGES:
        start += 1
    while end > start and text[end - 1] in QUOTE_EDGES:
        end -= 1
    return start, end


def _claim(
    sdoc,
    start: int,
    end: int,
    source: ActorRef,
    cue: Span | None,
    cues: list[Cue],
    hypothesis: bool = False,
) -> Claim:
    mine = [c for c in cues if _governs(c.hedge, start, end)]
    return Claim(
        start,
        end,
        doc_text(sdoc)[start:end],
        source,
        cue,
        [c.hedge for c in mine],
        None if hypothesis else band_of(mine),
        hypothesis,
    )


def _governs(h: Hedge, start: int, end: int) -> bool:
    """A hedge bears on a claim when its cue lies inside it or its scope covers it."""
    if start <= h.start and h.end <= end:
        return True
    return h.scope_start is not None and h.scope_start <= start and end <= h.scope_end


def _in_quote(quote_contents, start: int, end: int):
    for q, c in quote_contents:
        if c.start <= start and end <= c.end:
            return q
    return None


def _overlaps_quote(quote_contents, start: int, end: int) -> bool:
    for _q, c in quote_contents:
        inter = min(end, c.end) - max(start, c.start)
        if inter > 0 and inter >= 0.5 * min(end - start, c.end - c.start):
            return True
    return False


def _quote_source(sdoc, q, ents, document) -> ActorRef:
    if q.speaker is not None:
        return q.speaker
    for s in q.sources:
        span = sdoc.char_span(s.start, s.end, alignment_mode="expand")
        if span is not None and len(span):
            return source_ref(span.root, s.start, s.end, ents, document, in_quote=False)
    return ActorRef(None, None, "unnamed-person")


def _edges(toks, clause: bool = True) -> tuple[int, int] | None:
    """Character span of tokens less edge punctuation (and, for a clause, its "that")."""
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (
        toks[0].is_punct
        or toks[0].is_space
        or clause
        and toks[0].dep_ in ("mark", "cc")
        and toks[0].lower_ in ("that", "and", "but")
    ):
        toks.pop(0)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _subtree_less(head, *exclude) -> tuple[int, int] | None:
    skip = {t.i for ex in exclude for t in ex.subtree}
    for c in head.children:
        if c.dep_ in ("conj", "cc") and c not in exclude:
            skip.update(t.i for t in c.subtree)
    return _edges([t for t in head.subtree if t.i not in skip])


def _cue_span(sdoc, verb) -> Span:
    """The reporting verb with its auxiliaries ("is reporting", "are reported")."""
    toks = [verb] + [
        c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i and c.tag_ != "MD"
    ]
    first = min(toks, key=lambda t: t.i)
    return Span.of(doc_text(sdoc), first.idx, verb.idx + len(verb.text))


def _phrase(tok) -> tuple[int, int]:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _may_relay(tab: TokenTable, i: int) -> bool:
    """Whether token ``i`` is one ``_relayed`` looks at: most tokens are not, and those need
    no ``Token`` object."""
    lemma = tab.lemma_lower[i]
    return (
        tab.pos[i] in ("VERB", "AUX")
        and lemma in REPORT_VERBS
        or lemma == "accord"
        and tab.dep[i] == "prep"
        or lemma in REPORT_NOUNS
        and tab.pos[i] == "NOUN"
        or tab.lower[i] in ATTRIBUTION_ADVERBS
    )


def _relayed(sdoc, lo: int, hi: int, document, ents, quote_contents):
    """(start, end, source, cue) for every relayed clause in the sentence of tokens [lo, hi)."""
    found = []
    tab = token_table(sdoc)
    for i in range(lo, hi):
        if not _may_relay(tab, i):
            continue
        t = sdoc[i]
        lemma = tab.lemma_lower[i]
        q = _in_quote(quote_contents, tab.idx[i], tab.end[i])
        if t.pos_ in ("VERB", "AUX") and lemma in REPORT_VERBS:
            content = next((c for c in t.children if c.dep_ in CONTENT_DEPS), None)
            if content is None and lemma in OBJECT_REPORT_VERBS:
                content = next((c for c in t.children if c.dep_ == "dobj"), None)
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            passive = any(c.dep_ == "auxpass" for c in t.children)
            if content is None:
                continue
            if passive:
                # "X are reported to have ...": the raised subject belongs to the claim
                span = _subtree_less(t, agent) if agent is not None else _subtree_less(t)
                if subj is not None and subj.lower_ == "it":
                    span = _subtree_less(content)
                by = (
                    next((c for c in agent.children if c.dep_ == "pobj"), None)
                    if agent is not None
                    else None
                )
                if by is not None:
                    source = source_ref(by, *_phrase(by), ents, document, q is not None)
                else:
                    source = ActorRef(None, None, "passive")
            else:
                if subj is None:
                    continue
                span = _subtree_less(content)
                source = source_ref(subj, *_phrase(subj), ents, document, q is not None)
                source = _third_party(source, subj, q)
            if span is not None:
                found.append((*span, source, _cue_span(sdoc, t)))
        elif lemma == "accord" and t.dep_ == "prep":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            obj = (
                next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            )
            if obj is None:
                continue
            clause = t.head
            while (
                clause.dep_ not in ("ROOT", "ccomp", "advcl", "conj", "relcl")
                and clause.head is not clause
            ):
                clause = clause.head
            span = _subtree_less(clause, t)
            if span is not None:
                cue = Span.of(doc_text(sdoc), t.idx, to.idx + len(to.text))
                found.append(
                    (*span, source_ref(obj, *_phrase(obj), ents, document, q is not None), cue)
                )
        elif lemma in REPORT_NOUNS and t.pos_ == "NOUN":
            content = next(
                (
                    c
                    for c in t.children
                    if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)
                ),
                None,
            )
            if content is None:
                continue
            span = _subtree_less(content)
            left = min([t] + [c for c in t.lefts], key=lambda x: x.i)
            src_start, src_end = left.idx, t.idx + len(t.text)
            kind_source = source_ref(t, src_start, src_end, ents, document, q is not None)
            if kind_source.kind == "unnamed-person":  # "a report that": no one in particular
                kind_source = ActorRef(None, kind_source.name, "passive")
            if span is not None:
                found.append(
                    (*span, kind_source, Span.of(doc_text(sdoc), t.idx, t.idx + len(t.text)))
                )
        elif t.lower_ in ATTRIBUTION_ADVERBS:
            clause = t.head
            while (
                clause.dep_ not in ("ROOT", "ccomp", "advcl", "conj", "relcl")
                and clause.head is not clause
            ):
                clause = clause.head
            span = (
                _subtree_less(clause, t)
                if t.i in (clause.left_edge.i, clause.right_edge.i)
                else _subtree_less(clause)
            )
            if span is not None:
                found.append(
                    (
                        *span,
                        ActorRef(None, t.text, "passive"),
                        Span.of(doc_text(sdoc), t.idx, t.idx + len(t.text)),
                    )
                )
    return found


def _third_party(source: ActorRef, subj, q) -> ActorRef:
    """Inside a quote, one the speaker tells of in the third person is not the speaker: in a
    nurse's "The minister said last night that the dam was safe", "the minister" (or "she")
    that resolved to the nurse is left as the phrase, someone the quote does not name."""
    if q is None or q.speaker is None or source.id is None or source.id != q.speaker.id:
        return source
    if subj.pos_ == "PROPN" or subj.lower_ in FIRST_PERSON:
        return source
    start, end = _phrase(subj)
    return ActorRef(None, doc_text(subj.doc)[start:end], "unnamed-person")


NP_POS = frozenset({"DET", "PROPN", "NOUN", "ADJ", "NUM", "PART"})
AFTER_RELAY = frozenset(
    {"on", "late", "early", "last", "earlier", "later", "today", "yesterday", "overnight"}
)


def _trailing_relay(sdoc, lo: int, hi: int, document, ents):
    """(start, end, source, cue) for "CLAUSE, the Korvath Insider news site reported on
    Wednesday[, citing ...]": the parser often reads the relay as an object of the clause,
    so the shape is read from the tokens. The source is the outlet (or whoever reports);
    who it cites is the chain's business (assess.chains)."""
    tab = token_table(sdoc)
    for c in range(lo + 3, hi - 2):
        if tab.text[c] != ",":
            continue
        v = c + 1
        while v < hi and tab.pos[v] in NP_POS and tab.lemma_lower[v] not in REPORT_VERBS:
            v += 1
        if (
            v == c + 1
            or v >= hi
            or tab.lemma_lower[v] not in REPORT_VERBS
            or tab.tag[v] not in ("VBD", "VBZ", "VBP", "VBN")
        ):
            continue
        rest = v + 1
        while rest < hi and (
            tab.lower[rest] in AFTER_RELAY or tab.ent_type[rest] in ("DATE", "TIME")
        ):
            rest += 1
        if not (rest >= hi or tab.is_punct[rest]):
            continue
        names = [i for i in range(c + 1, v) if tab.pos[i] == "PROPN"]
        nouns = [i for i in range(c + 1, v) if tab.pos[i] in ("NOUN", "PROPN")]
        if not nouns:
            continue
        content = _sentence_edges(tab, lo, c)
        if content is None:
            continue
        if names:  # the name in "the Korvath Insider news site", not the word "site"
            ns, ne = tab.idx[names[0]], tab.end[names[-1]]
            found = ents.actor_for(ns, ne) if ents is not None else None
            source = (
                ActorRef(found.id, found.name, "named")
                if found
                else ActorRef(None, doc_text(sdoc)[ns:ne], "named")
            )
        else:
            head = sdoc[nouns[-1]]
            source = source_ref(head, tab.idx[c + 1], tab.end[v - 1], ents, document)
        return [(*content, source, Span.of(doc_text(sdoc), tab.idx[v], tab.end[v]))]
    return []


def _is_question(tab: TokenTable, lo: int, hi: int) -> bool:
    return any(tab.text[i] == "?" for i in range(max(lo, hi - 3), hi))


def _sentence_edges(tab: TokenTable, lo: int, hi: int) -> tuple[int, int] | None:
    """``_edges`` of a whole sentence (no clause words to drop), read from the table."""
    a, b = lo, hi
    while b > a and (tab.is_punct[b - 1] or tab.is_space[b - 1]):
        b -= 1
    while a < b and (tab.is_punct[a] or tab.is_space[a]):
        a += 1
    return (tab.idx[a], tab.end[b - 1]) if a < b else None


def _within_unit(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """A claim's span cut to its unit's (a line's sentence), less the punctuation left at
    the edge: a headline's claim never carries the next line's dateline."""
    if s >= start and e <= end:
        return s, e
    s, e = max(s, start), min(e, end)
    while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTE_EDGES):
        e -= 1
    while s < e and (text[s].isspace() or text[s] in QUOTE_EDGES):
        s += 1
    return s, e


def _sentence_claims(sdoc, lo: int, hi: int, document, ents, quote_contents, cues) -> list[Claim]:
    tab = token_table(sdoc)
    span = _sentence_edges(tab, lo, hi)
    if span is None:
        return []
    start, end = span
    q = _in_quote(quote_contents, start, end)
    if _is_question(tab, lo, hi):
        last = max(i for i in range(lo, hi) if tab.text[i] == "?")
        end = max(end, tab.idx[last] + 1)
        source = _quote_source(sdoc, q, ents, document) if q else author_ref(document)
        return [_claim(sdoc, start, end, source, None, cues, hypothesis=True)]
    out = []
    relayed = _relayed(sdoc, lo, hi, document, ents, quote_contents) or _trailing_relay(
        sdoc, lo, hi, document, ents
    )
    for s, e, source, cue in relayed:
        # the parse may run a clause over the line break that ends the unit ("Seravia says 340
        # detained" + "KESVAR, Nov 10 (MPA) — ..."): a headline's claim ends with its line
        s, e = _within_unit(doc_text(sdoc), s, e, start, end)
        if s >= e:
            continue
        if quote_contents and (
            _overlaps_quote(quote_contents, s, e)
            and not _in_quote(quote_contents, cue.start, cue.end)
        ):
            continue  # the quote already carries this content, with its resolved speaker
        out.append(_claim(sdoc, s, e, source, cue, cues))
    if out or q is not None or _overlaps_quote(quote_contents, start, end):
        return out
    if not any(tab.pos[i] in ("VERB", "AUX") for i in range(lo, hi)):
        return []  # a heading or a caption asserts nothing
    return [_claim(sdoc, start, end, author_ref(document), None, cues)]
