"""Hostile input: each bad file is named once, the good ones still go in, and nothing crashes.

Every case runs ``sitrep ingest`` on a folder holding two good reports and one bad input,
then checks: exit 1 (a problem was found), no traceback, the bad input named in the output
and in the problems table exactly once, both good documents stored and analyzed. The heavy
cases (a 1.2 GB gzip bomb, a 60 MB text, 50,000 nested elements) run under ``make fuzz``.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
heavy = pytest.mark.skipif(not FUZZ, reason="heavy hostile input: runs under make fuzz")
runner = CliRunner()

GOOD = {
    "good-one.txt": 'Defence Minister Anna Teller said on 3 May that "the convoy is a routine '
    'exercise."\n',
    "good-two.txt": "According to the council, close to 6,000 protesters were arrested in "
    "Dravograd on Tuesday.\n",
}


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ingest(folder: Path, tmp_path: Path, env: dict | None = None):
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)], env=env or {})
    return result, db


def stored(db: Path) -> tuple[list[str], list[str], int]:
    with sqlite3.connect(db) as conn:
        paths = [r[0] for r in conn.execute("SELECT path FROM documents ORDER BY path")]
        problems = [r[0] for r in conn.execute("SELECT path FROM problems")]
        analyzed = conn.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]
    return paths, problems, analyzed


def check(result, db: Path, bad_name: str, *, good: int = 2) -> list[str]:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert result.output.count(bad_name) >= 1, result.output
    paths, problems, analyzed = stored(db)
    assert sum(1 for p in paths if Path(p.split("#")[0]).name.startswith("good-")) == good, paths
    assert sum(1 for p in problems if bad_name in p) == 1, problems
    assert analyzed == len(paths)
    return paths


def bomb_gz(size: int) -> bytes:
    """Gzip of ``size`` zero bytes, written in blocks so the test itself stays small in memory."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        block = b"\0" * (1 << 20)
        for _ in range(size // len(block)):
            gz.write(block)
    return out.getvalue()


def warc_bomb(size: int) -> bytes:
    """A .warc.gz whose one HTML record decompresses to ``size`` bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    class Zeros(io.RawIOBase):
        def __init__(self, n: int):
            self.left = n

        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:
            n = min(len(b), self.left)
            b[:n] = b"<" * n
            self.left -= n
            return n

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
    writer.write_record(
        writer.create_warc_record(
            "http://example.org/bomb",
            "response",
            payload=io.BufferedReader(Zeros(size)),
            length=size,
            http_headers=headers,
        )
    )
    html = (
        b"<html><body><article><p>"
        + GOOD["good-one.txt"].encode().replace(b"Anna", b"Ana")
        + b" The council said the talks would resume in Vienna on "
        b"Friday.</p></article></body></html>"
    )
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
    writer.write_record(
        writer.create_warc_record(
            "http://example.org/fine",
            "response",
            payload=io.BytesIO(html),
            length=len(html),
            http_headers=headers,
        )
    )
    return out.getvalue()


def test_warc_record_bomb_is_skipped_and_the_archive_goes_on(tmp_path):
    folder = corpus(tmp_path)
    (folder / "bomb.warc.gz").write_bytes(warc_bomb(30_000_000))
    result, db = ingest(folder, tmp_path, env={"SITREP_MAX_BYTES": "5000000"})
    assert "decompresses to more than 5 MB" in result.output
    paths = check(result, db, "bomb.warc.gz", good=2)
    assert any(p.endswith("bomb.warc.gz#4") or "bomb.warc.gz#" in p for p in paths), paths


@heavy
def test_warc_record_bomb_over_int_max(tmp_path):
    folder = corpus(tmp_path)
    (folder / "bomb.warc.gz").write_bytes(warc_bomb(2_200_000_000))
    result, db = ingest(folder, tmp_path)
    assert "decompresses to more than 50 MB" in result.output
    check(result, db, "bomb.warc.gz")


def test_gzip_bomb_is_refused_unread(tmp_path):
    folder = corpus(tmp_path)
    (folder / "bomb.txt.gz").write_bytes(bomb_gz(50_000_000))
    result, db = ingest(folder, tmp_path)
    assert "archive" in result.output
    check(result, db, "bomb.txt.gz")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY secret SYSTEM "file://SECRET">
]>
<rss version="2.0"><channel><title>Hostile Wire</title>
<item><title>Laughs</title><description>&lol9; and &secret;</description></item>
</channel></rss>
"""


def test_feed_entities_are_never_expanded_or_fetched(tmp_path):
    folder = corpus(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETVALUE-do-not-leak", encoding="utf-8")
    (folder / "laughs.rss").write_text(
        BILLION_LAUGHS.replace("SECRET", str(secret)), encoding="utf-8"
    )
    result, db = ingest(folder, tmp_path)
    assert "Traceback" not in result.output
    raw = db.read_bytes()
    assert b"TOPSECRETVALUE" not in raw
    assert b"lollollollollollol" not in raw
    paths, _problems, _ = stored(db)
    assert sum(1 for p in paths if "good-" in p) == 2


def test_fifo_in_the_folder_is_skipped_not_waited_on(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    folder = corpus(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    result, db = ingest(folder, tmp_path)
    assert "not a regular file" in result.output
    check(result, db, "pipe.txt")


def test_symlink_loops_and_odd_names(tmp_path):
    folder = corpus(tmp_path)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    odd = 'we"ird\nname ..txt'
    (folder / odd).write_text(
        "The council said on Friday that 40 buses had left Dravograd.\n", encoding="utf-8"
    )
    result, db = ingest(folder, tmp_path)
    assert "loops" in result.output
    paths = check(result, db, "loop.txt")
    assert any(p.endswith(odd) for p in paths), paths


BAD_TEXTS = {
    "nul.txt": b"The council\x00 said\x00\x00 that 12 tanks had crossed the border.\n",
    "utf16.txt": "The council said that 12 tanks had crossed the border near Dravograd on "
    "Monday.\n".encode("utf-16-le"),
    "emoji.txt": "\U0001f600\U0001f4a5\U0001f525 \U0001f680\n".encode(),
    "punct.txt": b"!!! ... ??? --- ;;; ,,,\n",
    "blank.txt": b" \n\t\n   \n",
    "arabic.txt": "\u0642\u0627\u0644 \u0627\u0644\u0645\u062c\u0644\u0633 \u0625\u0646 12 "
    "\u062f\u0628\u0627\u0628\u0629 \u0639\u0628\u0631\u062a "
    "\u0627\u0644\u062d\u062f\u0648\u062f.\n".encode(),
    "chinese.txt": "\u7406\u4e8b\u4f1a\u8868\u793a\uff0c"
    "12\u8f86\u5766\u514b\u8d8a\u8fc7\u4e86\u8fb9\u5883\u3002\n".encode(),
    "mixed.txt": "\u0421\u043e\u0432\u0435\u0442 \u0437\u0430\u044f\u0432\u0438\u043b, "
    "\u0447\u0442\u043e 12 \u0442\u0430\u043d\u043a\u043e\u0432 "
    "\u043f\u0435\u0440\u0435\u0441\u0435\u043a\u043b\u0438 "
    "\u0433\u0440\u0430\u043d\u0438\u0446\u0443. The council said 12 tanks crossed the "
    "border.\n".encode(),
    "lying.html": '<html><head><meta charset="ascii"></head><body><article><p>The council in '
    "Dravograd said that 12 tanks had crossed the border on Monday, according to "
    "the ministry.</p><p>\u00c9lise M\u00fcller said so too.</p></article></body></html>".encode(),
    "records.jsonl": b'{"id": "a", "text": null}\n{"id": "a", "text": 42}\n'
    b'{"id": "a", "text": "The council said 12 tanks crossed the border."}\n'
    b'{"id": "a", "text": "The council said 12 tanks crossed the border."}\n[1, 2]\n',
}
# what must be reported: empty text (blank/punct-only/emoji-only may be refused as empty), bad JSONL
# lines
MUST_REPORT = {"blank.txt", "records.jsonl"}


@pytest.mark.parametrize("name", sorted(BAD_TEXTS))
def test_odd_text_never_crashes(tmp_path, name):
    folder = corpus(tmp_path)
    (folder / name).write_bytes(BAD_TEXTS[name])
    result, db = ingest(folder, tmp_path)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    paths, problems, analyzed = stored(db)
    assert sum(1 for p in paths if "good-" in p) == 2
    assert analyzed == len(paths)
    if name in MUST_REPORT:
        assert result.exit_code == 1, result.output
        assert any(name in p for p in problems), problems
    assert (result.exit_code == 1) == bool(problems), (result.output, problems)
    with sqlite3.connect(db) as conn:
        assert "\x00" not in "".join(r[0] for r in conn.execute("SELECT text FROM documents"))


def test_a_long_single_line_is_read(tmp_path):
    folder = corpus(tmp_path)
    line = ("The council said that 12 tanks had crossed the border. " * 40_000)[:2_000_000]
    (folder / "long.txt").write_text(line, encoding="utf-8")
    result, db = ingest(folder, tmp_path)
    assert "Traceback" not in result.output
    paths, _problems, _ = stored(db)
    assert sum(1 for p in paths if "good-" in p) == 2


@heavy
def test_sixty_megabyte_text_is_refused_by_size(tmp_path):
    folder = corpus(tmp_path)
    with (folder / "huge.txt").open("w", encoding="utf-8") as fh:
        for _ in range(60):
            fh.write("The council said that 12 tanks had crossed the border.\n" * 19_000)
    result, db = ingest(folder, tmp_path)
    assert "over the 50 MB limit" in result.output
    check(result, db, "huge.txt")


@heavy
def test_fifty_thousand_nested_elements(tmp_path):
    folder = corpus(tmp_path)
    html = (
        "<html><body>"
        + "<div>" * 50_000
        + "<p>The council said 12 tanks crossed.</p>"
        + "</div>" * 50_000
        + "</body></html>"
    )
    (folder / "deep.html").write_text(html, encoding="utf-8")
    result, db = ingest(folder, tmp_path)
    assert "Traceback" not in result.output
    paths, _problems, _ = stored(db)
    assert sum(1 for p in paths if "good-" in p) == 2


def test_huge_jsonl_text_is_refused_by_size(tmp_path):
    folder = corpus(tmp_path)
    body = json.dumps({"id": "big", "text": "The council said 12 tanks crossed. " * 200_000})
    (folder / "big.jsonl").write_text(body + "\n", encoding="utf-8")
    result, db = ingest(folder, tmp_path, env={"SITREP_MAX_BYTES": "1000000"})
    assert "over the 1 MB limit" in result.output
    check(result, db, "big.jsonl")
