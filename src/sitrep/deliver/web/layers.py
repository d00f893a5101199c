"""Which records of a document are highlighted, and how: one ``Mark`` per record.

Each layer styles a different CSS property (quotes the background, claims the
underline, entities a dotted border, ...) so overlapping records stay visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.deliver.web.highlight import Mark
from sitrep.likelihood import ICD203_WORDS

SPEAKER_COLOURS = 8
LAYERS = (
    ("quotes", "Quotes"),
    ("claims", "Claims"),
    ("hedges", "Hedge cues"),
    ("entities", "Entities"),
    ("figures", "Figures"),
    ("dates", "Dates"),
    ("places", "Places"),
)


def band_words(band: int | None) -> str:
    return ICD203_WORDS.get(band, "stated flatly") if band is not None else "stated flatly"


@dataclass
class Legend:
    """Speakers of one document in order of first quote, each with its colour class."""

    colours: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str | None] = field(default_factory=dict)

    def colour(self, key: str, name: str, entity_id: str | None) -> int:
        if key not in self.colours:
            self.colours[key] = len(self.colours) % SPEAKER_COLOURS
            self.names[key], self.ids[key] = name, entity_id
        return self.colours[key]

    def entries(self) -> list[dict]:
        return [
            {"name": self.names[k], "entity_id": self.ids[k], "colour": c}
            for k, c in self.colours.items()
        ]


def speaker_label(q: dict) -> str:
    return q.get("speaker_name") or q.get("source_text") or "unattributed"


def document_marks(records: dict) -> tuple[list[Mark], Legend]:
    """Marks for every record of ``get_document``'s result, plus the speaker legend."""
    legend = Legend()
    marks: list[Mark] = []
    for q in records["quotes"]:
        name = speaker_label(q)
        if q["kind"] == "scare":
            marks.append(Mark(q["start"], q["end"], "q q-scare", q["id"], "scare quotes"))
            continue
        c = legend.colour(q["speaker_id"] or name, name, q["speaker_id"])
        marks.append(
            Mark(q["start"], q["end"], f"q spk-{c}", q["id"], f"{name} ({q['kind']} quote)")
        )
        for sp in q.get("spans", []):
            role = {"content": "qc", "source": "qs", "cue": "qcue"}.get(sp["role"], "qc")
            marks.append(Mark(sp["start"], sp["end"], f"{role} spk-{c}"))
    for c in records["claims"]:
        band = c.get("band")
        title = f"claim, {band_words(band)}" + (f" (band {band})" if band else "")
        if c.get("source_name"):
            title += f", per {c['source_name']}"
        marks.append(Mark(c["start"], c["end"], f"claim band-{band or 'flat'}", c["id"], title))
    for h in records["hedges"]:
        marks.append(
            Mark(h["start"], h["end"], "hedge", h["id"], f"hedge cue: {h.get('type') or ''}")
        )
    for m in records["mentions"]:
        title = f"{m.get('entity_name') or m['text']} ({m.get('entity_type') or m.get('label')})"
        marks.append(
            Mark(m["start"], m["end"], f"ent ent-{m.get('label') or 'other'}", m["id"], title)
        )
    for f in records["figures"]:
        bits = [f"figure: {_num(f.get('value'))}"]
        if f.get("unit"):
            bits.append(str(f["unit"]))
        if f.get("counted"):
            bits.append(str(f["counted"]))
        if f.get("approximate"):
            bits.append("(approximate)")
        marks.append(Mark(f["start"], f["end"], "fig", f["id"], " ".join(bits)))
    for d in records["dates"]:
        marks.append(Mark(d["start"], d["end"], "date", d["id"], f"date: {d.get('value') or '?'}"))
    for p in records["places"]:
        where = ", ".join(x for x in (p.get("name"), p.get("country")) if x) or "unresolved"
        why = f" ({p['reason']})" if p.get("reason") else ""
        marks.append(Mark(p["start"], p["end"], "place", p["id"], f"place: {where}{why}"))
    return marks, legend


def _num(value) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
