"""The stored assessment (storylines, origins, grades, key judgments), read by reflection.

The assessment stage owns its tables; the browser only needs to know their shape
loosely: a ``storylines`` table keyed by ``id``, tables whose rows carry a
``storyline_id`` (members, origins, ...), and a table of key judgments. Any row
with ``document_id`` and ``start``/``end`` becomes a link to that exact passage.
When no assessment is stored the pages say so and the rest of the browser works.
"""

from __future__ import annotations

import json
from functools import lru_cache

from sqlalchemy import Engine, MetaData, Table, inspect, select

STORYLINES = ("storylines", "assessment_storylines")
JUDGMENTS = ("key_judgments", "judgments", "assessment_judgments")
HIDDEN = {"storyline_id"}


def _tables(engine: Engine) -> dict[str, Table]:
    """Reflected tables, re-read when a table appears (an assessment run while serving)."""
    return _reflect(engine, frozenset(inspect(engine).get_table_names()))


@lru_cache(maxsize=8)
def _reflect(engine: Engine, names: frozenset[str]) -> dict[str, Table]:
    meta = MetaData()
    wanted = [n for n in names if not n.startswith(("documents_fts", "quotes_fts", "sqlite_"))]
    meta.reflect(bind=engine, views=False, only=wanted)
    return dict(meta.tables)


def _first(tables: dict[str, Table], names: tuple[str, ...]) -> Table | None:
    return next((tables[n] for n in names if n in tables), None)


def _plain(row) -> dict:
    """A row as a dict; ``*_json`` columns decoded into their values."""
    out = {}
    for key, value in row._mapping.items():
        if key.endswith("_json") and isinstance(value, str):
            try:
                out[key[:-5]] = json.loads(value)
                continue
            except ValueError:
                pass
        out[key] = value
    return out


def _order(table: Table):
    for name in ("rank", "position", "ordinal", "first_date", "published", "start", "id"):
        if name in table.c:
            return table.c[name]
    return None


def _children(tables: dict[str, Table], storyline: Table) -> list[Table]:
    return [t for name, t in sorted(tables.items())
            if "storyline_id" in t.c and t is not storyline and not name.endswith("_fts")]


def available(engine: Engine) -> bool:
    tables = _tables(engine)
    return _first(tables, STORYLINES) is not None or _first(tables, JUDGMENTS) is not None


def judgments(engine: Engine, limit: int = 100) -> list[dict]:
    table = _first(_tables(engine), JUDGMENTS)
    if table is None:
        return []
    stmt = select(table).limit(limit)
    if (col := _order(table)) is not None:
        stmt = stmt.order_by(col)
    with engine.connect() as conn:
        return [_plain(r) for r in conn.execute(stmt)]


def storylines(engine: Engine, limit: int = 500) -> list[dict]:
    table = _first(_tables(engine), STORYLINES)
    if table is None:
        return []
    stmt = select(table).limit(limit)
    if (col := _order(table)) is not None:
        stmt = stmt.order_by(col)
    with engine.connect() as conn:
        return [_plain(r) for r in conn.execute(stmt)]


def storyline(engine: Engine, storyline_id: str) -> dict | None:
    """One storyline with every related row, grouped by the table it came from."""
    tables = _tables(engine)
    table = _first(tables, STORYLINES)
    if table is None or "id" not in table.c:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == storyline_id)).first()
        if row is None:
            return None
        out = _plain(row)
        related = {}
        for child in _children(tables, table):
            stmt = select(child).where(child.c.storyline_id == storyline_id)
            if (col := _order(child)) is not None:
                stmt = stmt.order_by(col)
            related[child.name] = [_plain(r) for r in conn.execute(stmt)]
    out["related"] = related
    return out


def evidence_link(row: dict) -> str | None:
    """Where a row's evidence is: the passage of its document, highlighted."""
    from urllib.parse import quote

    doc = row.get("document_id")
    if not doc:
        for key in ("quote_id", "claim_id", "record_id"):
            if isinstance(row.get(key), str) and ":" in row[key]:
                doc = row[key].split(":", 1)[0]
                return f"/documents/{quote(doc)}?focus={quote(row[key])}#focus"
        return None
    if isinstance(row.get("start"), int) and isinstance(row.get("end"), int):
        return f"/documents/{quote(str(doc))}?span={row['start']}-{row['end']}#focus"
    return f"/documents/{quote(str(doc))}"
