"""The brief: sections an analyst expects, evidence links that resolve.

Hostile source text is made inert.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from factories import SOURCES, corpus
from sitrep.assess import assess_corpus
from sitrep.deliver.brief import highlight, md_text, render_brief, safe_url
from sitrep.ids import content_id
from sitrep.records import ActorRef, Analysis, Claim, Document


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        d = dict(attrs)
        if "id" in d:
            self.ids.add(d["id"])
        if tag == "a" and "href" in d:
            self.hrefs.append(d["href"])


def _render(tmp_path, items, **kw):
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    a = assess_corpus(items, None, sources)
    html, md = render_brief(items, tmp_path / "out", assessment=a, **kw)
    return a, html.read_text(encoding="utf-8"), md.read_text(encoding="utf-8")


def test_brief_sections_and_links(tmp_path):
    a, html, md = _render(tmp_path, corpus(), title="Kapital crisis")
    for heading in (
        "Key judgments",
        "Storylines",
        "Contradictions and changes of stance",
        "Who said what",
        "Figures",
        "Timeline",
        "Caveats",
        "Sources",
        "Evidence",
    ):
        assert heading in html and f"## {heading}" in md
    assert (
        "<style>" in html and "<link" not in html and "<script" not in html
    )  # self-contained, no scripts
    parsed = _Collect()
    parsed.feed(html)
    internal = [h[1:] for h in parsed.hrefs if h.startswith("#")]
    assert internal and all(
        h in parsed.ids for h in internal
    )  # every evidence link lands somewhere
    assert all(h.startswith(("#", "https://", "http://")) for h in parsed.hrefs)
    assert "Circular reporting" in html and "Delta TV" in html
    assert "close to 6,000" in html and "some 4,500" in html
    assert "Pavel Orlov" in html and "dismissive" in html and "accusatory" in html
    kj = html[html.index('id="judgments"') : html.index('id="storylines"')]
    assert "Pavel Orlov changed stance" in kj  # a change of stance is a headline, not a footnote
    assert html.count("<mark>") == len(re.findall(r'id="ev-E\d+"', html)) > 0
    assert 'name="viewport"' in html and "@media print" in html
    for j in a.judgments:
        assert not j.words or f"{j.words} ({j.probability})" in kj
        assert j.confidence_text.split(" (")[0] in kj


def test_hostile_source_text_is_inert(tmp_path):
    evil = "<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>"
    items = []
    for n, outlet in enumerate(("Alpha Wire", "Gamma Times")):
        text = (
            f"Headline {n}\n\nThe council seized the television centre on Friday night "
            f"{evil} and closed the airport."
        )
        doc = Document(
            id=content_id(text),
            text=text,
            outlet=outlet,
            published=f"2026-03-0{n + 1}",
            title=f"<b>{evil}</b>",
            url="javascript:alert(4)",
            path=f"{n}.txt",
        )
        s = text.index("The council")
        claim = Claim(s, len(text), text[s:], ActorRef(None, outlet, "author"))
        items.append((doc, Analysis(claims=[claim])))
    a, html, md = _render(tmp_path, items)
    assert a.storylines, "the two reports should form a storyline"
    assert "<script>" not in html and "<img" not in html
    assert not re.search(r"=\s*[\"']?\s*javascript:", html, re.IGNORECASE)  # never in an attribute
    parsed = _Collect()
    parsed.feed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert "&lt;script&gt;" in html
    assert "<script>" not in md and "<img" not in md
    assert not re.search(r"(?<!\\)\]\(javascript", md)  # no live Markdown link


def test_safe_url_and_markdown_escaping():
    assert safe_url("javascript:alert(1)") == "#"
    assert safe_url(" HTTPS://example.org/x ") == "HTTPS://example.org/x"
    assert safe_url(None) == "#"
    assert md_text("a|b\n<i>[x](y)") == "a\\|b &lt;i&gt;\\[x\\](y)"


def test_highlight_marks_the_sentence_in_its_paragraph():
    items = corpus()
    a = assess_corpus(items)
    ev = next(e for e in a.evidence if "Delta TV has learned" in e.text)
    marked = str(highlight(ev))
    assert marked.count("<mark>") == 1
    inside = marked[marked.index("<mark>") + 6 : marked.index("</mark>")]
    assert inside.replace("&#39;", "'") == ev.text


def test_brief_without_an_assessment_or_records(tmp_path):
    text = "Nothing happened today in the capital, officials said."
    doc = Document(id=content_id(text), text=text, outlet="X", published="2026-01-01")
    items = [(doc, Analysis())]
    html, md = render_brief(items, tmp_path, assessment=assess_corpus(items))
    assert "No statement" in html.read_text(encoding="utf-8")
    assert md.read_text(encoding="utf-8").startswith("# Preliminary assessment")


def _evidence_lines(
    text: str, path: str, title: str | None, published: str | None, outlet: str | None = None
):
    doc = Document(
        content_id(text + path), text, path=path, title=title, published=published, outlet=outlet
    )
    s = text.index("It seems likely")
    e = len(text) - 1
    estimate = Claim(s, e, text[s:e], ActorRef(None, "author", kind="author"), band=5)
    items = [(doc, Analysis(claims=[estimate]))]
    a = assess_corpus(items)
    html, md = render_brief(items, Path(path).parent / "out", assessment=a)
    lines = [ln for ln in md.read_text(encoding="utf-8").splitlines() if ln.startswith("**E1**")]
    return lines, html.read_text(encoding="utf-8")


def test_an_evidence_line_names_a_document_without_an_outlet_once(tmp_path):
    text = "The Orsk floods\n\nIt seems likely that the army will withdraw from the Orsk valley."
    path = str(tmp_path / "notes" / "orsk-notes.txt")
    lines, html = _evidence_lines(text, path, None, None)
    assert len(lines) == 1 and lines[0].count("orsk-notes") == 1 and "undated" not in lines[0]
    assert str(tmp_path) not in lines[0]  # the file's name, not its path
    lines, _ = _evidence_lines(text, path, "The Orsk floods", "2026-06-03")
    assert (
        lines[0].count("orsk-notes") == 1
        and "The Orsk floods" in lines[0]
        and "2026-06-03" in lines[0]
    )
    lines, _ = _evidence_lines(text, path, "The Orsk floods", "2026-06-03", outlet="Orsk Courier")
    assert "Orsk Courier" in lines[0] and "orsk-notes" not in lines[0]
