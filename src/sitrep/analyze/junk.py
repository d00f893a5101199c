"""Names that are not actors: headings, page boilerplate, "pro-X" adjectives, common nouns.

spaCy tags "Military Situation", "Key Takeaways" or "Leave a Reply" as organizations or
people because they are capitalized; a reader sees at once that they are a section
heading or the furniture of a web page. These checks run on the candidates before
clustering, so that junk never becomes an actor (nor a speaker a quote could go to).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
MAX_HEADING_WORDS = 10
# Words a title-case heading leaves in lower case.
HEADING_SMALL = frozenset("of the in and for to a an on at by with from vs or as".split())
# Capitalized common nouns spaCy takes for names on pages and in lists.
COMMON_NOUNS = frozenset(
    "admin administrator share reply comments comment menu home search login editor update updates "
    "tags archive archives subscribe newsletter advertisement sponsored photo video image source "
    "sources staff analysis opinion breaking live forces troops".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


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
    if len(_WORD.findall(line)) > MAX_BOILERPLATE_WORDS:
        return False
    return BOILERPLATE.search(line) is not None or _posted_line(line)


def _posted_line(line: str) -> bool:
    """ "Posted in World" or "12 March 2022 - posted by admin", not "Trump posted on ..."."""
    m = POSTED.search(line)
    if m is None:
        return False
    return all(w.lower().rstrip(".") in POSTED_LEAD for w in _WORD.findall(line[: m.start()]))


def is_heading(line: str, has_verb: bool) -> bool:
    """A line of title-case words with no verb and no closing punctuation: a section heading."""
    stripped = line.strip().strip("#*=_ ")
    words = _WORD.findall(stripped)
    if not words or len(words) > MAX_HEADING_WORDS or has_verb:
        return False
    if stripped[-1:] in ".!?,;:\"”’'»)":
        return False
    if any(w.lower() not in HEADING_SMALL and not w[:1].isupper() for w in words):
        return False
    if words[0].lower() == "by":
        return False  # a byline names its author
    return words[0][:1].isupper()


MAX_TITLE_WORDS = 14
# A title ends without a sentence's closing punctuation and quotes no one.
TITLE_ENDS = ".!?,;:…\"”’'»)"
TITLE_MARKS = frozenset('"“”„«»')


def title_lines(text: str) -> list[tuple[int, int]]:
    """Lines that stand alone as a headline or title ("Arvenia declares state of emergency").

    Short, no closing punctuation, no quotation marks, a capital first, and a line of
    its own: not the first part of a sentence that runs on to the next line (which
    would start in lower case) nor the end of one begun on the line before.
    """
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    out = []
    for k, (a, b, line) in enumerate(lines):
        stripped = line.strip().strip("#*=_ ").strip()
        words = _WORD.findall(stripped)
        if not words or len(words) > MAX_TITLE_WORDS or not stripped[:1].isupper():
            continue
        if stripped[-1] in TITLE_ENDS or TITLE_MARKS.intersection(stripped):
            continue
        after = lines[k + 1][2].lstrip() if k + 1 < len(lines) else ""
        before = lines[k - 1][2].rstrip() if k else ""
        if after[:1].islower() or (before and before[-1] not in '.!?:”"»'):
            continue
        out.append((a, b))
    return out


def title_case_headline(text: str) -> tuple[int, int] | None:
    """The document's first line when it is a title-case headline on a line of its own
    ("Black Lawmakers Rip X As A 'Disgusting Fraud.'", scraped ones often end in a full
    stop): its capitals say nothing about which words are names, so a name only it holds
    is no actor, as in a heading."""
    pos = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if not line.strip():
            pos += len(line) + 1
            continue
        words = _WORD.findall(line)
        after = lines[k + 1] if k + 1 < len(lines) else ""
        capitals = sum(1 for w in words if w[:1].isupper() or w.lower() in HEADING_SMALL)
        if (
            3 <= len(words) <= 20
            and not after.strip()
            and capitals == len(words)
            and words[0].lower() != "by"  # a byline names its author
        ):
            return pos, pos + len(line)
        return None
    return None


def title_case_line(text: str, start: int, end: int) -> bool:
    """The line holding ``text[start:end]`` is title case throughout ("Derelict Obama and
    Clinton;"), as a headline is, even one that runs on into the next line."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    words = _WORD.findall(text[a : b if b >= 0 else len(text)])
    return len(words) >= 2 and all(w[:1].isupper() or w.lower() in HEADING_SMALL for w in words)


def find_lines(sdoc, text: str) -> Lines:
    """Heading and boilerplate lines of a parsed document (offsets into ``text``)."""
    verbs = [t.idx for t in sdoc if t.pos_ in ("VERB", "AUX")]
    headings, boiler = [], []
    pos = 0
    vi = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
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
