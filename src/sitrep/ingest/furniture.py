"""Page furniture in plain text: ad markers, newsletter and app prompts, photo credits,
share buttons, "Related:" lists, and lines an outlet repeats on every page.

Already-scraped articles arrive with no HTML for trafilatura to clean, so "ADVERTISEMENT"
or "Sign up for our newsletter" would become evidence. A dropped line is blanked with
spaces of its own length (line breaks kept), so every offset into the stored text is
still an offset into the original; the line's original text, span and kind go to
``Document.meta["furniture"]`` so nothing is lost.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from sitrep.ingest.credits import CREDIT_LINE
from sitrep.lexicon.names import outlet_key


@dataclass(frozen=True)
class Dropped:
    """One dropped line: ``text`` is what the original said between ``start`` and ``end``."""

    start: int
    end: int
    text: str
    kind: str  # ad | prompt | photo credit | share | widget | related | repeated | masthead

    def to_dict(self) -> dict:
        return asdict(self)


AD = re.compile(
    r"(?:advertisement|advertising|ad|sponsored(?: content)?|paid content|promoted|"
    r"(?:story|article) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad)|"
    r"continue reading (?:below|the main story)|scroll (?:down )?to continue(?: with content)?|"
    r"skip (?:the )?advert(?:isement)?)\W*",
    re.I,
)
PROMPT = re.compile(
    r"(?:sign up (?:for|to)|subscribe (?:to|now|for)|click here|tap here|download (?:the|our)|"
    r"get (?:the|our) (?:free )?[\w .'’&-]{0,40}\bapp\b|follow us on|join us on|"
    r"(?:get|receive) (?:our|the) [\w .'’&-]{0,40}newsletter|"
    r"(?:want|like) (?:more|to get)[\w .,'’&-]{0,60}(?:newsletter|inbox|app)|"
    r"listen to (?:this|the) (?:article|story|podcast)|watch(?: the video)?\s*:|"
    r"(?:read|see) (?:the )?(?:full|latest) (?:coverage|story) (?:here|at)|"
    r"we (?:use|value your) (?:cookies|privacy))",
    re.I,
)
PROMPT_WORDS = re.compile(
    r"\b(?:newsletter|app|inbox|subscribe|sign up|click|download|follow us)\b", re.I
)
PHOTO_LABEL = (
    r"(?:photo(?:graph)?s?|images?|pictures?|credits?|photo credits?|file photo|illustration|video)"
)
PHOTO = re.compile(
    rf"(?:{PHOTO_LABEL}\s*(?:by)?\s*[:：]\s*\S.{{0,100}}|\(?(?:photo|picture"
    rf"|image) by \S.{{0,80}}\)?)",
    re.I,
)
PHOTO_END = re.compile(
    rf"(?:\b{PHOTO_LABEL}\s*[:：]\s*[^.!?]{{1,80}}"
    rf"|\((?:photo )?(?:by )?[A-Z][^()]{{0,50}}/[^()]{{1,50}}\)|"
    r"[A-Z][\w .'’&-]{1,40}/(?:Getty Images|AFP|AP|Reuters|EPA|Shutterstock|Alamy|"
    r"Getty|Anadolu|Sipa|Bloomberg|Xinhua|TASS|PAP|Ukrinform)[\w .-]{0,30})\s*$",
    re.I,
)
AGENCY_SLASH = re.compile(r"\([A-Z][\w .&'’-]{1,40}/[A-Z][\w .&'’-]{1,40}\)")
SHARE_WORDS = {
    "share",
    "facebook",
    "twitter",
    "x",
    "email",
    "e-mail",
    "whatsapp",
    "linkedin",
    "reddit",
    "telegram",
    "print",
    "copy",
    "link",
    "tweet",
    "pinterest",
    "messenger",
    "comments",
    "comment",
    "save",
    "flipboard",
    "threads",
    "bluesky",
    "mail",
    "sms",
    "this",
    "article",
    "story",
    "on",
    "via",
    "the",
    "vk",
    "viber",
    "copied",
    "url",
    "gift",
    "|",
    "·",
    "•",
    "/",
}
SHARE = re.compile(r"share (?:this|on|via|the|article|story)\b.{0,60}", re.I)
RELATED = re.compile(
    r"(?:related(?: (?:articles?|stories|coverage|content|reading|news))?|read (?:more|also|next)|"
    r"see also|more (?:on this|from|stories|coverage)\b.{0,40}|recommended(?: for you)?|"
    r"you (?:may|might) (?:also )?(?:like|be interested in)|most (?:read|popular|viewed)|"
    r"trending(?: now)?|top stories|latest (?:news|stories))\s*[:：»>|-]?\s*(?P<rest>.*)",
    re.I,
)
#: page widgets: comment and share counters, live-blog refresh prompts (a line alone)
COUNT = r"\s*(?:\(\s*\d[\d,.]*k?\s*\)|[:：]\s*\d[\d,.]*k?)"
WIDGET = re.compile(
    r"(?:(?:view|show|read|see|load|hide|join the|post a|add a|leave a) (?:all )?)"
    rf"(?:comments?|replies|reactions|discussion)(?:{COUNT})?|"
    rf"(?:comments?|replies|reactions|shares)(?:{COUNT})|comments|"
    r"\(?\d[\d,.]*k?\)? (?:comments?|replies|reactions|shares)|"
    r"(?:live\W{1,3})?(?:refresh|reload)(?: (?:the|this) page)? (?:for|to see|to get) "
    r"(?:the )?(?:latest |new )?(?:updates?|posts?)|"
    r"auto[- ]?(?:refresh|update)s?(?: is)?\s*[:：]?\s*(?:on|off)(?:\s*/\s*(?:on|off))?|"
    r"(?:show|load|see) \d+ new (?:posts?|updates?)|\d+ new (?:posts?|updates?)",
    re.I,
)
BULLET = re.compile(r"^[\s\-–—•*·>»]+")
LIST_ITEM_MAX = 160
SENTENCE_END = re.compile(r"[.!…][\"'”’)]*$")  # a listed headline may end in "?"


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, line)`` of each line, without its line break."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        yield pos, pos + len(line), line
        pos += len(raw)


def line_kind(line: str) -> str | None:
    """Why one line (stripped) is furniture, or None when it may be content."""
    s = BULLET.sub("", line).strip()
    if not s or CREDIT_LINE.fullmatch(line.strip()) or CREDIT_LINE.fullmatch(s):
        return None
    if AD.fullmatch(s):
        return "ad"
    if len(s) <= 200 and (
        PROMPT.match(s) or (s.isupper() and len(s) > 12 and PROMPT_WORDS.search(s))
    ):
        return "prompt"
    if len(s) <= 300 and (
        PHOTO.fullmatch(s)
        or AGENCY_SLASH.fullmatch(s)
        or (len(s) <= 300 and PHOTO_END.search(s) and not _is_body(s))
    ):
        return "photo credit"
    words = re.findall(r"[\w-]+|[|·•/]", s.lower())
    if (
        words
        and len(s) <= 80
        and ("share" in words or len(words) >= 2)
        and all(w in SHARE_WORDS for w in words)
        and any(
            w in {"facebook", "twitter", "whatsapp", "email", "share", "linkedin", "telegram"}
            for w in words
        )
    ):
        return "share"
    if len(s) <= 80 and SHARE.fullmatch(s):
        return "share"
    if len(s) <= 60 and WIDGET.fullmatch(" ".join(s.split())):
        return "widget"
    return None


#: a masthead line: the outlet's name, maybe with sections after a bar ("X | World")
MASTHEAD_CHARS = re.compile(r"[\w .&'’|·•-]+")
MASTHEAD_BAR = re.compile(r"\s+[|·•]\s+")
MASTHEAD_MAX = 60
#: the top of a text: the lines before the first that runs this long (the body)
TOP_LINE_MAX = 80


def _own_names(outlet: str | None, url: str | None) -> set[str]:
    """What the document's own outlet is called: its name, and its web address's labels
    ('portalnine' of www.portalnine.example) compared with spaces left out."""
    names = {outlet_key(outlet)} if isinstance(outlet, str) and outlet_key(outlet) else set()
    host = (urlsplit(url).hostname or "") if isinstance(url, str) and "//" in url else ""
    labels = [x.replace("-", "") for x in host.lower().split(".")[:-1] if x != "www"]
    return names | {x for x in labels if len(x) >= 4}


def _is_masthead(s: str, own: set[str], top: bool) -> bool:
    """A line that is only the outlet's name, or the name with short sections after a bar
    ("KESVAR HERALD | World"); at the top of a text with no name to compare, an all-caps
    name with a section ("EASTGATE RISK | Analyst note"). A dateline ("KESVAR —"), a
    headline or a sentence has other characters, more words or no bar."""
    if len(s) > MASTHEAD_MAX or not MASTHEAD_CHARS.fullmatch(s) or CREDIT_LINE.fullmatch(s):
        return False
    first, *sections = MASTHEAD_BAR.split(s)
    if any(len(x.split()) > 4 or not re.search(r"[^\W\d_]", x) for x in sections):
        return False
    key = outlet_key(first)
    if key and (key in own or key.replace(" ", "") in own):
        return True
    return bool(top and sections and first.isupper() and len(first.split()) <= 4 and "|" in s)


def _is_body(s: str) -> bool:
    """A long sentence of the story that happens to end in a name with a slash is not a credit."""
    return len(s) > 200 and s.count(". ") >= 2


def furniture_lines(text: str, outlet: str | None = None, url: str | None = None) -> list[Dropped]:
    """The furniture lines of one text, by the rules of each kind (no corpus needed);
    the document's own outlet and address tell its masthead."""
    out: list[Dropped] = []
    in_related = 0
    own = _own_names(outlet, url)
    top = True
    for start, end, line in _lines(text):
        s = BULLET.sub("", line).strip()
        top = top and len(s) <= TOP_LINE_MAX
        if in_related:
            if s and len(s) <= LIST_ITEM_MAX and (not SENTENCE_END.search(s) or BULLET.match(line)):
                out.append(Dropped(start, end, line, "related"))
                in_related -= 1
                continue
            in_related = 0
        kind = line_kind(line)
        if kind is None:
            m = RELATED.fullmatch(s) if len(s) <= 200 else None
            if m and (not m.group("rest") or not SENTENCE_END.search(s) or ":" in s[:30]):
                kind = "related"
                in_related = 0 if m.group("rest") else 8  # a heading alone: the list follows
        if kind is None and s and _is_masthead(" ".join(s.split()), own, top):
            kind = "masthead"
        if kind is not None:
            out.append(Dropped(start, end, line, kind))
    return out


def blank(text: str, dropped: Iterable[Dropped]) -> str:
    """``text`` with each dropped span replaced by spaces of its length: offsets stay valid."""
    chars = list(text)
    for d in dropped:
        for i in range(d.start, d.end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def line_key(line: str) -> str | None:
    """How a line is compared across documents (case and spacing aside); None for lines
    too short or too long to be furniture by repetition, and for credit lines (evidence)."""
    if CREDIT_LINE.fullmatch(line.strip()):
        return None
    s = " ".join(BULLET.sub("", line).split()).lower()
    if len(s) < 4 or len(s) > 200 or CREDIT_LINE.fullmatch(s) or not re.search(r"[^\W\d_]", s):
        return None
    return hashlib.blake2b(s.encode(), digest_size=8).hexdigest()


def merge(meta: dict, dropped: list[Dropped]) -> dict:
    """``meta`` with these dropped lines added to ``meta["furniture"]`` (in text order)."""
    have = list(meta.get("furniture") or [])
    seen = {(d["start"], d["end"]) for d in have}
    have += [d.to_dict() for d in dropped if (d.start, d.end) not in seen]
    return {**meta, "furniture": sorted(have, key=lambda d: d["start"])} if have else meta


def summary(meta: dict) -> str:
    """'3 lines (2 ad, 1 repeated)' for a document's dropped lines; '' when none."""
    found = meta.get("furniture") or []
    if not found:
        return ""
    kinds: dict[str, int] = {}
    for d in found:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{len(found)} line{'s' if len(found) != 1 else ''} ({detail})"


#: a line in this many different stories of one outlet is the outlet's furniture
MIN_STORIES = 3
#: ... or in this many stories of this many outlets (a short line every site carries)
CORPUS_STORIES, CORPUS_OUTLETS, CORPUS_LINE_MAX = 5, 3, 100


def outlet_group(outlet: str | None) -> str:
    """Documents of one outlet are compared together; those with no outlet form one group."""
    return " ".join((outlet or "").lower().split())


class RepeatedLines:
    """Lines repeated across the stories of an outlet (or of the whole corpus): furniture.

    Stories, not documents, are counted: versions and copies of one story (a
    near-duplicate and its root) share their lines as content, not as furniture. Lines
    dropped earlier (kept in ``meta["furniture"]``) still count, so a later document of
    the outlet finds them repeated too.
    """

    def __init__(self) -> None:
        self.stories: dict[tuple[str, str], set[str]] = {}
        self.outlets: dict[str, set[str]] = {}
        self.all_stories: dict[str, set[str]] = {}

    def add(self, outlet: str | None, story: str, text: str, meta: dict) -> None:
        group = outlet_group(outlet)
        lines = [line for _s, _e, line in _lines(text)]
        lines += [d["text"] for d in meta.get("furniture") or [] if d.get("kind") == "repeated"]
        for line in lines:
            k = line_key(line)
            if k is None:
                continue
            self.stories.setdefault((group, k), set()).add(story)
            if len(line.strip()) <= CORPUS_LINE_MAX:
                self.outlets.setdefault(k, set()).add(group)
                self.all_stories.setdefault(k, set()).add(story)

    def repeated(self, outlet: str | None, line: str) -> bool:
        k = line_key(line)
        if k is None:
            return False
        if len(self.stories.get((outlet_group(outlet), k), ())) >= MIN_STORIES:
            return True
        return (
            len(self.outlets.get(k, ())) >= CORPUS_OUTLETS
            and len(self.all_stories.get(k, ())) >= CORPUS_STORIES
        )

    def dropped(self, outlet: str | None, text: str) -> list[Dropped]:
        """The lines of ``text`` (not yet blank) that are repeated furniture."""
        return [
            Dropped(s, e, line, "repeated")
            for s, e, line in _lines(text)
            if line.strip() and self.repeated(outlet, line)
        ]
