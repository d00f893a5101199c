"""An uncredited rewrite is a copy of what it retells, not a second origin."""

from __future__ import annotations

from sitrep.assess import assess_corpus
from sitrep.ids import content_id
from sitrep.records import Analysis, Document

ORIGINAL = [
    "A convoy of three armoured cars carrying Colonel Brask was seen on the road to the Hallin "
    "crossing on Wednesday, witnesses said.",
    "Petrol station owner Dusan Brezic said a tall officer paid in cash and asked whether the "
    "border was open.",
    "Major Ivo Renner, the commander at the Hallin post, said no armoured vehicle had crossed "
    "by 6 p.m. on Wednesday.",
    "Hallin is the main road crossing between the Orvel region and Dravonia.",
]
REWRITE = [
    "Three armoured cars carrying Colonel Brask were seen on Wednesday on the road to the "
    "Hallin crossing, according to witnesses.",
    "A tall officer paid in cash and asked whether the border was open, petrol station owner "
    "Dusan Brezic said.",
    "No armoured vehicle had crossed by 6 p.m. on Wednesday, said Major Ivo Renner, the "
    "commander at the Hallin post.",
    "The Hallin crossing is the main road link between the Orvel region and Dravonia.",
]


def _doc(outlet: str, day: str, sentences: list[str]) -> tuple[Document, Analysis]:
    text = "Convoy near the border\n\n" + "\n\n".join(sentences)
    return (
        Document(
            content_id(outlet + text), text, path=f"{outlet}.txt", outlet=outlet, published=day
        ),
        Analysis(),
    )


def test_a_later_report_retelling_an_earlier_one_in_order_is_its_copy():
    a = assess_corpus(
        [_doc("Ash Daily", "2026-04-06", ORIGINAL), _doc("Birch Post", "2026-04-07", REWRITE)]
    )
    by_outlet = {d.outlet: d.id for d in a.documents}
    assert a.doc_origins[by_outlet["Birch Post"]].name == "Ash Daily"
    assert a.doc_origins[by_outlet["Birch Post"]].via == "copy"
    # one report, republished: its sentences travel together as one storyline, and an
    # outlet's report another outlet copies is circular reporting (syndicated is wire copy)
    assert [len(s.origins) for s in a.storylines] == [1]
    assert a.storylines[0].circular == "circular" and len(a.storylines[0].members) == 8


def test_no_retelling_out_of_order_or_without_dates():
    shuffled = [REWRITE[2], REWRITE[0], REWRITE[3], REWRITE[1]]
    a = assess_corpus(
        [_doc("Ash Daily", "2026-04-06", ORIGINAL), _doc("Birch Post", "2026-04-07", shuffled)]
    )
    assert len(a.storylines) >= 3
    assert {o.via for o in a.doc_origins.values()} == {"own"}
    undated = assess_corpus([_doc("Ash Daily", None, ORIGINAL), _doc("Birch Post", None, REWRITE)])
    assert {o.via for o in undated.doc_origins.values()} == {"own"}
