"""JSON Lines, CSV and Parquet exports of the store, for scripts and notebooks."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Engine, select

from sitrep.deliver.contract import document_json
from sitrep.records import Analysis, Document
from sitrep.store import schema

TABLES = (
    "documents",
    "quotes",
    "quote_spans",
    "claims",
    "hedges",
    "entities",
    "mentions",
    "roles",
    "places",
    "figures",
    "dates",
)


def export_jsonl(items: Iterable[tuple[Document, Analysis]], out: Path) -> Path:
    """The sitrep/1 contract, one object per document, from a corpus already resolved
    (``pipeline.resolved``: the saved resolution, not a new one)."""
    path = out / "documents.jsonl" if out.suffix != ".jsonl" else out
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for doc, analysis in items:
            fh.write(json.dumps(document_json(doc, analysis), ensure_ascii=False) + "\n")
    return path


def _table_rows(engine: Engine, name: str) -> tuple[list[str], list[tuple]]:
    table = schema.metadata.tables[name]
    with engine.connect() as conn:
        result = conn.execute(select(table))
        return list(result.keys()), [tuple(r) for r in result]


#: what a spreadsheet reads as the start of a formula (OWASP's list for CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell a spreadsheet would run as a formula ('=HYPERLINK(...)', '@SUM(...)') gets
    a leading apostrophe, so it opens as the text it is; numbers and other cells stay."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(engine: Engine, out: Path) -> list[Path]:
    """One CSV per table. Text from sources is hostile until shown otherwise: cells that
    would start a formula are neutralised (``spreadsheet_safe``); JSON and Parquet keep
    the text exactly."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        cols, rows = _table_rows(engine, name)
        path = out / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            w.writerows(tuple(spreadsheet_safe(v) for v in row) for row in rows)
        written.append(path)
    return written


def export_parquet(engine: Engine, out: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        cols, rows = _table_rows(engine, name)
        table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)})
        path = out / f"{name}.parquet"
        pq.write_table(table, path)
        written.append(path)
    return written
