"""Candidate names from the spaCy parse of an English document.

Each candidate is one occurrence of a name, with spaCy's label corrected where
the words say otherwise ("Mr Horvel" tagged as an organization, "Drovna" tagged
as a person), the title before it ("Defence Minister") and the appositive after
it (", former ambassador to Veskaria,") read as its role and description, and
page furniture, headings and common nouns left out. Grouping the candidates into
actors is the clusters' job (entity_clusters.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.analyze.entity_words import (
    DETERMINERS,
    HYPOTHETICAL,
    INSTITUTIONS,
    LABELS,
    LOCATIVE,
    MEDIA_WORDS,
    NAMED_BY_ORG_NOUN,
    NOT_NAMES,
    OF_A_PLACE,
    ORG_HEADS,
    PAGEANTS,
    PLACE_HEADS,
    PLATFORMS,
    SPEECH_VERBS,
    person_parts,
)
from sitrep.analyze.junk import Lines, find_lines, is_adjective_form, is_common_noun
from sitrep.analyze.name_groups import NameCandidate
from sitrep.analyze.nlp import common_words, doc_text
from sitrep.analyze.token_table import token_table
from sitrep.lexicon.gazetteer import Gazetteer
from sitrep.lexicon.headlines import title_case_headline, title_case_line
from sitrep.lexicon.names import (
    HONORIFICS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    gender_of_name,
    gender_of_words,
)


@dataclass
class Candidate(NameCandidate):
    """One name occurrence, cleaned of titles and possessives."""

    role: str | None = None
    description: str | None = None
    role_span: tuple[int, int] | None = None  # character offsets of ``role``
    description_span: tuple[int, int] | None = None
    sentence: tuple[int, int] = (0, 0)  # the sentence the name is in
    title_start: int | None = None
    gender_hint: str | None = None
    hypothetical: bool = False  # "a President Dorn would": the title is not held yet


def _is_role_token(tok) -> bool:
    w = tok.text.lower().rstrip(".")
    return w in ROLE_WORDS and w not in ("former", "ex", "member", "witness", "resident")


def _title_start(sdoc, i: int, floor: int) -> int | None:
    """First token of a title run ending just before token ``i`` ("Defence Minister")."""
    j = i - 1
    start = None
    while j >= floor:
        tok = sdoc[j]
        w = tok.text.lower().rstrip(".")
        if _is_role_token(tok):
            start = j
        elif tok.text == "-" and j > floor and _is_role_token(sdoc[j - 1]):
            pass
        elif (
            tok.text in ("'s", "’s")
            and start is not None
            and j > floor
            and sdoc[j - 1].pos_ == "PROPN"
        ):
            j -= 1
            while j - 1 >= floor and sdoc[j - 1].pos_ == "PROPN":
                j -= 1
            start = j
        elif start is not None and (
            (w in ROLE_MODIFIERS and w not in ("the", "of", "and", "for"))
            or tok.ent_type_ == "NORP"
            or (tok.dep_ == "compound" and tok.pos_ in ("PROPN", "NOUN") and tok.text[:1].isupper())
        ):
            start = j
        else:
            break
        j -= 1
    return start


def _clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A role's characters: its first line, no unclosed bracket, no edge punctuation."""
    line = text[start:end].split("\n")[0]
    if line.count("(") > line.count(")"):
        line = line[: line.rfind("(")]
    stripped = line.strip(" ,;:-")
    if not stripped:
        return None
    s = start + line.index(stripped)
    return s, s + len(stripped)


def _appositive(sdoc, tok_start: int, tok_end: int) -> tuple[int, int] | None:
    """ ", former ambassador to Veskaria," after a name, without the article: its offsets."""
    if tok_end >= len(sdoc) or sdoc[tok_end].text != ",":
        return None
    for tok in sdoc[tok_start:tok_end]:
        for child in tok.children:
            if child.dep_ == "appos" and child.i >= tok_end and child.pos_ in ("NOUN", "PROPN"):
                if child.ent_type_ == "PERSON" or child.like_num:
                    continue
                left, right = child.left_edge.i, child.right_edge.i
                if left != tok_end + 1 or right - left > 15:
                    continue
                span = sdoc[left : right + 1]
                words = [t for t in span]
                while words and (words[0].lower_ in DETERMINERS or words[0].is_punct):
                    words = words[1:]
                while words and words[-1].is_punct:
                    words = words[:-1]
                if words and any(_is_role_token(t) or t.pos_ == "NOUN" for t in words):
                    span = sdoc[words[0].i : words[-1].i + 1]
                    return _clean_span(doc_text(sdoc), span.start_char, span.end_char)
    return None


def _appositive_before(sdoc, a: int, b: int, title_start: int | None) -> tuple[int, int] | None:
    """ "The former commander of the British Joint Forces, Richard Barrons," and
    "Former US ambassador to Russia Michael McFaul": a description ahead of the name.
    "The mayor of Drovna, Petr Kolas": the parser may hang the name on "Drovna"; the
    description is the role noun that "Drovna" completes."""
    root = sdoc[a:b].root
    head = root.head
    if (
        root.dep_ == "appos"
        and head.dep_ == "pobj"
        and head.head.dep_ == "prep"
        and head.head.head.i < head.i
    ):
        if _is_role_token(head.head.head) and head.i < a:
            head = head.head.head
    if (
        root.dep_ != "appos"
        or head.i >= a
        or head.pos_ not in ("NOUN", "PROPN")
        or not _is_role_token(head)
    ):
        return None
    left = head.left_edge.i
    if a - left > 16:
        return None
    words = list(sdoc[left:a])
    while words and (words[0].lower_ in DETERMINERS or words[0].is_punct):
        words = words[1:]
    if title_start is not None:  # "the council's spokesman, Major Anton Ivanek": not ", Major"
        words = [w for w in words if w.idx < title_start]
    while words and (words[-1].is_punct or words[-1].is_space):
        words = words[:-1]
    if not words:
        return None  # already read as the title
    span = sdoc[words[0].i : words[-1].i + 1]
    return _clean_span(doc_text(sdoc), span.start_char, span.end_char)


def _ent_parts(sdoc, ent) -> list[tuple[int, int]]:
    """An entity span cut at line breaks (a byline and a dateline run together) and,
    for places and organizations, at commas ("Drovna, Ostrovets")."""
    parts, a = [], ent.start
    for i in range(ent.start, ent.end):
        tok = sdoc[i]
        spaced_dash = (
            tok.text in ("-", "–", "—")
            and bool(tok.whitespace_)
            and i > 0
            and bool(sdoc[i - 1].whitespace_)
        )
        cut_here = (
            tok.is_space
            or "\n" in tok.text
            or spaced_dash
            or (tok.text == "," and ent.label_ != "PERSON")
        )
        if cut_here:
            if i > a:
                parts.append((a, i))
            a = i + 1
        elif "\n" in tok.whitespace_:
            parts.append((a, i + 1))
            a = i + 1
    if ent.end > a:
        parts.append((a, ent.end))
    return parts


def _title_word(tok) -> bool:
    w = tok.lower_.rstrip(".")
    return _is_role_token(tok) or w in HONORIFICS or w in ROLE_MODIFIERS or tok.text in ("-", "–")


def exact_place(name: str, gaz: Gazetteer):
    """The gazetteer's hit for ``name``, never a near-spelling guess (the callers trust
    only names the gazetteer knows as written)."""
    return gaz.lookup(name, fuzzy=False)


def _strong_place(text: str, located: bool, gaz: Gazetteer) -> bool:
    """The gazetteer knows this name well enough to overrule spaCy's label."""
    hit = exact_place(text, gaz)
    if hit is None:
        return False
    if hit.match in ("user", "historical-user", "country", "historical"):
        return True
    return located and hit.entry.population >= 100_000


def _relabel(sdoc, a: int, b: int, label: str, gaz: Gazetteer) -> tuple[int, int, str] | None:
    """Clean a name's token range and fix spaCy's label where the words say otherwise."""
    tab = token_table(sdoc)
    while b > a and (
        tab.text[b - 1] in ("'s", "’s", "'", "’") or tab.is_punct[b - 1] or tab.is_space[b - 1]
    ):
        b -= 1
    while a < b and (tab.lower[a] in ("the", "a", "an") or tab.is_punct[a] or tab.is_space[a]):
        a += 1
    if b <= a or all(_title_word(t) for t in sdoc[a:b]):
        return None  # "Major-General", "Interior": a title, not a name
    first, last = sdoc[a], sdoc[b - 1]
    if _of_a_place(sdoc, a, b):
        return a, b, "place"
    if a_platform(sdoc, a, b):
        return a, b, "org"
    located = a > 0 and sdoc[a - 1].lower_ in LOCATIVE
    if label != "person":
        # "Mr Horvel", "Major-General Viktor Saburov" tagged as organizations
        c = a
        while c < b - 1 and _title_word(sdoc[c]):
            c += 1
        if (
            c > a
            and last.lower_ not in ORG_HEADS
            and any(  # not "General Staff"
                _is_role_token(t) or t.lower_.rstrip(".") in HONORIFICS for t in sdoc[a:c]
            )
        ):
            if b - c <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in sdoc[c:b]):
                return c, b, "person"
        # an organization or place right after a person's title is a person ("President Vell")
        if a > 0 and _is_role_token(sdoc[a - 1]) and sdoc[a - 1].text[:1].isupper() and b - a <= 3:
            if all(t.pos_ == "PROPN" for t in sdoc[a:b]):
                return a, b, "person"
        text = sdoc[a:b].text
        if label == "org" and all(t.is_lower or not t.is_alpha for t in sdoc[a:b]):
            return None  # "the council", "white bison": not a name
        if label == "org" and _strong_place(text, located or text.isupper(), gaz):
            return a, b, "place"  # datelines ("VIENNA -"), "flights to Kelmar", "Drovna said"
        if (
            label == "org"
            and 2 <= b - a <= 3
            and _known_first_name(first)
            and last.lower_ not in ORG_HEADS
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in sdoc[a:b])
        ):
            if gaz.lookup(text) is None and last.text not in MEDIA_WORDS:
                return a, b, "person"  # "Irina Toll" tagged as an organization
        if (
            label == "place"
            and 2 <= b - a <= 3
            and _known_first_name(first)
            and last.lower_ not in PLACE_HEADS
            and all(t.pos_ == "PROPN" for t in sdoc[a:b])
        ):
            if gaz.lookup(text) is None:
                return a, b, "person"  # "Hanna Strand"
        return a, b, label
    a0 = a
    while a < b - 1 and (
        _is_role_token(sdoc[a])
        or sdoc[a].text in ("-", "–")
        or sdoc[a].lower_.rstrip(".") in HONORIFICS
    ):
        a += 1
    first, last = sdoc[a], sdoc[b - 1]
    head = last.lower_
    if a > a0 and head in ORG_HEADS and all(t.text[:1].isupper() for t in sdoc[a0:b]):
        return a0, b, "org"  # "General Staff": the title word is the organization's own
    if a > 0 and sdoc[a - 1].lower_ in NAMED_BY_ORG_NOUN:
        return a, b, "org"  # "the news agency Zapad-Info", "the rights group Civic Watch"
    if b - a == 1 and head.endswith("ians"):
        return a, b, "group"  # "Veskarians"
    if (head in ORG_HEADS or last.text in MEDIA_WORDS) and b - a >= 1:
        return a, b, "org"  # "Civic Watch", "Mechanised Brigade"
    if head in PLACE_HEADS:
        return a, b, "place"
    if b - a == 1 and (
        _is_role_token(first)
        or not first.text[:1].isupper()
        or first.lower_ in NOT_NAMES
        or first.lower_.endswith("ing")
    ):
        return None
    return a, b, "person"


def a_platform(sdoc, a: int, b: int) -> bool:
    """ "On Twitter", "a Telegram channel": a social platform is an organization, whatever
    spaCy called it (it often reads "Twitter" as a person). "X" is one only where it is
    written on ("posted on X")."""
    if b - a != 1 or not sdoc[a].text[:1].isupper():
        return False
    word = sdoc[a].text
    if word.lower() in PLATFORMS:
        return True
    return word == "X" and a > 0 and sdoc[a - 1].lower_ in ("on", "via")


def _of_a_place(sdoc, a: int, b: int) -> bool:
    """ "The mayor of Drovna, Petr Kolas": a one- or two-word name right after "mayor of",
    "residents of", ... is a place, whatever spaCy called it ("Drovna" read as an organization)."""
    if a < 2 or b - a > 2 or sdoc[a - 1].lower_ != "of" or sdoc[a - 2].lower_ not in OF_A_PLACE:
        return False
    words = sdoc[a:b]
    return sdoc[b - 1].lower_ not in ORG_HEADS and all(
        t.pos_ == "PROPN" and t.text[:1].isupper() for t in words
    )


def _is_known_place(word: str, gaz: Gazetteer) -> bool:
    hit = exact_place(word, gaz)
    return hit is not None and (
        hit.match in ("country", "user", "historical-user") or hit.entry.population >= 100_000
    )


def _known_first_name(tok) -> bool:
    return _first_name_like(tok.pos_, tok.text)


def _first_name_like(pos: str, text: str) -> bool:
    return (
        pos == "PROPN"
        and text[:1].isupper()
        and text.isalpha()
        and len(text) > 1
        and gender_of_name(text) is not None
    )


def _outlet_spans(sdoc, outlet: str | None) -> list[tuple[int, int]]:
    """Token ranges naming a news outlet: the document's own, or a place + "Today", "Times"..."""
    spans = []
    if outlet and len(outlet) > 2:
        for m in re.finditer(r"(?<!\w)" + re.escape(outlet) + r"(?!\w)", doc_text(sdoc)):
            span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                spans.append((span.start, span.end))
    for ent in sdoc.ents:
        if ent.label_ in ("GPE", "LOC", "NORP", "ORG") and ent.end < len(sdoc):
            nxt = sdoc[ent.end]
            if nxt.text in MEDIA_WORDS:
                spans.append((ent.start, ent.end + 1))
    return spans


def find_candidates(sdoc, gaz: Gazetteer, outlet: str | None = None) -> list[Candidate]:
    taken = [False] * (len(sdoc) + 1)
    out: list[Candidate] = []
    for a, b in _outlet_spans(sdoc, outlet):
        if not any(taken[a:b]):
            out.append(make_candidate(sdoc, a, b, "org"))
            for i in range(a, b):
                taken[i] = True
    for ent in sdoc.ents:
        label = LABELS.get(ent.label_)
        if label is None or any(taken[ent.start : ent.end]):
            continue
        for a, b in _ent_parts(sdoc, ent):
            fixed = _relabel(sdoc, a, b, label, gaz)
            if fixed is None:
                continue
            a, b, part_label = fixed
            out.append(make_candidate(sdoc, a, b, part_label))
        for i in range(ent.start, ent.end):
            taken[i] = True
    # names spaCy missed: a known first name followed by capitalized proper nouns
    tab = token_table(sdoc)
    pos, words = tab.pos, tab.text
    i = 0
    n = len(sdoc)
    while i < n:
        if not taken[i] and _first_name_like(pos[i], words[i]):
            j = i + 1
            while (
                j < n
                and not taken[j]
                and pos[j] == "PROPN"
                and words[j][:1].isupper()
                and words[j].isalpha()
            ):
                j += 1
            if j - i >= 2 and j - i <= 4:
                fixed = _relabel(sdoc, i, j, "person", gaz)
                if fixed is not None:
                    out.append(make_candidate(sdoc, *fixed))
                i = j
                continue
        i += 1
    # organizations inside a person's title are part of the title ("Interior Minister Lena Barsky")
    titles = [
        (c.title_start, c.start) for c in out if c.label == "person" and c.title_start is not None
    ]
    if titles:
        out = [
            c
            for c in out
            if c.label == "person"
            or not any(t0 <= c.start and c.end <= t1 for t0, t1 in titles)
            or c.label == "place"
            and "'s" in doc_text(sdoc)[c.end : c.end + 3]
        ]
    # a proper noun that says something is someone ("Ivashov disagreed")
    for k in range(n):
        if (
            not taken[k]
            and pos[k] == "PROPN"
            and tab.dep[k] == "nsubj"
            and tab.is_alpha[k]
            and words[k][:1].isupper()
            and not words[k].isupper()
            and tab.lemma[tab.head[k]] in SPEECH_VERBS
        ):
            tok = sdoc[k]
            a = tok.i
            while (
                a > 0
                and not taken[a - 1]
                and sdoc[a - 1].dep_ == "compound"
                and sdoc[a - 1].pos_ == "PROPN"
                and sdoc[a - 1].head.i == tok.i
            ):
                a -= 1
            if (
                not _is_role_token(tok)
                and tok.text not in INSTITUTIONS
                and not _is_known_place(tok.text, gaz)
            ):
                fixed = _relabel(sdoc, a, tok.i + 1, "person", gaz)
                if fixed is not None:
                    out.append(make_candidate(sdoc, *fixed))
                for i in range(a, tok.i + 1):
                    taken[i] = True
    out.sort(key=lambda c: c.start)
    return _drop_junk(sdoc, out)


def _drop_junk(sdoc, cands: list[Candidate]) -> list[Candidate]:
    """Headings, page furniture, "pro-X" adjectives and common nouns are not actors.

    A person or organization named only in headings is dropped; one the text also
    names is kept (its heading mention included). Places in headings stay places.
    """
    text = doc_text(sdoc)
    lines = find_lines(sdoc, text)
    top = title_case_headline(text)
    if top is not None:
        lines = Lines((*lines.headings, top), lines.boilerplate)
    seen: set[tuple[int, int]] = set()
    unique = []
    for c in cands:  # two passes may find the same name ("Oleg Varlamov said"): keep it once
        if (c.start, c.end) not in seen:
            seen.add((c.start, c.end))
            unique.append(c)
    kept = [
        c
        for c in unique
        if not lines.boilerplate_at(c.start, c.end)
        and not is_adjective_form(c.text, text[max(0, c.start - 5) : c.start])
        and not (c.label != "place" and is_common_noun(c.text))
        and not _a_pageant(c, text)
    ]
    people = {c.text.casefold() for c in kept if c.label == "person"}
    if people:
        common = {t.text for t in sdoc if t.is_alpha and t.text.islower()}
        kept = [_trim_headline_word(sdoc, c, people, common) for c in kept]
    if not lines.headings:
        return kept
    in_body: dict[str, str] = {}
    for c in kept:
        if not lines.heading_at(c.start, c.end):
            in_body.setdefault(c.text.casefold(), c.label)
            in_body.setdefault(person_parts(c.text)[1].casefold(), c.label)
    out = []
    for c in kept:
        if c.label == "place" or not lines.heading_at(c.start, c.end):
            out.append(c)
            continue
        label = in_body.get(c.text.casefold()) or in_body.get(person_parts(c.text)[1].casefold())
        words = c.text.split()
        if (
            label == "person"
            and c.text.casefold() not in in_body
            and len(words) == 2
            and c.tok_end - c.tok_start == 2
            and not _first_name_like("PROPN", words[0])
        ):  # "Derelict Halvik And ...": the headline's word is no first name
            c = make_candidate(sdoc, c.tok_start + 1, c.tok_end, "person")
        if label is not None:
            c.label = (
                label if " " not in c.text else c.label
            )  # the text says what a heading's word is
            out.append(c)
    return out


def _a_pageant(c: Candidate, text: str) -> bool:
    """ "A former Miss Universe" is a title someone won, not a woman called Universe."""
    return c.text in PAGEANTS and text[max(0, c.start - 5) : c.start] == "Miss "


def _trim_headline_word(sdoc, c: Candidate, people: set[str], common: set[str]) -> Candidate:
    """A title-case headline runs its words into the name ("Veterans Rip Donald Trump",
    "President Obama Says"): when the rest is a person the text names elsewhere, the
    words cut off are no first names ("Mary Ann Smith" stays whole) before the name,
    and words the text also writes in lower case ("says") after it."""
    words = c.text.split()
    if c.label != "person" or c.tok_end - c.tok_start != len(words):
        return c
    for k in range(1, len(words) - 1):
        if _first_name_like("PROPN", words[k - 1]):
            break
        if " ".join(words[k:]).casefold() in people:
            return make_candidate(sdoc, c.tok_start + k, c.tok_end, "person")
    if len(words) == 2 and words[1].casefold() in people and _headline_word(sdoc, c, words[0]):
        return make_candidate(sdoc, c.tok_start + 1, c.tok_end, "person")
    for k in range(1, len(words)):
        if words[-k].lower() not in common:
            break
        if " ".join(words[:-k]).casefold() in people:
            return make_candidate(sdoc, c.tok_start, c.tok_end - k, "person")
    return c


def _headline_word(sdoc, c: Candidate, word: str) -> bool:
    """A common word a title-case line puts before a surname the text names alone
    ("Derelict Obama and Clinton;" over a story about Obama): an English adjective or noun,
    no first name, and written nowhere else in the text."""
    text = doc_text(sdoc)
    return (
        word.isalpha()
        and word.lower() in common_words()
        and not _first_name_like("PROPN", word)
        and text.count(word) == 1
        and title_case_line(text, c.start, c.end)
    )


def make_candidate(sdoc, a: int, b: int, label: str) -> Candidate:
    span = sdoc[a:b]
    cand = Candidate(span.start_char, span.end_char, span.text, label, a, b)
    root = span.root
    cand.subject = root.dep_ in ("nsubj", "nsubjpass") or (
        root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")
    )
    if label == "person":
        sent = span.sent
        text = doc_text(sdoc)
        sent_text = sent.text
        lead = len(sent_text) - len(sent_text.lstrip())
        cand.sentence = (sent.start_char + lead, sent.start_char + len(sent_text.rstrip()))
        t = _title_start(sdoc, a, sent.start)
        if t is not None:
            raw = sdoc[t:a]
            title = raw.text.strip(" -")
            cand.title_start = sdoc[t].idx
            cand.hypothetical = t > sent.start and sdoc[t - 1].lower_ in HYPOTHETICAL
            if all(w.lower().rstrip(".") in HONORIFICS for w in title.split()):
                cand.gender_hint = gender_of_words(title.split())  # "Mrs" says who, not what
            elif title:
                cand.role = title
                r0 = raw.start_char + raw.text.index(title)
                cand.role_span = (r0, r0 + len(title))
        desc = _appositive(sdoc, a, b) or _appositive_before(sdoc, a, b, cand.title_start)
        if desc is not None:
            cand.description_span = desc
            cand.description = text[desc[0] : desc[1]]
    return cand
