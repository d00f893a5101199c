"""What a new user meets first.

Titles of plain articles, counts said in words, a readable brief.md.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.ingest.metadata import split_front_matter
from sitrep.lexicon.headlines import headline

runner = CliRunner()


def test_a_plain_article_is_titled_by_its_headline():
    assert (
        headline("Tanks surround Drovna airport\n\nDROVNA - Tanks were seen ...")
        == "Tanks surround Drovna airport"
    )
    assert headline("\n\n# Council declares curfew\nText.") == "Council declares curfew"
    assert headline("The council said on Tuesday that it had taken control of the airport.") is None
    assert headline("Breaking") is None
    assert headline("") is None


@given(st.text(max_size=400))
def test_headline_is_a_line_of_the_text_or_nothing(text: str):
    title = headline(text)
    assert title is None or (title in text and "\n" not in title and title == title.strip())


def test_a_title_keeps_its_own_closing_quote():
    fields, _ = split_front_matter(
        '---\ntitle: Vell says she is "not a prisoner"\noutlet: "Baltic Monitor"\n---\nBody.\n'
    )
    assert fields["title"] == 'Vell says she is "not a prisoner"'
    assert fields["outlet"] == "Baltic Monitor"


def test_brief_md_puts_each_quote_and_its_source_on_their_own_lines(tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        'Minister gives warning\n\nDefence Minister Anna Teller said the convoy was "a routine '
        'exercise" '
        "and would return to barracks.\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["assess", str(corpus), "--db", str(tmp_path / "s.db"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "]> —" not in md
    assert "from 1 document, none naming its outlet" in md
    assert "Minister gives warning" in md, "the headline is the document's title"
    assert "unknown outlet" not in md and "— a.txt (F)" in md  # the file to go back to
    assert str(corpus) not in md  # and no machine path


def test_later_commands_keep_the_grading_table_the_run_used(tmp_path: Path):
    from sitrep.store.db import connect
    from sitrep.store.settings_files import history

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.md").write_text(
        "---\ntitle: Tanks at the airport\noutlet: Meridian Press\n---\n"
        "Tanks surrounded the airport on Tuesday, the ministry said.\n",
        encoding="utf-8",
    )
    sources = tmp_path / "grades.toml"
    sources.write_text('"Meridian Press" = "A"\n', encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = runner.invoke(
        app, ["assess", str(corpus), "--db", db, "--out", str(tmp_path), "--sources", str(sources)]
    )
    assert result.exit_code == 0, result.output
    assert "| Meridian Press | A" in (tmp_path / "brief.md").read_text(encoding="utf-8")
    again = runner.invoke(app, ["brief", "--db", db, "--out", str(tmp_path)])
    assert again.exit_code == 0, again.output
    assert "sources: the copy of" in again.output, (
        "the command says which grading table is in force"
    )
    assert "| Meridian Press | A" in (tmp_path / "brief.md").read_text(encoding="utf-8")
    sources.write_text('"Meridian Press" = "C"\n', encoding="utf-8")
    runner.invoke(app, ["brief", "--db", db, "--out", str(tmp_path), "--sources", str(sources)])
    assert "| Meridian Press | C" in (tmp_path / "brief.md").read_text(encoding="utf-8")
    kept = history(connect(db), "sources")
    assert [k.text for k in kept] == ['"Meridian Press" = "A"\n', '"Meridian Press" = "C"\n']


def test_figures_table_names_no_file_path_as_who_gave_it(tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Ministry counts refugees\n\n"
        "The interior ministry said 4,200 people had crossed the border on Tuesday.\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["assess", str(corpus), "--db", str(tmp_path / "s.db"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    rows = [line for line in md.splitlines() if line.startswith("| 4,200 |")]
    assert rows, "the figure is in the table"
    given_by = rows[0].split("|")[3]
    assert str(corpus) not in given_by and "a.txt" not in given_by, given_by


def test_install_metadata_gives_the_license_as_an_spdx_expression():
    """setuptools warns three times during install when the license is a table or a
    'License ::' classifier; an SPDX string with a setuptools that reads it is silent."""
    import tomllib

    meta = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert isinstance(meta["project"]["license"], str)
    assert not any(c.startswith("License ::") for c in meta["project"].get("classifiers", []))
    assert any(r.startswith("setuptools>=77") for r in meta["build-system"]["requires"])


def test_a_document_with_no_outlet_or_title_is_named_by_its_file_not_its_folder():
    from sitrep.assess.evidence import doc_source
    from sitrep.assess.origins import document_origins
    from sitrep.records import Document

    doc = Document(
        id="d1", text="Some text of the report.", path="/home/analyst/inbox/report-7.txt"
    )
    assert doc_source(doc) == "report-7.txt"
    assert document_origins([doc])["d1"].name == "report-7.txt"
    titled = Document(id="d2", text="x", path="/a/b.txt", title="Dam holds", outlet=None)
    assert doc_source(titled) == "Dam holds"
