"""Page furniture in plain text is dropped, offsets stay valid and the drops are counted."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitrep import pipeline
from sitrep.ingest.furniture import blank, furniture_lines
from sitrep.ingest.readers import make_document
from sitrep.store import read
from sitrep.store.db import connect

ARTICLE = """Tanks seen at Drovna airport

Share this article
Facebook Twitter Email
DROVNA (Kestrel Wire) - Tanks rolled onto the apron on Tuesday, witnesses said.
ADVERTISEMENT
Photo: Ivo Marsh/Getty Images
A tank near the terminal. (Kestrel Wire/Ivo Marsh)
Sign up for the Morning Brief newsletter
CLICK HERE TO GET THE DROVNA HERALD APP
The ministry said the deployment was an exercise.
Related:
Council declares state of emergency
Who is Oleg Varlamov?

Readers were told to download the app Civitas to register.
Read more: Ferries halted at Kelmar
Advertisement
"""

KEPT = (
    "Tanks rolled onto the apron",
    "The ministry said the deployment",
    "download the app Civitas",
    "Tanks seen at Drovna airport",
)


def test_each_kind_of_furniture_is_dropped_and_content_kept():
    kinds = {d.text: d.kind for d in furniture_lines(ARTICLE)}
    assert kinds == {
        "Share this article": "share",
        "Facebook Twitter Email": "share",
        "ADVERTISEMENT": "ad",
        "Photo: Ivo Marsh/Getty Images": "photo credit",
        "A tank near the terminal. (Kestrel Wire/Ivo Marsh)": "photo credit",
        "Sign up for the Morning Brief newsletter": "prompt",
        "CLICK HERE TO GET THE DROVNA HERALD APP": "prompt",
        "Related:": "related",
        "Council declares state of emergency": "related",
        "Who is Oleg Varlamov?": "related",
        "Read more: Ferries halted at Kelmar": "related",
        "Advertisement": "ad",
    }


def test_blanking_keeps_every_offset():
    dropped = furniture_lines(ARTICLE)
    text = blank(ARTICLE, dropped)
    assert len(text) == len(ARTICLE) and text.count("\n") == ARTICLE.count("\n")
    for kept in KEPT:
        assert text.index(kept) == ARTICLE.index(kept)
    assert "ADVERTISEMENT" not in text and "newsletter" not in text
    for d in dropped:
        assert ARTICLE[d.start : d.end] == d.text and not text[d.start : d.end].strip()


def test_document_keeps_its_id_and_the_dropped_lines():
    doc = make_document(ARTICLE, "a.txt", "txt", {})
    again = make_document(ARTICLE, "b.txt", "txt", {})
    assert doc.id == again.id
    assert len(doc.meta["furniture"]) == 12
    restored = list(doc.text)
    for d in doc.meta["furniture"]:
        restored[d["start"] : d["end"]] = d["text"]
    assert "".join(restored) == ARTICLE


def test_credit_lines_are_not_furniture():
    text = (
        "Body of the story.\nSource: Kestrel Wire\nPhoto: A. Person/Kestrel Wire\n— Kestrel Wire\n"
    )
    assert [d.text for d in furniture_lines(text)] == ["Photo: A. Person/Kestrel Wire"]


TOPICS = (
    "the harbour master counted ships waiting outside the breakwater since dawn on Monday",
    "farmers drove tractors into the square to protest against the price of diesel fuel",
    "a ferry ran aground on a sandbank north of the island and forty passengers were rescued",
    "the city council voted to close two schools after the roof of the gymnasium collapsed",
    "a storm cut power to nine villages in the valley and repair crews worked through the night",
)


def _story(n: int) -> str:
    return (
        f"Story number {n} from Lir\n\n"
        f"Reporters learned that {TOPICS[n]}, the office said on day {n}.\n"
        "Get the Lir Gazette every morning in your inbox today\n"
        "Follow the Lir Gazette\n"
    )


def test_lines_an_outlet_repeats_are_dropped_and_counted(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        (folder / f"gazette-{n}.txt").write_text(_story(n), encoding="utf-8")
        (folder / f"gazette-{n}.meta.toml").write_text('outlet = "Lir Gazette"\n', encoding="utf-8")
    (folder / "other.txt").write_text(
        _story(4), encoding="utf-8"
    )  # another outlet: the line is its own
    engine = connect(str(tmp_path / "s.db"))
    report = pipeline.ingest(engine, [str(folder)])
    pipeline.mark_near_duplicates(engine)
    changed = pipeline.mark_repeated_lines(engine)
    assert len(changed) == 4 and all("2 repeated" in v for v in changed.values())
    docs = {
        d.path.rsplit("/", 1)[-1]: d for d in read.get_documents(engine, [i for i in _ids(engine)])
    }
    for n in range(4):
        doc = docs[f"gazette-{n}.txt"]
        assert "Follow the Lir Gazette" not in doc.text and len(doc.text) == len(_story(n))
        assert TOPICS[n] in doc.text
    assert "Follow the Lir Gazette" in docs["other.txt"].text
    assert read.furniture_counts(engine) == (4, 8)
    assert pipeline.mark_repeated_lines(engine) == {}  # nothing new: skipped
    assert report.added


def _ids(engine) -> list[str]:
    from sqlalchemy import select

    from sitrep.store import schema

    with engine.connect() as conn:
        return [r[0] for r in conn.execute(select(schema.documents.c.id))]


def test_widget_lines_are_dropped_and_look_alike_sentences_kept():
    widgets = (
        "Comments (12)",
        "comments: 1,204",
        "57 comments",
        "View all comments (3)",
        "LIVE  Refresh for updates",
        "Refresh the page to see the latest posts",
        "Auto-refresh: off",
        "Show 4 new posts",
    )
    kept = (
        "Comments by the harbour master were not recorded.",
        "Reactions poured in from Lir and Tamsk.",
        "Shares in Lir Shipping fell 8% on Monday.",
        "LIVE: Ferry aground off Tamsk",
        "Reactions",
        "TAMSK —",
        "Nine new posts were set up along the border.",
        '"Refresh for updates," the clerk said.',
    )
    text = "\n".join((*widgets, *kept)) + "\n"
    assert {d.text: d.kind for d in furniture_lines(text)} == dict.fromkeys(widgets, "widget")


MASTHEAD_STORY = """LIR GAZETTE
Lir Gazette | World | Tamsk
Ferry aground off Tamsk

TAMSK —
LIR GAZETTE REPORTERS FOUND THE FERRY EMPTY
Lir Gazette reporters reached the ferry at dawn on Monday.
"Lir Gazette," the sign on the quay said.
Lir Gazette — the harbour master said nothing.
The ferry was towed off the sandbank by noon.
Lir Gazette
"""


def test_the_outlets_own_masthead_is_dropped_and_headlines_kept():
    dropped = furniture_lines(MASTHEAD_STORY, "The Lir Gazette", None)
    assert [(d.text, d.kind) for d in dropped] == [
        ("LIR GAZETTE", "masthead"),
        ("Lir Gazette | World | Tamsk", "masthead"),
        ("Lir Gazette", "masthead"),
    ]
    assert furniture_lines(MASTHEAD_STORY) == []  # no outlet named: nothing to compare


def test_a_masthead_is_known_by_the_web_address_too():
    text = "TAMSK HARBOUR NEWS\nFERRY AGROUND OFF TAMSK\nThe ferry ran aground on Monday.\n"
    dropped = furniture_lines(text, None, "https://www.tamsk-harbournews.example/ferry")
    assert [d.text for d in dropped] == ["TAMSK HARBOUR NEWS"]


def test_an_all_caps_name_with_a_section_at_the_top_is_a_masthead():
    text = (
        "NORTHWIND RISK | Analyst note\n\nFerries halted at Kelmar\n\n"
        "Summary. The port is closed until Friday, the harbour office said on Monday morning.\n"
        "TAMSK | Kelmar\n"
    )
    assert [d.text for d in furniture_lines(text)] == ["NORTHWIND RISK | Analyst note"]
    headline = "FERRIES HALTED | Tamsk and Kelmar closed by the storm tonight\n"
    assert furniture_lines(headline) == []  # a long section: a headline


WORD = st.from_regex(r"[A-Za-z]{2,9}", fullmatch=True)


@given(st.lists(WORD, min_size=3, max_size=12), st.sampled_from([".", "!", '?"', '."']))
def test_a_sentence_or_a_dateline_is_never_a_masthead_or_a_widget(words, end):
    """Even when the outlet's name opens it: a sentence has more words than the name."""
    outlet = " ".join(words[:2])
    text = f"{' '.join(words)}{end}\n{words[0].upper()} —\n{outlet.upper()} —\n"
    kinds = {d.kind for d in furniture_lines(text, outlet, None)}
    assert not kinds & {"masthead", "widget"}
