"""The brief: a self-contained HTML page and a Markdown twin, rendered from stored records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader

from sitrep.records import Analysis, Document, Quote


@dataclass
class SpeakerQuotes:
    name: str
    entity_id: str | None
    roles: list[str] = field(default_factory=list)
    quotes: list[tuple[Document, Quote]] = field(default_factory=list)


def _env() -> Environment:
    env = Environment(loader=PackageLoader("sitrep.deliver", "templates"),
                      autoescape=lambda name: bool(name) and name.endswith(".html.j2"))
    env.filters["md"] = lambda s: (s or "").replace("\n", " ").replace("|", "\\|")
    env.filters["safe_url"] = safe_url
    return env


def safe_url(url: str | None) -> str:
    """Only web links survive: a ``javascript:`` or ``data:`` URL from a source becomes '#'."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else "#"


def who_said_what(items: list[tuple[Document, Analysis]], resolution=None) -> list[SpeakerQuotes]:
    by_speaker: dict[str, SpeakerQuotes] = {}
    for doc, analysis in items:
        for q in analysis.quotes:
            if q.kind == "scare" or q.speaker is None or not q.speaker.name:
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
    return sorted(by_speaker.values(), key=lambda s: (-len(s.quotes), s.name))


def render_brief(items: list[tuple[Document, Analysis]], out_dir: Path, resolution=None,
                 title: str = "Preliminary assessment") -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = [d for d, _ in items]
    context = {
        "title": title,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "documents": sorted(docs, key=lambda d: (d.published or "", d.title or "")),
        "speakers": who_said_what(items, resolution),
        "counts": {
            "documents": len(docs),
            "quotes": sum(len(a.quotes) for _, a in items),
            "claims": sum(len(a.claims) for _, a in items),
        },
    }
    env = _env()
    html_path, md_path = out_dir / "brief.html", out_dir / "brief.md"
    html_path.write_text(env.get_template("brief.html.j2").render(**context), encoding="utf-8")
    md_path.write_text(env.get_template("brief.md.j2").render(**context), encoding="utf-8")
    return html_path, md_path
