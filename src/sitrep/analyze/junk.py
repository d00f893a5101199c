"""Names that are not actors: headings, page boilerplate, "pro-X" adjectives, common nouns.

spaCy tags "Military Situation", "Key Takeaways" or "Leave a Reply" as organizations or
people because they are capitalized; a reader sees at once that they are a section
heading or the furniture of a web page. These checks run on the candidates before
clustering, so that junk never becomes an actor (nor a speaker a quote could go to).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.lexicon.headlines import WORD, is_heading, text_lines

# Phrases that only the furniture of a web page uses; a short line holding one is furniture.
BOILERPLATE = re.compile(
    r"\b(leave a (reply|comment)|cancel reply|related (posts?|articles?|stories)"
    r"|subscribe|newsletter|privacy policy|cookie policy|terms of (service|use)|contact us"
    r"|share this|share on|follow us|read more|sign up|log in|all rights reserved|copyright"
    r"|required fields|your email address|click to|like this|filed under|skip to content|tags:"
    r"|categories:|previous post|next post|about us|advertisement)\b",
    re.IGNORECASE,
)
# "Posted on 12 March 2022 by admin", "Posted in World", "This entry was posted in News": the
# page's own line, where nothing but a date or the page's item comes before "posted". A
# subject there makes it a sentence: "Trump posted on Twitter that he would ..." stays.
POSTED = re.compile(r"\bposted (by|in|on)\b", re.IGNORECASE)
POSTED_LEAD = frozenset(
    "this the entry post article story item page was is originally first last updated and at "
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
MAX_BOILERPLATE_WORDS = 14
# Capitalized common nouns spaCy takes for names on pages and in lists.
COMMON_NOUNS = frozenset(
    "admin administrator share reply comments comment menu home search login editor update updates "
    "tags archive archives subscribe newsletter advertisement sponsored photo video image source "
    "sources staff analysis opinion breaking live forces troops".split()
)


@dataclass(frozen=True)
class Lines:
    """The character ranges of a document's heading lines and boilerplate lines."""

    headings: tuple[tuple[int, int], ...]
    boilerplate: tuple[tuple[int, int], ...]

    def heading_at(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.headings)

    def boilerplate_at(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.boilerplate)


def is_boilerplate(line: str) -> bool:
    """A short line of page furniture ("Leave a Reply", "Share this: Twitter Facebook")."""
    if len(WORD.findall(line)) > MAX_BOILERPLATE_WORDS:
        return False
    return BOILERPLATE.search(line) is not None or _posted_line(line)


def _posted_line(line: str) -> bool:
    """ "Posted in World" or "12 March 2022 - posted by admin", not "Trump posted on ..."."""
    m = POSTED.search(line)
    if m is None:
        return False
    return all(w.lower().rstrip(".") in POSTED_LEAD for w in WORD.findall(line[: m.start()]))


def find_lines(sdoc, text: str) -> Lines:
    """Heading and boilerplate lines of a parsed document (offsets into ``text``)."""
    verbs = [t.idx for t in sdoc if t.pos_ in ("VERB", "AUX")]
    headings, boiler = [], []
    vi = 0
    for a, b, line in text_lines(text):
        if not line.strip():
            continue
        while vi < len(verbs) and verbs[vi] < a:
            vi += 1
        has_verb = vi < len(verbs) and verbs[vi] < b
        if is_boilerplate(line):
            boiler.append((a, b))
        elif is_heading(line, has_verb):
            headings.append((a, b))
    return Lines(tuple(headings), tuple(boiler))


def is_adjective_form(text: str, before: str) -> bool:
    """ "pro-Orlov", "anti-Kremlin": an adjective made of a name, not the actor."""
    low = text.lower()
    return low.startswith(("pro-", "anti-", "pro–", "anti–")) or before.lower().endswith(
        ("pro-", "anti-")
    )


def is_common_noun(text: str) -> bool:
    """A single capitalized common noun ("Admin", "Staff") taken for a name."""
    return " " not in text and text.lower() in COMMON_NOUNS
