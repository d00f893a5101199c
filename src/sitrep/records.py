"""The record types every stage speaks.

Every record that points into a document carries ``start``/``end`` character
offsets into ``Document.text`` and the covered ``text``, so any line of the
brief can be traced to the exact characters it came from. Records are plain
dataclasses: they pickle (worker pools, Spark) and turn into JSON with
:func:`to_dict` without custom encoders.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

FORMAT = "sitrep/1"


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(slots=True)
class Document:
    """One ingested report. ``id`` is the content hash of ``text``."""

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    url: str | None = None
    language: str | None = None
    encoding: str | None = None
    format: str | None = None  # txt, md, html, jsonl, feed, warc
    meta: dict[str, Any] = field(default_factory=dict)
    # The earlier document this one nearly copies, as ingest marked it in the store: "" when
    # it copies none; None when nothing marked it (a document built in memory).
    near_duplicate_of: str | None = None


@dataclass(slots=True)
class ActorRef:
    """Who said or relayed something: the resolved entity (``id`` may be None)."""

    id: str | None
    name: str | None
    kind: str = "named"  # named | unnamed-plural | unnamed-person | passive | author


@dataclass(slots=True)
class Quote:
    """An attribution in the Citron shape plus sitrep's own fields."""

    start: int
    end: int
    text: str
    cue: Span | None
    sources: list[Span]
    contents: list[Span]
    speaker: ActorRef | None
    kind: str  # direct | indirect | mixed | partial | scare | act (see NOT_STATEMENTS)
    confidence: float = 1.0


#: quote kinds that state nothing of the speaker's own: a scare quote, a reported act
#: ("denied the charges", "declined to comment")
NOT_STATEMENTS = frozenset({"scare", "act"})


@dataclass(slots=True)
class Hedge:
    """A certainty cue and the clause it governs."""

    start: int
    end: int
    text: str
    # possible | probable | doxastic | conditional | investigative | evidential | negated | disputed
    # | weasel
    type: str
    scope_start: int | None = None
    scope_end: int | None = None


@dataclass(slots=True)
class Claim:
    """A statement and who relays it, with how firmly it is put."""

    start: int
    end: int
    text: str
    source: ActorRef
    cue: Span | None = None
    hedges: list[Hedge] = field(default_factory=list)
    band: int | None = None  # ICD 203 band 1..7, None when stated flatly
    hypothesis: bool = False  # a question, not an assertion


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # person | org | place | group | other
    entity: str | None = None  # entity id
    misspelled: bool = False


@dataclass(slots=True)
class Role:
    """Who the document says an actor is ("Defence Minister", "former head of the army"),
    with the sentence that says it, so a role shown anywhere can be checked in its source."""

    start: int
    end: int
    text: str
    kind: str  # title (before the name) | apposition (", former head of the army,")
    sentence_start: int
    sentence_end: int


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str  # person | org | place | group
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    role_spans: list[Role] = field(default_factory=list)  # the roles and descriptions as records


@dataclass(slots=True)
class Place:
    start: int
    end: int
    text: str
    name: str | None  # resolved gazetteer name, None when unresolved
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    match: str = "unresolved"  # exact | alias | historical | fuzzy | country | unresolved
    geonameid: int | None = None
    alternatives: list[str] = field(
        default_factory=list
    )  # other places of that name ("Geneva, US")
    reason: str | None = None  # why this one, when the name has namesakes or was misspelled


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    text: str
    value: float | None
    approximate: bool = False
    counted: str | None = None
    event: str | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # percent, USD, EUR, ...


@dataclass(slots=True)
class DateRef:
    start: int
    end: int
    text: str
    value: str | None  # ISO 8601
    granularity: str = "day"  # day | week | month | year


@dataclass(slots=True)
class Analysis:
    """Everything sitrep extracts from one document."""

    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    hedges: list[Hedge] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    analyzed: bool = True
    note: str | None = None  # why a document was not analyzed

    RECORD_KINDS = ("quotes", "claims", "hedges", "entities", "places", "figures", "dates")


def to_dict(record: Any) -> Any:
    """Dataclass (or list/dict of them) to plain JSON-ready data."""
    if dataclasses.is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, list | tuple):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def span_from(data: dict | None) -> Span | None:
    return None if data is None else Span(data["start"], data["end"], data["text"])


def actor_from(data: dict | None) -> ActorRef | None:
    return (
        None
        if data is None
        else ActorRef(data.get("id"), data.get("name"), data.get("kind", "named"))
    )


def analysis_from_dict(data: dict) -> Analysis:
    """Inverse of ``to_dict(analysis)``: rebuilds records read back from JSON or the store."""
    hedge = lambda h: Hedge(**h)  # noqa: E731
    return Analysis(
        quotes=[
            Quote(
                q["start"],
                q["end"],
                q["text"],
                span_from(q.get("cue")),
                [span_from(s) for s in q.get("sources", [])],
                [span_from(s) for s in q.get("contents", [])],
                actor_from(q.get("speaker")),
                q.get("kind", "direct"),
                q.get("confidence", 1.0),
            )
            for q in data.get("quotes", [])
        ],
        claims=[
            Claim(
                c["start"],
                c["end"],
                c["text"],
                actor_from(c["source"]),
                span_from(c.get("cue")),
                [hedge(h) for h in c.get("hedges", [])],
                c.get("band"),
                c.get("hypothesis", False),
            )
            for c in data.get("claims", [])
        ],
        hedges=[hedge(h) for h in data.get("hedges", [])],
        entities=[
            Entity(
                e["id"],
                e["name"],
                e["type"],
                list(e.get("aliases", [])),
                list(e.get("roles", [])),
                list(e.get("descriptions", [])),
                [Mention(**m) for m in e.get("mentions", [])],
                e.get("gender"),
                [Role(**r) for r in e.get("role_spans", [])],
            )
            for e in data.get("entities", [])
        ],
        places=[Place(**p) for p in data.get("places", [])],
        figures=[Figure(**f) for f in data.get("figures", [])],
        dates=[DateRef(**d) for d in data.get("dates", [])],
        analyzed=data.get("analyzed", True),
        note=data.get("note"),
    )
