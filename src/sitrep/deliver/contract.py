"""The public JSON shape (``"format": "sitrep/1"``), shared by ``extract`` and ``export``."""

from __future__ import annotations

from sitrep.records import FORMAT, Analysis, Document, to_dict

DOCUMENT_FIELDS = (
    "id",
    "path",
    "title",
    "outlet",
    "author",
    "published",
    "url",
    "language",
    "encoding",
)


def document_json(doc: Document, analysis: Analysis) -> dict:
    out: dict = {"format": FORMAT}
    out.update({k: getattr(doc, k) for k in DOCUMENT_FIELDS})
    out["text"] = doc.text
    out["meta"] = doc.meta
    out["analyzed"] = analysis.analyzed
    if analysis.note:
        out["note"] = analysis.note
    for kind in Analysis.RECORD_KINDS:
        out[kind] = to_dict(getattr(analysis, kind))
    return out
