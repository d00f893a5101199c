"""The evidence browser through FastAPI's TestClient: pages, JSON twins, escaping, security."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html
from tests.test_web_store import HOSTILE, TRUSTED, add_assessment, build_store

from sitrep.deliver.web.app import create_app
from sitrep.deliver.web.security import BindRefused, check_bind
from sitrep.store.queries import open_readonly

TRUSTED_ID, HOSTILE_ID = "d0c0ffee00000001", "bad0bad0bad0bad0"
BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("web") / "sitrep.db")


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(open_readonly(db)), base_url=BASE)


def _tree(response):
    assert response.status_code == 200, response.text[:500]
    return lxml_html.fromstring(response.text)


def _pieces(tree, record_id: str) -> str:
    """The text of every highlighted segment that belongs to one record, in page order."""
    return "".join(
        el.text_content()
        for el in tree.xpath("//*[@data-ids]")
        if record_id in el.get("data-ids").split()
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/documents",
        f"/documents/{TRUSTED_ID}",
        f"/documents/{HOSTILE_ID}",
        "/actors",
        "/actors/person:oleg-varlamov",
        "/quotes",
        "/quotes?speaker=varlamov",
        "/search?q=airport",
        "/storylines",
        "/docs",
    ],
)
def test_every_page_renders(client: TestClient, path: str):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<nav>" in r.text


def test_each_page_has_a_json_twin(client: TestClient):
    docs = client.get("/api/documents").json()
    assert docs["total"] == 2 and {d["id"] for d in docs["documents"]} == {TRUSTED_ID, HOSTILE_ID}
    doc = client.get(f"/api/documents/{TRUSTED_ID}").json()
    assert doc["document"]["text"] == TRUSTED
    assert [q["content_text"] for q in doc["quotes"]] == [
        "about 300 soldiers will probably hold the airport,",
        "must resign",
    ]
    assert doc["claims"][0]["band"] == 5 and doc["hedges"][0]["text"] == "probably"
    actor = client.get("/api/actors/person:oleg-varlamov").json()
    assert actor["roles"] == ["General"]
    assert len(actor["quotes_by"]) == 2  # one under the document-level id person:varlamov
    assert [
        q["content_text"] for q in client.get("/api/actors/person:vell").json()["quotes_about"]
    ] == ["must resign"]
    assert (
        client.get("/api/quotes", params={"speaker": "Kask"}).json()["quotes"][0]["document_id"]
        == HOSTILE_ID
    )
    assert client.get(f"/api/quotes/{TRUSTED_ID}:q1").json()["spans"]
    assert client.get("/api/brief").json()["counts"]["documents"] == 2
    schema = client.get("/openapi.json").json()
    assert {
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/search",
        "/api/actors/{entity_id}",
    } <= set(schema["paths"])


def test_missing_things_are_404_in_both_forms(client: TestClient):
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/documents/nope").json() == {"detail": "no such document"}
    r = client.get("/actors/person:nobody")
    assert r.status_code == 404 and "no such actor" in r.text


def test_highlights_cover_exactly_the_stored_records_despite_overlaps(client: TestClient):
    tree = _tree(client.get(f"/documents/{TRUSTED_ID}"))
    doc = client.get(f"/api/documents/{TRUSTED_ID}").json()
    body = tree.xpath('//div[@class="doctext"]')[0]
    assert body.text_content() == TRUSTED  # highlighting adds markup, never text
    for key in ("quotes", "claims", "hedges", "mentions", "figures", "dates"):
        for rec in doc[key]:
            assert _pieces(tree, rec["id"]) == rec["text"], (key, rec["id"])
    # the claim sits inside quote 0 and holds the hedge cue
    # and the figure: one segment carries all four
    probably = [el for el in tree.xpath("//*[@data-ids]") if el.text_content() == "probably"]
    assert len(probably) == 1
    assert set(probably[0].get("class").split()) >= {"q", "qc", "claim", "band-5", "hedge"}
    assert set(probably[0].get("data-ids").split()) == {
        f"{TRUSTED_ID}:q0",
        f"{TRUSTED_ID}:c0",
        f"{TRUSTED_ID}:h0",
    }


def test_speakers_get_colours_and_a_legend(client: TestClient):
    tree = _tree(client.get(f"/documents/{TRUSTED_ID}"))
    legend = [el.text_content() for el in tree.xpath('//div[@class="legend"]/span')]
    assert legend == ["Oleg Varlamov", "Varlamov"]
    classes = {
        q: {
            c
            for el in tree.xpath("//*[@data-ids]")
            if q in el.get("data-ids").split()
            for c in el.get("class").split()
            if c.startswith("spk-")
        }
        for q in ("q0", "q1")
        for q in [f"{TRUSTED_ID}:{q}"]
    }
    assert all(len(c) == 1 for c in classes.values()) and len(set().union(*classes.values())) == 2


def test_focus_and_span_links_mark_the_evidence(client: TestClient):
    qid = f"{TRUSTED_ID}:q1"
    tree = _tree(client.get(f"/documents/{TRUSTED_ID}", params={"focus": qid}))
    anchor = tree.get_element_by_id("focus")
    assert qid in anchor.get("data-ids").split()
    assert (
        "".join(
            el.text_content()
            for el in tree.xpath('//*[contains(concat(" ", @class, " "), " focus ")]')
        )
        == TRUSTED[TRUSTED.index("Varlamov added") : -1]
    )
    start = TRUSTED.index("Vell")
    tree = _tree(client.get(f"/documents/{TRUSTED_ID}", params={"span": f"{start}-{start + 4}"}))
    assert tree.get_element_by_id("focus").text_content() == "Vell"
    assert client.get(f"/documents/{TRUSTED_ID}", params={"span": "9-99999"}).status_code == 200
    r = client.get(f"/quotes/{qid}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("#focus")


def test_a_hostile_document_renders_as_text(client: TestClient):
    r = client.get(f"/documents/{HOSTILE_ID}")
    tree = _tree(r)
    assert tree.xpath('//div[@class="doctext"]')[0].text_content() == HOSTILE
    assert not tree.xpath("//script | //img | //svg | //iframe | //object | //embed")
    assert not tree.xpath("//*[@onerror or @onload or @onmouseover or @onclick]")
    hrefs = [a.get("href") or "" for a in tree.xpath("//a")]
    assert not [h for h in hrefs if not re.match(r"^(/|\?|#|https?://)", h)], hrefs
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in r.text
    assert (
        "javascript:window.__pwned=5" in tree.xpath('//span[@class="unsafe-url"]')[0].text_content()
    )
    # the speaker's name tried to break out of the title attribute
    assert all("onmouseover" not in (el.keys()) for el in tree.iter())
    for path in (
        "/",
        "/documents",
        "/actors",
        "/actors/person:ivo-kask",
        "/quotes",
        "/search?q=silenced",
        "/search?q=%3Cscript%3E",
    ):
        t = _tree(client.get(path))
        assert not t.xpath("//script | //img | //svg"), path


def test_headers_forbid_script_and_framing(client: TestClient):
    r = client.get(f"/documents/{HOSTILE_ID}")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "script-src" not in csp
    assert (
        r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    )
    assert client.get("/api/documents").headers["content-security-policy"] == csp


def test_read_only_methods_and_store(client: TestClient, db: str):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/documents").status_code == 405
    engine = open_readonly(db)
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    with (
        pytest.raises(OperationalError, match="readonly|read-only|query_only"),
        engine.begin() as conn,
    ):
        conn.execute(text("DELETE FROM documents"))
    assert client.get("/api/documents").json()["total"] == 2


def test_a_foreign_host_header_is_refused(client: TestClient):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200


def test_a_token_guards_every_request(db: str):
    app = create_app(open_readonly(db), token="s3cret-token-123", allowed_hosts=None)
    c = TestClient(app, base_url="http://10.0.0.5")
    assert c.get("/").status_code == 401
    assert c.get("/api/documents").status_code == 401
    assert c.get("/static/sitrep.css").status_code == 401
    assert c.get("/", headers={"Authorization": "Bearer wrong-token-000"}).status_code == 401
    assert (
        c.get("/api/documents", headers={"Authorization": "Bearer s3cret-token-123"}).status_code
        == 200
    )
    assert c.get("/documents?token=wrong").status_code == 401
    r = c.get(f"/documents/{TRUSTED_ID}?token=s3cret-token-123&focus=x", follow_redirects=False)
    assert (
        r.status_code == 303
        and "token" not in r.headers["location"]
        and "focus=x" in r.headers["location"]
    )
    cookie = r.cookies.get("sitrep_session")
    assert cookie and "s3cret" not in cookie and "httponly" in r.headers["set-cookie"].lower()
    assert c.get("/documents").status_code == 200  # the cookie carries it from now on
    assert (
        TestClient(app, base_url="http://10.0.0.5", cookies={"sitrep_session": "forged"})
        .get("/")
        .status_code
        == 401
    )


def test_binding_beyond_loopback_needs_a_token(db: str, monkeypatch):
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    check_bind("localhost", None)
    with pytest.raises(BindRefused):
        check_bind("0.0.0.0", None)
    with pytest.raises(BindRefused):
        check_bind("192.168.1.10", None)
    with pytest.raises(BindRefused):
        check_bind("0.0.0.0", "short")
    check_bind("0.0.0.0", "long-enough-token")
    from typer.testing import CliRunner

    from sitrep.cli import app

    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "1"])
    assert result.exit_code == 2 and "token" in result.output
    missing = Path(db).with_name("a-long-folder-name-" * 4) / "missing.db"
    result = CliRunner().invoke(app, ["serve", "--db", str(missing)])
    # an error message is one line however long the path
    # (Rich would otherwise wrap it at 80 columns)
    assert result.exit_code == 2 and "no sitrep database" in result.output
    assert f"no sitrep database at {missing}" in result.output


def test_search_finds_documents_and_quotes(client: TestClient):
    found = client.get("/api/search", params={"q": "airport soldiers"}).json()
    assert [d["id"] for d in found["documents"]] == [TRUSTED_ID]
    assert [q["id"] for q in found["quotes"]] == [f"{TRUSTED_ID}:q0"]
    assert (
        client.get("/api/search", params={"q": "silenced"}).json()["quotes"][0]["document_id"]
        == HOSTILE_ID
    )
    tree = _tree(client.get("/search", params={"q": "airport"}))
    assert [m.text_content().lower() for m in tree.xpath('//*[contains(@class, "match")]')][:1] == [
        "airport"
    ]
    assert client.get("/api/search", params={"q": ""}).json()["documents"] == []


@given(st.text(max_size=60))
def test_search_never_breaks_on_odd_queries(client: TestClient, q: str):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 422)
    r = client.get("/search", params={"q": q})
    assert r.status_code in (200, 422)
    if r.status_code == 200:
        assert not lxml_html.fromstring(r.text).xpath("//script")


def test_stored_assessment_links_judgments_to_their_evidence(tmp_path: Path):
    db = build_store(tmp_path / "a.db")
    add_assessment(db)
    c = TestClient(create_app(open_readonly(db)), base_url=BASE)
    tree = _tree(c.get("/"))
    judgment = tree.xpath('//li[@class="judgment"]')[0]
    assert "It is likely (55–80%) that troops hold the airport." in judgment.text_content()
    assert judgment.xpath('.//span[contains(@class, "band-chip")]')[0].text_content() == "likely"
    assert judgment.xpath('.//span[contains(@class, "grade")]')[0].text_content() == "B3"
    passage = TRUSTED[TRUSTED.index("about 300") : TRUSTED.index(" and Varlamov")]
    lead = _tree(c.get(judgment.xpath('.//a[@class="passage-link"]')[0].get("href")))
    assert (
        lead.get_element_by_id("focus").text_content()
        == passage[: len(lead.get_element_by_id("focus").text_content())]
    )
    assert (
        "".join(el.text_content() for el in lead.xpath('//*[contains(@class, "evidence")]'))
        == passage
    )
    story = _tree(c.get(judgment.xpath('.//a[@class="judgment-link"]')[0].get("href")))
    assert "Drovna Herald" in story.get_element_by_id("origins").text_content()
    evidence = story.xpath('//a[contains(@class, "evidence-link")]')[0].get("href")
    doc = _tree(c.get(evidence))
    assert (
        "".join(el.text_content() for el in doc.xpath('//*[contains(@class, "evidence")]'))
        == passage
    )
    assert c.get("/api/storylines").json()["storylines"][0]["reliability"] == "B"
    assert c.get("/api/storylines/s-1").json()["origins"][0]["name"] == "Drovna Herald"
    actor = c.get("/api/actors/person:oleg-varlamov").json()
    assert [side["stance"] for side in actor["contradictions"][0]["sides"]] == [
        "supportive",
        "accusatory",
    ]
    assert (
        "accusatory"
        in _tree(c.get("/actors/person:oleg-varlamov")).get_element_by_id("stance").text_content()
    )
    assert c.get("/storylines/nope").status_code == 404


def test_a_store_without_an_assessment_says_so(client: TestClient):
    assert "No assessment is stored yet" in client.get("/").text
    assert client.get("/api/storylines").json() == {
        "available": False,
        "storylines": [],
        "contradictions": [],
    }


def test_brief_has_its_own_address(client: TestClient):
    r = client.get("/brief", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/"
    assert client.get("/brief").status_code == 200


def test_over_time_lists_each_statement_once():
    from sitrep.store.queries import statements_over_time

    quote = {
        "kind": "indirect",
        "document_id": "d1",
        "start": 10,
        "end": 60,
        "band": None,
        "content_text": "x",
    }
    claim = {
        "kind": None,
        "document_id": "d1",
        "start": 20,
        "end": 60,
        "band": "likely",
        "text": "x",
    }
    other = {"kind": None, "document_id": "d2", "start": 20, "end": 60, "band": None, "text": "y"}
    rows = statements_over_time([quote], [claim, other])
    assert [(r["kind"], r["document_id"]) for r in rows] == [("quote", "d1"), ("claim", "d2")]
    assert rows[0]["quote_kind"] == "indirect" and rows[0]["band"] == "likely"


def test_search_knows_other_spellings_of_a_name(client: TestClient):
    plain = client.get("/api/search", params={"q": "Varlamov"}).json()
    assert plain["documents"], "the trusted document names Varlamov"
    for spelling in ("Varlamow", "oleg varlamov", "VARLAMOV"):
        found = client.get("/api/search", params={"q": spelling}).json()
        assert [d["id"] for d in found["documents"]] == [d["id"] for d in plain["documents"]], (
            spelling
        )
    assert client.get("/api/search", params={"q": "Varlamow"}).json()["expanded"]["Varlamow"]
    assert client.get("/api/search", params={"q": "Qqqqqq"}).json()["documents"] == []


def test_snippets_read_markdown_as_text():
    from sitrep.deliver.web.highlight import as_text, snippet

    assert (
        as_text("## Tanks\n> **At** the [airport](https://x.example/a)") == "Tanks\nAt the airport"
    )
    assert "https://" not in snippet("See [the airport](https://x.example/a) today", ["airport"])


def test_serve_says_when_the_port_is_taken(db):
    import socket

    from typer.testing import CliRunner

    from sitrep.cli import app

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", db, "--port", str(port)])
    assert result.exit_code == 2
    assert "already in use" in result.output and "--port" in result.output
    assert "Serving" not in result.output


def test_search_finds_a_name_across_scripts(tmp_path):
    """'Варламов' finds the English report and 'Varlamov' the Russian one: search goes
    through the resolved actor's names in every script, not only the literal text."""
    from sitrep.analyze import analyze_docs
    from sitrep.ids import content_id
    from sitrep.pipeline import resolve
    from sitrep.records import Document
    from sitrep.store import write
    from sitrep.store.db import connect

    texts = [
        (
            "Colonel-General Oleg Varlamov said on Monday that the army would stay in barracks.",
            "en",
        ),
        ("Генерал-полковник Олег Варламов заявил, что армия останется в казармах.", "ru"),
    ]
    docs = [Document(id=content_id(t), text=t, language=lang) for t, lang in texts]
    path = tmp_path / "scripts.db"
    engine = connect(str(path))
    for doc, analysis in analyze_docs(docs):
        write.add_document(engine, doc)
        write.save_analysis(engine, doc.id, analysis, "test")
    resolve(engine)
    client = TestClient(create_app(open_readonly(str(path))), base_url=BASE)
    both = {d.id for d in docs}
    for q in ("Varlamov", "Варламов", "Oleg Varlamov", "Олег Варламов"):
        found = {d["id"] for d in client.get("/api/search", params={"q": q}).json()["documents"]}
        assert found == both, q
