"""How a headline or a heading line looks, judged from its words alone.

One home for "is this line a title?": ingest titles a plain article by its headline,
analyze keeps headings and titles from giving quotes and actors, and assess keeps a
headline from naming a first source. Each judgement here reads only the text (words,
capitals, closing punctuation, the lines around it), never a parse.
"""

from __future__ import annotations

import re

# A word: letters first, then letters, digits, apostrophes and hyphens ("Vahr's", "pro-Orlov").
WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words a title-case heading leaves in lower case.
HEADING_SMALL = frozenset("of the in and for to a an on at by with from vs or as".split())
MAX_HEADING_WORDS = 10
MAX_TITLE_WORDS = 14
# A title ends without a sentence's closing punctuation and quotes no one.
TITLE_ENDS = ".!?,;:…\"”’'»)"
TITLE_MARKS = frozenset('"“”„«»')
HEADLINE_END = re.compile(r"[.:;,]$")


def text_lines(text: str) -> list[tuple[int, int, str]]:
    """Each line of ``text`` split at "\\n", as (start, end, line) with offsets into it."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def is_title_word(word: str) -> bool:
    """A word as a title-case heading writes it: capitalised, or one of its small words."""
    return word[:1].isupper() or word.lower() in HEADING_SMALL


def _byline(words: list[str]) -> bool:
    """ "By Ana Lind": a byline names its author, it is no heading."""
    return words[0].lower() == "by"


def _unmarked(line: str) -> str:
    """The line without the Markdown or wiki marks around a heading ("## Title", "*Title*")."""
    return line.strip().strip("#*=_ ")


def headline(text: str) -> str | None:
    """The first line of a plain article when it reads as its headline.

    Scraped articles usually open with the headline on a line of its own; a first line
    that is a sentence of the body (ends like one, runs long, or is a lone word) is not.
    """
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line:
            continue
        words = line.split()
        if 2 <= len(words) <= 30 and len(line) <= 200 and not HEADLINE_END.search(line):
            return line
        return None
    return None


def is_heading(line: str, has_verb: bool) -> bool:
    """A line of title-case words with no verb and no closing punctuation: a section heading."""
    stripped = _unmarked(line)
    words = WORD.findall(stripped)
    if not words or len(words) > MAX_HEADING_WORDS or has_verb:
        return False
    if stripped[-1:] in ".!?,;:\"”’'»)":
        return False
    if not all(is_title_word(w) for w in words):
        return False
    if _byline(words):
        return False
    return words[0][:1].isupper()


def title_lines(text: str) -> list[tuple[int, int]]:
    """Lines that stand alone as a headline or title ("Arvenia declares state of emergency").

    Short, no closing punctuation, no quotation marks, a capital first, and a line of
    its own: not the first part of a sentence that runs on to the next line (which
    would start in lower case) nor the end of one begun on the line before.
    """
    lines = text_lines(text)
    out = []
    for k, (a, b, line) in enumerate(lines):
        stripped = _unmarked(line).strip()
        words = WORD.findall(stripped)
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
    lines = text_lines(text)
    for k, (a, b, line) in enumerate(lines):
        if not line.strip():
            continue
        words = WORD.findall(line)
        after = lines[k + 1][2] if k + 1 < len(lines) else ""
        if (
            3 <= len(words) <= 20
            and not after.strip()
            and all(is_title_word(w) for w in words)
            and not _byline(words)
        ):
            return a, b
        return None
    return None


def title_case_line(text: str, start: int, end: int) -> bool:
    """The line holding ``text[start:end]`` is title case throughout ("Derelict Obama and
    Clinton;"), as a headline is, even one that runs on into the next line."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    words = WORD.findall(text[a : b if b >= 0 else len(text)])
    return len(words) >= 2 and all(is_title_word(w) for w in words)
