"""What links two statements by their words: the claim, not the names; a date, not its absence."""

from __future__ import annotations

from sitrep.assess.evidence import Evidence
from sitrep.assess.storylines import link_pairs
from sitrep.records import ActorRef, Document, Quote, Span

VARGA, KOLAS = "person:ilse-varga", "person:petr-kolas"


def _ev(doc: str, text: str, entities: set[str], day: str | None) -> Evidence:
    d = Document(doc, text, path=f"{doc}.txt", published=day)
    return Evidence(f"{doc}:0", d, 0, len(text), text, entities=frozenset(entities), date=day)


def _linked(a: Evidence, b: Evidence) -> set[str]:
    return {why for i, j, why in link_pairs([a, b]) if {i, j} == {0, 1}}


def test_two_reports_naming_the_same_people_are_not_one_story():
    a = _ev(
        "a",
        "Ilse Varga told Petr Kolas that the harbour tax would rise next spring.",
        {VARGA, KOLAS},
        "2026-03-02",
    )
    b = _ev(
        "b",
        "Ilse Varga and Petr Kolas attended the football final in Drovna.",
        {VARGA, KOLAS},
        "2026-03-02",
    )
    assert _linked(a, b) == set()


def test_the_same_claim_by_the_same_people_is_one_story():
    a = _ev(
        "a",
        "Ilse Varga said the harbour tax would rise next spring in Drovna.",
        {VARGA},
        "2026-03-02",
    )
    b = _ev(
        "b",
        "Ilse Varga announced that the Drovna harbour tax will rise in spring.",
        {VARGA},
        "2026-03-03",
    )
    assert "content" in _linked(a, b)


def test_an_unknown_date_is_not_the_same_day():
    # dated a day apart these share enough (a shared actor, over a third of their claim's words) ...
    text_a = "Petr Kolas said the grain convoy reached the northern depot overnight."
    text_b = "Petr Kolas confirmed an escorted grain convoy reached the depot at Hollen by dawn."
    assert "content" in _linked(
        _ev("a", text_a, {KOLAS}, "2026-03-02"), _ev("b", text_b, {KOLAS}, "2026-03-03")
    )
    # ... but with no date at all, nothing says they are about the same day
    assert "content" not in _linked(
        _ev("a", text_a, {KOLAS}, None), _ev("b", text_b, {KOLAS}, None)
    )
    assert "content" not in _linked(
        _ev("a", text_a, {KOLAS}, "2026-03-02"), _ev("b", text_b, {KOLAS}, None)
    )


def test_an_unknown_date_is_no_veto():
    # near-identical claims link whatever is known of their days
    text_a = "Petr Kolas said the grain convoy reached the northern depot overnight after shelling."
    text_b = "Petr Kolas said a grain convoy reached the northern depot overnight despite shelling."
    assert "content" in _linked(_ev("a", text_a, {KOLAS}, None), _ev("b", text_b, {KOLAS}, None))


def _said(doc: str, text: str, day: str) -> Evidence:
    ev = _ev(doc, text, {VARGA, KOLAS}, day)
    ev.quotes.append(
        Quote(
            0,
            len(text),
            text,
            None,
            [],
            [Span(0, len(text), text)],
            ActorRef(VARGA, "Ilse Varga"),
            "direct",
        )
    )
    return ev


def test_one_speaker_on_two_subjects_is_two_stories():
    # the same speaker, the same people named, sorted words alike (token_sort_ratio 78), but
    # an emergency declared on one day and a promise to rebuild on another
    a = _said(
        "a",
        "Ilse Varga said President Petr Kolas declared a state of emergency in the provinces "
        "on Tuesday.",
        "2026-03-02",
    )
    b = _said(
        "b",
        "Ilse Varga said President Petr Kolas promised on Thursday the state would rebuild "
        "every destroyed house.",
        "2026-03-04",
    )
    assert "speaker" not in _linked(a, b)
    c = _said(
        "c",
        "Ilse Varga said that President Petr Kolas had declared a state of emergency in three "
        "provinces.",
        "2026-03-03",
    )
    assert "speaker" in _linked(a, c)


def test_one_speakers_line_in_two_reports_is_one_statement():
    """A paper's quote and a transcript's turn share one line word for word; their other
    words differ too much for the sorted-words ratio."""
    paper = _said(
        "paper",
        '"There is no coup and there will be no coup. This is a routine exercise of the 4th '
        'Armoured Brigade, announced to the general staff in October," Ilse Varga told reporters.',
        "2026-03-02",
    )
    transcript = _said(
        "transcript",
        "VARGA: I have seen those pictures. I am telling you there is no coup, there is no "
        "threat to the government, and nobody should be alarmed.",
        "2026-03-02",
    )
    assert "speaker" in _linked(paper, transcript)
    weeks_later = _said("later", transcript.text, "2026-03-20")
    assert "speaker" not in _linked(paper, weeks_later)
    # a run of stop words and names is no line of the speaker's own
    a = _said("a", "Ilse Varga told the council that it is what it is in the north.", "2026-03-02")
    b = _said("b", "Asked about the budget, Ilse Varga replied: it is what it is.", "2026-03-02")
    assert "speaker" not in _linked(a, b)


def test_an_action_finds_its_object_in_the_sentence_before():
    """A reporter live on air: "I am outside the SNRT television centre. The entrance is
    blocked by two armoured carriers." The second sentence is the event; its object, and the
    name that places it, are in the first."""
    wire = _ev(
        "wire",
        "Soldiers seized the headquarters of the state broadcaster SNRT and took its main "
        "television channel off the air.",
        set(),
        "2026-03-02",
    )
    text = (
        "HARMAT: I am a hundred metres from the SNRT television centre. The entrance is "
        "blocked by two armoured carriers."
    )
    d = Document("live", text, path="live.txt", published="2026-03-02")
    start = text.index("The entrance")
    live = Evidence("live:1", d, start, len(text), text[start:], date="2026-03-02")
    assert "event" in _linked(wire, live)
    elsewhere = Evidence(
        "live:1", Document("x", text[start:], path="x.txt"), 0, len(text) - start, text[start:]
    )
    assert "event" not in _linked(wire, elsewhere)  # nothing before it names the place


def _group(evs: list[Evidence]):
    from sitrep.assess.origins import Origin
    from sitrep.assess.storylines import group_storylines

    origin_of = {
        ev.id: Origin(ev.doc.outlet or ev.doc.id, ev.doc.outlet or ev.doc.id) for ev in evs
    }
    return group_storylines(evs, origin_of), origin_of


def _at(doc: str, outlet: str, day: str | None, text: str, n: int = 0) -> Evidence:
    d = Document(doc, text, path=f"{doc}.txt", published=day, outlet=outlet)
    return Evidence(f"{doc}:{n}", d, 0, len(text), text, date=day)


NOTE = (
    "Editor's note: the governor has repeatedly promised to close every border crossing "
    "in the province before the winter."
)


def test_a_sentence_two_outlets_print_word_for_word_is_one_origin():
    """An outlet's standing note, or an uncredited copy, printed by two outlets is no
    corroboration; two reports that only quote one speaker alike stay two origins."""
    stories, origin_of = _group(
        [_at("a", "First Post", "2026-03-01", NOTE), _at("b", "Second Post", "2026-03-02", NOTE)]
    )
    (s,) = stories
    assert [o.name for o in s.origins] == ["First Post"] and not s.confirmed
    assert origin_of["b:0"].via == "copy" and origin_of["b:0"].name == "First Post"

    quoted = '"We will close every border crossing in the province before winter," '
    stories, _ = _group(
        [
            _at("c", "First Post", "2026-03-01", quoted + "the governor told reporters in Drovna."),
            _at(
                "d", "Second Post", "2026-03-01", quoted + "the governor said at a rally on Monday."
            ),
        ]
    )
    assert stories and all(len(s.origins) == 2 for s in stories)


def test_a_piece_of_a_copied_passage_is_a_copy_too():
    piece = "the governor has repeatedly promised to close every border crossing"
    stories, origin_of = _group(
        [
            _at("a", "First Post", "2026-03-01", NOTE),
            _at("b", "Second Post", "2026-03-02", piece.capitalize() + "."),
        ]
    )
    assert stories and all(len(s.origins) == 1 for s in stories)
    assert origin_of["b:0"].via == "copy"
