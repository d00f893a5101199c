"""Two people share a surname and a third report names only the surname: sitrep says it
cannot tell which of them it is, everywhere the bare surname shows."""

from __future__ import annotations

from typer.testing import CliRunner

from sitrep.cli import app, document_label

runner = CliRunner()
REPORTS = {
    "a.txt": "Jan Ivanek, the defence minister, said on Monday that the army would stay in "
    "the north.\n",
    "b.txt": "Petr Ivanek, an opposition deputy, said on Tuesday that the troops must come home.\n",
    "c.txt": "Ivanek said on Wednesday that nothing had changed at the border.\n",
}


def test_a_bare_shared_surname_is_asked_about_and_described_as_either(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db, out = str(tmp_path / "s.db"), tmp_path / "out"
    result = runner.invoke(app, ["assess", str(folder), "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "could be Jan Ivanek or Petr Ivanek (only the surname is given)" in brief
    # the exact name of the bare actor does not hide the two people it may be
    result = runner.invoke(app, ["entity", "Ivanek", "--db", db])
    assert result.exit_code == 1
    for cid in ("person:ivanek", "person:jan-ivanek", "person:petr-ivanek"):
        assert cid in result.stderr
    result = runner.invoke(app, ["entity", "person:ivanek", "--db", db])
    assert result.exit_code == 0 and "could be Jan Ivanek or Petr Ivanek" in result.stdout
    result = runner.invoke(app, ["quotes", "--speaker", "Jan Ivanek", "--db", db])
    assert result.exit_code == 0 and "a.txt" in result.stdout
    assert ": " + str(folder) not in result.stdout and str(folder) not in result.stdout


def test_a_document_is_labelled_by_outlet_and_title_or_its_file_name():
    assert (
        document_label("Kesvar Herald", "Bridge down", "/x/a.txt") == "Kesvar Herald: Bridge down"
    )
    assert document_label(None, None, "/x/in/a.txt") == "a.txt"
    assert document_label("Kesvar Herald", None, None) == "Kesvar Herald"
    assert document_label(None, None, None) == "?"
