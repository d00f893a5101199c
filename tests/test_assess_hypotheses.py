"""Competing hypotheses: proposals, the user's overrides in the file, and Heuer's ranking."""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factories import corpus
from sitrep.assess import assess_corpus
from sitrep.assess.hypotheses import (
    EvidenceItem,
    HypothesesFileError,
    Hypothesis,
    appended_proposals,
    build_matrix,
    evidence_items,
    load_hypotheses,
    matrix_for,
    proposals_toml,
    propose,
    toml_string,
    user_ratings,
)

HYPS = """
[[hypothesis]]
id = "H1"
text = "The army surrounded the airport to seize power"
consistent = ["tanks"]

[[hypothesis]]
id = "H2"
text = "The troop movement was a routine training exercise"
inconsistent = ["betrayed his oath"]
"""


def test_propose_uses_cues_then_shared_words_then_negation():
    h = Hypothesis(
        "H",
        "Soldiers loyal to the general seized the television centre",
        ["broadcast stopped"],
        ["returned"],
    )
    assert propose(h, "The broadcast stopped at dawn.") == "C"
    assert propose(h, "The soldiers returned to barracks.") == "I"
    assert propose(h, "Soldiers loyal to the general seized the television centre at dawn.") == "C"
    assert propose(h, "Soldiers loyal to the general never seized the television centre.") == "I"
    assert propose(h, "Bread prices rose in the capital.") == "N"


def test_matrix_ranks_by_weighted_inconsistency():
    hyps = [Hypothesis("H1", "a"), Hypothesis("H2", "b")]
    items = [EvidenceItem("e1", "x", "S", None, 1), EvidenceItem("e2", "y", "S", None, 6)]
    ratings = {("e1", "H1"): "I", ("e2", "H2"): "I", ("e1", "H2"): "C"}
    m = build_matrix(hyps, items, ratings)
    assert m.inconsistency("H1") == 1.0 and m.inconsistency("H2") == 0.25
    assert m.least_inconsistent.id == "H2"
    assert m.cells[("e1", "H1")].proposed == "N" and m.cells[("e1", "H1")].overridden
    assert not m.cells[("e2", "H1")].overridden
    assert m.count("H2", "C") == 1


def test_file_overrides_win_and_proposals_round_trip(tmp_path):
    path = tmp_path / "hypotheses.toml"
    path.write_text(HYPS, encoding="utf-8")
    a = assess_corpus(corpus())
    m = matrix_for(a, path)
    assert [h.id for h in m.hypotheses] == ["H1", "H2"]
    assert len(m.evidence) == len(evidence_items(a)) > 0
    extra = proposals_toml(m, set())
    path.write_text(HYPS + extra, encoding="utf-8")
    tomllib.loads(path.read_text(encoding="utf-8"))  # still valid TOML
    hyps, ratings = load_hypotheses(path)
    assert not ratings, (
        "proposals appended below the mark (as earlier versions did) are not the user's"
    )
    assert {eid for eid, _ in appended_proposals(path)} == {e.id for e in m.evidence}
    first = m.evidence[0].id
    flipped = "I" if m.cells[(first, "H1")].proposed != "I" else "C"
    text = path.read_text(encoding="utf-8")
    head = text.index(f'[ratings."{first}"]')
    line = text.index("H1 = ", head)
    text = (
        text[:line] + f'H1 = "{flipped}"' + text[text.index("\n", line) :]
    )  # the analyst edits one cell
    path.write_text(text, encoding="utf-8")
    m2 = matrix_for(a, path)
    assert m2.cells[(first, "H1")].rating == flipped
    assert m2.cells[(first, "H1")].overridden
    left = proposals_toml(m2, {eid for eid, _ in user_ratings(path, m2)})
    assert len(re.findall(r"(?m)^\[ratings\.", left)) == len(m2.evidence) - 1


def test_bad_files_say_what_to_fix(tmp_path):
    path = tmp_path / "h.toml"
    path.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(HypothesesFileError, match=r"\[\[hypothesis\]\]"):
        load_hypotheses(path)
    path.write_text(HYPS + '[ratings."e1"]\nH1 = "maybe"\n', encoding="utf-8")
    with pytest.raises(HypothesesFileError, match="C, I or N"):
        load_hypotheses(path)
    path.write_text("[[hypothesis\n", encoding="utf-8")
    with pytest.raises(HypothesesFileError, match="not valid TOML"):
        load_hypotheses(path)


def test_hypotheses_command(tmp_path):
    from sitrep.cli import app
    from sitrep.pipeline import resolve
    from sitrep.store import write
    from sitrep.store.assessment import load_matrix
    from sitrep.store.db import connect

    db = tmp_path / "s.db"
    engine = connect(str(db))
    for doc, an in corpus():
        write.add_document(engine, doc)
        write.save_analysis(engine, doc.id, an, "test")
    resolve(engine)
    path = tmp_path / "hypotheses.toml"
    path.write_text(HYPS, encoding="utf-8")
    result = CliRunner().invoke(app, ["hypotheses", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "H1" in result.output and "inconsistency" in result.output
    assert path.read_text(encoding="utf-8") == HYPS, (
        "the user's file is the user's: sitrep never writes it"
    )
    proposed = tmp_path / "hypotheses.proposed.toml"
    assert "[ratings." in proposed.read_text(encoding="utf-8")
    assert not re.search(r"\b[CIN]\*", result.output), "no rating is the user's yet"
    stored = load_matrix(engine)
    assert [h["id"] for h in stored["hypotheses"]] and stored["ratings"]
    # The user copies one proposal into their file and changes it: that one cell is theirs.
    data = tomllib.loads(proposed.read_text(encoding="utf-8"))
    eid, row = next(iter(data["ratings"].items()))
    hid, value = next(iter(row.items()))
    flipped = "I" if value != "I" else "C"
    path.write_text(
        HYPS + f'\n[ratings.{toml_string(eid)}]\n{toml_string(hid)} = "{flipped}"\n',
        encoding="utf-8",
    )
    again = CliRunner().invoke(app, ["hypotheses", str(path), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert again.output.count(f"{flipped}*") == 1
    assert eid not in tomllib.loads(proposed.read_text(encoding="utf-8")).get("ratings", {})


def test_proposals_appended_by_earlier_versions_are_not_the_users(tmp_path):
    items = [
        EvidenceItem("e1", "Troops entered the capital.", "x", None, 3),
        EvidenceItem("e2", "The army stayed in barracks.", "x", None, 3),
    ]
    hyps = [Hypothesis("H1", "The army took power")]
    m = build_matrix(hyps, items)
    path = tmp_path / "h.toml"
    legacy = proposals_toml(m, set())
    first = m.cells[("e1", "H1")].proposed
    changed = legacy.replace(f'H1 = "{first}"', 'H1 = "{}"'.format("I" if first != "I" else "C"), 1)
    path.write_text(HYPS + changed, encoding="utf-8")
    assert appended_proposals(path)
    assert user_ratings(path, m) == {("e1", "H1")}, "only the proposal the user changed is theirs"


@given(st.text(max_size=200), st.text(min_size=1, max_size=20))
def test_proposals_are_valid_toml_whatever_the_text(text, eid):
    m = build_matrix([Hypothesis("H 1", "anything")], [EvidenceItem(eid, text, text, None, 3)])
    data = tomllib.loads(HYPS + proposals_toml(m, set()))
    assert data["ratings"][eid]["H 1"] in ("C", "I", "N")
