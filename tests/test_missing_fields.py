"""The main job on corpora where any field may be missing: undated, untitled, outlet-less input.

Hypothesis builds small corpora from sentences that carry quotes, figures, dates and
estimates, with metadata given through a sidecar, front matter, a JSONL record, or not
at all, then runs ingest -> analyze -> assess -> brief -> export -> the web pages. Each
stage must take ``None`` anywhere without an exception, and the brief must be complete.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.deliver.missing import by_day
from sitrep.deliver.web.app import create_app
from sitrep.store.queries import open_readonly

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
runner = CliRunner()

SENTENCES = [
    'Defence Minister Anna Teller said the convoy was "a routine exercise".',
    "According to the interior ministry, close to 6,000 protesters were arrested on Tuesday.",
    "It seems likely that the airport will stay closed for several days.",
    '"We will not negotiate under pressure," General Piet Varga told reporters in Brussels.',
    "The council said on 3 May that 14 armoured vehicles had entered the capital.",
    "Officials say it is possible that the talks resume next week.",
    "Reuters is reporting that the president left the country the next day.",
    "Teller later denied that any troops had been moved.",
    "Protesters gathered in Kyiv and Lviv, where at least 200 people were detained.",
    "We can't conclude yet whether the strike was ordered from Moscow.",
]
FIELD = st.one_of(
    st.none(), st.just(""), st.sampled_from(["Meridian Press", "Baltic Monitor", "x"])
)
DATE = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["2026-02-25", "26 February 2026", "yesterday", "not a date"]),
)
URL = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["https://example.org/a", "javascript:alert(1)", "not a url"]),
)


@st.composite
def documents(draw) -> dict:
    body = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6)))
    paragraphs = draw(st.booleans())
    if paragraphs:
        body = body.replace(". ", ".\n\n", 2)
    return {
        "text": body,
        "title": draw(FIELD),
        "outlet": draw(FIELD),
        "author": draw(FIELD),
        "published": draw(DATE),
        "url": draw(URL),
        "how": draw(st.sampled_from(["plain", "sidecar", "front-matter", "jsonl"])),
    }


def _write(folder: Path, docs: list[dict]) -> None:
    lines = []
    for i, d in enumerate(docs):
        meta = {
            k: d[k] for k in ("title", "outlet", "author", "published", "url") if d[k] is not None
        }
        if d["how"] == "plain":
            (folder / f"doc{i}.txt").write_text(d["text"], encoding="utf-8")
        elif d["how"] == "sidecar":
            (folder / f"doc{i}.txt").write_text(d["text"], encoding="utf-8")
            (folder / f"doc{i}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        elif d["how"] == "front-matter":
            head = "".join(f"{k}: {v}\n" for k, v in meta.items())
            (folder / f"doc{i}.md").write_text(f"---\n{head}---\n{d['text']}", encoding="utf-8")
        else:
            lines.append(json.dumps({"text": d["text"], **{k: d[k] for k in meta}}))
    if lines:
        (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _pages(client: TestClient) -> None:
    for path in (
        "/",
        "/documents",
        "/actors",
        "/quotes",
        "/storylines",
        "/search?q=troops",
        "/api/brief",
        "/api/documents",
        "/api/actors",
        "/api/quotes",
        "/api/storylines",
    ):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:400])
    for d in client.get("/api/documents").json()["documents"][:4]:
        assert client.get(f"/documents/{d['id']}").status_code == 200
    for a in client.get("/api/actors").json()["actors"][:4]:
        r = client.get(f"/actors/{a['id']}")
        assert r.status_code == 200, r.text[:400]
    for s in client.get("/api/storylines").json()["storylines"][:3]:
        assert client.get(f"/storylines/{s['id']}").status_code == 200


@settings(max_examples=200 if FUZZ else 6)
@given(st.lists(documents(), min_size=1, max_size=4))
def test_any_missing_field_gives_a_complete_brief(docs: list[dict]):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus, out = root / "corpus", root / "out"
        corpus.mkdir()
        _write(corpus, docs)
        db = str(root / "s.db")
        result = runner.invoke(app, ["assess", str(corpus), "--db", db, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        html = (out / "brief.html").read_text(encoding="utf-8")
        md = (out / "brief.md").read_text(encoding="utf-8")
        for section in ("Key judgments", "Sources", "Timeline"):
            assert section.lower() in html.lower() and section.lower() in md.lower(), section
        for text in (re.sub(r"<[^>]+>", " ", html), md):
            assert not re.search(r"\bNone\b(?! found)", text), "a missing value printed as None"
        again = runner.invoke(app, ["brief", "--db", db, "--out", str(out)])
        assert again.exit_code == 0, again.output
        for fmt in ("jsonl", "csv"):
            exported = runner.invoke(app, ["export", "--db", db, "-f", fmt, "-o", str(root / fmt)])
            assert exported.exit_code == 0, exported.output
        _pages(TestClient(create_app(open_readonly(db)), base_url="http://127.0.0.1"))


def test_undated_items_group_last_and_never_compare():
    items = [
        {"date": None, "n": 1},
        {"date": "2026-02-25", "n": 2},
        {"date": None, "n": 3},
        {"date": "", "n": 4},
    ]
    assert by_day(items) == [("2026-02-25", [items[1]]), (None, [items[0], items[2], items[3]])]
