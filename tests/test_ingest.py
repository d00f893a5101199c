"""Ingest: formats, metadata, encodings, and problems that never stop a batch."""

from __future__ import annotations

import codecs
import gzip
import io
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitrep.ingest import IngestProblem, read_sources
from sitrep.ingest.decode import decode
from sitrep.records import Document

ARTICLE = "Drovna, 27 Feb. Troops were seen near the airport, witnesses said.\n"


def _read(*paths, **overrides):
    docs, problems = [], []
    for item in read_sources([str(p) for p in paths], overrides):
        (problems if isinstance(item, IngestProblem) else docs).append(item)
    return docs, problems


def test_txt_keeps_file_text_and_sidecar_metadata(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text(
        'outlet = "Drovna Herald"\npublished = 2026-02-27\nauthor = "M. Tal"\n'
    )
    [doc], problems = _read(f)
    assert problems == []
    assert doc.text == f.read_text(encoding="utf-8")
    assert (doc.outlet, doc.published, doc.author) == ("Drovna Herald", "2026-02-27", "M. Tal")
    assert doc.encoding == "utf-8" and doc.format == "txt" and doc.language == "en"


def test_markdown_front_matter_is_metadata_with_body_offset(tmp_path: Path):
    f = tmp_path / "b.md"
    f.write_text(
        "---\ntitle: Tanks at the airport\noutlet: Baltic Monitor\npublished: 2026-02-28\n---\n"
        + ARTICLE
    )
    [doc], _ = _read(f)
    assert doc.title == "Tanks at the airport" and doc.outlet == "Baltic Monitor"
    assert doc.text == ARTICLE
    raw = f.read_text()
    assert raw[doc.meta["body_offset"] :] == doc.text


def test_same_content_same_id(tmp_path: Path):
    (tmp_path / "x.txt").write_text(ARTICLE)
    (tmp_path / "y.txt").write_text(ARTICLE)
    docs, _ = _read(tmp_path)
    assert len(docs) == 2 and docs[0].id == docs[1].id


def test_encodings_detected(tmp_path: Path):
    ru = "Генерал Олег Варламов заявил, что армия сохраняет нейтралитет. " * 3
    cases = {
        "utf16bom.txt": (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16"),
        "utf16nobom.txt": (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        "cp1251.txt": (ru.encode("cp1251"), "cp1251"),
        "latin1.txt": (
            "Le général a déclaré à Zürich que la situation était grave. ".encode("latin-1"),
            None,
        ),
    }
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    docs, problems = _read(tmp_path)
    assert problems == []
    by_path = {Path(d.path).name: d for d in docs}
    assert by_path["utf16bom.txt"].text == ARTICLE
    assert by_path["utf16nobom.txt"].encoding == "utf-16-le"
    assert by_path["cp1251.txt"].text == ru and by_path["cp1251.txt"].encoding == "cp1251"
    assert "général" in by_path["latin1.txt"].text


def test_html_main_text_without_boilerplate(tmp_path: Path):
    html = """<html><head><title>Coup fears grow | Drovna Herald</title>
    <meta property="og:site_name" content="Drovna Herald"><meta name="author" content="Ana Brel">
    <meta property="article:published_time" content="2026-02-27T09:00:00Z"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <article><h1>Coup fears grow in Drovna</h1>
    <p>Armoured vehicles were seen near the presidential palace in Drovna on Thursday morning, \
according to several witnesses who spoke to the Herald.</p>
    <p>“We have never seen anything like this,” said Petra Lind, a shopkeeper on Station Street, \
who closed early and sent her staff home before noon.</p>
    <p>The defence ministry did not respond to requests for comment \
on the movements of the Third Armoured Brigade.</p></article>
    <section id="comments"><h3>Comments</h3>\
<div class="comment">Fake news!!! Bring back the king</div>
    <form><h3>Leave a reply</h3><textarea></textarea><button>Post comment</button></form></section>
    <footer>© Drovna Herald</footer></body></html>"""
    f = tmp_path / "page.html"
    f.write_text(html)
    [doc], problems = _read(f)
    assert problems == []
    assert "Armoured vehicles" in doc.text and "Petra Lind" in doc.text
    assert (
        "Leave a reply" not in doc.text
        and "Bring back the king" not in doc.text
        and "Sport" not in doc.text
    )
    assert doc.published == "2026-02-27"


def test_jsonl_reports_broken_lines_and_keeps_good_ones(tmp_path: Path):
    f = tmp_path / "items.jsonl"
    f.write_text(
        json.dumps({"text": ARTICLE, "outlet": "Meridian Press"})
        + "\n{broken\n"
        + json.dumps({"title": "no text"})
        + "\n"
        + json.dumps({"text": ARTICLE + " More."})
        + "\n"
    )
    docs, problems = _read(f)
    assert len(docs) == 2 and docs[0].outlet == "Meridian Press"
    assert [p.line for p in problems] == [2, 3]
    assert all("items.jsonl" in str(p) for p in problems)


def test_feed_entries(tmp_path: Path):
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>The Northern Ledger</title>
    <item><title>Curfew in Kelmar</title><link>https://ledger.example/curfew</link>
    <pubDate>Sat, 28 Feb 2026 10:00:00 GMT</pubDate>\
<description>A curfew was declared in Kelmar on Saturday, officials said.</description></item>
    </channel></rss>"""
    f = tmp_path / "feed.xml"
    f.write_text(rss)
    [doc], problems = _read(f)
    assert problems == [] and doc.outlet == "The Northern Ledger" and doc.published == "2026-02-28"
    assert doc.text.startswith("A curfew was declared")


def test_warc_html_records(tmp_path: Path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = (
        "<html><body><article><p>"
        + "Soldiers blocked the bridge in Ostrovets on Sunday, residents said. " * 5
        + "</p></article></body></html>"
    ).encode()
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0"
    )
    writer.write_record(
        writer.create_warc_record(
            "https://example.org/a", "response", payload=io.BytesIO(body), http_headers=headers
        )
    )
    (tmp_path / "crawl.warc.gz").write_bytes(gzip.compress(buf.getvalue()))
    [doc], problems = _read(tmp_path / "crawl.warc.gz")
    assert (
        problems == []
        and "Soldiers blocked the bridge" in doc.text
        and doc.url == "https://example.org/a"
    )


def test_bad_inputs_are_reported_and_batch_goes_on(tmp_path: Path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "archive.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    (tmp_path / "loop").symlink_to(tmp_path)
    docs, problems = _read(tmp_path, tmp_path / "missing.txt")
    assert [Path(d.path).name for d in docs] == ["good.txt"]
    messages = {Path(p.path).name: p.message for p in problems}
    assert "empty" in messages["empty.txt"]
    assert "binary" in messages["binary.txt"]
    assert "zip" in messages["archive.zip"] or "archive" in messages["archive.zip"]
    assert "no such file" in messages["missing.txt"]


def test_overrides_fill_metadata(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    [doc], _ = _read(f, outlet="Veskaria Today", published="27 February 2026")
    assert doc.outlet == "Veskaria Today" and doc.published == "2026-02-27"


@given(st.binary(max_size=2000))
def test_decode_never_crashes_unexpectedly(data: bytes):
    from sitrep.ingest.errors import IngestError

    try:
        text, enc = decode(data)
    except IngestError:
        return
    assert isinstance(text, str) and enc


@given(st.text(max_size=500))
def test_any_utf8_text_file_roundtrips(tmp_path_factory, text: str):
    d = tmp_path_factory.mktemp("h")
    f = d / "t.txt"
    f.write_bytes(text.encode("utf-8", "surrogatepass") if "\ud800" not in text else b"x")
    for item in read_sources([str(f)]):
        if isinstance(item, Document):
            assert item.text == f.read_bytes().decode("utf-8", "surrogatepass")


def test_a_short_utf8_text_with_a_nul_is_not_read_as_utf16():
    """Found by the round-trip property: four bytes with a zero in them were taken for
    UTF-16 ('0\\x00\\x80' came back as '0胂'); they are UTF-8 holding a NUL, so not text."""
    import pytest

    from sitrep.ingest.decode import decode
    from sitrep.ingest.errors import IngestError

    for data in ("0\x00\x80".encode(), b"000\x00"):
        with pytest.raises(IngestError):
            decode(data)
    utf16 = "Soldiers held the bridge at Drovna on Monday.".encode("utf-16-le")
    assert decode(utf16) == ("Soldiers held the bridge at Drovna on Monday.", "utf-16-le")
