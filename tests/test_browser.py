"""The evidence browser in real headless Chromium, over the example corpus plus a hostile document.

Checks what only a browser can: highlights land on the stored characters, a reader can
click from a key judgment to its evidence, a hostile document's script never runs, the
layer switches work without script, and pages fit a phone. Screenshots go to
test-output/browser/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-output" / "browser"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
HOSTILE_TEXT = """Hostile page <script>window.__pwned=1;alert('script')</script>

Look: <img src=x onerror="window.__pwned=2;alert('img')"> and <svg onload="window.__pwned=3"></svg>.
Read <a href="javascript:window.__pwned=4;alert('link')">this link</a> or \
<a href=" JaVaScRiPt:alert(5)">that one</a>.

"We will not be silenced <b>ever</b>," said Ivo Kask, a spokesman for the group.
<iframe src="javascript:alert(6)"></iframe><style>body{display:none}</style>
"""
HOSTILE_META = """title = "<img src=x onerror=window.__pwned=7>Hostile title"
outlet = "Evil <b>Outlet</b>"
published = "2026-03-07"
url = "javascript:window.__pwned=8"
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory, examples_dir: Path) -> Path:
    """The example corpus and one hostile document, through `sitrep assess` (the main job)."""
    from typer.testing import CliRunner

    from sitrep.cli import app

    root = tmp_path_factory.mktemp("browser")
    corpus = root / "corpus"
    shutil.copytree(examples_dir, corpus)
    (corpus / "2026-03-07-hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (corpus / "2026-03-07-hostile.meta.toml").write_text(HOSTILE_META, encoding="utf-8")
    db = root / "sitrep.db"
    result = CliRunner().invoke(
        app, ["assess", str(corpus), "--db", str(db), "--out", str(root / "out")]
    )
    assert db.is_file(), result.output
    return db


@pytest.fixture(scope="module")
def server(store: Path):
    """`sitrep serve`'s app on a free loopback port, in a background thread."""
    import uvicorn

    from sitrep.deliver.web.app import create_app
    from sitrep.store.queries import open_readonly

    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(
            create_app(open_readonly(str(store))), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            "headless Chromium not installed at /usr/bin/chromium: run `make services` "
            "(scripts/services.d/chromium.sh) or `apt-get install chromium chromium-driver`"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def _api(page, base: str, path: str):
    response = page.request.get(base + path)
    assert response.ok, path
    return response.json()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


PIECES = """() => {
  const out = {};
  for (const el of document.querySelectorAll('.doctext [data-ids]')) {
    for (const id of el.dataset.ids.split(' ')) out[id] = (out[id] || '') + el.textContent;
  }
  return out;
}"""


def test_highlights_sit_on_the_stored_quotes_and_claims(server: str, page):
    docs = _api(page, server, "/api/documents?limit=1000")["documents"]
    assert len(docs) >= 20
    checked = 0
    for d in docs:
        records = _api(page, server, f"/api/documents/{d['id']}")
        page.goto(f"{server}/documents/{d['id']}")
        text = page.eval_on_selector(".doctext", "el => el.textContent")
        assert text == records["document"]["text"].replace("\r\n", "\n").replace("\r", "\n")
        pieces = page.evaluate(PIECES)
        for rec in records["quotes"] + records["claims"]:
            assert pieces.get(rec["id"]) == rec["text"], (d["title"], rec["id"])
            checked += 1
    assert checked > 50
    busiest = max(docs, key=lambda d: d["quote_count"])
    page.goto(f"{server}/documents/{busiest['id']}")
    _shot(page, "document-desktop")


def test_click_from_a_key_judgment_to_its_evidence(server: str, page):
    page.goto(server + "/")
    _shot(page, "brief-desktop")
    judgments = page.locator("li.judgment")
    assert judgments.count() > 0, "the example corpus should yield key judgments"
    first = _api(page, server, "/api/brief")["judgments"][0]
    story = _api(page, server, f"/api/storylines/{first['storyline_id']}")
    # the judgment's lead passage, highlighted and scrolled into view
    judgments.first.locator("a.passage-link").click()
    page.wait_for_load_state()
    assert f"/documents/{story['lead_document_id']}" in page.url and page.url.endswith("#focus")
    passage = "".join(page.locator(".doctext .evidence").all_text_contents())
    text = _api(page, server, f"/api/documents/{story['lead_document_id']}")["document"]["text"]
    assert passage == text[story["lead_start"] : story["lead_end"]]
    assert page.locator("#focus").is_visible()
    box, height = page.locator("#focus").bounding_box(), page.viewport_size["height"]
    assert 0 <= box["y"] < height, "the evidence should be scrolled into view"
    _shot(page, "judgment-evidence")
    # the judgment's storyline, then one of its members in context
    page.go_back()
    page.locator("li.judgment").first.locator("a.judgment-link").click()
    page.wait_for_load_state()
    assert "/storylines/" in page.url
    _shot(page, "storyline-desktop")
    page.locator("#members a.evidence-link").first.click()
    page.wait_for_load_state()
    member = story["members"][0]
    assert "".join(page.locator(".doctext .evidence").all_text_contents()) == member["text"]


def test_click_from_a_quote_to_where_it_was_said(server: str, page):
    page.goto(server + "/quotes")
    link = page.locator("a.evidence-link").first
    quote_id = link.get_attribute("data-quote")
    quote = _api(page, server, f"/api/quotes/{quote_id}")
    link.click()
    page.wait_for_load_state()
    assert "".join(page.locator(".doctext .focus").all_text_contents()) == quote["text"]
    assert page.locator("#focus").is_visible()


def test_a_hostile_document_cannot_run_script(server: str, page):
    docs = _api(page, server, "/api/documents?limit=1000")["documents"]
    hostile = next(
        d for d in docs if d["published"] == "2026-03-07" and "Hostile" in (d["title"] or "")
    )
    page.goto(f"{server}/documents/{hostile['id']}")
    for target in (
        page.get_by_text("this link", exact=False).first,
        page.get_by_text("Hostile title").first,
    ):
        target.hover()
        target.click()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert (
        page.locator(
            ".doctext script, .doctext img, .doctext svg, .doctext iframe, .doctext a"
        ).count()
        == 0
    )
    assert page.locator("script, img, iframe, svg").count() == 0
    assert page.locator('a[href^="javascript:" i], a[href*="javascript:" i]').count() == 0
    shown = page.locator(".doctext").text_content()
    assert "<script>window.__pwned=1;alert('script')</script>" in shown
    assert "<img src=x onerror=\"window.__pwned=2;alert('img')\">" in shown
    assert page.locator("h1").text_content() == "<img src=x onerror=window.__pwned=7>Hostile title"
    assert page.locator("body").is_visible()  # the document's <style> did not apply either
    page.locator("details.metadata summary").click()
    assert page.locator(".unsafe-url").text_content() == "javascript:window.__pwned=8"
    _shot(page, "hostile-document")
    for path in ("/", "/documents", "/quotes", "/search?q=silenced", "/search?q=%3Cscript%3E"):
        page.goto(server + path)
        assert page.evaluate("typeof window.__pwned") == "undefined" and page.dialogs == [], path


def test_layer_switches_work_without_script(server: str, page):
    docs = _api(page, server, "/api/documents?limit=1000")["documents"]
    busiest = max(docs, key=lambda d: d["quote_count"])
    page.goto(f"{server}/documents/{busiest['id']}")
    content = page.locator(".doctext .hl.qc").first
    coloured = content.evaluate("el => getComputedStyle(el).backgroundColor")
    assert coloured not in ("rgba(0, 0, 0, 0)", "transparent")
    page.locator("label[for=show-quotes]").click()
    assert content.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.locator("label[for=show-quotes]").click()
    assert content.evaluate("el => getComputedStyle(el).backgroundColor") == coloured


def test_pages_fit_a_phone(server: str, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    docs = _api(page, server, "/api/documents?limit=1000")["documents"]
    busiest = max(docs, key=lambda d: d["quote_count"])
    actor = _api(page, server, "/api/actors?type=person&limit=1")["actors"][0]
    story = _api(page, server, "/api/storylines")["storylines"][0]
    pages = {
        "brief": "/",
        "documents": "/documents",
        "document": f"/documents/{busiest['id']}",
        "actor": f"/actors/{actor['id']}",
        "storyline": f"/storylines/{story['id']}",
        "search": "/search?q=airport",
        "quotes": "/quotes",
        "api": "/docs",
    }
    for name, path in pages.items():
        page.goto(server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than a phone"
        _shot(page, f"{name}-phone")
    context.close()
