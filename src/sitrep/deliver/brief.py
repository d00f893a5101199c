"""The brief: a self-contained HTML page and a Markdown twin, from the corpus and its assessment.

It opens with key judgments the way a situation report does, then gives every
storyline its origins and grades, the contradictions, who's who, who said what, the
figures, a timeline, a map and the caveats. Every statement links to an
evidence appendix that shows the sentence highlighted in its paragraph.
Everything from a source is untrusted text: it is escaped, and only http(s)
links survive.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from sitrep import failpoints
from sitrep.assess import Assessment
from sitrep.assess.evidence import Evidence, closes_inside, source_name
from sitrep.assess.grades import CREDIBILITY, RELIABILITY
from sitrep.assess.judgments import clean_statement
from sitrep.assess.origins import VIA_WORDS
from sitrep.assess.quantities import GROUPS, context_after, is_vague, quantity_key
from sitrep.deliver.missing import blank_none, by_day
from sitrep.deliver.whos_who import whos_who
from sitrep.likelihood import ICD203
from sitrep.records import NOT_STATEMENTS, Analysis, Document, Figure, Quote

MAX_FIGURES = 80
PARAGRAPH_CHARS = 500


@dataclass
class SpeakerQuotes:
    """One actor's quotes, oldest first; word-for-word repeats (wire copy)
    folded into ``copies``."""

    name: str
    entity_id: str | None
    roles: list[str] = field(default_factory=list)
    quotes: list[tuple[Document, Quote]] = field(default_factory=list)
    copies: dict[tuple[str, int], list[Document]] = field(
        default_factory=dict
    )  # (doc id, start) -> repeats


@dataclass
class FigureRow:
    """One value for one quantity on one day, with every outlet that gives it."""

    text: str
    quantity: str
    date: str | None
    value: float
    figures: list[tuple[Evidence, Figure]] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(ev.outlet for ev, _ in self.figures))

    @property
    def evidence(self) -> list[Evidence]:
        return list({ev.id: ev for ev, _ in self.figures}.values())


def template_env() -> Environment:
    env = Environment(
        loader=PackageLoader("sitrep.deliver", "templates"),
        autoescape=lambda name: bool(name) and name.endswith(".html.j2"),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=blank_none,
    )
    env.filters["md"] = md_text
    env.filters["by_day"] = by_day
    env.filters["safe_url"] = safe_url
    env.filters["short"] = short
    env.filters["clean"] = clean_statement
    env.filters["unquote"] = unquote
    env.filters["counted"] = lambda n, noun: f"{n} {noun}" + ("" if n == 1 else "s")
    return env


def safe_url(url: str | None) -> str:
    """Only web links survive: a ``javascript:`` or ``data:`` URL from a source becomes '#'."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else "#"


def md_text(s: str | None) -> str:
    """Source text made inert in Markdown: one line, no table breaks, no HTML, no link syntax."""
    s = " ".join((s or "").split())
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\[\]`*_#])", r"\\\1", s)


QUOTES = "\"'“”‘’«»„"


def unquote(s: str | None) -> str:
    """Quote contents without the marks around them, for templates that add their own."""
    s = " ".join((s or "").split())
    while len(s) > 1 and s[0] in QUOTES and s[-1] in QUOTES + ",.":
        t = s if s[-1] in QUOTES else s.rstrip(",.")
        if closes_inside(t):  # '"Go," he said, calling it "a test".' keeps its last mark
            return t[1:].strip()
        s = (t[1:-1] if t[-1:] in QUOTES and len(t) > 1 else t[1:]).strip()
    return s


def short(s: str | None, n: int = 220) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1].rsplit(" ", 1)[0] + "…"


def who_said_what(items: list[tuple[Document, Analysis]], resolution=None) -> list[SpeakerQuotes]:
    by_speaker: dict[str, SpeakerQuotes] = {}
    for doc, analysis in items:
        for q in analysis.quotes:
            if q.kind in NOT_STATEMENTS or q.speaker is None or not q.speaker.name:
                continue
            key = q.speaker.id or q.speaker.name
            entry = by_speaker.get(key)
            if entry is None:
                roles = []
                if resolution is not None:
                    ent = resolution.canonical(q.speaker.id)
                    roles = list(ent.roles) if ent else []
                entry = by_speaker[key] = SpeakerQuotes(q.speaker.name, q.speaker.id, roles)
            entry.quotes.append((doc, q))
    for entry in by_speaker.values():
        entry.quotes.sort(key=lambda dq: (dq[0].published or "", dq[0].id, dq[1].start))
        first: dict[str, tuple[str, int]] = {}
        kept = []
        for doc, q in entry.quotes:
            key = " ".join(re.findall(r"\w+", " ".join(c.text for c in q.contents).lower()))
            if key in first:
                if first[key][0] != doc.id:  # said twice in one document is a repeat, not a copy
                    entry.copies[first[key]].append(doc)
                continue
            first[key] = (doc.id, q.start)
            entry.copies[(doc.id, q.start)] = []
            kept.append((doc, q))
        entry.quotes = kept
        entry.roles = _same_script(entry.roles, entry.name)
    return sorted(by_speaker.values(), key=lambda s: (-len(s.quotes), s.name))


def _same_script(roles: list[str], name: str) -> list[str]:
    """Roles written in the script of the name ("Defence Minister" for
    Stefan Horvel, not its Russian twin)."""
    latin = not re.search(r"[\u0400-\u04FF]", name)
    same = [r for r in roles if bool(re.search(r"[\u0400-\u04FF]", r)) != latin]
    return same or roles


def distinct_statements(storyline) -> list[tuple[Evidence, list[Evidence]]]:
    """A storyline's statements with verbatim repeats (wire copy) folded under the first one."""
    groups: dict[str, list[Evidence]] = {}
    for m in storyline.members:
        key = " ".join(re.findall(r"\w+", clean_statement(m.text).lower()))
        groups.setdefault(key, []).append(m)
    out = []
    for members in groups.values():
        # the original stands for its copies: Meridian Press's wire, not a paper that reprinted it
        lead = min(members, key=lambda m: storyline.origin_of[m.id].via != "own")
        out.append((lead, [m for m in members if m is not lead]))
    return out


def highlight(ev: Evidence, start: int | None = None, end: int | None = None) -> Markup:
    """The evidence's paragraph, escaped, with the sentence (or the span given) marked."""
    text = ev.doc.text
    s, e = (ev.start, ev.end) if start is None else (start, end)
    p0 = text.rfind("\n", 0, s) + 1
    p1 = text.find("\n", e)
    p1 = len(text) if p1 < 0 else p1
    if s - p0 > PARAGRAPH_CHARS // 2:
        p0 = text.find(" ", s - PARAGRAPH_CHARS // 2) + 1 or p0
    if p1 - e > PARAGRAPH_CHARS // 2:
        cut = text.rfind(" ", e, e + PARAGRAPH_CHARS // 2)
        p1 = cut if cut > e else p1
    lead = "… " if p0 > 0 and text[p0 - 1] != "\n" else ""
    tail = " …" if p1 < len(text) and text[p1] != "\n" else ""
    return Markup("{}{}<mark>{}</mark>{}{}").format(lead, text[p0:s], text[s:e], text[e:p1], tail)


class Refs:
    """Short, stable labels (E1, E2, ...) for the evidence the brief cites, in order of citation."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        self.units: list[Evidence] = []

    def add(self, ev: Evidence | None) -> str:
        if ev is None:
            return ""
        if ev.id not in self.labels:
            self.labels[ev.id] = f"E{len(self.units) + 1}"
            self.units.append(ev)
        return self.labels[ev.id]

    def __call__(self, ev: Evidence | None) -> str:
        return self.add(ev)

    def same_document(self, ev: Evidence) -> str | None:
        """The label of an earlier excerpt from the same report, so its
        source line is given once."""
        for other in self.units:
            if other is ev:
                return None
            if other.doc.id == ev.doc.id:
                return self.labels[other.id]
        return None


def _unit_of(assessment: Assessment) -> dict[tuple[str, int], Evidence]:
    """(document id, character) -> the evidence unit covering it, for quotes and figures."""
    out = {}
    for ev in assessment.evidence:
        for q in ev.quotes:
            out[(ev.doc.id, q.start)] = ev
        for f in ev.figures:
            out[(ev.doc.id, f.start)] = ev
    return out


def _figure_rows(assessment: Assessment) -> list[FigureRow]:
    """The figures worth a table: counts of known quantities, and any
    precise count, amount or share.

    Small numbers said in words ("two children", "one brigade") stay in the store.
    """
    rows: dict[tuple, FigureRow] = {}
    for ev in assessment.evidence:
        for f in ev.figures:
            if f.value is None:
                continue
            key = quantity_key(f, context_after(f, ev.doc.text))
            if key is None:
                if is_vague(f) or (f.value < 10 and not f.unit):
                    continue
                key = f.unit or (f.counted or "").lower() or "count"
            elif is_vague(f) and f.value < 100:
                continue
            low = f.low if f.low is not None else f.value
            high = f.high if f.high is not None else f.value
            group = (key, low, high, ev.date)
            row = rows.get(group)
            if row is None:
                row = rows[group] = FigureRow(f.text, key, ev.date, f.value)
            row.figures.append((ev, f))
    order = {k: i for i, k in enumerate(GROUPS)}
    out = sorted(
        rows.values(),
        key=lambda r: (order.get(r.quantity, len(order)), r.quantity, r.date or "", -r.value),
    )
    return out[:MAX_FIGURES]


def _places(items: list[tuple[Document, Analysis]]) -> Markup | None:
    try:
        from sitrep.deliver.placemap import render_svg
    except ImportError:
        return None
    places = [p for _, a in items for p in a.places]
    if not places:
        return None
    try:
        return Markup(render_svg(places))  # the map module escapes every label it draws
    except Exception:  # a map is a nicety: the brief goes out without it
        return None


def _sources(items: list[tuple[Document, Analysis]], assessment: Assessment) -> list[dict]:
    by_outlet: dict[str, dict] = {}
    for doc, _ in items:
        name = doc.outlet or "(no outlet)"
        row = by_outlet.setdefault(
            name,
            {
                "name": name,
                "grade": assessment.grade_of(doc.outlet),
                "documents": 0,
                "notes": set(),
            },
        )
        row["documents"] += 1
        o = assessment.doc_origins.get(doc.id)
        if o and o.via in ("wire", "copy"):
            row["notes"].add(f"{VIA_WORDS[o.via]} of {o.name}")
    for row in by_outlet.values():
        row["notes"] = sorted(row["notes"])
    return sorted(by_outlet.values(), key=lambda r: ("ABCDEF".index(r["grade"]), r["name"]))


def _caveats(assessment: Assessment) -> dict:
    return {
        "circular": [s for s in assessment.storylines if s.circular == "circular"],
        "syndicated": [s for s in assessment.storylines if s.circular == "syndicated"],
        "single": [s for s in assessment.storylines if not s.confirmed and not s.circular],
        "unknown": sorted(
            {
                o.name
                for s in assessment.storylines
                for o in s.origins
                if assessment.grade_of(o.name) == "F"
            }
        ),
        "unanalyzed": assessment.unanalyzed,
    }


@dataclass(frozen=True)
class Limits:
    """How much of each section the file brief shows; the rest stays in the
    browser and the store."""

    storylines: int = 10
    members: int = 3
    conflicts: int = 8
    actors: int = 8
    speakers: int = 8
    quotes: int = 3
    figures: int = 15
    timeline: int = 25
    caveats: int = 8
    cites: int = 4  # excerpts cited for one figure or one side of a contradiction
    excerpt: int = 240  # characters of each cited sentence the Markdown evidence appendix shows
    titles: int = 1  # whether the appendix names each report by its headline as well as its link

    def shrink(self) -> Limits | None:
        """Each section cut by a third, never below its floor; then the evidence appendix, its
        excerpts and then its headlines. None when everything is at its floor."""
        for phase in SHRINK_ORDER:
            cut = {
                k: max(FLOORS.get(k, 1), v * 2 // 3) if k in phase else v
                for k, v in self.__dict__.items()
            }
            smaller = Limits(**cut)
            if smaller != self:
                return smaller
        return None


# the least a brief shows of each section, over budget or not
FLOORS = {
    "storylines": 3,
    "conflicts": 3,
    "actors": 3,
    "speakers": 3,
    "figures": 5,
    "timeline": 5,
    "caveats": 2,
    "excerpt": 60,
    "titles": 0,
}
APPENDIX = ("excerpt", "titles")
SHRINK_ORDER = (
    tuple(k for k in Limits.__dataclass_fields__ if k not in APPENDIX),
    ("excerpt",),
    ("titles",),
)


MIN_WORDS = 3_000  # a page of key judgments and a few pages of support, whatever the corpus
MAX_WORDS = 8_000
WORDS_PER_CORPUS_WORD = 0.10
WORD = re.compile(r"\S+")


def word_budget(corpus_words: int) -> int:
    """The brief's length in words: a tenth of the corpus, within one and a few dozen pages."""
    return min(MAX_WORDS, max(MIN_WORDS, int(corpus_words * WORDS_PER_CORPUS_WORD)))


def words(text: str) -> int:
    return len(WORD.findall(text))


@dataclass
class Shown:
    """What one section shows (``items``) out of how many there are (``total``)."""

    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _shown(items: list, n: int) -> Shown:
    return Shown(list(items[:n]), len(items))


def _ranked_storylines(a: Assessment) -> list:
    """Storylines the judgments rest on first, then confirmed, then by first sources and size."""
    judged = {id(j.storyline) for j in a.judgments if j.storyline is not None}
    return sorted(
        a.storylines,
        key=lambda s: (
            id(s) not in judged,
            not s.confirmed,
            -len(s.first_sources or s.origins),
            -len(s.members),
        ),
    )


def _timeline(events: list, n: int) -> Shown:
    """The changes, contradictions and first reports before the single
    reports, kept in date order."""
    order = {"stance": 0, "contradiction": 1, "first-report": 2, "report": 3}
    keep = set(map(id, sorted(events, key=lambda t: order.get(t.kind, 4))[:n]))
    return Shown([t for t in events if id(t) in keep], len(events))


def build_context(
    items: list[tuple[Document, Analysis]],
    assessment: Assessment,
    resolution=None,
    title: str = "Preliminary assessment",
    limits: Limits | None = None,
) -> dict:
    limits = limits or Limits()
    docs = [d for d, _ in items]
    corpus_words = sum(words(d.text or "") for d in docs)
    dates = sorted(d.published[:10] for d in docs if d.published)
    a = assessment
    shown = {
        "storylines": _shown(_ranked_storylines(a), limits.storylines),
        "figure_conflicts": _shown(a.figure_conflicts, limits.conflicts),
        "stance_changes": _shown(a.stance_changes, limits.conflicts),
        "statement_conflicts": _shown(a.statement_conflicts, limits.conflicts),
    }
    caveats = _caveats(a)
    shown["single"] = _shown(caveats["single"], limits.caveats)
    shown["circular"] = _shown(caveats["circular"] + caveats["syndicated"], limits.caveats)
    refs = Refs()
    # cite in reading order so E1 is the first thing the brief points at
    for j in a.judgments:
        for e in j.evidence:
            refs(e)
    for s in shown["storylines"].items:
        for m, _ in distinct_statements(s)[: limits.members]:
            refs(m)
    for c in shown["figure_conflicts"].items:
        for g in c.groups:
            for ev, _ in g.members[: limits.cites]:
                refs(ev)
    for c in shown["stance_changes"].items:
        refs(c.before.evidence)
        refs(c.after.evidence)
    for c in shown["statement_conflicts"].items:
        refs(c.a)
        refs(c.b)
    shown["actors"] = _shown(whos_who(items, a, resolution), limits.actors)
    for actor in shown["actors"].items:
        for role in actor.roles:
            for e in role.evidence:
                refs(e)
    unit_of = _unit_of(a)
    speakers = who_said_what(items, resolution)
    shown["speakers"] = _shown(speakers, limits.speakers)
    for sp in shown["speakers"].items:
        for doc, q in sp.quotes[: limits.quotes]:
            refs(unit_of.get((doc.id, q.start)))
    figures = _figure_rows(a)
    shown["figures"] = _shown(figures, limits.figures)
    for r in shown["figures"].items:
        for e in r.evidence[: min(3, limits.cites)]:
            refs(e)
    shown["timeline"] = _timeline(a.timeline(), limits.timeline)
    for t in shown["timeline"].items:
        refs(t.evidence)
    return {
        "title": title,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "period": (dates[0], dates[-1]) if dates else None,
        "documents": sorted(docs, key=lambda d: (d.published or "", d.title or "")),
        "a": a,
        "refs": refs,
        "unit_of": unit_of,
        "speakers": speakers,
        "figures": figures,
        "timeline": shown["timeline"].items,
        "shown": shown,
        "shown_ids": {st.id for st in shown["storylines"].items},
        "limits": limits,
        "caveats": caveats,
        "sources": _sources(items, a),
        "map_svg": _places(items),
        "highlight": highlight,
        "distinct": distinct_statements,
        "source_of": source_name,
        "BANDS": ICD203,
        "RELIABILITY": RELIABILITY,
        "CREDIBILITY": CREDIBILITY,
        "VIA": VIA_WORDS,
        "max_members": limits.members,
        "outlets": len({d.outlet for d in docs if d.outlet}),
        "corpus_words": corpus_words,
        "budget": word_budget(corpus_words),
        "counts": {
            "documents": len(docs),
            "quotes": sum(len(x.quotes) for _, x in items),
            "claims": sum(len(x.claims) for _, x in items),
            "outlets": Counter(d.outlet for d in docs),
        },
    }


def fit_brief(
    items: list[tuple[Document, Analysis]],
    assessment: Assessment,
    resolution=None,
    title: str = "Preliminary assessment",
) -> tuple[str, str, dict]:
    """The HTML and Markdown briefs, their sections cut until the Markdown fits the word budget.

    Key judgments always show in full (at most a page); what is cut from the support sections
    is counted in "N more ..." lines that point to the evidence browser and the database.
    """
    env = template_env()
    limits: Limits | None = Limits()
    while True:
        context = build_context(items, assessment, resolution, title, limits)
        md = env.get_template("brief.md.j2").render(**context)
        smaller = limits.shrink()
        if words(md) <= context["budget"] or smaller is None:
            break
        limits = smaller
    context["brief_words"] = words(md)
    html = env.get_template("brief.html.j2").render(**context)
    md = env.get_template("brief.md.j2").render(**context)
    return html, md, context


def render_brief(
    items: list[tuple[Document, Analysis]],
    out_dir: Path,
    resolution=None,
    title: str = "Preliminary assessment",
    *,
    assessment: Assessment,
) -> tuple[Path, Path]:
    """Write ``brief.html`` and ``brief.md`` into ``out_dir`` from an assessment already made
    (and stored): rendering never assesses."""
    items = list(items)
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path, md_path = out_dir / "brief.html", out_dir / "brief.md"
    html, md, _context = fit_brief(items, assessment, resolution, title)
    _replace(html_path, html)
    failpoints.reached("brief")
    _replace(md_path, md)
    return html_path, md_path


def _replace(path: Path, text: str) -> None:
    """Write beside, then rename: a run stopped mid-write leaves the
    previous brief, never half of one."""
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)
