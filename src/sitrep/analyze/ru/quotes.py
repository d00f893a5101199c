"""Who said what in Russian: quotes in marks, dash dialogue, indirect speech, "по словам X".

Rules, because the patterns are regular and no Russian attribution corpus ships
offline:

* a quoted stretch followed by ", — сказал он" / "— заявил Варламов" is direct
  speech of that verb's subject; one after "X заявил:" is X's; one inside a
  sentence with a speech verb is a partial quote, or part of a mixed one after
  "что"; one with no cue near it is a continuation of the speaker before when
  long enough, and otherwise a title or a scare quote (dropped: «Известия» is a
  name, «провокаторы» an irony);
* a paragraph opening with a dash is dialogue: "— ..., — сказал он. — ...";
* "X заявил, что ...", "..., сообщил майор", "по словам X, ...", "как заявил
  X, ..." are indirect speech, with the clause as content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.analyze.quotes import quote_kind
from sitrep.analyze.ru.lexicon import SPEECH_VERBS
from sitrep.analyze.ru.marks import Stretch, quoted_stretches
from sitrep.analyze.ru.nlp import RuDoc
from sitrep.analyze.ru.speakers import actor, phrase_span, subject_of
from sitrep.records import ActorRef, Quote, Span

DASH_SEP = re.compile(r"\s[—–]\s")
LEAD_DASH = re.compile(r"^\s*[—–]\s*")
AFTER_MARK = re.compile(r"\s*[,!?…]*\s*[—–]\s*")
TITLE_NOUNS = frozenset(
    """
газета журнал издание агентство телеканал канал радиостанция радио фильм сериал книга роман
повесть песня альбом спектакль опера партия движение организация компания фонд операция
программа проект группа клуб центр сайт портал газете журнале издании агентства телеканала
фильме книге партии движения организации компании фонда операции программы проекта
""".split()
)
MIN_SPEECH_WORDS = 4
THAT = re.compile(r"\s*(?:(?:о|в|на)\s+том\s*)?,\s*что[\s,]+")
LOOSE_THAT = re.compile(r",\s*что[\s,]+")
NAMING_VERBS = frozenset({"назвать", "называть"})
CONTINUATION_PARAGRAPHS = 2
ACCORDING = frozenset({"словам"})
AS_WORDS = frozenset({"как"})
WORD = re.compile(r"\w+")


@dataclass
class _Draft:
    contents: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    sources: list[tuple[int, int]] = field(default_factory=list)
    speaker: ActorRef | None = None
    confidence: float = 0.9
    kind: str | None = None


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",:;—–"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",:;—–"):
        b -= 1
    return a, b


def _words(text: str) -> int:
    return len(WORD.findall(text))


class _Finder:
    def __init__(self, doc: RuDoc, ents, document) -> None:
        self.doc, self.ents, self.document = doc, ents, document
        self.text = doc.text
        self.stretches = quoted_stretches(doc.text)
        self.drafts: list[_Draft] = []
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n", doc.text)]

    # -- helpers ------------------------------------------------------------------

    def taken(self, a: int, b: int) -> bool:
        return any(
            s <= a < e or s < b <= e or (a <= s and e <= b)
            for d in self.drafts
            for s, e in d.contents
        )

    def in_cue(self, a: int, b: int) -> bool:
        return any(d.cue and d.cue[0] <= a and b <= d.cue[1] for d in self.drafts)

    def paragraph(self, pos: int) -> int:
        import bisect

        return bisect.bisect_right(self.para_starts, pos) - 1

    def speaker(
        self, verb: int, in_quote: bool = False
    ) -> tuple[list[tuple[int, int]], ActorRef | None]:
        subj = subject_of(self.doc, verb)
        if subj is None:
            return [], None
        s, e = phrase_span(self.doc, subj)
        return [(s, e)], actor(self.doc, self.ents, s, e, self.document, in_quote)

    def after_verb_speaker(
        self, verb: int, limit: int
    ) -> tuple[list[tuple[int, int]], ActorRef | None]:
        """ "— сказал он.", "— заявил министр обороны Хорвель.": the words after the verb."""
        toks = self.doc.tokens
        subj = subject_of(self.doc, verb)
        if subj is not None and subj > verb and toks[subj].start < limit:
            s, e = phrase_span(self.doc, subj)
            e = min(e, limit)
            return [(s, e)], actor(self.doc, self.ents, s, e, self.document)
        k = verb + 1
        run = []
        while k < len(toks) and toks[k].start < limit and toks[k].pos != "PUNCT" and len(run) < 6:
            run.append(k)
            k += 1
        names = [i for i in run if toks[i].pos in ("PROPN", "PRON", "NOUN")]
        if not names:
            return self.speaker(verb)
        s, e = toks[run[0]].start, toks[run[-1]].end
        if toks[run[0]].pos in ("ADV",):  # "— сказал затем Хорвель"
            s = toks[names[0]].start
        return [(s, e)], actor(self.doc, self.ents, s, e, self.document)

    def verbs_in(self, a: int, b: int) -> list[int]:
        return [
            t.i for t in self.doc.tokens if a <= t.start and t.end <= b and t.lemma in SPEECH_VERBS
        ]

    def previous_speaker(self, pos: int) -> _Draft | None:
        here = self.paragraph(pos)
        for d in sorted(self.drafts, key=lambda d: -d.contents[0][0]):
            if (
                d.contents[-1][1] <= pos
                and d.speaker is not None
                and here - self.paragraph(d.contents[-1][1]) <= CONTINUATION_PARAGRAPHS
            ):
                return d
        return None

    # -- dash dialogue ------------------------------------------------------------

    def dialogue(self) -> None:
        text = self.text
        pos = 0
        prev_para = ""
        for line in text.split("\n"):
            start = pos
            pos += len(line) + 1
            lead = LEAD_DASH.match(line)
            if not lead or not line.strip() or line.strip()[0] not in "—–":
                if line.strip():
                    prev_para = line
                continue
            body = start + lead.end()
            cuts = (
                [body]
                + [start + m.start() for m in DASH_SEP.finditer(line, lead.end())]
                + [start + len(line)]
            )
            segments = []
            for n in range(len(cuts) - 1):
                a = cuts[n] if n == 0 else cuts[n] + DASH_SEP.match(text, cuts[n]).end() - cuts[n]
                segments.append((a, cuts[n + 1]))
            contents, cue, sources, speaker = [], None, [], None
            for a, b in segments:
                verb = self._author_verb(a, b)
                if verb is not None and cue is None and contents:
                    tok = self.doc.tokens[verb]
                    cue = (tok.start, tok.end)
                    stop = text.find(".", tok.end, b)
                    sources, speaker = self.after_verb_speaker(verb, stop if stop >= 0 else b)
                    rest = stop + 1 if stop >= 0 else b
                    if (
                        _words(text[rest:b]) >= 2
                    ):  # "сказал он. Потом добавил ..." keeps the rest as speech
                        contents.append(_strip(text, rest, b))
                    continue
                contents.append(_strip(text, a, b))
            contents = [c for c in contents if c[1] > c[0] and _words(text[c[0] : c[1]]) >= 1]
            if not contents or _words(" ".join(text[a:b] for a, b in contents)) < 2:
                continue
            confidence = 0.9
            if cue is None and prev_para.rstrip().endswith(":"):
                pstart = text.rfind(prev_para, 0, start)
                verbs = self.verbs_in(pstart, pstart + len(prev_para))
                if verbs:
                    tok = self.doc.tokens[verbs[-1]]
                    cue = (tok.start, tok.end)
                    sources, speaker = self.speaker(verbs[-1])
            if cue is None:
                before = self.previous_speaker(contents[0][0])
                if before is None:
                    continue
                speaker, confidence = before.speaker, 0.5
            self.drafts.append(_Draft(contents, cue, sources, speaker, confidence, "direct"))
            prev_para = line

    def _author_verb(self, a: int, b: int) -> int | None:
        """The speech verb opening an author's segment ("сказал он", "заявил Варламов")."""
        k = self.doc.token_at(a)
        if k is None:
            return None
        toks = self.doc.tokens
        for i in range(k, min(k + 3, len(toks))):
            t = toks[i]
            if t.start >= b:
                break
            if t.lemma in SPEECH_VERBS and t.text[:1].islower():
                return i
        return None

    # -- quotation marks ----------------------------------------------------------

    def marked(self) -> None:
        text = self.text
        for st in self.stretches:
            if self.taken(st.start, st.end):
                continue
            inner = text[st.start : st.end]
            n_words = _words(inner)
            after = AFTER_MARK.match(text, st.close + 1)
            if (
                after
                and (verb := self._author_verb(after.end(), min(len(text), after.end() + 40)))
                is not None
            ):
                tok = self.doc.tokens[verb]
                stop = re.compile(r"[.,;!?\n]").search(text, tok.end)
                sources, speaker = self.after_verb_speaker(
                    verb, stop.start() if stop else len(text)
                )
                self.drafts.append(
                    _Draft(list(st.contents), (tok.start, tok.end), sources, speaker)
                )
                continue
            if self._is_title(st):
                continue
            para_start = self.para_starts[self.paragraph(st.open)]
            lead = text[para_start : st.open]
            if lead.rstrip().endswith(":"):
                colon = para_start + len(lead.rstrip()) - 1
                sent_start = max(text.rfind(".", para_start, colon) + 1, para_start)
                verbs = self.verbs_in(sent_start, colon)
                if verbs:
                    tok = self.doc.tokens[verbs[-1]]
                    sources, speaker = self.speaker(verbs[-1])
                    self.drafts.append(
                        _Draft(list(st.contents), (tok.start, tok.end), sources, speaker)
                    )
                    continue
                k = self.doc.token_at(sent_start)
                name = (
                    [t for t in self.doc.tokens[k:] if t.end <= colon and t.pos == "PROPN"]
                    if k is not None
                    else []
                )
                if name:
                    s, e = name[0].start, name[-1].end
                    self.drafts.append(
                        _Draft(
                            list(st.contents),
                            None,
                            [(s, e)],
                            actor(self.doc, self.ents, s, e, self.document),
                            0.7,
                        )
                    )
                    continue
            if self._in_sentence(st, n_words):
                continue
            if n_words >= MIN_SPEECH_WORDS and _is_sentence(inner):
                before = self.previous_speaker(st.open)
                if before is not None:
                    self.drafts.append(_Draft(list(st.contents), None, [], before.speaker, 0.5))

    def _is_title(self, st: Stretch) -> bool:
        """«Известия», газета «Правда», «Гражданского контроля»: a name, not speech."""
        k = self.doc.token_at(max(st.open - 1, 0))
        toks = self.doc.tokens
        prev = None
        if k is not None:
            for i in range(min(k, len(toks) - 1), -1, -1):
                if toks[i].end <= st.open:
                    prev = toks[i]
                    break
        if prev is not None and (prev.lemma in TITLE_NOUNS or prev.text.lower() in TITLE_NOUNS):
            return True
        inner = self.text[st.start : st.end]
        words = WORD.findall(inner)
        if (
            len(words) <= 3
            and words
            and words[0][:1].isupper()
            and not any(
                t.pos in ("VERB", "AUX") for t in toks if st.start <= t.start and t.end <= st.end
            )
        ):
            return True
        return False

    def _in_sentence(self, st: Stretch, n_words: int) -> bool:
        """A stretch inside a sentence with a speech verb: partial, or mixed after "что"."""
        k = self.doc.token_at(st.open)
        if k is None:
            return False
        sent = self.doc.tokens[k].sent
        a, b = self.doc.sents[sent]
        toks = self.doc.tokens
        verbs = [
            i
            for i in range(a, b)
            if toks[i].lemma in SPEECH_VERBS and not (st.open <= toks[i].start < st.close)
        ]
        verbs = [i for i in verbs if subject_of(self.doc, i) is not None]
        if not verbs:
            return False
        before = [i for i in verbs if toks[i].start < st.open]
        verb = before[-1] if before else verbs[0]
        sources, speaker = self.speaker(verb)
        cue = (toks[verb].start, toks[verb].end)
        # "заявил, что «...»", "заявил, что X якобы «...»": the whole complement is the content
        that = THAT.match(self.text, toks[verb].end, st.open) if before else None
        if that is None and before:  # "написал в своём блоге, что «...»"
            m = LOOSE_THAT.search(self.text, toks[verb].end, st.open)
            gap = self.text[toks[verb].end : m.start()] if m else ""
            if (
                m
                and m.end() == st.open
                and len(gap.split()) <= 4
                and not re.search(r"[.;:!?]", gap)
            ):
                that = m
        if that is not None:
            end = self.doc.sent_span(sent)[1]
            c = _strip(self.text, that.end(), _sent_end(self.text, st.close + 1, end))
            self.drafts.append(_Draft([c], cue, sources, speaker))
            return True
        lead = self.text[max(0, st.open - 30) : st.open].lower()
        if re.search(r"так\s+называем\w+\s*$", lead):
            return True  # "так называемые «правозащитники»": irony, not speech
        if n_words <= 2 and toks[verb].lemma not in NAMING_VERBS:
            return True  # a scare quote in a sentence that happens to report speech
        self.drafts.append(_Draft(list(st.contents), cue, sources, speaker, 0.8, "partial"))
        return True

    # -- indirect speech ----------------------------------------------------------

    def indirect(self) -> None:
        toks = self.doc.tokens
        text = self.text
        for v in toks:
            if (
                v.lemma not in SPEECH_VERBS
                or self.in_cue(v.start, v.end)
                or self.taken(v.start, v.end)
            ):
                continue
            a, b = self.doc.sents[v.sent]
            s_start, s_end = self.doc.sent_span(v.sent)
            subj = subject_of(self.doc, v.i)
            # "X заявил, что ...", "заявил о том, что ..."
            m = THAT.match(text[v.end : s_end])
            if m is None and v.i + 1 < b:
                m2 = re.search(r",\s*что[\s,]+", text[v.end : s_end])
                gap = text[v.end : v.end + m2.start()] if m2 else ""
                if m2 and len(gap.split()) <= 4 and not re.search(r"[.;:!?]", gap):
                    m = m2
            if m is not None and subj is not None:
                c0 = v.end + m.end()
                content = _strip(text, c0, _sent_end(text, c0, s_end))
                if content[1] > content[0] and not self.taken(*content):
                    sources, speaker = self.speaker(v.i)
                    self.drafts.append(_Draft([content], (v.start, v.end), sources, speaker))
                continue
            # "..., сообщил майор." — the verb after the content, its subject after it
            if (
                v.i > a
                and toks[v.i - 1].text == ","
                and subj is not None
                and subj > v.i
                and v.i - 1 > a
            ):
                content = _strip(text, s_start, toks[v.i - 1].start)
                if _words(text[content[0] : content[1]]) >= 3 and not self.taken(*content):
                    sources, speaker = self.speaker(v.i)
                    self.drafts.append(_Draft([content], (v.start, v.end), sources, speaker, 0.8))

    def according(self) -> None:
        """ "по словам X, ...", "как заявил X, ..." (and the same after the content)."""
        toks = self.doc.tokens
        text = self.text
        for t in toks:
            low = t.text.lower()
            cue_end = None
            if low == "по":
                nxt = [toks[i] for i in range(t.i + 1, min(t.i + 3, len(toks)))]
                if nxt and nxt[0].text.lower() in ACCORDING:
                    cue_end, src = nxt[0].end, nxt[0].i + 1
                elif (
                    len(nxt) == 2
                    and nxt[0].text.lower() in ("его", "её", "ее", "их")
                    and nxt[1].text.lower() in ACCORDING
                ):
                    cue_end, src = nxt[1].end, nxt[0].i
            elif low in AS_WORDS and t.i + 1 < len(toks) and toks[t.i + 1].lemma in SPEECH_VERBS:
                cue_end, src = toks[t.i + 1].end, t.i + 2
            if cue_end is None or self.taken(t.start, cue_end) or self.in_cue(t.start, cue_end):
                continue
            s_start, s_end = self.doc.sent_span(t.sent)
            comma = re.compile(r"[,.;:!?\n]").search(text, cue_end)
            stop = comma.start() if comma else s_end
            k = src
            if k >= len(toks):
                continue
            src_start = min(toks[k].start, stop)
            src_span = _strip(text, src_start, stop)
            if src_span[1] <= src_span[0]:
                continue
            if t.start > s_start + 1 and text[s_start : t.start].rstrip().endswith(","):
                content = _strip(text, s_start, t.start)  # "..., по словам X."
            else:
                content = _strip(text, stop, _sent_end(text, stop, s_end))
            if _words(text[content[0] : content[1]]) < 2 or self.taken(*content):
                continue
            speaker = actor(self.doc, self.ents, *src_span, self.document)
            self.drafts.append(_Draft([content], (t.start, cue_end), [src_span], speaker))

    # -- output -------------------------------------------------------------------

    def quotes(self) -> list[Quote]:
        out = []
        for d in sorted(self.drafts, key=lambda d: d.contents[0][0]):
            contents = [Span.of(self.text, a, b) for a, b in d.contents if b > a]
            if not contents:
                continue
            cue = Span.of(self.text, *d.cue) if d.cue else None
            sources = [Span.of(self.text, a, b) for a, b in d.sources]
            parts = contents + sources + ([cue] if cue else [])
            start, end = min(p.start for p in parts), max(p.end for p in parts)
            conf = (
                d.confidence
                if (cue is not None and sources) or d.confidence <= 0.5
                else min(d.confidence, 0.7)
            )
            out.append(
                Quote(
                    start,
                    end,
                    self.text[start:end],
                    cue,
                    sources,
                    contents,
                    d.speaker,
                    d.kind or quote_kind(contents, [(s.open, s.close + 1) for s in self.stretches]),
                    conf,
                )
            )
        return out


def _sent_end(text: str, a: int, end: int) -> int:
    while end > a and (text[end - 1].isspace() or text[end - 1] in ".!?…"):
        end -= 1
    return end


def _is_sentence(inner: str) -> bool:
    return inner[:1].isupper() or inner.rstrip()[-1:] in ".!?…"


def extract_quotes_ru(doc: RuDoc, ents, document=None) -> list[Quote]:
    """All attributions in a parsed Russian document, in text order."""
    if not doc.tokens:
        return []
    f = _Finder(doc, ents, document)
    f.dialogue()
    f.marked()
    f.according()
    f.indirect()
    return f.quotes()
