"""One reader per input format. Each yields Documents or IngestProblems,
never raises for bad content."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from sitrep.ids import content_id
from sitrep.ingest.decode import decode
from sitrep.ingest.errors import IngestError, IngestProblem
from sitrep.ingest.furniture import blank, furniture_lines, merge
from sitrep.ingest.metadata import META_KEYS, normalize_published, read_sidecar, split_front_matter
from sitrep.lexicon.headlines import headline
from sitrep.records import Document

Item = Document | IngestProblem


def make_document(
    text: str, path: str, fmt: str, meta: dict, encoding: str | None = None
) -> Document:
    if not text.strip():
        raise IngestError("is empty (no text to analyze)")
    fields = {k: meta.get(k) for k in META_KEYS}
    extra = {k: v for k, v in meta.items() if k not in META_KEYS and v is not None}
    doc_id = content_id(text)  # of the text as read: the same file is the same document
    dropped = furniture_lines(text, fields["outlet"], fields["url"])
    if dropped:
        text = blank(text, dropped)
        extra = merge(extra, dropped)
        if not text.strip():
            raise IngestError(
                f"has only page furniture ({len(dropped)} line(s) such as "
                f"{dropped[0].text.strip()!r})"
            )
    return Document(
        id=doc_id,
        text=text,
        path=path,
        title=fields["title"],
        outlet=fields["outlet"],
        author=fields["author"],
        published=normalize_published(fields["published"]),
        url=fields["url"],
        language=fields["language"],
        encoding=encoding,
        format=fmt,
        meta=extra,
    )


def read_plain(path: Path, data: bytes, label: str) -> Iterator[Item]:
    """.txt and .md: the text is the file's text, so offsets are file offsets.

    Markdown front matter is metadata, not text: the body starts after it and
    ``meta.body_offset`` says where, so file offset = body_offset + start.
    """
    text, enc = decode(data)
    meta = read_sidecar(path)
    fields, offset = split_front_matter(text)
    if offset:
        meta = {**fields, **meta, "body_offset": offset}
        text = text[offset:]
    if not meta.get("title"):
        meta = {
            **meta,
            "title": headline(
                blank(text, furniture_lines(text, meta.get("outlet"), meta.get("url")))
            ),
        }
    yield make_document(text, label, path.suffix.lstrip(".").lower() or "txt", meta, enc)


def html_to_document(
    html: str | bytes,
    label: str,
    fmt: str,
    meta: dict,
    url: str | None = None,
    encoding: str | None = None,
) -> Document:
    """Main text and metadata via trafilatura; boilerplate, navigation and comments left out."""
    import trafilatura

    def run(**options) -> dict:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            **options,
        )
        return found.as_dict() if found is not None else {}

    result = run(favor_precision=True)
    if not (result.get("text") or "").strip():
        result = run(favor_recall=True)
    text = (result.get("text") or "").strip()
    if not text:
        raise IngestError("no article text found in this HTML page")
    found = {
        "title": result.get("title"),
        "author": result.get("author"),
        "outlet": result.get("sitename"),
        "published": result.get("date"),
        "url": result.get("url") or url,
    }
    merged = {**{k: v for k, v in found.items() if v}, **{k: v for k, v in meta.items() if v}}
    return make_document(text, label, fmt, merged, encoding)


def read_html(path: Path, data: bytes, label: str) -> Iterator[Item]:
    text, enc = decode(data)
    yield html_to_document(text, label, "html", read_sidecar(path), encoding=enc)


def read_jsonl(path: Path, data: bytes, label: str) -> Iterator[Item]:
    """One JSON object per line with ``text`` (or ``content``/``body``) and metadata fields."""
    text, _enc = decode(data)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            body = record.get("text") or record.get("content") or record.get("body")
            if not isinstance(body, str):
                raise IngestError("has no 'text' field")
            meta = {
                k: (v if isinstance(v, str | int | float) else None)
                for k, v in record.items()
                if k not in ("text", "content", "body")
            }
            meta = {k: str(v) if v is not None else None for k, v in meta.items()}
            yield make_document(body, f"{label}#{lineno}", "jsonl", meta)
        except (ValueError, IngestError) as exc:
            msg = str(exc) if isinstance(exc, IngestError) else f"is not valid JSON ({exc})"
            yield IngestProblem(
                label, f"line {msg}" if isinstance(exc, IngestError) else msg, lineno
            )


def read_feed(path: Path, data: bytes, label: str) -> Iterator[Item]:
    """RSS/Atom: each entry's content (or summary) is a document; HTML in
    it goes through trafilatura."""
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise IngestError(
            f"is not a readable RSS/Atom feed ({feed.get('bozo_exception', 'malformed')})"
        )
    outlet = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        meta = {
            "title": entry.get("title"),
            "author": entry.get("author"),
            "outlet": outlet,
            "published": entry.get("published") or entry.get("updated"),
            "url": entry.get("link"),
        }
        item_label = f"{label}#{n}"
        try:
            if "<" in body and ">" in body:
                yield html_to_document(
                    f"<html><body><article>{body}</article></body></html>",
                    item_label,
                    "feed",
                    meta,
                    url=meta["url"],
                )
            else:
                yield make_document(body.strip(), item_label, "feed", meta)
        except IngestError as exc:
            yield IngestProblem(item_label, str(exc))


DEFAULT_MAX_BYTES = 50_000_000


class TooLarge(Exception):
    """Content that decompresses past the size limit; the reader stops reading it at the limit."""


def read_bounded(stream, max_bytes: int, chunk: int = 1 << 20) -> bytes:
    """Read a (possibly decompressing) stream in chunks, never holding more than ``max_bytes``.

    A gzip bomb is a few kilobytes on disk and gigabytes decompressed: the limit must apply to
    what comes out of the decompressor, before it is all in memory.
    """
    parts: list[bytes] = []
    total = 0
    while True:
        block = stream.read(min(chunk, max_bytes + 1 - total))
        if not block:
            return b"".join(parts)
        total += len(block)
        if total > max_bytes:
            raise TooLarge(f"decompresses to more than {max_bytes / 1e6:.0f} MB")
        parts.append(block)


def read_warc(
    path: Path, data: bytes | None, label: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """HTML responses in a web archive (plain or gzipped), streamed, each through trafilatura."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with path.open("rb") as stream:
            yield from warc_items(ArchiveIterator(stream), label, max_bytes)
    except Exception as exc:  # warcio raises several types for truncated archives
        yield IngestProblem(
            label, f"web archive is damaged or truncated ({type(exc).__name__}: {exc})"
        )


def warc_items(records, label: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Each HTML record of an archive as a Document; a record over the
    limit is a problem, the rest go on."""
    for n, record in enumerate(records, 1):
        if record.rec_type not in ("response", "resource"):
            continue
        ctype = (
            record.http_headers.get_header("Content-Type")
            if record.http_headers
            else record.rec_headers.get_header("Content-Type")
        ) or ""
        if "html" not in ctype.lower():
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI")
        item_label = f"{label}#{n}"
        try:
            body = read_bounded(record.content_stream(), max_bytes)
        except TooLarge as exc:
            yield IngestProblem(
                item_label,
                f"{uri or 'record'} {exc} (set SITREP_MAX_BYTES to raise the limit); skipped",
            )
            continue
        try:
            html, enc = decode(body)
            meta = {"url": uri, "published": record.rec_headers.get_header("WARC-Date")}
            yield html_to_document(html, item_label, "warc", meta, url=uri, encoding=enc)
        except IngestError as exc:
            yield IngestProblem(item_label, f"{uri or 'record'} {exc}")


READERS = {
    ".txt": read_plain,
    ".md": read_plain,
    ".markdown": read_plain,
    ".text": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".warc": read_warc,
}


STREAMED = {read_warc}


def reader_for(path: Path):
    if path.name.lower().endswith(".warc.gz"):
        return read_warc
    return READERS.get(path.suffix.lower())
