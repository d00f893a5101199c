"""The highlighter: any text and any overlapping spans give escaped HTML that reads back
as the same text, with each record's pieces covering exactly its characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from sitrep.deliver.web.highlight import Mark, render, segments, snippet

TEXT = st.lists(
    st.sampled_from(list("ab <>&\"'=\n\r/é字") + ["<script>", "</b>", "&amp;", "onerror="]),
    max_size=30,
).map("".join)


@st.composite
def text_and_marks(draw):
    text = draw(TEXT)
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 8))):
        a = draw(st.integers(-3, n + 3))
        b = draw(st.integers(-3, n + 3))
        css = draw(st.sampled_from(["q spk-1", "claim band-5", "hedge", "ent", "fig", '<b>x"']))
        marks.append(
            Mark(a, b, css, f"r{i}", draw(st.sampled_from([None, "t", '"><script>x</script>'])))
        )
    return text, marks


@given(text_and_marks())
def test_segments_tile_the_text_and_carry_exactly_their_covering_marks(case):
    text, marks = case
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    pos = 0
    for s in segs:
        assert s.start == pos and s.end > s.start and text[s.start : s.end] == s.text
        pos = s.end
        covering = {
            id(m) for m in marks if max(0, m.start) <= s.start and min(m.end, len(text)) >= s.end
        }
        assert {id(m) for m in s.marks} == covering
    assert pos == len(text)


def _nl(text: str) -> str:
    """How an HTML parser reads line ends (CR LF and CR become LF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read(fragment: str):
    return lxml_html.fragment_fromstring(f"<div>{fragment}</div>")


@given(text_and_marks(), st.sampled_from([None, "r0", "r3"]))
def test_render_is_escaped_and_each_record_reads_back_whole(case, focus):
    text, marks = case
    out = str(render(text, marks, focus=focus))
    tree = _read(out)
    assert tree.text_content() == _nl(text)
    assert {el.tag for el in tree.iter()} <= {"div", "span"}
    assert all(set(el.keys()) <= {"class", "data-ids", "title", "id"} for el in tree.iter())
    for m in marks:
        start, end = max(0, min(m.start, len(text))), max(0, min(m.end, len(text)))
        if end <= start:
            continue
        pieces = [el for el in tree.iter("span") if m.ref in el.get("data-ids", "").split()]
        expected = _nl(text[start:end])
        if text[start] == "\n" and start > 0 and text[start - 1] == "\r":
            expected = expected[1:]  # a record cut inside one line end starts on the next line
        assert "".join(el.text_content() for el in pieces) == expected
    anchors = tree.xpath('//*[@id="focus"]')
    assert len(anchors) <= 1
    if anchors:
        assert focus in anchors[0].get("data-ids").split()


def test_overlapping_records_split_into_flat_segments():
    text = "He said troops will probably stay."
    quote, claim, hedge = (
        Mark(8, 33, "q", "q0"),
        Mark(8, 28, "claim", "c0"),
        Mark(20, 28, "hedge", "h0"),
    )
    segs = [(s.text, [m.ref for m in s.marks]) for s in segments(text, [hedge, quote, claim])]
    assert segs == [
        ("He said ", []),
        ("troops will ", ["q0", "c0"]),
        ("probably", ["q0", "c0", "h0"]),
        (" stay", ["q0"]),
        (".", []),
    ]


def test_snippet_marks_hits_and_escapes():
    text = "x" * 300 + " the <b>airport</b> was closed " + "y" * 300
    out = str(snippet(text, ["airport"]))
    assert out.startswith("…") and out.endswith("…")
    tree = _read(out)
    assert [el.text_content() for el in tree.iter("span")] == ["airport"]
    assert "&lt;b&gt;" in out and "<b>" not in out


def test_a_cut_inside_one_line_end_reads_as_one_line_end():
    text = "aaaa\r\nbbbb"
    out = str(render(text, [Mark(0, 5, "q", "q0")]))
    assert _read(out).text_content() == "aaaa\nbbbb"
