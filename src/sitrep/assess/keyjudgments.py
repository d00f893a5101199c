"""The key judgments: one list, built once, that the file brief, the web brief and the store share.

A corpus of any size gets judgments. Statements that independent origins carry
come first; then changes of stance; then, from single-origin reporting, what
named speakers say (put as "X says Y", never as Y) and the authors' own
estimates in their estimative words mapped to ICD 203 bands. Background and
trivia (an official's age, a career summary) never rank as key judgments.
"""

from __future__ import annotations

import re

from sitrep.assess.chains import display_name, names_source
from sitrep.assess.evidence import MARKS, Evidence, closes_inside, strip_marks
from sitrep.assess.grades import best_grade, credibility
from sitrep.assess.judgments import (
    BAND_OF_CREDIBILITY,
    Judgment,
    clean_statement,
    confidence_sentence,
    count,
    drop_headline,
    the,
    without_dateline,
)
from sitrep.assess.storylines import Storyline, content_words, jaccard
from sitrep.likelihood import ICD203
from sitrep.records import NOT_STATEMENTS

LIMIT = 10
MAX_JUDGMENTS = 12  # one page: what the brief, the web brief and the store all show
# what an analyst leads with: events, casualties, forces, positions and intentions
IMPORTANT = re.compile(
    r"\b(kill|dead|death|die|injur|wound|casualt|arrest|detain|held|troop|tank|armou?r|soldier|force|brigade|"
    r"deploy|attack|strike|shell|invade|invasion|seiz|coup|shot|shoot|fire|explo|destroy|bridge|border|"
    r"order|plan|intend|will|threat|warn|demand|refus|resign|suspend|power|ceasefire|talks|sanction|"
    r"protest|march|curfew|evacuat|flee|refugee|election|martial)\w*",
    re.IGNORECASE,
)
BACKGROUND = re.compile(
    r"(,\s*\d{2},\s)|\baged \d{2}\b|\b\d{2}-year-old\b|\bveteran of\b|\bborn in\b|\bgraduat|"
    r"\bis commanded by\b|\bserved as\b|\bformer(ly)?\b.*\bbefore\b"
    r"|\bwas appointed\b.*\bin \d{4}\b",
    re.IGNORECASE,
)
HEARSAY_TAIL = re.compile(r",\s*(it|they|he|she) (said|added|reported)\.?\s*$", re.IGNORECASE)


def importance(text: str) -> int:
    """How much an analyst cares: event, casualty, force and intention
    words; background scores nothing."""
    if BACKGROUND.search(text):
        return -1
    score = min(3, len({m.group(1).lower()[:5] for m in IMPORTANT.finditer(text)}))
    return score - (1 if HEARSAY_TAIL.search(text) else 0)


def speaker_of(ev: Evidence) -> str | None:
    """The named speaker a statement is attributed to (its first quote's
    speaker or claim source)."""
    for q in ev.quotes:
        if q.speaker and q.speaker.name and q.speaker.kind == "named":
            return q.speaker.name
    for c in ev.claims:
        if c.source and c.source.name and c.source.kind == "named":
            return c.source.name
    return None


# cues that only say who said it: "X said Y", "according to X"; any other
# cue is kept ("X accused ...")
PLAIN_SAYING = re.compile(
    r"^(?:s[ae]ys?|said|saying|told|tells?|according|stat|add|report|announc|wr[io]te|"
    r"declar|explain|note|tweet|post|show|found|find|:|—|-)",
    re.IGNORECASE,
)
# how an unnamed source is cited ("according to the poll", "officials said", "a survey found"):
# a source whose verb is another ("twelve percent indicated", "the group views") is not cited
CITING = re.compile(
    r"^(?:according|s[ae]ys?|said|told|tells?|report|announc|stat|show|found|find|estimat|confirm)",
    re.IGNORECASE,
)
NOT_CITED = re.compile(
    r"\b(?:per\s?cent|percent)\b|%|^(?:it|he|she|they|we|i|you|this|that)$", re.IGNORECASE
)
MIN_JUDGMENTS = 5  # a report with nothing more is judged on what it says who found or said


def _lead_words(text: str) -> str:
    """Quoted or reported words as a judgment gives them: without a headline line the span
    ran over, the dateline or the quotation marks."""
    return without_dateline(strip_marks(drop_headline(text)))


def content_of(ev: Evidence, speaker: str | None = None) -> tuple[str, str] | None:
    """What a sentence reports someone said, without "X says" or "according to X": the content span.

    The speaker's quoted words when there are enough of them, else the claim or the
    indirect quote the speaker (or, without one, anyone named) is the source of; with
    the verb that reports it ("says", or the sentence's own "accused").
    """

    def ours(who) -> bool:
        return bool(
            who and who.name and who.kind == "named" and (speaker is None or who.name == speaker)
        )

    def verb(cue, start: int) -> str:
        return (
            "says"
            if cue is None or cue.start > start or PLAIN_SAYING.match(cue.text.strip())
            else cue.text
        )

    for q in ev.quotes:
        if ours(q.speaker) and q.kind == "direct" and q.contents:
            words = " … ".join(_lead_words(c.text) for c in q.contents)
            if len(words.split()) >= 4:
                return "says", f"“{words}”"
    for c in ev.claims:
        if ours(c.source) and c.cue is not None and len(c.text.split()) >= 4:
            found = clean_statement(strip_marks(drop_headline(whole(ev, c))))
            return verb(c.cue, c.start), found.rstrip(" .,")
    for q in ev.quotes:
        if ours(q.speaker) and q.kind not in NOT_STATEMENTS and q.contents:
            words = " … ".join(_lead_words(c.text) for c in q.contents)
            if len(words.split()) >= 4:
                return verb(q.cue, q.contents[0].start), words.rstrip(" .,")
    return None


def whole(ev: Evidence, span) -> str:
    """A span's text with the quotation mark that closes a quote it opens: a claim span
    ends at its last word ('... was “a training exercise'), the mark after it is the quote's."""
    text = span.text.rstrip()
    after = ev.doc.text[span.end : span.end + 1]
    if text.endswith(tuple(MARKS)) or not after or after not in MARKS:
        return span.text
    return span.text + after if closes_inside(text + after) else span.text


def unwrap(content: str) -> str:
    """Quoted words without the pair of marks around them; a mark closing a quote inside the
    words stays ('the deployment was “a training exercise”')."""
    if content.startswith("“") and content.endswith("”") and len(content) > 1:
        return content[1:-1]
    return content


def _plain(content: str, ev: Evidence) -> str:
    """A content span as words after "says": "soldiers will stay ...", keeping names capitalised.

    The first word keeps its capital when it names an actor of the sentence or the
    document writes it capitalised inside a sentence too ("the Ministry ...").
    """
    if content.startswith("“"):
        return content
    content = re.sub(r"^[Tt]hat\s+", "", content)
    first = re.match(r"\w+", content)
    if first is None or first.group() == first.group().lower():
        return content
    word = first.group()
    named = any(word.lower() in key.split(":", 1)[-1].split("-") for key in ev.entities)
    inside = re.search(rf"[\w,;] {re.escape(word)}\b", ev.doc.text)
    if LOWER_FIRST.match(content) or not (named or inside):
        content = content[:1].lower() + content[1:]
    return content


def says(speaker: str, ev: Evidence, via: str | None = None) -> str:
    """ "X says Y", attributed once: Y is the content span, never the sentence that already says
    "X said"; a relay the content opens with ("Bloomberg reports that ...") is named as one."""
    found = content_of(ev, speaker)
    if found is not None:
        verb, content = found
        relayed = (
            re.match(
                rf"(?:the\s+)?{re.escape(via)}\s+(?:reports|reported|is reporting|has reported|"
                rf"writes|wrote|says|said)\s+(?:that\s+)?",
                content,
                re.IGNORECASE,
            )
            if via
            else None
        )
        if relayed:
            return (
                f"{speaker} {verb}, as {via} reports, that {_plain(content[relayed.end() :], ev)}"
            )
        return f"{speaker} {verb} {_plain(content, ev)}"
    return f"{speaker} says, as reported: “{clean_statement(ev.text)}”"


def unnamed_citation(ev: Evidence) -> tuple[str, str] | None:
    """(the unnamed source, what it is cited for) of a sentence that cites one: "according to
    the poll, ..." -> ("the poll", ...); "two officials said that ..." -> ("two officials", ...)."""
    for c in ev.claims:
        who = c.source
        if (
            who is None
            or who.kind not in ("unnamed-person", "unnamed-plural")
            or not who.name
            or NOT_CITED.search(who.name.strip())
            or c.cue is None
            or not CITING.match(c.cue.text.strip())
            or len(c.text.split()) < 4
        ):
            continue
        name = " ".join(strip_marks(who.name).split())
        first = name.split()[0]
        if not re.search(rf"[\w,;] {re.escape(first)}\b", ev.doc.text):  # "Two officials" opens it
            name = name[:1].lower() + name[1:]
        return name, clean_statement(strip_marks(whole(ev, c))).rstrip(" .,")
    return None


def is_heading(ev: Evidence) -> bool:
    """A headline ("Poll Shows Vahr Ahead In Drummond"): one line of capitalised words."""
    words = re.findall(r"[A-Za-z][\w'’-]*", ev.text)
    if len(words) < 3 or "\n" in ev.text.strip():
        return False
    caps = sum(w[0].isupper() for w in words if len(w) > 3)
    long = sum(len(w) > 3 for w in words)
    return long > 0 and caps >= 0.8 * long and not re.search(r"[.!?][”\"’']?\s*$", ev.text.strip())


def chance(band: int) -> str:
    """ "It is likely (55–80%)", "There is a roughly even chance (45–55%)"."""
    words, prob = ICD203[band]
    return (
        f"There is {'a ' if band == 4 else ''}{words} ({prob})"
        if "chance" in words
        else f"It is {words} ({prob})"
    )


def _estimate(ev: Evidence):
    """The author's own hedged claim in this sentence, with its band, if any."""
    for c in ev.claims:
        if c.source and c.source.kind == "author" and c.band is not None and not c.hypothesis:
            return c
    return None


# the estimative frame of an author's sentence: "it seems likely that", "there is a chance that"
FRAME = re.compile(
    r"\b(?:it|there)\s+(?:is|was|seems|appears|looks|remains)\b[^,;.]{0,40}?\b(?:likely|unlikely|"
    r"possible|probable|improbable|certain|doubtful|chance|odds|plausible|conceivable)\b\s+that\s+",
    re.IGNORECASE,
)
ADVERB = re.compile(
    r"\s*\b(?:almost certainly|very probably|most likely|very likely|almost surely|certainly"
    r"|probably|possibly|perhaps|likely|presumably|conceivably)\b",
    re.IGNORECASE,
)
LOWER_FIRST = re.compile(
    r"^(?:The|A|An|It|There|This|These|Those|Its|Their|His|Her|Our|Some|Many|Most|About|Around|"
    r"Nearly|Almost|More|Over|Up|At|Several|All|Both|No|None)\b"
)


def estimative_cue(ev: Evidence, est) -> str | None:
    """The author's estimative words as written ("seems likely", "almost certainly")."""
    if not est.hedges:
        return None
    start, end = min(h.start for h in est.hedges), max(h.end for h in est.hedges)
    text = ev.doc.text[start:end]
    return text if end - start <= 30 else est.hedges[0].text


def estimate_content(ev: Evidence, est) -> str:
    """What the author estimates, without the estimative words: "the army will withdraw"."""
    text = clean_statement(whole(ev, est)).rstrip(" .")
    m = FRAME.search(text)
    if m:
        text = text[m.end() :]
    else:
        text = ADVERB.sub("", text, count=1)
    return text[:1].lower() + text[1:] if LOWER_FIRST.match(text) else text


def author_assesses(band: int, content: str) -> str:
    """ "The author assesses it is likely (55–80%) that ...": the author's
    estimate, in ICD 203 words."""
    frame = chance(band)
    return f"The author assesses {frame[:1].lower() + frame[1:]} that {content}."


def _naming(s: Storyline, a) -> list[Evidence]:
    """The statements of a storyline that name its one first source ("according to the council")."""
    chains = getattr(a, "chains", {})
    first = s.first_sources[0] if len(s.first_sources) == 1 else None
    return [m for m in s.members if first and m.id in chains and names_source(chains[m.id], first)]


def _said_band(s: Storyline, a) -> tuple[int | None, int]:
    """How likely it is that the first source said it, and how many independent origins report
    that it did: those whose statements name it (a report naming no one does not)."""
    naming = _naming(s, a) or s.members
    origins = {s.origin_of[m.id].key: s.origin_of[m.id] for m in naming if m.id in s.origin_of}
    grade = best_grade([a.grades.grade(o.name) for o in origins.values()])
    n = max(1, len(origins))
    return BAND_OF_CREDIBILITY[credibility(n, grade, False, False)], n


def substantive(ev: Evidence) -> bool:
    """Whether a statement says something an analyst would judge: a speaker or a cited source,
    a figure, or an event, casualty, force or intention word.

    Why: a story often opens on a scene ("Drovna woke up on Thursday to a closed airport, a
    silent Defence Ministry and a great many rumours"): no one says it, it counts nothing and
    names no event; two reports that open alike still make a storyline, not a key judgment.
    """
    if importance(ev.text) < 0:
        return False
    cited = any(
        c.source is not None and c.source.kind != "author" and c.cue is not None for c in ev.claims
    )
    return bool(speaker_of(ev) or cited or ev.figures or importance(ev.text) > 0)


def heading_of(s: Storyline) -> Evidence:
    """The statement a storyline is headed by: its lead when the lead is substantive (a
    speaker, a cited source, a figure, event words), never the scene a story opens on
    ("Drovna woke up to a closed airport") or background; then, of the substantive ones, a
    report's own before a relay, an attributed statement before an unattributed one, the
    one that says most of what the storyline's other reports say, the shorter, the earlier."""
    if importance(s.lead.text) >= 0 and substantive(s.lead) and not s.lead.questions:
        return s.lead
    words = {m.id: content_words(m.text) for m in s.members}

    def central(m: Evidence) -> float:
        """How much of what the storyline's other reports say this statement says too."""
        others = [o for o in s.members if o.doc.id != m.doc.id]
        if not others:
            return 0.0
        return sum(jaccard(words[m.id], words[o.id]) for o in others) / len(others)

    def rank(m: Evidence):
        return (
            m.doc.language not in (None, "en"),
            importance(m.text) < 0,  # background: an age, a career
            not substantive(m),
            m.questions,
            s.origin_of[m.id].via != "own" if m.id in s.origin_of else True,
            not (speaker_of(m) or _cites(m)),
            -round(central(m), 1),
            len(m.text) > 320,
            m.date or "9999",
            m.start,
        )

    return min(s.members, key=rank)


def _cites(ev: Evidence) -> bool:
    return any(
        c.source is not None and c.source.kind != "author" and c.cue is not None for c in ev.claims
    )


def judged_lead(s: Storyline) -> Evidence | None:
    """The statement a storyline's key judgment is built from: its lead, unless the lead only
    sets the scene; then its first substantive statement; none when no statement is one, or
    when the lead is background or an "..., it said." aside (those never rank)."""
    if importance(s.lead.text) < 0:
        return None
    if substantive(s.lead):
        return s.lead
    if s.heading is not None and substantive(s.heading):
        return s.heading  # the statement the storyline is headed by: its most substantive
    found = [m for m in s.members if substantive(m) and not m.questions]
    return min(found, key=lambda m: m.doc.language not in (None, "en")) if found else None


def _from_storyline(s: Storyline, a, lead: Evidence | None = None) -> Judgment:
    lead = lead or s.lead
    firsts = s.first_sources
    naming = _naming(s, a) if len(firsts) == 1 else []
    if naming and (speaker_of(lead) is None or lead not in naming):
        # the report that says whom it rests on; a headline's "Seravia says" names no one
        lead = naming[0]
    chain = getattr(a, "chains", {}).get(lead.id)
    # one first source, however many outlets relay it: what it says, never that it is true
    speaker = speaker_of(lead) or (the(firsts[0]) if len(firsts) == 1 else None)
    if len(s.origins) == 1:  # copies or relays of one report: it says, we do not judge
        speaker = speaker or (the(chain.cites) if chain and chain.cites else s.origins[0].name)
        firsts = firsts[:1]
    caveat = (
        ("Figures disagree: " + "; ".join(c.summary for c in s.conflicts) + ".")
        if s.conflicts
        else None
    )
    band_text = chance(s.band) if s.band else None
    band = s.band
    if speaker and len(firsts) <= 1:
        statement = says(speaker, lead)
        statement = statement[:1].upper() + statement[1:]
        band, naming = _said_band(s, a)
        reports = (
            f"{count(naming, 'independent origin')} report it"
            if naming > 1
            else f"{count(len(s.documents), 'document')} carry one report"
            if len(s.origins) == 1
            else "one origin reports it"
        )
        alone = (
            f"That it is true rests on {speaker} alone: one source, however many outlets carry it."
        )
        likelihood = (
            f"{chance(band)} that {speaker} said this: {reports}. {alone}" if band else None
        )
        if likelihood is None:
            caveat = " ".join(c for c in (caveat, alone) if c)
        kind = "attributed"
    else:  # independent first sources support the statement itself: what it says, not who said it
        found = content_of(lead)
        statement = (
            clean_statement(unwrap(found[1])) + "."
            if found and found[0] == "says"
            else clean_statement(lead.text)
        )
        likelihood = f"{band_text} that this is accurate." if band_text else None
        kind = "corroborated"
    return Judgment(
        kind,
        statement,
        likelihood,
        confidence_sentence(s),
        band,
        s.grade,
        s.credibility,
        s.confidence,
        [lead],
        storyline=s,
        speaker=speaker,
        chain=_chain(a, lead),
        caveat=caveat,
    )


def _chain(a, ev: Evidence) -> str | None:
    chain_of = getattr(a, "chain_of", None)
    return chain_of(ev) if chain_of else None


def _single(ev: Evidence, a) -> Judgment | None:
    """A single-origin statement: the speaker's claim, or the author's own estimate."""
    o = a.origin_of.get(ev.id)
    name = o.name if o else ev.outlet
    grade = a.grades.grade(name)
    name = display_name(name)
    cred = credibility(1, grade, ev.hedged, False)
    basis = f"one origin ({name}), not corroborated"
    est = _estimate(ev)
    speaker = speaker_of(ev)
    one = f"It rests on one origin ({name}) and nothing corroborates it."
    if speaker:
        chain = getattr(a, "chains", {}).get(ev.id)
        return Judgment(
            "attributed",
            says(speaker, ev, chain.via if chain else None),
            None,
            f"We have low confidence in this assessment ({basis}); it reports what {speaker} "
            f"says, not that it is true.",
            None,
            grade,
            cred,
            "low",
            [ev],
            speaker=speaker,
            chain=_chain(a, ev),
            caveat=one,
        )
    cited = unnamed_citation(ev)
    if cited is not None and est is None:
        source, content = cited
        return Judgment(
            "attributed",
            f"{name} reports, citing {source}, that {_plain(content, ev)}.",
            None,
            f"We have low confidence in this assessment ({basis}); it reports what {name} says "
            f"{source} found or said, not that it is true.",
            None,
            grade,
            cred,
            "low",
            [ev],
            chain=_chain(a, ev),
            caveat=one,
        )
    if est is not None:
        author = ev.doc.author
        who = f"{author}'s" if author else "the author's"
        words, prob = ICD203[est.band]
        cue = estimative_cue(ev, est)
        cue_text = f", for the author's “{cue}”" if cue else ""
        return Judgment(
            "estimate",
            author_assesses(est.band, estimate_content(ev, est)),
            f"ICD 203 band: {words} ({prob}){cue_text}.",
            f"We have low confidence in this assessment; it is {who} judgment, not ours.",
            est.band,
            grade,
            cred,
            "low",
            [ev],
            speaker=author,
            chain=_chain(a, ev),
            caveat=one,
        )
    return None


def build_judgments(a, limit: int = LIMIT) -> list[Judgment]:
    """The key judgments of an assessment (an :class:`sitrep.assess.Assessment`), best first."""
    out: list[Judgment] = []
    used: set[str] = set()
    leads = {id(s): judged_lead(s) for s in a.storylines}  # a scene-setting lead is none
    ranked = sorted(
        (
            s
            for s in a.storylines
            if (s.band is not None or len(s.origins) > 1)  # relays of one source: what it says
            and not all(m.questions for m in s.members)
            and leads[id(s)] is not None
        ),
        key=lambda s: (
            -(
                len(getattr(s, "first_sources", None) or s.origins) * 2
                + len(s.origins)
                + importance(leads[id(s)].text)
            ),
            s.credibility,
            s.first_date or "",
        ),
    )
    for s in ranked[:limit]:
        out.append(_from_storyline(s, a, leads[id(s)]))
        used.update(m.id for m in s.members)
    for sj in a.stance_judgments():
        c = sj.change
        likelihood = (
            f"{chance(sj.band)} that {c.speaker} said both, in this order." if sj.band else None
        )
        out.append(
            Judgment(
                "stance",
                sj.statement,
                likelihood,
                sj.confidence_text,
                sj.band,
                sj.reliability,
                sj.credibility,
                sj.confidence,
                [c.before.evidence, c.after.evidence],
                speaker=c.speaker,
            )
        )
        used.update((c.before.evidence.id, c.after.evidence.id))
    del out[max(limit, MAX_JUDGMENTS) :]
    room = limit - len(out)
    if room <= 0:
        return out
    in_story = {m.id for s in a.storylines for m in s.members}
    singles = []
    plain: list[Judgment] = []  # what is said or found about nothing the importance words name
    seen: set[str] = set()
    for ev in a.evidence:
        rank = importance(ev.text)  # an author's own estimate is a judgment whatever its subject
        if ev.id in used or ev.id in in_story or ev.questions or rank < 0 or is_heading(ev):
            continue
        key = " ".join(re.findall(r"\w+", ev.text.lower()))
        if key in seen:
            continue
        j = _single(ev, a)
        if j is None:
            continue
        seen.add(key)
        if rank == 0 and j.kind != "estimate":
            plain.append(j)
        else:
            singles.append((rank, j.kind == "estimate", ev.start, j))
    singles.sort(key=lambda t: (-t[0], not t[1], t[2]))
    out += [j for *_, j in singles[:room]]
    # a report that names no event still says who found or said what: judged, in its order
    out += plain[: max(0, min(MIN_JUDGMENTS, limit) - len(out))]
    return out
